"""The rules of each role, checked where every change passes: the session's flush.

Checking at the flush rather than in each service means no operation written later can
forget the check, and a refused change is rolled back whole with nothing written.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import QT_TRANSLATE_NOOP, IepStudioError

RESOURCE_TEACHER = "resource_teacher"
TEAM_MEMBER = "team_member"
ADMINISTRATOR = "administrator"
READ_ONLY = "read_only"
# Follows the schools given to the account (core/model/guidance.py): reads their students'
# files and writes the district's case-guidance notes, nothing else.
DISTRICT_COORDINATOR = "district_coordinator"

# Team members (head teachers, therapists, doctors, parents) record what they see and
# take part in review; the plan and the file itself are the resource teacher's to write.
TEAM_MEMBER_WRITES = frozenset({
    "observation", "behaviour_record", "home_visit", "plan_review", "plan_signature",
    "objective_review",
})
COORDINATOR_WRITES = frozenset({"case_guidance"})
# Accounts, which schools a coordinator follows, and the district's thresholds and intake
# steps: one change to a threshold or a step moves every school's checks and files, so it
# is the administrator's to make.
ADMINISTRATOR_ONLY = frozenset({"account", "district_rule", "intake_step",
                                "coordinated_school"})
# What a district records of a school for the staffing and resource-room checks: a school
# correcting its own figures would correct its own breaches away (core/store/audit.py).
SCHOOL_FACTS = frozenset({"has_resource_room", "resource_teachers"})


class PermissionDenied(IepStudioError):
    """The account's role or team does not allow this; nothing was changed."""


@dataclass(frozen=True)
class Actor:
    """The signed-in account, as the store needs it for the audit log and the rules."""

    account_id: str | None
    name: str
    role: str = ADMINISTRATOR
    person_id: str | None = None

    @property
    def sees_everyone(self) -> bool:
        return self.role == ADMINISTRATOR

    def may_write(self, table: str) -> bool:
        if self.role in (ADMINISTRATOR, RESOURCE_TEACHER):
            return table not in ADMINISTRATOR_ONLY or self.role == ADMINISTRATOR
        if self.role == TEAM_MEMBER:
            return table in TEAM_MEMBER_WRITES
        if self.role == DISTRICT_COORDINATOR:
            return table in COORDINATOR_WRITES
        return False


def refuse_role() -> PermissionDenied:
    return PermissionDenied(QT_TRANSLATE_NOOP(
        "Errors", "Your account's role does not allow this change. Nothing was saved; ask "
        "a resource teacher or the administrator."))


def refuse_school_facts() -> PermissionDenied:
    return PermissionDenied(QT_TRANSLATE_NOOP(
        "Errors", "Whether a school has a resource room and how many resource teachers it "
        "has are the district's records, kept by the administrator. Nothing was saved; ask "
        "the administrator to correct them."))


def refuse_guidance_change() -> PermissionDenied:
    return PermissionDenied(QT_TRANSLATE_NOOP(
        "Errors", "A guidance note is changed or removed only by whoever wrote it, or by "
        "the administrator. Nothing was changed; write a note of your own instead."))


def refuse_removal() -> PermissionDenied:
    """Records of another team's students point at what was to be removed."""
    return PermissionDenied(QT_TRANSLATE_NOOP(
        "Errors", "Records of students whose team you are not on belong to this, so only "
        "the administrator can remove it. Nothing was changed."))


def refuse_student() -> PermissionDenied:
    return PermissionDenied(QT_TRANSLATE_NOOP(
        "Errors", "You are not on this student's team, so their file is closed to you. "
        "Nothing was changed; ask the administrator to add you to the team."))
