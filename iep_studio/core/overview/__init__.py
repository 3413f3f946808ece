"""The school and the district at a glance: counts, children needing attention, and the
regulation's checks, each figure opening the list of children behind it. The figures are
counted by the database (core/services/overview.py), never by loading every child."""
from .figures import (
    ATTENTION, DIMENSIONS, PLAN_STAGES, Breach, Check, Child, DistrictView, Figure, make_key,
    split_key,
)
from .rules import CHECKS, THRESHOLDS, CheckRule, RuleSetting, Source, Threshold

__all__ = ["ATTENTION", "CHECKS", "DIMENSIONS", "PLAN_STAGES", "THRESHOLDS", "Breach", "Check",
           "CheckRule", "Child", "DistrictView", "Figure", "RuleSetting", "Source", "Threshold",
           "make_key", "split_key"]
