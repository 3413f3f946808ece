"""Line breaking for the PDF: Chinese rules (避头尾) and whole English words and numbers.

reportlab's CJK wrapping fills a line glyph by glyph and then looks only at the glyph
that overflowed: one closing mark may hang, so in "？”" the ” started the next line; the
end of a line is never checked, so “ or （ could end one; and it looks back for a space
only half a line, so "participation" in a narrow cell was cut as "participati|on".

Here a paragraph is first cut where a line may break: not before a closing mark, not
after an opening one, not inside a run of Latin letters, digits and their punctuation
(a word, 1.1, 2026-11-18, 80%), but after a space and between Chinese characters. Lines
are then filled piece by piece. Which marks close and which open are reportlab's own
tables, completed for Chinese. No mark hangs past the end of a line (reportlab let one):
in a table it ran into the next cell, and a reader of the PDF joined the two. A piece
wider than the whole line (a long word in a narrow cell) is still cut, as it must be;
columns are sized so that this does not happen with real content (see columns.py).
"""
from __future__ import annotations

from unicodedata import east_asian_width

from reportlab.lib import textsplit
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.rl_config import _FUZZ

# What reportlab's tables (made for Japanese) lack: the full-width comma, semicolon,
# colon, ! and ?, closing quotes and book-title marks could start a line.
CANNOT_START = "，；：！？、。）》〉」』】〕〗］｝”’…—·％"
# reportlab has the Chinese opening marks; "(" is added for "孤独症(中度)" typed by hand.
CANNOT_END = "“‘（《〈「『【〔〖［｛("
# ASCII quotes open as often as they close: after a space they may start a line.
EITHER_WAY = "\"'"


def use_chinese_rules() -> None:
    """Complete reportlab's tables where its own line breakers read them (one for runs
    of a single font, one for mixed fonts), for any paragraph not set by ours."""
    for module in (textsplit, rl_paragraph):
        missing = "".join(c for c in CANNOT_START if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
    missing = "".join(c for c in CANNOT_END if c not in textsplit.ALL_CANNOT_END)
    textsplit.ALL_CANNOT_END += missing


def _latin(char: str) -> bool:
    """A letter, digit or mark of a Latin run (narrow, not a space): runs stay whole."""
    return not char.isspace() and east_asian_width(char) not in ("W", "F")


def may_break(before: str, after: str) -> bool:
    """Whether a line may end between these two characters."""
    if after.isspace():
        return False  # the space stays at the end of the line
    if before.isspace():
        return after not in textsplit.ALL_CANNOT_START or after in EITHER_WAY
    if after in textsplit.ALL_CANNOT_START or before in textsplit.ALL_CANNOT_END:
        return False
    return not (_latin(before) and _latin(after))


def pieces(text: str) -> list[str]:
    """The text cut where a line may break (for tests and column sizing)."""
    out: list[str] = []
    for i, char in enumerate(text):
        if out and not may_break(text[i - 1], char):
            out[-1] += char
        else:
            out.append(char)
    return out


class Paragraph(rl_paragraph.Paragraph):
    """reportlab's paragraph, its CJK wrapping (wordWrap="CJK") done by the rules above."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802 - reportlab API
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # the first part of a split paragraph keeps its lines
        frags = self.frags
        if not frags or self.style.endDots or any(hasattr(f, "cbDefn") for f in frags):
            return super().breakLinesCJK(maxWidths)  # inline images and such: reportlab's
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        maxWidths = list(maxWidths)
        self.height = 0
        rl_paragraph._handleBulletWidth(self.bulletText, self.style, maxWidths)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return _split(frags, maxWidths, auto not in ("", "off"))

    def _get_split_blParaFunc(self):  # noqa: N802 - reportlab API
        # Across a page, the rest is joined again as it was: reportlab's own join puts a
        # space between lines, which is right for English and wrong between 汉字.
        return _rejoin if self.blPara.kind == 1 else super()._get_split_blParaFunc()


def _rejoin(blPara, start: int, stop: int) -> list:
    return [word for line in blPara.lines[start:stop] for word in line.words]


def _split(frags, maxWidths: list[float], calcBounds: bool):
    glyphs = []  # one per character, with its frag and width, as reportlab's CJK split
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        glyphs += [rl_paragraph.cjkU(c, frag, "utf8") for c in text] or [
            rl_paragraph.cjkU("", frag, "utf8")]
    lines = []

    def width_for(n: int) -> float:
        return maxWidths[min(n, len(maxWidths) - 1)]

    def finish(line: list, line_break: bool) -> None:
        limit = width_for(len(lines))
        shown = line[:]
        while shown and shown[-1].isspace():  # a space at the end takes no room
            shown.pop()
        used = sum(g.width for g in shown)
        lines.append(rl_paragraph.makeCJKParaLine(line, limit, used, limit - used,
                                                  line_break, calcBounds))

    line: list = []
    used = 0.0
    for piece in _pieces(glyphs):
        if len(piece) == 1 and hasattr(piece[0].frag, "lineBreak"):  # <br/>
            finish(line + piece, True)
            line, used = [], 0.0
            continue
        shown = piece[:]
        while shown and shown[-1].isspace():
            shown.pop()
        width = sum(g.width for g in shown)
        limit = width_for(len(lines)) + _FUZZ
        if line and used + width > limit:
            finish(line, False)
            line, used = [], 0.0
        if not line and width > width_for(len(lines)) + _FUZZ:
            # Wider than a whole line: cut it where it must be, glyph by glyph.
            for glyph in piece:
                if line and used + glyph.width > width_for(len(lines)) + _FUZZ \
                        and not glyph.isspace():
                    finish(line, False)
                    line, used = [], 0.0
                line.append(glyph)
                used += glyph.width
            continue
        line += piece
        used += sum(g.width for g in piece)
    if line:
        finish(line, False)
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def _pieces(glyphs: list) -> list[list]:
    out: list[list] = []
    for i, glyph in enumerate(glyphs):
        breaks = hasattr(glyph.frag, "lineBreak")
        if out and not breaks and not hasattr(glyphs[i - 1].frag, "lineBreak") \
                and glyph and glyphs[i - 1] and not may_break(glyphs[i - 1], glyph):
            out[-1].append(glyph)
        else:
            out.append([glyph])
    return out
