"""A course unit as a readable page (the library's preview and the editor's)."""
from __future__ import annotations

from html import escape

from ...core.errors import QT_TRANSLATE_NOOP
from ...core.units.schema import CourseUnit
from ...core.vocabulary import (
    AGE_BANDS, APPARATUS, DOMAINS, SITUATIONS, TIERS, UNIT_KINDS, join_labels,
)
from ..qt import QCoreApplication

HEADINGS = {
    "kind": QT_TRANSLATE_NOOP("UnitPreview", "Kind"),
    "domains": QT_TRANSLATE_NOOP("UnitPreview", "Domains"),
    "age": QT_TRANSLATE_NOOP("UnitPreview", "Age"),
    "time": QT_TRANSLATE_NOOP("UnitPreview", "Time"),
    "minutes": QT_TRANSLATE_NOOP("UnitPreview", "%1 minutes × %2 sessions"),
    "objectives": QT_TRANSLATE_NOOP("UnitPreview", "Objectives"),
    "materials": QT_TRANSLATE_NOOP("UnitPreview", "Materials"),
    "safety": QT_TRANSLATE_NOOP("UnitPreview", "Safety"),
    "steps": QT_TRANSLATE_NOOP("UnitPreview", "Steps"),
    "assignments": QT_TRANSLATE_NOOP("UnitPreview", "After-class assignments"),
    "assessment": QT_TRANSLATE_NOOP("UnitPreview", "Assessment"),
    "adjustments": QT_TRANSLATE_NOOP("UnitPreview", "Adjustments"),
    "difficulty": QT_TRANSLATE_NOOP("UnitPreview", "Difficulty"),
    "amount": QT_TRANSLATE_NOOP("UnitPreview", "Amount"),
    "timing": QT_TRANSLATE_NOOP("UnitPreview", "Timing"),
    "opportunity": QT_TRANSLATE_NOOP("UnitPreview", "Opportunity"),
    "materials_choice": QT_TRANSLATE_NOOP("UnitPreview", "Choice of materials"),
    "design": QT_TRANSLATE_NOOP("UnitPreview", "Teaching design"),
}


def heading(key: str) -> str:
    return escape(QCoreApplication.translate("UnitPreview", HEADINGS[key]))


def unit_html(unit: CourseUnit, language: str, centres=None) -> str:
    """`centres` (UnitCentres) names the apparatus and situations the school added."""
    def g(text) -> str:
        return escape(text.get(language)) if text is not None else ""

    def labels(vocabulary, codes) -> str:
        return escape(join_labels((vocabulary.label(c, language) for c in codes), language))

    if unit.kind == "deficit":
        centre = g(unit.function)
    elif unit.kind == "apparatus":
        names = centres.vocabulary("apparatus") if centres is not None else APPARATUS
        centre = escape(names.label(unit.apparatus, language))
    else:
        names = centres.vocabulary("situation") if centres is not None else SITUATIONS
        centre = escape(names.label(unit.situation, language))
    time = heading("minutes").replace("%1", str(unit.duration_minutes)).replace(
        "%2", str(unit.sessions))
    facts = [("kind", escape(UNIT_KINDS.label(unit.kind, language)) + " · " + centre),
             ("domains", labels(DOMAINS, unit.domains)),
             ("age", labels(AGE_BANDS, unit.age_bands)), ("time", time)]
    out = [f"<h2>{g(unit.title)}</h2><p>{g(unit.summary)}</p><table cellspacing='3'>"]
    out += [f"<tr><td><b>{heading(k)}</b></td><td>{v}</td></tr>" for k, v in facts]
    out.append(f"</table><h3>{heading('objectives')}</h3><ol>")
    out += [f"<li>{g(o.text)}</li>" for o in unit.objectives]
    out.append(f"</ol><h3>{heading('materials')}</h3><ul>")
    out += [f"<li>{g(m)}</li>" for m in unit.materials]
    out.append("</ul>")
    if unit.safety:
        out.append(f"<h3>{heading('safety')}</h3><ul>")
        out += [f"<li>{g(m)}</li>" for m in unit.safety]
        out.append("</ul>")
    out.append(f"<h3>{heading('steps')}</h3>")
    for number, step in enumerate(unit.steps, start=1):
        out.append(f"<h4>{number}. {g(step.title)}（{step.minutes}′）</h4>"
                   f"<p>{g(step.activity)}</p>"
                   "<table border='1' cellspacing='0' cellpadding='4'>")
        for level in step.levels:
            out.append(f"<tr><td><b>{escape(TIERS.label(str(level.tier), language))}</b></td>"
                       f"<td>{g(level.task)}</td><td><i>{g(level.support)}</i></td></tr>")
        out.append("</table>")
    out.append(f"<h3>{heading('assignments')}</h3><ul>")
    out += [f"<li><b>{escape(TIERS.label(str(a.tier), language))}</b>: {g(a.task)}</li>"
            for a in unit.assignments]
    out.append(f"</ul><h3>{heading('assessment')}</h3><ul>")
    out += [f"<li>{g(a.method)} — {g(a.criterion)}</li>" for a in unit.assessment]
    out.append(f"</ul><h3>{heading('adjustments')}</h3><table cellspacing='3'>")
    for key in ("difficulty", "amount", "timing", "opportunity", "materials", "design"):
        label = heading("materials_choice" if key == "materials" else key)
        out.append(f"<tr><td><b>{label}</b></td>"
                   f"<td>{g(getattr(unit.adjustments, key))}</td></tr>")
    out.append("</table>")
    return "".join(out)
