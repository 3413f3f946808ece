"""An objective taken from the goal bank is tracked by its own criterion, not the default
80% over 3 sessions: "10题中至少7题正确，连续3次课" is 70% in 3 sessions in a row, and
"连续5天无需提醒完成" is every time, 5 days in a row."""
from __future__ import annotations

import re

from iep_studio.core.progress.mastery import Criterion
from iep_studio.core.units.schema import Goal


def test_objectives_from_the_bank_carry_their_own_mastery_rule(services, team):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    reasoning = services.plans.add_from_bank(plan.id, "cog-reason-01", "zh_CN")
    routine = services.plans.add_from_bank(plan.id, "sr-arrive-02", "zh_CN")
    assert reasoning.criterion.startswith("10题中至少7题正确，连续3次课")
    assert Criterion.of(reasoning) == Criterion(percent=70, sessions=3, level="I")
    assert Criterion.of(routine) == Criterion(percent=100, sessions=5, level="I")
    # Every objective of the bank whose criterion names a share states it as a rule.
    goals = services.library.shipped().goals.values()
    stated = [g for g in goals if re.search(r"\d+\D{0,6}中至少\d+", g.criterion.zh)]
    assert stated and all(g.mastery is not None for g in stated)
    assert sum(g.mastery is not None for g in goals) >= 300


def test_a_rule_left_out_keeps_the_default():
    goal = Goal.model_validate({
        "id": "x-test-01", "domain": "social", "subdomain": {"zh": "分享"},
        "age_band": "6-9", "condition": {"zh": "在游戏中"}, "behaviour": {"zh": "分享玩具"},
        "criterion": {"zh": "5次中至少4次"}, "mastery": {"percent": 80}})
    assert goal.mastery_fields() == {"mastery_percent": 80, "mastery_sessions": None,
                                     "mastery_level": ""}
