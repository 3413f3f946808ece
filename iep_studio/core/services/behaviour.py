"""Behaviour records in ABC form (antecedent, behaviour, consequence) with the likely
function, how often and how long: the evidence a behaviour support plan rests on."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import BehaviourRecord, Student
from ..store import Store
from ..vocabulary import BEHAVIOUR_FUNCTIONS
from . import records
from .validation import Checker

BEHAVIOUR_FIELDS = ("occurred_on", "occurred_at", "setting", "antecedent", "behaviour",
                    "consequence", "function", "frequency", "duration_seconds", "observer",
                    "note")


class BehaviourRecords:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def add(self, student_id: str, values: dict, id: str | None = None) -> BehaviourRecord:  # noqa: A002
        checked = self._checked({"occurred_on": self.clock.today(), **values})
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            record = BehaviourRecord(student_id=student_id, **checked)
            if id:
                record.id = id
            s.add(record)
            s.flush()
            return record

    def update(self, record_id: str, changes: dict) -> BehaviourRecord:
        with self.store.session() as s:
            record = records.fetch(s, BehaviourRecord, record_id)
            current = {k: getattr(record, k) for k in BEHAVIOUR_FIELDS}
            for key, value in self._checked({**current, **changes}).items():
                setattr(record, key, value)
            s.flush()
            return record

    def remove(self, record_id: str) -> dict:
        with self.store.session() as s:
            return records.remove(s, BehaviourRecord, record_id)

    def restore(self, kept: dict) -> BehaviourRecord:
        with self.store.session() as s:
            return records.restore(s, BehaviourRecord, kept)

    def for_student(self, student_id: str) -> list[BehaviourRecord]:
        """Newest first."""
        with self.store.reading() as s:
            return list(s.scalars(
                select(BehaviourRecord).where(BehaviourRecord.student_id == student_id)
                .order_by(BehaviourRecord.occurred_on.desc(), BehaviourRecord.occurred_at.desc(),
                          BehaviourRecord.created_at.desc())))

    @staticmethod
    def functions(items: list[BehaviourRecord]) -> list[tuple[str, int]]:
        """How many records point to each function, most first: the pattern the team
        looks for before writing a support plan."""
        counts = Counter(r.function for r in items if r.function)
        return counts.most_common()

    def _checked(self, values: dict) -> dict:
        check = Checker()
        out = {"occurred_on": check.date("occurred_on", values.get("occurred_on"),
                                         required=True, today=self.clock.today(), not_future=True),
               "occurred_at": check.time_of_day("occurred_at", values.get("occurred_at")),
               "setting": check.optional_text("setting", values.get("setting"), 200),
               "antecedent": check.optional_text("antecedent", values.get("antecedent")),
               "behaviour": check.required_text("behaviour", values.get("behaviour"), 2000),
               "consequence": check.optional_text("consequence", values.get("consequence")),
               "function": check.choice("function", values.get("function"),
                                        BEHAVIOUR_FUNCTIONS),
               "frequency": check.count("frequency", values.get("frequency"), 10000),
               "duration_seconds": check.duration("duration_seconds",
                                                  values.get("duration_seconds")),
               "observer": check.optional_text("observer", values.get("observer"), 100),
               "note": check.optional_text("note", values.get("note"))}
        check.raise_if_any()
        return out
