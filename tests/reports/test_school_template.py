"""A school's own Word template, fully kept: its fonts, sizes and heading colours, its
letterhead, footer and margins; our running header and page numbers are added on every
page, a first page of its own included; tables fill its text width; the PDF takes its
margins and still shows the school and its logo."""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from docx import Document as new_docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from iep_studio.reports.export import Finish, write
from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.parent_document import parent_document
from iep_studio.reports.word import render_docx

from .test_school_finish import logo_png

RED = RGBColor(0xC0, 0x00, 0x00)
LETTERHEAD = "杭州市城南小学 资源教室"
ADDRESS = "地址：杭州市上城区城南路 1 号"
LEFT, RIGHT, TOP, BOTTOM = Cm(3), Cm(2.4), Cm(3.5), Cm(2.5)  # 15.6 cm of text on A4


def school_template(path, page_number: bool = False) -> None:
    """As a school makes one in Word: 仿宋 12 pt text, red headings, a letterhead on the
    first page and a shorter one on the others, the address in the footer."""
    template = new_docx()
    section = template.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    normal = template.styles["Normal"]
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), "仿宋")
    template.styles["Heading 1"].font.color.rgb = RED
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = LETTERHEAD
    section.header.paragraphs[0].text = "杭州市城南小学"
    footer = section.footer.paragraphs[0]
    footer.text = ADDRESS
    if page_number:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), " PAGE ")
        footer._p.append(field)
    template.add_paragraph("模板里的示例文字")
    template.save(str(path))


def signed(services, team, plan):
    services.review.submit(plan.id, team.teacher)
    services.review.sign_together(plan.id, [team.teacher, team.principal], [team.mother.id])
    return services.plans.get(plan.id)


def page_fields(story) -> list[str]:
    """The field instructions of a header or footer, simple fields' too."""
    element = story._element
    return ([t.text.strip() for t in element.iter(qn("w:instrText"))]
            + [f.get(qn("w:instr")).strip() for f in element.iter(qn("w:fldSimple"))])


@pytest.fixture
def exported(services, team, complete_plan, tmp_path):
    school_template(tmp_path / "school.docx")
    plan = signed(services, team, complete_plan)
    doc = iep_document(services, plan.id, "zh_CN")
    write(doc, tmp_path / "iep.docx", Finish(word_template=tmp_path / "school.docx"))
    return doc, new_docx(str(tmp_path / "iep.docx"))


def test_the_templates_fonts_sizes_and_heading_colours_are_kept(exported):
    _doc, word = exported
    normal = word.styles["Normal"]
    assert normal.font.size == Pt(12)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert word.styles["Heading 1"].font.color.rgb == RED
    # Our runs name no font and colour no heading: the template's styles decide.
    body = word.element.body
    assert not [f for f in body.iter(qn("w:rFonts")) if f.getparent().getparent().tag
                == qn("w:r")]
    headings = [p for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings and all(r.font.color.rgb is None for p in headings for r in p.runs)
    # A font the template leaves to the theme is named, in Chinese, never Japanese.
    styles = word.styles.element
    assert not [f for f in styles.iter(qn("w:rFonts")) if f.get(qn("w:eastAsiaTheme"))]
    assert word.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_every_page_keeps_the_letterhead_and_has_the_student_and_its_number(exported):
    doc, word = exported
    section = word.sections[0]
    assert section.different_first_page_header_footer
    for header, letterhead in ((section.first_page_header, LETTERHEAD),
                               (section.header, "杭州市城南小学")):
        lines = [p.text for p in header.paragraphs]
        assert lines[0] == letterhead and doc.running_head in lines[1:]
    for footer in (section.first_page_footer, section.footer):
        assert page_fields(footer).count("PAGE") == 1 and "NUMPAGES" in page_fields(footer)
    assert section.footer.paragraphs[0].text == ADDRESS  # the template's own footer stays
    assert "模板里的示例文字" not in [p.text for p in word.paragraphs]


def test_a_page_number_the_template_has_is_not_doubled(services, team, complete_plan,
                                                        tmp_path):
    school_template(tmp_path / "school.docx", page_number=True)
    render_docx(iep_document(services, complete_plan.id, "zh_CN"), tmp_path / "iep.docx",
                base=tmp_path / "school.docx")
    section = new_docx(str(tmp_path / "iep.docx")).sections[0]
    assert page_fields(section.footer) == ["PAGE"]
    assert page_fields(section.first_page_footer).count("PAGE") == 1  # ours: it had none


def test_tables_are_as_wide_as_the_templates_text(exported):
    _doc, word = exported
    assert len(word.tables) >= 4
    for table in word.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - round(Cm(15.6).twips)) <= len(grid)


