"""Typography a reader notices, read back from the PDF: no line starts with a closing mark
(” after ？, 。, ）) or ends with an opening one (“, （, 《); a word, a date, a number such
as 1.1 or a short heading such as 序号 is never cut across two lines; two texts are
joined without "。；"; bullets hang."""
from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from docx import Document as read_docx
from docx import Document as new_docx

from iep_studio.core.iep.terms import objective_sentence
from iep_studio.core.vocabulary import join_clauses
from iep_studio.reports import document as d
from iep_studio.reports.columns import PADDING, fields_shares, fit_columns, table_shares
from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.linebreak import pieces
from iep_studio.reports.parent_document import parent_document
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.progress_document import progress_document
from iep_studio.reports.word import render_docx

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"),
                                     reason="poppler-utils is not installed; .ci/run installs it")

CLOSING = set("，。、；：？！）》〉」』】〕］｝”’…％,.;:?!)]")
OPENING = set("“‘（《〈「『【〔［｛([")

# A paragraph a teacher could write, dense with everything that trips a line breaker.
TEACHER = (
    "老师问：“你今天想先做哪一项？”他想了想说：“先拼图，再写字！”于是我们按（视觉提示）"
    "《先做后玩》的顺序开始，每完成一步就给一枚贴纸【代币】。家长反馈：“在家也能坐 10 分钟"
    "了……”本学期目标 1.1 于 2026-11-18 达标（正确率 80%，共 12 次），Family participation "
    "记录见附件；下一步是“独立完成”而不是“在提示下完成”。他会说“Thank you”和“Good "
    "morning”，也会用 iPad 上的 Proloquo2Go 选择“我要休息”。")
ENGLISH = (
    "At the review on 2026-11-18 (objective 1.1), his mother asked: \u201cCan he practise "
    "at home?\u201d The team agreed on a visual schedule (first-then cards) and a token "
    "board; participation in group work rose from 40% to 80% over 12 sessions. "
    "Responsible: the resource-room teacher, with the head teacher\u2019s support.")


@dataclass
class Line:
    page: int
    x: float
    y: float
    text: str


def pdf_lines(path) -> list[Line]:
    """Every line of the PDF as poppler reads it, with where it starts. A bullet is left
    out, so a bullet's first line starts where the lines after it do."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    lines = []
    for number, page in enumerate(ET.fromstring(xhtml).iter(f"{{{ns['h']}}}page")):
        for line in page.iter(f"{{{ns['h']}}}line"):
            words = line.findall("h:word", ns)
            if words and words[0].text == "•":
                words = words[1:]
            if words:
                lines.append(Line(number, float(words[0].get("xMin")),
                                  float(words[0].get("yMin")),
                                  " ".join(w.text or "" for w in words)))
    return lines


def wraps(lines: list[Line], size: float) -> list[tuple[Line, Line]]:
    """Pairs of a line and the line under it in the same paragraph or cell: the same page,
    the same left edge, one line's height below."""
    pairs = []
    for line in lines:
        below = [o for o in lines if o.page == line.page and abs(o.x - line.x) < 0.5
                 and 0 < o.y - line.y <= size * 1.9 + 0.5]
        if below:
            pairs.append((line, min(below, key=lambda o: o.y)))
    return pairs


TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-./:'\u2019][A-Za-z0-9]+)*%?")
TAIL = re.compile(r"[-A-Za-z0-9./:'\u2019%]+$")
HEAD = re.compile(r"^[-A-Za-z0-9./:'\u2019%]+")


def unbreakable(doc: d.Document) -> tuple[set[str], set[str]]:
    """The document's words, numbers and dates, and the short texts of its table cells
    (序号, 检讨, No.): none of them may be cut across two lines."""
    words = {t for t in TOKEN.findall(doc.text()) if len(t) > 1}
    short = set()
    for block in doc.blocks:
        cells = (block.columns + [c for row in block.rows for c in row]
                 if isinstance(block, d.Table) else
                 [t for pair in block.pairs for t in pair] if isinstance(block, d.Fields) else [])
        short |= {c.strip() for c in cells if 1 < len(c.strip()) <= 4 and "\n" not in c}
    return words, short


@dataclass
class Findings:
    lines: int
    wraps: int
    bad_starts: list[str]
    bad_ends: list[str]
    cut: list[str]


def check_pdf(doc: d.Document, path) -> Findings:
    render_pdf(doc, path)
    return examine(pdf_lines(path), doc)


