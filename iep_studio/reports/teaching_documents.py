"""Documents for teaching: a lesson plan (from a course unit, or from a lesson as given,
with its teacher, each student's level, adjustments and objectives, and room for the
reflection), the room's weekly plan as a grid of days and times, and a caseload summary
for the team or the district."""
from __future__ import annotations

from datetime import date, timedelta

from ..core.iep.terms import objective_sentence
from ..core.progress import mastery as rules
from ..core.school_year import monday_of
from ..core.units.schema import CourseUnit
from ..core.vocabulary import (
    AGE_BANDS, DOMAINS, PLACEMENTS, THEME_SCOPES, TIERS, UNIT_KINDS,
    join_labels, weekday_name,
)
from . import document as d
from .export import DOCUMENT_KINDS

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
    "teacher": ("授课教师", "Teacher"), "place": ("地点", "Place"), "unit": ("单元", "Unit"),
    "key_points": ("教学重难点", "Key point and main difficulty"),
    "key_point": ("重点", "Key point"), "hard_point": ("难点", "Main difficulty"),
    "served": ("本课服务的个别化目标", "IEP objectives this lesson serves"),
    "served_note": ("列出每名学生当前计划中属于本单元训练领域的目标；计划中没有的，"
                    "列出建课时为其选定的单元目标。",
                    "Each student's objectives in their current plan, in the areas this unit "
                    "trains; for a student with none, the unit objectives chosen for them when "
                    "the lesson was made."),
    "unit_objective": ("单元目标", "Unit objective"),
    "notes": ("课堂备注", "Notes on the lesson"),
    "reflection": ("教学反思", "Reflection after teaching"),
    "reflection_prompt": ("教学效果、学生表现、存在的问题与改进", "What worked, how each student did, "
                          "what to change next time"),
    "no_time": ("时间未定", "No time set"),
    "grid_key": ("每格依次为：时间、课时、教室、学生。", "Each cell: time, session, room, students."),
}

# English month names written out here, not taken from the computer's locale: a Chinese
# system would print "11月" into an English document.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Lines left empty under the reflection, room to write by hand on the printed plan.
REFLECTION_LINES = 8


def _w(key: str, language: str) -> str:
    zh, en = LABELS[key]
    return zh if language.startswith("zh") else en


