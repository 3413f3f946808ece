"""Writing an IEP: the plan's sections, present levels, goals and objectives, services.

Only a draft changes. Every edit is one short transaction; removals return what the
matching add needs to put the record back under its own id (undo).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, EditConflict, IepStudioError, NotFound
from ..iep.terms import CARRIED_CODES, SERVICE_KINDS, measured_by
from ..model import (
    Objective, ObjectiveReview, Plan, PlanGoal, PlanRevision, PlanService, PresentLevel,
    Student,
)
from ..store import Store
from ..vocabulary import DOMAINS
from .assessments import Assessments, assessments_of
from .library import CourseLibrary
from .validation import Checker

PLAN_TEXT = ("title", "strengths", "needs", "strategies", "adjustments", "behaviour_support",
             "transition", "placement_statement", "resource_services", "guardian_participation")
PLAN_FIELDS = (*PLAN_TEXT, "period_start", "period_end", "review_due",
               "resource_sessions_per_week")
OBJECTIVE_TEXT = ("condition", "behaviour", "criterion", "measurement", "responsible")
OBJECTIVE_FIELDS = (*OBJECTIVE_TEXT, "start_date", "target_date")
SERVICE_FIELDS = ("kind", "name", "frequency", "provider", "note", "start_date", "end_date",
                  "place")
# The objective in the parent version: words for the family and what they can do at home.
# Not plan text the team signs, so the teacher may fit them to the family at any time
# before the plan is closed (set_parent_words).
PARENT_FIELDS = ("home_tip", "parent_wording")

PLAN_PARTS = (
    selectinload(Plan.present_levels), selectinload(Plan.services),
    selectinload(Plan.reviews), selectinload(Plan.signatures),
    selectinload(Plan.goals).selectinload(PlanGoal.objectives)
    .selectinload(Objective.reviews),
)


class PlanLocked(IepStudioError):
    """The plan is not a draft: it is with the team, in effect, or closed."""


def load_plan(s: Session, plan_id: str) -> Plan:
    plan = s.scalars(select(Plan).where(Plan.id == plan_id).options(*PLAN_PARTS)).one_or_none()
    if plan is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "This plan no longer exists."))
    return plan


def editable(plan: Plan) -> Plan:
    if plan.status == "in_review":
        raise PlanLocked(QT_TRANSLATE_NOOP(
            "Errors", "This plan is with the team for review. Withdraw it to draft to change "
            "it."))
    if plan.status == "approved":
        raise PlanLocked(QT_TRANSLATE_NOOP(
            "Errors", "This plan is approved and locked. To change it, make an amendment."))
    if plan.status == "closed":
        raise PlanLocked(QT_TRANSLATE_NOOP("Errors", "This plan is closed and can no longer "
                                                     "change."))
    return plan


class Plans:
    def __init__(self, store: Store, assessments: Assessments, library: CourseLibrary,
                 clock: Clock | None = None):
        self.store = store
        self.assessments = assessments
        self.library = library
        self.clock = clock if clock is not None else store.clock
        # An assessment scored item by item says where the child stands per domain through
        # the instrument (ItemScoring.levels_in: session, assessment, language); Services
        # connects it.
        self.scored_levels: Callable[[Session, object, str], dict[str, str]] | None = None

    # -- reading --------------------------------------------------------------------------
    def get(self, plan_id: str) -> Plan:
        """The whole plan, loaded and detached."""
        with self.store.reading() as s:
            return load_plan(s, plan_id)

    def for_student(self, student_id: str) -> list[Plan]:
        """Newest period first; an amendment before the plan it amends."""
        with self.store.reading() as s:
            return list(s.scalars(
                select(Plan).where(Plan.student_id == student_id)
                .order_by(Plan.period_start.desc(), Plan.edition.desc(), Plan.created_at.desc())))

    # -- a new plan -----------------------------------------------------------------------
    def create(self, student_id: str, period_start, period_end, *, title: str = "",
               review_due=None, author_id: str | None = None,
               language: str = "zh_CN") -> Plan:
        """A new draft with present levels drawn from the latest assessments (written in
        `language`) and the strengths and needs written in the student's file."""
        values = self._checked_period(period_start, period_end, review_due)
        with self.store.session() as s:
            levels = self._levels(s, student_id, language)
            student = _student(s, student_id)
            plan = Plan(student_id=student_id, title=(title or "").strip()[:200],
                        author_id=author_id, strengths=student.strengths, needs=student.needs,
                        **values)
            plan.present_levels = levels
            s.add(plan)
            s.flush()
            return load_plan(s, plan.id)

    def start_from_previous(self, previous_id: str, period_start, period_end, *,
                            title: str = "", review_due=None,
                            author_id: str | None = None, language: str = "zh_CN") -> Plan:
        """The next plan: the previous plan's sections and services, fresh present levels,
        and every objective not yet met (last reviewed C, S or E, or never reviewed) with
        its status, dated for the new period. One transaction: the new plan is made from
        the previous plan and assessments as they stand, and a failure leaves nothing."""
        values = self._checked_period(period_start, period_end, review_due)
        with self.store.session() as s:
            previous = load_plan(s, previous_id)
            levels = self._levels(s, previous.student_id, language)
            plan = Plan(student_id=previous.student_id, title=(title or "").strip()[:200],
                        author_id=author_id, previous_plan_id=previous.id, **values,
                        **{f: getattr(previous, f) for f in PLAN_TEXT
                           if f not in ("title", "guardian_participation")},
                        resource_sessions_per_week=previous.resource_sessions_per_week)
            plan.present_levels = levels or [
                PresentLevel(domain=p.domain, level=p.level, source=p.source, position=p.position)
                for p in previous.present_levels]
            # Services go on through the new period: a dated one is dated anew.
            plan.services = [PlanService(
                **{f: getattr(x, f) for f in SERVICE_FIELDS if f not in ("start_date",
                                                                         "end_date")},
                start_date=values["period_start"] if x.start_date else None,
                end_date=values["period_end"] if x.end_date else None,
                position=x.position) for x in previous.services]
            plan.goals = [goal for goal in (_carried_goal(g, values) for g in previous.goals)
                          if goal.objectives]
            s.add(plan)
            s.flush()
            return load_plan(s, plan.id)

    def remove_draft(self, plan_id: str) -> None:
        """Remove a draft that was never with the team: undoing its making. A plan with a
        history (submitted once, then withdrawn) is kept."""
        with self.store.session() as s:
            plan = editable(load_plan(s, plan_id))
            if s.scalar(select(PlanRevision.id).where(PlanRevision.plan_id == plan.id).limit(1)):
                raise PlanLocked(QT_TRANSLATE_NOOP(
                    "Errors", "This plan has been with the team, so it is kept with its "
                    "history. Change it instead."))
            s.delete(plan)

    def _checked_period(self, period_start, period_end, review_due) -> dict:
        check = Checker()
        start = check.date("period_start", period_start, required=True)
        end = check.date("period_end", period_end, required=True)
        due = check.date("review_due", review_due)
        check.order("period_start", start, "period_end", end, QT_TRANSLATE_NOOP(
            "Errors", "The plan cannot end ({later}) before it starts ({earlier})."))
        check.raise_if_any()
        return {"period_start": start, "period_end": end, "review_due": due}

    # -- the plan's own fields ------------------------------------------------------------
    def update(self, plan_id: str, changes: dict, expected_version: int | None = None) -> Plan:
        """Change some of the plan's fields. With `expected_version`, a save made from an
        older copy is refused rather than overwriting someone else's change."""
        _known(changes, PLAN_FIELDS)
        with self.store.session() as s:
            plan = editable(load_plan(s, plan_id))
            if expected_version is not None and plan.version != expected_version:
                raise _conflict()
            check = Checker()
            values = {**{f: getattr(plan, f) for f in PLAN_FIELDS}, **changes}
            for name in PLAN_TEXT:
                values[name] = check.optional_text(name, values[name],
                                                   200 if name == "title" else None)
            for name in ("period_start", "period_end", "review_due"):
                values[name] = check.date(name, values[name], required=name != "review_due")
            check.order("period_start", values["period_start"], "period_end",
                        values["period_end"], QT_TRANSLATE_NOOP(
                            "Errors", "The plan cannot end ({later}) before it starts "
                            "({earlier})."))
            values["resource_sessions_per_week"] = _sessions(
                check, values["resource_sessions_per_week"])
            check.raise_if_any()
            for name in changes:
                setattr(plan, name, values[name])
            s.flush()
            return load_plan(s, plan_id)

    # -- present levels -------------------------------------------------------------------
    def refill_present_levels(self, plan_id: str, language: str = "zh_CN") -> list[dict]:
        """Replace the present levels with the latest assessments' (a teacher asks for
        this after a new assessment). Returns the levels it replaced, for undo. One
        transaction, so the levels written are those of the assessments as they stand."""
        with self.store.session() as s:
            plan = editable(load_plan(s, plan_id))
            levels = _level_dicts(self._levels(s, plan.student_id, language))
            _check_domains(levels)
            return _replace_levels(plan, levels)

    def latest_levels(self, student_id: str, language: str = "zh_CN") -> list[PresentLevel]:
        """For each domain the most recent assessment covered, its level and source, in
        the domain tree's order."""
        with self.store.reading() as s:
            return self._levels(s, student_id, language)

    def _levels(self, s: Session, student_id: str, language: str) -> list[PresentLevel]:
        scored = self.scored_levels
        return _ranked_levels(assessments_of(s, student_id),
                              (lambda a: scored(s, a, language)) if scored else None)

    def set_present_levels(self, plan_id: str, levels: list[dict]) -> list[dict]:
        """Write the whole list of present levels; returns the list it replaced."""
        _check_domains(levels)
        with self.store.session() as s:
            return _replace_levels(editable(load_plan(s, plan_id)), levels)

    # -- goals ----------------------------------------------------------------------------
    def add_goal(self, plan_id: str, domain: str = "", statement: str = "",
                 position: int | None = None, id: str | None = None) -> PlanGoal:  # noqa: A002
        check = Checker()
        domain = check.choice("domain", domain, DOMAINS)
        check.raise_if_any()
        with self.store.session() as s:
            return _new_goal(s, editable(load_plan(s, plan_id)), domain, statement, position, id)

    def update_goal(self, goal_id: str, changes: dict,
                    expected_version: int | None = None) -> PlanGoal:
        """With `expected_version`, a save made from an older copy is refused."""
        _known(changes, ("domain", "statement"))
        check = Checker()
        if "domain" in changes:
            changes = {**changes, "domain": check.choice("domain", changes["domain"], DOMAINS)}
        if "statement" in changes:
            changes = {**changes, "statement": check.optional_text("statement",
                                                                    changes["statement"])}
        check.raise_if_any()
        with self.store.session() as s:
            goal = self._goal(s, goal_id)
            if expected_version is not None and goal.version != expected_version:
                raise _conflict()
            for name, value in changes.items():
                setattr(goal, name, value)
            s.flush()
            return goal

    def remove_goal(self, goal_id: str) -> dict:
        """Remove a goal and its objectives; returns what `restore_goal` needs."""
        with self.store.session() as s:
            goal = self._goal(s, goal_id)
            kept = {"plan_id": goal.plan_id, "id": goal.id, "domain": goal.domain,
                    "statement": goal.statement, "position": goal.plan.goals.index(goal),
                    "objectives": [_objective_dict(o) for o in goal.objectives]}
            goals = goal.plan.goals
            goals.remove(goal)
            _renumber(goals)
            return kept

    def restore_goal(self, kept: dict) -> PlanGoal:
        goal = self.add_goal(kept["plan_id"], kept["domain"], kept["statement"],
                             kept["position"], id=kept["id"])
        for i, objective in enumerate(kept["objectives"]):
            self.add_objective(goal.id, objective, i, id=objective["id"])
        return goal

    def move_goal(self, goal_id: str, position: int) -> int:
        """Put a goal at `position` in the plan; returns where it was (undo)."""
        with self.store.session() as s:
            goal = self._goal(s, goal_id)
            goals = goal.plan.goals
            old = goals.index(goal)
            goals.remove(goal)
            goals.insert(max(0, min(position, len(goals))), goal)
            _renumber(goals)
            return old

    # -- objectives -----------------------------------------------------------------------
    def add_objective(self, goal_id: str, values: dict | None = None,
                      position: int | None = None, id: str | None = None) -> Objective:  # noqa: A002
        """A new objective under a goal; dates default to the plan period."""
        with self.store.session() as s:
            return _new_objective(s, self._goal(s, goal_id), values, position, id)

    def add_from_bank(self, plan_id: str, bank_goal_id: str, language: str,
                      goal_id: str | None = None, responsible: str = "") -> Objective:
        """An objective worded from the goal bank, complete (who is responsible, how it is
        measured, dates in the plan period), under `goal_id` or else under the plan's first
        goal in the same domain. A goal made for it is worded from the bank's long-term
        goal that groups the objective, so nothing is left for the teacher to fill in."""
        library = self.library.shipped()
        bank = self.library.goal_bank().get(bank_goal_id)  # a school's own goal too
        if bank is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal is not in the goal bank."))
        # One transaction: refused half-way (the plan approved meanwhile), no empty goal
        # is left behind; the goal made, if any, is among what the operation changed.
        with self.store.session() as s:
            if goal_id is None:
                plan = editable(load_plan(s, plan_id))
                domain = bank.domain.split(".")[0]
                goal = next((g for g in plan.goals if g.domain.split(".")[0] == domain), None)
                if goal is None:
                    grouping = _long_term_goal_of(library, bank)
                    goal = _new_goal(s, plan, bank.domain,
                                     grouping.text.get(language) if grouping else "")
            else:
                goal = self._goal(s, goal_id)
            return _new_objective(s, goal, _from_bank(bank, language, responsible))

    def add_long_term_goal(self, plan_id: str, long_term_id: str, language: str,
                           responsible: str = "") -> PlanGoal:
        """A goal worded from the bank's long-term goal, with the objectives it groups, in
        one transaction: the plan never holds the goal without its objectives."""
        library = self.library.shipped()
        long_term = library.long_term_goals.get(long_term_id)
        if long_term is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal is not in the goal bank."))
        with self.store.session() as s:
            goal = _new_goal(s, editable(load_plan(s, plan_id)), long_term.domain,
                             long_term.text.get(language))
            for bank_id in long_term.objectives:
                _new_objective(s, goal, _from_bank(library.goals[bank_id], language,
                                                   responsible))
            return goal

    def update_objective(self, objective_id: str, changes: dict,
                         expected_version: int | None = None) -> Objective:
        _known(changes, OBJECTIVE_FIELDS)
        with self.store.session() as s:
            objective = self._objective(s, objective_id)
            if expected_version is not None and objective.version != expected_version:
                raise _conflict()
            current = {f: getattr(objective, f) for f in OBJECTIVE_FIELDS}
            values = _objective_values({**current, **changes})
            for name in changes:
                setattr(objective, name, values[name])
            s.flush()
            return objective

    def set_parent_words(self, objective_id: str, changes: dict) -> dict:
        """The objective's words for the family and its home tip (PARENT_FIELDS), at any
        stage before the plan is closed: the family's version is fitted to the family
        after the team has agreed the plan. Returns the values it replaced, for undo."""
        return self.set_parent_words_many({objective_id: changes})[objective_id]

    def set_parent_words_many(self, changes: dict[str, dict]) -> dict[str, dict]:
        """set_parent_words for several objectives (id: changes) in one transaction: all
        of them or, if one is refused, none; the refusal names the objective
        (`objective_id` on the error). Returns the values replaced, by objective."""
        before = {}
        with self.store.session() as s:
            for objective_id, words in changes.items():
                try:
                    before[objective_id] = _parent_words(s, objective_id, words)
                except IepStudioError as error:
                    error.objective_id = objective_id
                    raise
        return before

    def remove_objective(self, objective_id: str) -> dict:
        with self.store.session() as s:
            objective = self._objective(s, objective_id)
            siblings = objective.goal.objectives
            kept = {**_objective_dict(objective), "goal_id": objective.goal_id,
                    "position": siblings.index(objective)}
            siblings.remove(objective)
            _renumber(siblings)
            return kept

    def restore_objective(self, kept: dict) -> Objective:
        return self.add_objective(kept["goal_id"], kept, kept["position"], id=kept["id"])

    def move_objective(self, objective_id: str, goal_id: str, position: int) -> tuple[str, int]:
        """Put an objective at `position` under a goal of the same plan (drag and drop or
        Ctrl+arrows); returns where it was, for undo."""
        with self.store.session() as s:
            objective = self._objective(s, objective_id)
            old_goal = objective.goal
            old = (old_goal.id, old_goal.objectives.index(objective))
            target = self._goal(s, goal_id)
            if target.plan_id != old_goal.plan_id:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal no longer exists."))
            # No flush in between: for a moment the objective has no goal, and a flush
            # then would delete it as an orphan.
            with s.no_autoflush:
                old_goal.objectives.remove(objective)
                target.objectives.insert(max(0, min(position, len(target.objectives))),
                                         objective)
                _renumber(old_goal.objectives)
                _renumber(target.objectives)
            return old

    # -- related services and devices -----------------------------------------------------
    def add_service(self, plan_id: str, values: dict, position: int | None = None,
                    id: str | None = None) -> PlanService:  # noqa: A002
        checked = _service_values(values)
        with self.store.session() as s:
            plan = editable(load_plan(s, plan_id))
            service = PlanService(**checked)
            if id:
                service.id = id
            _insert(plan.services, service, position)
            s.flush()
            return service

    def update_service(self, service_id: str, values: dict) -> PlanService:
        """Change a service; fields not given keep their values."""
        with self.store.session() as s:
            service = self._service(s, service_id)
            checked = _service_values({**{f: getattr(service, f) for f in SERVICE_FIELDS},
                                       **values})
            for name, value in checked.items():
                setattr(service, name, value)
            return service

    def remove_service(self, service_id: str) -> dict:
        with self.store.session() as s:
            service = self._service(s, service_id)
            plan = load_plan(s, service.plan_id)
            kept = {f: getattr(service, f) for f in SERVICE_FIELDS}
            kept.update(id=service.id, plan_id=plan.id, position=plan.services.index(service))
            plan.services.remove(service)
            _renumber(plan.services)
            return kept

    def restore_service(self, kept: dict) -> PlanService:
        return self.add_service(kept["plan_id"], kept, kept["position"], id=kept["id"])

    # -- lookups that refuse edits to a plan that is not a draft ---------------------------
    @staticmethod
    def _goal(s: Session, goal_id: str) -> PlanGoal:
        goal = s.get(PlanGoal, goal_id)
        if goal is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal no longer exists."))
        editable(goal.plan)
        return goal

    @staticmethod
    def _objective(s: Session, objective_id: str) -> Objective:
        objective = s.get(Objective, objective_id)
        if objective is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This objective no longer exists."))
        editable(objective.goal.plan)
        return objective

    @staticmethod
    def _service(s: Session, service_id: str) -> PlanService:
        service = s.get(PlanService, service_id)
        if service is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This service no longer exists."))
        editable(s.get(Plan, service.plan_id))
        return service


