"""Two people editing one file, signing in, the file's history and the accounts, as a
teacher meets them in the window (in Chinese)."""
from __future__ import annotations

import csv

from iep_studio.core.access import Actor
from iep_studio.core.drafts import Drafts
from iep_studio.core.services import Services
from iep_studio.core.services.search import load_summaries
from iep_studio.core.store import open_store
from iep_studio.ui.admin.accounts_dialog import AccountForm, AccountsDialog
from iep_studio.ui.editing.conflict_dialog import ConflictDialog
from iep_studio.ui.qt import QApplication, QFileDialog, Qt
from iep_studio.ui.admin.sign_in import SignInDialog, sign_in_at_start

from ..conftest import TODAY
from .conftest import type_text, when_dialog_opens
from .test_student_files_window import select_student


def a_colleague(window, data_paths):
    """Another person at another computer, on every student's team: their own store on
    the same database."""
    services = window.services
    liu = services.schools.create_person("刘老师")
    for summary in load_summaries(services.store):
        services.students.add_team_member(summary.id, liu.id, "resource_teacher",
                                          "2025-09-01")
    store = open_store(data_paths.database_url)
    store.actor = Actor("acc-liu", "刘老师", "resource_teacher", liu.id)
    return store, Services(store, today=lambda: TODAY)


