"""Mastery, stalled and no-data rules over an objective's observations.

One point per day: every trial of an objective recorded on the same day counts as one
session (a child seldom works on one objective twice a day, and when they do, the teacher
means one result). Days with no trials (only a duration, a count or a note) make no point.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .trials import ORDER, summarise

DEFAULT_PERCENT = 80
DEFAULT_SESSIONS = 3
DEFAULT_STALLED_SESSIONS = 5
DEFAULT_NO_DATA_DAYS = 14
STALLED_GAIN = 5.0  # percentage points across the window


@dataclass(frozen=True)
class Criterion:
    """Mastered when `percent` of trials are at `level` or less help in `sessions`
    consecutive sessions."""

    percent: int = DEFAULT_PERCENT
    sessions: int = DEFAULT_SESSIONS
    level: str = "I"

    @classmethod
    def of(cls, objective) -> Criterion:
        """The objective's own rule, with the defaults where it has none."""
        level = getattr(objective, "mastery_level", "") or "I"
        return cls(getattr(objective, "mastery_percent", None) or DEFAULT_PERCENT,
                   getattr(objective, "mastery_sessions", None) or DEFAULT_SESSIONS,
                   level if level in ORDER[:-1] else "I")

    @property
    def is_default(self) -> bool:
        return self == Criterion()


@dataclass(frozen=True)
class Point:
    """One session's result: the share of successful trials and the count per level."""

    day: date
    trials: int
    percent: float
    by_level: dict[str, int]


def points(records: Iterable[tuple[date, str]], level: str = "I") -> list[Point]:
    """Per-day points from (day, trials) pairs in any order."""
    by_day: dict[date, str] = {}
    for day, trials in records:
        if trials:
            by_day[day] = by_day.get(day, "") + trials
    result = []
    for day in sorted(by_day):
        summary = summarise(by_day[day], level)
        if summary.total:
            result.append(Point(day, summary.total, summary.percent, summary.by_level))
    return result


@dataclass(frozen=True)
class Mastery:
    mastered_on: date | None  # the session that completed the first qualifying run
    streak: int  # consecutive sessions at the criterion, counting back from the latest

    @property
    def mastered(self) -> bool:
        return self.mastered_on is not None


def mastery(series: list[Point], criterion: Criterion) -> Mastery:
    """Walk the sessions in order; a session below the criterion resets the run."""
    run, mastered_on = 0, None
    for point in series:
        # A rule is a whole percent, the way a teacher writes a ratio: "2 of 3" is 67%,
        # "6 of 7" 86%. The session's share is rounded the same way before comparing, or
        # 66.7% would never reach the 67% the teacher meant.
        run = run + 1 if round(point.percent) >= criterion.percent else 0
        if mastered_on is None and run >= criterion.sessions:
            mastered_on = point.day
    return Mastery(mastered_on, run)


def stalled(series: list[Point], sessions: int = DEFAULT_STALLED_SESSIONS,
            least_gain: float = STALLED_GAIN) -> bool:
    """No gain over the last `sessions` sessions: the straight line that best fits them
    rises by less than `least_gain` points from the first to the last. A trend, not a
    comparison with the best session, so one lucky early result does not make a child
    who is climbing look stalled, and a child going up and down is seen as flat."""
    sessions = max(2, sessions)
    if len(series) < sessions:
        return False
    ys = [p.percent for p in series[-sessions:]]
    mean_x, mean_y = (sessions - 1) / 2, sum(ys) / sessions
    slope = (sum((x - mean_x) * (y - mean_y) for x, y in enumerate(ys))
             / sum((x - mean_x) ** 2 for x in range(sessions)))
    return slope * (sessions - 1) < least_gain


def no_data(last_day: date | None, since: date | None, today: date,
            days: int = DEFAULT_NO_DATA_DAYS) -> bool:
    """Nothing recorded for `days` days: counted from the last record or, with none, from
    `since` (when the objective started being worked on)."""
    start = last_day or since
    return start is not None and today - start >= timedelta(days=days)
