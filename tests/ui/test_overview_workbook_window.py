"""Every table of the school and district overview in one workbook, from its window: Ctrl+E
(or the button) asks where, writes a sheet a table and says where it went; a file that
cannot be written is said plainly, and nothing else changes."""
from __future__ import annotations

import errno

from openpyxl import load_workbook

from iep_studio.ui.qt import QFileDialog, QKeySequence, QMessageBox, Qt

from .test_overview_window import build_district, open_overview


def test_ctrl_e_writes_every_table_to_one_workbook(window, qtbot, tmp_path, monkeypatch):
    build_district(window.services)
    overview = open_overview(window, qtbot)
    offered = []

    def answer(_parent, caption, suggested, _filter):
        offered.append((caption, suggested))
        return str(tmp_path / "全区概览"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    assert overview.export_all_action.shortcut() == QKeySequence("Ctrl+E")
    overview.activateWindow()
    qtbot.waitUntil(overview.isActiveWindow)
    qtbot.keyClick(overview, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(overview.note.text()))
    written = tmp_path / "全区概览.xlsx"
    assert str(written) in overview.note.text()
    assert offered[0][1].endswith("学校与区域概览_2026-11-22.xlsx")
    book = load_workbook(written)
    assert book.sheetnames[0] == "说明" and "条例检查" in book.sheetnames
    checks = [[cell.value for cell in row] for row in book["条例检查"].iter_rows()]
    assert ["普通班每班随班就读学生不超过2人", "《山东省特殊教育条例（草案征求意见稿）》第二十一条",
            "不符合", "城南小学 三年级 2班", "3名学生", 3] in checks
    assert [cell.value for cell in book["按学校"]["A"]] == ["学校", "全部学生", "城北小学",
                                                          "城南小学"]


def test_a_workbook_that_cannot_be_written_is_said_plainly(window, qtbot, tmp_path,
                                                          monkeypatch):
    build_district(window.services)
    overview = open_overview(window, qtbot)
    target = tmp_path / "概览.xlsx"
    target.write_bytes(b"open in Excel")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))

    def held(_source, _target):  # what Windows does while Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("iep_studio.core.saving.os.replace", held)
    told = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *rest: told.append((title, text)))
    overview.export_all_button.click()
    assert len(told) == 1
    assert str(target) in told[0][1] and "Traceback" not in told[0][1]  # which file, plainly
    assert overview.note.text() == ""
    assert target.read_bytes() == b"open in Excel"
    # Cancelled: nothing is asked again, nothing written.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert overview.export_all() is None and len(told) == 1
