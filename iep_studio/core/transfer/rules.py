"""What each field of a student file may hold: what the app's own forms accept.

A file is made by IEP Studio, but read as if anyone could have written it. A value no form
lets a teacher enter (a sex "robot", a domain "weird", a plan that ends before it starts)
would come in, then break the windows that show it and make every later save of the record
fail the form's check. So every record is put through the checks of the form that makes
it: the same Checker, vocabularies and limits (services/validation.py, vocabulary.py).
Types, column lengths and ids are checked before this, in checking.py.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..errors import QT_TRANSLATE_NOOP, Problem
from ..iep.terms import (
    PLAN_EVENTS, PLAN_SECTIONS, PLAN_STATUSES, REVIEW_CODES, REVIEW_DECISIONS, SERVICE_KINDS,
)
from ..progress.trials import MAX_TRIALS, ORDER
from ..services.attachment_files import MAX_BYTES as MAX_FILE_BYTES
from ..services.validation import Checker
from ..vocabulary import (
    ATTACHMENT_KINDS, BEHAVIOUR_FUNCTIONS, CATEGORIES, DEGREES, DOMAINS, PLACEMENTS,
    RELATIONSHIPS, SEXES, STATUSES, TEAM_ROLES, TIERS, Vocabulary,
)

# A field's check: (checker, field name, the value as read, today) -> adds any problem.
Rule = Callable[[Checker, str, object, date], None]


def text(limit: int | None = None, *, required: bool = False) -> Rule:
    def rule(check: Checker, field: str, value, today: date) -> None:
        if required:
            check.required_text(field, value, limit or 10**9)
        else:
            check.optional_text(field, value, limit)
    return rule


def code(vocabulary: Vocabulary, *, required: bool = False) -> Rule:
    def rule(check: Checker, field: str, value, today: date) -> None:
        if value in vocabulary or (not value and not required):
            return
        found = len(check.problems)
        check.choice(field, value, vocabulary, allow_empty=False)
        if len(check.problems) == found:  # " male": the form stores codes without spaces
            check.add(field, QT_TRANSLATE_NOOP(
                "Errors", "\"{value}\" is not one of the choices: {choices}."),
                value=value, choices=", ".join(vocabulary.codes()))
    return rule


def day(*, required: bool = False, not_future: bool = False) -> Rule:
    def rule(check: Checker, field: str, value, today: date) -> None:
        check.date(field, value, required=required, today=today, not_future=not_future)
    return rule


def number(lowest: int, highest: int, *, required: bool = False) -> Rule:
    def rule(check: Checker, field: str, value, today: date) -> None:
        if value is None and required:
            check.add(field, QT_TRANSLATE_NOOP("Errors", "This field is required."))
        check.count(field, value, highest, lowest=lowest)
    return rule


def seconds(check: Checker, field: str, value, today: date) -> None:
    check.duration(field, value)


def clock(check: Checker, field: str, value, today: date) -> None:
    check.time_of_day(field, value)


def trials(check: Checker, field: str, value, today: date) -> None:
    """Prompt-level codes as the observation entry stores them (progress/trials.py)."""
    wrong = "".join(sorted(set(value or "") - set(ORDER)))
    if wrong:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "\"{codes}\" is not a prompt level. Use I, V, G, M, P, F or N (keys 1 to "
            "6, and 0 for not done)."), codes=wrong)
    elif len(value or "") > MAX_TRIALS:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "Too many trials: at most {limit} in one record."), limit=MAX_TRIALS)


def counted_level(check: Checker, field: str, value, today: date) -> None:
    """The prompt level an objective's mastery counts (progress.set_rule); empty means I."""
    if value and value not in ORDER[:-1]:
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "\"{value}\" is not a prompt level. Use I, V, G, M, P or F."), value=value)


def tier(check: Checker, field: str, value, today: date) -> None:
    if str(value) not in TIERS:
        check.add(field, QT_TRANSLATE_NOOP("Errors", "The level must be 1, 2 or 3."))