def lesson_document(services, language: str, unit_id: str | None = None,
                    lesson_id: str | None = None, me: str = "") -> d.Document:
    """A lesson plan (教案) from a unit; from a lesson, the unit as it was taught, with the
    date, time and place, each student's level, adjustments and the objectives of their
    plan the lesson serves, and the notes kept with it. Both end with room for the
    reflection written after teaching. `me` is the person (id) using this copy: the
    teacher named when the lesson's own is not known."""
    lesson = services.lessons.get(lesson_id) if lesson_id else None
    unit = (CourseUnit.model_validate(lesson.unit_snapshot, context={"as_taught": True})
            if lesson else services.library.get(unit_id).unit)
    zh = language.startswith("zh")

    def t(text) -> str:
        return text.get(language) if text is not None else ""

    def w(key):
        return _w(key, language)

    title = _lesson_title(lesson, unit, language)
    places = lesson.students if lesson else []  # the students the reader may see
    sessions = ([x for x in services.planner.week(lesson.given_on).on(lesson.given_on)
                 if x.lesson_id == lesson.id] if lesson else [])
    doc = d.Document(f"{w('lesson')}：{title}" if zh else f"{w('lesson')}: {title}", language,
                     subtitle=t(unit.summary),
                     school=schools_of(services, [p.student_id for p in places], language),
                     running_head=title + (f"　{lesson.given_on.isoformat()}" if lesson else ""))
    centre = (t(unit.function) if unit.function else
              services.unit_centres.vocabulary("apparatus").label(unit.apparatus, language)
              if unit.apparatus else
              services.unit_centres.vocabulary("situation").label(unit.situation, language))
    # Date, time and place stay in the header even when not known (a plan from a unit):
    # blank, they are filled in by hand on the printed page.
    pairs = [(w("teacher"), _teacher(services, lesson, me)),
             (w("date"), lesson.given_on.isoformat() if lesson else ""),
             (w("time"), join_labels((_times(x) for x in sessions if x.starts), language)),
             (w("place"), join_labels(dict.fromkeys(x.room for x in sessions if x.room),
                                      language)),
             (w("unit"), t(unit.title)),
             (w("kind"), f"{UNIT_KINDS.label(unit.kind, language)}（{centre}）"
              if zh else f"{UNIT_KINDS.label(unit.kind, language)} ({centre})"),
             (w("domains"), join_labels((DOMAINS.label(x, language) for x in unit.domains),
                                        language)),
             (w("ages"), join_labels((AGE_BANDS.label(x, language) for x in unit.age_bands),
                                     language)),
             (w("duration"), f"{unit.duration_minutes} {w('minutes')}")]
    doc.add(d.Fields(pairs))
    if places:
        names = services.students.names([p.student_id for p in places])
        places = [p for p in places if p.student_id in names]
        doc.add(d.Heading(w("students")),
                d.Table([w("student"), w("level"), w("adjust")],
                        [[names[p.student_id], TIERS.label(str(p.tier), language),
                          p.adjustments] for p in places],
                        [1.5, 1.5, 5]))
        served = _served(services, lesson, unit)
        rows = []
        for place in places:
            lines = [objective_sentence(x, language) for x in served.get(place.student_id, [])]
            if not lines:
                lines = [f"{w('unit_objective')}：{x}" if zh else f"{w('unit_objective')}: {x}"
                         for x in place.objectives]
            rows.append([names[place.student_id],
                         "\n".join(f"{i}. {x}" for i, x in enumerate(lines, start=1))
                         if lines else w("none")])
        doc.add(d.Heading(w("served")),
                d.Table([w("student"), "目标" if zh else "Objectives"], rows, [1.5, 6.5]),
                d.Paragraph(w("served_note"), "note"))
    doc.add(d.Heading(w("objectives")),
            d.Bullets([f"{DOMAINS.label(o.domain, language)}：{t(o.text)}"
                       if zh else
                       f"{DOMAINS.label(o.domain, language)}: {t(o.text)}"
                       for o in unit.objectives]))
    key, hard = _key_points(unit, language)
    doc.add(d.Heading(w("key_points")),
            d.Paragraph(f"{w('key_point')}：{key}" if zh else f"{w('key_point')}: {key}"),
            d.Paragraph(f"{w('hard_point')}：{hard}" if zh else f"{w('hard_point')}: {hard}"),
            d.Heading(w("materials")), d.Bullets([t(m) for m in unit.materials]))
    if unit.safety:
        doc.add(d.Heading(w("safety")), d.Bullets([t(x) for x in unit.safety]))
    doc.add(d.Heading(w("steps")))
    for number, step in enumerate(unit.steps, start=1):
        doc.add(d.Heading(f"{number}. {t(step.title)}（{step.minutes} {w('minutes')}）"
                          if zh else
                          f"{number}. {t(step.title)} ({step.minutes} {w('minutes')})", 2),
                d.Paragraph(t(step.activity)),
                d.Table([w("level"), "任务" if zh else "Task",
                         "支持" if zh else "Support"],
                        [[TIERS.label(str(x.tier), language), t(x.task), t(x.support)]
                         for x in step.levels], [1.2, 3.5, 3.5]))
        if step.prompts:
            doc.add(d.Paragraph(t(step.prompts), "note"))
    doc.add(d.Heading(w("assignments")),
            d.Table([w("level"), "作业" if zh else "Task"],
                    [[TIERS.label(str(a.tier), language), t(a.task)] for a in unit.assignments],
                    [1.2, 7]),
            d.Heading(w("assessment")),
            d.Bullets([f"{t(a.method)}：{t(a.criterion)}" if zh
                       else f"{t(a.method)}: {t(a.criterion)}" for a in unit.assessment]),
            d.Heading(w("adjustments")),
            d.Fields([(w(k), t(getattr(unit.adjustments, k))) for k in
                      ("difficulty", "amount", "timing", "opportunity", "materials", "design")]))
    # The lesson's own notes, then those of the sittings it was given in (the planner's).
    notes = [x for x in [lesson.notes if lesson else "", *(x.note for x in sessions)] if x]
    if notes:
        doc.add(d.Heading(w("notes")), *(d.Paragraph(x) for x in notes))
    # A bordered box of empty lines: the reflection is written by hand after the lesson.
    doc.add(d.Heading(w("reflection")),
            d.Table([w("reflection_prompt")], [["\n" * (REFLECTION_LINES - 1)]], [1]))
    return doc


