"""Daily observations: what each student did toward each objective, saved as it is typed.

Logging is the hot path of the app (a teacher records trial by trial during a session),
so `log` and `set_trials` do one short transaction with no reloading of the plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import (
    Attachment, Lesson, Objective, Observation, Plan, PlanGoal, Student, TeachingSession,
)
from ..progress.trials import MAX_TRIALS, clean, invalid_codes
from ..store import Store
from . import records
from .validation import Checker

OBSERVATION_FIELDS = ("objective_id", "session_id", "lesson_id", "observed_on", "trials",
                      "duration_seconds", "frequency", "rating", "note", "observer")

# A plan whose objectives are being worked on, most settled first.
WORKING_STATUSES = ("approved", "in_review", "draft")


@dataclass(frozen=True)
class Target:
    """A student and one of their objectives, as the observation entry lists them."""

    student_id: str
    student_name: str
    objective_id: str | None
    condition: str = ""
    behaviour: str = ""
    criterion: str = ""
    domain: str = ""


class Observations:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def log(self, student_id: str, objective_id: str | None, trials: str = "", *,
            observed_on: date | str | None = None, session_id: str | None = None,
            lesson_id: str | None = None, duration=None, frequency=None, rating=None,
            note: str = "", observer: str = "", id: str | None = None) -> Observation:  # noqa: A002
        values = _checked({"objective_id": objective_id, "trials": trials,
                           "observed_on": observed_on or self.clock.today(),
                           "session_id": session_id, "lesson_id": lesson_id,
                           "duration_seconds": duration, "frequency": frequency,
                           "rating": rating, "note": note, "observer": observer},
                          self.clock.today())
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP(
                    "Errors", "This student file no longer exists."))
            observation = Observation(student_id=student_id, **values)
            if id:
                observation.id = id
            s.add(observation)
            s.flush()
            return observation

    def update(self, observation_id: str, changes: dict) -> Observation:
        with self.store.session() as s:
            observation = records.fetch(s, Observation, observation_id)
            current = {k: getattr(observation, k) for k in OBSERVATION_FIELDS}
            for key, value in _checked({**current, **changes}, self.clock.today()).items():
                setattr(observation, key, value)
            s.flush()
            return observation

    def set_trials(self, observation_id: str, trials: str) -> Observation:
        """The live save of the entry line: each key press writes the trials so far."""
        return self.update(observation_id, {"trials": trials})

    def remove(self, observation_id: str) -> dict:
        """A work sample attached to the observation stays in the file; undo links it
        again."""
        with self.store.session() as s:
            return records.remove_keeping_links(s, Observation, observation_id,
                                                Attachment.observation_id)

    def restore(self, kept: dict) -> Observation:
        with self.store.session() as s:
            return records.restore_with_links(s, Observation, kept, Attachment.observation_id)

    def for_student(self, student_id: str) -> list[Observation]:
        """Newest first."""
        with self.store.reading() as s:
            return list(s.scalars(select(Observation).where(Observation.student_id == student_id)
                                  .order_by(Observation.observed_on.desc(),
                                            Observation.created_at.desc())))

    def for_session(self, session_id: str) -> list[Observation]:
        with self.store.reading() as s:
            return list(s.scalars(select(Observation).where(Observation.session_id == session_id)
                                  .order_by(Observation.created_at)))

    def counts_for_sessions(self, session_ids: list[str]) -> dict[str, int]:
        """How many records each session has (the planner shows which are done)."""
        with self.store.reading() as s:
            return dict(s.execute(select(Observation.session_id, func.count())
                                  .where(Observation.session_id.in_(session_ids))
                                  .group_by(Observation.session_id)).all())

    # -- what to record -------------------------------------------------------------------
    def targets(self, student_ids: list[str], lesson_id: str | None = None) -> list[Target]:
        """Each student with the objectives of their working plan (see `working_plan`).
        With a lesson, the objectives in the domains its course unit trains come first,
        so the entry opens on what the session was for. A student with no plan gets
        one target without an objective (a note, a duration, a count)."""
        with self.store.reading() as s:
            # A room's session lists others too: the session's rule leaves them out.
            names = dict(s.execute(select(Student.id, Student.full_name)
                                   .where(Student.id.in_(student_ids))).all())
            domains: list[str] = []
            if lesson_id:
                lesson = s.get(Lesson, lesson_id)
                domains = list((lesson.unit_snapshot or {}).get("domains", [])) if lesson else []
            out: list[Target] = []
            for student_id in student_ids:
                if student_id not in names:
                    continue
                objectives = working_objectives(s, student_id)
                # "cognition" serves a unit training "cognition.attention" and the reverse.
                trained = {d.split(".")[0] for d in domains}
                objectives.sort(key=lambda pair: pair[1].domain.split(".")[0] not in trained)
                if not objectives:
                    out.append(Target(student_id, names[student_id], None))
                for objective, goal in objectives:
                    out.append(Target(student_id, names[student_id], objective.id,
                                      objective.condition, objective.behaviour,
                                      objective.criterion, goal.domain))
            return out

    def session_targets(self, session_id: str) -> list[Target]:
        with self.store.reading() as s:
            session = records.fetch(s, TeachingSession, session_id)
            student_ids, lesson_id = list(session.student_ids), session.lesson_id
        return self.targets(student_ids, lesson_id)


def working_plan(s, student_id: str) -> Plan | None:
    """The plan being worked on: the newest in effect, else in review, else a draft."""
    plans = list(s.scalars(select(Plan).where(Plan.student_id == student_id,
                                              Plan.status.in_(WORKING_STATUSES))
                           .order_by(Plan.period_start.desc(), Plan.edition.desc())))
    for status in WORKING_STATUSES:
        for plan in plans:
            if plan.status == status:
                return plan
    return None


def working_objectives(s, student_id: str, plan_id: str | None = None
                       ) -> list[tuple[Objective, PlanGoal]]:
    """The objectives of a plan (the working plan unless named), in plan order."""
    if plan_id is None:
        plan = working_plan(s, student_id)
        plan_id = plan.id if plan else None
    if plan_id is None:
        return []
    return list(s.execute(select(Objective, PlanGoal).join(PlanGoal)
                          .where(PlanGoal.plan_id == plan_id)
                          .order_by(PlanGoal.position, Objective.position)).all())


def _checked(values: dict, today: date) -> dict:
    check = Checker()
    trials = (values.get("trials") or "").replace(" ", "")
    if invalid_codes(trials):
        check.add("trials", QT_TRANSLATE_NOOP(
            "Errors", "\"{codes}\" is not a prompt level. Use I, V, G, M, P, F or N (keys 1 to "
            "6, and 0 for not done)."), codes=invalid_codes(trials))
    elif len(trials) > MAX_TRIALS:
        check.add("trials", QT_TRANSLATE_NOOP(
            "Errors", "Too many trials: at most {limit} in one record."), limit=MAX_TRIALS)
    out = {"objective_id": values.get("objective_id") or None,
           "session_id": values.get("session_id") or None,
           "lesson_id": values.get("lesson_id") or None,
           "observed_on": check.date("observed_on", values.get("observed_on"), required=True,
                                     today=today, not_future=True),
           "trials": clean(trials),
           "duration_seconds": check.duration("duration_seconds",
                                              values.get("duration_seconds")),
           "frequency": check.count("frequency", values.get("frequency"), 10000),
           "rating": check.count("rating", values.get("rating"), 5, lowest=1),
           "note": check.optional_text("note", values.get("note")),
           "observer": check.optional_text("observer", values.get("observer"), 100)}
    check.raise_if_any()
    return out