def score(check: Checker, field: str, value, today: date) -> None:
    """An item's score: a number of its scale, or None for N/A (the instrument's files
    say which values its scale has; a file from elsewhere may use a scale not here)."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                              or not -1000 <= value <= 1000):
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "\"{value}\" is not a score: a number from -1000 to 1000, or empty "
            "for N/A."), value=str(value)[:40])


def checksum(check: Checker, field: str, value, today: date) -> None:
    """A SHA-256 as the app writes it: 64 lowercase hexadecimal digits."""
    if not (isinstance(value, str) and len(value) == 64
            and set(value) <= set("0123456789abcdef")):
        check.add(field, QT_TRANSLATE_NOOP(
            "Errors", "\"{value}\" is not a checksum (SHA-256)."), value=str(value)[:70])


def anything(check: Checker, field: str, value, today: date) -> None:
    """Free text or a flag: its type and the column's length were checked on reading."""


# Every field of every record a file carries, but the ids, links and times each record
# has (checked in checking.py) and the JSON documents (checked in documents.py). A table
# or column added later must be placed here (a test says so).
FIELDS: dict[str, dict[str, Rule]] = {
    "person": {"full_name": text(100, required=True), "title": text(100),
               "organisation": text(200), "phone": text(50), "email": text(200)},
    # services/students.py: the profile form
    "student": {"full_name": text(100, required=True), "student_number": text(50),
                "name_latin": anything, "sex": code(SEXES),
                "birth_date": day(not_future=True), "grade": text(50),
                "class_name": text(50), "enrolled_on": day(), "status": code(STATUSES),
                "certificate_no": text(50), "diagnosis": text(), "health_notes": text(),
                "medication": text(), "strengths": text(), "interests": text(),
                "needs": text(), "home_language": text(100), "family_needs": text(),
                "archived": anything},
    "student_category": {"category": code(CATEGORIES, required=True),
                         "degree": code(DEGREES), "position": number(0, 10**6)},
    "placement_period": {"placement": code(PLACEMENTS, required=True),
                         "start_date": day(required=True), "end_date": day(),
                         "note": text()},
    "guardian": {"name": text(100, required=True), "relationship": code(RELATIONSHIPS),
                 "phone": text(50), "workplace": text(200), "primary_contact": anything,
                 "note": text(), "position": number(0, 10**6)},
    "team_membership": {"role": code(TEAM_ROLES, required=True), "since": day(),
                        "note": text()},
    # services/assessments.py
    "assessment": {"instrument": text(200, required=True), "instrument_id": text(64),
                   "assessed_on": day(required=True, not_future=True),
                   "assessor": text(100), "summary": text()},
    # services/item_scores.py
    "item_score": {"item_id": text(64, required=True), "value": score, "note": text()},
    "assessment_result": {"domain": code(DOMAINS, required=True), "score": text(100),
                          "present_level": text(), "position": number(0, 10**6)},
    # services/plans.py and team_review.py
    "plan": {"title": text(200), "period_start": day(required=True),
             "period_end": day(required=True), "review_due": day(),
             "status": code(PLAN_STATUSES, required=True), "edition": number(1, 10**6),
             **{name: text() for name in (
                 "strengths", "needs", "strategies", "adjustments", "behaviour_support",
                 "transition", "placement_statement", "resource_services",
                 "guardian_participation", "meeting_attendees", "parent_opinion")},
             "meeting_on": day(), "resource_sessions_per_week": number(0, 40),
             "approved_at": anything, "closed_at": anything},
    "plan_present_level": {"domain": code(DOMAINS, required=True), "level": text(),
                           "source": text(200), "position": number(0, 10**6)},
    "plan_goal": {"domain": code(DOMAINS), "statement": text(),
                  "position": number(0, 10**6)},
    "plan_objective": {"condition": text(), "behaviour": text(), "criterion": text(),
                       "measurement": text(), "responsible": text(100),
                       "home_tip": text(), "parent_wording": text(),
                       "start_date": day(), "target_date": day(),
                       "bank_goal_id": anything, "carried_status": code(REVIEW_CODES),
                       "position": number(0, 10**6), "mastery_percent": number(1, 100),
                       "mastery_sessions": number(1, 20), "mastery_level": counted_level},
    "objective_review": {"reviewed_on": day(required=True, not_future=True),
                         "code": code(REVIEW_CODES, required=True), "comment": text(),
                         "reviewer": text(100)},
    "plan_service": {"kind": code(SERVICE_KINDS, required=True),
                     "name": text(200, required=True), "frequency": text(100),
                     "provider": text(200), "note": text(), "start_date": day(),
                     "end_date": day(), "place": text(200), "position": number(0, 10**6)},
    "plan_review": {"person_name": text(100), "role": code(TEAM_ROLES),
                    "decision": code(REVIEW_DECISIONS, required=True),
                    "section": code(PLAN_SECTIONS), "text": text(4000),
                    "edition": number(1, 10**6), "made_at": anything},
    "plan_signature": {"name": text(100, required=True), "role": code(TEAM_ROLES),
                       "edition": number(1, 10**6), "signed_at": anything},
    "plan_revision": {"number": number(1, 10**6), "event": code(PLAN_EVENTS, required=True),
                      "status": code(PLAN_STATUSES, required=True), "made_by": text(100),
                      "made_at": anything},
    # services/lessons.py
    "lesson": {"unit_id": text(64, required=True), "title": text(200, required=True),
               "given_on": day(required=True), "notes": text()},
    "lesson_student": {"tier": tier, "adjustments": text(), "position": number(0, 10**6)},
    # services/observations.py, behaviour.py, home_visits.py
    "observation": {"observed_on": day(required=True, not_future=True), "trials": trials,
                    "duration_seconds": seconds, "frequency": number(0, 10000),
                    "rating": number(1, 5), "note": text(), "observer": text(100)},
    "behaviour_record": {"occurred_on": day(required=True, not_future=True),
                         "occurred_at": clock, "setting": text(200), "antecedent": text(),
                         "behaviour": text(2000, required=True), "consequence": text(),
                         "function": code(BEHAVIOUR_FUNCTIONS),
                         "frequency": number(0, 10000), "duration_seconds": seconds,
                         "observer": text(100), "note": text()},
    "home_visit": {"visited_on": day(required=True, not_future=True),
                   "minutes": number(1, 600, required=True),
                   "visitors": text(300, required=True),
                   "activities": text(4000, required=True), "note": text()},
    # services/intake.py, guidance.py
    "intake_record": {"step_key": text(50, required=True), "step_name": text(100),
                      "done_on": day(required=True, not_future=True), "done_by": text(100),
                      "note": text()},
    "case_guidance": {"given_on": day(required=True, not_future=True), "given_by": text(100),
                      "occasion": text(200), "seen": text(), "guidance": text(required=True),
                      "follow_up": text(), "follow_up_by": day(), "account_id": text(36)},
    # services/attachments.py (the bytes themselves are checked in package.py)
    "attachment": {"kind": code(ATTACHMENT_KINDS, required=True), "title": text(200),
                   "file_name": text(255, required=True), "media_type": anything,
                   "byte_size": number(1, MAX_FILE_BYTES, required=True),
                   "sha256": checksum, "taken_on": day(not_future=True), "note": text(),
                   "content": anything},
}

