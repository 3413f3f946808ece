"""Assessments scored item by item on an instrument (core/assessment): started, scored one
item at a time (each score saved at once, so a sitting can stop anywhere and go on
later), and read back beside the earlier assessments of the same instrument."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from ..access.visibility import UNRESTRICTED
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, IepStudioError, InvalidInput, NotFound, Problem
from ..model import Assessment, InstrumentFile, ItemScore, Student
from ..store import Store

if TYPE_CHECKING:
    from ..assessment.loading import InstrumentFolder, LoadedInstrument
    from ..units.loading import FileProblem

# The instrument and unit loaders (pydantic, YAML) are imported when an instrument is first
# read, not with the services: a command exporting an IEP never reads one.


class Instruments:
    """The instruments the app knows: those shipped with it (checked against the goal
    bank once, when first asked for) and those the school imported, kept in the database
    so every computer of the school reads the same items."""

    def __init__(self, shipped_folder: Path, goal_ids, store: Store | None = None):
        self.shipped_folder = shipped_folder
        self.store = store
        self._goal_ids = goal_ids  # a function: the goal bank is read only when needed
        self._imported: tuple[tuple, InstrumentFolder] | None = None

    @cached_property
    def shipped(self) -> InstrumentFolder:
        from ..assessment.loading import load_instruments

        return load_instruments(self.shipped_folder, set(self._goal_ids()))

    def imported(self) -> InstrumentFolder:
        """The school's own instruments, read again only when their files changed."""
        from ..assessment.loading import InstrumentFolder, load_texts

        if self.store is None:
            return InstrumentFolder()
        with self.store.reading() as s:
            key = tuple(s.execute(select(func.count(InstrumentFile.id),
                                         func.max(InstrumentFile.updated_at))).one())
            if self._imported is None or self._imported[0] != key:
                files = {f"{f.instrument_id}/{f.name}": f.text.encode("utf-8")
                         for f in s.scalars(select(InstrumentFile))}
                self._imported = (key, load_texts(files, set(self._goal_ids()), self.shipped))
        return self._imported[1]

    def all(self) -> list[LoadedInstrument]:
        return [*self.shipped.instruments.values(), *self.imported().instruments.values()]

    def is_shipped(self, instrument_id: str) -> bool:
        return instrument_id in self.shipped.instruments

    def import_folder(self, folder: Path) -> tuple[list[str], list[FileProblem]]:
        """Import every instrument of a folder, all or nothing: with any problem, nothing
        is imported and each problem is listed. One imported again replaces the earlier
        copy (a school's corrected tables, say). Returns (ids imported, problems)."""
        from ..assessment.loading import load_instruments
        from ..units.loading import FileProblem

        found = load_instruments(Path(folder), set(self._goal_ids()))
        problems = list(found.problems)
        problems += [FileProblem(loaded.file, None, "id", QT_TRANSLATE_NOOP(
            "Units", "The id \"{id}\" is IEP Studio's own instrument. Give yours another "
            "id."), {"id": loaded.header.id})
            for loaded in found.instruments.values() if self.is_shipped(loaded.header.id)]
        if not found.instruments and not problems:
            problems.append(FileProblem(str(folder), None, "", QT_TRANSLATE_NOOP(
                "Units", "No instrument.yaml in this folder: an instrument is a folder with "
                "its instrument.yaml and one file per domain.")))
        if problems:
            return [], problems
        root = Path(folder)
        with self.store.session() as s:
            for loaded in found.instruments.values():
                s.execute(delete(InstrumentFile).where(
                    InstrumentFile.instrument_id == loaded.header.id))
                for name in (loaded.file, *loaded.domain_files):  # as the loader read them
                    s.add(InstrumentFile(instrument_id=loaded.header.id, name=name[:300],
                                         text=(root / name).read_text(encoding="utf-8")))
        return list(found.instruments), []

    def remove(self, instrument_id: str) -> None:
        """Remove an imported instrument no assessment was scored on."""
        if self.is_shipped(instrument_id):
            raise IepStudioError(QT_TRANSLATE_NOOP(
                "Errors", "IEP Studio's own instrument cannot be removed."))
        with self.store.session() as s:
            used = s.scalar(select(func.count(Assessment.id)).where(
                Assessment.instrument_id == instrument_id).execution_options(
                **{UNRESTRICTED: True}))  # anyone's: the items must stay readable for all
            if used:
                raise IepStudioError(QT_TRANSLATE_NOOP(
                    "Errors", "{count} assessments were scored on this instrument, so it "
                    "stays: their items must remain readable. Import a corrected copy "
                    "instead."), count=used)
            s.execute(delete(InstrumentFile).where(
                InstrumentFile.instrument_id == instrument_id))

    def get(self, instrument_id: str) -> LoadedInstrument:
        loaded = (self.shipped.instruments.get(instrument_id)
                  or self.imported().instruments.get(instrument_id))
        if loaded is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "The instrument this assessment was scored on is not installed "
                "here. Import its files (Library, Instruments) to see its items."))
        return loaded


@dataclass(frozen=True)
class Scored:
    """An item's score as saved: its value (None for N/A) and the note."""

    value: float | None
    note: str = ""


NOT_SCORED = object()  # what `score` returns for an item that had no score before


