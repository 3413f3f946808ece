"""What a Chinese IEP is expected to hold, read back from the PDF and the Word file: dated
review columns under each goal with a legend of the codes, the IEP meeting (its day, who
came, the parents' opinion) above the signatures, each service's dates and place; and a
progress report that judges "mastered" by the objective's own rule and names it."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from docx import Document as read_docx

from iep_studio.core.progress import mastery as rules
from iep_studio.reports import document as d
from iep_studio.reports.iep_document import REVIEW_POINTS, iep_document
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.progress_document import progress_document
from iep_studio.reports.word import render_docx

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason=(
    "poppler-utils (pdftotext) is not installed; .ci/run installs it"))


@pytest.fixture
def met_plan(services, team, complete_plan):
    """Agreed at the IEP meeting on 2026-09-20, in effect, its objectives reviewed twice,
    with a service given in a hospital for part of the term and a device from its start."""
    services.plans.add_service(complete_plan.id, {
        "kind": "service", "name": "言语治疗", "frequency": "每周1次", "provider": "区康复中心",
        "place": "区康复中心", "start_date": "2026-09-15", "end_date": "2027-01-15"})
    services.plans.add_service(complete_plan.id, {
        "kind": "device", "name": "握笔器", "place": "资源教室", "start_date": "2026-09-01"})
    services.review.submit(complete_plan.id, team.teacher)
    services.review.sign_together(
        complete_plan.id, [team.teacher, team.principal], [team.mother.id],
        signed_on="2026-09-20", attendees="特教中心巡回指导教师 周老师",
        parent_opinion="同意本计划，希望多练习写名字。")
    services.review.approve(complete_plan.id, team.principal)
    first, second = complete_plan.goals[0].objectives
    services.review.review_objective(first.id, "P", "已能独立三指握笔", "2026-10-20", "王丽")
    services.review.review_objective(second.id, "C", "", "2026-10-20", "王丽")
    services.review.review_objective(second.id, "E", "", "2026-11-20", "王丽")
    return services.plans.get(complete_plan.id)


def words(text: str) -> str:
    return "".join(text.split())  # lines wrap anywhere in Chinese


def read_back(doc, tmp_path, layout: bool = False) -> tuple[str, str]:
    """The words of the PDF (with `layout`, a table's row on one line, as printed) and
    of the Word file (paragraphs, then each table's cells row by row)."""
    render_pdf(doc, tmp_path / "a.pdf")
    render_docx(doc, tmp_path / "a.docx")
    pdf = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(tmp_path / "a.pdf"),
                          "-"], capture_output=True, text=True, check=True).stdout
    word = read_docx(str(tmp_path / "a.docx"))
    docx = [p.text for p in word.paragraphs]
    docx += [c.text for t in word.tables for row in t.rows for c in row.cells]
    return words(pdf), words("\n".join(docx))


EXPECTED = {
    "zh_CN": ["评量日期2026-10-20", "评量日期2026-11-20",
              "评量结果：P通过·C继续·S简化·E加深·D放弃",
              "会议日期2026-09-20", "出席人员王丽、陈校长、李梅；特教中心巡回指导教师周老师",
              "家长意见同意本计划，希望多练习写名字。",
              "起止日期地点", "2026-09-15至2027-01-15区康复中心", "2026-09-01起资源教室"],
    "en": ["Reviewed2026-10-20", "Reviewed2026-11-20",
           "Reviewresults:Ppassed·Ccontinue·Ssimplify·Eextend·Ddropped",
           "Meetingdate2026-09-20", "Present王丽,陈校长,李梅；特教中心巡回指导教师周老师",
           "Parents'opinion同意本计划，希望多练习写名字。",
           "DatesPlace", "2026-09-15to2027-01-15区康复中心", "from2026-09-01资源教室"],
}
# An objective's results on the days reviewed, along its row.
ROWS = {"zh_CN": ["1.1P通过", "1.2C继续E加深"], "en": ["1.1Ppassed", "1.2CcontinueEextend"]}


@needs_poppler
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_reviews_meeting_and_services_read_back_from_both_formats(services, met_plan,
                                                                  tmp_path, language):
    doc = iep_document(services, met_plan.id, language)
    pdf, word = read_back(doc, tmp_path)
    for phrase in EXPECTED[language]:
        assert phrase in pdf, phrase
        assert phrase in word, phrase
    pdf, word = read_back(doc, tmp_path, layout=True)
    for phrase in ROWS[language]:
        assert phrase in pdf, phrase
        assert phrase in word, phrase


def test_each_goal_has_its_review_columns_with_blank_ones_for_the_reviews_to_come(
        services, met_plan):
    doc = iep_document(services, met_plan.id, "zh_CN")
    tables = [b for b in doc.blocks if isinstance(b, d.Table)]
    reviews = next(t for t in tables if t.columns[0] == "序号"
                   and t.columns[1].startswith("评量日期"))
    # two days reviewed, and one left for the team to date and fill in on paper
    assert len(reviews.columns) == 1 + REVIEW_POINTS == 4
    assert reviews.columns[1:] == ["评量日期\n2026-10-20", "评量日期\n2026-11-20",
                                   "评量日期\n\u3000"]
    assert reviews.rows == [["1.1", "P 通过", "", ""], ["1.2", "C 继续", "E 加深", ""]]
    # the objectives' table no longer repeats the last result
    objectives = next(t for t in tables if "短期目标" in t.columns)
    assert "检讨" not in objectives.columns
    # each result is printed once; the comment once, in the review section
    text = doc.text()
    assert text.count("E 加深") == 2  # its cell, and the legend
    assert text.count("已能独立三指握笔") == 1


