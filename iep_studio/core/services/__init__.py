"""The operations a user performs, one transaction each, with readable errors."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..paths import course_units_dir
from ..store import Store
from .assessments import Assessments
from .lessons import Lessons
from .library import CourseLibrary
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
    library: CourseLibrary = field(init=False)
    lessons: Lessons = field(init=False)

    def __post_init__(self) -> None:
        self.students = StudentFiles(self.store, self.today)
        self.schools = Schools(self.store)
        self.assessments = Assessments(self.store, self.today)
        self.library = CourseLibrary(self.store, course_units_dir())
        self.lessons = Lessons(self.store, self.library)


__all__ = ["Assessments", "CourseLibrary", "Lessons", "Schools", "Services", "StudentFiles"]
