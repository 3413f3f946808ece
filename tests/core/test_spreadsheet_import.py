"""Importing a list of students from a spreadsheet, and writing the student list to one.

Every row is seen with its problems before anything is saved; the good rows go in in one
transaction, all of them or none; the rest are reported with their reasons. The same tests
run on PostgreSQL (tests/shared_mode/test_spreadsheet_import_on_postgres.py)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from iep_studio.core.errors import IepStudioError
from iep_studio.core.model import AuditEntry, Guardian, School, Student
from iep_studio.core.services.rosters import RowRefused
from iep_studio.core.spreadsheets.roster import MappingRefused
from tests.sample_files import workbook

HEADINGS = ["姓名", "学号", "性别", "出生日期", "年级", "班级", "障碍类别", "程度", "安置形式",
            "监护人", "与学生关系", "联系电话"]
# Three good rows and four with problems, in the order of the file (row 1 is a title).
ROWS = [
    ["李四", "0002", "女", datetime(2015, 3, 2), "三年级", "2班", "智力障碍", "轻度", "随班就读",
     "李强", "父亲", 13900000002],
    ["王五", "0003", "男", "2015/4/1", "三年级", "1班", "自闭症（重度）、言语障碍", None, "资源教室",
     None, None, None],
    ["赵六", "0001", "男", "2015.13.1", "三年级", "1班", "读写困难", None, None, None, None, None],
    [None, "0004", "男", "20150401", "二年级", None, None, None, None, None, None, None],
    ["孙七", "0005", "男", "20150401", "二年级", "3班", "多动症", "二级", "随班就读", None, None,
     None],
    ["周八", "0006", "女", "2016-01-09", "一年级", "1班", None, None, None, None, None, None],
    ["吴九", "0006", "女", "2016-02-10", "一年级", "2班", None, None, None, None, None, None],
]


def roster(path, headings=HEADINGS, rows=ROWS, title="城南小学随班就读学生名单"):
    return workbook(path, headings, rows, title)


def counts(services) -> dict:
    with services.store.reading() as s:
        return {kind.__name__: s.scalar(select(func.count()).select_from(kind))
                for kind in (Student, School, Guardian, AuditEntry)}


def problems(row) -> list[tuple[str, str]]:
    return [(p.field, p.text()) for p in row.problems]


def test_the_good_rows_go_in_and_the_rest_are_reported_with_their_reasons(services, school,
                                                                          tmp_path):
    services.students.create(school.id, "张小明", student_number="0001", birth_date="2016-05-12")
    table = services.rosters.read(roster(tmp_path / "名单.xlsx"))
    preview = services.rosters.preview(table, school_id=school.id)
    assert [r.line for r in preview.good] == [3, 4, 7]
    by_line = {row.line: row for row in preview.rows}
    assert problems(by_line[5]) == [
        ("birth_date", "\"2015.13.1\" is not a date. Write it as YYYY-MM-DD, for example "
                       "2016-09-01."),
        ("categories", "\"读写困难\" is not one of the choices: 孤独症、注意缺陷多动障碍、智力障碍、"
                       "脑瘫、听力障碍、视力障碍、言语障碍、肢体障碍、多重障碍、学习障碍、情绪行为障碍、其他."),
        ("student_number", "Student number 0001 is already used by 张小明 in this school. "
                           "Check the number.")]
    assert problems(by_line[6]) == [("full_name", "This field is required.")]
    assert problems(by_line[8]) == [("student_number", "Student number 0006 is also on row 9 "
                                     "of this file. Give each student their own number.")]
    assert problems(by_line[9])[0][1].endswith("is also on row 8 of this file. Give each "
                                               "student their own number.")
    before = counts(services)

    done = []
    report = services.rosters.import_rows(preview, lambda n, total: done.append((n, total)))
    assert done == [(1, 3), (2, 3), (3, 3)]
    assert [row.line for row in report.left_out] == [5, 6, 8, 9]
    assert report.new_schools == ()
    made = [services.students.get(i) for i in report.student_ids]
    assert [s.full_name for s in made] == ["李四", "王五", "孙七"]
    li, wang, sun = made
    assert (li.student_number, li.sex, li.birth_date, li.grade, li.class_name) == (
        "0002", "female", date(2015, 3, 2), "三年级", "2班")
    assert [(c.category, c.degree) for c in li.categories] == [("intellectual", "mild")]
    assert [p.placement for p in li.placements] == ["regular_class"]
    assert [(g.name, g.relationship_, g.phone, g.primary_contact) for g in li.guardians] == [
        ("李强", "father", "13900000002", True)]
    assert [(c.category, c.degree) for c in wang.categories] == [("autism", "severe"),
                                                                 ("speech", "")]
    assert [p.placement for p in wang.placements] == ["regular_class_resource_room"]
    assert [(c.category, c.degree) for c in sun.categories] == [("adhd", "severe")]
    assert sun.guardians == []
    after = counts(services)
    assert after["Student"] == before["Student"] + 3 and after["School"] == before["School"]
    # Each file is in the history as one made by hand is.
    assert any(change.kind == "student" and change.action == "added"
               for change in services.history.for_student(li.id))


def test_a_phone_without_a_guardians_name_keeps_the_row_out(services, school, tmp_path):
    path = roster(tmp_path / "名单.xlsx", ["姓名", "联系电话"], [["孙七", "13800000009"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert problems(preview.rows[0]) == [("guardian_name", "This field is required.")]


def test_a_csv_from_a_chinese_windows_imports_the_same(services, school, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,学号,出生日期,障碍类别\r\n李四,0002,2015-03-02,智力障碍\r\n"
                     "王五,0003,2015/4/1,孤独症\r\n".encode("gbk"))
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    report = services.rosters.import_rows(preview)
    assert [services.students.get(i).full_name for i in report.student_ids] == ["李四", "王五"]


def test_the_teacher_chooses_what_a_column_holds(services, school, tmp_path):
    path = roster(tmp_path / "list.xlsx", ["孩子", "编码", "备注", "出生日期"],
                  [["李四", "A-2", "癫痫", "2015-03-02"]], title=None)
    table = services.rosters.read(path)
    assert services.rosters.recognised(table) == ["", "", "", "birth_date"]
    with pytest.raises(MappingRefused):
        services.rosters.preview(table, school_id=school.id)
    mapping = ["full_name", "student_number", "diagnosis", ""]  # the birth date left out
    preview = services.rosters.preview(table, mapping, school_id=school.id)
    [student_id] = services.rosters.import_rows(preview).student_ids
    student = services.students.get(student_id)
    assert (student.full_name, student.student_number, student.diagnosis,
            student.birth_date) == ("李四", "A-2", "癫痫", None)


def test_a_child_already_here_or_twice_in_the_list_waits(services, school, tmp_path):
    services.students.create(school.id, "张小明", birth_date="2016-05-12")
    path = roster(tmp_path / "again.xlsx", ["姓名", "出生日期"], [
        ["张小明", "2016-05-12"], ["李四", "2015-03-02"], ["李四", "2015.3.2"],
        ["王五", "2015-04-01"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert [problems(row) for row in preview.rows] == [
        [("full_name", "张小明, born 2016-05-12, already has a file in this school. Leave the "
                       "row out, or check the name and the birth date.")],
        [("full_name", "李四, born 2015-03-02, is also on row 5 of this file. Leave one of the "
                       "rows out.")],
        [("full_name", "李四, born 2015-03-02, is also on row 4 of this file. Leave one of the "
                       "rows out.")],
        []]


def test_a_district_list_names_the_schools(services, school, tmp_path):
    path = roster(tmp_path / "district.xlsx", ["学校", "姓名", "学号"], [
        ["城南小学 ", "李四", "1"], ["城北小学", "王五", "1"], ["城北小学", "赵六", "2"],
        [None, "孙七", "3"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert preview.new_schools == ("城北小学",) and len(preview.good) == 4
    report = services.rosters.import_rows(preview)
    schools = {s.name: s.id for s in services.schools.list_schools()}
    assert set(schools) == {"城南小学", "城北小学"}  # the new school made once
    assert [services.students.get(i).school_id for i in report.student_ids] == [
        schools["城南小学"], schools["城北小学"], schools["城北小学"], schools["城南小学"]]


def test_a_number_twice_in_one_school_whether_named_or_not(services, school, tmp_path):
    path = roster(tmp_path / "district.xlsx", ["学校", "姓名", "学号"], [
        ["城南小学", "李四", "7"], [None, "王五", "7"], ["城北小学", "赵六", "7"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert [row.ok for row in preview.rows] == [False, False, True]


def test_nothing_is_half_done_when_the_database_refuses_a_row(services, school, tmp_path):
    path = roster(tmp_path / "名单.xlsx", ["学校", "姓名", "学号", "监护人"], [
        ["城北小学", "李四", "0002", "李强"], ["城北小学", "王五", "0003", "王芳"],
        ["城北小学", "赵六", "0004", None]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert len(preview.good) == 3
    refuse_a_student_named(services, "王五")
    before = counts(services)
    with pytest.raises(IepStudioError):
        services.rosters.import_rows(preview)
    assert counts(services) == before  # no student, guardian, school or log entry


def refuse_a_student_named(services, name: str) -> None:
    """The database itself refuses one row, as a full disk or a rule of the server would."""
    with services.store.engine.begin() as connection:
        if services.store.is_sqlite:
            connection.execute(text(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON student "
                f"WHEN NEW.full_name = '{name}' BEGIN SELECT RAISE(ABORT, 'refused'); END"))
        else:
            connection.execute(text(
                "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.full_name = '{name}' THEN RAISE EXCEPTION 'refused'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(text(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON student FOR EACH ROW "
                "EXECUTE FUNCTION refuse_one()"))


def test_a_row_refused_as_it_is_saved_leaves_nothing_imported(services, school, tmp_path):
    """Someone gave the number to another child between the preview and the import."""
    path = roster(tmp_path / "名单.xlsx", ["姓名", "学号"], [["李四", "0002"], ["王五", "0003"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    services.students.create(school.id, "周八", student_number="0003")
    before = counts(services)
    with pytest.raises(RowRefused) as refused:
        services.rosters.import_rows(preview)
    assert str(refused.value) == (
        "Nothing was imported: row 4 was refused (Student number 0003 is already used by 周八 "
        "in this school. Check the number.). Look at the rows again, then import.")
    assert counts(services) == before


def test_the_student_list_written_to_excel_reads_back(services, team, complete_plan,
                                                      another_child, tmp_path):
    ids = [another_child["student"].id, team.student.id]
    path = tmp_path / "学生名单.xlsx"
    assert services.rosters.export_caseload(path, ids, "zh_CN") == 2
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["姓名", "学号", "学校", "年级", "班级", "性别", "出生日期",
                                           "障碍类别", "安置形式", "计划状态", "下次检讨日期", "状态"]
    assert [c.value for c in sheet[2]] == [
        "李四", "0002", "城南小学", None, None, "女", datetime(2015, 3, 2), "智力障碍（轻度）", None,
        "草稿", datetime(2026, 12, 20), "在读"]
    assert [c.value for c in sheet[3]][:10] == [
        "张小明", "0001", "城南小学", None, None, "男", datetime(2016, 5, 12), "孤独症（中度）",
        "随班就读+资源教室", "草稿"]
    # Its headings are those an import recognises: a list written here reads back in.
    table = services.rosters.read(path)
    assert services.rosters.recognised(table)[:9] == [
        "full_name", "student_number", "school", "grade", "class_name", "sex", "birth_date",
        "categories", "placement"]
    english = tmp_path / "students.xlsx"
    services.rosters.export_caseload(english, ids[1:], "en")
    sheet = load_workbook(english).active
    assert sheet.title == "Students"
    assert [c.value for c in sheet[2]][7:10] == ["Autism (moderate)",
                                                 "Regular class plus resource room", "Draft"]


def test_a_number_the_check_could_not_see_is_refused_by_the_database(services, school,
                                                                     tmp_path, monkeypatch):
    """On a server a teacher sees only the files of their teams, so the check before saving
    may miss a number another team's child has; the database refuses it, and then
    nothing is imported. Here the check is made as blind."""
    from iep_studio.core.services.students import StudentFiles

    services.students.create(school.id, "周八", student_number="0003")
    seeing = StudentFiles._checked

    def blind(self, s, values, student_id, extra=None, **more):
        checked = seeing(self, s, {**values, "student_number": None}, student_id, extra,
                         **more)
        return {**checked, "student_number": values.get("student_number") or None}

    monkeypatch.setattr(StudentFiles, "_checked", blind)
    path = roster(tmp_path / "名单.xlsx", ["姓名", "学号"], [["李四", "0002"], ["王五", "0003"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert len(preview.good) == 2
    before = counts(services)
    with pytest.raises(RowRefused) as refused:
        services.rosters.import_rows(preview)
    assert str(refused.value) == (
        "Nothing was imported: row 4 was refused (Student number 0003 is already used in this "
        "school, perhaps by a file you cannot open. Check the number, or ask the "
        "administrator.). Look at the rows again, then import.")
    assert counts(services) == before


def test_a_school_named_only_by_a_refused_row_is_not_made(services, school, tmp_path):
    path = roster(tmp_path / "district.xlsx", ["学校", "姓名", "出生日期"], [
        ["城北小学", "王五", "2016-03-04"], ["城北小学校", "赵六", "不是日期"]])
    preview = services.rosters.preview(services.rosters.read(path), school_id=school.id)
    assert len(preview.good) == 1 and len(preview.bad) == 1
    report = services.rosters.import_rows(preview)
    assert report.new_schools == ("城北小学",)
    assert {s.name for s in services.schools.list_schools()} == {"城南小学", "城北小学"}


def test_a_long_list_is_checked_in_a_few_statements_however_long(services, school, tmp_path):
    """A district's list of thousands of rows is checked against the files already here
    in a few statements, not one a row (each a trip to a shared server)."""
    from sqlalchemy import event

    services.students.create(school.id, "张小明", student_number="1100")
    path = roster(tmp_path / "全区名单.xlsx", ["姓名", "学号"],
                  [[f"学生{i}", f"{i:04d}"] for i in range(1200)])
    table = services.rosters.read(path)
    statements = []
    event.listen(services.store.engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    preview = services.rosters.preview(table, school_id=school.id)
    assert len(statements) < 10
    [taken] = preview.bad  # past the first few hundred numbers asked for at once
    assert (taken.line, problems(taken)) == (1103, [(
        "student_number",
        "Student number 1100 is already used by 张小明 in this school. Check the number.")])
    assert len(preview.good) == 1199