# -- helpers ----------------------------------------------------------------------------------
def _student(s: Session, student_id: str) -> Student:
    student = s.get(Student, student_id)
    if student is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
    return student


def _known(changes: dict, allowed) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")


def _source(instrument: str, assessed_on: date) -> str:
    """"C-PEP-3 2026-09-10", the instrument cut so the whole fits its column (PostgreSQL
    refuses a longer value; an instrument's name may be as long as the column)."""
    day = assessed_on.isoformat()
    room = PresentLevel.__table__.c.source.type.length - len(day) - 1
    return f"{instrument[:room]} {day}"


def _conflict() -> EditConflict:
    return EditConflict(QT_TRANSLATE_NOOP(
        "Errors", "Someone else changed this plan while you were editing it. Your text is "
        "kept; reload the plan to see their change, then apply yours again."))


def _parent_words(s: Session, objective_id: str, changes: dict) -> dict:
    _known(changes, PARENT_FIELDS)
    objective = s.get(Objective, objective_id)
    if objective is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "This objective is no longer in the plan."))
    if objective.goal.plan.status == "closed":
        raise PlanLocked(QT_TRANSLATE_NOOP(
            "Errors", "This plan is closed; its family version stays as it was."))
    check = Checker()
    values = {name: check.optional_text(name, changes[name], 2000) for name in changes}
    check.raise_if_any()
    before = {name: getattr(objective, name) for name in changes}
    for name, value in values.items():
        setattr(objective, name, value)
    return before


