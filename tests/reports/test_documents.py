"""The IEP and the parent version, built once and rendered to .pdf and .docx, read back:
the words are there in both formats, the CJK font is embedded in the PDF, and in Word the
East Asian font is named on every style and run, with no theme font to override it."""
from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import pytest
from docx import Document as read_docx
from docx.oxml.ns import qn

from iep_studio.reports import document as d
from iep_studio.reports.iep_document import iep_document
from iep_studio.reports.parent_document import parent_document
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.word import render_docx

POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) "
                                   "is not installed; .ci/run installs it")


@pytest.fixture
def signed_plan(services, team, complete_plan):
    services.plans.update(complete_plan.id, {"strategies": "视觉提示<先做后玩>&分步示范"})
    services.review.submit(complete_plan.id, team.teacher)
    services.review.sign(complete_plan.id, guardian_id=team.mother.id)
    services.review.approve(complete_plan.id, team.principal)
    return services.plans.get(complete_plan.id)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_fonts(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout


def docx_text(path) -> str:
    word = read_docx(str(path))
    parts = [p.text for p in word.paragraphs]
    parts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def words(text: str) -> str:
    return "".join(text.split())  # PDF lines wrap anywhere in Chinese


@needs_poppler
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_full_iep_reads_back_from_both_formats(services, team, signed_plan, tmp_path,
                                                   language):
    doc = iep_document(services, signed_plan.id, language)
    render_pdf(doc, tmp_path / "iep.pdf")
    render_docx(doc, tmp_path / "iep.docx")
    objective = signed_plan.goals[0].objectives[0]
    expected = ["张小明", "提高手眼协调与握笔能力", objective.behaviour, "视觉提示<先做后玩>&分步示范",
                "李梅", "王丽", "陈校长"]
    expected += (["个别化教育计划", "12 评估检讨与签名", "第 1 页 / 共"] if language == "zh_CN"
                 else ["Individualized Education Plan", "12 Reviews and signatures", "Page 1 of"])
    text, word = words(pdf_text(tmp_path / "iep.pdf")), words(docx_text(tmp_path / "iep.docx"))
    for phrase in expected:
        assert words(phrase) in text
        if "页" not in phrase and "Page" not in phrase:  # Word numbers pages when it opens
            assert words(phrase) in word
    fonts = pdf_fonts(tmp_path / "iep.pdf")
    assert "WenQuanYiMicroHei" in fonts and "Helvetica" not in fonts
    assert all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts.splitlines()[2:])


def test_the_guardian_who_signed_is_printed_with_the_date(services, team, signed_plan):
    doc = iep_document(services, signed_plan.id, "zh_CN")
    signatures = next(b for b in doc.blocks if isinstance(b, d.Signatures))
    mother = next(r for r in signatures.rows if r[1] == "李梅")
    principal = next(r for r in signatures.rows if r[1] == "陈校长")
    assert mother[0] == "母亲" and len(mother[2]) == 10 and principal[2] == ""


def test_word_sets_the_east_asian_font_everywhere_without_theme_fonts(
        services, signed_plan, tmp_path):
    render_docx(iep_document(services, signed_plan.id, "zh_CN"), tmp_path / "iep.docx")
    word = read_docx(str(tmp_path / "iep.docx"))
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimSun"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = word.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in ("SimSun", "SimHei")
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib)
    runs = [r for p in word.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in word.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
                        in ("SimSun", "SimHei") for r in runs)
    footer = word.sections[0].footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_the_parent_version_is_plain_large_and_says_how_to_help_at_home(
        services, team, signed_plan, tmp_path):
    doc = parent_document(services, signed_plan.id, "zh_CN")
    text = doc.text()
    assert doc.large_type and doc.title == "张小明的学习计划（家长版）"
    assert "在家里您可以这样做" in text
    assert "怎样知道孩子做到了" not in text  # each criterion is said with its objective
    assert "张小明能用三指正确握笔描画直线" in text  # "学生" becomes the child's name
    for jargon in ("短期目标", "评量方式", "负责人", "P 通过", "C 继续", "IEP"):
        assert jargon not in text
    render_docx(doc, tmp_path / "parent.docx")
    word = read_docx(str(tmp_path / "parent.docx"))
    assert word.styles["Normal"].font.size.pt == 14  # large type
    signers = [row.cells[1].text for row in word.tables[-1].rows[1:]]
    assert signers == ["李梅", "王丽"]


