"""A list of students as schools and districts keep one (花名册, 随班就读学生名单): which
column holds what, and each cell turned into what a student file holds.

Columns are recognised by their headings, in Chinese or English, as such lists name them
(姓名, 学号, 出生日期, 障碍类别 …). Cells are read as teachers write them: dates as
2016-05-12, 2016/5/12, 2016.5.12, 20160512, 2016年5月12日 or a date cell; categories,
degrees, placements and the like by their Chinese or English names or codes, and by the
other names lists use for them (自闭症 for 孤独症, 一级 to 四级 for the degree on a
disability certificate). What cannot be read is a Problem on that cell, never a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..errors import QT_TRANSLATE_NOOP, IepStudioError, Problem
from ..vocabulary import (
    CATEGORIES, DEGREES, PLACEMENTS, RELATIONSHIPS, SEXES, Term, Vocabulary, join_labels,
)
from .reading import MAX_ROWS, Sheet, SpreadsheetRefused, Value, _too_many_rows

# What a column of a list can hold. The codes are the student service's field names
# where there is one, so its problems land on the column they are about.
ROSTER_FIELDS = Vocabulary(
    Term("full_name", "姓名", "Name"),
    Term("student_number", "学号", "Student number"),
    Term("sex", "性别", "Sex"),
    Term("birth_date", "出生日期", "Birth date"),
    Term("school", "学校", "School"),
    Term("grade", "年级", "Grade"),
    Term("class_name", "班级", "Class"),
    Term("categories", "障碍类别", "Category"),
    Term("degree", "程度", "Degree"),
    Term("placement", "安置形式", "Placement"),
    Term("enrolled_on", "入学日期", "Enrolled on"),
    Term("certificate_no", "残疾证号", "Certificate no."),
    Term("diagnosis", "诊断", "Diagnosis"),
    Term("guardian_name", "监护人", "Guardian"),
    Term("guardian_relationship", "与学生关系", "Relationship"),
    Term("guardian_phone", "联系电话", "Phone"),
)

# Other headings lists use, besides each field's own names and code.
_HEADINGS = {
    "full_name": "学生姓名 姓名 名字 幼儿姓名 name studentname fullname pupil",
    "student_number": "学号 学籍号 全国学籍号 学籍编号 编号 学生编号 studentnumber studentno "
                      "studentid number no id",
    "sex": "性别 sex gender",
    "birth_date": "出生日期 出生年月日 生日 出生时间 birthdate dateofbirth dob birthday born",
    "school": "学校 所在学校 学校名称 就读学校 school schoolname",
    "grade": "年级 就读年级 grade year",
    "class_name": "班级 班 所在班级 class classname form",
    "categories": "障碍类别 残疾类别 类别 障碍类型 残疾类型 特殊需要类型 category categories "
                  "disability disabilitycategory",
    "degree": "程度 障碍程度 残疾程度 残疾等级 等级 degree severity",
    "placement": "安置形式 安置方式 安置 就读方式 placement",
    "enrolled_on": "入学日期 入学时间 enrolledon enrolmentdate enrollmentdate",
    "certificate_no": "残疾证号 残疾证编号 残疾证 certificateno certificatenumber "
                      "disabilitycertificate",
    "diagnosis": "诊断 医学诊断 diagnosis",
    "guardian_name": "监护人 监护人姓名 家长 家长姓名 guardian guardianname parent parentname",
    "guardian_relationship": "关系 与学生关系 与学生的关系 监护人关系 relationship",
    "guardian_phone": "电话 联系电话 手机 手机号 手机号码 家长电话 监护人电话 联系方式 phone "
                      "telephone mobile phonenumber contactphone",
}

# Other names lists give the vocabulary's terms.
_CATEGORY_NAMES = {
    "autism": "自闭症 孤独症谱系障碍 asd", "adhd": "多动症 多动 注意缺陷多动",
    "intellectual": "智力残疾 智障 智力落后", "cerebral_palsy": "脑性瘫痪 cp",
    "hearing": "听力残疾 听障 聋", "visual": "视力残疾 视障 低视力 盲",
    "speech": "言语残疾 言语障碍 语言障碍", "physical": "肢体残疾",
    "multiple": "多重残疾", "learning": "学习困难",
    "emotional_behavioural": "情绪与行为障碍 情绪障碍 行为障碍",
}
# The grades on a disability certificate (GB/T 26341): 一级 is the most severe.
_DEGREE_NAMES = {"profound": "一级 1级 极重", "severe": "二级 2级 重",
                 "moderate": "三级 3级 中", "mild": "四级 4级 轻"}
_PLACEMENT_NAMES = {"regular_class_resource_room": "资源教室 随班就读资源教室 随班就读+资源",
                    "special_class": "特教班 特殊教育班", "satellite_class": "卫星班级",
                    "special_school": "特校 培智学校 盲校 聋校", "home_delivered": "送教"}
_SEX_NAMES = {"male": "男性 男生 m boy", "female": "女性 女生 f girl"}
_RELATIONSHIP_NAMES = {"mother": "妈妈 母 mum mom", "father": "爸爸 父 dad",
                       "grandmother": "奶奶 外婆 祖母 外祖母 姥姥",
                       "grandfather": "爷爷 外公 祖父 外祖父 姥爷"}

# Fields a list's cell gives the student service as they are (text, cut by its limits).
TEXT_FIELDS = ("full_name", "student_number", "grade", "class_name", "certificate_no",
               "diagnosis")
HEADER_SEARCH = 10  # rows looked at for the header (a title row or two may come first)


def _key(text: str) -> str:
    """A heading or a name as compared: lower case, without spaces, marks of a
    required column (*), brackets' contents such as units, and punctuation."""
    text = re.sub(r"[（(][^）)]*[）)]", "", str(text))
    return re.sub(r"[\s*＊:：._\-/、]+", "", text).lower()


