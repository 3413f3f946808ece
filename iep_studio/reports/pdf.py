"""The document model laid out as PDF with reportlab: the bundled CJK font embedded as a
subset, Chinese wrapped by its rules (no 。 or ” starting a line, no “ ending one, words
and dates whole), the student and period on every page, and "page x of y" in the footer."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus import (
    CondPageBreak, Image, KeepTogether, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from ..core.errors import QT_TRANSLATE_NOOP, IepStudioError
from . import document as d
from .columns import fields_shares, table_shares
from .fonts import register_pdf_fonts, with_fallback
from .linebreak import Paragraph  # reportlab's, wrapping by Chinese rules

MARGIN = 2 * cm
ROOM = 6 * cm  # below this much room left, a heading and its table start a new page
GRID = colors.HexColor("#9e9e9e")
SHADE = colors.HexColor("#eef2f7")
BULLET_INDENT = 1.5  # ems from the margin to a bullet's text; Word's written bullets too
# A4 with the running header above the text: the page unless a school's template sets one.
STANDARD = d.Page(A4[0], A4[1], top=MARGIN + 0.4 * cm, right=MARGIN, bottom=MARGIN,
                  left=MARGIN)
HEADER_ROOM = 1.4 * cm  # the running header, or the page number, and paper around it


def render_pdf(doc: d.Document, target: Path | BytesIO, page: d.Page | None = None) -> None:
    """Headings are kept with what follows them here (`waiting`), not by reportlab's
    keepWithNext, which moves a long table whole. `page` is the size and margins of a
    school's Word template, for both formats to look alike; our standard A4 when None."""
    # Binary streams, not ASCII85 text: reportlab's pure-Python ASCII85 encoder took most
    # of the time of a document with charts.
    rl_config.useA85 = 0
    font, _fallback = register_pdf_fonts()
    styles = _styles(font, doc.large_type)
    story = [Paragraph(_markup(doc.title), styles["title"])]
    if doc.subtitle:
        story.append(Paragraph(_markup(doc.subtitle), styles["subtitle"]))
    page = page or STANDARD
    # The running header and the page number are drawn in the margins: they need room.
    top, bottom = max(page.top, HEADER_ROOM), max(page.bottom, HEADER_ROOM)
    width = page.width - page.left - page.right
    waiting: list = []  # headings, kept on the page of what follows them
    section = 0  # where in the story the last heading's part began
    for block in doc.blocks:
        parts = _flowables(block, styles, width, doc.language)
        if isinstance(block, d.Heading):
            if not waiting:
                section = len(story)
            waiting += parts
            continue
        if isinstance(block, d.Signatures) and not waiting and \
                _height(story[section:] + parts, width, page) < 0.9 * (page.height - top
                                                                        - bottom):
            # The signatures stay on the page of what they sign (the IEP meeting, its
            # date and the parents' opinion), never alone on a last page.
            story[section:] = [KeepTogether(story[section:] + parts)]
            continue
        # A chart with its caption, or the signature table with its note, stays whole;
        # anything else keeps at least its first part with the heading before it.
        whole = isinstance(block, (d.Chart, d.Signatures))
        keep = [p for p in parts if not isinstance(p, Spacer)] if whole else parts[:1]
        rest = [p for p in parts if p not in keep]
        if waiting and not whole and _height(keep, width, page) > ROOM:
            # A long table (or text) starts under its heading when there is room for its
            # first rows, and on the next page only when there is not: moving it whole
            # left pages almost empty.
            story += [CondPageBreak(ROOM), *waiting, *parts]
        elif waiting or whole:
            story.append(KeepTogether(waiting + keep))
            story += rest
        else:
            story += parts
        waiting = []
    story += waiting
    pdf = SimpleDocTemplate(
        target if isinstance(target, BytesIO) else str(target),
        pagesize=(page.width, page.height), leftMargin=page.left, rightMargin=page.right,
        topMargin=top, bottomMargin=bottom, title=doc.title, author=doc.school,
        lang=_lang(doc.language), subject=doc.running_head, creator="IEP Studio",
        initialFontName=font)  # not Helvetica: every font in the file is the embedded one
    try:
        pdf.build(story, canvasmaker=_numbered_canvas(doc, font, pdf))
    except LayoutError as error:
        raise IepStudioError(QT_TRANSLATE_NOOP(
            "Errors", "A text in \u201c{title}\u201d is too long to lay out on a page. Shorten "
            "the longest entry, or export as Word."), title=doc.title) from error


