"""The whole school and district view in one Excel workbook, a sheet a table, in the
reader's language: first a sheet saying what the workbook is, for which schools and on
what day; then the counts by each grouping, the children needing attention with a sheet
for each list, the regulation's checks with the schools or classes that break them, and
the district's figures and school records the checks use.

Only what the reader may see goes in: the figures and lists come from the overview
service, which counts and lists only the children whose files the reader may open.
Plain data in, a list of sheets out; core/spreadsheets/writing.py lays them out.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..spreadsheets.writing import SheetTable, sheet_titles, write_sheets
from ..vocabulary import PLACEMENTS, Term, Vocabulary, join_labels
from .figures import (
    DIMENSIONS, NO_CLASS, NO_GRADE, NOT_RECORDED, Child, DistrictView, split_key, students,
)

WORDS = Vocabulary(
    Term("title", "学校与区域概览", "School and district overview"),
    Term("about", "说明", "About"),
    Term("item", "项目", "Item"),
    Term("details", "内容", "Details"),
    Term("contents", "本工作簿", "This workbook"),
    Term("what", "各项统计、需要关注的学生、条例检查和区域设置，每张表一个工作表。",
         "the counts, the students needing attention, the regulation's checks and the "
         "district's settings, one table a sheet."),
    Term("day", "统计日期", "Counted on"),
    Term("schools", "学校", "Schools"),
    Term("who", "统计范围", "Who is counted"),
    Term("everyone", "在读且档案未归档的全部学生，共{students}。",
         "Every active student whose file is not archived: {students}."),
    Term("mine", "只统计您有权查看档案的学生，共{students}。",
         "Only the students whose files you may see: {students}."),
    Term("none", "（无）", "(none)"),
    Term("sheet", "工作表", "Sheet"),
    Term("students", "学生人数", "Students"),
    Term("by", "按{by}", "By {by}"),
    Term("counted_by", "按{by}统计的学生人数", "Students by {by}"),
    Term("attention", "需要关注", "Needing attention"),
    Term("attention_title", "需要关注的学生", "Students needing attention"),
    Term("needs", "需要关注的情况", "Needs attention"),
    Term("name", "姓名", "Name"),
    Term("school", "学校", "School"),
    Term("grade", "年级", "Grade"),
    Term("class", "班级", "Class"),
    Term("placement", "安置形式", "Placement"),
    Term("review_due", "计划评估到期日", "Review was due"),
    Term("last_observation", "最近一次观察", "Last observation"),
    Term("none_yet", "尚无", "None yet"),
    Term("visits", "本学期已上门次数", "Home visits this term"),
    Term("planned", "截至今日应上门次数", "Planned by now"),
    Term("checks", "条例检查", "Regulation checks"),
    Term("checks_title", "条例检查", "The regulation's checks"),
    Term("rule", "规定", "Rule"),
    Term("source", "依据", "Source"),
    Term("result", "结果", "Result"),
    Term("met", "符合", "Met"),
    Term("not_met", "不符合", "Not met"),
    Term("place", "学校或班级", "School or class"),
    Term("found", "发现的情况", "What was found"),
    Term("figures", "检查和名单所用的数值", "Figures the checks use"),
    Term("figures_title", "检查和名单所用的数值", "Figures the checks and lists use"),
    Term("setting", "设置项", "Setting"),
    Term("value", "数值", "Value"),
    Term("default", "默认值", "Default"),
    Term("facts", "各校基本情况", "School records"),
    Term("facts_title", "各校基本情况", "What the district records of each school"),
    Term("room", "资源教室", "Resource room"),
    Term("teachers", "资源教师人数", "Resource teachers"),
    Term("yes", "有", "Yes"),
    Term("no", "没有", "No"),
)

# A sheet's name holds 31 characters: two lists' English names are longer.
SHORT_LIST_NAMES = {"no_observations": Term("", "{weeks}周以上没有观察记录",
                                            "No observation in {weeks}+ weeks"),
                    "home_visits_short": Term("", "送教上门次数少于计划", "Too few home visits")}


@dataclass(frozen=True)
class SchoolRecord:
    """What the district records of a school, as the checks use it."""

    name: str
    has_resource_room: bool | None
    resource_teachers: int | None


def overview_sheets(view: DistrictView, lists: Mapping[str, Sequence[Child]],
                    schools: Sequence[SchoolRecord], language: str, sees_everyone: bool
                    ) -> list[SheetTable]:
    """The workbook's sheets, the one about it first. `lists` holds the children of each
    attention list by the list's key; `schools` every school, by name."""
    words = _Words(language)
    titled = [*_counts(view, words), _attention(view, words)]
    titled += [_children(figure.label(language), lists.get(figure.key, ()), figure.key,
                         view, words) for figure in view.attention]
    titled += [_checks(view, words), _figures(view, words), _facts(schools, words)]
    return [_about(view, schools, titled, words, sees_everyone),
            *(table for _title, table in titled)]


