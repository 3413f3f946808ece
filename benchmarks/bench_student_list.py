"""Benchmark: start-up to the first painted window, and search as you type, with 6,000
students (a district's worth). Not a test: run it by hand and read the numbers.

    python benchmarks/bench_student_list.py [--students 6000] [--runs 5] [--quick]

Aims (issue 2): start-up within 1.5x of importing Qt and showing an empty window; search
under 30 ms a keystroke.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘"
GIVEN = "小明红华丽伟芳娜敏静秀英强磊军洋勇艳杰涛超平刚桂兰欣怡子轩浩宇梓涵思琪雨萱俊"
CATEGORIES = ["autism", "adhd", "intellectual", "cerebral_palsy", "hearing", "visual",
              "speech", "learning", "emotional_behavioural", "multiple"]
PLACEMENTS = ["regular_class", "regular_class_resource_room", "special_class",
              "home_delivered"]


def make_database(data_dir: Path, count: int) -> None:
    """Fill a database quickly (one transaction), with realistic names and spread."""
    from pypinyin import lazy_pinyin  # noqa: F401 - warm the dictionary once

    from iep_studio.core.model import PlacementPeriod, School, Student, StudentCategory
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.pinyin import latin_key
    from iep_studio.core.store import open_store

    rng = random.Random(7)
    store = open_store(DataPaths(data_dir).database_url)
    with store.session() as s:
        schools = [School(name=f"萧山区第{i + 1}小学") for i in range(80)]
        s.add_all(schools)
        s.flush()
        for n in range(count):
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
            student = Student(
                school_id=rng.choice(schools).id, full_name=name, name_latin=latin_key(name),
                student_number=f"{2015 + n % 10}{n:06d}", grade=f"{rng.randint(1, 6)}年级",
                class_name=f"{rng.randint(1, 8)}班")
            student.categories = [StudentCategory(category=rng.choice(CATEGORIES),
                                                  degree="mild")]
            student.placements = [PlacementPeriod(placement=rng.choice(PLACEMENTS),
                                                  start_date=__import__("datetime").date(2024, 9, 1))]
            s.add(student)
    # The teacher's own copy: one account without a password, so start-up asks nothing.
    from iep_studio.core.services import Services

    Services(store).accounts.create_first("wangli", "王丽")
    store.dispose()


CHILD_BASELINE = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv)
    window = QMainWindow()
    class Painted(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                app.quit()
            return False
    f = Painted(); window.installEventFilter(f)
    window.resize(1280, 800); window.show(); app.exec()
""")

CHILD_APP = textwrap.dedent("""
    # The real start-up (run_window), stopped at the first paint ("paint") or once the
    # student list is filled ("listed").
    import sys
    from iep_studio.core.paths import DataPaths
    from iep_studio.ui import app as app_module
    from iep_studio.ui.main_window import MainWindow
    from iep_studio.ui.qt import QApplication
    mode = sys.argv[2]
    if mode == "paint":
        original = MainWindow.paintEvent
        def paint(self, event):
            original(self, event)
            QApplication.instance().quit()
        MainWindow.paintEvent = paint
    else:
        attach = MainWindow.attach
        def attached(self, *args):
            attach(self, *args)
            self.repaint()
            QApplication.instance().quit()
        MainWindow.attach = attached
    app_module.run_window(DataPaths.resolve(sys.argv[1]))
""")


def time_child(code: str, *args: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        # A start-up that stops on a dialog fails here instead of waiting for a person.
        subprocess.run([sys.executable, "-c", code, *args], check=True,
                       stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def search_latency(data_dir: Path) -> list[float]:
    """Type queries into the real search field, one keystroke at a time, and time each
    keystroke until the view has repainted."""
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.services import Services
    from iep_studio.core.settings import Settings
    from iep_studio.core.store import open_store
    from iep_studio.ui.app import prepare_application
    from iep_studio.ui.main_window import AppContext, MainWindow
    from iep_studio.ui.qt import QApplication, QEvent, QObject

    app = QApplication.instance() or QApplication(sys.argv)
    paths = DataPaths.resolve(data_dir)
    settings = Settings(language="zh_CN", demo_offered=True)
    prepare_application(app, paths, settings.language)
    store = open_store(paths.database_url)
    window = MainWindow(AppContext(Services(store), paths, settings))
    window.show()
    app.processEvents()
    field = window.student_list.search_field
    painted = []

    class PaintWatcher(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    watcher = PaintWatcher()
    window.student_list.table.viewport().installEventFilter(watcher)
    timings = []
    for query in ("张小明", "wangli", "zxm", "3年级 2班", "孤独症", "萧山区第12小学", "2019"):
        field.clear()
        app.processEvents()
        for i in range(1, len(query) + 1):
            painted.clear()
            start = time.perf_counter()
            field.setText(query[:i])
            app.processEvents()  # runs the filter's repaint, as after a real keystroke
            timings.append((time.perf_counter() - start) * 1000)
            assert painted, "the list did not repaint"
    window.close()
    store.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a few seconds: checks that the benchmark still runs")
    args = parser.parse_args()
    if args.quick:
        args.students, args.runs = min(args.students, 300), 1
    data_dir = Path(tempfile.mkdtemp(prefix="iep-bench-"))
    start = time.perf_counter()
    make_database(data_dir, args.students)
    print(f"made {args.students} students in {time.perf_counter() - start:.1f} s")

    (data_dir / "settings.json").write_text('{"language": "zh_CN", "demo_offered": true}')
    time_child(CHILD_APP, str(data_dir), "listed", runs=1)  # first start compiles translations
    baseline = time_child(CHILD_BASELINE, runs=args.runs)
    painted = time_child(CHILD_APP, str(data_dir), "paint", runs=args.runs)
    listed = time_child(CHILD_APP, str(data_dir), "listed", runs=args.runs)
    print(f"empty Qt window, process start to first paint: {baseline * 1000:.0f} ms (median)")
    print(f"IEP Studio, process start to first paint:      {painted * 1000:.0f} ms (median)"
          f"  = {painted / baseline:.2f}x  (aim <= 1.5x)")
    print(f"IEP Studio, until {args.students} students are listed: {listed * 1000:.0f} ms (median)")

    timings = search_latency(data_dir)
    print(f"search as you type over {args.students} students, {len(timings)} keystrokes: "
          f"median {statistics.median(timings):.1f} ms, p95 "
          f"{sorted(timings)[int(len(timings) * 0.95)]:.1f} ms, max {max(timings):.1f} ms "
          f"(aim < 30 ms)")


if __name__ == "__main__":
    main()
