"""What a scored assessment drafts for the plan: present levels in a teacher's words, and
the next objectives, read from each ladder as a teacher reads it."""
from __future__ import annotations

import pytest

from iep_studio.core.assessment.drafting import present_level, proposed_goal, read_scores
from iep_studio.core.assessment.loading import load_instruments

from tests.assessment.instrument_files import FINE_MOTOR, HEADER, folder

STEPS = [("扶栏杆一步一级上楼梯", "Climbs stairs holding the rail", "gm-stairs-01"),
         ("双脚交替上楼梯", "Climbs stairs with alternating feet", "gm-stairs-01"),
         ("双脚交替下楼梯", "Walks down stairs with alternating feet", "gm-stairs-02"),
         ("随班级上下楼梯不掉队", "Keeps up with the class on the stairs", "gm-stairs-02"),
         ("拿着书包上下楼梯", "Uses the stairs carrying a school bag", "gm-stairs-02")]
LADDER = """\
schema_version: 1
instrument: school-scale
domain: gross_motor
subdomains:
  - id: stairs
    title: {zh: 上下楼梯, en: Stairs}
    items:
""" + "".join(f"""\
      - id: step-0{n}
        behaviour: {{zh: {zh}, en: {en}}}
        age_band: "3-6"
        method: observation
        passed_when: {{zh: 连续3天做到, en: On 3 days running}}
        objectives: [{objective}]
""" for n, (zh, en, objective) in enumerate(STEPS, start=1))


@pytest.fixture
def instrument(tmp_path):
    root = folder(tmp_path, **{"instrument.yaml": HEADER, "gross_motor.yaml": LADDER,
                               "fine_motor.yaml": FINE_MOTOR})
    found = load_instruments(root, {"gm-stairs-01", "gm-stairs-02", "fm-grasp-01"})
    assert found.problems == []
    return found.instruments["school-scale"]


def test_a_ladder_read_from_the_bottom(instrument):
    # Two steps done alone, one with help, then not yet.
    scores = {"step-01": 2, "step-02": 2, "step-03": 1, "step-04": 0, "step-05": 0}
    draft, = read_scores(instrument, scores)
    assert draft.domain == "gross_motor"
    assert [p.item.id for p in draft.independent] == ["step-02"]  # where the child stands
    assert [(s.placed.item.id, s.why) for s in draft.suggestions] == [
        ("step-03", "emerging"), ("step-04", "next")]
    assert draft.objective_ids() == ["gm-stairs-02"]  # each objective once
    assert present_level(draft, "zh_CN") == (
        "能独立：双脚交替上楼梯。在提示或协助下能：双脚交替下楼梯。尚不能：随班级上下楼梯不掉队。")
    assert present_level(draft, "en") == (
        "Independently: climbs stairs with alternating feet. With prompts or help: walks "
        "down stairs with alternating feet. Not yet: keeps up with the class on the stairs.")
    assert proposed_goal(draft, "zh_CN") == (
        "提高粗大动作能力，能独立双脚交替下楼梯、随班级上下楼梯不掉队。")
    assert proposed_goal(draft, "en") == (
        "Improve gross motor: walks down stairs with alternating feet and keeps up with the "
        "class on the stairs independently.")


def test_what_is_not_scored_or_not_applicable_says_nothing(instrument):
    assert read_scores(instrument, {}) == []
    assert read_scores(instrument, {"step-01": None, "step-02": None}) == []
    # Nothing passed yet: the first step not done is the one to work on.
    draft, = read_scores(instrument, {"step-01": 0, "step-02": 0})
    assert draft.independent == [] and [s.placed.item.id for s in draft.suggestions] == [
        "step-01"]
    assert present_level(draft, "zh_CN") == "尚不能：扶栏杆一步一级上楼梯。"
    # All passed: nothing to suggest on this ladder.
    draft, = read_scores(instrument, {f"step-0{n}": 2 for n in range(1, 6)})
    assert draft.suggestions == [] and present_level(draft, "zh_CN") == "能独立：拿着书包上下楼梯。"


def test_a_step_passed_above_a_gap_counts_from_the_highest_pass(instrument):
    """Step 3 done with help but step 4 passed (a splinter skill): the child stands at 4,
    step 3 is still worth work, and the next step is 5."""
    draft, = read_scores(instrument, {"step-02": 2, "step-03": 1, "step-04": 2, "step-05": 0})
    assert [p.item.id for p in draft.independent] == ["step-04"]
    assert [(s.placed.item.id, s.why) for s in draft.suggestions] == [
        ("step-03", "emerging"), ("step-05", "next")]


def test_another_scale_is_read_by_what_its_points_mean(instrument):
    drafts = read_scores(instrument, {"grasp-01": 3, "step-01": 2})
    assert [d.domain for d in drafts] == ["gross_motor", "fine_motor"]  # the domain order
    assert [(s.placed.item.id, s.why) for s in drafts[1].suggestions] == [
        ("grasp-01", "emerging")]  # 3 on 1-3-5 means emerging


def test_the_profile_over_time_and_what_changed(instrument):
    from iep_studio.core.assessment.profile import (
        gained_and_lost, items_for_objective, profile, standings,
    )

    autumn = {"step-01": 2, "step-02": 1, "step-03": 0, "grasp-01": 3}
    spring = {"step-01": 2, "step-02": 2, "step-03": 2, "step-04": 1, "grasp-01": 1}
    now = standings(instrument, spring)
    assert (now["gross_motor"].independent, now["gross_motor"].emerging,
            now["gross_motor"].scored, now["gross_motor"].total) == (3, 1, 4, 5)
    assert [(d, [(s.independent, s.emerging) for s in each])
            for d, each in profile(instrument, [autumn, spring])] == [
        ("gross_motor", [(1, 1), (3, 1)]), ("fine_motor", [(0, 1), (0, 0)])]
    gained, lost = gained_and_lost(instrument, autumn, spring)
    assert [p.item.id for p in gained] == ["step-02", "step-03"]
    assert lost == []  # grasp went from emerging to not yet: never independent
    gained, lost = gained_and_lost(instrument, spring, {"step-01": 1})
    assert gained == [] and [p.item.id for p in lost] == ["step-01"]
    assert [p.item.id for p in items_for_objective(instrument, "gm-stairs-02")] == [
        "step-03", "step-04", "step-05"]