def _names(vocabulary: Vocabulary, more: dict[str, str]) -> dict[str, str]:
    names = {}
    for term in vocabulary:
        for name in (term.code, term.zh, term.en, *more.get(term.code, "").split()):
            names.setdefault(_key(name), term.code)
    return names


HEADINGS = _names(ROSTER_FIELDS, _HEADINGS)
CATEGORY_NAMES = _names(CATEGORIES, _CATEGORY_NAMES)
DEGREE_NAMES = _names(DEGREES, _DEGREE_NAMES)
PLACEMENT_NAMES = _names(PLACEMENTS, _PLACEMENT_NAMES)
SEX_NAMES = _names(SEXES, _SEX_NAMES)
RELATIONSHIP_NAMES = _names(RELATIONSHIPS, _RELATIONSHIP_NAMES)


def recognise(headings: list[str]) -> list[str]:
    """The field each column holds, by its heading ("" for a column left out). A field is
    given to its first column only."""
    fields, taken = [], set()
    for heading in headings:
        found = HEADINGS.get(_key(heading or ""), "")
        if found in taken:
            found = ""
        taken.add(found)
        fields.append(found)
    return fields


@dataclass(frozen=True)
class Table:
    """A sheet's header row and the rows below it."""

    sheet: Sheet
    header_line: int  # the header's row number in the file (0: the file has none)
    headings: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Value, ...]], ...]  # (row number, one value a column)


def table_of(sheet: Sheet, recognised_by=None) -> Table:
    """The header row (the first of the first rows with most headings recognised, so a
    title above it is passed over) and the rows below it, all as wide as the widest.
    `recognised_by`: what reads the headings (a student list's, unless another list's)."""
    recognised_by = recognised_by or recognise
    if not sheet.rows:
        raise SpreadsheetRefused(QT_TRANSLATE_NOOP(
            "Errors", "{name} holds no rows to import. Check that it is the list of "
            "students, and that the list is on the sheet that shows when the file opens."),
            name=sheet.file_name)
    width = max(len(values) for _line, values in sheet.rows)
    candidates = sheet.rows[:HEADER_SEARCH]
    scores = [sum(1 for f in recognised_by([_text(v) for v in values]) if f)
              for _line, values in candidates]
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    line, header = candidates[best]
    rows = tuple((n, tuple(values) + (None,) * (width - len(values)))
                 for n, values in sheet.rows[best + 1:])
    if len(rows) > MAX_ROWS:
        raise _too_many_rows(sheet.file_name)
    headings = tuple(_text(v) for v in header) + ("",) * (width - len(header))
    return Table(sheet, line, headings, rows)


# -- one row ----------------------------------------------------------------------------
@dataclass
class SheetRow:
    """One row of any list imported: its cells as the file has them, and the problems
    that keep it out, each on the field (column) it is about."""

    line: int  # the row's number in the file
    cells: tuple[str, ...]  # as shown, one a column
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_in(self, field_name: str) -> list[Problem]:
        return [p for p in self.problems if p.field == field_name]

    def add(self, field_name: str, message: str, **params) -> None:
        self.problems.append(Problem(field_name, message, params))


@dataclass
class RosterRow(SheetRow):
    """One student of the list, and what the row becomes."""

    values: dict = field(default_factory=dict)  # field -> value for the student service
    categories: list[tuple[str, str]] = field(default_factory=list)
    guardian: dict | None = None
    school_name: str = ""  # as the row names it ("": the school chosen for the import)


