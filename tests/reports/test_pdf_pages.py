"""Pages a reader does not wonder about: a heading stays with the start of its table, but
a long table does not leave the page before it almost empty."""
from __future__ import annotations

import subprocess

from iep_studio.reports import document as d
from iep_studio.reports.pdf import render_pdf


def pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def test_a_long_table_starts_under_its_heading_on_the_same_page(tmp_path):
    doc = d.Document("周计划", "zh_CN")
    doc.add(d.Paragraph("本周安排如下。\n" * 12))
    doc.add(d.Heading("本周各节课"),
            d.Table(["时间", "内容"], [[f"第{n}节", f"活动{n}"] for n in range(1, 60)]))
    render_pdf(doc, tmp_path / "week.pdf")
    first = pages(tmp_path / "week.pdf")[0]
    assert "本周各节课" in first and "第1节" in first  # not pushed whole to page 2


def test_a_heading_at_the_foot_of_a_page_moves_on_with_its_table(tmp_path):
    doc = d.Document("周计划", "zh_CN")
    doc.add(d.Paragraph("本周安排如下。\n" * 38))
    doc.add(d.Heading("本周各节课"),
            d.Table(["时间", "内容"], [[f"第{n}节", f"活动{n}"] for n in range(1, 10)]))
    render_pdf(doc, tmp_path / "week.pdf")
    first, second = pages(tmp_path / "week.pdf")[:2]
    assert "本周各节课" not in first
    assert "本周各节课" in second and "第1节" in second
