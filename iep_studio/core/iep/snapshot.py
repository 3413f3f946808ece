"""A plan frozen as plain data: what a revision stores, and what comparison reads."""
from __future__ import annotations

from datetime import date, datetime

PLAN_TEXT_FIELDS = (
    "title", "strengths", "needs", "strategies", "adjustments", "behaviour_support",
    "transition", "placement_statement", "resource_services", "guardian_participation",
)
OBJECTIVE_FIELDS = ("condition", "behaviour", "criterion", "measurement", "responsible",
                    "carried_status")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def freeze(plan) -> dict:
    """Everything in the plan that a team signs, as JSON-ready data. `plan` is a loaded
    Plan with its goals, objectives, levels, services and signatures."""
    return {
        "plan": {
            **{name: getattr(plan, name) for name in PLAN_TEXT_FIELDS},
            "period_start": _plain(plan.period_start), "period_end": _plain(plan.period_end),
            "review_due": _plain(plan.review_due), "status": plan.status,
            "edition": plan.edition,
            "resource_sessions_per_week": plan.resource_sessions_per_week,
        },
        "present_levels": [{"domain": p.domain, "level": p.level, "source": p.source}
                           for p in plan.present_levels],
        "goals": [{
            "id": g.id, "domain": g.domain, "statement": g.statement,
            "objectives": [{
                "id": o.id, **{name: getattr(o, name) for name in OBJECTIVE_FIELDS},
                "start_date": _plain(o.start_date), "target_date": _plain(o.target_date),
                "reviews": [{"reviewed_on": _plain(r.reviewed_on), "code": r.code,
                             "comment": r.comment, "reviewer": r.reviewer}
                            for r in o.reviews],
            } for o in g.objectives],
        } for g in plan.goals],
        "services": [{"kind": s.kind, "name": s.name, "frequency": s.frequency,
                      "provider": s.provider, "note": s.note, "place": s.place,
                      "start_date": _plain(s.start_date), "end_date": _plain(s.end_date)}
                     for s in plan.services],
        "signatures": [{"name": s.name, "role": s.role, "edition": s.edition,
                        "signed_at": _plain(s.signed_at)} for s in plan.signatures],
    }
