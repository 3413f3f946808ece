"""The document model laid out as a Word document with python-docx.

Chinese needs care that python-docx does not take: `font.name` sets only the Latin font,
and the default template's theme fonts override named ones (Chinese then comes out in a
Japanese font). So the East Asian font is set on the defaults, every style used and every
run, the theme attributes are removed, and the language is zh-CN. A school's own .docx
(letterhead, styles, header and footer) can be the starting point instead of the default:
then its fonts, sizes and colours are the school's, and only what it lacks is filled in.
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from . import document as d
from .columns import fields_shares, table_shares
from .fonts import WORD_EAST_ASIAN, WORD_EAST_ASIAN_HEADING, WORD_LATIN

THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BLUE = RGBColor(0x1A, 0x4F, 0x8B)
GREY = RGBColor(0x55, 0x55, 0x55)
BULLET_INDENT = 1.5  # ems from the margin to a bullet's text we write, as in the PDF


def render_docx(doc: d.Document, target: Path | BytesIO, base: Path | None = None) -> None:
    """Write `doc` as .docx; `base` is a school's own .docx to start from (its content is
    replaced; its styles, page set-up, header and footer are kept, and the running header
    and page numbers are added to them)."""
    word = _open_template(base) if base else new_docx()
    if base:
        _clear_body(word)
        _add_missing_styles(word)
        size = _keep_fonts(word, doc.large_type)
    else:
        size = 14 if doc.large_type else 10.5
        _set_fonts(word, doc.language, size)
        section = word.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as schools print
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
    _header_footer(word, doc, keep=bool(base))
    properties = word.core_properties
    properties.title, properties.author, properties.subject = (
        doc.title, doc.school, doc.running_head)
    properties.language = _lang(doc.language)
    title = word.add_paragraph(style="Title")
    _run(title, doc.title, doc.language)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.subtitle:
        sub = word.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(sub, doc.subtitle, doc.language, colour=GREY)
    for block in doc.blocks:
        _block(word, block, doc.language, size)
    if base:
        _unname_fonts(word.element.body)
    _shrink_last_paragraph(word)
    word.save(target if isinstance(target, BytesIO) else str(target))


def _open_template(base: Path):
    from zipfile import BadZipFile

    from docx.opc.exceptions import PackageNotFoundError

    from ..core.errors import QT_TRANSLATE_NOOP, IepStudioError

    try:
        return new_docx(str(base))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as error:
        raise IepStudioError(QT_TRANSLATE_NOOP(
            "Errors", "The Word template {path} cannot be opened as a .docx document. Choose "
            "another in Settings, or clear it to use the standard layout."),
            path=str(base)) from error


def template_page(base: Path) -> d.Page:
    """The page size and margins of a school's template, for the PDF to follow: those of
    its last section, the one the Word documents keep."""
    section = _open_template(base).sections[-1]
    a4 = {"page_width": Cm(21), "page_height": Cm(29.7)}

    def points(side: str) -> float:
        length = getattr(section, side)
        return (length if length is not None else a4.get(side, Cm(2))) / 12700
    return d.Page(*(points(side) for side in (
        "page_width", "page_height", "top_margin", "right_margin", "bottom_margin",
        "left_margin")))


NEEDED_STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet")


def _add_missing_styles(word) -> None:
    """A school's template (a blank document saved from Word, say) may hold only Normal:
    add the paragraph styles the documents use, based on Normal and sized from it as our
    own are, and mark tables with borders directly when it has no "Table Grid"."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.name for style in word.styles}
    body = _style_size(word)
    for name in NEEDED_STYLES:
        if name not in names:
            style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = word.styles["Normal"]
            style.font.bold = name != "List Bullet"
            if name in HEADING_SCALE:
                style.font.size = Pt(round(body * HEADING_SCALE[name] * 2) / 2)
                style.paragraph_format.keep_with_next = True
            if name.startswith("Heading"):
                style.paragraph_format.space_before = Pt(body * 0.9)


# Title and headings against the body size, as in our own layout and the PDF.
HEADING_SCALE = {"Title": 1.8, "Heading 1": 1.35, "Heading 2": 1.12}


