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


def test_the_signatures_stay_on_the_page_of_the_meeting_they_close(tmp_path):
    doc = d.Document("个别化教育计划", "zh_CN")
    doc.add(d.Paragraph("计划内容。\n" * 30))
    doc.add(d.Heading("IEP会议", 2), d.Fields([("会议日期", "2026-11-20"), ("出席人员", "王丽")]),
            d.Table(["家长意见"], [["同意本计划。"]]),
            d.Signatures([("资源教师", "王丽", ""), ("校长", "陈校长", ""), ("母亲", "李梅", ""),
                          ("班主任", "刘老师", ""), ("康复治疗师", "赵医生", ""),
                          ("心理教师", "沈老师", ""), ("父亲", "陈立峰", ""),
                          ("巡回指导教师", "周敏", ""), ("医生", "孙医生", "")], "签名表示同意。"))
    render_pdf(doc, tmp_path / "iep.pdf")
    printed = pages(tmp_path / "iep.pdf")
    with_signatures = next(p for p in printed if "陈校长" in p)
    assert "IEP会议" in with_signatures and "同意本计划" in with_signatures


def test_a_row_is_moved_whole_rather_than_cut_at_the_foot_of_a_page(tmp_path):
    doc = d.Document("评估报告", "zh_CN")
    doc.add(d.Paragraph("说明。\n" * 20))
    rows = [[f"{n}", f"第{n}项开始\n\n\n\n第{n}项结束"] for n in range(1, 16)]
    doc.add(d.Table(["序号", "内容"], rows, [1, 6]))
    render_pdf(doc, tmp_path / "report.pdf")
    printed = pages(tmp_path / "report.pdf")
    assert len(printed) > 2
    for n in range(1, 16):  # each row begins and ends on the same page
        assert any(f"第{n}项开始" in p and f"第{n}项结束" in p for p in printed), n


def test_a_row_taller_than_a_page_still_continues_on_the_next(tmp_path):
    doc = d.Document("计划", "zh_CN")
    doc.add(d.Table(["序号", "内容"], [["1", "很长的目标。\n" * 80]], [1, 6]))
    render_pdf(doc, tmp_path / "plan.pdf")
    assert len(pages(tmp_path / "plan.pdf")) >= 2
