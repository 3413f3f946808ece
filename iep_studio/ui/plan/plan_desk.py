"""The main window's part in plans: opening plan windows (one per plan, raised if open),
making a new plan, comparing revisions, the home view's reminders, and who the user is."""
from __future__ import annotations

from ...core.errors import IepStudioError
from ..widgets.dialogs import ok_cancel, run_until_saved
from ..i18n import current_language, error_text
from .plan_window import Me, PlanWindow
from ..qt import QComboBox, QDialog, QFormLayout, QMessageBox, QObject, QVBoxLayout
from .review_dialogs import NewPlanDialog


class PlanDesk(QObject):
    def __init__(self, window, services, context):
        super().__init__(window)
        self.window, self.services, self.context = window, services, context
        self.open_windows: dict[str, PlanWindow] = {}
        self.me = Me(get=lambda: (context.settings.me if context.settings else ""),
                     remember=self.remember_me)

    # -- plans ----------------------------------------------------------------------------
    def open_plan(self, plan_id: str) -> PlanWindow | None:
        window = self.open_windows.get(plan_id)
        if window is None:
            try:
                window = PlanWindow(self.services, plan_id, self.me, self.window.state,
                                    settings=self.context.settings)
            except IepStudioError as error:
                QMessageBox.warning(self.window, self.window.windowTitle(), error_text(error))
                return None
            self.open_windows[plan_id] = window
            window.destroyed.connect(lambda *_: self.open_windows.pop(plan_id, None))
            window.plan_changed.connect(self.plan_changed)
            window.open_plan.connect(self.open_plan)
            window.team_changed.connect(self.team_changed)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_current_plan(self) -> None:
        """Ctrl+I: the shown student's plan in progress or in effect (newest first)."""
        student = self.window.file_view.student
        if student is None:
            return
        plans = self.services.plans.for_student(student.id)
        chosen = next((p for p in plans if p.status in ("draft", "in_review", "approved")),
                      plans[0] if plans else None)
        if chosen is None:
            self.new_plan()
        else:
            self.open_plan(chosen.id)

    def new_plan(self) -> None:
        student = self.window.file_view.student
        if student is None:
            return
        plans = self.services.plans.for_student(student.id)
        dialog = NewPlanDialog(plans, self.services.today(), self.window)
        made = []

        def save(values):
            common = {"title": values["title"], "review_due": values["review_due"],
                      "author_id": self.me.get() or None, "language": current_language()}
            if values["source"]:
                plan = self.services.plans.start_from_previous(
                    values["source"], values["period_start"], values["period_end"], **common)
            else:
                plan = self.services.plans.create(student.id, values["period_start"],
                                                  values["period_end"], **common)
            made.append(plan.id)
        run_until_saved(dialog, save)
        if made:
            self.plan_changed(student.id)
            self.open_plan(made[0])

    def team_changed(self, student_id: str) -> None:
        view = self.window.file_view
        if view.student is not None and view.student.id == student_id:
            view.reload()

    def compare(self) -> None:
        from .revision_compare import RevisionCompareDialog

        student = self.window.file_view.student
        if student is None:
            return
        dialog = RevisionCompareDialog(self.services.review, student.id, parent=self.window)
        dialog.exec()
        dialog.deleteLater()

    def plan_changed(self, student_id: str) -> None:
        view = self.window.file_view
        if view.student is not None and view.student.id == student_id:
            view.plans.show_student(view.student)
        if view.pages.currentWidget() is self.window.home:  # else refreshed when shown
            self.refresh_home()

    # -- home -----------------------------------------------------------------------------
    def refresh_home(self) -> None:
        me = self.me.get()
        name = ""
        if me:
            try:
                name = self.services.schools.get_person(me).full_name
            except IepStudioError:
                me = ""
        # A teacher on no team yet (a new copy, the demo school) sees every student rather
        # than an empty caseload; their own files put them on the team as they make them.
        if me and not self.services.review.on_any_team(me):
            me = ""
        home = self.window.home
        home.show_reminders(self.services.reminders.for_caseload(me or None), name, mine=bool(me))
        home.show_first_steps(not self.services.students.any(),
                              demo=self.services.store.is_sqlite)
        from ...core.settings import Settings

        settings = self.context.settings or Settings()
        sessions, days = settings.stalled_sessions, settings.no_data_days
        self.window.file_view.progress.stalled_sessions = sessions
        self.window.home.show_progress(
            self.services.progress.caseload(me or None, stalled_sessions=sessions,
                                            no_data_days=days), sessions, days)

    def set_thresholds(self, sessions: int, days: int) -> None:
        """The home view's "stalled after N sessions, no data after N days", kept."""
        settings = self.context.settings
        if settings is not None:
            settings.stalled_sessions, settings.no_data_days = sessions, days
            settings.save(self.context.paths.settings_file)
        self.refresh_home()

    def open_from_home(self, student_id: str, plan_id: str) -> None:
        self.window.open_student(student_id)
        self.window.student_list.select(student_id, emit=False)
        self.open_plan(plan_id)

    # -- who am I -------------------------------------------------------------------------
    def choose_me(self) -> None:
        people = self.services.schools.list_people()
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Who am I"))
        combo = QComboBox()
        combo.setAccessibleName(self.tr("Person"))
        combo.addItem(self.tr("(no one: show every student)"), "")
        for person in people:
            combo.addItem(f"{person.full_name}　{person.title}".strip(), person.id)
        combo.setCurrentIndex(max(combo.findData(self.me.get()), 0))
        form = QFormLayout()
        form.addRow(self.tr("I am:"), combo)
        layout = QVBoxLayout(dialog)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(dialog))
        accepted = dialog.exec()
        chosen = combo.currentData()
        dialog.deleteLater()
        if accepted:
            self.remember_me(chosen)

    def remember_me(self, person_id: str) -> None:
        settings = self.context.settings
        if settings is None:
            return
        settings.me = person_id or ""
        settings.save(self.context.paths.settings_file)
        self.refresh_home()

    def close_all(self) -> None:
        for window in list(self.open_windows.values()):
            window.close()
