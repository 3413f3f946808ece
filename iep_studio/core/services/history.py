"""A student file's history, read from the audit log: who changed what, when, from what."""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from ..errors import QT_TRANSLATE_NOOP, StorageError
from ..model import AuditEntry, Person
from ..store import Store
from ..iep.terms import PLAN_EVENTS, PLAN_FIELDS, PLAN_STATUSES, REVIEW_DECISIONS, SERVICE_KINDS
from ..vocabulary import (
    ATTACHMENT_KINDS, BEHAVIOUR_FUNCTIONS, CATEGORIES, DEGREES, DOMAINS, FIELD_LABELS,
    GUIDANCE_FIELDS, PLACEMENTS, RECORD_KINDS, RELATIONSHIPS, SEXES, STATUSES, TEAM_ROLES,
)

ACTIONS = {"added": ("新增", "Added"), "changed": ("修改", "Changed"),
           "removed": ("删除", "Removed")}


@dataclass(frozen=True)
class Change:
    """One field of one entry, as a row of the history table."""

    at: datetime
    actor: str
    kind: str  # the record's table
    action: str
    field: str
    before: object  # as the log keeps it (JSON); shown by `row`
    after: object

    def row(self, language: str) -> list[str]:
        zh = language.startswith("zh")
        return [self.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), self.actor,
                RECORD_KINDS.label(self.kind, language),
                ACTIONS.get(self.action, (self.action,) * 2)[0 if zh else 1],
                field_label(self.kind, self.field, language),
                shown(self.kind, self.field, self.before, language),
                shown(self.kind, self.field, self.after, language)]


def shown(kind: str, field: str, value, language: str) -> str:
    """A logged value as a teacher reads it: names for codes, yes/no, dates to the
    minute."""
    zh = language.startswith("zh")
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if isinstance(value, list):
        return ("、" if zh else ", ").join(str(v) for v in value)
    text = str(value)
    if _TIMESTAMP.match(text):
        return text[:16].replace("T", " ")
    return value_label(kind, field, text, language)


_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
# Not shown: where a record hangs (ids), its place in a list, frozen copies, search keys,
# an intake step's key (its name is logged beside it).
HIDDEN = re.compile(r".*_id$|^position$|.*snapshot$|^name_latin$|^objective_ids$|^step_key$")
# Ids of people, shown by name.
PEOPLE = frozenset({"person_id", "author_id"})


# Fields holding a code of the vocabulary: shown by name, as the forms show them.
CODED = {"domain": DOMAINS, "category": CATEGORIES, "placement": PLACEMENTS,
         "status": STATUSES, "sex": SEXES, "role": TEAM_ROLES, "degree": DEGREES,
         "relationship_": RELATIONSHIPS, "function": BEHAVIOUR_FUNCTIONS,
         "event": PLAN_EVENTS, "decision": REVIEW_DECISIONS, "kind": SERVICE_KINDS}


# Fields whose codes mean something else in one kind of record.
CODED_IN = {("plan", "status"): PLAN_STATUSES, ("attachment", "kind"): ATTACHMENT_KINDS}


def value_label(kind: str, field: str, value: str, language: str) -> str:
    vocabulary = CODED_IN.get((kind, field)) or CODED.get(field)
    if vocabulary is None or not value:
        return value
    if field == "domain" and "." in value and value not in vocabulary:
        return vocabulary.label(value.split(".")[0], language)  # a sub-domain: its area
    return vocabulary.label(value, language)


def field_label(kind: str, field: str, language: str) -> str:
    """A column as the forms name it: the plan's fields as the plan does."""
    if kind == "plan" and field in PLAN_FIELDS:
        return PLAN_FIELDS.label(field, language)
    if kind == "case_guidance" and field in GUIDANCE_FIELDS:
        return GUIDANCE_FIELDS.label(field, language)
    if field in FIELD_LABELS:
        return FIELD_LABELS.label(field, language)
    return field.replace("_", " ")


def headings(language: str) -> list[str]:
    if language.startswith("zh"):
        return ["时间", "修改人", "内容", "操作", "字段", "修改前", "修改后"]
    return ["When", "Who", "What", "Action", "Field", "Before", "After"]


class History:
    def __init__(self, store: Store):
        self.store = store

    def for_student(self, student_id: str, limit: int | None = None) -> list[Change]:
        """Newest first; one row per changed field."""
        with self.store.reading() as s:
            query = (select(AuditEntry).where(AuditEntry.student_id == student_id)
                     .order_by(AuditEntry.at.desc(), AuditEntry.id))
            if limit:
                query = query.limit(limit)
            entries = list(s.scalars(query))
            people = dict(s.execute(select(Person.id, Person.full_name).where(Person.id.in_(
                {v for e in entries for f, pair in (e.changes or {}).items() if f in PEOPLE
                 for v in pair if v}))).all()) if entries else {}
        changes = []
        for entry in entries:
            at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=timezone.utc)
            fields = entry.changes or {"": [None, None]}
            for field, (before, after) in fields.items():
                if field in PEOPLE:
                    before, after = people.get(before, before), people.get(after, after)
                elif HIDDEN.match(field):
                    continue
                changes.append(Change(at, entry.actor, entry.table_name, entry.action, field,
                                      before, after))
        return changes

    def last_change(self, record_id: str) -> tuple[str, datetime] | None:
        """Who last changed a record, and when (for 'saved by … while you were editing')."""
        with self.store.reading() as s:
            row = s.execute(select(AuditEntry.actor, AuditEntry.at)
                            .where(AuditEntry.record_id == record_id)
                            .order_by(AuditEntry.at.desc()).limit(1)).first()
        if row is None:
            return None
        actor, at = row
        return actor, at if at.tzinfo else at.replace(tzinfo=timezone.utc)

    def export_csv(self, student_id: str, path: Path, language: str) -> int:
        """Write the history as a CSV file spreadsheets open in Chinese (UTF-8 with a byte
        order mark, which Excel needs). Returns the number of rows."""
        changes = self.for_student(student_id)
        temporary = Path(f"{path}.part")
        try:
            with open(temporary, "w", encoding="utf-8-sig", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(headings(language))
                for change in changes:
                    writer.writerow(change.row(language))
            os.replace(temporary, path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise StorageError(QT_TRANSLATE_NOOP(
                "Errors", "The history could not be written to {path} ({reason}). Choose "
                "another folder or free some space."), path=str(path),
                reason=exc.strerror or str(exc)) from exc
        return len(changes)
