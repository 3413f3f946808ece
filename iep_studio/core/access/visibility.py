"""Whose files the signed-in person sees: on a shared server, only those of students whose
team they are on (administrators see all); on a personal machine, every file in it."""
from __future__ import annotations

from sqlalchemy import false, select

from ..model import Student, TeamMembership
from .rules import refuse_student


def visible_students(store):
    """A condition on Student for the list and searches, or None when all are visible."""
    actor = store.actor
    if actor is None or actor.sees_everyone or not store.restricted_to_team:
        return None
    if not actor.person_id:
        return false()
    return Student.id.in_(select(TeamMembership.student_id).where(
        TeamMembership.person_id == actor.person_id))


def check_visible(store, session, student_id: str) -> None:
    """Refuse to open a file the person may not see (a link or a search elsewhere)."""
    condition = visible_students(store)
    if condition is not None and session.scalar(
            select(Student.id).where(Student.id == student_id, condition)) is None:
        raise refuse_student()
