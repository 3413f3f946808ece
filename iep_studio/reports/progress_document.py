"""A progress report for a period: for each objective of the plan being worked on, a chart
of the sessions in the period and where it stands, then behaviour and home visits."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..core.iep.terms import objective_sentence
from ..core.progress import mastery as rules
from ..core.progress.trials import PROMPT_LEVELS
from ..core.school_year import school_term
from ..core.vocabulary import BEHAVIOUR_FUNCTIONS, DOMAINS, join_labels
from . import document as d
from .charts import progress_chart


def progress_document(services, student_id: str, language: str, start: date | None = None,
                      end: date | None = None) -> d.Document:
    """The period defaults to the period of the plan being worked on (so a report made in
    the winter break still covers the autumn term), or else the current school term;
    never past today."""
    student = services.students.get(student_id)
    progress = services.progress.for_student(student_id)
    term = school_term(services.today())
    plan = services.plans.get(progress.plan_id) if progress.plan_id else None
    start = start or (plan.period_start if plan and plan.period_start else term.start)
    end = min(end or (plan.period_end if plan and plan.period_end else term.end),
              services.today())
    zh = language.startswith("zh")
    period = (f"{start.isoformat()} — {end.isoformat()}" if language.startswith("zh")
              else f"{start.isoformat()} to {end.isoformat()}")
    doc = d.Document(title="进展报告" if zh else "Progress report", language=language,
                     subtitle=f"{student.full_name}　{period}",
                     school=services.schools.school_name(student.school_id),
                     running_head=f"{student.full_name}　{period}")
    if progress.plan_id is None:
        doc.add(d.Paragraph("还没有个别化教育计划。" if zh else "There is no IEP yet."))
    else:
        doc.add(d.Paragraph((f"计划：{progress.plan_title}" if zh
                             else f"Plan: {progress.plan_title}")))
    rows = []
    for number, item in enumerate(progress.objectives, start=1):
        points = [p for p in item.points if start <= p.day <= end]
        status = _status(item, points, zh)
        rows.append([str(number), DOMAINS.label(item.domain, language),
                     objective_sentence(item, language), str(len(points)), status])
    if rows:
        doc.add(d.Heading("概览" if zh else "Summary"),
                d.Table(["序号" if zh else "No.", "领域" if zh else "Area",
                         "目标" if zh else "Objective", "课次" if zh else "Sessions",
                         "进展" if zh else "Where it stands"], rows, [0.8, 1.3, 3.6, 0.8, 2.6]))
    for number, item in enumerate(progress.objectives, start=1):
        points = [p for p in item.points if start <= p.day <= end]
        doc.add(d.Heading(f"{number}. {objective_sentence(item, language)}", 2))
        if points:
            shown = replace(item, points=points, mastery=rules.mastery(points, item.rule))
            doc.add(d.Chart(progress_chart(shown, language), 16, 6.5,
                            _status(item, points, zh)))
        else:
            doc.add(d.Paragraph("本期没有记录。" if zh else "Nothing recorded in this period.",
                                "note"))
    behaviour = [r for r in services.behaviour.for_student(student_id)
                 if start <= r.occurred_on <= end]
    if behaviour:
        counts = services.behaviour.functions(behaviour)
        doc.add(d.Heading("行为记录" if zh else "Behaviour records"), d.Paragraph(
            (f"本期共 {len(behaviour)} 条 ABC 记录。可能的功能：" if zh
             else f"{len(behaviour)} ABC records in this period. Likely functions: ")
            + join_labels((f"{BEHAVIOUR_FUNCTIONS.label(f, language)} {n}" for f, n in counts),
                          language)))
    visits = [v for v in services.home_visits.for_student(student_id)
              if start <= v.visited_on <= end]
    if visits:
        minutes = sum(v.minutes for v in visits)
        doc.add(d.Heading("送教上门" if zh else "Home visits"), d.Paragraph(
            f"本期送教 {len(visits)} 次，共 {minutes // 60} 小时 {minutes % 60} 分钟。" if zh
            else f"{len(visits)} visits in this period, {minutes // 60} h {minutes % 60} min."))
    return doc


def _status(item, points, zh: bool) -> str:
    found = rules.mastery(points, item.rule)
    if found.mastered:
        # Objectives have rules of their own (90% over 2 sessions, with a verbal prompt):
        # "mastered" is read against the rule it was judged by.
        day, rule = found.mastered_on.isoformat(), rule_words(item.rule, zh)
        return f"已达标 {day}（{rule}）" if zh else f"Mastered {day} ({rule})"
    if not points:
        return "暂无数据" if zh else "No data yet"
    last = f"{points[-1].percent:.0f}%"
    if rules.stalled(points):
        return f"停滞（最近 {last}）" if zh else f"Stalled (last {last})"
    return (f"进行中（最近 {last}，标准 {item.rule.percent}%）" if zh
            else f"Working on it (last {last}, criterion {item.rule.percent}%)")


# The help a success may have had, as the English rule says it ("with at most ...").
AT_MOST = {"V": "a verbal prompt", "G": "a gesture or visual prompt", "M": "a model",
           "P": "partial physical help", "F": "full physical help"}


def rule_words(rule: rules.Criterion, zh: bool) -> str:
    """A mastery rule in words: 连续3次课独立完成≥80% / 80% independent in 3 sessions in a
    row; a rule counting trials with help names the most help it counts."""
    if zh:
        sessions = f"连续{rule.sessions}次课" if rule.sessions > 1 else "1次课"
        how = ("独立完成" if rule.level == "I" else
               f"在{PROMPT_LEVELS.label(rule.level, 'zh_CN')}及以下完成")
        return f"{sessions}{how}≥{rule.percent}%"
    how = "independent" if rule.level == "I" else f"with at most {AT_MOST[rule.level]}"
    sessions = (f"in {rule.sessions} sessions in a row" if rule.sessions > 1
                else "in 1 session")
    return f"{rule.percent}% {how} {sessions}"
