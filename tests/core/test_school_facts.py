"""Whether a school has a resource room and how many resource teachers it has decide its
resource-room and staffing checks, so they are the district's records, changed by the
administrator only: a school could otherwise correct its own breaches away. A resource
teacher still names a school, or adds one, as before. The same tests run on PostgreSQL
(tests/shared_mode/test_school_facts_on_postgres.py)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.model import AuditEntry

KEPT_BY_THE_ADMINISTRATOR = (
    "Whether a school has a resource room and how many resource teachers it has are the "
    "district's records, kept by the administrator. Nothing was saved; ask the "
    "administrator to correct them.")


def facts(services, school_id: str) -> tuple:
    school = next(s for s in services.schools.list_schools() if s.id == school_id)
    return school.name, school.has_resource_room, school.resource_teachers


def history_length(services) -> int:
    with services.store.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def staffing(services) -> list[str]:
    check = next(c for c in services.overview.checks() if c.key == "check/staffing_ratio")
    return [breach.label("zh") for breach in check.breaches]


def test_a_resource_teacher_cannot_change_a_schools_room_or_teachers(services, team):
    school_id = team.student.school_id
    services.schools.update_school(school_id, {"has_resource_room": True,
                                               "resource_teachers": 0})
    assert staffing(services) == ["城南小学"]  # 张小明, and no resource teacher
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    before = history_length(services)
    for changes in ({"resource_teachers": 1}, {"has_resource_room": False},
                    {"has_resource_room": None},
                    {"name": "城南实验小学", "resource_teachers": 3}):
        with pytest.raises(PermissionDenied) as refused:
            services.schools.update_school(school_id, changes)
        assert str(refused.value) == KEPT_BY_THE_ADMINISTRATOR, changes
    # Nothing was saved, not even the new name that came with the figure.
    assert facts(services, school_id) == ("城南小学", True, 0)
    assert history_length(services) == before
    assert staffing(services) == ["城南小学"]


def test_a_resource_teacher_still_names_a_school_and_adds_one(services, team):
    school_id = team.student.school_id
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    services.schools.update_school(school_id, {"name": "城南实验小学", "address": "城南路1号"})
    assert facts(services, school_id) == ("城南实验小学", None, None)
    north = services.schools.create_school("城北小学", code="CB01")
    assert facts(services, north.id) == ("城北小学", None, None)


def test_an_administrator_records_them_and_the_checks_follow(services, team):
    school_id = team.student.school_id
    services.store.actor = Actor("acc-chen", "陈校长", "administrator", team.principal)
    services.schools.update_school(school_id, {"has_resource_room": True,
                                               "resource_teachers": 0})
    assert staffing(services) == ["城南小学"]
    changed = services.schools.update_school(school_id, {"resource_teachers": 1})
    assert (changed.has_resource_room, changed.resource_teachers) == (True, 1)
    assert staffing(services) == []
    north = services.schools.create_school("城北小学")
    services.schools.update_school(north.id, {"has_resource_room": False,
                                              "resource_teachers": 0})
    assert facts(services, north.id) == ("城北小学", False, 0)
