"""Finding units and goals: filters plus full-text search in Chinese and English."""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .schema import CourseUnit, Goal, Text


def _texts(value) -> list[str]:
    """Every Text found anywhere inside a unit or goal, both languages."""
    if isinstance(value, Text):
        return [value.zh, value.en]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in _texts(getattr(value, name))]
    return []


def haystack(item: CourseUnit | Goal) -> str:
    return "\n".join(t for t in _texts(item) if t).lower() + "\n" + item.id


@dataclass(frozen=True)
class UnitFilter:
    query: str = ""
    kind: str = ""
    domain: str = ""
    apparatus: str = ""
    situation: str = ""
    age_band: str = ""


def unit_matches(unit: CourseUnit, text: str, flt: UnitFilter) -> bool:
    if flt.kind and unit.kind != flt.kind:
        return False
    # A domain filter also finds units tagged with its subdomains (cognition -> cognition.memory).
    if flt.domain and not any(d == flt.domain or d.startswith(flt.domain + ".")
                              for d in unit.domains):
        return False
    if flt.apparatus and unit.apparatus != flt.apparatus:
        return False
    if flt.situation and unit.situation != flt.situation:
        return False
    if flt.age_band and flt.age_band not in unit.age_bands:
        return False
    return all(token in text for token in flt.query.lower().split())


@dataclass(frozen=True)
class GoalFilter:
    query: str = ""
    domain: str = ""
    age_band: str = ""


def goal_matches(goal: Goal, text: str, flt: GoalFilter) -> bool:
    if flt.domain and not (goal.domain == flt.domain or goal.domain.startswith(flt.domain + ".")):
        return False
    if flt.age_band and goal.age_band != flt.age_band:
        return False
    return all(token in text for token in flt.query.lower().split())
