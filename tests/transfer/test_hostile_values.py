"""Every value in a student file must be one the app's own forms accept, or the file is
refused, naming the record and the field: a value no form allows would come in, then break
the window that shows it and make every later save of the record fail the form's check."""
from __future__ import annotations

import copy

import pytest

from iep_studio.core.model import Base
from iep_studio.core.transfer.import_ import import_package
from iep_studio.core.transfer.package import PackageError, read_package
from tests.conftest import TODAY
from tests.transfer.conftest import fingerprint, repack, unpacked

DAMAGED = ("This file is damaged: {problem}. Ask the sender to export the student again "
           "from IEP Studio.")


def refusal(manifest, data) -> str:
    with pytest.raises(PackageError) as refused:
        read_package(repack(manifest, data, fix_counts=True), today=TODAY)
    return str(refused.value)


def not_accepted(field: str, table: str, problem: str) -> str:
    return DAMAGED.format(problem=f"the field \"{field}\" of record 1 of \"{table}\" is not "
                          f"accepted: {problem.rstrip('.')}")


def naming(field: str, table: str) -> str:
    """The start of the refusal: which field of which record."""
    return (f"This file is damaged: the field \"{field}\" of record 1 of \"{table}\" is not "
            "accepted: ")


def test_a_sex_no_form_offers_is_refused_and_nothing_arrives(valid_raw, elsewhere):
    manifest, data = unpacked(valid_raw)
    data["student"][0]["sex"] = "robot"
    before = fingerprint(elsewhere.store)
    with pytest.raises(PackageError) as refused:
        import_package(elsewhere.store, repack(manifest, data), elsewhere.school.id)
    assert str(refused.value) == not_accepted(
        "sex", "student", "\"robot\" is not one of the choices: female, male.")
    assert fingerprint(elsewhere.store) == before


def test_a_domain_no_form_offers_is_refused(valid_raw):
    manifest, data = unpacked(valid_raw)
    data["assessment_result"][0]["domain"] = "weird"
    assert refusal(manifest, data).startswith(naming("domain", "assessment_result") + (
        "\"weird\" is not one of the choices: perception, perception.visual, "))


@pytest.mark.parametrize("table, change, field, problem", [
    ("student", {"sex": " male"}, "sex", "\" male\" is not one of the choices: female, male."),
    ("student", {"status": "expelled"}, "status",
     "\"expelled\" is not one of the choices: active, transferred, graduated."),
    ("student", {"full_name": "   "}, "full_name", "This field is required."),
    ("student", {"birth_date": "2031-01-01"}, "birth_date",
     "2031-01-01 is in the future. Check the year and the month."),
    ("student", {"birth_date": "1850-01-01"}, "birth_date", "The year 1850 is too early."),
    ("student", {"birth_date": "2016-05-12", "enrolled_on": "2015-09-01"}, "enrolled_on",
     "Enrolment (2015-09-01) is before the birth date (2016-05-12). Check both dates."),
    ("student_category", {"degree": "very"}, "degree",
     "\"very\" is not one of the choices: mild, moderate, severe, profound."),
    ("student_category", {"category": ""}, "category", None),
    ("placement_period", {"placement": "moon"}, "placement", None),
    ("placement_period", {"start_date": "2025-09-01", "end_date": "2025-08-01"}, "end_date",
     "The placement cannot end (2025-08-01) before it starts (2025-09-01)."),
    ("guardian", {"relationship": "uncle"}, "relationship",
     "\"uncle\" is not one of the choices: mother, father, grandmother, grandfather, "
     "guardian."),
    ("team_membership", {"role": "king"}, "role", None),
    ("assessment", {"instrument": ""}, "instrument", "This field is required."),
    ("assessment", {"assessed_on": "2027-06-01"}, "assessed_on",
     "2027-06-01 is in the future. Check the year and the month."),
])
def test_values_no_form_accepts(valid_raw, table, change, field, problem):
    manifest, data = unpacked(valid_raw)
    data[table][0].update(change)
    refused = refusal(manifest, data)
    if problem is None:  # a long list of choices: the start says enough
        assert refused.startswith(naming(field, table)) and "not one of the choices" in refused
    else:
        assert refused == not_accepted(field, table, problem)


def test_a_category_twice(valid_raw):
    manifest, data = unpacked(valid_raw)
    data["student_category"].append(dict(data["student_category"][0],
                                         id="00000000-0000-4000-8000-000000000001"))
    assert refusal(manifest, data) == DAMAGED.format(problem=(
        "the field \"category\" of a record of \"student_category\" is not accepted: The "
        "category autism is listed twice"))


