"""The team's review of a plan: draft → in review → approved (in effect) → closed.

Rules, from how integrated-education teams work:
- The people who write plans (a resource or itinerant teacher, an administrator on the
  student's team, or the plan's author) submit, withdraw, amend and close.
- Anyone on the student's team comments on a section or asks for changes; a request for
  changes sends the plan back to draft.
- Only an administrator or a special-education expert on the team approves, and only a
  plan with nothing missing (the family's participation included).
- Team members and guardians sign a plan in review or in effect, once per edition.
- An approved plan is locked; an amendment is a new draft (the next edition) that replaces
  it when approved. Every status change freezes a revision of the whole plan.
- At each review of a plan in effect, every objective gets P, C, S, E or D and a comment.

Which status allows which step, and who may take it, is one rule in
core/iep/review_steps.py: the plan window offers what it allows, and this refuses the rest.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..access.rules import PermissionDenied
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, IepStudioError, InvalidInput, NotFound, Problem
from ..iep.completeness import blocking, check_plan
from ..iep.review_steps import Reviewer, Step, acting_role, refusal
from ..iep.snapshot import freeze
from ..iep.terms import PLAN_SECTIONS, REVIEW_CODES
from ..model import (
    Guardian, Objective, ObjectiveReview, Person, Plan, PlanGoal, PlanReview, PlanRevision,
    PlanService, PlanSignature, PresentLevel, TeamMembership,
)
from ..store import Store
from .plans import OBJECTIVE_FIELDS, PLAN_FIELDS, SERVICE_FIELDS, load_plan
from .validation import Checker


@dataclass(frozen=True)
class TeamMember:
    person_id: str
    name: str
    role: str


class NotAllowed(IepStudioError):
    """The person is not on the team, or their role may not do this."""


class PlanIncomplete(InvalidInput):
    """The completeness check found errors; `gaps` says what and where."""

    def __init__(self, gaps):
        self.gaps = gaps
        super().__init__([Problem(g.section, g.message, g.params) for g in gaps])


class TeamReview:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    def team(self, student_id: str) -> list[TeamMember]:
        """Who may review and sign this student's plans, in the order they joined."""
        with self.store.reading() as s:
            rows = s.execute(select(TeamMembership.person_id, Person.full_name,
                                    TeamMembership.role)
                             .join(Person, Person.id == TeamMembership.person_id)
                             .where(TeamMembership.student_id == student_id)
                             .order_by(TeamMembership.created_at)).all()
        return [TeamMember(*row) for row in rows]

    # -- moving through the statuses ------------------------------------------------------
    def submit(self, plan_id: str, by: str) -> Plan:
        """Send a draft to the team. Refused while the completeness check finds errors."""
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            self._take(s, plan, Step.SUBMIT, by)
            gaps = blocking(check_plan(plan, self.clock.today()))
            if gaps:
                raise PlanIncomplete(gaps)
            return self._move(s, plan, "in_review", "submitted", by)

    def withdraw(self, plan_id: str, by: str) -> Plan:
        """Take a plan back from review to change it."""
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            self._take(s, plan, Step.WITHDRAW, by)
            return self._back_to_draft(s, plan, "withdrawn", by)

    def request_changes(self, plan_id: str, by: str, section: str, text: str) -> Plan:
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            role = self._take(s, plan, Step.REQUEST_CHANGES, by)
            self._record(s, plan, by, role, "changes", section, text, required=True)
            return self._back_to_draft(s, plan, "changes_requested", by)

    def approve(self, plan_id: str, by: str, text: str = "") -> Plan:
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            role = self._take(s, plan, Step.APPROVE, by)
            gaps = blocking(check_plan(plan, self.clock.today(), approving=True))
            if gaps:
                raise PlanIncomplete(gaps)
            self._record(s, plan, by, role, "approve", "", text)
            plan.approved_at = self.clock.now()
            if plan.amends_plan_id:
                replaced = load_plan(s, plan.amends_plan_id)
                if replaced.status == "approved":
                    replaced.closed_at = self.clock.now()
                    self._move(s, replaced, "closed", "superseded", by)
            return self._move(s, plan, "approved", "approved", by)

    def close(self, plan_id: str, by: str) -> Plan:
        """End a plan in effect (its period is over)."""
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            self._take(s, plan, Step.CLOSE, by)
            plan.closed_at = self.clock.now()
            return self._move(s, plan, "closed", "closed", by)

    def amend(self, plan_id: str, by: str) -> Plan:
        """A new draft of an approved plan (the next edition). The approved plan stays in
        effect until the amendment is approved. An open amendment is returned as is."""
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            self._take(s, plan, Step.AMEND, by)
            open_amendment = s.scalars(select(Plan.id).where(
                Plan.amends_plan_id == plan.id, Plan.status.in_(("draft", "in_review")))).first()
            if open_amendment:
                return load_plan(s, open_amendment)
            amendment = Plan(student_id=plan.student_id, status="draft", edition=plan.edition + 1,
                             amends_plan_id=plan.id, previous_plan_id=plan.previous_plan_id,
                             author_id=by, **{f: getattr(plan, f) for f in PLAN_FIELDS})
            amendment.present_levels = [PresentLevel(domain=x.domain, level=x.level,
                                                     source=x.source, position=x.position)
                                        for x in plan.present_levels]
            amendment.services = [PlanService(**{f: getattr(x, f) for f in SERVICE_FIELDS},
                                              position=x.position) for x in plan.services]
            amendment.goals = [PlanGoal(domain=g.domain, statement=g.statement, position=g.position,
                                        objectives=[_copy_objective(o) for o in g.objectives])
                               for g in plan.goals]
            s.add(amendment)
            s.flush()
            return load_plan(s, amendment.id)

    # -- the team's words -----------------------------------------------------------------
    def comment(self, plan_id: str, by: str, section: str, text: str) -> PlanReview:
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            role = self._take(s, plan, Step.COMMENT, by)
            return self._record(s, plan, by, role, "comment", section, text, required=True)

    def sign(self, plan_id: str, *, person_id: str | None = None,
             guardian_id: str | None = None) -> PlanSignature:
        """A team member (person_id) or a guardian (guardian_id) signs this edition."""
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            _allow(Step.SIGN, plan)  # the status first, whoever signs
            return self._sign(s, plan, person_id, guardian_id, None)

    def sign_together(self, plan_id: str, person_ids=(), guardian_ids=(),
                      signed_on: date | None = None, attendees: str | None = None,
                      parent_opinion: str | None = None) -> list[PlanSignature]:
        """The signatures given on paper at the IEP meeting, recorded in one step: all of
        them or, if one is refused, none. `signed_on` is the meeting's day (today if not
        given); it is recorded as the meeting's date, with who else attended and what the
        parents said (家长意见) when given."""
        if not person_ids and not guardian_ids:
            raise NotAllowed(QT_TRANSLATE_NOOP("Errors", "Tick at least one person who "
                                                         "signed."))
        check = Checker()
        signed_on = check.date("signed_on", signed_on, today=self.clock.today(),
                               not_future=True)
        check.raise_if_any()
        # Noon, so the day stays the day in every time zone the record is read in.
        when = (datetime.combine(signed_on, time(12), tzinfo=timezone.utc)
                if signed_on is not None else None)
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            _allow(Step.SIGN, plan)
            signed = [*(self._sign(s, plan, pid, None, when) for pid in person_ids),
                      *(self._sign(s, plan, None, gid, when) for gid in guardian_ids)]
            # A team member signing in their own name records their signature, not the
            # meeting: the plan itself is the resource teacher's to write.
            actor = self.store.actor
            if actor is None or actor.may_write("plan"):
                _meeting(plan, signed_on or self.clock.today(), attendees, parent_opinion)
            return signed

    def record_meeting(self, plan_id: str, meeting_on, attendees: str | None = None,
                       parent_opinion: str | None = None) -> dict:
        """The IEP meeting written down or corrected after the signatures: while the plan
        is with the team or in effect. Returns what it replaced, for undo."""
        check = Checker()
        day = check.date("meeting_on", meeting_on, today=self.clock.today(), not_future=True)
        check.raise_if_any()
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            _allow(Step.SIGN, plan)
            before = {"meeting_on": plan.meeting_on, "attendees": plan.meeting_attendees,
                      "parent_opinion": plan.parent_opinion}
            plan.meeting_on = day
            _meeting(plan, day, attendees, parent_opinion)
            return before

    def _sign(self, s: Session, plan: Plan, person_id: str | None, guardian_id: str | None,
              when: datetime | None) -> PlanSignature:
        if guardian_id:
            guardian = s.get(Guardian, guardian_id)
            if guardian is None or guardian.student_id != plan.student_id:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This guardian is not in the "
                                                           "student's file."))
            signer = {"guardian_id": guardian.id, "name": guardian.name, "role": "parent"}
        else:
            role = self._take(s, plan, Step.SIGN, person_id)
            signer = {"person_id": person_id, "name": s.get(Person, person_id).full_name,
                      "role": role}
        if any((x.person_id == signer.get("person_id") and x.person_id) or
               (x.guardian_id == signer.get("guardian_id") and x.guardian_id)
               for x in plan.signatures if x.edition == plan.edition):
            raise NotAllowed(QT_TRANSLATE_NOOP("Errors", "{name} has already signed this "
                                                         "plan."), name=signer["name"])
        signature = PlanSignature(plan_id=plan.id, edition=plan.edition, **signer)
        if when is not None:
            signature.signed_at = when
        plan.signatures.append(signature)
        s.flush()
        return signature

    def review_objective(self, objective_id: str, code: str, comment: str = "",
                         reviewed_on=None, reviewer: str = "") -> ObjectiveReview:
        """A progress review of one objective of a plan in effect."""
        check = Checker()
        code = check.choice("code", code, REVIEW_CODES, allow_empty=False)
        today = self.clock.today()
        reviewed_on = check.date("reviewed_on", reviewed_on or today, today=today,
                                 not_future=True)
        check.raise_if_any()
        with self.store.session() as s:
            objective = s.get(Objective, objective_id)
            if objective is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This objective no longer exists."))
            _allow(Step.REVIEW_OBJECTIVES, objective.goal.plan)
            review = ObjectiveReview(objective_id=objective.id, code=code,
                                     comment=(comment or "").strip(), reviewed_on=reviewed_on,
                                     reviewer=(reviewer or "").strip()[:100])
            s.add(review)
            s.flush()
            return review

    def set_next_review(self, plan_id: str, review_due) -> Plan:
        """The next review date of a plan in effect, set when a review is held: the one
        edit an approved plan allows, so "review overdue" clears once the team has met."""
        check = Checker()
        due = check.date("next_review", review_due, required=True)
        if due is not None and due < self.clock.today():
            check.add("next_review", QT_TRANSLATE_NOOP(
                "Errors", "The next review ({date}) is already past. Choose a later date."),
                date=due.isoformat())
        check.raise_if_any()
        with self.store.session() as s:
            plan = load_plan(s, plan_id)
            _allow(Step.REVIEW_OBJECTIVES, plan)
            if plan.period_end and due > plan.period_end:
                check.add("next_review", QT_TRANSLATE_NOOP(
                    "Errors", "The next review ({date}) is after the plan ends ({end}). Choose "
                    "a date within the plan, or write the next plan."),
                    date=due.isoformat(), end=plan.period_end.isoformat())
                check.raise_if_any()
            plan.review_due = due
            s.flush()
            return plan

    # -- revisions ------------------------------------------------------------------------
    def revisions(self, student_id: str) -> list[PlanRevision]:
        """Every frozen revision of every plan of the student, oldest first."""
        with self.store.reading() as s:
            return list(s.scalars(
                select(PlanRevision).join(Plan, Plan.id == PlanRevision.plan_id)
                .where(Plan.student_id == student_id)
                .order_by(PlanRevision.made_at, PlanRevision.number)))

    def current_snapshot(self, plan_id: str) -> dict:
        with self.store.reading() as s:
            return freeze(load_plan(s, plan_id))

    # -- rules ----------------------------------------------------------------------------
    def on_any_team(self, person_id: str) -> bool:
        with self.store.reading() as s:
            return s.scalar(select(TeamMembership.id).where(
                TeamMembership.person_id == person_id).limit(1)) is not None

    def sole_resource_teacher(self) -> str | None:
        """The one person who is a resource teacher on teams here, if there is one: on a
        personal copy, most likely the teacher at the keyboard."""
        with self.store.reading() as s:
            people = list(s.scalars(select(TeamMembership.person_id).where(
                TeamMembership.role == "resource_teacher").distinct().limit(2)))
        return people[0] if len(people) == 1 else None

    def _take(self, s: Session, plan: Plan, step: Step, person_id: str | None) -> str:
        """The role in which the person takes `step` on the plan, if the review's rule
        allows it; refused otherwise, or if someone signed in acts in another's name."""
        role = self._role(s, plan, person_id)
        _allow(step, plan, Reviewer(person_id, role))
        return role

    def _role(self, s: Session, plan: Plan, person_id: str | None) -> str:
        """The person's role on the student's team ("" if they are not on it); refused if
        someone signed in acts in another person's name."""
        # On a shared server everyone signs in, so each acts in their own name. On a
        # personal copy the one teacher records the team's decisions, as taken on paper.
        actor = self.store.actor
        if (actor is not None and self.store.restricted_to_team
                and person_id != actor.person_id):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "Signed in as {name}, you review, approve and sign in your own "
                "name only. Ask the other person to sign in and do it themselves."),
                name=actor.name)
        return acting_role(s.scalars(select(TeamMembership.role).where(
            TeamMembership.student_id == plan.student_id, TeamMembership.person_id == person_id)))

    @staticmethod
    def _record(s: Session, plan: Plan, by: str, role: str, decision: str, section: str,
                text: str, required: bool = False) -> PlanReview:
        check = Checker()
        section = check.choice("section", section, PLAN_SECTIONS)
        text = (check.required_text("text", text, 4000) if required
                else check.optional_text("text", text, 4000))
        check.raise_if_any()
        review = PlanReview(plan_id=plan.id, person_id=by, role=role, decision=decision,
                            section=section, text=text, edition=plan.edition,
                            person_name=s.get(Person, by).full_name)
        plan.reviews.append(review)
        s.flush()
        return review

    def _back_to_draft(self, s: Session, plan: Plan, event: str, by: str) -> Plan:
        """The plan will change again, so the signatures given to it no longer stand:
        the frozen revision keeps them, and everyone signs the changed plan anew."""
        self._move(s, plan, "draft", event, by)
        for signature in [x for x in plan.signatures if x.edition == plan.edition]:
            plan.signatures.remove(signature)
        s.flush()
        return load_plan(s, plan.id)

    @staticmethod
    def _move(s: Session, plan: Plan, status: str, event: str, by: str) -> Plan:
        """Change status and freeze the plan as it now stands."""
        plan.status = status
        s.flush()
        number = (s.scalar(select(func.max(PlanRevision.number))
                           .where(PlanRevision.plan_id == plan.id)) or 0) + 1
        person = s.get(Person, by)
        s.add(PlanRevision(plan_id=plan.id, number=number, event=event, status=status,
                           made_by=person.full_name if person else "", snapshot=freeze(plan)))
        s.flush()
        return load_plan(s, plan.id)


