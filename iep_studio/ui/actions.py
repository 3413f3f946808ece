"""Every command of the main window in one place: its title, shortcut and handler name."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import QT_TRANSLATE_NOOP
from .qt import QAction, QCoreApplication, QKeySequence, QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str
    title: str  # English source text; translated in the "Actions" context
    shortcut: QKeySequence.StandardKey | str | None = None


ACTIONS = (
    ActionSpec("new_student", QT_TRANSLATE_NOOP("Actions", "&New student file…"), QKeySequence.StandardKey.New),
    ActionSpec("archive_student", QT_TRANSLATE_NOOP("Actions", "&Archive student file"), "Ctrl+Shift+A"),
    ActionSpec("restore_student", QT_TRANSLATE_NOOP("Actions", "&Restore student file"), "Ctrl+Shift+R"),
    ActionSpec("export", QT_TRANSLATE_NOOP("Actions", "&Export documents…"), "Ctrl+E"),
    ActionSpec("send_file", QT_TRANSLATE_NOOP("Actions", "&Send the student's file to another school…")),
    ActionSpec("receive_file", QT_TRANSLATE_NOOP("Actions", "Recei&ve a student file…")),
    ActionSpec("backup_now", QT_TRANSLATE_NOOP("Actions", "&Back up now")),
    ActionSpec("restore_backup", QT_TRANSLATE_NOOP("Actions", "Restore a bac&kup…")),
    ActionSpec("create_demo", QT_TRANSLATE_NOOP("Actions", "Create &demo school")),
    ActionSpec("sign_out", QT_TRANSLATE_NOOP("Actions", "Sign &out / switch user…"), "Ctrl+Shift+Q"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "Ctrl+Q"),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), QKeySequence.StandardKey.Undo),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z"),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find student"), QKeySequence.StandardKey.Find),
    ActionSpec("course_library", QT_TRANSLATE_NOOP("Actions", "Course-unit &library…"), "Ctrl+L"),
    ActionSpec("home", QT_TRANSLATE_NOOP("Actions", "&Home: reminders"), "Alt+Home"),
    ActionSpec("open_plan", QT_TRANSLATE_NOOP("Actions", "Open the current &IEP…"), "Ctrl+I"),
    ActionSpec("planner", QT_TRANSLATE_NOOP("Actions", "Resource-room &planner…"), "Ctrl+Shift+P"),
    ActionSpec("record_observations", QT_TRANSLATE_NOOP("Actions", "&Record observations…"), "Ctrl+R"),
    ActionSpec("who_am_i", QT_TRANSLATE_NOOP("Actions", "&Who am I…")),
    ActionSpec("accounts", QT_TRANSLATE_NOOP("Actions", "A&ccounts…")),
    ActionSpec("change_password", QT_TRANSLATE_NOOP("Actions", "Change my &password…")),
    ActionSpec("document_settings", QT_TRANSLATE_NOOP("Actions", "&Documents: logo and Word template…")),
    ActionSpec("language", QT_TRANSLATE_NOOP("Actions", "&Language…")),
    ActionSpec("data_folder", QT_TRANSLATE_NOOP("Actions", "Where is my &data?")),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About IEP Studio")),
)


# The plan window's commands.
PLAN_ACTIONS = (
    ActionSpec("check", QT_TRANSLATE_NOOP("Actions", "&Check completeness"), "F7"),
    ActionSpec("submit", QT_TRANSLATE_NOOP("Actions", "&Submit for review…"), "Ctrl+Shift+S"),
    ActionSpec("withdraw", QT_TRANSLATE_NOOP("Actions", "&Withdraw to draft")),
    ActionSpec("comment", QT_TRANSLATE_NOOP("Actions", "Co&mment…"), "Ctrl+M"),
    ActionSpec("request_changes", QT_TRANSLATE_NOOP("Actions", "Request &changes…")),
    ActionSpec("approve", QT_TRANSLATE_NOOP("Actions", "&Approve…")),
    ActionSpec("sign", QT_TRANSLATE_NOOP("Actions", "Si&gn…")),
    ActionSpec("review_objectives", QT_TRANSLATE_NOOP("Actions", "&Review objectives…")),
    ActionSpec("amend", QT_TRANSLATE_NOOP("Actions", "A&mend…")),
    ActionSpec("close_plan", QT_TRANSLATE_NOOP("Actions", "C&lose the plan…")),
    ActionSpec("compare", QT_TRANSLATE_NOOP("Actions", "Compare &revisions…"), "Ctrl+D"),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), QKeySequence.StandardKey.Undo),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z"),
    ActionSpec("close_window", QT_TRANSLATE_NOOP("Actions", "Close &window"), "Ctrl+W"),
)


def build_actions(window: QWidget, specs=ACTIONS) -> dict[str, QAction]:
    actions = {}
    for spec in specs:
        action = QAction(QCoreApplication.translate("Actions", spec.title), window)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setObjectName(spec.name)
        actions[spec.name] = action
    return actions
