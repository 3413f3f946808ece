"""The words of the IEP (sections, statuses, review codes), in Chinese and English.

Kept with the vocabulary rather than in the Qt translation files because the comparison,
the command line and the Word and PDF exports (no Qt) print them too.
"""
from __future__ import annotations

from ..vocabulary import Term, Vocabulary, join_clauses

PLAN_STATUSES = Vocabulary(
    Term("draft", "草稿", "Draft"),
    Term("in_review", "审阅中", "In review"),
    Term("approved", "已批准（生效中）", "Approved (in effect)"),
    Term("closed", "已结束", "Closed"),
)

# What happened when a revision was frozen.
PLAN_EVENTS = Vocabulary(
    Term("submitted", "提交审阅", "Submitted for review"),
    Term("withdrawn", "撤回修改", "Withdrawn to draft"),
    Term("changes_requested", "要求修改", "Changes requested"),
    Term("approved", "批准生效", "Approved"),
    Term("closed", "结束", "Closed"),
    Term("superseded", "被修订版取代", "Replaced by an amendment"),
)

REVIEW_DECISIONS = Vocabulary(
    Term("comment", "意见", "Comment"),
    Term("approve", "批准", "Approval"),
    Term("changes", "要求修改", "Changes requested"),
)

# Progress codes given to each objective at a review.
REVIEW_CODES = Vocabulary(
    Term("P", "P 通过", "P passed"),
    Term("C", "C 继续", "C continue"),
    Term("S", "S 简化", "S simplify"),
    Term("E", "E 加深", "E extend"),
    Term("D", "D 放弃", "D dropped"),
)
# An objective reviewed with one of these is not met yet: the next plan carries it over.
CARRIED_CODES = ("C", "S", "E")

SERVICE_KINDS = Vocabulary(
    Term("service", "相关服务", "Related service"),
    Term("device", "辅具", "Assistive device"),
)

# The sections of the plan, numbered as in a Chinese IEP; comments are made on one.
PLAN_SECTIONS = Vocabulary(
    Term("basic", "1 基本信息", "1 Basic information"),
    Term("family", "2 家庭情况", "2 Family"),
    Term("placement", "3 安置与服务形式", "3 Placement and services"),
    Term("present_levels", "4 现有能力水平", "4 Present levels"),
    Term("strengths", "5 优势与需求", "5 Strengths and needs"),
    Term("goals", "6-7 长期目标与短期目标", "6-7 Long-term goals and short-term objectives"),
    Term("strategies", "8 教学策略与课程调整", "8 Teaching strategies and adjustments"),
    Term("services", "9 相关服务与辅具", "9 Related services and assistive devices"),
    Term("behaviour", "10 行为支持计划", "10 Behaviour support plan"),
    Term("transition", "11 转衔计划", "11 Transition plan"),
    Term("review", "12 评估检讨与签名", "12 Reviews and signatures"),
)

# Field names as a plan prints them (comparison, completeness check, exports).
PLAN_FIELDS = Vocabulary(
    Term("title", "计划名称", "Title"),
    Term("period", "计划期间", "Plan period"),
    Term("review_due", "下次检讨日期", "Next review"),
    Term("status", "状态", "Status"),
    Term("strengths", "优势与兴趣", "Strengths and interests"),
    Term("needs", "需求", "Needs"),
    Term("strategies", "教学策略", "Teaching strategies"),
    Term("adjustments", "课程调整与便利", "Curriculum adjustments and accommodations"),
    Term("behaviour_support", "行为支持", "Behaviour support"),
    Term("transition", "转衔计划", "Transition plan"),
    Term("placement_statement", "安置说明", "Placement statement"),
    Term("resource_sessions_per_week", "资源教室每周节数", "Resource-room sessions a week"),
    Term("resource_services", "资源教室服务内容", "Services in the resource room"),
    Term("guardian_participation", "家长参与", "Family participation"),
    Term("present_level", "现有能力水平", "Present level"),
    Term("goal", "长期目标", "Long-term goal"),
    Term("objective", "短期目标", "Short-term objective"),
    Term("condition", "条件", "Condition"),
    Term("behaviour", "行为", "Behaviour"),
    Term("criterion", "标准", "Criterion"),
    Term("measurement", "评量方式", "Measured by"),
    Term("dates", "起止日期", "Start and target dates"),
    Term("responsible", "负责人", "Responsible"),
    Term("carried_status", "上期检讨", "Last review"),
    Term("service", "相关服务", "Related service"),
    Term("device", "辅具", "Assistive device"),
    Term("signature", "签名", "Signature"),
    Term("objective_review", "检讨", "Review"),
)

# Who may do what in the team review (roles from the student's team).
WRITER_ROLES = frozenset({"resource_teacher", "itinerant_teacher", "administrator"})
APPROVER_ROLES = frozenset({"administrator", "expert"})

# How an objective is measured, from how the items that led to it are scored. An
# objective taken from the goal bank by hand is measured by "probe", the resource room's
# usual way, so it never arrives without a method.
MEASURED_BY = {
    "probe": {"zh": "资源教室个别测查", "en": "Individual probe in the resource room"},
    "observation": {"zh": "课堂观察记录", "en": "Classroom observation record"},
    "parent_report": {"zh": "家长记录与访谈", "en": "Parent's record and interview"},
}


def measured_by(method: str, language: str) -> str:
    wording = MEASURED_BY.get(method, MEASURED_BY["probe"])
    return wording["zh" if language.startswith("zh") else "en"]


# Measurement methods offered when writing an objective (free text is allowed too).
MEASUREMENTS = (
    Term("observation", "观察记录", "Observation record"),
    Term("trials", "试次记录", "Trial record"),
    Term("work_sample", "作品分析", "Work sample"),
    Term("checklist", "检核表", "Checklist"),
    Term("oral", "口头问答", "Oral questions"),
)


def objective_sentence(objective, language: str) -> str:
    """An objective written out as one sentence (condition, behaviour, criterion), with
    no closing mark: it is shown in lists and headings."""
    return join_clauses((objective.condition, objective.behaviour, objective.criterion),
                        language).rstrip("，。,.")
