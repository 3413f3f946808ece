"""The files attached to a student file arrive only as they left: each one there, matching
its size and checksum, and passing the checks of a file attached here. A program posing as
a scanned PDF is refused before anything is written."""
from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from iep_studio.core.transfer import package as package_module
from iep_studio.core.transfer import rules
from iep_studio.core.transfer.export import export_student
from iep_studio.core.transfer.import_ import import_package
from iep_studio.core.transfer.package import PackageError, read_package
from tests.sample_files import pdf, png
from tests.transfer.conftest import fingerprint, parts_of, zip_of

DAMAGED = ("This file is damaged: {problem}. Ask the sender to export the student again from "
           "IEP Studio.")


@pytest.fixture
def sent(services, team):
    """张小明's file with a scanned diagnosis, exported, taken apart to be spoilt."""
    scan = services.attachments.add(team.student.id, "诊断证明.pdf", pdf(1), kind="diagnosis")
    parts = parts_of(export_student(services.store, team.student.id))
    return scan, json.loads(parts.pop("manifest.json")), json.loads(parts.pop("student.json")), parts


def rebuilt(manifest: dict, data: dict, files: dict[str, bytes]) -> bytes:
    """A student file from its records and attached files, its checksum and counts made to
    match, so a test reaches the check it is about."""
    raw = json.dumps(data).encode()
    manifest = {**manifest, "data_sha256": hashlib.sha256(raw).hexdigest(),
                "counts": {t: len(rows) for t, rows in data.items() if rows}}
    return zip_of({"manifest.json": json.dumps(manifest).encode(), "student.json": raw,
                   **files})


def refusal(raw: bytes) -> str:
    with pytest.raises(PackageError) as refused:
        read_package(raw)
    return str(refused.value)


def test_the_file_itself_arrives(sent, elsewhere):
    scan, manifest, data, files = sent
    assert list(files) == [f"attachments/{scan.sha256}"]
    result = import_package(elsewhere.store, rebuilt(manifest, data, files),
                            elsewhere.school.id)
    assert elsewhere.attachments.content(scan.id) == files[f"attachments/{scan.sha256}"]
    assert result.counts["attachment"] == 1


def test_an_attached_file_missing(sent, elsewhere):
    _scan, manifest, data, _files = sent
    before = fingerprint(elsewhere.store)
    with pytest.raises(PackageError) as refused:
        import_package(elsewhere.store, rebuilt(manifest, data, {}), elsewhere.school.id)
    assert str(refused.value) == DAMAGED.format(
        problem="the file of record 1 of \"attachment\" is missing")
    assert fingerprint(elsewhere.store) == before


def test_an_attached_file_changed_on_the_way(sent):
    scan, manifest, data, files = sent
    name = f"attachments/{scan.sha256}"
    spoilt = files[name][:-10] + b"0123456789"
    assert refusal(rebuilt(manifest, data, {name: spoilt})) == DAMAGED.format(
        problem="the file of record 1 of \"attachment\" does not match its checksum")


def test_a_program_posing_as_a_scanned_pdf(sent, elsewhere):
    """The record says 诊断证明.pdf, a PDF, and its size and checksum fit the bytes: the
    bytes are a Windows program all the same."""
    _scan, manifest, data, _files = sent
    program = b"MZ\x90\x00" + b"\0" * 500
    digest = hashlib.sha256(program).hexdigest()
    data["attachment"][0].update(sha256=digest, byte_size=len(program))
    before = fingerprint(elsewhere.store)
    with pytest.raises(PackageError) as refused:
        import_package(elsewhere.store, rebuilt(manifest, data, {f"attachments/{digest}": program}),
                       elsewhere.school.id)
    assert str(refused.value) == DAMAGED.format(
        problem="the file of record 1 of \"attachment\" is not accepted: 诊断证明.pdf cannot be "
        "attached: whatever its name says, it is not a PDF or a picture (JPEG, PNG, WEBP, TIFF "
        "or BMP). Save a Word or Excel document as PDF first; scan paper as PDF or as a picture")
    assert fingerprint(elsewhere.store) == before


