"""What an operation changed: each record added, changed or removed, by kind and id.

The audit hook (audit.py) already looks at every record a flush writes, to check and log
it; it also notes each one here. When the transaction commits, the store hands the list
to whoever is recording, so every service reports what it changed without having to
remember to: the window redraws only the part of a file or plan that shows those records,
and learns which record an operation made (the goal the goal bank had to add, say)
without comparing before and after.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    kind: str  # the table's name: "guardian", "plan_goal", "objective" ...
    record_id: str
    action: str  # "added", "changed" or "removed"
    student_id: str | None  # whose file it belongs to; None for room and library records


@dataclass
class Changes:
    """The changes of one operation (or of its undo or redo), in the order written."""

    items: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def kinds(self) -> set[str]:
        return {c.kind for c in self.items}

    @property
    def students(self) -> set[str]:
        return {c.student_id for c in self.items if c.student_id}

    def ids(self, kind: str, action: str | None = None) -> list[str]:
        """The ids of the records of `kind` (only those `action`ed, if given)."""
        seen = dict.fromkeys(c.record_id for c in self.items
                             if c.kind == kind and (action is None or c.action == action))
        return list(seen)

    def added(self, kind: str) -> list[str]:
        return self.ids(kind, "added")

    def touches(self, kinds: Iterable[str]) -> bool:
        return not self.kinds.isdisjoint(kinds)


class ChangeLog:
    """Shared by a store and every copy of it acting for someone else, so an operation run
    through any of them is seen by the one recording."""

    def __init__(self) -> None:
        self._recording: list[Changes] = []

    @contextmanager
    def recording(self) -> Iterator[Changes]:
        """Collect what the transactions committed inside the block."""
        changes = Changes()
        self._recording.append(changes)
        try:
            yield changes
        finally:
            self._recording.remove(changes)

    def committed(self, items: list[Change]) -> None:
        for changes in self._recording:
            changes.items.extend(items)
