"""Unit and goal files written to hurt: each is refused with its line, never a traceback,
and the good files beside it still load."""
from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest
import yaml

from iep_studio.cli import main
from iep_studio.core.paths import course_units_dir
from iep_studio.core.units.loading import load_folder

EXAMPLE = course_units_dir() / "deficit" / "sustained-attention-listening.yaml"
GOALS = course_units_dir() / "goal_bank" / "fine_motor.yaml"


def billion_laughs() -> str:
    lines = ["schema_version: 1", "id: laughs",
             "lol0: &lol0 [" + ", ".join(["lol"] * 10) + "]"]
    for level in range(1, 10):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\ndomains: *lol9\n"


def unit_with(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


DEEP = ("The values here are nested more than 40 levels deep; a unit needs far fewer. Check "
        "the brackets and the indentation.")
NOT_A_NUMBER = ('" is not a valid number, date or yes/no value. If it is meant as text, put '
                "it in quotes.")

# name: (content, the one problem expected, as the CLI prints it)
HOSTILE = {
    "laughs.yaml": (billion_laughs(), "laughs.yaml:3: Anchors and aliases (& and *) are not "
                    "allowed in unit files. Write the value out in full where it is needed."),
    "deep-brackets.yaml": ("id: deep\nsteps: " + "[" * 10_000 + "]" * 10_000 + "\n",
                           "deep-brackets.yaml:2: " + DEEP),
    "deep-braces.yaml": ("id: deep\nsteps: " + "{a: " * 10_000 + "}" * 10_000 + "\n",
                         "deep-braces.yaml:2: " + DEEP),
    # Indented block style: the 41st level is on line 41.
    "deep-block.yaml": ("id: deep\nsteps:\n" + "".join(
        "  " * level + "a:\n" for level in range(1, 100)), "deep-block.yaml:41: " + DEEP),
    "deep-dashes.yaml": ("id: deep\nsteps:\n" + "- " * 20_000 + "x\n",
                         "deep-dashes.yaml:3: " + DEEP),
    "huge-integer.yaml": (unit_with("sessions: 6", "sessions: " + "7" * 100_000),
                          "huge-integer.yaml:17: This number is 100,000 characters long; "
                          "numbers in a unit file have at most 32. If it is meant as text, "
                          "put it in quotes."),
    "huge-float.yaml": (unit_with("sessions: 6", "sessions: " + "7" * 100_000 + ".5"),
                        "huge-float.yaml:17: This number is 100,002 characters long; numbers "
                        "in a unit file have at most 32. If it is meant as text, put it in "
                        "quotes."),
    # YAML 1.1 reads 1:30 as 90 (base 60); thirty thousand parts is a giant power of 60.
    "base-60.yaml": (unit_with("sessions: 6", "sessions: 1" + ":59" * 30_000),
                     "base-60.yaml:17: This number is 90,001 characters long; numbers in a "
                     "unit file have at most 32. If it is meant as text, put it in quotes."),
    "tagged-int.yaml": (unit_with("sessions: 6", 'sessions: !!int "six"'),
                        'tagged-int.yaml:17: "six' + NOT_A_NUMBER),
    "no-such-date.yaml": (unit_with("sessions: 6", "sessions: 6\nwritten: 2024-13-45"),
                          'no-such-date.yaml:18: "2024-13-45' + NOT_A_NUMBER),
    "too-many-values.yaml": ("id: many\ndomains: [" + ", ".join(["x"] * 25_000) + "]\n",
                             "too-many-values.yaml:2: The file holds more than 20,000 values; "
                             "a unit or goal file has far fewer. Check that this is the right "
                             "file, or split it into several."),
    "nul.yaml": (unit_with("sessions: 6", "sessions: 6\x00"),
                 "nul.yaml:17: This line holds a control character (U+0000) that a text file "
                 "does not have: the file may be damaged or not a unit file. Remove the "
                 "character, or save the file again as UTF-8 text."),
    "utf16.yaml": (EXAMPLE.read_text(encoding="utf-8").encode("utf-16"),
                   "utf16.yaml:1: The file is not UTF-8 text (byte 0 cannot be read). Save it "
                   "again as UTF-8."),
    "garbage.yaml": (b"id: x\n\n\x89PNG\r\n\x1a\n" + random.Random(13).randbytes(4096),
                     "garbage.yaml:3: The file is not UTF-8 text (byte 7 cannot be read). Save "
                     "it again as UTF-8."),
    # Bytes that happen to be UTF-8, but no text: control characters.
    "control-bytes.yaml": (b"id: x\nsteps:\n  - \x01\x02\x1b[2J\n",
                           "control-bytes.yaml:3: This line holds a control character (U+0001) "
                           "that a text file does not have: the file may be damaged or not a "
                           "unit file. Remove the character, or save the file again as UTF-8 "
                           "text."),
}


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_folder(folder).problems]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_on_its_line(tmp_path, name):
    content, expected = HOSTILE[name]
    write(tmp_path, name, content)
    assert problems_of(tmp_path) == [expected]


