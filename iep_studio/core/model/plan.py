"""The IEP (个别化教育计划): a plan per student per period, its goals and objectives, the
team's review, signatures, progress reviews of each objective, and frozen revisions."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record, Versioned, utcnow


class Plan(Record, Versioned, Base):
    """One IEP for one period. Only a draft changes; an approved plan is locked and
    changed by an amendment (a new Plan with `amends_plan_id` and the next edition)."""

    __tablename__ = "plan"

    student_id: Mapped[str] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"),
                                            index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    period_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    edition: Mapped[int] = mapped_column(Integer, default=1)
    previous_plan_id: Mapped[str | None] = mapped_column(
        ForeignKey("plan.id", ondelete="SET NULL"), nullable=True)
    amends_plan_id: Mapped[str | None] = mapped_column(
        ForeignKey("plan.id", ondelete="SET NULL"), nullable=True)
    author_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    strengths: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    strategies: Mapped[str] = mapped_column(Text, default="")
    adjustments: Mapped[str] = mapped_column(Text, default="")
    behaviour_support: Mapped[str] = mapped_column(Text, default="")
    transition: Mapped[str] = mapped_column(Text, default="")
    placement_statement: Mapped[str] = mapped_column(Text, default="")
    resource_sessions_per_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resource_services: Mapped[str] = mapped_column(Text, default="")
    guardian_participation: Mapped[str] = mapped_column(Text, default="")
    # The IEP meeting (IEP会议) where the team agreed the plan: when, who came, and what the
    # parents said (家长意见), printed above the signatures.
    meeting_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    meeting_attendees: Mapped[str] = mapped_column(Text, default="")
    parent_opinion: Mapped[str] = mapped_column(Text, default="")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    present_levels: Mapped[list[PresentLevel]] = relationship(
        cascade="all, delete-orphan", order_by="PresentLevel.position")
    goals: Mapped[list[PlanGoal]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanGoal.position")
    services: Mapped[list[PlanService]] = relationship(
        cascade="all, delete-orphan", order_by="PlanService.position")
    reviews: Mapped[list[PlanReview]] = relationship(
        cascade="all, delete-orphan", order_by="PlanReview.made_at")
    signatures: Mapped[list[PlanSignature]] = relationship(
        cascade="all, delete-orphan", order_by="PlanSignature.signed_at")


class PresentLevel(Record, Base):
    """现有能力水平 in one domain, drawn from the latest assessment and edited freely."""

    __tablename__ = "plan_present_level"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(50))
    level: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanGoal(Record, Versioned, Base):
    """长期目标: a long-term goal in one domain, with its short-term objectives."""

    __tablename__ = "plan_goal"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(50), default="")
    statement: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    plan: Mapped[Plan] = relationship(back_populates="goals")
    objectives: Mapped[list[Objective]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Objective.position")


class Objective(Record, Versioned, Base):
    """短期目标: condition, behaviour, criterion, how it is measured, when, and by whom."""

    __tablename__ = "plan_objective"

    goal_id: Mapped[str] = mapped_column(ForeignKey("plan_goal.id", ondelete="CASCADE"),
                                         index=True)
    condition: Mapped[str] = mapped_column(Text, default="")
    behaviour: Mapped[str] = mapped_column(Text, default="")
    criterion: Mapped[str] = mapped_column(Text, default="")
    measurement: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    target_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    responsible: Mapped[str] = mapped_column(String(100), default="")
    # The parent version: what the family can do at home for this objective (from the
    # goal bank, fitted by the teacher to the child's placement), and the objective in
    # the family's words when the teacher rewrites it (empty: worded from the objective).
    home_tip: Mapped[str] = mapped_column(Text, default="")
    parent_wording: Mapped[str] = mapped_column(Text, default="")
    # Where the wording came from: a goal-bank id, and the objective of the previous plan
    # it continues (with that plan's last review code: C, S or E).
    bank_goal_id: Mapped[str] = mapped_column(String(64), default="")
    carried_from_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    carried_status: Mapped[str] = mapped_column(String(1), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # When the data say the objective is mastered (progress.mastery): the share of trials
    # at or below a prompt level, over consecutive sessions. Empty means the defaults
    # (80% independent over 3 sessions). A recording rule, not plan text: it may change
    # while the plan is in effect.
    mastery_percent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mastery_sessions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mastery_level: Mapped[str] = mapped_column(String(1), default="")
    # The objective this one copies in an amendment: the same objective in a new edition,
    # so the observations recorded against the earlier edition still count toward it.
    amends_objective_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    goal: Mapped[PlanGoal] = relationship(back_populates="objectives")
    reviews: Mapped[list[ObjectiveReview]] = relationship(
        cascade="all, delete-orphan", order_by="ObjectiveReview.reviewed_on")


class ObjectiveReview(Record, Base):
    """At a review: P passed, C continue, S simplify, E extend, D dropped, and why."""

    __tablename__ = "objective_review"

    objective_id: Mapped[str] = mapped_column(
        ForeignKey("plan_objective.id", ondelete="CASCADE"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(1))
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(100), default="")


class PlanService(Record, Base):
    """相关服务与辅具: a related service or an assistive device, how often, and by whom."""

    __tablename__ = "plan_service"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="service")
    name: Mapped[str] = mapped_column(String(200))
    frequency: Mapped[str] = mapped_column(String(100), default="")
    provider: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # When and where the service is given (a hospital, the resource room, at home).
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanReview(Record, Base):
    """A team member's word on the plan: a comment on a section, an approval, or a
    request for changes."""

    __tablename__ = "plan_review"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"),
                                           index=True)
    person_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(50), default="")
    decision: Mapped[str] = mapped_column(String(20), default="comment")
    section: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    edition: Mapped[int] = mapped_column(Integer, default=1)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlanSignature(Record, Base):
    """Who signed, in what role, when: a team member or a guardian."""

    __tablename__ = "plan_signature"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    guardian_id: Mapped[str | None] = mapped_column(
        ForeignKey("guardian.id", ondelete="SET NULL"), nullable=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(50), default="")
    edition: Mapped[int] = mapped_column(Integer, default=1)
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlanRevision(Record, Base):
    """The whole plan frozen at a status change: what was submitted, approved, closed."""

    __tablename__ = "plan_revision"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    event: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    made_by: Mapped[str] = mapped_column(String(100), default="")
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    snapshot: Mapped[dict] = mapped_column(JSON)
