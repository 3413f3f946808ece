"""The regulation's checks a district view makes, and the figures a district may change.

Each figure has a default from the text it comes from, and that text's name, shown beside
the rule so a coordinator can look it up. Provinces differ (the draft the defaults come
from is one province's; the second resource teacher is one district's practice), so each
figure, and the name of its source, is the district's to change (core/services/overview.py
keeps the changes in the district_rule table). Plain data: no database here.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a figure comes from, as the view names it in each language."""

    zh: str
    en: str

    def label(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


DRAFT_ZH = "《山东省特殊教育条例（草案征求意见稿）》"
DRAFT_EN = "Shandong Special Education Regulation (draft for comment)"
ARTICLE_21 = Source(DRAFT_ZH + "第二十一条", DRAFT_EN + ", art. 21")
# Item (8) of the article: regular schools that teach children in regular classes. The
# article's other ratios are for special schools and special classes, not for this view.
ARTICLE_33 = Source(DRAFT_ZH + "第三十三条第（八）项", DRAFT_EN + ", art. 33 (8)")
ARTICLE_44 = Source(DRAFT_ZH + "第四十四条", DRAFT_EN + ", art. 44")
DISTRICT_RULE = Source("区（县）规定", "District rule")
# One more resource teacher above eight such students is Xiaoshan district's practice.
XIAOSHAN_RULE = Source("区（县）规定（参照萧山区做法）", "District rule (after Xiaoshan district)")


@dataclass(frozen=True)
class Threshold:
    """One figure a check compares with, what it means, and its default and source."""

    key: str
    default: int
    lowest: int
    highest: int
    zh: str
    en: str
    source: Source

    def label(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


THRESHOLDS = (
    Threshold("regular_class_max", 2, 1, 50, "普通班每班随班就读学生最多人数",
              "Most students with special needs in one regular class", ARTICLE_21),
    Threshold("resource_room_from", 5, 1, 200, "随班就读学生达到此数的学校应设资源教室",
              "Students in regular classes from which a school needs a resource room",
              ARTICLE_44),
    Threshold("special_class_min", 6, 1, 50, "特教班最少人数",
              "Fewest students in a special class", ARTICLE_21),
    Threshold("special_class_max", 8, 1, 50, "特教班最多人数",
              "Most students in a special class", ARTICLE_21),
    Threshold("students_per_teacher", 5, 1, 100, "每名资源教师对应的随班就读学生数（师生比1:n）",
              "Students in regular classes for each resource teacher (ratio 1:n)",
              ARTICLE_33),
    Threshold("second_teacher_above", 8, 1, 200, "随班就读学生超过此数的学校应有第二名资源教师",
              "Students in regular classes above which a school needs a second resource "
              "teacher", XIAOSHAN_RULE),
    # Neither source gives the next two a number: the district's rhythm is an observation
    # each day, and the regulation (art. 24) asks for home visits without saying how many.
    Threshold("no_observation_weeks", 2, 1, 52, "多少周没有观察记录即列出",
              "Weeks without an observation before a child is listed", DISTRICT_RULE),
    Threshold("home_visits_per_term", 8, 1, 200, "送教上门学生每学期计划上门次数",
              "Home visits planned each term for a child taught at home", DISTRICT_RULE),
)
THRESHOLD = {t.key: t for t in THRESHOLDS}


@dataclass(frozen=True)
class RuleSetting:
    """A threshold as this district has it: its figure, and its source's name (the
    district's own words, or the default's)."""

    threshold: Threshold
    value: int
    own_source: str = ""  # what the district wrote; empty: the default source

    @property
    def key(self) -> str:
        return self.threshold.key

    @property
    def default(self) -> int:
        return self.threshold.default

    @property
    def changed(self) -> bool:
        return self.value != self.threshold.default or bool(self.own_source)

    def label(self, language: str) -> str:
        return self.threshold.label(language)

    def source(self, language: str) -> str:
        return self.own_source or self.threshold.source.label(language)


def defaults() -> dict[str, RuleSetting]:
    return {t.key: RuleSetting(t, t.default) for t in THRESHOLDS}


@dataclass(frozen=True)
class CheckRule:
    """A check of schools or classes: its stable key, the thresholds it compares with,
    and the rule as a sentence with their figures in {braces}."""

    key: str
    thresholds: tuple[str, ...]
    zh: str
    en: str


# Who the school-level checks count: the children taught in regular classes (随班就读,
# with or without the resource room), the ones the articles and the resource teacher serve.
CHECKS = (
    CheckRule("regular_class_size", ("regular_class_max",),
              "普通班每班随班就读学生不超过{regular_class_max}人",
              "At most {regular_class_max} students with special needs in one regular class"),
    CheckRule("resource_room", ("resource_room_from",),
              "随班就读学生{resource_room_from}人及以上的学校应设立资源教室",
              "A school with {resource_room_from} or more students in regular classes has a "
              "resource room"),
    CheckRule("special_class_size", ("special_class_min", "special_class_max"),
              "特教班班额为{special_class_min}至{special_class_max}人",
              "A special class has {special_class_min} to {special_class_max} students"),
    CheckRule("staffing_ratio", ("students_per_teacher",),
              "随班就读学生与资源教师的师生比不低于1:{students_per_teacher}",
              "At least one resource teacher for every {students_per_teacher} students in "
              "regular classes (1:{students_per_teacher})"),
    CheckRule("second_resource_teacher", ("second_teacher_above",),
              "随班就读学生超过{second_teacher_above}人的学校至少有2名资源教师",
              "A school with more than {second_teacher_above} students in regular classes "
              "has at least 2 resource teachers"),
)
CHECK = {c.key: c for c in CHECKS}
