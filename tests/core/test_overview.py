"""The school and the district at a glance: the regulation's checks on schools built at
their thresholds, the counts, the children needing attention, the district's own figures,
and whose children a reader counts. tests/shared_mode/test_overview_on_postgres.py runs
these same tests on a PostgreSQL server."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.errors import InvalidInput, NotFound
from iep_studio.core.model import Plan
from iep_studio.core.overview import make_key, split_key
from iep_studio.core.services import Services
from tests.conftest import TODAY


def enrol(services, school, count, placement, grade="三年级", class_name="2班", name="学生",
          **fields):
    return [services.students.create(school.id, f"{name}{i + 1}", grade=grade,
                                     class_name=class_name, placement=placement,
                                     placement_start="2026-09-01", **fields)
            for i in range(count)]


def school_with(services, name, *, room=None, teachers=None):
    school = services.schools.create_school(name)
    return services.schools.update_school(school.id, {"has_resource_room": room,
                                                      "resource_teachers": teachers})


def check(services, key):
    return next(c for c in services.overview.checks() if c.key == f"check/{key}")


def names(children) -> list[str]:
    return sorted(child.full_name for child in children)


def test_at_most_two_children_in_a_regular_class(services, school):
    enrol(services, school, 2, "regular_class", class_name="1班", name="一班")
    three = (enrol(services, school, 2, "regular_class", class_name="2班", name="二班")
             + enrol(services, school, 1, "regular_class_resource_room", class_name="2班",
                     name="二班资源"))
    # Not counted in 三年级 2班: the same class name in another grade, a special class of
    # the same name, children with no class written down, a child who has left, an
    # archived file.
    enrol(services, school, 2, "regular_class", grade="四年级", name="四年级")
    enrol(services, school, 3, "special_class", name="特教")
    enrol(services, school, 3, "regular_class", class_name="", name="未填")
    left, archived = enrol(services, school, 2, "regular_class", name="离开")
    services.students.update(left.id, {"status": "transferred"})
    services.students.archive(archived.id)

    rule = check(services, "regular_class_size")
    assert rule.label("zh") == "普通班每班随班就读学生不超过2人"
    assert rule.label("en") == "At most 2 students with special needs in one regular class"
    assert rule.source("zh") == "《山东省特殊教育条例（草案征求意见稿）》第二十一条"
    assert rule.source("en") == "Shandong Special Education Regulation (draft for comment), art. 21"
    [breach] = rule.breaches
    assert (breach.label("zh"), breach.label("en"), breach.count) == (
        "城南小学 三年级 2班", "城南小学 三年级 2班", 3)
    assert (breach.school_id, breach.grade, breach.class_name) == (school.id, "三年级", "2班")
    assert (breach.finding("zh"), breach.finding("en")) == ("3名学生", "3 students")
    assert breach.key == make_key("check", "regular_class_size", school.id, "三年级", "2班")
    assert names(services.overview.children(breach.key)) == names(three)
    assert names(services.overview.children(rule.key)) == names(three)
    assert (rule.count, rule.students) == (1, 3)


def test_a_school_with_five_children_in_regular_classes_has_a_resource_room(services):
    four = school_with(services, "四人小学", room=False)
    five = school_with(services, "五人小学", room=False)
    with_room = school_with(services, "有资源教室小学", room=True)
    unrecorded = school_with(services, "未填小学")
    enrol(services, four, 4, "regular_class", class_name="")
    enrol(services, four, 3, "home_delivered", class_name="")  # not in regular classes
    for school in (five, with_room, unrecorded):
        enrol(services, school, 3, "regular_class", class_name="")
        enrol(services, school, 2, "regular_class_resource_room", class_name="")

    rule = check(services, "resource_room")
    assert rule.label("zh") == "随班就读学生5人及以上的学校应设立资源教室"
    assert rule.label("en") == ("A school with 5 or more students in regular classes has a "
                                "resource room")
    assert rule.source("en") == "Shandong Special Education Regulation (draft for comment), art. 44"
    assert [(b.label("zh"), b.count, b.has_resource_room) for b in rule.breaches] == [
        ("五人小学", 5, False), ("未填小学", 5, None)]
    assert [b.finding("zh") for b in rule.breaches] == [
        "5名学生，没有资源教室", "5名学生，是否有资源教室未填写"]
    assert [b.finding("en") for b in rule.breaches] == [
        "5 students, no resource room", "5 students, resource room not recorded"]
    assert len(services.overview.children(rule.breaches[0].key)) == 5
    assert len(services.overview.children(rule.key)) == 10


def test_a_special_class_has_six_to_eight_children(services, school):
    other = services.schools.create_school("城北小学")
    for size, where, name in ((5, school, "启智班"), (6, school, "阳光班"), (8, other, "启智班"),
                              (9, other, "彩虹班")):
        # A special class spans grades: its children are counted together by its name.
        for i in range(size):
            enrol(services, where, 1, "special_class", grade=f"{i % 3 + 1}年级",
                  class_name=name, name=f"{name}{size}-")
    enrol(services, school, 2, "regular_class", class_name="启智班")  # not the special class

    rule = check(services, "special_class_size")
    assert rule.label("zh") == "特教班班额为6至8人"
    assert rule.label("en") == "A special class has 6 to 8 students"
    assert [(b.label("zh"), b.count, b.grade) for b in rule.breaches] == [
        ("城北小学 彩虹班", 9, None), ("城南小学 启智班", 5, None)]
    assert [len(services.overview.children(b.key)) for b in rule.breaches] == [9, 5]
    assert len(services.overview.children(rule.key)) == 14


def test_staffing_at_and_below_one_resource_teacher_for_five_children(services):
    at_ratio = school_with(services, "甲小学", room=True, teachers=1)
    below = school_with(services, "乙小学", room=True, teachers=1)
    two_at = school_with(services, "丙小学", room=True, teachers=2)
    two_below = school_with(services, "丁小学", room=True, teachers=2)
    unrecorded = school_with(services, "戊小学", room=True)
    for school, count in ((at_ratio, 5), (below, 6), (two_at, 10), (two_below, 11),
                          (unrecorded, 1)):
        enrol(services, school, count, "regular_class_resource_room", class_name="")
    enrol(services, at_ratio, 2, "special_class", class_name="启智班")  # its own staffing

    rule = check(services, "staffing_ratio")
    assert rule.label("zh") == "随班就读学生与资源教师的师生比不低于1:5"
    assert rule.label("en") == ("At least one resource teacher for every 5 students in "
                                "regular classes (1:5)")
    assert rule.source("zh") == "《山东省特殊教育条例（草案征求意见稿）》第三十三条第（八）项"
    assert [(b.label("en"), b.count, b.teachers) for b in rule.breaches] == [
        ("丁小学", 11, 2), ("乙小学", 6, 1), ("戊小学", 1, None)]
    assert [b.finding("zh") for b in rule.breaches] == [
        "11名学生，2名资源教师", "6名学生，1名资源教师", "1名学生，资源教师人数未填写"]
    assert rule.breaches[2].finding("en") == "1 student, resource teachers not recorded"
    assert rule.breaches[1].finding("en") == "6 students, 1 resource teacher"


def test_more_than_eight_children_need_a_second_resource_teacher(services):
    eight = school_with(services, "八人小学", room=True, teachers=1)
    nine = school_with(services, "九人小学", room=True, teachers=1)
    nine_two = school_with(services, "九人两师小学", room=True, teachers=2)
    for school, count in ((eight, 8), (nine, 9), (nine_two, 9)):
        enrol(services, school, count, "regular_class", class_name="")

    rule = check(services, "second_resource_teacher")
    assert rule.label("zh") == "随班就读学生超过8人的学校至少有2名资源教师"
    assert rule.label("en") == ("A school with more than 8 students in regular classes has "
                                "at least 2 resource teachers")
    assert rule.source("zh") == "区（县）规定（参照萧山区做法）"
    assert rule.source("en") == "District rule (after Xiaoshan district)"
    assert [(b.label("zh"), b.count, b.teachers) for b in rule.breaches] == [
        ("九人小学", 9, 1)]
    assert len(services.overview.children(rule.key)) == 9


def test_a_district_changes_a_threshold_and_its_source(services, school):
    enrol(services, school, 3, "regular_class")
    assert check(services, "regular_class_size").count == 1

    setting = services.overview.set_rule("regular_class_max", 3, "浙江省规定")
    assert (setting.value, setting.source("zh"), setting.source("en"), setting.changed) == (
        3, "浙江省规定", "浙江省规定", True)
    rule = check(services, "regular_class_size")
    assert rule.breaches == () and rule.label("zh") == "普通班每班随班就读学生不超过3人"
    assert rule.source("en") == "浙江省规定"
    assert services.overview.children(rule.key) == []
    # Another computer reads the same figure: it is the district's, in the database.
    assert Services(services.store, today=lambda: TODAY).overview.checks()[0].label("en") == (
        "At most 3 students with special needs in one regular class")

    services.overview.set_rule("regular_class_max", 2)  # the source stays the district's
    assert check(services, "regular_class_size").source("zh") == "浙江省规定"
    services.overview.set_rule("regular_class_max", 2, "")
    assert check(services, "regular_class_size").source("en").endswith("art. 21")
    services.overview.set_rule("special_class_max", 10)
    assert check(services, "special_class_size").label("en") == (
        "A special class has 6 to 10 students")
    reset = services.overview.reset_rule("special_class_max")
    assert (reset.value, reset.changed) == (8, False)
    assert [s.value for s in services.overview.settings()] == [2, 5, 6, 8, 5, 8, 2, 8]


def test_a_threshold_is_checked_and_set_by_administrators_only(services, team):
    with pytest.raises(InvalidInput) as excinfo:
        services.overview.set_rule("regular_class_max", 0)
    assert str(excinfo.value) == "Write a whole number from 1 to 50."
    with pytest.raises(InvalidInput) as excinfo:
        services.overview.set_rule("special_class_min", 9)
    assert str(excinfo.value) == (
        "A special class's fewest students (9) cannot be more than its most (8).")
    assert excinfo.value.problems[0].field == "special_class_min"
    services.overview.set_rule("special_class_min", 3)
    services.overview.set_rule("special_class_max", 4)
    with pytest.raises(InvalidInput):
        services.overview.reset_rule("special_class_min")  # 6 would pass the largest, 4
    with pytest.raises(InvalidInput) as excinfo:
        services.overview.set_rule("home_visits_per_term", "")
    assert str(excinfo.value) == "This field is required."
    with pytest.raises(ValueError):
        services.overview.set_rule("no_such_rule", 1)

    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    with pytest.raises(PermissionDenied):
        services.overview.set_rule("special_class_max", 12)
    services.store.actor = Actor("acc-chen", "陈校长", "administrator", team.principal)
    services.overview.set_rule("special_class_max", 12)
    assert [s.value for s in services.overview.settings()][2:4] == [3, 12]


def test_the_counts_by_school_grade_class_category_degree_placement_and_status(
        services, school):
    empty = services.schools.create_school("新建小学")
    a, b = enrol(services, school, 2, "regular_class", categories=[("autism", "moderate")])
    c = services.students.create(school.id, "丙", grade="四年级", class_name="1班",
                                 categories=[("intellectual", "mild"), ("speech", "moderate")],
                                 placement="home_delivered", placement_start="2026-09-01")
    d = services.students.create(school.id, "丁")  # nothing recorded but the name
    services.students.change_placement(b.id, "special_class", "2026-10-08")
    with services.store.session() as s:
        s.add_all([Plan(student_id=a.id, status="approved"), Plan(student_id=a.id),
                   Plan(student_id=b.id, status="in_review"), Plan(student_id=c.id),
                   Plan(student_id=d.id, status="closed")])
    view = services.overview.view()
    assert (view.total.count, view.total.label("zh"), view.total.label("en")) == (
        4, "全部学生", "All students")

    def shown(by, language="zh"):
        return [(f.label(language), f.count) for f in view.counts[by] if f.count]

    assert [(f.label("zh"), f.count) for f in view.counts["school"]] == [
        ("城南小学", 4), ("新建小学", 0)]
    assert view.counts["school"][1].key == make_key("school", empty.id)
    assert shown("grade") == [("三年级", 2), ("四年级", 1), ("（未填年级）", 1)]
    assert shown("grade", "en") == [("三年级", 2), ("四年级", 1), ("(no grade)", 1)]
    assert shown("class") == [("城南小学 三年级 2班", 2), ("城南小学 四年级 1班", 1),
                              ("城南小学 （未填年级） （未填班级）", 1)]
    assert shown("category") == [("孤独症", 2), ("智力障碍", 1), ("言语障碍", 1)]
    assert shown("category", "en") == [("Autism", 2), ("Intellectual disability", 1),
                                       ("Speech impairment", 1)]
    assert len(view.counts["category"]) == 12  # each category, with nought where none
    assert shown("degree") == [("轻度", 1), ("中度", 3)]  # 丙 counts under both
    assert shown("placement") == [("随班就读", 1), ("普通学校特教班", 1), ("送教上门", 1),
                                  ("未填写", 1)]
    assert shown("placement", "en")[-1] == ("Not recorded", 1)
    assert shown("status") == [("尚无计划", 1), ("计划草稿中", 1), ("计划审阅中", 1),
                               ("计划已批准", 1)]
    assert shown("status", "en") == [("No plan", 1), ("Plan in draft", 1),
                                     ("Plan in review", 1), ("Plan approved", 1)]
    assert services.overview.counts("status") == view.counts["status"]

    def behind(key):
        return names(services.overview.children(key))

    assert behind("placement/") == ["丁"]
    assert behind("placement/special_class") == [b.full_name]  # the current placement
    assert behind("status/none") == ["丁"]  # a closed plan is no plan in effect
    assert behind("status/approved") == [a.full_name]
    assert behind("degree/moderate") == sorted([a.full_name, b.full_name, "丙"])
    assert behind(make_key("grade", "")) == ["丁"]
    assert behind(make_key("class", school.id, "四年级", "1班")) == ["丙"]
    assert behind(make_key("school", empty.id)) == []
    [child] = services.overview.children("status/in_review")
    assert (child.school_name, child.grade, child.class_name, child.placement) == (
        "城南小学", "三年级", "2班", "special_class")


def test_every_figure_opens_the_children_it_counts(services, school, team, another_child):
    """Across the whole view, on a small district with a bit of everything."""
    other = school_with(services, "城北小学", room=False, teachers=1)
    enrol(services, other, 6, "regular_class", name="北")
    enrol(services, other, 5, "special_class", class_name="启智班", name="北特")
    enrol(services, school, 3, "home_delivered", class_name="", name="家")
    view = services.overview.view()
    assert view.today == TODAY
    figures = list(view.figures())
    assert len({f.key for f in figures}) == len(figures)  # each key names one figure
    for figure in figures:
        assert len(services.overview.children(figure.key)) == figure.count, figure.key
        assert split_key(figure.key)[0] in ("all", "school", "grade", "class", "category",
                                            "degree", "placement", "status", "process",
                                            "attention", "check")
    for key in ("nothing", "school", "check/no_such_check", "status/finished",
                "attention/no_such_list", "class/x/y"):
        with pytest.raises(ValueError):
            services.overview.children(key)


def test_the_view_is_counted_by_the_database(services, school):
    """As many statements for a larger district: no figure reads child by child."""
    from sqlalchemy import event

    statements = []
    event.listen(services.store.engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    enrol(services, school, 3, "regular_class")
    statements.clear()
    services.overview.view()
    few = len(statements)
    for name in ("城北小学", "城西小学"):
        other = school_with(services, name, room=True, teachers=1)
        enrol(services, other, 6, "regular_class", class_name="")
        enrol(services, other, 5, "special_class", class_name="启智班")
        enrol(services, other, 2, "home_delivered", class_name="")
    statements.clear()
    view = services.overview.view()
    assert (view.total.count, len(statements)) == (29, few)
    assert few < 25


def test_children_without_an_approved_plan_or_with_a_review_overdue(services, school):
    none, draft, current, overdue, ended = enrol(services, school, 5, "regular_class")
    with services.store.session() as s:
        s.add_all([
            Plan(student_id=draft.id),
            Plan(student_id=current.id, status="approved", period_start=date(2026, 9, 1),
                 period_end=date(2027, 1, 31), review_due=date(2026, 12, 20)),
            Plan(student_id=overdue.id, status="approved", period_start=date(2026, 9, 1),
                 period_end=date(2027, 1, 31), review_due=date(2026, 11, 1)),
            Plan(student_id=ended.id, status="approved", period_start=date(2026, 2, 1),
                 period_end=date(2026, 7, 31))])
    attention = {split_key(f.key)[1]: f for f in services.overview.attention()}
    assert attention["no_approved_plan"].count == 2
    assert attention["no_approved_plan"].label("zh") == "没有已批准的计划"
    assert attention["review_overdue"].label("en") == "Plan review overdue"
    assert names(services.overview.children("attention/no_approved_plan")) == names(
        [none, draft])
    behind = services.overview.children("attention/review_overdue")
    assert [(c.full_name, c.when) for c in behind] == [
        (overdue.full_name, date(2026, 11, 1)), (ended.full_name, date(2026, 7, 31))]


def test_an_approved_plan_through_the_team_counts(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    assert [f.count for f in services.overview.counts("status")] == [0, 0, 1, 0]
    services.review.approve(complete_plan.id, team.principal, "同意")
    assert [f.count for f in services.overview.counts("status")] == [0, 0, 0, 1]
    assert services.overview.attention()[0].count == 0
    # The review date passes: the plan is overdue.
    later = Services(services.store, today=lambda: date(2026, 12, 21))
    [child] = later.overview.children("attention/review_overdue")
    assert (child.full_name, child.when) == ("张小明", date(2026, 12, 20))


def test_children_with_no_observation_for_weeks(services, school):
    recent, old, never = enrol(services, school, 3, "regular_class")
    services.observations.log(recent.id, None, "II", observed_on="2026-11-09")  # 13 days
    services.observations.log(old.id, None, "II", observed_on="2026-10-20")
    services.observations.log(old.id, None, "IV", observed_on="2026-11-08")  # 14 days
    [figure] = [f for f in services.overview.attention() if f.key.endswith("observations")]
    assert (figure.label("zh"), figure.label("en"), figure.count) == (
        "2周以上没有观察记录", "No observation for 2 weeks or more", 2)
    assert [(c.full_name, c.when) for c in services.overview.children(figure.key)] == [
        (old.full_name, date(2026, 11, 8)), (never.full_name, None)]
    services.overview.set_rule("no_observation_weeks", 3)
    assert [c.full_name for c in services.overview.children(figure.key)] == [
        never.full_name]
    assert services.overview.attention()[2].label("zh") == "3周以上没有观察记录"


def test_children_taught_at_home_with_fewer_visits_than_planned(services, school):
    """On 22 November 114 of the autumn term's 184 days are gone: 8 visits a term make 4
    planned by now."""
    enough, short, none = enrol(services, school, 3, "home_delivered", class_name="")
    enrol(services, school, 1, "regular_class")  # no visits planned for a child at school

    def visit(child, day):
        services.home_visits.add(child.id, {"visited_on": day, "minutes": 60,
                                            "visitors": "王丽", "activities": "认知训练"})

    for day in ("2026-09-10", "2026-10-10", "2026-11-01", "2026-11-20"):
        visit(enough, day)
    for day in ("2026-07-01", "2026-09-10", "2026-10-10", "2026-11-20"):  # one last term
        visit(short, day)
    behind = services.overview.children("attention/home_visits_short")
    assert [(c.full_name, c.visits, c.planned) for c in behind] == [
        (short.full_name, 3, 4), (none.full_name, 0, 4)]
    [figure] = [f for f in services.overview.attention() if f.key.endswith("short")]
    assert (figure.count, figure.label("zh"), figure.label("en")) == (
        2, "本学期送教上门次数少于计划", "Fewer home visits this term than planned")
    services.overview.set_rule("home_visits_per_term", 6)  # 3 by now
    assert names(services.overview.children(figure.key)) == [none.full_name]
    # On the first day of a term nothing is planned yet.
    first_day = Services(services.store, today=lambda: date(2027, 2, 1))
    assert first_day.overview.children(figure.key) == []


def test_a_teacher_neither_counts_nor_lists_a_child_they_may_not_see(services, team,
                                                                       another_child):
    """张小明 is on 王丽's team; 李四 is not. Both are in 城南小学, one of them in a class
    with three others no one on the team may see."""
    school_id = team.student.school_id
    services.students.update(team.student.id, {"grade": "三年级", "class_name": "2班"})
    services.students.update(another_child["student"].id, {"grade": "三年级",
                                                           "class_name": "2班"})
    school = services.schools.update_school(school_id, {"has_resource_room": False,
                                                        "resource_teachers": 0})
    enrol(services, school, 3, "regular_class")
    admin_view = services.overview.view()
    assert admin_view.total.count == 5
    assert [b.count for b in admin_view.checks[0].breaches] == [4]  # 3 + 张小明; 李四 has no placement

    services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    view = services.overview.view()
    assert view.total.count == 1
    assert [(f.label("zh"), f.count) for f in view.counts["school"]] == [("城南小学", 1)]
    assert sum(f.count for f in view.counts["category"]) == 1
    assert [f.count for f in view.attention] == [1, 0, 1, 0]
    assert [c.count for c in view.checks] == [0, 0, 0, 1, 0]  # 1 child, no teacher
    for figure in view.figures():
        assert [c.full_name for c in services.overview.children(figure.key)] == (
            ["张小明"] if figure.count else []), figure.key
    crowded = make_key("class", school_id, "三年级", "2班")
    assert names(services.overview.children(crowded)) == ["张小明"]
    assert services.overview.children("attention/no_approved_plan")[0].full_name == "张小明"


def test_a_schools_facts_are_recorded_and_checked(services, school):
    assert (school.has_resource_room, school.resource_teachers) == (None, None)
    changed = services.schools.update_school(school.id, {"has_resource_room": True,
                                                         "resource_teachers": 2})
    assert (changed.has_resource_room, changed.resource_teachers) == (True, 2)
    assert services.schools.list_schools()[0].resource_teachers == 2
    with pytest.raises(InvalidInput) as excinfo:
        services.schools.update_school(school.id, {"resource_teachers": -1, "name": ""})
    assert [p.field for p in excinfo.value.problems] == ["name", "resource_teachers"]
    assert str(excinfo.value.for_field("resource_teachers").text()) == (
        "Write a whole number from 0 to 200.")
    with pytest.raises(NotFound) as excinfo:
        services.schools.update_school("gone", {"resource_teachers": 1})
    assert str(excinfo.value) == "This school no longer exists."
    with pytest.raises(ValueError):
        services.schools.update_school(school.id, {"is_demo": True})


def test_a_figures_children_are_listed_by_grade_and_class_as_a_school_counts_them(
        services, school):
    for grade, class_name in (("十年级", "1班"), ("三年级", "10班"), ("一年级", "1班"),
                              ("三年级", "2班")):
        enrol(services, school, 1, "regular_class", grade=grade, class_name=class_name,
              name=f"{grade}{class_name}")
    listed = services.overview.children(f"school/{school.id}")
    assert [(c.grade, c.class_name) for c in listed] == [
        ("一年级", "1班"), ("三年级", "2班"), ("三年级", "10班"), ("十年级", "1班")]
