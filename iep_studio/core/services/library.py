"""The course-unit library: shipped units (read-only files) and units written in the app;
the goal bank; duplicating, importing and exporting units."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, Problem
from ..model import UserCourseUnit
from ..store import Store

# The unit files' schema (pydantic), YAML and their loading are imported where they are
# used: every window and command makes the library, few open it, and loading them costs
# as much as all the other services together.
if TYPE_CHECKING:
    from ..units.loading import FileProblem, Library
    from ..units.schema import CourseUnit, Goal, LongTermGoal
    from ..units.search import GoalFilter, UnitFilter


@dataclass(frozen=True)
class UnitEntry:
    unit: CourseUnit
    shipped: bool  # shipped units are read-only: copy them to adapt
    version: int | None = None  # of a user unit, for refusing stale saves


class CourseLibrary:
    def __init__(self, store: Store, shipped_folder: Path, centres=None, own_goals=None):
        self.store = store
        self.centres = centres  # UnitCentres: the apparatus and situations the school added
        self.own_goals = own_goals  # OwnGoals: the goals the school added to the bank
        self.shipped_folder = Path(shipped_folder)
        self._shipped: Library | None = None
        self._texts: dict[tuple[str, str], tuple[object, str]] = {}

    # -- reading --------------------------------------------------------------------------
    def shipped(self) -> Library:
        """The files that come with the app, read once."""
        if self._shipped is None:
            from ..units.loading import read_shipped

            self._shipped = read_shipped(self.shipped_folder)
        return self._shipped

    def entries(self) -> list[UnitEntry]:
        """Every unit, shipped first, then the ones written here."""
        from ..units.schema import CourseUnit

        entries = [UnitEntry(u, True) for u in self.shipped().units.values()]
        context = self.context()
        with self.store.reading() as s:
            for record in s.scalars(select(UserCourseUnit).where(
                    UserCourseUnit.archived.is_(False)).order_by(UserCourseUnit.unit_id)):
                entries.append(UnitEntry(CourseUnit.model_validate(
                    record.document, context=context), False, record.version))
        return entries

    def get(self, unit_id: str) -> UnitEntry:
        for entry in self.entries():
            if entry.unit.id == unit_id:
                return entry
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "The course unit \"{id}\" no longer "
                                         "exists."), id=unit_id)

    def search_units(self, flt: UnitFilter) -> list[UnitEntry]:
        from ..units.search import unit_matches

        return [e for e in self.entries() if unit_matches(e.unit, self._text(e.unit), flt)]

    def goal_bank(self, archived: bool = False) -> dict[str, Goal]:
        """The goal bank by id: the shipped goals, then the school's own. `archived`: the
        own goals the school archived too (a plan that took one still finds it)."""
        own = self.own_goals.bank(archived) if self.own_goals is not None else {}
        return {**self.shipped().goals, **own}

    def search_goals(self, flt: GoalFilter) -> list[Goal]:
        """Shipped goals, then the school's own; one of those written for every age
        (no age band) is found whatever the age asked for."""
        from dataclasses import replace

        from ..units.search import goal_matches

        any_age = replace(flt, age_band="")
        return [g for g in self.goal_bank().values()
                if goal_matches(g, self._text(g), flt if g.age_band else any_age)]

    def search_long_term_goals(self, flt: GoalFilter) -> list[LongTermGoal]:
        """Long-term goals matching the filter by their own words or by those of the
        objectives they group (searching "握笔" finds the goal about writing)."""
        from ..units.search import goal_matches

        library = self.shipped()
        found = []
        for long_term in library.long_term_goals.values():
            text = " ".join([self._text(long_term)] + [
                self._text(library.goals[i]) for i in long_term.objectives])
            if goal_matches(long_term, text, flt):
                found.append(long_term)
        return found

    def _text(self, item) -> str:
        """Search text per unit or goal, built once. Keyed by id, so memory stays bounded;
        a unit re-read from the database (a new object) gets its text built again."""
        key = (type(item).__name__, item.id)
        cached = self._texts.get(key)
        if cached is None or cached[0] is not item:
            from ..units.search import haystack

            text = haystack(item)
            if getattr(self.own_goals, "is_own", lambda _id: False)(item.id):
                text += "\n" + self.own_goals.search_words  # "本校" finds them all
            cached = self._texts[key] = (item, text)
        return cached[1]

    # -- writing --------------------------------------------------------------------------
    def save_unit(self, document: dict, expected_version: int | None = None,
                  replacing: str | None = None, copied_from: str = "") -> UnitEntry:
        """Validate and save a unit written in the app. `replacing` is the id it had
        before (an id may be renamed while editing)."""
        unit = validate_unit(document, self.context())
        if unit.id in self.shipped().units:
            raise _invalid("id", QT_TRANSLATE_NOOP(
                "Errors", "\"{id}\" is the id of a shipped unit. Give your unit its own id."),
                id=unit.id)
        with self.store.session() as s:
            record = s.scalar(select(UserCourseUnit).where(
                UserCourseUnit.unit_id == (replacing or unit.id)))
            clash = s.scalar(select(UserCourseUnit).where(UserCourseUnit.unit_id == unit.id))
            if clash is not None and clash is not record:
                raise _invalid("id", QT_TRANSLATE_NOOP(
                    "Errors", "Another unit already has the id \"{id}\"."), id=unit.id)
            if record is None:
                record = UserCourseUnit(unit_id=unit.id, copied_from=copied_from)
                s.add(record)
            elif expected_version is not None and record.version != expected_version:
                from .students import _conflict

                raise _conflict()
            record.unit_id = unit.id
            record.document = unit.model_dump(mode="json", exclude_none=True)
            record.archived = False
            s.flush()
            return UnitEntry(unit, False, record.version)

    def duplicate(self, unit_id: str) -> UnitEntry:
        """Copy any unit (a shipped one too) as a new unit to adapt."""
        source = self.get(unit_id).unit
        taken = {e.unit.id for e in self.entries()}
        new_id, n = f"{unit_id}-copy", 2
        while new_id in taken:
            new_id, n = f"{unit_id}-copy-{n}", n + 1
        document = source.model_dump(mode="json", exclude_none=True)
        document["id"] = new_id[:64]
        title = document["title"]
        title["zh"] = (title.get("zh") or "") and title["zh"] + "（副本）"
        title["en"] = (title.get("en") or "") and title["en"] + " (copy)"
        return self.save_unit(document, copied_from=unit_id)

    def remove_unit(self, unit_id: str) -> None:
        with self.store.session() as s:
            record = s.scalar(select(UserCourseUnit).where(UserCourseUnit.unit_id == unit_id))
            if record is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "Shipped units cannot be removed; "
                                                 "only units written here can."))
            record.archived = True

    def import_folder(self, folder: Path) -> tuple[list[str], list[FileProblem]]:
        """Import every valid unit file of a folder; report the rest. Returns (ids saved,
        problems)."""
        from ..units.loading import load_folder

        library = load_folder(folder, self.context())
        return self._import(library)

    def import_files(self, files: list[Path]) -> tuple[list[str], list[FileProblem]]:
        from ..units.loading import Library, add_path

        library = Library()
        for path in files:
            add_path(library, Path(path).name, Path(path), context=self.context())
        return self._import(library)

    def context(self) -> dict | None:
        """What unit validation needs to know: the school's own apparatus and situations."""
        return self.centres.context() if self.centres is not None else None

    def _import(self, library: Library) -> tuple[list[str], list[FileProblem]]:
        from ..units.loading import FileProblem

        saved, problems = [], list(library.problems)
        present = {e.unit.id for e in self.entries() if not e.shipped}
        for unit_id, unit in library.units.items():
            if unit_id in present:  # never overwrite a teacher's unit by importing
                problems.append(FileProblem(
                    library.sources[unit_id], None, "id", QT_TRANSLATE_NOOP(
                        "Units", "A unit with the id \"{id}\" is already in your library. "
                        "Change the id in the file to import it as a new unit."),
                    {"id": unit_id}))
                continue
            try:
                self.save_unit(unit.model_dump(mode="json", exclude_none=True))
                saved.append(unit_id)
            except InvalidInput as error:
                problems.append(FileProblem(library.sources[unit_id], None, "id",
                                            error.problems[0].message, error.problems[0].params))
        return saved, problems

    def export_unit(self, unit_id: str, path: Path) -> Path:
        """Write a unit as a YAML file others can import or check."""
        unit = self.get(unit_id).unit
        text = unit_yaml(unit)
        Path(path).write_text(text, encoding="utf-8")
        return Path(path)


def unit_yaml(unit: CourseUnit) -> str:
    import yaml

    # No folding of long lines: a folded Chinese sentence is hard to edit as text.
    return yaml.safe_dump(unit.model_dump(mode="json", exclude_none=True), allow_unicode=True,
                          sort_keys=False, width=10_000)


def validate_unit(document: dict, context: dict | None = None) -> CourseUnit:
    """The unit, or InvalidInput with one problem per field path (for the editor)."""
    from pydantic import ValidationError

    from ..units.loading import problem_message
    from ..units.schema import CourseUnit

    try:
        return CourseUnit.model_validate(document, context=context)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            message, params = problem_message(item)
            problems.append(Problem(".".join(map(str, item["loc"])), message, params))
        raise InvalidInput(problems) from error


def _invalid(field: str, message: str, **params) -> InvalidInput:
    return InvalidInput([Problem(field, message, params)])
