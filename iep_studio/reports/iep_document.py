"""The full IEP for the team: the twelve sections of a Chinese IEP, as the plan stands,
with the signature lines of everyone on the team and the guardians."""
from __future__ import annotations

from ..core.iep.terms import PLAN_FIELDS, PLAN_SECTIONS, PLAN_STATUSES, REVIEW_CODES, SERVICE_KINDS
from ..core.vocabulary import (
    CATEGORIES, DEGREES, DOMAINS, PLACEMENTS, RELATIONSHIPS, SEXES, TEAM_ROLES, age_on,
    join_clauses, join_labels, with_note,
)
from . import document as d

WORDS = {
    "title": ("个别化教育计划（IEP）", "Individualized Education Plan (IEP)"),
    "name": ("姓名", "Name"), "sex": ("性别", "Sex"), "birth": ("出生日期", "Date of birth"),
    "age": ("年龄", "Age"), "number": ("学号", "Student number"), "school": ("学校", "School"),
    "class": ("年级班级", "Grade and class"), "category": ("障碍类别", "Disability"),
    "certificate": ("残疾证号", "Disability certificate"), "diagnosis": ("诊断", "Diagnosis"),
    "health": ("健康与用药", "Health and medication"),
    "guardian": ("监护人", "Guardian"), "relationship": ("关系", "Relationship"),
    "phone": ("电话", "Phone"), "home_language": ("家庭语言", "Language at home"),
    "family_needs": ("家庭需求", "Family needs"),
    "placement": ("安置形式", "Placement"), "domain": ("领域", "Area"),
    "source": ("来源", "Source"), "no": ("序号", "No."),
    "frequency": ("频率", "Frequency"), "provider": ("提供者", "Provider"),
    "kind": ("类别", "Kind"), "note": ("备注", "Note"), "place": ("地点", "Place"),
    "none": ("（未填写）", "(not written)"),
    "signature_note": ("签名表示参与制定并同意本计划。",
                       "Signing means you took part in writing this plan and agree to it."),
    "status": ("状态", "Status"), "edition": ("版本", "Edition"),
    "goal": ("长期目标", "Long-term goal"),
    "reviewed": ("检讨记录", "Reviews"), "review_on": ("评量日期", "Reviewed"),
    "legend": ("评量结果：", "Review results: "),
    "review_comments": ("检讨意见", "Review comments"), "comment": ("意见", "Comment"),
    "reviewer": ("检讨人", "Reviewer"),
    "meeting": ("IEP会议", "IEP meeting"), "meeting_on": ("会议日期", "Meeting date"),
    "attendees": ("出席人员", "Present"), "parent_opinion": ("家长意见", "Parents' opinion"),
}


def word(key: str, language: str) -> str:
    zh, en = WORDS[key]
    return zh if language.startswith("zh") else en


def period_text(plan, language: str) -> str:
    start = plan.period_start.isoformat() if plan.period_start else "?"
    end = plan.period_end.isoformat() if plan.period_end else "?"
    return f"{start} — {end}" if language.startswith("zh") else f"{start} to {end}"