def test_the_parent_version_in_english_reads_naturally(services, signed_plan):
    """A plan written in Chinese from the goal bank reads in English in the bank's English
    words, each objective one sentence about the child ending in a full stop."""
    doc = parent_document(services, signed_plan.id, "en")
    text = doc.text()
    assert "How you can help at home" in text and "张小明's learning plan" in text
    assert ("Given a triangular pencil grip, 张小明 holds the pencil with a tripod grip and "
            "traces straight lines, with a correct grip on at least 8 of 10 lines, in 3 "
            "consecutive sessions.") in text
    objectives = next(b for b in doc.blocks if isinstance(b, d.Bullets)).items
    assert all(o[0].isupper() and o.endswith(".") for o in objectives)
    for chinese in ("学生", "三指", "。", "，"):
        assert not any(chinese in o for o in objectives)
    assert "the student" not in text.lower() and "How we will know" not in text


@needs_poppler
def test_a_character_the_cjk_font_lacks_is_set_in_the_fallback_font(tmp_path):
    from reportlab.pdfbase import pdfmetrics

    from iep_studio.reports.fonts import register_pdf_fonts

    main, fallback = register_pdf_fonts()
    missing = sorted(set(pdfmetrics.getFont(fallback).face.charToGlyph)
                     - set(pdfmetrics.getFont(main).face.charToGlyph))
    char = next(chr(c) for c in missing if chr(c).isprintable() and not chr(c).isspace())
    doc = d.Document("测试", "zh_CN").add(d.Paragraph(f"符号 {char} 在这里"))
    render_pdf(doc, tmp_path / "fallback.pdf")
    assert "Vera" in pdf_fonts(tmp_path / "fallback.pdf")
    assert char in pdf_text(tmp_path / "fallback.pdf")


def test_rendering_to_memory_gives_the_same_kind_of_file(services, signed_plan):
    doc = iep_document(services, signed_plan.id, "en")
    pdf, word = BytesIO(), BytesIO()
    render_pdf(doc, pdf)
    render_docx(doc, word)
    assert pdf.getvalue().startswith(b"%PDF") and word.getvalue().startswith(b"PK")


def test_a_chinese_line_never_starts_with_a_comma_or_a_full_stop():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paragraph import Paragraph

    from iep_studio.reports.fonts import register_pdf_fonts

    font, _fallback = register_pdf_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=15.4, leading=25, wordWrap="CJK")
    text = ("亲爱的家长：您好！这是我们和您一起为陈宇轩制定的本学期学习计划。下面用简单的话说明"
            "我们要一起努力的事、怎样知道孩子做到了，以及在家里您可以怎样帮忙；每个孩子都有自己"
            "的节奏，我们会一步一步陪着他进步！")
    starts = set()
    for width in range(300, 480, 3):
        paragraph = Paragraph(text, style)
        paragraph.wrap(width, 2000)
        starts |= {line[1][0][0] for line in paragraph.blPara.lines[1:]}
    assert not starts & set("，。；：！？、")


def test_a_signature_stays_printed_after_the_signer_leaves_the_team(services, team,
                                                                    signed_plan):
    services.review.sign(signed_plan.id, person_id=team.head_teacher)
    student = services.students.get(team.student.id)
    membership = next(m for m in student.team if m.person_id == team.head_teacher)
    services.students.remove_team_member(membership.id)
    doc = iep_document(services, signed_plan.id, "zh_CN")
    rows = next(b for b in doc.blocks if isinstance(b, d.Signatures)).rows
    head = next(r for r in rows if r[1] == "刘老师")
    assert head[0] == "班主任" and len(head[2]) == 10  # still there, with the date
    assert next(r for r in rows if r[1] == "李梅")[0] == "母亲"