def examine(lines: list[Line], doc: d.Document) -> Findings:
    pairs = wraps(lines, 14 if doc.large_type else 10.5)
    words, short = unbreakable(doc)
    cut = []
    for upper, lower in pairs:
        # A word or date cut in two: what ends the line and what starts the next make one
        # of the document's words (a break at a space leaves two words of their own).
        tail, head = TAIL.search(upper.text), HEAD.match(lower.text)
        if tail and head and (tail[0] + head[0]).strip(".:-'\u2019") in words:
            cut.append(f"{upper.text!r} / {lower.text!r}")
        # A short cell (序号) on two lines.
        if any(cell.startswith(upper.text) and (upper.text + lower.text).startswith(cell)
               and len(upper.text) < len(cell) for cell in short):
            cut.append(f"{upper.text!r} / {lower.text!r}")
    return Findings(len(lines), len(pairs),
                    [x.text for x in lines if x.text[0] in CLOSING],
                    [x.text for x in lines if x.text[-1] in OPENING], cut)


def handmade(language: str) -> d.Document:
    """Long paragraphs with their breaks in ever other places, bullets, and
    narrow table columns holding 序号, 1.1, dates and English words."""
    doc = d.Document("排版" if language.startswith("zh") else "Typography", language)
    for text, filler in ((TEACHER, "好"), (ENGLISH, "very ")):
        for n in range(20):  # each break falls elsewhere
            doc.add(d.Paragraph(filler * n + text))
        doc.add(d.Bullets([text, filler * 3 + text, filler * 7 + text]))
    doc.add(d.Table(["序号", "目标", "日期", "备注"],
                    [[f"1.{i}", "好" * i + TEACHER, "2026-11-18\n2027-01-15",
                      "Family participation"] for i in range(1, 6)], [0.6, 4, 1.3, 1.2]))
    doc.add(d.Table(["No.", "Objective", "Dates", "Who", "Review"],
                    [[f"1.{i}", "very " * i + ENGLISH, "2026-09-01\n2027-01-31", "Responsible",
                      "Participation"] for i in range(1, 6)], [0.6, 3.0, 1.0, 0.8, 0.8]))
    doc.add(d.Fields([("Family participation", ENGLISH), ("Resource-room sessions a week", "3"),
                      ("家长参与", TEACHER), ("检讨", "1.1")]))
    return doc


@pytest.fixture
def rich(services, team, complete_plan):
    """The complete plan with what a real one has: a health note and medication, long
    texts full of quotes and brackets, English objectives beside Chinese ones, services,
    present levels, sessions recorded; with the team and signed by the mother."""
    services.students.update(team.student.id, {
        "health_notes": "对花生过敏。", "medication": "每日早餐后服用哌甲酯（Ritalin）10 mg。",
        "diagnosis": "孤独症谱系障碍（ASD），伴注意缺陷"})
    plan = services.plans.update(complete_plan.id, {
        "strengths": TEACHER, "strategies": ENGLISH + TEACHER, "adjustments": TEACHER[40:],
        "guardian_participation": "母亲参加了IEP会议，并问：“在家也要练习握笔吗？”",
        "placement_statement": ENGLISH, "behaviour_support": TEACHER[9:],
        "transition": ENGLISH[30:], "resource_sessions_per_week": 3})
    services.plans.set_present_levels(plan.id, [
        {"domain": "fine_motor", "level": TEACHER[:90], "source": "C-PEP-3（2026-09-10）"},
        {"domain": "social", "level": ENGLISH[:160], "source": "Observation 2026-09-15"}])
    social = services.plans.add_goal(plan.id, "social", "Within the school year the student "
                                     "will greet and take turns with classmates.")
    for bank_id in ("soc-greet-01", "soc-turn-01"):
        services.plans.add_from_bank(plan.id, bank_id, "en", goal_id=social.id,
                                     responsible="Wang Li")
    services.plans.add_objective(social.id, {
        "condition": "在老师口头提示下，", "behaviour": "学生能说出“我需要帮忙”。",
        "criterion": "连续3次课，每次5次中至少4次", "measurement": "观察记录",
        "responsible": "王丽"})
    services.plans.add_service(plan.id, {"name": "言语治疗（Speech therapy）。",
                                         "frequency": "每周 2 次，每次 30 分钟。",
                                         "provider": "赵医生"})
    services.plans.add_service(plan.id, {"name": "Occupational therapy",
                                         "frequency": "Twice a week", "provider": "Dr Zhao"})
    services.review.submit(plan.id, team.teacher)
    services.review.sign(plan.id, guardian_id=team.mother.id)
    services.review.approve(plan.id, team.principal)
    plan = services.plans.get(plan.id)
    for objective in plan.goals[0].objectives + plan.goals[1].objectives[:1]:
        for i, trials in enumerate(("IIVVNIIVNN", "IIIIIIIIVN", "IIIIIIIIVN", "IIIVIIIIIV")):
            services.observations.log(team.student.id, objective.id, trials,
                                      observed_on=date(2026, 11, 10) + timedelta(days=i))
    return plan


