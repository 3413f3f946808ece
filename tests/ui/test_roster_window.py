"""A student list imported from a spreadsheet through the window (File → Import students
from a spreadsheet), and the student list written to Excel (File → Export the student list
to Excel)."""
from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from iep_studio.ui.qt import QFileDialog, QMessageBox, Qt
from iep_studio.ui.student_file.roster_dialog import MARK, RosterImportDialog
from tests.core.test_spreadsheet_import import roster

from .conftest import when_dialog_opens

LIST = [["李四", "0002", "女", datetime(2015, 3, 2), "智力障碍"],
        ["王五", "0003", "男", "2015.13.1", "孤独症"],
        ["赵六", "0301", "男", "2015-04-01", "自闭症"],
        ["钱七", "0004", "男", "20150401", "多动症"]]


def names_in_the_list(window) -> list[str]:
    return sorted(summary.full_name for summary in window.student_list._all)


def test_a_list_imported_through_the_window(window_with_students, qtbot, tmp_path,
                                            monkeypatch):
    window = window_with_students
    path = roster(tmp_path / "名单.xlsx", ["学生", "学号", "性别", "出生日期", "障碍类别"], LIST)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = {}

    def report(box):
        seen["report"] = (box.text(), box.detailedText())
        box.accept()

    def preview(dialog):
        assert isinstance(dialog, RosterImportDialog)
        # "学生" is no heading the app knows: nothing is read as the names yet.
        assert [c.currentData() for c in dialog.columns.combos] == [
            "", "student_number", "sex", "birth_date", "categories"]
        assert dialog.refusal.isVisible() and not dialog.import_button.isEnabled()
        names = dialog.columns.combos[0]
        names.setCurrentIndex(names.findData("full_name"))
        assert not dialog.refusal.isVisible() and dialog.import_button.isEnabled()
        assert [r.ok for r in dialog.preview.rows] == [True, False, False, True]
        # The problem cells are marked in words, not by colour alone.
        model = dialog.model
        assert model.index(1, 5).data() == MARK + "2015.13.1"
        assert model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(1, 5).data(Qt.ItemDataRole.ForegroundRole) is not None
        assert model.index(0, 5).data() == "2015-03-02"
        assert model.index(2, 3).data() == MARK + "0301"  # 张小明's number already
        assert "0301" in model.index(2, 1).data()
        assert "2" in dialog.count.text()
        assert dialog.details.text()  # the first row with problems, in full
        dialog.only_problems.setChecked(True)
        assert [dialog.rows.isRowHidden(r) for r in range(4)] == [True, False, False, True]
        when_dialog_opens(qtbot, report)
        dialog.import_button.click()

    when_dialog_opens(qtbot, preview)
    window.actions_by_name["import_students"].trigger()
    qtbot.waitUntil(lambda: "report" in seen)
    assert names_in_the_list(window) == ["张小明", "李四", "王小红", "钱七"]
    assert window.file_view.student.full_name == "李四"  # the first imported, opened
    text, details = seen["report"]
    assert "2" in text
    assert details.splitlines()[0].startswith(("Row 4", "第 4 行", "第4行"))
    assert "0301" in details.splitlines()[1]


def test_a_row_refused_as_it_is_saved_keeps_the_preview_open(window_with_students, qtbot,
                                                             tmp_path, monkeypatch):
    window = window_with_students
    services = window.services
    path = roster(tmp_path / "名单.xlsx", ["姓名", "学号"],
                  [["李四", "0002"], ["王五", "0003"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    said, seen = [], {}
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    school = services.schools.list_schools()[0]

    def preview(dialog):
        if "taken" in seen:  # shown again after the refusal, the row now with its problem
            seen["again"] = [r.ok for r in dialog.preview.rows]
            dialog.reject()
            return
        seen["taken"] = services.students.create(school.id, "周八", student_number="0003")
        when_dialog_opens(qtbot, preview)
        dialog.import_button.click()

    when_dialog_opens(qtbot, preview)
    assert window.roster_desk.import_students() == []
    assert len(said) == 1 and "0003" in said[0]
    assert seen["again"] == [True, False]
    assert "李四" not in names_in_the_list(window)  # nothing half done


def test_a_broken_file_gets_a_plain_message(window_with_students, tmp_path, monkeypatch):
    window = window_with_students
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    assert window.roster_desk.import_students() == []
    assert len(said) == 1 and "broken.xlsx" in said[0] and "Traceback" not in said[0]


def test_the_list_as_shown_written_to_excel(window_with_students, tmp_path, monkeypatch):
    window = window_with_students
    window.student_list.search_field.setText("张")
    target = tmp_path / "名单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    written = window.roster_desk.export_student_list()
    assert written == tmp_path / "名单.xlsx"
    sheet = load_workbook(written).active
    assert [c.value for c in sheet[1]][:3] == ["姓名", "学号", "学校"]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["张小明"]  # as filtered
    assert sheet[2][7].value == "孤独症（中度）"


def test_a_new_school_typed_for_the_rows_that_name_none(window_with_students, qtbot,
                                                        tmp_path):
    from .conftest import type_text

    window = window_with_students
    services = window.services
    path = roster(tmp_path / "名单.xlsx", ["姓名", "学号"], [["李四", "0301"]])
    dialog = RosterImportDialog(
        services.rosters.read(path), services.schools.list_schools(),
        services.schools.list_schools()[0].id,
        lambda t, mapping, school_id, new_school: services.rosters.preview(
            t, mapping, school_id, new_school=new_school),
        lambda sheet: services.rosters.read(path, sheet), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.preview.rows[0].ok  # 0301 is 张小明's in 城南小学
    dialog.school.lineEdit().clear()
    type_text(dialog.school.lineEdit(), "城北小学")
    dialog.school.lineEdit().editingFinished.emit()
    assert dialog.preview.new_schools == ("城北小学",) and dialog.preview.rows[0].ok
    assert "城北小学" in dialog.count.text()
