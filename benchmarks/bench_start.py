"""Benchmark: how long each start takes, as whole fresh processes, beside a bare PySide6
program showing an empty 1280x800 window, timed the same way in the same run. Not a test:
run it by hand and read the numbers.

    python benchmarks/bench_start.py [--students 6000] [--runs 7] [--before COMMIT] [--quick]

Each round starts, one after the other: the bare window; the app until its first paint;
the app until the student list is filled and usable (the event loop free to take a
keystroke); the app until all its start-up work is done (the home view's reminders, the
start backup); `iep-studio students`, `paths` and `backups`; and a one-student IEP exported
as PDF from the command line. The window's figures run from launching the process to that
moment; the commands' from launching to their exit. Medians over the rounds, each as a
ratio to the bare window's median of the same run (the machine is shared, so the ratio is
what compares across runs), the processor time each used (steadier on a busy machine),
and the peak memory of each process. With --before, an older commit is measured too, in
the same rounds, each of its processes right beside this checkout's (only while both have
the same schema: an older checkout refuses a newer database).

The database (6,000 students in 80 schools, one of them with an approved plan and a term
of observations, one account without a password so nothing is asked) is built once and
kept in the temporary folder for the next run.

Aims (issue 14): first paint within 1.3x the bare window; the list usable within 0.6 s;
`students`, `paths` and `backups` within 0.35 s; the one-student PDF within 0.6 s; peak
memory under 200 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, in this process and (below) in each child
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXPORTED_NUMBER = "0000"  # the student with a plan (bench_documents.make_caseload)

# Shared by the bare window and the app: the moment is written as seconds since the epoch
# (the parent noted the launch on the same clock), then the process ends at once, so what
# is timed is the wait a person sees, not the tidying up after it.
REPORT = textwrap.dedent("""
    import os, sys, time
    def report_now():
        sys.stdout.write(f"MOMENT {time.time():.6f}\\n")
        sys.stdout.flush()
        os._exit(0)
""")

# The window's first paint, caught by the same filter on the bare window and on the app.
FIRST_PAINT = textwrap.dedent("""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow
    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                # The paint itself happens first; then the moment is taken.
                obj.__class__.paintEvent(obj, event)
                report_now()
            return False
    first_paint = FirstPaint()
""")

CHILD_BARE = REPORT + FIRST_PAINT + textwrap.dedent("""
    app = QApplication(sys.argv[:1])
    app.installEventFilter(first_paint)
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.exec()
""")

# The app as `iep-studio` starts it (cli.main), watched from a timer that runs only when
# the event loop is free: "listed" once the list has its rows and has been painted;
# "settled" once the home view shows its reminders and the start backup has been made.
CHILD_APP = REPORT + FIRST_PAINT + textwrap.dedent("""
    mode, data_dir = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QTimer
    app = QApplication(sys.argv[:1])
    def main_window():
        return next((w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)), None)
    def listed(window):  # the frame is painted first; the list comes just after
        panel = getattr(window, "student_list", None)
        return panel is not None and panel.model.rowCount() > 0
    def settled(window):
        home = getattr(window, "home", None)
        desk = getattr(window, "backup_desk", None)
        return (listed(window) and home is not None and home.list.count() > 0
                and home.progress_list.count() > 0 and desk is not None
                and desk.timer.isActive())
    def watch():
        window = main_window()
        if window is None:
            return
        if mode == "listed" and listed(window):
            window.student_list.table.viewport().repaint()
            report_now()
        if mode == "settled" and settled(window):
            report_now()
    if mode == "paint":
        app.installEventFilter(first_paint)
    else:
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(watch)
        timer.start()
    from iep_studio.cli import main
    main(["--data-dir", data_dir])
    sys.exit("the app closed before the moment was reached")
