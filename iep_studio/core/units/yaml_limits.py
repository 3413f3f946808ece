"""Reading YAML that may have been written to hurt: bounded in size, values, depth, numbers.

yaml.safe_load runs no code, but it is not safe for memory or time: a 1 KB file of nested
aliases ("billion laughs") expands to a billion entries once validated, deep nesting
exhausts Python's recursion, and a 100,000-digit number stops int() with a ValueError.
Unit and goal files need none of that, so this loader refuses it, saying on which line:

- files larger than MAX_FILE_BYTES are refused before they are read;
- anchors and aliases (& and *) are refused outright: no shipped file uses them, and a
  unit written out in full is easier for the next teacher to read;
- more than MAX_VALUES values, or nesting deeper than MAX_DEPTH, are refused while the
  file is composed, before memory grows or any recursion could run out;
- numbers (and anything tagged or resolved as one) longer than MAX_NUMBER_CHARS are
  refused, and a number, date or yes/no that cannot be read is a problem, not a crash;
- control characters (a NUL, say) are named with their line, which the parsers do not do.

libyaml's parser is used when PyYAML has it (several times faster over the whole library);
the composing that the limits watch over is done here in Python, on its events, so the
limits hold with either parser.
"""
from __future__ import annotations

import os

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..errors import QT_TRANSLATE_NOOP

# The largest shipped unit is 19 KB and the largest goal-bank file 15 KB (780 values).
# 1 MB is fifty times that: no real unit comes near it, and a file is refused before any
# of it is read, so a 57 MB file costs nothing.
MAX_FILE_BYTES = 1_000_000
# Real files nest 7 deep (steps > levels > task > zh); 40 leaves room for any layout and
# stays far below Python's recursion limit in PyYAML, pydantic and our own code.
MAX_DEPTH = 40
# The largest shipped file holds 780 values (keys, texts, numbers, lists). Reading costs
# time and memory per value, whatever the bytes: 1 MB of "[1,1,1,...]" is half a million
# values, 30 s and 850 MB. 20,000 is twenty-five times any real file (about 400 KB written
# the way the shipped files are); the worst file within it, 20,000 empty goals, is checked
# in under a second at about 140 MB.
MAX_VALUES = 20_000
# Numbers in a unit are minutes, sessions and tiers; 32 characters holds any of them
# with room for underscores and signs, and keeps int() and float() instant.
MAX_NUMBER_CHARS = 32
# The pure-Python parser words broken files better than libyaml, but is ten times slower:
# worth it for a file of a real unit's size only.
CLEARER_ERRORS_UP_TO = 200_000

NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class Refused(Exception):
    """The file breaks one of the limits; `message` is translatable source text."""

    def __init__(self, line: int | None, message: str, **params):
        super().__init__(message.format(**params))
        self.line, self.message, self.params = line, message, params


def too_large(size: int) -> Refused:
    return Refused(1, QT_TRANSLATE_NOOP(
        "Units", "The file is {size}; a unit or goal file may be at most {limit}. Check "
        "that this is the right file, or split it into several units."),
        size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES))


def read_file(path) -> bytes:
    """The bytes of a file, refusing one too large before reading it (the size is checked
    on the open file, and the read stops just past the limit, whatever stat said)."""
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise too_large(size)
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise too_large(len(raw))
    return raw


def _megabytes(size: int) -> str:
    """57 MB, 1,001 KB (never "1.0 MB" for a file just over the limit), 1 MB."""
    if size >= 10_000_000 or size % 1_000_000 == 0:
        return f"{round(size / 1_000_000):,} MB"
    return f"{-(-size // 1000):,} KB"


class _LimitedComposer(Composer):
    """Builds the node tree from parser events, refusing aliases and deep nesting."""

    depth = 0
    values = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise Refused(event.start_mark.line + 1, QT_TRANSLATE_NOOP(
                "Units", "Anchors and aliases (& and *) are not allowed in unit files. Write "
                "the value out in full where it is needed."))
        self.values += 1
        if self.values > MAX_VALUES:
            raise Refused(event.start_mark.line + 1, QT_TRANSLATE_NOOP(
                "Units", "The file holds more than {limit} values; a unit or goal file has "
                "far fewer. Check that this is the right file, or split it into several."),
                limit=f"{MAX_VALUES:,}")
        if self.depth >= MAX_DEPTH:
            raise Refused(event.start_mark.line + 1, QT_TRANSLATE_NOOP(
                "Units", "The values here are nested more than {limit} levels deep; a unit "
                "needs far fewer. Check the brackets and the indentation."), limit=MAX_DEPTH)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _LimitedConstructor(SafeConstructor):
    """Turns nodes into Python values, refusing over-long numbers and turning values that
    cannot be read (an !!int "abc", a date 2024-13-45) into a problem on their line."""

    def construct_object(self, node, deep=False):
        if isinstance(node, ScalarNode) and node.tag in NUMBER_TAGS \
                and len(node.value) > MAX_NUMBER_CHARS:
            raise Refused(node.start_mark.line + 1, QT_TRANSLATE_NOOP(
                "Units", "This number is {length} characters long; numbers in a unit file "
                "have at most {limit}. If it is meant as text, put it in quotes."),
                length=f"{len(node.value):,}", limit=MAX_NUMBER_CHARS)
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            if not isinstance(node, ScalarNode):
                raise
            raise Refused(node.start_mark.line + 1, QT_TRANSLATE_NOOP(
                "Units", "\"{value}\" is not a valid number, date or yes/no value. If it is "
                "meant as text, put it in quotes."), value=_short(node.value)) from None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


class PlainLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  _LimitedComposer, _LimitedConstructor, Resolver):
    """The pure-Python parser: slower, with clearer messages for broken files."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _LimitedComposer.__init__(self)
        _LimitedConstructor.__init__(self)
        Resolver.__init__(self)


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    # _LimitedComposer comes before CParser so that its Python composing, not libyaml's
    # own (which has no limits), builds the nodes from libyaml's events.
    class FastLoader(_LimitedComposer, CParser, _LimitedConstructor, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            _LimitedComposer.__init__(self)
            _LimitedConstructor.__init__(self)
            Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    FastLoader = PlainLoader


def load(text: str):
    """(data, node tree) of one YAML document; the tree gives problems their lines.
    Raises Refused for a broken limit and yaml.YAMLError (with the clearer wording when
    affordable) for broken YAML."""
    unreadable = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if unreadable:  # what both parsers refuse, said plainly and with its line
        raise Refused(text.count("\n", 0, unreadable.start()) + 1, QT_TRANSLATE_NOOP(
            "Units", "This line holds a control character (U+{code}) that a text file does "
            "not have: the file may be damaged or not a unit file. Remove the character, or "
            "save the file again as UTF-8 text."), code=f"{ord(unreadable.group()):04X}")
    try:
        return _load(text, FastLoader)
    except yaml.YAMLError as fast_error:
        if len(text) > CLEARER_ERRORS_UP_TO:
            raise
        try:
            _load(text, PlainLoader)
        except yaml.YAMLError as clearer:
            raise clearer from None
        raise fast_error from None


def _load(text: str, loader_class):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def error_line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else None
