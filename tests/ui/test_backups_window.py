"""Backups from the window: one at start, one on demand, and a restore chosen in the
dialog, carried out at the next start with the data as it was kept."""
from __future__ import annotations

from iep_studio.core.store.backup import list_backups
from iep_studio.ui.app import _pending_restore
from iep_studio.ui.qt import QDialogButtonBox, QMessageBox

from ..migrations.test_backup_integrity import damage
from .conftest import when_dialog_opens


def test_back_up_now_then_restore_it_at_the_next_start(
        window_with_students, data_paths, qtbot):
    window = window_with_students
    window.backup_desk.start()
    assert [b.reason for b in list_backups(data_paths.backups)] == ["start"]
    when_dialog_opens(qtbot, lambda box: box.accept())
    window.actions_by_name["backup_now"].trigger()
    manual = list_backups(data_paths.backups)[0]
    assert manual.reason == "manual"
    student = window.services.students
    first = window.student_list.model.summary(0)
    student.update(first.id, {"full_name": "改过的名字"})

    def choose(dialog):
        assert dialog.table.rowCount() == 2 and dialog.chosen() == manual
        when_dialog_opens(qtbot, lambda box: box.button(
            QMessageBox.StandardButton.Yes).click())
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    when_dialog_opens(qtbot, choose)
    window.actions_by_name["restore_backup"].trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    window.services.store.dispose()
    backup, kept = _pending_restore(data_paths)  # what the next start does first
    assert backup == manual.path and kept.name.endswith("before-restore.sqlite")
    assert _pending_restore(data_paths) is None  # once only
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store

    reopened = Services(open_store(data_paths.database_url))
    assert reopened.students.get(first.id).full_name == first.full_name
    reopened.store.dispose()


def test_a_damaged_database_is_reported_at_once_and_never_backed_up(
        window_with_students, data_paths, monkeypatch):
    window = window_with_students
    window.backup_desk.start()
    good = list_backups(data_paths.backups)
    window.services.store.checkpoint()
    database = window.services.store.sqlite_path
    damage(database)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *rest: shown.append((title, text)))
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *rest: shown.append((title, text)))
    window.backup_desk.start()  # the next start
    window.backup_desk._daily()  # and the hourly check: told once, not every hour
    window.actions_by_name["backup_now"].trigger()  # asked for: told again
    assert len(shown) == 2
    for title, text in shown:
        assert title == window.backup_desk.tr("The database is damaged")
        assert str(database) in text and "Backup written" not in text
    assert list_backups(data_paths.backups) == good
