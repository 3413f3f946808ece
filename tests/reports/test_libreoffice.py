"""The Word documents opened by a real word processor: LibreOffice converts every kind to
PDF and the Chinese comes out as text, in the bundled CJK font (given to LibreOffice
through fontconfig, as on a machine with no Chinese font of its own)."""
from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date

import pytest

from iep_studio.core.services.lessons import LessonPlace
from iep_studio.reports.fonts import cjk_font_path
from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.parent_document import parent_document
from iep_studio.reports.progress_document import progress_document
from iep_studio.reports.teaching_documents import (
    caseload_document, lesson_document, week_document,
)
from iep_studio.reports.word import render_docx

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils is not installed; "
    ".ci/run installs both")


def fontconfig(tmp_path) -> dict:
    """The system's fonts plus the bundled one, with the Word font names mapped to it."""
    config = tmp_path / "fonts.conf"
    aliases = "".join(f"<alias><family>{name}</family><prefer><family>WenQuanYi Micro Hei"
                      "</family></prefer></alias>" for name in ("SimSun", "SimHei"))
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{cjk_font_path().parent}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        f"{aliases}</fontconfig>", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(tmp_path)}


def test_every_word_document_converts_with_its_chinese_intact(services, team, complete_plan,
                                                               tmp_path):
    services.review.submit(complete_plan.id, team.teacher)
    objective = complete_plan.goals[0].objectives[0]
    services.observations.log(team.student.id, objective.id, "IIIIIVN", observed_on="2026-11-20")
    lesson = services.lessons.make_lesson("def-pencil-grip-fine-motor", "2026-11-18",
                                          [LessonPlace(team.student.id, adjustments="放大字卡")])
    services.planner.add_session("2026-11-18", starts="09:00", title="握笔练习",
                                 student_ids=[team.student.id])
    documents = {
        "iep": (iep_document(services, complete_plan.id, "zh_CN"), "提高手眼协调与握笔能力"),
        "parent": (parent_document(services, complete_plan.id, "zh_CN"), "在家里您可以这样做"),
        "progress": (progress_document(services, team.student.id, "zh_CN"), "进展报告"),
        "lesson": (lesson_document(services, "zh_CN", lesson_id=lesson.id), "放大字卡"),
        "week": (week_document(services, date(2026, 11, 18), "zh_CN"), "握笔练习"),
        "caseload": (caseload_document(services, [team.student.id], "zh_CN"), "个案一览"),
    }
    for kind, (doc, _phrase) in documents.items():
        render_docx(doc, tmp_path / f"{kind}.docx")
    out = tmp_path / "pdf"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *[str(tmp_path / f"{kind}.docx") for kind in documents]],
                   env=fontconfig(tmp_path), capture_output=True, check=True, timeout=240)
    for kind, (_doc, phrase) in documents.items():
        pdf = out / f"{kind}.pdf"
        text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
        assert phrase in text and "张小明" in text, kind
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert "WenQuanYi" in fonts or "Droid" in fonts, kind  # a real CJK font, no boxes
