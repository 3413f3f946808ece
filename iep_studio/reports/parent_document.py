"""The plan for the family: plain words in large type, no codes or jargon. Each goal says
what we will work on, each objective in one sentence about the child with what counts as
learnt, and what the family can do at home: each objective's own tip (from the goal bank,
fitted by the teacher), or the area's general suggestions when none has one and they suit
where the child is taught (resources/parent_guide.yaml, written for parents). The teacher
may write an objective's sentence for the family in their own words."""
from __future__ import annotations

from functools import cache
from types import SimpleNamespace

import yaml

from ..core.iep.terms import objective_sentence
from ..core.paths import resource_dir
from ..core.vocabulary import DOMAINS, TEAM_ROLES, has_han, join_clauses
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


def current_placement(student) -> str:
    """The code of where the child is taught now ("" if not recorded)."""
    current = student.current_placement
    return current.placement if current else ""


def _texts(placement: str, language: str, child: str) -> dict[str, str]:
    """The guide's texts for a child taught in `placement`: its own where the guide has
    them (a child taught at home is not told about class), the general ones otherwise."""
    chosen = {**guide()["texts"], **(guide()["placements"].get(placement) or {})}
    return {key: _pick(pair, language).replace("{child}", child)
            for key, pair in chosen.items()}


def parent_document(services, plan_id: str, language: str,
                    words: dict[str, dict] | None = None) -> d.Document:
    """`words`: per objective id, a "parent_wording" or "home_tip" to print instead of the
    one saved (the wording dialog's preview of what is typed but not yet saved)."""
    plan = services.plans.get(plan_id)
    student = services.students.get(plan.student_id)
    zh = language.startswith("zh")
    child = student.full_name
    texts = _texts(current_placement(student), language, child)
    bank = services.library.goal_bank(archived=True)  # a goal the school archived too
    words = words or {}
    doc = d.Document(
        title=f"{child}的学习计划（家长版）" if zh else f"{child}'s learning plan, for the family",
        subtitle=f"{plan.title}　{period_text(plan, language)}".strip(), language=language,
        school=services.schools.school_name(student.school_id), large_type=True,
        running_head=f"{child}　{period_text(plan, language)}",
        watermark=draft_mark(plan, language))
    doc.add(d.Paragraph(texts["greeting"], "lead"))
    can_do = _can_do_now(services, student.id, language)
    if can_do:
        doc.add(d.Heading(f"{child}现在能做到的" if zh else f"What {child} can do now"),
                d.Bullets(can_do))
    for number, goal in enumerate(plan.goals, start=1):
        area = _area(goal.domain)
        name = _pick(area["name"], language) if area else DOMAINS.label(goal.domain, language)
        doc.add(d.Heading(f"{number}. {name}"))
        doc.add(d.Heading(texts["what_we_work_on"], 2))
        if goal.statement.strip():
            doc.add(d.Paragraph(_plain(goal.statement, child)))
        said = [family_sentence(o, child, language, bank,
                                words.get(o.id, {}).get("parent_wording"))
                for o in goal.objectives]
        if any(said):
            doc.add(d.Bullets([s for s in said if s]))
        tips = _home_tips(goal, language, bank, words)
        if not tips and "instead_of_area_tips" not in texts and area:
            tips = [_pick(tip, language) for tip in area["home"]]
        if tips:
            doc.add(d.Heading(texts["how_you_can_help"], 2), d.Bullets(tips))
        elif "instead_of_area_tips" in texts:
            doc.add(d.Heading(texts["how_you_can_help"], 2),
                    d.Paragraph(texts["instead_of_area_tips"]))
    support = [join_clauses((s.name, s.frequency, s.provider), language)
               for s in plan.services]
    if plan.resource_sessions_per_week:
        support.insert(0, texts["resource_sessions"].replace(
            "{n}", str(plan.resource_sessions_per_week)))
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


