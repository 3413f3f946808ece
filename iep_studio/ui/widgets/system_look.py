"""Text sizes and colours taken from the system's font and palette, so the app reads as
well in a dark palette or at 150% text as in the light palette at 100%.

A colour that means something (a problem, a warning, done) is a shade to start from: it
is made lighter or darker against the palette's background until it has the contrast
WCAG asks for (core/contrast.py), so red is dark red on white and light red on dark grey.
The meaning is always in the words too, never in the colour alone."""
from __future__ import annotations

from ...core.contrast import readable
from ..qt import QColor, QFont, QPalette, QWidget

# Meanings, as the shade each starts from.
PROBLEM = "#b00020"  # red
WARNING = "#8a5300"  # amber
DONE = "#2e7d32"  # green
IN_HAND = "#1f5fa8"  # blue: a draft, being written
NEUTRAL = "#757575"  # grey: closed, over

TEXT_CONTRAST = 4.5  # WCAG AA for text
MARK_CONTRAST = 3.0  # WCAG AA for marks that are not text (a coloured bar)


def scaled_font(font: QFont, ratio: float) -> QFont:
    """`font` larger (or smaller) by `ratio`: headings follow the system's text size."""
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * ratio)
    elif font.pixelSize() > 0:  # some systems give the font in pixels
        scaled.setPixelSize(round(font.pixelSize() * ratio))
    return scaled


def tone(meaning: str, background: QColor, wanted: float = TEXT_CONTRAST) -> QColor:
    """The shade of a meaning that stands out from `background` by `wanted`."""
    return QColor(readable(meaning, background.name(), wanted))


def text_tone(meaning: str, widget: QWidget,
              role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """A meaning's colour for text on `widget`'s background (`role`: Base in a table)."""
    return tone(meaning, widget.palette().color(role))


def problem_css(widget: QWidget) -> str:
    """A style sheet that colours a label's text as a problem, readable on its palette."""
    return f"color: {text_tone(PROBLEM, widget).name()};"


def coloured_span(text: str, meaning: str, widget: QWidget) -> str:
    """Rich text: `text` (already escaped) in a meaning's colour, readable on `widget`."""
    return f"<span style='color:{text_tone(meaning, widget).name()}'>{text}</span>"


def characters(widget: QWidget, count: float) -> int:
    """The width of `count` average characters in `widget`'s font: a column or a field
    sized in characters grows with the system's text size, where pixels did not."""
    return round(widget.fontMetrics().averageCharWidth() * count)
