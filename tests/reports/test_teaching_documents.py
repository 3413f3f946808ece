"""Lesson plans, the room's weekly plan and the caseload summary, built and read back."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document as read_docx

from iep_studio.cli import main
from iep_studio.core.access import Actor
from iep_studio.core.iep.terms import objective_sentence
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.reports import document as d
from iep_studio.reports.export import export_one
from iep_studio.reports.pdf import render_pdf
from iep_studio.reports.teaching_documents import (
    caseload_document, lesson_document, lesson_file_stem, week_document,
)
from iep_studio.reports.word import render_docx

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"),
                                     reason="poppler-utils is not installed; .ci/run installs it")


def read_back(doc: d.Document, folder) -> tuple[str, str]:
    """The words of the document as Word and as PDF hold them, without spacing or line
    breaks (a PDF wraps a long line anywhere). Word's page header comes first."""
    render_docx(doc, folder / "a.docx")
    render_pdf(doc, folder / "a.pdf")
    word = read_docx(str(folder / "a.docx"))
    parts = [p.text for p in word.sections[0].header.paragraphs]
    parts += [p.text for p in word.paragraphs]
    parts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    pdf = subprocess.run(["pdftotext", str(folder / "a.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    return "".join("".join(parts).split()), "".join(pdf.split())


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_lesson_plan_from_a_lesson_lists_each_students_level_and_adjustments(
        services, team, tmp_path):
    lesson = services.lessons.make_lesson(
        "app-therapy-ball-prone-rocking", "2026-11-18",
        [LessonPlace(team.student.id, tier=1, adjustments="先示范两次")])
    doc = lesson_document(services, "zh_CN", lesson_id=lesson.id)
    students = next(b for b in doc.blocks if isinstance(b, d.Table))
    assert students.rows == [["张小明", "基础层", "先示范两次"]]
    text = doc.text()
    assert "教学过程" in text and "分层作业" in text and "2026-11-18" in text
    assert "器材本位（大龙球）" in text
    render_docx(doc, tmp_path / "lesson.docx")
    assert "先示范两次" in "".join(c.text for t in read_docx(str(tmp_path / "lesson.docx")).tables
                                  for row in t.rows for c in row.cells)


def test_a_lesson_plan_from_a_unit_in_english(services):
    doc = lesson_document(services, "en", unit_id="def-pencil-grip-fine-motor")
    assert doc.title.startswith("Lesson plan: ") and "Graded assignments" in doc.text()


@needs_pdftotext
def test_a_lesson_plan_names_its_teacher_key_points_objectives_notes_and_room_to_reflect(
        services, team, complete_plan, tmp_path):
    # An objective in an area the unit does not train: not one this lesson serves.
    social = services.plans.add_goal(complete_plan.id, "social", "主动与同伴交往")
    services.plans.add_objective(social.id, {"condition": "在课间",
                                             "behaviour": "学生能主动邀请同伴玩",
                                             "criterion": "每周至少3次"})
    services.store.actor = Actor("a1", "王丽", "resource_teacher", team.teacher)
    lesson = services.lessons.make_lesson(
        "def-pencil-grip-fine-motor", "2026-11-18",
        [LessonPlace(team.student.id, tier=1, adjustments="用三角握笔器")],
        notes="握笔前先做两分钟手指操，效果好。")
    services.store.actor = None
    services.planner.add_session("2026-11-18", starts="09:00", ends="09:40", room="资源教室",
                                 title="握笔练习", lesson_id=lesson.id,
                                 student_ids=[team.student.id])
    objectives = [o for g in services.plans.get(complete_plan.id).goals for o in g.objectives]
    served = [objective_sentence(o, "zh_CN") for o in objectives if o.goal_id != social.id]
    doc = lesson_document(services, "zh_CN", lesson_id=lesson.id)
    fields = dict(next(b for b in doc.blocks if isinstance(b, d.Fields)).pairs)
    assert fields["授课教师"] == "王丽"  # who made the lesson, though no one is signed in now
    assert fields["时间"] == "09:00–09:40" and fields["地点"] == "资源教室"
    assert fields["单元"] == "小手握好笔：三指握笔与运笔控制" and doc.school == "城南小学"
    word, pdf = read_back(doc, tmp_path)
    for text in (word, pdf):
        assert "王丽" in text and "教学重难点" in text and "重点：" in text and "难点：" in text
        assert "本课服务的个别化目标" in text and "用三角握笔器" in text
        assert all(squeezed(x) in text for x in served)
        assert squeezed("学生能主动邀请同伴玩") not in text
        assert "握笔前先做两分钟手指操，效果好。" in text and "教学反思" in text
    # The reflection is an empty box, lines of room to write in by hand.
    box = doc.blocks[-1]
    assert isinstance(box, d.Table) and box.rows[0][0].count("\n") >= 5

    english = lesson_document(services, "en", lesson_id=lesson.id)
    assert english.title == "Lesson plan: Holding the pencil well: tripod grip and pencil control"
    assert "Key point and main difficulty" in english.text()
    assert "Reflection after teaching" in english.text()


def test_the_teacher_of_a_plan_is_the_signed_in_person_or_the_one_using_this_copy(
        services, team):
    def teacher(doc):
        return dict(next(b for b in doc.blocks if isinstance(b, d.Fields)).pairs)["授课教师"]

    assert teacher(lesson_document(services, "zh_CN", unit_id="def-pencil-grip-fine-motor",
                                   me=team.teacher)) == "王丽"
    lesson = services.lessons.make_lesson("def-pencil-grip-fine-motor", "2026-11-18",
                                          [LessonPlace(team.student.id)])
    # Made without an account (a personal copy): the person using it teaches.
    assert teacher(lesson_document(services, "zh_CN", lesson_id=lesson.id,
                                   me=team.teacher)) == "王丽"
    # A head teacher reading the plan is not named as the one who gives it.
    services.store.actor = Actor("a2", "刘老师", "team_member", team.head_teacher)
    assert teacher(lesson_document(services, "zh_CN", lesson_id=lesson.id)) == ""
    # Nor is a resource teacher reading a lesson whose maker they may not see.
    services.store.actor = Actor("a3", "陈校长", "resource_teacher", team.principal)
    assert teacher(lesson_document(services, "zh_CN", lesson_id=lesson.id)) == ""


def test_a_lesson_plans_file_is_named_by_the_units_title_not_its_id(services, team, tmp_path):
    unit = "def-pencil-grip-fine-motor"
    written = export_one(lesson_document(services, "zh_CN", unit_id=unit),
                         lesson_file_stem(services, "zh_CN", unit_id=unit), ["pdf", "docx"],
                         tmp_path)
    assert [p.name for p in written] == ["教案_小手握好笔：三指握笔与运笔控制_zh_CN.pdf",
                                         "教案_小手握好笔：三指握笔与运笔控制_zh_CN.docx"]
    lesson = services.lessons.make_lesson("def-pencil-grip-fine-motor", "2026-11-18",
                                          [LessonPlace(team.student.id)])
    stem = lesson_file_stem(services, "en", lesson_id=lesson.id)
    # Spaces and the colon are what a Windows file name may not hold.
    assert stem == ("Lesson plan_Holding the pencil well: tripod grip and pencil control"
                    "_2026-11-18_en")
    [name] = [p.name for p in export_one(lesson_document(services, "en", lesson_id=lesson.id),
                                         stem, ["pdf"], tmp_path)]
    assert name == ("Lesson-plan_Holding-the-pencil-well-tripod-grip-and-pencil-control"
                    "_2026-11-18_en.pdf")


def test_the_weekly_plan_is_a_grid_of_weekdays_and_times_with_the_themes_and_activities(
        services, team):
    theme = services.planner.add_theme("2026-11-01", "认识秋天", aims="观察树叶")
    activity = services.planner.add_activity("2026-11-16", "树叶拼贴", theme_id=theme.id,
                                             student_ids=[team.student.id])
    services.planner.add_session("2026-11-18", starts="09:00", ends="09:40", room="资源教室",
                                 activity_id=activity.id)
    services.planner.add_session("2026-11-20", starts="14:10", title="个别训练",
                                 student_ids=[team.student.id])
    services.planner.add_session("2026-11-16", title="家访", student_ids=[team.student.id])
    doc = week_document(services, date(2026, 11, 20), "zh_CN")
    assert doc.subtitle == "2026-11-16 — 2026-11-22" and doc.school == "城南小学"
    grid = next(b for b in doc.blocks if isinstance(b, d.Table))
    assert grid.columns == ["时间", "星期一\n11月16日", "星期二\n11月17日", "星期三\n11月18日",
                            "星期四\n11月19日", "星期五\n11月20日"]  # no weekend: nothing on it
    assert grid.rows == [
        ["09:00", "", "", "09:00–09:40\n树叶拼贴\n资源教室\n张小明", "", ""],
        ["14:10", "", "", "", "", "14:10\n个别训练\n张小明"],
        ["时间未定", "家访\n张小明", "", "", "", ""]]  # a session with no time comes last
    assert "认识秋天" in doc.text() and "观察树叶" in doc.text()
    english = next(b for b in week_document(services, date(2026, 11, 20), "en").blocks
                   if isinstance(b, d.Table))
    assert english.columns[1] == "Monday\n16 Nov" and english.rows[2][0] == "No time set"
    # Something on Saturday: the weekend is shown, in narrower columns.
    services.planner.add_session("2026-11-21", starts="09:00", ends="10:30", title="社区活动",
                                 student_ids=[team.student.id])
    weekend = next(b for b in week_document(services, date(2026, 11, 20), "en").blocks
                   if isinstance(b, d.Table))
    assert weekend.columns[1:] == ["Mon\n16 Nov", "Tue\n17 Nov", "Wed\n18 Nov", "Thu\n19 Nov",
                                   "Fri\n20 Nov", "Sat\n21 Nov", "Sun\n22 Nov"]
    assert weekend.rows[0][6] == "09:00–\n10:30\n社区活动\n张小明"


@needs_pdftotext
def test_the_weeks_grid_and_school_read_back_from_word_and_pdf(services, team, tmp_path):
    services.planner.add_session("2026-11-18", starts="09:00", ends="09:40", room="资源教室",
                                 title="树叶拼贴", student_ids=[team.student.id])
    for language, words in (("zh_CN", ["星期一", "星期五", "11月18日"]),
                            ("en", ["Monday", "Friday", "18Nov"])):
        word, pdf = read_back(week_document(services, date(2026, 11, 18), language), tmp_path)
        for text in (word, pdf):
            assert "城南小学" in text  # the school, in the page header
            assert all(x in text for x in words) and "09:00–09:40" in text, language
            assert "树叶拼贴" in text and "张小明" in text


@needs_pdftotext
def test_a_child_the_reader_may_not_see_is_counted_in_the_week_never_named(
        services, team, school, tmp_path):
    other = services.students.create(school.id, "李四", student_number="0002")
    services.planner.add_theme("2026-11-01", "等待与轮流", scope="group",
                               student_ids=[team.student.id, other.id])
    services.planner.add_activity("2026-11-16", "合作拼图",
                                  student_ids=[team.student.id, other.id])
    services.planner.add_session("2026-11-18", starts="09:00", title="小组课",
                                 student_ids=[team.student.id, other.id])
    store = services.store
    store.restricted_to_team = True
    # The head teacher is on 张小明's team only.
    store.actor = Actor("a1", "刘老师", "team_member", team.head_teacher)
    doc = week_document(services, date(2026, 11, 18), "zh_CN")
    grid = next(b for b in doc.blocks if isinstance(b, d.Table))
    assert grid.rows[0][3] == "09:00\n小组课\n张小明\n另有 1 名学生"  # one a line in the grid
    for text in (doc.text(), *read_back(doc, tmp_path)):
        assert "张小明" in text and "李四" not in text
        # In the grid, the group's theme and the activity.
        assert squeezed(text).count("另有1名学生") == 3
    english = week_document(services, date(2026, 11, 18), "en").text()
    assert "张小明 and 1 other student" in english and "李四" not in english


def test_the_caseload_summary_counts_each_students_objectives(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    doc = caseload_document(services, [team.student.id], "zh_CN")
    summary = next(b for b in doc.blocks if isinstance(b, d.Table))
    # Two objectives, none mastered, none stalled, both without data since September.
    assert summary.rows == [["张小明", "随班就读+资源教室", "审阅中", "2", "0", "0", "2"]]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed; "
                    ".ci/run installs it")
def test_the_export_command_writes_the_rooms_week_and_refuses_a_wrong_date(tmp_path, capsys):
    data, out = tmp_path / "data", tmp_path / "out"
    assert main(["--data-dir", str(data), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", "--kind", "week", "--week", "2026-11-20",
                 "--out", str(out)]) == 0
    [written] = capsys.readouterr().out.split()
    assert written.endswith("资源教室周计划_2026-11-20_zh_CN.pdf")
    text = subprocess.run(["pdftotext", written, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "资源教室周计划" in text and "2026-11-16 — 2026-11-22" in text
    assert main(["--data-dir", str(data), "export", "--kind", "week", "--week", "2026-13-01",
                 "--out", str(out)]) == 2
    assert '"2026-13-01" is not a date.' in capsys.readouterr().err