def test_a_plan_never_reviewed_has_blank_review_columns_and_the_legend(services, team,
                                                                      complete_plan):
    doc = iep_document(services, complete_plan.id, "en")
    reviews = next(b for b in doc.blocks if isinstance(b, d.Table)
                   and b.columns[1:] == ["Reviewed\n\u3000"] * REVIEW_POINTS)
    assert reviews.rows == [["1.1", "", "", ""], ["1.2", "", "", ""]]
    assert ("Review results: P passed · C continue · S simplify · E extend · D dropped"
            in doc.text())


def test_the_parents_opinion_has_room_to_write_and_a_draft_has_no_meeting(
        services, team, complete_plan):
    draft = iep_document(services, complete_plan.id, "zh_CN")
    assert "会议日期" not in draft.text() and "家长意见" not in draft.text()
    services.review.submit(complete_plan.id, team.teacher)
    doc = iep_document(services, complete_plan.id, "zh_CN")
    meeting = next(b for b in doc.blocks if isinstance(b, d.Fields)
                   and b.pairs[0][0] == "会议日期")
    assert meeting.pairs == [("会议日期", ""), ("出席人员", "")]
    opinion = next(b for b in doc.blocks if isinstance(b, d.Table)
                   and b.columns == ["家长意见"])
    assert opinion.rows == [["\n\n\n"]]  # lines to write on at the meeting
    # the meeting, then the signatures
    signatures = next(b for b in doc.blocks if isinstance(b, d.Signatures))
    assert (doc.blocks.index(meeting) < doc.blocks.index(opinion)
            < doc.blocks.index(signatures))


def test_the_meeting_written_down_later_is_printed(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    services.review.record_meeting(complete_plan.id, "2026-11-21", "班主任 刘老师", "同意")
    doc = iep_document(services, complete_plan.id, "en")
    assert ("Meeting date", "2026-11-21") in next(
        b for b in doc.blocks if isinstance(b, d.Fields) and b.pairs[0][0] == "Meeting date"
    ).pairs
    assert "Present 班主任 刘老师" in doc.text() and "同意" in doc.text()


# -- the progress report ------------------------------------------------------------------
FIRST = ("IIIIIVVVVV", "IIIIIVVVVN", "IIIIVVVVVV")  # 50%, 50%, 40% alone; 100%, 90%, 100% with V
SECOND = ("IIIIIIIIVN", "IIIIIIIIIN", "IIIIIIIIVV")  # 80%, 90%, 80% alone


def log(services, team, objective, sessions) -> list[tuple[date, str]]:
    records = [(date(2026, 11, 10) + timedelta(days=i), trials)
               for i, trials in enumerate(sessions)]
    for day, trials in records:
        services.observations.log(team.student.id, objective.id, trials, observed_on=day)
    return records


@pytest.fixture
def own_rules(services, team, complete_plan):
    """Objective 1 counts trials with a verbal prompt, 90% over 2 sessions: mastered by its
    rule, not by the default (80% independent over 3). Objective 2 asks 90% independent
    over 2: not mastered, though the default would say it is."""
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    first, second = complete_plan.goals[0].objectives
    services.progress.set_rule(first.id, 90, 2, "V")
    services.progress.set_rule(second.id, 90, 2, "I")
    return (first, log(services, team, first, FIRST)), (second, log(services, team, second,
                                                                    SECOND))


def test_mastery_is_judged_by_the_objectives_own_rule_and_names_it(services, team,
                                                                   own_rules):
    (first, first_records), (second, second_records) = own_rules
    # the default rule would judge the other way round
    default = rules.Criterion()
    assert not rules.mastery(rules.points(first_records), default).mastered
    assert rules.mastery(rules.points(second_records), default).mastered
    assert services.progress.for_objective(first.id).mastery.mastered
    assert not services.progress.for_objective(second.id).mastery.mastered

    doc = progress_document(services, team.student.id, "zh_CN", date(2026, 11, 1),
                            date(2026, 11, 30))
    summary = next(b for b in doc.blocks if isinstance(b, d.Table))
    assert summary.rows[0][4] == "已达标 2026-11-11（连续2次课在口头提示及以下完成≥90%）"
    assert summary.rows[1][4].startswith("进行中")
    charts = [b for b in doc.blocks if isinstance(b, d.Chart)]
    assert charts[0].caption == summary.rows[0][4]
    english = progress_document(services, team.student.id, "en", date(2026, 11, 1),
                                date(2026, 11, 30))
    assert ("Mastered 2026-11-11 (90% with at most a verbal prompt in 2 sessions in a row)"
            in english.text())


def test_the_default_rule_is_named_too(services, team, complete_plan):
    from iep_studio.reports.progress_document import rule_words

    assert rule_words(rules.Criterion(), zh=True) == "连续3次课独立完成≥80%"
    assert rule_words(rules.Criterion(), zh=False) == "80% independent in 3 sessions in a row"
    assert rule_words(rules.Criterion(100, 1, "P"), zh=True) == "1次课在部分肢体辅助及以下完成≥100%"
    assert rule_words(rules.Criterion(100, 1, "P"), zh=False) == (
        "100% with at most partial physical help in 1 session")


@needs_poppler
@pytest.mark.parametrize("language, rule", [
    ("zh_CN", "已达标2026-11-11（连续2次课在口头提示及以下完成≥90%）"),
    ("en", "Mastered2026-11-11(90%withatmostaverbalpromptin2sessionsinarow)")])
def test_the_progress_report_names_the_rule_in_both_formats(services, team, own_rules,
                                                            tmp_path, language, rule):
    doc = progress_document(services, team.student.id, language, date(2026, 11, 1),
                            date(2026, 11, 30))
    pdf, word = read_back(doc, tmp_path)
    assert rule in pdf and rule in word