def lesson_file_stem(services, language: str, unit_id: str | None = None,
                     lesson_id: str | None = None) -> str:
    """The name (without extension) of an exported lesson plan: the unit's title as the
    teacher reads it, not its id, and a lesson's date."""
    if lesson_id:
        lesson = services.lessons.get(lesson_id)
        unit = CourseUnit.model_validate(lesson.unit_snapshot, context={"as_taught": True})
        title, day = _lesson_title(lesson, unit, language), f"_{lesson.given_on.isoformat()}"
    else:
        title, day = services.library.get(unit_id).unit.title.get(language), ""
    # Short enough that the date and the language are never cut from a long title; an
    # English title is cut between words.
    if len(title) > 60:
        title = title[:60].rsplit(" ", 1)[0] if " " in title[:60] else title[:60]
    return f"{DOCUMENT_KINDS.label('lesson', language)}_{title}{day}_{language}"


def _lesson_title(lesson, unit, language: str) -> str:
    """A lesson keeps the title it was given; one left as the unit's (Chinese) title is
    the unit's title in the document's language."""
    if lesson is None or lesson.title == (unit.title.zh or unit.title.en)[:200]:
        return unit.title.get(language)
    return lesson.title


def _teacher(services, lesson, me: str) -> str:
    """Who teaches: the account that made the lesson, else the signed-in person, else the
    person using this copy. A reader who may not make lessons (a head teacher reading
    the plan), or who may not see who made it (a colleague's lesson on a shared server),
    is never named as its teacher: the field is then left to fill in."""
    name = services.lessons.made_by(lesson.id) if lesson else ""
    actor = services.store.actor
    if name or (lesson and actor is not None and (not actor.may_write("lesson")
                                                  or not actor.sees_everyone)):
        return name
    person_id = (actor.person_id if actor is not None else None) or me
    return services.schools.name_of(person_id) or (actor.name if actor is not None else "")


def _times(session) -> str:
    return f"{session.starts}–{session.ends}" if session.ends else session.starts


def _served(services, lesson, unit) -> dict[str, list]:
    """Each student's objectives, from their working plan, in the areas the unit trains:
    those the lesson serves. The same match the observation entry puts first, so what
    the plan names is what the teacher then records."""
    trained = {x.split(".")[0] for x in unit.domains}
    served: dict[str, list] = {}
    for target in services.observations.targets([p.student_id for p in lesson.students],
                                                lesson.id):
        if target.objective_id and target.domain.split(".")[0] in trained:
            served.setdefault(target.student_id, []).append(target)
    return served


def _key_points(unit, language: str) -> tuple[str, str]:
    """教学重点 and 教学难点. A unit file has no such fields, so they are read from what
    it has: the key point is the step the lesson gives most time to; the main difficulty
    is what the unit names as making the work harder (its difficulty adjustment)."""
    step = max(unit.steps, key=lambda x: x.minutes)  # the first of the longest
    zh = language.startswith("zh")
    key = (f"{step.title.get(language)}（{step.minutes} 分钟）——{step.activity.get(language)}"
           if zh else f"{step.title.get(language)} ({step.minutes} min): "
           f"{step.activity.get(language)}")
    return key, unit.adjustments.difficulty.get(language)


def schools_of(services, student_ids, language: str = "zh_CN") -> str:
    """The school (or schools) of these students, as the header names them; with none,
    the school of this copy when it holds only one."""
    from ..core.services.search import load_summary

    names = [x.school_name for x in (load_summary(services.store, i) for i in student_ids)
             if x is not None and x.school_name]
    if names:
        return join_labels(dict.fromkeys(names), language)
    schools = services.schools.list_schools()
    return schools[0].name if len(schools) == 1 else ""


def _others(count: int, language: str) -> str:
    """Students the reader may not see, counted, never named."""
    if language.startswith("zh"):
        return f"另有 {count} 名学生"
    return f"{count} other student" + ("s" if count != 1 else "")


