"""Paper data sheets, read back from PDF and Word: the objectives in the order and
numbering the observation entry lists them, the entry's keys in the legend, a column per
day on a week's sheet, and nobody on it the person may not see."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document as read_docx

from iep_studio.core.access import Actor
from iep_studio.core.iep.terms import objective_sentence
from iep_studio.core.progress.trials import KEYS, ORDER, PROMPT_LEVELS
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.reports.data_sheet import (
    DAY_BOX, data_sheet, legend, sessions_sheet,
)
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.word import render_docx

WEDNESDAY = date(2026, 11, 18)
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is "
                                   "not installed; .ci/run installs it")


@pytest.fixture
def room(services, team, school, complete_plan, another_child):
    """张小明 (two fine-motor objectives, then a social one), 李四 (one social objective)
    and 王五 (no plan), in a session whose lesson trains social skills: the entry opened
    on it lists 张小明's social objective first."""
    zhang, lisi = team.student, another_child["student"]
    goal = services.plans.add_goal(complete_plan.id, "social", "主动与同伴交往")
    services.plans.add_objective(goal.id, {"condition": "课间", "behaviour": "主动邀请同伴游戏",
                                           "criterion": "每周3次"})
    wang = services.students.create(school.id, "王五", student_number="0003")
    students = [zhang.id, lisi.id, wang.id]
    lesson = services.lessons.make_lesson("sit-party-festival-birthday", WEDNESDAY,
                                          [LessonPlace(i) for i in students])
    session = services.planner.add_session(WEDNESDAY, starts="09:00", ends="09:40",
                                           room="资源教室", title="生日会",
                                           lesson_id=lesson.id, student_ids=students)
    return dict(students=students, session=session, lesson=lesson, zhang=zhang, lisi=lisi)


