"""Reading instrument folders, with a plain report of every problem, as for course units:
a problem names the file, the line, the field, what is wrong and what was expected, and
one bad file never stops the others from loading.

A folder may hold several instruments, each an `instrument.yaml` and its domain files
(any names, in any subfolders). Beyond each file's own format, the folder is checked as a
whole: every domain file belongs to an instrument of the folder, no instrument has a
domain twice, ids are not repeated, each item's scale is one the instrument declares,
its age band one the instrument covers, and each objective it leads to is in the goal
bank.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from ..errors import QT_TRANSLATE_NOOP
from ..units import yaml_limits
from ..units.loading import FileProblem, Library, _line, _validation_problems, parse_yaml
from ..vocabulary import DOMAINS
from .instrument import DomainFile, Instrument, Item, Subdomain

HEADER_FILE = "instrument.yaml"


@dataclass(frozen=True)
class Placed:
    """An item with the ladder it stands on."""

    item: Item
    domain: str
    subdomain: Subdomain
    step: int  # its place on the ladder, from 0


@dataclass
class LoadedInstrument:
    header: Instrument
    file: str  # where instrument.yaml was found, as the user knows it
    domains: list[DomainFile] = field(default_factory=list)  # in the order of DOMAINS
    domain_files: list[str] = field(default_factory=list)  # the files the domains came from

    # Worked out once, after loading: scoring reads them at every key press.
    @cached_property
    def _placed(self) -> list[Placed]:
        return [Placed(item, part.domain, sub, step) for part in self.domains
                for sub in part.subdomains for step, item in enumerate(sub.items)]

    @cached_property
    def _by_id(self) -> dict[str, Placed]:
        return {p.item.id: p for p in self._placed}

    @cached_property
    def _ladders(self) -> dict[int, list[Placed]]:
        ladders: dict[int, list[Placed]] = {}
        for placed in self._placed:
            ladders.setdefault(id(placed.subdomain), []).append(placed)
        return ladders

    def items(self) -> list[Placed]:
        return self._placed

    def item(self, item_id: str) -> Placed | None:
        return self._by_id.get(item_id)

    def ladder(self, subdomain) -> list[Placed]:
        """The items of one subdomain, in ladder order."""
        return self._ladders.get(id(subdomain), [])


@dataclass
class InstrumentFolder:
    """What a folder holds: instruments by id, and every problem found."""

    instruments: dict[str, LoadedInstrument] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    files_read: int = 0


def load_instruments(folder: Path, goal_ids: set[str] | None = None) -> InstrumentFolder:
    """Every instrument in `folder`. With `goal_ids` (the goal bank's), each item's
    objectives are checked against it."""
    found = InstrumentFolder()
    folder = Path(folder)
    if not folder.is_dir():
        found.problems.append(FileProblem(str(folder), None, "", QT_TRANSLATE_NOOP(
            "Units", "This folder does not exist.")))
        return found
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            continue
        files[path.relative_to(folder).as_posix()] = path
    return _load(found, files, goal_ids)


def load_texts(files: dict[str, bytes], goal_ids: set[str] | None = None,
               known: InstrumentFolder | None = None) -> InstrumentFolder:
    """The same, from files' contents by name (instruments a school imported, kept in the
    database). With `known`, an id already there is a problem: it is not loaded twice."""
    found = _load(InstrumentFolder(), dict(sorted(files.items())), goal_ids,
                  set(known.instruments) if known else set())
    return found


def _load(found: InstrumentFolder, files: dict, goal_ids, taken: set[str] = frozenset()):
    read: list[tuple[str, object, object]] = []  # (name, parsed model, YAML nodes)
    for name, source in files.items():
        parsed = _read(found, name, source)
        if parsed is not None:
            read.append((name, *parsed))
    for name, model, nodes in read:  # the headers first: the domain files name them
        if isinstance(model, Instrument):
            if model.id in found.instruments or model.id in taken:
                other = (found.instruments[model.id].file if model.id in found.instruments
                         else "IEP Studio")
                found.problems.append(FileProblem(name, _line(nodes, ("id",)), "id", REPEATED,
                                                  {"id": model.id, "other": other}))
                continue
            found.instruments[model.id] = LoadedInstrument(model, name)
    seen_ids: dict[tuple[str, str], str] = {}  # (instrument, id) -> file
    for name, model, nodes in read:
        if isinstance(model, DomainFile):
            _add_domain(found, name, model, nodes, goal_ids, seen_ids)
    order = {code: i for i, code in enumerate(DOMAINS.codes())}
    for loaded in found.instruments.values():
        loaded.domains.sort(key=lambda part: order[part.domain])
    return found


REPEATED = QT_TRANSLATE_NOOP("Units", "The id \"{id}\" is already used in {other}. Give each "
                             "its own id.")


def _read(found: InstrumentFolder, name: str, source):
    """(model, nodes) of one file (a path, or its bytes), or None after recording why
    not."""
    found.files_read += 1
    library = Library()  # collects the problems of reading, as for units
    try:
        raw = source if isinstance(source, bytes) else yaml_limits.read_file(source)
    except yaml_limits.Refused as refused:
        found.problems.append(FileProblem(name, refused.line, "", refused.message,
                                          refused.params))
        return None
    except OSError as error:
        found.problems.append(FileProblem(name, None, "", QT_TRANSLATE_NOOP(
            "Units", "The file cannot be read: {reason}. Check that it exists and that you "
            "may open it."), {"reason": error.strerror or str(error)}))
        return None
    data, nodes = parse_yaml(library, name, raw)
    found.problems.extend(library.problems)
    if data is None:
        return None
    model = Instrument if Path(name).name == HEADER_FILE else DomainFile
    try:
        return model.model_validate(data), nodes
    except ValidationError as error:
        found.problems.extend(_validation_problems(name, nodes, error))
        return None


def _add_domain(found, name, part: DomainFile, nodes, goal_ids, seen_ids) -> None:
    def problem(path: tuple, message: str, **params) -> None:
        found.problems.append(FileProblem(name, _line(nodes, path),
                                          ".".join(map(str, path)), message, params))

    loaded = found.instruments.get(part.instrument)
    if loaded is None:
        problem(("instrument",), QT_TRANSLATE_NOOP(
            "Units", "No instrument \"{id}\" in this folder: its instrument.yaml is missing, "
            "or the id is misspelt."), id=part.instrument)
        return
    if any(other.domain == part.domain for other in loaded.domains):
        problem(("domain",), QT_TRANSLATE_NOOP(
            "Units", "The instrument already has a file for this domain. Put all of a "
            "domain's subdomains in one file."))
        return
    header = loaded.header
    bad = len(found.problems)
    for s, sub in enumerate(part.subdomains):
        for key, path in [(sub.id, ("subdomains", s, "id"))] + [
                (item.id, ("subdomains", s, "items", i, "id"))
                for i, item in enumerate(sub.items)]:
            other = seen_ids.get((part.instrument, key))
            if other is not None:
                problem(path, REPEATED, id=key, other=other)
            else:
                seen_ids[(part.instrument, key)] = name
        for i, item in enumerate(sub.items):
            where = ("subdomains", s, "items", i)
            if item.scale is not None and item.scale not in header.scale_ids():
                problem((*where, "scale"), QT_TRANSLATE_NOOP(
                    "Units", "Unknown {what} '{value}'; expected one of: {codes}."),
                    what="scale", value=item.scale, codes=", ".join(header.scale_ids()))
            if item.age_band not in header.age_bands:
                problem((*where, "age_band"), QT_TRANSLATE_NOOP(
                    "Units", "The instrument covers the age bands {codes}; add this one to "
                    "instrument.yaml or correct it."), codes=", ".join(header.age_bands))
            for k, objective in enumerate(item.objectives):
                if goal_ids is not None and objective not in goal_ids:
                    problem((*where, "objectives", k), QT_TRANSLATE_NOOP(
                        "Units", "No objective \"{id}\" in the goal bank. Check the id in "
                        "the goal bank's files."), id=objective)
    if len(found.problems) == bad:
        loaded.domains.append(part)
        loaded.domain_files.append(name)

