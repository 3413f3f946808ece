"""Wrong passwords at the sign-in dialog, a locked account and its unlocking, and signing
out so that someone else can sign in at the same window."""
from __future__ import annotations

import pytest

from iep_studio.core.services.accounts import SignInRefused
from iep_studio.core.services.sign_in import sign_in
from iep_studio.ui.admin.accounts_dialog import AccountsDialog
from iep_studio.ui.admin.sign_in import SignInDialog, sign_in_at_start

from tests.conftest import Clock

from .conftest import type_text, when_dialog_opens
from .test_student_files_window import select_student

pytestmark = pytest.mark.usefixtures("quick_hashes")  # many passwords typed


def try_password(dialog: SignInDialog, password: str) -> None:
    dialog.password.setText(password)
    dialog.ok.click()


def test_after_three_wrong_passwords_ok_counts_down_and_a_right_one_then_works(
        open_window, qtbot):
    window = open_window("en")
    gate = window.services
    gate.accounts.create_first("wangli", "王丽", password="secret-1")
    teacher = gate.accounts.create("liu", "刘老师", "resource_teacher", "secret-2")
    window.context.settings.last_username = "liu"
    clock = gate.clock.moment = Clock()
    seen = {}

    def answer(dialog):
        for _ in range(3):
            try_password(dialog, "wrong-pw")
        seen["problem"] = dialog.problem.text()
        seen["wait"] = dialog.wait.text()
        seen["ok enabled"] = dialog.ok.isEnabled()
        dialog.password.setText("secret-2")
        dialog.accept()  # Enter while OK waits: not even tried
        seen["counted"] = gate.accounts.get(teacher.id).failed_sign_ins
        clock.wait(1)
        dialog.second_passed()  # the countdown's timer, without waiting for it
        seen["after a second"] = (dialog.ok.isEnabled(), dialog.wait.text())
        dialog.ok.click()

    when_dialog_opens(qtbot, answer)
    signed = sign_in_at_start(window, gate, window.context.settings, lambda: None)
    assert seen == {
        "problem": "The name or the password is not right. Check them (and the keyboard's "
                   "Caps Lock) and try again.",
        "wait": "You can try again in 1 second(s).", "ok enabled": False, "counted": 3,
        "after a second": (True, "")}
    assert signed.store.actor.name == "刘老师"
    assert gate.accounts.get(teacher.id).failed_sign_ins == 0


def test_a_locked_account_is_told_to_ask_the_administrator_who_unlocks_it(
        open_window, qtbot):
    window = open_window("en")
    gate = window.services
    gate.accounts.create_first("wangli", "王丽", password="secret-1")
    teacher = gate.accounts.create("liu", "刘老师", "resource_teacher", "secret-2")
    clock = gate.clock.moment = Clock()
    for _ in range(10):  # ten wrong tries, each after its wait
        with pytest.raises(SignInRefused) as refused:
            gate.accounts.sign_in("liu", "guess")
        clock.wait(refused.value.wait_seconds)
    said = {}

    def answer(dialog):
        dialog.username.setCurrentText("liu")
        try_password(dialog, "secret-2")  # the right password does not open it
        said["locked"] = (dialog.problem.text(), dialog.ok.isEnabled())
        dialog.username.setCurrentText("nobody")
        try_password(dialog, "secret-2")
        said["unknown"] = dialog.problem.text()
        dialog.reject()

    when_dialog_opens(qtbot, answer)
    assert sign_in_at_start(window, gate, window.context.settings, lambda: None) is None
    assert said == {
        "locked": ("This account is locked after 10 wrong passwords in a row. Ask the "
                   "administrator to unlock it in Settings → Accounts.", True),
        "unknown": "The name or the password is not right. Check them (and the keyboard's "
                   "Caps Lock) and try again."}

    dialog = AccountsDialog(sign_in(gate, "wangli", "secret-1"), window)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    assert dialog.table.item(rows["liu"], 4).text() == "Locked after 10 wrong passwords"
    dialog.table.setCurrentCell(rows["wangli"], 0)
    assert not dialog.unlock_button.isEnabled()
    dialog.table.setCurrentCell(rows["liu"], 0)
    dialog.unlock_button.click()
    assert dialog.table.item(rows["liu"], 4).text() == ""
    assert not dialog.unlock_button.isEnabled()
    assert gate.accounts.get(teacher.id).locked_at is None
    assert gate.accounts.sign_in("liu", "secret-2").name == "刘老师"