def _from_bank(bank, language: str, responsible: str) -> dict:
    """A bank objective as a plan holds it: its wording and mastery rule, who is
    responsible, and the resource room's usual way of measuring it (the dates follow the
    plan period in `_new_objective`)."""
    return {"condition": bank.condition.get(language), "behaviour": bank.behaviour.get(language),
            "criterion": bank.criterion.get(language), "responsible": responsible,
            "measurement": measured_by("probe", language), "bank_goal_id": bank.id,
            "home_tip": bank.home_tip.get(language) if bank.home_tip else "",
            **bank.mastery_fields()}


def _long_term_goal_of(library, bank):
    """The bank's long-term goal grouping this objective, of its own age band first."""
    groups = [g for g in library.long_term_goals.values() if bank.id in g.objectives]
    return next((g for g in groups if g.age_band == bank.age_band), groups[0] if groups else None)


def _new_goal(s: Session, plan: Plan, domain: str, statement: str = "",
              position: int | None = None, id: str | None = None) -> PlanGoal:  # noqa: A002
    goal = PlanGoal(domain=domain, statement=(statement or "").strip())
    if id:
        goal.id = id
    _insert(plan.goals, goal, position)
    s.flush()
    return goal


def _new_objective(s: Session, goal: PlanGoal, values: dict | None = None,
                   position: int | None = None, id: str | None = None) -> Objective:  # noqa: A002
    """A new objective under `goal`; dates default to the plan period."""
    values = dict(values or {})
    values.setdefault("start_date", goal.plan.period_start)
    values.setdefault("target_date", goal.plan.period_end)
    checked = _objective_values(values)
    objective = Objective(**checked, bank_goal_id=values.get("bank_goal_id", ""),
                          carried_from_id=values.get("carried_from_id"),
                          carried_status=values.get("carried_status", ""),
                          **{f: values.get(f) for f in PROGRESS_FIELDS if f in values},
                          **{f: (values.get(f) or "").strip() for f in PARENT_FIELDS},
                          reviews=[ObjectiveReview(**r) for r in values.get("reviews", [])])
    if id:
        objective.id = id
    _insert(goal.objectives, objective, position)
    s.flush()
    return objective


