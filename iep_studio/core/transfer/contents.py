"""What a student file carries: its tables, each after the tables it refers to, which
of them are shared with other students, what stays behind, and the ids records hold
without a foreign key."""
from __future__ import annotations

# The tables a student file carries, each after the tables it refers to, so an import
# can insert them in this order.
TABLES = (
    "person", "student", "student_category", "placement_period", "guardian",
    "team_membership", "intake_record", "case_guidance", "assessment", "assessment_result", "item_score", "plan", "plan_present_level",
    "plan_goal", "plan_objective", "objective_review", "plan_service", "plan_review",
    "plan_signature", "plan_revision", "lesson", "lesson_student", "observation",
    "behaviour_record", "home_visit", "attachment",
)
# What each table holds, in words, for lists of what a file carries.
KINDS = {
    "person": "people", "student": "student", "student_category": "categories",
    "placement_period": "placements", "guardian": "guardians", "team_membership": "team roles",
    "assessment": "assessments", "assessment_result": "assessment results",
    "item_score": "item scores", "plan": "plans",
    "plan_present_level": "present levels", "plan_goal": "goals",
    "plan_objective": "objectives", "objective_review": "objective reviews",
    "plan_service": "services", "plan_review": "team reviews",
    "plan_signature": "signatures", "plan_revision": "plan revisions", "lesson": "lessons",
    "lesson_student": "lesson places", "observation": "observations",
    "behaviour_record": "behaviour records", "home_visit": "home visits",
    "intake_record": "intake steps", "case_guidance": "guidance notes",
    "attachment": "attachments",
}
# Shared with other students: reused when a record with the same id is already here.
SHARED = frozenset({"person", "lesson"})
# Not carried: the school (the importer chooses one), the room's rhythm shared by many
# students, the course-unit library, the school's own instruments and goals, and what
# belongs to one database (accounts, audit, the district's thresholds and intake steps,
# which schools a coordinator follows).
NOT_CARRIED = frozenset({
    "school", "monthly_theme", "weekly_activity", "teaching_session", "user_course_unit",
    "unit_centre",
    "instrument_file", "own_goal", "account", "audit_entry", "district_rule", "intake_step",
    "coordinated_school",
})
# Carried beside the records, not inside them: an attachment's bytes travel as a part of
# their own (archive.py), named by their SHA-256.
CARRIED_APART = frozenset({("attachment", "content")})
# Replaced on import: the student joins the school chosen there.
REPLACED = frozenset({("student", "school_id")})

# Ids kept in plain columns and lists, without a foreign key on purpose (model/plan.py,
# model/rhythm.py), and the kind of record each names.
ID_REFERENCES = {("plan_objective", "carried_from_id"): "plan_objective",
                 ("plan_objective", "amends_objective_id"): "plan_objective",
                 ("observation", "objective_id"): "plan_objective",
                 ("home_visit", "objective_ids"): "plan_objective",
                 ("lesson_student", "objectives"): "plan_objective"}


def counts_of(tables: dict[str, list]) -> dict[str, int]:
    return {name: len(tables[name]) for name in TABLES if tables.get(name)}
