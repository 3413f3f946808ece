"""The demo school and the headless commands."""
from __future__ import annotations

import subprocess
import sys

from iep_studio.cli import main
from iep_studio.core.demo import create_demo_school, has_demo
from iep_studio.core.services.search import load_summaries


def test_demo_school_is_marked_and_lively(services):
    assert not has_demo(services)
    school = create_demo_school(services)
    assert school.is_demo and "演示" in school.name
    assert has_demo(services)
    rows = load_summaries(services.store)
    assert len(rows) >= 8
    assert len({c for r in rows for c in r.categories}) >= 6
    assert len({r.placement for r in rows if r.placement}) >= 4
    # Content a teacher would write: every student has a team, guardians and assessments.
    for row in rows:
        student = services.students.get(row.id)
        assert student.guardians and student.team and student.strengths
        assert services.assessments.for_student(row.id)
    # A demo IEP in each stage: last term's reviewed and closed, this term's with the team.
    chen = next(r for r in rows if r.full_name == "陈宇轩")
    last, current = sorted(services.plans.for_student(chen.id), key=lambda p: p.period_start)
    assert (last.status, current.status) == ("closed", "in_review")
    codes = [o.reviews[-1].code for g in services.plans.get(last.id).goals for o in g.objectives]
    assert codes == ["P", "C", "S"]
    carried = [(o.carried_status, o.bank_goal_id) for g in services.plans.get(current.id).goals
               for o in g.objectives]
    assert carried == [("C", "el-sentence-02"), ("S", "emo-reg-02"), ("", "soc-play-01")]


def test_cli_demo_then_search(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "demo"]) == 0
    assert "演示" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "demo"]) == 0  # a second time changes nothing
    assert "already" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "students", "孤独症"]) == 0
    out = capsys.readouterr().out
    assert out.strip() and all("孤独症" in line for line in out.strip().splitlines())


def test_cli_help_lists_the_commands():
    result = subprocess.run([sys.executable, "-m", "iep_studio", "--help"], capture_output=True,
                            text=True, check=True)
    for command in ("demo", "students", "paths", "upgrade", "backup", "--data-dir"):
        assert command in result.stdout


def test_data_dir_moves_everything(tmp_path, capsys):
    target = tmp_path / "elsewhere"
    assert main(["--data-dir", str(target), "backup"]) == 0
    assert (target / "iep-studio.sqlite").exists()
    assert list((target / "backups").glob("iep-studio-*-manual.sqlite"))
    assert (target / "logs" / "iep-studio.log").exists()


def test_database_url_from_the_environment(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{(tmp_path / 'team.sqlite').as_posix()}"
    monkeypatch.setenv("IEP_STUDIO_DB_URL", url)
    assert main(["--data-dir", str(tmp_path / "d"), "upgrade"]) == 0
    assert (tmp_path / "team.sqlite").exists()
    assert not (tmp_path / "d" / "iep-studio.sqlite").exists()


def test_unusable_database_gets_a_plain_message(tmp_path, capsys):
    (tmp_path / "iep-studio.sqlite").write_bytes(b"this is not a database" * 100)
    assert main(["--data-dir", str(tmp_path), "students"]) == 2
    err = capsys.readouterr().err
    assert "is not an IEP Studio database" in err and "Traceback" not in err


def test_an_interrupted_demo_is_finished_not_duplicated(services, monkeypatch):
    import iep_studio.core.demo as demo

    calls = {"n": 0}
    original = demo._create_student

    def fail_on_fourth(*args):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full")  # as if the machine stopped halfway
        original(*args)

    monkeypatch.setattr(demo, "_create_student", fail_on_fourth)
    try:
        create_demo_school(services)
    except OSError:
        pass
    assert not has_demo(services)
    monkeypatch.setattr(demo, "_create_student", original)
    school = create_demo_school(services)
    rows = load_summaries(services.store)
    assert has_demo(services)
    assert len(rows) == len(demo._demo_data()["students"])
    assert {r.school_id for r in rows} == {school.id}
    assert len(services.schools.list_schools()) == 1
    assert len(services.schools.list_people()) == len(demo._demo_data()["people"])
