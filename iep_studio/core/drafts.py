"""Text typed but not yet saved, kept beside the database so a crash, a full disk or a
lost server connection never loses it; offered back at the next start.

One small JSON file per field being edited, written through a temporary file (a crash
while writing leaves the previous draft, never half of one), removed once the text is
saved. Plain files rather than the database: the database may be exactly what failed.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    kind: str  # the record's table: student, plan, plan_goal, plan_objective
    record_id: str
    field: str
    label: str  # the field's label as the teacher saw it
    owner: str  # whose file or plan: the student's name
    text: str  # as the field showed it (a date as typed, a number as digits)
    saved_at: str = ""
    account_id: str = ""  # whose: offered back only to the same account

    @property
    def key(self) -> str:
        return draft_key(self.account_id, self.kind, self.record_id, self.field)


def draft_key(account_id: str, kind: str, record_id: str, field: str) -> str:
    """One draft per account and field: another person's save never touches mine."""
    return f"{account_id}:{kind}:{record_id}:{field}"


class Drafts:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / (hashlib.sha1(key.encode()).hexdigest()[:20] + ".json")

    def keep(self, draft: Draft) -> None:
        """Write (or replace) the draft of one field. Never raises: a draft is a safety
        net, and a full disk must not interrupt typing."""
        draft = Draft(**{**asdict(draft), "saved_at": datetime.now().isoformat(timespec="seconds")})
        path = self._path(draft.key)
        temporary = path.with_suffix(".tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(asdict(draft), ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, path)
        except (OSError, TypeError, ValueError) as error:
            log.warning("draft not kept: %s", error)

    def drop(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except OSError as error:
            log.warning("draft not removed: %s", error)

    def all(self, account_id: str | None = None) -> list[Draft]:
        """The drafts left (of one account, when given), oldest first; an unreadable one
        is skipped (and logged)."""
        drafts = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                drafts.append(Draft(**json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError) as error:
                log.warning("draft %s unreadable: %s", path.name, error)
        if account_id is not None:
            drafts = [d for d in drafts if d.account_id == account_id]
        return sorted(drafts, key=lambda d: d.saved_at)


def put_back(services, draft: Draft) -> None:
    """Save a draft's text into its record (raises what the save raises)."""
    changes = {draft.field: draft.text}
    if draft.kind == "student":
        services.students.update(draft.record_id, changes)
    elif draft.kind == "plan":
        services.plans.update(draft.record_id, changes)
    elif draft.kind == "plan_goal":
        services.plans.update_goal(draft.record_id, changes)
    elif draft.kind == "plan_objective":
        services.plans.update_objective(draft.record_id, changes)
    else:
        raise ValueError(f"no way to put back a draft of {draft.kind}")


def as_text(value) -> str:
    """A saved value as a field shows it, to compare with a draft."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def saved_value(services, draft: Draft):
    """What the record holds now for the draft's field (None if it is gone or not the
    signed-in person's to see)."""
    from .model import Objective, Plan, PlanGoal, Student

    kinds = {"student": Student, "plan": Plan, "plan_goal": PlanGoal, "plan_objective": Objective}
    if draft.kind not in kinds:
        return None
    # The session's rule hides a record of a student the person may not see.
    with services.store.reading() as s:
        record = s.get(kinds[draft.kind], draft.record_id)
        return None if record is None else getattr(record, draft.field, None)