@pytest.mark.parametrize("table, change, field, problem", [
    ("plan", {"status": "weird"}, "status", None),
    ("plan", {"period_end": None}, "period_end", "This field is required."),
    ("plan", {"resource_sessions_per_week": 99}, "resource_sessions_per_week",
     "Write a whole number from 0 to 40."),
    ("plan_goal", {"domain": "weird"}, "domain", None),
    ("plan_present_level", {"domain": ""}, "domain", None),
    ("plan_objective", {"mastery_percent": 0}, "mastery_percent",
     "Write a whole number from 1 to 100."),
    ("plan_objective", {"mastery_level": "N"}, "mastery_level",
     "\"N\" is not a prompt level. Use I, V, G, M, P or F."),
    ("plan_objective", {"carried_status": "X"}, "carried_status", None),
    ("plan_objective", {"start_date": "2026-12-01", "target_date": "2026-10-01"},
     "target_date", "The target date (2026-10-01) is before the start date (2026-12-01)."),
    ("objective_review", {"code": "Z"}, "code", None),
    ("plan_service", {"kind": "magic"}, "kind", None),
    ("plan_service", {"name": ""}, "name", "This field is required."),
    ("plan_review", {"decision": "veto"}, "decision", None),
    ("plan_review", {"section": "preface"}, "section", None),
    ("plan_revision", {"event": "stolen"}, "event", None),
    ("plan_signature", {"role": "emperor"}, "role", None),
    ("lesson_student", {"tier": 7}, "tier", "The level must be 1, 2 or 3."),
    ("observation", {"trials": "IIXZ"}, "trials",
     "\"XZ\" is not a prompt level. Use I, V, G, M, P, F or N (keys 1 to 6, and 0 for not "
     "done)."),
    ("observation", {"trials": "iii"}, "trials",
     "\"i\" is not a prompt level. Use I, V, G, M, P, F or N (keys 1 to 6, and 0 for not "
     "done)."),
    ("observation", {"rating": 9}, "rating", "Write a whole number from 1 to 5."),
    ("observation", {"duration_seconds": -5}, "duration_seconds", None),
    ("behaviour_record", {"function": "revenge"}, "function", None),
    ("behaviour_record", {"occurred_at": "25:70"}, "occurred_at",
     "\"25:70\" is not a time. Write it as hours:minutes, for example 08:30 or 14:05."),
    ("behaviour_record", {"behaviour": ""}, "behaviour", "This field is required."),
    ("home_visit", {"minutes": 0}, "minutes", "Write a whole number from 1 to 600."),
    ("home_visit", {"visitors": ""}, "visitors", "This field is required."),
    ("person", {"full_name": " "}, "full_name", "This field is required."),
    ("item_score", {"value": 1e6}, "value",
     "\"1000000.0\" is not a score: a number from -1000 to 1000, or empty for N/A."),
    ("item_score", {"item_id": ""}, "item_id", "This field is required."),
])
def test_values_no_form_accepts_anywhere_in_the_file(demo_file, table, change, field, problem):
    manifest, data = copy.deepcopy(demo_file)
    data[table][0].update(change)
    refused = refusal(manifest, data)
    if problem is None:
        assert refused.startswith(naming(field, table))
    else:
        assert refused == not_accepted(field, table, problem)


def test_a_field_left_out_is_checked_as_it_would_be_stored(demo_file):
    """A home visit without minutes would be stored with 0, which the form refuses."""
    manifest, data = copy.deepcopy(demo_file)
    del data["home_visit"][0]["minutes"]
    assert refusal(manifest, data) == not_accepted(
        "minutes", "home_visit", "Write a whole number from 1 to 600.")


@pytest.mark.parametrize("table, field, value, where", [
    ("plan_revision", "snapshot", {"plan": {}}, "plan.title"),
    ("plan_revision", "snapshot", "goals", None),
    ("lesson", "unit_snapshot", {"id": "x"}, None),
])
def test_documents_of_another_shape(demo_file, table, field, value, where):
    """The comparison window reads a frozen plan key by key, the teaching documents read a
    lesson's unit back as a course unit: a document of another shape is refused."""
    manifest, data = copy.deepcopy(demo_file)
    if value == "goals":
        value = copy.deepcopy(data[table][0][field])
        value["goals"][0]["objectives"][0]["id"] = "not an id"
        where = "goals.0.objectives.0.id"
    data[table][0][field] = value
    refused = refusal(manifest, data)
    assert refused.startswith(f"This file is damaged: the field \"{field}\" of record 1 of "
                              f"\"{table}\" is not a ")
    assert "as the app reads it" in refused
    if where:
        assert f"(\"{where}\":" in refused


def test_the_frozen_plan_shape_is_what_the_app_freezes(demo_file):
    from iep_studio.core.transfer import documents

    frozen = demo_file[1]["plan_revision"][0]["snapshot"]
    assert documents.FrozenPlan.model_validate(frozen)
    assert set(documents.FrozenPlanFields.model_fields) == set(frozen["plan"])
    assert set(documents.FrozenObjective.model_fields) == set(
        frozen["goals"][0]["objectives"][0])


def test_every_field_a_file_carries_has_its_rule():
    """A column added later must be given the check of the form that fills it."""
    from iep_studio.core.transfer import rules
    from iep_studio.core.transfer.checking import JSON_SHAPES
    from iep_studio.core.transfer.contents import ID_REFERENCES, REPLACED, TABLES

    assert set(rules.FIELDS) == set(TABLES)
    for table in TABLES:
        columns = Base.metadata.tables[table].columns
        structural = {c.name for c in columns
                      if c.name in ("id", "created_at", "updated_at", "version")
                      or c.foreign_keys or (table, c.name) in REPLACED
                      or (table, c.name) in ID_REFERENCES or (table, c.name) in JSON_SHAPES}
        assert set(rules.FIELDS[table]) == {c.name for c in columns} - structural, table