def _style_size(word, style=None) -> float:
    """The size of a paragraph style's text in points (Normal's by default): its own or its
    base style's, else the document default, else Word's 10 pt."""
    style = style or word.styles["Normal"]
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    default = word.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return int(default.get(qn("w:val"))) / 2 if default is not None else 10.0


def _clean(text: str) -> str:
    """Text Word can hold: a vertical tab or form feed (pasted from PowerPoint or Excel)
    becomes a line break, other control characters go."""
    text = (text or "").replace("\x0b", "\n").replace("\x0c", "\n").replace("\r\n", "\n")
    return "".join(c for c in text if c in "\n\t" or ord(c) >= 0x20)


def _lang(language: str) -> str:
    return "zh-CN" if language.startswith("zh") else "en-US"


def _clear_body(word) -> None:
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the page set-up, header and footer stay
            body.remove(child)


def _east_asian(rpr, east_asian: str, language: str) -> None:
    """Name the fonts for every script on a run or style, without theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), WORD_LATIN)
    fonts.set(qn("w:hAnsi"), WORD_LATIN)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), WORD_LATIN)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), _lang(language))
    lang.set(qn("w:eastAsia"), "zh-CN")


def _set_fonts(word, language: str, size: float) -> None:
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _east_asian(rpr, WORD_EAST_ASIAN, language)
    sizes = {"Normal": size, **{name: size * k for name, k in HEADING_SCALE.items()}}
    for name, points in sizes.items():
        style = styles[name]
        style.font.size = Pt(points)
        heading = name != "Normal"
        _east_asian(style.element.get_or_add_rPr(),
                    WORD_EAST_ASIAN_HEADING if heading else WORD_EAST_ASIAN, language)
        if heading:
            style.font.color.rgb = BLUE if name != "Title" else RGBColor(0, 0, 0)
    normal = styles["Normal"].paragraph_format
    normal.line_spacing = 1.4
    normal.space_after = Pt(size * 0.4)


LARGE = 14 / 10.5  # the parent version's type against the usual 五号


def _keep_fonts(word, large: bool) -> float:
    """A school's template keeps its fonts, sizes and heading colours; only what it lacks
    is filled in. A Chinese font left to the theme is named: Word picks a theme's East
    Asian font by a language setting that is Japanese in many templates, and LibreOffice
    and WPS may not follow the theme at all. The parent version's large type enlarges the
    template's sizes as ours are enlarged. Returns the body size in points."""
    styles = word.styles.element
    theme = _theme_fonts(word)
    default = _default_rpr(word)
    for fonts in styles.iter(qn("w:rFonts")):
        slot = fonts.get(qn("w:eastAsiaTheme"))
        if slot:
            del fonts.attrib[qn("w:eastAsiaTheme")]
            major = slot.startswith("major")
            fonts.set(qn("w:eastAsia"), theme.get("major" if major else "minor") or (
                WORD_EAST_ASIAN_HEADING if major else WORD_EAST_ASIAN))
    fonts = default.get_or_add_rFonts()
    if not fonts.get(qn("w:eastAsia")):
        fonts.set(qn("w:eastAsia"), theme.get("minor") or WORD_EAST_ASIAN)
    # What still names the theme (the letterhead's own runs) takes its Chinese font.
    theme_language = word.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:eastAsia"), "zh-CN")
    if large:
        # The letterhead and the footer stay as the school set them.
        pinned = [(style, _style_size(word, style)) for style in (
            _paragraph_style(word, "Header"), _paragraph_style(word, "Footer")) if style]
        if default.sz_val is None:
            default.sz_val = Pt(10)  # Word's size when none is set
        for size in styles.iter(qn("w:sz"), qn("w:szCs")):
            size.set(qn("w:val"), str(round(int(size.get(qn("w:val"))) * LARGE)))
        for style, points in pinned:
            style.font.size = Pt(points)
    return _style_size(word)


def _default_rpr(word):
    """The document's default run properties, made if the template has none."""
    parent = word.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr"):
        child = parent.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            parent.insert(0, child)  # each comes first in its parent
        parent = child
    return parent


