"""Damaged and hostile student files are refused before anything is written, each with a
message that names the file, says what is wrong and what to do."""
from __future__ import annotations

import copy
import io
import json
import os
import struct
import tracemalloc
import warnings
import zipfile

import pytest

from iep_studio.core.errors import IepStudioError
from iep_studio.core.store.migrations import HEAD_REVISION
from iep_studio.core.transfer import archive as archive_module
from iep_studio.core.transfer import sealing
from iep_studio.core.transfer.export import export_student
from iep_studio.core.transfer.import_ import import_package
from iep_studio.core.transfer.package import PackageError, read_package
from iep_studio.core.transfer.sealing import MAGIC
from tests.transfer.conftest import fingerprint, repack, unpacked, zip_of

AGAIN = "Ask the sender to export the student again from IEP Studio."
DAMAGED = ("{name} is damaged: {problem}. Ask the sender to export the student again from "
           "IEP Studio.")
FOREIGN = ("This file holds a part that does not belong in a student file (\"{part}\"), so "
           "it was not opened. Ask the sender to export the student again from IEP Studio.")
TOO_MANY = ("This file holds more parts than a student file has, so it was not opened. Ask "
            "the sender to export the student again from IEP Studio.")
TOO_LARGE = ("{name} is larger than a student file can be (over {limit} MB), so it was not "
             "opened. Ask the sender to export the student again from IEP Studio.")
LIMIT = TOO_LARGE.format(name="This file", limit=16)
NOT_OURS = ("This file is not a student file from IEP Studio, or it is damaged (perhaps cut "
            "short while it was copied). Ask for the file to be sent again.")


@pytest.fixture
def valid(valid_raw):
    """The manifest and records of a real export, to spoil one thing at a time."""
    return unpacked(valid_raw)


def refusal(raw: bytes, password: str | None = None) -> str:
    with pytest.raises(PackageError) as refused:
        read_package(raw, password)
    return str(refused.value)


def repack_manifest(manifest: dict) -> bytes:
    return json.dumps(manifest).encode()


def damaged(problem: str) -> str:
    return DAMAGED.format(name="This file", problem=problem)


def test_the_valid_file_itself_is_accepted(valid):
    manifest, data = valid
    package = read_package(repack(manifest, data))
    assert package.manifest.student.full_name == "张小明"


