"""Writing and reviewing a plan in the window: from the goal bank in Chinese, through the
completeness check, submission, comments, approval, signatures, an amendment, and the
comparison of two revisions."""
from __future__ import annotations

import pytest

from iep_studio.core.iep.completeness import check_plan
from iep_studio.ui.qt import QMessageBox, Qt

from .conftest import press_ok, type_text, when_dialog_opens


def test_a_plan_written_from_the_goal_bank_checked_fixed_and_submitted(
        window, team, qtbot, plan_window_for):
    services = window.services
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    tab = window.file_view.plans
    assert tab.empty.isVisible() is False or tab.table.rowCount() == 0
    when_dialog_opens(qtbot, press_ok)  # the new-plan dialog's defaults: this term
    tab.new_button.click()
    plan = services.plans.for_student(team.student.id)[0]
    assert plan.title == "2026学年第一学期" and str(plan.period_end) == "2027-01-31"
    pw = window.plan_desk.open_windows[plan.id]
    qtbot.waitExposed(pw)
    assert {p.domain for p in services.plans.get(plan.id).present_levels} == {
        "fine_motor", "social"}

    # Goals page: search the goal bank in Chinese and add with Enter.
    pw.navigator.setCurrentRow(3)
    bank = pw.goals.bank
    assert bank.age_band.currentData() == "9-12"  # the bank opens on the student's age
    bank.age_band.setCurrentIndex(0)  # all ages
    bank.domain.setCurrentIndex(bank.domain.findData("fine_motor"))
    type_text(bank.search_field, "握笔")
    table = bank.table
    assert table.rowCount() >= 2
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    plan = services.plans.get(plan.id)
    assert len(plan.goals) == 1 and len(plan.goals[0].objectives) == 2
    assert plan.goals[0].objectives[0].responsible == "王丽"  # the user, from the team
    assert pw.goals.tree.topLevelItem(0).childCount() == 2

    # Objectives from the bank arrive complete: the goal worded from the bank's long-term
    # goal, who is responsible, how it is measured, dates in the plan period.
    plan = services.plans.get(plan.id)
    goal = plan.goals[0]
    assert goal.statement and all(
        o.measurement and o.responsible and plan.period_start <= o.target_date <= plan.period_end
        for o in goal.objectives)
    assert [g for g in check_plan(plan, services.today()) if g.goal_id] == []

    # The check lists the gaps; going to one puts the cursor where it is fixed.
    pw.goals.select("goal", goal.id)
    pw.goal_form.widget("statement").set_value("")
    pw.goal_form.flush()
    seen = []

    def go_to_goal_statement(dialog):
        seen.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        row = next(i for i, text in enumerate(seen) if "目标 1 还没有" in text
                   or "Goal 1 has no statement" in text)
        dialog.list.setCurrentRow(row)
        dialog.fix.click()
    when_dialog_opens(qtbot, go_to_goal_statement)
    pw.actions_by_name["check"].trigger()
    assert any("✖" in text for text in seen)
    statement = pw.goal_form.widget("statement")
    assert pw.pages.currentWidget() is pw.goals
    qtbot.waitUntil(statement.hasFocus)  # once the check's dialog has given the focus back
    type_text(statement, "提高握笔与书写前技能")
    statement.flush()
    assert services.plans.get(plan.id).goals[0].statement == "提高握笔与书写前技能"

    # With only warnings left, submitting asks first and then goes ahead.
    def submit_anyway(dialog):
        assert dialog.submit is not None
        dialog.submit.click()
    when_dialog_opens(qtbot, submit_anyway)
    pw.actions_by_name["submit"].trigger()
    plan = services.plans.get(plan.id)
    assert plan.status == "in_review"
    assert "审阅中" in pw.banner.text()
    assert statement.isReadOnly() and not pw.goals.new_goal.isEnabled()
    assert not pw.actions_by_name["submit"].isEnabled()
    assert window.file_view.plans.table.item(0, 2).text() == "审阅中"


