"""Assessments repeated over time, and the latest present level per domain."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.errors import InvalidInput


@pytest.fixture
def student(services, school):
    return services.students.create(school.id, "张小明")


def test_assessments_newest_first_with_results(services, student):
    services.assessments.add(student.id, "C-PEP-3", "2024-03-01", assessor="王丽",
                             results=[{"domain": "fine_motor", "score": "3岁",
                                       "present_level": "能用三指握笔"}])
    services.assessments.add(student.id, "C-PEP-3", "2025-03-01",
                             results=[{"domain": "fine_motor", "score": "4岁",
                                       "present_level": "能沿直线剪纸"},
                                      {"domain": "social", "present_level": "能轮流玩游戏"}])
    found = services.assessments.for_student(student.id)
    assert [a.assessed_on for a in found] == [date(2025, 3, 1), date(2024, 3, 1)]
    latest = services.assessments.latest_levels(student.id)
    assert latest["fine_motor"].present_level == "能沿直线剪纸"
    assert latest["social"].present_level == "能轮流玩游戏"


def test_assessment_validation(services, student):
    with pytest.raises(InvalidInput) as excinfo:
        services.assessments.add(student.id, "", "2027-01-01",
                                 results=[{"domain": "flying"}])
    found = {p.field: p.text() for p in excinfo.value.problems}
    assert found["instrument"] == "This field is required."
    assert found["assessed_on"] == "2027-01-01 is in the future. Check the year and the month."
    assert found["results.0.domain"].startswith("\"flying\" is not one of the choices:")


def test_assessment_corrected_and_removed(services, student):
    added = services.assessments.add(student.id, "CARS", "2024-05-01", summary="初评")
    services.assessments.update(added.id, "CARS", "2024-05-02", summary="复核后",
                                results=[{"domain": "social", "score": "32"}])
    again = services.assessments.for_student(student.id)[0]
    assert (again.assessed_on, again.summary, again.results[0].score) == (
        date(2024, 5, 2), "复核后", "32")
    kept = services.assessments.remove(added.id)
    assert services.assessments.for_student(student.id) == []
    restored = services.assessments.add(student.id, **kept)
    assert restored.results[0].score == "32"
