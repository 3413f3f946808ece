"""Accounts, who sees whom, the audit log and a received student file, on a real server:
two people at two computers, each signed in."""
from __future__ import annotations

import pytest

from iep_studio.core.access import PermissionDenied
from iep_studio.core.errors import InvalidInput
from iep_studio.core.services.search import load_summaries


def test_passwords_are_required_and_each_person_sees_their_team_only(
        services, second_services, team, school):
    assert services.accounts.password_required  # a shared server
    with pytest.raises(InvalidInput, match="A password is required on a shared server."):
        services.accounts.create_first("wangli", "王丽")
    services.accounts.create_first("wangli", "王丽", "secret-1", person_id=team.teacher)
    services.accounts.create("liu", "刘老师", "team_member", "secret-2",
                             person_id=team.head_teacher)
    other = services.students.create(school.id, "李四", student_number="0002")

    # Two computers: the head teacher signs in on the second.
    second_services.store.actor = second_services.accounts.sign_in("liu", "secret-2")
    assert [s.full_name for s in load_summaries(second_services.store)] == ["张小明"]
    with pytest.raises(PermissionDenied):
        second_services.students.get(other.id)
    second_services.behaviour.add(team.student.id, {"occurred_on": "2026-11-20",
                                                    "behaviour": "离座"})
    with pytest.raises(PermissionDenied):
        second_services.students.update(team.student.id, {"needs": "改动"})

    # The resource teacher, an administrator, sees everything, and the log says who did
    # what from the other computer.
    services.store.actor = services.accounts.sign_in("wangli", "secret-1")
    assert len(load_summaries(services.store)) == 2
    logged = [(c.actor, c.kind, c.action) for c in services.history.for_student(team.student.id)]
    assert ("刘老师", "behaviour_record", "added") in logged
    assert not any(c.after == "改动" for c in services.history.for_student(team.student.id))


def test_a_student_file_moved_between_schools_of_one_district_server(services, team):
    """A district's server holds several schools: a child moving between two of them is
    received as a separate copy in the new school, logged under who received it."""
    from iep_studio.core.transfer.export import export_student
    from iep_studio.core.transfer.import_ import AlreadyHere, import_package

    services.accounts.create_first("wangli", "王丽", "secret-1", person_id=team.teacher)
    services.store.actor = services.accounts.sign_in("wangli", "secret-1")
    package = export_student(services.store, team.student.id, password="秘密口令123")
    target = services.schools.create_school("城北小学")
    with pytest.raises(AlreadyHere, match="already in this database"):
        import_package(services.store, package, target.id, password="秘密口令123")
    result = import_package(services.store, package, target.id, password="秘密口令123",
                            as_copy=True)
    copy = services.students.get(result.student_id)
    assert (copy.full_name, copy.school_id) == ("张小明", target.id)
    assert [g.name for g in copy.guardians] == ["李梅"]
    assert {c.actor for c in services.history.for_student(copy.id)} == {"王丽"}


def test_the_command_line_signs_in_on_a_shared_server(services, team, pg_url, client_url,
                                                      monkeypatch, capsys, tmp_path):
    from iep_studio.cli import main

    services.accounts.create_first("wangli", "王丽", "secret-1", person_id=team.teacher)
    monkeypatch.setenv("IEP_STUDIO_DB_URL", client_url)
    assert main(["--data-dir", str(tmp_path), "students"]) == 2
    assert "On a shared server, say who you are: set IEP_STUDIO_USER" in capsys.readouterr().err
    monkeypatch.setenv("IEP_STUDIO_USER", "wangli")
    monkeypatch.setenv("IEP_STUDIO_PASSWORD", "wrong-one")
    assert main(["--data-dir", str(tmp_path), "students"]) == 2
    assert "The name or the password is not right" in capsys.readouterr().err
    monkeypatch.setenv("IEP_STUDIO_PASSWORD", "secret-1")
    assert main(["--data-dir", str(tmp_path), "students"]) == 0
    assert "张小明" in capsys.readouterr().out
    # The owner's address is for the administrator's commands only.
    monkeypatch.setenv("IEP_STUDIO_DB_URL", pg_url)
    assert main(["--data-dir", str(tmp_path), "students"]) == 2
    assert ("IEP_STUDIO_DB_URL signs in as the database's owner, which only the "
            "administrator's commands use") in capsys.readouterr().err