class ItemScoring:
    def __init__(self, store: Store, instruments: Instruments, clock: Clock | None = None):
        self.store = store
        self.instruments = instruments
        self.clock = clock if clock is not None else store.clock

    def start(self, student_id: str, instrument_id: str, assessed_on: date | str | None = None,
              assessor: str = "", language: str = "zh_CN",
              id: str | None = None) -> Assessment:  # noqa: A002
        """A new assessment on an instrument, with nothing scored yet; dated today unless
        said otherwise. `id`: the same one again (redo)."""
        from .assessments import checked_date

        loaded = self.instruments.get(instrument_id)
        day = checked_date(assessed_on or self.clock.today(), self.clock.today())
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            assessment = Assessment(student_id=student_id, instrument_id=instrument_id,
                                    instrument=loaded.header.title.get(language)[:200],
                                    assessed_on=day, assessor=(assessor or "").strip()[:100])
            if id:
                assessment.id = id
            s.add(assessment)
            s.flush()
            return assessment

    def scores(self, assessment_id: str) -> dict[str, Scored]:
        """Item id -> its score, for every item scored so far."""
        with self.store.reading() as s:
            self._assessment(s, assessment_id)
            return {row.item_id: Scored(row.value, row.note) for row in s.scalars(
                select(ItemScore).where(ItemScore.assessment_id == assessment_id))}

    def present_levels(self, assessment_id: str, language: str) -> dict[str, str]:
        """Where the child stands in each domain scored, in words ({domain: level}), as a
        plan's present levels are drafted from it; none if its instrument is gone."""
        with self.store.reading() as s:
            assessment = self._assessment(s, assessment_id)
            return self.levels_in(s, assessment, language)

    def levels_in(self, _s, assessment, language: str) -> dict[str, str]:
        """`present_levels` of an assessment loaded with its item scores, in the caller's
        session (a plan is made in one transaction)."""
        from ..assessment.drafting import present_level, read_scores

        try:
            instrument = self.instruments.get(assessment.instrument_id)
        except IepStudioError:  # removed since: the levels are simply not drafted
            return {}
        scores = {row.item_id: Scored(row.value, row.note) for row in assessment.item_scores}
        return {d.domain: present_level(d, language) for d in read_scores(instrument, scores)}

    def score(self, assessment_id: str, item_id: str, value: float | None,
              note: str | None = None):
        """Save one item's score (None: N/A) and, when given, its note. Returns what was
        there before (a Scored, or NOT_SCORED), for undo."""
        with self.store.session() as s:
            assessment = self._assessment(s, assessment_id)
            placed = self._item(assessment, item_id)
            scale = self.instruments.get(assessment.instrument_id).header.scale(
                placed.item.scale)
            if value is None and not scale.not_applicable:
                raise InvalidInput([Problem("value", QT_TRANSLATE_NOOP(
                    "Errors", "This item's scale has no N/A: give one of its values."))])
            if value is not None and scale.point(value) is None:
                raise InvalidInput([Problem("value", QT_TRANSLATE_NOOP(
                    "Errors", "{value} is not on this item's scale; its values are {values}."),
                    {"value": f"{value:g}", "values": ", ".join(
                        f"{p.value:g}" for p in scale.points)})])
            row = s.scalar(select(ItemScore).where(ItemScore.assessment_id == assessment_id,
                                                   ItemScore.item_id == item_id))
            before = NOT_SCORED if row is None else Scored(row.value, row.note)
            if row is None:
                row = ItemScore(assessment_id=assessment_id, item_id=item_id, note="")
                s.add(row)
            row.value = value
            if note is not None:
                row.note = note.strip()
            s.flush()
            return before

    def clear(self, assessment_id: str, item_id: str):
        """Take an item's score away (Backspace, or undoing a first score); returns what
        was there, for undo."""
        with self.store.session() as s:
            self._assessment(s, assessment_id)
            row = s.scalar(select(ItemScore).where(ItemScore.assessment_id == assessment_id,
                                                   ItemScore.item_id == item_id))
            if row is None:
                return NOT_SCORED
            before = Scored(row.value, row.note)
            s.delete(row)
            return before

    def put_back(self, assessment_id: str, item_id: str, before) -> None:
        """Undo: the item as it was (`before`, from `score` or `clear`)."""
        if before is NOT_SCORED:
            self.clear(assessment_id, item_id)
        else:
            self.score(assessment_id, item_id, before.value, before.note)

    def of_instrument(self, student_id: str, instrument_id: str) -> list[tuple[Assessment, dict]]:
        """Every assessment of this student on this instrument, oldest first, each with
        its scores: what the profile compares."""
        with self.store.reading() as s:
            assessments = list(s.scalars(
                select(Assessment).where(Assessment.student_id == student_id,
                                         Assessment.instrument_id == instrument_id)
                .order_by(Assessment.assessed_on, Assessment.created_at)))
            rows = s.scalars(select(ItemScore).where(
                ItemScore.assessment_id.in_([a.id for a in assessments])))
            scores: dict[str, dict[str, Scored]] = {a.id: {} for a in assessments}
            for row in rows:
                scores[row.assessment_id][row.item_id] = Scored(row.value, row.note)
            return [(a, scores[a.id]) for a in assessments]

    def _item(self, assessment: Assessment, item_id: str):
        placed = self.instruments.get(assessment.instrument_id).item(item_id)
        if placed is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This item is not in the instrument."))
        return placed

    @staticmethod
    def _assessment(s, assessment_id: str) -> Assessment:
        assessment = s.get(Assessment, assessment_id)
        if assessment is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This assessment no longer exists."))
        if not assessment.instrument_id:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "This assessment was recorded per domain, not item by item."))
        return assessment
