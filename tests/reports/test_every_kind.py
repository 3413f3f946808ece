"""Every kind of document, in both languages, read back from both formats: its title and
the student's name as text in the PDF, every font embedded, and in Word the East Asian
font on every run."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from iep_studio.core.services.lessons import LessonPlace
from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.parent_document import parent_document
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.progress_document import progress_document
from iep_studio.reports.teaching_documents import (
    caseload_document, lesson_document, week_document,
)
from iep_studio.reports.word import render_docx

KINDS = ("iep", "parent", "progress", "lesson", "week", "caseload")


@pytest.fixture
def build(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    objective = complete_plan.goals[0].objectives[0]
    services.observations.log(team.student.id, objective.id, "IIIVN", observed_on="2026-11-20")
    lesson = services.lessons.make_lesson("def-pencil-grip-fine-motor", "2026-11-18",
                                          [LessonPlace(team.student.id)])
    services.planner.add_session("2026-11-18", title="握笔练习", student_ids=[team.student.id])
    makers = {
        "iep": lambda lang: iep_document(services, complete_plan.id, lang),
        "parent": lambda lang: parent_document(services, complete_plan.id, lang),
        "progress": lambda lang: progress_document(services, team.student.id, lang),
        "lesson": lambda lang: lesson_document(services, lang, lesson_id=lesson.id),
        "week": lambda lang: week_document(services, date(2026, 11, 18), lang),
        "caseload": lambda lang: caseload_document(services, [team.student.id], lang),
    }
    return lambda kind, language: makers[kind](language)


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed; "
                    ".ci/run installs it")
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reads_back_from_pdf_and_word(build, kind, language, tmp_path):
    doc = build(kind, language)
    render_pdf(doc, tmp_path / "a.pdf")
    render_docx(doc, tmp_path / "a.docx")
    text = "".join(subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout.split())
    assert "".join(doc.title.split()) in text
    assert "张小明" in text or "握笔" in text  # the student, or the lesson's unit
    fonts = subprocess.run(["pdffonts", str(tmp_path / "a.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts)
    word = read_docx(str(tmp_path / "a.docx"))
    assert word.paragraphs[0].text == doc.title
    runs = [r for p in word.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs
             for r in p.runs if r.text.strip()]
    assert all(r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)
    lang = word.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
