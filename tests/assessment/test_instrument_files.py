"""Instrument files as a teacher or a school writes them: a good folder loads, ladders in
order; every mistake is named with its file, line and field, and the rest still loads."""
from __future__ import annotations

import pytest

from iep_studio.core.assessment.instrument import json_schemas
from iep_studio.core.assessment.loading import load_instruments
from iep_studio.core.assessment.scoring import convert, domain_totals
from iep_studio.core.paths import resource_dir

from tests.assessment.instrument_files import (
    FINE_MOTOR, GOALS, GROSS_MOTOR, HEADER, folder, good,
)


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
    (("{value: 3, means", "{value: 1, means"), "Each value may appear once in a scale."),
    (("{raw_from: 3, raw_to: 4", "{raw_from: 3, raw_to: 1"), "raw_to must not be below raw_from."),
    (("  - id: five-point", "  - id: not-yet-emerging-independent"),
     "Each scale needs its own id."),
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


def test_the_shipped_assessment_covers_every_domain_and_age_in_ladders():
    """IEP Studio's own curriculum-based assessment: 16 domains, each with items in all four
    age bands; ladders of 6 to 12 items whose age bands never go backwards; every item
    linked to the goal bank, every probe set out (the format checks that)."""
    from iep_studio.core.paths import course_units_dir, instruments_dir
    from iep_studio.core.units.loading import load_folder

    goals = set(load_folder(course_units_dir()).goals)
    found = load_instruments(instruments_dir(), goals)
    assert problems(found) == []
    cba = found.instruments["iep-studio-cba"]
    items = cba.items()
    assert len(items) >= 480
    domains = [part.domain for part in cba.domains]
    assert len(domains) == 16 and all("." not in d for d in domains)
    for domain in domains:
        bands = [p.item.age_band for p in items if p.domain == domain]
        assert all(bands.count(band) >= 5 for band in ("3-6", "6-9", "9-12", "12-15")), domain
    order = {"3-6": 0, "6-9": 1, "9-12": 2, "12-15": 3}
    for part in cba.domains:
        for sub in part.subdomains:
            assert 6 <= len(sub.items) <= 12, sub.id
            bands = [order[i.age_band] for i in sub.items]
            assert bands == sorted(bands), sub.id
            assert all(i.objectives for i in sub.items), sub.id
    # Every item can be given the way it says: a probe with materials and what to say.
    methods = {p.item.method for p in items}
    assert methods == {"probe", "observation", "parent_report"}
