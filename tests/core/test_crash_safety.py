"""Crash safety: a process writing records is killed outright (SIGKILL, as a power cut or
a frozen laptop would) many times; afterwards the database passes SQLite's integrity check
and holds every record whose save had been acknowledged."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

WRITER = """
import sys
from datetime import date
from iep_studio.core.services import Services
from iep_studio.core.store import open_store

services = Services(open_store(sys.argv[1]), today=lambda: date(2026, 11, 22))
student_id = sys.argv[2]
print("ready", flush=True)
n = 0
while True:
    record = services.observations.log(student_id, None, "IVGN", note=f"第{n}条")
    print(record.id, flush=True)  # printed only after the commit: acknowledged
    n += 1
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"),
                                reason="SIGKILL exists on Linux and macOS only")


def test_killed_writers_never_lose_an_acknowledged_record(services, team, data_paths,
                                                           tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    services.store.dispose()
    rng = random.Random(11)
    acknowledged: list[str] = []
    for _round in range(10):
        writer = subprocess.Popen([sys.executable, str(script), data_paths.database_url,
                                   team.student.id], stdout=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.05, 0.4)
        while time.monotonic() < deadline:
            line = writer.stdout.readline().strip()
            if line:
                acknowledged.append(line)
        os.kill(writer.pid, signal.SIGKILL)  # mid-write, wherever it is
        writer.wait()
        acknowledged += [line.strip() for line in writer.stdout if line.strip()]
        writer.stdout.close()
    database = services.store.sqlite_path
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in connection.execute("SELECT id FROM observation")}
    assert len(acknowledged) > 50  # the writers really wrote
    missing = [record for record in acknowledged if record not in stored]
    assert missing == []
