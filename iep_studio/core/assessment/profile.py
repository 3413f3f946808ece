"""The same instrument over time: where the child stands in each domain at each
assessment, the items gained and lost since the one before, and the items behind a
plan's objective."""
from __future__ import annotations

from dataclasses import dataclass

from .loading import LoadedInstrument, Placed


@dataclass(frozen=True)
class Standing:
    """One domain at one assessment: items done independently, with help, scored."""

    domain: str
    independent: int
    emerging: int
    scored: int  # N/A left out
    total: int  # items the instrument has in the domain


def meaning(instrument: LoadedInstrument, placed: Placed, score) -> str | None:
    """"independent", "emerging", "not_yet", or None (N/A, not scored)."""
    value = getattr(score, "value", score)
    if value is None:
        return None
    point = instrument.header.scale(placed.item.scale).point(value)
    return point.means if point else None


def standings(instrument: LoadedInstrument, scores: dict) -> dict[str, Standing]:
    """Per domain, in the instrument's order (every domain, scored or not)."""
    counts: dict[str, list[int]] = {part.domain: [0, 0, 0, 0] for part in instrument.domains}
    for placed in instrument.items():
        entry = counts[placed.domain]
        entry[3] += 1
        if placed.item.id in scores:
            means = meaning(instrument, placed, scores[placed.item.id])
            entry[0] += means == "independent"
            entry[1] += means == "emerging"
            entry[2] += means is not None
    return {d: Standing(d, *c) for d, c in counts.items()}


def profile(instrument: LoadedInstrument, history: list[dict]) -> list[tuple[str, list[Standing]]]:
    """Each domain scored in any of the assessments (`history`: their scores, oldest
    first), with its standing at each."""
    each = [standings(instrument, scores) for scores in history]
    domains = [part.domain for part in instrument.domains
               if any(s[part.domain].scored for s in each)]
    return [(d, [s[d] for s in each]) for d in domains]


def gained_and_lost(instrument: LoadedInstrument, before: dict, after: dict
                    ) -> tuple[list[Placed], list[Placed]]:
    """Items done independently now that were not before (scored then or not), and items
    done independently before that are not now (scored lower this time)."""
    gained, lost = [], []
    for placed in instrument.items():
        was = meaning(instrument, placed, before[placed.item.id]) if placed.item.id in before \
            else None
        now = meaning(instrument, placed, after[placed.item.id]) if placed.item.id in after \
            else None
        if now == "independent" and was != "independent":
            gained.append(placed)
        elif was == "independent" and now in ("emerging", "not_yet"):
            lost.append(placed)
    return gained, lost


def items_for_objective(instrument: LoadedInstrument, bank_id: str) -> list[Placed]:
    """The items that lead to a goal-bank objective: what shows whether it is reached."""
    return [p for p in instrument.items() if bank_id in p.item.objectives]