def _people(names: dict[str, str], student_ids, language: str,
            one_a_line: bool = False) -> str:
    """The students by name, and those the reader may not see counted; `one_a_line` in a
    narrow cell, where a name must not be cut in two."""
    shown = [names[i] for i in student_ids if i in names]
    hidden = len([i for i in dict.fromkeys(student_ids) if i not in names])
    listed = "\n".join(shown) if one_a_line else join_labels(shown, language)
    if not hidden:
        return listed
    if not shown:
        return _others(hidden, language)
    zh = language.startswith("zh")
    return listed + ("\n" if one_a_line else "，" if zh else " and ") + _others(hidden, language)


def _day_heading(day: date, language: str, short: bool = False) -> str:
    if language.startswith("zh"):
        return f"{weekday_name(day, 'zh')}\n{day.month}月{day.day}日"
    name = weekday_name(day, "en")
    # Seven columns leave no room for "Wednesday" on one line.
    return f"{name[:3] if short else name}\n{day.day} {MONTHS[day.month - 1]}"


def week_document(services, day: date, language: str) -> d.Document:
    """The room's week: its sessions as a grid, days across and times down, then the
    month's themes and the week's activities. A student the reader may not see (another
    team's, in a shared session) is counted, never named."""
    week = services.planner.week(day)
    monday = monday_of(day)
    sunday = monday + timedelta(days=6)
    zh = language.startswith("zh")
    w = lambda key: _w(key, language)  # noqa: E731
    period = (f"{monday.isoformat()} — {sunday.isoformat()}" if language.startswith("zh")
              else f"{monday.isoformat()} to {sunday.isoformat()}")
    ids = {i for x in (*week.themes, *week.activities, *week.sessions) for i in x.student_ids}
    names = services.students.names(list(ids))

    def people(student_ids, one_a_line: bool = False) -> str:
        return _people(names, student_ids, language, one_a_line)

    doc = d.Document(w("week"), language, subtitle=period, running_head=period,
                     school=schools_of(services, sorted(names), language))
    # The grid first: what the week holds, day by day, is what the plan is read for.
    doc.add(d.Heading(w("sessions")))
    if week.sessions:
        # Monday to Friday, and the weekend only when something is on it.
        days = week.days[:7 if any(x.day.weekday() >= 5 for x in week.sessions) else 5]
        # Seven narrow columns: a time is broken after its dash, never inside "09:40".
        times = ((lambda x: _times(x).replace("–", "–\n")) if len(days) > 5 else _times)
        # One row per starting time, in order; sessions with no time last.
        rows = []
        for start in sorted({x.starts for x in week.sessions}, key=lambda x: (not x, x)):
            rows.append([start or w("no_time"), *(
                "\n\n".join("\n".join(p for p in (times(x), x.title, x.room,
                                                   people(x.student_ids, True)) if p)
                            for x in week.sessions if x.day == one_day and x.starts == start)
                for one_day in days)])
        # The key also lets the grid begin under its heading and run on over pages, where
        # a heading kept with the whole grid would leave the first page empty.
        doc.add(d.Paragraph(w("grid_key"), "note"),
                d.Table([w("time"), *(_day_heading(x, language, short=len(days) > 5)
                                      for x in days)], rows, [1.0] + [2.0] * len(days)))
    else:
        doc.add(d.Paragraph(w("none")))
    doc.add(d.Heading(w("themes")))
    doc.add(d.Table(["主题" if zh else "Theme", "对象" if zh else "For",
                     "目标" if zh else "Aims"],
                    [[x.title, THEME_SCOPES.label(x.scope, language)
                      + ((("：" if zh else ": ")
                          + (x.group_name or people(x.student_ids))) if x.scope != "room" else ""),
                      x.aims] for x in week.themes],
                    [2, 2, 4]) if week.themes else d.Paragraph(w("none")))
    doc.add(d.Heading(w("activities")))
    doc.add(d.Table([w("activities"), w("student"), "备注" if zh else "Note"],
                    [[x.title, people(x.student_ids), x.note] for x in week.activities],
                    [3, 3, 3]) if week.activities else d.Paragraph(w("none")))
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
        current = student.current_placement
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
    doc = d.Document(title or w("caseload"), language, subtitle=today, running_head=today,
                     school=schools_of(services, student_ids, language))
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
