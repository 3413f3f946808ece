"""Two frozen plans side by side: the lines of each section, matched, with what changed
marked character by character (Chinese has no spaces to diff words by)."""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..vocabulary import DOMAINS, TEAM_ROLES, join_labels
from .terms import PLAN_FIELDS, PLAN_SECTIONS, PLAN_STATUSES, REVIEW_CODES, SERVICE_KINDS


@dataclass(frozen=True)
class Line:
    section: str
    label: str
    text: str


@dataclass
class Row:
    """One line of the comparison. `kind` is equal, changed, added or removed; the spans
    are (start, end) character ranges of the text that differs on each side."""

    section: str
    kind: str
    left_label: str = ""
    left: str = ""
    right_label: str = ""
    right: str = ""
    left_spans: list[tuple[int, int]] = field(default_factory=list)
    right_spans: list[tuple[int, int]] = field(default_factory=list)


def lines(snapshot: dict, language: str) -> list[Line]:
    """The plan as labelled lines, section by section, in the order it is printed."""
    def label(code):
        return PLAN_FIELDS.label(code, language)

    plan = snapshot["plan"]
    out: list[Line] = []

    def add(section, name, text):
        if text not in (None, ""):
            out.append(Line(section, name, str(text)))

    period = " – ".join(filter(None, (plan.get("period_start"), plan.get("period_end"))))
    add("basic", label("title"), plan.get("title"))
    add("basic", label("period"), period)
    add("basic", label("review_due"), plan.get("review_due"))
    add("basic", label("status"), PLAN_STATUSES.label(plan.get("status"), language))
    add("family", label("guardian_participation"), plan.get("guardian_participation"))
    add("placement", label("placement_statement"), plan.get("placement_statement"))
    add("placement", label("resource_sessions_per_week"), plan.get("resource_sessions_per_week"))
    add("placement", label("resource_services"), plan.get("resource_services"))
    for level in snapshot.get("present_levels", []):
        add("present_levels", DOMAINS.label(level["domain"], language),
            "  ".join(filter(None, (level["level"], level.get("source") and
                                    f"({level['source']})"))))
    add("strengths", label("strengths"), plan.get("strengths"))
    add("strengths", label("needs"), plan.get("needs"))
    for g, goal in enumerate(snapshot.get("goals", []), 1):
        domain = DOMAINS.label(goal["domain"], language)
        add("goals", f"{label('goal')} {g}", join_labels(filter(None, (domain, goal["statement"])),
                                                         language))
        for o, objective in enumerate(goal["objectives"], 1):
            number = f"{label('objective')} {g}.{o}"
            for name in ("condition", "behaviour", "criterion", "measurement", "responsible"):
                add("goals", f"{number} {label(name)}", objective.get(name))
            dates = " – ".join(filter(None, (objective.get("start_date"),
                                             objective.get("target_date"))))
            add("goals", f"{number} {label('dates')}", dates)
            add("goals", f"{number} {label('carried_status')}",
                REVIEW_CODES.label(objective.get("carried_status"), language))
            for review in objective.get("reviews", []):
                add("review", f"{number} {label('objective_review')} {review['reviewed_on']}",
                    " ".join(filter(None, (REVIEW_CODES.label(review["code"], language),
                                           review["comment"]))))
    add("strategies", label("strategies"), plan.get("strategies"))
    add("strategies", label("adjustments"), plan.get("adjustments"))
    for service in snapshot.get("services", []):
        add("services", SERVICE_KINDS.label(service["kind"], language),
            " · ".join(filter(None, (service["name"], service["frequency"],
                                     service["provider"], service.get("place", ""),
                                     " — ".join(filter(None, (service.get("start_date"),
                                                              service.get("end_date")))),
                                     service["note"]))))
    add("behaviour", label("behaviour_support"), plan.get("behaviour_support"))
    add("transition", label("transition"), plan.get("transition"))
    for signature in snapshot.get("signatures", []):
        add("review", label("signature"),
            f"{signature['name']} ({TEAM_ROLES.label(signature['role'], language) or signature['role']}) "
            f"{signature['signed_at'][:10]}")
    order = {code: i for i, code in enumerate(PLAN_SECTIONS.codes())}
    return sorted(out, key=lambda line: order[line.section])  # stable within a section


def compare(left: dict, right: dict, language: str) -> list[Row]:
    """Rows for a side-by-side view of two snapshots, section by section."""
    left_lines, right_lines = lines(left, language), lines(right, language)
    rows: list[Row] = []
    for section in PLAN_SECTIONS.codes():
        a = [line for line in left_lines if line.section == section]
        b = [line for line in right_lines if line.section == section]
        matcher = SequenceMatcher(None, [(x.label, x.text) for x in a],
                                  [(x.label, x.text) for x in b], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                rows += [Row(section, "equal", x.label, x.text, y.label, y.text)
                         for x, y in zip(a[i1:i2], b[j1:j2])]
                continue
            rows += _paired(section, a[i1:i2], b[j1:j2])
    return rows


def _paired(section: str, old: list[Line], new: list[Line]) -> list[Row]:
    """A replaced block: lines with the same label are one line changed; the rest were
    removed or added."""
    rows: list[Row] = []
    unmatched_new = list(new)
    for line in old:
        partner = next((n for n in unmatched_new if n.label == line.label), None)
        if partner is None:
            rows.append(Row(section, "removed", line.label, line.text,
                            left_spans=[(0, len(line.text))]))
            continue
        unmatched_new.remove(partner)
        left_spans, right_spans = char_changes(line.text, partner.text)
        rows.append(Row(section, "changed", line.label, line.text, partner.label, partner.text,
                        left_spans, right_spans))
    rows += [Row(section, "added", right_label=n.label, right=n.text,
                 right_spans=[(0, len(n.text))]) for n in unmatched_new]
    return rows


def char_changes(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            if i2 > i1:
                left.append((i1, i2))
            if j2 > j1:
                right.append((j1, j2))
    return left, right
