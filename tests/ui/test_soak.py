"""A long day in the demo school must not wear the app down.

A binding that loses a reference to None on each call (PySide6-Essentials 6.12.0) made the
app abort with "Fatal Python error: none_dealloc" after a day of use on Python 3.11: opening
a student cost a few hundred references and a goal-bank refresh about 1,250. This walks
through a day's worth of the busiest screens and checks that the count of references to
None has not fallen below where it started."""
from __future__ import annotations

import gc
import sys

import pytest

from iep_studio.core.demo import create_demo_school
from iep_studio.ui.qt import QApplication, Qt

# Each round opens every demo student (13): 130 files opened in all. The broken binding
# lost a few hundred references with each, so one round alone falls far past SLACK; more
# rounds (the file now has 13 parts) only made the suite slower.
ROUNDS = 10
REFRESHES = 100
SLACK = 50  # caches and the interpreter's bookkeeping may move the count by a few


class NoneCount:
    """References to None now, against a count taken once everything was warm."""

    def __init__(self):
        self.start = self.now()
        self.lowest = self.highest = self.start

    @staticmethod
    def now() -> int:
        QApplication.processEvents()
        gc.collect()
        return sys.getrefcount(None)

    def check(self, what: str) -> None:
        now = self.now()
        self.lowest, self.highest = min(self.lowest, now), max(self.highest, now)
        # Only a falling count is fatal; a growing one is harmless (6.10 and 6.11 add a
        # reference for each item's first tooltip and never take it back).
        assert now > self.start - SLACK, (
            f"after {what} the count of references to None fell from {self.start} to {now}")


@pytest.fixture
def demo_window(window):
    create_demo_school(window.services)
    window.reload_students()
    return window


def open_every_student(window, ids) -> None:
    for student_id in ids:
        window.student_list.select(student_id)
    QApplication.processEvents()


def refresh_goal_bank(bank) -> None:
    """Every domain filter in turn (each change refreshes the bank), ending on all goals."""
    for step in range(1, REFRESHES + 1):
        bank.domain.setCurrentIndex(step % bank.domain.count())
    bank.domain.setCurrentIndex(0)


def refresh_library(library) -> None:
    for step in range(1, REFRESHES + 1):
        library.kind.setCurrentIndex(step % library.kind.count())
    library.kind.setCurrentIndex(0)


def tab_through_student_list(window, qtbot) -> None:
    """Down the list with the keyboard, looking at every tab of every file on the way."""
    table, tabs = window.student_list.table, window.file_view.tabs
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home)
    for _row in range(window.student_list.visible_count()):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
        qtbot.keyClick(table, Qt.Key.Key_Down)
    tabs.setCurrentIndex(0)


def test_a_day_in_the_demo_school_keeps_every_reference_to_none(demo_window, qtbot):
    window = demo_window
    services = window.services
    ids = [summary.id for summary in window.student_list._all]
    assert len(ids) >= 10
    with_plan = next(i for i in ids if services.plans.for_student(i))
    plan_window = window.plan_desk.open_plan(services.plans.for_student(with_plan)[0].id)
    qtbot.waitExposed(plan_window)
    bank = plan_window.goals.bank
    bank.age_band.setCurrentIndex(0)  # all ages: the biggest refresh
    window.open_library()
    library = window.library_window

    # Once through everything first: imports, caches and first-time layouts settle.
    open_every_student(window, ids)
    bank.refresh()
    library.refresh()
    tab_through_student_list(window, qtbot)
    open_every_student(window, ids)
    assert bank.table.rowCount() > 100 and library.units.count() > 10

    count = NoneCount()
    for _round in range(ROUNDS):
        open_every_student(window, ids)
    count.check(f"opening every student {ROUNDS} times")
    refresh_goal_bank(bank)
    open_every_student(window, ids)  # back to the same student as at the start
    count.check(f"refreshing the goal bank {REFRESHES} times")
    refresh_library(library)
    open_every_student(window, ids)
    count.check(f"refreshing the course-unit library {REFRESHES} times")
    tab_through_student_list(window, qtbot)
    open_every_student(window, ids)
    count.check("going down the student list through every tab of every file")
    print(f"references to None: {count.start} at the start, {count.now()} at the end "
          f"(lowest {count.lowest}, highest {count.highest})")
