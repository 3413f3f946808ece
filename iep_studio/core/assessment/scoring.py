"""What an instrument's scoring rules make of a child's item scores: raw totals per
domain, and a published scale's conversion of a raw total at the child's age."""
from __future__ import annotations

from dataclasses import dataclass

from .loading import LoadedInstrument

NOT_APPLICABLE = None  # an item scored N/A: left out of every total


@dataclass(frozen=True)
class DomainTotal:
    domain: str
    raw: float  # the sum of the values given, N/A left out
    scored: int  # items given a value (N/A not counted)
    possible: float  # the highest raw total the items scored could give
    result: str | None = None  # the conversion table's result at the child's age
    result_name: str = ""  # 标准分, 等级 … as the table names it (in the language asked)


def domain_totals(instrument: LoadedInstrument, scores: dict[str, float | None],
                  age_months: int | None = None, language: str = "zh_CN") -> list[DomainTotal]:
    """Raw totals per domain, in the instrument's order, for the domains with at least one
    item scored; each converted where the instrument has a table for the domain and the
    child's age. `scores`: item id -> value (None for N/A); items not yet scored are
    simply not in it."""
    if not instrument.header.scoring.totals:
        return []
    header = instrument.header
    sums: dict[str, list[float]] = {}
    for placed in instrument.items():
        if placed.item.id not in scores:
            continue
        value = scores[placed.item.id]
        entry = sums.setdefault(placed.domain, [0.0, 0, 0.0])
        if value is NOT_APPLICABLE:
            continue
        scale = header.scale(placed.item.scale)
        entry[0] += value
        entry[1] += 1
        entry[2] += scale.points[-1].value
    totals = []
    for domain, (raw, scored, possible) in sums.items():
        result, name = convert(instrument, domain, age_months, raw, language)
        totals.append(DomainTotal(domain, raw, scored, possible, result, name))
    return totals


def convert(instrument: LoadedInstrument, domain: str, age_months: int | None, raw: float,
            language: str = "zh_CN") -> tuple[str | None, str]:
    """(result, what it is called) from the first table for this domain and age that
    covers the raw total; (None, "") where none does (no table, an age outside them, or
    a raw total the table leaves out: never a guess)."""
    if age_months is None:
        return None, ""
    for table in instrument.header.scoring.conversions:
        if (table.domain == domain
                and table.age_months_from <= age_months <= table.age_months_to):
            for band in table.table:
                if band.raw_from <= raw <= band.raw_to:
                    return band.result, table.result_name.get(language)
            return None, ""
    return None, ""
