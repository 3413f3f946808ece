"""The command line meets faults: a student whose documents cannot be written, names no
file system takes, bytes that are not text, paths too long, a database it does not know,
a bug, Ctrl+C. Each ends with a plain message and an exit code, never a traceback; and
once a command has ended, the .sqlite file alone holds everything."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from iep_studio import cli
from iep_studio.cli import main
from iep_studio.core.errors import StorageError
from iep_studio.core.store import open_store
from iep_studio.core.store.database import make_engine
from iep_studio.core.store.migrations import HEAD_REVISION
from iep_studio.reports.export import export_documents, export_one, file_name

FIXTURES = sorted((Path(__file__).parents[1] / "migrations" / "fixtures").glob("*.sqlite"))
LONG_NAME = "欧阳" + "张" * 98  # 100 characters, the most a name may have: 300 bytes
# What is left of it beside "_0103_进展报告_zh_CN.pdf" (28 bytes): 73 characters (219 bytes),
# as the temporary ".<name>.part" written first must fit in 255 bytes too.
CUT = LONG_NAME[:73]
TOO_LONG = "a" * 300  # a single folder name over the 255 bytes a file system allows


def student(full_name: str, number: str = "") -> SimpleNamespace:
    return SimpleNamespace(full_name=full_name, student_number=number, id="a1b2c3d4e5")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command as a teacher runs it, in its own process, bytes and all."""
    return subprocess.run([sys.executable, "-m", "iep_studio", *args], capture_output=True,
                          env={**os.environ, **(env or {})})


# Batches ---------------------------------------------------------------------------

def test_a_batch_goes_on_past_a_student_that_fails_and_lists_why(services, school, tmp_path,
                                                                 capsys):
    first = services.students.create(school.id, "李华", student_number="0101")
    services.students.create(school.id, "王芳", student_number="0102")
    services.students.create(school.id, LONG_NAME, student_number="0103")
    out = tmp_path / "out"
    # Something already stands where the first student's report must go.
    (out / file_name(first, "progress", "zh_CN", "pdf")).mkdir(parents=True)
    code = main(["export", "--kind", "progress", "--out", str(out),
                 "--student", "李华", "--student", "王芳", "--student", LONG_NAME])
    printed = capsys.readouterr()
    assert code == 1  # not all done
    written = sorted(p.name for p in out.glob("*.pdf") if p.is_file())
    assert written == [CUT + "_0103_进展报告_zh_CN.pdf", "王芳_0102_进展报告_zh_CN.pdf"]
    assert [line.rsplit("/", 1)[-1] for line in printed.out.splitlines()] == [
        "王芳_0102_进展报告_zh_CN.pdf", CUT + "_0103_进展报告_zh_CN.pdf"]
    assert "1 of 3 students could not be exported:\n  李华 (0101): Could not write " \
        in printed.err
    assert "Traceback" not in printed.err


