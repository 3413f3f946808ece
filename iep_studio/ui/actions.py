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
    ActionSpec("create_demo", QT_TRANSLATE_NOOP("Actions", "Create &demo school")),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "Ctrl+Q"),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), QKeySequence.StandardKey.Undo),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z"),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find student"), QKeySequence.StandardKey.Find),
    ActionSpec("course_library", QT_TRANSLATE_NOOP("Actions", "Course-unit &library…"), "Ctrl+L"),
    ActionSpec("language", QT_TRANSLATE_NOOP("Actions", "&Language…")),
    ActionSpec("data_folder", QT_TRANSLATE_NOOP("Actions", "Where is my &data?")),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About IEP Studio")),
)


def build_actions(window: QWidget) -> dict[str, QAction]:
    actions = {}
    for spec in ACTIONS:
        action = QAction(QCoreApplication.translate("Actions", spec.title), window)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        action.setObjectName(spec.name)
        actions[spec.name] = action
    return actions
