"""Starting the next plan and refilling present levels are each one transaction: what they
read and what they write belong together, and a failure half-way leaves nothing done."""
from __future__ import annotations

import pytest

from iep_studio.core.services import plans as plans_module


class Broken(Exception):
    pass


def transactions(services, monkeypatch) -> list[str]:
    """Each transaction the store opens from now on: "write" or "read"."""
    opened = []
    session = services.store.session

    def counting(*args, **kwargs):
        opened.append("read" if kwargs.get("reading") else "write")
        return session(*args, **kwargs)
    monkeypatch.setattr(services.store, "session", counting)  # reading() opens through it
    return opened


def test_starting_the_next_plan_is_one_transaction(services, team, complete_plan,
                                                    monkeypatch):
    opened = transactions(services, monkeypatch)
    services.plans.start_from_previous(complete_plan.id, "2027-02-20", "2027-07-10",
                                       author_id=team.teacher)
    assert opened == ["write"]


def test_a_failure_at_the_end_of_starting_the_next_plan_saves_nothing(
        services, team, complete_plan, monkeypatch):
    load_plan = plans_module.load_plan

    def fails_on_the_new_plan(s, plan_id):
        if plan_id != complete_plan.id:  # the plan just made and flushed, read back
            raise Broken()
        return load_plan(s, plan_id)
    monkeypatch.setattr(plans_module, "load_plan", fails_on_the_new_plan)
    with pytest.raises(Broken):
        services.plans.start_from_previous(complete_plan.id, "2027-02-20", "2027-07-10",
                                           author_id=team.teacher)
    monkeypatch.undo()
    assert [p.id for p in services.plans.for_student(team.student.id)] == [complete_plan.id]


def test_refilling_present_levels_is_one_transaction(services, team, monkeypatch):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    services.plans.set_present_levels(plan.id, [{"domain": "social", "level": "旧的"}])
    opened = transactions(services, monkeypatch)
    before = services.plans.refill_present_levels(plan.id)
    assert opened == ["write"]
    assert before == [{"domain": "social", "level": "旧的", "source": ""}]
    assert {p.domain for p in services.plans.get(plan.id).present_levels} == {
        "fine_motor", "social"}


def test_a_failure_at_the_end_of_refilling_present_levels_keeps_the_old_ones(
        services, team, monkeypatch):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    services.plans.set_present_levels(plan.id, [{"domain": "social", "level": "旧的"}])
    replace = plans_module._replace_levels

    def replaces_then_fails(plan, levels):
        replace(plan, levels)
        raise Broken()
    monkeypatch.setattr(plans_module, "_replace_levels", replaces_then_fails)
    with pytest.raises(Broken):
        services.plans.refill_present_levels(plan.id)
    monkeypatch.undo()
    assert [(p.domain, p.level) for p in services.plans.get(plan.id).present_levels] == [
        ("social", "旧的")]