def documents(services, team, plan) -> list[tuple[str, d.Document]]:
    made = []
    for language in ("zh_CN", "en"):
        made += [(f"iep-{language}", iep_document(services, plan.id, language)),
                 (f"parent-{language}", parent_document(services, plan.id, language)),
                 (f"progress-{language}", progress_document(services, team.student.id, language,
                                                            date(2026, 9, 1),
                                                            date(2026, 11, 30))),
                 (f"handmade-{language}", handmade(language))]
    return made


@needs_pdftotext
def test_no_line_starts_with_a_closing_mark_ends_with_an_opening_one_or_cuts_a_word(
        services, team, rich, tmp_path):
    total = 0
    for name, doc in documents(services, team, rich):
        found = check_pdf(doc, tmp_path / f"{name}.pdf")
        assert found.bad_starts == [], name
        assert found.bad_ends == [], name
        assert found.cut == [], name
        assert found.wraps >= 10, name  # the document did wrap: the checks saw something
        total += found.wraps
    assert total >= 600


@needs_pdftotext
def test_the_reader_finds_the_faults_it_looks_for(tmp_path):
    """The reading back is not blind: lines set by hand in the wrong places are caught."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from iep_studio.reports.fonts import register_pdf_fonts

    font, _fallback = register_pdf_fonts()
    canvas = Canvas(str(tmp_path / "bad.pdf"), pagesize=A4)
    canvas.setFont(font, 10.5)
    for i, text in enumerate(("他想了想说：“", "先拼图？", "”于是 Family partici", "pation 于 2026-",
                              "11-18，Thank", "you", "序", "号")):
        canvas.drawString(60, 700 - i * 16.8, text)
    canvas.save()
    doc = d.Document("x", "zh_CN").add(
        d.Paragraph("他想了想说：“先拼图？”于是 Family participation 于 2026-11-18，Thank you"),
        d.Table(["序号"], [["1.1"]]))
    found = examine(pdf_lines(tmp_path / "bad.pdf"), doc)
    assert found.wraps == 7
    assert found.bad_ends == ["他想了想说：“"]
    assert found.bad_starts == ["”于是 Family partici"]
    assert found.cut == ["'”于是 Family partici' / 'pation 于 2026-'",
                         "'pation 于 2026-' / '11-18，Thank'", "'序' / '号'"]


def test_a_line_breaks_by_chinese_rules_and_keeps_words_whole():
    assert pieces("他说：“好？”然后") == ["他", "说：", "“好？”", "然", "后"]
    assert pieces("（视觉提示）") == ["（视", "觉", "提", "示）"]
    assert pieces("于 2026-11-18 达标") == ["于 ", "2026-11-18 ", "达", "标"]
    assert pieces("目标 1.1，Family participation") == [
        "目", "标 ", "1.1，", "Family ", "participation"]
    assert pieces("次），Family") == ["次），", "Family"]
    assert pieces("坐了……”本") == ["坐", "了……”", "本"]
    assert pieces('said "yes" (and') == ["said ", '"yes" ', "(and"]


def test_a_paragraph_split_across_pages_has_no_space_added_between_chinese_lines(tmp_path):
    from reportlab.lib.styles import ParagraphStyle

    from iep_studio.reports.fonts import register_pdf_fonts
    from iep_studio.reports.linebreak import Paragraph

    font, _fallback = register_pdf_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16.8,
                           wordWrap="CJK")
    paragraph = Paragraph(TEACHER * 3, style)
    paragraph.wrap(300, 1000)
    first, rest = paragraph.split(300, 16.8 * 4)
    text = "".join(w.text for line in first.blPara.lines for w in line.words)
    text += "".join(f.text for f in rest.frags)
    assert text == TEACHER * 3


def test_texts_are_joined_without_doubled_marks_in_the_documents_language():
    assert join_clauses(["对花生过敏。", "每日服药。"], "zh_CN", strong=True) == "对花生过敏；每日服药。"
    assert join_clauses(["Allergic to peanuts.", "Ritalin daily"], "en", strong=True) == (
        "Allergic to peanuts; Ritalin daily")
    assert join_clauses(["在提示下，", "能说出“我需要帮忙”。"], "zh_CN") == "在提示下，能说出“我需要帮忙”。"
    # Chinese typed by the teacher keeps Chinese marks in an English document.
    assert join_clauses(["在提示下，", "能握笔"], "en") == "在提示下，能握笔"
    assert join_clauses(["Given a prompt,", "writes"], "en") == "Given a prompt, writes"
    assert join_clauses(["他会问吗？", "能握笔"], "zh_CN") == "他会问吗？能握笔"
    assert join_clauses(["Can he wait?", "uses cards"], "en") == "Can he wait? uses cards"
    assert join_clauses(["", "甲", None, "。", "乙"], "zh_CN") == "甲，乙"


def test_the_documents_join_texts_without_doubled_marks(services, team, rich):
    for language in ("zh_CN", "en"):
        text = iep_document(services, rich.id, language).text()
        text += parent_document(services, rich.id, language).text()
        text += progress_document(services, team.student.id, language).text()
        for pair in ("。；", "，，", "。，", "，。", "；；", "。;", ".；", ",，"):
            assert pair not in text, (language, pair)
        assert "对花生过敏；每日早餐后服用" in text  # in English too: the notes are Chinese
        assert "在老师口头提示下，学生能说出“我需要帮忙”" in text
    english = iep_document(services, rich.id, "en")
    objectives = [row[1] for b in english.blocks if isinstance(b, d.Table) and b.rows
                  and b.rows[0][0] == "2.1" for row in b.rows]
    assert objectives[0].startswith("When a familiar") and ", the student" in objectives[0]
    for objective in rich.goals[1].objectives:
        assert "，," not in objective_sentence(objective, "en")


def test_narrow_columns_are_widened_to_their_longest_word_from_the_widest():
    shares = fit_columns([["序号", "1.1"], ["Objective", "a long text " * 20],
                          ["Dates", "2026-11-18"], ["Who", "Responsible"]],
                         [0.5, 4, 0.6, 0.6], 480, 10.5)
    assert abs(sum(shares) - 1) < 1e-9
    widths = [s * 480 for s in shares]
    assert widths[0] == pytest.approx(480 * 0.5 / 5.7)  # 序号 fits as it was
    from iep_studio.reports.columns import _width

    assert widths[2] >= _width("2026-11-18", 10.5) + PADDING - 0.01
    assert widths[3] >= _width("Responsible", 10.5) + PADDING - 0.01
    assert widths[1] < 480 * 4 / 5.7  # the room came from the widest
    # Nothing to widen: the builders' proportions stand.
    assert fit_columns([["甲"], ["乙"]], [1, 3], 480, 10.5) == [0.25, 0.75]
    # Too many long words for the page: the proportions stand (and the text is cut).
    assert fit_columns([["participation"] * 2] * 9, [1] * 9, 200, 10.5) == [1 / 9] * 9


def test_word_and_pdf_give_a_table_the_same_columns(services, rich, tmp_path):
    doc = iep_document(services, rich.id, "en")
    render_docx(doc, tmp_path / "iep.docx")
    word = read_docx(str(tmp_path / "iep.docx"))
    blocks = [b for b in doc.blocks if isinstance(b, (d.Table, d.Fields))]
    text_width = 17 / 2.54 * 72
    for block, table in zip(blocks, word.tables):
        shares = (table_shares(block, text_width, 10.5) if isinstance(block, d.Table)
                  else fields_shares(block, text_width, 10.5))
        cells = [c.width.pt for c in table.rows[0].cells]
        assert [c / sum(cells) for c in cells] == pytest.approx(shares, abs=1e-3)
    # "Resource-room sessions a week": a label wider than its column of 0.17.
    assert any(fields_shares(b, text_width, 10.5) != [0.17, 0.33, 0.17, 0.33]
               for b in blocks if isinstance(b, d.Fields))


def test_bullets_hang_in_both_formats(tmp_path):
    from docx.oxml.ns import qn

    from iep_studio.reports.pdf import _styles

    style = _styles("Helvetica", False)["bullet"]
    assert style.leftIndent > style.bulletIndent >= 0  # the text's edge, not the bullet's
    # A school's template with Normal alone: the bullet is written, and hangs.
    template = new_docx()
    for element in list(template.styles.element.findall(qn("w:style"))):
        if element.get(qn("w:styleId")) != "Normal":
            template.styles.element.remove(element)
    template.save(str(tmp_path / "bare.docx"))
    render_docx(d.Document("x", "en").add(d.Bullets([ENGLISH])), tmp_path / "b.docx",
                base=tmp_path / "bare.docx")
    item = next(p for p in read_docx(str(tmp_path / "b.docx")).paragraphs
                if ENGLISH[:20] in p.text)
    assert item.text.startswith("•\t")  # the text starts at the indent, where lines wrap to
    assert item.paragraph_format.left_indent > 0
    assert item.paragraph_format.first_line_indent == -item.paragraph_format.left_indent


def test_curly_quotes_are_narrow_in_english_and_full_width_in_chinese():
    from iep_studio.reports.fonts import FALLBACK_FONT, with_fallback

    latin = f'<font name="{FALLBACK_FONT}">'
    assert with_fallback("the teacher\u2019s support") == (
        f"the teacher{latin}\u2019</font>s support")
    assert with_fallback("asked: \u201cCan he?\u201d") == (
        f"asked: {latin}\u201c</font>Can he?{latin}\u201d</font>")
    assert with_fallback("他说：\u201c好\u201d，\u201cThank you\u201d和") == (
        "他说：\u201c好\u201d，\u201cThank you\u201d和")
