"""A bug shows a plain message and saves a report; the teacher never sees a traceback."""
from __future__ import annotations

import sys

from iep_studio.ui.crash import install_crash_handler
from iep_studio.ui.qt import QMessageBox


def test_unexpected_error_saves_a_report_and_says_so(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_crash_handler(tmp_path / "crash-reports")
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    reports = list((tmp_path / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "ZeroDivisionError: a bug" in reports[0].read_text(encoding="utf-8")
    (title, text), = shown
    assert str(reports[0]) in text
    assert "Traceback" not in text and "ZeroDivisionError" not in text
