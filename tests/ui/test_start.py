"""Start-up as a teacher meets it: the window paints first, then the data arrives; a
damaged database gets a plain message, never a traceback."""
from __future__ import annotations

import sqlite3

from iep_studio.core.paths import DataPaths
from iep_studio.ui import app as app_module
from iep_studio.ui.main_window import MainWindow
from iep_studio.ui.qt import QApplication, QDialog, QMessageBox, QTimer
from iep_studio.ui.admin.sign_in import FirstAccountDialog


def test_window_paints_then_opens_the_data(qapp, tmp_path, monkeypatch):
    paths = DataPaths.resolve(tmp_path / "data")
    seen = {}
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)  # take the demo
    # The first account: the name offered, no password (a personal machine), OK.
    monkeypatch.setattr(FirstAccountDialog, "exec", lambda self: (
        self.display_name.setText("王丽"), QDialog.DialogCode.Accepted)[1])
    original = MainWindow.attach

    def attach(self, *args):
        seen["services_before_attach"] = self.services
        seen["painted_before_attach"] = self._painted
        original(self, *args)
        QTimer.singleShot(0, self.close)

    monkeypatch.setattr(MainWindow, "attach", attach)
    assert app_module.run_window(paths) == 0
    assert seen == {"services_before_attach": None, "painted_before_attach": True}
    with sqlite3.connect(paths.database) as db:  # the first-run demo offer was taken
        assert db.execute("SELECT count(*) FROM student").fetchone()[0] >= 8
    assert (paths.root / "iep-studio.sqlite").exists()
    assert (paths.root / "logs" / "iep-studio.log").exists()
    settings = (paths.root / "settings.json").read_text(encoding="utf-8")
    assert '"demo_offered": true' in settings
    with sqlite3.connect(paths.database) as db:  # the teacher's account, an administrator
        assert db.execute("SELECT display_name, role, password_hash FROM account").fetchall() \
            == [("王丽", "administrator", "")]
        person = db.execute("SELECT person_id FROM account").fetchone()[0]
    # The signed-in teacher is "me" at once; on no team yet (the demo's teams are its own
    # people), the home view follows every student rather than an empty caseload.
    assert person and f'"me": "{person}"' in settings


def test_the_list_is_usable_before_the_data_opens(qapp, tmp_path, monkeypatch):
    """On a personal copy whose only account signs in by itself, the list is read from
    the file and shown while the data layer loads beside it: a teacher can search and
    choose at once, and the file chosen meanwhile is the one that opens."""
    from iep_studio.core.demo import create_demo_school
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store

    paths = DataPaths.resolve(tmp_path / "data")
    store = open_store(paths.database_url)
    services = Services(store)
    create_demo_school(services)
    services.accounts.create_first("wangli", "王丽")
    store.dispose()
    paths.settings_file.write_text('{"language": "zh_CN", "demo_offered": true}',
                                   encoding="utf-8")
    seen = {}
    original_start = app_module.DataLayerLoading.start

    def start(loading):
        window = loading.parent()
        panel = window.student_list
        seen["services while listed"] = window.services
        seen["rows"] = panel.model.rowCount()
        panel.search_field.setText("陈宇轩")  # typed before the data is open
        seen["found"] = [panel.model.summary(r).full_name for r in range(panel.model.rowCount())]
        panel.table.setCurrentIndex(panel.model.index(0, 0))  # and chosen
        original_start(loading)

    original_attach = MainWindow.attach

    def attach(window, *args):
        original_attach(window, *args)
        seen["opened"] = window.file_view.student.full_name
        seen["still searched"] = window.student_list.search_field.text()
        seen["rows after"] = window.student_list.model.rowCount()
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(app_module.DataLayerLoading, "start", start)
    monkeypatch.setattr(MainWindow, "attach", attach)
    assert app_module.run_window(paths) == 0
    assert seen == {"services while listed": None, "rows": 13, "found": ["陈宇轩"],
                    "opened": "陈宇轩", "still searched": "陈宇轩", "rows after": 1}


def test_damaged_database_gets_a_plain_message(qapp, tmp_path, monkeypatch):
    paths = DataPaths.resolve(tmp_path / "data")
    paths.root.mkdir(parents=True)
    paths.database.write_bytes(b"not a database at all" * 200)
    paths.settings_file.write_text('{"language": "zh_CN"}', encoding="utf-8")
    messages = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: messages.append((title, text)))
    assert app_module.run_window(paths) == 2
    assert len(messages) == 1
    title, text = messages[0]
    assert title == "IEP Studio 无法打开数据"
    # The file is named, and nothing is done to it: it is not opened as a new school.
    assert text == (
        f"文件 {paths.database} 不是 IEP Studio 的数据库（根本不是 SQLite 数据库），因此 IEP "
        "Studio 没有打开它，也没有做任何改动。请检查数据文件夹（--data-dir）和 IEP_STUDIO_DB_URL；"
        "如果您的记录原本就在这个文件里，请恢复最新的一份备份（先运行 iep-studio backups，再运行 "
        "iep-studio restore）。")
    assert paths.database.read_bytes() == b"not a database at all" * 200
    assert QApplication.activeModalWidget() is None


def test_the_language_is_chosen_in_the_first_dialog(qapp, tmp_path, monkeypatch):
    """A teacher whose computer speaks Chinese picks English in the welcome dialog: the
    dialog comes back in English with what she typed, the window behind is rebuilt in
    English, and the choice is kept for the next start."""
    paths = DataPaths.resolve(tmp_path / "data")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)  # no demo
    seen = []

    def answer(self):
        seen.append((self.windowTitle(), self.display_name.text()))
        if len(seen) == 1:
            self.display_name.setText("Wang Li")
            self.language.setCurrentIndex(self.language.findData("en"))  # closes it
            return FirstAccountDialog.LANGUAGE_CHOSEN
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(FirstAccountDialog, "exec", answer)
    menus = []

    def attach(self, *args):
        menus.extend(action.text() for action in self.menuBar().actions())
        QTimer.singleShot(0, self.close)
    monkeypatch.setattr(MainWindow, "attach", attach)
    try:
        assert app_module.run_window(paths) in (0, 2)
    finally:
        app_module.install_translations(qapp, "zh_CN", paths.compiled_translations)
    assert seen == [("欢迎使用 IEP Studio", ""), ("Welcome to IEP Studio", "Wang Li")]
    assert menus[:2] == ["&File", "&Edit"]
    assert '"language": "en"' in (paths.root / "settings.json").read_text(encoding="utf-8")
