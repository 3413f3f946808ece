"""Assessments: recorded, corrected, removed; and the latest present level per domain."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import Assessment, AssessmentResult, ItemScore, Student
from ..store import Store
from ..vocabulary import DOMAINS
from .validation import Checker


class Assessments:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def for_student(self, student_id: str) -> list[Assessment]:
        """Newest first: the list a teacher reads when writing present levels."""
        with self.store.reading() as s:
            return assessments_of(s, student_id)

    def get(self, assessment_id: str) -> Assessment:
        """One assessment, with its results and item scores."""
        with self.store.reading() as s:
            return self._get(s, assessment_id)

    def add(self, student_id: str, instrument: str, assessed_on: date | str, assessor: str = "",
            summary: str = "", results: list[dict] = (), id: str | None = None,  # noqa: A002
            instrument_id: str = "", item_scores: list[dict] = ()) -> Assessment:
        """Record an assessment; `id` brings back a removed one (undo) under its own id,
        with the item scores it had (`instrument_id`, `item_scores`)."""
        values, rows = self._checked(instrument, assessed_on, assessor, summary, results)
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            assessment = Assessment(
                student_id=student_id, **values, results=rows, instrument_id=instrument_id,
                item_scores=[ItemScore(item_id=i["item_id"], value=i["value"],
                                       note=i.get("note", "")) for i in item_scores])
            if id:
                assessment.id = id
            s.add(assessment)
            s.flush()
            return assessment

    def update(self, assessment_id: str, instrument: str, assessed_on: date | str,
               assessor: str = "", summary: str = "", results: list[dict] = ()) -> Assessment:
        values, rows = self._checked(instrument, assessed_on, assessor, summary, results)
        with self.store.session() as s:
            assessment = self._get(s, assessment_id)
            for name, value in values.items():
                setattr(assessment, name, value)
            assessment.results = rows
            s.flush()
            return assessment

    def remove(self, assessment_id: str) -> dict:
        """Remove; returns what `add` needs to put it back (undo)."""
        with self.store.session() as s:
            assessment = self._get(s, assessment_id)
            kept = {**as_dict(assessment), "id": assessment.id}
            s.delete(assessment)
            return kept

    def latest_levels(self, student_id: str) -> dict[str, AssessmentResult]:
        """For each domain, the result of the most recent assessment that covered it."""
        latest: dict[str, AssessmentResult] = {}
        for assessment in self.for_student(student_id):
            for result in assessment.results:
                latest.setdefault(result.domain, result)
        return latest

    @staticmethod
    def _get(s, assessment_id: str) -> Assessment:
        assessment = s.get(Assessment, assessment_id, options=[
            selectinload(Assessment.results), selectinload(Assessment.item_scores)])
        if assessment is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This assessment no longer exists."))
        return assessment

    def _checked(self, instrument, assessed_on, assessor, summary, results):
        check = Checker()
        values = {
            "instrument": check.required_text("instrument", instrument, 200),
            "assessed_on": check.date("assessed_on", assessed_on, required=True,
                                      today=self.clock.today(), not_future=True),
            "assessor": check.optional_text("assessor", assessor, 100),
            "summary": check.optional_text("summary", summary),
        }
        rows = []
        for i, result in enumerate(results):
            domain = check.choice(f"results.{i}.domain", result.get("domain"), DOMAINS,
                                  allow_empty=False)
            score = check.optional_text(f"results.{i}.score", result.get("score"), 100)
            level = check.optional_text(f"results.{i}.present_level", result.get("present_level"))
            rows.append(AssessmentResult(domain=domain, score=score, present_level=level,
                                         position=i))
        check.raise_if_any()
        return values, rows


def as_dict(assessment: Assessment) -> dict:
    return {
        "instrument": assessment.instrument, "assessed_on": assessment.assessed_on,
        "assessor": assessment.assessor, "summary": assessment.summary,
        "results": [{"domain": r.domain, "score": r.score, "present_level": r.present_level}
                    for r in assessment.results],
        "instrument_id": assessment.instrument_id,
        "item_scores": [{"item_id": i.item_id, "value": i.value, "note": i.note}
                        for i in assessment.item_scores],
    }


def checked_date(value, today: date) -> date:
    """An assessment's date: required, and not in the future."""
    check = Checker()
    day = check.date("assessed_on", value, required=True, today=today, not_future=True)
    check.raise_if_any()
    return day


def assessments_of(s, student_id: str) -> list[Assessment]:
    """A student's assessments with their results, newest first, in the caller's session."""
    return list(s.scalars(
        select(Assessment).where(Assessment.student_id == student_id)
        .options(selectinload(Assessment.results), selectinload(Assessment.item_scores))
        .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())))
