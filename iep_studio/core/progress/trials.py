"""Trials as teachers record them: one code per trial, the prompt level it took.

A trial is stored as one letter, least help first: I independent (独立), V verbal (口头提示),
G gesture or visual (手势/视觉提示), M model (示范), P partial physical (部分肢体辅助),
F full physical (完全肢体辅助), and N for not done (未完成). A record of ten trials is a
ten-letter string such as "IIVIGIIINI". The outcome follows from the code: I is done
independently, V to F done with help, N not done.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import Term, Vocabulary

PROMPT_LEVELS = Vocabulary(
    Term("I", "独立", "Independent"),
    Term("V", "口头提示", "Verbal prompt"),
    Term("G", "手势/视觉提示", "Gesture or visual prompt"),
    Term("M", "示范", "Model"),
    Term("P", "部分肢体辅助", "Partial physical"),
    Term("F", "完全肢体辅助", "Full physical"),
    Term("N", "未完成", "Not done"),
)

OUTCOMES = Vocabulary(
    Term("independent", "独立完成", "Done independently"),
    Term("assisted", "辅助完成", "Done with help"),
    Term("not_done", "未完成", "Not done"),
)

# Least help in the deepest green, more help warmer and lighter, not done a middle grey:
# the same on the screen and in print. Hue alone cannot be told apart in black and white
# or by many colour-blind readers, so each level is also a step of grey (relative
# luminance, I to F, rising by about 1.55:1 a step; N at 3.9:1 from F) and a hatch.
LEVEL_COLOURS = {"I": "#144719", "V": "#336622", "G": "#638226", "M": "#b8950a",
                 "P": "#fbb064", "F": "#fde9e9", "N": "#767676"}
# The hatch of each level, written as the lines look: "" none, "/" and "\" diagonals,
# "-" horizontal, "." dots, "+" a grid, "x" a diagonal grid. The window and the
# documents each turn these into their own patterns.
LEVEL_HATCHES = {"I": "", "V": "/", "G": "-", "M": ".", "P": "\\", "F": "+", "N": "x"}

# Least help first; N (not done) is after every level.
ORDER = "IVGMPFN"
# The number keys of the observation entry, in the same order (0 is "not done").
KEYS = {"1": "I", "2": "V", "3": "G", "4": "M", "5": "P", "6": "F", "0": "N"}
MAX_TRIALS = 100


def outcome(code: str) -> str:
    return "independent" if code == "I" else "not_done" if code == "N" else "assisted"


def clean(trials: str) -> str:
    """The valid codes of `trials`, upper-cased; anything else is dropped."""
    return "".join(c for c in (trials or "").upper() if c in ORDER)


def invalid_codes(trials: str) -> str:
    return "".join(sorted({c for c in (trials or "").upper() if c not in ORDER}))


@dataclass(frozen=True)
class TrialSummary:
    total: int
    successes: int  # trials at or below the counted prompt level
    by_level: dict[str, int]

    @property
    def percent(self) -> float | None:
        return 100.0 * self.successes / self.total if self.total else None


def summarise(trials: str, level: str = "I") -> TrialSummary:
    """Count the trials by prompt level; a success is a trial at `level` or less help."""
    codes = clean(trials)
    limit = ORDER.index(level if level in ORDER[:-1] else "I")
    by_level = {code: codes.count(code) for code in ORDER if code in codes}
    successes = sum(n for code, n in by_level.items() if ORDER.index(code) <= limit)
    return TrialSummary(len(codes), successes, by_level)
