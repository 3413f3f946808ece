"""The format of an assessment instrument, as pydantic models.

An instrument is a folder of YAML files: one `instrument.yaml` (its name, its scales,
optional scoring rules) and one file per domain, each holding subdomains with an ordered
ladder of items, from what a child learns first to what comes last. Every prose field is
bilingual ({zh: ..., en: ...}), as in course units. `iep-studio instruments check` and
the app's import read files through these models; resources/instrument.schema.json and
resources/instrument_domain.schema.json are generated from them for editors.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..units.schema import Strict, Text, _codes
from ..vocabulary import AGE_BANDS, DOMAINS

SCHEMA_VERSION = 1
ID = r"^[a-z0-9][a-z0-9-]{2,63}$"

# What a score says the child does, whatever the scale: the present levels and the
# suggested objectives are drafted from these three.
Meaning = Literal["not_yet", "emerging", "independent"]
Method = Literal["probe", "observation", "parent_report"]


class Point(Strict):
    """One value of a scale: 0, ½, 1; 1 to 5; or a prompt level."""

    value: float
    label: Text
    means: Meaning


class Scale(Strict):
    id: str = Field(pattern=ID)
    title: Text
    points: list[Point] = Field(min_length=2, max_length=10)
    not_applicable: bool = True  # N/A may be given (the item does not apply to this child)

    @model_validator(mode="after")
    def _points_make_sense(self) -> Scale:
        values = [p.value for p in self.points]
        if len(set(values)) != len(values):
            raise PydanticCustomError("scale_repeated", "Each value may appear once in a scale.")
        if values != sorted(values):
            raise PydanticCustomError(
                "scale_order", "List a scale's points from the lowest value to the highest.")
        if self.points[-1].means != "independent" or self.points[0].means != "not_yet":
            raise PydanticCustomError(
                "scale_ends", "A scale runs from a point that means not_yet to one that "
                "means independent.")
        return self

    def point(self, value: float) -> Point | None:
        return next((p for p in self.points if p.value == value), None)


# The default scale: 0 not yet, 1 emerging (with help, or on some trials), 2 independent.
DEFAULT_SCALE = Scale(
    id="not-yet-emerging-independent",
    title=Text(zh="0 未掌握 / 1 部分掌握 / 2 独立完成",
               en="0 not yet / 1 emerging / 2 independent"),
    points=[
        Point(value=0, means="not_yet", label=Text(zh="未掌握", en="Not yet")),
        Point(value=1, means="emerging",
              label=Text(zh="部分掌握（需协助或部分试次通过）",
                         en="Emerging (with help, or on some trials)")),
        Point(value=2, means="independent", label=Text(zh="独立完成", en="Independent")),
    ])


class Band(Strict):
    """One row of a conversion table: raw totals from `raw_from` to `raw_to` give
    `result` (a standard score, a percentile, a level: as the scale's manual says)."""

    raw_from: float
    raw_to: float
    result: str = Field(min_length=1, max_length=40)

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.raw_to < self.raw_from:
            raise PydanticCustomError("band_order", "raw_to must not be below raw_from.")
        return self


class Conversion(Strict):
    """Raw total to result, for one domain and one age range (in months, both ends
    included), as a published scale's manual tables it."""

    domain: str
    age_months_from: int = Field(ge=0, le=300)
    age_months_to: int = Field(ge=0, le=300)
    result_name: Text  # what the result is called: 标准分, 等级 ...
    table: list[Band] = Field(min_length=1, max_length=400)

    _domain = field_validator("domain")(_codes(DOMAINS, "domain"))

    @model_validator(mode="after")
    def _ages_and_bands(self) -> Conversion:
        if self.age_months_to < self.age_months_from:
            raise PydanticCustomError(
                "age_order", "age_months_to must not be below age_months_from.")
        bands = sorted(self.table, key=lambda b: b.raw_from)
        for before, after in zip(bands, bands[1:]):
            if after.raw_from <= before.raw_to:
                raise PydanticCustomError(
                    "bands_overlap", "Two rows of the table cover the raw total {raw}.",
                    {"raw": f"{after.raw_from:g}"})
        return self


class Scoring(Strict):
    totals: bool = True  # raw totals per domain (N/A left out)
    conversions: list[Conversion] = Field(default_factory=list, max_length=2000)


class Instrument(Strict):
    """instrument.yaml: what the instrument is and how it is scored."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=ID)
    title: Text
    description: Text | None = None
    # Who wrote it and under which terms (a school's own tables for a licensed scale
    # stay in a file the school keeps).
    source: Text | None = None
    age_bands: list[str] = Field(min_length=1)
    scales: list[Scale] = Field(default_factory=list, max_length=20)
    default_scale: str = DEFAULT_SCALE.id
    scoring: Scoring = Field(default_factory=Scoring)

    @field_validator("age_bands")
    @classmethod
    def _age_bands(cls, values: list[str]) -> list[str]:
        return [_codes(AGE_BANDS, "age band")(v) for v in values]

    @model_validator(mode="after")
    def _scales_known(self) -> Instrument:
        ids = [s.id for s in self.scales]
        if len(set(ids)) != len(ids) or DEFAULT_SCALE.id in ids:
            raise PydanticCustomError("scale_id_repeated", "Each scale needs its own id.")
        if self.default_scale not in self.scale_ids():
            raise PydanticCustomError(
                "unknown_code", "Unknown {what} '{value}'; expected one of: {codes}.",
                {"what": "scale", "value": self.default_scale,
                 "codes": ", ".join(self.scale_ids())})
        return self

    def scale_ids(self) -> list[str]:
        return [DEFAULT_SCALE.id, *(s.id for s in self.scales)]

    def scale(self, scale_id: str | None = None) -> Scale:
        wanted = scale_id or self.default_scale
        return next((s for s in self.scales if s.id == wanted), DEFAULT_SCALE)


class Item(Strict):
    """One observable thing a child does, scored on the instrument's scale."""

    id: str = Field(pattern=ID)
    behaviour: Text  # what the child does, observable: 能单脚站立5秒
    age_band: str
    method: Method
    materials: Text | None = None  # for a probe: what to have ready
    instruction: Text | None = None  # for a probe: what the teacher sets up and says
    passed_when: Text  # what counts as independent (the top of the scale)
    scale: str | None = None  # another of the instrument's scales
    objectives: list[str] = Field(default_factory=list, max_length=12)  # goal-bank ids

    _age = field_validator("age_band")(_codes(AGE_BANDS, "age band"))

    @model_validator(mode="after")
    def _probe_is_set_out(self) -> Item:
        if self.method == "probe" and (self.instruction is None or self.materials is None):
            raise PydanticCustomError(
                "probe_incomplete", "A probe needs 'materials' and 'instruction': what to "
                "have ready and what to say, so any teacher gives it the same way.")
        return self


class Subdomain(Strict):
    id: str = Field(pattern=ID)
    title: Text
    items: list[Item] = Field(min_length=1, max_length=40)  # in the order they are learnt


class DomainFile(Strict):
    """One domain of an instrument: its subdomains, each a ladder of items."""

    schema_version: Literal[1] = SCHEMA_VERSION
    instrument: str = Field(pattern=ID)
    domain: str
    subdomains: list[Subdomain] = Field(min_length=1, max_length=30)

    _domain = field_validator("domain")(_codes(DOMAINS, "domain"))


SCHEMA_FILES = {"instrument.schema.json": Instrument,
                "instrument_domain.schema.json": DomainFile}



def json_schemas() -> dict[str, str]:
    from ..units.schema import json_schemas as schemas_of

    return schemas_of(SCHEMA_FILES)


def write_json_schemas(folder) -> list:
    """Write the instruments' JSON Schemas (for editors that check YAML as you type)."""
    from ..units.schema import write_json_schemas as write_schemas_of

    return write_schemas_of(folder, SCHEMA_FILES)
