"""The school and the district at a glance: counts, children needing attention, and the
regulation's checks, each figure with the list of children behind it.

Every figure is counted by the database: a GROUP BY or a count over ORM statements on the
mapped classes, so the rule on whose files one sees (core/access/visibility.py) applies to
each statement here as to any other read, subqueries included; a child the reader may not
see is neither counted nor listed. On a shared server row-level security applies the same
rule again. No figure loads every child into Python; a list is read only when asked for.

Who is counted: active children whose file is not archived. Their placement is the open
placement period (the latest, should a file have two open). A child still in referral (no
placement yet) is active and counted too: under "not recorded" by placement, and by
intake status at the step they have reached; left out, the district would not see the
children waiting for a diagnosis or a committee, and the totals would differ by what
they are counted by.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import and_, case, exists, false, func, literal, or_, select

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP
from ..intake_steps import NOTHING_RECORDED, Step, StepsFileBroken
from ..model import (
    DistrictRule, HomeVisit, IntakeRecord, Observation, PlacementPeriod, Plan, School, Student,
    StudentCategory,
)
from ..overview.figures import (
    ALL, ATTENTION, DIMENSIONS, NO_GRADE, NOT_RECORDED, PLAN_STAGES, Breach, Check, Child,
    DistrictView, Figure, make_key, place_label, resource_room, split_key, students, teachers,
)
from ..overview.rules import CHECK, CHECKS, THRESHOLD, RuleSetting, defaults
from ..school_year import school_term
from ..store import Store
from ..vocabulary import CATEGORIES, DEGREES, PLACEMENTS
from .intake import district_steps
from .validation import Checker

# Children taught in regular classes (随班就读), with or without the resource room: the
# ones the class, resource-room and staffing articles count.
IN_REGULAR_CLASSES = ("regular_class", "regular_class_resource_room")
HOME_DELIVERED = "home_delivered"
SPECIAL_CLASS = "special_class"
# A plan's stage as a number, so the furthest of a child's plans is a MAX in the database.
STAGE_RANK = {"draft": 1, "in_review": 2, "approved": 3}
RANK_STAGE = {rank: stage for stage, rank in STAGE_RANK.items()}


@dataclass(frozen=True)
class _School:
    name: str
    has_resource_room: bool | None
    resource_teachers: int | None


class _Statements:
    """The statements of one reading, for one day and one district's figures.

    Groups are by plain columns only: on PostgreSQL an expression holding a bound value
    (a COALESCE with '', a CASE) would not match itself between SELECT and GROUP BY, so
    an empty group (None) is named in Python instead."""

    def __init__(self, today: date, settings: dict[str, RuleSetting], steps: list[Step] = ()):
        self.today = today
        self.value = {key: setting.value for key, setting in settings.items()}
        later = PlacementPeriod.__table__.alias("later_placement")
        self.current = (
            select(PlacementPeriod.student_id.label("student_id"),
                   PlacementPeriod.placement.label("placement"))
            .where(PlacementPeriod.end_date.is_(None), ~exists().where(
                later.c.student_id == PlacementPeriod.student_id, later.c.end_date.is_(None),
                or_(later.c.start_date > PlacementPeriod.start_date,
                    and_(later.c.start_date == PlacementPeriod.start_date,
                         later.c.id > PlacementPeriod.id))))
            .subquery("current_placement"))
        self.placement = self.current.c.placement
        furthest = func.max(case(*((Plan.status == stage, rank)
                                   for stage, rank in STAGE_RANK.items()), else_=0))
        self.stages = (select(Plan.student_id.label("student_id"), furthest.label("rank"))
                       .group_by(Plan.student_id).subquery("plan_stage"))
        # The furthest of the district's steps (by their order) each child has done, as a
        # number: 0 for a retired step or one the district does not have (another
        # district's file), as the file itself does not count them.
        self.steps = [step for step in steps if not step.retired]
        self.step_rank = {step.key: i for i, step in enumerate(self.steps, start=1)}
        done = (case(self.step_rank, value=IntakeRecord.step_key, else_=0)
                if self.step_rank else literal(0))
        self.intake = (select(IntakeRecord.student_id.label("student_id"),
                              func.max(done).label("rank"))
                       .group_by(IntakeRecord.student_id).subquery("intake_stage"))
        term = school_term(today)
        self.term_start = term.start
        # Visits planned by today: the term's number in proportion to the part of the
        # term gone, so a coordinator in October is not told the whole term's are missing.
        days = (term.end - term.start).days + 1
        gone = (today - term.start).days + 1
        self.planned_visits = self.value["home_visits_per_term"] * gone // days
        self.observed_after = today - timedelta(weeks=self.value["no_observation_weeks"])

    def students(self, *columns, stages: bool = False):
        """Active children with their school and current placement (and plan stage)."""
        statement = (select(*columns).select_from(Student)
                     .join(School, School.id == Student.school_id)
                     .outerjoin(self.current, self.current.c.student_id == Student.id))
        if stages:
            statement = statement.outerjoin(self.stages,
                                            self.stages.c.student_id == Student.id)
        return statement.where(Student.status == "active", Student.archived.is_(False))

    def stage_is(self, stage: str):
        rank = self.stages.c.rank
        if stage == "none":  # no plan, or closed ones only
            return or_(rank.is_(None), rank == 0)
        return rank == STAGE_RANK[stage]

    def intake_is(self, key: str):
        """The children whose furthest step done is `key` ("": none of the district's)."""
        reached = select(self.intake.c.student_id).where(self.intake.c.rank > 0)
        if not key:
            return Student.id.not_in(reached)
        if key not in self.step_rank:  # a step removed since the figure was shown
            return false()
        return Student.id.in_(select(self.intake.c.student_id)
                              .where(self.intake.c.rank == self.step_rank[key]))

    # -- the attention lists --------------------------------------------------------------
    def overdue(self):
        """An approved plan whose review date or period has passed (as the home view's
        reminders count it)."""
        return (Plan.student_id == Student.id, Plan.status == "approved",
                or_(Plan.review_due < self.today, Plan.period_end < self.today))

    def visits_so_far(self):
        return (select(func.count(HomeVisit.id))
                .where(HomeVisit.student_id == Student.id,
                       HomeVisit.visited_on >= self.term_start,
                       HomeVisit.visited_on <= self.today).scalar_subquery())

    def needs_attention(self, key: str):
        if key == "no_approved_plan":
            return ~select(Plan.id).where(Plan.student_id == Student.id,
                                          Plan.status == "approved").exists()
        if key == "review_overdue":
            return select(Plan.id).where(*self.overdue()).exists()
        if key == "no_observations":
            return ~select(Observation.id).where(
                Observation.student_id == Student.id,
                Observation.observed_on > self.observed_after).exists()
        if key == "home_visits_short":
            if self.planned_visits <= 0:
                return false()
            return and_(self.placement == HOME_DELIVERED,
                        self.visits_so_far() < self.planned_visits)
        raise ValueError(f"no attention list {key!r}")

    def detail_columns(self, key: str) -> list:
        if key == "review_overdue":
            passed = case((Plan.review_due < self.today, Plan.review_due),
                          else_=Plan.period_end)
            return [select(func.min(passed)).where(*self.overdue()).scalar_subquery()
                    .label("when")]
        if key == "no_observations":
            return [select(func.max(Observation.observed_on))
                    .where(Observation.student_id == Student.id).scalar_subquery()
                    .label("when")]
        if key == "home_visits_short":
            return [self.visits_so_far().label("visits")]
        return []

    # -- the checks -----------------------------------------------------------------------
    def check(self, key: str):
        """(who the check counts, the columns it groups them by, the condition a group
        breaks the rule on)."""
        value = self.value
        count = func.count(Student.id)
        regular = self.placement.in_(IN_REGULAR_CLASSES)
        school = (Student.school_id, School.has_resource_room, School.resource_teachers)
        staff = func.coalesce(School.resource_teachers, 0)
        if key == "regular_class_size":
            # A child with no class written down is in no class the check can count.
            return (and_(regular, Student.class_name != ""),
                    (Student.school_id, Student.grade, Student.class_name),
                    count > value["regular_class_max"])
        if key == "resource_room":
            return (regular, school, and_(
                count >= value["resource_room_from"],
                or_(School.has_resource_room.is_(None), School.has_resource_room.is_(False))))
        if key == "special_class_size":
            # A special class often spans grades: the class is its name in the school.
            return (self.placement == SPECIAL_CLASS, (Student.school_id, Student.class_name),
                    or_(count < value["special_class_min"],
                        count > value["special_class_max"]))
        if key == "staffing_ratio":
            return regular, school, count > staff * value["students_per_teacher"]
        if key == "second_resource_teacher":
            return regular, school, and_(count > value["second_teacher_above"], staff < 2)
        raise ValueError(f"no check {key!r}")

    def breaches(self, key: str):
        who, groups, breaks = self.check(key)
        return (self.students(*groups, func.count(Student.id)).where(who)
                .group_by(*groups).having(breaks))

    def in_breach(self, key: str, place: list[str]):
        """The condition on a child to be behind the check's breaches (all of them, or
        the one at `place`)."""
        who, groups, _ = self.check(key)
        # The place is the school, or the school and class; the school's facts the check
        # groups by too are one per school.
        columns = [column for column in groups if column.class_ is Student]
        if place:
            if len(place) != len(columns):
                raise ValueError(f"not a place of check {key!r}: {place!r}")
            return and_(who, *(column == value for column, value in zip(columns, place)))
        found = self.breaches(key).subquery("breach")
        return and_(who, exists().where(*(found.c[column.key] == column
                                          for column in columns)))


class Overview:
    """The district view's figures, thresholds, and the children behind each figure."""

    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    # -- the district's thresholds --------------------------------------------------------
    def settings(self) -> tuple[RuleSetting, ...]:
        with self.store.reading() as s:
            return tuple(_settings(s).values())

    def set_rule(self, key: str, value, source: str | None = None) -> RuleSetting:
        """Change one threshold (and, given, the name of its source; "" puts the default
        back). Administrators only: the store refuses anyone else."""
        threshold = _threshold(key)
        check = Checker()
        number = check.count(key, value, threshold.highest, threshold.lowest)
        if value in (None, ""):
            check.add(key, QT_TRANSLATE_NOOP("Errors", "This field is required."))
        own = None if source is None else check.optional_text("source", source, 200)
        check.raise_if_any()
        with self.store.session() as s:
            figures = {k: v.value for k, v in _settings(s).items()}
            _check_special_class(key, {**figures, key: number})
            row = s.scalar(select(DistrictRule).where(DistrictRule.key == key))
            if row is None:
                row = DistrictRule(key=key, value=number, source=own or "")
                s.add(row)
            else:
                row.value = number
                if own is not None:
                    row.source = own
            s.flush()
            return RuleSetting(threshold, row.value, row.source)

    def reset_rule(self, key: str) -> RuleSetting:
        """Back to the default figure and source."""
        threshold = _threshold(key)
        with self.store.session() as s:
            figures = {k: v.value for k, v in _settings(s).items()}
            _check_special_class(key, {**figures, key: threshold.default})
            row = s.scalar(select(DistrictRule).where(DistrictRule.key == key))
            if row is not None:
                s.delete(row)
                s.flush()
            return RuleSetting(threshold, threshold.default)

    # -- the figures ----------------------------------------------------------------------
    def view(self) -> DistrictView:
        """Everything the view shows when it opens, in one transaction."""
        today = self.clock.today()
        with self.store.reading() as s:
            settings = _settings(s)
            statements = _Statements(today, settings, _steps(s))
            schools = _schools(s)
            counts = {by: _counts(s, statements, by, schools) for by in DIMENSIONS.codes()}
            attention = _attention(s, statements, settings)
            checks = tuple(_check(s, statements, rule.key, schools, settings)
                           for rule in CHECKS)
        total = Figure("all", ALL.zh, ALL.en, sum(f.count for f in counts["school"]))
        return DistrictView(today, total, counts, attention, checks, tuple(settings.values()))

    def counts(self, by: str) -> tuple[Figure, ...]:
        """The children by school, grade (across schools), class (in its school and
        grade), disability category, degree, placement, plan status or intake status
        (DIMENSIONS). A child with two categories counts under each."""
        if by not in DIMENSIONS:
            raise ValueError(f"no count by {by!r}")
        with self.store.reading() as s:
            statements = _Statements(self.clock.today(), _settings(s), _steps(s))
            return _counts(s, statements, by, _schools(s))

    def attention(self) -> tuple[Figure, ...]:
        """Children without an approved plan, with a review overdue, with no observation
        for the district's number of weeks, and taught at home with fewer visits this
        term than planned by now."""
        with self.store.reading() as s:
            settings = _settings(s)
            return _attention(s, _Statements(self.clock.today(), settings), settings)

    def checks(self) -> tuple[Check, ...]:
        """Each of the regulation's checks with the schools or classes that break it."""
        with self.store.reading() as s:
            settings = _settings(s)
            statements = _Statements(self.clock.today(), settings)
            schools = _schools(s)
            return tuple(_check(s, statements, rule.key, schools, settings)
                         for rule in CHECKS)

    def children(self, key: str) -> list[Child]:
        """The children behind the figure `key`, by school, grade, class and name. A key
        whose school or class is gone gives an empty list; a key no figure has raises
        ValueError."""
        with self.store.reading() as s:
            statements = _Statements(self.clock.today(), _settings(s), _steps(s))
            condition, extra, stages = _behind(statements, split_key(key))
            placement = statements.placement
            rows = s.execute(
                statements.students(Student.id, Student.full_name, Student.school_id,
                                    School.name, Student.grade, Student.class_name,
                                    placement, *extra, stages=stages)
                .where(condition)
                .order_by(School.name, Student.grade, Student.class_name, Student.name_latin,
                          Student.full_name, Student.id)).all()
        # Grades and classes as a school counts them (一年级 before 三年级 before 十年级),
        # which text order is not; within a class the database's order by name stays.
        rows.sort(key=lambda row: (row[3], _natural(row[4] or ""), _natural(row[5] or "")))
        planned = statements.planned_visits if key == "attention/home_visits_short" else None
        return [Child(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "",
                      when=row._mapping.get("when"), visits=row._mapping.get("visits"),
                      planned=planned) for row in rows]

    def export_workbook(self, path: Path | str, language: str,
                        progress: Callable[[int, int], None] | None = None) -> Path:
        """Every table of the view in one Excel workbook, with the children of each
        attention list, as this reader may see them (core/overview/workbook.py). The
        path written; IepStudioError, with a plain message, if it cannot be."""
        from ..access.visibility import restricted
        from ..overview.workbook import SchoolRecord, write_overview  # on use only

        view = self.view()
        lists = {figure.key: self.children(figure.key) for figure in view.attention}
        with self.store.reading() as s:
            schools = sorted(_schools(s).values(), key=lambda school: _natural(school.name))
        records = [SchoolRecord(school.name, school.has_resource_room,
                                school.resource_teachers) for school in schools]
        return write_overview(path, view, lists, records, language,
                              not restricted(self.store.actor), progress)


# -- reading --------------------------------------------------------------------------------
def _threshold(key: str):
    if key not in THRESHOLD:
        raise ValueError(f"no threshold {key!r}")
    return THRESHOLD[key]


def _settings(s) -> dict[str, RuleSetting]:
    """The district's figures: its own where it set one, the defaults elsewhere (a row a
    newer version wrote, with a key this one does not know, is left alone)."""
    settings = defaults()
    for key, value, source in s.execute(
            select(DistrictRule.key, DistrictRule.value, DistrictRule.source)):
        if key in settings:
            settings[key] = RuleSetting(THRESHOLD[key], value, source or "")
    return settings


def _check_special_class(key: str, figures: dict[str, int]) -> None:
    if key in ("special_class_min", "special_class_max") and (
            figures["special_class_min"] > figures["special_class_max"]):
        check = Checker()
        check.add(key, QT_TRANSLATE_NOOP(
            "Errors", "A special class's fewest students ({fewest}) cannot be more than its "
            "most ({most})."), fewest=figures["special_class_min"],
            most=figures["special_class_max"])
        check.raise_if_any()


def _steps(s) -> list[Step]:
    """The district's intake steps; none if the shipped defaults cannot be read (the
    child's file says why): every child then counts as having none recorded."""
    try:
        return district_steps(s)
    except StepsFileBroken:
        return []


def _schools(s) -> dict[str, _School]:
    return {row[0]: _School(row[1], row[2], row[3]) for row in s.execute(
        select(School.id, School.name, School.has_resource_room, School.resource_teachers))}


def _counts(s, statements: _Statements, by: str, schools: dict[str, _School]
            ) -> tuple[Figure, ...]:
    count = func.count(Student.id)
    if by in ("category", "degree"):
        column = getattr(StudentCategory, by)
        rows = s.execute(statements.students(column, func.count(func.distinct(Student.id)))
                         .join(StudentCategory, StudentCategory.student_id == Student.id)
                         .group_by(column)).all()
    elif by == "status":
        rank = statements.stages.c.rank
        rows = s.execute(statements.students(rank, count, stages=True).group_by(rank)).all()
    elif by == "process":
        return _intake_counts(s, statements, count)
    else:
        groups = {"school": (Student.school_id,), "grade": (Student.grade,),
                  "class": (Student.school_id, Student.grade, Student.class_name),
                  "placement": (statements.placement,)}[by]
        rows = s.execute(statements.students(*groups, count).group_by(*groups)).all()
    found: dict[tuple, int] = {}
    for *parts, n in rows:
        if by == "status":
            parts = [RANK_STAGE.get(parts[0] or 0, "none")]
        parts = tuple("" if part is None else part for part in parts)
        found[parts] = found.get(parts, 0) + n
    # Every school and every term of the vocabularies, with nought where none is counted:
    # a school with no child recorded is itself worth seeing.
    shown = {"school": [(i,) for i in schools], "category": [(c,) for c in CATEGORIES.codes()],
             "degree": [(d,) for d in DEGREES.codes()],
             "placement": [(p,) for p in PLACEMENTS.codes()],
             "status": [(p,) for p in PLAN_STAGES.codes()]}.get(by, [])
    for parts in shown:
        found.setdefault(parts, 0)
    figures = [_count_figure(by, parts, n, schools) for parts, n in found.items()]
    order = {"category": CATEGORIES, "degree": DEGREES, "placement": PLACEMENTS,
             "status": PLAN_STAGES}.get(by)
    if order is not None:
        rank = {code: i for i, code in enumerate(order.codes())}
        figures.sort(key=lambda f: (rank.get(split_key(f.key)[1], len(rank)), f.en))
    else:
        figures.sort(key=lambda f: _natural(f.zh))
    return tuple(figures)


def _intake_counts(s, statements: _Statements, count) -> tuple[Figure, ...]:
    """By the furthest intake step done, in the steps' order after "none recorded"; every
    step the district follows is shown."""
    intake = statements.intake
    rank = intake.c.rank
    found: dict[int, int] = {}
    for reached, n in s.execute(statements.students(rank, count)
                                .outerjoin(intake, intake.c.student_id == Student.id)
                                .group_by(rank)).all():
        found[reached or 0] = found.get(reached or 0, 0) + n
    figures = [Figure(make_key("process", ""), NOTHING_RECORDED.zh, NOTHING_RECORDED.en,
                      found.get(0, 0))]
    for number, step in enumerate(statements.steps, start=1):
        figures.append(Figure(make_key("process", step.key), step.status("zh"),
                              step.status("en"), found.get(number, 0)))
    return tuple(figures)


def _count_figure(by: str, parts: tuple, count: int, schools: dict[str, _School]) -> Figure:
    key = make_key(by, *parts)
    if by == "school":
        name = schools[parts[0]].name if parts[0] in schools else ""
        return Figure(key, name, name, count)
    if by == "grade":
        return Figure(key, parts[0] or NO_GRADE.zh, parts[0] or NO_GRADE.en, count)
    if by == "class":
        school = schools[parts[0]].name if parts[0] in schools else ""
        return Figure(key, place_label("zh", school, parts[1], parts[2]),
                      place_label("en", school, parts[1], parts[2]), count)
    vocabulary = {"category": CATEGORIES, "degree": DEGREES, "placement": PLACEMENTS,
                  "status": PLAN_STAGES}[by]
    code = parts[0]
    if not code:
        return Figure(key, NOT_RECORDED.zh, NOT_RECORDED.en, count)
    return Figure(key, vocabulary.label(code, "zh"), vocabulary.label(code, "en"), count)


def _attention(s, statements: _Statements, settings: dict[str, RuleSetting]
               ) -> tuple[Figure, ...]:
    weeks = settings["no_observation_weeks"].value
    figures = []
    for term in ATTENTION:
        count = s.scalar(statements.students(func.count(Student.id))
                         .where(statements.needs_attention(term.code)))
        figures.append(Figure(make_key("attention", term.code), term.zh.format(weeks=weeks),
                              term.en.format(weeks=weeks), count or 0))
    return tuple(figures)


def _check(s, statements: _Statements, key: str, schools: dict[str, _School],
           settings: dict[str, RuleSetting]) -> Check:
    rule = CHECK[key]
    used = tuple(settings[t] for t in rule.thresholds)
    values = {setting.key: setting.value for setting in used}
    breaches = []
    for *group, count in s.execute(statements.breaches(key)).all():
        school = schools.get(group[0]) or _School("", None, None)
        if key == "regular_class_size":
            _, grade, class_name = group
            place = dict(grade=grade, class_name=class_name)
        elif key == "special_class_size":
            place = dict(grade=None, class_name=group[1])
        else:
            place = dict(grade=None, class_name=None)
        parts = [p for p in (place["grade"], place["class_name"]) if p is not None]
        if key in ("staffing_ratio", "second_resource_teacher"):
            found = {lang: f"{students(count, lang)}{_comma(lang)}"
                           f"{teachers(school.resource_teachers, lang)}" for lang in ("zh", "en")}
        elif key == "resource_room":
            found = {lang: f"{students(count, lang)}{_comma(lang)}"
                           f"{resource_room(school.has_resource_room, lang)}"
                     for lang in ("zh", "en")}
        else:
            found = {lang: students(count, lang) for lang in ("zh", "en")}
        breaches.append(Breach(
            make_key("check", key, group[0], *parts),
            place_label("zh", school.name, **place), place_label("en", school.name, **place),
            count, found["zh"], found["en"], group[0], school.name, place["grade"],
            place["class_name"], school.resource_teachers, school.has_resource_room))
    breaches.sort(key=lambda b: _natural(b.zh))
    sources = {lang: _comma(lang, strong=True).join(dict.fromkeys(
        setting.source(lang) for setting in used)) for lang in ("zh", "en")}
    return Check(make_key("check", key), rule.zh.format(**values), rule.en.format(**values),
                 sources["zh"], sources["en"], used, tuple(breaches))


def _behind(statements: _Statements, parts: list[str]):
    """(the condition on a child to be behind the figure, extra columns for the list,
    whether the plan stages are needed)."""
    kind, rest = parts[0], parts[1:]
    shapes = {"all": 0, "school": 1, "grade": 1, "class": 3, "category": 1, "degree": 1,
              "placement": 1, "status": 1, "process": 1, "attention": 1}
    if kind in shapes and len(rest) != shapes[kind]:
        raise ValueError(f"not a figure's key: {'/'.join(parts)!r}")
    if kind == "all":
        return Student.id.is_not(None), [], False
    if kind == "school":
        return Student.school_id == rest[0], [], False
    if kind == "grade":
        return Student.grade == rest[0], [], False
    if kind == "class":
        return and_(Student.school_id == rest[0], Student.grade == rest[1],
                    Student.class_name == rest[2]), [], False
    if kind in ("category", "degree"):
        column = getattr(StudentCategory, kind)
        return Student.id.in_(select(StudentCategory.student_id).where(column == rest[0])), \
            [], False
    if kind == "placement":
        placement = statements.placement
        return (placement.is_(None) if not rest[0] else placement == rest[0]), [], False
    if kind == "status":
        if rest[0] not in PLAN_STAGES:
            raise ValueError(f"no plan status {rest[0]!r}")
        return statements.stage_is(rest[0]), [], True
    if kind == "process":
        return statements.intake_is(rest[0]), [], False
    if kind == "attention":
        return (statements.needs_attention(rest[0]), statements.detail_columns(rest[0]),
                False)
    if kind == "check" and rest and rest[0] in CHECK:
        return statements.in_breach(rest[0], rest[1:]), [], False
    raise ValueError(f"not a figure's key: {'/'.join(parts)!r}")


def _comma(language: str, strong: bool = False) -> str:
    if language.startswith("zh"):
        return "；" if strong else "，"
    return "; " if strong else ", "


_CHINESE_DIGITS = str.maketrans("一二三四五六七八九", "123456789")


def _natural(text: str) -> list:
    """Sort 二年级 before 十年级 and 2班 before 10班 (the names are as schools write them)."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", text.translate(_CHINESE_DIGITS)) if part]