def test_undo_takes_back_an_objective_added_from_the_bank(window, team, qtbot,
                                                          plan_window_for):
    services = window.services
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    pw = plan_window_for(plan.id)
    pw.navigator.setCurrentRow(3)
    pw.goals.bank.table.selectRow(0)
    pw.goals.add_bank.click()
    assert len(services.plans.get(plan.id).goals) == 1
    pw.actions_by_name["undo"].trigger()
    assert services.plans.get(plan.id).goals == []  # the goal made for it goes too
    pw.actions_by_name["redo"].trigger()
    assert len(services.plans.get(plan.id).goals[0].objectives) == 1
    assert pw.goals.tree.topLevelItem(0).childCount() == 1


def test_objectives_reorder_by_keyboard_and_by_drag(window, team, qtbot, plan_window_for,
                                                    complete_plan):
    services = window.services
    second_goal = services.plans.add_goal(complete_plan.id, "social", "学会轮流")
    pw = plan_window_for(complete_plan.id)
    pw.navigator.setCurrentRow(3)
    first, second = (o.id for o in complete_plan.goals[0].objectives)
    tree = pw.goals.tree
    assert pw.goals.select("objective", first)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [o.id for o in services.plans.get(complete_plan.id).goals[0].objectives] == [
        second, first]
    assert pw.goals.selected() == ("objective", first)  # the moved one stays chosen
    # Drag the objective onto the second goal: it becomes that goal's objective.
    from iep_studio.ui.qt import QDropEvent, QPointF

    pw.goals.select("objective", first)
    target = tree.topLevelItem(1)
    point = tree.visualItemRect(target).center()
    mime = tree.model().mimeData([tree.currentIndex()])
    drop = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(drop)
    plan = services.plans.get(complete_plan.id)
    assert [o.id for o in plan.goals[1].objectives] == [first]
    assert plan.goals[1].id == second_goal.id
    pw.actions_by_name["undo"].trigger()
    assert [o.id for o in services.plans.get(complete_plan.id).goals[0].objectives] == [
        second, first]


def test_comment_approve_sign_amend_and_compare(window, team, qtbot, plan_window_for,
                                                complete_plan, monkeypatch):
    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    pw = plan_window_for(complete_plan.id)

    def comment(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(team.head_teacher))
        dialog.section.set_value("strategies")
        type_text(dialog.text, "上课时请同桌提醒他")
        press_ok(dialog)
    when_dialog_opens(qtbot, comment)
    pw.actions_by_name["comment"].trigger()
    assert pw.review_page.reviews.rowCount() == 1
    assert pw.review_page.reviews.item(0, 1).text() == "刘老师"
    assert pw.review_page.reviews.item(0, 4).text() == "8 教学策略与课程调整"

    # Only those who may approve are offered: the principal, chosen already.
    def approve_as_principal(dialog):
        assert [dialog.person.itemData(i) for i in range(dialog.person.count())] == [
            team.principal]
        type_text(dialog.text, "同意实施")
        press_ok(dialog)
    when_dialog_opens(qtbot, approve_as_principal)
    pw.actions_by_name["approve"].trigger()
    # the family's participation was recorded, so approval went through
    assert services.plans.get(complete_plan.id).status == "approved"
    assert "已批准" in pw.banner.text()

    # The signatures given at the meeting, in one step: everyone is ticked; the mother only
    # signed that day.
    def sign_as_mother(dialog):
        keys = [dialog.signers.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(dialog.signers.count())]
        assert f"guardian:{team.mother.id}" in keys and len(keys) == len(set(keys))
        for i, key in enumerate(keys):
            if key != f"guardian:{team.mother.id}":
                dialog.signers.item(i).setCheckState(Qt.CheckState.Unchecked)
        press_ok(dialog)
    when_dialog_opens(qtbot, sign_as_mother)
    pw.actions_by_name["sign"].trigger()
    assert [(s.name, s.role) for s in services.plans.get(complete_plan.id).signatures] == [
        ("李梅", "parent")]
    assert pw.review_page.signatures.item(0, 0).text() == "李梅"

    # Amend: a new edition opens in its own window; the approved plan stays in effect.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    pw.actions_by_name["amend"].trigger()
    amendment = next(p for p in services.plans.for_student(team.student.id)
                     if p.amends_plan_id == complete_plan.id)
    aw = window.plan_desk.open_windows[amendment.id]
    assert amendment.edition == 2 and "第2版" in aw.banner.text().replace(" ", "")
    aw.navigator.setCurrentRow(3)
    objective_id = services.plans.get(amendment.id).goals[0].objectives[1].id
    assert aw.goals.select("objective", objective_id)
    criterion = aw.objective_form.widget("criterion")
    criterion.set_value("")
    type_text(criterion, "连续3次课5次中3次做到")
    criterion.flush()
    assert services.plans.get(amendment.id).goals[0].objectives[1].criterion == (
        "连续3次课5次中3次做到")

    # Compare the approved revision with the amendment as it is now.
    compared = []

    def read_comparison(dialog):
        dialog.only_changes.setChecked(True)
        compared.extend(dialog.rows)
        compared.append(dialog.view.toPlainText())
        dialog.reject()
    when_dialog_opens(qtbot, read_comparison)
    aw.actions_by_name["compare"].trigger()
    text = compared.pop()
    changed = [r for r in compared if r.kind == "changed"]
    assert any(r.left_label == "短期目标 1.2 标准" and r.right == "连续3次课5次中3次做到"
               for r in changed)
    assert "连续3次课5次中3次做到" in text and "短期目标 1.2 标准" in text


