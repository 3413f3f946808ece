"""The plan editor: one window per IEP, its sections on the left, the team's review in the
toolbar. A draft saves itself field by field; a plan with the team or in effect is shown
read-only, and its toolbar offers what may be done at that stage."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...core.errors import IepStudioError, NotFound
from ...core.iep.completeness import check_plan
from ...core.iep.review_steps import Step, allowed_steps
from ...core.iep.terms import APPROVER_ROLES, PLAN_STATUSES
from ...core.vocabulary import age_band_of, age_on
from ..actions import PLAN_ACTIONS, add_toolbar, build_actions
from .completeness_dialog import CompletenessDialog
from ..widgets.dialogs import run_until_saved
from ..editing.file_editing import FileEditing
from ..i18n import current_language, error_text
from .plan_goals import GoalsPage
from .plan_pages import OverviewPage, TextPage
from .plan_review_page import ReviewPage
from .plan_tables import PresentLevelsPage, ServicesPage
from ..qt import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QMainWindow,
    QMessageBox, QSettings, QStackedWidget, Qt, QTimer, QUndoStack, QVBoxLayout, QWidget,
    Signal,
)
from ..editing.record_form import RecordForm
from .review_dialogs import DecisionDialog, MeetingDialog, ObjectiveReviewDialog, SignDialog
from ..icons import PLAN_SECTION_ICONS, set_action_icons
from ..widgets.section_list import SectionList
from ..window_size import restore_or_fit
from ..widgets.system_look import (
    DONE, IN_HAND, MARK_CONTRAST, NEUTRAL, WARNING, scaled_font, tone,
)

# Which page shows which section of the plan (PLAN_SECTIONS codes).
PAGE_OF_SECTION = {"basic": 0, "family": 0, "placement": 0, "present_levels": 1,
                   "strengths": 2, "goals": 3, "strategies": 4, "services": 5,
                   "behaviour": 6, "transition": 7, "review": 8}
ALWAYS = {"compare", "export_plan", "print_plan", "undo", "redo", "close_window"}  # the window's own, whatever the status
# The banner's bar beside the status (which the banner also says in words): a shade made
# lighter or darker against the palette's background (widgets/system_look.py).
STATUS_MARKS = {"draft": IN_HAND, "in_review": WARNING, "approved": DONE, "closed": NEUTRAL}


@dataclass
class Me:
    """Who is using the app: `get()` gives the person id (or ""), `remember(id)` keeps it."""

    get: Callable[[], str]
    remember: Callable[[str], None]


class PlanWindow(QMainWindow):
    """Signals:
    plan_changed(str): the student (id) whose plan changed, so their file refreshes.
    open_plan(str): open another plan (the amendment just made).
    """

    plan_changed = Signal(str)
    open_plan = Signal(str)
    team_changed = Signal(str)  # someone was added to the student's team from here

    def __init__(self, services, plan_id: str, me: Me, state: QSettings | None = None,
                 parent: QWidget | None = None, settings=None):
        """`settings`: the app's (the documents' logo and Word template), if any."""
        super().__init__(parent)
        self.settings = settings
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services, self.me, self.state = services, me, state
        self.plan = services.plans.get(plan_id)
        self.student = services.students.get(self.plan.student_id)
        self.undo_stack = QUndoStack(self)
        self.editing = FileEditing(services, self.undo_stack, self)
        plans = services.plans
        self.plan_form = RecordForm(self.editing, lambda plan, field, value, checked: plans.update(
            plan.id, {field: value}, expected_version=plan.version if checked else None),
            self.reload)
        self.goal_form = RecordForm(self.editing, lambda goal, field, value, checked:
                                    plans.update_goal(goal.id, {field: value},
                                                      expected_version=goal.version if checked
                                                      else None), self.reload)
        self.objective_form = RecordForm(
            self.editing, lambda objective, field, value, checked: plans.update_objective(
                objective.id, {field: value},
                expected_version=objective.version if checked else None), self.reload)
        for form in (self.plan_form, self.goal_form, self.objective_form):
            form.owner = lambda _record: self.student.full_name
        self.actions_by_name = build_actions(self, PLAN_ACTIONS)
        self._build()
        self._connect()
        self.reload()
        restore_or_fit(self, state.value("plan_window/geometry") if state is not None else None,
                       1240, 820)

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        a = self.actions_by_name
        add_toolbar(self, self.tr("Plan"), "planToolbar", a,
                    ("check", "submit", "withdraw", None, "comment", "request_changes",
                     "approve", "sign", None, "review_objectives", "amend", "close_plan", None,
                     "family_wording", "compare"),
                    only_enabled=True)  # a stage's steps, not all a dozen
        for name in ("undo", "redo", "close_window"):
            self.addAction(a[name])
        menu = self.menuBar().addMenu(self.tr("&Plan"))
        for name in ("check", "submit", "withdraw", "comment", "request_changes", "approve",
                     "sign", "meeting", "review_objectives", "amend", "close_plan", None,
                     "family_wording", "compare", None, "close_window"):
            menu.addSeparator() if name is None else menu.addAction(a[name])
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        edit.addAction(a["undo"])
        edit.addAction(a["redo"])

        self.banner = QLabel()
        self.banner.setObjectName("planBanner")
        self.banner.setWordWrap(True)
        self.banner.setFont(scaled_font(self.font(), 1.1))  # a little above the page's text
        self.overview = OverviewPage(self.plan_form)
        self.levels = PresentLevelsPage(self.editing)
        self.strengths = TextPage(self.tr("Strengths and needs"), self.plan_form,
                                  ("strengths", "needs"), self.tr(
                                      "Copied from the student's file when the plan was "
                                      "made; write what matters for this period."))
        self.goals = GoalsPage(self.goal_form, self.objective_form, self.services.library)
        birth = self.student.birth_date
        band = age_band_of(age_on(birth, self.services.today())) if birth else ""
        if band:  # the goal bank opens on the student's age; "all ages" is one click away
            self.goals.bank.age_band.setCurrentIndex(self.goals.bank.age_band.findData(band))
        self.strategies = TextPage(self.tr("Teaching strategies and adjustments"),
                                   self.plan_form, ("strategies", "adjustments"))
        self.service_page = ServicesPage(self.editing)
        self.behaviour = TextPage(self.tr("Behaviour support plan"), self.plan_form,
                                  ("behaviour_support",), self.tr(
                                      "The behaviour, what usually comes before and after it "
                                      "(ABC), its likely function, and how the team responds."))
        self.transition = TextPage(self.tr("Transition plan"), self.plan_form, ("transition",),
                                   self.tr("The next stage: a new class or school, vocational "
                                           "training, work."))
        self.review_page = ReviewPage(self.actions_by_name)
        self.pages = QStackedWidget()
        self.navigator = SectionList(self.tr("Sections"))
        titles = (self.tr("1-3 Overview"), self.tr("4 Present levels"),
                  self.tr("5 Strengths and needs"), self.tr("6-7 Goals and objectives"),
                  self.tr("8 Strategies and adjustments"), self.tr("9 Services and devices"),
                  self.tr("10 Behaviour support"), self.tr("11 Transition"),
                  self.tr("12 Reviews and signatures"))
        for title, page, icon_name in zip(
                titles, (self.overview, self.levels, self.strengths, self.goals,
                         self.strategies, self.service_page, self.behaviour, self.transition,
                         self.review_page), PLAN_SECTION_ICONS):
            self.navigator.add_section(title, icon_name)
            self.pages.addWidget(page)
        self.navigator.currentRowChanged.connect(self._turn_to)
        self.navigator.setCurrentRow(0)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.navigator)
        body.addWidget(self.pages, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        actions = getattr(self, "actions_by_name", None)  # none yet while being built
        if event.type() == event.Type.PaletteChange and actions:  # turned dark, or light
            set_action_icons(actions, self.palette())

    def _connect(self) -> None:
        a = self.actions_by_name
        for name, handler in (("check", self.check), ("submit", self.submit),
                              ("withdraw", self.withdraw), ("comment", self.comment),
                              ("request_changes", self.request_changes),
                              ("approve", self.approve), ("sign", self.sign),
                              ("meeting", self.meeting),
                              ("review_objectives", self.review_objectives),
                              ("amend", self.amend), ("close_plan", self.close_plan),
                              ("compare", self.compare), ("export_plan", self.export),
                              ("family_wording", self.family_wording),
                              ("print_plan", self.print_plan), ("undo", self.undo),
                              ("redo", self.redo), ("close_window", self.close)):
            a[name].triggered.connect(handler)
        self.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        self.editing.changed.connect(lambda _key: self.reload())
        self.editing.failed.connect(self.show_error)
        self.goals.tree.moved.connect(self._move)
        self.goals.add_goal.connect(self._add_goal)
        self.goals.add_objective.connect(self._add_objective)
        self.goals.remove_selected.connect(self._remove_selected)
        self.goals.add_from_bank.connect(self._add_from_bank)

    def _turn_to(self, row: int) -> None:
        self.objective_form.flush()
        self.goal_form.flush()
        self.pages.setCurrentIndex(row)

    # -- showing --------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            self.plan = self.services.plans.get(self.plan.id)
        except NotFound as error:
            self.show_error(error)
            self.close()
            return
        plan, language = self.plan, current_language()
        actor = self.services.store.actor
        # Only a draft is written; and only by those whose role writes plans.
        read_only = plan.status != "draft" or (actor is not None
                                               and not actor.may_write("plan"))
        status = PLAN_STATUSES.label(plan.status, language)
        self.setWindowTitle(self.tr("%1 · %2 · IEP").replace("%1", self.student.full_name)
                            .replace("%2", plan.title or status))
        note = {"draft": self.tr("Draft, edition %1: changes save themselves."),
                "in_review": self.tr("In review, edition %1: locked. Withdraw it to change it."),
                "approved": self.tr("Approved and in effect, edition %1: locked. Amend it to "
                                    "change it."),
                "closed": self.tr("Closed, edition %1.")}[plan.status].replace(
                    "%1", str(plan.edition))
        self.banner.setText(f"<b>{self.student.full_name}</b> · {plan.title} · "
                            f"{plan.period_start} – {plan.period_end} · <b>{status}</b> · {note}")
        # The palette's own text on its own background (readable in a light or a dark
        # palette), and a coloured bar at the start; sizes from the text's.
        line = self.banner.fontMetrics().height()
        mark = tone(STATUS_MARKS[plan.status], self.palette().color(self.backgroundRole()),
                    MARK_CONTRAST)
        # (Every side's width given: "border-left" alone drew nothing.)
        self.banner.setStyleSheet(
            f"#planBanner {{ border-style: solid; border-color: {mark.name()};"
            f" border-width: 0 0 0 {max(4, line // 4)}px; padding: {line // 4}px {line // 2}px; }}")
        self.overview.student_line.setText(self._student_line())
        self.overview.status.setText(status)
        self.plan_form.show(plan, read_only)
        self.levels.show_plan(plan, read_only)
        team = self.services.review.team(plan.student_id)
        self.goals.show_plan(plan, [m.name for m in team], read_only)
        self.service_page.show_plan(plan, read_only)
        self.review_page.show_plan(plan)
        # The review's steps the plan's status allows (core/iep/review_steps.py). Who acts
        # is asked when a step is taken, and the service refuses whom the same rule refuses.
        offered = allowed_steps(plan) | ALWAYS
        # The family's words are fitted at any stage, until the plan is closed.
        writes_plan = actor is None or actor.may_write("plan")
        if plan.status != "closed" and writes_plan:
            offered = offered | {"family_wording"}
        if Step.SIGN in offered and writes_plan:  # written down while the plan is signed
            offered = offered | {"meeting"}
        for name, action in self.actions_by_name.items():
            if name not in ("undo", "redo"):
                action.setEnabled(name in offered)
        self.plan_changed.emit(plan.student_id)

    def _student_line(self) -> str:
        from ...core.vocabulary import CATEGORIES, PLACEMENTS, join_labels

        s, language = self.student, current_language()
        current = s.current_placement
        parts = [s.full_name, f"{s.grade}{s.class_name}",
                 join_labels((CATEGORIES.label(c.category, language) for c in s.categories),
                             language),
                 PLACEMENTS.label(current.placement, language) if current else ""]
        return "　·　".join(p for p in parts if p)

    def show_error(self, error: IepStudioError) -> None:
        QMessageBox.warning(self, self.tr("IEP Studio"), error_text(error))

    def flush(self) -> None:
        for form in (self.plan_form, self.goal_form, self.objective_form):
            form.flush()

    # -- going to a gap -------------------------------------------------------------------
    def go_to(self, gap) -> None:
        """Show the page, the goal or objective, and put the cursor in the field (or, for
        the person who approves, offer to add them to the team)."""
        if gap.field == "approver":
            self.approver_on_team(self.tr("Add the person who approves the plan to the "
                                          "student's team now?"))
            return
        self.navigator.setCurrentRow(PAGE_OF_SECTION.get(gap.section, 0))
        form = self.plan_form
        if gap.objective_id:
            self.goals.select("objective", gap.objective_id)
            form = self.objective_form
        elif gap.goal_id:
            self.goals.select("goal", gap.goal_id)
            form = self.goal_form
        elif gap.section == "goals":
            self.goals.new_goal.setFocus()
        if gap.field and gap.field in form.bindings:
            field = form.widget(gap.field)
            field.setFocus()
            # again once a closing dialog has handed the focus back to this window
            QTimer.singleShot(0, field.setFocus)

    # -- acting as a team member ----------------------------------------------------------
    def acting_person(self) -> str | None:
        """The user, if on this student's team; otherwise ask who is acting (once)."""
        team = self.services.review.team(self.plan.student_id)
        actor = self.services.store.actor
        shared = self.services.store.restricted_to_team
        me = actor.person_id if shared and actor else self.me.get()
        if any(m.person_id == me for m in team):
            return me
        if shared and actor:  # on a shared server one acts in one's own name only
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "You are not on this student's team. Ask the resource teacher to add you on "
                "the Team tab first."))
            return None
        if not team:
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "This student has no team yet. Add the team members on the Team tab of the "
                "student's file first."))
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Who are you?"))
        from ..widgets.dialogs import ok_cancel
        from .review_dialogs import member_label

        combo = QComboBox()
        combo.setAccessibleName(self.tr("Team member"))
        for member in team:
            combo.addItem(member_label(member, current_language()), member.person_id)
        note = QLabel(self.tr("Choose yourself among the student's team. IEP Studio remembers "
                              "it on this computer (Settings → Who am I)."))
        note.setWordWrap(True)
        layout = QVBoxLayout(dialog)
        layout.addWidget(note)
        row = QHBoxLayout()
        row.addWidget(combo, 1)
        layout.addLayout(row)
        layout.addWidget(ok_cancel(dialog))
        accepted = dialog.exec()
        chosen = combo.currentData()
        dialog.deleteLater()
        if not accepted:
            return None
        self.me.remember(chosen)
        return chosen

    def _act(self, call: Callable[[], object]) -> object | None:
        """Run a review step; a refusal is said plainly and nothing changes."""
        try:
            result = call()
        except IepStudioError as error:
            self.show_error(error)
            return None
        self.undo_stack.clear()  # steps of the review are not undone; the revisions keep them
        self.reload()
        return result

    # -- the review's steps ---------------------------------------------------------------
    def check(self) -> None:
        self.flush()
        self.reload()
        self._show_gaps(submitting=False)

    def _show_gaps(self, submitting: bool) -> bool:
        roles = [m.role for m in self.services.review.team(self.plan.student_id)]
        gaps = check_plan(self.plan, self.services.today(), team_roles=roles)
        dialog = CompletenessDialog(gaps, submitting, self)
        accepted = dialog.exec()
        dialog.deleteLater()
        if dialog.chosen is not None:
            self.activateWindow()
            self.go_to(dialog.chosen)
        if dialog.fill_all is not None:
            self.fill_in_alike(dialog.fill_all, [g.objective_id for g in dialog.alike(
                dialog.fill_all)])
            return self._show_gaps(submitting)  # what is left, and Submit if nothing is
        return bool(accepted)

    def fill_in_alike(self, field: str, objective_ids: list[str]) -> None:
        """The same gap in several objectives filled in at once, as one step to undo: the
        teacher responsible, the resource room's probe, or the plan's last day."""
        from ...core.iep.terms import measured_by

        value = {"responsible": self._my_name(),
                 "measurement": measured_by("probe", current_language()),
                 "target_date": self.plan.period_end}[field]
        if field == "responsible" and not value:
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "Add yourself to the student's team first: the person responsible is "
                "taken from it."))
            return
        plans = self.services.plans
        before = {o.id: getattr(o, field) for g in self.plan.goals for o in g.objectives
                  if o.id in objective_ids}

        def do(_state):
            for objective_id in before:
                plans.update_objective(objective_id, {field: value})
            return before

        def undo(kept):
            for objective_id, old in kept.items():
                plans.update_objective(objective_id, {field: old})
            return kept

        self.editing.try_change(self.tr("Fill in alike"), self.plan.id, do, undo)

    def submit(self) -> None:
        self.flush()
        self.reload()
        by = self.acting_person()
        if by is None or not self._show_gaps(submitting=True):
            return
        if self._act(lambda: self.services.review.submit(self.plan.id, by)) is not None:
            self.approver_on_team(self.tr(
                "The plan is with the team. No one on the team may approve it yet: the "
                "principal (or another administrator) or a special-education expert. Add "
                "that person now?"))

    def approver_on_team(self, question: str) -> bool:
        """Whether someone on the team may approve the plan; if not, say so with a way to
        add that person at once (True once they are added)."""
        if any(m.role in APPROVER_ROLES for m in self.services.review.team(self.plan.student_id)):
            return True
        answer = QMessageBox.question(self, self.windowTitle(), question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from ..student_file.team_tab import add_team_member

        if not add_team_member(self, self.editing, self.plan.student_id, "administrator"):
            return False
        self.team_changed.emit(self.plan.student_id)
        self.reload()
        return any(m.role in APPROVER_ROLES
                   for m in self.services.review.team(self.plan.student_id))

    def export(self) -> None:
        """The plan and its parent version as PDF and Word, from here (Ctrl+E)."""
        from ..documents.export_dialog import export_student

        self.flush()
        exported = self.services.students.working_plan_id(self.student.id) == self.plan.id
        export_student(self, self.services, self.student, self.state, self.settings,
                       self.family_wording if exported and self.plan.status != "closed"
                       else None)

    def family_wording(self, over: QWidget | None = None) -> None:
        """What the family reads, objective by objective, seen and fitted before printing;
        saved as one step to undo. `over`: the window it opens over (the export dialog)."""
        from ...core.errors import InvalidInput
        from .family_wording_dialog import FamilyWordingDialog

        self.flush()
        self.reload()
        plans, plan_id = self.services.plans, self.plan.id
        dialog = FamilyWordingDialog(
            self.plan, self.student.full_name, self.services.library.goal_bank(archived=True),
            lambda words: self._preview_family_version(words, dialog), over or self)

        def save(values):
            changes = values["words"]
            if not changes:
                return
            try:  # one transaction: every objective's words or none
                self.editing.change(self.tr("Edit the family wording"), plan_id,
                                    lambda _state: plans.set_parent_words_many(changes),
                                    plans.set_parent_words_many)
            except InvalidInput as error:  # its field says why
                dialog.refused_objective = getattr(error, "objective_id", None)
                raise
        run_until_saved(dialog, save)

    def _preview_family_version(self, words: dict, over: QWidget) -> None:
        """The parent version as it prints with `words` as typed, not yet saved."""
        from ...reports.parent_document import parent_document
        from ..documents.export_dialog import show_preview

        try:
            doc = parent_document(self.services, self.plan.id, current_language(), words)
        except IepStudioError as error:
            QMessageBox.warning(over, over.windowTitle(), error_text(error))
            return
        show_preview(doc, over)

    def print_plan(self) -> None:
        from ..documents.export_dialog import print_student

        self.flush()
        print_student(self, self.services, self.student)


    def withdraw(self) -> None:
        by = self.acting_person()
        if by is not None:
            self._act(lambda: self.services.review.withdraw(self.plan.id, by))

    def _decision(self, kind: str, call: Callable[[dict], object]) -> None:
        team = self.services.review.team(self.plan.student_id)
        if kind == "approve":  # only those who may approve are offered
            team = [m for m in team if m.role in APPROVER_ROLES]
        section = self._current_section()
        dialog = DecisionDialog(kind, team, self.me.get(), section, self)

        def save(values):
            call(values)
            self.undo_stack.clear()
        run_until_saved(dialog, save)
        self.reload()

    def _current_section(self) -> str:
        page = self.pages.currentIndex()
        return next((s for s, p in PAGE_OF_SECTION.items() if p == page and s != "family"
                     and s != "placement"), "")

    def comment(self) -> None:
        review, plan_id = self.services.review, self.plan.id
        self._decision("comment", lambda v: review.comment(plan_id, v["by"], v["section"],
                                                           v["text"]))

    def request_changes(self) -> None:
        review, plan_id = self.services.review, self.plan.id
        self._decision("changes", lambda v: review.request_changes(
            plan_id, v["by"], v["section"], v["text"]))

    def approve(self) -> None:
        from ...core.services.team_review import PlanIncomplete

        if not self.approver_on_team(self.tr(
                "No one on this student's team may approve the plan: the principal (or another "
                "administrator) or a special-education expert. Add that person now?")):
            return
        review, plan_id, missing = self.services.review, self.plan.id, []

        def approve(values):
            try:
                review.approve(plan_id, values["by"], values["text"])
            except PlanIncomplete as incomplete:  # not a field of the dialog: say it plainly
                missing.append(incomplete)
        self._decision("approve", approve)
        if missing:
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "The plan cannot be approved yet: something is missing. The completeness "
                "check lists it."))
            self._show_gaps(submitting=False)

    def sign(self) -> None:
        """The signatures given on paper at the IEP meeting, recorded in one step."""
        team = self.services.review.team(self.plan.student_id)
        signed = {s.person_id or s.guardian_id for s in self.plan.signatures
                  if s.edition == self.plan.edition}
        actor, store = self.services.store.actor, self.services.store
        only = actor.person_id if store.restricted_to_team and actor else None
        dialog = SignDialog(team, self.student.guardians, signed, self.me.get(), self,
                            today=self.services.today(), only=only, meeting=self.plan)
        if dialog.signers.count() == 0:
            dialog.deleteLater()
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "Everyone on the team and every guardian has signed this edition."))
            return
        review, plan_id = self.services.review, self.plan.id
        run_until_saved(dialog, lambda values: review.sign_together(plan_id, **values))
        self.reload()

    def meeting(self) -> None:
        """The IEP meeting written down or corrected after the signatures, with undo."""
        review, plan_id = self.services.review, self.plan.id
        dialog = MeetingDialog(self.plan, self)

        def save(values):
            self.editing.change(self.tr("Edit the IEP meeting"), plan_id,
                                lambda _s: review.record_meeting(plan_id, **values),
                                lambda before: review.record_meeting(plan_id, **before))
        run_until_saved(dialog, save)

    def review_objectives(self) -> None:
        me = self.me.get()
        name = next((m.name for m in self.services.review.team(self.plan.student_id)
                     if m.person_id == me), "")
        dialog = ObjectiveReviewDialog(self.plan, self.services.today(), name, self)

        def save(values):
            if values["next_review"]:  # first: it may be refused, and is safe to repeat
                self.services.review.set_next_review(self.plan.id, values["next_review"])
            for objective_id, code, comment in values["results"]:
                self.services.review.review_objective(objective_id, code, comment,
                                                      values["reviewed_on"], values["reviewer"])
        run_until_saved(dialog, save)
        self.reload()

    def amend(self) -> None:
        answer = QMessageBox.question(self, self.tr("Amend the plan"), self.tr(
            "Make an amendment? It is a new draft (the next edition) copied from this plan. "
            "This plan stays in effect until the team approves the amendment."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        by = self.acting_person()
        if by is None:
            return
        amendment = self._act(lambda: self.services.review.amend(self.plan.id, by))
        if amendment is not None:
            self.open_plan.emit(amendment.id)

    def close_plan(self) -> None:
        answer = QMessageBox.question(self, self.tr("Close the plan"), self.tr(
            "Close this plan? Its period is over and it can no longer change; it stays in "
            "the student's file."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        by = self.acting_person()
        if by is not None:
            self._act(lambda: self.services.review.close(self.plan.id, by))

    def compare(self) -> None:
        from .revision_compare import RevisionCompareDialog

        self.flush()
        dialog = RevisionCompareDialog(self.services.review, self.plan.student_id, self.plan,
                                       self)
        dialog.exec()
        dialog.deleteLater()

    def undo(self) -> None:
        self.flush()  # a sentence still being typed is saved first, then undone
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.undo_stack.redo()

    # -- goals and objectives -------------------------------------------------------------
    def _move(self, kind: str, record_id: str, goal_id: str, position: int) -> None:
        self.flush()  # what is being typed is saved before the tree is redrawn
        plans = self.services.plans
        if kind == "goal":
            self.editing.try_change(self.tr("Move goal"), self.plan.id,
                                    lambda _s: plans.move_goal(record_id, position),
                                    lambda old: plans.move_goal(record_id, old))
        else:
            self.editing.try_change(self.tr("Move objective"), self.plan.id,
                                    lambda _s: plans.move_objective(record_id, goal_id, position),
                                    lambda old: plans.move_objective(record_id, *old))
        self.goals.select(kind, record_id)

    def _add_goal(self) -> None:
        self.flush()  # what is being typed is saved before the tree is redrawn
        plans, plan_id = self.services.plans, self.plan.id
        goal_id = self.editing.try_change(
            self.tr("New goal"), plan_id,
            lambda gid: plans.add_goal(plan_id, id=gid).id,
            lambda gid: plans.remove_goal(gid)["id"])
        if goal_id:
            self.goals.select("goal", goal_id)
            self.goal_form.widget("domain").setFocus()

    def _add_objective(self) -> None:
        self.flush()  # what is being typed is saved before the tree is redrawn
        goal_id = self.goals.chosen_goal_id()
        if goal_id is None:
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "Choose the goal the objective belongs to, or make a goal first."))
            return
        plans, plan_id = self.services.plans, self.plan.id
        objective_id = self.editing.try_change(
            self.tr("New objective"), plan_id,
            lambda oid: plans.add_objective(goal_id, {"responsible": self._my_name()},
                                            id=oid).id,
            lambda oid: plans.remove_objective(oid)["id"])
        if objective_id:
            self.goals.select("objective", objective_id)
            self.objective_form.widget("condition").setFocus()

    def _add_from_bank(self, bank_id: str) -> None:
        if bank_id in self.services.library.shipped().long_term_goals:
            self._add_long_term_goal(bank_id)
            return
        self.flush()  # what is being typed is saved before the tree is redrawn
        plans, plan_id = self.services.plans, self.plan.id
        bank_goal = self.services.library.goal_bank().get(bank_id)
        if bank_goal is None:  # one of the school's own, archived since the list was shown
            self.goals.bank.refresh()
            return
        chosen = self.goals.chosen_goal_id()
        goal = next((g for g in self.plan.goals if g.id == chosen), None)
        # Under the chosen goal if it is of the same domain; else the plan finds or makes one.
        same = goal is not None and goal.domain.split(".")[0] == bank_goal.domain.split(".")[0]
        language, name = current_language(), self._my_name()
        changes = self.services.store.changes

        def do(state):
            if state is None:
                with changes.recording() as made:  # a goal too, if the domain had none
                    objective = plans.add_from_bank(plan_id, bank_id, language,
                                                    goal.id if same else None, name)
                return {"objective": objective.id, "goal": next(iter(made.added("plan_goal")),
                                                                None)}
            if state["goal"]:
                plans.restore_goal(state["goal"])
            plans.restore_objective(state["objective"])
            return {"objective": state["objective"]["id"],
                    "goal": state["goal"]["id"] if state["goal"] else None}

        def undo(state):
            objective = plans.remove_objective(state["objective"])
            goal_kept = plans.remove_goal(state["goal"]) if state["goal"] else None
            return {"objective": objective, "goal": goal_kept}

        state = self.editing.try_change(self.tr("Add from the goal bank"), plan_id, do, undo)
        if state:
            self.goals.select("objective", state["objective"])
            self.statusBar().showMessage(self.tr("Added. Edit the wording on the left; "
                                                 "Ctrl+Z takes it back."), 5000)

    def _add_long_term_goal(self, long_term_id: str) -> None:
        """The bank's long-term goal and all its objectives, as one step to undo."""
        self.flush()  # what is being typed is saved before the tree is redrawn
        plans, plan_id = self.services.plans, self.plan.id
        language, name = current_language(), self._my_name()

        def do(kept):
            if kept is None:
                return plans.add_long_term_goal(plan_id, long_term_id, language, name).id
            return plans.restore_goal(kept).id

        goal_id = self.editing.try_change(self.tr("Add from the goal bank"), plan_id, do,
                                          plans.remove_goal)
        if goal_id:
            self.goals.select("goal", goal_id)
            self.statusBar().showMessage(self.tr("Added with its objectives. Edit the wording "
                                                 "on the left; Ctrl+Z takes it back."), 5000)

    def _remove_selected(self) -> None:
        self.flush()  # what is being typed is saved before the tree is redrawn
        chosen = self.goals.selected()
        if chosen is None or self.plan.status != "draft":
            return
        kind, record_id = chosen
        plans = self.services.plans
        if kind == "goal":
            self.editing.try_change(self.tr("Remove goal"), self.plan.id,
                                    lambda _s: plans.remove_goal(record_id),
                                    lambda kept: plans.restore_goal(kept).id)
        else:
            self.editing.try_change(self.tr("Remove objective"), self.plan.id,
                                    lambda _s: plans.remove_objective(record_id),
                                    lambda kept: plans.restore_objective(kept).id)
        self.statusBar().showMessage(self.tr("Removed. Ctrl+Z brings it back."), 5000)

    def _my_name(self) -> str:
        me = self.me.get()
        return next((m.name for m in self.services.review.team(self.plan.student_id)
                     if m.person_id == me), "")

    # -- closing --------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.flush()
        if self.state is not None:
            self.state.setValue("plan_window/geometry", self.saveGeometry())
        super().closeEvent(event)
