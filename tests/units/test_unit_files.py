"""Course-unit and goal files: real broken files get exact, plain messages."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iep_studio.cli import main
from iep_studio.core.paths import course_units_dir, resource_dir
from iep_studio.core.units.loading import load_folder
from iep_studio.core.units.schema import json_schemas

EXAMPLE = course_units_dir() / "deficit" / "sustained-attention-listening.yaml"


def write(folder: Path, name: str, content: bytes | str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_folder(folder).problems]


def test_a_good_unit_loads_with_both_languages(tmp_path):
    write(tmp_path, "unit.yaml", EXAMPLE.read_bytes())
    library = load_folder(tmp_path)
    assert library.problems == []
    unit = library.units["sustained-attention-listening"]
    assert unit.title.get("zh_CN").startswith("听指令做动作")
    assert unit.title.get("en").startswith("Listen and do")
    assert [len(step.levels) for step in unit.steps] == [3, 3, 3, 3, 3]


def test_a_missing_language_falls_back_to_the_other(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        '  en: "Listen and do: lengthening sustained attention"\n', "")
    write(tmp_path, "unit.yaml", text)
    unit = load_folder(tmp_path).units["sustained-attention-listening"]
    assert unit.title.get("en") == unit.title.zh == "听指令做动作：延长持续注意时间"


def test_bad_yaml(tmp_path):
    write(tmp_path, "broken.yaml", "id: one-unit\ntitle: {zh: 未闭合\nkind: deficit\n")
    assert problems_of(tmp_path) == [
        "broken.yaml:3: This is not valid YAML: expected ',' or '}', but got ':'. Check the "
        "indentation and the quotes near this line."]


def test_wrong_kind(tmp_path):
    write(tmp_path, "unit.yaml", EXAMPLE.read_text(encoding="utf-8").replace(
        "kind: deficit", "kind: lesson"))
    assert problems_of(tmp_path) == [
        "unit.yaml:4 kind: \"lesson\" is not allowed here; expected 'deficit', 'apparatus' "
        "or 'situation'."]


def test_missing_field(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("adjustments:")
    write(tmp_path, "unit.yaml", text[:start])
    assert problems_of(tmp_path) == [
        "unit.yaml:2 adjustments: This field is missing; it is required."]


def test_missing_field_deep_inside_names_its_path_and_line(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    minutes: 12\n", "", 1)
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:59 steps.1.minutes: This field is missing; it is required."]


def test_duplicate_id_is_reported_and_the_first_kept(tmp_path):
    write(tmp_path, "a/first.yaml", EXAMPLE.read_bytes())
    write(tmp_path, "b/second.yaml", EXAMPLE.read_bytes())
    library = load_folder(tmp_path)
    assert [str(p) for p in library.problems] == [
        "b/second.yaml:3 id: The id \"sustained-attention-listening\" is already used in "
        "a/first.yaml. Give each its own id."]
    assert list(library.units) == ["sustained-attention-listening"]


def test_not_utf8(tmp_path):
    write(tmp_path, "gbk.yaml", "id: 中文单元\n".encode("gbk"))
    assert problems_of(tmp_path) == [
        "gbk.yaml:1: The file is not UTF-8 text (byte 4 cannot be read). Save it again as UTF-8."]


def test_unknown_field(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("sessions: 6", "sesions: 6")
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:17 sesions: Unknown field. Check the spelling; allowed fields are listed in "
        "course_unit.schema.json."]


def test_centre_must_match_the_kind(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("kind: deficit", "kind: apparatus")
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:2: This kind of unit needs 'apparatus': what it is built around."]


def test_the_centre_of_another_kind_is_refused(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "summary:\n", "apparatus: trampoline\nsummary:\n", 1)
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:2: This kind of unit has no 'apparatus'; use 'function' for what it is "
        "built around."]


def test_empty_text_repeated_tier_and_ungraded_assignments(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  zh: 听觉持续注意\n  en: Sustained auditory attention\n", "  zh: ''\n", 1)
    text = text.replace("      - tier: 3\n        task: {zh: 学生听到自己名字举手",
                        "      - tier: 2\n        task: {zh: 学生听到自己名字举手", 1)
    start, end = text.index("assignments:"), text.index("assessment:")
    text = text[:start] + ("assignments:\n  - tier: 1\n    task: {zh: 在家练习}\n"
                           "  - tier: 1\n    task: {zh: 在家再练习}\n") + text[end:]
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:9 function: Write the text in Chinese (zh), English (en) or both.",
        "unit.yaml:43 steps.0: Each tier may appear once in a step's levels."]
    text = text.replace("  zh: ''\n", "  zh: 听觉持续注意\n", 1).replace(
        "      - tier: 2\n        task: {zh: 学生听到自己名字举手",
        "      - tier: 3\n        task: {zh: 学生听到自己名字举手", 1)
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:2: Assignments must be graded: give at least two different tiers."]


def test_levels_that_do_not_differ(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "间隔1秒，共念20个名字，其中混入读音相近的名字。",
        "名字之间间隔3秒，共念10个名字，学生听到自己名字举手。")
    write(tmp_path, "unit.yaml", text)
    assert problems_of(tmp_path) == [
        "unit.yaml:44 steps.0: The levels of a step must differ: two tiers have the same "
        "task."]


def test_one_bad_file_never_stops_the_others(tmp_path):
    write(tmp_path, "good.yaml", EXAMPLE.read_bytes())
    write(tmp_path, "bad.yaml", "id: [")
    write(tmp_path, "notes.txt", "ignored")
    library = load_folder(tmp_path)
    assert list(library.units) == ["sustained-attention-listening"]
    assert [p.file for p in library.problems] == ["bad.yaml"]
    assert library.files_read == 2


def test_goal_files_in_the_goal_bank_folder(tmp_path):
    write(tmp_path, "goal_bank/mine.yaml", (course_units_dir() / "goal_bank" /
                                              "fine_motor.yaml").read_bytes())
    write(tmp_path, "goal_bank/bad.yaml",
          "schema_version: 1\ngoals:\n  - id: g-one\n    domain: flying\n")
    found = problems_of(tmp_path)
    assert found[0].startswith("goal_bank/bad.yaml:4 goals.0.domain: Unknown domain 'flying'; "
                               "expected one of: perception,")
    assert "goal_bank/bad.yaml:3 goals.0.subdomain: This field is missing; it is required." in found


def test_cli_check_lists_problems_and_fails(tmp_path, capsys):
    write(tmp_path, "good.yaml", EXAMPLE.read_bytes())
    write(tmp_path, "bad.yaml", "id: [")
    assert main(["--data-dir", str(tmp_path / "d"), "units", "check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("bad.yaml:1: This is not valid YAML")
    assert "2 files read: 1 units, 0 goals; 1 problems in 1 files" in captured.err


def test_json_schemas_in_resources_are_current():
    for name, text in json_schemas().items():
        assert (resource_dir() / name).read_text(encoding="utf-8") == text, (
            f"run: iep-studio units schema   ({name} is out of date)")


def test_units_help():
    result = subprocess.run([sys.executable, "-m", "iep_studio", "units", "--help"],
                            capture_output=True, text=True, check=True)
    assert "check" in result.stdout and "schema" in result.stdout


@pytest.mark.parametrize("kind", ["deficit", "apparatus", "situation"])
def test_shipped_files_are_in_their_kind_folder(kind):
    library = load_folder(course_units_dir() / kind)
    assert library.problems == []
    assert all(unit.kind == kind for unit in library.units.values())


def test_bad_id_too_few_steps_and_not_a_mapping(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "id: sustained-attention-listening", "id: Attention Unit")
    start, end = text.index("  - title: {zh: 听数字拍手"), text.index("assignments:")
    write(tmp_path, "unit.yaml", text[:start] + text[end:])
    write(tmp_path, "list.yaml", "- just\n- a list\n")
    assert problems_of(tmp_path) == [
        "list.yaml:1: The file must be a set of fields (key: value), starting with "
        "schema_version and id.",
        "unit.yaml:3 id: \"Attention Unit\" is not a valid id; use 3 to 64 lowercase letters, "
        "digits and hyphens, e.g. balance-board-turns.",
        "unit.yaml:44 steps: Too few entries; expected at least 2."]


def test_checking_a_folder_that_does_not_exist(tmp_path):
    assert problems_of(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: This folder does not exist."]


@pytest.mark.parametrize("old, new, expected", [
    ("duration_minutes: 40", "duration_minutes: 300",
     "unit.yaml:16 duration_minutes: 300 is too large; at most 120."),
    ("duration_minutes: 40", "duration_minutes: half an hour",
     "unit.yaml:16 duration_minutes: \"half an hour\" is not a whole number."),
    ("domains: [cognition.attention, receptive_language]", "domains: cognition",
     "unit.yaml:14 domains: Expected a list here (lines starting with \"- \")."),
    ("adjustments:\n", "adjustments: none\nx:\n",
     "unit.yaml:131 adjustments: Expected fields here (key: value)."),
    ("  zh: 听觉持续注意\n", "  zh: [听觉, 注意]\n",
     "unit.yaml:9 function.zh: Expected text here."),
])
def test_wrong_types_are_explained(tmp_path, old, new, expected):
    write(tmp_path, "unit.yaml", EXAMPLE.read_text(encoding="utf-8").replace(old, new, 1))
    assert problems_of(tmp_path)[0] == expected
