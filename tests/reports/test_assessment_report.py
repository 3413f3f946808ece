"""The assessment report and the paper scoring form, read back from the PDF and the Word
file: the profile, where the child stands in words, what changed, every item scored; and
a form a teacher can score on with a pencil."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document as read_docx

from iep_studio.core.demo import create_demo_school
from iep_studio.core.services.search import load_summaries
from iep_studio.reports.assessment_document import assessment_document, scoring_form
from iep_studio.reports.export import build
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.word import render_docx

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"),
                                reason="poppler-utils is not installed; .ci/run installs it")


@pytest.fixture(scope="module")
def chen(tmp_path_factory):
    """The demo's 陈宇轩, with two assessments on IEP Studio's own, a year apart."""
    from datetime import date

    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'iep-studio.sqlite'}")
    services = Services(store, today=lambda: date(2026, 11, 22))
    create_demo_school(services)
    student = next(r for r in load_summaries(store) if r.full_name == "陈宇轩")
    yield services, student
    store.dispose()


def read_back(doc, folder) -> tuple[str, str]:
    render_pdf(doc, folder / "a.pdf")
    render_docx(doc, folder / "a.docx")
    pdf = "".join(subprocess.run(["pdftotext", str(folder / "a.pdf"), "-"], capture_output=True,
                                 text=True, check=True).stdout.split())
    word = read_docx(folder / "a.docx")
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return pdf, "".join("".join([p.text for p in word.paragraphs] + cells).split())


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_report_says_where_the_child_stands_and_what_changed(chen, language, tmp_path):
    services, student = chen
    doc = build(services, "assessment", student.id, language)  # his latest
    pdf, word = read_back(doc, tmp_path)
    zh = language == "zh_CN"
    for text in (pdf, word):
        assert ("评估报告" if zh else "Assessmentreport") in text
        assert "2026-09-10" in text and "陈宇轩" in text
        # Where he stands, in words, per domain, with the raw total.
        assert ("能独立：用“我要＋物品”的句子提出要求" if zh else
                "Independently:askswithan'Iwant+thing'sentence") in text
        assert "12/18" in text  # expressive language: 12 of 18 possible
        # What he does alone now that he did not at the assessment a year before.
        assert ("与2025-09-12相比" if zh else "Since2025-09-12") in text
        # Every item scored, with its score.
        assert ("1部分掌握" if zh else "1Emerging") in text
    assert [b for b in doc.blocks if type(b).__name__ == "Chart"]  # the profile
    assert len(read_docx(tmp_path / "a.docx").inline_shapes) == 1


def test_the_first_assessment_has_nothing_to_compare(chen, tmp_path):
    services, student = chen
    first, _scores = services.item_scoring.of_instrument(student.id, "iep-studio-cba")[0]
    pdf, _word = read_back(assessment_document(services, first.id, "zh_CN"), tmp_path)
    assert "2025-09-12" in pdf and "相比" not in pdf


def test_the_paper_form_has_every_item_of_the_domains_asked_with_boxes(chen, tmp_path):
    services, student = chen
    doc = scoring_form(services, "iep-studio-cba", "zh_CN", student.id, ["social"])
    pdf, word = read_back(doc, tmp_path)
    social = [p for p in services.instruments.get("iep-studio-cba").items()
              if p.domain == "social"]
    for text in (pdf, word):
        assert "评分记录表" in text and "陈宇轩" in text
        assert "□0□1□2□N/A" in text
        assert "".join(social[0].item.behaviour.zh.split()) in text
        assert "".join(social[-1].item.behaviour.zh.split()) in text
        assert "表达需要" not in text  # another domain's ladder: not asked for
    assert word.count("□N/A") == len(social)


def test_the_parent_version_says_what_the_child_can_do_now(chen, tmp_path):
    from iep_studio.reports.parent_document import parent_document

    services, student = chen
    plan = services.plans.for_student(student.id)[0]
    pdf, word = read_back(parent_document(services, plan.id, "zh_CN"), tmp_path)
    for text in (pdf, word):
        assert "陈宇轩现在能做到的" in text
        assert "语言表达与沟通：用“我要＋物品”的句子提出要求" in text
