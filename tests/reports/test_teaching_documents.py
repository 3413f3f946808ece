"""Lesson plans, the room's weekly plan and the caseload summary, built and read back."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document as read_docx

from iep_studio.cli import main
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.reports import document as d
from iep_studio.reports.teaching_documents import (
    caseload_document, lesson_document, week_document,
)
from iep_studio.reports.word import render_docx


def test_a_lesson_plan_from_a_lesson_lists_each_students_level_and_adjustments(
        services, team, tmp_path):
    lesson = services.lessons.make_lesson(
        "app-therapy-ball-prone-rocking", "2026-11-18",
        [LessonPlace(team.student.id, tier=1, adjustments="先示范两次")])
    doc = lesson_document(services, "zh_CN", lesson_id=lesson.id)
    students = next(b for b in doc.blocks if isinstance(b, d.Table))
    assert students.rows == [["张小明", "基础层", "先示范两次"]]
    text = doc.text()
    assert "教学过程" in text and "分层作业" in text and "2026-11-18" in text
    assert "器材本位（大龙球）" in text
    render_docx(doc, tmp_path / "lesson.docx")
    assert "先示范两次" in "".join(c.text for t in read_docx(str(tmp_path / "lesson.docx")).tables
                                  for row in t.rows for c in row.cells)


def test_a_lesson_plan_from_a_unit_in_english(services):
    doc = lesson_document(services, "en", unit_id="def-pencil-grip-fine-motor")
    assert doc.title.startswith("Lesson plan: ") and "Graded assignments" in doc.text()


def test_the_weekly_plan_has_the_themes_activities_and_sessions(services, team):
    theme = services.planner.add_theme("2026-11-01", "认识秋天", aims="观察树叶")
    activity = services.planner.add_activity("2026-11-16", "树叶拼贴", theme_id=theme.id,
                                             student_ids=[team.student.id])
    services.planner.add_session("2026-11-18", starts="09:00", ends="09:40", room="资源教室",
                                 activity_id=activity.id)
    doc = week_document(services, date(2026, 11, 20), "zh_CN")
    assert doc.subtitle == "2026-11-16 — 2026-11-22"
    sessions = [b for b in doc.blocks if isinstance(b, d.Table)][-1]
    assert sessions.rows == [["2026-11-18", "09:00–09:40", "资源教室", "树叶拼贴", "张小明"]]
    assert "认识秋天" in doc.text() and "观察树叶" in doc.text()


def test_the_caseload_summary_counts_each_students_objectives(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    doc = caseload_document(services, [team.student.id], "zh_CN")
    summary = next(b for b in doc.blocks if isinstance(b, d.Table))
    # Two objectives, none mastered, none stalled, both without data since September.
    assert summary.rows == [["张小明", "随班就读+资源教室", "审阅中", "2", "0", "0", "2"]]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed; "
                    ".ci/run installs it")
def test_the_export_command_writes_the_rooms_week_and_refuses_a_wrong_date(tmp_path, capsys):
    data, out = tmp_path / "data", tmp_path / "out"
    assert main(["--data-dir", str(data), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", "--kind", "week", "--week", "2026-11-20",
                 "--out", str(out)]) == 0
    [written] = capsys.readouterr().out.split()
    assert written.endswith("资源教室周计划_2026-11-20_zh_CN.pdf")
    text = subprocess.run(["pdftotext", written, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "资源教室周计划" in text and "2026-11-16 — 2026-11-22" in text
    assert main(["--data-dir", str(data), "export", "--kind", "week", "--week", "2026-13-01",
                 "--out", str(out)]) == 2
    assert '"2026-13-01" is not a date.' in capsys.readouterr().err
