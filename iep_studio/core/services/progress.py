"""Progress toward each objective: the data series, mastery by the objective's own rule,
and what a caseload needs looked at (newly mastered, stalled, no data)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP
from ..model import Objective, Observation, Plan, PlanGoal
from ..progress import mastery as rules
from ..progress.trials import ORDER
from ..store import Store
from . import records
from .observations import working_objectives, working_plan
from .reminders import caseload_ids, caseload_names
from .validation import Checker

NEWLY_MASTERED_DAYS = 14
CASELOAD_KINDS = ("mastered", "stalled", "no_data")


@dataclass
class ObjectiveProgress:
    objective_id: str
    domain: str
    condition: str
    behaviour: str
    criterion_text: str
    rule: rules.Criterion
    points: list[rules.Point] = field(default_factory=list)
    mastery: rules.Mastery = rules.Mastery(None, 0)
    stalled: bool = False
    last_day: date | None = None  # the last record of any kind (trials, duration, note)
    records: int = 0

    @property
    def criterion(self) -> str:  # objective_sentence reads .criterion
        return self.criterion_text


@dataclass
class StudentProgress:
    plan_id: str | None
    plan_title: str
    objectives: list[ObjectiveProgress]


@dataclass(frozen=True)
class CaseloadItem:
    kind: str  # mastered, stalled or no_data
    student_id: str
    student_name: str
    objective_id: str
    condition: str
    behaviour: str
    criterion: str
    when: date | None  # mastered on; the last record; or since when data were due


class Progress:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def for_student(self, student_id: str, plan_id: str | None = None,
                    stalled_sessions: int = rules.DEFAULT_STALLED_SESSIONS) -> StudentProgress:
        """Every objective of the plan (the working plan unless named) with its series.
        Two queries whatever the number of observations: the file opens fast."""
        with self.store.reading() as s:
            plan = s.get(Plan, plan_id) if plan_id else working_plan(s, student_id)
            if plan is None:
                return StudentProgress(None, "", [])
            pairs = working_objectives(s, student_id, plan.id)
            by_objective = _observations(s, [o for o, _ in pairs])
            title = plan.title
        return StudentProgress(plan.id, title, [
            _progress(objective, goal, by_objective.get(objective.id, []), stalled_sessions)
            for objective, goal in pairs])

    def for_objective(self, objective_id: str) -> ObjectiveProgress:
        with self.store.reading() as s:
            objective = records.fetch(s, Objective, objective_id)
            return _progress(objective, objective.goal,
                             _observations(s, [objective]).get(objective.id, []),
                             rules.DEFAULT_STALLED_SESSIONS)

    def set_rule(self, objective_id: str, percent=None, sessions=None, level: str = "") -> dict:
        """Change an objective's mastery rule; empty values mean the defaults. Allowed in
        any plan status: it says how to read the data, not what the plan promises.
        Returns the rule before, for undo."""
        check = Checker()
        percent = check.count("mastery_percent", percent, 100, lowest=1)
        sessions = check.count("mastery_sessions", sessions, 20, lowest=1)
        level = (level or "").strip().upper()
        if level and level not in ORDER[:-1]:
            check.add("mastery_level", QT_TRANSLATE_NOOP(
                "Errors", "\"{value}\" is not a prompt level. Use I, V, G, M, P or F."),
                value=level)
        check.raise_if_any()
        with self.store.session() as s:
            objective = records.fetch(s, Objective, objective_id)
            before = {"percent": objective.mastery_percent,
                      "sessions": objective.mastery_sessions, "level": objective.mastery_level}
            objective.mastery_percent = None if percent == rules.DEFAULT_PERCENT else percent
            objective.mastery_sessions = None if sessions == rules.DEFAULT_SESSIONS else sessions
            objective.mastery_level = "" if level == "I" else level
            return before

    def caseload(self, person_id: str | None, *,
                 newly_days: int = NEWLY_MASTERED_DAYS,
                 stalled_sessions: int = rules.DEFAULT_STALLED_SESSIONS,
                 no_data_days: int = rules.DEFAULT_NO_DATA_DAYS) -> list[CaseloadItem]:
        """Objectives of the caseload's working plans (in effect, else in review) that need
        a look: mastered in the last `newly_days` days, stalled, or with nothing recorded
        for `no_data_days`."""
        today = self.clock.today()
        with self.store.reading() as s:
            names = caseload_names(s, person_id)
            # Each student's plan being worked on: in effect, else with the team for review
            # (schools often start teaching to the draft agreed at the IEP meeting).
            chosen: dict[str, Plan] = {}
            for plan in s.scalars(select(Plan).where(Plan.student_id.in_(caseload_ids(person_id)),
                                                     Plan.status.in_(("approved", "in_review")))
                                  .order_by(Plan.period_start.desc(), Plan.edition.desc())):
                best = chosen.get(plan.student_id)
                if best is None or (best.status != "approved" and plan.status == "approved"):
                    chosen[plan.student_id] = plan
            plans = list(chosen.values())
            pairs = list(s.execute(select(Objective, PlanGoal).join(PlanGoal)
                                   .where(PlanGoal.plan_id.in_([p.id for p in plans]))
                                   .options(selectinload(Objective.reviews))
                                   .order_by(PlanGoal.position, Objective.position)).all())
            by_objective = _observations(s, [o for o, _ in pairs])
        plan_of = {p.id: p for p in plans}
        out: list[CaseloadItem] = []
        for objective, goal in pairs:
            plan = plan_of[goal.plan_id]
            if objective.reviews and objective.reviews[-1].code in ("P", "D"):
                continue  # passed or dropped at a review: nothing more to watch
            progress = _progress(objective, goal, by_objective.get(objective.id, []),
                                 stalled_sessions)
            # Data are due from when the objective started and the plan took effect.
            starts = [d for d in (objective.start_date, plan.period_start,
                                  _local_day(plan.approved_at)) if d]
            since = max(starts) if starts else None

            def item(kind, when, objective=objective, plan=plan):
                out.append(CaseloadItem(kind, plan.student_id, names[plan.student_id],
                                        objective.id, objective.condition,
                                        objective.behaviour, objective.criterion, when))

            mastered_on = progress.mastery.mastered_on
            if mastered_on and mastered_on >= today - timedelta(days=newly_days):
                item("mastered", mastered_on)
            elif not mastered_on and progress.stalled:
                item("stalled", progress.points[-1].day)
            if (not mastered_on and since and since <= today
                    and rules.no_data(progress.last_day, since, today, no_data_days)):
                item("no_data", progress.last_day or since)  # since when data were due
        rank = {k: i for i, k in enumerate(CASELOAD_KINDS)}
        return sorted(out, key=lambda i: (rank[i.kind], i.student_name,
                                          -(i.when or date.min).toordinal()))


def _local_day(moment) -> date | None:
    if moment is None:
        return None
    # SQLite hands back naive datetimes for timezone columns; they were written in UTC.
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone().date()


def _observations(s, objectives: list[Objective]) -> dict[str, list[tuple[date, str]]]:
    """(day, trials) per objective, counting what was recorded against the editions it
    amends: amending a plan must not wipe the child's record."""
    earlier = earlier_editions(s, [o.id for o in objectives])
    owner = {}
    for objective in objectives:
        edition = objective.id
        while edition is not None:
            owner[edition] = objective.id
            edition = earlier.get(edition)
    out: dict[str, list[tuple[date, str]]] = {}
    for objective_id, day, trials in s.execute(
            select(Observation.objective_id, Observation.observed_on, Observation.trials)
            .where(Observation.objective_id.in_(owner))):
        out.setdefault(owner[objective_id], []).append((day, trials))
    return out


def earlier_editions(s, objective_ids) -> dict[str, str]:
    """{objective: the objective it amends} along the whole chain back from each of
    `objective_ids` (an amendment copies objectives under new ids; they stay the same
    objective). One query per amendment, and a plan is amended a few times at most."""
    earlier: dict[str, str] = {}
    frontier = set(objective_ids)
    while frontier:
        rows = s.execute(select(Objective.id, Objective.amends_objective_id)
                         .where(Objective.id.in_(frontier),
                                Objective.amends_objective_id.is_not(None))).all()
        earlier.update({row.id: row.amends_objective_id for row in rows})
        frontier = {row.amends_objective_id for row in rows} - set(earlier)
    return earlier


def _progress(objective: Objective, goal: PlanGoal, rows: list[tuple[date, str]],
              stalled_sessions: int) -> ObjectiveProgress:
    rule = rules.Criterion.of(objective)
    series = rules.points(rows, rule.level)
    return ObjectiveProgress(
        objective.id, goal.domain, objective.condition, objective.behaviour,
        objective.criterion, rule, series, rules.mastery(series, rule),
        rules.stalled(series, stalled_sessions),
        max((day for day, _ in rows), default=None), len(rows))
