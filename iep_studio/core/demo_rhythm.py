"""The demo's resource-room rhythm, around whatever day the demo is made: this month's
and last month's themes, this week's activities and sessions, six weeks of observations
for 陈宇轩 (one objective mastered, one stalled), ABC records, and home visits for the
student taught at home. Made once: a demo that already has themes is left alone."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from .model import MonthlyTheme, Student
from .school_year import first_of_month, monday_of
from .services import Services

# Per week, oldest first: the trials of the first three objectives of the working plan.
# The first climbs to the criterion, the second stays flat, the third starts late.
SERIES = (
    ("NVGVIVNVGI", "VGVNIVGNVI", ""),
    ("VIVIGIVNII", "GVINVGIVNV", ""),
    ("IIVIIGIVII", "VIGNVVIGVN", ""),
    ("IIIVIIIIVI", "IVGVNVIVGV", "VGMGV"),
    ("IIIIIIVIII", "VGVIVNGVIV", "GVIVG"),
    ("IIIIIIIIVI", "GIVNVGVIVV", "VIVGI"),
)


def create_rhythm(services: Services) -> None:
    with services.store.session() as s:
        if s.scalar(select(func.count()).select_from(MonthlyTheme)):
            return
        ids = dict(s.execute(select(Student.full_name, Student.id)).all())
    today = services.today()
    monday = monday_of(today)
    planner = services.planner
    planner.add_theme(first_of_month(monday - timedelta(days=28)), "我的学校，我的朋友",
                      aims="熟悉校园环境，学会向同伴问好、轮流。")
    theme = planner.add_theme(first_of_month(monday), "认识秋天",
                              aims="观察秋天的树叶和水果，练习分类、描述和手部精细动作。")
    yuxuan, kexin = ids.get("陈宇轩"), ids.get("林可欣")
    group = [i for i in (yuxuan, kexin, ids.get("何俊杰")) if i]
    if yuxuan:
        planner.add_theme(first_of_month(monday), "等待与轮流", scope="student",
                          student_ids=[yuxuan], aims="在小组活动中等待轮到自己，不抢物品。")
    leaves = planner.add_activity(monday, "树叶拼贴：捡、分、贴", theme_id=theme.id,
                                  unit_id="def-pencil-grip-fine-motor", student_ids=group,
                                  note="户外捡树叶后在资源教室分类粘贴。")
    fruit = planner.add_activity(monday, "水果超市：认一认、买一买", theme_id=theme.id,
                                 unit_id="sit-supermarket-shopping-list", student_ids=group[:2])
    ball = planner.add_activity(monday, "大龙球上的等待游戏", theme_id=theme.id,
                                unit_id="app-therapy-ball-prone-rocking", student_ids=group)
    plan = (("09:00", "09:40", leaves, 0), ("14:10", "14:50", ball, 1),
            ("09:00", "09:40", fruit, 2), ("10:20", "11:00", leaves, 3),
            ("14:10", "14:50", ball, 4))
    for starts, ends, activity, weekday in plan:
        planner.add_session(monday + timedelta(days=weekday), starts=starts, ends=ends,
                            room="资源教室", activity_id=activity.id)
    planner.add_session(monday + timedelta(days=2), starts="15:00", ends="15:40",
                        room="感统训练室", title="个别训练：平衡与前庭",
                        student_ids=[yuxuan] if yuxuan else [])
    if yuxuan:
        _observations(services, yuxuan, today)
        _behaviour(services, yuxuan, today)
    home = ids.get("杨浩宇")
    if home:
        _visits(services, home, today)


def _observations(services: Services, student_id: str, today) -> None:
    objectives = services.progress.for_student(student_id).objectives[:3]
    for weeks_ago, week in enumerate(reversed(SERIES)):
        day = today - timedelta(days=7 * weeks_ago + 1)
        for objective, trials in zip(objectives, week):
            if trials:
                services.observations.log(student_id, objective.objective_id, trials,
                                          observed_on=day, observer="王丽")


def _behaviour(services: Services, student_id: str, today) -> None:
    for days_ago, values in ((12, {"occurred_at": "10:05", "setting": "语文课，写生字",
                                   "antecedent": "老师要求独立写十个生字",
                                   "behaviour": "把本子推到地上，大声说“不写”",
                                   "consequence": "老师让他到教室后面冷静，作业未完成",
                                   "function": "escape", "frequency": 1,
                                   "duration_seconds": 180}),
                             (5, {"occurred_at": "09:20", "setting": "资源教室小组游戏",
                                  "antecedent": "同伴先拿到了大龙球",
                                  "behaviour": "抢球并推同伴", "consequence": "老师示范说"
                                  "“请给我”，他说后得到球", "function": "tangible",
                                  "frequency": 2, "duration_seconds": 30})):
        services.behaviour.add(student_id, {"occurred_on": today - timedelta(days=days_ago),
                                            "observer": "王丽", **values})


def _visits(services: Services, student_id: str, today) -> None:
    objectives = [o.objective_id for o in services.progress.for_student(student_id).objectives]
    for days_ago, minutes, activities in (
            (30, 120, "被动关节活动；用沟通板选择喜欢的玩具；家长学习体位摆放。"),
            (16, 90, "坐姿平衡训练；听儿歌做拍手动作；指导家长做每日拉伸。"),
            (2, 120, "用眼神和沟通板表达“要”和“不要”；训练抓握勺子。")):
        services.home_visits.add(student_id, {
            "visited_on": today - timedelta(days=days_ago), "minutes": minutes,
            "visitors": "王丽、戴志强", "activities": activities,
            "objective_ids": objectives[:2], "note": "家长配合，孩子情绪好。"})
