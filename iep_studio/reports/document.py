"""The neutral document model: what a document says, not how a format lays it out.

A builder (the IEP, the parent version, a progress report ...) fills a Document with
blocks; each renderer knows only how to lay the blocks out. Text is plain text (newlines
allowed): renderers escape it, so a teacher's "a<b" or "&" never breaks a document.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 section, 2 sub-section


@dataclass
class Paragraph:
    text: str
    style: str = "body"  # body, lead (larger, for openings), note (smaller, grey)


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Fields:
    """Label and value pairs laid out two pairs to a row (basic information)."""

    pairs: list[tuple[str, str]]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative widths; equal when None


@dataclass
class Chart:
    image: bytes  # JPEG, drawn once per export and placed in both formats
    width_cm: float
    height_cm: float
    caption: str = ""


@dataclass
class Signatures:
    """Lines to sign: who (role and name) and a blank for the signature and the date;
    signatures already given are printed with their date."""

    rows: list[tuple[str, str, str]]  # (role, name, signed on or "")
    note: str = ""


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Fields | Table | Chart | Signatures | PageBreak


@dataclass(frozen=True)
class Page:
    """A page's size and margins in points: a school's Word template sets them, and the
    PDF follows."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float


@dataclass
class Document:
    title: str
    language: str  # zh_CN or en
    running_head: str = ""  # the student's name and the period, on every page
    school: str = ""
    subtitle: str = ""
    large_type: bool = False  # the parent version: easier to read
    logo: bytes | None = None  # the school's logo (PNG or JPEG), in the page header
    # Across every page of a plan not yet final ("草稿"): a draft is never taken for the
    # plan in effect, and is never signed.
    watermark: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def text(self) -> str:
        """Every word of the document, for tests and search."""
        parts = [self.title, self.subtitle]
        for b in self.blocks:
            if isinstance(b, (Heading, Paragraph)):
                parts.append(b.text)
            elif isinstance(b, Bullets):
                parts += b.items
            elif isinstance(b, Fields):
                parts += [f"{k} {v}" for k, v in b.pairs]
            elif isinstance(b, Table):
                parts += b.columns + [c for row in b.rows for c in row]
            elif isinstance(b, Signatures):
                parts += [" ".join(r) for r in b.rows]
        return "\n".join(p for p in parts if p)
