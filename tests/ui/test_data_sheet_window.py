"""Paper data sheets from the planner: Ctrl+P writes the chosen day's sheet, Ctrl+Shift+P
the week's, and the preview opens before printing; the sheet's legend is the observation
entry's keys."""
from __future__ import annotations

import re
from datetime import date

from docx import Document as read_docx

from iep_studio.reports.data_sheet import legend
from iep_studio.ui.planner.observation_entry import ObservationEntry, TrialLine
from iep_studio.ui.qt import QApplication, QDialogButtonBox, QKeySequence, QPrintPreviewDialog

from .conftest import when_dialog_opens

WEDNESDAY = date(2026, 11, 18)


def open_planner(window, team, complete_plan, qtbot):
    session = window.services.planner.add_session(
        WEDNESDAY, starts="09:00", ends="09:40", title="握笔练习", room="资源教室",
        student_ids=[team.student.id])
    window.reload_students()
    window.actions_by_name["planner"].trigger()
    planner = window.rhythm_desk.planner
    qtbot.waitExposed(planner)
    planner.grid.select_session(session.id)
    return planner


def write_with(qtbot, folder, done):
    def fill(dialog):
        assert not dialog.kind.isVisible() and not dialog.who.isVisible()
        assert dialog.preview_button.isVisible()
        dialog.pdf.setChecked(True)
        dialog.docx.setChecked(True)
        dialog.folder.setText(str(folder))
        when_dialog_opens(qtbot, lambda box: (done.append(box.text()), box.accept()))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    return fill


def test_the_days_and_the_weeks_sheets_are_written_from_the_planner(
        window, team, complete_plan, qtbot, tmp_path):
    planner = open_planner(window, team, complete_plan, qtbot)
    actions = planner.actions_by_name
    assert actions["day_sheet"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert actions["week_sheet"].shortcut() == QKeySequence("Ctrl+Shift+P")
    assert "Ctrl+P" in actions["day_sheet"].toolTip() and len(actions["day_sheet"].toolTip()) > 40
    done = []
    when_dialog_opens(qtbot, write_with(qtbot, tmp_path, done))
    actions["day_sheet"].trigger()
    qtbot.waitUntil(lambda: bool(done))
    stem = tmp_path / "观察记录表_2026-11-18_zh_CN"
    assert stem.with_suffix(".pdf").exists()
    word = read_docx(str(stem.with_suffix(".docx")))
    assert word.paragraphs[0].text == "观察记录表"
    table = word.tables[-1]
    # the student, and the session the table records (it may begin a page of its own)
    assert table.rows[0].cells[1].text == "张小明的目标\n09:00–09:40　握笔练习　（资源教室）"
    objectives = complete_plan.goals[0].objectives
    assert [r.cells[0].text for r in table.rows[1:]] == ["1", "2"]
    assert all(o.behaviour in r.cells[1].text for o, r in zip(objectives, table.rows[1:]))
    assert "握笔练习" in "".join(p.text for p in word.paragraphs)

    done.clear()
    when_dialog_opens(qtbot, write_with(qtbot, tmp_path, done))
    actions["week_sheet"].trigger()
    qtbot.waitUntil(lambda: bool(done))
    stem = tmp_path / "观察记录表_2026-11-16_2026-11-20_zh_CN"
    assert stem.with_suffix(".pdf").exists()
    header = [c.text for c in read_docx(str(stem.with_suffix(".docx"))).tables[-1].rows[0].cells]
    assert header[2:7] == ["周一\n11/16", "周二\n11/17", "周三\n11/18", "周四\n11/19",
                           "周五\n11/20"]


def test_the_sheet_is_previewed_before_printing(window, team, complete_plan, qtbot):
    planner = open_planner(window, team, complete_plan, qtbot)
    shown = []

    def fill(dialog):
        def close_preview(preview):
            assert isinstance(preview, QPrintPreviewDialog)
            shown.append(preview.windowTitle())
            preview.reject()
            QApplication.processEvents()
            dialog.reject()
        when_dialog_opens(qtbot, close_preview)
        dialog.preview_button.click()
    when_dialog_opens(qtbot, fill)
    planner.actions_by_name["day_sheet"].trigger()
    assert shown == ["观察记录表"]


def test_the_legend_is_what_the_entry_shows_and_types(window, team, complete_plan, qtbot):
    targets = window.services.observations.targets([team.student.id])
    entry = ObservationEntry(window.services, targets, observed_on=WEDNESDAY)
    qtbot.addWidget(entry)
    shown = re.findall(r"<b>(\d)</b> ([^　<]+)", entry.keys.text())
    assert shown == [(key, label) for _code, label, key in legend("zh_CN")]
    line = TrialLine()
    qtbot.addWidget(line)
    for _code, _label, key in legend("zh_CN"):
        qtbot.keyClicks(line, key)
    assert line.text() == "".join(code for code, _label, _key in legend("zh_CN"))
