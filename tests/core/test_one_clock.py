"""One clock for every service (core/clock.py): the day or the moment is set once, on
services.clock, and every service, the services of whoever signs in, and the audit log go
by it."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from iep_studio.core.access import Actor
from iep_studio.core.clock import Clock
from iep_studio.core.model import AuditEntry
from iep_studio.core.services import Services
from iep_studio.core.services.sign_in import working_as


def stamps_of(services, record_id: str) -> list[datetime]:
    with services.store.reading() as s:
        found = s.scalars(select(AuditEntry.at).where(AuditEntry.record_id == record_id))
        # SQLite hands back naive datetimes for timezone columns; they were written in UTC.
        return [at if at.tzinfo else at.replace(tzinfo=timezone.utc) for at in found]


def test_one_change_of_the_clock_is_seen_by_every_service_and_the_audit_log(
        services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    plan = services.review.approve(complete_plan.id, team.principal)
    objective = plan.goals[0].objectives[0].id
    services.observations.log(team.student.id, objective, "III")  # today, 2026-11-22

    def reminders():
        return {r.kind for r in services.reminders.for_caseload(team.teacher)}

    def without_data():
        return {i.objective_id for i in services.progress.caseload(None) if i.kind == "no_data"}

    assert "overdue" not in reminders()  # the review is due on 2026-12-20
    assert objective not in without_data()

    # A month on, set once (noon in UTC: the same day from Honolulu to Auckland).
    later = datetime(2026, 12, 22, 12, tzinfo=timezone.utc)
    services.clock.day, services.clock.moment = None, later

    assert services.today() == date(2026, 12, 22)
    assert "overdue" in reminders()  # the review date has passed
    assert objective in without_data()  # nothing recorded for a month
    logged = services.observations.log(team.student.id, objective, "IIV")
    assert logged.observed_on == date(2026, 12, 22)  # a record without a date is today's
    closed = services.review.close(plan.id, team.teacher)
    assert closed.closed_at == later  # the team review's stamp
    assert stamps_of(services, logged.id) == [later]  # the audit log's stamp
    # Services made for someone signing in, or on the same store, keep the same clock.
    colleague = working_as(services, Actor(None, "刘老师"))
    assert colleague.today() == Services(services.store).today() == date(2026, 12, 22)
    visit = colleague.home_visits.add(team.student.id, {"minutes": 30, "visitors": "刘老师",
                                                        "activities": "练习问好"})
    assert visit.visited_on == date(2026, 12, 22)
    assert stamps_of(services, visit.id) == [later]


def test_the_clock_is_the_real_time_unless_set():
    before = datetime.now(timezone.utc)
    clock = Clock()
    assert before <= clock.now() <= datetime.now(timezone.utc)
    assert clock.now().tzinfo is not None and clock.today() == date.today()
    clock.moment = datetime(2027, 3, 1, 12, tzinfo=timezone.utc)
    assert clock.today() == date(2027, 3, 1)  # a moment set without a day sets the day too
    clock.day = lambda: date(2027, 2, 28)  # a day of its own: what counts as today
    assert (clock.today(), clock.now()) == (date(2027, 2, 28), clock.moment)
