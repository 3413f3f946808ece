"""Every operation reports what it changed, by kind and id, so the window redraws only
that and knows which record an operation made."""
import pytest

from iep_studio.core.errors import IepStudioError, InvalidInput
from iep_studio.core.services import plans as plans_module


def test_an_operation_reports_the_records_it_added_changed_and_removed(services, team):
    student = team.student
    log = services.store.changes
    with log.recording() as added:
        guardian = services.students.add_guardian(student.id, name="张强",
                                                  relationship_="father")
    assert added.added("guardian") == [guardian.id]
    assert added.students == {student.id}

    with log.recording() as edited:
        services.students.update(student.id, {"strengths": "喜欢画画"})
    assert edited.ids("student", "changed") == [student.id]
    assert not edited.touches({"guardian", "assessment"})

    with log.recording() as removed:
        services.students.remove_guardian(guardian.id)
    assert removed.ids("guardian", "removed") == [guardian.id]


def test_a_refused_operation_reports_nothing(services, team):
    with services.store.changes.recording() as changes:
        with pytest.raises(InvalidInput):
            services.students.update(team.student.id, {"birth_date": "2999-01-01"})
    assert not changes


def test_the_goal_bank_says_which_goal_it_had_to_make(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    with services.store.changes.recording() as first:
        objective = services.plans.add_from_bank(plan.id, "fm-pencil-grip-01", "zh_CN")
    assert first.added("plan_objective") == [objective.id]
    assert first.added("plan_goal") == [objective.goal_id]  # the plan had no goal yet

    with services.store.changes.recording() as second:
        services.plans.add_from_bank(plan.id, "fm-pencil-grip-02", "zh_CN")
    assert second.added("plan_goal") == []  # the goal of the same domain took it


def test_the_goal_bank_leaves_no_empty_goal_when_the_objective_is_refused(
        services, team, monkeypatch):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")

    def refuse(*_args, **_kwargs):
        raise IepStudioError("refused")
    monkeypatch.setattr(plans_module, "_new_objective", refuse)
    with pytest.raises(IepStudioError):
        services.plans.add_from_bank(plan.id, "fm-pencil-grip-01", "zh_CN")
    assert services.plans.get(plan.id).goals == []
