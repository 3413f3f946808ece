"""The plan for the family: plain words in large type, no codes or jargon. Each goal says
what we will work on, how we will know, and what the family can do at home (the home
suggestions per area are in resources/parent_guide.yaml, written for parents)."""
from __future__ import annotations

from functools import cache

import yaml

from ..core.paths import resource_dir
from ..core.vocabulary import DOMAINS, TEAM_ROLES
from . import document as d
from .iep_document import DRAFT_NOT_SIGNED, _day, draft_mark, period_text


@cache
def guide() -> dict:
    with open(resource_dir() / "parent_guide.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


def _pick(pair: dict, language: str) -> str:
    return pair["zh"] if language.startswith("zh") else pair["en"]


def _area(domain: str) -> dict | None:
    """The guide's entry for an area, or for the area it belongs to ("cognition" for
    "cognition.attention")."""
    areas = guide()["domains"]
    return areas.get(domain) or areas.get(domain.split(".")[0])


def parent_document(services, plan_id: str, language: str) -> d.Document:
    plan = services.plans.get(plan_id)
    student = services.students.get(plan.student_id)
    texts = {k: _pick(v, language) for k, v in guide()["texts"].items()}
    zh = language.startswith("zh")
    child = student.full_name
    doc = d.Document(
        title=f"{child}的学习计划（家长版）" if zh else f"{child}'s learning plan, for the family",
        subtitle=f"{plan.title}　{period_text(plan, language)}".strip(), language=language,
        school=services.schools.school_name(student.school_id), large_type=True,
        running_head=f"{child}　{period_text(plan, language)}",
        watermark=draft_mark(plan, language))
    doc.add(d.Paragraph(texts["greeting"].format(child=child), "lead"))
    can_do = _can_do_now(services, student.id, language)
    if can_do:
        doc.add(d.Heading(f"{child}现在能做到的" if zh else f"What {child} can do now"),
                d.Bullets(can_do))
    for number, goal in enumerate(plan.goals, start=1):
        area = _area(goal.domain)
        name = _pick(area["name"], language) if area else DOMAINS.label(goal.domain, language)
        doc.add(d.Heading(f"{number}. {name}"))
        doc.add(d.Heading(texts["what_we_work_on"], 2))
        doc.add(d.Paragraph(goal.statement))
        doing = [o.behaviour for o in goal.objectives if o.behaviour.strip()]
        if doing:
            doc.add(d.Bullets([_plain(text, child) for text in doing]))
        knowing = [o.criterion for o in goal.objectives if o.criterion.strip()]
        if knowing:
            doc.add(d.Heading(texts["how_we_will_know"], 2), d.Bullets(knowing))
        tips = _home_tips(services, goal, language) or (
            [_pick(tip, language) for tip in area["home"]] if area else [])
        if tips:
            doc.add(d.Heading(texts["how_you_can_help"], 2), d.Bullets(tips))
    support = [", ".join(p for p in (s.name, s.frequency, s.provider) if p) if not zh
               else "，".join(p for p in (s.name, s.frequency, s.provider) if p)
               for s in plan.services]
    if plan.resource_sessions_per_week:
        support.insert(0, f"资源教室个别或小组学习，每周 {plan.resource_sessions_per_week} 节"
                       if zh else f"Lessons in the resource room, {plan.resource_sessions_per_week}"
                       " a week, alone or in a small group")
    if support:
        doc.add(d.Heading("额外的支持" if zh else "Extra support"),
                d.Paragraph(texts["services_intro"]), d.Bullets(support))
    team = services.review.team(student.id)
    teachers = [m for m in team if m.role == "resource_teacher"]
    doc.add(d.Paragraph(texts["closing"]))
    if teachers:
        doc.add(d.Paragraph("、".join(f"{TEAM_ROLES.label(m.role, language)} {m.name}"
                                     for m in teachers) if zh else
                            ", ".join(f"{TEAM_ROLES.label(m.role, language)}: {m.name}"
                                      for m in teachers)))
    signed = {(s.person_id or s.guardian_id): s for s in plan.signatures
              if s.edition == plan.edition}
    rows = [("家长" if zh else "Parent or guardian", g.name, _day(signed.get(g.id)))
            for g in student.guardians] or [("家长" if zh else "Parent or guardian", "", "")]
    rows += [(TEAM_ROLES.label(m.role, language), m.name, _day(signed.get(m.person_id)))
             for m in teachers]
    if plan.status == "draft":
        doc.add(d.Paragraph(DRAFT_NOT_SIGNED[0 if zh else 1], "note"))
    else:
        doc.add(d.Signatures(rows, texts["signature_note"]))
    return doc


def _home_tips(services, goal, language: str) -> list[str]:
    """The goal bank's home tip of each objective taken from the bank, once each: written
    for that objective, it fits the child better than the area's general tips, which are
    used only when no objective has one."""
    bank = services.library.shipped().goals
    tips: list[str] = []
    for objective in goal.objectives:
        found = bank.get(objective.bank_goal_id) if objective.bank_goal_id else None
        tip = found.home_tip.get(language) if found is not None and found.home_tip else ""
        if tip and tip not in tips:
            tips.append(tip)
    return tips


def _can_do_now(services, student_id: str, language: str) -> list[str]:
    """From the latest assessment scored item by item: per domain, the furthest step of
    each ladder the child does on their own, as the item says it (plain and concrete)."""
    from ..core.assessment.drafting import read_scores
    from ..core.errors import IepStudioError

    latest = next((a for a in services.assessments.for_student(student_id)
                   if a.instrument_id), None)
    if latest is None:
        return []
    try:
        instrument = services.instruments.get(latest.instrument_id)
    except IepStudioError:  # an instrument not installed here: nothing to say
        return []
    colon = "：" if language.startswith("zh") else ": "
    lines = []
    for draft in read_scores(instrument, services.item_scoring.scores(latest.id)):
        for placed in draft.independent:
            lines.append(DOMAINS.label(draft.domain, language) + colon
                         + placed.item.behaviour.get(language))
    return lines


def _plain(text: str, child: str) -> str:
    """Objectives are written about "the student"; the family reads the child's name.
    (The wording may be in either language whatever the document's language.)"""
    for word in ("学生", "the student", "The student"):
        if word in text:
            return text.replace(word, child, 1)
    return text