def _home_tips(goal, language: str, bank, words: dict[str, dict]) -> list[str]:
    """Each objective's own home tip, once each: written for that objective (and fitted
    to the child by the teacher), it suits the child better than the area's general
    tips, which are used only when no objective has one."""
    tips: list[str] = []
    for objective in goal.objectives:
        tip = home_tip(objective, language, bank, words.get(objective.id, {}).get("home_tip"))
        if tip and tip not in tips:
            tips.append(tip)
    return tips


def _bank_entry(objective, bank):
    return bank.get(objective.bank_goal_id) if bank and objective.bank_goal_id else None


def home_tip(objective, language: str, bank=None, typed: str | None = None) -> str:
    """The objective's tip for the family (`typed` instead of the saved one, if given).
    While it is the goal bank's tip unchanged, it is printed in the document's language:
    the bank has both, the plan keeps the one of the language it was written in."""
    tip = (objective.home_tip if typed is None else typed).strip()
    found = _bank_entry(objective, bank)
    if tip and found is not None and found.home_tip and tip in (
            found.home_tip.zh.strip(), found.home_tip.en.strip()):
        return found.home_tip.get(language)
    return tip


OBJECTIVE_PARTS = ("condition", "behaviour", "criterion")
_MARKS = " \t\n\u3000，,；;。．.、：:"


def family_sentence(objective, child: str, language: str, bank=None,
                    typed: str | None = None) -> str:
    """How the family reads an objective: the teacher's own words for the family if
    written (`typed` instead of the saved ones, if given), otherwise `plain_sentence`."""
    own = (objective.parent_wording if typed is None else typed).strip()
    return own or plain_sentence(objective, child, language, bank)


def plain_sentence(objective, child: str, language: str, bank=None) -> str:
    """The objective as one sentence about the child by name: the condition, the
    behaviour and its criterion together ("出示卡片" and "10幅中至少7幅" mean nothing
    apart), each said once. In the goal bank's words in the document's language while
    the team kept them unchanged."""
    parts = [getattr(objective, name).strip() for name in OBJECTIVE_PARTS]
    found = _bank_entry(objective, bank)
    if found is not None:
        for side in ("zh", "en"):
            if parts == [getattr(getattr(found, name), side).strip()
                         for name in OBJECTIVE_PARTS]:
                parts = [getattr(found, name).get(language) for name in OBJECTIVE_PARTS]
                break
    parts[1] = _named(parts[1], child)
    condition, behaviour, criterion = _said_once(parts)
    text = objective_sentence(SimpleNamespace(condition=condition, behaviour=behaviour,
                                              criterion=criterion), language)
    if not text:
        return ""
    # The full stop of the language the sentence ends in: a bank objective in English
    # about a child with a Chinese name still ends with "."
    last = next(p for p in reversed((condition, behaviour, criterion)) if p.strip(_MARKS))
    if has_han(last) or (not any(c.isascii() and c.isalpha() for c in last)
                         and has_han(text)):
        return text + "。"
    return text[0].upper() + text[1:] + "."


def _said_once(parts: list[str]) -> list[str]:
    """The parts with any that another already says left out (a behaviour typed with
    its criterion in it, "…，10幅中至少7幅", is not followed by the criterion again). A
    word or two ("独立") found inside a longer part may mean something else there: kept."""
    cores = [p.strip(_MARKS).casefold() for p in parts]
    return ["" if not core or any(
        j != i and (core == other and j < i
                    or len(core) >= 4 and core in other and core != other)
        for j, other in enumerate(cores)) else part
        for i, (part, core) in enumerate(zip(parts, cores))]


def _named(behaviour: str, child: str) -> str:
    """The behaviour about the child by name: "学生能…" and "the student …" as
    `_plain` has them; a behaviour typed without its subject ("能三指握笔") gets it."""
    named = _plain(behaviour, child)
    if named != behaviour or child in named:
        return named
    if named.startswith(("能", "会", "可以", "愿意", "主动")):
        return child + named
    if named.split(" ", 1)[0].lower() in ("can", "will"):
        return f"{child} {named}"
    return named


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
