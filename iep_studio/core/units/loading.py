"""Reading course-unit and goal-bank files, with a plain report of every problem.

A problem names the file, the line, the field path, what is wrong and what was expected.
One bad file never stops the others from loading.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import QT_TRANSLATE_NOOP
from . import yaml_limits
from .schema import CourseUnit, Goal, GoalFile, LongTermGoal

GOAL_FOLDER = "goal_bank"
# A file of thousands of empty steps has tens of thousands of problems; nobody reads past
# the first few dozen, and a window listing them all would freeze.
PROBLEMS_LISTED = 50


@dataclass(frozen=True)
class FileProblem:
    file: str  # as the user knows it: relative to the folder they chose
    line: int | None
    field: str  # e.g. "steps.2.levels.0.task.zh"; "" for the whole file
    message: str  # English source text with {placeholders}, translated by the window
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, translate=lambda s: s) -> str:
        return translate(self.message).format(**self.params)

    def where(self) -> str:
        place = self.file + (f":{self.line}" if self.line else "")
        return f"{place} {self.field}".strip()

    def __str__(self) -> str:
        return f"{self.where()}: {self.text()}"


@dataclass
class Library:
    """What a folder holds: units and goals by id, where each came from, and problems."""

    units: dict[str, CourseUnit] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    long_term_goals: dict[str, LongTermGoal] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # id -> file
    problems: list[FileProblem] = field(default_factory=list)
    files_read: int = 0


def load_folder(folder: Path, context: dict | None = None) -> Library:
    """Every unit and goal file of a folder. `context` holds the codes of the apparatus
    and situations the school added ({"apparatus": {...}, "situation": {...}})."""
    library = Library()
    folder = Path(folder)
    if not folder.is_dir():
        library.problems.append(FileProblem(
            str(folder), None, "", QT_TRANSLATE_NOOP("Units", "This folder does not exist.")))
        return library
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        is_goals = GOAL_FOLDER in path.relative_to(folder).parts[:-1]
        add_path(library, name, path, goals=is_goals, context=context)
    return library


# The shipped folder as last read, per folder: (what its files looked like, the library).
_SHIPPED: dict[Path, tuple[tuple, Library]] = {}


def read_shipped(folder: Path) -> Library:
    """The shipped units and goal bank, read once per process while the files stay as
    they were. A hundred units and seven hundred objectives take about a second to check;
    every window, command and document that asks for them shares the one reading. Callers
    only read it (a unit is copied before it is adapted)."""
    folder = Path(folder).resolve()
    try:
        signature = tuple((p.as_posix(), stat.st_size, stat.st_mtime_ns)
                          for p in sorted(folder.rglob("*.y*ml")) for stat in [p.stat()])
    except OSError:
        signature = None
    known = _SHIPPED.get(folder)
    if signature is not None and known is not None and known[0] == signature:
        return known[1]
    library = load_folder(folder)
    if signature is not None:
        _SHIPPED[folder] = (signature, library)
    return library


def add_path(library: Library, name: str, path: Path, goals: bool = False,
             context: dict | None = None) -> None:
    """Read one file from disk into the library; one too large is refused unread."""
    try:
        raw = yaml_limits.read_file(path)
    except yaml_limits.Refused as refused:
        library.files_read += 1
        library.problems.append(_refusal(name, refused))
        return
    except OSError as error:
        library.files_read += 1
        library.problems.append(FileProblem(name, None, "", QT_TRANSLATE_NOOP(
            "Units", "The file cannot be read: {reason}. Check that it exists and that you "
            "may open it."), {"reason": error.strerror or str(error)}))
        return
    add_file(library, name, raw, goals=goals, context=context)


def add_file(library: Library, name: str, raw: bytes, goals: bool = False,
             context: dict | None = None) -> None:
    """Read one file's bytes into the library, or record why they cannot be read."""
    library.files_read += 1
    data, nodes = parse_yaml(library, name, raw)
    if data is None:
        return
    model = GoalFile if goals else CourseUnit
    try:
        parsed = model.model_validate(data, context=context)
    except ValidationError as error:
        library.problems.extend(_validation_problems(name, nodes, error))
        return
    items = parsed.goals if goals else [parsed]
    target = library.goals if goals else library.units
    for index, item in enumerate(items):
        if item.id in library.sources:
            path = ("goals", index, "id") if goals else ("id",)
            library.problems.append(FileProblem(
                name, _line(nodes, path), ".".join(map(str, path)), QT_TRANSLATE_NOOP(
                    "Units", "The id \"{id}\" is already used in {other}. Give each its own id."),
                {"id": item.id, "other": library.sources[item.id]}))
            continue
        target[item.id] = item
        library.sources[item.id] = name
    for index, long_term in enumerate(parsed.long_term_goals if goals else []):
        if long_term.id in library.sources:
            path = ("long_term_goals", index, "id")
            library.problems.append(FileProblem(
                name, _line(nodes, path), ".".join(map(str, path)), QT_TRANSLATE_NOOP(
                    "Units", "The id \"{id}\" is already used in {other}. Give each its own id."),
                {"id": long_term.id, "other": library.sources[long_term.id]}))
            continue
        library.long_term_goals[long_term.id] = long_term
        library.sources[long_term.id] = name


