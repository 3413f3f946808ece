"""Search as you type: Chinese, pinyin, numbers, classes, categories, and filters."""
from __future__ import annotations

import pytest

from iep_studio.core.services.search import StudentFilter, load_summaries, search


@pytest.fixture
def summaries(services, school):
    other = services.schools.create_school("城北小学")
    make = services.students.create
    make(school.id, "张小明", student_number="0301", grade="三年级", class_name="2班",
         categories=[("autism", "moderate")], placement="regular_class_resource_room")
    make(school.id, "王小红", student_number="0302", grade="四年级", class_name="1班",
         categories=[("adhd", "mild")], placement="regular_class")
    make(other.id, "Anna Li", student_number="0303", categories=[("hearing", "severe")],
         placement="home_delivered")
    archived = make(school.id, "赵明", categories=[("autism", "")])
    services.students.archive(archived.id)
    return load_summaries(services.store)


def names(rows):
    return sorted(r.full_name for r in rows)


@pytest.mark.parametrize("query, expected", [
    ("小明", ["张小明"]),                 # part of a Chinese name
    ("小红", ["王小红"]),
    ("zhang", ["张小明"]),                # pinyin
    ("zxm", ["张小明"]),                  # pinyin initials
    ("0302", ["王小红"]),                 # student number
    ("城北", ["Anna Li"]),                # school
    ("anna", ["Anna Li"]),                # Latin name, any case
    ("孤独症", ["张小明"]),               # category in Chinese
    ("ADHD", ["王小红"]),                 # category in English
    ("送教", ["Anna Li"]),                # placement
    ("三年级 2班", ["张小明"]),           # every word must match
    ("不存在", []),
])
def test_search_finds(summaries, query, expected):
    assert names(search(summaries, StudentFilter(query=query))) == expected


def test_filters_and_archived(summaries, school):
    assert names(search(summaries, StudentFilter(category="autism"))) == ["张小明"]
    assert names(search(summaries, StudentFilter(category="autism", show_archived=True))) == [
        "张小明", "赵明"]
    assert names(search(summaries, StudentFilter(placement="regular_class"))) == ["王小红"]
    assert names(search(summaries, StudentFilter(school_id=school.id))) == ["张小明", "王小红"]


def test_list_is_in_pinyin_order_within_a_school(summaries):
    in_school = [r.full_name for r in summaries if r.school_name == "城南小学"]
    assert in_school == ["王小红", "张小明", "赵明"]


def test_a_student_named_on_the_command_line_is_found_as_in_the_whole_list(services):
    from iep_studio.core.demo import create_demo_school
    from iep_studio.core.services.search import load_named

    create_demo_school(services)
    school = services.schools.create_school("城北小学")
    twin = services.students.create(school.id, "陈宇轩", student_number="")
    everyone = load_summaries(services.store)
    for wanted in (twin.id, everyone[3].student_number, everyone[5].full_name, "陈宇轩", "",
                   "nobody"):
        assert load_named(services.store, wanted) == [
            s for s in everyone if wanted in (s.id, s.student_number, s.full_name)]