def _meeting(plan: Plan, day, attendees: str | None, parent_opinion: str | None) -> None:
    check = Checker()
    texts = {"meeting_attendees": check.optional_text("meeting_attendees", attendees, 2000),
             "parent_opinion": check.optional_text("parent_opinion", parent_opinion, 4000)}
    check.raise_if_any()
    # Signatures given after the meeting (a parent signing a week later) leave its date.
    if plan.meeting_on is None:
        plan.meeting_on = day
    if attendees is not None:
        plan.meeting_attendees = texts["meeting_attendees"]
    if parent_opinion is not None:
        plan.parent_opinion = texts["parent_opinion"]


def _copy_objective(objective: Objective) -> Objective:
    return Objective(**{f: getattr(objective, f) for f in OBJECTIVE_FIELDS},
                     bank_goal_id=objective.bank_goal_id,
                     carried_from_id=objective.carried_from_id,
                     carried_status=objective.carried_status, position=objective.position,
                     amends_objective_id=objective.id,
                     mastery_percent=objective.mastery_percent,
                     mastery_sessions=objective.mastery_sessions,
                     mastery_level=objective.mastery_level,
                     home_tip=objective.home_tip, parent_wording=objective.parent_wording,
                     # progress already reviewed stays with the amended objective
                     reviews=[ObjectiveReview(reviewed_on=r.reviewed_on, code=r.code,
                                              comment=r.comment, reviewer=r.reviewer)
                              for r in objective.reviews])


def _allow(step: Step, plan: Plan, reviewer: Reviewer | None = None) -> None:
    reason = refusal(step, plan, reviewer)
    if reason is not None:
        raise NotAllowed(reason)