def iep_document(services, plan_id: str, language: str) -> d.Document:
    plan = services.plans.get(plan_id)
    student = services.students.get(plan.student_id)
    school = services.schools.school_name(student.school_id)
    team = services.review.team(student.id)
    zh = language.startswith("zh")

    def w(key):
        return word(key, language)

    def section(code):
        return d.Heading(PLAN_SECTIONS.label(code, language))

    def field(code):
        return PLAN_FIELDS.label(code, language)

    def text(value):
        return (value or "").strip() or w("none")

    doc = d.Document(
        title=w("title"), language=language, school=school,
        running_head=f"{student.full_name}　{period_text(plan, language)}",
        subtitle="　".join(p for p in (
            plan.title, f"{w('edition')} {plan.edition}",
            PLAN_STATUSES.label(plan.status, language)) if p),
        watermark=draft_mark(plan, language))
    today = services.today()
    categories = join_labels((with_note(CATEGORIES.label(c.category, language),
                                        DEGREES.label(c.degree, language), language)
                              for c in student.categories), language)
    current = student.current_placement
    doc.add(section("basic"), d.Fields([
        (w("name"), student.full_name), (w("sex"), SEXES.label(student.sex, language)),
        (w("birth"), student.birth_date.isoformat() if student.birth_date else ""),
        (w("age"), str(age_on(student.birth_date, today)) if student.birth_date else ""),
        (w("number"), student.student_number or ""), (w("school"), school),
        (w("class"), f"{student.grade}{student.class_name}"), (w("category"), categories),
        (w("certificate"), student.certificate_no), (w("diagnosis"), student.diagnosis),
        (w("health"), join_clauses((student.health_notes, student.medication), language,
                                   strong=True)),
        (field("period"), period_text(plan, language))]))
    doc.add(section("family"))
    if student.guardians:
        doc.add(d.Table([w("guardian"), w("relationship"), w("phone"), w("note")],
                        [[g.name, RELATIONSHIPS.label(g.relationship_, language), g.phone,
                          g.note] for g in student.guardians], [2, 1.5, 2, 3]))
    doc.add(d.Fields([(w("home_language"), student.home_language),
                      (w("family_needs"), student.family_needs),
                      (field("guardian_participation"), plan.guardian_participation)]))
    doc.add(section("placement"), d.Fields([
        (w("placement"), PLACEMENTS.label(current.placement, language) if current else ""),
        (field("resource_sessions_per_week"),
         "" if plan.resource_sessions_per_week is None else str(plan.resource_sessions_per_week)),
        (field("placement_statement"), plan.placement_statement),
        (field("resource_services"), plan.resource_services)]))
    doc.add(section("present_levels"))
    doc.add(d.Table([w("domain"), field("present_level"), w("source")],
                    [[DOMAINS.label(x.domain, language), x.level, x.source]
                     for x in plan.present_levels], [1.6, 4.6, 1.8])
            if plan.present_levels else d.Paragraph(w("none")))
    doc.add(section("strengths"), d.Heading(field("strengths"), 2),
            d.Paragraph(text(plan.strengths)), d.Heading(field("needs"), 2),
            d.Paragraph(text(plan.needs)))
    doc.add(section("goals"))
    review_days = review_points(plan)
    for g, goal in enumerate(plan.goals, start=1):
        head = (f"{w('goal')} {g}（{DOMAINS.label(goal.domain, language)}）：{goal.statement}"
                if zh else
                f"{w('goal')} {g} ({DOMAINS.label(goal.domain, language)}): {goal.statement}")
        doc.add(d.Heading(head, 2))
        rows = []
        for o, objective in enumerate(goal.objectives, start=1):
            dates = "\n".join(x.isoformat() for x in (objective.start_date,
                                                        objective.target_date) if x)
            rows.append([f"{g}.{o}", join_clauses((objective.condition, objective.behaviour),
                                                  language),
                         objective.criterion, objective.measurement, dates,
                         objective.responsible])
        # Short headings in English: table cells wrap anywhere (as Chinese must), so a long
        # English word in a narrow column would be cut in two.
        heads = ([w("no"), field("objective"), field("criterion"), field("measurement"),
                  field("dates"), field("responsible")] if zh else
                 ["No.", "Objective", "Criterion", "Measure", "Dates", "Who"])
        doc.add(d.Table(heads, rows, [0.6, 3.4, 2.2, 1.5, 1.9, 1.3]))
        if goal.objectives:
            doc.add(review_table(goal, g, review_days, language))
    if plan.goals:
        doc.add(d.Paragraph(review_legend(language), "note"))
    doc.add(section("strategies"), d.Heading(field("strategies"), 2),
            d.Paragraph(text(plan.strategies)), d.Heading(field("adjustments"), 2),
            d.Paragraph(text(plan.adjustments)))
    doc.add(section("services"))
    # Short headings in English, as in the goals' table.
    heads = ([w("kind"), field("service"), w("frequency"), w("provider"), field("dates"),
              w("place"), w("note")] if zh else
             ["Kind", "Service", "How often", "By", "Dates", "Place", "Note"])
    doc.add(d.Table(heads, [[SERVICE_KINDS.label(x.kind, language), x.name, x.frequency,
                             x.provider, service_dates(x, language), x.place, x.note]
                            for x in plan.services], [1.1, 1.9, 1.4, 1.5, 1.9, 1.5, 1.8])
            if plan.services else d.Paragraph(w("none")))
    doc.add(section("behaviour"), d.Paragraph(text(plan.behaviour_support)))
    doc.add(section("transition"), d.Paragraph(text(plan.transition)))
    doc.add(section("review"))
    # The dates and results are in the goals' review tables; here what was said at each
    # review, so nothing is printed twice.
    commented = [(f"{g}.{o}", r) for g, goal in enumerate(plan.goals, start=1)
                 for o, objective in enumerate(goal.objectives, start=1)
                 for r in objective.reviews if r.comment.strip()]
    if commented:
        doc.add(d.Heading(w("review_comments"), 2),
                d.Table([w("no"), w("review_on"), w("comment"), w("reviewer")],
                        [[n, r.reviewed_on.isoformat(), r.comment, r.reviewer]
                         for n, r in commented], [0.8, 1.5, 4.5, 1.4]))
    doc.add(*meeting_blocks(plan, language))
    if plan.status == "draft":  # nothing to sign until the team has the plan
        doc.add(d.Paragraph(DRAFT_NOT_SIGNED[0 if zh else 1], "note"))
    else:
        doc.add(d.Signatures(signature_rows(plan, team, student.guardians, language),
                             w("signature_note")))
    return doc


