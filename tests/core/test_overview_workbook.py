"""The whole school and district view in one Excel workbook, read back as a coordinator
would open it: a sheet for each table in the reader's language, the first one saying what
the workbook is, for which schools and on what day; only what the reader may see; and a
plain message when the file cannot be written."""
from __future__ import annotations

import errno
import re

import pytest
from openpyxl import load_workbook

from iep_studio.core.access import Actor
from iep_studio.core.errors import IepStudioError
from tests.conftest import TODAY
from tests.core.test_overview import enrol, school_with

SHEETS_ZH = [
    "说明", "按学校", "按年级", "按班级", "按障碍类别", "按障碍程度", "按安置形式", "按计划进度",
    "需要关注", "没有已批准的计划", "计划评估已逾期", "2周以上没有观察记录",
    "本学期送教上门次数少于计划", "条例检查", "检查和名单所用的数值", "各校基本情况"]


def district(services):
    """城南小学: three children in 三年级 2班 (one more than a regular class may have);
    城北小学: one child, no resource room recorded."""
    south = school_with(services, "城南小学", room=True, teachers=1)
    north = services.schools.create_school("城北小学")
    enrol(services, south, 3, "regular_class", name="南")
    enrol(services, north, 1, "regular_class", class_name="1班", name="北")
    return south, north


def rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_every_table_is_a_sheet_with_its_chinese(services, tmp_path):
    district(services)
    written = services.overview.export_workbook(tmp_path / "概览.xlsx", "zh_CN")
    book = load_workbook(written)
    names = book.sheetnames
    # Every sheet there, in order (a grouping added to the view gets its own sheet too).
    assert [name for name in names if name in SHEETS_ZH] == SHEETS_ZH
    assert len(names) == len(SHEETS_ZH) + len(
        set(services.overview.view().counts) - {"school", "grade", "class", "category",
                                                "degree", "placement", "status"})
    for sheet in book.worksheets:
        assert len(sheet.title) <= 31 and not re.search(r"[\[\]:*?/\\]", sheet.title)
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
    about = {row[0]: row[1] for row in rows(book["说明"])[1:] if row[0]}
    assert about["统计日期"].date() == TODAY
    assert about["学校"] == "城北小学、城南小学"
    assert about["统计范围"] == "在读且档案未归档的全部学生，共4名学生。"
    assert about["工作表：2周以上没有观察记录"] == "2周以上没有观察记录"
    assert rows(book["按学校"]) == [["学校", "学生人数"], ["全部学生", 4], ["城北小学", 1],
                                   ["城南小学", 3]]
    checks = rows(book["条例检查"])
    assert checks[0] == ["规定", "依据", "结果", "学校或班级", "发现的情况", "学生人数"]
    assert ["普通班每班随班就读学生不超过2人", "《山东省特殊教育条例（草案征求意见稿）》第二十一条",
            "不符合", "城南小学 三年级 2班", "3名学生", 3] in checks
    unseen = rows(book["2周以上没有观察记录"])
    assert unseen[0][-1] == "最近一次观察"
    assert [row[:4] for row in unseen[1:]] == [
        ["北1", "城北小学", "三年级", "1班"], ["南1", "城南小学", "三年级", "2班"],
        ["南2", "城南小学", "三年级", "2班"], ["南3", "城南小学", "三年级", "2班"]]
    assert unseen[1][-1] == "尚无"
    assert rows(book["各校基本情况"])[1:] == [["城北小学", "未填写", "未填写"],
                                         ["城南小学", "有", 1]]
    assert rows(book["检查和名单所用的数值"])[1][:3] == ["普通班每班随班就读学生最多人数", 2, 2]
    # Columns as wide as their Chinese: "城南小学 三年级 2班" is eight characters drawn
    # twice as wide as a letter, three drawn as one, and a margin.
    assert book["条例检查"].column_dimensions["D"].width == 8 * 2 + 3 + 2


def test_in_english_the_sheet_names_fit(services, tmp_path):
    district(services)
    book = load_workbook(services.overview.export_workbook(tmp_path / "overview.xlsx", "en"))
    assert book.sheetnames[:2] == ["About", "By school"]
    for name in ("By disability category", "No observation in 2+ weeks", "Too few home visits",
                 "Regulation checks", "Figures the checks use", "School records"):
        assert name in book.sheetnames
    about = {row[0]: row[1] for row in rows(book["About"])[1:] if row[0]}
    # The whole name of a list whose sheet name had to be shorter.
    assert about["Sheet: No observation in 2+ weeks"] == "No observation for 2 weeks or more"
    assert about["Who is counted"] == "Every active student whose file is not archived: 4 students."
    assert rows(book["Regulation checks"])[1][2:4] == ["Not met", "城南小学 三年级 2班"]


def test_a_teacher_gets_only_the_children_and_schools_they_may_see(services, team,
                                                                  another_child, tmp_path):
    """张小明 is on 王丽's team; 李四, in the same school (城南小学), is not; nor is
    城北小学's child."""
    enrol(services, services.schools.create_school("城北小学"), 1, "regular_class", name="北")
    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    book = load_workbook(services.overview.export_workbook(tmp_path / "王丽.xlsx", "zh_CN"))
    about = {row[0]: row[1] for row in rows(book["说明"])[1:] if row[0]}
    assert about["学校"] == "城南小学"
    assert about["统计范围"] == "只统计您有权查看档案的学生，共1名学生。"
    listed = {row[0] for name in ("没有已批准的计划", "2周以上没有观察记录")
              for row in rows(book[name])[1:]}
    assert listed <= {"张小明"}
    every_cell = "".join(str(cell) for sheet in book.worksheets for row in rows(sheet)
                         for cell in row)
    assert "张小明" in every_cell
    assert "李四" not in every_cell and "北1" not in every_cell


def test_a_workbook_open_in_excel_is_said_plainly_and_left_as_it_was(services, tmp_path,
                                                                    monkeypatch):
    district(services)
    target = tmp_path / "导出" / "概览.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"yesterday's workbook")

    def refused(_source, _target):  # what Windows does while Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("iep_studio.core.saving.os.replace", refused)
    with pytest.raises(IepStudioError) as failed:
        services.overview.export_workbook(target, "zh_CN")
    assert str(failed.value) == (
        f"Could not write {target}: the file may be open in another program (Excel, WPS, "
        "Word), or the folder may not be yours to write to. Close the file or choose another "
        "folder, then try again.")
    assert target.read_bytes() == b"yesterday's workbook"
    assert [p.name for p in target.parent.iterdir()] == ["概览.xlsx"]  # nothing half-written


def test_a_full_disk_is_said_plainly(services, tmp_path, monkeypatch):
    district(services)

    def full(_source, _target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("iep_studio.core.saving.os.replace", full)
    with pytest.raises(IepStudioError) as failed:
        services.overview.export_workbook(tmp_path / "导出" / "概览.xlsx", "zh_CN")
    assert str(failed.value).endswith(": No space left on device. Check that the folder "
                                      "exists, that you may write to it and that the disk "
                                      "is not full.")
    assert list((tmp_path / "导出").iterdir()) == []
