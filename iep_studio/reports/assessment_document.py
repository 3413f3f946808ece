"""The assessment report (an item-scored assessment: the profile beside the earlier ones,
where the child stands in each domain, what changed, every item scored) and the blank
scoring form for use on paper."""
from __future__ import annotations

from ..core.assessment.drafting import present_level, read_scores
from ..core.assessment.profile import gained_and_lost, profile
from ..core.assessment.scoring import domain_totals
from ..core.vocabulary import DOMAINS, join_clauses
from . import document as d

METHODS = {"probe": ("测查", "Probe"), "observation": ("观察", "Observation"),
           "parent_report": ("家长报告", "Parent report")}
SHOWN = 4  # assessments on the profile


def assessment_document(services, assessment_id: str, language: str) -> d.Document:
    zh = language.startswith("zh")
    assessment = services.assessments.get(assessment_id)
    student = services.students.get(assessment.student_id)
    instrument = services.instruments.get(assessment.instrument_id)
    history = [pair for pair in services.item_scoring.of_instrument(
        student.id, assessment.instrument_id) if pair[0].assessed_on <= assessment.assessed_on]
    scores = next(s for a, s in history if a.id == assessment.id)
    values = {k: v.value for k, v in scores.items()}
    title = instrument.header.title.get(language)
    day = assessment.assessed_on.isoformat()
    doc = d.Document(title="评估报告" if zh else "Assessment report", language=language,
                     subtitle=f"{student.full_name}　{title}　{day}",
                     school=services.schools.school_name(student.school_id),
                     running_head=f"{student.full_name}　{title}　{day}")
    doc.add(d.Fields([
        ("学生" if zh else "Student", student.full_name),
        ("出生日期" if zh else "Born", student.birth_date.isoformat() if student.birth_date else ""),
        ("年级班级" if zh else "Class", f"{student.grade}{student.class_name}"),
        ("评估日期" if zh else "Assessed on", day),
        ("评估人" if zh else "Assessor", assessment.assessor),
        ("已评项目" if zh else "Items scored", str(len(scores))),
    ]))
    shown = history[-SHOWN:]
    rows = profile(instrument, [s for _, s in shown])
    if rows:
        from .charts import profile_chart

        doc.add(d.Heading("领域剖面" if zh else "Domain profile"),
                d.Chart(profile_chart(rows, [a.assessed_on.isoformat() for a, _ in shown],
                                      language), 16, 2.2 + 1.1 * len(rows),
                        "每次评估一种图案（见图例）：有图案的部分为独立完成，空白部分为需协助。"
                        if zh else "Each assessment has its own pattern (see the legend): "
                        "the patterned part is done independently, the blank part with help."))
    age = _age_months(student.birth_date, assessment.assessed_on)
    totals = {t.domain: t for t in domain_totals(instrument, values, age, language)}
    drafts = {x.domain: x for x in read_scores(instrument, scores)}
    doc.add(d.Heading("现有能力水平" if zh else "Present levels"))
    level_rows = []
    for domain, draft in drafts.items():
        total = totals.get(domain)
        said = f"{total.raw:g}/{total.possible:g}" if total else ""
        if total and total.result:
            said += f"（{total.result_name} {total.result}）" if zh else \
                f" ({total.result_name} {total.result})"
        level_rows.append([DOMAINS.label(domain, language), said,
                           present_level(draft, language)])
    doc.add(d.Table(["领域" if zh else "Domain", "原始分" if zh else "Raw total",
                     "能做到什么" if zh else "What the child can do"], level_rows,
                    [1.4, 1.0, 5.6]))
    if len(history) > 1:
        earlier_day = history[-2][0].assessed_on.isoformat()
        gained, lost = gained_and_lost(instrument, history[-2][1], scores)
        doc.add(d.Heading(f"与 {earlier_day} 相比" if zh else f"Since {earlier_day}"))
        doc.add(d.Paragraph("新掌握（独立完成）：" if zh else "Now done independently:"),
                d.Bullets([_item_line(p, language) for p in gained] or
                          ["无" if zh else "None"]))
        if lost:
            doc.add(d.Paragraph("不再能独立完成：" if zh else "No longer done independently:"),
                    d.Bullets([_item_line(p, language) for p in lost]))
    doc.add(d.Heading("各项目得分" if zh else "Every item scored"))
    for part in instrument.domains:
        placed = [p for p in instrument.items() if p.domain == part.domain
                  and p.item.id in scores]
        if not placed:
            continue
        doc.add(d.Heading(DOMAINS.label(part.domain, language), 2))
        doc.add(d.Table(
            ["项目" if zh else "Item", "年龄段" if zh else "Age",
             "得分" if zh else "Score", "备注" if zh else "Note"],
            [[p.item.behaviour.get(language), p.item.age_band,
              _score_text(instrument, p, scores[p.item.id], language), scores[p.item.id].note]
             for p in placed], [4.6, 0.9, 1.7, 1.8]))
    return doc


