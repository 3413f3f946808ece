"""The operations a user performs, one transaction each, with readable errors."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..store import Store
from .assessments import Assessments
from .schools import Schools
from .students import StudentFiles


@dataclass
class Services:
    """What a window or command needs to work on one database; passed in, never global."""

    store: Store
    today: Callable[[], date] = date.today
    students: StudentFiles = field(init=False)
    schools: Schools = field(init=False)
    assessments: Assessments = field(init=False)

    def __post_init__(self) -> None:
        self.students = StudentFiles(self.store, self.today)
        self.schools = Schools(self.store)
        self.assessments = Assessments(self.store, self.today)


__all__ = ["Assessments", "Schools", "Services", "StudentFiles"]
