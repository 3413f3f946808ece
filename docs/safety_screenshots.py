"""Screenshots of what keeps records safe: sign-in, accounts, a file's history, two
people's versions side by side, unsaved text from last time, sending and receiving a
student's file. Called by take_screenshots.py."""
from __future__ import annotations

import tempfile
from pathlib import Path

from datetime import datetime, timedelta, timezone

from iep_studio.core.access import Actor
from iep_studio.core.access.passwords import LOCK_AFTER
from iep_studio.core.drafts import Draft, Drafts
from iep_studio.core.errors import QT_TRANSLATE_NOOP
from iep_studio.core.services import Services
from iep_studio.core.services.accounts import SignInRefused

OUT = Path(__file__).parent / "screenshots"


def settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def shoot(app, widget, name: str) -> None:
    widget.show()
    settle(app)
    widget.grab().save(str(OUT / name))
    widget.close()


def safety_screenshots(app, window, language: str) -> None:
    from iep_studio.ui.admin.accounts_dialog import AccountsDialog
    from iep_studio.ui.editing.conflict_dialog import ConflictDialog
    from iep_studio.ui.editing.drafts_dialog import DraftsDialog
    from iep_studio.ui.admin.sign_in import FirstAccountDialog, SignInDialog
    from iep_studio.ui.student_file.transfer_desk import ReceiveDialog, SendDialog

    services = window.services
    zh = language == "zh_CN"
    window.student_list.select(window.student_list.model.summary(1).id)
    student = window.file_view.student
    if not services.accounts.any():
        services.accounts.create_first("wangli", "王丽" if zh else "Wang Li", "secret-1")
        services.accounts.create("liu", "刘老师" if zh else "Ms Liu", "team_member", "secret-2")
    colleague = Services(services.store.acting_as(
        Actor(None, "刘老师" if zh else "Ms Liu", "administrator")), clock=services.clock)
    colleague.students.update(student.id, {"interests": "恐龙、拼图" if zh else "dinosaurs"})
    window.file_view.reload()
    window.file_view.tabs.setCurrentWidget(window.file_view.history)
    settle(app)
    window.grab().save(str(OUT / f"file-history-{language}.png"))

    conflict = ConflictDialog(
        "需求" if zh else "Needs", "需要安静的角落，轮流等待困难" if zh else
        "Needs a quiet corner; finds waiting for a turn hard",
        "需要视觉提示卡" if zh else "Needs picture cards",
        "刘老师 (10:42)" if zh else "Ms Liu (10:42)", window)
    shoot(app, conflict, f"conflict-side-by-side-{language}.png")
    # Three wrong passwords: the next try waits, counted down in the dialog.
    sign_in = SignInDialog([], "liu", window)
    sign_in.show_problems(SignInRefused(QT_TRANSLATE_NOOP(
        "Errors", "The name or the password is not right. Check them (and the keyboard's "
        "Caps Lock) and try again.")))
    sign_in.wait_for(4)
    shoot(app, sign_in, f"sign-in-wait-{language}.png")
    sign_in.countdown.stop()
    if not zh:
        return

    shoot(app, FirstAccountDialog("王丽", "wangli", False, window), "first-account-zh_CN.png")
    sign_in = SignInDialog(["liu", "wangli"], "liu", window)
    sign_in.problem.setText("用户名或密码不对。请检查（以及键盘的大写锁定）后再试。")
    shoot(app, sign_in, "sign-in-zh_CN.png")
    liu = next(a for a in services.accounts.list() if a.username == "liu")
    for _ in range(LOCK_AFTER):  # ten wrong passwords: locked until an administrator unlocks
        services.clock.moment = lambda: datetime.now(timezone.utc) + timedelta(hours=_)
        try:
            services.accounts.sign_in("liu", "wrong-password")
        except SignInRefused:
            pass
    services.clock.moment = None  # the rest happens now
    accounts = AccountsDialog(services, window)
    accounts.table.selectRow(next(row for row in range(accounts.table.rowCount())
                                  if accounts.table.item(row, 0).text() == liu.username))
    shoot(app, accounts, "accounts-zh_CN.png")
    services.accounts.unlock(liu.id)

    drafts = [Draft("student", student.id, "needs", "需求", student.full_name,
                    "需要安静的角落，轮流等待仍有困难", "2026-11-22T16:05:12")]
    services.drafts = Drafts(Path(tempfile.mkdtemp()))
    shoot(app, DraftsDialog(services, drafts, window), "unsaved-text-zh_CN.png")
    services.drafts = None

    shoot(app, SendDialog(student.full_name, window), "send-student-file-zh_CN.png")
    from iep_studio.core.transfer.export import export_student
    from iep_studio.core.transfer.import_ import preview

    seen = preview(services.store, export_student(services.store, student.id))
    shoot(app, ReceiveDialog(seen, services.schools.list_schools(), window),
          "receive-student-file-zh_CN.png")
