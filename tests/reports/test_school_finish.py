"""The school's own touches: its logo in every header, its Word template as the start of
Word documents; a missing or broken one is refused with a message, not a crash."""
from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document as new_docx

from iep_studio.core.errors import IepStudioError
from iep_studio.reports import document as d
from iep_studio.reports.export import Finish, write


def logo_png(path) -> None:
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x1a\x4f\x8b" * 8 for _ in range(4))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 4, 8, 2,
                                                                          0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def sample() -> d.Document:
    return d.Document("个别化教育计划", "zh_CN", school="城南小学", running_head="张小明").add(
        d.Paragraph("正文"))


def test_the_logo_is_in_the_header_of_both_formats(tmp_path):
    logo_png(tmp_path / "logo.png")
    finish = Finish(logo=tmp_path / "logo.png")
    write(sample(), tmp_path / "a.pdf", finish)
    write(sample(), tmp_path / "a.docx", finish)
    assert b"/Subtype /Image" in (tmp_path / "a.pdf").read_bytes()
    header = new_docx(str(tmp_path / "a.docx")).sections[0].header
    assert header._element.xml.count("<pic:pic") == 1 and "城南小学" in header.paragraphs[0].text


def test_a_schools_word_template_keeps_its_letterhead_and_takes_our_content(tmp_path):
    template = new_docx()
    template.sections[0].header.paragraphs[0].text = "杭州市城南小学 资源教室"
    template.add_paragraph("模板里的示例文字，导出时会被替换")
    template.save(str(tmp_path / "letterhead.docx"))
    write(sample(), tmp_path / "a.docx", Finish(word_template=tmp_path / "letterhead.docx"))
    word = new_docx(str(tmp_path / "a.docx"))
    assert word.sections[0].header.paragraphs[0].text == "杭州市城南小学 资源教室"
    texts = [p.text for p in word.paragraphs]
    assert "正文" in texts and "模板里的示例文字，导出时会被替换" not in texts


def test_a_broken_template_or_missing_logo_is_refused_with_a_message(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"not a word file")
    with pytest.raises(IepStudioError) as refused:
        write(sample(), tmp_path / "a.docx", Finish(word_template=tmp_path / "broken.docx"))
    assert refused.value.message == (
        "The Word template {path} cannot be opened as a .docx document. Choose another in "
        "Settings, or clear it to use the standard layout.")
    assert not (tmp_path / "a.docx").exists()
    with pytest.raises(IepStudioError) as refused:
        write(sample(), tmp_path / "b.pdf", Finish(logo=tmp_path / "gone.png"))
    assert refused.value.message == (
        "The school logo {path} cannot be read: {reason}. Choose it again in Settings, or "
        "clear it.")
    assert str(tmp_path / "gone.png") in str(refused.value)
    (tmp_path / "text.png").write_text("not an image")
    with pytest.raises(IepStudioError) as refused:
        write(sample(), tmp_path / "c.pdf", Finish(logo=tmp_path / "text.png"))
    assert "not a whole PNG or JPEG image" in str(refused.value)
    cut = tmp_path / "cut.png"
    logo_png(cut)
    cut.write_bytes(cut.read_bytes()[:40])  # a PNG that stops short
    with pytest.raises(IepStudioError) as refused:
        write(sample(), tmp_path / "d.docx", Finish(logo=cut))
    assert "not a whole PNG or JPEG image" in str(refused.value)


def test_rendering_to_memory_keeps_the_template_untouched(tmp_path):
    template = new_docx()
    template.save(str(tmp_path / "t.docx"))
    before = (tmp_path / "t.docx").read_bytes()
    from iep_studio.reports.word import render_docx

    render_docx(sample(), BytesIO(), base=tmp_path / "t.docx")
    assert (tmp_path / "t.docx").read_bytes() == before
