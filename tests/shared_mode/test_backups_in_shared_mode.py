"""The app's backups copy a SQLite file; on a shared server they do nothing at all (the
server's own tools back it up), and the commands say so instead of touching anything."""
from __future__ import annotations

from sqlalchemy.engine import make_url

from iep_studio.cli import main


def test_backup_and_restore_commands_leave_the_server_alone(pg_url, store, tmp_path,
                                                            monkeypatch, capsys):
    monkeypatch.setenv("IEP_STUDIO_DB_URL", pg_url)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "upgrade"]) == 0
    assert main(["--data-dir", str(data), "backup"]) == 1
    assert "backed up by the server's own tools" in capsys.readouterr().err
    (tmp_path / "old.sqlite").write_bytes(b"")
    assert main(["--data-dir", str(data), "restore", str(tmp_path / "old.sqlite")]) == 1
    assert "restored with the server's own tools" in capsys.readouterr().err
    assert not (data / "backups").exists() or not any((data / "backups").iterdir())
    assert not (data / "iep-studio.sqlite").exists()


def test_paths_shows_the_server_without_its_password(pg_url, store, tmp_path, monkeypatch,
                                                     capsys):
    with_password = make_url(pg_url).set(password="Geheim-7731")
    monkeypatch.setenv("IEP_STUDIO_DB_URL", with_password.render_as_string(hide_password=False))
    assert main(["--data-dir", str(tmp_path / "data"), "paths"]) == 0
    out = capsys.readouterr().out
    assert "Geheim-7731" not in out and "***" in out
