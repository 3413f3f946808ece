"""The one rule of the team review's steps: what each status allows, who on the team may
take each step, and what a refusal says (the same words the service has always raised)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from iep_studio.core.iep.review_steps import (
    Reviewer, Step, acting_role, allowed_steps, refusal,
)

S = Step
# What the plan window has always offered for each status, whoever is at the keyboard.
BY_STATUS = {
    "draft": {S.CHECK, S.SUBMIT, S.COMMENT},
    "in_review": {S.CHECK, S.WITHDRAW, S.COMMENT, S.REQUEST_CHANGES, S.APPROVE, S.SIGN},
    "approved": {S.CHECK, S.COMMENT, S.SIGN, S.REVIEW_OBJECTIVES, S.AMEND, S.CLOSE},
    "closed": {S.CHECK},
}
EVERY_STEP = set(Step)
WRITING = {S.SUBMIT, S.WITHDRAW, S.AMEND, S.CLOSE}
# Who may take which step, whatever the status; the plan's author is "author".
BY_PERSON = {
    "the author, a resource teacher": (Reviewer("author", "resource_teacher"),
                                       EVERY_STEP - {S.APPROVE}),
    "a resource teacher": (Reviewer("teacher", "resource_teacher"), EVERY_STEP - {S.APPROVE}),
    "an administrator": (Reviewer("principal", "administrator"), EVERY_STEP),
    "an expert": (Reviewer("expert", "expert"), EVERY_STEP - WRITING),
    "the author, a head teacher": (Reviewer("author", "head_teacher"),
                                   EVERY_STEP - {S.APPROVE}),
    "a head teacher": (Reviewer("head", "head_teacher"), EVERY_STEP - WRITING - {S.APPROVE}),
    "a parent on the team": (Reviewer("mum", "parent"), EVERY_STEP - WRITING - {S.APPROVE}),
    "a guardian": (Reviewer(guardian=True), {S.CHECK, S.SIGN, S.REVIEW_OBJECTIVES}),
    "someone not on the team": (Reviewer("doctor", ""), {S.CHECK, S.REVIEW_OBJECTIVES}),
}


def plan(status: str) -> SimpleNamespace:
    return SimpleNamespace(status=status, author_id="author")


@pytest.mark.parametrize("status", list(BY_STATUS))
def test_without_a_reviewer_the_status_alone_decides(status):
    assert allowed_steps(plan(status)) == BY_STATUS[status]


@pytest.mark.parametrize("status", list(BY_STATUS))
@pytest.mark.parametrize("who", list(BY_PERSON))
def test_each_status_and_each_person(status, who):
    reviewer, may = BY_PERSON[who]
    assert allowed_steps(plan(status), reviewer) == BY_STATUS[status] & may


def test_a_refusal_says_who_before_when_except_for_signing():
    outsider, head = Reviewer("doctor", ""), Reviewer("head", "head_teacher")
    not_on_team = ("Only members of this student's team can review, sign or change the "
                   "plan. Add the person on the Team tab first.")
    assert refusal(S.SUBMIT, plan("closed"), outsider) == not_on_team
    assert refusal(S.SUBMIT, plan("approved"), head) == (
        "Only the plan's author, a resource or itinerant teacher, or an administrator on the "
        "team can do this.")
    assert refusal(S.APPROVE, plan("draft"), head) == (
        "Only an administrator or a special-education expert on this student's team can "
        "approve the plan.")
    signing_a_draft = ("A plan is signed when it is with the team or in effect, not as a "
                       "draft or after it is closed.")
    assert refusal(S.SIGN, plan("draft"), outsider) == signing_a_draft
    assert refusal(S.SIGN, plan("closed"), Reviewer(guardian=True)) == signing_a_draft
    assert refusal(S.SIGN, plan("approved"), outsider) == not_on_team


def test_what_each_status_says():
    teacher = Reviewer("teacher", "resource_teacher")
    closed = "This plan is closed and can no longer change."
    for step in (S.SUBMIT, S.WITHDRAW, S.COMMENT, S.REQUEST_CHANGES, S.AMEND, S.CLOSE):
        assert refusal(step, plan("closed"), teacher) == closed
    assert refusal(S.SUBMIT, plan("in_review"), teacher) == (
        "Only a draft can be submitted. This plan is already with the team or in effect.")
    assert refusal(S.WITHDRAW, plan("draft"), teacher) == (
        "This plan is not with the team for review.")
    assert refusal(S.AMEND, plan("in_review"), teacher) == (
        "Only a plan in effect can be amended or closed.")
    assert refusal(S.REVIEW_OBJECTIVES, plan("closed")) == (
        "Objectives are reviewed while the plan is in effect.")
    assert refusal(S.CHECK, plan("closed"), Reviewer("doctor", "")) is None


def test_someone_with_two_roles_acts_in_the_one_with_most_say():
    assert acting_role(["head_teacher", "expert", "resource_teacher"]) == "expert"
    assert acting_role(["parent"]) == "parent"
    assert acting_role([]) == ""
    # An expert who is also the resource teacher approves, and writes only as the author.
    expert = Reviewer("both", acting_role(["resource_teacher", "expert"]))
    assert S.SUBMIT not in allowed_steps(plan("draft"), expert)
    assert S.APPROVE in allowed_steps(plan("in_review"), expert)
