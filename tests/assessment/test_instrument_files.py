"""Instrument files as a teacher or a school writes them: a good folder loads, ladders in
order; every mistake is named with its file, line and field, and the rest still loads."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from iep_studio.core.assessment.instrument import json_schemas
from iep_studio.core.assessment.loading import load_instruments
from iep_studio.core.assessment.scoring import convert, domain_totals
from iep_studio.core.paths import resource_dir

GOALS = {"gm-stairs-01", "gm-stairs-02", "fm-grasp-01"}

HEADER = """\
schema_version: 1
id: school-scale
title: {zh: 学校评估表, en: School checklist}
age_bands: ["3-6", "6-9"]
scales:
  - id: five-point
    title: {zh: 五级, en: Five points}
    points:
      - {value: 1, means: not_yet, label: {zh: 不能, en: Cannot}}
      - {value: 3, means: emerging, label: {zh: 部分, en: Partly}}
      - {value: 5, means: independent, label: {zh: 独立, en: Alone}}
scoring:
  conversions:
    - domain: gross_motor
      age_months_from: 36
      age_months_to: 71
      result_name: {zh: 等级, en: Level}
      table:
        - {raw_from: 0, raw_to: 2, result: C}
        - {raw_from: 3, raw_to: 4, result: B}
"""

GROSS_MOTOR = """\
schema_version: 1
instrument: school-scale
domain: gross_motor
subdomains:
  - id: stairs
    title: {zh: 上下楼梯, en: Stairs}
    items:
      - id: stairs-01
        behaviour: {zh: 扶栏杆上楼梯, en: Climbs stairs holding the rail}
        age_band: "3-6"
        method: probe
        materials: {zh: 楼梯, en: Stairs}
        instruction: {zh: 请学生上6级楼梯, en: Ask the child to climb 6 steps}
        passed_when: {zh: 独立上完6级, en: Climbs all 6 alone}
        objectives: [gm-stairs-01]
      - id: stairs-02
        behaviour: {zh: 随班上下楼梯, en: Uses the stairs with the class}
        age_band: "6-9"
        method: observation
        passed_when: {zh: 连续3天跟上队伍, en: Keeps up on 3 days running}
        objectives: [gm-stairs-02]
"""

FINE_MOTOR = """\
schema_version: 1
instrument: school-scale
domain: fine_motor
subdomains:
  - id: grasp
    title: {zh: 抓握, en: Grasp}
    items:
      - id: grasp-01
        behaviour: {zh: 三指捏起小积木, en: Picks up a small block with three fingers}
        age_band: "3-6"
        method: parent_report
        passed_when: {zh: 家长报告能做到, en: The parent says so}
        scale: five-point
        objectives: [fm-grasp-01]
