"""Every change is checked against the signed-in account's role and written to the audit
log, in the same transaction as the change itself.

Both happen in a session event after each flush: by then a record added to its parent's
list has its parent's id, so it can be traced to its student, and the transaction is
still open, so a refusal rolls the whole change back and the log can neither miss a saved
change nor record one that was undone. Services need not remember either.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, event, insert, inspect, select
from sqlalchemy.orm import Session, object_session

from ..access.rules import (
    ADMINISTRATOR, SCHOOL_FACTS, Actor, refuse_guidance_change, refuse_role,
    refuse_school_facts, refuse_student,
)
from ..access.visibility import UNRESTRICTED, my_students, restricted
from ..model.base import Base, new_id
from .changes import Change
from ..model import (
    Account, Assessment, AuditEntry, CaseGuidance, Objective, Plan, PlanGoal, School, Student,
    TeamMembership,
)

# Bookkeeping columns: every save changes them, so logging them would drown what changed.
QUIET = frozenset({"created_at", "updated_at", "version"})
SECRET = frozenset({"password_hash"})
# An attachment's bytes: its name, size and SHA-256 are logged beside them, which say which
# file it was; the log would otherwise hold a copy of every scan.
UNLOGGED = frozenset({"content"})
OWN_ACCOUNT_FIELDS = frozenset({"password_hash", "last_signed_in", "display_name"})


def watch(store, sessions) -> None:
    event.listen(sessions, "before_flush", _refuse_before_the_server)
    event.listen(sessions, "after_flush", lambda session, _ctx: _after_flush(store, session))


def _refuse_before_the_server(session: Session, _ctx, _instances) -> None:
    """A change or removal the role may not make is refused before its statement is sent:
    on a shared server the row-level security would otherwise hide the row from the
    UPDATE, and the save would look like someone else's newer edit. (Accounts are left to
    the check after the flush, which knows one's own password from another's role.)"""
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        return
    for obj in [*session.dirty, *session.deleted]:
        changing = obj in session.deleted or session.is_modified(obj, include_collections=False)
        if (not isinstance(obj, (Account, AuditEntry)) and not actor.may_write(obj.__tablename__)
                and changing):
            raise refuse_role()
        if isinstance(obj, CaseGuidance) and changing and actor.role != ADMINISTRATOR:
            written_by = inspect(obj).committed_state.get("account_id", obj.account_id)
            if written_by != actor.account_id or obj.account_id != written_by:
                raise refuse_guidance_change()
    for obj in session.new:
        # Stamped as the server stamps it: the writer is whoever is signed in.
        if isinstance(obj, CaseGuidance) and actor.role != ADMINISTRATOR:
            obj.account_id = actor.account_id


@event.listens_for(Base, "after_delete", propagate=True)
def _note_removal(_mapper, _connection, target) -> None:
    # A record dropped from its parent's list (delete-orphan) is deleted by the flush
    # without ever being in session.deleted; the mapper event sees every deletion.
    session = object_session(target)
    if session is not None:
        session.info.setdefault("removed", []).append(target)


def _after_flush(store, session: Session) -> None:
    actor: Actor | None = session.info.get("actor")
    changed = [(obj, "added") for obj in session.new]
    # A record whose list of children changed (a signature added to a plan) is not itself
    # changed: only its columns count.
    changed += [(obj, "changed") for obj in session.dirty
                if session.is_modified(obj, include_collections=False)]
    removed = {id(obj): obj for obj in [*session.deleted, *session.info.pop("removed", [])]}
    changed += [(obj, "removed") for obj in removed.values()]
    changed = [(obj, action) for obj, action in changed if not isinstance(obj, AuditEntry)]
    if not changed:
        return
    entries = []
    clock = session.info["clock"]  # the services' clock: see Store._open
    visible = _visible_students(store, session, actor, changed)
    for obj, action in changed:
        table = obj.__tablename__
        student_id = student_of(session, obj)
        changes = _changes(obj, action)
        # What the operation changed, handed to the window when the transaction commits.
        session.info.setdefault("changes", []).append(
            Change(table, str(obj.id), action, student_id))
        if actor is not None:
            # Anyone may change their own password and name; role, person and whether the
            # account may sign in are an administrator's to change.
            own_account = (isinstance(obj, Account) and obj.id == actor.account_id
                           and action == "changed" and set(changes) <= OWN_ACCOUNT_FIELDS)
            if not own_account and not actor.may_write(table):
                raise refuse_role()
            if (isinstance(obj, School) and actor.role != ADMINISTRATOR
                    and set(changes) & SCHOOL_FACTS):
                raise refuse_school_facts()
            if visible is not None and student_id is not None and student_id not in visible:
                raise refuse_student()
        if not store.auditing:
            continue
        if action == "changed" and not changes:
            continue
        entries.append(dict(
            id=new_id(), at=clock.now(), account_id=actor.account_id if actor else None,
            actor=actor.name if actor else store.system_actor, student_id=student_id,
            table_name=table, record_id=str(obj.id), action=action, changes=changes))
    if entries:  # written with the change, in the same transaction
        session.execute(insert(AuditEntry), entries)


def _visible_students(store, session: Session, actor: Actor | None, changed) -> set | None:
    """The students this actor may change, or None for all of them."""
    if not restricted(actor):
        return None
    if "team_students" not in session.info:  # once per transaction, not once per flush
        session.info["team_students"] = set(session.scalars(my_students(actor)))
    visible = session.info["team_students"]
    # A file made in this transaction, or joining its team in it (an import writes its
    # records over several flushes).
    made = session.info.setdefault("made_students", set())
    for obj, action in changed:
        if action == "added" and isinstance(obj, Student):
            made.add(obj.id)
        if (action == "added" and isinstance(obj, TeamMembership)
                and obj.person_id == actor.person_id):
            made.add(obj.student_id)
    return visible | made


def student_of(session: Session, obj) -> str | None:
    """The student a record belongs to (None for room, school and library records). A
    record appended to its parent's list has its parent set but not yet its parent's id."""
    if obj is None:
        return None
    if isinstance(obj, Student):
        return obj.id
    if hasattr(obj, "student_id"):
        parent = getattr(obj, "student", None)
        return obj.student_id or (parent.id if parent is not None else None)
    for relation, column, cls in (("assessment", "assessment_id", Assessment),
                                  ("objective", "objective_id", Objective),
                                  ("goal", "goal_id", PlanGoal), ("plan", "plan_id", Plan)):
        if hasattr(obj, column):
            parent = getattr(obj, relation, None)
            if parent is None and getattr(obj, column):
                # Past the rule on whose files one sees: this decides that very question.
                parent = session.get(cls, getattr(obj, column),
                                     execution_options={UNRESTRICTED: True})
            return student_of(session, parent)
    return None


def _changes(obj, action: str) -> dict:
    """{field: [before, after]} for the columns that changed (all of them when a record is
    added or removed, leaving out empty ones)."""
    state = inspect(obj)
    changes = {}
    for column in state.mapper.column_attrs:
        key = column.key
        if (key in QUIET or key in UNLOGGED or key == "id"
                or not isinstance(column.expression, Column)):
            continue  # bookkeeping, or a value computed from the others (has_password)
        if action == "changed":
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before == after:
                continue
        else:
            value = state.attrs[key].value if key in state.dict or action == "added" else (
                getattr(obj, key, None))
            if value in (None, "", [], {}):
                continue
            before, after = (None, value) if action == "added" else (value, None)
        if key in SECRET:
            before, after = ("***" if before else None), ("***" if after else None)
        changes[key] = [_plain(before), _plain(after)]
    return changes


def _plain(value):
    """A value as JSON keeps it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
