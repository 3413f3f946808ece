"""The operations a user performs, one transaction each, with readable errors."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..drafts import Drafts
from ..paths import course_units_dir
from ..store import Store
from .accounts import Accounts
from .assessments import Assessments
from .behaviour import BehaviourRecords
from .home_visits import HomeVisits
from .lessons import Lessons
from .history import History
from .library import CourseLibrary
from .observations import Observations
from .planner import Planner
from .plans import Plans
from .progress import Progress
from .reminders import Reminders
from .schools import Schools
from .students import StudentFiles
from .team_review import TeamReview


@dataclass
class Services:
    """What a window or command needs to work on one database; passed in, never global."""

    store: Store
    today: Callable[[], date] = date.today
    drafts: Drafts | None = None  # unsaved text of the window's fields (core/drafts.py)
    students: StudentFiles = field(init=False)
    schools: Schools = field(init=False)
    assessments: Assessments = field(init=False)
    library: CourseLibrary = field(init=False)
    lessons: Lessons = field(init=False)
    plans: Plans = field(init=False)
    review: TeamReview = field(init=False)
    reminders: Reminders = field(init=False)
    planner: Planner = field(init=False)
    observations: Observations = field(init=False)
    behaviour: BehaviourRecords = field(init=False)
    home_visits: HomeVisits = field(init=False)
    progress: Progress = field(init=False)
    accounts: Accounts = field(init=False)
    history: History = field(init=False)

    def __post_init__(self) -> None:
        self.students = StudentFiles(self.store, self.today)
        self.schools = Schools(self.store)
        self.assessments = Assessments(self.store, self.today)
        self.library = CourseLibrary(self.store, course_units_dir())
        self.lessons = Lessons(self.store, self.library)
        self.plans = Plans(self.store, self.assessments, self.library, self.today)
        self.review = TeamReview(self.store, self.today)
        self.reminders = Reminders(self.store, self.today)
        self.planner = Planner(self.store, self.today)
        self.observations = Observations(self.store, self.today)
        self.behaviour = BehaviourRecords(self.store, self.today)
        self.home_visits = HomeVisits(self.store, self.today)
        self.progress = Progress(self.store, self.today)
        self.accounts = Accounts(self.store)
        self.history = History(self.store)


__all__ = ["Accounts", "Assessments", "History", "BehaviourRecords", "CourseLibrary", "HomeVisits", "Lessons",
           "Observations", "Planner", "Plans", "Progress", "Reminders", "Schools", "Services",
           "StudentFiles", "TeamReview"]
