"""The operations a user performs, one transaction each, with readable errors."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..clock import Clock
from ..drafts import Drafts
from ..paths import course_units_dir, instruments_dir
from ..store import Store
from .accounts import Accounts
from .assessments import Assessments
from .attachments import Attachments
from .behaviour import BehaviourRecords
from .guidance import CaseGuidanceNotes
from .home_visits import HomeVisits
from .intake import IntakeService
from .lessons import Lessons
from .history import History
from .item_scoring import Instruments, ItemScoring
from .library import CourseLibrary
from .observations import Observations
from .overview import Overview
from .own_goals import OwnGoals
from .planner import Planner
from .plan_drafting import PlanDrafting
from .plans import Plans
from .progress import Progress
from .reminders import Reminders
from .rosters import Rosters
from .schools import Schools
from .students import StudentFiles
from .team_review import TeamReview
from .unit_centres import UnitCentres


class Services:
    """What a window or command needs to work on one database; passed in, never global.

    Every service holds the same clock (core/clock.py), and the store's audit log reads it
    too: a test, the demo or the screenshots set the day or the moment once, on
    `services.clock`, and all of them see it. Services on a store share its clock unless
    given one, or a day (`today`, a date or a function giving one) for a clock of their
    own."""

    def __init__(self, store: Store, today: Callable[[], date] | date | None = None,
                 drafts: Drafts | None = None, clock: Clock | None = None):
        if clock is None:
            clock = store.clock if today is None else Clock(day=today)
        elif today is not None:
            raise TypeError("Services takes a clock or a day, not both")
        self.store = store
        self.clock = store.clock = clock
        self.drafts = drafts  # unsaved text of the window's fields (core/drafts.py)
        self.students = StudentFiles(store, clock)
        self.rosters = Rosters(store, self.students, clock)
        self.schools = Schools(store)
        self.assessments = Assessments(store, clock)
        self.unit_centres = UnitCentres(store)
        self.own_goals = OwnGoals(store, lambda: self.library.shipped().goals)
        self.library = CourseLibrary(store, course_units_dir(), self.unit_centres,
                                     self.own_goals)
        self.instruments = Instruments(instruments_dir(), lambda: self.library.shipped().goals,
                                       store)
        self.item_scoring = ItemScoring(store, self.instruments, clock)
        self.lessons = Lessons(store, self.library)
        self.plans = Plans(store, self.assessments, self.library, clock)
        self.plans.scored_levels = self.item_scoring.levels_in
        self.drafting = PlanDrafting(store, self.plans, self.library, clock)
        self.review = TeamReview(store, clock)
        self.reminders = Reminders(store, clock)
        self.planner = Planner(store, clock)
        self.observations = Observations(store, clock)
        self.behaviour = BehaviourRecords(store, clock)
        self.home_visits = HomeVisits(store, clock)
        self.attachments = Attachments(store, clock)
        self.intake = IntakeService(store, clock)
        self.guidance = CaseGuidanceNotes(store, clock)
        self.progress = Progress(store, clock)
        self.accounts = Accounts(store, clock)
        self.history = History(store)
        self.overview = Overview(store, clock)

    def today(self) -> date:
        return self.clock.today()


__all__ = ["Accounts", "Assessments", "Attachments", "History", "Instruments", "ItemScoring", "BehaviourRecords", "CaseGuidanceNotes", "CourseLibrary", "HomeVisits", "IntakeService", "Lessons",
           "Observations", "Overview", "OwnGoals", "Planner", "Plans", "Progress", "Reminders", "Rosters", "Schools", "Services",
           "StudentFiles", "TeamReview", "UnitCentres"]