def _height(flowables: list, width: float, page) -> float:
    """What the flowables take on a page, before the document is built (a KeepTogether
    measures only on a page, so its contents are measured)."""
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            total += _height(f._content, width, page)
        elif not isinstance(f, CondPageBreak):
            total += f.wrap(width, page.height)[1]
    return total


def _lang(language: str) -> str:
    return "zh-CN" if language.startswith("zh") else "en"


def _markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, lines kept, font fallback."""
    return with_fallback(escape(text or "").replace("\n", "<br/>"))


def _styles(font: str, large: bool) -> dict[str, ParagraphStyle]:
    size = 14 if large else 10.5  # 10.5 pt is 五号, the size of Chinese school documents
    base = ParagraphStyle("body", fontName=font, bulletFontName=font, fontSize=size,
                          leading=size * 1.6, wordWrap="CJK", spaceAfter=size * 0.4)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontSize=size * 1.8,
                                leading=size * 2.4, alignment=TA_CENTER, spaceAfter=size * 0.3),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER,
                                   textColor=colors.HexColor("#555555"), spaceAfter=size),
        "h1": ParagraphStyle("h1", parent=base, fontSize=size * 1.35, leading=size * 1.9,
                             spaceBefore=size * 0.9, spaceAfter=size * 0.4,
                             textColor=colors.HexColor("#1a4f8b")),
        "h2": ParagraphStyle("h2", parent=base, fontSize=size * 1.12, leading=size * 1.6,
                             spaceBefore=size * 0.5, spaceAfter=size * 0.2),
        "lead": ParagraphStyle("lead", parent=base, fontSize=size * 1.1, leading=size * 1.8),
        "note": ParagraphStyle("note", parent=base, fontSize=size * 0.85,
                               leading=size * 1.3, textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0, leading=size * 1.4),
        # A hanging indent: the lines after the first start under the text, not the bullet.
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=size * BULLET_INDENT,
                                 bulletIndent=size * 0.4),
        "caption": ParagraphStyle("caption", parent=base, fontSize=size * 0.85,
                                  alignment=TA_CENTER, textColor=colors.HexColor("#555555")),
    }


def _flowables(block, styles, width: float, language: str) -> list:
    if isinstance(block, d.Heading):
        return [Paragraph(_markup(block.text), styles["h1" if block.level <= 1 else "h2"])]
    if isinstance(block, d.Paragraph):
        return [Paragraph(_markup(block.text), styles.get(block.style, styles["body"]))]
    if isinstance(block, d.Bullets):
        return [Paragraph(_markup(item), styles["bullet"], bulletText="•")
                for item in block.items]
    if isinstance(block, d.Fields):
        rows, pairs = [], list(block.pairs)
        for i in range(0, len(pairs), 2):
            row = []
            for label, value in pairs[i:i + 2]:
                row += [_cell(label, styles), _cell(value, styles)]
            rows.append(row + [""] * (4 - len(row)))
        shares = fields_shares(block, width, styles["cell"].fontSize)
        widths = [width * w for w in shares]
        table = Table(rows, colWidths=widths, splitInRow=_split_rows(rows, widths))
        table.setStyle(_grid([("BACKGROUND", (0, 0), (0, -1), SHADE),
                              ("BACKGROUND", (2, 0), (2, -1), SHADE)]))
        return [table, Spacer(1, 0.3 * cm)]
    if isinstance(block, d.Table):
        shares = table_shares(block, width, styles["cell"].fontSize)
        data = [[_cell(c, styles) for c in block.columns]]
        data += [[_cell(c, styles) for c in row] for row in block.rows]
        widths = [width * w for w in shares]
        table = Table(data, colWidths=widths, repeatRows=1,
                      splitInRow=_split_rows(data, widths))
        table.setStyle(_grid([("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
        return [table, Spacer(1, 0.3 * cm)]
    if isinstance(block, d.Chart):
        image = Image(BytesIO(block.image), width=block.width_cm * cm,
                      height=block.height_cm * cm)
        parts = [image]
        if block.caption:
            parts.append(Paragraph(_markup(block.caption), styles["caption"]))
        return parts + [Spacer(1, 0.2 * cm)]  # kept together by render_pdf
    if isinstance(block, d.Signatures):
        return _signatures(block, styles, width, language)
    if isinstance(block, d.PageBreak):
        return [PageBreak()]
    raise TypeError(f"unknown block {block!r}")


def _cell(text: str, styles) -> Paragraph:
    return Paragraph(_markup(text), styles["cell"])


def _grid(extra: list) -> TableStyle:
    font, _fallback = register_pdf_fonts()
    return TableStyle([("GRID", (0, 0), (-1, -1), 0.5, GRID),
                       ("FONTNAME", (0, 0), (-1, -1), font),  # empty cells too
                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("TOPPADDING", (0, 0), (-1, -1), 3),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 3), *extra])


# A row taller than this may continue on the next page; shorter rows are kept whole.
TALL_ROW = 9 * cm


def _split_rows(rows: list[list], widths: list[float]) -> int:
    """Rows are cut across pages only when one is too tall to move whole (a very long
    objective); otherwise a row cut in two, its header repeated above its last lines, is
    hard to read and to fill in by hand."""
    for row in rows:
        for cell, width in zip(row, widths):
            if hasattr(cell, "wrap") and cell.wrap(width - 12, 10**6)[1] + 6 > TALL_ROW:
                return 1
    return 0


def _signatures(block: d.Signatures, styles, width: float, language: str) -> list:
    zh = language.startswith("zh")
    head = ["角色", "姓名", "签名", "日期"] if zh else ["Role", "Name", "Signature", "Date"]
    data = [[_cell(h, styles) for h in head]]
    for role, name, signed_on in block.rows:
        data.append([_cell(role, styles), _cell(name, styles), "", _cell(signed_on, styles)])
    # No fixed row height: a role in large type ("Parent or guardian") wraps and the row
    # grows with it; the padding leaves at least a centimetre to sign in.
    table = Table(data, colWidths=[width * w for w in (0.22, 0.2, 0.36, 0.22)],
                  repeatRows=1)
    table.setStyle(_grid([("BACKGROUND", (0, 0), (-1, 0), SHADE),
                          ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 1), (-1, -1), 0.4 * cm),
                          ("BOTTOMPADDING", (0, 1), (-1, -1), 0.4 * cm)]))
    parts = [Paragraph(_markup(block.note), styles["note"])] if block.note else []
    return parts + [table]  # kept together by render_pdf


def _numbered_canvas(doc: d.Document, font: str, layout: SimpleDocTemplate):
    """A canvas that writes "page x of y": pages are held until the end, when y is known."""
    zh = doc.language.startswith("zh")

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            # Just above the text and below it, wherever the margins put them.
            width, height = layout.pagesize
            left, right = layout.leftMargin, width - layout.rightMargin
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#666666"))
            top = height - layout.topMargin + 0.7 * cm
            school_at = left
            if doc.logo:
                logo = ImageReader(BytesIO(doc.logo))
                w, h = logo.getSize()
                tall = 0.8 * cm
                self.drawImage(logo, left, top - 0.05 * cm, width=tall * w / h, height=tall,
                               mask="auto")
                school_at += tall * w / h + 0.2 * cm
            if doc.school:
                self.drawString(school_at, top, doc.school)
            if doc.running_head:
                self.drawRightString(right, top, doc.running_head)
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(left, top - 0.15 * cm, right, top - 0.15 * cm)
            footer = (f"第 {number} 页 / 共 {total} 页" if zh
                      else f"Page {number} of {total}")
            self.drawCentredString((left + right) / 2, layout.bottomMargin - 0.9 * cm, footer)
            if doc.watermark:  # large, light and across the page: read, never mistaken
                self.setFont(font, 96 if zh else 80)
                # translucent: the words under it stay readable, printed in black and white
                self.setFillColor(colors.HexColor("#b00020"))
                self.setFillAlpha(0.16)
                self.translate(width / 2, height / 2)
                self.rotate(45)
                self.drawCentredString(0, -0.35 * 96, doc.watermark)
            self.restoreState()

    return NumberedCanvas