def _insert(items: list, item, position: int | None) -> None:
    items.insert(len(items) if position is None else max(0, min(position, len(items))), item)
    _renumber(items)


def _renumber(items) -> None:
    for i, item in enumerate(items):
        item.position = i


# The objective's own mastery rule (see progress.mastery); kept through undo and carry-over.
MASTERY_FIELDS = ("mastery_percent", "mastery_sessions", "mastery_level")
# ... and, kept through undo, the objective it amends (whose observations still count).
PROGRESS_FIELDS = (*MASTERY_FIELDS, "amends_objective_id")


def _sessions(check: Checker, value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= 40:
        check.add("resource_sessions_per_week", QT_TRANSLATE_NOOP(
            "Errors", "Write the number of sessions a week, from 0 to 40."))
        return None
    return number


def _objective_values(values: dict) -> dict:
    check = Checker()
    out = {name: check.optional_text(name, values.get(name), 100 if name == "responsible"
                                     else None) for name in OBJECTIVE_TEXT}
    out["start_date"] = check.date("start_date", values.get("start_date"))
    out["target_date"] = check.date("target_date", values.get("target_date"))
    check.order("start_date", out["start_date"], "target_date", out["target_date"],
                QT_TRANSLATE_NOOP("Errors", "The target date ({later}) is before the start "
                                  "date ({earlier})."))
    check.raise_if_any()
    return out


def _objective_dict(objective: Objective) -> dict:
    return {**{f: getattr(objective, f) for f in OBJECTIVE_FIELDS}, "id": objective.id,
            **{f: getattr(objective, f) for f in PARENT_FIELDS},
            "bank_goal_id": objective.bank_goal_id, "carried_from_id": objective.carried_from_id,
            "carried_status": objective.carried_status,
            **{f: getattr(objective, f) for f in PROGRESS_FIELDS},
            # progress already reviewed comes back with it (undo of a removal)
            "reviews": [{"reviewed_on": r.reviewed_on, "code": r.code, "comment": r.comment,
                         "reviewer": r.reviewer} for r in objective.reviews]}


def _service_values(values: dict) -> dict:
    check = Checker()
    out = {"kind": check.choice("kind", values.get("kind") or "service", SERVICE_KINDS,
                                allow_empty=False),
           "name": check.required_text("name", values.get("name"), 200),
           "frequency": check.optional_text("frequency", values.get("frequency"), 100),
           "provider": check.optional_text("provider", values.get("provider"), 200),
           "note": check.optional_text("note", values.get("note")),
           "start_date": check.date("start_date", values.get("start_date")),
           "end_date": check.date("end_date", values.get("end_date")),
           "place": check.optional_text("place", values.get("place"), 200)}
    check.order("start_date", out["start_date"], "end_date", out["end_date"],
                QT_TRANSLATE_NOOP("Errors", "The service cannot end ({later}) before it "
                                  "starts ({earlier})."))
    check.raise_if_any()
    return out


def _level_dicts(levels) -> list[dict]:
    return [{"domain": x.domain, "level": x.level, "source": x.source} for x in levels]


def _ranked_levels(assessments, scored=None) -> list[PresentLevel]:
    """From assessments newest first: for each domain the most recent one covered, its
    level and source, in the domain tree's order. `scored(assessment)` gives the levels
    of one scored item by item ({domain: level})."""
    latest = {}
    for assessment in assessments:
        for result in assessment.results:
            latest.setdefault(result.domain, (
                "  ".join(filter(None, (result.score, result.present_level))), assessment))
        if scored is not None and assessment.instrument_id and not assessment.results:
            for domain, level in scored(assessment).items():
                latest.setdefault(domain, (level, assessment))
    order = {code: i for i, code in enumerate(DOMAINS.codes())}
    ranked = sorted(latest.items(), key=lambda pair: order.get(pair[0], len(order)))
    return [PresentLevel(domain=domain, level=level,
                         source=_source(a.instrument, a.assessed_on), position=i)
            for i, (domain, (level, a)) in enumerate(ranked)]


def _check_domains(levels: list[dict]) -> None:
    check = Checker()
    for level in levels:
        check.choice("domain", level.get("domain"), DOMAINS, allow_empty=False)
    check.raise_if_any()


def _replace_levels(plan: Plan, levels: list[dict]) -> list[dict]:
    """Write the whole list of a draft's present levels; returns the list it replaced."""
    before = _level_dicts(plan.present_levels)
    plan.present_levels = [
        PresentLevel(domain=x["domain"], level=(x.get("level") or "").strip(),
                     source=(x.get("source") or "").strip()[:200], position=i)
        for i, x in enumerate(levels)]
    return before


def _carried_goal(goal: PlanGoal, period: dict) -> PlanGoal:
    carried = PlanGoal(domain=goal.domain, statement=goal.statement, position=goal.position)
    for objective in goal.objectives:
        last = objective.reviews[-1].code if objective.reviews else ""
        if last and last not in CARRIED_CODES:
            continue  # passed or dropped: not carried
        carried.objectives.append(Objective(
            **{f: getattr(objective, f) for f in OBJECTIVE_TEXT},
            start_date=period["period_start"], target_date=period["period_end"],
            bank_goal_id=objective.bank_goal_id, carried_from_id=objective.id,
            carried_status=last, position=len(carried.objectives),
            **{f: getattr(objective, f) for f in (*MASTERY_FIELDS, *PARENT_FIELDS)}))
    return carried
