"""Spreadsheet files read and written: .xlsx and the CSV files Excel and WPS save (UTF-8 with
a byte order mark, GBK from a Chinese Windows), and every damaged, hostile or oversized file
refused with a message that names it, says what is wrong and what to do, within bounded
time and memory."""
from __future__ import annotations

import time
import tracemalloc
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from iep_studio.core.errors import IepStudioError
from iep_studio.core.spreadsheets import reading
from iep_studio.core.spreadsheets.reading import SpreadsheetRefused, read_sheet
from iep_studio.core.spreadsheets.roster import (
    MappingRefused, check_mapping, read_row, recognise, table_of,
)
from iep_studio.core.spreadsheets.writing import sheet_title, text_width, write_table

HEADINGS = ["姓名", "学号", "性别", "出生日期", "障碍类别"]
ROWS = [["张小明", "0001", "男", "2016-05-12", "孤独症"],
        ["李四", "0002", "女", "2015/3/2", "智力障碍"]]


def workbook(path, rows, title=None):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def refusal(path, **kwargs) -> str:
    with pytest.raises(SpreadsheetRefused) as refused:
        table_of(read_sheet(path, **kwargs))
    return str(refused.value)


# -- reading ----------------------------------------------------------------------------
def test_an_xlsx_list_with_a_title_above_its_header(tmp_path):
    path = workbook(tmp_path / "名单.xlsx", [HEADINGS, *ROWS, [], ["王五", 3, "男",
                                                                  datetime(2014, 1, 2), ""]],
                    title="城南小学随班就读学生名单")
    table = table_of(read_sheet(path))
    assert table.header_line == 2 and table.headings == tuple(HEADINGS)
    # The blank row is passed over; every row keeps its number in the file.
    assert [line for line, _values in table.rows] == [3, 4, 6]
    assert table.rows[2][1] == ("王五", 3, "男", datetime(2014, 1, 2), None)
    assert recognise(list(table.headings)) == ["full_name", "student_number", "sex",
                                               "birth_date", "categories"]