def test_long_entries_and_pasted_control_characters_still_export(services, team,
                                                                 complete_plan, tmp_path):
    objective = complete_plan.goals[0].objectives[0]
    services.plans.update_objective(objective.id, {"criterion": "每次课记录握笔姿势。" * 60})
    services.plans.update(complete_plan.id, {"strategies": "第一行\x0b第二行\x0c第三行\x01"})
    doc = iep_document(services, complete_plan.id, "zh_CN")
    render_pdf(doc, tmp_path / "long.pdf")  # a row taller than a page continues on the next
    render_docx(doc, tmp_path / "long.docx")
    strategies = [p.text for p in read_docx(str(tmp_path / "long.docx")).paragraphs
                  if p.text.startswith("第一行")]
    assert strategies == ["第一行\n第二行\n第三行"]


def test_a_schools_template_with_only_the_normal_style_still_works(services, signed_plan,
                                                                   tmp_path):
    from docx import Document as new_docx

    template = new_docx()
    styles = template.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in ("Normal",):
            styles.remove(style)
    template.save(str(tmp_path / "bare.docx"))
    render_docx(iep_document(services, signed_plan.id, "zh_CN"), tmp_path / "out.docx",
                base=tmp_path / "bare.docx")
    word = read_docx(str(tmp_path / "out.docx"))
    assert word.paragraphs[0].text == "个别化教育计划（IEP）" and word.tables


def test_something_too_big_for_a_page_is_said_plainly(tmp_path):
    from iep_studio.core.errors import IepStudioError

    jpeg = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xdb\x00C\x00" + bytes(range(1, 65)) +
            b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
            b"\xff\xc4\x00\x14\x00\x01" + b"\x00" * 15 + b"\x00"
            b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00\xd2\xcf \xff\xd9")
    doc = d.Document("进展报告", "zh_CN").add(d.Chart(jpeg, 16, 40))  # taller than A4
    with pytest.raises(IepStudioError) as refused:
        render_pdf(doc, tmp_path / "big.pdf")
    assert refused.value.message == (
        "A text in \u201c{title}\u201d is too long to lay out on a page. Shorten the longest "
        "entry, or export as Word.")


def test_the_parent_version_gives_each_objectives_own_home_tip(services, complete_plan):
    """Objectives from the goal bank bring the bank's tip for the family; the area's
    general tips (hopscotch for any motor goal) are used only when no objective has one."""
    from iep_studio.reports.parent_document import guide

    bank = services.library.shipped().goals
    for language in ("zh_CN", "en"):
        text = parent_document(services, complete_plan.id, language).text()
        for bank_id in ("fm-pencil-grip-01", "fm-pencil-grip-02"):
            assert bank[bank_id].home_tip.get(language) in text
        general = guide()["domains"]["fine_motor"]["home"]
        assert not any((tip["zh"] if language == "zh_CN" else tip["en"]) in text
                       for tip in general)


def test_the_teachers_words_for_the_family_replace_the_generated_ones(
        services, complete_plan):
    """The sentence and the tip the teacher fitted to the family are printed as written,
    in either document's language; the generated sentence and the bank's tip are not."""
    first, second = complete_plan.goals[0].objectives
    bank = services.library.shipped().goals
    services.plans.set_parent_words(first.id, {
        "parent_wording": "小明能用三个手指拿笔，描10条直线，有8条拿得对",
        "home_tip": "每天写作业前，请孩子先用三个手指捏一捏笔，您看一看"})
    for language in ("zh_CN", "en"):
        text = parent_document(services, complete_plan.id, language).text()
        assert "小明能用三个手指拿笔，描10条直线，有8条拿得对" in text
        assert "每天写作业前，请孩子先用三个手指捏一捏笔，您看一看" in text
        assert bank["fm-pencil-grip-01"].home_tip.get(language) not in text
        assert bank["fm-pencil-grip-01"].criterion.get(language) not in text
        assert bank["fm-pencil-grip-02"].home_tip.get(language) in text  # untouched
    # What is typed in the wording dialog, previewed before it is saved
    typed = parent_document(services, complete_plan.id, "zh_CN", words={second.id: {
        "parent_wording": "写字时手指捏在笔上的记号处", "home_tip": ""}}).text()
    assert "写字时手指捏在笔上的记号处" in typed
    assert bank["fm-pencil-grip-02"].home_tip.get("zh_CN") not in typed


