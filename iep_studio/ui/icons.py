"""Icons for the commands, the parts of a student file and the sections of a plan.

They come from Material Design Icons 6 (prefix "mdi6"; Apache License 2.0), drawn from the
icon font that the qtawesome package bundles (qtawesome itself: MIT licence). Only that one
font is loaded, not all twelve that qtawesome ships: 10 MB less memory.

qtawesome reaches Qt through QtPy, and importing it takes every class of QtCore, QtGui and
QtWidgets at once (a fifth of a second): so it is imported only when icons are first
asked for, never on the way to the main window's first paint (tests/test_lazy_imports.py).
The icons take their colours from the palette they will be shown on, so a dark palette
gets light icons.
"""
from __future__ import annotations

import os

from .qt import QApplication, QIcon, QPalette

# Commands, by their name in actions.ACTIONS, PLAN_ACTIONS and the planner's.
ACTION_ICONS = {
    "new_student": "account-plus-outline",
    "archive_student": "archive-arrow-down-outline",
    "restore_student": "archive-arrow-up-outline",
    "export": "file-export-outline",
    "send_file": "file-send-outline",
    "receive_file": "inbox-arrow-down-outline",
    "import_students": "table-arrow-left",
    "export_student_list": "file-excel-outline",
    "backup_now": "database-arrow-down-outline",
    "restore_backup": "backup-restore",
    "create_demo": "school-outline",
    "sign_out": "logout",
    "quit": "exit-to-app",
    "undo": "undo",
    "redo": "redo",
    "find": "magnify",
    "course_library": "bookshelf",
    "home": "home-outline",
    "open_plan": "file-document-edit-outline",
    "planner": "calendar-week",
    "record_observations": "clipboard-edit-outline",
    "overview": "chart-box-outline",
    "who_am_i": "account-circle-outline",
    "accounts": "account-key-outline",
    "change_password": "lock-reset",
    "document_settings": "file-cog-outline",
    "language": "translate",
    "data_folder": "folder-information-outline",
    "about": "information-outline",
    # the plan window
    "check": "format-list-checks",
    "submit": "send-outline",
    "withdraw": "file-undo-outline",
    "comment": "comment-text-outline",
    "request_changes": "comment-alert-outline",
    "approve": "check-decagram-outline",
    "sign": "draw-pen",
    "meeting": "calendar-account-outline",
    "review_objectives": "bullseye-arrow",
    "amend": "file-edit-outline",
    "close_plan": "lock-outline",
    "compare": "compare-horizontal",
    "family_wording": "home-heart",
    "close_window": "window-close",
    "export_plan": "file-export-outline",
    "print_plan": "printer-outline",
    # the planner
    "previous_week": "chevron-left",
    "next_week": "chevron-right",
    "this_week": "calendar-today",
    "new_theme": "calendar-star",
    "new_activity": "shape-plus-outline",
    "new_session": "calendar-plus",
    "record": "clipboard-edit-outline",
    "copy_week": "content-copy",
    "export_week": "file-export-outline",
    "day_sheet": "printer-outline",
    "week_sheet": "printer-outline",
}

# The parts of a student file, by the view's attribute name (student_file.py).
FILE_PART_ICONS = {
    "profile": "card-account-details-outline",
    "family": "human-male-female-child",
    "team": "account-group-outline",
    "intake": "clipboard-flow-outline",
    "assessments": "clipboard-text-search-outline",
    "plans": "file-document-edit-outline",
    "progress": "chart-line",
    "lessons": "book-open-page-variant-outline",
    "behaviour": "clipboard-pulse-outline",
    "home_visits": "home-account",
    "guidance": "account-tie-voice-outline",
    "attachments": "paperclip",
    "history": "history",
}

# The plan window's sections, in the navigator's order (plan_window.py).
PLAN_SECTION_ICONS = (
    "account-details-outline",  # 1-3 overview
    "gauge",  # 4 present levels
    "arm-flex-outline",  # 5 strengths and needs
    "bullseye-arrow",  # 6-7 goals and objectives
    "lightbulb-on-outline",  # 8 strategies
    "hand-heart-outline",  # 9 services and devices
    "clipboard-pulse-outline",  # 10 behaviour support
    "stairs-up",  # 11 transition
    "draw-pen",  # 12 reviews and signatures
)


def icon(name: str, palette: QPalette | None = None, role=None) -> QIcon:
    """The icon `name` (an mdi6 name) in the palette's text colour for `role`
    (ButtonText unless told), greyed when disabled, light on a selected row."""
    palette = palette or QApplication.palette()
    role = role if role is not None else QPalette.ColorRole.ButtonText
    normal, disabled = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Disabled
    return _loaded().icon(
        f"mdi6.{name}",
        color=palette.color(normal, role),
        color_disabled=palette.color(disabled, role),
        color_selected=palette.color(normal, QPalette.ColorRole.HighlightedText))


def _loaded():
    """The one icon font, loaded the first time and then kept as a child of the
    application: it goes with the application, never after it, and no module keeps a Qt
    object."""
    os.environ.setdefault("QT_API", "pyside6")  # QtPy must take this app's binding
    from qtawesome import IconicFont, get_fonts_info

    app = QApplication.instance()
    font = app.findChild(IconicFont, "iconFont")
    if font is None:
        # Its file named as the installed qtawesome names it (the version is in the name).
        ttf = next(name for name in get_fonts_info()[1]
                   if name.startswith("materialdesignicons6-"))
        charmap = ttf.replace("-webfont-", "-webfont-charmap-").replace(".ttf", ".json")
        font = IconicFont(("mdi6", ttf, charmap))
        font.setObjectName("iconFont")
        font.setParent(app)
        # qtawesome keeps every icon it drew in Python dictionaries; left until the
        # interpreter's last collection, they were destroyed after the application and
        # the app crashed on the way out.
        app.aboutToQuit.connect(lambda: (font.icon_cache.clear(), font.rawfont_cache.clear()))
    return font


def set_action_icons(actions: dict, palette: QPalette | None = None) -> None:
    """Give each command its icon (those without one in ACTION_ICONS keep none)."""
    for name, action in actions.items():
        if name in ACTION_ICONS:
            action.setIcon(icon(ACTION_ICONS[name], palette))