def test_home_view_lists_what_waits_for_me_and_opens_it(window, team, qtbot, complete_plan):
    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    window.context.settings.me = team.principal
    window.show_home()
    home = window.home
    assert "陈校长" in home.title.text()
    texts = [home.list.item(i).text() for i in range(home.list.count())]
    assert texts == ["张小明 · 2026学年第一学期\n    等待您签名"]
    home.list.setCurrentRow(0)
    home.list.setFocus()
    qtbot.keyClick(home.list, Qt.Key.Key_Return)
    assert complete_plan.id in window.plan_desk.open_windows
    assert window.file_view.student.id == team.student.id


def test_overview_fields_save_themselves_and_numbers_show(window, team, qtbot, plan_window_for,
                                                         complete_plan):
    services = window.services
    services.plans.update(complete_plan.id, {"resource_sessions_per_week": 3})
    pw = plan_window_for(complete_plan.id)
    sessions = pw.plan_form.widget("resource_sessions_per_week")
    assert sessions.text() == "3"
    sessions.setText("")
    type_text(sessions, "四")  # not a number: said next to the field, text kept
    sessions.editingFinished.emit()
    holder = pw.plan_form.bindings["resource_sessions_per_week"][1]
    assert holder.has_error() and sessions.text() == "四"
    sessions.setText("4")
    sessions.editingFinished.emit()
    assert services.plans.get(complete_plan.id).resource_sessions_per_week == 4
    assert not holder.has_error()
    strategies = pw.plan_form.widget("strategies")
    type_text(strategies, "视觉提示卡")
    strategies.flush()
    assert services.plans.get(complete_plan.id).strategies == "视觉提示卡"
    pw.actions_by_name["undo"].trigger()
    assert services.plans.get(complete_plan.id).strategies == ""
    assert strategies.toPlainText() == ""


def test_text_being_typed_is_saved_before_a_new_objective_redraws(window, team, qtbot,
                                                                   plan_window_for,
                                                                   complete_plan):
    """Found in review: Alt+O (no focus change) redrew the tree and lost the typing."""
    services = window.services
    pw = plan_window_for(complete_plan.id)
    pw.navigator.setCurrentRow(3)
    objective = complete_plan.goals[0].objectives[0]
    pw.goals.select("objective", objective.id)
    condition = pw.objective_form.widget("condition")
    condition.set_value("")
    type_text(condition, "在美术课上")  # still within the pause: not saved yet
    pw.goals.new_objective.click()
    plan = services.plans.get(complete_plan.id)
    assert plan.goals[0].objectives[0].condition == "在美术课上"
    assert len(plan.goals[0].objectives) == 3


