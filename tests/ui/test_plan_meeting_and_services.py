"""The IEP meeting and the services' dates and place in the plan window: a service's start,
end and place typed in its dialog, shown in the table and undone like any field; the
meeting's other attendees and the parents' opinion written with the signatures, and the
meeting written down or corrected later, with undo."""
from __future__ import annotations

from datetime import date

import pytest

from iep_studio.ui.qt import Qt

from .conftest import press_ok, type_text, when_dialog_opens


def test_a_services_dates_and_place_are_typed_shown_and_undone(window, team, qtbot,
                                                               plan_window_for, complete_plan):
    services = window.services
    pw = plan_window_for(complete_plan.id)
    pw.navigator.setCurrentRow(5)
    page = pw.service_page

    def add(dialog):
        type_text(dialog.name, "言语治疗")
        type_text(dialog.place, "区康复中心")
        type_text(dialog.start_date, "2026-09-15")
        type_text(dialog.end_date, "2026-09-01")  # before it starts: said, the dialog stays
        press_ok(dialog)
        when_dialog_opens(qtbot, correct)

    def correct(again):
        assert again.holders["end_date"].has_error()
        assert again.place.text() == "区康复中心"
        again.end_date.setText("")
        type_text(again.end_date, "2027-01-15")
        press_ok(again)
    when_dialog_opens(qtbot, add)
    page.records.add_button.click()
    service = services.plans.get(complete_plan.id).services[0]
    assert (service.place, service.start_date, service.end_date) == (
        "区康复中心", date(2026, 9, 15), date(2027, 1, 15))
    table = page.records.table
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row[4:6] == ["2026-09-15 – 2027-01-15", "区康复中心"]  # the dates, the place

    # Edited in the dialog: the old values come in it; undo brings them back.
    page.records.table.selectRow(0)

    def edit(dialog):
        assert dialog.start_date.text() == "2026-09-15"
        assert dialog.place.text() == "区康复中心"
        dialog.place.setText("")
        type_text(dialog.place, "资源教室")
        dialog.start_date.setText("")
        type_text(dialog.start_date, "2026-10-08")
        press_ok(dialog)
    when_dialog_opens(qtbot, edit)
    page.records.edit_requested.emit(service.id)
    changed = services.plans.get(complete_plan.id).services[0]
    assert (changed.place, changed.start_date) == ("资源教室", date(2026, 10, 8))
    assert [table.item(0, c).text() for c in (4, 5)] == ["2026-10-08 – 2027-01-15", "资源教室"]
    pw.actions_by_name["undo"].trigger()
    back = services.plans.get(complete_plan.id).services[0]
    assert (back.place, back.start_date, back.end_date) == (
        "区康复中心", date(2026, 9, 15), date(2027, 1, 15))


def test_the_sign_dialog_records_who_else_came_and_the_parents_opinion(
        window, team, qtbot, plan_window_for, complete_plan):
    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    pw = plan_window_for(complete_plan.id)

    def sign(dialog):
        dialog.signed_on.setText("")
        type_text(dialog.signed_on, "2026-11-20")
        type_text(dialog.attendees, "巡回指导教师 周老师")
        type_text(dialog.parent_opinion, "同意本计划，希望多练习写名字。")
        press_ok(dialog)
    when_dialog_opens(qtbot, sign)
    pw.actions_by_name["sign"].trigger()
    plan = services.plans.get(complete_plan.id)
    assert len(plan.signatures) == 4  # three on the team and the mother, all ticked
    assert (plan.meeting_on, plan.meeting_attendees, plan.parent_opinion) == (
        date(2026, 11, 20), "巡回指导教师 周老师", "同意本计划，希望多练习写名字。")


def test_signing_again_later_keeps_what_the_meeting_recorded(window, team, qtbot, plan_window_for,
                                                             complete_plan):
    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    services.review.sign_together(complete_plan.id, [team.teacher], [],
                                  signed_on="2026-11-20", attendees="周老师",
                                  parent_opinion="同意")
    pw = plan_window_for(complete_plan.id)
    seen = []

    def sign_the_mother(dialog):
        seen.append((dialog.attendees.text(), dialog.parent_opinion.toPlainText()))
        for i in range(dialog.signers.count()):
            item = dialog.signers.item(i)
            if item.data(Qt.ItemDataRole.UserRole) != f"guardian:{team.mother.id}":
                item.setCheckState(Qt.CheckState.Unchecked)
        press_ok(dialog)
    when_dialog_opens(qtbot, sign_the_mother)
    pw.actions_by_name["sign"].trigger()
    assert seen == [("周老师", "同意")]
    plan = services.plans.get(complete_plan.id)
    assert (plan.meeting_attendees, plan.parent_opinion) == ("周老师", "同意")


def test_the_meeting_is_written_down_later_and_undone(window, team, qtbot, plan_window_for,
                                                      complete_plan):
    services = window.services
    pw = plan_window_for(complete_plan.id)
    assert not pw.actions_by_name["meeting"].isEnabled()  # a draft has had no meeting
    services.review.submit(complete_plan.id, team.teacher)
    pw.reload()
    assert pw.actions_by_name["meeting"].isEnabled()

    def write_down(dialog):
        type_text(dialog.meeting_on, "2099-01-01")  # not yet held: said, the dialog stays
        type_text(dialog.attendees, "班主任 刘老师")
        press_ok(dialog)
        when_dialog_opens(qtbot, correct)

    def correct(again):
        assert again.holders["meeting_on"].has_error()
        assert again.attendees.text() == "班主任 刘老师"
        again.meeting_on.setText("")
        type_text(again.meeting_on, "2026-11-21")
        type_text(again.parent_opinion, "同意")
        press_ok(again)
    when_dialog_opens(qtbot, write_down)
    pw.actions_by_name["meeting"].trigger()
    plan = services.plans.get(complete_plan.id)
    assert (plan.meeting_on, plan.meeting_attendees, plan.parent_opinion) == (
        date(2026, 11, 21), "班主任 刘老师", "同意")
    pw.actions_by_name["undo"].trigger()
    plan = services.plans.get(complete_plan.id)
    assert (plan.meeting_on, plan.meeting_attendees, plan.parent_opinion) == (None, "", "")
    pw.actions_by_name["redo"].trigger()
    assert services.plans.get(complete_plan.id).parent_opinion == "同意"
