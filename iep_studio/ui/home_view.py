"""The home view: what needs attention across the user's caseload, most pressing first.
Enter or a double-click opens the plan (or the student's file)."""
from __future__ import annotations

from ..core.errors import QT_TRANSLATE_NOOP
from .qt import (
    QCoreApplication, QHBoxLayout, QLabel, QSpinBox, QListView, QListWidget, QListWidgetItem, QPushButton, Qt, QVBoxLayout,
    QPalette, QWidget, Signal,
)
from .widgets.system_look import DONE, PROBLEM, text_tone

KIND_TEXT = {
    "overdue": QT_TRANSLATE_NOOP("Home", "Review overdue since %1"),
    "awaiting_signature": QT_TRANSLATE_NOOP("Home", "Waiting for your signature"),
    "review_due": QT_TRANSLATE_NOOP("Home", "Review due on %1"),
    "guidance_follow_up": QT_TRANSLATE_NOOP("Home", "Follow-up of the district's guidance "
                                            "due on %1"),
    "untouched_draft": QT_TRANSLATE_NOOP("Home", "Draft untouched since %1"),
    "no_plan": QT_TRANSLATE_NOOP("Home", "No plan in effect or in progress"),
}

PROGRESS_TEXT = {
    "mastered": QT_TRANSLATE_NOOP("Home", "Newly mastered on %1"),
    "stalled": QT_TRANSLATE_NOOP("Home", "Stalled: no gain in the last sessions (last %1)"),
    "no_data": QT_TRANSLATE_NOOP("Home", "Nothing recorded since %1"),
}


def no_target(text: str) -> QListWidgetItem:
    """A line that opens nothing. It still carries a (blank) target, like every other line:
    some Qt bindings mishandle reading a role that was never set."""
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, "")
    return item


def reminder_list() -> QListWidget:
    """A list of reminders, whose lines wrap. With every student of a district on it
    (6,000 without a plan), measuring every wrapped line at once held the window for a
    quarter of a second: the lines are measured a hundred at a time while the window is
    idle, the first ones at once."""
    reminders = QListWidget()
    reminders.setWordWrap(True)
    reminders.setLayoutMode(QListView.LayoutMode.Batched)
    reminders.setBatchSize(100)
    return reminders


