"""A teacher's own goal list imported into the goal bank (本校目标).

Every row is seen with its problems before anything is saved; the good rows go in in one
transaction, all of them or none; the goals then sit in the bank beside the shipped ones,
tagged as the school's own, and a plan takes them with their mastery rule and home tip.
The same tests run on PostgreSQL (tests/shared_mode/test_own_goals_on_postgres.py)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from iep_studio.core.access.rules import Actor, PermissionDenied
from iep_studio.core.model import OwnGoal
from iep_studio.core.services.own_goals import is_own
from iep_studio.core.spreadsheets.reading import SpreadsheetRefused
from iep_studio.core.units.search import GoalFilter
from tests.sample_files import workbook

HEADINGS = ["领域", "子领域", "条件", "行为", "标准", "掌握标准", "适用年龄", "家庭建议"]
WASHING = ["生活自理", "个人卫生", "在教师口头提示下", "学生能独立洗手（六步洗手法）",
           "连续3次课5次中至少4次正确", "80%，连续3次", "6-9岁",
           "饭前便后请孩子自己洗手，大人在旁边小声数步骤提醒。"]
QUEUING = ["学校常规", "排队", "在做操集合时", "学生能听到口令后站进自己班的队伍",
           "每周观察5次，至少4次独立做到", "4/5，连续2周", "", ""]
# Two good rows and five with problems, in the order of the file (row 1 is a title).
ROWS = [
    WASHING,
    ["生活适应", "", "在超市里", "学生能找到购物单上的物品", "5件中找到4件", "80%", "", ""],
    ["社会交往", "", "课间", "", "5次中4次", "", "", ""],
    ["精细动作", "", "在桌面操作时", "学生能用剪刀沿直线剪开纸条", "10次中8次", "八成", "", ""],
    QUEUING,
    ["生活自理", "", " 在教师口头提示下 ", "学生能独立洗手(六步洗手法)",
     "连续3次课，5次中至少4次正确。", "", "", ""],
    ["精细动作", "握笔", "在提供三角握笔器时", "学生能用三指握笔", "连续3次课握姿正确", "",
     "20岁", ""],
]
TITLE = "资源教室自编目标库"


def goal_list(path, headings=HEADINGS, rows=ROWS, title=TITLE):
    return workbook(path, headings, rows, title)


def own_goal_count(services) -> int:
    with services.store.reading() as s:
        return s.scalar(select(func.count()).select_from(OwnGoal))


def problems(row) -> list[tuple[str, str]]:
    return [(p.field, p.text()) for p in row.problems]


def imported(services, tmp_path, rows=ROWS, name="目标.xlsx"):
    own = services.own_goals
    return own.import_rows(own.preview(own.read(goal_list(tmp_path / name, rows=rows))))


def test_the_good_rows_go_in_and_each_problem_is_named(services, tmp_path):
    own = services.own_goals
    table = own.read(goal_list(tmp_path / "目标.xlsx"))
    assert table.header_line == 2  # the title above the headings is passed over
    preview = own.preview(table)
    assert [r.line for r in preview.good] == [3, 7]
    by_line = {row.line: row for row in preview.rows}
    assert problems(by_line[4]) == [("domain", (
        "\"生活适应\" is not one of the choices: 感知觉、粗大动作、精细动作、语言理解、语言表达与沟通、"
        "构音、认知、社会交往、情绪与行为、生活自理、生活语文、生活数学、学校常规、社区适应、劳动技能、休闲."))]
    assert problems(by_line[5]) == [("behaviour", "This field is required.")]
    assert problems(by_line[6]) == [("mastery", (
        "\"八成\" is not a mastery rule the app can read. Write a percentage and, if you "
        "like, the sessions in a row, e.g. 80%，连续3次."))]
    # The same words as row 3, whatever the spaces, brackets and stops.
    assert problems(by_line[8]) == [("behaviour", "The same goal is on row 3 of this file; "
                                                  "it is imported once, from there.")]
    assert problems(by_line[9]) == [("age_band", (
        "\"20岁\" is not an age the goal bank knows. Write one band, such as 6-9, or leave "
        "the cell empty for every age."))]
    washing = by_line[3].document
    assert washing["domain"] == "self_care" and washing["age_band"] == "6-9"
    assert washing["mastery"] == {"percent": 80, "sessions": 3}
    assert by_line[7].document["mastery"] == {"percent": 80, "sessions": 2}
    assert by_line[7].document["age_band"] == ""  # no age given: for every age

    report = own.import_rows(preview)
    assert len(report.goal_ids) == 2 and all(is_own(i) for i in report.goal_ids)
    assert [row.line for row in report.left_out] == [4, 5, 6, 8, 9]
    assert own_goal_count(services) == 2
    assert {e.source for e in own.entries()} == {"目标.xlsx"}

    # The same list again: every goal is already there.
    again = own.preview(own.read(tmp_path / "目标.xlsx"))
    assert problems(next(r for r in again.rows if r.line == 3)) == [
        ("behaviour", "This goal is already in the goal bank, with the same words.")]
    assert again.good == []


def test_a_goal_as_the_shipped_bank_words_it_is_already_there(services, tmp_path):
    shipped = services.library.shipped().goals["sc-eat-01"]
    row = ["饮食", "", shipped.condition.zh, shipped.behaviour.zh, shipped.criterion.zh, "", "",
           ""]
    preview = services.own_goals.preview(services.own_goals.read(
        goal_list(tmp_path / "g.xlsx", rows=[row])))
    assert problems(preview.rows[0]) == [
        ("behaviour", "This goal is already in the goal bank, with the same words.")]


def test_nothing_is_half_done_when_the_save_is_refused(services, team, tmp_path):
    """A team member may not add to the bank: the check at saving refuses the whole list,
    not the goals after the first."""
    own = services.own_goals
    preview = own.preview(own.read(goal_list(tmp_path / "目标.xlsx")))
    services.store.actor = Actor("a2", "刘老师", "team_member", team.head_teacher)
    with pytest.raises(PermissionDenied):
        own.import_rows(preview)
    assert own_goal_count(services) == 0
    services.store.actor = Actor("a1", "王丽", "resource_teacher", team.teacher)
    assert len(own.import_rows(preview).goal_ids) == 2
    services.store.actor = Actor("a2", "刘老师", "team_member", team.head_teacher)
    goal_id = own.entries()[0].goal.id
    with pytest.raises(PermissionDenied):
        own.archive(goal_id)
    assert len(own.entries()) == 2


def test_own_goals_are_found_tagged_and_taken_into_a_plan(services, team, complete_plan,
                                                          tmp_path, store):
    report = imported(services, tmp_path)
    washing_id, queuing_id = report.goal_ids
    found = services.library.search_goals(GoalFilter(query="洗手", age_band="6-9"))
    assert washing_id in [g.id for g in found]
    # A goal for every age is found at any age; "本校" finds every own goal.
    assert queuing_id in [g.id for g in services.library.search_goals(
        GoalFilter(query="站进", age_band="12-15"))]
    assert [g.id for g in services.library.search_goals(GoalFilter(query="本校"))] == [
        washing_id, queuing_id]
    assert washing_id not in [g.id for g in services.library.search_goals(
        GoalFilter(query="洗手", age_band="3-6"))]

    objective = services.plans.add_from_bank(complete_plan.id, washing_id, "zh_CN",
                                             responsible="王丽")
    assert objective.behaviour == "学生能独立洗手（六步洗手法）"
    assert objective.condition == "在教师口头提示下"
    assert (objective.mastery_percent, objective.mastery_sessions) == (80, 3)
    assert objective.home_tip.startswith("饭前便后请孩子自己洗手")
    assert objective.bank_goal_id == washing_id
    plan = services.plans.get(complete_plan.id)
    # No self-care goal in the plan yet: one is made for it.
    assert [g.domain for g in plan.goals] == ["fine_motor", "self_care"]

    # After the app restarts, the id still finds the goal, with its words.
    from iep_studio.core.services import Services

    again = Services(store)
    assert again.library.goal_bank()[washing_id].behaviour.zh == "学生能独立洗手（六步洗手法）"
    taken = again.plans.add_from_bank(complete_plan.id, queuing_id, "en")
    # Written only in Chinese: the English plan shows the Chinese.
    assert taken.behaviour == "学生能听到口令后站进自己班的队伍"
    assert (taken.mastery_percent, taken.mastery_sessions) == (80, 2)


def test_archived_goals_leave_the_bank_and_come_back(services, complete_plan, tmp_path):
    own = services.own_goals
    washing_id, _queuing = imported(services, tmp_path).goal_ids
    services.plans.add_from_bank(complete_plan.id, washing_id, "zh_CN")
    own.archive(washing_id)
    assert washing_id not in [g.id for g in services.library.search_goals(GoalFilter())]
    assert [e.goal.id for e in own.entries(archived=True)] == [washing_id]
    with pytest.raises(Exception) as refused:
        services.plans.add_from_bank(complete_plan.id, washing_id, "zh_CN")
    assert str(refused.value) == "This goal is not in the goal bank."
    # The plan that took it still finds it (the family version's home tip).
    assert washing_id in services.library.goal_bank(archived=True)
    again = own.preview(own.read(tmp_path / "目标.xlsx"))
    assert problems(next(r for r in again.rows if r.line == 3)) == [(
        "behaviour", "This goal is already among your archived goals. Restore it there "
        "instead of importing it again.")]
    own.restore(washing_id)
    assert washing_id in [g.id for g in services.library.search_goals(GoalFilter(query="洗手"))]
    with pytest.raises(Exception) as gone:
        own.archive("own-nothere")
    assert str(gone.value) == "This goal is not in the goal bank."


def test_a_list_in_english_a_csv_and_the_ways_teachers_write_ages_and_mastery(
        services, tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text(
        "Domain,Condition,Behaviour,Criterion,Mastery,Ages,Home tip,行为（英文）\n"
        "Toileting,When the bell rings,asks to go to the toilet,4 of 5 days,"
        "90% 5 days in a row,Lower primary,Remind at home too,\n"
        "如厕,在课间,学生能自己提好裤子,连续5天,0.8,7,,pulls up their trousers alone\n"
        "记忆,看图片后,学生能说出3张图片的名称,5次中4次,5次中4次，连续3次,8-10岁,,\n",
        encoding="utf-8-sig")
    own = services.own_goals
    table = own.read(path)
    assert own.recognised(table) == ["domain", "condition", "behaviour", "criterion", "mastery",
                                     "age_band", "home_tip", "behaviour_en"]
    rows = own.preview(table).rows
    english = rows[0].document
    assert english["domain"] == "self_care.toileting" and english["age_band"] == "6-9"
    assert english["behaviour"] == {"zh": "", "en": "asks to go to the toilet"}
    assert english["mastery"] == {"percent": 90, "sessions": 5}
    both = rows[1].document
    assert both["behaviour"] == {"zh": "学生能自己提好裤子", "en": "pulls up their trousers alone"}
    assert both["age_band"] == "6-9"
    assert "mastery" in both and both["mastery"]["percent"] == 80
    assert problems(rows[2]) == [("age_band", (
        "\"8-10岁\" is not an age the goal bank knows. Write one band, such as 6-9, or leave "
        "the cell empty for every age."))]


def test_the_blank_goal_list_reads_back_with_its_example_ready(services, tmp_path):
    own = services.own_goals
    path = own.write_template(tmp_path / "空白目标表.xlsx", "zh_CN")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == HEADINGS
    assert sheet["A2"].value == "生活自理" and sheet["D2"].value == "学生能独立洗手（六步洗手法）"
    preview = own.preview(own.read(path))
    assert [row.ok for row in preview.rows] == [True]
    english = own.preview(own.read(own.write_template(tmp_path / "blank.xlsx", "en")))
    assert english.rows[0].ok and english.rows[0].document["behaviour"]["en"]


def test_a_list_without_goals_is_refused_plainly(services, tmp_path):
    path = tmp_path / "空.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(SpreadsheetRefused) as refused:
        services.own_goals.read(path)
    assert str(refused.value) == (
        "空.csv holds no goals to import. Check that it is the goal list, and that the list "
        "is on the sheet that shows when the file opens.")


def test_a_goal_the_app_cannot_read_leaves_the_rest_of_the_bank_open(services, tmp_path):
    """A goal written by a later version of the app (a domain this one does not know) is
    left out; the school's other goals are still found."""
    washing_id, queuing_id = imported(services, tmp_path).goal_ids
    with services.store.session() as s:
        s.add(OwnGoal(goal_id="own-later", document={"domain": "new_domain"}, source="x"))
    assert [e.goal.id for e in services.own_goals.entries()] == [washing_id, queuing_id]
    assert washing_id in [g.id for g in services.library.search_goals(GoalFilter(query="洗手"))]
