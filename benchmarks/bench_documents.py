"""Benchmark: a 10-page IEP with 6 progress charts written as .docx and as .pdf, beside
LibreOffice converting the same .docx to PDF; and a 30-student caseload batch. Not a
test: run it by hand and read the numbers.

    python benchmarks/bench_documents.py [--runs 5] [--students 30] [--quick]

Aims (issue 6): under 0.5 s per format and at least 10x faster than the conversion; the
30-student batch (IEP as PDF and Word for each) under 15 s.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 22)
LONG = ("在课堂小组活动中，经教师一次口头提示后，学生能主动用完整句子向同伴或教师表达自己的需求，"
        "并在等待回应时保持安静，不离开座位")


def make_caseload(services, count: int):
    """`count` students, each with an approved plan of 6 goals x 4 objectives and a term
    of observations."""
    school = services.schools.create_school("基准小学")
    teacher = services.schools.create_person("王丽")
    head = services.schools.create_person("俞校长")
    rng = random.Random(3)
    plans = []
    for n in range(count):
        student = services.students.create(school.id, f"学生{n:02d}", student_number=f"{n:04d}",
                                           birth_date="2016-05-12",
                                           placement="regular_class_resource_room",
                                           placement_start="2025-09-01")
        services.students.add_team_member(student.id, teacher.id, "resource_teacher")
        services.students.add_team_member(student.id, head.id, "administrator")
        services.students.add_guardian(student.id, name=f"家长{n:02d}", relationship_="mother")
        plan = services.plans.create(student.id, "2026-09-01", "2027-01-31", title="本学期",
                                     review_due="2026-12-20", author_id=teacher.id)
        services.plans.update(plan.id, {
            "guardian_participation": "母亲参加会议", "strengths": LONG * 3, "needs": LONG * 3,
            "strategies": LONG * 4, "adjustments": LONG * 3, "behaviour_support": LONG * 3,
            "transition": LONG * 2, "placement_statement": LONG})
        for domain in ("fine_motor", "social", "cognition", "self_care", "expressive_language",
                       "gross_motor"):
            goal = services.plans.add_goal(plan.id, domain, LONG[:30])
            for i in range(4):
                services.plans.add_objective(goal.id, {
                    "condition": LONG[:24], "behaviour": LONG[24:], "criterion": "连续3次80%",
                    "responsible": "王丽", "measurement": "观察记录"})
        services.review.submit(plan.id, teacher.id)
        services.review.approve(plan.id, head.id)
        objectives = [o.id for g in services.plans.get(plan.id).goals for o in g.objectives]
        for week in range(10):
            for objective in objectives[:6]:
                services.observations.log(
                    student.id, objective, "".join(rng.choices("IIIVGMN", k=10)),
                    observed_on=TODAY - timedelta(days=7 * week + 1))
        plans.append(plan.id)
    return plans


def ten_page_iep(services, plan_id: str):
    """The full IEP with the progress chart of its first 6 objectives appended."""
    from iep_studio.reports import document as d
    from iep_studio.reports.charts import progress_chart
    from iep_studio.reports.iep_document import iep_document

    plan = services.plans.get(plan_id)
    doc = iep_document(services, plan_id, "zh_CN")
    progress = services.progress.for_student(plan.student_id)
    doc.add(d.PageBreak(), d.Heading("进展图"))
    for item in progress.objectives[:6]:
        doc.add(d.Chart(progress_chart(item, "zh_CN"), 16, 6.5, item.behaviour[:20]))
    return doc


def report(name: str, times: list[float], aim: float | None = None) -> float:
    median = statistics.median(times)
    verdict = "" if aim is None else (" (within" if median < aim else " (OVER") + \
        f" the {aim:g} s aim)"
    print(f"{name}: median {median:.2f} s, best {min(times):.2f} s{verdict}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, a few seconds, no LibreOffice comparison: "
                             "checks that the benchmark still runs")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.students = 1, min(args.students, 2)
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store
    from iep_studio.reports.export import export_documents
    from iep_studio.reports.pdf import render_pdf
    from iep_studio.reports.word import render_docx

    work = Path(tempfile.mkdtemp())
    store = open_store(DataPaths.resolve(work / "data").database_url)
    services = Services(store, today=lambda: TODAY)
    print(f"making {args.students} students with plans and observations…", file=sys.stderr)
    plans = make_caseload(services, args.students)
    started = time.perf_counter()
    doc = ten_page_iep(services, plans[0])
    print(f"building the document model with 6 charts: {time.perf_counter() - started:.2f} s"
          " (the first chart pays matplotlib's import)")
    pdf_times, docx_times = [], []
    for run in range(args.runs):
        started = time.perf_counter()
        render_pdf(doc, work / "iep.pdf")
        pdf_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        render_docx(doc, work / "iep.docx")
        docx_times.append(time.perf_counter() - started)
    pages = subprocess.run(["pdfinfo", str(work / "iep.pdf")], capture_output=True,
                           text=True).stdout if shutil.which("pdfinfo") else ""
    print(next((line for line in pages.splitlines() if line.startswith("Pages")), ""))
    pdf = report("PDF", pdf_times, 0.5)
    docx = report("Word", docx_times, 0.5)
    if shutil.which("soffice") and not args.quick:  # LibreOffice's time, not the app's
        conversions = []
        for run in range(max(2, args.runs // 2)):
            started = time.perf_counter()
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                            str(work / "lo"), str(work / "iep.docx")], capture_output=True,
                           check=True, env={"HOME": str(work)})
            conversions.append(time.perf_counter() - started)
        lo = report("LibreOffice converting the same .docx to PDF", conversions)
        print(f"  PDF is {lo / pdf:.0f}x and Word {lo / docx:.0f}x faster than the "
              "conversion (aim 10x)")
    started = time.perf_counter()
    result = export_documents(services, [services.plans.get(p).student_id for p in plans],
                              "iep", ["pdf", "docx"], "zh_CN", work / "batch")
    batch = time.perf_counter() - started
    print(f"{args.students}-student batch, IEP as PDF and Word: {batch:.1f} s for "
          f"{len(result.written)} files ({'within' if batch < 15 else 'OVER'} the 15 s aim)")
    store.dispose()


if __name__ == "__main__":
    main()
