"""The completeness check run before a plan goes to the team: what is missing or does not
fit, each with the place to fix it. Errors stop a submission; warnings are shown."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..errors import QT_TRANSLATE_NOOP
from .terms import APPROVER_ROLES


@dataclass(frozen=True)
class Gap:
    """One thing to fix. `section` is a PLAN_SECTIONS code; `goal_id`, `objective_id`
    and `field` say where in it, so the editor can take the teacher there."""

    severity: str  # "error" blocks submitting and approving; "warning" does not
    section: str
    message: str  # English source text (context "Errors") with {placeholders}
    params: dict = field(default_factory=dict)
    goal_id: str = ""
    objective_id: str = ""
    field: str = ""

    def text(self, translate=lambda s: s) -> str:
        return translate(self.message).format(**self.params)


def check_plan(plan, today: date, *, approving: bool = False,
               team_roles: Iterable[str] | None = None) -> list[Gap]:
    """Everything missing or inconsistent in a loaded plan. When `approving`, the family's
    participation must be recorded too (a plan is not agreed without the family). Given
    the roles on the student's team, it also says when no one there may approve."""
    gaps: list[Gap] = []

    def gap(section, message, severity="error", **where_and_params):
        where = {k: where_and_params.pop(k) for k in ("goal_id", "objective_id", "field")
                 if k in where_and_params}
        gaps.append(Gap(severity, section, message, where_and_params, **where))

    start, end = plan.period_start, plan.period_end
    if start is None or end is None:
        gap("basic", QT_TRANSLATE_NOOP("Errors", "The plan period has no start or end date."),
            field="period_start" if start is None else "period_end")
    elif end <= start:
        gap("basic", QT_TRANSLATE_NOOP("Errors", "The plan ends ({end}) before it starts "
                                       "({start})."), field="period_end",
            start=start.isoformat(), end=end.isoformat())
    if plan.review_due is None:
        gap("basic", QT_TRANSLATE_NOOP("Errors", "No review date is set."), "warning",
            field="review_due")
    elif plan.review_due < today:
        gap("basic", QT_TRANSLATE_NOOP("Errors", "The review date {date} has passed. Set the "
                                       "next review date."), field="review_due",
            date=plan.review_due.isoformat())
    if not plan.present_levels:
        gap("present_levels", QT_TRANSLATE_NOOP(
            "Errors", "No present levels are written. Fill them from the latest assessments."),
            "warning")
    if not plan.guardian_participation.strip() and not _guardian_signed(plan):
        gap("family", QT_TRANSLATE_NOOP(
            "Errors", "No participation of the family is recorded (who took part, how, and "
            "when)."), "error" if approving else "warning", field="guardian_participation")
    if team_roles is not None and not set(team_roles) & APPROVER_ROLES:
        gap("review", QT_TRANSLATE_NOOP(
            "Errors", "No one on the student's team may approve the plan: add the principal "
            "(or another administrator) or a special-education expert."), "warning",
            field="approver")
    if not plan.goals:
        gap("goals", QT_TRANSLATE_NOOP("Errors", "The plan has no long-term goals yet."))
    for g, goal in enumerate(plan.goals, 1):
        _check_goal(gap, goal, g, start, end)
    return gaps


def _check_goal(gap, goal, g: int, start: date | None, end: date | None) -> None:
    where = {"goal_id": goal.id}
    if not goal.statement.strip():
        gap("goals", QT_TRANSLATE_NOOP("Errors", "Goal {goal} has no statement."),
            field="statement", goal=g, **where)
    if not goal.domain:
        gap("goals", QT_TRANSLATE_NOOP("Errors", "Goal {goal} has no domain."),
            field="domain", goal=g, **where)
    if not goal.objectives:
        gap("goals", QT_TRANSLATE_NOOP("Errors", "Goal {goal} has no short-term objectives."),
            goal=g, **where)
    for o, objective in enumerate(goal.objectives, 1):
        number = f"{g}.{o}"
        at = {**where, "objective_id": objective.id}
        for name, message in (
                ("behaviour", QT_TRANSLATE_NOOP("Errors", "Objective {number} does not say "
                                                "what the student will do.")),
                ("criterion", QT_TRANSLATE_NOOP("Errors", "Objective {number} has no "
                                                "criterion.")),
                ("responsible", QT_TRANSLATE_NOOP("Errors", "Objective {number} has no "
                                                  "person responsible."))):
            if not getattr(objective, name).strip():
                gap("goals", message, field=name, number=number, **at)
        if not objective.measurement.strip():
            gap("goals", QT_TRANSLATE_NOOP("Errors", "Objective {number} does not say how it "
                                           "is measured."), "warning", field="measurement",
                number=number, **at)
        first, target = objective.start_date, objective.target_date
        if target is None:
            gap("goals", QT_TRANSLATE_NOOP("Errors", "Objective {number} has no target date."),
                field="target_date", number=number, **at)
        elif start and end and not start <= target <= end:
            gap("goals", QT_TRANSLATE_NOOP(
                "Errors", "Objective {number}: the target date {date} is outside the plan "
                "period ({start} – {end})."), field="target_date", number=number,
                date=target.isoformat(), start=start.isoformat(), end=end.isoformat(), **at)
        if first and target and target < first:
            gap("goals", QT_TRANSLATE_NOOP(
                "Errors", "Objective {number}: the target date is before the start date."),
                field="target_date", number=number, **at)


def _guardian_signed(plan) -> bool:
    return any(s.guardian_id or s.role == "parent" for s in plan.signatures)


def blocking(gaps: list[Gap]) -> list[Gap]:
    return [g for g in gaps if g.severity == "error"]
