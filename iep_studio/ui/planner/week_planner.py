"""The resource-room planner: the month's themes, the week's activities, and the week's
sessions as a grid of days and times, with the chosen day listed under it.

Keyboard: Alt+←/→ moves a week, Ctrl+T comes back to this week, Enter on a cell edits its
session (or makes one there), Delete removes it, Ctrl+R records observations for it,
Ctrl+Shift+C copies the week forward, Ctrl+P and Ctrl+Shift+P print data sheets for the
day and the week. Every change is undoable (Ctrl+Z).
"""
from __future__ import annotations

from datetime import date, timedelta

from ...core.errors import QT_TRANSLATE_NOOP, IepStudioError
from ...core.school_year import monday_of
from ...core.vocabulary import THEME_SCOPES, join_labels
from ..actions import ActionSpec, add_toolbar, build_actions
from ..editing.operations import Operations
from ..i18n import current_language, error_text
from ..qt import (
    QComboBox, QHBoxLayout, QKeySequence, QLabel, QLocale, QMainWindow, QMessageBox,
    QPushButton, QSettings, QSplitter, Qt, QUndoStack, QVBoxLayout, QWidget, Signal,
)
from ..widgets.dialogs import run_until_saved, spoken
from ..widgets.system_look import scaled_font
from ..widgets.record_table import RecordTable
from ..window_size import restore_or_fit
from .copy_week_dialog import CopyWeekDialog
from .planner_dialogs import ActivityDialog, SessionDialog, ThemeDialog
from .week_grid import WeekGrid, day_title, week_title

PLANNER_ACTIONS = (
    ActionSpec("previous_week", QT_TRANSLATE_NOOP("Actions", "&Previous week"), "Alt+Left"),
    ActionSpec("next_week", QT_TRANSLATE_NOOP("Actions", "&Next week"), "Alt+Right"),
    ActionSpec("this_week", QT_TRANSLATE_NOOP("Actions", "&This week"), "Ctrl+T"),
    ActionSpec("new_theme", QT_TRANSLATE_NOOP("Actions", "New t&heme…"), "Ctrl+Shift+T"),
    ActionSpec("new_activity", QT_TRANSLATE_NOOP("Actions", "New &activity…"), "Ctrl+Shift+N"),
    ActionSpec("new_session", QT_TRANSLATE_NOOP("Actions", "New &session…"), "Ctrl+N"),
    ActionSpec("record", QT_TRANSLATE_NOOP("Actions", "&Record observations…"), "Ctrl+R"),
    ActionSpec("copy_week", QT_TRANSLATE_NOOP("Actions", "&Copy this week forward…"),
               "Ctrl+Shift+C"),
    ActionSpec("export_week", QT_TRANSLATE_NOOP("Actions", "&Export this week…"), "Ctrl+E"),
    ActionSpec("day_sheet", QT_TRANSLATE_NOOP("Actions", "&Print data sheet for the day…"),
               QKeySequence.StandardKey.Print),
    ActionSpec("week_sheet", QT_TRANSLATE_NOOP("Actions", "Print data sheet for the wee&k…"),
               "Ctrl+Shift+P"),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), "Ctrl+Z"),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z"),
    ActionSpec("close_window", QT_TRANSLATE_NOOP("Actions", "Close &window"), "Ctrl+W"),
)