def parse_yaml(library: Library, name: str, raw: bytes):
    """(data, YAML node tree) or (None, None) after recording the problem."""
    if len(raw) > yaml_limits.MAX_FILE_BYTES:  # text pasted into the editor, say
        library.problems.append(_refusal(name, yaml_limits.too_large(len(raw))))
        return None, None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        library.problems.append(FileProblem(name, line, "", QT_TRANSLATE_NOOP(
            "Units", "The file is not UTF-8 text (byte {byte} cannot be read). Save it again "
            "as UTF-8."), {"byte": error.start}))
        return None, None
    try:
        data, nodes = yaml_limits.load(text)
    except yaml_limits.Refused as refused:
        library.problems.append(_refusal(name, refused))
        return None, None
    except yaml.YAMLError as error:
        library.problems.append(FileProblem(
            name, yaml_limits.error_line(error), "", QT_TRANSLATE_NOOP(
                "Units", "This is not valid YAML: {problem}. Check the indentation and the "
                "quotes near this line."),
            {"problem": getattr(error, "problem", None) or str(error)}))
        return None, None
    if not isinstance(data, dict):
        library.problems.append(FileProblem(name, 1, "", QT_TRANSLATE_NOOP(
            "Units", "The file must be a set of fields (key: value), starting with "
            "schema_version and id.")))
        return None, None
    return data, nodes


def _refusal(name: str, refused: yaml_limits.Refused) -> FileProblem:
    return FileProblem(name, refused.line, "", refused.message, refused.params)


def unit_document(raw: bytes) -> dict | None:
    """The fields of a unit's text, or None when it cannot be read (add_file says why)."""
    return parse_yaml(Library(), "", raw)[0]


