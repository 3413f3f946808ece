"""Scoring an instrument item by item, as a teacher does over one or several sittings:
each score is kept at once, can be changed, taken back and undone; the scale decides
what may be given; and the scores are a child's data like any other (the team only,
carried with the file, in its history)."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.errors import InvalidInput, NotFound
from iep_studio.core.services.item_scoring import NOT_SCORED, Instruments, ItemScoring, Scored

from tests.assessment.instrument_files import GOALS, good


@pytest.fixture
def scoring(services, tmp_path):
    """The services' item scoring, on the school's small instrument."""
    services.instruments = Instruments(good(tmp_path), lambda: GOALS)
    services.item_scoring = ItemScoring(services.store, services.instruments, services.clock)
    return services.item_scoring


def test_scores_are_kept_one_by_one_and_can_be_changed_taken_back_and_undone(scoring, team):
    assessment = scoring.start(team.student.id, "school-scale", assessor="王丽")
    assert (assessment.instrument, assessment.instrument_id, assessment.assessed_on) == (
        "学校评估表", "school-scale", date(2026, 11, 22))
    assert scoring.score(assessment.id, "stairs-01", 2) is NOT_SCORED
    assert scoring.score(assessment.id, "stairs-02", 1, note="需要老师牵手") is NOT_SCORED
    assert scoring.score(assessment.id, "grasp-01", 3) is NOT_SCORED  # its own scale
    assert scoring.scores(assessment.id) == {
        "stairs-01": Scored(2), "stairs-02": Scored(1, "需要老师牵手"), "grasp-01": Scored(3)}
    # Changed: the score before comes back for undo, and the note stays when not given.
    before = scoring.score(assessment.id, "stairs-02", 2)
    assert before == Scored(1, "需要老师牵手")
    assert scoring.scores(assessment.id)["stairs-02"] == Scored(2, "需要老师牵手")
    scoring.put_back(assessment.id, "stairs-02", before)
    assert scoring.scores(assessment.id)["stairs-02"] == Scored(1, "需要老师牵手")
    # Taken back (Backspace), then undone.
    taken = scoring.clear(assessment.id, "stairs-01")
    assert "stairs-01" not in scoring.scores(assessment.id)
    scoring.put_back(assessment.id, "stairs-01", taken)
    assert scoring.scores(assessment.id)["stairs-01"] == Scored(2)
    scoring.put_back(assessment.id, "stairs-01", NOT_SCORED)  # undoing a first score
    assert "stairs-01" not in scoring.scores(assessment.id)


def test_the_scale_decides_what_may_be_given(scoring, team, services):
    assessment = scoring.start(team.student.id, "school-scale")
    with pytest.raises(InvalidInput) as refused:
        scoring.score(assessment.id, "stairs-01", 3)
    assert refused.value.problems[0].text() == "3 is not on this item's scale; its values are 0, 1, 2."
    with pytest.raises(InvalidInput) as refused:
        scoring.score(assessment.id, "grasp-01", 2)  # its own scale: 1, 3, 5
    assert refused.value.problems[0].text() == "2 is not on this item's scale; its values are 1, 3, 5."
    with pytest.raises(InvalidInput) as refused:
        scoring.score(assessment.id, "grasp-01", None)  # this scale has no N/A
    assert refused.value.problems[0].text() == (
        "This item's scale has no N/A: give one of its values.")
    scoring.score(assessment.id, "grasp-01", 5)
    scoring.score(assessment.id, "stairs-02", None)  # the default scale has
    with pytest.raises(NotFound) as refused:
        scoring.score(assessment.id, "no-such-item", 1)
    assert str(refused.value) == "This item is not in the instrument."
    assert scoring.scores(assessment.id) == {"grasp-01": Scored(5), "stairs-02": Scored(None)}
    with pytest.raises(InvalidInput):
        scoring.start(team.student.id, "school-scale", assessed_on="2099-01-01")
    with pytest.raises(NotFound) as refused:
        scoring.start(team.student.id, "another-scale")
    assert str(refused.value) == (
        "The instrument this assessment was scored on is not installed here. Import its "
        "files (Library, Instruments) to see its items.")
    typed_in = services.assessments.for_student(team.student.id)[-1]  # the C-PEP-3
    with pytest.raises(NotFound) as refused:
        scoring.scores(typed_in.id)
    assert str(refused.value) == "This assessment was recorded per domain, not item by item."


def test_every_assessment_on_the_instrument_oldest_first(scoring, team, services):
    first = scoring.start(team.student.id, "school-scale", assessed_on="2026-09-10")
    scoring.score(first.id, "stairs-01", 1)
    later = scoring.start(team.student.id, "school-scale", assessed_on="2026-11-20")
    scoring.score(later.id, "stairs-01", 2)
    scoring.score(later.id, "stairs-02", 0)
    found = scoring.of_instrument(team.student.id, "school-scale")
    assert [(a.assessed_on.isoformat(), scores) for a, scores in found] == [
        ("2026-09-10", {"stairs-01": Scored(1)}),
        ("2026-11-20", {"stairs-01": Scored(2), "stairs-02": Scored(0)})]
    # Per-domain assessments (the C-PEP-3 of the fixture) are not among them.
    assert len(services.assessments.for_student(team.student.id)) == 3


def test_removing_an_assessment_and_undoing_brings_back_its_scores(scoring, team, services):
    assessment = scoring.start(team.student.id, "school-scale")
    scoring.score(assessment.id, "stairs-01", 2, note="独立")
    scoring.score(assessment.id, "stairs-02", None)
    kept = services.assessments.remove(assessment.id)
    with pytest.raises(NotFound):
        scoring.scores(assessment.id)
    services.assessments.add(team.student.id, **kept)
    assert scoring.scores(assessment.id) == {"stairs-01": Scored(2, "独立"),
                                             "stairs-02": Scored(None)}


def test_scores_are_the_teams_only_and_written_by_those_who_may(scoring, team, services,
                                                                 another_child):
    b = another_child["student"]
    assessment = scoring.start(b.id, "school-scale")
    scoring.score(assessment.id, "stairs-01", 1)
    # 刘老师, head teacher of 张小明 only: nothing of 李四's assessment is there for her.
    services.store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)
    with pytest.raises(PermissionDenied, match="belongs to a student whose team you are not on"):
        scoring.scores(assessment.id)
    assert scoring.of_instrument(b.id, "school-scale") == []
    # On her own child's team, a team member may read but not score.
    services.store.actor = None
    mine = scoring.start(team.student.id, "school-scale")
    services.store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)
    with pytest.raises(PermissionDenied):
        scoring.score(mine.id, "stairs-01", 2)
    assert scoring.scores(mine.id) == {}


def test_scores_are_in_the_files_history(scoring, team, services):
    assessment = scoring.start(team.student.id, "school-scale")
    scoring.score(assessment.id, "stairs-01", 2)
    kinds = [c.kind for c in services.history.for_student(team.student.id)]
    assert "item_score" in kinds
