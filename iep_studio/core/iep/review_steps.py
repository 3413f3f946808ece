"""The steps of the team review: which ones a plan's status allows, and who on the
student's team may take them. One answer, read by the service that refuses a step and by
the plan window that offers it.

No database here: the caller says who acts and in which role on the student's team
(`Reviewer`). A refusal is the English source text of the message (context "Errors"),
which the service raises as it always has.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..errors import QT_TRANSLATE_NOOP
from .terms import APPROVER_ROLES, WRITER_ROLES


class Step(StrEnum):
    """A step a person takes on a plan; the value is the name of the plan window's action."""

    CHECK = "check"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    COMMENT = "comment"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    SIGN = "sign"
    REVIEW_OBJECTIVES = "review_objectives"
    AMEND = "amend"
    CLOSE = "close_plan"


@dataclass(frozen=True)
class Reviewer:
    """Who takes a step: a person with their role on the student's team ("" when they are
    not on it), or one of the student's guardians, who sign and do nothing else."""

    person_id: str | None = None
    role: str = ""
    guardian: bool = False


def acting_role(roles: Iterable[str]) -> str:
    """Someone with two roles on a team acts in the one with most say ("" for none)."""
    roles = list(roles)
    for wanted in ("administrator", "expert", "resource_teacher", "itinerant_teacher"):
        if wanted in roles:
            return wanted
    return roles[0] if roles else ""


CLOSED = QT_TRANSLATE_NOOP("Errors", "This plan is closed and can no longer change.")
NOT_ON_TEAM = QT_TRANSLATE_NOOP(
    "Errors", "Only members of this student's team can review, sign or change the plan. Add "
    "the person on the Team tab first.")
NOT_A_WRITER = QT_TRANSLATE_NOOP(
    "Errors", "Only the plan's author, a resource or itinerant teacher, or an administrator "
    "on the team can do this.")
NOT_AN_APPROVER = QT_TRANSLATE_NOOP(
    "Errors", "Only an administrator or a special-education expert on this student's team "
    "can approve the plan.")
NOT_WITH_THE_TEAM = QT_TRANSLATE_NOOP("Errors", "This plan is not with the team for review.")
NOT_IN_EFFECT = QT_TRANSLATE_NOOP("Errors", "Only a plan in effect can be amended or closed.")

ANYONE, MEMBER, WRITER, APPROVER, SIGNER = "anyone", "member", "writer", "approver", "signer"


@dataclass(frozen=True)
class _Rule:
    statuses: frozenset[str]
    refused: str  # what a plan in another status hears
    who: str  # ANYONE, MEMBER, WRITER, APPROVER or SIGNER
    closed_says_closed: bool = True  # a closed plan hears CLOSED rather than `refused`
    status_first: bool = False  # the status is checked before the person


_EVERY = frozenset({"draft", "in_review", "approved", "closed"})
RULES = {
    Step.CHECK: _Rule(_EVERY, "", ANYONE),
    Step.SUBMIT: _Rule(frozenset({"draft"}), QT_TRANSLATE_NOOP(
        "Errors", "Only a draft can be submitted. This plan is already with the team or in "
        "effect."), WRITER),
    Step.WITHDRAW: _Rule(frozenset({"in_review"}), NOT_WITH_THE_TEAM, WRITER),
    Step.COMMENT: _Rule(frozenset({"draft", "in_review", "approved"}), CLOSED, MEMBER),
    Step.REQUEST_CHANGES: _Rule(frozenset({"in_review"}), NOT_WITH_THE_TEAM, MEMBER),
    Step.APPROVE: _Rule(frozenset({"in_review"}), NOT_WITH_THE_TEAM, APPROVER),
    # A guardian signing a draft hears about the draft before anything about who they are.
    Step.SIGN: _Rule(frozenset({"in_review", "approved"}), QT_TRANSLATE_NOOP(
        "Errors", "A plan is signed when it is with the team or in effect, not as a draft or "
        "after it is closed."), SIGNER, closed_says_closed=False, status_first=True),
    Step.REVIEW_OBJECTIVES: _Rule(frozenset({"approved"}), QT_TRANSLATE_NOOP(
        "Errors", "Objectives are reviewed while the plan is in effect."), ANYONE,
        closed_says_closed=False),
    Step.AMEND: _Rule(frozenset({"approved"}), NOT_IN_EFFECT, WRITER),
    Step.CLOSE: _Rule(frozenset({"approved"}), NOT_IN_EFFECT, WRITER),
}


def refusal(step: Step, plan, reviewer: Reviewer | None = None) -> str | None:
    """Why `reviewer` may not take `step` on `plan` (a plan or anything with its `status`
    and `author_id`), or None if they may. Without a reviewer only the status decides: the
    window offers a step before it knows who will take it."""
    rule = RULES[step]
    status = None
    if plan.status not in rule.statuses:
        status = CLOSED if plan.status == "closed" and rule.closed_says_closed else rule.refused
    person = _person_refusal(rule.who, plan, reviewer) if reviewer is not None else None
    return (status or person) if rule.status_first else (person or status)


def allowed_steps(plan, reviewer: Reviewer | None = None) -> set[Step]:
    """The steps `reviewer` may take on `plan` now (with no reviewer: what the status
    allows someone on the team)."""
    return {step for step in Step if refusal(step, plan, reviewer) is None}


def _person_refusal(who: str, plan, reviewer: Reviewer) -> str | None:
    if who == ANYONE or (who == SIGNER and reviewer.guardian):
        return None
    if reviewer.guardian or not reviewer.role:
        return NOT_ON_TEAM
    if (who == WRITER and reviewer.role not in WRITER_ROLES
            and plan.author_id != reviewer.person_id):  # the author may, whatever their role
        return NOT_A_WRITER
    if who == APPROVER and reviewer.role not in APPROVER_ROLES:
        return NOT_AN_APPROVER
    return None
