"""The format of a course-unit file and of the goal bank, as pydantic models.

One YAML file per unit. Every prose field is bilingual ({zh: ..., en: ...}); one language
may be missing and the other is shown. `iep-studio units check` and the app's import use
these models; resources/course_unit.schema.json is generated from them for editors.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator,
)
from pydantic_core import PydanticCustomError

from ..vocabulary import AGE_BANDS, APPARATUS, DOMAINS, SITUATIONS

SCHEMA_VERSION = 1


class Strict(BaseModel):
    # A misspelt key is an error, not silently ignored: teachers' files must say what
    # they mean.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Text(Strict):
    """Prose in both languages; one may be empty."""

    zh: str = ""
    en: str = ""

    @model_validator(mode="after")
    def _not_empty(self) -> Text:
        if not self.zh and not self.en:
            raise PydanticCustomError(
                "text_empty", "Write the text in Chinese (zh), English (en) or both.")
        return self

    def get(self, language: str) -> str:
        first, second = (self.zh, self.en) if language.startswith("zh") else (self.en, self.zh)
        return first or second


def _codes(vocabulary, what: str):
    def check(value: str) -> str:
        if value not in vocabulary:
            raise PydanticCustomError(
                "unknown_code", "Unknown {what} '{value}'; expected one of: {codes}.",
                {"what": what, "value": value, "codes": ", ".join(vocabulary.codes())})
        return value
    return check


def _centre_codes(vocabulary, what: str):
    """A check for `apparatus:` or `situation:` that also takes the codes the school added
    (passed as validation context: {"apparatus": {...}, "situation": {...}}). A unit kept
    as it was taught (a lesson's copy, perhaps from another school) takes any code:
    {"as_taught": True}."""
    shipped = _codes(vocabulary, what)

    def check(value: str | None, info: ValidationInfo) -> str | None:
        context = info.context or {}
        if value is None or value in context.get(what, ()) or context.get("as_taught"):
            return value
        return shipped(value)
    return check


DomainCode = Annotated[str, Field(min_length=1)]
Tier = Literal[1, 2, 3]


class Objective(Strict):
    domain: DomainCode
    text: Text

    _domain = field_validator("domain")(_codes(DOMAINS, "domain"))


class Level(Strict):
    """What one tier of students does in a step, and the support they get."""

    tier: Tier
    task: Text
    support: Text


class Step(Strict):
    title: Text
    minutes: int = Field(ge=1, le=120)
    activity: Text
    levels: list[Level] = Field(min_length=2)
    prompts: Text | None = None

    @model_validator(mode="after")
    def _levels_differ(self) -> Step:
        tiers = [level.tier for level in self.levels]
        if len(set(tiers)) != len(tiers):
            raise PydanticCustomError("tier_repeated",
                                      "Each tier may appear once in a step's levels.")
        tasks = [level.task.zh or level.task.en for level in self.levels]
        if len(set(tasks)) != len(tasks):
            raise PydanticCustomError(
                "levels_same", "The levels of a step must differ: two tiers have the same task.")
        return self


class Assignment(Strict):
    tier: Tier
    task: Text


class AssessmentMethod(Strict):
    method: Text
    criterion: Text


class Adjustments(Strict):
    """The district practice's six design adjustments for a lesson."""

    difficulty: Text
    amount: Text
    timing: Text
    opportunity: Text
    materials: Text
    design: Text


class CourseUnit(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    kind: Literal["deficit", "apparatus", "situation"]
    title: Text
    function: Text | None = None  # the deficit or function (kind: deficit)
    apparatus: str | None = None  # APPARATUS code (kind: apparatus)
    situation: str | None = None  # SITUATIONS code (kind: situation)
    summary: Text
    domains: list[DomainCode] = Field(min_length=1)
    age_bands: list[str] = Field(min_length=1)
    duration_minutes: int = Field(ge=10, le=120)
    sessions: int = Field(default=1, ge=1, le=20)
    objectives: list[Objective] = Field(min_length=1)
    materials: list[Text] = Field(min_length=1)
    safety: list[Text] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=2)
    assignments: list[Assignment] = Field(min_length=2)
    assessment: list[AssessmentMethod] = Field(min_length=1)
    adjustments: Adjustments

    @field_validator("domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        return [_codes(DOMAINS, "domain")(v) for v in values]

    @field_validator("age_bands")
    @classmethod
    def _age_bands(cls, values: list[str]) -> list[str]:
        return [_codes(AGE_BANDS, "age band")(v) for v in values]

    _apparatus = field_validator("apparatus")(_centre_codes(APPARATUS, "apparatus"))
    _situation = field_validator("situation")(_centre_codes(SITUATIONS, "situation"))

    @model_validator(mode="after")
    def _centre_matches_kind(self) -> CourseUnit:
        needed = {"deficit": "function", "apparatus": "apparatus", "situation": "situation"}
        field = needed[self.kind]
        if getattr(self, field) is None:
            raise PydanticCustomError(
                "centre_missing", "This kind of unit needs '{field}': what it is built around.",
                {"field": field})
        others = [f for f in needed.values() if f != field and getattr(self, f) is not None]
        if others:
            raise PydanticCustomError(
                "centre_extra", "This kind of unit has no '{other}'; use '{field}' for what it "
                "is built around.", {"other": others[0], "field": field})
        tiers = {a.tier for a in self.assignments}
        if len(tiers) < 2:
            raise PydanticCustomError(
                "not_graded", "Assignments must be graded: give at least two different tiers.")
        return self


class Mastery(Strict):
    """The criterion as the app tracks it: `percent` of a session's trials at `level` or
    less help, in `sessions` consecutive sessions (a day counts as one session). What is
    left out takes the app's default (80%, 3 sessions, independent)."""

    percent: int = Field(ge=1, le=100)
    sessions: int | None = Field(default=None, ge=1, le=40)
    level: Literal["I", "V", "G", "M", "P", "F"] | None = None


class Goal(Strict):
    """One measurable short-term objective in the goal bank."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    domain: DomainCode
    subdomain: Text
    age_band: str
    condition: Text
    behaviour: Text
    criterion: Text
    mastery: Mastery | None = None  # the criterion as a rule (progress/mastery.py)
    # What the family can do at home, in plain words; the parent version prints it.
    home_tip: Text | None = None

    _domain = field_validator("domain")(_codes(DOMAINS, "domain"))
    _age = field_validator("age_band")(_codes(AGE_BANDS, "age band"))

    def mastery_fields(self) -> dict:
        """The objective's mastery rule fields, as a plan stores them."""
        if self.mastery is None:
            return {}
        rule = self.mastery
        return {"mastery_percent": rule.percent, "mastery_sessions": rule.sessions,
                "mastery_level": rule.level or ""}

    def sentence(self, language: str) -> str:
        """The objective as one sentence, as it reads in an IEP."""
        parts = [self.condition.get(language), self.behaviour.get(language),
                 self.criterion.get(language)]
        if language.startswith("zh"):
            return "，".join(p.rstrip("，。") for p in parts) + "。"
        text = ", ".join(p.rstrip(",.") for p in parts) + "."
        return text[0].upper() + text[1:]


class LongTermGoal(Strict):
    """A long-term (annual) goal statement and the short-term objectives it groups."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    domain: DomainCode
    age_band: str
    text: Text
    objectives: list[str] = Field(min_length=1)  # ids of goals in the same file

    _domain = field_validator("domain")(_codes(DOMAINS, "domain"))
    _age = field_validator("age_band")(_codes(AGE_BANDS, "age band"))


class GoalFile(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    goals: list[Goal] = Field(min_length=1)
    long_term_goals: list[LongTermGoal] = Field(default_factory=list)

    @model_validator(mode="after")
    def _groups_hold_this_files_objectives(self) -> GoalFile:
        # A long-term goal groups objectives of its own domain and age band: a plan takes
        # them together, so one from another band would be offered to the wrong child.
        by_id = {goal.id: goal for goal in self.goals}
        for long_term in self.long_term_goals:
            for objective in long_term.objectives:
                goal = by_id.get(objective)
                if goal is None:
                    raise PydanticCustomError(
                        "objective_unknown", "Long-term goal '{id}' groups '{objective}', "
                        "which is not an objective in this file.",
                        {"id": long_term.id, "objective": objective})
                if (goal.age_band != long_term.age_band
                        or goal.domain.split(".")[0] != long_term.domain.split(".")[0]):
                    raise PydanticCustomError(
                        "objective_elsewhere", "Long-term goal '{id}' is for {domain}, "
                        "{band}; objective '{objective}' is for {other_domain}, {other_band}.",
                        {"id": long_term.id, "domain": long_term.domain,
                         "band": long_term.age_band, "objective": objective,
                         "other_domain": goal.domain, "other_band": goal.age_band})
        return self


SCHEMA_FILES = {"course_unit.schema.json": CourseUnit, "goal_bank.schema.json": GoalFile}


def json_schemas(files: dict | None = None) -> dict[str, str]:
    """File name -> JSON Schema text, of these models (the unit files' by default)."""
    import json

    return {name: json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
            for name, model in (files or SCHEMA_FILES).items()}


def write_json_schemas(folder, files: dict | None = None) -> list:
    """Write the JSON Schemas (for editors that check YAML as you type)."""
    from pathlib import Path

    written = []
    for name, text in json_schemas(files).items():
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