"""


def folder(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "instruments"
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def good(tmp_path) -> Path:
    return folder(tmp_path, **{"school__instrument.yaml": HEADER,
                               "school__gross_motor.yaml": GROSS_MOTOR,
                               "school__fine_motor.yaml": FINE_MOTOR})


def problems(found) -> list[str]:
    return [str(p) for p in found.problems]


def test_a_good_folder_loads_its_ladders_in_order(tmp_path):
    found = load_instruments(good(tmp_path), GOALS)
    assert problems(found) == []
    loaded = found.instruments["school-scale"]
    # Domains in the order of the app's domain list, items in the order of each ladder.
    assert [(p.domain, p.subdomain.id, p.step, p.item.id) for p in loaded.items()] == [
        ("gross_motor", "stairs", 0, "stairs-01"), ("gross_motor", "stairs", 1, "stairs-02"),
        ("fine_motor", "grasp", 0, "grasp-01")]
    header = loaded.header
    assert header.scale().id == "not-yet-emerging-independent"  # the default, 0-1-2
    assert [p.value for p in header.scale("five-point").points] == [1, 3, 5]


def test_raw_totals_and_conversion_by_age(tmp_path):
    loaded = load_instruments(good(tmp_path), GOALS).instruments["school-scale"]
    scores = {"stairs-01": 2, "stairs-02": 1, "grasp-01": None}  # grasp: N/A
    totals = domain_totals(loaded, scores, age_months=50)
    assert [(t.domain, t.raw, t.scored, t.possible, t.result, t.result_name)
            for t in totals] == [("gross_motor", 3, 2, 4, "B", "等级"),
                                 ("fine_motor", 0, 0, 0, None, "")]
    # Outside the table's ages, or a raw total it leaves out: no result, never a guess.
    assert convert(loaded, "gross_motor", 72, 3) == (None, "")
    assert convert(loaded, "gross_motor", 50, 4.5) == (None, "")
    assert convert(loaded, "gross_motor", None, 3) == (None, "")
    assert domain_totals(loaded, {"grasp-01": 5}, 50, "en")[0].possible == 5


@pytest.mark.parametrize("files, expected", [
    ({"gross_motor.yaml": GROSS_MOTOR.replace("gm-stairs-02", "gm-stares-02")},
     ['gross_motor.yaml:21 subdomains.0.items.1.objectives.0: No objective "gm-stares-02" '
      "in the goal bank. Check the id in the goal bank's files."]),
    ({"gross_motor.yaml": GROSS_MOTOR.replace(
        "        instruction: {zh: 请学生上6级楼梯, en: Ask the child to climb 6 steps}\n", "")},
     ["gross_motor.yaml:8 subdomains.0.items.0: A probe needs 'materials' and "
      "'instruction': what to have ready and what to say, so any teacher gives it the same "
      "way."]),
    ({"gross_motor.yaml": GROSS_MOTOR.replace("domain: gross_motor", "domain: gross_moter")},
     ["gross_motor.yaml:3 domain: Unknown domain 'gross_moter'; expected one of: "]),
    ({"gross_motor.yaml": GROSS_MOTOR.replace('age_band: "6-9"', 'age_band: "9-12"')},
     ["gross_motor.yaml:18 subdomains.0.items.1.age_band: The instrument covers the age "
      "bands 3-6, 6-9; add this one to instrument.yaml or correct it."]),
    ({"fine_motor.yaml": FINE_MOTOR.replace("scale: five-point", "scale: five-points")},
     ["fine_motor.yaml:13 subdomains.0.items.0.scale: Unknown scale 'five-points'; expected "
      "one of: not-yet-emerging-independent, five-point."]),
    # Files are read in name order: the later one is told.
    ({"fine_motor.yaml": FINE_MOTOR.replace("id: grasp-01", "id: stairs-01")},
     ['gross_motor.yaml:8 subdomains.0.items.0.id: The id "stairs-01" is already used in '
      "school/fine_motor.yaml. Give each its own id."]),
    ({"more_gross_motor.yaml": GROSS_MOTOR.replace("stairs", "steps")},
     ["more_gross_motor.yaml:3 domain: The instrument already has a file for this domain. "
      "Put all of a domain's subdomains in one file."]),
    ({"fine_motor.yaml": FINE_MOTOR.replace("instrument: school-scale",
                                            "instrument: school-scales")},
     ['fine_motor.yaml:2 instrument: No instrument "school-scales" in this folder: its '
      "instrument.yaml is missing, or the id is misspelt."]),
    ({"gross_motor.yaml": GROSS_MOTOR.replace("method: observation", "method: watching")},
     ["gross_motor.yaml:19 subdomains.0.items.1.method: \"watching\" is not allowed here; "
      "expected 'probe', 'observation' or 'parent_report'."]),
    ({"gross_motor.yaml": "domain: &a gross_motor\nagain: *a\n"},
     ["gross_motor.yaml:1: Anchors and aliases (& and *) are not allowed"]),
    ({"gross_motor.yaml": "subdomains: [unclosed\n"},
     ["gross_motor.yaml:2: This is not valid YAML: "]),
])
def test_each_mistake_is_named_where_it_is_and_the_rest_loads(tmp_path, files, expected):
    written = {"school__instrument.yaml": HEADER, "school__gross_motor.yaml": GROSS_MOTOR,
               "school__fine_motor.yaml": FINE_MOTOR}
    written.update({f"school__{name}": text for name, text in files.items()})
    found = load_instruments(folder(tmp_path, **written), GOALS)
    said = [p.removeprefix("school/") for p in problems(found)]
    assert len(said) == len(expected), said
    for line, start in zip(said, expected):
        assert line.startswith(start), line
    # The instrument itself still loads, with the files that had no problem.
    assert "school-scale" in found.instruments


@pytest.mark.parametrize("change, expected", [
    (("{value: 5, means: independent", "{value: 5, means: emerging"),
     "A scale runs from a point that means not_yet to one that means independent."),
    (("{value: 3, means", "{value: 0, means"),
     "List a scale's points from the lowest value to the highest."),
    (("{raw_from: 3, raw_to: 4", "{raw_from: 2, raw_to: 4"),
     "Two rows of the table cover the raw total 2."),
    (("age_months_to: 71", "age_months_to: 30"),
     "age_months_to must not be below age_months_from."),
])
def test_scales_and_tables_that_contradict_themselves_are_refused(tmp_path, change, expected):
    header = HEADER.replace(*change)
    found = load_instruments(folder(tmp_path, **{"instrument.yaml": header}), GOALS)
    assert len(found.problems) == 1 and found.problems[0].text() == expected
    assert found.instruments == {}


def test_a_folder_that_is_not_there(tmp_path):
    found = load_instruments(tmp_path / "nowhere", GOALS)
    assert [p.text() for p in found.problems] == ["This folder does not exist."]


def test_json_schemas_in_resources_are_current():
    for name, text in json_schemas().items():
        assert (resource_dir() / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of date: run iep-studio instruments schema")


def test_the_command_line_lists_each_problem_and_says_how_many(tmp_path, capsys):
    from iep_studio.cli import main

    root = good(tmp_path)
    assert main(["--data-dir", str(tmp_path / "data"), "instruments", "check", str(root)]) == 0
    assert capsys.readouterr().err.strip() == (
        "3 files read: 1 instruments, 3 items; 0 problems in 0 files")
    (root / "school" / "fine_motor.yaml").write_text(
        FINE_MOTOR.replace("fm-grasp-01", "fm-grasp-99"), encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "data"), "instruments", "check", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == ('school/fine_motor.yaml:14 subdomains.0.items.0.objectives.0: No '
                           'objective "fm-grasp-99" in the goal bank. Check the id in the goal '
                           "bank's files.")
    assert err.strip() == "3 files read: 1 instruments, 2 items; 1 problems in 1 files"
