"""Documents for teaching: a lesson plan (from a course unit, or from a lesson as given,
with each student's level and adjustments), the room's weekly plan, and a caseload
summary for the team or the district."""
from __future__ import annotations

from datetime import date, timedelta

from ..core.iep.terms import objective_sentence
from ..core.progress import mastery as rules
from ..core.school_year import monday_of
from ..core.units.schema import CourseUnit
from ..core.vocabulary import (
    AGE_BANDS, DOMAINS, PLACEMENTS, THEME_SCOPES, TIERS, UNIT_KINDS,
    join_labels,
)
from . import document as d

LABELS = {
    "lesson": ("教案", "Lesson plan"), "kind": ("单元类型", "Kind of unit"),
    "domains": ("训练领域", "Areas"), "ages": ("适用年龄", "Ages"),
    "duration": ("时长", "Duration"), "date": ("日期", "Date"),
    "objectives": ("教学目标", "Objectives"), "materials": ("教具与材料", "Materials"),
    "safety": ("安全提示", "Safety"), "steps": ("教学过程", "Steps"),
    "assignments": ("分层作业", "Graded assignments"), "assessment": ("评估方式", "Assessment"),
    "adjustments": ("课程调整", "Adjustments"), "students": ("学生与分层", "Students and levels"),
    "student": ("学生", "Student"), "level": ("层次", "Level"),
    "adjust": ("个别调整", "Adjustments for the student"), "minutes": ("分钟", "min"),
    "week": ("资源教室周计划", "Resource-room weekly plan"), "themes": ("本月主题", "Themes"),
    "activities": ("本周活动", "Activities of the week"), "sessions": ("课时安排", "Sessions"),
    "time": ("时间", "Time"), "room": ("教室", "Room"), "session": ("课时", "Session"),
    "caseload": ("个案一览", "Caseload summary"), "plan": ("计划状态", "Plan"),
    "mastered": ("已达标", "Mastered"), "stalled": ("停滞", "Stalled"),
    "no_data": ("缺数据", "No data"), "placement": ("安置形式", "Placement"),
    "objectives_count": ("目标数", "Total"), "none": ("无", "none"),
    "difficulty": ("难度", "Difficulty"), "amount": ("数量", "Amount"),
    "timing": ("时机", "Timing"), "opportunity": ("机会", "Opportunity"),
    "design": ("教学设计", "Teaching design"),
}


def _w(key: str, language: str) -> str:
    zh, en = LABELS[key]
    return zh if language.startswith("zh") else en


def lesson_document(services, language: str, unit_id: str | None = None,
                    lesson_id: str | None = None) -> d.Document:
    """A lesson plan from a unit; from a lesson, the unit as it was taught, the date and
    each student's level and adjustments."""
    lesson = services.lessons.get(lesson_id) if lesson_id else None
    unit = (CourseUnit.model_validate(lesson.unit_snapshot, context={"as_taught": True})
            if lesson else services.library.get(unit_id).unit)

    def t(text) -> str:
        return text.get(language) if text is not None else ""

    def w(key):
        return _w(key, language)

    title = lesson.title if lesson else t(unit.title)
    doc = d.Document(f"{w('lesson')}：{title}" if language.startswith("zh")
                     else f"{w('lesson')}: {title}", language, subtitle=t(unit.summary),
                     running_head=title + (f"　{lesson.given_on.isoformat()}" if lesson else ""))
    centre = (t(unit.function) if unit.function else
              services.unit_centres.vocabulary("apparatus").label(unit.apparatus, language)
              if unit.apparatus else
              services.unit_centres.vocabulary("situation").label(unit.situation, language))
    pairs = [(w("kind"), f"{UNIT_KINDS.label(unit.kind, language)}（{centre}）"
              if language.startswith("zh") else f"{UNIT_KINDS.label(unit.kind, language)} ({centre})"),
             (w("domains"), join_labels((DOMAINS.label(x, language) for x in unit.domains),
                                        language)),
             (w("ages"), join_labels((AGE_BANDS.label(x, language) for x in unit.age_bands),
                                     language)),
             (w("duration"), f"{unit.duration_minutes} {w('minutes')}")]
    if lesson:
        pairs.append((w("date"), lesson.given_on.isoformat()))
    doc.add(d.Fields(pairs))
    if lesson and lesson.students:
        names = services.students.names([p.student_id for p in lesson.students])
        doc.add(d.Heading(w("students")),
                d.Table([w("student"), w("level"), w("adjust")],
                        [[names[p.student_id], TIERS.label(str(p.tier), language),
                          p.adjustments] for p in lesson.students if p.student_id in names],
                        [1.5, 1.5, 5]))
    doc.add(d.Heading(w("objectives")),
            d.Bullets([f"{DOMAINS.label(o.domain, language)}：{t(o.text)}"
                       if language.startswith("zh") else
                       f"{DOMAINS.label(o.domain, language)}: {t(o.text)}"
                       for o in unit.objectives]),
            d.Heading(w("materials")), d.Bullets([t(m) for m in unit.materials]))
    if unit.safety:
        doc.add(d.Heading(w("safety")), d.Bullets([t(x) for x in unit.safety]))
    doc.add(d.Heading(w("steps")))
    for number, step in enumerate(unit.steps, start=1):
        doc.add(d.Heading(f"{number}. {t(step.title)}（{step.minutes} {w('minutes')}）"
                          if language.startswith("zh") else
                          f"{number}. {t(step.title)} ({step.minutes} {w('minutes')})", 2),
                d.Paragraph(t(step.activity)),
                d.Table([w("level"), "任务" if language.startswith("zh") else "Task",
                         "支持" if language.startswith("zh") else "Support"],
                        [[TIERS.label(str(x.tier), language), t(x.task), t(x.support)]
                         for x in step.levels], [1.2, 3.5, 3.5]))
        if step.prompts:
            doc.add(d.Paragraph(t(step.prompts), "note"))
    doc.add(d.Heading(w("assignments")),
            d.Table([w("level"), "作业" if language.startswith("zh") else "Task"],
                    [[TIERS.label(str(a.tier), language), t(a.task)] for a in unit.assignments],
                    [1.2, 7]),
            d.Heading(w("assessment")),
            d.Bullets([f"{t(a.method)}：{t(a.criterion)}" if language.startswith("zh")
                       else f"{t(a.method)}: {t(a.criterion)}" for a in unit.assessment]),
            d.Heading(w("adjustments")),
            d.Fields([(w(k), t(getattr(unit.adjustments, k))) for k in
                      ("difficulty", "amount", "timing", "opportunity", "materials", "design")]))
    return doc


