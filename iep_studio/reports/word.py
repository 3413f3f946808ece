"""The document model laid out as a Word document with python-docx.

Chinese needs care that python-docx does not take: `font.name` sets only the Latin font,
and the default template's theme fonts override named ones (Chinese then comes out in a
Japanese font). So the East Asian font is set on the defaults, every style used and every
run, the theme attributes are removed, and the language is zh-CN. A school's own .docx
(letterhead, styles, header and footer) can be the starting point instead of the default.
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import document as d
from .fonts import WORD_EAST_ASIAN, WORD_EAST_ASIAN_HEADING, WORD_LATIN

THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BLUE = RGBColor(0x1A, 0x4F, 0x8B)
GREY = RGBColor(0x55, 0x55, 0x55)


def render_docx(doc: d.Document, target: Path | BytesIO, base: Path | None = None) -> None:
    """Write `doc` as .docx; `base` is a school's own .docx to start from (its content is
    replaced, its styles, page set-up, header and footer are kept)."""
    word = _open_template(base) if base else new_docx()
    if base:
        _clear_body(word)
        _add_missing_styles(word)
    size = 14 if doc.large_type else 10.5
    _set_fonts(word, doc.language, size)
    section = word.sections[0]
    if not base:
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as schools print
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        _header_footer(word, doc)
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


NEEDED_STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet")


def _add_missing_styles(word) -> None:
    """A school's template (a blank document saved from Word, say) may hold only Normal:
    add the paragraph styles the documents use, based on Normal, and mark tables with
    borders directly when it has no "Table Grid"."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.name for style in word.styles}
    for name in NEEDED_STYLES:
        if name not in names:
            style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = word.styles["Normal"]
            style.font.bold = name != "List Bullet"


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
    sizes = {"Normal": size, "Title": size * 1.8, "Heading 1": size * 1.35,
             "Heading 2": size * 1.12}
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
        # A List Bullet added to a school's template has no numbering: write the bullet.
        ppr = word.styles["List Bullet"].element.pPr
        mark = "" if ppr is not None and ppr.find(qn("w:numPr")) is not None else "• "
        for item in block.items:
            _run(word.add_paragraph(style="List Bullet"), mark + item, language)
    elif isinstance(block, d.Fields):
        pairs = list(block.pairs)
        rows = [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
        table, cells = _table(word, len(rows), 4, [0.17, 0.33, 0.17, 0.33])
        for row, row_cells in zip(rows, cells):
            for c, (label, value) in enumerate(row):
                _cell(row_cells[c * 2], label, language, shade=True)
                _cell(row_cells[c * 2 + 1], value, language)
    elif isinstance(block, d.Table):
        weights = block.widths or [1] * len(block.columns)
        total = sum(weights)
        table, cells = _table(word, len(block.rows) + 1, len(block.columns),
                              [w / total for w in weights])
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


def _header_footer(word, doc: d.Document) -> None:
    section = word.sections[0]
    header = section.header.paragraphs[0]
    if doc.logo:
        header.add_run().add_picture(BytesIO(doc.logo), height=Cm(0.8))
        header.add_run(" ")
    _run(header, "\t".join(p for p in (doc.school, doc.running_head) if p), doc.language,
         colour=GREY, size=8.5)
    if doc.watermark:  # on every page, above the text: a draft is never taken for the plan
        mark = section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(mark, doc.watermark, doc.language, colour=RGBColor(0xB0, 0x00, 0x20), size=20)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    zh = doc.language.startswith("zh")
    parts = (("第 ", "PAGE", " 页 / 共 ", "NUMPAGES", " 页") if zh
             else ("Page ", "PAGE", " of ", "NUMPAGES", ""))
    for i, part in enumerate(parts):
        if i % 2:
            _field(footer, part, doc.language)
        elif part:
            _run(footer, part, doc.language, colour=GREY, size=8.5)


def _field(paragraph, instruction: str, language: str) -> None:
    """A PAGE or NUMPAGES field: Word and LibreOffice fill in the number."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", "1"), ("end", None)):
        run = paragraph.add_run()
        _east_asian(run._element.get_or_add_rPr(), WORD_EAST_ASIAN, language)
        run.font.size = Pt(8.5)
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
