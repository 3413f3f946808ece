"""The JSON documents records carry inside one field, and the shape each must have.

A plan revision keeps the plan frozen as iep/snapshot.freeze wrote it, and the comparison
window reads it key by key; a lesson keeps its own copy of its course unit, which the
teaching documents read back through units/schema.CourseUnit. A document of another shape
would come in and break those readers later, so each is checked here as they will read
it. (The lists of objective ids of lessons and home visits are checked in checking.py.)
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..units.schema import CourseUnit

# A record's id (model/base.new_id), as every id a file holds must look.
RECORD_ID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
Id = Annotated[str, StringConstraints(pattern=RECORD_ID)]
Day = Annotated[str, StringConstraints(max_length=40)]
Count = Annotated[int, Field(ge=0, le=10**6)]


class _Frozen(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class FrozenReview(_Frozen):
    reviewed_on: Day | None
    code: str
    comment: str
    reviewer: str


class FrozenObjective(_Frozen):
    id: Id
    condition: str
    behaviour: str
    criterion: str
    measurement: str
    responsible: str
    carried_status: str
    start_date: Day | None
    target_date: Day | None
    reviews: list[FrozenReview]


class FrozenGoal(_Frozen):
    id: Id
    domain: str
    statement: str
    objectives: list[FrozenObjective]


class FrozenPlanFields(_Frozen):
    title: str
    strengths: str
    needs: str
    strategies: str
    adjustments: str
    behaviour_support: str
    transition: str
    placement_statement: str
    resource_services: str
    guardian_participation: str
    period_start: Day | None
    period_end: Day | None
    review_due: Day | None
    status: str
    edition: Count
    resource_sessions_per_week: Count | None


class FrozenLevel(_Frozen):
    domain: str
    level: str
    source: str


class FrozenService(_Frozen):
    kind: str
    name: str
    frequency: str
    provider: str
    note: str
    # since 0010; revisions frozen before have none
    place: str = ""
    start_date: Day | None = None
    end_date: Day | None = None


class FrozenSignature(_Frozen):
    name: str
    role: str
    edition: Count
    signed_at: Day


class FrozenPlan(_Frozen):
    """A plan as iep/snapshot.freeze writes it: its shape and types. Its codes are
    history, read through labels that show an unknown code as it is."""

    plan: FrozenPlanFields
    present_levels: list[FrozenLevel]
    goals: list[FrozenGoal]
    services: list[FrozenService]
    signatures: list[FrozenSignature]


def problem_with(table: str, column: str, value) -> str | None:
    """What is wrong with a JSON document of this record, in words, or None."""
    if (table, column) == ("plan_revision", "snapshot"):
        return _shape_problem(FrozenPlan, value, "a frozen plan")
    if (table, column) == ("lesson", "unit_snapshot"):
        return _shape_problem(CourseUnit, value, "a course unit", {"as_taught": True})
    return None


def snapshot_ids(snapshot: dict) -> set[str]:
    """The goal and objective ids a frozen plan names (checked by FrozenPlan first)."""
    ids = set()
    for goal in snapshot["goals"]:
        ids.add(goal["id"])
        ids |= {objective["id"] for objective in goal["objectives"]}
    return ids


def _shape_problem(model: type[BaseModel], value, what: str,
                   context: dict | None = None) -> str | None:
    try:
        model.model_validate(value, context=context)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the whole"
        return f"is not {what} as the app reads it (\"{where[:60]}\": {first['msg'][:120]})"
    return None
