"""Start-up loads only what it needs. Importing SQLAlchemy, pydantic, reportlab, python-docx
or matplotlib each takes a tenth of a second or more, so each command, and the window
before and after its data arrive, is run in a fresh interpreter and the libraries it must
not have loaded are named. How fast it is is for the benchmark (benchmarks/bench_start.py);
this only keeps a stray import at the top of a module from undoing it unseen."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("reportlab", "docx", "matplotlib")
DATABASE = ("sqlalchemy", "alembic")
ICONS = ("qtawesome", "qtpy")


def loaded_after(code: str, *modules: str, tmp_path: Path) -> list[str]:
    """Which of `modules` (top-level packages) a fresh interpreter holds after `code`."""
    check = textwrap.dedent(code) + textwrap.dedent(f"""
        import sys
        print("LOADED", sorted({{m.split(".")[0] for m in sys.modules}} & {set(modules)!r}))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("LOADED ")]
    assert lines, f"the interpreter stopped early:\n{done.stderr[-3000:]}"
    return json.loads(lines[-1].removeprefix("LOADED ").replace("'", '"'))


def command(*args: str) -> str:
    return f"from iep_studio.cli import main\nmain({list(args)!r})\n"


@pytest.fixture
def personal_copy(services, data_paths, complete_plan):
    """A teacher's own copy: one account without a password, and a plan to print."""
    services.accounts.create_first("wangli", "王丽")
    data_paths.settings_file.write_text('{"language": "zh_CN", "demo_offered": true}',
                                        encoding="utf-8")
    services.store.checkpoint()
    return data_paths


def test_paths_loads_neither_the_database_layer_nor_the_documents(tmp_path, data_paths):
    assert loaded_after(command("--data-dir", str(data_paths.root), "paths"),
                        *DATABASE, *DOCUMENTS, "pydantic", "yaml", "PySide6",
                        tmp_path=tmp_path) == []


def test_listing_students_and_backups_loads_no_database_layer(tmp_path, personal_copy):
    from iep_studio.core.store.backup import backup_sqlite

    backup_sqlite(personal_copy.database, personal_copy.backups, "manual")
    root = str(personal_copy.root)
    for listing in ("students", "backups"):
        assert loaded_after(command("--data-dir", root, listing), *DATABASE, *DOCUMENTS,
                            "pydantic", "yaml", "PySide6", tmp_path=tmp_path) == [], listing


def test_a_pdf_export_loads_no_word_library_charts_or_migrations(tmp_path, personal_copy,
                                                                 team):
    out = tmp_path / "out"
    assert loaded_after(command("--data-dir", str(personal_copy.root), "export", "--student",
                                team.student.student_number, "--format", "pdf",
                                "--out", str(out)),
                        "docx", "matplotlib", "alembic", "PySide6", "cryptography",
                        tmp_path=tmp_path) == []
    assert list(out.glob("*.pdf"))


WINDOW = """
    from iep_studio.core.paths import DataPaths
    from iep_studio.ui.main_window import AppContext, MainWindow
    from iep_studio.ui.qt import QApplication
    app = QApplication([])
    window = MainWindow(AppContext(None, DataPaths.resolve({root!r}), None))
    window.show()
    app.processEvents()
"""


def test_the_frame_paints_before_the_window_builds_its_contents(tmp_path, data_paths):
    """At start the frame is painted as soon as a bare Qt window would be: the list, the
    menus and the input widgets are imported only after it (app.run_window)."""
    frame = WINDOW.format(root=str(data_paths.root)).replace(
        "None))", "None), frame_first=True)")
    check = textwrap.dedent(frame) + textwrap.dedent("""
        import sys
        print("LOADED", sorted(m for m in sys.modules if m in {
            "iep_studio.ui.student_list", "iep_studio.ui.actions",
            "iep_studio.ui.widgets.fields", "iep_studio.core.student_index", "qtawesome",
            "qtpy"}))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          env=env, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=120)
    assert "LOADED []" in done.stdout, done.stdout + done.stderr[-3000:]


def test_the_window_paints_before_loading_the_database_layer(tmp_path, data_paths):
    """Nor the icon font: importing qtawesome (through QtPy) takes every Qt class at once;
    the icons come once the data is open."""
    assert loaded_after(WINDOW.format(root=str(data_paths.root)), *DATABASE, "pydantic",
                        *DOCUMENTS, *ICONS, tmp_path=tmp_path) == []


def test_the_opened_window_loads_no_document_library_until_asked(tmp_path, personal_copy):
    """As the app starts: painted, then the data opened and the teacher signed in, the list
    filled, the home view's reminders shown, the start backup made."""
    start = WINDOW.format(root=str(personal_copy.root)) + """
    from iep_studio.ui import app as start_up
    start_up.open_data(app, window)
    while window.start_backup.is_alive() or window.home.list.count() == 0:
        app.processEvents()
    assert window.student_list.visible_count() == 1
    """
    # The icons have come, through QtPy on the app's own binding, never another one.
    assert loaded_after(start, *DOCUMENTS, "alembic", "cryptography", "qtawesome", "PyQt5",
                        "PyQt6", "PySide2", "openpyxl", tmp_path=tmp_path) == ["qtawesome"]