def read_row(line: int, values: tuple, mapping: list[str], language: str) -> RosterRow:
    """A row's cells turned into a student's values, with a problem for each cell that
    cannot be read. The student service's own rules (a name is required, a number used
    once in a school, a birth date not in the future) are checked after, by the service."""
    row = RosterRow(line, tuple(_text(v) for v in values))
    cell = {name: values[i] for i, name in enumerate(mapping) if name and i < len(values)}
    for name in TEXT_FIELDS:
        if name in cell:
            row.values[name] = _text(cell[name])
    row.school_name = _text(cell.get("school"))
    for name in ("birth_date", "enrolled_on"):
        if _text(cell.get(name)):
            row.values[name] = _date(row, name, cell[name])
    row.values["sex"] = _choice(row, "sex", cell.get("sex"), SEX_NAMES, SEXES, language)
    placement = _choice(row, "placement", cell.get("placement"), PLACEMENT_NAMES, PLACEMENTS,
                        language)
    if placement:
        row.values["placement"] = placement
    row.categories = _categories(row, cell.get("categories"), cell.get("degree"), language)
    guardian = {"name": _text(cell.get("guardian_name")),
                "phone": _text(cell.get("guardian_phone")),
                "relationship_": _choice(row, "guardian_relationship",
                                         cell.get("guardian_relationship"),
                                         RELATIONSHIP_NAMES, RELATIONSHIPS, language)}
    if any(guardian.values()):
        row.guardian = guardian
    return row


def _text(value) -> str:
    """A cell as text: a whole number without ".0" (Excel keeps numbers as decimals, so
    a phone number would read 13800000001.0), a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]0{1,2}:00(?::00)?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _date(row: RosterRow, name: str, value: Value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    found = _DATE.match(text) or _COMPACT_DATE.match(text)
    if found:
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            pass
    row.add(name, QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not a date. Write it as "
                                    "YYYY-MM-DD, for example 2016-09-01."), value=text)
    return None


def _choice(row: RosterRow, name: str, value: Value, names: dict[str, str],
            vocabulary: Vocabulary, language: str) -> str:
    text = _text(value)
    if not text:
        return ""
    code = names.get(_key(text))
    if code is None:
        _not_a_choice(row, name, text, vocabulary, language)
        return ""
    return code


def _not_a_choice(row: RosterRow, name: str, text: str, vocabulary: Vocabulary,
                  language: str) -> None:
    row.add(name, QT_TRANSLATE_NOOP("Errors", "\"{value}\" is not one of the choices: "
                                    "{choices}."),
            value=text, choices=join_labels((t.label(language) for t in vocabulary), language))


_SEPARATORS = re.compile(r"[、,，;；\n]+")
_WITH_DEGREE = re.compile(r"^(.*?)\s*[（(]\s*([^）)]*?)\s*[）)]$")


def _categories(row: RosterRow, value: Value, degree_value: Value,
                language: str) -> list[tuple[str, str]]:
    """(category, degree) pairs from "孤独症（中度）、言语障碍" or "Autism (moderate)";
    a degree column gives the degree of the first category (the main one)."""
    text = _text(value)
    degree = _choice(row, "degree", degree_value, DEGREE_NAMES, DEGREES, language)
    if not text:
        if degree:
            row.add("degree", QT_TRANSLATE_NOOP(
                "Errors", "A degree needs its category. Write the category too, or leave "
                "the degree out."))
        return []
    whole = CATEGORY_NAMES.get(_key(text))  # "Emotional/behavioural disorder" has a "/"
    parts = [text] if whole else [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    pairs = []
    for part in parts:
        own = _WITH_DEGREE.match(part)
        name, own_degree = (own.group(1), own.group(2)) if own else (part, "")
        code = CATEGORY_NAMES.get(_key(name))
        if code is None:
            _not_a_choice(row, "categories", name, CATEGORIES, language)
            continue
        if own_degree:
            own_degree = _choice(row, "categories", own_degree, DEGREE_NAMES, DEGREES, language)
        pairs.append((code, own_degree))
    if pairs and degree and not pairs[0][1]:
        pairs[0] = (pairs[0][0], degree)
    return pairs


class MappingRefused(IepStudioError):
    """The columns chosen cannot make student files; the preview says which to change."""


def check_mapping(headings: tuple[str, ...], mapping: list[str]) -> None:
    if "full_name" not in mapping:
        raise MappingRefused(QT_TRANSLATE_NOOP(
            "Errors", "No column is read as the students' names. Choose the column that "
            "holds the names."))
    seen: dict[str, int] = {}
    for i, name in enumerate(mapping):
        if name and name in seen:
            raise MappingRefused(QT_TRANSLATE_NOOP(
                "Errors", "Two columns are read as the same field: \u201c{first}\u201d and "
                "\u201c{second}\u201d. Leave one of them out."),
                first=headings[seen[name]] or str(seen[name] + 1),
                second=headings[i] or str(i + 1))
        seen[name] = i
