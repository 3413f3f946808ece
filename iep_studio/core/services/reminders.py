"""What needs the user's attention across their caseload: the home view's list."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select

from ..clock import Clock
from ..model import (
    Objective, Plan, PlanGoal, PlanService, PlanSignature, PresentLevel, Student, TeamMembership,
)
from ..store import Store
from .guidance import due_follow_ups

DUE_SOON_DAYS = 14
UNTOUCHED_DAYS = 14

# In the order the home view lists them: the most pressing first.
KINDS = ("overdue", "awaiting_signature", "review_due", "guidance_follow_up", "untouched_draft",
         "no_plan")


@dataclass(frozen=True)
class Reminder:
    kind: str
    student_id: str
    student_name: str
    plan_id: str = ""
    plan_title: str = ""
    when: date | None = None  # the review date, the end of the period, or the last edit


def caseload_names(s, person_id: str | None) -> dict[str, str]:
    """{id: name} of the active students whose team `person_id` is on (every active
    student when no one is named, as on a personal machine with no team set up yet),
    among those the signed-in person may see (the session's rule, core/access)."""
    return dict(s.execute(caseload_ids(person_id, Student.full_name)).all())


def caseload_ids(person_id: str | None, *columns):
    """The caseload of `caseload_names` as a query of the students' ids (and `columns`):
    a subquery for records of the caseload, so the database picks them, not thousands of
    ids sent back to it."""
    students = select(Student.id, *columns).where(
        Student.archived.is_(False), Student.status == "active")
    if person_id:
        students = students.where(Student.id.in_(select(TeamMembership.student_id).where(
            TeamMembership.person_id == person_id)))
    return students


class Reminders:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def for_caseload(self, person_id: str | None) -> list[Reminder]:
        """For the students whose team `person_id` is on (every active student when no one
        is named, as on a personal machine with no team set up yet)."""
        today = self.clock.today()
        with self.store.reading() as s:
            names = caseload_names(s, person_id)
            plans = list(s.scalars(select(Plan).where(
                Plan.student_id.in_(caseload_ids(person_id)))))
            signed = set(s.execute(select(PlanSignature.plan_id, PlanSignature.edition).where(
                PlanSignature.person_id == person_id)).all()) if person_id else set()
            member_of = set(s.scalars(select(TeamMembership.student_id).where(
                TeamMembership.person_id == person_id))) if person_id else set()
            last_edit = self._last_edits(s, [p.id for p in plans if p.status == "draft"])
            # What the district's guidance asked to be done by now (services/guidance.py).
            follow_ups = due_follow_ups(s, today, caseload_ids(person_id))
        out: list[Reminder] = []
        for plan in plans:
            name = names[plan.student_id]

            def remind(kind, when, plan=plan, name=name):
                out.append(Reminder(kind, plan.student_id, name, plan.id, plan.title, when))

            if plan.status == "approved":
                due = plan.review_due
                if (due and due < today) or (plan.period_end and plan.period_end < today):
                    remind("overdue", due if due and due < today else plan.period_end)
                elif due and due <= today + timedelta(days=DUE_SOON_DAYS):
                    remind("review_due", due)
            if (plan.status in ("in_review", "approved") and plan.student_id in member_of
                    and (plan.id, plan.edition) not in signed):
                remind("awaiting_signature", None)
            if plan.status == "draft":
                edited = last_edit.get(plan.id, plan.updated_at)
                if _day(edited) <= today - timedelta(days=UNTOUCHED_DAYS):
                    remind("untouched_draft", _day(edited))
        with_plan = {p.student_id for p in plans if p.status in ("draft", "in_review",
                                                                 "approved")}
        out += [Reminder("no_plan", sid, name) for sid, name in names.items()
                if sid not in with_plan]
        out += [Reminder("guidance_follow_up", due.student_id, due.student_name,
                         when=due.follow_up_by) for due in follow_ups]
        rank = {k: i for i, k in enumerate(KINDS)}
        return sorted(out, key=lambda r: (rank[r.kind], r.when or date.max, r.student_name))

    @staticmethod
    def _last_edits(s, plan_ids: list[str]) -> dict[str, datetime]:
        """A draft's last edit is the latest change to it or to any goal or objective."""
        if not plan_ids:
            return {}
        latest: dict[str, datetime] = {}
        queries = (
            select(Plan.id, Plan.updated_at).where(Plan.id.in_(plan_ids)),
            select(PlanGoal.plan_id, func.max(PlanGoal.updated_at))
            .where(PlanGoal.plan_id.in_(plan_ids)).group_by(PlanGoal.plan_id),
            select(PlanGoal.plan_id, func.max(Objective.updated_at)).join(Objective)
            .where(PlanGoal.plan_id.in_(plan_ids)).group_by(PlanGoal.plan_id),
            *(select(part.plan_id, func.max(part.updated_at)).where(part.plan_id.in_(plan_ids))
              .group_by(part.plan_id) for part in (PresentLevel, PlanService)),
        )
        for query in queries:
            for plan_id, when in s.execute(query).all():
                if when is not None and (plan_id not in latest or _aware(when) > latest[plan_id]):
                    latest[plan_id] = _aware(when)
        return latest


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone columns; they were written in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _day(moment: datetime) -> date:
    return _aware(moment).astimezone().date()
