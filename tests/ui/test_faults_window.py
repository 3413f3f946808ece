"""Faults of the machine, met while typing in a student's file: each gets a plain message
saying what is wrong and what to do, and the teacher's text stays in the field (and in
its draft on disk) until it can be saved."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from iep_studio.core.drafts import Drafts
from iep_studio.ui.qt import QMessageBox

from .conftest import type_text
from .test_student_files_window import select_student


@pytest.fixture
def typing(window_with_students, data_paths, monkeypatch):
    window = window_with_students
    window.services.drafts = Drafts(data_paths.drafts)
    student = select_student(window, "张小明")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    needs, holder = window.file_view.profile.form.bindings["needs"][:2]
    return window, student, needs, holder, said


def _refused_then_saved(window, student, needs, holder, said, expected, clear_fault,
                        draft_kept=True):
    type_text(needs, "需要视觉提示卡")
    needs.flush()
    assert said == [expected]
    assert holder.error.text() == expected  # also under the field
    assert needs.toPlainText() == "需要视觉提示卡"  # the text stays
    # On a full disk not even a draft can be written: the text stays in the field.
    assert [d.text for d in window.services.drafts.all()] == (
        ["需要视觉提示卡"] if draft_kept else [])
    clear_fault()
    needs.flush()  # saving again once the fault is gone
    assert window.services.students.get(student.id).needs == "需要视觉提示卡"
    assert window.services.drafts.all() == [] and not holder.has_error()


def test_a_database_locked_by_another_program(typing, data_paths, monkeypatch):
    window, student, needs, holder, said = typing
    # Another program holds the write lock; waiting for it is cut short for the test.
    window.services.store.dispose()
    event.listen(window.services.store.engine, "connect",
                 lambda connection, _r: connection.execute("PRAGMA busy_timeout=100"))
    other = sqlite3.connect(data_paths.database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        _refused_then_saved(window, student, needs, holder, said,
                            "数据库正被另一个窗口或程序占用。请稍等片刻再试；您输入的内容仍然保留。",
                            lambda: other.execute("ROLLBACK"))
    finally:
        other.close()


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of 4 MB (a RAM disk), to be filled up; skipped where this
    machine does not allow mounting one."""
    import subprocess

    mount = tmp_path / "small-disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"a small file system cannot be mounted here: {made.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk(small_disk, qapp, qtbot, monkeypatch):
    from iep_studio.core.paths import DataPaths
    from iep_studio.core.services import Services
    from iep_studio.core.settings import Settings
    from iep_studio.core.store import open_store
    from iep_studio.ui.main_window import AppContext, MainWindow

    paths = DataPaths.resolve(small_disk / "data")
    store = open_store(paths.database_url)
    services = Services(store, drafts=Drafts(paths.drafts))
    school = services.schools.create_school("城南小学")
    services.students.create(school.id, "张小明")
    window = MainWindow(AppContext(services, paths, Settings(demo_offered=True)))
    qtbot.addWidget(window)
    window.show()
    student = select_student(window, "张小明")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    needs, holder = window.file_view.profile.form.bindings["needs"][:2]
    # Something else fills the disk to the last byte.
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 4096)
        except OSError:  # no space left on the device
            pass
    try:
        _refused_then_saved(window, student, needs, holder, said,
                            "磁盘已满或无法写入。请腾出一些空间后再试；您输入的内容仍然保留。",
                            filler.unlink, draft_kept=False)
    finally:
        store.dispose()


def test_a_read_only_data_folder(typing):
    window, student, needs, holder, said = typing
    engine = window.services.store.engine
    window.services.store.dispose()

    def read_only(connection, _record):
        connection.execute("PRAGMA query_only=ON")

    event.listen(engine, "connect", read_only)

    def writable():
        event.remove(engine, "connect", read_only)
        window.services.store.dispose()

    _refused_then_saved(window, student, needs, holder, said,
                        "数据文件夹是只读的。请选择一个可以写入的文件夹（--data-dir），"
                        "或请管理员帮忙。", writable)


def test_a_malformed_unit_file_is_named_with_its_line_and_the_good_ones_still_come_in(
        window, tmp_path, monkeypatch):
    from iep_studio.core.paths import course_units_dir
    from iep_studio.ui.qt import QFileDialog

    folder = tmp_path / "units"
    folder.mkdir()
    good = sorted((course_units_dir() / "deficit").glob("*.yaml"))[0]
    text = good.read_text(encoding="utf-8").replace(f"id: {good.stem}", "id: my-copy-unit", 1)
    (folder / "good.yaml").write_text(text, encoding="utf-8")
    (folder / "broken.yaml").write_text("id: broken\ntitle: [不完整\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    window.open_library()
    window.library_window.import_folder()
    assert said[0].startswith("已导入 1 个单元。")
    assert "broken.yaml:3: YAML 格式有误" in said[0] and "Traceback" not in said[0]
    window.library_window.close()
