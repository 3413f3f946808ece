"""What a file to be attached is, decided from its own bytes, never from its name; whether
it can be shown; and its preview, as a PNG picture.

A file comes from a scanner, a phone or a parent's e-mail, and may be damaged or made to
do harm: it is only ever decoded as a picture (Pillow) or a PDF page (PDFium, through
pypdfium2, without its forms or JavaScript), never run nor handed to another program.

Accepted, because scanners and phones in schools make them and both libraries show them:
- PDF: what a school's scanner makes of a signed form, and what a hospital sends;
- JPEG: every phone's photo and a scanner's picture setting;
- PNG: screenshots, and scanners' lossless setting;
- WEBP: photos saved from WeChat and from Android phones' galleries;
- TIFF: a scanner's archive setting, several pages in one file;
- BMP: what older scanner software on Windows saves.
Refused: GIF (no scanner or phone makes one; an animation is not a record: save the
picture as PNG), HEIC (an iPhone's own format: Pillow cannot decode it, so the message says
how to send JPEG instead), SVG and HTML (they can hold scripts), and everything else:
a Word document, a program, an archive, whatever its name claims.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from ..errors import QT_TRANSLATE_NOOP
from .validation import Checker

# A scan of a few pages at 300 dpi, or a phone's photo, is 1 to 8 MB; 20 MB leaves room
# for a long scanned report while keeping each file quick to store, back up and carry.
MAX_BYTES = 20 * 1024 * 1024
MB = 1024 * 1024

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
WEBP, TIFF, BMP = "image/webp", "image/tiff", "image/bmp"
# The kind as a teacher names it, and the one Pillow decoder each picture may use: a file
# is never guessed at by another decoder.
NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP", TIFF: "TIFF", BMP: "BMP"}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP", TIFF: "TIFF", BMP: "BMP"}
# The first bytes of each kind. A file is what its first bytes say, whatever its name.
_SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG),
               (b"II*\x00", TIFF), (b"MM\x00*", TIFF), (b"BM", BMP))
_HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
# The endings each kind is known by; the first is given to a file whose name ends otherwise.
SUFFIXES = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg", ".jfif"), PNG: (".png",),
            WEBP: (".webp",), TIFF: (".tif", ".tiff"), BMP: (".bmp",)}
NAME_LENGTH = 255  # the column's
# A file is drawn this small when it is checked: that proves its first page decodes.
_CHECK_SIDE = 200


@dataclass(frozen=True)
class Shown:
    """A page or picture drawn for the screen."""

    png: bytes
    page_count: int


class Undecodable(Exception):
    """A file of an accepted kind that cannot be decoded: damaged, or not what it says."""


class LockedPdf(Undecodable):
    """A PDF that needs a password to open."""


def media_type_of(head: bytes) -> str | None:
    """The kind of file its first bytes say it is, if one that can be attached."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return next((kind for signature, kind in _SIGNATURES if head.startswith(signature)),
                None)


def _is_heic(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS


def check_file(check: Checker, name: str, content: bytes, size: int | None = None,
               field: str = "file", whole: bool = True) -> str | None:
    """The file's media type, or None with the reason added to `check`: empty, too large,
    a kind that cannot be attached, damaged, or a picture too large to show safely. `size`
    is the size on disk of a file read only up to the limit.

    `whole`: the file is decoded to the end, so a picture cut short is refused as it is
    attached. A received student file (which may carry hundreds of files) has only each
    file's header read: kind, size in pixels, pages and password, so a hostile one costs
    time in proportion to its bytes; a picture damaged further in is then shown as damaged
    when previewed, never a crash."""
    size = len(content) if size is None else max(size, len(content))
    if size == 0:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "{name} is empty (0 bytes). Check that it was saved or scanned "
            "completely, then attach it again."), name=name)
        return None
    if size > MAX_BYTES:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "{name} is {size} MB; a file attached may be at most {limit} MB. Scan "
            "it again at a lower resolution (150 to 200 dpi is clear enough to read) or as "
            "PDF, then attach it."), name=name, size=megabytes(size), limit=MAX_BYTES // MB)
        return None
    media_type = media_type_of(content[:16])
    if media_type is None:
        if _is_heic(content[:16]):
            check.add(field, QT_TRANSLATE_NOOP(
                "Errors", "{name} is an iPhone photo (HEIC), which cannot be shown here. Send "
                "it as JPEG instead (on the iPhone: Settings, Camera, Formats, Most "
                "Compatible), then attach it."), name=name)
        else:
            check.add(field, QT_TRANSLATE_NOOP(
                "Errors", "{name} cannot be attached: whatever its name says, it is not a PDF "
                "or a picture (JPEG, PNG, WEBP, TIFF or BMP). Save a Word or Excel document as "
                "PDF first; scan paper as PDF or as a picture."), name=name)
        return None
    try:
        if whole:
            render(content, media_type, 0, _CHECK_SIDE)
        else:
            _read_header(content, media_type)
    except _Bomb:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "{name} is a picture of more than {limit} million pixels, too large to "
            "be shown safely. Scan it again at a lower resolution, or make the picture "
            "smaller, then attach it."), name=name, limit=_pixel_limit() // 1_000_000)
        return None
    except LockedPdf:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "{name} is a PDF locked with a password, so it cannot be shown. Save a "
            "copy without the password (or print it to PDF), then attach that."), name=name)
        return None
    except Undecodable:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "{name} looks like a {kind} file, but it cannot be read: it may be "
            "damaged, or cut short while it was copied. Open it where it was made, save it "
            "again, then attach it."), name=name, kind=NAMES[media_type])
        return None
    return media_type


