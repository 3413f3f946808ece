"""Every command of the main window in one place: its title, shortcut and handler name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import QT_TRANSLATE_NOOP
from .qt import QAction, QCoreApplication, QKeySequence, QMainWindow, QSize, QToolBar, QWidget


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
    ActionSpec("import_students", QT_TRANSLATE_NOOP("Actions", "&Import students from a spreadsheet…")),
    ActionSpec("export_student_list", QT_TRANSLATE_NOOP("Actions", "Export the student &list to Excel…")),
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
    ActionSpec("overview", QT_TRANSLATE_NOOP("Actions", "School and district &overview…"), "Ctrl+Shift+O"),
    ActionSpec("who_am_i", QT_TRANSLATE_NOOP("Actions", "&Who am I…")),
    ActionSpec("accounts", QT_TRANSLATE_NOOP("Actions", "A&ccounts…")),
    ActionSpec("change_password", QT_TRANSLATE_NOOP("Actions", "Change my &password…")),
    ActionSpec("document_settings", QT_TRANSLATE_NOOP("Actions", "&Documents: logo and Word template…")),
    ActionSpec("language", QT_TRANSLATE_NOOP("Actions", "&Language…")),
    ActionSpec("data_folder", QT_TRANSLATE_NOOP("Actions", "Where is my da&ta?")),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About IEP Studio")),
)


# The plan window's commands. Each has its own Alt+letter in the Plan menu, as each of the
# main window's has in its menu, in both languages.
PLAN_ACTIONS = (
    ActionSpec("check", QT_TRANSLATE_NOOP("Actions", "&Check completeness"), "F7"),
    ActionSpec("submit", QT_TRANSLATE_NOOP("Actions", "&Submit for review…"), "Ctrl+Shift+S"),
    ActionSpec("withdraw", QT_TRANSLATE_NOOP("Actions", "W&ithdraw to draft")),
    ActionSpec("comment", QT_TRANSLATE_NOOP("Actions", "Co&mment…"), "Ctrl+M"),
    ActionSpec("request_changes", QT_TRANSLATE_NOOP("Actions", "Request c&hanges…")),
    ActionSpec("approve", QT_TRANSLATE_NOOP("Actions", "&Approve…")),
    ActionSpec("sign", QT_TRANSLATE_NOOP("Actions", "Si&gn…")),
    ActionSpec("meeting", QT_TRANSLATE_NOOP("Actions", "IEP mee&ting…")),
    ActionSpec("review_objectives", QT_TRANSLATE_NOOP("Actions", "&Review objectives…")),
    ActionSpec("amend", QT_TRANSLATE_NOOP("Actions", "Amen&d…")),
    ActionSpec("close_plan", QT_TRANSLATE_NOOP("Actions", "C&lose the plan…")),
    ActionSpec("compare", QT_TRANSLATE_NOOP("Actions", "Compare re&visions…"), "Ctrl+D"),
    # No shortcut: Ctrl+Shift+F, the natural one, switches simplified and traditional
    # characters in common Chinese input methods.
    ActionSpec("family_wording", QT_TRANSLATE_NOOP("Actions", "&Family wording…")),
    ActionSpec("export_plan", QT_TRANSLATE_NOOP("Actions", "&Export as PDF and Word…"), "Ctrl+E"),
    ActionSpec("print_plan", QT_TRANSLATE_NOOP("Actions", "&Print…"), QKeySequence.StandardKey.Print),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), QKeySequence.StandardKey.Undo),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z"),
    ActionSpec("close_window", QT_TRANSLATE_NOOP("Actions", "Close &window"), "Ctrl+W"),
)


def plain_title(title: str) -> str:
    """A menu title as a button shows it: "检查完整性(&C)" and "&Export documents…" become
    "检查完整性" and "Export documents". The mnemonic belongs to the menu; on a toolbar
    "(C)" and "…" are only clutter."""
    text = re.sub(r"\s*\(&[^&)]\)", "", title).strip()  # a Chinese title's "(&C)"
    text = text.removesuffix("…").removesuffix("...").rstrip()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def build_actions(window: QWidget, specs=ACTIONS, icons: bool = True) -> dict[str, QAction]:
    """The commands of `specs` for `window`. Each has a short button text and a tooltip
    naming its shortcut; with `icons`, its icon (the main window adds them after its list
    is on the screen: loading the icon font then costs the teacher no wait)."""
    actions = {}
    for spec in specs:
        title = QCoreApplication.translate("Actions", spec.title)
        action = QAction(title, window)
        short = plain_title(title)
        action.setIconText(short)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{short} ({keys})")
        else:
            action.setToolTip(short)
        action.setObjectName(spec.name)
        actions[spec.name] = action
    if icons:
        from .icons import set_action_icons

        set_action_icons(actions)
    return actions


def add_toolbar(window: QMainWindow, title: str, object_name: str,
                actions: dict[str, QAction], names, only_enabled: bool = False) -> QToolBar:
    """A toolbar of the commands `names` (None: a separator): each an icon with its short
    text beside it, the icons as tall as the text is (they grow with the system's text
    size). With `only_enabled`, a command shows on the toolbar only while it can be used
    (the plan's review steps: a dozen, of which a stage allows three or four); the menu
    still lists them all."""
    from .qt import Qt

    toolbar = window.addToolBar(title)
    toolbar.setObjectName(object_name)
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    size = window.fontMetrics().height() + 4
    toolbar.setIconSize(QSize(size, size))
    for name in names:
        if name is None:
            toolbar.addSeparator()
        elif only_enabled:
            _add_own_button(toolbar, actions[name])
            actions[name].changed.connect(lambda: _show_enabled(toolbar))
        else:
            toolbar.addAction(actions[name])
    if only_enabled:
        _show_enabled(toolbar)
    return toolbar


def _add_own_button(toolbar: QToolBar, action: QAction) -> None:
    """The action's button as the toolbar would make it, but held by an action of its
    own: hiding that one hides the button, not the command in the menu."""
    from .qt import Qt, QToolButton

    button = QToolButton(toolbar)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setIconSize(toolbar.iconSize())
    button.setToolButtonStyle(toolbar.toolButtonStyle())
    toolbar.iconSizeChanged.connect(button.setIconSize)
    toolbar.toolButtonStyleChanged.connect(button.setToolButtonStyle)
    button.setDefaultAction(action)
    toolbar.addWidget(button)


def _show_enabled(toolbar: QToolBar) -> None:
    """Each button while its command is enabled; a separator only between two shown
    groups."""
    shown_before, separator = False, None
    for holder in toolbar.actions():
        if holder.isSeparator():
            holder.setVisible(False)
            separator = holder if shown_before else separator
            continue
        button = toolbar.widgetForAction(holder)
        command = button.defaultAction() if button is not None else holder
        holder.setVisible(command.isEnabled())
        if holder.isVisible():
            if separator is not None:
                separator.setVisible(True)
            shown_before, separator = True, None