# Review columns printed for each goal: the days already reviewed, and blank ones up to
# this many for the reviews still to come, written in by hand at the review meeting.
REVIEW_POINTS = 3


def review_points(plan) -> list:
    """The days the plan's objectives were reviewed, in order: one column each in every
    goal's review table (a team reviews the objectives together, on one day)."""
    return sorted({r.reviewed_on for goal in plan.goals for objective in goal.objectives
                   for r in objective.reviews})


def review_table(goal, number: int, days: list, language: str) -> d.Table:
    """评量记录: for each objective of the goal, its result on each review day; columns
    left blank up to REVIEW_POINTS, the date to be written in the heading's second line."""
    heading = word("review_on", language)
    # An ideographic space holds the blank line open in both formats.
    columns = [f"{heading}\n{day.isoformat()}" for day in days]
    columns += [f"{heading}\n\u3000"] * max(0, REVIEW_POINTS - len(days))
    rows = []
    for o, objective in enumerate(goal.objectives, start=1):
        # Reviewed twice on one day (a result corrected): the one given last.
        on_day = {r.reviewed_on: r.code for r in sorted(
            objective.reviews, key=lambda r: (r.reviewed_on, r.created_at))}
        rows.append([f"{number}.{o}"] + [REVIEW_CODES.label(on_day.get(day, ""), language)
                                         for day in days]
                    + [""] * (len(columns) - len(days)))
    return d.Table([word("no", language)] + columns, rows, [0.8] + [2.0] * len(columns))


def review_legend(language: str) -> str:
    """The review codes in one line, for reading the results and writing them in."""
    return word("legend", language) + " · ".join(t.label(language) for t in REVIEW_CODES)


def meeting_blocks(plan, language: str) -> list:
    """The IEP meeting: its day, who came (the signers of this edition, then the others
    recorded) and the parents' opinion, with room to write it in when the paper copy is
    signed at the meeting. A draft is not yet agreed at a meeting: it leaves this out."""
    if plan.status == "draft":
        return []
    names = [s.name for s in plan.signatures if s.edition == plan.edition and s.name]
    present = join_labels(dict.fromkeys(names), language)
    attendees = join_clauses((present, plan.meeting_attendees), language, strong=True)
    opinion = plan.parent_opinion.strip() or "\n\n\n"
    return [d.Heading(word("meeting", language), 2),
            d.Fields([(word("meeting_on", language),
                       plan.meeting_on.isoformat() if plan.meeting_on else ""),
                      (word("attendees", language), attendees)]),
            d.Table([word("parent_opinion", language)], [[opinion]])]


def service_dates(service, language: str) -> str:
    """When a service is given: 2026-09-15至2027-01-15, or from or until one day. The
    English date has a line of its own: Word would rather break it at a hyphen than
    after "from"."""
    zh = language.startswith("zh")
    start = service.start_date.isoformat() if service.start_date else ""
    end = service.end_date.isoformat() if service.end_date else ""
    if start and end:
        return f"{start}\n至{end}" if zh else f"{start}\nto {end}"
    if start:
        return f"{start}起" if zh else f"from\n{start}"
    if end:
        return f"至{end}" if zh else f"until\n{end}"
    return ""


DRAFT_NOT_SIGNED = ("草稿：提交团队审阅后再签名。", "Draft: signed once it is with the team.")


def draft_mark(plan, language: str) -> str:
    """The watermark of a draft ("草稿" / "DRAFT"); none once the plan is with the team."""
    if plan.status != "draft":
        return ""
    return "草稿" if language.startswith("zh") else "DRAFT"


def signature_rows(plan, team, guardians, language: str) -> list[tuple[str, str, str]]:
    """Everyone who signed this edition, as the signature recorded them (even if they have
    left the team since), then the team members and guardians still to sign."""
    from ..core.vocabulary import RELATIONSHIPS

    signed = [s for s in plan.signatures if s.edition == plan.edition]
    done = {s.person_id for s in signed} | {s.guardian_id for s in signed}
    relation = {g.id: RELATIONSHIPS.label(g.relationship_, language) for g in guardians}
    rows = [(relation.get(s.guardian_id or "") or TEAM_ROLES.label(s.role, language), s.name,
             s.signed_at.date().isoformat()) for s in signed]
    rows += [(TEAM_ROLES.label(m.role, language), m.name, "") for m in team
             if m.person_id not in done]
    rows += [(RELATIONSHIPS.label(g.relationship_, language) or word("guardian", language),
              g.name, "") for g in guardians if g.id not in done]
    return rows


def _day(signature) -> str:
    return signature.signed_at.date().isoformat() if signature is not None else ""