def test_csv_as_excel_saves_it_in_utf8_with_a_bom_and_in_gbk(tmp_path):
    text = "\r\n".join(",".join(row) for row in [HEADINGS, *ROWS]) + "\r\n"
    for encoding in ("utf-8-sig", "gbk", "utf-8", "utf-16"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        table = table_of(read_sheet(path))
        assert table.headings == tuple(HEADINGS), encoding
        assert table.rows[1][1] == ("李四", "0002", "女", "2015/3/2", "智力障碍"), encoding
    tabs = tmp_path / "unicode.txt"  # Excel's "Unicode text": tabs, UTF-16
    tabs.write_bytes("\n".join("\t".join(row) for row in [HEADINGS, *ROWS]).encode("utf-16"))
    assert table_of(read_sheet(tabs)).rows[0][1][0] == "张小明"


def test_headings_in_english_and_with_marks_are_recognised():
    assert recognise(["Name*", "Student No.", "Date of birth", "Gender", "Category",
                      "出生日期（年-月-日）", "联系电话", "备注", "姓名"]) == [
        "full_name", "student_number", "birth_date", "sex", "categories", "", "guardian_phone",
        "", ""]  # the second 出生日期 and 姓名 are left out: one column a field


@pytest.mark.parametrize("written", ["2016-05-12", "2016/5/12", "2016.5.12", "20160512",
                                     "2016年5月12日", "2016-05-12 00:00:00",
                                     datetime(2016, 5, 12), date(2016, 5, 12)])
def test_dates_as_teachers_write_them(written):
    row = read_row(2, ("张小明", written), ["full_name", "birth_date"], "zh_CN")
    assert row.ok and row.values["birth_date"] == date(2016, 5, 12)


@pytest.mark.parametrize("written", ["2016-13-01", "2016-02-30", "12/05/2016", "2016.5",
                                     "五月", "42502"])
def test_a_date_that_is_no_date_is_a_problem_on_its_cell(written):
    row = read_row(2, ("张小明", written), ["full_name", "birth_date"], "zh_CN")
    [problem] = row.problems
    assert problem.field == "birth_date"
    assert problem.text() == (f'"{written}" is not a date. Write it as YYYY-MM-DD, for '
                              "example 2016-09-01.")


def test_categories_degrees_and_choices_by_their_names_in_either_language():
    mapping = ["full_name", "sex", "categories", "degree", "placement", "guardian_relationship"]
    row = read_row(2, ("甲", "女", "自闭症（中度）、言语障碍", "", "资源教室", "妈妈"), mapping, "zh_CN")
    assert row.ok and row.categories == [("autism", "moderate"), ("speech", "")]
    assert row.values["sex"] == "female"
    assert row.values["placement"] == "regular_class_resource_room"
    assert row.guardian == {"name": "", "phone": "", "relationship_": "mother"}
    row = read_row(2, ("A", "M", "Emotional/behavioural disorder", "二级", "Regular class",
                       "Father"), mapping, "en")
    assert row.ok and row.categories == [("emotional_behavioural", "severe")]
    assert (row.values["sex"], row.values["placement"]) == ("male", "regular_class")


def test_a_category_the_app_does_not_know_is_named_with_the_choices():
    row = read_row(2, ("甲", "孤独症、读写困难"), ["full_name", "categories"], "zh_CN")
    [problem] = row.problems
    assert problem.field == "categories"
    assert problem.text().startswith('"读写困难" is not one of the choices: 孤独症、注意缺陷多动障碍、')
    row = read_row(2, ("甲", "", "中度"), ["full_name", "categories", "degree"], "en")
    assert [p.text() for p in row.problems] == [
        "A degree needs its category. Write the category too, or leave the degree out."]


def test_numbers_read_as_they_were_typed():
    row = read_row(2, ("甲", 12.0, 13800000001.0), ["full_name", "student_number",
                                                    "guardian_phone"], "zh_CN")
    assert row.values["student_number"] == "12"
    assert row.guardian["phone"] == "13800000001"


def test_the_columns_chosen_must_make_files():
    with pytest.raises(MappingRefused) as refused:
        check_mapping(("学号", "性别"), ["student_number", "sex"])
    assert str(refused.value) == ("No column is read as the students' names. Choose the "
                                  "column that holds the names.")
    with pytest.raises(MappingRefused) as refused:
        check_mapping(("姓名", "名字"), ["full_name", "full_name"])
    assert str(refused.value) == ("Two columns are read as the same field: \u201c姓名\u201d "
                                  "and \u201c名字\u201d. Leave one of them out.")


# -- refused files ----------------------------------------------------------------------
def test_a_file_that_is_no_workbook(tmp_path):
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名,学号\n张小明,1\n", encoding="utf-8")
    assert refusal(text) == (
        "名单.xlsx could not be read as an Excel workbook: it is damaged, or not a workbook. "
        "Open it in Excel or WPS and save it again as .xlsx, or as CSV.")
    cut = workbook(tmp_path / "cut.xlsx", [HEADINGS, *ROWS])
    cut.write_bytes(cut.read_bytes()[:-200])  # cut short while it was copied
    assert "cut.xlsx could not be read as an Excel workbook" in refusal(cut)
    missing_part = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(missing_part, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "parts.xlsx could not be read as an Excel workbook" in refusal(missing_part)


def test_an_older_or_password_protected_workbook(tmp_path):
    old = tmp_path / "名单.xls"
    old.write_bytes(reading.OLE_SIGNATURE + bytes(500))
    expected = ("名单.xls is an older Excel file (.xls), or a workbook protected by a password. "
                "Open it in Excel or WPS and save it as .xlsx without a password, or as CSV, "
                "then import that file.")
    assert refusal(old) == expected
    protected = tmp_path / "名单.xlsx"  # Excel keeps an encrypted workbook in the old box
    protected.write_bytes(reading.OLE_SIGNATURE + bytes(500))
    assert refusal(protected) == expected.replace("名单.xls ", "名单.xlsx ")


def test_files_that_are_not_spreadsheets_or_cannot_be_opened(tmp_path):
    assert refusal(tmp_path / "名单.docx") == (
        "名单.docx is not a spreadsheet the app reads. Save the list from the spreadsheet as "
        "an Excel workbook (.xlsx) or as CSV, then import that file.")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert refusal(folder).startswith("folder.csv could not be opened (")
    assert refusal(folder).endswith("). Check that the file is still there and that you "
                                    "may read it.")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n,,\r\n")
    assert refusal(empty) == ("empty.csv holds no rows to import. Check that it is the list "
                              "of students, and that the list is on the sheet that shows when "
                              "the file opens.")
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(b"\xff\xfd\x80\x80,\xff\n")
    assert refusal(garbled) == (
        "garbled.csv could not be read as a CSV file. Open it in the spreadsheet and save it "
        "again as \u201cCSV UTF-8\u201d, or as an Excel workbook (.xlsx).")
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"a,b\n\x00" + b"x" * 200_000 + b"\n")
    assert "nul.csv could not be read as a CSV file" in refusal(nul)


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.csv"
    with open(big, "wb") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: no time, no disk
    assert refusal(big) == ("big.csv is larger than 20 MB, more than a list of students "
                            "needs. Save only the sheet with the students, or split the list "
                            "into smaller files.")


def minimal_xlsx(path, sheet_xml: bytes | None = None, parts=None):
    """A workbook written by hand, part by part, so a test can make its sheet anything."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
            'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conten'
            'tType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="appli'
            'cation/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override'
            ' PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            'emas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
            '"xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlform'
            'ats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/offic'
            'eDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            'emas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="work'
            'sheets/sheet1.xml"/></Relationships>'))
        if sheet_xml is not None:
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, write in (parts or {}).items():
            with archive.open(name, "w", force_zip64=True) as part:
                write(part)
    return path


SHEET = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlform'
         b'ats.org/spreadsheetml/2006/main">%s<sheetData>%s</sheetData></worksheet>')


def cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def test_the_hand_made_workbook_reads(tmp_path):
    rows = b"".join(b'<row r="%d">%s%s</row>' % (n, cell(f"A{n}", name), cell(f"B{n}", num))
                    for n, name, num in ((1, "姓名", "学号"), (2, "张小明", "0001")))
    path = minimal_xlsx(tmp_path / "ok.xlsx", SHEET % (b"", rows))
    sheet = read_sheet(path)
    assert sheet.sheet_names == ("名单",) and sheet.rows == ((1, ("姓名", "学号")),
                                                             (2, ("张小明", "0001")))


def bounded(read, seconds: float = 10, megabytes: int | None = 150):
    """`read()`'s refusal, checked to come within the time given, and then (counting
    memory slows Python down many times) within the memory given."""
    started = time.monotonic()
    with pytest.raises(SpreadsheetRefused) as refused:
        read()
    assert time.monotonic() - started < seconds
    if megabytes is not None:
        tracemalloc.start()
        try:
            with pytest.raises(SpreadsheetRefused):
                read()
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < megabytes * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"
    return str(refused.value)


def test_a_sheet_that_says_it_is_a_million_rows_by_16384_columns(tmp_path):
    """The library would make every one of those cells: the sheet's own word on its size
    is not believed."""
    rows = (b'<row r="1">' + cell("A1", "姓名") + cell("B1", "学号") + b"</row>"
            + b'<row r="2">' + cell("A2", "张小明") + b"</row>"
            + b'<row r="1048576">' + cell("XFD1048576", "x") + b"</row>")
    path = minimal_xlsx(tmp_path / "wide.xlsx",
                        SHEET % (b'<dimension ref="A1:XFD1048576"/>', rows))
    started = time.monotonic()
    sheet = read_sheet(path)
    assert time.monotonic() - started < 10
    tracemalloc.start()
    try:
        read_sheet(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 150 * 1024 * 1024
    # Its columns are read as far as one past the limit: a list's columns stand side by
    # side, so a list too wide has something in that one (below).
    assert sheet.rows == ((1, ("姓名", "学号")), (2, ("张小明",)))
    wide = minimal_xlsx(tmp_path / "wider.xlsx", SHEET % (b"", b'<row r="1">' + b"".join(
        cell(f"{letter}1", "列") for letter in [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                               *(f"A{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                                               *(f"B{c}" for c in "ABCDEFGHIJ")]) + b"</row>"))
    assert bounded(lambda: read_sheet(wide)) == (
        "wider.xlsx has more than 60 columns. Delete the columns the import does not need, or "
        "copy the students' columns into a new sheet.")
    beyond = minimal_xlsx(tmp_path / "beyond.xlsx", SHEET % (
        b"", b'<row r="1">' + cell("A1", "姓名") + b'</row><row r="99999999">'
        + cell("A99999999", "x") + b"</row>"))
    assert bounded(lambda: read_sheet(beyond), megabytes=None).startswith(
        "beyond.xlsx has more than 10000 rows.")


def test_a_sheet_of_100000_rows_is_refused_without_reading_it_all(tmp_path):
    def rows(part):
        part.write(SHEET.split(b"%s")[0] + SHEET.split(b"%s")[1])
        for n in range(1, 100_001):
            part.write(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>S%d</t></is></c>'
                       b'<c r="B%d"><v>%d</v></c></row>' % (n, n, n, n, n))
        part.write(SHEET.split(b"%s")[2])

    path = minimal_xlsx(tmp_path / "long.xlsx", parts={"xl/worksheets/sheet1.xml": rows})
    # Its memory is bounded as the CSV's is: rows past the limit are never kept.
    assert bounded(lambda: read_sheet(path), megabytes=None) == (
        "long.xlsx has more than 10000 rows. Split the list into files of at most 10000 "
        "students and import them one after the other.")
    csv_path = tmp_path / "long.csv"
    csv_path.write_text("姓名,学号\n" + "".join(f"S{n},{n}\n" for n in range(100_000)),
                        encoding="utf-8")
    assert bounded(lambda: read_sheet(csv_path)).startswith("long.csv has more than 10000 rows.")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    def zeros(part):
        block = b" " * (1 << 20)
        for _megabyte in range(reading.MAX_UNPACKED_MB + 1):
            part.write(block)

    path = minimal_xlsx(tmp_path / "bomb.xlsx", SHEET % (b"", b""),
                        parts={"xl/sharedStrings.xml": zeros})
    assert path.stat().st_size < 1024 * 1024
    assert bounded(lambda: read_sheet(path), megabytes=20) == (
        "bomb.xlsx unpacks to more than 100 MB, more than a list of students needs. Copy the "
        "students' rows into a new workbook, save it and import that.")


def test_an_entity_bomb_in_a_sheet_is_refused(tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "lol">'
              + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                         % ((ord("a") + i + 1,) + (ord("a") + i,) * 10) for i in range(9))
              + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
              b'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c>'
              b"</row></sheetData></worksheet>")
    path = minimal_xlsx(tmp_path / "laughs.xlsx", laughs)
    assert "laughs.xlsx could not be read as an Excel workbook" in bounded(
        lambda: read_sheet(path), megabytes=50)


def test_too_many_columns_in_a_csv(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"列{n}" for n in range(61)) + "\n", encoding="utf-8")
    assert refusal(path).startswith("wide.csv has more than 60 columns.")


# -- writing ----------------------------------------------------------------------------
def test_a_table_written_reads_back_with_chinese_intact(tmp_path):
    path = write_table(tmp_path / "out" / "学生名单.xlsx", "城南小学:学生名单/2026",
                       ["姓名", "出生日期", "备注", "人数"],
                       [["张小明", date(2016, 5, 12), "=HYPERLINK(\"http://x\")", 3],
                        ["欧阳思思思思思思思思", None, "喜欢拼图\x07，视觉记忆好", None]])
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "城南小学 学生名单 2026"
    assert [c.value for c in sheet[1]] == ["姓名", "出生日期", "备注", "人数"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[2]] == ["张小明", datetime(2016, 5, 12),
                                           "=HYPERLINK(\"http://x\")", 3]
    assert sheet["C2"].data_type == "s"  # text typed by a teacher is never a formula
    assert sheet["C3"].value == "喜欢拼图，视觉记忆好"
    assert sheet.column_dimensions["A"].width == text_width("欧阳思思思思思思思思") + 2 == 22
    assert sheet.column_dimensions["D"].width == text_width("人数") + 2
    assert sheet.auto_filter.ref == "A1:D3"
    assert not list((tmp_path / "out").glob(".*.part"))


def test_a_table_that_cannot_be_written_says_where(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(IepStudioError) as refused:
        write_table(blocker / "名单.xlsx", "名单", ["姓名"], [])
    assert str(refused.value).startswith(f"Could not write {blocker / '名单.xlsx'}: ")
    assert str(refused.value).endswith(". Check that the folder exists, that you may write to "
                                       "it and that the disk is not full.")


def test_sheet_titles_as_the_format_allows():
    assert sheet_title("a" * 40) == "a" * 31
    assert sheet_title("[]:*?/\\") == "Sheet1"