def test_the_kind_recorded_is_what_the_bytes_are(sent):
    scan, manifest, data, files = sent
    data["attachment"][0]["media_type"] = "text/html"
    package = read_package(rebuilt(manifest, data, files))
    assert package.tables["attachment"][0]["media_type"] == "application/pdf"


def test_a_file_no_record_names_or_the_bytes_inside_the_records(sent):
    scan, manifest, data, files = sent
    stray = png()
    assert refusal(rebuilt(manifest, data, {
        **files, f"attachments/{hashlib.sha256(stray).hexdigest()}": stray})) == DAMAGED.format(
        problem="it holds an attached file that no record names")
    data["attachment"][0]["content"] = "JVBERi0="
    assert refusal(rebuilt(manifest, data, files)) == DAMAGED.format(
        problem="record 1 of \"attachment\" holds its file inside the records")


def test_a_checksum_that_is_not_one(sent):
    _scan, manifest, data, files = sent
    data["attachment"][0]["sha256"] = "../../etc/passwd"
    assert refusal(rebuilt(manifest, data, files)) == DAMAGED.format(
        problem="the field \"sha256\" of record 1 of \"attachment\" is not accepted: "
        "\"../../etc/passwd\" is not a checksum (SHA-256)")
    problem, = rules.row_problems("attachment", {**data["attachment"][0], "content": None},
                                  date(2026, 11, 22))
    assert problem.text() == "\"../../etc/passwd\" is not a checksum (SHA-256)."


def test_an_attached_file_under_another_name_is_a_part_that_does_not_belong(sent):
    scan, manifest, data, files = sent
    assert refusal(rebuilt(manifest, data, {f"attachments/../{scan.sha256}": b"x"})) == (
        f"This file holds a part that does not belong in a student file (\"attachments/../"
        f"{scan.sha256[:42]}...\"), so it was not opened. Ask the sender to export the student "
        "again from IEP Studio.")


def test_files_too_large_for_one_student_file_are_not_exported(services, team, monkeypatch):
    services.attachments.add(team.student.id, "scan.pdf", pdf(2))
    monkeypatch.setattr(package_module, "MAX_ATTACHMENTS_BYTES", 1000)
    with pytest.raises(PackageError) as refused:
        export_student(services.store, team.student.id)
    assert str(refused.value).startswith(
        "The files attached to 张小明's file are too many or too large for one student file "
        "(number: 1, size: 0 MB; at most 5000 files and 0 MB). Save copies of the largest, remove them "
        "from the file, export again, and send those copies separately.")


def test_one_file_named_by_many_records_is_refused(sent, elsewhere):
    """The app never attaches one file twice to a child; a file whose records name one
    scan hundreds of times would have it written hundreds of times."""
    scan, manifest, data, files = sent
    row = data["attachment"][0]
    data["attachment"] = [row] + [{**row, "id": f"00000000-0000-4000-8000-{n:012d}"}
                                  for n in range(300)]
    before = fingerprint(elsewhere.store)
    assert refusal(rebuilt(manifest, data, files)) == DAMAGED.format(
        problem="the file of record 2 of \"attachment\" is attached twice")
    assert fingerprint(elsewhere.store) == before


def test_a_received_file_is_named_by_its_kind(sent, elsewhere):
    """A scan sent under a program's name and a path is saved here under its own name
    with the ending of what it is."""
    scan, manifest, data, files = sent
    data["attachment"][0]["file_name"] = "..\\\\..\\\\启动\\\\诊断证明.hta"
    import_package(elsewhere.store, rebuilt(manifest, data, files), elsewhere.school.id)
    assert [a.file_name for a in elsewhere.attachments.for_student(data["student"][0]["id"])] \
        == ["诊断证明.pdf"]
