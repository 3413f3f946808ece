"""The window on a shared server: no connection until someone signs in, each person signs
in as their own login, and signing out hands the window to the next person's login."""
from __future__ import annotations

from iep_studio.core.store.server_logins import login_role
from iep_studio.ui.app import open_data, prepare_application
from iep_studio.ui.main_window import AppContext, MainWindow
from iep_studio.ui.qt import QMessageBox
from tests.shared_mode.test_server_privacy import two_children  # noqa: F401  (a fixture)
from tests.ui.conftest import (  # noqa: F401  (a fixture: answers never outlive the test)
    _dialog_answers_end_with_the_test, when_dialog_opens,
)


def sign_in_as(qtbot, username, password, seen=None):
    def answer(dialog):
        if seen is not None:
            seen["names listed"] = dialog.username.count()
        dialog.username.setCurrentText(username)
        dialog.password.setText(password)
        dialog.ok.click()
    when_dialog_opens(qtbot, answer)


def shown_students(window) -> list[str]:
    return sorted(s.full_name for s in window.student_list._all)


def test_each_person_signs_in_to_the_server_as_themselves(
        qapp, qtbot, data_paths, client_url, monkeypatch, two_children):  # noqa: F811
    monkeypatch.setenv("IEP_STUDIO_DB_URL", client_url)
    prepare_application(qapp, data_paths, "zh_CN")
    window = MainWindow(AppContext(None, data_paths, None))
    qtbot.addWidget(window)
    window.show()
    seen = {}
    sign_in_as(qtbot, "liu", "secret-liu", seen)
    first = open_data(qapp, window)
    try:
        assert seen == {"names listed": 0}  # a server's sign-in names are not shown
        database = client_url.rsplit("/", 1)[1]
        assert first.engine.url.username == login_role(database, "liu")
        assert shown_students(window) == ["张小明"]
        assert "刘老师" in window.windowTitle()

        sign_in_as(qtbot, "chen", "secret-admin")
        window.sign_out()
        assert window.services.store.engine.url.username == login_role(database, "chen")
        assert shown_students(window) == ["张小明", "李四"]
        assert first.engine.pool.checkedout() == 0  # liu's login was closed
    finally:
        window.services.store.dispose()
        first.dispose()


def test_the_owners_address_opens_no_window(qapp, qtbot, data_paths, pg_url, monkeypatch):
    monkeypatch.setenv("IEP_STUDIO_DB_URL", pg_url)
    told = {}
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text, *a: told.setdefault("text", text))
    prepare_application(qapp, data_paths, "en")
    window = MainWindow(AppContext(None, data_paths, None))
    qtbot.addWidget(window)
    assert open_data(qapp, window) is None
    assert told["text"] == (
        "IEP_STUDIO_DB_URL signs in as the database's owner, which only the administrator's "
        "commands use (iep-studio server, iep-studio upgrade). For everything else, use the "
        "server's address without a user, such as postgresql+psycopg://server/iep, and sign "
        "in with your own name.")
