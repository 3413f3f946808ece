"""Peak memory of reading (and importing) the worst student files we can make.

Each file is read in a fresh process; the figures are the process's peak resident size
(VmHWM: ru_maxrss would carry over the peak of this script across exec) above what it held
before reading, and the peak of Python's own allocations (tracemalloc) in a second run. Run by hand:

    .venv/bin/python benchmarks/bench_student_file_memory.py

--quick (as the tests run it): the two files refused before parsing, read once each.
"""
from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MB = 1024 * 1024


def packed(manifest: dict, data: bytes) -> bytes:
    manifest = {**manifest, "data_sha256": hashlib.sha256(data).hexdigest()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("student.json", data)
    return buffer.getvalue()


def a_real_file() -> tuple[dict, dict]:
    """A small real export, to build the others from."""
    from datetime import date

    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store
    from iep_studio.core.transfer.export import export_student

    folder = tempfile.mkdtemp()
    store = open_store(f"sqlite:///{folder}/source.sqlite")
    services = Services(store, today=lambda: date(2026, 11, 22))
    school = services.schools.create_school("城南小学")
    student = services.students.create(school.id, "张小明", student_number="0001",
                                       birth_date="2016-05-12")
    plan = services.plans.create(student.id, "2016-09-01", "2027-01-31", title="计划")
    goal = services.plans.add_goal(plan.id, "social", "主动问候")
    services.plans.add_objective(goal.id, {"behaviour": "见到老师说早上好"})
    raw = export_student(store, student.id)
    store.dispose()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return (json.loads(archive.read("manifest.json")),
                json.loads(archive.read("student.json")))


def files(manifest: dict, data: dict, quick: bool = False) -> dict[str, bytes]:
    from iep_studio.core.transfer.archive import MAX_DATA_BYTES, MAX_VALUES

    out = {}
    # The file of issue 13: about 100 KB that unpacks to 100 MB of tiny JSON values.
    out["100 MB of [] in a 100 KB file"] = packed(
        manifest, b'{"student": [' + b"[]," * (100 * MB // 3) + b"[]]}")
    # Just under both limits, the values that cost the most memory each: one-key objects,
    # and the rest of the 16 MB one long text with a character outside the BMP (so the
    # decoded text takes four bytes a character).
    count = MAX_VALUES // 2 - 10
    body = b'{"student": [' + b'{"a":0},' * count
    filler = MAX_DATA_BYTES - len(body) - 20
    out["1M values + 16 MB text"] = packed(
        manifest, body + b'"\xf0\x9f\x98\x80' + b"x" * filler + b'"]}')
    out["1M empty lists within 16 MB"] = packed(
        manifest, b'{"student": [' + b"[]," * (MAX_VALUES - 10) + b"[]]}")
    if quick:
        return {name: out[name] for name in ("100 MB of [] in a 100 KB file",
                                             "1M empty lists within 16 MB")}
    # A plan revision that passes every check, frozen with as many goals as the limits
    # allow: what the checks themselves (pydantic) build from one document.
    plan = {"id": "00000000-0000-4000-8000-100000000001", "student_id": data["student"][0]["id"],
            "title": "计划", "period_start": "2026-09-01", "period_end": "2027-01-31"}
    fields = {name: "" for name in ("title", "strengths", "needs", "strategies", "adjustments",
                                    "behaviour_support", "transition", "placement_statement",
                                    "resource_services", "guardian_participation")}
    snapshot = {"plan": {**fields, "period_start": None, "period_end": None,
                         "review_due": None, "status": "draft", "edition": 1,
                         "resource_sessions_per_week": None},
                "present_levels": [], "services": [], "signatures": [],
                "goals": [{"id": f"00000000-0000-4000-8000-{n:012d}", "domain": "",
                           "statement": "", "objectives": []}
                          for n in range(MAX_VALUES // 6 - 1000)]}
    frozen = {"student": data["student"], "plan": [plan], "plan_revision": [{
        "id": "00000000-0000-4000-8000-100000000002", "plan_id": plan["id"], "number": 1,
        "event": "submitted", "status": "in_review", "snapshot": snapshot}]}
    text = json.dumps(frozen, ensure_ascii=False, separators=(",", ":")).encode()
    out[f"a frozen plan of {len(snapshot['goals']):,} goals, {len(text) / MB:.1f} MB"] = packed(
        {**manifest, "counts": {"student": 1, "plan": 1, "plan_revision": 1}}, text)
    # A real student's file at the size limit: observations, each as the app writes them.
    student = data["student"][0]["id"]
    objective = data["plan_objective"][0]["id"]
    rows, size, n = [], 0, 0
    while size < MAX_DATA_BYTES * 0.9:
        n += 1
        row = {"id": f"00000000-0000-4000-8000-{n:012d}", "student_id": student,
               "objective_id": objective, "session_id": None, "lesson_id": None,
               "observed_on": f"{2017 + n % 9}-0{1 + n % 9}-1{n % 9}", "trials": "IIVIGIIINI",
               "duration_seconds": None, "frequency": None, "rating": None,
               "note": "能主动问好，需要口头提示一次。", "observer": "王丽",
               "created_at": "2026-11-20T08:00:00+00:00",
               "updated_at": "2026-11-20T08:00:00+00:00"}
        rows.append(row)
        size += len(json.dumps(row, ensure_ascii=False, indent=1).encode()) + 2
    whole = {**data, "observation": rows}
    text = json.dumps(whole, ensure_ascii=False, indent=1).encode()
    counts = {t: len(v) for t, v in whole.items() if v}
    out[f"real file, {len(rows):,} observations, {len(text) / MB:.1f} MB"] = packed(
        {**manifest, "counts": counts}, text)
    return out


CHILD = r"""
import sys, tracemalloc
from pathlib import Path
from iep_studio.core.transfer.package import PackageError, read_package
from iep_studio.core.transfer import import_ as importing
from iep_studio.core.store import open_store
from iep_studio.core.services import Services
raw = Path(sys.argv[1]).read_bytes()
mode = sys.argv[2]
target = sys.argv[3]
store = open_store(f"sqlite:///{target}")
school = Services(store).schools.create_school("城北小学")
def high_water():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
if mode == "trace":
    tracemalloc.start()
before = high_water()
outcome = "imported"
try:
    package = read_package(raw)
    if sys.argv[4] == "import":
        importing.import_package(store, package, school.id)
    else:
        outcome = "read"
except PackageError as refused:
    outcome = "refused: " + str(refused)[:90]
after = high_water()
peak = tracemalloc.get_traced_memory()[1] if mode == "trace" else 0
print(f"{(after - before) / 1024:.0f}\t{after / 1024:.0f}\t{peak / 2**20:.0f}\t{outcome}")
"""


def measure(raw: bytes, mode: str, step: str) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.iepstudent"
        path.write_bytes(raw)
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), mode,
                               str(Path(folder) / "target.sqlite"), step],
                              capture_output=True, text=True, check=True)
    return done.stdout.strip().split("\t")


def main() -> None:
    quick = "--quick" in sys.argv
    manifest, data = a_real_file()
    print(f"{'file':46} {'packed':>8} {'step':>6} {'+RSS MB':>8} {'RSS MB':>7} "
          f"{'traced MB':>9}  outcome")
    for name, raw in files(manifest, data, quick).items():
        # Only the files that pass reading go on to be imported.
        steps = ["read", "import"] if name.startswith(("a frozen", "real")) else ["read"]
        for step in steps:
            grown, total, _, outcome = measure(raw, "rss", step)
            # tracemalloc slows the import's thousands of inserts too much: reading only.
            traced = measure(raw, "trace", step)[2] if step == "read" and not quick else "-"
            print(f"{name:46} {len(raw) / 1024:7.0f}K {step:>6} {grown:>8} {total:>7} "
                  f"{traced:>9}  {outcome}")


if __name__ == "__main__":
    main()
