"""One form for every record's self-saving fields: what locks them, and what a lock stops."""
from __future__ import annotations

from iep_studio.core.access import Actor
from iep_studio.ui.editing.file_editing import FileEditing
from iep_studio.ui.editing.record_form import RecordForm
from iep_studio.ui.qt import QFormLayout, QUndoStack, QWidget
from iep_studio.ui.widgets.fields import TextArea

from .conftest import type_text


def plan_form(services, qtbot):
    """The plan's own fields as the plan window binds them, on a page of their own."""
    page = QWidget()
    qtbot.addWidget(page)
    editing = FileEditing(services, QUndoStack(page), page)
    plans = services.plans
    form = RecordForm(editing, lambda plan, field, value, checked: plans.update(
        plan.id, {field: value}, expected_version=plan.version if checked else None),
        lambda: form.show(plans.get(form.record.id)))
    form.bind(QFormLayout(page), "strategies", TextArea(), "教学策略：")
    refused = []
    editing.failed.connect(refused.append)
    return form, editing, refused, page


def test_a_read_only_record_takes_no_typing_and_saves_nothing(services, team, qtbot):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31", title="第一学期")
    form, editing, refused, _page = plan_form(services, qtbot)
    form.show(plan, read_only=True)  # a plan in review
    strategies = form.widget("strategies")
    assert strategies.isReadOnly()
    strategies.setReadOnly(False)  # typed all the same
    type_text(strategies, "同桌提醒")
    form.flush()
    assert services.plans.get(plan.id).strategies == ""
    assert editing.undo_stack.count() == 0 and refused == []


def test_a_role_that_does_not_write_the_record_locks_it_and_a_save_says_why(services, team,
                                                                           qtbot):
    plan = services.plans.create(team.student.id, "2026-09-01", "2027-01-31", title="第一学期")
    form, editing, refused, _page = plan_form(services, qtbot)
    services.store.actor = Actor("a", "刘老师", "team_member", team.head_teacher)
    form.show(services.plans.get(plan.id))  # not read-only as a record: the role locks it
    strategies = form.widget("strategies")
    assert strategies.isReadOnly()
    # Should a field still be typed in (the role changed while the record was open), the
    # save goes to the services, which refuse it and say why.
    strategies.setReadOnly(False)
    type_text(strategies, "同桌提醒")
    form.flush()
    assert len(refused) == 1 and editing.undo_stack.count() == 0
    services.store.actor = None
    assert services.plans.get(plan.id).strategies == ""