def _theme_fonts(word) -> dict[str, str]:
    """The theme's Simplified Chinese fonts, by "major" (headings) and "minor" (text)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    found = {}
    for rel in word.part.rels.values():
        if rel.reltype != RT.THEME or rel.is_external:
            continue
        theme = parse_xml(rel.target_part.blob)
        for slot in ("major", "minor"):
            for scheme in theme.iter(f"{drawing}{slot}Font"):
                hans = scheme.find(f"{drawing}font[@script='Hans']")
                if hans is not None and hans.get("typeface"):
                    found[slot] = hans.get("typeface")
    return found


def _unname_fonts(element) -> None:
    """Take the font names off the runs under `element`, so that a school's styles decide
    (our own layout names them on every run, in case a reader ignores a style's)."""
    run_fonts = [fonts for fonts in element.iter(qn("w:rFonts"))
                 if fonts.getparent().getparent().tag == qn("w:r")]
    for fonts in run_fonts:
        fonts.getparent().remove(fonts)


def _run(paragraph, text: str, language: str, colour: RGBColor | None = None,
         east_asian: str = WORD_EAST_ASIAN, size: float | None = None):
    lines = _clean(text).split("\n")
    run = None
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
        _east_asian(run._element.get_or_add_rPr(), east_asian, language)
        if colour is not None:
            run.font.color.rgb = colour
        if size is not None:
            run.font.size = Pt(size)
    return run


def _block(word, block, language: str, size: float) -> None:
    if isinstance(block, d.Heading):
        paragraph = word.add_paragraph(style="Heading 1" if block.level <= 1 else "Heading 2")
        _run(paragraph, block.text, language, east_asian=WORD_EAST_ASIAN_HEADING)
    elif isinstance(block, d.Paragraph):
        paragraph = word.add_paragraph()
        if block.style == "note":
            _run(paragraph, block.text, language, colour=GREY, size=size * 0.85)
        elif block.style == "lead":
            _run(paragraph, block.text, language, size=size * 1.1)
        else:
            _run(paragraph, block.text, language)
    elif isinstance(block, d.Bullets):
        # A List Bullet added to a school's template has no numbering: write the bullet,
        # with a hanging indent so that the lines after the first start under the text
        # (the tab goes to the indent), as the numbered style does.
        ppr = word.styles["List Bullet"].element.pPr
        numbered = ppr is not None and ppr.find(qn("w:numPr")) is not None
        for item in block.items:
            paragraph = word.add_paragraph(style="List Bullet")
            if not numbered:
                paragraph.paragraph_format.left_indent = Pt(size * BULLET_INDENT)
                paragraph.paragraph_format.first_line_indent = -Pt(size * BULLET_INDENT)
            _run(paragraph, item if numbered else "•\t" + item, language)
    elif isinstance(block, d.Fields):
        pairs = list(block.pairs)
        rows = [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
        table, cells = _table(word, len(rows), 4,
                              fields_shares(block, _text_width(word), size))
        for row, row_cells in zip(rows, cells):
            for c, (label, value) in enumerate(row):
                _cell(row_cells[c * 2], label, language, shade=True)
                _cell(row_cells[c * 2 + 1], value, language)
    elif isinstance(block, d.Table):
        table, cells = _table(word, len(block.rows) + 1, len(block.columns),
                              table_shares(block, _text_width(word), size))
        for c, text in enumerate(block.columns):
            _cell(cells[0][c], text, language, shade=True)
        _repeat_header(table.rows[0])
        for row, row_cells in zip(block.rows, cells[1:]):
            for text, cell in zip(row, row_cells):
                _cell(cell, text, language)
    elif isinstance(block, d.Chart):
        word.add_picture(BytesIO(block.image), width=Cm(block.width_cm))
        word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if block.caption:
            caption = word.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(caption, block.caption, language, colour=GREY, size=size * 0.85)
    elif isinstance(block, d.Signatures):
        _signatures(word, block, language, size)
    elif isinstance(block, d.PageBreak):
        word.add_page_break()
    else:
        raise TypeError(f"unknown block {block!r}")


def _table(word, rows: int, columns: int, shares: list[float]):
    """A table and its cells row by row: python-docx's table.cell(r, c) walks the whole
    table each time, which made a long plan's tables take most of the export.

    The widths are declared twice, as Word files do: in the table's grid and on every
    cell. LibreOffice, WPS and other readers lay a table out from its grid alone, so a
    grid of equal columns made "序号" as wide as "短期目标" there and documents pages
    longer. The table fills the text width of the page it is on (a school's template may
    have other margins). Its header row stays with the first row below it."""
    table = word.add_table(rows=rows, cols=columns)
    if "Table Grid" in {style.name for style in word.styles}:
        table.style = "Table Grid"
    else:
        _borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    section = word.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    widths = [int(text_width * share) for share in shares]
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(round(width / 635)))  # EMU to twentieths of a point
    cells = [row.cells for row in table.rows]
    for row_cells in cells:
        for cell, width in zip(row_cells, widths):
            cell.width = width
    for row in table.rows:
        _keep_row_whole(row)
    if rows > 1:
        _keep_with_next(cells[0])
    word.add_paragraph()  # room after the table, as in the PDF
    return table, cells


def _text_width(word) -> float:
    """The text width of the last section, in points, as _table fills it."""
    section = word.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 12700


def _shrink_last_paragraph(word) -> None:
    """A Word body ends with a paragraph; after a table ending at the foot of a page, a
    full-height one is a blank last page. One point high, it stays on the page."""
    last = word.paragraphs[-1] if word.paragraphs else None
    if last is None or last.text or last._p.getnext() is not None and \
            last._p.getnext().tag != qn("w:sectPr"):
        return
    last.paragraph_format.space_before = last.paragraph_format.space_after = Pt(0)
    last.paragraph_format.line_spacing = Pt(1)
    last.add_run().font.size = Pt(1)


def _keep_row_whole(row) -> None:
    """A row is never cut across two pages."""
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)