MESSAGES = {
    "missing": QT_TRANSLATE_NOOP("Units", "This field is missing; it is required."),
    "extra_forbidden": QT_TRANSLATE_NOOP(
        "Units", "Unknown field. Check the spelling; allowed fields are listed in "
        "course_unit.schema.json."),
    "literal_error": QT_TRANSLATE_NOOP("Units", "\"{input}\" is not allowed here; expected {expected}."),
    "string_pattern_mismatch": QT_TRANSLATE_NOOP(
        "Units", "\"{input}\" is not a valid id; use 3 to 64 lowercase letters, digits and "
        "hyphens, e.g. balance-board-turns."),
    "too_short": QT_TRANSLATE_NOOP("Units", "Too few entries; expected at least {min_length}."),
    "less_than_equal": QT_TRANSLATE_NOOP("Units", "{input} is too large; at most {le}."),
    "greater_than_equal": QT_TRANSLATE_NOOP("Units", "{input} is too small; at least {ge}."),
    "int_parsing": QT_TRANSLATE_NOOP("Units", "\"{input}\" is not a whole number."),
    "int_type": QT_TRANSLATE_NOOP("Units", "\"{input}\" is not a whole number."),
    "string_type": QT_TRANSLATE_NOOP("Units", "Expected text here."),
    "list_type": QT_TRANSLATE_NOOP("Units", "Expected a list here (lines starting with \"- \")."),
    "model_type": QT_TRANSLATE_NOOP("Units", "Expected fields here (key: value)."),
    "model_attributes_type": QT_TRANSLATE_NOOP("Units", "Expected fields here (key: value)."),
    # The schema's own rules (schema.py raises these by type, so they can be translated).
    "text_empty": QT_TRANSLATE_NOOP(
        "Units", "Write the text in Chinese (zh), English (en) or both."),
    "unknown_code": QT_TRANSLATE_NOOP(
        "Units", "Unknown {what} '{value}'; expected one of: {codes}."),
    "tier_repeated": QT_TRANSLATE_NOOP("Units", "Each tier may appear once in a step's levels."),
    "levels_same": QT_TRANSLATE_NOOP(
        "Units", "The levels of a step must differ: two tiers have the same task."),
    "centre_missing": QT_TRANSLATE_NOOP(
        "Units", "This kind of unit needs '{field}': what it is built around."),
    "centre_extra": QT_TRANSLATE_NOOP(
        "Units", "This kind of unit has no '{other}'; use '{field}' for what it is built "
        "around."),
    "not_graded": QT_TRANSLATE_NOOP(
        "Units", "Assignments must be graded: give at least two different tiers."),
    # Assessment instruments (core/assessment/instrument.py).
    "probe_incomplete": QT_TRANSLATE_NOOP(
        "Units", "A probe needs 'materials' and 'instruction': what to have ready and what "
        "to say, so any teacher gives it the same way."),
    "scale_repeated": QT_TRANSLATE_NOOP("Units", "Each value may appear once in a scale."),
    "scale_order": QT_TRANSLATE_NOOP(
        "Units", "List a scale's points from the lowest value to the highest."),
    "scale_ends": QT_TRANSLATE_NOOP(
        "Units", "A scale runs from a point that means not_yet to one that means "
        "independent."),
    "scale_id_repeated": QT_TRANSLATE_NOOP("Units", "Each scale needs its own id."),
    "band_order": QT_TRANSLATE_NOOP("Units", "raw_to must not be below raw_from."),
    "bands_overlap": QT_TRANSLATE_NOOP("Units", "Two rows of the table cover the raw total {raw}."),
    "age_order": QT_TRANSLATE_NOOP("Units", "age_months_to must not be below age_months_from."),
}


def problem_message(item: dict) -> tuple[str, dict]:
    """The message (translatable source text) and its parameters for one pydantic error."""
    ctx = item.get("ctx", {})
    kind = item["type"]
    if kind in MESSAGES:
        params = {"input": _short(item.get("input")), "expected": ctx.get("expected", ""),
                  "min_length": ctx.get("min_length", ""), "le": ctx.get("le", ""),
                  "ge": ctx.get("ge", ""), **{k: str(v) for k, v in ctx.items()}}
        return MESSAGES[kind], params
    # Our validators' own messages, and pydantic's for rarer cases.
    text = str(ctx.get("error", "")) or item["msg"]
    return "{detail}", {"detail": text[0].upper() + text[1:]}


def _validation_problems(name: str, node, error: ValidationError) -> list[FileProblem]:
    problems = []
    items = error.errors(include_url=False)
    for item in items[:PROBLEMS_LISTED]:
        loc = tuple(item["loc"])
        message, params = problem_message(item)
        problems.append(FileProblem(name, _line(node, loc), ".".join(map(str, loc)),
                                    message, params))
    if len(items) > PROBLEMS_LISTED:
        problems.append(FileProblem(
            name, _line(node, tuple(items[PROBLEMS_LISTED]["loc"])), "", QT_TRANSLATE_NOOP(
                "Units", "From here on, {count} more problems are not listed. Fix the ones "
                "above first."), {"count": f"{len(items) - PROBLEMS_LISTED:,}"}))
    return problems


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _line(node, loc) -> int | None:
    """The line of the deepest node along `loc` that exists in the YAML."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line