# Dates a form keeps in order: (table, earlier field, later field, the form's message).
ORDERS = (
    ("student", "birth_date", "enrolled_on", QT_TRANSLATE_NOOP(
        "Errors", "Enrolment ({later}) is before the birth date ({earlier}). Check both "
        "dates.")),
    ("placement_period", "start_date", "end_date", QT_TRANSLATE_NOOP(
        "Errors", "The placement cannot end ({later}) before it starts ({earlier}).")),
    ("plan", "period_start", "period_end", QT_TRANSLATE_NOOP(
        "Errors", "The plan cannot end ({later}) before it starts ({earlier}).")),
    ("plan_objective", "start_date", "target_date", QT_TRANSLATE_NOOP(
        "Errors", "The target date ({later}) is before the start date ({earlier}).")),
    ("plan_service", "start_date", "end_date", QT_TRANSLATE_NOOP(
        "Errors", "The service cannot end ({later}) before it starts ({earlier}).")),
)


def row_problems(table: str, row: dict, today: date) -> list[Problem]:
    """What the form would refuse in this record, as the database would hold it (fields
    named as in the file, a field left out as None or its default); `today` is the latest
    day a date in the past may be."""
    check = Checker()
    for name, rule in FIELDS[table].items():
        rule(check, name, row.get(name), today)
    for kind, earlier, later, message in ORDERS:
        if kind == table:
            check.order(earlier, row.get(earlier), later, row.get(later), message)
    return check.problems


def categories_twice(rows: list[dict]) -> Problem | None:
    """The student form takes each category once (services/students.py)."""
    check, seen = Checker(), set()
    for row in rows:
        if row["category"] in seen:
            check.add("category", QT_TRANSLATE_NOOP(
                "Errors", "The category {category} is listed twice."), category=row["category"])
        seen.add(row["category"])
    return check.problems[0] if check.problems else None