class PlannerWindow(QMainWindow):
    """Signals: record_requested(str): observations for a session (the desk opens the
    entry); changed(): something was planned (the main window refreshes what shows it)."""

    record_requested = Signal(str)
    changed = Signal()

    def __init__(self, services, state: QSettings | None = None, parent: QWidget | None = None,
                 settings=None):
        super().__init__(parent)
        self.services = services
        self.state = state
        self.settings = settings  # the school's logo and Word template for exports
        self.monday = monday_of(services.today())
        self.only_student = ""
        self.week = None
        self.setWindowTitle(self.tr("Resource-room planner"))
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(services.store, self.undo_stack, self)
        self.operations.changed.connect(self._planned)
        self.operations.refused.connect(self._refused)
        self.actions_by_name = build_actions(self, PLANNER_ACTIONS)
        self._build()
        self._connect()
        restore_or_fit(self, state.value("planner/geometry") if state is not None else None,
                       1280, 820)
        self.refresh()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("weekTitle")
        # Half as large again as the system's text, whatever size that is.
        self.title.setFont(scaled_font(self.title.font(), 1.5))
        line = self.fontMetrics().height()
        self.title.setContentsMargins(line // 2, 0, line // 2, 0)
        self.previous = QPushButton("◀")
        self.next = QPushButton("▶")
        for button in (self.previous, self.next):
            button.setFixedWidth(button.fontMetrics().height() * 2)  # an arrow, not a word
        self.today_button = QPushButton(self.tr("This week"))
        for button, name in ((self.previous, "previous_week"), (self.next, "next_week"),
                             (self.today_button, "this_week")):
            said = spoken(self.actions_by_name[name].text())
            button.setAccessibleName(said)  # "◀" is no name for a screen reader
            button.setToolTip(said + "  " + self.actions_by_name[name].shortcut().toString())
            button.clicked.connect(self.actions_by_name[name].trigger)
        self.show_for = QComboBox()
        self.show_for.setAccessibleName(self.tr("Show the week of"))
        top = QHBoxLayout()
        for widget in (self.previous, self.title, self.next, self.today_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.show_for)
        self.themes = RecordTable([self.tr("Theme"), self.tr("For"), self.tr("Aims")],
                                  self.tr("Themes of the month"))
        self.activities = RecordTable([self.tr("Activity"), self.tr("Theme"),
                                       self.tr("Course unit"), self.tr("Students")],
                                      self.tr("Activities of the week"))
        self.grid = WeekGrid()
        self.day_list = RecordTable([self.tr("Time"), self.tr("Room"), self.tr("Session"),
                                     self.tr("Students"), self.tr("Recorded")],
                                    self.tr("Sessions of the day"))
        self.day_label = QLabel()
        self.themes.fit_columns(0, 2)  # the theme, its aims
        self.activities.fit_columns(0, 2, 3)  # the activity, its unit, its students
        self.day_list.fit_columns(2, 3)  # the session, its students
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(_titled(self.tr("Themes of the month"), self.themes, self))
        left.addWidget(_titled(self.tr("Activities of the week"), self.activities, self))
        left.setSizes([260, 480])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.grid)
        day = QWidget()
        day_layout = QVBoxLayout(day)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_label)
        day_layout.addWidget(self.day_list)
        right.addWidget(day)
        right.setSizes([520, 220])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([520, 900])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        a = self.actions_by_name
        plan_menu = self.menuBar().addMenu(self.tr("&Plan"))
        for name in ("new_theme", "new_activity", "new_session", None, "copy_week", None,
                     "record", "export_week", "day_sheet", "week_sheet", None, "close_window"):
            plan_menu.addSeparator() if name is None else plan_menu.addAction(a[name])
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(a["undo"])
        edit_menu.addAction(a["redo"])
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for name in ("previous_week", "next_week", "this_week"):
            go_menu.addAction(a[name])
        add_toolbar(self, self.tr("Planner"), "plannerToolbar", a,
                    ("new_theme", "new_activity", "new_session", "copy_week", "record"))

    def _connect(self) -> None:
        a = self.actions_by_name
        a["previous_week"].triggered.connect(lambda: self.go_to(self.monday - timedelta(days=7)))
        a["next_week"].triggered.connect(lambda: self.go_to(self.monday + timedelta(days=7)))
        a["this_week"].triggered.connect(lambda: self.go_to(self.services.today()))
        a["new_theme"].triggered.connect(self.add_theme)
        a["new_activity"].triggered.connect(self.add_activity)
        a["new_session"].triggered.connect(lambda: self.add_session(self.grid.current_day()))
        a["record"].triggered.connect(self.record)
        a["copy_week"].triggered.connect(self.copy_week)
        a["export_week"].triggered.connect(self.export_week)
        a["day_sheet"].triggered.connect(lambda: self.print_data_sheet(week=False))
        a["week_sheet"].triggered.connect(lambda: self.print_data_sheet(week=True))
        # Paper for recording by hand: say what goes on it, and that it follows the entry.
        for name, tip in (("day_sheet", self.tr(
                "A sheet to record the chosen day's sessions on paper: each student's "
                "objectives in the order the observation entry lists them, with boxes for "
                "the trials, duration, count and notes")),
                          ("week_sheet", self.tr(
                "A sheet to record this week on paper: each student's objectives with a "
                "box for every day from Monday to Friday"))):
            keys = a[name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a[name].setToolTip(f"{tip} ({keys})")
            a[name].setStatusTip(tip)
        a["undo"].triggered.connect(self.undo_stack.undo)
        a["redo"].triggered.connect(self.undo_stack.redo)
        a["close_window"].triggered.connect(self.close)
        self.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        self.themes.add_requested.connect(self.add_theme)
        self.themes.edit_requested.connect(self.edit_theme)
        self.themes.remove_requested.connect(self.remove_theme)
        self.activities.add_requested.connect(self.add_activity)
        self.activities.edit_requested.connect(self.edit_activity)
        self.activities.remove_requested.connect(self.remove_activity)
        self.day_list.add_requested.connect(lambda: self.add_session(self.grid.current_day()))
        self.day_list.edit_requested.connect(self.edit_session)
        self.day_list.remove_requested.connect(lambda sid: self.remove_session(sid, ask=False))
        self.grid.open_cell.connect(self._open_cell)
        self.grid.remove_session.connect(self.remove_session)
        self.grid.currentCellChanged.connect(lambda *_: self._show_day())
        self.show_for.activated.connect(self._show_for_changed)

    # -- showing --------------------------------------------------------------------------
    def go_to(self, day: date) -> None:
        self.monday = monday_of(day)
        self.refresh()

    def show_student(self, student_id: str) -> None:
        """A student's week at a glance."""
        self.only_student = student_id
        self.refresh()

    def refresh(self) -> None:
        language = current_language()
        self.names = self._student_names()
        self._fill_show_for()
        planner = self.services.planner
        self.week = (planner.student_week(self.only_student, self.monday) if self.only_student
                     else planner.week(self.monday))
        self.title.setText(week_title(self.monday, language))
        self.themes.set_rows([(t.id, [t.title, self._scope_text(t, language), t.aims])
                              for t in self.week.themes])
        theme_titles = {t.id: t.title for t in self.week.themes}
        units = dict(self._units())
        self.activities.set_rows([(a.id, [
            a.title, theme_titles.get(a.theme_id or "", ""), units.get(a.unit_id, a.unit_id),
            self._names(a.student_ids, language)]) for a in self.week.activities])
        self.grid.show_week(self.week, self.names, language, self.services.today())
        self._show_day()

    def _show_day(self) -> None:
        day = self.grid.current_day()
        if day is None or self.week is None:
            return
        language = current_language()
        sessions = self.week.on(day)
        counts = self.services.observations.counts_for_sessions([x.id for x in sessions])
        self.day_label.setText("<b>" + day_title(day, language) + "</b>")
        self.day_list.set_rows([(x.id, [
            f"{x.starts}–{x.ends}" if x.ends else x.starts, x.room, x.title,
            self._names(x.student_ids, language), str(counts.get(x.id, 0))])
            for x in sessions])

    def _fill_show_for(self) -> None:
        self.show_for.blockSignals(True)
        self.show_for.clear()
        self.show_for.addItem(self.tr("All students"), "")
        for student_id, name in self.names.items():
            self.show_for.addItem(name, student_id)
        self.show_for.setCurrentIndex(max(0, self.show_for.findData(self.only_student)))
        self.show_for.blockSignals(False)

    def _show_for_changed(self) -> None:
        self.only_student = self.show_for.currentData() or ""
        self.refresh()

    def _student_names(self) -> dict[str, str]:
        from ...core.services.search import load_summaries

        return {s.id: s.full_name for s in sorted(load_summaries(self.services.store),
                                                  key=lambda s: s.sort_key)
                if not s.archived and s.status == "active"}

    def _names(self, ids, language: str) -> str:
        return join_labels((self.names.get(i, "?") for i in ids), language)

    def _scope_text(self, theme, language: str) -> str:
        scope = THEME_SCOPES.label(theme.scope, language)
        who = theme.group_name or self._names(theme.student_ids, language)
        return f"{scope}：{who}" if who and language.startswith("zh") else \
            f"{scope}: {who}" if who else scope

    def _units(self) -> list[tuple[str, str]]:
        language = "zh_CN" if current_language().startswith("zh") else "en"
        return sorted(((e.unit.id, e.unit.title.get(language) or e.unit.title.get("zh_CN", ""))
                       for e in self.services.library.entries()), key=lambda pair: pair[1])

    # -- changing, with undo (ui/editing/operations.py) ----------------------------------
    def _planned(self, _key: str, _changes) -> None:
        self.refresh()
        self.changed.emit()

    def _refused(self, error: IepStudioError) -> None:
        QMessageBox.warning(self, self.windowTitle(), error_text(error))

    def _students(self) -> list[tuple[str, str]]:
        return list(self.names.items())

    def add_theme(self) -> None:
        planner, month = self.services.planner, self._month()
        defaults = {"scope": "student" if self.only_student else "room",
                    "student_ids": [self.only_student] if self.only_student else []}

        def save(values):
            self.operations.run(self.tr("Add theme"), "",
                                lambda kept: (planner.restore_theme(kept) if kept else
                                              planner.add_theme(month, **values)).id,
                                planner.remove_theme)
        run_until_saved(ThemeDialog(self._month_text(), defaults, self._students(), self), save)

    def edit_theme(self, theme_id: str) -> None:
        theme = next(t for t in self.week.themes if t.id == theme_id)
        before = {k: getattr(theme, k) for k in ("title", "scope", "group_name", "student_ids",
                                                 "aims")}
        planner = self.services.planner

        def save(values):
            self.operations.run(self.tr("Edit theme"), "",
                                lambda _s: planner.update_theme(theme_id, values),
                                lambda _s: planner.update_theme(theme_id, before))
        run_until_saved(ThemeDialog(self._month_text(), before, self._students(), self), save)

    def remove_theme(self, theme_id: str) -> None:
        planner = self.services.planner
        self._try(lambda: self.operations.run(
            self.tr("Remove theme"), "", lambda kept: planner.remove_theme(
                kept["id"] if kept else theme_id),
            lambda kept: planner.restore_theme(kept) and kept))

    def add_activity(self) -> None:
        planner, monday = self.services.planner, self.monday
        room_theme = next((t.id for t in self.week.themes if t.scope == "room"), None)
        defaults = {"theme_id": room_theme,
                    "student_ids": [self.only_student] if self.only_student else []}

        def save(values):
            self.operations.run(self.tr("Add activity"), "",
                                lambda kept: (planner.restore_activity(kept) if kept else
                                              planner.add_activity(monday, **values)).id,
                                planner.remove_activity)
        run_until_saved(self._activity_dialog(defaults), save)

    def edit_activity(self, activity_id: str) -> None:
        activity = next(a for a in self.week.activities if a.id == activity_id)
        before = {k: getattr(activity, k) for k in ("title", "theme_id", "unit_id", "lesson_id",
                                                    "student_ids", "note")}
        planner = self.services.planner

        def save(values):
            self.operations.run(self.tr("Edit activity"), "",
                                lambda _s: planner.update_activity(activity_id, values),
                                lambda _s: planner.update_activity(activity_id, before))
        run_until_saved(self._activity_dialog(before), save)

    def _activity_dialog(self, values: dict) -> ActivityDialog:
        lessons = [(x.id, f"{x.given_on.isoformat()} {x.title}")
                   for x in self.services.lessons.recent()]
        themes = [(t.id, t.title) for t in self.week.themes]
        return ActivityDialog(week_title(self.monday, current_language()), values, themes,
                              self._units(), lessons, self._students(), self)

    def remove_activity(self, activity_id: str) -> None:
        planner = self.services.planner
        self._try(lambda: self.operations.run(
            self.tr("Remove activity"), "",
            lambda kept: planner.remove_activity(kept["id"] if kept else activity_id),
            lambda kept: planner.restore_activity(kept) and kept))

    def add_session(self, day: date | None, starts: str = "") -> None:
        planner = self.services.planner
        rooms = sorted({x.room for x in self.week.sessions if x.room}) or [self.tr("Resource room")]
        defaults = {"day": day or self.services.today(), "starts": starts,
                    "student_ids": [self.only_student] if self.only_student else []}

        def save(values):
            # Undo keeps what the removal returns (the session and the records linked to
            # it), and redo puts all of it back: records made in between stay attached.
            made = self.operations.run(self.tr("Add session"), "",
                                       lambda kept: (planner.restore_session(kept) if kept else
                                                     planner.add_session(**values)).id,
                                       planner.remove_session)
            self.grid.select_session(made)
        run_until_saved(SessionDialog(defaults, self._activity_choices(), rooms,
                                      self._students(), self), save)

    def edit_session(self, session_id: str) -> None:
        session = self.services.planner.get_session(session_id)
        before = {k: getattr(session, k) for k in ("day", "starts", "ends", "room", "title",
                                                   "activity_id", "student_ids", "note")}
        planner = self.services.planner
        rooms = sorted({x.room for x in self.week.sessions if x.room})

        def save(values):
            self.operations.run(self.tr("Edit session"), "",
                                lambda _s: planner.update_session(session_id, values),
                                lambda _s: planner.update_session(session_id, before))
        run_until_saved(SessionDialog(before, self._activity_choices(), rooms,
                                      self._students(), self), save)

    def remove_session(self, session_id: str, ask: bool = True) -> None:
        if ask and QMessageBox.question(
                self, self.tr("Remove session"),
                self.tr("Remove this session? Observations recorded in it are kept. You can "
                        "undo this with Ctrl+Z.")) != QMessageBox.StandardButton.Yes:
            return
        planner = self.services.planner
        self._try(lambda: self.operations.run(
            self.tr("Remove session"), "",
            lambda kept: planner.remove_session(kept["id"] if kept else session_id),
            lambda kept: planner.restore_session(kept) and kept))

    def _activity_choices(self):
        return [(a.id, a.title, list(a.student_ids)) for a in self.week.activities]

    def _open_cell(self, day: date, starts: str, session_id: str) -> None:
        if session_id:
            self.edit_session(session_id)
        else:
            self.add_session(day, starts)

    def record(self) -> None:
        """Ctrl+R: the session under the cursor, in the day list if that has focus, else in
        the week."""
        session_id = (self.day_list.current_id() if self.day_list.table.hasFocus()
                      else self.grid.current_session_id())
        if session_id:
            self.record_requested.emit(session_id)
        else:
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "Choose a session in the week first; its students and objectives are then "
                "ready to record."))

    def copy_week(self) -> None:
        planner, source = self.services.planner, self.monday
        dialog = CopyWeekDialog(source, self)

        def save(values):
            target = values["target"]
            if isinstance(target, date) and planner.week(target).sessions and \
                    QMessageBox.question(self, self.tr("Copy this week forward"), self.tr(
                        "The week you chose already has sessions. Add this week's to them?")
                    ) != QMessageBox.StandardButton.Yes:
                return
            # Redo makes the copies under the same ids, so later commands still find them.
            self.operations.run(self.tr("Copy week"), "",
                                lambda made: planner.copy_week(source, target, reuse=made),
                                lambda made: planner.remove_copied(made) or made)
            self.go_to(target)
        run_until_saved(dialog, save)

    def export_week(self) -> None:
        """The week on show as the room's weekly plan, in Word and/or PDF."""
        from ...reports.export import DOCUMENT_KINDS
        from ...reports.teaching_documents import week_document
        from ..documents.export_dialog import export_single

        monday = self.monday
        export_single(self, self.state or QSettings(), self.settings, "week", lambda language: (
            week_document(self.services, monday, language),
            f"{DOCUMENT_KINDS.label('week', language)}_{monday.isoformat()}_{language}"))

    def print_data_sheet(self, week: bool = False) -> list:
        """Ctrl+P: a paper data sheet for the chosen day, a part per session as the entry
        opens on each; Ctrl+Shift+P: the week's students, a column per school day. With
        no sessions planned, the students shown (one, or everyone in the planner)."""
        from ...reports.data_sheet import data_sheet, sessions_sheet
        from ...reports.export import DOCUMENT_KINDS
        from ..documents.export_dialog import export_single

        day = self.monday if week else self.grid.current_day() or self.monday
        sessions = [x for x in (self.week.sessions if week else self.week.on(day))
                    if x.student_ids]
        only = self.only_student
        planned = list(dict.fromkeys(i for x in sessions for i in x.student_ids
                                     if not only or i == only))
        everyone = [only] if only else list(self.names)
        teacher, session_ids = self._teacher(), [x.id for x in sessions]

        def make(language):
            if week:
                doc = data_sheet(self.services, planned or everyone, language, day, 5,
                                 teacher=teacher)
            elif planned:
                doc = sessions_sheet(self.services, session_ids, language,
                                     only_student=only, teacher=teacher)
            else:
                doc = data_sheet(self.services, everyone, language, day, teacher=teacher)
            when = (f"{day.isoformat()}_{(day + timedelta(days=4)).isoformat()}" if week
                    else day.isoformat())
            return doc, f"{DOCUMENT_KINDS.label('data_sheet', language)}_{when}_{language}"
        return export_single(self, self.state or QSettings(), self.settings, "data_sheet",
                             make, preview=True)

    def _teacher(self) -> str:
        """The name of the person the app was told is using it ("" if none: a line to
        write on)."""
        me = getattr(self.settings, "me", "") if self.settings is not None else ""
        return self.services.schools.name_of(me)

    def _try(self, call) -> None:
        try:
            call()
        except IepStudioError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            self.refresh()

    def _month(self) -> date:
        day = self.grid.current_day() or self.monday
        return day.replace(day=1)

    def _month_text(self) -> str:
        month = self._month()
        language = current_language()
        # The window's language, not the computer's (strftime followed the system's).
        return (f"{month.year}年{month.month}月" if language.startswith("zh")
                else QLocale(language).toString(month, "MMMM yyyy"))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.state is not None:
            self.state.setValue("planner/geometry", self.saveGeometry())
        super().closeEvent(event)


def _titled(title: str, widget: QWidget, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    layout.addWidget(widget)
    return box
