"""A teacher's own goal list through the window: Course-unit library → Our school's goals →
Import goals from a spreadsheet (choose the file, see every row with its problems, import
the good ones, then a report of the rest); the goals then found in a plan's goal bank,
tagged 本校, and taken into the plan; a goal archived leaves the bank; the blank list."""
from __future__ import annotations

from openpyxl import load_workbook

from iep_studio.ui.library.goal_list_dialog import GoalListImportDialog
from iep_studio.ui.qt import QCoreApplication, QFileDialog, QMessageBox, Qt
from iep_studio.ui.student_file.roster_dialog import MARK
from tests.core.test_own_goals import HEADINGS, QUEUING, WASHING, goal_list

from .conftest import type_text, when_dialog_opens

ROWS = [WASHING,
        ["生活适应", "", "在超市里", "学生能找到购物单上的物品", "5件中找到4件", "80%", "", ""],
        QUEUING]


def own_goals_page(window, qtbot):
    window.actions_by_name["course_library"].trigger()
    library = window.library_window
    qtbot.waitExposed(library)
    library.pages.setCurrentWidget(library.own_goals)
    return library


def test_a_goal_list_imported_then_taken_into_a_plan(window, team, complete_plan, qtbot,
                                                     tmp_path, monkeypatch, plan_window_for):
    services = window.services
    library = own_goals_page(window, qtbot)
    page = library.own_goals
    assert page.empty.isVisible() and not page.table.isVisible()
    path = goal_list(tmp_path / "我的目标.xlsx", rows=ROWS)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = {}

    def report(box):
        seen["report"] = (box.text(), box.detailedText())
        box.accept()

    def preview(dialog):
        assert isinstance(dialog, GoalListImportDialog)
        assert [c.currentData() for c in dialog.columns.combos] == [
            "domain", "subdomain", "condition", "behaviour", "criterion", "mastery",
            "age_band", "home_tip"]
        assert [r.ok for r in dialog.preview.rows] == [True, False, True]
        # The unknown domain is marked on its cell in words, not by colour alone.
        model = dialog.model
        assert model.index(1, 2).data() == MARK + "生活适应"
        assert "生活自理" in model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
        assert model.index(1, 1).data().startswith("领域：")
        assert model.index(0, 1).data() == "可导入"
        assert "2" in dialog.count.text() and dialog.import_button.isEnabled()
        assert "生活适应" in dialog.details.text()  # the first row with problems, in full
        # Reading the behaviour column as left out makes every row need one.
        behaviour = dialog.columns.combos[3]
        behaviour.setCurrentIndex(0)
        assert not dialog.import_button.isEnabled()
        behaviour.setCurrentIndex(behaviour.findData("behaviour"))
        assert dialog.import_button.isEnabled()
        when_dialog_opens(qtbot, report)
        dialog.import_button.click()

    when_dialog_opens(qtbot, preview)
    page.import_button.click()
    qtbot.waitUntil(lambda: "report" in seen)
    text, details = seen["report"]
    assert "2" in text and details.startswith(("第 4 行", "第4行", "Row 4"))
    assert page.table.rowCount() == 2 and page.table.isVisible()
    # The queuing goal gave no age: it suits every age, and says so.
    assert page.table.item(1, 1).text() == QCoreApplication.translate("OwnGoalsPanel",
                                                                      "All ages")
    washing_id = page.table.item(0, 0).data(Qt.ItemDataRole.UserRole)

    # The library's goal bank finds it at once, tagged as the school's own.
    bank = library.goal_bank
    type_text(bank.search_field, "六步洗手")
    assert bank.goal_ids() == [washing_id]
    assert bank.table.item(0, 3).text().startswith("【本校】在教师口头提示下")

    # In a plan, the goal bank (open on the child's age) finds it, and the plan takes it.
    plan_window = plan_window_for(complete_plan.id)
    plan_window.navigator.setCurrentRow(3)
    plan_bank = plan_window.goals.bank
    assert plan_bank.age_band.currentData() == "9-12"
    type_text(plan_bank.search_field, "本校")
    assert len(plan_bank.goal_ids()) == 1  # the washing goal is for 6-9; queuing, any age
    plan_bank.age_band.setCurrentIndex(0)
    plan_bank.search_field.clear()
    type_text(plan_bank.search_field, "六步洗手")
    assert plan_bank.goal_ids() == [washing_id]
    plan_bank.table.selectRow(0)
    plan_window.goals.add_bank.click()
    taken = [o for g in services.plans.get(complete_plan.id).goals for o in g.objectives
             if o.bank_goal_id == washing_id]
    assert len(taken) == 1 and taken[0].mastery_sessions == 3
    assert taken[0].home_tip.startswith("饭前便后")

    # Archived, it leaves the bank; the plan keeps what it took.
    page.table.selectRow(0)
    assert page.archive_button.text().replace("&", "").startswith(("归档", "Archive"))
    page.archive_button.click()
    assert washing_id not in [page.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
                              for r in range(page.table.rowCount())]
    assert bank.goal_ids() == []
    page.show_archived.setChecked(True)
    assert page.table.rowCount() == 2
    assert len([o for g in services.plans.get(complete_plan.id).goals for o in g.objectives
                if o.bank_goal_id == washing_id]) == 1


def test_a_blank_goal_list_to_fill_in(window, qtbot, tmp_path, monkeypatch):
    library = own_goals_page(window, qtbot)
    target = tmp_path / "空白目标表"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = []

    def saved(box):
        said.append(box.text())
        box.accept()

    when_dialog_opens(qtbot, saved, kind=QMessageBox)
    path = library.own_goals.save_template()
    assert path == tmp_path / "空白目标表.xlsx"
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == HEADINGS
    assert sheet["C2"].value == "在教师口头提示下"
    assert str(path) in said[0]