class HomeView(QWidget):
    """Signals:
    open_plan(str, str): (student id, plan id) to open.
    open_student(str): a student's file to open (no plan yet).
    choose_me(): the user wants to say who they are (their caseload).
    open_progress(str, str): (student id, objective id) to look at.
    thresholds_changed(int, int): the user set how many sessions make "stalled" and how
        many days make "no data".
    """

    open_plan = Signal(str, str)
    open_student = Signal(str)
    choose_me = Signal()
    open_progress = Signal(str, str)
    thresholds_changed = Signal(int, int)
    new_student = Signal()
    create_demo = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.list = reminder_list()
        self.list.setAccessibleName(self.tr("Reminders"))
        self.list.itemActivated.connect(self._open)
        self.who = QPushButton(self.tr("Who am I…"))
        self.who.clicked.connect(self.choose_me)
        self.hint = QLabel(self.tr("Choose a student on the left, or make a new file with "
                                   "Ctrl+N. Alt+Home comes back here."))
        self.hint.setWordWrap(True)
        self.first_steps = self._first_steps()
        self.progress_title = QLabel()
        self.stalled_sessions = QSpinBox()
        self.stalled_sessions.setRange(2, 30)
        self.stalled_sessions.setAccessibleName(self.tr("Sessions without gain"))
        self.no_data_days = QSpinBox()
        self.no_data_days.setRange(1, 365)
        self.no_data_days.setAccessibleName(self.tr("Days without data"))
        self.thresholds = QWidget()
        thresholds = QHBoxLayout(self.thresholds)
        thresholds.setContentsMargins(0, 0, 0, 0)
        for text, box in ((self.tr("Stalled:"), self.stalled_sessions),
                          (self.tr("sessions without gain"), None),
                          (self.tr("No data:"), self.no_data_days), (self.tr("days"), None)):
            thresholds.addWidget(QLabel(text))
            if box is not None:
                thresholds.addWidget(box)
                box.editingFinished.connect(self._thresholds_edited)
        thresholds.addStretch(1)
        self.progress_list = reminder_list()
        self.progress_list.setAccessibleName(self.tr("Progress across the caseload"))
        self.progress_list.itemActivated.connect(self._open_progress)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.first_steps, 1)  # shown instead of the lists: their room
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress_title)
        layout.addWidget(self.thresholds)
        layout.addWidget(self.progress_list, 1)
        layout.addWidget(self.who, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.hint)

    def _first_steps(self) -> QWidget:
        """What a new teacher does first, offered on an empty copy instead of reminders."""
        box = QWidget()
        text = QLabel(self.tr("No student files yet. Start with one of these:"))
        text.setWordWrap(True)
        self.new_student_button = QPushButton(self.tr("Make the first student file (Ctrl+N)"))
        self.new_student_button.clicked.connect(self.new_student)
        self.demo_button = QPushButton(self.tr("Look around a demo school of made-up students"))
        self.demo_button.clicked.connect(self.create_demo)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        for button in (self.new_student_button, self.demo_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        box.hide()
        return box

    def show_first_steps(self, empty: bool, demo: bool = True) -> None:
        """`empty`: no student files at all; `demo`: the demo school may be offered (never
        on a shared server)."""
        self.first_steps.setVisible(empty)
        self.demo_button.setVisible(empty and demo)
        self.list.setVisible(not empty)
        for widget in (self.progress_title, self.progress_list, self.thresholds):
            widget.setVisible(not empty)
        if empty:
            self.title.setText("<h3>" + self.tr("Welcome to IEP Studio") + "</h3>")
            self.new_student_button.setFocus()

    def show_reminders(self, reminders, my_name: str, mine: bool = True) -> None:
        """`mine`: the reminders are of `my_name`'s caseload (else of every student)."""
        self.who.setVisible(not my_name)  # the signed-in person is "me": nothing to ask
        if my_name and mine:
            heading = self.tr("%1's caseload: %2 things need attention") \
                .replace("%1", my_name).replace("%2", str(len(reminders)))
        elif my_name:
            heading = self.tr("All students: %1 things need attention.").replace(
                "%1", str(len(reminders)))
        else:
            heading = self.tr("All students: %1 things need attention. Say who you are to see "
                              "only your caseload.").replace("%1", str(len(reminders)))
        self.title.setText(f"<h3>{heading}</h3>")
        self.list.clear()
        for reminder in reminders:
            what = QCoreApplication.translate("Home", KIND_TEXT[reminder.kind]).replace(
                "%1", reminder.when.isoformat() if reminder.when else "")
            plan = f" · {reminder.plan_title}" if reminder.plan_title else ""
            item = QListWidgetItem(f"{reminder.student_name}{plan}\n    {what}")
            item.setData(Qt.ItemDataRole.UserRole, (reminder.student_id, reminder.plan_id))
            if reminder.kind == "overdue":
                item.setForeground(text_tone(PROBLEM, self.list, QPalette.ColorRole.Base))
            self.list.addItem(item)
        if reminders:
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(no_target(self.tr("Nothing needs attention. Well done.")))

    def _thresholds_edited(self) -> None:
        self.thresholds_changed.emit(self.stalled_sessions.value(), self.no_data_days.value())

    def show_progress(self, items, stalled_sessions: int, no_data_days: int) -> None:
        """Objectives newly mastered, stalled, or without data (services.progress)."""
        for box, value in ((self.stalled_sessions, stalled_sessions),
                           (self.no_data_days, no_data_days)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        from ..core.iep.terms import objective_sentence
        from .i18n import current_language

        language = current_language()
        self.progress_title.setText("<h3>" + self.tr("Progress: %1 objectives to look at")
                                    .replace("%1", str(len(items))) + "</h3>")
        self.progress_list.clear()
        for entry in items:
            what = QCoreApplication.translate("Home", PROGRESS_TEXT[entry.kind]).replace(
                "%1", entry.when.isoformat() if entry.when else "—")
            item = QListWidgetItem(f"{entry.student_name} · {what}\n    "
                                   f"{objective_sentence(entry, language)}")
            item.setData(Qt.ItemDataRole.UserRole, (entry.student_id, entry.objective_id))
            item.setToolTip(item.text())
            # Shades of green and red readable on the list's background, light or dark.
            if entry.kind == "mastered":
                item.setForeground(text_tone(DONE, self.progress_list, QPalette.ColorRole.Base))
            elif entry.kind == "stalled":
                item.setForeground(text_tone(PROBLEM, self.progress_list,
                                             QPalette.ColorRole.Base))
            self.progress_list.addItem(item)
        if not items:
            self.progress_list.addItem(no_target(self.tr("Every objective in effect has recent "
                                                         "data and is moving.")))

    def _open_progress(self, item) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.open_progress.emit(*target)

    def _open(self, item) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if not target:
            return
        student_id, plan_id = target
        if plan_id:
            self.open_plan.emit(student_id, plan_id)
        else:
            self.open_student.emit(student_id)