def test_not_a_zip_or_cut_short(valid_raw):
    assert refusal(b"hello, this is a letter") == NOT_OURS
    assert refusal(b"") == NOT_OURS
    assert refusal(valid_raw[: len(valid_raw) // 2]) == NOT_OURS
    sealed = sealing.seal(valid_raw, "pw")
    assert refusal(MAGIC + b"\x00" * 10, "pw") == NOT_OURS  # too short to be sealed data
    assert refusal(sealed[: len(sealed) // 2], "pw").startswith(
        "This file could not be opened with this password.")


@pytest.mark.parametrize("member", ["../../.bashrc", "/etc/passwd", "C:\\Windows\\x.dll",
                                    "student.json/../manifest.json", "notes.txt"])
def test_parts_that_do_not_belong_are_refused(valid, member):
    manifest, _data = valid
    raw = zip_of({"manifest.json": repack_manifest(manifest), member: b"{}"})
    shown = member.replace(os.sep, "/")  # as zipfile reads names on this system
    assert refusal(raw) == FOREIGN.format(part=shown)


def test_too_many_parts(valid):
    manifest, _data = valid
    members = {"manifest.json": repack_manifest(manifest), "student.json": b"{}",
               **{f"extra{i}.json": b"{}" for i in range(3)}}
    assert refusal(zip_of(members)) == TOO_MANY


def test_missing_or_repeated_parts(valid):
    manifest, _data = valid
    assert refusal(zip_of({"manifest.json": repack_manifest(manifest)})) == damaged(
        "the part student.json is missing")
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the name it is told to repeat
        archive.writestr("manifest.json", repack_manifest(manifest))
        archive.writestr("manifest.json", b"{}")
    assert refusal(buffer.getvalue()) == damaged("the part manifest.json appears twice")


def test_a_zip_bomb_is_refused_by_its_declared_size(valid):
    """200 MB of zeros in a file of 200 KB: refused before a byte is unpacked."""
    manifest, _data = valid
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", repack_manifest(manifest))
        with archive.open("student.json", "w") as part:
            zeros = bytes(1024 * 1024)
            for _ in range(200):
                part.write(zeros)
    assert len(buffer.getvalue()) < 1024 * 1024
    assert refusal(buffer.getvalue()) == LIMIT


def test_a_zip_that_understates_its_size_is_refused_by_the_bytes_read(valid):
    """The declared sizes are only what the file says about itself: a part that unpacks
    to more than it declares is refused, and one that declares more than its limit is
    not unpacked at all."""
    manifest, data = valid
    raw = repack(manifest, data)
    lied = _declare_sizes(raw, 10)  # each part claims 10 bytes
    assert refusal(lied) == NOT_OURS  # what is unpacked no longer matches its checksum
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        info = archive.getinfo("student.json")
        with pytest.raises(archive_module._Overflow):
            archive_module._read_member(archive, info, 1000, "This file")


def test_records_that_unpack_past_16_mb_are_not_unpacked(valid):
    """A student's file of ten years unpacks to a few megabytes: 17 MB of JSON (here in
    a file of 17 KB) is refused before it is read."""
    manifest, _data = valid
    raw = repack(manifest, b"{" + b" " * (17 * 1024 * 1024) + b"}")
    assert len(raw) < 100_000 and refusal(raw) == LIMIT


def test_a_million_tiny_values_are_refused_before_they_are_parsed(valid):
    """Parsed, a few megabytes of "[]," take some 25 times their size: the values are
    counted first, and the file is refused without parsing it."""
    manifest, _data = valid
    raw = repack(manifest, b'{"student": [' + b"[]," * 1_000_000 + b"[]]}")
    tracemalloc.start()
    try:
        refused = refusal(raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused == damaged(
        "the part student.json holds more values than a student file can (1,000,000 at most)")
    assert peak < 24 * 1024 * 1024  # the 3 MB of text, unpacked and hashed; parsed: > 70 MB


def test_numbers_longer_than_any_field(valid):
    manifest, data = valid
    for number in (b"1" * 30, b"1e999", b"-1e999"):
        text = json.dumps(data).replace('"position": 0', '"position": X', 1).encode()
        assert text.count(b"X") == 1
        assert refusal(repack(manifest, text.replace(b"X", number))) == damaged(
            "the part student.json holds a number longer than any field can hold")


def test_each_part_has_its_own_limit(valid, monkeypatch):
    """The records may take megabytes; the manifest, a few lines, no more than 64 KB."""
    manifest, data = valid
    noted = {**data, "guardian": [dict(data["guardian"][0], note="x" * 9000)]}
    monkeypatch.setattr(archive_module, "LIMITS", {"manifest.json": 65536,
                                                   "student.json": 8000})
    assert refusal(repack(manifest, noted)) == TOO_LARGE.format(name="This file", limit=16)
    monkeypatch.undo()
    padded = {**manifest, "app_version": "1" * 70000}
    assert refusal(repack(padded, data)) == damaged(
        "the part manifest.json is larger than it can be")


def _declare_sizes(raw: bytes, size: int) -> bytes:
    """The archive with every central-directory entry claiming `size` unpacked bytes."""
    out = bytearray(raw)
    start = 0
    while (at := out.find(b"PK\x01\x02", start)) != -1:
        struct.pack_into("<I", out, at + 24, size)
        start = at + 4
    return bytes(out)


def test_a_file_too_large_to_be_a_student_file(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_BYTES", 1000)
    path = tmp_path / "huge.iepstudent"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(PackageError) as refused:
        read_package(path)
    # The whole file's limit: the records' 16 MB and 256 MB of attached files.
    assert str(refused.value) == TOO_LARGE.format(name="huge.iepstudent", limit=272)


def test_not_json(valid):
    manifest, _data = valid
    assert refusal(repack(manifest, b"{not json")) == damaged(
        "the part student.json is not valid JSON")
    assert refusal(repack(manifest, b"\xff\xfe")) == damaged(
        "the part student.json is not valid JSON")
    assert refusal(repack(manifest, b"[" * 100000 + b"]" * 100000)) == damaged(
        "the part student.json is not valid JSON")
    assert refusal(repack(manifest, b'{"student": [{"rating": NaN}]}')) == damaged(
        "the part student.json is not valid JSON")
    raw = zip_of({"manifest.json": b"\x00\x01", "student.json": b"{}"})
    assert refusal(raw) == damaged("the part manifest.json is not valid JSON")


def test_another_format_or_a_newer_one(valid):
    manifest, data = valid
    assert refusal(repack({**manifest, "format": "something-else"}, data)) == (
        "This file is not a student file from IEP Studio. Choose a file that ends in "
        ".iepstudent.")
    assert refusal(repack({**manifest, "format_version": 2}, data)) == (
        "This file was made by a newer IEP Studio (file format 2). Install the newer "
        "version to import it.")
    assert refusal(repack({**manifest, "schema_revision": "9999"}, data)) == (
        "This file was made by a newer IEP Studio (database schema 9999). Install the newer "
        "version to import it.")
    assert refusal(repack({**manifest, "schema_revision": "../x"}, data)) == damaged(
        "its database schema \"../x\" is unknown")


def test_an_older_schema_is_accepted(valid):
    manifest, data = valid
    older = f"{int(HEAD_REVISION) - 1:04d}"
    assert read_package(repack({**manifest, "schema_revision": older}, data))


def test_a_manifest_of_the_wrong_shape(valid):
    manifest, data = valid
    assert refusal(repack({**manifest, "format_version": "1"}, data)) == damaged(
        "in manifest.json, \"format_version\" is wrong (Input should be a valid integer)")
    assert refusal(repack({**manifest, "owner": "x"}, data)) == damaged(
        "in manifest.json, \"owner\" is wrong (Extra inputs are not permitted)")
    assert refusal(repack({**manifest, "made_at": "yesterday"}, data)).startswith(
        "This file is damaged: in manifest.json, \"made_at\" is wrong (")
    other = {**manifest, "student": {**manifest["student"],
                                     "id": "00000000-0000-4000-8000-000000000000"}}
    assert refusal(repack(other, data)) == damaged(
        "manifest.json names another student than the records hold")
    assert refusal(repack({**manifest, "counts": {"student": 7}}, data)) == damaged(
        "the counts in manifest.json do not match the records")


def test_a_checksum_that_does_not_match(valid):
    manifest, data = valid
    changed = copy.deepcopy(data)
    changed["student"][0]["full_name"] = "someone else"
    assert refusal(repack(manifest, changed, fix_checksum=False)) == (
        "This file was changed or damaged after it was exported: its contents do not match "
        "its checksum. Ask for the file to be sent again.")


def spoiled(valid, change) -> str:
    manifest, data = valid
    data = copy.deepcopy(data)
    change(data)
    return refusal(repack(manifest, data, fix_counts=True))


@pytest.mark.parametrize("change, problem", [
    (lambda d: d.update(secrets=[]), "it holds an unknown kind of record (\"secrets\")"),
    (lambda d: d.update(school=[{}]), "it holds an unknown kind of record (\"school\")"),
    (lambda d: d.update(guardian={}), "the records of \"guardian\" are not a list"),
    (lambda d: d["guardian"].append(7), "record 2 of \"guardian\" is not a set of fields"),
    (lambda d: d["guardian"][0].update(owner="x"),
     "record 1 of \"guardian\" has an unknown field \"owner\""),
    (lambda d: d["guardian"][0].pop("name"), "record 1 of \"guardian\" has no \"name\""),
    (lambda d: d["guardian"][0].pop("id"), "record 1 of \"guardian\" has no \"id\""),
    (lambda d: d["guardian"][0].update(position="1"),
     "the field \"position\" of record 1 of \"guardian\" is not a whole number"),
    (lambda d: d["guardian"][0].update(position=True),
     "the field \"position\" of record 1 of \"guardian\" is not a whole number"),
    (lambda d: d["guardian"][0].update(position=2**40),
     "the field \"position\" of record 1 of \"guardian\" is not a whole number"),
    (lambda d: d["guardian"][0].update(primary_contact="yes"),
     "the field \"primary_contact\" of record 1 of \"guardian\" is not true or false"),
    (lambda d: d["guardian"][0].update(name=None),
     "the field \"name\" of record 1 of \"guardian\" is empty"),
    (lambda d: d["guardian"][0].update(name=["李梅"]),
     "the field \"name\" of record 1 of \"guardian\" is not text"),
    (lambda d: d["guardian"][0].update(name="李" * 101),
     "the field \"name\" of record 1 of \"guardian\" is too long (at most 100 characters)"),
    (lambda d: d["guardian"][0].update(name="a\x00b"),
     "the field \"name\" of record 1 of \"guardian\" holds a character text cannot hold"),
    (lambda d: d["guardian"][0].update(name="\ud800"),
     "the field \"name\" of record 1 of \"guardian\" holds a character text cannot hold"),
    (lambda d: d["guardian"][0].update(id="1; DROP TABLE student"),
     "the field \"id\" of record 1 of \"guardian\" is not a record id"),
    (lambda d: d["guardian"][0].update(created_at="soon"),
     "the field \"created_at\" of record 1 of \"guardian\" is not a date and time"),
    (lambda d: d["student"][0].update(birth_date="2016-02-30"),
     "the field \"birth_date\" of record 1 of \"student\" is not a date"),
    (lambda d: d["assessment"][0].update(assessed_on=20160101),
     "the field \"assessed_on\" of record 1 of \"assessment\" is not a date"),
    (lambda d: d.update(student=[]), "it must hold exactly one student"),
    (lambda d: d["student"].append(dict(d["student"][0], id="00000000-0000-4000-8000-00000000000a")),
     "it must hold exactly one student"),
    (lambda d: d["guardian"][0].update(id=d["student"][0]["id"]),
     None),  # two records share an id (the message names it)
    (lambda d: d["guardian"][0].update(student_id="00000000-0000-4000-8000-000000000000"),
     "a record of \"guardian\" refers to a record of \"student\" that is not in the file"),
    (lambda d: d["team_membership"][0].update(person_id=d["guardian"][0]["id"]),
     "a record of \"team_membership\" refers to a record of \"person\" that is not in the file"),
])
def test_records_of_the_wrong_shape(valid, change, problem):
    refused = spoiled(valid, change)
    if problem is None:
        assert refused.startswith("This file is damaged: ") and refused.endswith(AGAIN)
    else:
        assert refused == damaged(problem)


def test_json_values_of_the_wrong_shape(valid):
    manifest, data = valid
    visit = {"id": "00000000-0000-4000-8000-0000000000b1", "student_id": data["student"][0]["id"],
             "visited_on": "2026-11-01", "objective_ids": "not a list"}
    with_visit = {**data, "home_visit": [visit]}
    assert refusal(repack(manifest, with_visit, fix_counts=True)) == damaged(
        "the field \"objective_ids\" of record 1 of \"home_visit\" is not a list")
    visit["objective_ids"] = [{"id": 1}]
    assert refusal(repack(manifest, with_visit, fix_counts=True)) == damaged(
        "the field \"objective_ids\" of record 1 of \"home_visit\" holds something other "
        "than record ids")
    revision = {"id": "00000000-0000-4000-8000-0000000000b2", "number": 1, "event": "x",
                "status": "draft", "snapshot": [], "plan_id": "00000000-0000-4000-8000-0000000000b3"}
    with_revision = {**data, "plan_revision": [revision]}
    assert refusal(repack(manifest, with_revision, fix_counts=True)) == damaged(
        "the field \"snapshot\" of record 1 of \"plan_revision\" is not a set of fields")
    deep: dict = {}
    inner = deep
    for _ in range(50):
        inner["x"] = {}
        inner = inner["x"]
    revision["snapshot"] = deep
    assert refusal(repack(manifest, with_revision, fix_counts=True)) == damaged(
        "the field \"snapshot\" of record 1 of \"plan_revision\" is nested too deeply")


def test_plans_that_go_round_in_a_circle(services, team, complete_plan):
    manifest, data = unpacked(export_student(services.store, team.student.id))
    plan = data["plan"][0]
    plan["previous_plan_id"] = plan["id"]
    assert refusal(repack(manifest, data)) == damaged(
        "records of \"plan\" refer to each other in a circle")


def test_a_refused_file_changes_nothing(elsewhere, valid):
    manifest, data = valid
    data = copy.deepcopy(data)
    data["guardian"][0]["owner"] = "x"
    before = fingerprint(elsewhere.store)
    with pytest.raises(IepStudioError):
        import_package(elsewhere.store, repack(manifest, data), elsewhere.school.id)
    assert fingerprint(elsewhere.store) == before


def test_a_file_too_large_is_refused_by_its_size_before_it_is_read(tmp_path):
    """A file of 300 MB (sparse here: it takes no disk) is refused from its size alone;
    reading it to find out would take 272 MB of memory first."""
    import tracemalloc

    path = tmp_path / "huge.iepstudent"
    with path.open("wb") as stream:
        stream.truncate(300 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(PackageError) as refused:
            read_package(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(refused.value) == TOO_LARGE.format(name="huge.iepstudent", limit=272)
    assert peak < 10 * 1024 * 1024
