"""The fonts documents use. PDFs embed the bundled TrueType CJK font (subset), with a
fallback for characters it lacks; Word documents name the fonts a Chinese Windows has and
set the East Asian font explicitly (python-docx's font.name alone does not)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from ..core.paths import resource_dir

CJK_FONT = "IEPStudioSans"
FALLBACK_FONT = "IEPStudioFallback"

# Word: what every Chinese Windows and WPS has, and what LibreOffice maps to a CJK font.
WORD_EAST_ASIAN = "SimSun"
WORD_EAST_ASIAN_HEADING = "SimHei"
WORD_LATIN = "Arial"


def cjk_font_path() -> Path:
    return resource_dir() / "fonts" / "wqy-microhei.ttc"


@cache
def register_pdf_fonts() -> tuple[str, str]:
    """Register the CJK font and a fallback with reportlab, once; returns their names."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(CJK_FONT, str(cjk_font_path()), subfontIndex=0))
    fallback = Path(rl_config.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(fallback)))
    # No bold face exists for this font: bold prints as the same face (headings are set
    # larger instead), never as a missing font.
    pdfmetrics.registerFontFamily(CJK_FONT, normal=CJK_FONT, bold=CJK_FONT, italic=CJK_FONT,
                                  boldItalic=CJK_FONT)
    return CJK_FONT, FALLBACK_FONT


@cache
def _covered(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def with_fallback(escaped: str) -> str:
    """Markup for reportlab: characters the CJK font lacks (but the fallback has) are set
    in the fallback font, so nothing prints as an empty box. `escaped` is already
    XML-escaped; entities and tags pass through untouched."""
    main, fallback = register_pdf_fonts()
    covered, spare = _covered(main), _covered(fallback)
    out, in_fallback, i = [], False, 0
    while i < len(escaped):
        char = escaped[i]
        if char in "&<":  # an entity or a tag: copy as is
            end = escaped.find(";" if char == "&" else ">", i)
            end = len(escaped) - 1 if end < 0 else end
            if in_fallback:
                out.append("</font>")
                in_fallback = False
            out.append(escaped[i:end + 1])
            i = end + 1
            continue
        needs = ord(char) not in covered and ord(char) in spare and not char.isspace()
        if needs != in_fallback:
            out.append(f'<font name="{fallback}">' if needs else "</font>")
            in_fallback = needs
        out.append(char)
        i += 1
    if in_fallback:
        out.append("</font>")
    return "".join(out)
