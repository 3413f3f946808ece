"""Benchmark: logging an observation (the hot path of a session), and opening a student's
file with 800 observations and its progress charts. Not a test: run it by hand and read
the numbers.

    python benchmarks/bench_observations.py [--logs 300] [--opens 30] [--quick]

Aims (issue 5): an observation logged, commit included, under 10 ms median; a student
file with 800 observations opened and its charts painted under 150 ms.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 22)


def make_student(services):
    """A student with an approved plan of 4 goals x 3 objectives, 800 observations over
    a year spread across them, 30 ABC records and 20 home visits."""
    school = services.schools.create_school("基准小学")
    teacher = services.schools.create_person("王丽")
    head = services.schools.create_person("俞校长")
    student = services.students.create(school.id, "陈宇轩", birth_date="2016-05-12",
                                       placement="regular_class_resource_room",
                                       placement_start="2025-09-01")
    services.students.add_team_member(student.id, teacher.id, "resource_teacher")
    services.students.add_team_member(student.id, head.id, "administrator")
    plan = services.plans.create(student.id, "2025-11-01", "2026-12-31", title="基准计划",
                                 review_due="2026-12-20", author_id=teacher.id)
    for domain in ("fine_motor", "social", "cognition", "self_care"):
        goal = services.plans.add_goal(plan.id, domain, "长期目标")
        for i in range(3):
            services.plans.add_objective(goal.id, {
                "condition": "在提示下", "behaviour": f"完成第{i + 1}项任务",
                "criterion": "连续3次80%", "responsible": "王丽", "measurement": "观察"})
    services.plans.update(plan.id, {"guardian_participation": "母亲参加"})
    services.review.submit(plan.id, teacher.id)
    services.review.approve(plan.id, head.id)
    objectives = [o.id for g in services.plans.get(plan.id).goals for o in g.objectives]
    rng = random.Random(5)
    from iep_studio.core.model import BehaviourRecord, HomeVisit, Observation

    with services.store.session() as s:  # one transaction: the setup is not measured
        for n in range(800):
            s.add(Observation(student_id=student.id, objective_id=objectives[n % 12],
                              observed_on=TODAY - timedelta(days=365 - n * 365 // 800),
                              trials="".join(rng.choices("IIIVGMPN", k=10))))
        for n in range(30):
            s.add(BehaviourRecord(student_id=student.id, occurred_on=TODAY - timedelta(n * 9),
                                  behaviour="离座", function="escape"))
        for n in range(20):
            s.add(HomeVisit(student_id=student.id, visited_on=TODAY - timedelta(n * 14),
                            minutes=90, visitors="王丽", activities="训练"))
    return student.id, objectives


def bench_logging(services, student_id: str, objectives: list[str], runs: int) -> list[float]:
    times = []
    for n in range(runs):
        started = time.perf_counter()
        services.observations.log(student_id, objectives[n % len(objectives)], "IIVIGIIINI",
                                  observed_on=TODAY)
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench_opening(services, paths, student_id: str, runs: int) -> tuple[list[float], list[float]]:
    """The main window shows the file, the progress tab is current and its chart painted."""
    from iep_studio.core.settings import Settings
    from iep_studio.ui.app import prepare_application
    from iep_studio.ui.main_window import AppContext, MainWindow
    from iep_studio.ui.qt import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    prepare_application(app, paths, "zh_CN")
    window = MainWindow(AppContext(services, paths, Settings(language="zh_CN",
                                                             demo_offered=True)))
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    view = window.file_view
    view.tabs.setCurrentWidget(view.progress)
    whole, progress_only = [], []
    for _ in range(runs):
        view.open_student(None)
        app.processEvents()
        started = time.perf_counter()
        view.open_student(student_id)  # every tab of the file, as a click on the list does
        view.progress.chart.repaint()  # paint now, not at the next event loop turn
        whole.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        view.progress.show_student(view.student)
        view.progress.chart.repaint()
        progress_only.append((time.perf_counter() - started) * 1000)
    points = sum(len(o.points) for o in view.progress.progress.objectives)
    window.close()
    print(f"  the progress tab shows {len(view.progress.progress.objectives)} objectives, "
          f"{points} session points")
    return whole, progress_only


def report(name: str, times: list[float], aim: float) -> None:
    median = statistics.median(times)
    p90 = sorted(times)[int(len(times) * 0.9) - 1]
    verdict = "within" if median < aim else "OVER"
    print(f"{name}: median {median:.1f} ms, 90th percentile {p90:.1f} ms, "
          f"best {min(times):.1f} ms ({verdict} the {aim:.0f} ms aim)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logs", type=int, default=300)
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a few seconds: checks that the benchmark still runs")
    args = parser.parse_args()
    if args.quick:
        args.logs, args.opens = min(args.logs, 20), min(args.opens, 3)
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store

    paths = DataPaths.resolve(Path(tempfile.mkdtemp()))
    store = open_store(paths.database_url)  # WAL, synchronous=FULL: as teachers have it
    services = Services(store, today=lambda: TODAY)
    student_id, objectives = make_student(services)
    print(f"SQLite database in a temporary folder; {args.logs} observations logged, "
          f"{args.opens} openings")
    report("log one observation (commit included)",
           bench_logging(services, student_id, objectives, args.logs), 10)
    whole, progress_only = bench_opening(services, paths, student_id, args.opens)
    report("open a student file with 800+ observations and its chart", whole, 150)
    report("  of which the progress tab and its chart", progress_only, 150)
    store.dispose()
    sys.stdout.flush()
    os._exit(0)  # skip PySide's teardown at exit, which can crash after a window was shown


if __name__ == "__main__":
    main()