def _keep_with_next(row_cells) -> None:
    """The row stays on the page of the row after it (Word reads this from the
    paragraphs of the row)."""
    for cell in row_cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), "9E9E9E")
        borders.append(line)
    table._tbl.tblPr.append(borders)


def _cell(cell, text: str, language: str, shade: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _run(paragraph, text, language)
    if shade:
        properties = cell._element.get_or_add_tcPr()
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), "EEF2F7")
        properties.append(fill)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _signatures(word, block: d.Signatures, language: str, size: float) -> None:
    """The signature table, whole on one page with its note: a header alone at the foot
    of a page, or signatures cut from what they sign, is not a signed page."""
    zh = language.startswith("zh")
    if block.note:
        note = word.add_paragraph()
        note.paragraph_format.keep_with_next = True
        _run(note, block.note, language, colour=GREY, size=size * 0.85)
    head = ["角色", "姓名", "签名", "日期"] if zh else ["Role", "Name", "Signature", "Date"]
    table, cells = _table(word, len(block.rows) + 1, 4, [0.22, 0.2, 0.36, 0.22])
    for c, text in enumerate(head):
        _cell(cells[0][c], text, language, shade=True)
    for r, (role, name, signed_on) in enumerate(block.rows, start=1):
        table.rows[r].height = Cm(1.1)
        for text, cell in zip((role, name, "", signed_on), cells[r]):
            _cell(cell, text, language)
    for row_cells in cells[:-1]:
        _keep_with_next(row_cells)