def own_name(file_name: str) -> str:
    """The file's own name, without the folders a path or a received file may put before
    it (either kind of slash)."""
    return PurePath(file_name.replace("\\", "/")).name.strip() or "file"


def fitted_file_name(file_name: str, media_type: str) -> str:
    """The file's own name ending as its kind does, short enough for its column: a copy
    saved from it opens as what it is (a scan named "x.hta" is saved as "x.pdf"), never
    as the program its name claimed."""
    name = own_name(file_name)
    suffix = PurePath(name).suffix
    if suffix.lower() in SUFFIXES[media_type]:
        stem = name[:-len(suffix)]
    else:
        stem, suffix = (name[:-len(suffix)] if suffix else name), SUFFIXES[media_type][0]
    return stem[:NAME_LENGTH - len(suffix)] + suffix


def megabytes(size: int) -> str:
    """A size as the messages and the list show it: 20.3 (MB)."""
    return f"{size / MB:.1f}"


# -- drawing ------------------------------------------------------------------------------
def render(content: bytes, media_type: str | None = None, page: int = 0,
           max_side: int = 1600) -> Shown:
    """Page `page` (from 0) of a PDF, or of a picture (a TIFF may hold several), as a PNG no
    larger than `max_side` on its longest side; a picture turned as its camera says (EXIF).
    Raises Undecodable."""
    media_type = media_type or media_type_of(content[:16])
    if media_type == PDF:
        return _pdf_page(content, page, max_side)
    if media_type in PILLOW_FORMATS:
        return _picture(content, media_type, page, max_side)
    raise Undecodable


def _pixel_limit() -> int:
    from PIL import Image

    return int(Image.MAX_IMAGE_PIXELS or 89_478_485)


class _opened:
    """A picture opened by the one decoder of its kind, its header read; a bomb refused
    rather than warned about."""

    def __init__(self, content: bytes, media_type: str):
        self.content, self.media_type = content, media_type

    def __enter__(self):
        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # measured after
            try:
                self.image = Image.open(io.BytesIO(self.content),
                                        formats=[PILLOW_FORMATS[self.media_type]])
            except Image.DecompressionBombError:
                raise _Bomb from None
            except Exception:  # noqa: BLE001 - a hostile file may make a decoder raise anything
                raise Undecodable from None
        return self.image

    def __exit__(self, *exc) -> None:
        self.image.close()


class _Bomb(Undecodable):
    """A picture past Pillow's limit against decompression bombs (a small file that
    decodes to gigabytes): refused, where Pillow would only warn below twice the limit."""


def _picture(content: bytes, media_type: str, page: int, max_side: int) -> Shown:
    from PIL import Image, ImageOps

    try:
        with _opened(content, media_type) as image:
            if image.width * image.height > _pixel_limit():
                raise _Bomb
            count = getattr(image, "n_frames", 1)
            image.seek(min(max(page, 0), count - 1))
            if image.width * image.height > _pixel_limit():  # another page of a TIFF
                raise _Bomb
            image.draft("RGB", (max_side, max_side))  # a JPEG decodes straight at 1/2 to 1/8
            image.load()  # decodes it all: a picture cut short fails here
            shown = ImageOps.exif_transpose(image)
            shown.thumbnail((max_side, max_side))
            if shown.mode not in ("RGB", "RGBA", "L", "LA"):
                shown = shown.convert("RGBA")
            out = io.BytesIO()
            shown.save(out, "PNG")
            return Shown(out.getvalue(), count)
    except Undecodable:
        raise
    except Image.DecompressionBombError:  # a later page of a TIFF
        raise _Bomb from None
    except Exception:  # noqa: BLE001 - a hostile file may make a decoder raise anything
        raise Undecodable from None


def _read_header(content: bytes, media_type: str) -> None:
    """What check_file(whole=False) reads: a picture's header, or a PDF's page count."""
    if media_type == PDF:
        document = _pdf_document(content)
        try:
            if len(document) == 0:
                raise Undecodable
        finally:
            document.close()
        return
    with _opened(content, media_type) as image:
        if image.width * image.height > _pixel_limit():
            raise _Bomb


def _pdf_document(content: bytes):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    # Opened for drawing only: init_forms() is never called, so no form field or
    # JavaScript in it is ever run.
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise LockedPdf from None
        raise Undecodable from None
    except Exception:  # noqa: BLE001 - a hostile file may make the decoder raise anything
        raise Undecodable from None


def _pdf_page(content: bytes, page: int, max_side: int) -> Shown:
    document = _pdf_document(content)
    try:
        count = len(document)
        if count == 0:
            raise Undecodable
        shown = document[min(max(page, 0), count - 1)]
        try:
            width, height = shown.get_size()
            if min(width, height) <= 0:
                raise Undecodable
            # The longest side at max_side pixels: time and memory stay bounded whatever
            # size the page claims.
            bitmap = shown.render(scale=max_side / max(width, height))
            picture = bitmap.to_pil()
            out = io.BytesIO()
            picture.save(out, "PNG")
            bitmap.close()
        finally:
            shown.close()
        return Shown(out.getvalue(), count)
    except Undecodable:
        raise
    except Exception:  # noqa: BLE001 - a damaged page may make the decoder raise anything
        raise Undecodable from None
    finally:
        document.close()
