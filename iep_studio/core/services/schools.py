"""Schools and the people who sit on students' teams."""
from __future__ import annotations

from sqlalchemy import select

from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import Person, School
from ..store import Store
from .validation import Checker

PERSON_FIELDS = ("full_name", "title", "organisation", "phone", "email")
SCHOOL_FIELDS = ("name", "code", "district", "address", "has_resource_room",
                 "resource_teachers")


class Schools:
    def __init__(self, store: Store):
        self.store = store

    def create_school(self, name: str, code: str = "", district: str = "", address: str = "",
                      is_demo: bool = False) -> School:
        check = Checker()
        name = check.required_text("name", name, 200)
        code = check.optional_text("code", code, 50)
        check.raise_if_any()
        with self.store.session() as s:
            school = School(name=name, code=code, district=(district or "").strip(),
                            address=(address or "").strip(), is_demo=is_demo)
            s.add(school)
            s.flush()
            return school

    def update_school(self, school_id: str, changes: dict) -> School:
        """Change a school's name or what the district records of it: whether it has a
        resource room and how many resource teachers it has (None: not recorded)."""
        unknown = set(changes) - set(SCHOOL_FIELDS)
        if unknown:
            raise ValueError(f"not school fields: {sorted(unknown)}")
        check = Checker()
        values = {}
        for name, limit in (("name", 200), ("code", 50), ("district", 200)):
            if name in changes:
                values[name] = (check.required_text if name == "name" else
                                check.optional_text)(name, changes[name], limit)
        if "address" in changes:
            values["address"] = check.optional_text("address", changes["address"])
        if "has_resource_room" in changes:
            room = changes["has_resource_room"]
            values["has_resource_room"] = None if room in (None, "") else bool(room)
        if "resource_teachers" in changes:
            values["resource_teachers"] = check.count(
                "resource_teachers", changes["resource_teachers"], 200)
        check.raise_if_any()
        with self.store.session() as s:
            school = s.get(School, school_id)
            if school is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This school no longer exists."))
            for name, value in values.items():
                setattr(school, name, value)
            s.flush()
            return school

    def list_schools(self) -> list[School]:
        with self.store.reading() as s:
            return list(s.scalars(select(School).order_by(School.name)))

    def school_name(self, school_id: str | None) -> str:
        """The school's name as documents print it ("" if there is none)."""
        with self.store.reading() as s:
            school = s.get(School, school_id) if school_id else None
            return school.name if school else ""

    def create_person(self, full_name: str, **fields) -> Person:
        values = _person_values({"full_name": full_name, **fields})
        with self.store.session() as s:
            person = Person(**values)
            s.add(person)
            s.flush()
            return person

    def get_person(self, person_id: str) -> Person:
        with self.store.reading() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This person no longer exists."))
            return person

    def name_of(self, person_id: str | None) -> str:
        """A person's name, or "" for nobody or someone no longer here (a line left to
        write a name on, as on paper)."""
        if not person_id:
            return ""
        with self.store.reading() as s:
            person = s.get(Person, person_id)
            return person.full_name if person is not None else ""

    def signed_in_name(self) -> str:
        return signed_in_name(self.store)

    def update_person(self, person_id: str, changes: dict) -> Person:
        with self.store.session() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This person no longer exists."))
            values = _person_values({**{f: getattr(person, f) for f in PERSON_FIELDS}, **changes})
            for name in changes:
                setattr(person, name, values[name])
            s.flush()
            return person

    def list_people(self) -> list[Person]:
        with self.store.reading() as s:
            return list(s.scalars(select(Person).order_by(Person.full_name)))


def _person_values(fields: dict) -> dict:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not person fields: {sorted(unknown)}")
    check = Checker()
    values = {"full_name": check.required_text("full_name", fields.get("full_name"), 100)}
    for name, limit in (("title", 100), ("organisation", 200), ("phone", 50), ("email", 200)):
        values[name] = check.optional_text(name, fields.get(name), limit)
    check.raise_if_any()
    return values


def signed_in_name(store) -> str:
    """The signed-in person's name, as a form's "done by" or "given by" is first filled
    in and a sheet is signed: their name on students' teams, else their account's name;
    "" for the program itself."""
    actor = store.actor
    if actor is None:
        return ""
    if actor.person_id:
        with store.reading() as s:
            person = s.get(Person, actor.person_id)
            if person is not None:
                return person.full_name
    return actor.name or ""
