"""Benchmark: the district view (issue 19) over a district's worth of files: 80 schools and
6,000 children, with their plans, placements, observations and home visits. Not a test:
run it by hand and read the numbers.

    python benchmarks/bench_district.py [--schools 80] [--students 6000]
        [--observations 20] [--runs 5] [--url postgresql+psycopg://...] [--quick]

On PostgreSQL when a server is named (--url, or IEP_STUDIO_TEST_PG_URL as for the
shared-mode tests): the benchmark makes a database of its own there (the role must be
allowed to create databases and roles) and drops it afterwards. Otherwise on a SQLite file.

Aims: the whole view (every count, attention list and check) within 1 s; the list behind
any figure within 0.3 s. Printed too: how many SQL statements the view takes, which shows
the figures are counted by the database and not by loading every child.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_student_list import CATEGORIES, GIVEN, SURNAMES  # noqa: E402

TODAY = date(2026, 11, 22)
DEGREES = ["mild", "mild", "moderate", "moderate", "severe", "profound", ""]
PLACEMENTS = (["regular_class"] * 40 + ["regular_class_resource_room"] * 35
              + ["special_class"] * 12 + ["home_delivered"] * 6 + ["satellite_class"] * 3
              + ["medical_education"] * 2 + ["special_school"] * 2)
SPECIAL_CLASSES = ["启智班", "阳光班"]


def new_id() -> str:
    return str(uuid.uuid4())


def make_district(store, schools: int, students: int, observations: int,
                  rng: random.Random) -> tuple[str, dict[str, int]]:
    """Fill the database with bulk inserts (the services' one-record-a-transaction would
    take minutes). Returns the id of a resource teacher on the teams of about 40 children,
    and how many rows each table got."""
    from sqlalchemy import insert

    from iep_studio.core.model import (
        HomeVisit, Observation, Person, PlacementPeriod, Plan, School, Student,
        StudentCategory, TeamMembership,
    )

    now = datetime.now(timezone.utc)
    stamp = {"created_at": now, "updated_at": now}
    school_rows = [dict(id=new_id(), name=f"萧山区第{i + 1}小学", code=f"XS{i + 1:03d}",
                        district="萧山区", address="", is_demo=False, version=1,
                        has_resource_room=rng.choices([True, False, None], [90, 7, 3])[0],
                        resource_teachers=rng.choice([None, 0, 1, 1, 1, 2, 2, 3]), **stamp)
                   for i in range(schools)]
    # Schools differ in size: a few large ones take many children.
    weights = [rng.choice((1, 1, 2, 3, 6)) for _ in school_rows]
    teacher = dict(id=new_id(), full_name="王丽", title="资源教师", organisation="",
                   phone="", email="", version=1, **stamp)
    rows = defaultdict(list)
    for n in range(students):
        school = rng.choices(school_rows, weights)[0]
        placement = rng.choice(PLACEMENTS)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        student_id = new_id()
        class_name = (rng.choice(SPECIAL_CLASSES) if placement == "special_class" else
                      "" if placement == "home_delivered" else f"{rng.randint(1, 8)}班")
        rows[Student].append(dict(
            id=student_id, school_id=school["id"], student_number=f"{2015 + n % 10}{n:06d}",
            full_name=name, name_latin="", sex=rng.choice(("male", "female")),
            grade=f"{rng.randint(1, 6)}年级", class_name=class_name,
            status=rng.choices(("active", "transferred"), (97, 3))[0],
            archived=rng.random() < 0.01, version=1, **stamp))
        for position, category in enumerate(rng.sample(CATEGORIES, rng.choice((1, 1, 2)))):
            rows[StudentCategory].append(dict(
                id=new_id(), student_id=student_id, category=category,
                degree=rng.choice(DEGREES), position=position, **stamp))
        if rng.random() < 0.2:  # an earlier placement, now closed
            rows[PlacementPeriod].append(dict(
                id=new_id(), student_id=student_id, placement=rng.choice(PLACEMENTS),
                start_date=date(2023, 9, 1), end_date=date(2025, 8, 31), note="", **stamp))
        rows[PlacementPeriod].append(dict(
            id=new_id(), student_id=student_id, placement=placement,
            start_date=date(2025, 9, 1), end_date=None, note="", **stamp))
        stage = rng.choices(("approved", "draft", "in_review", "closed", None),
                            (65, 10, 5, 5, 15))[0]
        if stage:
            overdue = stage == "approved" and rng.random() < 0.15
            rows[Plan].append(dict(
                id=new_id(), student_id=student_id, title="2026学年第一学期", status=stage,
                period_start=date(2026, 9, 1), period_end=date(2027, 1, 31),
                review_due=date(2026, 11, 1) if overdue else date(2026, 12, 20),
                edition=1, version=1, **stamp))
        # Observations over the last twelve weeks; some children have none of late.
        quiet = rng.random() < 0.1
        for _ in range(rng.randint(0, 2 * observations)):
            back = rng.randint(15 if quiet else 0, 84)
            rows[Observation].append(dict(
                id=new_id(), student_id=student_id, observed_on=TODAY - timedelta(days=back),
                trials=rng.choice(("IIVG", "IVVM", "GGII")), note="", observer="王丽",
                **stamp))
        if placement == "home_delivered":
            for _ in range(rng.randint(0, 8)):
                rows[HomeVisit].append(dict(
                    id=new_id(), student_id=student_id, minutes=60, visitors="王丽",
                    activities="认知训练", objective_ids=[], note="",
                    visited_on=TODAY - timedelta(days=rng.randint(0, 160)), **stamp))
    team = rng.sample(rows[Student], min(40, len(rows[Student])))
    rows[TeamMembership] = [dict(id=new_id(), student_id=s["id"], person_id=teacher["id"],
                                 role="resource_teacher", note="", version=1, **stamp)
                            for s in team]
    with store.session() as s:
        s.execute(insert(School), school_rows)
        s.execute(insert(Person), [teacher])
        for model in (Student, StudentCategory, PlacementPeriod, Plan, Observation,
                      HomeVisit, TeamMembership):
            if rows[model]:
                s.execute(insert(model), rows[model])
    return teacher["id"], {model.__tablename__: len(found) for model, found in rows.items()}


class Statements:
    """Counts the SQL statements the engine runs."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._one)

    def _one(self, *_args):
        self.count += 1


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(store, teacher_id: str, runs: int, sample: int, rng: random.Random) -> None:
    from iep_studio.core.access import Actor
    from iep_studio.core.overview import split_key
    from iep_studio.core.services import Services

    services = Services(store, today=TODAY)
    overview = services.overview
    statements = Statements(store.engine)
    start = time.perf_counter()
    view = overview.view()
    first = time.perf_counter() - start
    before = statements.count
    median, view = timed(overview.view, runs)
    per_view = (statements.count - before) // runs
    figures = list(view.figures())
    print(f"whole view ({len(figures)} figures): first {first * 1000:.0f} ms, then median "
          f"{median * 1000:.0f} ms over {runs} runs, {per_view} SQL statements "
          f"(aim < 1 s)")
    for name, part in (("counts by school", lambda: overview.counts("school")),
                       ("counts by class", lambda: overview.counts("class")),
                       ("attention lists", overview.attention),
                       ("checks", overview.checks)):
        median, _ = timed(part, runs)
        print(f"  {name}: median {median * 1000:.1f} ms")

    by_kind = defaultdict(list)
    for figure in figures:
        by_kind[split_key(figure.key)[0]].append(figure)
    slowest = (0.0, "")
    print(f"the list behind each figure (up to {sample} figures of each kind; aim < 0.3 s):")
    for kind, found in by_kind.items():
        # The largest list of each kind, and a sample of the others.
        largest = max(found, key=lambda f: f.count)
        others = [f for f in found if f is not largest]
        chosen = [largest, *rng.sample(others, min(sample - 1, len(others)))]
        times = []
        for figure in chosen:
            start = time.perf_counter()
            children = overview.children(figure.key)
            took = time.perf_counter() - start
            assert len(children) == figure.count, figure.key
            times.append(took)
            slowest = max(slowest, (took, f"{figure.key[:60]} ({figure.count} children)"))
        print(f"  {kind:10s} {len(chosen):3d} of {len(found):4d}: median "
              f"{statistics.median(times) * 1000:6.1f} ms, max {max(times) * 1000:6.1f} ms "
              f"(largest list {max(f.count for f in found)} children)")
    print(f"slowest list: {slowest[0] * 1000:.1f} ms, {slowest[1]}")

    start = time.perf_counter()
    workbook = Path(tempfile.mkdtemp(prefix="iep-bench-")) / "overview.xlsx"
    overview.export_workbook(workbook, "zh_CN")
    print(f"every table in one workbook: {time.perf_counter() - start:.1f} s, "
          f"{workbook.stat().st_size // 1024} KB (behind a progress dialog)")

    largest = max((f for f in figures if f.key != "all"), key=lambda f: f.count)
    # A district coordinator following a tenth of the schools: their students are those
    # of the schools they follow, a union the rule on whose files one sees adds to every
    # statement.
    from iep_studio.core.model import School
    from iep_studio.core.services.accounts import actor_of

    with store.reading() as s:
        followed = [school.id for school in s.query(School).order_by(School.code)]
    followed = followed[:max(1, len(followed) // 10)]
    services.accounts.create_first("chen", "陈校长", "bench-secret-chen")
    services.accounts.create("wang", "王丽", "resource_teacher", "bench-secret-wang",
                             person_id=teacher_id)
    zhao = services.accounts.create("zhao", "赵指导员", "district_coordinator",
                                    "bench-secret-zhao", followed_schools=followed)
    if store.is_sqlite:
        coordinator = Services(store.acting_as(actor_of(zhao)), today=TODAY)
        median, theirs = timed(coordinator.overview.view, runs)
        print(f"whole view as a coordinator following schools: {len(followed)} "
              f"({theirs.total.count} children): median {median * 1000:.0f} ms")
        teacher = Services(store.acting_as(Actor("bench", "王丽", "resource_teacher",
                                                 teacher_id)), today=TODAY)
        median, mine = timed(teacher.overview.view, runs)
        print(f"whole view as a resource teacher on {mine.total.count} children's teams: "
              f"median {median * 1000:.0f} ms")
        return
    # On the server, as people sign in: each with their own login, so the server's
    # row-level security applies on top of the app's own rule.
    from iep_studio.core.services.sign_in import open_own_login
    from iep_studio.core.store.server_logins import without_user

    address = without_user(store.engine.url.render_as_string(hide_password=False))
    for username, who in (("chen", "an administrator"), ("wang", "a resource teacher"),
                          ("zhao", "a coordinator")):
        own = open_own_login(address.render_as_string(hide_password=False), username,
                             f"bench-secret-{username}")
        reader = Services(own, today=TODAY)
        try:
            median, mine = timed(reader.overview.view, runs)
            listed, children = timed(lambda: reader.overview.children(largest.key), runs)
            print(f"signed in with their own login as {who} ({mine.total.count} children "
                  f"seen): whole view median {median * 1000:.0f} ms; the largest list "
                  f"({largest.key.split('/')[0]}, {len(children)} children) median "
                  f"{listed * 1000:.0f} ms")
        finally:
            own.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=80)
    parser.add_argument("--students", type=int, default=6000)
    parser.add_argument("--observations", type=int, default=20,
                        help="observations a child on average, over twelve weeks")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=30,
                        help="lists timed of each kind of figure")
    parser.add_argument("--url", default=os.environ.get("IEP_STUDIO_TEST_PG_URL", ""),
                        help="a PostgreSQL server whose role may create databases")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a few seconds: checks that the benchmark still runs")
    args = parser.parse_args()
    if args.quick:
        args.schools, args.students = min(args.schools, 4), min(args.students, 200)
        args.observations, args.runs, args.sample = 5, 1, 5

    from iep_studio.core.store import open_store

    rng = random.Random(19)
    server = database = None
    if args.url:
        from sqlalchemy import create_engine, text

        server = create_engine(args.url, isolation_level="AUTOCOMMIT")
        database = f"iep_bench_{uuid.uuid4().hex[:12]}"
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}" ENCODING \'UTF8\' '
                                    "TEMPLATE template0"))
        url = server.url.set(database=database).render_as_string(hide_password=False)
        where = "PostgreSQL"
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='iep-bench-')) / 'district.sqlite'}"
        where = "SQLite"
    try:
        store = open_store(url)
        start = time.perf_counter()
        teacher_id, made = make_district(store, args.schools, args.students,
                                         args.observations, rng)
        print(f"{where}: made {args.schools} schools, "
              + ", ".join(f"{n} {table}" for table, n in made.items())
              + f" in {time.perf_counter() - start:.1f} s")
        if not store.is_sqlite:
            with store.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")  # as autovacuum would, soon after
        measure(store, teacher_id, args.runs, args.sample, rng)
        store.dispose()
    finally:
        if server is not None:
            from sqlalchemy import text

            with server.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
                connection.execute(text(f'DROP ROLE IF EXISTS "iep_members_{database}"'))
            server.dispose()


if __name__ == "__main__":
    main()
