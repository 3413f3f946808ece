"""The progress report (a chart per objective, from the sessions in the period) and the
headless export: one file per student and format, clear names, refusals that say why."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest

from iep_studio.cli import main
from iep_studio.core.errors import IepStudioError
from iep_studio.reports import document as d
from iep_studio.reports.export import export_documents, file_name, write
from iep_studio.reports.progress_document import progress_document


@pytest.fixture
def recorded(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    objective = complete_plan.goals[0].objectives[0]
    for i, trials in enumerate(("IIVVNIIVNN", "IIIIIIIIVN", "IIIIIIIIVN", "IIIIIIIIIV")):
        services.observations.log(team.student.id, objective.id, trials,
                                  observed_on=date(2026, 11, 10) + timedelta(days=i))
    services.behaviour.add(team.student.id, {"occurred_on": "2026-11-12", "behaviour": "离座",
                                             "function": "escape"})
    return objective


def test_the_progress_report_charts_each_objective_in_the_period(services, team, recorded):
    doc = progress_document(services, team.student.id, "zh_CN", date(2026, 11, 1),
                            date(2026, 11, 30))
    charts = [b for b in doc.blocks if isinstance(b, d.Chart)]
    assert len(charts) == 1 and charts[0].image.startswith(b"\xff\xd8")  # a JPEG
    assert charts[0].caption == "已达标 2026-11-13（连续3次课独立完成≥80%）"
    summary = next(b for b in doc.blocks if isinstance(b, d.Table))
    assert [row[3:] for row in summary.rows] == [
        ["4", "已达标 2026-11-13（连续3次课独立完成≥80%）"], ["0", "暂无数据"]]
    assert "本期共 1 条 ABC 记录。可能的功能：逃避 1" in doc.text()
    earlier = progress_document(services, team.student.id, "en", date(2026, 10, 1),
                                date(2026, 10, 31))
    assert not any(isinstance(b, d.Chart) for b in earlier.blocks)
    assert "Nothing recorded in this period." in earlier.text()


def test_export_writes_one_file_per_student_and_format_with_clear_names(
        services, team, recorded, tmp_path):
    other = services.students.create(services.schools.list_schools()[0].id, "李华")
    result = export_documents(services, [team.student.id, other.id], "iep", ["pdf", "docx"],
                              "zh_CN", tmp_path / "out")
    assert sorted(p.name for p in result.written) == [
        "张小明_0001_个别化教育计划_zh_CN.docx", "张小明_0001_个别化教育计划_zh_CN.pdf"]
    assert result.skipped == [("李华", "还没有计划")]
    assert not list((tmp_path / "out").glob(".*part"))  # no half-written files left


def test_a_name_with_characters_windows_refuses_still_makes_a_file_name(services, team):
    student = services.students.update(team.student.id, {"full_name": "张/小:明?"})
    assert file_name(student, "parent", "en", "pdf") == "张-小-明-_0001_Plan-for-the-family_en.pdf"


def test_a_folder_that_cannot_be_written_is_said_plainly(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(IepStudioError) as refused:
        write(d.Document("测试", "zh_CN"), blocked / "doc.pdf")
    assert refused.value.message == (
        "Could not write {path}: {reason}. Check that the folder exists, that you may write to "
        "it and that the disk is not full.")
    assert refused.value.params["path"] == str(blocked / "doc.pdf")
    assert str(refused.value).startswith(f"Could not write {blocked / 'doc.pdf'}: ")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed; "
                    ".ci/run installs it")
def test_the_export_command_writes_a_caseloads_parent_versions(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["--data-dir", str(data), "export", "--caseload", "王丽", "--kind", "parent",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr()
    written = [line for line in printed.out.splitlines() if line]
    assert [p.split("/")[-1] for p in written] == ["陈宇轩_2024010205_家长版计划_zh_CN.pdf"]
    text = subprocess.run(["pdftotext", written[0], "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "陈宇轩的学习计划（家长版）" in text and "在家里您可以这样做" in text
    assert "skipped" in printed.err  # the caseload's students without a plan are named
    assert main(["--data-dir", str(data), "export", "--out", str(out)]) == 2
    assert "Choose the students: --student, --caseload, --school or --all." in \
        capsys.readouterr().err


def test_a_report_made_in_the_winter_break_covers_the_plans_own_period(
        services, team, recorded):
    services.clock.day = date(2027, 2, 5)
    doc = progress_document(services, team.student.id, "zh_CN")
    assert doc.subtitle == "张小明　2026-09-01 — 2027-01-31"
    assert any(isinstance(b, d.Chart) for b in doc.blocks)
