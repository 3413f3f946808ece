"""Files kept with a student's file: scanned diagnoses, signed consent forms, the expert
committee's decision, work samples and photos, each checked before it is kept
(attachment_files.py) and shown only as a picture or a PDF page.

Lists never load a file's bytes (the column is deferred); `content` reads them for one
attachment. Whose attachments one sees and who may add them are the rules of every other
record of the file (core/access/): the store checks them at each flush."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from sqlalchemy import select

from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, IepStudioError, InvalidInput, NotFound, Problem
from ..model import Attachment, IntakeRecord, Observation, Plan, Student
from ..saving import write_whole
from ..store import Store
from ..vocabulary import ATTACHMENT_KINDS
from . import records
from .attachment_files import (
    MAX_BYTES, Shown, Undecodable, check_file, fitted_file_name, own_name, render,
)
from .validation import Checker

# What a teacher edits after a file is attached (its bytes never change).
DETAIL_FIELDS = ("title", "kind", "taken_on", "note", "plan_id", "observation_id",
                 "intake_record_id")
# What else in the file an attachment may belong to, and the kind of record each names.
LINKS = {"plan_id": Plan, "observation_id": Observation, "intake_record_id": IntakeRecord}


@dataclass(frozen=True)
class Link:
    """A record an attachment may belong to: which field names it, its id, its title (a
    plan's, an intake step's name) and its date."""

    field: str
    id: str
    title: str
    on: object  # a date, or None


@dataclass(frozen=True)
class Refused:
    """A file that was not attached, and why (in the core's English, to translate)."""

    name: str
    problem: Problem

    def text(self, translate=lambda s: s) -> str:
        return self.problem.text(translate)


class Attachments:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    # -- adding ---------------------------------------------------------------------------
    def add(self, student_id: str, file_name: str, content: bytes, kind: str = "other",
            title: str = "", taken_on=None, note: str = "", plan_id: str | None = None,
            observation_id: str | None = None, intake_record_id: str | None = None,
            id: str | None = None) -> Attachment:  # noqa: A002
        """Attach one file; raises InvalidInput saying what is wrong and what to do."""
        values = dict(kind=kind, title=title, taken_on=taken_on, note=note, plan_id=plan_id,
                      observation_id=observation_id, intake_record_id=intake_record_id)
        checked = _CheckedFile.of(file_name, content)
        with self.store.session() as s:
            return self._add(s, student_id, checked, values, id)

    def add_file(self, student_id: str, path, id: str | None = None,  # noqa: A002
                 **values) -> Attachment:
        """Attach the file at `path` (read no further than the size limit)."""
        checked = _CheckedFile.of(*read_limited(path))
        with self.store.session() as s:
            return self._add(s, student_id, checked, values, id)

    def add_files(self, student_id: str, paths: Iterable, values: dict | None = None,
                  step: Callable[[int, int], None] | None = None
                  ) -> tuple[list[Attachment], list[Refused]]:
        """Attach several files in one transaction: those that pass their checks are added,
        each refused one is returned with its reason. `step(done, total)` follows along
        as each file is read and checked (before the transaction: no other window waits
        on the files being decoded)."""
        paths = list(paths)
        files, refused = [], []
        for done, path in enumerate(paths, 1):
            try:
                files.append(_CheckedFile.of(*read_limited(path)))
            except InvalidInput as error:
                refused.append(Refused(PurePath(str(path)).name, error.problems[0]))
            if step is not None:
                step(done, len(paths))
        added = []
        with self.store.session() as s:
            for checked in files:
                try:
                    added.append(self._add(s, student_id, checked, dict(values or {})))
                except InvalidInput as error:
                    refused.append(Refused(checked.name, error.problems[0]))
        return added, refused

    def _add(self, s, student_id: str, file: _CheckedFile, values: dict,
             id: str | None = None) -> Attachment:  # noqa: A002
        if s.get(Student, student_id) is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
        check = Checker()
        checked = self._checked(s, student_id, {
            **values, "title": values.get("title") or PurePath(file.name).stem}, check)
        same = s.scalars(select(Attachment).where(Attachment.student_id == student_id,
                                                  Attachment.sha256 == file.sha256)).first()
        if same is not None:
            check.add("file", QT_TRANSLATE_NOOP(
                "Errors", "{name} is already attached to this student's file, as \"{title}\". "
                "Nothing was added."), name=file.name, title=same.title or same.file_name)
        check.raise_if_any()
        attachment = Attachment(student_id=student_id, file_name=file.name,
                                media_type=file.media_type, byte_size=len(file.content),
                                sha256=file.sha256, content=file.content, **checked)
        if id:
            attachment.id = id
        s.add(attachment)
        s.flush()
        return attachment

    # -- reading --------------------------------------------------------------------------
    def for_student(self, student_id: str) -> list[Attachment]:
        """Newest first, without their content."""
        with self.store.reading() as s:
            return list(s.scalars(
                select(Attachment).where(Attachment.student_id == student_id)
                .order_by(Attachment.taken_on.desc().nulls_last(),
                          Attachment.created_at.desc())))

    def get(self, attachment_id: str) -> Attachment:
        with self.store.reading() as s:
            return records.fetch(s, Attachment, attachment_id)

    def content(self, attachment_id: str) -> bytes:
        """The file's bytes, as they were attached."""
        with self.store.reading() as s:
            return records.fetch(s, Attachment, attachment_id).content

    def preview(self, source: str | bytes, page: int = 0, max_side: int = 1600
                ) -> tuple[bytes, int]:
        """A page of an attachment (its id) or of a file's bytes as a PNG no larger than
        `max_side` on its longest side, and how many pages it has."""
        content = self.content(source) if isinstance(source, str) else bytes(source)
        try:
            shown: Shown = render(content, None, page, max_side)
        except Undecodable:
            raise IepStudioError(QT_TRANSLATE_NOOP(
                "Errors", "This file cannot be shown: it may be damaged. Save a copy and open "
                "it on the computer where it was made.")) from None
        return shown.png, shown.page_count

    def belongs_to(self, student_id: str, also: Iterable[str] = ()) -> list[Link]:
        """What in the child's file an attachment may belong to: their plans and intake
        steps, newest first, and the observations named in `also` (those already linked:
        a child has too many observations to list them all)."""
        with self.store.reading() as s:
            plans = s.execute(select(Plan.id, Plan.title, Plan.period_start).where(
                Plan.student_id == student_id).order_by(Plan.period_start.desc())).all()
            steps = s.execute(select(IntakeRecord.id, IntakeRecord.step_name,
                                     IntakeRecord.done_on).where(
                IntakeRecord.student_id == student_id).order_by(
                IntakeRecord.done_on.desc())).all()
            seen = s.execute(select(Observation.id, Observation.observed_on).where(
                Observation.student_id == student_id, Observation.id.in_(list(also)))).all()
        return ([Link("plan_id", i, title, on) for i, title, on in plans]
                + [Link("intake_record_id", i, name, on) for i, name, on in steps]
                + [Link("observation_id", i, "", on) for i, on in seen])

    # -- changing -------------------------------------------------------------------------
    def update(self, attachment_id: str, values: dict) -> Attachment:
        """Change its title, kind, date, note or what it belongs to."""
        with self.store.session() as s:
            attachment = records.fetch(s, Attachment, attachment_id)
            current = {k: getattr(attachment, k) for k in DETAIL_FIELDS}
            check = Checker()
            checked = self._checked(s, attachment.student_id, {**current, **values}, check)
            check.raise_if_any()
            for key, value in checked.items():
                setattr(attachment, key, value)
            s.flush()
            return attachment

    def remove(self, attachment_id: str) -> dict:
        """Remove it; returns what `restore` needs to put it back whole (its bytes too)."""
        with self.store.session() as s:
            return records.remove(s, Attachment, attachment_id)

    def restore(self, kept: dict) -> Attachment:
        with self.store.session() as s:
            return records.restore(s, Attachment, kept)

    def remove_many(self, attachment_ids: Iterable[str]) -> list[dict]:
        with self.store.session() as s:
            return [records.remove(s, Attachment, i) for i in attachment_ids]

    def restore_many(self, kept: list[dict]) -> list[str]:
        with self.store.session() as s:
            return [records.restore(s, Attachment, k).id for k in kept]

    def save_copy(self, attachment_id: str, target) -> Path:
        """Write the file's bytes to `target`, whole or not at all."""
        content = self.content(attachment_id)
        return write_whole(Path(target), lambda temporary: temporary.write_bytes(content))

    # -- checks ---------------------------------------------------------------------------
    def _checked(self, s, student_id: str, values: dict, check: Checker) -> dict:
        out = {"title": check.optional_text("title", values.get("title"), 200),
               "kind": check.choice("kind", values.get("kind") or "other", ATTACHMENT_KINDS,
                                    allow_empty=False),
               "taken_on": check.date("taken_on", values.get("taken_on"),
                                      today=self.clock.today(), not_future=True),
               "note": check.optional_text("note", values.get("note"))}
        for link, kind in LINKS.items():
            linked = values.get(link) or None
            out[link] = linked
            if linked is None:
                continue
            record = s.get(kind, linked)
            if record is None or record.student_id != student_id:
                check.add(link, QT_TRANSLATE_NOOP(
                    "Errors", "What this file was to belong to is not in this student's file "
                    "(it may have been removed). Choose again from the list."))
        return out


@dataclass(frozen=True)
class _CheckedFile:
    """A file that passed its checks, ready to be kept."""

    name: str
    content: bytes = field(repr=False)
    media_type: str
    sha256: str

    @classmethod
    def of(cls, file_name: str, content: bytes, size: int | None = None) -> _CheckedFile:
        """Raises InvalidInput saying what is wrong with the file."""
        name, check = own_name(file_name), Checker()
        media_type = check_file(check, name, content, size)
        check.raise_if_any()
        return cls(fitted_file_name(name, media_type), bytes(content), media_type,
                   hashlib.sha256(content).hexdigest())


def read_limited(path) -> tuple[str, bytes, int]:
    """The file's name, bytes and size on disk, reading no more than one byte past the size
    limit: a file too large is refused by its size, never read into memory whole."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            content = stream.read(MAX_BYTES + 1)
    except OSError as error:
        problem = Problem("file", QT_TRANSLATE_NOOP(
            "Errors", "{name} cannot be read ({reason}). Check that the file is still there "
            "and that you may open it."), {"name": path.name,
                                              "reason": error.strerror or str(error)})
        raise InvalidInput([problem]) from error
    return path.name, content, max(size, len(content))