def _header_footer(word, doc: d.Document, keep: bool = False) -> None:
    """The school, the student and the period at the top of every page, "page x of y" at
    the foot. With a school's template (`keep`) what its headers and footers hold (a
    letterhead, an address, its own page number) stays and ours goes under it, in every
    header the template has: a different first page's or even pages' too, so that no page
    goes without the student's name or its number."""
    section = word.sections[0]
    width = Emu(section.page_width - section.left_margin - section.right_margin)
    # A template without a header or footer may put them at 0 cm (LibreOffice does): ours
    # would touch the paper's edge.
    for distance, margin in (("header_distance", "top_margin"),
                             ("footer_distance", "bottom_margin")):
        if keep and not getattr(section, distance):
            setattr(section, distance, min(Cm(1.25), (getattr(section, margin) or 0) // 2))
    pairs = [(section.header, section.footer)]
    if keep and section.different_first_page_header_footer:
        pairs.append((section.first_page_header, section.first_page_footer))
    if keep and word.settings.odd_and_even_pages_header_footer:
        pairs.append((section.even_page_header, section.even_page_footer))
    for header, footer in pairs:
        numbered = keep and _has_page_number(header._element, footer._element)
        ours = [_running_head(word, header, doc, width, keep)]
        if doc.watermark:  # on every page, above the text: a draft is never taken for the plan
            mark = header.add_paragraph()
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(mark, doc.watermark, doc.language, colour=RGBColor(0xB0, 0x00, 0x20), size=20)
            ours.append(mark)
        if not numbered:
            ours.append(_page_numbers(word, footer, doc, keep))
        if keep:
            for paragraph in ours:
                if paragraph is not None:
                    _unname_fonts(paragraph._p)


def _running_head(word, header, doc: d.Document, width, keep: bool):
    """The logo and school at the left, the student and period at the right edge. Under a
    template's letterhead, which names the school, only the student and period."""
    if keep and _holds_something(header._element):
        if not doc.running_head:
            return None
        line = header.add_paragraph(style=_paragraph_style(word, "Header"))
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(line, doc.running_head, doc.language, colour=GREY, size=8.5)
        return line
    line = header.paragraphs[0]
    if doc.logo:
        line.add_run().add_picture(BytesIO(doc.logo), height=Cm(0.8))
        line.add_run(" ")
    _right_tab(line, width)
    text = f"{doc.school}\t{doc.running_head}" if doc.running_head else doc.school
    _run(line, text, doc.language, colour=GREY, size=8.5)
    return line


def _page_numbers(word, footer, doc: d.Document, keep: bool):
    """"第 x 页 / 共 y 页", centred; under what a template's footer already holds."""
    if keep and _holds_something(footer._element):
        line = footer.add_paragraph(style=_paragraph_style(word, "Footer"))
    else:
        line = footer.paragraphs[0]
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    zh = doc.language.startswith("zh")
    parts = (("第 ", "PAGE", " 页 / 共 ", "NUMPAGES", " 页") if zh
             else ("Page ", "PAGE", " of ", "NUMPAGES", ""))
    for i, part in enumerate(parts):
        if i % 2:
            _field(line, part, doc.language)
        elif part:
            _run(line, part, doc.language, colour=GREY, size=8.5)
    return line


def _holds_something(element) -> bool:
    """Whether a header or footer shows anything: text, a picture, a shape or a field."""
    return bool(element.xpath(
        ".//w:t[normalize-space()] | .//w:drawing | .//w:pict | .//w:object"
        " | .//w:fldSimple | .//w:instrText"))


def _has_page_number(*elements) -> bool:
    """Whether a template's header or footer already numbers the pages (a PAGE field, not
    only NUMPAGES)."""
    for element in elements:
        instructions = "".join(t.text or "" for t in element.iter(qn("w:instrText")))
        instructions += " ".join(field.get(qn("w:instr"), "")
                                 for field in element.iter(qn("w:fldSimple")))
        if re.search(r"\bPAGE\b", instructions):
            return True
    return False


def _paragraph_style(word, name: str):
    """The template's paragraph style `name` if it has one (a line added to a header is
    then spaced as the header is), else None, for Normal."""
    from docx.enum.style import WD_STYLE_TYPE

    return next((s for s in word.styles
                 if s.name == name and s.type == WD_STYLE_TYPE.PARAGRAPH), None)


def _right_tab(paragraph, width) -> None:
    """A right-aligned tab stop at the text width, so that what follows the tab ends at the
    right margin. The style's own stops are cleared: Word's Header style has them where a
    Letter page's centre and right edge are, and the tab would stop at the first."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    stops = paragraph.paragraph_format.tab_stops
    style = paragraph.style
    while style is not None:
        for stop in style.paragraph_format.tab_stops:
            if round(stop.position.twips) != round(width.twips):
                stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        style = style.base_style
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _field(paragraph, instruction: str, language: str) -> None:
    """A PAGE or NUMPAGES field: Word and LibreOffice fill in the number."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", "1"), ("end", None)):
        run = paragraph.add_run()
        _east_asian(run._element.get_or_add_rPr(), WORD_EAST_ASIAN, language)
        run.font.size = Pt(8.5)
        run.font.color.rgb = GREY  # the number as grey as the words around it
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._element.append(element)
