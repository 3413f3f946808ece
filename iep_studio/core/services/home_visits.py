"""送教上门: home visits for students taught at home, and their totals per school term."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import HomeVisit, Objective, Student
from ..school_year import SchoolTerm, school_term
from ..store import Store
from . import records
from .validation import Checker

VISIT_FIELDS = ("visited_on", "minutes", "visitors", "activities", "objective_ids", "note")


@dataclass(frozen=True)
class TermTotal:
    term: SchoolTerm
    visits: int
    minutes: int
    objectives_served: int  # different plan objectives worked on in the term


def first_editions(s, objective_ids: set[str]) -> dict[str, str]:
    """Each objective's first edition: amended copies count as the same objective."""
    from .progress import earlier_editions

    earlier = earlier_editions(s, objective_ids)

    def first(objective_id: str) -> str:
        while objective_id in earlier:
            objective_id = earlier[objective_id]
        return objective_id
    return {o: first(o) for o in objective_ids}


class HomeVisits:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def add(self, student_id: str, values: dict, id: str | None = None) -> HomeVisit:  # noqa: A002
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            visit = HomeVisit(student_id=student_id,
                              **self._checked(s, {"visited_on": self.clock.today(), **values}))
            if id:
                visit.id = id
            s.add(visit)
            s.flush()
            return visit

    def update(self, visit_id: str, changes: dict) -> HomeVisit:
        with self.store.session() as s:
            visit = records.fetch(s, HomeVisit, visit_id)
            current = {k: getattr(visit, k) for k in VISIT_FIELDS}
            for key, value in self._checked(s, {**current, **changes}).items():
                setattr(visit, key, value)
            s.flush()
            return visit

    def remove(self, visit_id: str) -> dict:
        with self.store.session() as s:
            return records.remove(s, HomeVisit, visit_id)

    def restore(self, kept: dict) -> HomeVisit:
        with self.store.session() as s:
            return records.restore(s, HomeVisit, kept)

    def for_student(self, student_id: str) -> list[HomeVisit]:
        """Newest first."""
        with self.store.reading() as s:
            return list(s.scalars(select(HomeVisit).where(HomeVisit.student_id == student_id)
                                  .order_by(HomeVisit.visited_on.desc(),
                                            HomeVisit.created_at.desc())))

    def totals(self, visits: list[HomeVisit]) -> list[TermTotal]:
        """Visits, minutes and objectives served per school term, newest term first. An
        objective and its amended editions count once."""
        with self.store.reading() as s:
            root = first_editions(s, {o for v in visits for o in v.objective_ids})
        terms: dict[SchoolTerm, list[HomeVisit]] = {}
        for visit in visits:
            terms.setdefault(school_term(visit.visited_on), []).append(visit)
        return [TermTotal(term, len(items), sum(v.minutes for v in items),
                          len({root[o] for v in items for o in v.objective_ids}))
                for term, items in sorted(terms.items(), key=lambda kv: kv[0].start,
                                          reverse=True)]

    def _checked(self, s, values: dict) -> dict:
        check = Checker()
        out = {"visited_on": check.date("visited_on", values.get("visited_on"), required=True,
                                        today=self.clock.today(), not_future=True),
               "minutes": check.count("minutes", values.get("minutes"), 600, lowest=1),
               "visitors": check.required_text("visitors", values.get("visitors"), 300),
               "activities": check.required_text("activities", values.get("activities"), 4000),
               "objective_ids": list(dict.fromkeys(values.get("objective_ids") or [])),
               "note": check.optional_text("note", values.get("note"))}
        if values.get("minutes") in (None, ""):
            check.add("minutes", QT_TRANSLATE_NOOP("Errors", "This field is required."))
        if out["objective_ids"]:
            known = set(s.scalars(select(Objective.id)
                                  .where(Objective.id.in_(out["objective_ids"]))))
            out["objective_ids"] = [o for o in out["objective_ids"] if o in known]
        check.raise_if_any()
        return out
