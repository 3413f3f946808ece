"""The demo students' IEPs, written and taken through the team's review exactly as a
teacher would do it in the app, so the demo shows plans in every stage."""
from __future__ import annotations

from .services import Services

PLAN_TEXT = ("guardian_participation", "placement_statement", "resource_services", "strategies",
             "adjustments", "behaviour_support", "transition")


def create_plans(services: Services, student_id: str, people: dict, records: list[dict],
                 guardians: list) -> None:
    previous = None
    for record in records:
        start, end = (str(d) for d in record["period"])
        if record.get("from_previous") and previous is not None:
            plan = services.plans.start_from_previous(
                previous.id, start, end, title=record["title"],
                review_due=str(record["review_due"]), author_id=people["t_wang"].id)
        else:
            plan = services.plans.create(student_id, start, end, title=record["title"],
                                         review_due=str(record["review_due"]),
                                         author_id=people["t_wang"].id)
        changes = {f: record[f] for f in PLAN_TEXT if f in record}
        if "sessions_per_week" in record:
            changes["resource_sessions_per_week"] = record["sessions_per_week"]
        services.plans.update(plan.id, changes)
        for goal in record.get("goals", []) + record.get("add_goals", []):
            _add_goal(services, plan.id, goal)
        for service in record.get("services", []):
            services.plans.add_service(plan.id, service)
        _review(services, plan.id, people, record, guardians)
        previous = plan


def _add_goal(services: Services, plan_id: str, goal: dict) -> None:
    made = services.plans.add_goal(plan_id, goal["domain"], goal["statement"])
    for objective in goal["objectives"]:
        if "bank" in objective:
            added = services.plans.add_from_bank(plan_id, objective["bank"], "zh_CN",
                                                 goal_id=made.id,
                                                 responsible=objective.get("responsible", ""))
            services.plans.update_objective(added.id, {
                "measurement": objective.get("measurement", "")})
        else:
            services.plans.add_objective(made.id, objective)


def _review(services: Services, plan_id: str, people: dict, record: dict, guardians) -> None:
    if "submitted_by" not in record:
        return
    review = services.review
    # The team met when the plan began: the review dates were ahead of them then, whatever
    # day the demo is made.
    clock = review.clock
    day, clock.day = clock.day, record["period"][0]
    try:
        _steps(review, plan_id, people, record, guardians, services)
    finally:
        clock.day = day


def _steps(review, plan_id, people, record, guardians, services) -> None:
    review.submit(plan_id, people[record["submitted_by"]].id)
    for signer in record.get("signed_by", []):
        if signer == "guardian":
            review.sign(plan_id, guardian_id=guardians[0].id)
        else:
            review.sign(plan_id, person_id=people[signer].id)
    meeting = record.get("meeting")
    if meeting:  # the day the team met: the plan's first day (see _review)
        review.record_meeting(plan_id, review.clock.day, meeting.get("attendees"),
                              meeting.get("parent_opinion"))
    if "approved_by" not in record:
        return
    review.approve(plan_id, people[record["approved_by"]].id, "同意实施。")
    results = record.get("reviews")
    if results:
        review.clock.day = results["date"]
        plan = services.plans.get(plan_id)
        objectives = [o for g in plan.goals for o in g.objectives]
        for objective, (code, comment) in zip(objectives, results["results"]):
            review.review_objective(objective.id, code, comment, str(results["date"]),
                                    results["by"])
    if "closed_by" in record:
        review.close(plan_id, people[record["closed_by"]].id)
