"""个案指导: the district's guidance of one child, note by note (a visit to the school, a
telephone call, a case meeting), and the follow-ups that have come due.

A district coordinator writes these notes on the children of the schools they follow; the
resource teacher and the administrator may write them too (core/access/rules.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import CaseGuidance, Student
from ..store import Store
from . import records
from .schools import signed_in_name
from .validation import Checker

GUIDANCE_FIELDS = ("given_on", "given_by", "occasion", "seen", "guidance", "follow_up",
                   "follow_up_by")


@dataclass(frozen=True)
class FollowUpDue:
    """A child whose latest guidance note asks for something by a day that has come."""

    student_id: str
    student_name: str
    note_id: str
    follow_up: str
    follow_up_by: date
    given_by: str


class CaseGuidanceNotes:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def add(self, student_id: str, values: dict, id: str | None = None) -> CaseGuidance:  # noqa: A002
        """Given today, by the signed-in person, unless the values say otherwise."""
        checked = self._checked({"given_on": self.clock.today(),
                                 "given_by": signed_in_name(self.store), **values})
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            note = CaseGuidance(student_id=student_id, **checked)
            if id:
                note.id = id
            s.add(note)
            s.flush()
            return note

    def update(self, note_id: str, changes: dict) -> CaseGuidance:
        with self.store.session() as s:
            note = records.fetch(s, CaseGuidance, note_id)
            current = {k: getattr(note, k) for k in GUIDANCE_FIELDS}
            for key, value in self._checked({**current, **changes}).items():
                setattr(note, key, value)
            s.flush()
            return note

    def remove(self, note_id: str) -> dict:
        with self.store.session() as s:
            return records.remove(s, CaseGuidance, note_id)

    def restore(self, kept: dict) -> CaseGuidance:
        with self.store.session() as s:
            return records.restore(s, CaseGuidance, kept)

    def for_student(self, student_id: str) -> list[CaseGuidance]:
        """Newest first."""
        with self.store.reading() as s:
            return list(s.scalars(
                select(CaseGuidance).where(CaseGuidance.student_id == student_id)
                .order_by(CaseGuidance.given_on.desc(), CaseGuidance.created_at.desc())))

    def due(self, on_day: date | None = None) -> list[FollowUpDue]:
        """The follow-ups whose day has come by `on_day` (today), earliest first, of the
        children one may see."""
        with self.store.reading() as s:
            return due_follow_ups(s, on_day or self.clock.today())

    def _checked(self, values: dict) -> dict:
        # The same checks as a received file's notes (core/transfer/rules.py).
        check = Checker()
        out = {"given_on": check.date("given_on", values.get("given_on"), required=True,
                                      today=self.clock.today(), not_future=True),
               "given_by": check.optional_text("given_by", values.get("given_by"), 100),
               "occasion": check.optional_text("occasion", values.get("occasion"), 200),
               "seen": check.optional_text("seen", values.get("seen")),
               "guidance": check.required_text("guidance", values.get("guidance"), 10**9),
               "follow_up": check.optional_text("follow_up", values.get("follow_up")),
               "follow_up_by": check.date("follow_up_by", values.get("follow_up_by"))}
        check.raise_if_any()
        return out


def due_follow_ups(s, on_day: date, student_ids=None) -> list[FollowUpDue]:
    """Only each child's latest note counts: the next note (the visit after) is where the
    follow-up was seen to, so an older note's follow-up no longer waits. Archived files
    and children who left are not followed up. `student_ids`: only these (a subquery)."""
    newest = (select(CaseGuidance.student_id, func.max(CaseGuidance.given_on).label("day"))
              .group_by(CaseGuidance.student_id).subquery())
    query = (select(CaseGuidance, Student.full_name)
             .join(Student, Student.id == CaseGuidance.student_id)
             .join(newest, (newest.c.student_id == CaseGuidance.student_id)
                   & (newest.c.day == CaseGuidance.given_on))
             .where(Student.archived.is_(False), Student.status == "active")
             .order_by(CaseGuidance.created_at.desc()))
    if student_ids is not None:
        query = query.where(CaseGuidance.student_id.in_(student_ids))
    latest: dict[str, FollowUpDue] = {}
    for note, name in s.execute(query).all():  # two notes on one day: the later written
        latest.setdefault(note.student_id, FollowUpDue(
            note.student_id, name, note.id, note.follow_up, note.follow_up_by, note.given_by))
    return sorted((d for d in latest.values() if d.follow_up_by and d.follow_up_by <= on_day),
                  key=lambda d: (d.follow_up_by, d.student_name))
