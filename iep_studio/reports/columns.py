"""Column widths that keep what must stay whole on one line: a word, a date, a number
such as 1.1, a short heading such as 序号. The builders give each table relative widths
that suit Chinese; English words are longer, and a column as narrow as "序号" cut
"Family participation" or "2026-11-18" in two. Both formats take their widths from
here, so the Word and the PDF version of a document have the same columns."""
from __future__ import annotations

from functools import cache

from . import document as d
from .linebreak import pieces

# A cell's left and right padding together, in points: reportlab's 6 + 6, and a little
# more than Word's 5.4 + 5.4.
PADDING = 12.0
# A text this short is read as one word (序号, 日期, 检讨) and never wraps.
SHORT = 4


FIELDS = [0.17, 0.33, 0.17, 0.33]  # label, value, label, value


def table_shares(table: d.Table, width: float, size: float) -> list[float]:
    weights = table.widths or [1] * len(table.columns)
    texts = [[heading] + [row[c] for row in table.rows if c < len(row)]
             for c, heading in enumerate(table.columns)]
    return fit_columns(texts, weights, width, size)


def fields_shares(fields: d.Fields, width: float, size: float) -> list[float]:
    """Two label and value pairs to a row, as both formats lay them out."""
    pairs = list(fields.pairs)
    texts = [[pair[c % 2] for pair in pairs[c // 2::2]] for c in range(4)]
    return fit_columns(texts, FIELDS, width, size)


def fit_columns(columns: list[list[str]], weights: list[float], width: float,
                size: float) -> list[float]:
    """Shares of `width` (points) for columns wanted in the proportions `weights`, whose
    texts (heading and cells) are `columns`, set at `size` points: a column too narrow
    for its longest unbreakable piece is widened to it, and the room is taken from the
    widest columns, never below what they need themselves. When even that cannot make
    room, the shares are the weights' (the text is then cut, as it must be)."""
    total = sum(weights) or 1
    widths = [width * w / total for w in weights]
    # A tenth more than measured: a word processor without the document's Latin font
    # sets digits and letters in a wider one.
    need = [max((_widest(text, size) for text in texts), default=0.0) * 1.1 + PADDING
            for texts in columns]
    if sum(need) > width:
        return [w / width for w in widths]
    short = [c for c, w in enumerate(widths) if w < need[c]]
    if not short:
        return [w / width for w in widths]
    deficit = sum(need[c] - widths[c] for c in short)
    for c in short:
        widths[c] = need[c]
    donors = [c for c in range(len(widths)) if c not in short]

    def given(level: float) -> float:  # what the donors give when cut down to `level`
        return sum(widths[c] - max(need[c], min(widths[c], level)) for c in donors)

    low, high = 0.0, max(widths)
    for _ in range(60):  # the level at which the widest give exactly the deficit
        middle = (low + high) / 2
        low, high = (low, middle) if given(middle) < deficit else (middle, high)
    for c in donors:
        widths[c] = max(need[c], min(widths[c], high))
    return [w / sum(widths) for w in widths]


def _widest(text: str, size: float) -> float:
    widest = 0.0
    for line in (text or "").split("\n"):
        line = line.strip()
        parts = [line] if len(line) <= SHORT else pieces(line)
        widest = max([widest] + [_width(p.strip(), size) for p in parts])
    return widest


@cache
def _width(piece: str, size: float) -> float:
    """As wide as the PDF's font sets it, or Word's Latin font (Arial, whose widths are
    Helvetica's), whichever is wider."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .fonts import register_pdf_fonts

    font, _fallback = register_pdf_fonts()
    latin = "".join(c for c in piece if ord(c) < 0x2000)
    return max(stringWidth(piece, font, size), stringWidth(latin, "Helvetica", size))
