"""The document model laid out as PDF with reportlab: the bundled CJK font embedded as a
subset, Chinese wrapped anywhere (but never with 。 starting a line), the student and
period on every page, and "page x of y" in the footer."""
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
    Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from ..core.errors import QT_TRANSLATE_NOOP, IepStudioError
from . import document as d
from .fonts import register_pdf_fonts, with_fallback

MARGIN = 2 * cm
GRID = colors.HexColor("#9e9e9e")
SHADE = colors.HexColor("#eef2f7")


def render_pdf(doc: d.Document, target: Path | BytesIO) -> None:
    # Binary streams, not ASCII85 text: reportlab's pure-Python ASCII85 encoder took most
    # of the time of a document with charts.
    rl_config.useA85 = 0
    font, _fallback = register_pdf_fonts()
    styles = _styles(font, doc.large_type)
    story = [Paragraph(_markup(doc.title), styles["title"])]
    if doc.subtitle:
        story.append(Paragraph(_markup(doc.subtitle), styles["subtitle"]))
    width = A4[0] - 2 * MARGIN
    waiting: list = []  # headings, kept on the page of what follows them
    for block in doc.blocks:
        parts = _flowables(block, styles, width, doc.language)
        if isinstance(block, d.Heading):
            waiting += parts
            continue
        # A chart with its caption, or the signature table with its note, stays whole;
        # anything else keeps at least its first part with the heading before it.
        whole = isinstance(block, (d.Chart, d.Signatures))
        keep = [p for p in parts if not isinstance(p, Spacer)] if whole else parts[:1]
        rest = [p for p in parts if p not in keep]
        if waiting or whole:
            story.append(KeepTogether(waiting + keep))
            story += rest
        else:
            story += parts
        waiting = []
    story += waiting
    pdf = SimpleDocTemplate(
        target if isinstance(target, BytesIO) else str(target), pagesize=A4,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 0.4 * cm,
        bottomMargin=MARGIN, title=doc.title, author=doc.school, lang=_lang(doc.language),
        subject=doc.running_head, creator="IEP Studio",
        initialFontName=font)  # not Helvetica: every font in the file is the embedded one
    try:
        pdf.build(story, canvasmaker=_numbered_canvas(doc, font))
    except LayoutError as error:
        raise IepStudioError(QT_TRANSLATE_NOOP(
            "Errors", "A text in \u201c{title}\u201d is too long to lay out on a page. Shorten "
            "the longest entry, or export as Word."), title=doc.title) from error


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
                             spaceBefore=size * 0.9, spaceAfter=size * 0.4, keepWithNext=1,
                             textColor=colors.HexColor("#1a4f8b")),
        "h2": ParagraphStyle("h2", parent=base, fontSize=size * 1.12, leading=size * 1.6,
                             spaceBefore=size * 0.5, spaceAfter=size * 0.2, keepWithNext=1),
        "lead": ParagraphStyle("lead", parent=base, fontSize=size * 1.1, leading=size * 1.8),
        "note": ParagraphStyle("note", parent=base, fontSize=size * 0.85,
                               leading=size * 1.3, textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", parent=base, spaceAfter=0, leading=size * 1.4),
        "caption": ParagraphStyle("caption", parent=base, fontSize=size * 0.85,
                                  alignment=TA_CENTER, textColor=colors.HexColor("#555555")),
    }


def _flowables(block, styles, width: float, language: str) -> list:
    if isinstance(block, d.Heading):
        return [Paragraph(_markup(block.text), styles["h1" if block.level <= 1 else "h2"])]
    if isinstance(block, d.Paragraph):
        return [Paragraph(_markup(block.text), styles.get(block.style, styles["body"]))]
    if isinstance(block, d.Bullets):
        return [Paragraph(_markup(item), styles["body"], bulletText="•")
                for item in block.items]
    if isinstance(block, d.Fields):
        rows, pairs = [], list(block.pairs)
        for i in range(0, len(pairs), 2):
            row = []
            for label, value in pairs[i:i + 2]:
                row += [_cell(label, styles), _cell(value, styles)]
            rows.append(row + [""] * (4 - len(row)))
        table = Table(rows, colWidths=[width * w for w in (0.17, 0.33, 0.17, 0.33)],
                      splitInRow=1)
        table.setStyle(_grid([("BACKGROUND", (0, 0), (0, -1), SHADE),
                              ("BACKGROUND", (2, 0), (2, -1), SHADE)]))
        return [table, Spacer(1, 0.3 * cm)]
    if isinstance(block, d.Table):
        weights = block.widths or [1] * len(block.columns)
        total = sum(weights)
        data = [[_cell(c, styles) for c in block.columns]]
        data += [[_cell(c, styles) for c in row] for row in block.rows]
        # splitInRow: a row taller than a page (a long objective) continues on the next.
        table = Table(data, colWidths=[width * w / total for w in weights], repeatRows=1,
                      splitInRow=1)
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


def _signatures(block: d.Signatures, styles, width: float, language: str) -> list:
    zh = language.startswith("zh")
    head = ["角色", "姓名", "签名", "日期"] if zh else ["Role", "Name", "Signature", "Date"]
    data = [[_cell(h, styles) for h in head]]
    for role, name, signed_on in block.rows:
        data.append([_cell(role, styles), _cell(name, styles), "", _cell(signed_on, styles)])
    table = Table(data, colWidths=[width * w for w in (0.22, 0.2, 0.36, 0.22)],
                  rowHeights=[None] + [1.1 * cm] * len(block.rows), repeatRows=1)
    table.setStyle(_grid([("BACKGROUND", (0, 0), (-1, 0), SHADE),
                          ("VALIGN", (0, 1), (-1, -1), "MIDDLE")]))
    parts = [Paragraph(_markup(block.note), styles["note"])] if block.note else []
    return parts + [table]  # kept together by render_pdf


def _numbered_canvas(doc: d.Document, font: str):
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
            width, height = A4
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#666666"))
            top = height - MARGIN + 0.3 * cm
            left = MARGIN
            if doc.logo:
                logo = ImageReader(BytesIO(doc.logo))
                w, h = logo.getSize()
                tall = 0.8 * cm
                self.drawImage(logo, MARGIN, top - 0.05 * cm, width=tall * w / h, height=tall,
                               mask="auto")
                left += tall * w / h + 0.2 * cm
            if doc.school:
                self.drawString(left, top, doc.school)
            if doc.running_head:
                self.drawRightString(width - MARGIN, top, doc.running_head)
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(MARGIN, top - 0.15 * cm, width - MARGIN, top - 0.15 * cm)
            footer = (f"第 {number} 页 / 共 {total} 页" if zh
                      else f"Page {number} of {total}")
            self.drawCentredString(width / 2, MARGIN - 0.9 * cm, footer)
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
