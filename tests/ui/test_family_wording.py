"""The family's words seen and fitted in the plan window before printing: each objective's
sentence for the family and its home tip, saved as one step that Ctrl+Z takes back, at
any stage until the plan is closed."""
from __future__ import annotations

from iep_studio.reports.parent_document import parent_document
from iep_studio.ui.plan.family_wording_dialog import FamilyWordingDialog
from iep_studio.ui.qt import QDialogButtonBox, QPushButton

from .conftest import type_text, when_dialog_opens

SENTENCE = "小明用三个手指拿笔描直线，10条里有8条拿得对"
TIP = "每天吃饭时让孩子用勺子舀豆子，练练手指力气"


def open_plan(window, team, qtbot, plan_id):
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    plan_window = window.plan_desk.open_plan(plan_id)
    qtbot.waitExposed(plan_window)
    return plan_window


def test_the_family_wording_is_fitted_printed_and_undone(window, team, complete_plan, qtbot,
                                                         monkeypatch):
    services = window.services
    first, second = complete_plan.goals[0].objectives
    bank_tip = second.home_tip
    pw = open_plan(window, team, qtbot, complete_plan.id)
    action = pw.actions_by_name["family_wording"]
    assert action.isEnabled() and action in pw.menuBar().actions()[0].menu().actions()
    previewed = []
    monkeypatch.setattr("iep_studio.ui.documents.export_dialog.show_preview",
                        lambda doc, _parent: previewed.append(doc.text()))

    def fit(dialog):
        assert isinstance(dialog, FamilyWordingDialog)
        sentence = dialog.fields[first.id]["parent_wording"]
        made = sentence.placeholderText()
        assert made.startswith("在提供三角握笔器的情况下，张小明能用三指正确握笔描画直线")
        assert made.count("至少8条") == 1 and sentence.toPlainText() == ""
        dialog.activateWindow()
        sentence.setFocus()  # the sentence made is put there to change a few words
        qtbot.waitUntil(lambda: sentence.toPlainText() == made)
        sentence.selectAll()
        type_text(sentence, SENTENCE)
        tip = dialog.fields[second.id]["home_tip"]
        assert tip.toPlainText() == bank_tip  # the bank's tip, to fit to the child
        tip.selectAll()
        type_text(tip, TIP)
        assert dialog.values() == {"words": {first.id: {"parent_wording": SENTENCE},
                                             second.id: {"home_tip": TIP}}}
        dialog.preview_button.click()  # what is typed, before it is saved
        assert SENTENCE in previewed[0] and TIP in previewed[0]
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, fit)
    action.trigger()
    text = parent_document(services, complete_plan.id, "zh_CN").text()
    assert SENTENCE in text and TIP in text and bank_tip not in text
    assert "在提供三角握笔器的情况下" not in text  # the teacher's sentence, not the one made

    undo = pw.actions_by_name["undo"]
    assert undo.shortcut().toString() == "Ctrl+Z"
    undo.trigger()  # one step takes both back
    plan = services.plans.get(complete_plan.id)
    assert [(o.parent_wording, o.home_tip) for o in plan.goals[0].objectives] == [
        ("", first.home_tip), ("", bank_tip)]
    text = parent_document(services, complete_plan.id, "zh_CN").text()
    assert SENTENCE not in text and TIP not in text and bank_tip in text


def test_a_sentence_looked_at_and_left_as_made_is_not_saved(qapp, services, complete_plan):
    dialog = FamilyWordingDialog(complete_plan, "张小明", services.library.shipped().goals)
    sentence = dialog.fields[complete_plan.goals[0].objectives[0].id]["parent_wording"]
    dialog.show()
    sentence.setFocus()
    qapp.processEvents()
    assert sentence.toPlainText() == sentence.placeholderText()
    dialog.fields[complete_plan.goals[0].objectives[1].id]["home_tip"].setFocus()
    qapp.processEvents()
    assert sentence.toPlainText() == "" and dialog.values() == {"words": {}}
    dialog.reject()


def test_the_family_wording_is_fitted_once_approved_but_not_once_closed(
        window, team, complete_plan, qtbot):
    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    pw = open_plan(window, team, qtbot, complete_plan.id)
    assert pw.actions_by_name["family_wording"].isEnabled()
    services.review.close(complete_plan.id, team.teacher)
    pw.reload()
    assert not pw.actions_by_name["family_wording"].isEnabled()


def test_the_family_wording_is_offered_beside_the_parent_version_when_exporting(
        window, team, complete_plan, qtbot):
    services = window.services
    first = complete_plan.goals[0].objectives[0]
    pw = open_plan(window, team, qtbot, complete_plan.id)
    seen = []

    def export(dialog):
        wording = dialog.findChild(QPushButton, "familyWording")
        dialog.with_parent.setChecked(False)
        assert not wording.isEnabled()  # nothing for the family is written then
        dialog.with_parent.setChecked(True)

        def fit(inner):
            seen.append(inner)
            tip = inner.fields[first.id]["home_tip"]
            tip.set_value(TIP)
            inner.findChild(QDialogButtonBox).button(
                QDialogButtonBox.StandardButton.Ok).click()
        when_dialog_opens(qtbot, fit)
        wording.click()
        dialog.reject()

    when_dialog_opens(qtbot, export)
    pw.actions_by_name["export_plan"].trigger()
    assert isinstance(seen[0], FamilyWordingDialog)
    assert services.plans.get(complete_plan.id).goals[0].objectives[0].home_tip == TIP


def test_a_refused_tip_is_said_under_its_field_and_nothing_is_saved(
        window, team, complete_plan, qtbot):
    services = window.services
    first, second = complete_plan.goals[0].objectives
    pw = open_plan(window, team, qtbot, complete_plan.id)

    def ok(dialog):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    def fit(dialog):
        dialog.fields[first.id]["parent_wording"].set_value(SENTENCE)
        dialog.fields[second.id]["home_tip"].set_value("练" * 2001)
        when_dialog_opens(qtbot, again)  # the same dialog, back with what was typed
        ok(dialog)

    def again(dialog):
        assert dialog.holders[second.id]["home_tip"].has_error()
        assert not dialog.holders[first.id]["parent_wording"].has_error()
        assert dialog.fields[first.id]["parent_wording"].value() == SENTENCE
        assert services.plans.get(complete_plan.id).goals[0].objectives[0].parent_wording == ""
        dialog.fields[second.id]["home_tip"].set_value(TIP)
        ok(dialog)

    when_dialog_opens(qtbot, fit)
    pw.actions_by_name["family_wording"].trigger()
    saved = services.plans.get(complete_plan.id).goals[0].objectives
    assert (saved[0].parent_wording, saved[1].home_tip) == (SENTENCE, TIP)
    assert pw.undo_stack.count() == 1  # the refused attempt left no step behind
