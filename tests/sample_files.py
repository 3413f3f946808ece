"""Files as a scanner or a phone makes them, made in the test that needs them: a photo,
a scanned PDF of some pages, and pictures made to do harm."""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def png(size=(64, 48), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_turned(size=(80, 40)) -> bytes:
    """A phone's photo stored on its side, with EXIF saying to turn it (orientation 6)."""
    image = Image.new("RGB", size, (20, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf(pages: int = 2, password: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, encrypt=password)
    for number in range(1, pages + 1):
        drawing.drawString(72, 720, f"Page {number}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def bomb_png(side: int = 30000) -> bytes:
    """A PNG whose header claims 900 million pixels, in a few dozen bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""))


def workbook(path, headings, rows, title=None):
    """An .xlsx as a school keeps a list: an optional title row, the headings, the rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
