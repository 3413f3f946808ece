"""Reading a child's data the way a resource teacher does: one point per session day,
mastery by a run of good sessions, stalled when nothing improves, and no data when nothing
has been written down for a while; and the school weeks and terms the records fall in."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from iep_studio.core.progress.mastery import Criterion, mastery, no_data, points, stalled
from iep_studio.core.progress.trials import clean, invalid_codes, outcome, summarise
from iep_studio.core.school_year import monday_of, school_term, term_title

START = date(2026, 10, 5)  # a Monday


def series(*trials: str, level: str = "I"):
    """One record a day from START, in the order given."""
    return points([(START + timedelta(days=i), t) for i, t in enumerate(trials)], level)


PASS, FAIL = "IIIIIIIIVN", "IIIIIVVVNN"  # 80% and 50% independent


# -- trials ---------------------------------------------------------------------------
def test_a_trial_record_counts_each_prompt_level_and_the_independent_share():
    summary = summarise("IIVGMPFNII")
    assert summary.total == 10 and summary.successes == 4 and summary.percent == 40.0
    assert summary.by_level == {"I": 4, "V": 1, "G": 1, "M": 1, "P": 1, "F": 1, "N": 1}


def test_lower_case_and_stray_characters_are_not_trials():
    assert clean("ii v,g x") == "IIVG"
    assert invalid_codes("ii v,g x") == " ,X"
    assert summarise("").percent is None and summarise("").total == 0


def test_counting_up_to_the_verbal_prompt_counts_verbal_prompts_as_successes():
    assert summarise("IVVGN", level="V").successes == 3
    assert summarise("IVVGN", level="G").successes == 4
    # "not done" can never be the counted level: it falls back to independent
    assert summarise("IVVGN", level="N").successes == 1


def test_each_code_reads_as_done_alone_done_with_help_or_not_done():
    assert [outcome(c) for c in "IVFN"] == ["independent", "assisted", "assisted", "not_done"]


# -- points ---------------------------------------------------------------------------
def test_several_records_on_one_day_make_one_session_point():
    day = date(2026, 10, 5)
    result = points([(day + timedelta(days=1), "IIII"), (day, "IIN"), (day, "NIII")])
    assert [(p.day, p.trials) for p in result] == [(day, 7), (day + timedelta(days=1), 4)]
    assert result[0].percent == pytest.approx(500 / 7)
    assert result[0].by_level == {"I": 5, "N": 2}


def test_days_with_only_a_note_or_a_duration_make_no_point():
    day = date(2026, 10, 5)
    result = points([(day, ""), (day + timedelta(days=1), "IV"), (day + timedelta(days=2), "")])
    assert [p.day for p in result] == [day + timedelta(days=1)]


def test_points_count_successes_up_to_the_objectives_prompt_level():
    assert [p.percent for p in series("IVVN", level="V")] == [75.0]
    assert [p.percent for p in series("IVVN")] == [25.0]


# -- mastery --------------------------------------------------------------------------
def test_three_sessions_at_eighty_percent_in_a_row_is_mastered_on_the_third():
    result = mastery(series(PASS, PASS, PASS), Criterion())
    assert result.mastered and result.mastered_on == START + timedelta(days=2)
    assert result.streak == 3


def test_two_good_sessions_out_of_three_is_not_yet_mastered():
    result = mastery(series(PASS, FAIL, PASS), Criterion())
    assert not result.mastered and result.mastered_on is None and result.streak == 1
    assert not mastery(series(PASS, PASS), Criterion()).mastered


def test_a_poor_session_starts_the_run_again():
    result = mastery(series(PASS, PASS, FAIL, PASS, PASS), Criterion())
    assert not result.mastered and result.streak == 2
    result = mastery(series(PASS, PASS, FAIL, PASS, PASS, PASS), Criterion())
    assert result.mastered_on == START + timedelta(days=5) and result.streak == 3


def test_two_of_three_meets_a_rule_written_as_67_percent():
    rule = Criterion(percent=67, sessions=2)
    assert mastery(series("IIN", "IIN"), rule).mastered  # 66.7% each, as the teacher meant
    assert not mastery(series("IIN", "INN"), rule).mastered  # 33.3% resets the run
    assert mastery(series("IIIIIIN", "IIIIIIN"), Criterion(percent=86, sessions=2)).mastered
    assert not mastery(series("IIIIINN", "IIIIIIN"), Criterion(percent=86, sessions=2)).mastered


def test_once_mastered_the_day_stays_even_if_a_later_session_is_poor():
    result = mastery(series(PASS, PASS, PASS, FAIL), Criterion())
    assert result.mastered_on == START + timedelta(days=2) and result.streak == 0


def test_a_stricter_rule_of_ninety_percent_over_two_sessions():
    rule = Criterion(percent=90, sessions=2)
    assert not mastery(series(PASS, PASS, PASS), rule).mastered  # 80% is not enough
    result = mastery(series(PASS, "IIIIIIIIIN", "IIIIIIIIII"), rule)
    assert result.mastered_on == START + timedelta(days=2) and result.streak == 2


def test_a_rule_counting_verbal_prompts_masters_on_prompted_success():
    rule = Criterion(level="V")
    trials = ("IVVVIVVVIN",) * 3  # 30% independent, 90% with at most a verbal prompt
    assert not mastery(series(*trials), Criterion()).mastered
    assert mastery(series(*trials, level=rule.level), rule).mastered


def test_an_objectives_own_rule_falls_back_to_the_defaults():
    class Objective:
        mastery_percent, mastery_sessions, mastery_level = None, None, ""

    assert Criterion.of(Objective()) == Criterion(80, 3, "I") and Criterion().is_default
    Objective.mastery_percent, Objective.mastery_sessions, Objective.mastery_level = 90, 2, "V"
    assert Criterion.of(Objective()) == Criterion(90, 2, "V")
    assert not Criterion.of(Objective()).is_default
    Objective.mastery_level = "N"  # not a level anyone can succeed at
    assert Criterion.of(Objective()).level == "I"


# -- stalled --------------------------------------------------------------------------
def test_no_new_best_over_five_sessions_is_stalled():
    assert stalled(series("IIIIINNNNN", "IIINNNNNNN", "IIIINNNNNN", "IIIIINNNNN",
                          "IINNNNNNNN", "IIIINNNNNN"))  # best 50% was before the last five
    assert stalled(series(*["IINN"] * 5))  # flat from the first session


def test_a_child_who_keeps_improving_is_not_stalled():
    assert not stalled(series("INNN", "INNN", "IINN", "INNN", "INNN", "IIIN"))
    assert not stalled(series("INNN", "IINN", "IIIN", "IIII", "IIII"))


def test_fewer_sessions_than_the_window_are_never_stalled():
    assert not stalled(series(*["NNNN"] * 4))
    assert stalled(series(*["NNNN"] * 3), sessions=3)


# -- no data --------------------------------------------------------------------------
def test_no_data_counts_from_the_last_record():
    today = date(2026, 11, 22)
    assert no_data(date(2026, 11, 8), date(2026, 9, 1), today)  # 14 days
    assert not no_data(date(2026, 11, 9), date(2026, 9, 1), today)  # 13 days
    assert not no_data(date(2026, 11, 1), None, today, days=30)


def test_with_nothing_recorded_no_data_counts_from_the_start():
    today = date(2026, 11, 22)
    assert no_data(None, date(2026, 11, 1), today)
    assert not no_data(None, date(2026, 11, 15), today)
    assert not no_data(None, None, today)


# -- the school calendar ----------------------------------------------------------------
@pytest.mark.parametrize("day, year, first, zh, en", [
    (date(2027, 1, 20), 2026, True, "2026学年第一学期", "2026-27 autumn term"),
    (date(2027, 2, 3), 2026, False, "2026学年第二学期", "2026-27 spring term"),
    (date(2027, 7, 31), 2026, False, "2026学年第二学期", "2026-27 spring term"),
    (date(2026, 8, 1), 2026, True, "2026学年第一学期", "2026-27 autumn term"),
    (date(2026, 9, 1), 2026, True, "2026学年第一学期", "2026-27 autumn term"),
    (date(2099, 9, 1), 2099, True, "2099学年第一学期", "2099-00 autumn term"),
])
def test_a_day_falls_in_the_school_term_teachers_name(day, year, first, zh, en):
    term = school_term(day)
    assert (term.year, term.first) == (year, first)
    assert term.start <= day <= term.end
    assert term_title(day, "zh_CN") == zh and term_title(day, "en") == en


def test_the_terms_meet_without_a_gap():
    assert school_term(date(2027, 1, 31)).end + timedelta(days=1) == school_term(
        date(2027, 2, 1)).start == date(2027, 2, 1)


def test_any_day_of_a_week_belongs_to_its_monday():
    assert {monday_of(date(2026, 11, 16) + timedelta(days=i)) for i in range(7)} == {
        date(2026, 11, 16)}
    assert monday_of(date(2026, 11, 15)) == date(2026, 11, 9)  # a Sunday
