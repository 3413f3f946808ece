"""The Qt binding must not lose references to None.

PySide6-Essentials 6.12.0 returns None from C++ without counting the reference: every read
of an item role that was never set, and every call that returns nothing, takes one away.
Python 3.11 does not make None immortal, so the app aborted with "Fatal Python error:
none_dealloc" after a day of use. These loops catch such a release before a teacher does.
Each stops at the first sign of drift, so a broken binding fails the test instead of
aborting the whole run."""
from __future__ import annotations

import subprocess
import sys

import pytest

from iep_studio.ui.qt import (
    QComboBox, QListWidgetItem, QTableWidget, QTableWidgetItem, Qt, QTreeWidgetItem, QWidget,
)

READS = 10_000
SLACK = 50  # the interpreter's own bookkeeping may move the count by a few
ID = Qt.ItemDataRole.UserRole


def drift_of_none(call, reads: int = READS) -> int:
    """How far the count of references to None moved over `reads` calls (0 when sound)."""
    call()  # anything cached on first use is in place before counting
    before = sys.getrefcount(None)
    for done in range(reads):
        call()
        if done % 100 == 99 and sys.getrefcount(None) - before <= -SLACK:
            break
    return sys.getrefcount(None) - before


def assert_none_kept(call) -> None:
    """Losing references is what kills the app; a count that grows is harmless (6.10 and
    6.11 add one for each item's first tooltip, and never take it back)."""
    drift = drift_of_none(call)
    assert drift > -SLACK, f"the binding lost {-drift} references to None"


def table_item():
    table = QTableWidget(1, 1)
    table.setItem(0, 0, QTableWidgetItem("张小明"))
    return table, table.item(0, 0)


def combo_without_ids():
    combo = QComboBox()
    combo.addItem("全部")
    return combo


# Every kind of item the app keeps an id in, read where no id was set. Each maker returns
# the read; the default arguments keep the widgets alive while it runs.
def table_item_read():
    table, item = table_item()
    return lambda table=table: item.data(ID)


def list_item_read():
    item = QListWidgetItem("目标")
    return lambda: item.data(ID)


def tree_item_read():
    item = QTreeWidgetItem(["目标"])
    return lambda: item.data(0, ID)


def standard_item_read():  # a combo's entries are standard items
    combo = combo_without_ids()
    return lambda combo=combo: combo.model().item(0).data(ID)


def combo_item_data_read():
    combo = combo_without_ids()
    return lambda: combo.itemData(0)


def combo_current_data_read():
    combo = combo_without_ids()
    return lambda: combo.currentData()


def empty_combo_current_data_read():
    combo = QComboBox()
    return lambda: combo.currentData()


def model_index_read():
    table, _item = table_item()
    return lambda: table.model().index(0, 0).data(ID)


UNSET_READS = {
    "table item": table_item_read, "list item": list_item_read, "tree item": tree_item_read,
    "standard item": standard_item_read, "combo itemData": combo_item_data_read,
    "combo currentData": combo_current_data_read,
    "empty combo currentData": empty_combo_current_data_read, "model index": model_index_read,
}


@pytest.mark.parametrize("kind", list(UNSET_READS))
def test_reading_an_unset_role_does_not_lose_references_to_none(qapp, kind):
    read = UNSET_READS[kind]()
    assert read() is None
    assert_none_kept(read)


def test_calls_that_return_nothing_do_not_lose_references_to_none(qapp):
    """What the app mostly does: setters, and looking up a cell that holds no item."""
    widget, table = QWidget(), QTableWidget(2, 2)
    assert_none_kept(lambda: widget.setEnabled(True))
    assert_none_kept(lambda: table.item(1, 1))


def test_a_set_role_reads_back_without_drift(qapp):
    _table, item = table_item()
    item.setData(ID, "student-1")
    assert item.data(ID) == "student-1"
    assert_none_kept(lambda: item.data(ID))


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 and later never free None")
def test_the_app_outlives_a_binding_that_loses_references_to_none():
    """Whatever binding a school's computer has, None is never freed once the app has
    imported Qt: losing more references than None had at start (as a day with 6.12.0 did)
    leaves the program running."""
    lose_them_all = (
        "import ctypes, sys\n"
        "more_than_none_has = 2 * sys.getrefcount(None) + 100_000\n"
        "import iep_studio.ui.qt\n"
        "none = ctypes.py_object(None)\n"
        "for _ in range(more_than_none_has):\n"
        "    ctypes.pythonapi.Py_DecRef(none)\n"
        "print('still running')\n")
    done = subprocess.run([sys.executable, "-c", lose_them_all], capture_output=True,
                          text=True, timeout=120)
    assert "none_dealloc" not in done.stderr
    assert (done.returncode, done.stdout.strip()) == (0, "still running")