def test_an_administrator_sets_a_server_up_from_the_command_line(
        pg_url, client_url, monkeypatch, capsys, tmp_path):
    """From an empty database to a teacher's computer signed in as its own login."""
    from iep_studio.cli import main

    data = ["--data-dir", str(tmp_path)]
    monkeypatch.setenv("IEP_STUDIO_DB_URL", client_url)
    assert main([*data, "server", "setup"]) == 2
    assert "needs IEP_STUDIO_DB_URL to be the PostgreSQL address of the database's owner" in (
        capsys.readouterr().err)
    monkeypatch.setenv("IEP_STUDIO_DB_URL", pg_url)
    assert main([*data, "server", "setup"]) == 0
    out = capsys.readouterr().out
    assert f"IEP_STUDIO_DB_URL={client_url}" in out and "server first-admin NAME" in out
    monkeypatch.setenv("IEP_STUDIO_PASSWORD", "secret-admin")
    assert main([*data, "server", "first-admin", "wangli", "--name", "王丽"]) == 0
    assert "王丽 (wangli) is the first administrator" in capsys.readouterr().out
    assert main([*data, "server", "first-admin", "other"]) == 2
    assert "The first account already exists" in capsys.readouterr().err
    assert main([*data, "upgrade"]) == 0
    monkeypatch.setenv("IEP_STUDIO_DB_URL", client_url)
    monkeypatch.setenv("IEP_STUDIO_USER", "wangli")
    assert main([*data, "students"]) == 0
    assert "0 student(s)" in capsys.readouterr().err
    assert main([*data, "upgrade"]) == 0  # nothing to do: the server is up to date
    assert "The database is up to date." in capsys.readouterr().out


def test_a_server_upgraded_from_an_older_version_gives_each_account_its_login(
        pg_url, client_url, monkeypatch, capsys, tmp_path):
    """Before, the app checked passwords itself with hashes in the table; now the server
    does. The upgrade drops the hashes, and the administrator gives each account its
    password on the server; until then nobody signs in with the old one."""
    from sqlalchemy import text

    from iep_studio.cli import main
    from iep_studio.core.access.passwords import hash_password
    from iep_studio.core.store.database import Store, make_engine
    from iep_studio.core.store.migrations import _run_upgrade

    old = Store(make_engine(pg_url))
    _run_upgrade(old, "0006")
    with old.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO account (id, username, display_name, role, password_hash, active, "
            "failed_sign_ins, created_at, updated_at, version) VALUES ('a1', 'WangLi', "
            "'王丽', 'administrator', :hash, true, 0, now(), now(), 1)"),
            {"hash": hash_password("old-secret")})
    old.dispose()
    data = ["--data-dir", str(tmp_path)]
    monkeypatch.setenv("IEP_STUDIO_DB_URL", pg_url)
    assert main([*data, "upgrade"]) == 0
    monkeypatch.setenv("IEP_STUDIO_DB_URL", client_url)
    monkeypatch.setenv("IEP_STUDIO_USER", "wangli")
    monkeypatch.setenv("IEP_STUDIO_PASSWORD", "old-secret")
    assert main([*data, "students"]) == 2
    capsys.readouterr()
    monkeypatch.setenv("IEP_STUDIO_DB_URL", pg_url)
    monkeypatch.setenv("IEP_STUDIO_PASSWORD", "new-secret")
    assert main([*data, "server", "set-password", "nobody"]) == 2
    assert "There is no account named nobody." in capsys.readouterr().err
    assert main([*data, "server", "set-password", "wangli"]) == 0
    assert "WangLi signs in to the server as" in capsys.readouterr().out
    monkeypatch.setenv("IEP_STUDIO_DB_URL", client_url)
    assert main([*data, "students"]) == 0
