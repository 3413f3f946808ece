"""What day and what time it is for an operation: one clock, shared.

The services of one window (and the audit log of the store they work on) hold the same
Clock, so whoever fixes the day or the moment (a test, the demo's reviews held in the
past, the screenshots) sets it once, and every service sees it. Left alone, it is the
real time.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone


class Clock:
    """`day` fixes what counts as today: what is overdue, what would lie in the future.
    `moment` fixes the time stamped on what a person does (an approval, a sign-in, an
    audit entry) and the waits after wrong passwords. Each is a value, a function giving
    one, or None for the real time; a moment fixed without a day fixes the day too.
    (created_at and updated_at are the database's own bookkeeping: they keep the real
    time.)"""

    def __init__(self, day: date | Callable[[], date] | None = None,
                 moment: datetime | Callable[[], datetime] | None = None):
        self.day = day
        self.moment = moment

    def today(self) -> date:
        """The day here, where the teacher is."""
        if self.day is None:
            return date.today() if self.moment is None else self.now().astimezone().date()
        return self.day() if callable(self.day) else self.day

    def now(self) -> datetime:
        """The moment, aware and in UTC, as the database keeps it."""
        if self.moment is None:
            return datetime.now(timezone.utc)
        moment = self.moment() if callable(self.moment) else self.moment
        return moment.astimezone(timezone.utc)
