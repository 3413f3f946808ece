"""The main window's part in the daily rhythm: the planner window, the observation entry
(from a planned session or from a student's file), and keeping the file's progress and
the home view's caseload up to date as records are made."""
from __future__ import annotations

from ...core.errors import IepStudioError
from ..i18n import current_language, error_text
from .observation_entry import ObservationEntry
from ..qt import QMessageBox, QObject, Qt
from .week_grid import day_title
from .week_planner import PlannerWindow


class RhythmDesk(QObject):
    def __init__(self, window, services, me):
        super().__init__(window)
        self.window, self.services, self.me = window, services, me
        self.planner: PlannerWindow | None = None
        self.entry: ObservationEntry | None = None
        a = window.actions_by_name
        a["planner"].triggered.connect(lambda: self.open_planner())
        a["record_observations"].triggered.connect(self.record_for_shown_student)
        window.file_view.progress.record_requested.connect(self.record_for_student)
        window.home.open_progress.connect(self.open_progress)

    def open_planner(self, student_id: str = "") -> PlannerWindow:
        if self.planner is None:
            self.planner = PlannerWindow(self.services, self.window.state, self.window,
                                         settings=self.window.context.settings)
            self.planner.record_requested.connect(self.record_for_session)
        if student_id:
            self.planner.show_student(student_id)
        self.planner.show()
        self.planner.raise_()
        self.planner.activateWindow()
        return self.planner

    def _observer(self) -> str:
        return self.services.schools.name_of(self.me.get())

    def record_for_session(self, session_id: str) -> ObservationEntry | None:
        try:
            session = self.services.planner.get_session(session_id)
            targets = self.services.observations.session_targets(session_id)
        except IepStudioError as error:
            QMessageBox.warning(self.window, self.window.windowTitle(), error_text(error))
            return None
        if not targets:
            QMessageBox.information(self.planner or self.window, self.window.windowTitle(),
                                    self.tr("This session has no students yet. Edit it to "
                                            "choose who takes part."))
            return None
        heading = "　".join(p for p in (day_title(session.day, current_language()),
                                        session.starts, session.title, session.room) if p)
        return self._open_entry(targets, heading, observed_on=session.day,
                                session_id=session.id, lesson_id=session.lesson_id,
                                parent=self.planner or self.window)

    def record_for_shown_student(self) -> None:
        """Ctrl+R in the main window: the student whose file is open."""
        student = self.window.file_view.student
        if student is None:
            self.open_planner()
            return
        self.record_for_student(student.id, self.window.file_view.progress.current_objective_id())

    def record_for_student(self, student_id: str, objective_id: str = "") -> ObservationEntry:
        targets = self.services.observations.targets([student_id])
        return self._open_entry(targets, targets[0].student_name if targets else "",
                                observed_on=self.services.today(),
                                first_objective=objective_id or None, parent=self.window)

    def _open_entry(self, targets, heading: str, parent, **where) -> ObservationEntry:
        if self.entry is not None:
            self.entry.close()
        entry = ObservationEntry(self.services, targets, heading=heading,
                                 observer=self._observer(), parent=parent, **where)
        entry.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        entry.recorded.connect(self._recorded)
        entry.finished.connect(self._entry_closed)
        self.entry = entry
        entry.show()
        entry.raise_()
        entry.activateWindow()
        entry.trials.setFocus()
        return entry

    def _recorded(self, student_id: str) -> None:
        shown = self.window.file_view.student
        if shown is not None and shown.id == student_id:
            self.window.file_view.progress.show_student(shown)

    def _entry_closed(self) -> None:
        self.entry = None
        if self.planner is not None and self.planner.isVisible():
            self.planner.refresh()
        if self.window.file_view.student is None:
            self.window.plan_desk.refresh_home()

    def open_progress(self, student_id: str, objective_id: str) -> None:
        """From the caseload list: the student's progress tab on that objective."""
        self.window.student_list.select(student_id, emit=False)
        self.window.open_student(student_id)
        view = self.window.file_view
        view.tabs.setCurrentWidget(view.progress)
        view.progress.select_objective(objective_id)
        view.progress.table.setFocus()

    def close_all(self) -> None:
        if self.entry is not None:
            self.entry.close()
        if self.planner is not None:
            self.planner.close()