def test_every_student_of_all_is_exported_even_with_the_longest_names(services, school,
                                                                       tmp_path, capsys):
    # Two names that are the same once cut to fit, and no student numbers.
    for name in (LONG_NAME, LONG_NAME[:-1] + "李", "陈宇轩"):
        services.students.create(school.id, name)
    out = tmp_path / "out"
    assert main(["export", "--all", "--kind", "progress", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and "陈宇轩_进展报告_zh_CN.pdf" in names
    assert all(len(n.encode("utf-8")) <= 255 - len("..part") and n.endswith("_进展报告_zh_CN.pdf")
               for n in names)
    assert "3/3 students" in capsys.readouterr().err


def test_the_window_s_export_fits_long_names_too(services, school, tmp_path):
    ids = [services.students.create(school.id, name).id
           for name in (LONG_NAME, LONG_NAME[:-1] + "李")]
    result = export_documents(services, ids, "progress", ["pdf"], "en", tmp_path)
    assert len({p.name for p in result.written}) == 2
    assert all(p.is_file() for p in result.written)


# File names --------------------------------------------------------------------------

def test_file_names_drop_invisible_and_control_characters():
    # U+202E makes "Li_Plan" look like something else; ESC sequences recolour a terminal.
    name = file_name(student("\u202eLi\u2066Hua\u2069\u200f\x1b[31m\x00\u200b", "01"),
                     "parent", "en", "pdf")
    assert name == "LiHua[31m_01_Plan-for-the-family_en.pdf"


def test_file_names_windows_refuses_are_changed(tmp_path):
    assert file_name(student(" ..a/b\\c:d*e?f\"g<h>i|j\t"), "iep", "en", "pdf") == \
        "a-b-c-d-e-f-g-h-i-j-_IEP_en.pdf"
    written = export_one(_one_page(), "week. . ", ["pdf"], tmp_path)
    assert [p.name for p in written] == ["week.pdf"]
    # A device name, even with an extension, is the device on Windows.
    written = export_one(_one_page(), "con", ["pdf"], tmp_path)
    assert [p.name for p in written] == ["_con.pdf"]
    written = export_one(_one_page(), "LPT1.week. ", ["pdf"], tmp_path)
    assert [p.name for p in written] == ["_LPT1.week.pdf"]


def test_a_long_name_is_cut_on_a_character_keeping_what_the_file_is():
    name = file_name(student(LONG_NAME, "2024010205"), "parent", "zh_CN", "docx")
    assert name.endswith("_2024010205_家长版计划_zh_CN.docx")
    assert len(name.encode("utf-8")) <= 255 - len("..part")
    name.encode("utf-8").decode("utf-8")  # no character cut in half
    assert name.startswith("欧阳张张")


def _one_page():
    from iep_studio.reports import document as d

    return d.Document("周计划", "zh_CN")


# Bytes that are not text, paths too long ---------------------------------------------

def test_undecodable_bytes_in_an_option_are_refused_naming_it(tmp_path, capsys):
    undecodable = os.fsdecode(b"\xff")  # what Python makes of the byte 0xFF in argv
    assert main(["--data-dir", str(tmp_path), "export", "--caseload", undecodable]) == 2
    err = capsys.readouterr().err
    assert "argument --caseload: \"\\xff\" holds bytes that are not text" in err
    assert main(["--data-dir", str(tmp_path / undecodable), "students"]) == 2
    assert "argument --data-dir: " in capsys.readouterr().err


def test_undecodable_bytes_from_a_terminal_get_a_message_not_a_traceback(tmp_path):
    result = run("--data-dir", os.fsencode(tmp_path) + b"/\xff", "students")
    assert result.returncode == 2
    assert b"holds bytes that are not text" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_setting_with_undecodable_bytes_is_named(monkeypatch, capsys):
    monkeypatch.setenv("IEP_STUDIO_DATA_DIR", os.fsdecode(b"/tmp/\xff"))
    assert main(["students"]) == 2
    assert "The setting IEP_STUDIO_DATA_DIR holds bytes that are not text in this computer's " \
        "encoding. Set it again as plain text." in capsys.readouterr().err


def test_an_output_path_too_long_is_said_plainly(services, school, tmp_path):
    services.students.create(school.id, "李华", student_number="0101")
    target = tmp_path / TOO_LONG / "李华.iepstudent"
    result = run("transfer", "export", "--student", "李华", "--out", str(target))
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    assert "cannot be used: File name too long. Check that the name is right and not too " \
        "long, that the folder exists and that you may read and write there." in err
    assert "…" in err  # the path is shortened in the message


# Bugs and Ctrl+C ---------------------------------------------------------------------

def test_a_bug_writes_a_crash_report_and_says_where(monkeypatch, tmp_path, capsys):
    def broken(paths, args):
        raise KeyError("plan_id")

    monkeypatch.setitem(cli.COMMANDS, "paths", broken)
    assert main(["--data-dir", str(tmp_path), "paths"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "IEP Studio met an unexpected problem. Everything saved before it is safe. A " \
        "report was written to " in err
    (report,) = (tmp_path / "crash-reports").glob("crash-*.txt")
    assert str(report) in err
    assert "KeyError: 'plan_id'" in report.read_text(encoding="utf-8")


def test_ctrl_c_stops_with_a_plain_message(monkeypatch, tmp_path, capsys):
    def interrupted(paths, args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "paths", interrupted)
    assert main(["--data-dir", str(tmp_path), "paths"]) == 130
    assert "Stopped (Ctrl+C)." in capsys.readouterr().err


def test_arguments_argparse_refuses_end_with_its_message_and_code_2(capsys):
    assert main(["export", "--kind", "novel"]) == 2
    assert "invalid choice: 'novel'" in capsys.readouterr().err


# The database file alone holds everything once a command has ended ------------------

def copy_of_the_file_alone(database: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copied" / "iep-studio.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(database, copy)  # no -wal or -shm beside it
    return copy


def test_after_an_upgrade_the_file_alone_has_the_new_schema(tmp_path, capsys):
    data = tmp_path / "school"
    data.mkdir()
    shutil.copy(FIXTURES[0], data / "iep-studio.sqlite")
    assert main(["--data-dir", str(data), "upgrade"]) == 0
    with sqlite3.connect(copy_of_the_file_alone(data / "iep-studio.sqlite", tmp_path)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,)


def test_after_the_demo_command_the_file_alone_has_every_observation(tmp_path):
    data = tmp_path / "school"
    assert run("--data-dir", str(data), "demo").returncode == 0
    copy = copy_of_the_file_alone(data / "iep-studio.sqlite", tmp_path)
    with sqlite3.connect(data / "iep-studio.sqlite") as db:
        expected = db.execute("SELECT count(*) FROM observation").fetchone()[0]
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM observation").fetchone()[0] == expected > 0


# Databases this version does not know ------------------------------------------------

def _with_version(tmp_path: Path, *versions: str) -> Path:
    database = tmp_path / "iep-studio.sqlite"
    shutil.copy(FIXTURES[-1], database)
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM alembic_version")
        connection.executemany("INSERT INTO alembic_version VALUES (?)",
                               [(v,) for v in versions])
    return database


def test_an_empty_version_record_is_not_called_newer(tmp_path):
    database = _with_version(tmp_path)
    with pytest.raises(StorageError) as refused:
        open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    assert str(refused.value) == (
        "This database does not say which version of IEP Studio made it (its version record "
        "is empty): its first setup did not finish, or the file is damaged. Nothing was "
        "changed. Restore the latest backup from the backups folder, or choose an empty "
        "folder to start again.")


@pytest.mark.parametrize("version", ["zzzz", "head", "0000"])
def test_a_version_never_released_is_not_called_newer(tmp_path, version):
    database = _with_version(tmp_path, version)
    with pytest.raises(StorageError) as refused:
        open_store(f"sqlite:///{database}", backup_dir=tmp_path / "backups")
    assert str(refused.value) == (
        f"This database records a schema version IEP Studio never used ({version}): it was "
        "not made by IEP Studio, or its version record was changed or damaged. Nothing was "
        "changed. Restore the latest backup from the backups folder, or choose another file.")
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (version,)]


def test_a_first_setup_that_left_only_an_empty_version_table_is_finished(tmp_path):
    database = tmp_path / "iep-studio.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL "
                           "PRIMARY KEY)")
    open_store(f"sqlite:///{database}").dispose()
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,)


# Addresses of other database servers -------------------------------------------------

MYSQL = ("IEP_STUDIO_DB_URL points to a mysql database, which IEP Studio cannot use: a "
         "shared database must be PostgreSQL (or remove IEP_STUDIO_DB_URL to use the SQLite "
         "database in the data folder). Write it as postgresql+psycopg://user@server/database.")


def test_a_mysql_address_is_not_told_to_install_the_postgresql_driver(monkeypatch, capsys):
    with pytest.raises(StorageError) as refused:
        make_engine("mysql+pymysql://teacher:secret@db/iep")
    assert str(refused.value) == MYSQL
    monkeypatch.setenv("IEP_STUDIO_DB_URL", "mysql://teacher:secret@db/iep")
    assert main(["students"]) == 2
    assert capsys.readouterr().err == f"iep-studio: {MYSQL}\n"