def scoring_form(services, instrument_id: str, language: str, student_id: str | None = None,
                 domains: list[str] | None = None) -> d.Document:
    """The ladders to score on paper: each item with how it is given and a box per score,
    and the scale's legend; for one student (the heading filled in) or blank."""
    zh = language.startswith("zh")
    instrument = services.instruments.get(instrument_id)
    title = instrument.header.title.get(language)
    student = services.students.get(student_id) if student_id else None
    name = student.full_name if student else ""
    doc = d.Document(title="评分记录表" if zh else "Scoring form", language=language,
                     subtitle=title, running_head=f"{name}　{title}".strip(),
                     school=services.schools.school_name(student.school_id) if student else "")
    doc.add(d.Fields([("学生" if zh else "Student", name),
                      ("评估日期" if zh else "Date", ""),
                      ("评估人" if zh else "Assessor", ""),
                      ("年龄段起点" if zh else "Starting age band", "")]))
    scale = instrument.header.scale()
    legend = [f"{p.value:g} = {p.label.get(language)}" for p in scale.points]
    legend.append("N/A = 不适用" if zh else "N/A = not applicable")
    doc.add(d.Paragraph(join_clauses(legend, language, strong=True), "note"))
    boxes = "  ".join(f"□{p.value:g}" for p in scale.points) + "  □N/A"
    for part in instrument.domains:
        if domains and part.domain not in domains:
            continue
        doc.add(d.Heading(DOMAINS.label(part.domain, language)))
        for sub in part.subdomains:
            doc.add(d.Heading(sub.title.get(language), 2))
            rows = []
            for n, item in enumerate(sub.items, start=1):
                how = METHODS[item.method][0 if zh else 1]
                if item.instruction is not None:
                    how += ("：" if zh else ": ") + item.instruction.get(language)
                rows.append([str(n), item.behaviour.get(language) + ("\n达标：" if zh else
                             "\nIndependent when: ") + item.passed_when.get(language),
                             item.age_band, how, boxes, ""])
            doc.add(d.Table(["序号" if zh else "No.", "项目" if zh else "Item",
                             "年龄段" if zh else "Age", "施测方法" if zh else "How",
                             "得分" if zh else "Score", "备注" if zh else "Note"],
                            rows, [0.6, 3.0, 1.0, 2.9, 1.4, 1.1]))
    return doc


def _item_line(placed, language: str) -> str:
    colon = "：" if language.startswith("zh") else ": "
    return DOMAINS.label(placed.domain, language) + colon + placed.item.behaviour.get(language)


def _score_text(instrument, placed, scored, language: str) -> str:
    if scored.value is None:
        return "N/A"
    point = instrument.header.scale(placed.item.scale).point(scored.value)
    return f"{scored.value:g} {point.label.get(language) if point else ''}".strip()


def _age_months(birth, day) -> int | None:
    if birth is None:
        return None
    return (day.year - birth.year) * 12 + day.month - birth.month - (day.day < birth.day)