def test_each_objective_is_one_sentence_with_its_criterion_said_once(services, team):
    """"出示卡片" and "10幅中至少7幅" mean nothing apart: each objective is one sentence,
    condition, behaviour and criterion, and a criterion the behaviour already says is not
    said again."""
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 author_id=team.teacher)
    goal = services.plans.add_goal(plan.id, "receptive_language", "听懂常见物品的名称")
    services.plans.add_objective(goal.id, {
        "condition": "出示卡片，老师说出名称时", "behaviour": "学生能指出对应的图片，10幅中至少7幅",
        "criterion": "10幅中至少7幅"})
    services.plans.add_objective(goal.id, {
        "condition": "在集体游戏中", "behaviour": "能等待轮到自己", "criterion": "5次中4次"})
    doc = parent_document(services, plan.id, "zh_CN")
    text = doc.text()
    assert text.count("10幅中至少7幅") == 1
    objectives = next(b for b in doc.blocks if isinstance(b, d.Bullets)).items
    assert objectives == ["出示卡片，老师说出名称时，张小明能指出对应的图片，10幅中至少7幅。",
                          "在集体游戏中，张小明能等待轮到自己，5次中4次。"]


def test_a_child_taught_at_home_is_told_of_visits_not_of_class(services, team):
    """A child taught at home (送教上门) is not told about class or the resource room, nor
    given the areas' general tips, which presume a child who walks and goes to school:
    the objectives' own tips, or a line that the teacher will show the family on a visit."""
    from iep_studio.reports.parent_document import guide

    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 author_id=team.teacher)
    services.plans.update(plan.id, {"resource_sessions_per_week": 2})
    services.plans.add_service(plan.id, {"name": "康复训练", "frequency": "每周1次"})
    motor = services.plans.add_goal(plan.id, "gross_motor", "提高头部控制能力")
    services.plans.add_objective(motor.id, {
        "condition": "俯卧时家长在前方用玩具逗引", "behaviour": "学生能抬头",
        "criterion": "保持10秒，5次中4次"})
    eating = services.plans.add_goal(plan.id, "self_care.eating", "")
    services.plans.add_objective(eating.id, {
        "condition": "家长喂糊状食物时", "behaviour": "学生能合唇把食物抿进嘴里",
        "criterion": "一餐中10勺至少8勺", "home_tip": ""})
    at_school = parent_document(services, plan.id, "zh_CN").text()
    assert "除了在班级里和同学们一起学习，张小明本学期还会得到以下支持：" in at_school
    assert "在资源教室个别或小组学习，每周 2 节" in at_school
    services.students.change_placement(team.student.id, "home_delivered", "2026-08-20")
    zh = parent_document(services, plan.id, "zh_CN").text()
    assert "老师会按计划到家里来，和张小明一起学习；本学期还会有以下支持：" in zh
    assert "送教上门学习计划" in zh and "老师上门教学，每周 2 次" in zh
    assert zh.count("老师上门时会和您一起商量") == 2  # once for each goal
    for presuming in ("在班级里", "资源教室", "上学", "放学"):
        assert presuming not in zh
    areas = guide()["domains"]
    for area in ("gross_motor", "self_care", "self_care.eating"):
        assert not any(tip["zh"] in zh for tip in areas[area]["home"])
    en = parent_document(services, plan.id, "en").text()
    assert "The teacher will come to your home as planned to learn with 张小明" in en
    assert "Teaching visits at home, 2 a week" in en
    assert "in class" not in en and "resource room" not in en and "school" not in en
    assert not any(tip["en"] in en for tip in areas["gross_motor"]["home"])


def test_an_objective_written_by_hand_gets_the_areas_general_tips(services, team):
    from iep_studio.reports.parent_document import guide

    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                 author_id=team.teacher)
    goal = services.plans.add_goal(plan.id, "fine_motor", "提高握笔能力")
    services.plans.add_objective(goal.id, {"condition": "在描红练习中", "behaviour": "学生能三指握笔",
                                           "criterion": "5次中4次，连续2周"})
    text = parent_document(services, plan.id, "zh_CN").text()
    assert guide()["domains"]["fine_motor"]["home"][0]["zh"] in text