def test_the_parent_versions_large_type_enlarges_the_templates_sizes(services, complete_plan,
                                                                     tmp_path):
    school_template(tmp_path / "school.docx")
    render_docx(parent_document(services, complete_plan.id, "zh_CN"), tmp_path / "p.docx",
                base=tmp_path / "school.docx")
    word = new_docx(str(tmp_path / "p.docx"))
    assert word.styles["Normal"].font.size == Pt(16)  # 12 pt as 10.5 pt becomes 14 pt
    assert word.styles["Heading 1"].font.size == Pt(18.5)  # 14 pt, likewise
    assert word.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    for name in ("Header", "Footer"):  # the letterhead and the address as they were
        assert word.styles[name].font.size == Pt(12)


def test_the_student_and_period_end_at_the_right_margin(services, complete_plan, tmp_path):
    """Not at the Header style's tab stops, which Word sets for a Letter page."""
    doc = iep_document(services, complete_plan.id, "zh_CN")
    render_docx(doc, tmp_path / "iep.docx")
    line = new_docx(str(tmp_path / "iep.docx")).sections[0].header.paragraphs[0]
    assert line.text.endswith("\t" + doc.running_head)
    stops = {round(stop.position.cm, 2): stop.alignment
             for stop in line.paragraph_format.tab_stops}
    assert stops.pop(17.0) == WD_TAB_ALIGNMENT.RIGHT
    assert set(stops.values()) == {WD_TAB_ALIGNMENT.CLEAR}  # the style's own, cleared


def pdf_words(path) -> list[list[tuple[float, float, float, float, str]]]:
    """The words of every page with their boxes, in points from the top left."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    return [[(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
              float(w.get("yMax")), w.text or "") for w in page.iter(f"{ns}word")]
            for page in ET.fromstring(xhtml).iter(f"{ns}page")]


@pytest.mark.skipif(not shutil.which("pdftotext"),
                    reason="poppler-utils is not installed; .ci/run installs it")
def test_the_pdf_takes_the_templates_margins_and_shows_the_school(services, team,
                                                                  complete_plan, tmp_path):
    school_template(tmp_path / "school.docx")
    logo_png(tmp_path / "logo.png")
    plan = signed(services, team, complete_plan)
    for name, finish in (("school", Finish(tmp_path / "logo.png", tmp_path / "school.docx")),
                         ("standard", Finish(tmp_path / "logo.png"))):
        write(iep_document(services, plan.id, "zh_CN"), tmp_path / f"{name}.pdf", finish)
    width, points = Cm(21).pt, lambda length: length.pt
    left, right, top, bottom = (points(LEFT), width - points(RIGHT), points(TOP),
                                Cm(29.7).pt - points(BOTTOM))
    pages = pdf_words(tmp_path / "school.pdf")
    assert len(pages) >= 2 and b"/Subtype /Image" in (tmp_path / "school.pdf").read_bytes()
    words = [w for page in pages for w in page]
    standard = [w for page in pdf_words(tmp_path / "standard.pdf") for w in page]
    # The text starts as much further in as the template's margin is wider than our 2 cm
    # (both a frame's padding in from the margin), and the running head ends at it.
    assert min(w[0] for w in words) - min(w[0] for w in standard) == pytest.approx(
        left - Cm(2).pt, abs=0.5)
    assert max(w[2] for w in words) == pytest.approx(right, abs=0.5)
    assert max(w[2] for w in standard) == pytest.approx(Cm(19).pt, abs=0.5)
    for page in pages:
        assert "城南小学" in [w[4] for w in page if w[3] < top]  # in the header
        number = [w for w in page if w[1] > bottom]  # in the bottom margin
        assert number and (min(w[0] for w in number) + max(w[2] for w in number)) / 2 \
            == pytest.approx((left + right) / 2, abs=1)
        body = [w for w in page if top <= w[1] <= bottom]
        assert body and min(w[1] for w in body) < top + Pt(30).pt  # the text starts there


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or poppler-utils is not installed; .ci/run installs "
                    "both")
def test_a_word_processor_shows_the_student_and_number_on_every_page(exported, tmp_path):
    from .test_libreoffice import fontconfig

    doc, _word = exported
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path / "out"), str(tmp_path / "iep.docx")],
                   env=fontconfig(tmp_path), capture_output=True, check=True, timeout=240)
    pages = subprocess.run(["pdftotext", str(tmp_path / "out" / "iep.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    pages = ["".join(page.split()) for page in pages if page.strip()]
    assert len(pages) >= 2
    assert LETTERHEAD.replace(" ", "") in pages[0]
    for number, page in enumerate(pages, start=1):
        assert "".join(doc.running_head.split()) in page
        assert f"第{number}页/共{len(pages)}页" in page
        assert "杭州市城南小学" in page
