"""A Word file whole in Word, WPS and LibreOffice: each table declares the widths it really
has in its grid (the readers that follow the grid laid "序号" as wide as "短期目标" and
grew documents by pages), fills the page's text width, keeps its header with the first
row, and the signature table stays whole with its note."""
from __future__ import annotations

from docx import Document as read_docx
from docx import Document as new_docx
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.word import render_docx


def signed(services, team, plan):
    services.review.submit(plan.id, team.teacher)
    services.review.sign_together(plan.id, [team.teacher, team.principal], [team.mother.id])
    return services.plans.get(plan.id)


def grid_and_cells(table) -> tuple[list[int], list[int]]:
    """The widths (in twentieths of a point) the grid declares, and those of the first
    row's cells."""
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in table.rows[0]._tr.tc_lst]
    return grid, cells


def keeps_with_next(row) -> bool:
    return all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)


def cannot_split(row) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:cantSplit")) is not None


def test_every_table_declares_its_real_widths_and_keeps_its_header_with_it(
        services, team, complete_plan, tmp_path):
    plan = signed(services, team, complete_plan)
    render_docx(iep_document(services, plan.id, "zh_CN"), tmp_path / "iep.docx")
    word = read_docx(str(tmp_path / "iep.docx"))
    text_width = round(Cm(17) / 635)  # A4 with 2 cm margins, in twentieths of a point
    assert len(word.tables) >= 4
    for table in word.tables:
        grid, cells = grid_and_cells(table)
        assert grid == cells  # the grid is the cells' widths, not equal columns
        assert abs(sum(grid) - text_width) <= len(grid)
        if len(table.rows) > 1:
            assert keeps_with_next(table.rows[0])  # never alone at the foot of a page
        assert all(cannot_split(row) for row in table.rows)
    # The signature table (the last): every row stays with the next, so it is whole on
    # one page; its last row ends the chain.
    signatures = word.tables[-1]
    assert [row.cells[1].text for row in signatures.rows[1:]][:3] == ["王丽", "陈校长", "李梅"]
    assert all(keeps_with_next(row) for row in signatures.rows[:-1])
    assert not keeps_with_next(signatures.rows[-1])


def test_tables_fit_the_text_width_of_a_schools_template(services, team, complete_plan,
                                                         tmp_path):
    template = new_docx()
    section = template.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.7)  # 15.6 cm of text
    template.save(str(tmp_path / "school.docx"))
    plan = signed(services, team, complete_plan)
    render_docx(iep_document(services, plan.id, "zh_CN"), tmp_path / "iep.docx",
                base=tmp_path / "school.docx")
    word = read_docx(str(tmp_path / "iep.docx"))
    for table in word.tables:
        grid, _cells = grid_and_cells(table)
        assert abs(sum(grid) - round(Cm(15.6) / 635)) <= len(grid)


def test_a_draft_says_so_on_every_page_and_has_nothing_to_sign(services, team, complete_plan,
                                                                 tmp_path):
    import shutil
    import subprocess

    import pytest

    from iep_studio.reports.parent_document import parent_document
    from iep_studio.reports.pdf import render_pdf

    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed; .ci/run installs it")
    for make, name in ((iep_document, "iep"), (parent_document, "parent")):
        doc = make(services, complete_plan.id, "zh_CN")
        assert doc.watermark == "草稿"
        render_pdf(doc, tmp_path / f"{name}.pdf")
        pages = subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout.split("\f")
        pages = [p for p in pages if p.strip()]
        assert pages and all("草稿" in page for page in pages)
        render_docx(doc, tmp_path / f"{name}.docx")
        word = read_docx(str(tmp_path / f"{name}.docx"))
        assert "草稿" in [p.text for p in word.sections[0].header.paragraphs]
        assert "签名" not in [c.text for t in word.tables for c in t.rows[0].cells]
        assert "草稿：提交团队审阅后再签名。" in [p.text for p in word.paragraphs]
    # With the team, the plan is signed at the meeting: the signature lines, no mark.
    plan = signed(services, team, complete_plan)
    doc = iep_document(services, plan.id, "zh_CN")
    assert doc.watermark == "" and "签名" in doc.text()


def test_the_paragraph_after_the_last_table_is_too_small_to_make_a_blank_page(
        services, team, complete_plan, tmp_path):
    plan = signed(services, team, complete_plan)
    render_docx(iep_document(services, plan.id, "zh_CN"), tmp_path / "iep.docx")
    word = read_docx(str(tmp_path / "iep.docx"))
    body = list(word.element.body)
    assert body[-3].tag == qn("w:tbl")  # the signature table, its paragraph, the section
    last = word.paragraphs[-1]
    assert last.text == "" and last.paragraph_format.line_spacing == Pt(1)
    assert all(run.font.size == Pt(1) for run in last.runs)