def week_document(services, day: date, language: str) -> d.Document:
    """The room's week: the month's themes, the week's activities, the sessions by day."""
    week = services.planner.week(day)
    monday = monday_of(day)
    sunday = monday + timedelta(days=6)
    w = lambda key: _w(key, language)  # noqa: E731
    period = f"{monday.isoformat()} — {sunday.isoformat()}"
    ids = {i for x in (*week.themes, *week.activities, *week.sessions) for i in x.student_ids}
    names = services.students.names(list(ids))

    def people(student_ids) -> str:
        return join_labels((names[i] for i in student_ids if i in names), language)

    doc = d.Document(w("week"), language, subtitle=period, running_head=period)
    doc.add(d.Heading(w("themes")))
    doc.add(d.Table(["主题" if language.startswith("zh") else "Theme",
                     "对象" if language.startswith("zh") else "For",
                     "目标" if language.startswith("zh") else "Aims"],
                    [[x.title, THEME_SCOPES.label(x.scope, language)
                      + ((("：" if language.startswith("zh") else ": ")
                          + (x.group_name or people(x.student_ids))) if x.scope != "room" else ""),
                      x.aims] for x in week.themes],
                    [2, 2, 4]) if week.themes else d.Paragraph(w("none")))
    doc.add(d.Heading(w("activities")))
    doc.add(d.Table([w("activities"), w("student"), "备注" if language.startswith("zh")
                     else "Note"],
                    [[x.title, people(x.student_ids), x.note] for x in week.activities],
                    [3, 3, 3]) if week.activities else d.Paragraph(w("none")))
    doc.add(d.Heading(w("sessions")))
    rows = [[x.day.isoformat(), f"{x.starts}–{x.ends}".strip("–"), x.room, x.title,
             people(x.student_ids)] for x in week.sessions]
    doc.add(d.Table([w("date"), w("time"), w("room"), w("session"), w("student")], rows,
                    [1.6, 1.4, 1.3, 2.4, 2.5]) if rows else d.Paragraph(w("none")))
    return doc


def caseload_document(services, student_ids: list[str], language: str, title: str = "",
                      stalled_sessions: int = rules.DEFAULT_STALLED_SESSIONS,
                      no_data_days: int = rules.DEFAULT_NO_DATA_DAYS) -> d.Document:
    """One line per student: placement, plan, objectives, and where progress stands (by
    the same thresholds the teacher set for the home view)."""
    from ..core.iep.terms import PLAN_STATUSES

    w = lambda key: _w(key, language)  # noqa: E731
    items = services.progress.caseload(None, stalled_sessions=stalled_sessions,
                                       no_data_days=no_data_days)
    by_student: dict[str, dict[str, int]] = {}
    for item in items:
        counts = by_student.setdefault(item.student_id, {})
        counts[item.kind] = counts.get(item.kind, 0) + 1
    rows = []
    for student_id in student_ids:
        student = services.students.get(student_id)
        current = next((p for p in student.placements if p.end_date is None), None)
        plans = services.plans.for_student(student_id)
        plan = next((p for p in plans if p.status in ("approved", "in_review", "draft")), None)
        progress = services.progress.for_student(student_id)
        counts = by_student.get(student_id, {})
        rows.append([student.full_name,
                     PLACEMENTS.label(current.placement, language) if current else "",
                     PLAN_STATUSES.label(plan.status, language) if plan else w("none"),
                     str(len(progress.objectives)),
                     str(sum(1 for o in progress.objectives if o.mastery.mastered)),
                     str(counts.get("stalled", 0)), str(counts.get("no_data", 0))])
    today = services.today().isoformat()
    doc = d.Document(title or w("caseload"), language, subtitle=today, running_head=today)
    doc.add(d.Table(["姓名" if language.startswith("zh") else "Name", w("placement"), w("plan"),
                     w("objectives_count"), w("mastered"), w("stalled"), w("no_data")],
                    rows, [1.4, 2.3, 1.4, 1.1, 1.4, 1.2, 1.3]))
    watch = [i for i in items if i.student_id in set(student_ids) and i.kind != "mastered"]
    if watch:
        doc.add(d.Heading("需要关注的目标" if language.startswith("zh") else "Objectives to look at"),
                d.Bullets([f"{i.student_name}：{objective_sentence(i, language)}（{w(i.kind)}）"
                           if language.startswith("zh") else
                           f"{i.student_name}: {objective_sentence(i, language)} ({w(i.kind)})"
                           for i in watch]))
    return doc
