"""Regenerate the example documents in docs/examples from the demo school (run from the
repository root; needs pdftoppm from poppler-utils for the page images):

    python docs/make_examples.py

Each document kind in Chinese and English, as PDF and Word, and its pages as PNG images.
"""
from __future__ import annotations

import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from iep_studio.core.demo import create_demo_school
from iep_studio.core.paths import DataPaths
from iep_studio.core.services import Services
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.core.services.search import load_summaries
from iep_studio.core.store import open_store
from iep_studio.reports.assessment_document import assessment_document, scoring_form
from iep_studio.reports.data_sheet import data_sheet, sessions_sheet
from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.parent_document import parent_document
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.progress_document import progress_document
from iep_studio.reports.teaching_documents import (
    caseload_document, lesson_document, week_document,
)
from iep_studio.reports.word import render_docx

OUT = Path(__file__).parent / "examples"
TODAY = date(2026, 11, 22)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    store = open_store(DataPaths.resolve(Path(tempfile.mkdtemp())).database_url)
    services = Services(store, today=lambda: TODAY)
    create_demo_school(services)
    ids = {s.full_name: s.id for s in load_summaries(store)}
    chen = ids["陈宇轩"]
    plan = services.plans.for_student(chen)[0]
    lesson = services.lessons.make_lesson(
        "app-therapy-ball-prone-rocking", "2026-11-18",
        [LessonPlace(chen, tier=1, adjustments="先示范两次，再请他模仿"),
         LessonPlace(ids["林可欣"], tier=2, adjustments="用图卡提示步骤")])
    active = [s.id for s in load_summaries(store) if not s.archived]
    assessment, _scores = services.item_scoring.of_instrument(chen, "iep-studio-cba")[-1]
    # The demo week's Wednesday has two sessions: the day's sheet shows a part for each.
    week = services.planner.week(TODAY)
    wednesday = [x.id for x in week.on(week.monday + timedelta(days=2))]
    in_week = list(dict.fromkeys(i for x in week.sessions for i in x.student_ids))
    for language in ("zh_CN", "en"):
        documents = {
            "iep": iep_document(services, plan.id, language),
            "parent": parent_document(services, plan.id, language),
            "progress": progress_document(services, chen, language),
            "lesson": lesson_document(services, language, lesson_id=lesson.id),
            "week": week_document(services, TODAY, language),
            "caseload": caseload_document(services, active, language),
            "assessment": assessment_document(services, assessment.id, language),
            "scoring-form": scoring_form(services, "iep-studio-cba", language, chen,
                                         ["expressive_language"]),
            "data-sheet": sessions_sheet(services, wednesday, language, teacher="王丽"),
            "data-sheet-week": data_sheet(services, in_week, language, TODAY, 5,
                                          teacher="王丽"),
        }
        for kind, doc in documents.items():
            stem = OUT / f"{kind}-{language}"
            render_pdf(doc, stem.with_suffix(".pdf"))
            render_docx(doc, stem.with_suffix(".docx"))
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(stem.with_suffix(".pdf")),
                            str(stem)], check=True)
            print(stem.name)
    store.dispose()
    word_pages()


def word_pages() -> None:
    """The .docx files as a word processor lays them out: LibreOffice converts each to PDF
    (with the bundled CJK font standing in for SimSun and SimHei, as on a machine without
    Chinese fonts) and its pages become `<kind>-<language>-word-<n>.png`."""
    import os
    import shutil

    from iep_studio.reports.fonts import cjk_font_path

    if not shutil.which("soffice"):
        print("LibreOffice is not installed: no page images of the Word files")
        return
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        aliases = "".join(f"<alias><family>{name}</family><prefer><family>WenQuanYi Micro Hei"
                          "</family></prefer></alias>" for name in ("SimSun", "SimHei"))
        (work / "fonts.conf").write_text(
            '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f"<dir>{cjk_font_path().parent}</dir><cachedir>{work / 'cache'}</cachedir>"
            f"{aliases}</fontconfig>", encoding="utf-8")
        environment = {**os.environ, "FONTCONFIG_FILE": str(work / "fonts.conf"),
                       "HOME": str(work)}
        files = sorted(str(p) for p in OUT.glob("*.docx"))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                        str(work), *files], check=True, env=environment,
                       capture_output=True, timeout=600)
        for converted in sorted(work.glob("*.pdf")):
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(converted),
                            str(OUT / f"{converted.stem}-word")], check=True)


if __name__ == "__main__":
    main()