@pytest.fixture
def school_of_three(window):
    """王丽, resource teacher of three students; 刘老师, head teacher of one of them."""
    gate = window.services
    window.context.gate = gate
    school = gate.schools.create_school("城南小学")
    wang = gate.schools.create_person("王丽")
    liu = gate.schools.create_person("刘老师")
    students = [gate.students.create(school.id, name) for name in ("张小明", "王小红", "李四")]
    for student in students:
        gate.students.add_team_member(student.id, wang.id, "resource_teacher", "2025-09-01")
    gate.students.add_team_member(students[0].id, liu.id, "head_teacher", "2025-09-01")
    gate.accounts.create_first("admin", "陈校长", password="secret-0")
    gate.accounts.create("wangli", "王丽", "resource_teacher", "secret-1", person_id=wang.id)
    gate.accounts.create("liu", "刘老师", "team_member", "secret-2", person_id=liu.id)
    window.attach(sign_in(gate, "wangli", "secret-1"), reopen_last=False)
    return gate


def names_listed(window) -> list[str]:
    panel = window.student_list
    return sorted(panel.model.summary(r).full_name for r in range(panel.model.rowCount()))


def test_switching_user_saves_closes_and_shows_the_next_persons_students(
        window, school_of_three, qtbot):
    gate = school_of_three
    assert names_listed(window) == ["张小明", "李四", "王小红"]
    zhang = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    needs.flush()
    type_text(needs, "需要视觉提示卡")  # still being typed when 王丽 signs out
    window.actions_by_name["course_library"].trigger()
    window.actions_by_name["planner"].trigger()
    library, planner = window.library_window, window.rhythm_desk.planner
    assert library.isVisible() and planner.isVisible()
    closed = []
    for name, shown in (("library", library), ("planner", planner)):
        shown.destroyed.connect(lambda *_, name=name: closed.append(name))
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, SignInDialog)
        seen["behind the dialog"] = names_listed(window)
        dialog.username.setCurrentText("liu")
        try_password(dialog, "secret-2")

    when_dialog_opens(qtbot, answer)
    window.actions_by_name["sign_out"].trigger()
    assert seen["behind the dialog"] == []  # the next person never sees 王丽's list
    assert gate.students.get(zhang.id).needs == "需要视觉提示卡"  # saved under 王丽
    qtbot.waitUntil(lambda: sorted(closed) == ["library", "planner"])  # 王丽's windows
    assert window.windowTitle() == "IEP Studio — 刘老师"
    assert names_listed(window) == ["张小明"]
    select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    assert needs.toPlainText() == "需要视觉提示卡" and needs.isReadOnly()  # a team member's view
    # 王丽's typing is not 刘老师's to undo.
    assert window.undo_stack.count() == 0 and not window.actions_by_name["undo"].isEnabled()
    window.actions_by_name["undo"].trigger()
    assert gate.students.get(zhang.id).needs == "需要视觉提示卡"
    # The commands work on 刘老师's services: the planner opens afresh, for him.
    window.actions_by_name["planner"].trigger()
    assert window.rhythm_desk.planner is not planner
    assert window.rhythm_desk.planner.services.store.actor.name == "刘老师"


def test_nobody_signing_in_after_a_sign_out_closes_the_app(window, school_of_three, qtbot):
    when_dialog_opens(qtbot, lambda dialog: dialog.reject())
    window.actions_by_name["sign_out"].trigger()
    assert not window.isVisible()
    assert names_listed(window) == [] and window.services is None
