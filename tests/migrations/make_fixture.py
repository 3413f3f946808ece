"""Write a fixture database for the current schema: run once per released schema, commit
the file, never regenerate an old one (it stands for databases teachers already have).

    python tests/migrations/make_fixture.py
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from iep_studio.core.services import Services
from iep_studio.core.store import open_store
from iep_studio.core.store.migrations import HEAD_REVISION

FIXTURES = Path(__file__).parent / "fixtures"


def main() -> None:
    target = FIXTURES / f"schema_{HEAD_REVISION}.sqlite"
    if target.exists():
        sys.exit(f"{target.name} exists; old fixtures are never rewritten")
    store = open_store(f"sqlite:///{target.as_posix()}")
    services = Services(store, today=lambda: date(2026, 11, 22))
    school = services.schools.create_school("旧库小学", code="OLD")
    teacher = services.schools.create_person("王丽", title="资源教师")
    student = services.students.create(
        school.id, "张小明", student_number="0001", sex="male", birth_date="2016-05-12",
        categories=[("autism", "moderate")], placement="regular_class",
        placement_start="2022-09-01", strengths="喜欢拼图")
    services.students.change_placement(student.id, "regular_class_resource_room", "2023-09-01")
    services.students.add_guardian(student.id, name="李梅", relationship_="mother",
                                   phone="13800000001", primary_contact=True)
    services.students.add_team_member(student.id, teacher.id, "resource_teacher", "2023-09-01")
    services.assessments.add(student.id, "C-PEP-3", "2023-09-15", assessor="王丽",
                             results=[{"domain": "fine_motor", "score": "3岁",
                                       "present_level": "能用三指握笔"}])
    if HEAD_REVISION >= "0002":  # course units written in the app, and a lesson
        from iep_studio.core.services.lessons import LessonPlace

        copy = services.library.duplicate("sustained-attention-listening")
        services.lessons.make_lesson(copy.unit.id, "2026-11-20",
                                     [LessonPlace(student.id, tier=1, adjustments="放大字卡")])
    if HEAD_REVISION >= "0003":  # an IEP in review, with a goal from the goal bank
        plan = services.plans.create(student.id, "2026-09-01", "2027-01-31", title="第一学期",
                                     review_due="2026-12-20", author_id=teacher.id)
        goal = services.plans.add_goal(plan.id, "fine_motor", "提高握笔能力")
        services.plans.add_from_bank(plan.id, "fm-pencil-grip-01", "zh_CN", goal_id=goal.id,
                                     responsible="王丽")
        services.plans.update(plan.id, {"guardian_participation": "母亲参加了会议"})
        services.review.submit(plan.id, teacher.id)
    if HEAD_REVISION >= "0004":  # a month, a week, a session, and what the child did
        theme = services.planner.add_theme("2026-11-01", "认识秋天")
        activity = services.planner.add_activity("2026-11-16", "树叶拼贴", theme_id=theme.id,
                                                 student_ids=[student.id])
        session = services.planner.add_session("2026-11-18", starts="09:00", ends="09:40",
                                               room="资源教室", activity_id=activity.id)
        objective = services.plans.get(plan.id).goals[0].objectives[0]
        services.observations.log(student.id, objective.id, "IIVGIIIINI",
                                  observed_on="2026-11-18", session_id=session.id)
        services.behaviour.add(student.id, {"occurred_on": "2026-11-18", "behaviour": "尖叫",
                                            "antecedent": "要求写字", "function": "escape"})
        services.home_visits.add(student.id, {"visited_on": "2026-11-19", "minutes": 60,
                                              "visitors": "王丽", "activities": "握笔练习"})
    if HEAD_REVISION >= "0005":  # accounts, and a change made by one of them
        from iep_studio.core.access import Actor

        account = services.accounts.create_first("wangli", "王丽", password="secret-1",
                                                 person_id=teacher.id)
        store.actor = Actor(account.id, "王丽", "administrator", teacher.id)
        services.students.update(student.id, {"interests": "恐龙"})
    if HEAD_REVISION >= "0008":  # an assessment scored item by item
        assessment = services.item_scoring.start(student.id, "iep-studio-cba", "2023-09-10",
                                                 assessor="王丽")
        services.item_scoring.score(assessment.id, "cba-fm-write-06", 2)
        services.item_scoring.score(assessment.id, "cba-fm-write-07", 1, note="需提醒握笔")
        services.item_scoring.score(assessment.id, "cba-fm-write-08", None)
    if HEAD_REVISION >= "0009":  # an apparatus the school added
        services.unit_centres.add("apparatus", {"name_zh": "攀岩墙", "name_en": "Climbing wall",
                                                "domains": ["gross_motor"]})
    if HEAD_REVISION >= "0010":  # the IEP meeting and an objective's home tip
        services.review.record_meeting(plan.id, "2026-11-20", "周老师", "同意")
        services.plans.set_parent_words(objective.id, {"home_tip": "在家用蜡笔涂色"})
    if HEAD_REVISION >= "0011":  # what the district records of the school, and a threshold
        services.schools.update_school(school.id, {"has_resource_room": True,
                                                   "resource_teachers": 1})
        services.overview.set_rule("regular_class_max", 3, "浙江省规定")
    store.engine.dispose()
    # One self-contained file: fold the WAL back in.
    import sqlite3

    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