def test_a_draft_opens_read_only_for_a_team_member(window, team, qtbot, plan_window_for):
    from iep_studio.core.access import Actor

    plan = window.services.plans.create(team.student.id, "2026-09-01", "2027-01-31",
                                        title="第一学期")
    window.services.store.actor = Actor("a", "刘老师", "team_member", team.head_teacher)
    pw = plan_window_for(plan.id)
    assert pw.plan_form.widget("strategies").isReadOnly()
    window.services.store.actor = Actor("b", "王丽", "resource_teacher", team.teacher)
    pw.reload()
    assert not pw.plan_form.widget("strategies").isReadOnly()  # the writer's own draft
    pw.close()


def test_a_long_term_goal_from_the_bank_comes_with_its_objectives_and_goes_in_one_undo(
        window, team, qtbot, plan_window_for):
    services = window.services
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31")
    pw = plan_window_for(plan.id)
    pw.navigator.setCurrentRow(3)
    bank = pw.goals.bank
    bank.kind.setCurrentIndex(bank.kind.findData("long_term"))
    assert bank.table.horizontalHeaderItem(3).text() == "长期目标"
    assert bank.table.rowCount() > 0 and "长期目标" in bank.count.text()
    bank.table.selectRow(0)
    chosen = services.library.shipped().long_term_goals[bank.goal_ids()[0]]
    assert bank.table.item(0, 3).text() == chosen.text.zh
    pw.goals.add_bank.click()
    goals = services.plans.get(plan.id).goals
    assert [g.statement for g in goals] == [chosen.text.zh]
    assert [o.bank_goal_id for o in goals[0].objectives] == chosen.objectives
    assert pw.goals.tree.topLevelItem(0).childCount() == len(chosen.objectives)
    pw.actions_by_name["undo"].trigger()
    assert services.plans.get(plan.id).goals == []  # the goal and all its objectives
    pw.actions_by_name["redo"].trigger()
    assert len(services.plans.get(plan.id).goals[0].objectives) == len(chosen.objectives)


def test_the_same_gap_in_many_objectives_is_filled_in_alike(window, team, qtbot,
                                                            plan_window_for, complete_plan):
    services = window.services
    objectives = complete_plan.goals[0].objectives
    for objective in objectives:
        services.plans.update_objective(objective.id, {"responsible": ""})
    pw = plan_window_for(complete_plan.id)
    seen = []

    def fill_all(dialog):
        row = next(i for i, gap in enumerate(dialog.gaps) if gap.field == "responsible")
        dialog.list.setCurrentRow(row)
        assert dialog.fill.isVisible() and "2" in dialog.fill.text()

        def the_check_again(again):
            seen.extend(again.gaps)
            again.reject()
        when_dialog_opens(qtbot, the_check_again)
        dialog.fill.click()
    when_dialog_opens(qtbot, fill_all)
    pw.actions_by_name["check"].trigger()
    plan = services.plans.get(complete_plan.id)
    assert {o.responsible for o in plan.goals[0].objectives} == {"王丽"}
    assert not [g for g in seen if g.field == "responsible"]
    pw.actions_by_name["undo"].trigger()  # one step takes all of them back
    plan = services.plans.get(complete_plan.id)
    assert {o.responsible for o in plan.goals[0].objectives} == {""}


def test_approving_with_nobody_who_may_approve_offers_to_add_that_person(
        window, team, qtbot, plan_window_for, complete_plan, monkeypatch):
    services = window.services
    principal = next(m for m in services.students.get(team.student.id).team
                     if m.person_id == team.principal)
    services.students.remove_team_member(principal.id)
    services.review.submit(complete_plan.id, team.teacher)
    pw = plan_window_for(complete_plan.id)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)

    def add_principal(dialog):
        assert dialog.role.value() == "administrator"  # chosen already
        type_text(dialog.person.lineEdit(), "孙校长")

        def approve(decision):
            assert decision.person.currentText().startswith("孙校长")
            press_ok(decision)
        when_dialog_opens(qtbot, approve)
        press_ok(dialog)
    when_dialog_opens(qtbot, add_principal)
    pw.actions_by_name["approve"].trigger()
    assert services.plans.get(complete_plan.id).status == "approved"
    assert "孙校长" in [m.name for m in services.review.team(team.student.id)]
    # the file behind shows the new member on its team
    names = [window.file_view.team.members.table.item(r, 0).text()
             for r in range(window.file_view.team.members.table.rowCount())]
    assert "孙校长" in names
