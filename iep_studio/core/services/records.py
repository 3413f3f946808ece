"""Removing a record and putting it back (undo): a removed row is kept as a plain dict of
its columns, and restoring inserts the same row again under the same id."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..access.rules import refuse_removal
from ..access.visibility import UNRESTRICTED
from ..errors import QT_TRANSLATE_NOOP, NotFound


def values_of(row) -> dict:
    """Every column but the version counter (a restored row starts a new count)."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key != "version"}


def fetch(s: Session, cls, row_id: str):
    row = s.get(cls, row_id)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "This entry no longer exists. Someone may have removed it; the list "
            "has been refreshed."))
    return row


def remove(s: Session, cls, row_id: str) -> dict:
    row = fetch(s, cls, row_id)
    kept = values_of(row)
    s.delete(row)
    return kept


def restore(s: Session, cls, kept: dict):
    row = cls(**kept)
    s.add(row)
    s.flush()
    return row


def remove_keeping_links(s: Session, cls, row_id: str, link) -> dict:
    """Remove a row; the records pointing at it through `link` (a column attribute such
    as WeeklyActivity.theme_id) stay, their link emptied by the database, and are
    listed so `restore_with_links` can link them again."""
    linked = list(s.scalars(select(link.class_.id).where(link == row_id)))
    # Records of another team's students may point here too (a session's observations):
    # their links would be emptied by someone who cannot see them, or put them back.
    every = s.scalar(select(func.count()).select_from(link.class_).where(link == row_id),
                     execution_options={UNRESTRICTED: True})
    if every > len(linked):
        raise refuse_removal()
    return {**remove(s, cls, row_id), "_linked": linked}


def restore_with_links(s: Session, cls, kept: dict, link):
    kept = dict(kept)
    linked = kept.pop("_linked", [])
    row = restore(s, cls, kept)
    for record in s.scalars(select(link.class_).where(link.class_.id.in_(linked))):
        setattr(record, link.key, row.id)
    return row


def current_value(store, cls, row_id: str, field: str):
    """One field of one record as saved now (None if the record is gone)."""
    with store.reading() as s:
        row = s.get(cls, row_id)
        return getattr(row, field) if row is not None else None
