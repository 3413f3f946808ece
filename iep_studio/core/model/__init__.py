"""ORM classes. Importing this package registers every table on Base.metadata."""
from .account import Account, AuditEntry
from .assessment import Assessment, AssessmentResult, ItemScore
from .attachment import Attachment
from .base import Base, new_id
from .district import DistrictRule
from .guidance import CaseGuidance, CoordinatedSchool
from .intake import IntakeRecord, IntakeStep
from .plan import (
    Objective, ObjectiveReview, Plan, PlanGoal, PlanReview, PlanRevision, PlanService,
    PlanSignature, PresentLevel,
)
from .rhythm import (
    BehaviourRecord, HomeVisit, MonthlyTheme, Observation, TeachingSession, WeeklyActivity,
)
from .school import Person, School
from .student import Guardian, PlacementPeriod, Student, StudentCategory, TeamMembership
from .units import (
    InstrumentFile, Lesson, LessonStudent, OwnApparatusOrSituation, OwnGoal, UserCourseUnit,
)

__all__ = [
    "Account", "AuditEntry", "Attachment", "CaseGuidance", "CoordinatedSchool", "IntakeRecord",
    "IntakeStep", "OwnGoal",
    "Assessment", "AssessmentResult", "ItemScore", "Base", "DistrictRule", "Guardian", "Person", "PlacementPeriod",
    "School", "Student", "StudentCategory", "TeamMembership", "new_id",
    "InstrumentFile", "Lesson", "LessonStudent", "OwnApparatusOrSituation", "UserCourseUnit", "Objective", "ObjectiveReview", "Plan",
    "PlanGoal", "PlanReview", "PlanRevision", "PlanService", "PlanSignature", "PresentLevel",
    "BehaviourRecord", "HomeVisit", "MonthlyTheme", "Observation", "TeachingSession",
    "WeeklyActivity",
]
