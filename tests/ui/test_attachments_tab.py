"""The attachments part of a student's file: files chosen in the file dialog are attached
in one step, a refused one is said with its reason, the chosen file is shown beside the
list page by page, and a removal is undone with the same bytes."""
from __future__ import annotations

from iep_studio.core.access import Actor
from iep_studio.ui.qt import QFileDialog, QMessageBox, QUrl
from tests.sample_files import jpeg_turned, pdf
from tests.ui.conftest import press_ok, when_dialog_opens


def open_attachments(window, team):
    window.reload_students()
    window.student_list.select(team.student.id)
    view = window.file_view
    view.tabs.setCurrentWidget(view.attachments)
    return view.attachments


def answer_file_dialog(monkeypatch, paths) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kwargs: ([str(p) for p in paths], ""))


def choose_kind(kind: str):
    def answer(dialog):
        dialog.kind.set_value(kind)
        press_ok(dialog)
    return answer


def test_files_attached_shown_removed_and_put_back(window, team, tmp_path, qtbot, monkeypatch):
    scan, photo, program = tmp_path / "评估报告.pdf", tmp_path / "作品.jpg", tmp_path / "病历.pdf"
    scan.write_bytes(pdf(3))
    photo.write_bytes(jpeg_turned())
    program.write_bytes(b"MZ" + b"\0" * 300)
    tab = open_attachments(window, team)
    assert tab.table.table.rowCount() == 0
    answer_file_dialog(monkeypatch, [scan, photo, program])
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    when_dialog_opens(qtbot, choose_kind("assessment_report"))
    tab.table.add_button.click()

    # Two attached, in one step; the program posing as a PDF refused, and said why.
    rows = [[tab.table.table.item(r, c).text() for c in range(5)]
            for r in range(tab.table.table.rowCount())]
    assert sorted(row[0] for row in rows) == ["作品", "评估报告"]
    assert {row[1] for row in rows} == {"评估报告"}
    assert window.undo_stack.count() == 1
    assert len(said) == 1  # one message, naming only the refused file and its reason
    assert "病历.pdf" in said[0] and "作品.jpg" not in said[0] and "评估报告.pdf" not in said[0]

    # The report is shown beside the list, page by page.
    report_row = next(r for r, row in enumerate(rows) if row[0] == "评估报告")
    tab.table.table.selectRow(report_row)
    preview = tab.preview
    assert not preview.picture.pixmap().isNull()
    assert preview.page_label.isVisibleTo(tab) and preview.page_count == 3
    assert not preview.previous_button.isEnabled()
    preview.next_button.click()
    assert preview.page == 1 and preview.page_label.text().replace(" ", "") in (
        "第2页，共3页", "Page2of3")

    # Removed after asking, then put back whole with Ctrl+Z.
    services = window.services
    report_id = tab.table.current_id()
    original = services.attachments.content(report_id)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    tab.table.remove_button.click()
    assert tab.table.table.rowCount() == 1
    window.undo_stack.undo()
    assert tab.table.table.rowCount() == 2
    assert services.attachments.content(report_id) == original
    # Undoing the attaching takes both files away again; redo brings them back.
    window.undo_stack.undo()
    assert services.attachments.for_student(team.student.id) == []
    window.undo_stack.redo()
    assert len(services.attachments.for_student(team.student.id)) == 2


def test_a_file_dropped_on_the_page_is_attached(window, team, tmp_path, qtbot):
    from iep_studio.ui.qt import QDropEvent, QPointF, Qt
    from PySide6.QtCore import QMimeData

    photo = tmp_path / "握笔.jpg"
    photo.write_bytes(jpeg_turned())
    tab = open_attachments(window, team)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    when_dialog_opens(qtbot, choose_kind("work_sample"))
    tab.dropEvent(drop)
    attached, = window.services.attachments.for_student(team.student.id)
    assert (attached.file_name, attached.kind) == ("握笔.jpg", "work_sample")


def test_a_read_only_account_sees_the_files_and_no_way_to_change_them(window, team):
    window.services.attachments.add(team.student.id, "同意书.pdf", pdf(1), kind="consent")
    window.services.store.actor = Actor("acc-x", "访客", "read_only", team.head_teacher)
    tab = open_attachments(window, team)
    assert tab.table.table.rowCount() == 1
    assert not tab.table.add_button.isVisibleTo(tab)
    assert not tab.table.remove_button.isVisibleTo(tab)
    tab.table.table.selectRow(0)
    assert tab.save_button.isEnabled() and not tab.preview.picture.pixmap().isNull()