def pdf_text(doc, tmp_path) -> str:
    """The PDF's text with every space and line break taken out (cells wrap anywhere)."""
    render_pdf(doc, tmp_path / "sheet.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "sheet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    return "".join(text.split())


def word_tables(doc, tmp_path):
    render_docx(doc, tmp_path / "sheet.docx")
    return read_docx(str(tmp_path / "sheet.docx")).tables


def squeezed(text: str) -> str:
    return "".join(text.split())


def in_order(needles: list[str], text: str) -> bool:
    at = -1
    for needle in needles:
        at = text.find(needle, at + 1)
        if at < 0:
            return False
    return True


def entry_rows(targets, language: str) -> list[str]:
    """What the entry lists for each target, as the sheet writes it."""
    return [objective_sentence(t, language) if t.objective_id else
            ("没有计划目标" if language.startswith("zh") else "no plan objective")
            for t in targets]


@needs_poppler
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_sessions_sheet_lists_the_objectives_as_the_entry_does(services, room, language,
                                                                 tmp_path):
    targets = services.observations.session_targets(room["session"].id)
    assert targets[0].domain == "social"  # the lesson's domain first, as the entry opens
    doc = sessions_sheet(services, [room["session"].id], language, teacher="王丽")
    expected = entry_rows(targets, language)

    text = pdf_text(doc, tmp_path)
    assert in_order([squeezed(x) for x in expected], text)
    assert "生日会" in text and "王丽" in text and "城南小学" in text and "2026-11-18" in text

    # Word: a table per student after the fields and the legend, numbered as listed.
    tables = word_tables(doc, tmp_path)[2:]
    rows = [(t.rows[0].cells[1].text, r.cells[0].text, r.cells[1].text)
            for t in tables for r in t.rows[1:]]
    assert len(rows) == len(targets)
    assert all(x in cell for x, (_who, _no, cell) in zip(expected, rows))
    names = [t.student_name for t in targets]
    assert [who.split("的")[0].split(":")[0] for who, _no, _cell in rows] == names
    numbers = [no for _who, no, _cell in rows]
    assert numbers == ["1", "2", "3", "1", "1"]
    header = [c.text for c in tables[0].rows[0].cells]
    assert header[2:] == (["尝试", "时长", "次数", "备注"] if language == "zh_CN"
                          else ["Trials", "Duration", "Count", "Note"])


@needs_poppler
def test_a_sheet_for_students_follows_the_plan_order_the_entry_uses(services, room, tmp_path):
    """Without a session (the entry opened from a student's file), the plan's order."""
    targets = services.observations.targets(room["students"])
    assert [t.domain for t in targets[:3]] == ["fine_motor", "fine_motor", "social"]
    doc = data_sheet(services, room["students"], "zh_CN", WEDNESDAY)
    assert in_order([squeezed(x) for x in entry_rows(targets, "zh_CN")],
                    pdf_text(doc, tmp_path))
    cells = [r.cells[1].text for t in word_tables(doc, tmp_path)[2:] for r in t.rows[1:]]
    assert len(cells) == len(targets)
    assert all(x in cell for x, cell in zip(entry_rows(targets, "zh_CN"), cells))


@needs_poppler
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_legend_is_the_entrys_keys(services, room, language, tmp_path):
    keys = {code: key for key, code in KEYS.items()}
    assert legend(language) == [(c, PROMPT_LEVELS.label(c, language), keys[c]) for c in ORDER]
    doc = data_sheet(services, room["students"], language, WEDNESDAY)
    zh = language == "zh_CN"
    heads = [f"{c}（{keys[c]}）" if zh else f"{c} ({keys[c]})" for c in ORDER]
    labels = [PROMPT_LEVELS.label(c, language) for c in ORDER]
    legend_table = word_tables(doc, tmp_path)[1]
    assert [c.text for c in legend_table.rows[0].cells] == heads
    assert [c.text for c in legend_table.rows[1].cells] == labels
    text = pdf_text(doc, tmp_path)
    assert squeezed("".join(heads)) in text
    assert all(squeezed(label) in text for label in labels)


@needs_poppler
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_weeks_sheet_has_a_column_for_each_school_day(services, room, language, tmp_path):
    doc = data_sheet(services, room["students"], language, WEDNESDAY, 5)
    zh = language == "zh_CN"
    days = (["周一\n11/16", "周二\n11/17", "周三\n11/18", "周四\n11/19", "周五\n11/20"] if zh
            else ["Mon\n16/11", "Tue\n17/11", "Wed\n18/11", "Thu\n19/11", "Fri\n20/11"])
    tables = word_tables(doc, tmp_path)[2:]
    assert len(tables) == 3  # 张小明, 李四, 王五
    for table in tables:
        header = [c.text for c in table.rows[0].cells]
        assert header[2:7] == days and header[7] == ("备注" if zh else "Note")
        for row in table.rows[1:]:  # a duration and room for the trials each day
            assert all(c.text.startswith("时长" if zh else "Duration") and c.text.count("\n") >= 3
                       for c in row.cells[2:7])
    text = pdf_text(doc, tmp_path)
    assert in_order([squeezed(x) for x in days], text)
    assert "2026-11-16" in text and "2026-11-20" in text


def test_the_boxes_leave_room_to_write(services, room):
    """A day's trials box is three lines tall even beside a one-line objective."""
    doc = data_sheet(services, room["students"], "zh_CN", WEDNESDAY)
    tables = [b for b in doc.blocks if getattr(b, "rows", None)][2:]
    assert all(row[2] == DAY_BOX and DAY_BOX.count("\n") >= 2 for t in tables for row in t.rows)
    assert all(t.widths[2] >= 3.5 for t in tables)  # cm of 17: ten letters to a line


@needs_poppler
def test_a_student_the_person_may_not_see_is_not_on_the_sheet(services, room, team,
                                                              tmp_path):
    # 刘老师, signed in: on 张小明's team, not on 李四's or 王五's.
    services.store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)
    for doc in (data_sheet(services, room["students"], "zh_CN", WEDNESDAY),
                data_sheet(services, room["students"], "zh_CN", WEDNESDAY, 5),
                sessions_sheet(services, [room["session"].id], "zh_CN")):
        text = pdf_text(doc, tmp_path)
        assert "张小明" in text and "主动邀请同伴游戏" in text
        assert "李四" not in text and "向同伴问好" not in text and "王五" not in text
        assert "刘老师" in text  # the signed-in person, as the teacher


def test_a_sheet_with_nobody_says_so(services, school):
    doc = data_sheet(services, [], "en", WEDNESDAY)
    assert "(no students to record)" in doc.text()