""")

# A command as the `iep-studio` launcher runs it.
CHILD_COMMAND = "import sys; from iep_studio.cli import main; sys.exit(main())"


class Measure:
    def __init__(self, name: str, label: str, argv, kind: str, env: dict, aim: str = ""):
        self.name, self.label, self.argv, self.kind, self.aim = name, label, argv, kind, aim
        self.env = env  # with PYTHONPATH at the code measured, which is also the folder
        self.cwd = env.get("PYTHONPATH")  # run in (`python -c` puts it first on the path)
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.rss_mb: list[float] = []


def run_child(argv: list[str], kind: str, env: dict, cwd: str | None = None,
              timeout: float = 120) -> tuple[float, float, float]:
    """(seconds, processor seconds, peak resident memory in MB) of one fresh process.
    `kind` "moment": the process reports its moment; "exit": until the process has
    ended. The processor time (user and system) changes less than the seconds when the
    machine is busy with other work."""
    launched = time.time()
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=cwd)
    # A start that stops on a dialog fails here instead of waiting for a person.
    killer = threading.Timer(timeout, process.kill)
    killer.start()
    try:
        # Read the pipes before waiting (a full pipe would block the child).
        out, err = process.stdout.read(), process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    ended = time.perf_counter()
    text = out.decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv[-3:])} failed ({process.returncode}):\n"
                         f"{err.decode(errors='replace')[-3000:]}")
    if kind == "moment":
        moment = next((float(line.split()[1]) for line in text.splitlines()
                       if line.startswith("MOMENT ")), None)
        if moment is None:
            raise SystemExit(f"no moment reported:\n{text[-2000:]}")
        seconds = moment - launched
    else:
        seconds = ended - started
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KB on Linux


def database(students: int) -> Path:
    """The benchmark's data folder, built once per size and schema, then reused. It is
    built by a child process: this one stays small, because a child's peak memory as the
    system counts it starts from the size of the process that launched it."""
    schema = max(p.stem[:4] for p in
                 (ROOT / "iep_studio" / "core" / "store" / "migrations" / "versions").glob("0*.py"))
    folder = Path(tempfile.gettempdir()) / f"iep-bench-start-{students}-{schema}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix="iep-bench-start-"))
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--make-data", str(building),
                    "--students", str(students)], check=True, stdin=subprocess.DEVNULL)
    (building / "ready").write_text("")
    building.rename(folder)
    print(f"made {students} students in {time.perf_counter() - started:.1f} s "
          f"(kept in {folder} for the next run)")
    return folder


def make_data(data_dir: Path, students: int) -> None:
    from bench_documents import make_caseload
    from bench_student_list import make_database

    from iep_studio.core.paths import DataPaths
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store
    from iep_studio.core.store.backup import backup_sqlite

    make_database(data_dir, students - 1)  # with the account, so no sign-in is asked
    paths = DataPaths(data_dir)
    store = open_store(paths.database_url)
    make_caseload(Services(store, today=date.today), 1)  # the one with a plan to export
    for reason in ("manual", "daily", "start"):  # what `iep-studio backups` lists
        backup_sqlite(store.sqlite_path, paths.backups, reason)
    store.checkpoint()
    store.dispose()
    (data_dir / "settings.json").write_text(json.dumps(
        {"language": "zh_CN", "demo_offered": True}))
    (data_dir / "backups-listed").write_text(
        "\n".join(p.name for p in sorted(paths.backups.iterdir())))


def forget_new_backups(data_dir: Path) -> None:
    """Each start of the window adds a backup: keep the list `backups` reads the same."""
    kept = set((data_dir / "backups-listed").read_text().split("\n"))
    for backup in (data_dir / "backups").iterdir():
        if backup.name not in kept:
            backup.unlink()


def checkout_of(commit: str) -> Path:
    """The repository at `commit`, in a temporary folder (git archive)."""
    folder = Path(tempfile.mkdtemp(prefix="iep-bench-before-"))
    # Through a pipe, not in this process: its size is where each child's peak starts.
    archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", "--format=tar", commit],
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
    archive.stdout.close()
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")
    return folder


def app_measures(root: Path, data_dir: Path, students: int, out: Path) -> list[Measure]:
    """The app's and the commands' measures, run on the code in `root`."""
    # As installed: with compiled bytecode (pip compiles it), and this code, not another.
    env = {key: value for key, value in os.environ.items() if key not in (
        "IEP_STUDIO_DB_URL", "IEP_STUDIO_DATA_DIR", "PYTHONDONTWRITEBYTECODE")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "iep_studio")],
                   check=True, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    data, python = str(data_dir), sys.executable
    command = [python, "-c", CHILD_COMMAND, "--data-dir", data]
    return [
        Measure("paint", "app, first paint", [python, "-c", CHILD_APP, "paint", data],
                "moment", env, "<= 1.3x"),
        Measure("listed", f"app, list of {students} usable",
                [python, "-c", CHILD_APP, "listed", data], "moment", env, "<= 0.6 s"),
        Measure("settled", "app, start-up work done",
                [python, "-c", CHILD_APP, "settled", data], "moment", env, "< 200 MB"),
        Measure("students", "iep-studio students", command + ["students"], "exit", env,
                "<= 0.35 s"),
        Measure("paths", "iep-studio paths", command + ["paths"], "exit", env, "<= 0.35 s"),
        Measure("backups", "iep-studio backups", command + ["backups"], "exit", env,
                "<= 0.35 s"),
        Measure("export", "export one student's IEP (PDF)", command + [
            "export", "--student", EXPORTED_NUMBER, "--format", "pdf", "--out", str(out)],
            "exit", env, "<= 0.6 s"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", metavar="COMMIT",
                        help="also measure this commit (a git archive of it), alternating "
                             "with this checkout in the same run")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, one round: checks that the benchmark still runs")
    parser.add_argument("--make-data", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_data:
        make_data(Path(args.make_data), args.students)
        return
    if args.quick:
        args.students, args.runs = min(args.students, 300), 1
    data_dir = database(args.students)
    out = Path(tempfile.mkdtemp(prefix="iep-bench-export-"))
    bare = Measure("bare", "empty Qt window, first paint", [sys.executable, "-c", CHILD_BARE],
                   "moment", {**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    checkouts = [(f"before ({args.before})", checkout_of(args.before))] if args.before else []
    checkouts.append(("this checkout", ROOT))
    columns = [app_measures(root, data_dir, args.students, out) for _, root in checkouts]
    for measures in columns:  # a first start compiles the translations: not counted
        run_child(measures[1].argv, "moment", measures[1].env, measures[1].cwd)
    # Each round runs every measure once, each one for every checkout in turn.
    order = [bare] + [measure for row in zip(*columns) for measure in row]
    for _ in range(args.runs):
        for measure in order:
            if measure.name == "backups":
                forget_new_backups(data_dir)
            seconds, cpu, rss = run_child(measure.argv, measure.kind, measure.env,
                                          measure.cwd)
            measure.times.append(seconds)
            measure.cpu.append(cpu)
            measure.rss_mb.append(rss)
    if not list(out.glob("*.pdf")):
        raise SystemExit("the export wrote no PDF")
    shutil.rmtree(out, ignore_errors=True)
    forget_new_backups(data_dir)
    for title, root in checkouts[:-1]:
        shutil.rmtree(root, ignore_errors=True)

    bare_time, bare_cpu = statistics.median(bare.times), statistics.median(bare.cpu)
    print(f"{args.students} students, {args.runs} round(s) alternated, median of each; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    for (title, _), measures in zip(checkouts, columns):
        print(f"\n{title:34}{'median':>9}{'x bare':>8}{'CPU':>9}{'x bare':>8}{'peak RSS':>10}"
              "   aim")
        for measure in [bare, *measures]:
            median, cpu = statistics.median(measure.times), statistics.median(measure.cpu)
            print(f"{measure.label:34}{median:>7.2f} s{median / bare_time:>7.2f}x"
                  f"{cpu:>7.2f} s{cpu / bare_cpu:>7.2f}x{max(measure.rss_mb):>7.0f} MB   "
                  f"{measure.aim}")


if __name__ == "__main__":
    main()
