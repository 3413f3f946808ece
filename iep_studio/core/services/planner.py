"""The resource-room planner: a theme each month, activities each week, sessions each day.

Themes are for the whole room, a group or one student. Activities sit in a week (its
Monday) under a theme and name the course unit or lesson they come from and the students
they are for. Sessions are the sittings on a day, with times and a room; a session made
from an activity takes its lesson and students.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..access.visibility import UNRESTRICTED
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import (
    Lesson, MonthlyTheme, Observation, Student, TeachingSession, WeeklyActivity,
)
from ..school_year import first_of_month, monday_of
from ..store import Store
from ..vocabulary import THEME_SCOPES
from . import records
from .validation import Checker


@dataclass
class Week:
    """What a week holds: the themes of the months it touches, its activities, and its
    sessions by day and time."""

    monday: date
    themes: list[MonthlyTheme]
    activities: list[WeeklyActivity]
    sessions: list[TeachingSession]

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    def on(self, day: date) -> list[TeachingSession]:
        return [x for x in self.sessions if x.day == day]


def for_student(items, student_id: str) -> list:
    return [x for x in items if student_id in (x.student_ids or [])]


class Planner:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    # -- themes ---------------------------------------------------------------------------
    def themes_for_month(self, month: date) -> list[MonthlyTheme]:
        with self.store.reading() as s:
            return list(s.scalars(select(MonthlyTheme)
                                  .where(MonthlyTheme.month == first_of_month(month))
                                  .order_by(MonthlyTheme.scope, MonthlyTheme.created_at)))

    def add_theme(self, month: date | str, title: str, *, scope: str = "room",
                  aims: str = "", group_name: str = "", student_ids=(),
                  id: str | None = None) -> MonthlyTheme:  # noqa: A002
        with self.store.session() as s:
            values = self._theme_values(s, {"month": month, "title": title, "scope": scope,
                                            "aims": aims, "group_name": group_name,
                                            "student_ids": list(student_ids)})
            theme = MonthlyTheme(**values)
            if id:
                theme.id = id
            s.add(theme)
            s.flush()
            return theme

    def update_theme(self, theme_id: str, changes: dict) -> MonthlyTheme:
        with self.store.session() as s:
            theme = records.fetch(s, MonthlyTheme, theme_id)
            current = {k: getattr(theme, k) for k in
                       ("month", "title", "scope", "aims", "group_name", "student_ids")}
            for key, value in self._theme_values(s, {**current, **changes}).items():
                setattr(theme, key, value)
            s.flush()
            return theme

    def remove_theme(self, theme_id: str) -> dict:
        """Activities under it stay in their week, without a theme; undo puts them back
        under it."""
        with self.store.session() as s:
            return records.remove_keeping_links(s, MonthlyTheme, theme_id,
                                                WeeklyActivity.theme_id)

    def restore_theme(self, kept: dict) -> MonthlyTheme:
        with self.store.session() as s:
            return records.restore_with_links(s, MonthlyTheme, kept, WeeklyActivity.theme_id)

    def _theme_values(self, s: Session, values: dict) -> dict:
        check = Checker()
        month = check.date("month", values.get("month"), required=True)
        out = {"month": first_of_month(month) if month else None,
               "title": check.required_text("title", values.get("title"), 200),
               "scope": check.choice("scope", values.get("scope") or "room", THEME_SCOPES,
                                     allow_empty=False),
               "aims": check.optional_text("aims", values.get("aims")),
               "group_name": check.optional_text("group_name", values.get("group_name"), 100),
               "student_ids": _known_students(s, values.get("student_ids"))}
        if out["scope"] == "student" and len(out["student_ids"]) != 1:
            check.add("student_ids", QT_TRANSLATE_NOOP(
                "Errors", "A theme for one student needs exactly one student chosen."))
        if out["scope"] == "group" and not (out["student_ids"] or out["group_name"]):
            check.add("student_ids", QT_TRANSLATE_NOOP(
                "Errors", "Name the group or choose its students."))
        if out["scope"] == "room":
            out["student_ids"], out["group_name"] = [], ""
        check.raise_if_any()
        return out

    # -- a week ---------------------------------------------------------------------------
    def week(self, day: date) -> Week:
        monday = monday_of(day)
        sunday = monday + timedelta(days=6)
        with self.store.reading() as s:
            themes = list(s.scalars(
                select(MonthlyTheme)
                .where(MonthlyTheme.month.in_({first_of_month(monday), first_of_month(sunday)}))
                .order_by(MonthlyTheme.month, MonthlyTheme.scope, MonthlyTheme.created_at)))
            activities = list(s.scalars(
                select(WeeklyActivity).where(WeeklyActivity.week_start == monday)
                .order_by(WeeklyActivity.position, WeeklyActivity.created_at)))
            sessions = list(s.scalars(
                select(TeachingSession)
                .where(TeachingSession.day.between(monday, sunday))
                .order_by(TeachingSession.day, TeachingSession.starts, TeachingSession.room)))
            return Week(monday, themes, activities, sessions)

    def student_week(self, student_id: str, day: date) -> Week:
        """A student's week at a glance: their themes, activities and sessions."""
        week = self.week(day)
        themes = [t for t in week.themes if t.scope == "room" or student_id in t.student_ids]
        return Week(week.monday, themes, for_student(week.activities, student_id),
                    for_student(week.sessions, student_id))

    # -- activities -----------------------------------------------------------------------
    def add_activity(self, week_start: date | str, title: str, *, theme_id: str | None = None,
                     unit_id: str = "", lesson_id: str | None = None, student_ids=(),
                     note: str = "", id: str | None = None) -> WeeklyActivity:  # noqa: A002
        with self.store.session() as s:
            values = self._activity_values(s, {
                "week_start": week_start, "title": title, "theme_id": theme_id,
                "unit_id": unit_id, "lesson_id": lesson_id, "student_ids": list(student_ids),
                "note": note})
            count = len(s.scalars(select(WeeklyActivity.id).where(
                WeeklyActivity.week_start == values["week_start"])).all())
            activity = WeeklyActivity(**values, position=count)
            if id:
                activity.id = id
            s.add(activity)
            s.flush()
            return activity

    def update_activity(self, activity_id: str, changes: dict) -> WeeklyActivity:
        with self.store.session() as s:
            activity = records.fetch(s, WeeklyActivity, activity_id)
            current = {k: getattr(activity, k) for k in ACTIVITY_FIELDS}
            for key, value in self._activity_values(s, {**current, **changes}).items():
                setattr(activity, key, value)
            s.flush()
            return activity

    def remove_activity(self, activity_id: str) -> dict:
        """Sessions made from it stay, without the link; undo links them again."""
        with self.store.session() as s:
            return records.remove_keeping_links(s, WeeklyActivity, activity_id,
                                                TeachingSession.activity_id)

    def restore_activity(self, kept: dict) -> WeeklyActivity:
        with self.store.session() as s:
            return records.restore_with_links(s, WeeklyActivity, kept,
                                              TeachingSession.activity_id)

    def _activity_values(self, s: Session, values: dict) -> dict:
        check = Checker()
        week_start = check.date("week_start", values.get("week_start"), required=True)
        out = {"week_start": monday_of(week_start) if week_start else None,
               "title": check.required_text("title", values.get("title"), 200),
               "theme_id": values.get("theme_id") or None,
               "unit_id": check.optional_text("unit_id", values.get("unit_id"), 64),
               "lesson_id": values.get("lesson_id") or None,
               "student_ids": _known_students(s, values.get("student_ids")),
               "note": check.optional_text("note", values.get("note"))}
        if out["theme_id"] and s.get(MonthlyTheme, out["theme_id"]) is None:
            check.add("theme_id", QT_TRANSLATE_NOOP("Errors", "This theme no longer exists."))
        if out["lesson_id"] and s.get(Lesson, out["lesson_id"]) is None:
            check.add("lesson_id", QT_TRANSLATE_NOOP("Errors", "This lesson no longer exists."))
        check.raise_if_any()
        return out

    # -- sessions -------------------------------------------------------------------------
    def add_session(self, day: date | str, *, starts: str = "", ends: str = "",
                    room: str = "", title: str = "", activity_id: str | None = None,
                    lesson_id: str | None = None, student_ids=None, note: str = "",
                    id: str | None = None) -> TeachingSession:  # noqa: A002
        """A session on a day. Made from an activity, it takes the activity's title,
        lesson and students unless given its own."""
        with self.store.session() as s:
            activity = records.fetch(s, WeeklyActivity, activity_id) if activity_id else None
            if activity is not None:
                title = title or activity.title
                lesson_id = lesson_id or activity.lesson_id
                if student_ids is None:
                    student_ids = list(activity.student_ids)
            values = self._session_values(s, {
                "day": day, "starts": starts, "ends": ends, "room": room, "title": title,
                "activity_id": activity_id, "lesson_id": lesson_id,
                "student_ids": list(student_ids or []), "note": note})
            session = TeachingSession(**values)
            if id:
                session.id = id
            s.add(session)
            s.flush()
            return session

    def get_session(self, session_id: str) -> TeachingSession:
        with self.store.reading() as s:
            return records.fetch(s, TeachingSession, session_id)

    def update_session(self, session_id: str, changes: dict) -> TeachingSession:
        with self.store.session() as s:
            session = records.fetch(s, TeachingSession, session_id)
            current = {k: getattr(session, k) for k in SESSION_FIELDS}
            for key, value in self._session_values(s, {**current, **changes}).items():
                setattr(session, key, value)
            s.flush()
            return session

    def remove_session(self, session_id: str) -> dict:
        """Observations recorded in it stay, without the link; undo links them again."""
        with self.store.session() as s:
            return records.remove_keeping_links(s, TeachingSession, session_id,
                                                Observation.session_id)

    def restore_session(self, kept: dict) -> TeachingSession:
        with self.store.session() as s:
            return records.restore_with_links(s, TeachingSession, kept, Observation.session_id)

    def _session_values(self, s: Session, values: dict) -> dict:
        check = Checker()
        out = {"day": check.date("day", values.get("day"), required=True),
               "starts": check.time_of_day("starts", values.get("starts")),
               "ends": check.time_of_day("ends", values.get("ends")),
               "room": check.optional_text("room", values.get("room"), 100),
               "title": check.required_text("title", values.get("title"), 200),
               "activity_id": values.get("activity_id") or None,
               "lesson_id": values.get("lesson_id") or None,
               "student_ids": _known_students(s, values.get("student_ids")),
               "note": check.optional_text("note", values.get("note"))}
        mistyped = any(p.field in ("starts", "ends") for p in check.problems)
        if out["starts"] and out["ends"] and not mistyped and out["ends"] <= out["starts"]:
            check.add("ends", QT_TRANSLATE_NOOP(
                "Errors", "The session ends ({later}) before it starts ({earlier})."),
                earlier=out["starts"], later=out["ends"])
        check.raise_if_any()
        return out

    # -- copying a week forward -----------------------------------------------------------
    def copy_week(self, source: date | str, target: date | str,
                  reuse: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
        """Copy a week's activities and sessions into another week, on the same weekdays
        and times. An activity keeps its theme when the target week is in the theme's
        month; in another month a room theme gives way to that month's room theme (a
        group's or a student's theme is left for the teacher to choose). Returns
        (kind, id) of what was made, for undo (`remove_copied`); redo passes them back as
        `reuse`, so the copies come back under the same ids."""
        check = Checker()
        source = check.date("source", source, required=True)
        target = check.date("target", target, required=True)
        check.raise_if_any()
        source, target = monday_of(source), monday_of(target)
        if source == target:
            check.add("target", QT_TRANSLATE_NOOP("Errors", "Choose another week to copy into."))
            check.raise_if_any()
        shift = target - source
        made: list[tuple[str, str]] = []
        ids = {kind: iter(row_id for k, row_id in (reuse or []) if k == kind)
               for kind in ("activity", "session")}
        with self.store.session() as s:
            themes = {t.id: t for t in s.scalars(select(MonthlyTheme))}
            room_theme = next((t.id for t in themes.values()
                               if t.scope == "room" and t.month == first_of_month(target)), None)
            new_ids: dict[str, str] = {}
            for activity in s.scalars(select(WeeklyActivity)
                                      .where(WeeklyActivity.week_start == source)
                                      .order_by(WeeklyActivity.position)):
                theme = themes.get(activity.theme_id or "")
                theme_id = (theme.id if theme and theme.month == first_of_month(target)
                            else room_theme if theme and theme.scope == "room" else None)
                copy = WeeklyActivity(**{k: getattr(activity, k) for k in ACTIVITY_FIELDS},
                                      position=activity.position)
                copy.week_start, copy.theme_id = target, theme_id
                copy.student_ids = list(activity.student_ids)
                copy.id = next(ids["activity"], None) or copy.id
                s.add(copy)
                s.flush()
                new_ids[activity.id] = copy.id
                made.append(("activity", copy.id))
            for session in s.scalars(select(TeachingSession).where(
                    TeachingSession.day.between(source, source + timedelta(days=6)))
                    .order_by(TeachingSession.day, TeachingSession.starts,
                              TeachingSession.created_at)):
                copy = TeachingSession(**{k: getattr(session, k) for k in SESSION_FIELDS})
                copy.day = session.day + shift
                copy.activity_id = new_ids.get(session.activity_id or "", session.activity_id)
                copy.student_ids = list(session.student_ids)
                copy.id = next(ids["session"], None) or copy.id
                s.add(copy)
                s.flush()
                made.append(("session", copy.id))
        return made

    def remove_copied(self, made: list[tuple[str, str]]) -> None:
        with self.store.session() as s:
            for kind, row_id in reversed(made):
                row = s.get(TeachingSession if kind == "session" else WeeklyActivity, row_id)
                if row is not None:
                    s.delete(row)


ACTIVITY_FIELDS = ("week_start", "title", "theme_id", "unit_id", "lesson_id", "student_ids",
                   "note")
SESSION_FIELDS = ("day", "starts", "ends", "room", "title", "activity_id", "lesson_id",
                  "student_ids", "note")


def _known_students(s: Session, student_ids) -> list[str]:
    """The ids given, in order, without repeats; an id of no student is refused."""
    ids = list(dict.fromkeys(student_ids or []))
    if ids:
        # A room's session may hold a colleague's students too: whether an id is a
        # student at all is checked past the rule on whose files one sees (on a server,
        # past its row-level security too, by a function of the server's own).
        if s.get_bind().dialect.name == "postgresql":
            known = set(s.scalars(text("SELECT iep_known_students(:ids)"), {"ids": ids}))
        else:
            known = set(s.scalars(select(Student.id).where(Student.id.in_(ids)),
                                  execution_options={UNRESTRICTED: True}))
        if len(known) != len(ids):
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
    return ids
