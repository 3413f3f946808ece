"""The fonts documents use. PDFs embed the bundled TrueType CJK font (subset), with a
fallback for characters it lacks; Word documents name the fonts a Chinese Windows has and
set the East Asian font explicitly (python-docx's font.name alone does not)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from ..core.paths import resource_dir

CJK_FONT = "IEPStudioSans"
FALLBACK_FONT = "IEPStudioFallback"
SYSTEM_FALLBACK_FONT = "IEPStudioSystemFallback"

# Fonts a machine may have for the rare characters (names in Extension B, say) that the
# bundled font lacks: TrueType outlines only, which reportlab can embed.
SYSTEM_CJK_FONTS = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/simsunb.ttf", "C:/Windows/Fonts/simsun.ttc", "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc", "/Library/Fonts/Arial Unicode.ttf",
)

# Word: what every Chinese Windows and WPS has, and what LibreOffice maps to a CJK font.
WORD_EAST_ASIAN = "SimSun"
WORD_EAST_ASIAN_HEADING = "SimHei"
WORD_LATIN = "Arial"


def cjk_font_path() -> Path:
    return resource_dir() / "fonts" / "wqy-microhei.ttc"


@cache
def system_fallback() -> str | None:
    """Register the first system CJK font found that reportlab can embed; its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for candidate in SYSTEM_CJK_FONTS:
        if Path(candidate).is_file():
            try:
                pdfmetrics.registerFont(TTFont(SYSTEM_FALLBACK_FONT, candidate, subfontIndex=0))
                return SYSTEM_FALLBACK_FONT
            except (TTFError, OSError, ValueError):
                continue  # CFF outlines or a damaged file: try the next
    return None


@cache
def register_pdf_fonts() -> tuple[str, str]:
    """Register the CJK font and a fallback with reportlab, once; returns their names."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from .linebreak import use_chinese_rules

    pdfmetrics.registerFont(TTFont(CJK_FONT, str(cjk_font_path()), subfontIndex=0))
    fallback = Path(rl_config.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(fallback)))
    # No bold face exists for this font: bold prints as the same face (headings are set
    # larger instead), never as a missing font.
    pdfmetrics.registerFontFamily(CJK_FONT, normal=CJK_FONT, bold=CJK_FONT, italic=CJK_FONT,
                                  boldItalic=CJK_FONT)
    use_chinese_rules()
    return CJK_FONT, FALLBACK_FONT


@cache
def _covered(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def with_fallback(escaped: str) -> str:
    """Markup for reportlab: characters the CJK font lacks are set in the first fallback
    that has them (the bundled Latin one, then a CJK font of the machine), so nothing
    prints as an empty box where any font can show it. `escaped` is already XML-escaped;
    entities and tags pass through untouched."""
    main, fallback = register_pdf_fonts()
    covered = _covered(main)
    out, current, i = [], None, 0
    while i < len(escaped):
        char = escaped[i]
        if char in "&<":  # an entity or a tag: copy as is
            end = escaped.find(";" if char == "&" else ">", i)
            end = len(escaped) - 1 if end < 0 else end
            if current:
                out.append("</font>")
                current = None
            out.append(escaped[i:end + 1])
            i = end + 1
            continue
        wanted = None
        if ord(char) not in covered and not char.isspace():
            wanted = _fallback_for(ord(char), fallback)
        elif char in CURLY and not _wide(escaped[i - 1:i]) and not _wide(escaped[i + 1:i + 2]):
            wanted = fallback
        if wanted != current:
            if current:
                out.append("</font>")
            if wanted:
                out.append(f'<font name="{wanted}">')
            current = wanted
        out.append(char)
        i += 1
    if current:
        out.append("</font>")
    return "".join(out)


# The CJK font draws curly quotes a full em wide, as Chinese sets them; in English
# ("teacher’s", “Can he?”) they are set in the Latin font, narrow.
CURLY = "‘’“”"


def _wide(char: str) -> bool:
    from unicodedata import east_asian_width

    return bool(char) and east_asian_width(char) in ("W", "F")


def _fallback_for(code: int, fallback: str) -> str | None:
    """The first fallback font that has the character: the bundled Latin one, then a CJK
    font of the machine, read only when a character needs it (a system font such as
    SimSun takes longer to read than the whole document to write)."""
    if code in _covered(fallback):
        return fallback
    system = system_fallback()
    return system if system and code in _covered(system) else None
