"""Creating, editing, archiving and restoring student files (one transaction each)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ..access.visibility import check_visible
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, EditConflict, NotFound
from ..model import Guardian, PlacementPeriod, School, Student, StudentCategory, TeamMembership
from ..model.base import utcnow
from ..model.school import Person
from ..pinyin import latin_key
from ..store import Store
from ..vocabulary import CATEGORIES, DEGREES, PLACEMENTS, RELATIONSHIPS, SEXES, STATUSES, TEAM_ROLES
from .observations import working_plan
from .validation import Checker

# Profile fields a teacher edits one at a time (the window saves each as it changes).
TEXT_LIMITS = {
    "full_name": 100, "student_number": 50, "grade": 50, "class_name": 50,
    "certificate_no": 50, "home_language": 100, "diagnosis": None, "health_notes": None,
    "medication": None, "strengths": None, "interests": None, "needs": None,
    "family_needs": None,
}
PROFILE_FIELDS = (*TEXT_LIMITS, "sex", "birth_date", "enrolled_on", "status", "school_id")

FILE_PARTS = (
    selectinload(Student.categories), selectinload(Student.placements),
    selectinload(Student.guardians), selectinload(Student.team),
)


class StudentFiles:
    """Operations on student files. The day is the services' clock's, which tests fix."""

    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    # -- reading --------------------------------------------------------------------------
    def get(self, student_id: str) -> Student:
        """The whole file, loaded and detached: safe to read after the session ends."""
        with self.store.reading() as s:
            return self._load(s, student_id)

    def _load(self, s: Session, student_id: str) -> Student:
        student = s.scalars(
            select(Student).where(Student.id == student_id).options(*FILE_PARTS)
        ).one_or_none()
        if student is None:
            check_visible(self.store, s, student_id)  # hidden from this person, or gone
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "This student file no longer exists. It may have been removed "
                "in another window."))
        return student

    def any(self) -> bool:
        """Whether there is any student file here (that the person may see)."""
        with self.store.reading() as s:
            return s.scalar(select(Student.id).limit(1)) is not None

    def names(self, student_ids: list[str]) -> dict[str, str]:
        """The names of those of these students the reader may see (on a shared server,
        their team's): the others are left out, as the planner's grid leaves them out."""
        # The session's own rule (core/access/visibility.py) leaves out the others.
        with self.store.reading() as s:
            return dict(s.execute(select(Student.id, Student.full_name)
                                  .where(Student.id.in_(student_ids))).all())

    def working_plan_id(self, student_id: str) -> str | None:
        """The plan being worked on (see `working_plan`), None if the student has none."""
        with self.store.reading() as s:
            plan = working_plan(s, student_id)
            return plan.id if plan else None

    # -- profile --------------------------------------------------------------------------
    def create(self, school_id: str | None, full_name: str, *, categories=(),
               placement: str = "", placement_start: date | str | None = None,
               placement_note: str = "", new_school: str = "", **fields) -> Student:
        """A new file. `categories` is a list of (category, degree) pairs. `new_school`
        (a name) makes the school in the same transaction, so a refused form leaves no
        stray school behind."""
        with self.store.session() as s:
            if (new_school or "").strip():
                school = School(name=new_school.strip()[:200])
                s.add(school)
                s.flush()
                school_id = school.id
            student = self.add_in(s, school_id, full_name, categories=categories,
                                  placement=placement, placement_start=placement_start,
                                  placement_note=placement_note, **fields)
            return self._load(s, student.id)

    def add_in(self, s: Session, school_id: str | None, full_name: str, *, categories=(),
               placement: str = "", placement_start: date | str | None = None,
               placement_note: str = "", **fields) -> Student:
        """`create` within a transaction of the caller's: an import adds many files in one,
        so a refused file leaves none of the others half made. Checked as `create` checks."""
        values = self._checked(s, {"school_id": school_id, "full_name": full_name, **fields},
                               student_id=None, extra=(categories, placement))
        student = Student(**values, name_latin=_latin_key(values["full_name"]))
        student.status = student.status or "active"
        student.categories = [
            StudentCategory(category=c, degree=d or "", position=i)
            for i, (c, d) in enumerate(categories)
        ]
        if placement:
            start = placement_start or student.enrolled_on or self.clock.today()
            if isinstance(start, str):
                start = date.fromisoformat(start)
            student.placements = [PlacementPeriod(placement=placement, start_date=start,
                                                  note=(placement_note or "").strip())]
        s.add(student)
        actor = self.store.actor
        if actor is not None and actor.person_id:
            # Whoever opens a file is on its team as its resource teacher: on a server
            # it stays in their list, and everywhere they are "me" on its plans.
            student.team = [TeamMembership(person_id=actor.person_id,
                                           role="resource_teacher", since=self.clock.today())]
        s.flush()
        return student

    def check_new(self, s: Session, school_id: str | None, full_name: str, *, categories=(),
                  placement: str = "", numbers_taken: dict | None = None, **fields) -> dict:
        """The values `add_in` would save, or InvalidInput with every problem: an import
        shows each row's problems before anything is saved. `numbers_taken`, {(school id,
        student number): the name of the child who has it}, is read once for a whole list
        by the import rather than asked of the database row by row."""
        return self._checked(s, {"school_id": school_id, "full_name": full_name, **fields},
                             student_id=None, extra=(categories, placement),
                             taken=numbers_taken)

    def update(self, student_id: str, changes: dict, expected_version: int | None = None) -> Student:
        """Change some profile fields. With `expected_version`, a save made from an older
        copy is refused (EditConflict) rather than overwriting someone else's change."""
        unknown = set(changes) - set(PROFILE_FIELDS)
        if unknown:
            raise ValueError(f"not profile fields: {sorted(unknown)}")
        with self.store.session() as s:
            student = self._load(s, student_id)
            if expected_version is not None and student.version != expected_version:
                raise _conflict()
            current = {f: getattr(student, f) for f in PROFILE_FIELDS}
            values = self._checked(s, {**current, **changes}, student_id=student_id)
            for name in changes:
                setattr(student, name, values[name])
            if "full_name" in changes:
                student.name_latin = _latin_key(student.full_name)
            try:
                s.flush()
            except StaleDataError as exc:
                raise _conflict() from exc
            return student

    def archive(self, student_id: str) -> Student:
        return self._set_archived(student_id, True)

    def restore(self, student_id: str) -> Student:
        return self._set_archived(student_id, False)

    def _set_archived(self, student_id: str, archived: bool) -> Student:
        with self.store.session() as s:
            student = self._load(s, student_id)
            student.archived = archived
            s.flush()
            return student

    def _checked(self, s: Session, values: dict, student_id: str | None, extra=None,
                 taken: dict | None = None) -> dict:
        check = Checker()
        out = {}
        for name, limit in TEXT_LIMITS.items():
            if name == "full_name":
                out[name] = check.required_text(name, values.get(name), limit)
            elif name in values:
                out[name] = check.optional_text(name, values.get(name), limit)
        number = out.get("student_number") or None
        out["student_number"] = number
        out["sex"] = check.choice("sex", values.get("sex"), SEXES)
        out["status"] = check.choice("status", values.get("status") or "active", STATUSES)
        today = self.clock.today()
        out["birth_date"] = check.date("birth_date", values.get("birth_date"), today=today,
                                       not_future=True)
        out["enrolled_on"] = check.date("enrolled_on", values.get("enrolled_on"), today=today)
        check.order("birth_date", out["birth_date"], "enrolled_on", out["enrolled_on"],
                    QT_TRANSLATE_NOOP("Errors", "Enrolment ({later}) is before the birth date "
                                      "({earlier}). Check both dates."))
        school_id = values.get("school_id")
        if not school_id or s.get(School, school_id) is None:
            check.add("school_id", QT_TRANSLATE_NOOP("Errors", "Choose the student's school."))
        elif number:
            if taken is not None:
                holder = taken.get((school_id, number))
            else:
                clash = s.scalars(select(Student).where(
                    Student.school_id == school_id, Student.student_number == number,
                    Student.id != (student_id or ""))).first()
                holder = clash.full_name if clash is not None else None
            if holder is not None:
                check.add("student_number", QT_TRANSLATE_NOOP(
                    "Errors", "Student number {number} is already used by {name} in this "
                    "school. Check the number."), number=number, name=holder)
        out["school_id"] = school_id
        if extra is not None:
            categories, placement = extra
            self._check_categories(check, categories)
            check.choice("placement", placement, PLACEMENTS)
        check.raise_if_any()
        return out

    @staticmethod
    def _check_categories(check: Checker, categories) -> None:
        seen = set()
        for category, degree in categories:
            check.choice("categories", category, CATEGORIES, allow_empty=False)
            check.choice("categories", degree, DEGREES)
            if category in seen:
                check.add("categories", QT_TRANSLATE_NOOP(
                    "Errors", "The category {category} is listed twice."), category=category)
            seen.add(category)

    # -- categories and placement ---------------------------------------------------------
    def set_categories(self, student_id: str, categories: list[tuple[str, str]]) -> Student:
        check = Checker()
        self._check_categories(check, categories)
        check.raise_if_any()
        with self.store.session() as s:
            student = self._load(s, student_id)
            student.categories = [
                StudentCategory(category=c, degree=d or "", position=i)
                for i, (c, d) in enumerate(categories)
            ]
            student.updated_at = utcnow()  # bumps the version: others editing must reload
            s.flush()
            return student

    def change_placement(self, student_id: str, placement: str, start: date | str,
                         note: str = "") -> Student:
        """Close the current placement the day before `start` and open the new one, so the
        history shows every placement the child has had."""
        check = Checker()
        check.choice("placement", placement, PLACEMENTS, allow_empty=False)
        start = check.date("start_date", start, required=True)
        check.raise_if_any()
        with self.store.session() as s:
            student = self._load(s, student_id)
            current = [p for p in student.placements if p.end_date is None]
            for period in current:
                if start <= period.start_date:
                    bad = Checker()
                    bad.add("start_date", QT_TRANSLATE_NOOP(
                        "Errors", "The new placement must start after the current one "
                        "({earlier})."), earlier=period.start_date.isoformat())
                    bad.raise_if_any()
                period.end_date = start - timedelta(days=1)
            student.placements.append(
                PlacementPeriod(placement=placement, start_date=start, note=note.strip()))
            student.updated_at = utcnow()
            s.flush()
            return self._load(s, student_id)

    def remove_placement(self, student_id: str, period_id: str, reopen: str | None = None) -> Student:
        """Take back a placement entered by mistake (undo), reopening the one it closed."""
        with self.store.session() as s:
            student = self._load(s, student_id)
            student.placements = [p for p in student.placements if p.id != period_id]
            for period in student.placements:
                if period.id == reopen:
                    period.end_date = None
            student.updated_at = utcnow()
            s.flush()
            return student

    def end_placement(self, student_id: str, end: date | str) -> Student:
        """Close the current placement (the student left: transferred or graduated)."""
        check = Checker()
        end = check.date("end_date", end, required=True)
        check.raise_if_any()
        with self.store.session() as s:
            student = self._load(s, student_id)
            for period in student.placements:
                if period.end_date is None:
                    check.order("start_date", period.start_date, "end_date", end,
                                QT_TRANSLATE_NOOP("Errors", "The placement cannot end "
                                                  "({later}) before it starts ({earlier})."))
                    check.raise_if_any()
                    period.end_date = end
            student.updated_at = utcnow()
            s.flush()
            return student

    # -- guardians ------------------------------------------------------------------------
    def add_guardian(self, student_id: str, id: str | None = None, **fields) -> Guardian:  # noqa: A002
        """Add a guardian; `id` brings back one that was removed (undo), under its own id,
        so later undo steps that name it still find it."""
        with self.store.session() as s:
            student = self._load(s, student_id)
            guardian = Guardian(**self._guardian_values(fields),
                                position=len(student.guardians))
            if id:
                guardian.id = id
            student.guardians.append(guardian)
            s.flush()
            return guardian

    def update_guardian(self, guardian_id: str, changes: dict) -> Guardian:
        with self.store.session() as s:
            guardian = s.get(Guardian, guardian_id)
            if guardian is None:
                raise _gone()
            current = {k: getattr(guardian, k) for k in GUARDIAN_FIELDS}
            values = self._guardian_values({**current, **changes})
            for name in changes:
                setattr(guardian, name, values[name])
            s.flush()
            return guardian

    def remove_guardian(self, guardian_id: str) -> dict:
        """Remove and return the values, so an undo can add the guardian back."""
        with self.store.session() as s:
            guardian = s.get(Guardian, guardian_id)
            if guardian is None:
                raise _gone()
            values = {k: getattr(guardian, k) for k in GUARDIAN_FIELDS}
            values["id"] = guardian.id
            s.delete(guardian)
            return values

    @staticmethod
    def _guardian_values(fields: dict) -> dict:
        unknown = set(fields) - set(GUARDIAN_FIELDS)
        if unknown:
            raise ValueError(f"not guardian fields: {sorted(unknown)}")
        check = Checker()
        values = {
            "name": check.required_text("name", fields.get("name"), 100),
            "relationship_": check.choice("relationship_", fields.get("relationship_"),
                                          RELATIONSHIPS),
            "phone": check.optional_text("phone", fields.get("phone"), 50),
            "workplace": check.optional_text("workplace", fields.get("workplace"), 200),
            "primary_contact": bool(fields.get("primary_contact")),
            "note": check.optional_text("note", fields.get("note")),
        }
        check.raise_if_any()
        return values

    # -- team -----------------------------------------------------------------------------
    def add_team_member(self, student_id: str, person_id: str | None, role: str,
                        since: date | str | None = None, note: str = "", *,
                        new_person: str = "", new_person_title: str = "",
                        new_person_phone: str = "",
                        id: str | None = None) -> TeamMembership:  # noqa: A002
        """Put someone on the team: a known person, or `new_person` (a name) who is
        created in the same transaction, so a refused form leaves no stray person.
        `id` brings back a membership that was removed (undo)."""
        check = Checker()
        role = check.choice("role", role, TEAM_ROLES, allow_empty=False)
        since = check.date("since", since)
        new_person = (new_person or "").strip()
        with self.store.session() as s:
            if not new_person and s.get(Person, person_id or "") is None:
                check.add("person_id", QT_TRANSLATE_NOOP("Errors", "Choose a person."))
            check.raise_if_any()
            if new_person:
                person = Person(full_name=new_person[:100],
                                title=(new_person_title or "").strip()[:PERSON_LIMITS["title"]],
                                phone=(new_person_phone or "").strip()[:PERSON_LIMITS["phone"]])
                s.add(person)
                s.flush()
                person_id = person.id
            student = self._load(s, student_id)
            if any(m.person_id == person_id and m.role == role for m in student.team):
                bad = Checker()
                bad.add("person_id", QT_TRANSLATE_NOOP(
                    "Errors", "This person already has this role on the team."))
                bad.raise_if_any()
            member = TeamMembership(person_id=person_id, role=role, since=since,
                                    note=(note or "").strip())
            if id:
                member.id = id
            student.team.append(member)
            s.flush()
            return member

    def update_team_member(self, membership_id: str, changes: dict) -> dict:
        """Change a member's role or start on this team, and the person's title or phone
        (kept on the person: the same therapist on several teams has one phone). Returns
        the values as they were, which the same call puts back (undo)."""
        unknown = set(changes) - {"role", "since", "title", "phone"}
        if unknown:
            raise ValueError(f"not team member fields: {sorted(unknown)}")
        check = Checker()
        if "role" in changes:
            changes["role"] = check.choice("role", changes["role"], TEAM_ROLES,
                                           allow_empty=False)
        if "since" in changes:
            changes["since"] = check.date("since", changes["since"])
        check.raise_if_any()
        with self.store.session() as s:
            member = s.get(TeamMembership, membership_id)
            if member is None:
                raise _gone()
            person = s.get(Person, member.person_id)
            before = {"role": member.role, "since": member.since, "title": person.title,
                      "phone": person.phone}
            role = changes.get("role", member.role)
            if role != member.role and any(m.person_id == member.person_id and m.role == role
                                           for m in member.student.team):
                bad = Checker()
                bad.add("role", QT_TRANSLATE_NOOP(
                    "Errors", "This person already has this role on the team."))
                bad.raise_if_any()
            member.role, member.since = role, changes.get("since", member.since)
            for name in ("title", "phone"):
                if name in changes:
                    setattr(person, name, (changes[name] or "").strip()[:PERSON_LIMITS[name]])
            s.flush()
            return before

    def remove_team_member(self, membership_id: str) -> dict:
        with self.store.session() as s:
            member = s.get(TeamMembership, membership_id)
            if member is None:
                raise _gone()
            values = {"person_id": member.person_id, "role": member.role,
                      "since": member.since, "note": member.note, "id": member.id}
            s.delete(member)
            return values


PERSON_LIMITS = {"title": 100, "phone": 50}  # the columns' lengths
GUARDIAN_FIELDS = ("name", "relationship_", "phone", "workplace", "primary_contact", "note")


def _latin_key(full_name: str) -> str:
    """The pinyin search key, cut to its column: PostgreSQL refuses a longer value (SQLite
    would keep it), and a name of 100 characters has a far longer key."""
    return latin_key(full_name)[:Student.__table__.c.name_latin.type.length]


def _conflict() -> EditConflict:
    return EditConflict(QT_TRANSLATE_NOOP(
        "Errors", "Someone else changed this file while you were editing it. Your "
        "text is kept; reload the file to see their change, then apply yours "
        "again."))


def _gone() -> NotFound:
    return NotFound(QT_TRANSLATE_NOOP(
        "Errors", "This entry no longer exists. It may have been removed in another window."))
