"""The demo school: made-up students, written as a teacher would, so a newcomer sees a
living app. The school is marked as a demo and its name says so."""
from __future__ import annotations

from datetime import date

import yaml
from sqlalchemy import func, select

from .access.rules import ADMINISTRATOR, PermissionDenied
from .clock import Clock
from .errors import QT_TRANSLATE_NOOP
from .model import Person, School, Student
from .paths import resource_dir
from .services import Services


def demo_file():
    return resource_dir() / "demo" / "demo_school.yaml"


def _demo_data() -> dict:
    return yaml.safe_load(demo_file().read_text(encoding="utf-8"))


def _demo_school(services: Services) -> School | None:
    with services.store.session() as s:
        return s.scalar(select(School).where(School.is_demo.is_(True)))


def has_demo(services: Services) -> bool:
    """The demo school is there with all its students (an interrupted creation is not)."""
    school = _demo_school(services)
    if school is None:
        return False
    with services.store.session() as s:
        count = s.scalar(select(func.count()).select_from(Student).where(
            Student.school_id == school.id))
    return count >= len(_demo_data()["students"])


def create_demo_school(services: Services, progress=lambda done, total: None) -> School:
    """Create the demo school from the shipped YAML, or finish one whose creation was
    interrupted (students already there are left as they are); returns it."""
    store = services.store
    if not store.is_sqlite or (store.actor is not None and store.actor.role != ADMINISTRATOR):
        # Made-up children never go into a shared server's real records; on a personal
        # copy only its administrator (the teacher who set it up) adds a school.
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "Errors", "The demo school is only for a personal copy, made by its "
            "administrator. Nothing was added."))
    # The demo's made-up team approves and signs its plans in their own names: it is
    # written by the program, not by the account signed in. Its clock follows the
    # window's, but is its own: the demo turns it back to the days its reviews were held
    # (demo_plans.py) while the window goes on in the present.
    clock = Clock(day=services.clock.today, moment=services.clock.now)
    program = Services(store.acting_as(None), drafts=services.drafts, clock=clock)
    return _create_demo_school(program, progress)


def _create_demo_school(services: Services, progress) -> School:
    data = _demo_data()
    info = data["school"]
    school = _demo_school(services) or services.schools.create_school(
        info["name"], code=info.get("code", ""), district=info.get("district", ""),
        address=info.get("address", ""), is_demo=True)
    with services.store.session() as s:
        known = {p.full_name: p for p in s.scalars(select(Person))}
        present = set(s.scalars(select(Student.student_number).where(
            Student.school_id == school.id)))
    people = {}
    for p in data.get("people", []):
        people[p["key"]] = known.get(p["full_name"]) or services.schools.create_person(
            p["full_name"], title=p.get("title", ""), organisation=p.get("organisation", ""),
            phone=str(p.get("phone", "")))
    students = data["students"]
    for done, record in enumerate(students, start=1):
        if str(record.get("student_number")) not in present:
            _create_student(services, school.id, people, record)
        progress(done, len(students))
    from .demo_rhythm import create_rhythm

    create_rhythm(services)
    return school


def _create_student(services: Services, school_id: str, people: dict, r: dict) -> None:
    placements = r.get("placements", [])
    first = placements[0] if placements else {}
    student = services.students.create(
        school_id, r["full_name"],
        categories=[(c["category"], c.get("degree", "")) for c in
                    sorted(r.get("categories", []), key=lambda c: not c.get("primary"))],
        placement=first.get("placement", ""), placement_start=first.get("start"),
        placement_note=_text(first.get("note")),
        **{k: _text(r.get(k)) for k in (
            "student_number", "sex", "grade", "class_name", "status", "certificate_no",
            "diagnosis", "health_notes", "medication", "strengths", "interests", "needs",
            "home_language", "family_needs")},
        birth_date=r.get("birth_date"), enrolled_on=r.get("enrolled_on"),
    )
    for later in placements[1:]:
        services.students.change_placement(student.id, later["placement"], later["start"],
                                           later.get("note", ""))
    # A closed last placement (a graduate or a transfer) keeps its end date.
    if placements and placements[-1].get("end"):
        services.students.end_placement(student.id, placements[-1]["end"])
    for g in r.get("guardians", []):
        services.students.add_guardian(
            student.id, name=g["name"], relationship_=g.get("relationship", ""),
            phone=_text(g.get("phone")), workplace=_text(g.get("workplace")),
            primary_contact=bool(g.get("primary_contact")), note=_text(g.get("note")))
    for m in r.get("team", []):
        services.students.add_team_member(student.id, people[m["person"]].id, m["role"],
                                           since=m.get("since"))
    for step in r.get("intake", []):
        services.intake.record(student.id, step["step"], step["done_on"],
                               done_by=_text(step.get("done_by")), note=_text(step.get("note")))
    for note in r.get("guidance", []):
        services.guidance.add(student.id, {key: _text(value) for key, value in note.items()})
    assessments = r.get("assessments", [])
    for a in assessments:
        services.assessments.add(
            student.id, a["instrument"], a["assessed_on"], assessor=_text(a.get("assessor")),
            summary=_text(a.get("summary")),
            results=[{"domain": x["domain"], "score": _text(x.get("score")),
                      "present_level": _text(x.get("level"))} for x in a.get("results", [])])
    for a in r.get("item_assessments", []):
        # One transaction for each, with the scores checked against the instrument: the
        # demo must show what a real assessment looks like.
        instrument = services.instruments.get(a["instrument_id"])
        for item_id, value in a["scores"].items():
            placed = instrument.item(item_id)
            if placed is None or instrument.header.scale(placed.item.scale).point(value) is None:
                raise ValueError(f"demo score {item_id}: {value}")
        services.assessments.add(
            student.id, instrument.header.title.get("zh_CN"), a["assessed_on"],
            assessor=_text(a.get("assessor")), instrument_id=a["instrument_id"],
            item_scores=[{"item_id": i, "value": float(v)} for i, v in a["scores"].items()])
    if r.get("plans"):
        from .demo_plans import create_plans

        create_plans(services, student.id, people, r["plans"],
                     services.students.get(student.id).guardians)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
