"""From a scored assessment to the plan in one step: the present levels, a long-term
goal per domain and its objectives from the goal bank, each objective complete (the
wording, who is responsible, how it is measured, dates in the plan period), written into
a new draft or added to the student's current draft, in one transaction."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..iep.terms import MEASURED_BY
from ..model import Assessment, Plan
from ..store import Store
from ..vocabulary import DOMAINS
from .assessments import assessments_of
from .library import CourseLibrary
from .plans import (
    Plans, _level_dicts, _new_goal, _new_objective, _ranked_levels, _replace_levels, editable,
    load_plan,
)



@dataclass
class DomainPlan:
    """What the teacher chose for one domain: its present level and goal (as drafted, or
    as they rewrote them) and the goal-bank objectives ticked."""

    domain: str
    present_level: str
    goal: str
    objectives: list[str] = field(default_factory=list)
    method: str = "probe"  # how the items behind the objectives are scored


@dataclass
class Drafted:
    """What drafting wrote, so it can be taken back (undo)."""

    plan_id: str
    new_plan: bool
    goal_ids: list[str] = field(default_factory=list)  # goals made
    objective_ids: list[str] = field(default_factory=list)  # objectives added
    levels_before: list[dict] = field(default_factory=list)
    statements_before: dict[str, str] = field(default_factory=dict)  # goal id -> statement


class PlanDrafting:
    def __init__(self, store: Store, plans: Plans, library: CourseLibrary,
                 clock: Clock | None = None):
        self.store = store
        self.plans = plans
        self.library = library
        self.clock = clock if clock is not None else store.clock

    def draft(self, assessment_id: str, domains: list[DomainPlan], *, language: str,
              responsible: str, plan_id: str | None = None, period_start=None,
              period_end=None, title: str = "", author_id: str | None = None) -> Drafted:
        """Write the chosen domains into the draft `plan_id`, or into a new draft for the
        period given. An objective already in the domain's goal is not added twice."""
        bank = self.library.shipped().goals
        for domain in domains:
            if domain.domain not in DOMAINS:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal is not in the goal bank."))
            for objective_id in domain.objectives:
                if objective_id not in bank:
                    raise NotFound(QT_TRANSLATE_NOOP("Errors", "This goal is not in the goal bank."))
        values = (None if plan_id else
                  self.plans._checked_period(period_start, period_end, None))
        with self.store.session() as s:
            assessment = s.get(Assessment, assessment_id)
            if assessment is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This assessment no longer exists."))
            if plan_id:
                plan = editable(load_plan(s, plan_id))
                if plan.student_id != assessment.student_id:
                    raise NotFound(QT_TRANSLATE_NOOP("Errors", "This plan no longer exists."))
                drafted = Drafted(plan.id, False)
            else:
                student = assessment.student_id
                plan = Plan(student_id=student, title=(title or "").strip()[:200],
                            author_id=author_id, **values)
                plan.present_levels = _ranked_levels(assessments_of(s, student))
                s.add(plan)
                s.flush()
                plan = load_plan(s, plan.id)
                drafted = Drafted(plan.id, True)
            source = f"{assessment.instrument} {assessment.assessed_on.isoformat()}"[:200]
            drafted.levels_before = _level_dicts(plan.present_levels)
            levels = {x["domain"]: x for x in drafted.levels_before}
            for domain in domains:
                if domain.present_level.strip():
                    levels[domain.domain] = {"domain": domain.domain, "source": source,
                                             "level": domain.present_level}
            order = {code: i for i, code in enumerate(DOMAINS.codes())}
            _replace_levels(plan, sorted(levels.values(),
                                         key=lambda x: order.get(x["domain"], len(order))))
            for domain in domains:
                self._write_goal(s, plan, domain, bank, language, responsible, drafted)
            s.flush()
            return drafted

    def take_back(self, drafted: Drafted) -> None:
        """Undo a drafting: the new draft removed, or what was added to a draft taken out
        and its present levels and goal statements as they were."""
        if drafted.new_plan:
            self.plans.remove_draft(drafted.plan_id)
            return
        with self.store.session() as s:
            plan = editable(load_plan(s, drafted.plan_id))
            for goal in plan.goals:
                goal.objectives[:] = [o for o in goal.objectives
                                      if o.id not in drafted.objective_ids]
                if goal.id in drafted.statements_before:
                    goal.statement = drafted.statements_before[goal.id]
            plan.goals[:] = [g for g in plan.goals if g.id not in drafted.goal_ids]
            for i, goal in enumerate(plan.goals):
                goal.position = i
            _replace_levels(plan, drafted.levels_before)

    @staticmethod
    def _write_goal(s, plan, domain: DomainPlan, bank, language, responsible, drafted) -> None:
        top = domain.domain.split(".")[0]
        goal = next((g for g in plan.goals if g.domain.split(".")[0] == top), None)
        if goal is None:
            goal = _new_goal(s, plan, domain.domain, domain.goal)
            drafted.goal_ids.append(goal.id)
        elif not goal.statement.strip() and domain.goal.strip():
            drafted.statements_before[goal.id] = goal.statement
            goal.statement = domain.goal.strip()
        already = {o.bank_goal_id for o in goal.objectives}
        measured = MEASURED_BY.get(domain.method, MEASURED_BY["probe"])
        for objective_id in domain.objectives:
            if objective_id in already:
                continue
            entry = bank[objective_id]
            made = _new_objective(s, goal, {
                "condition": entry.condition.get(language),
                "behaviour": entry.behaviour.get(language),
                "criterion": entry.criterion.get(language),
                "responsible": responsible,
                "measurement": measured["zh" if language.startswith("zh") else "en"],
                "bank_goal_id": entry.id, **entry.mastery_fields()})
            drafted.objective_ids.append(made.id)
            already.add(objective_id)
