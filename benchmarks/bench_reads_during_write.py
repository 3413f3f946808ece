"""Benchmark: listing students while another window imports a large student file. Not a
test: run it by hand and read the numbers.

    python benchmarks/bench_reads_during_write.py [--students 2000] [--file-kb 1000] [--quick]

Another process imports a ~1 MB .iepstudent file (one write transaction, as the window's
"Receive a student file" does) while this one lists the students again and again, as
the student list does. Printed: how long the import held the write lock, and the median
and worst time of a listing during it (aim: reads never wait for the writer, so close to
the listing time with no import going on, and no listing refused as busy).
"""
from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_student_list import GIVEN, SURNAMES, make_database  # noqa: E402

NOTES = ("能在提示下完成", "独立完成两步指令", "需要手势提示", "注意力保持约五分钟",
         "主动向同伴问好", "拼图完成八块", "情绪平稳", "在视觉提示下排队等待")


def make_student_file(folder: Path, kilobytes: int) -> Path:
    """A real student file (exported by the app) of about `kilobytes`: one child with
    years of observations."""
    from iep_studio.core.model import Observation, School, Student
    from iep_studio.core.pinyin import latin_key
    from iep_studio.core.store import open_store
    from iep_studio.core.transfer.export import export_student

    rng = random.Random(11)
    store = open_store(f"sqlite:///{folder / 'sending-school.sqlite'}")
    with store.session() as s:
        school = School(name="城北小学")
        s.add(school)
        s.flush()
        student = Student(school_id=school.id, full_name="欧阳转学", name_latin=latin_key("欧阳转学"),
                          student_number="T0001", status="active")
        s.add(student)
        s.flush()
        student_id = student.id
    content, day = b"", date(2012, 9, 1)
    while len(content) < kilobytes * 1024:
        with store.session() as s:
            for _ in range(500):
                day += timedelta(days=rng.choice((0, 0, 1)))  # some days, several
                s.add(Observation(student_id=student_id, observed_on=day,
                                  trials="".join(rng.choices("IVGMPFN", k=10)),
                                  note="；".join(rng.choices(NOTES, k=3)) + "。"
                                  + rng.choice(SURNAMES) + "老师记录，"
                                  + "".join(rng.choices(GIVEN, k=30)),
                                  observer=rng.choice(SURNAMES) + "老师"))
        content = export_student(store, student_id)
    store.dispose()
    path = folder / "transfer.iepstudent"
    path.write_bytes(content)
    return path


CHILD_IMPORT = textwrap.dedent("""
    import sys, time
    from sqlalchemy import select
    from iep_studio.core.model import School
    from iep_studio.core.store import open_store
    from iep_studio.core.transfer.import_ import import_package, load

    store = open_store(sys.argv[1])
    with store.session() as s:
        school_id = s.scalars(select(School.id).order_by(School.name)).first()
    package = load(sys.argv[2])  # read and checked before the transaction, as the window does
    print("ready", flush=True)
    sys.stdin.readline()
    print("start", time.time(), flush=True)
    result = import_package(store, package, school_id)
    print("end", time.time(), flush=True)
    store.dispose()
""")


def list_students(store) -> float:
    from iep_studio.core.services.search import load_summaries

    start = time.perf_counter()
    load_summaries(store)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--file-kb", type=int, default=1000)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a few seconds (checks that it runs)")
    args = parser.parse_args()
    if args.quick:
        args.students, args.file_kb = 200, 150

    from iep_studio.core.errors import StorageError
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "data"
        make_database(data, args.students)
        student_file = make_student_file(folder, args.file_kb)
        url = DataPaths(data).database_url
        print(f"{args.students} students; student file {student_file.stat().st_size / 1024:.0f} KB")

        store = open_store(url)
        quiet = [list_students(store) for _ in range(20)]
        print(f"listing {args.students} students, nothing else going on: "
              f"{statistics.median(quiet) * 1000:.1f} ms (median)")

        child = subprocess.Popen([sys.executable, "-c", CHILD_IMPORT, url, str(student_file)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        listings: list[tuple[float, float, bool]] = []  # (began, seconds, refused as busy)
        child.stdin.write("go\n")
        child.stdin.flush()
        while child.poll() is None:
            began = time.time()
            try:
                listings.append((began, list_students(store), False))
            except StorageError:  # "The database is busy": what reads did before
                listings.append((began, time.time() - began, True))
        out = child.stdout.read().split()
        if child.returncode != 0:
            sys.exit(f"the import failed (exit {child.returncode})")
        start, end = float(out[out.index("start") + 1]), float(out[out.index("end") + 1])
        store.dispose()

    during = [(seconds, refused) for began, seconds, refused in listings
              if began < end and began + seconds > start]
    times = [seconds for seconds, _ in during]
    refused = sum(1 for _, no in during if no)
    print(f"the import held the write lock for {(end - start) * 1000:.0f} ms")
    if times:
        print(f"listing {args.students} students during the import, {len(times)} listings: "
              f"{statistics.median(times) * 1000:.1f} ms median, "
              f"{max(times) * 1000:.1f} ms worst; {refused} refused as busy")
    else:
        print("no listing overlapped the import (0 ms): use a larger --file-kb")


if __name__ == "__main__":
    main()
