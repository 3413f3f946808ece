"""The house rules for shipped teaching content (docs/CONTENT.md), as checks.

The schema (`iep-studio units check`) says whether a file can be read; these rules say
whether it is fit to ship: every objective measurable over a period and with a home tip,
enough objectives and long-term goals per age band, units that fit a real timetable,
wording fit for the age, one English word for the child.

Writers run it on the files they touched:
    python -m tests.units.content_rules course_units/goal_bank/perception.yaml
and the test suite runs it on the whole shipped library.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

# How many objectives and long-term goals each goal-bank file holds per age band.
OBJECTIVES_PER_BAND = 10
LONG_TERM_PER_BAND = 3
# Subdomains the issue named as thin; each needs this many objectives of its own.
THIN_SUBDOMAINS = {"perception.vestibular": 8, "perception.proprioceptive": 8}
BANDS = ("3-6", "6-9", "9-12", "12-15")
# A criterion holds over a period: consecutive sessions, days, weeks, a month, a term.
PERIOD = re.compile(r"连续|每周|周内|一周|两周|\d+周|\d+天|\d+日|次课|节课|个月|学期|每天|每次课")
NUMBER = re.compile(r"\d|[一二两三四五六七八九十百半]")
# Wording of the kindergarten, which a school-age student must not be given.
KINDERGARTEN = ("幼儿", "小朋友", "宝宝")


def _texts(value):
    """Every string inside a parsed model, for word checks."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


def goal_problems(goals, long_term_goals, file: str) -> list[str]:
    """Problems of one goal-bank file's objectives and long-term goals."""
    problems = []
    bands = Counter(goal.age_band for goal in goals)
    for goal in goals:
        where = f"{file} {goal.id}"
        if goal.home_tip is None or not goal.home_tip.zh or not goal.home_tip.en:
            problems.append(f"{where}: no home tip in both languages")
        criterion = goal.criterion.zh
        if not NUMBER.search(criterion) or not PERIOD.search(criterion):
            problems.append(f"{where}: the criterion needs a number and a period "
                            f"(连续3次课, 一周内, ...): {criterion}")
        if goal.mastery is None:
            problems.append(f"{where}: no mastery rule")
        if goal.age_band == "3-6" and "田字格" in "".join(_texts(goal.model_dump())):
            problems.append(f"{where}: 田字格 writing is not for ages 3-6")
        if re.search(r"\bpupils?\b", "".join(_texts(goal.model_dump())), re.I):
            problems.append(f"{where}: say 'student', not 'pupil'")
    for band in BANDS:
        if bands[band] < OBJECTIVES_PER_BAND:
            problems.append(f"{file}: {bands[band]} objectives for {band}; "
                            f"at least {OBJECTIVES_PER_BAND}")
        held = sum(1 for g in long_term_goals if g.age_band == band)
        if held < LONG_TERM_PER_BAND:
            problems.append(f"{file}: {held} long-term goals for {band}; "
                            f"at least {LONG_TERM_PER_BAND}")
    grouped = {i for g in long_term_goals for i in g.objectives}
    for goal in goals:
        if goal.id not in grouped:
            problems.append(f"{file} {goal.id}: under no long-term goal")
    return problems


def unit_problems(unit, file: str) -> list[str]:
    """Problems of one course unit."""
    problems = []
    where = f"{file} {unit.id}"
    school_age = [b for b in unit.age_bands if b != "3-6"]
    minutes = unit.duration_minutes
    if school_age and not (35 <= minutes <= 45 or 70 <= minutes <= 90):
        problems.append(f"{where}: {minutes} minutes; a school lesson is 35-45 "
                        "(or two, 70-90)")
    if not school_age and not 15 <= minutes <= 30:
        problems.append(f"{where}: {minutes} minutes; a preschool activity is 15-30")
    steps = sum(step.minutes for step in unit.steps)
    if abs(steps - minutes) > 5:
        problems.append(f"{where}: the steps take {steps} minutes, the unit says {minutes}")
    text = "\n".join(_texts(unit.model_dump()))
    if re.search(r"\bpupils?\b", text, re.I):
        problems.append(f"{where}: say 'student', not 'pupil'")
    if "3-6" in unit.age_bands and not school_age and "田字格" in text:
        problems.append(f"{where}: 田字格 writing is not for ages 3-6")
    if "3-6" not in unit.age_bands and any(word in text for word in KINDERGARTEN):
        problems.append(f"{where}: kindergarten wording ({'/'.join(KINDERGARTEN)}) "
                        "for school-age students")
    return problems


def library_problems(folder: Path) -> list[str]:
    """Every house-rule problem in a folder of units and goal-bank files."""
    from iep_studio.core.units.loading import load_folder

    library = load_folder(folder)
    problems = [str(p) for p in library.problems]
    by_file: dict[str, list] = {}
    for goal_id, goal in library.goals.items():
        by_file.setdefault(library.sources[goal_id], []).append(goal)
    long_term_by_file: dict[str, list] = {}
    for long_term_id, long_term in library.long_term_goals.items():
        long_term_by_file.setdefault(library.sources.get(long_term_id, ""), []).append(long_term)
    for file, goals in sorted(by_file.items()):
        problems += goal_problems(goals, long_term_by_file.get(file, []), file)
    for unit in library.units.values():
        problems += unit_problems(unit, library.sources[unit.id])
    subdomains = Counter(goal.domain for goal in library.goals.values())
    for code, least in THIN_SUBDOMAINS.items():
        if by_file and subdomains[code] < least and any(
                g.domain.startswith(code.split(".")[0]) for g in library.goals.values()):
            problems.append(f"{code}: {subdomains[code]} objectives; at least {least}")
    return problems


def main(paths: list[str]) -> int:
    """Check the given files (each as if alone in a folder), or the shipped library."""
    import shutil
    import tempfile

    from iep_studio.core.paths import course_units_dir

    if not paths:
        problems = library_problems(course_units_dir())
    else:
        problems = []
        for path in map(Path, paths):
            with tempfile.TemporaryDirectory() as folder:
                inside = Path(folder) / ("goal_bank" if path.parent.name == "goal_bank"
                                         else "units")
                inside.mkdir()
                shutil.copy(path, inside / path.name)
                problems += [p.replace(f"{inside.name}/{path.name}", str(path), 1)
                             for p in library_problems(Path(folder))]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