def write_overview(path: Path | str, view: DistrictView, lists: Mapping[str, Sequence[Child]],
                   schools: Sequence[SchoolRecord], language: str, sees_everyone: bool,
                   progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the workbook whole (a full disk or a file open in Excel leaves the old file
    as it was, and says so plainly)."""
    return write_sheets(path, overview_sheets(view, lists, schools, language, sees_everyone),
                        progress)


class _Words:
    """The workbook's words in the reader's language."""

    def __init__(self, language: str):
        self.language = language
        self.zh = language.startswith("zh")

    def __call__(self, code: str, **values) -> str:
        return WORDS.label(code, self.language).format(**values)

    def said(self, label: str, value: str) -> str:
        """"工作表：按学校" / "Sheet: By school"."""
        return f"{label}{'：' if self.zh else ': '}{value}"


# Each sheet comes with its whole title, which its name may have had to shorten.
Titled = tuple[str, SheetTable]


# -- the sheets -----------------------------------------------------------------------------
def _about(view: DistrictView, schools: Sequence[SchoolRecord], titled: list[Titled],
           words: _Words, sees_everyone: bool) -> SheetTable:
    language = words.language
    if sees_everyone:
        names = [school.name for school in schools]
    else:  # the schools of the children the reader may see, and no others
        names = [figure.label(language) for figure in view.counts.get("school", ())
                 if figure.count]
    counted = students(view.total.count, language)
    rows = [(words("contents"), words.said(words("title"), words("what"))),
            (words("day"), view.today),
            (words("schools"), join_labels(names, language) or words("none")),
            (words("who"), words("everyone" if sees_everyone else "mine", students=counted)),
            (None, None)]
    # Each sheet's name as the workbook will show it (fitted, told apart), and its title.
    shown = sheet_titles([words("about"), *(table.title for _title, table in titled)])[1:]
    rows += [(words.said(words("sheet"), name), title)
             for name, (title, _table) in zip(shown, titled)]
    return SheetTable(words("about"), [words("item"), words("details")], rows)


def _counts(view: DistrictView, words: _Words) -> list[Titled]:
    language, total = words.language, view.total
    titled = []
    for by, figures in view.counts.items():
        label = DIMENSIONS.label(by, language)
        inside = label if words.zh else label[:1].lower() + label[1:]  # "By school"
        rows = [(total.label(language), total.count)]
        rows += [(figure.label(language), figure.count) for figure in figures]
        titled.append((words("counted_by", by=inside),
                       SheetTable(words("by", by=inside), [label, words("students")], rows)))
    return titled


def _attention(view: DistrictView, words: _Words) -> Titled:
    return words("attention_title"), SheetTable(
        words("attention"), [words("needs"), words("students")],
        [(figure.label(words.language), figure.count) for figure in view.attention])


def _children(title: str, children: Sequence[Child], key: str, view: DistrictView,
              words: _Words) -> Titled:
    """One attention list: who, where, and what put each child on it."""
    language, kind = words.language, split_key(key)[-1]
    headings = [words("name"), words("school"), words("grade"), words("class"),
                words("placement")]
    if kind == "review_overdue":
        headings.append(words("review_due"))
    elif kind == "no_observations":
        headings.append(words("last_observation"))
    elif kind == "home_visits_short":
        headings += [words("visits"), words("planned")]
    rows = []
    for child in children:
        cells = [child.full_name, child.school_name, child.grade or NO_GRADE.label(language),
                 child.class_name or NO_CLASS.label(language),
                 PLACEMENTS.label(child.placement, language)]
        if kind in ("review_overdue", "no_observations"):
            cells.append(child.when or words("none_yet"))  # a date cell
        elif kind == "home_visits_short":
            cells += [child.visits or 0, child.planned or 0]
        rows.append(tuple(cells))
    name = title
    if len(title) > 31 and kind in SHORT_LIST_NAMES:
        weeks = next((s.value for s in view.settings if s.key == "no_observation_weeks"), "")
        name = SHORT_LIST_NAMES[kind].label(language).format(weeks=weeks)
    return title, SheetTable(name, headings, rows)


def _checks(view: DistrictView, words: _Words) -> Titled:
    """A row for each school or class not meeting a check; a check every place meets
    has one row saying so."""
    language = words.language
    headings = [words("rule"), words("source"), words("result"), words("place"),
                words("found"), words("students")]
    rows = []
    for check in view.checks:
        first = (check.label(language), check.source(language),
                 words("not_met" if check.breaches else "met"))
        rows += [first + (b.label(language), b.finding(language), b.count)
                 for b in check.breaches] or [first + ("", "", 0)]
    return words("checks_title"), SheetTable(words("checks"), headings, rows)


def _figures(view: DistrictView, words: _Words) -> Titled:
    language = words.language
    return words("figures_title"), SheetTable(
        words("figures"), [words("setting"), words("value"), words("default"),
                           words("source")],
        [(s.label(language), s.value, s.default, s.source(language)) for s in view.settings])


def _facts(schools: Sequence[SchoolRecord], words: _Words) -> Titled:
    not_recorded = NOT_RECORDED.label(words.language)
    rows = [(school.name,
             not_recorded if school.has_resource_room is None else
             words("yes" if school.has_resource_room else "no"),
             not_recorded if school.resource_teachers is None else school.resource_teachers)
            for school in schools]
    return words("facts_title"), SheetTable(
        words("facts"), [words("school"), words("room"), words("teachers")], rows)
