"""Whose files the signed-in person sees: only those of students whose team they are on,
and for a district coordinator those of the schools they follow (administrators, and the
program itself, see all).

The rule is applied in one place, to every ORM statement a session runs (SQLAlchemy's
`with_loader_criteria` in a `do_orm_execute` hook), so no service can forget it: a plan,
an observation or a history entry of another child is simply not there for the query.
On a shared server the same rule is enforced a second time by the server itself, with
row-level security policies (core/store/server_roles.py), against the person's own login.
"""
from __future__ import annotations

from sqlalchemy import and_, event, exists, false, func, or_, select
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria

from ..model import (
    Account, Attachment, CaseGuidance, CoordinatedSchool, IntakeRecord,
    Assessment, AssessmentResult, AuditEntry, ItemScore, BehaviourRecord, Guardian, HomeVisit,
    LessonStudent, MonthlyTheme, Objective, ObjectiveReview, Observation, PlacementPeriod,
    Plan, PlanGoal, PlanReview, PlanRevision, PlanService, PlanSignature, PresentLevel,
    Student, StudentCategory, TeachingSession, TeamMembership, WeeklyActivity,
)
from .rules import DISTRICT_COORDINATOR, Actor, refuse_student

# Plain tables (not the ORM classes) inside the conditions, so the rule is not applied to
# its own subqueries.
_team = TeamMembership.__table__
_plan = Plan.__table__
_goal = PlanGoal.__table__
_objective = Objective.__table__
_assessment = Assessment.__table__
_student = Student.__table__
_coordinated = CoordinatedSchool.__table__
_account = Account.__table__

# Every kind of record that belongs to one child, by how it reaches the child.
HAS_STUDENT = (StudentCategory, PlacementPeriod, Guardian, TeamMembership, Assessment, Plan,
               Observation, BehaviourRecord, HomeVisit, LessonStudent, IntakeRecord,
               Attachment, CaseGuidance)
UNDER_PLAN = (PresentLevel, PlanGoal, PlanService, PlanReview, PlanSignature, PlanRevision)
# The room's records that list the students they are for (their notes may be about them).
LISTS_STUDENTS = (MonthlyTheme, WeeklyActivity, TeachingSession)

# An execution option for the few reads that must see past the rule: the store's own
# checks (which student a change belongs to), never a teacher's view.
UNRESTRICTED = "all_students"


def restricted(actor: Actor | None) -> bool:
    """Whether this actor sees only their team's students."""
    return actor is not None and not actor.sees_everyone


def team_students(person_id: str | None):
    """The ids of the students on whose team this person is, as a subquery."""
    if not person_id:
        return select(_team.c.student_id).where(false())
    return select(_team.c.student_id).where(_team.c.person_id == person_id)


def my_students(actor: Actor):
    """The ids of the students whose files this actor sees, as a subquery: their teams',
    and for a district coordinator also every student of the schools they follow (while
    the account is active and still a coordinator's: a change of role takes effect at
    once, as the server's own rule does)."""
    mine = team_students(actor.person_id)
    if actor.role != DISTRICT_COORDINATOR or not actor.account_id:
        return mine
    followed = select(_coordinated.c.school_id).join(
        _account, _account.c.id == _coordinated.c.account_id).where(
        _coordinated.c.account_id == actor.account_id, _account.c.active,
        _account.c.role == DISTRICT_COORDINATOR)
    return mine.union(select(_student.c.id).where(_student.c.school_id.in_(followed)))


def visible_students(store):
    """A condition on Student for the list and searches, or None when all are visible."""
    actor = store.actor
    if not restricted(actor):
        return None
    return Student.id.in_(my_students(actor))


def check_visible(store, session, student_id: str) -> None:
    """Refuse to open a file the person may not see (a link or a search elsewhere)."""
    # The session's own rule hides the file if it is not one's own.
    if restricted(session.info.get("actor")) and session.scalar(
            select(Student.id).where(Student.id == student_id)) is None:
        raise refuse_student()


def install(sessions) -> None:
    """Apply the rule to every statement of every session these sessions make."""
    event.listen(sessions, "do_orm_execute", _restrict)


def _restrict(state: ORMExecuteState) -> None:
    actor = state.session.info.get("actor")
    if not restricted(actor) or state.execution_options.get(UNRESTRICTED):
        return
    if state.is_select and (state.is_column_load or state.is_relationship_load):
        return  # the options of the statement that loaded the parent already apply
    if not (state.is_select or state.is_update or state.is_delete):
        return
    dialect = state.session.get_bind().dialect.name
    state.statement = state.statement.options(*_criteria(actor, dialect))


def _with_my_students(kind, mine, dialect: str):
    """A room's record that lists students (a theme, an activity, a session): one's own
    when it lists none (the whole room) or at least one of one's students."""
    elements = "json_each" if dialect == "sqlite" else "json_array_elements_text"
    listed = getattr(func, elements)(kind.student_ids).table_valued("value")
    return or_(kind.student_ids.is_(None), func.json_array_length(kind.student_ids) == 0,
               exists(select(1).select_from(listed).where(listed.c.value.in_(mine))))


def _criteria(actor: Actor, dialect: str) -> list:
    # Plain expressions, not lambdas: the person's id is then a bound parameter of the
    # cached statement, never a value frozen into the cache by the first person to ask.
    mine = my_students(actor)
    plans = select(_plan.c.id).where(_plan.c.student_id.in_(mine))
    goals = select(_goal.c.id).where(_goal.c.plan_id.in_(plans))
    rules = [(Student, Student.id.in_(mine))]
    rules += [(kind, kind.student_id.in_(mine)) for kind in HAS_STUDENT]
    rules += [(kind, kind.plan_id.in_(plans)) for kind in UNDER_PLAN]
    rules += [
        (Objective, Objective.goal_id.in_(goals)),
        (ObjectiveReview, ObjectiveReview.objective_id.in_(
            select(_objective.c.id).where(_objective.c.goal_id.in_(goals)))),
        (AssessmentResult, AssessmentResult.assessment_id.in_(
            select(_assessment.c.id).where(_assessment.c.student_id.in_(mine)))),
        (ItemScore, ItemScore.assessment_id.in_(
            select(_assessment.c.id).where(_assessment.c.student_id.in_(mine)))),
        # The log: entries about one's own students, and one's own entries about no child.
        (AuditEntry, or_(AuditEntry.student_id.in_(mine), and_(
            AuditEntry.student_id.is_(None), AuditEntry.account_id == actor.account_id))),
    ]
    rules += [(kind, _with_my_students(kind, mine, dialect)) for kind in LISTS_STUDENTS]
    return [with_loader_criteria(kind, condition, include_aliases=True)
            for kind, condition in rules]
