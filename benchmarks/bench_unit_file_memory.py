"""Time and peak memory of checking the worst course-unit and goal files we can make.

Each folder is checked (as `iep-studio units check` does) in a fresh process; the figures
are the time taken, the process's peak resident size (VmHWM) above what it held before,
and the peak of Python's own allocations (tracemalloc) in a second run. Run by hand:

    .venv/bin/python benchmarks/bench_unit_file_memory.py [--quick]

--quick (the test suite's): the two smallest hostile files, each run once without
tracemalloc, so it only shows that the benchmark still runs.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def billion_laughs() -> str:
    lines = ["lol0: &lol0 [" + ", ".join(["lol"] * 10) + "]"]
    for level in range(1, 10):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def long_goal(n: int) -> str:
    text = "在老师口头提示下，能独立完成洗手的七个步骤，" * 5
    return (f"  - id: g-{n:05d}\n    domain: self_care\n    subdomain: {{zh: 洗手}}\n"
            f"    age_band: primary_lower\n    condition: {{zh: {text}}}\n"
            f"    behaviour: {{zh: {text}}}\n    criterion: {{zh: 连续三天达到}}\n")


def folders() -> dict[str, dict[str, bytes]]:
    """name: {file name: content}."""
    from iep_studio.core.units.yaml_limits import MAX_FILE_BYTES, MAX_VALUES

    goals = "schema_version: 1\ngoals:\n"
    n = 0
    while len((goals + long_goal(n)).encode()) < MAX_FILE_BYTES:
        goals, n = goals + long_goal(n), n + 1
    return {
        "billion laughs (1 KB)": {"u.yaml": billion_laughs().encode()},
        "57 MB file": {"u.yaml": b"id: x\n" + b"# " + b"x" * (57 * MB) + b"\n"},
        "1 MB of [": {"u.yaml": b"id: x\nsteps: " + b"[" * (MB - 20)},
        "1 MB of [1,1,...] (half a million values)": {
            "u.yaml": b"domains: [" + b"1," * ((MB - 20) // 2) + b"1]\n"},
        "20,000 empty goals (most problems)": {
            "goal_bank/g.yaml": b"goals: [" + b"{}," * (MAX_VALUES - 6) + b"{}]\n"},
        "20,000 empty steps": {"u.yaml": b"steps: [" + b"{}," * (MAX_VALUES - 6) + b"{}]\n"},
        f"1 MB goal file, {n} long goals": {"goal_bank/g.yaml": goals.encode()},
        "the shipped library": {},
    }


CHILD = r"""
import sys, time, tracemalloc
from pathlib import Path
from iep_studio.core.units.loading import load_folder
def high_water():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
if sys.argv[2] == "trace":
    tracemalloc.start()
before = high_water()
start = time.perf_counter()
library = load_folder(Path(sys.argv[1]))
seconds = time.perf_counter() - start
after = high_water()
peak = tracemalloc.get_traced_memory()[1] if sys.argv[2] == "trace" else 0
first = str(library.problems[0])[:70] if library.problems else (
    f"{len(library.units)} units, {len(library.goals)} goals")
print(f"{seconds:.2f}\t{(after - before) / 1024:.0f}\t{peak / 2**20:.0f}\t"
      f"{len(library.problems)}\t{first}")
"""


def measure(folder: Path, mode: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), mode],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout.strip().split("\t")


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    chosen = folders()
    if quick:
        chosen = {name: chosen[name] for name in ("billion laughs (1 KB)", "1 MB of [")}
    print(f"{'folder':42} {'s':>5} {'+RSS MB':>8} {'traced MB':>9} {'problems':>8}  first")
    for name, files in chosen.items():
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "units"
            if files:
                for file_name, content in files.items():
                    (folder / file_name).parent.mkdir(parents=True, exist_ok=True)
                    (folder / file_name).write_bytes(content)
            else:
                shutil.copytree(ROOT / "course_units", folder)
            seconds, grown, _, count, first = measure(folder, "rss")
            traced = "-" if quick else measure(folder, "trace")[2]
        print(f"{name:42} {seconds:>5} {grown:>8} {traced:>9} {count:>8}  {first}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
