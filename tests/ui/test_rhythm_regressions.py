"""Faults a review of the daily-rhythm windows found, each shown and kept fixed: trials
given to the wrong objective, typing lost on closing, undo steps that broke later ones."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.ui.qt import QMessageBox, Qt

from .conftest import press_ok, type_text, when_dialog_opens

MONDAY = date(2026, 11, 16)


@pytest.fixture
def approved(services, team, complete_plan):
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    return [o.id for o in services.plans.get(complete_plan.id).goals[0].objectives]


@pytest.fixture
def entry(window, team, approved, qtbot):
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    window.actions_by_name["record_observations"].trigger()
    entry = window.rhythm_desk.entry
    qtbot.waitExposed(entry)
    return entry


def records(window, student_id):
    return [(o.objective_id, o.trials, o.note) for o in
            reversed(window.services.observations.for_student(student_id))]


def test_ctrl_z_in_the_trials_line_takes_back_the_record_not_copies_it(
        window, team, approved, entry, qtbot):
    entry.trials.setFocus()
    qtbot.keyClicks(entry.trials, "1112")
    qtbot.keyClick(entry.trials, Qt.Key.Key_Return)
    assert records(window, team.student.id) == [(approved[0], "IIIV", "")]
    qtbot.keyClick(entry.trials, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert records(window, team.student.id) == []  # no copy on the next objective
    assert entry.trials.text() == ""
    qtbot.keyClick(entry.trials, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier |
                   Qt.KeyboardModifier.ShiftModifier)
    assert records(window, team.student.id) == [(approved[0], "IIIV", "")]


def test_a_wrong_date_keeps_the_trials_on_their_objective_with_the_message(
        window, team, approved, entry, qtbot):
    entry.day.setText("2026-11-31")
    entry.trials.setFocus()
    qtbot.keyClicks(entry.trials, "111")
    assert entry.holders["observed_on"].has_error()  # said next to the date
    qtbot.keyClick(entry.trials, Qt.Key.Key_Return)
    assert entry.target().objective_id == approved[0]  # not moved on
    assert entry.trials.text() == "III"  # and nothing typed is lost
    entry.day.setText("2026-11-20")
    qtbot.keyClick(entry.trials, Qt.Key.Key_Return)
    assert [(o.objective_id, o.trials, o.observed_on) for o in
            window.services.observations.for_student(team.student.id)] == [
        (approved[0], "III", date(2026, 11, 20))]
    assert entry.target().objective_id == approved[1]


def test_a_note_still_being_typed_is_saved_when_the_entry_closes(
        window, team, approved, entry, qtbot):
    entry.trials.setFocus()
    qtbot.keyClicks(entry.trials, "11")
    type_text(entry.extra["note"], "今天很累")
    qtbot.keyClick(entry.extra["note"], Qt.Key.Key_Escape)
    assert records(window, team.student.id) == [(approved[0], "II", "今天很累")]


def test_keys_taken_back_leave_no_empty_record(window, team, approved, entry, qtbot):
    entry.trials.setFocus()
    qtbot.keyClicks(entry.trials, "11")
    qtbot.keyClick(entry.trials, Qt.Key.Key_Backspace)
    qtbot.keyClick(entry.trials, Qt.Key.Key_Backspace)
    qtbot.keyClick(entry.trials, Qt.Key.Key_Return)
    assert records(window, team.student.id) == [] and entry.saved.rowCount() == 0


@pytest.fixture
def planner(window, team, qtbot):
    window.reload_students()
    window.actions_by_name["planner"].trigger()
    planner = window.rhythm_desk.planner
    qtbot.waitExposed(planner)
    return planner


def test_undo_and_redo_of_a_copied_week_then_of_a_removal_work_in_any_order(
        window, team, planner, qtbot):
    services = window.services
    services.planner.add_session(MONDAY, starts="09:00", title="个训",
                                 student_ids=[team.student.id])
    planner.refresh()

    def copy(dialog):
        dialog.target.set_value(date(2026, 11, 23))
        press_ok(dialog)
    when_dialog_opens(qtbot, copy)
    planner.actions_by_name["copy_week"].trigger()
    copied = services.planner.week(date(2026, 11, 23)).sessions[0].id
    planner.grid.select_session(copied)
    planner.grid.setFocus()
    when_dialog_opens(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(planner.grid, Qt.Key.Key_Delete)
    undo, redo = planner.actions_by_name["undo"], planner.actions_by_name["redo"]
    for action in (undo, undo, redo, redo, undo):
        action.trigger()
    assert [x.id for x in services.planner.week(date(2026, 11, 23)).sessions] == [copied]


def test_records_stay_with_a_session_whose_adding_is_undone_and_redone(
        window, team, approved, planner, qtbot):
    services = window.services
    planner.grid.setCurrentCell(0, 0)

    def session(dialog):
        type_text(dialog.title, "个训")
        type_text(dialog.starts, "09:00")
        dialog.students.item(0).setCheckState(Qt.CheckState.Checked)
        press_ok(dialog)
    when_dialog_opens(qtbot, session)
    planner.actions_by_name["new_session"].trigger()
    made = services.planner.week(MONDAY).sessions[0]
    services.observations.log(team.student.id, approved[0], "II", session_id=made.id,
                              observed_on=MONDAY)
    planner.actions_by_name["undo"].trigger()
    assert services.planner.week(MONDAY).sessions == []
    planner.actions_by_name["redo"].trigger()
    assert [o.trials for o in services.observations.for_session(made.id)] == ["II"]


def test_ctrl_r_on_an_empty_cell_records_for_no_session(window, team, planner, qtbot):
    services = window.services
    services.planner.add_session("2026-11-17", starts="10:00", title="小组",
                                 student_ids=[team.student.id])
    services.planner.add_session("2026-11-18", starts="09:00", title="个训",
                                 student_ids=[team.student.id])
    planner.refresh()
    planner.grid.setCurrentCell(1, 2)  # Wednesday 10:00: empty
    planner.day_list.table.selectRow(0)  # Wednesday's 09:00 session is listed
    planner.grid.setFocus()
    shown = []
    when_dialog_opens(qtbot, lambda box: (shown.append(box.text()), box.accept()))
    planner.actions_by_name["record"].trigger()
    assert window.rhythm_desk.entry is None and "请先在周计划中选一个课时" in shown[0]
