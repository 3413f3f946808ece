"""What the district view shows: figures (a count with a stable key and a label in each
language), the checks with the schools or classes that break them, and the children behind
any figure.

A key names what a figure counts, so the list behind it can be asked for later (after the
window is reopened, or from another computer) and still mean the same children: parts
joined by "/", each part %-escaped (a class may be called "3/2班").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote, unquote

from ..vocabulary import Term, Vocabulary
from .rules import RuleSetting


def make_key(*parts: str) -> str:
    return "/".join(quote(str(part), safe="") for part in parts)


def split_key(key: str) -> list[str]:
    return [unquote(part) for part in key.split("/")]


# What the counts are by, in the order the view shows them.
DIMENSIONS = Vocabulary(
    Term("school", "学校", "School"),
    Term("grade", "年级", "Grade"),
    Term("class", "班级", "Class"),
    Term("category", "障碍类别", "Disability category"),
    Term("degree", "障碍程度", "Degree"),
    Term("placement", "安置形式", "Placement"),
    Term("status", "计划进度", "Plan status"),
    Term("process", "转介安置进程", "Intake status"),
)

# Where a child's IEP stands: the furthest of their plans not yet closed.
PLAN_STAGES = Vocabulary(
    Term("none", "尚无计划", "No plan"),
    Term("draft", "计划草稿中", "Plan in draft"),
    Term("in_review", "计划审阅中", "Plan in review"),
    Term("approved", "计划已批准", "Plan approved"),
)

ATTENTION = Vocabulary(
    Term("no_approved_plan", "没有已批准的计划", "No approved plan"),
    Term("review_overdue", "计划评估已逾期", "Plan review overdue"),
    Term("no_observations", "{weeks}周以上没有观察记录", "No observation for {weeks} weeks or more"),
    Term("home_visits_short", "本学期送教上门次数少于计划",
         "Fewer home visits this term than planned"),
)

ALL = Term("all", "全部学生", "All students")
# Words for what a file leaves empty.
NO_GRADE = Term("", "（未填年级）", "(no grade)")
NO_CLASS = Term("", "（未填班级）", "(no class)")
NOT_RECORDED = Term("", "未填写", "Not recorded")


def place_label(language: str, school: str, grade: str | None = None,
                class_name: str | None = None) -> str:
    """城南小学 三年级 2班; a part the file leaves empty says so."""
    parts = [school]
    if grade is not None:
        parts.append(grade or NO_GRADE.label(language))
    if class_name is not None:
        parts.append(class_name or NO_CLASS.label(language))
    return " ".join(parts)


def students(count: int, language: str) -> str:
    if language.startswith("zh"):
        return f"{count}名学生"
    return f"{count} student" + ("" if count == 1 else "s")


def teachers(count: int | None, language: str) -> str:
    if count is None:
        return "资源教师人数未填写" if language.startswith("zh") else \
            "resource teachers not recorded"
    if language.startswith("zh"):
        return f"{count}名资源教师"
    return f"{count} resource teacher" + ("" if count == 1 else "s")


def resource_room(has_room: bool | None, language: str) -> str:
    if language.startswith("zh"):
        return "是否有资源教室未填写" if has_room is None else (
            "有资源教室" if has_room else "没有资源教室")
    return "resource room not recorded" if has_room is None else (
        "a resource room" if has_room else "no resource room")


@dataclass(frozen=True)
class Figure:
    """A count the view shows, with the key that opens the list of children behind it."""

    key: str
    zh: str
    en: str
    count: int

    def label(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True)
class Breach(Figure):
    """A school or a class that breaks a check; `count` is the children it counts, and the
    key opens their list. The school's facts the check used come with it."""

    finding_zh: str = ""
    finding_en: str = ""
    school_id: str = ""
    school_name: str = ""
    grade: str | None = None  # None: the check is about the school, not one class
    class_name: str | None = None
    teachers: int | None = None
    has_resource_room: bool | None = None

    def finding(self, language: str) -> str:
        """What was found, for the line under the place: 3名学生 / 9 students, 1 resource
        teacher."""
        return self.finding_zh if language.startswith("zh") else self.finding_en


@dataclass(frozen=True)
class Check:
    """A rule, its source, the figures it compares with as this district has them, and
    every school or class that breaks it. Its key opens all the children behind them."""

    key: str
    zh: str
    en: str
    source_zh: str
    source_en: str
    settings: tuple[RuleSetting, ...]
    breaches: tuple[Breach, ...]

    @property
    def count(self) -> int:
        """How many schools or classes break the rule."""
        return len(self.breaches)

    @property
    def students(self) -> int:
        return sum(breach.count for breach in self.breaches)

    def label(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en

    def source(self, language: str) -> str:
        return self.source_zh if language.startswith("zh") else self.source_en


@dataclass(frozen=True)
class Child:
    """One child behind a figure, as a list shows them. `when` is the overdue review's
    date (review overdue) or the last observation (no observations); `visits` the home
    visits so far this term and `planned` those planned by now (fewer visits)."""

    student_id: str
    full_name: str
    school_id: str
    school_name: str
    grade: str
    class_name: str
    placement: str
    when: date | None = None
    visits: int | None = None
    planned: int | None = None


@dataclass(frozen=True)
class DistrictView:
    """Everything the view shows when it opens, read in one transaction."""

    today: date
    total: Figure
    counts: dict[str, tuple[Figure, ...]]  # by DIMENSIONS code, in that order
    attention: tuple[Figure, ...]
    checks: tuple[Check, ...]
    settings: tuple[RuleSetting, ...] = field(default=())

    def figures(self):
        """Every figure with a list behind it: the total, the counts, the attention
        lists, each check (counting the children of all the places that break it) and
        each school or class that breaks one."""
        yield self.total
        for figures in self.counts.values():
            yield from figures
        yield from self.attention
        for check in self.checks:
            yield Figure(check.key, check.zh, check.en, check.students)
            yield from check.breaches
