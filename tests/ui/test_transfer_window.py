"""Sending a student's file to another school and receiving one, from the window."""
from __future__ import annotations

from iep_studio.ui.qt import QFileDialog, QInputDialog, QMessageBox
from iep_studio.ui.student_file.transfer_desk import ReceiveDialog, SendDialog

from .conftest import when_dialog_opens
from .test_student_files_window import select_student


def test_send_with_a_password_then_receive_it_as_a_copy(window_with_students, qtbot,
                                                        tmp_path, monkeypatch):
    window = window_with_students
    services = window.services
    student = select_student(window, "张小明")
    services.students.update(student.id, {"interests": "恐龙"})
    target = tmp_path / "张小明.iepstudent"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def protect(dialog):
        assert isinstance(dialog, SendDialog) and dialog.protect.isChecked()
        dialog.password.setText("secret-1")
        dialog.repeat.setText("secret-2")
        dialog._check()  # the two differ: said, and the dialog stays
        assert dialog.problem.text() == "两次输入的密码不一致。"
        dialog.repeat.setText("secret-1")
        dialog._check()

    when_dialog_opens(qtbot, protect)
    written = window.transfer_desk.send()
    assert written == target and target.read_bytes()[:16] == b"IEP-STUDENT-AES1"

    # Receiving it here: a wrong password is asked again, then the preview says the
    # file is already here, so only a separate copy can be received.
    other = services.schools.create_school("城北小学")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    asked = []
    answers = iter([("wrong-one", True), ("secret-1", True)])
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda parent, title, label, *a: (asked.append(label), next(answers))[1])
    seen = {}

    def check_preview(dialog):
        assert isinstance(dialog, ReceiveDialog)
        seen["copy"] = (dialog.copy.isChecked(), dialog.copy.isEnabled())
        seen["text"] = dialog.findChild(type(dialog.layout().itemAt(0).widget())).text()
        dialog.school.setCurrentIndex(dialog.school.findData(other.id))
        dialog.accept()

    when_dialog_opens(qtbot, check_preview)
    new_id = window.transfer_desk.receive()
    assert len(asked) == 2 and "密码" in asked[0] and "无法打开" in asked[1]
    assert seen["copy"] == (True, False)  # forced: the same file is already here
    assert "张小明" in seen["text"] and "已在这里" in seen["text"]
    assert new_id != student.id
    copy = services.students.get(new_id)
    assert (copy.full_name, copy.interests, copy.school_id) == ("张小明", "恐龙", other.id)
    assert window.file_view.student.id == new_id  # opened in the window


def test_a_damaged_file_gets_a_plain_message(window_with_students, tmp_path, monkeypatch):
    window = window_with_students
    bad = tmp_path / "broken.iepstudent"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    assert window.transfer_desk.receive() is None
    assert len(said) == 1 and "broken.iepstudent" in said[0] and "Traceback" not in said[0]