def test_a_second_save_is_refused_and_both_versions_are_shown_side_by_side(
        window_with_students, data_paths, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    colleague_store, colleague = a_colleague(window, data_paths)
    try:
        colleague.students.update(student.id, {"needs": "需要安静的角落"},
                                  expected_version=student.version)
        needs, holder = window.file_view.profile.form.bindings["needs"][:2]
        seen = {}

        def merge(dialog):
            assert isinstance(dialog, ConflictDialog)
            seen["theirs"] = dialog.theirs.toPlainText()
            seen["mine"] = dialog.mine.toPlainText()
            dialog.mine.setPlainText("需要安静的角落；需要视觉提示卡")
            dialog.save_mine.click()

        when_dialog_opens(qtbot, merge)
        type_text(needs, "需要视觉提示卡")
        needs.flush()
        assert seen["theirs"] == "需要安静的角落"  # theirs, as saved
        assert seen["mine"] == "需要视觉提示卡"  # what this teacher typed, kept
        saved = window.services.students.get(student.id)
        assert saved.needs == "需要安静的角落；需要视觉提示卡"  # re-applied on the newer one
        assert needs.toPlainText() == saved.needs and not holder.has_error()
        who = [(c.actor, c.after) for c in window.services.history.for_student(student.id)
               if c.field == "needs"]
        assert who[1] == ("刘老师", "需要安静的角落")
    finally:
        colleague_store.dispose()


def test_keeping_their_version_discards_mine_only_when_asked(window_with_students,
                                                            data_paths, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    colleague_store, colleague = a_colleague(window, data_paths)
    try:
        colleague.students.update(student.id, {"strengths": "喜欢音乐"})
        strengths = window.file_view.profile.form.bindings["strengths"][0]
        texts = []

        def keep_theirs(dialog):
            texts.append(dialog.windowTitle())
            dialog.keep_theirs.click()

        when_dialog_opens(qtbot, keep_theirs)
        type_text(strengths, "拼图很快")
        strengths.flush()
        assert texts == ["其他人修改了这里"]
        assert window.services.students.get(student.id).strengths == "喜欢音乐"
        assert strengths.toPlainText() == "喜欢音乐"
    finally:
        colleague_store.dispose()


def test_signing_in_with_a_wrong_then_the_right_password(window, qtbot):
    services = window.services
    services.accounts.create_first("wangli", "王丽", password="secret-1")
    services.accounts.create("liu", "刘老师", "team_member", password="secret-2")
    settings = window.context.settings
    settings.last_username = "liu"
    answers = iter(["wrong-pw", "secret-2"])
    problems = []

    def answer(dialog):
        assert isinstance(dialog, SignInDialog)
        assert dialog.username.currentText() == "liu"  # the last one, offered first
        problems.append(dialog.problem.text())
        dialog.password.setText(next(answers, ""))
        if len(problems) == 1:
            when_dialog_opens(qtbot, answer)  # the dialog stays open for another try
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    when_dialog_opens(qtbot, answer)
    actor = sign_in_at_start(window, services, settings, lambda: None).store.actor
    assert actor.name == "刘老师" and actor.role == "team_member"
    assert problems == ["", "用户名或密码不对。请检查（以及键盘的大写锁定）后再试。"]
    assert services.store.actor is None  # the services signing in ran on are left as they were


def test_the_history_tab_lists_changes_and_saves_them_as_a_spreadsheet(
        window_with_students, qtbot, tmp_path, monkeypatch):
    window = window_with_students
    window.services.store.actor = Actor("acc-1", "王丽", "administrator")
    student = select_student(window, "张小明")
    window.services.students.update(student.id, {"interests": "恐龙"})
    window.file_view.reload()
    tab = window.file_view.history
    window.file_view.tabs.setCurrentWidget(tab)
    cells = [[tab.table.item(r, c).text() for c in range(7)] for r in range(tab.table.rowCount())]
    assert cells[0][1:] == ["王丽", "学生档案", "修改", "兴趣", "", "恐龙"]
    assert tab.table.rowCount() > 3  # the file's making is there too
    target = tmp_path / "history.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.export_button.click()
    with open(target, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:3] == ["时间", "修改人", "内容"] and rows[1][1] == "王丽"
    assert "已保存" in tab.summary.text()


def test_an_administrator_adds_an_account_and_a_read_only_one_cannot_edit(
        window_with_students, qtbot, monkeypatch):
    from iep_studio.ui.qt import QMessageBox

    window = window_with_students
    services = window.services
    supervisor = services.schools.create_person("来访督导")  # on 张小明's team
    zhang = next(s.id for s in load_summaries(services.store) if s.full_name == "张小明")
    services.students.add_team_member(zhang, supervisor.id, "expert", "2025-09-01")
    first = services.accounts.create_first("wangli", "王丽")
    services.store.actor = services.accounts.sign_in("wangli", "")
    dialog = AccountsDialog(services, window)
    qtbot.addWidget(dialog)

    def fill(form):
        assert isinstance(form, AccountForm)
        type_text(form.username, "visitor")
        type_text(form.display_name, "来访督导")
        form.role.set_value("read_only")
        form.person.set_value(supervisor.id)
        form.password.setText("abc")  # too short: said under the field, the form stays
        when_dialog_opens(qtbot, fix)
        form.accept()

    def fix(form):
        assert "至少" in form.holders["password"].error.text()
        form.password.setText("visit-123")
        form.accept()

    when_dialog_opens(qtbot, fill)
    dialog.add()
    assert [a.username for a in services.accounts.list()] == ["visitor", "wangli"]
    assert first.role == "administrator"

    services.store.actor = services.accounts.sign_in("visitor", "visit-123")
    student = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    grade = window.file_view.profile.form.bindings["grade"][0]
    sex = window.file_view.profile.form.bindings["sex"][0]
    assert needs.isReadOnly() and grade.isReadOnly() and not sex.isEnabled()  # can read only
    # Should a field still be typed in (the role was changed while the file was open),
    # the save is refused with a message and the text stays.
    services.store.actor = Actor(services.store.actor.account_id, "来访督导", "read_only",
                                 supervisor.id)
    needs.setReadOnly(False)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    type_text(needs, "改一下")
    needs.flush()
    assert said == ["您账户的角色不允许这项修改。没有保存任何内容；请联系资源教师或管理员。"]
    assert needs.toPlainText() == "改一下"
    services.store.actor = None
    assert services.students.get(student.id).needs == ""
    dialog.close()


def test_the_accounts_command_is_for_administrators(window, qtbot, monkeypatch):
    from iep_studio.ui.qt import QMessageBox

    window.services.store.actor = Actor("x", "刘老师", "team_member")
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    window.actions_by_name["accounts"].trigger()
    assert said == ["只有管理员可以管理账户。您可以修改自己的密码。"]
    assert QApplication.activeModalWidget() is None  # the accounts dialog never opened


def test_a_colleague_saving_another_field_is_no_conflict(window_with_students, data_paths,
                                                         qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    colleague_store, colleague = a_colleague(window, data_paths)
    try:
        colleague.students.update(student.id, {"strengths": "喜欢音乐"})
        needs, holder = window.file_view.profile.form.bindings["needs"][:2]
        type_text(needs, "需要视觉提示卡")
        needs.flush()  # no dialog: nobody else touched this field
        saved = window.services.students.get(student.id)
        assert (saved.needs, saved.strengths) == ("需要视觉提示卡", "喜欢音乐")
        assert not holder.has_error()
    finally:
        colleague_store.dispose()


def test_undo_does_not_overwrite_what_a_colleague_saved_since(window_with_students,
                                                              data_paths, qtbot,
                                                              monkeypatch):
    from iep_studio.ui.qt import QMessageBox

    window = window_with_students
    student = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    type_text(needs, "需要视觉提示卡")
    needs.flush()
    colleague_store, colleague = a_colleague(window, data_paths)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    try:
        colleague.students.update(student.id, {"needs": "刘老师改过的内容"})
        window.actions_by_name["undo"].trigger()
        assert window.services.students.get(student.id).needs == "刘老师改过的内容"
        assert said == ["您编辑之后，其他人又修改了这个字段，撤销或重做会覆盖对方的内容。"
                        "没有做任何改动；如有需要请直接修改该字段。"]
    finally:
        colleague_store.dispose()


def test_signing_in_makes_the_person_the_one_the_home_view_follows(window, qtbot):
    services = window.services
    services.accounts.create_first("wangli", "王丽", password="secret-1")
    liu = services.schools.create_person("刘老师")
    school = services.schools.create_school("城南小学")
    student = services.students.create(school.id, "张小明")
    services.students.add_team_member(student.id, liu.id, "resource_teacher", "2025-09-01")
    services.accounts.create("liu", "刘老师", "resource_teacher", "secret-2", person_id=liu.id)
    settings = window.context.settings
    settings.me = "someone-who-used-this-computer-before"

    def answer(dialog):
        dialog.username.setCurrentText("liu")
        dialog.password.setText("secret-2")
        dialog.accept()

    when_dialog_opens(qtbot, answer)
    sign_in_at_start(window, services, settings, lambda: None)
    assert settings.me == liu.id and settings.last_username == "liu"


def test_only_an_administrator_restores_a_backup_said_in_chinese(window, monkeypatch):
    from iep_studio.ui.qt import QMessageBox

    window.services.store.actor = Actor("x", "刘老师", "resource_teacher")
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append((a[1], a[2])))
    window.actions_by_name["restore_backup"].trigger()
    assert said == [("从备份恢复", "只有管理员可以从备份恢复。")]


def test_an_upgraded_copy_asks_which_of_its_people_you_are(window, qtbot):
    from iep_studio.ui.admin.sign_in import FirstAccountDialog

    services = window.services
    school = services.schools.create_school("城南小学")
    wang = services.schools.create_person("王丽", title="资源教师")
    services.schools.create_person("赵医生")
    student = services.students.create(school.id, "张小明")
    services.students.add_team_member(student.id, wang.id, "resource_teacher", "2025-09-01")
    settings = window.context.settings
    settings.me = ""
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, FirstAccountDialog)
        seen["offered"] = [dialog.person.itemText(i) for i in range(dialog.person.count())]
        seen["chosen"] = dialog.person.currentText()
        seen["name"] = dialog.display_name.text()
        dialog.accept()

    when_dialog_opens(qtbot, answer)
    actor = sign_in_at_start(window, services, settings, lambda: None).store.actor
    assert seen == {"offered": ["（还不在任何团队中）", "王丽", "赵医生"], "chosen": "王丽",
                    "name": "王丽"}
    assert actor.person_id == wang.id and settings.me == wang.id
    assert [p.full_name for p in services.schools.list_people()].count("王丽") == 1


def test_esc_on_the_conflict_dialog_throws_nothing_away(window_with_students, data_paths,
                                                        qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    window.services.drafts = Drafts(data_paths.drafts)
    colleague_store, colleague = a_colleague(window, data_paths)
    try:
        colleague.students.update(student.id, {"needs": "喜欢音乐"})
        needs, holder = window.file_view.profile.form.bindings["needs"][:2]
        when_dialog_opens(qtbot, lambda dialog: dialog.reject())  # Esc
        type_text(needs, "一段很长的观察记录")
        needs.flush()
        assert window.services.students.get(student.id).needs == "喜欢音乐"
        assert needs.toPlainText() == "一段很长的观察记录" and holder.has_error()
        assert [d.text for d in window.services.drafts.all()] == ["一段很长的观察记录"]
    finally:
        colleague_store.dispose()


def test_after_a_merge_one_undo_does_not_erase_the_colleagues_text(window_with_students,
                                                                   data_paths, qtbot):
    window = window_with_students
    student = select_student(window, "张小明")
    needs = window.file_view.profile.form.bindings["needs"][0]
    type_text(needs, "先写的")
    needs.flush()
    colleague_store, colleague = a_colleague(window, data_paths)
    try:
        colleague.students.update(student.id, {"needs": "刘老师改写的需求"})

        def merge(dialog):
            dialog.mine.setPlainText("刘老师改写的需求；先写的")
            dialog.save_mine.click()

        when_dialog_opens(qtbot, merge)
        type_text(needs, "再补充")
        needs.flush()
        window.actions_by_name["undo"].trigger()  # the merge only: back to theirs
        assert window.services.students.get(student.id).needs == "刘老师改写的需求"
    finally:
        colleague_store.dispose()