def test_nothing_good_is_refused_beside_hostile_files(tmp_path, capsys):
    for name, (content, _) in HOSTILE.items():
        write(tmp_path, name, content)
    write(tmp_path, "good/unit.yaml", EXAMPLE.read_bytes())
    write(tmp_path, "goal_bank/fine_motor.yaml", GOALS.read_bytes())
    write(tmp_path, "goal_bank/laughs.yaml", billion_laughs())
    library = load_folder(tmp_path)
    assert list(library.units) == ["sustained-attention-listening"]
    assert len(library.goals) == len(yaml.safe_load(GOALS.read_bytes())["goals"]) > 10
    assert sorted(p.file for p in library.problems) == sorted(
        [*HOSTILE, "goal_bank/laughs.yaml"])
    # The command line lists the same problems and ends without a traceback.
    assert main(["--data-dir", str(tmp_path / "d"), "units", "check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert len(out.splitlines()) == len(HOSTILE) + 1
    assert f"{len(HOSTILE) + 3} files read: 1 units" in err


def test_a_57_mb_file_is_refused_without_being_read(tmp_path):
    block = EXAMPLE.read_bytes()
    with open(tmp_path / "huge.yaml", "wb") as file:
        for _ in range(57_000_000 // len(block) + 1):
            file.write(block)
        file.truncate(57_000_000)
    tracemalloc.start()
    try:
        found = problems_of(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == ["huge.yaml:1: The file is 57 MB; a unit or goal file may be at most 1 MB. "
                     "Check that this is the right file, or split it into several units."]
    assert peak < 1_000_000  # the file was never read into memory


def test_one_line_of_1_mb_is_read_and_one_byte_more_is_refused(tmp_path):
    line = b'id: "' + b"x" * (1_000_000 - 7) + b'"\n'
    assert len(line) == 1_000_000
    write(tmp_path, "one-line.yaml", line)
    found = problems_of(tmp_path)
    assert found[0] == ('one-line.yaml:1 id: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is not a '
                        'valid id; use 3 to 64 lowercase letters, digits and hyphens, e.g. '
                        'balance-board-turns.')
    assert all(p.startswith("one-line.yaml:1 ") for p in found)
    write(tmp_path, "one-line.yaml", line[:-1] + b" \n")
    assert problems_of(tmp_path) == [
        "one-line.yaml:1: The file is 1,001 KB; a unit or goal file may be at most 1 MB. Check "
        "that this is the right file, or split it into several units."]


def test_thousands_of_problems_are_summed_up_after_fifty(tmp_path):
    write(tmp_path, "empty-steps.yaml", unit_with(
        "steps:\n", "steps:\n" + "  - {}\n" * 5000 + "oldsteps:\n"))
    found = problems_of(tmp_path)
    assert len(found) == 51
    assert found[-1] == ("empty-steps.yaml:56: From here on, 19,951 more problems are not "
                         "listed. Fix the ones above first.")


def test_importing_hostile_files_saves_only_the_good_one(services, tmp_path):
    paths = [write(tmp_path, name, content) for name, (content, _) in HOSTILE.items()]
    (tmp_path / "huge.yaml").write_bytes(b"x" * 57_000_000)
    paths += [tmp_path / "huge.yaml", write(tmp_path, "good.yaml", unit_with(
        "id: sustained-attention-listening", "id: my-listening-unit"))]
    saved, problems = services.library.import_files(paths)
    assert saved == ["my-listening-unit"]
    assert [str(p) for p in problems] == [expected for _, expected in HOSTILE.values()] + [
        "huge.yaml:1: The file is 57 MB; a unit or goal file may be at most 1 MB. Check that "
        "this is the right file, or split it into several units."]


def test_the_editor_keeps_a_hostile_text_in_the_text_view(services, qtbot):
    from iep_studio.ui.qt import Qt
    from iep_studio.ui.library.unit_editor import UnitEditor

    editor = UnitEditor(services.library, services.library.get("sustained-attention-listening"))
    qtbot.addWidget(editor)
    editor.views.setCurrentWidget(editor.text)
    editor.text.setPlainText("id: deep\nsteps: " + "[" * 10_000 + "]" * 10_000 + "\n")
    editor.views.setCurrentWidget(editor.form)  # refused: the text must be fixed first
    assert editor.views.currentWidget() is editor.text
    assert editor.problems.count() == 1
    problem = editor.problems.item(0)
    assert problem.data(Qt.ItemDataRole.UserRole) == 2
    assert "40" in problem.text()


def test_a_file_that_cannot_be_read_is_a_problem_of_its_own(tmp_path):
    """A file gone between listing the folder and reading it (or a folder named .yaml)."""
    from iep_studio.core.units.loading import Library, add_path

    library = Library()
    add_path(library, "gone.yaml", tmp_path / "gone.yaml")
    assert [str(p) for p in library.problems] == [
        "gone.yaml: The file cannot be read: No such file or directory. Check that it exists "
        "and that you may open it."]
