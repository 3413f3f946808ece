"""Scoring IEP Studio's assessment through the real windows, one key per item, and drafting
the plan from it: every action beyond typing is counted from "Score item by item…" to a
draft the completeness check passes with no errors."""
from __future__ import annotations

from iep_studio.core.access import Actor
from iep_studio.core.iep.completeness import blocking, check_plan
from iep_studio.ui.assessment.draft_plan_dialog import DraftPlanDialog
from iep_studio.ui.assessment.scoring_window import ScoringWindow
from iep_studio.ui.qt import QApplication, QDialogButtonBox, Qt

from .conftest import when_dialog_opens
from .test_student_files_window import select_student

LADDERS = ("cba-el-req", "cba-soc-play", "cba-emo-reg", "cba-fm-write")
PATTERN = "2222110000"  # four passed, two with help, then not yet


def scoring_window(window) -> ScoringWindow:
    return window.file_view.assessments.scoring_window


def test_score_forty_items_and_draft_the_plan_in_under_sixty_actions(window_with_students,
                                                                      qtbot):
    window = window_with_students
    services = window.services
    me = services.schools.create_person("王丽", title="资源教师")
    services.store.actor = Actor("acc-wang", "王丽", "administrator", me.id)
    student = select_student(window, "王小红")
    window.file_view.tabs.setCurrentWidget(window.file_view.assessments)
    actions = 0

    window.file_view.assessments.score_button.click()
    actions += 1
    scorer = scoring_window(window)
    qtbot.waitExposed(scorer)
    for ladder_id in LADDERS:
        item = next(i for i in scorer._ladder_items
                    if scorer.ladders[i.data(0, Qt.ItemDataRole.UserRole)][0].subdomain.id
                    == ladder_id)
        scorer.tree.setCurrentItem(item)  # a click on the ladder
        actions += 1
        assert scorer.current().subdomain.id == ladder_id and scorer.row == 0
        for key in PATTERN:
            qtbot.keyClick(scorer.table, key)
            actions += 1
    assert scorer.progress.text().startswith("已评 40 项")
    chosen = {}

    def draft(dialog: DraftPlanDialog):
        chosen["domains"] = [d.draft.domain for d in dialog.domains]
        chosen["objectives"] = sum(box.isChecked() for d in dialog.domains
                                   for _id, box in d.objectives)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(qtbot, draft)
    scorer.draft_button.click()
    actions += 2  # open the step, write into the plan
    assert chosen["domains"] == ["fine_motor", "expressive_language", "social",
                                 "emotion_behaviour"]
    assert chosen["objectives"] >= 8
    plan = next(p for p in services.plans.for_student(student.id) if p.status == "draft")
    plan = services.plans.get(plan.id)
    objectives = [o for g in plan.goals for o in g.objectives]
    assert len(objectives) == chosen["objectives"]
    assert all(o.responsible == "王丽" and o.measurement for o in objectives)
    assert blocking(check_plan(plan, services.today())) == []
    assert actions < 60, actions
    print(f"actions from 'Score item by item…' to a complete draft: {actions}")


def test_keys_save_move_go_back_skip_clear_and_undo(window_with_students, qtbot, tmp_path):
    window = window_with_students
    select_student(window, "张小明")
    window.file_view.assessments.score_button.click()
    scorer = scoring_window(window)
    # It comes up active: Ctrl+Z there is its own, not the main window's.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is scorer)
    services = window.services
    # 张小明 is 10: the window starts on the first item for ages 9-12.
    assert scorer.band == "9-12" and scorer.current().item.age_band == "9-12"
    first = scorer.current()
    qtbot.keyClick(scorer.table, "2")
    assert services.item_scoring.scores(scorer.assessment.id)[first.item.id].value == 2
    second = scorer.current()
    assert second is not first
    qtbot.keyClick(scorer.table, Qt.Key.Key_Return)  # skip
    skipped_to = scorer.current()
    qtbot.keyClick(scorer.table, "n")  # N/A
    qtbot.keyClick(scorer.table, Qt.Key.Key_Backspace)  # back to the N/A item
    assert scorer.current() is skipped_to
    assert scorer.table.item(scorer.row, 3).text() == "N/A"
    qtbot.keyClick(scorer.table, Qt.Key.Key_Delete)  # taken away
    scores = services.item_scoring.scores(scorer.assessment.id)
    assert skipped_to.item.id not in scores and second.item.id not in scores
    qtbot.keyClick(scorer.table, "7")  # not on the scale: said, nothing saved
    assert scorer.status.text() == "7 不在本项目的量表上。"
    qtbot.keyClick(scorer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the delete
    assert services.item_scoring.scores(scorer.assessment.id)[skipped_to.item.id].value is None
    # Items below the current one known already: one step, one undo.
    qtbot.keyClick(scorer, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    ladder = scorer.ladders[scorer.ladder_index]
    below = [p.item.id for p in ladder[:scorer.row]]
    scores = services.item_scoring.scores(scorer.assessment.id)
    assert below and all(scores[i].value == 2 for i in below if i != first.item.id)
    qtbot.keyClick(scorer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    scores = services.item_scoring.scores(scorer.assessment.id)
    assert set(scores) == {first.item.id, skipped_to.item.id}
    # The assessments tab lists it, and reopening it goes on where the sitting stopped.
    scorer.close()
    table = window.file_view.assessments.list
    assert table.table.rowCount() == 1
    window.file_view.assessments.open_scoring(scorer.assessment.id)
    again = scoring_window(window)
    assert again.scores.keys() == scores.keys()
    # The report and a paper form of the domain being scored, each as PDF and Word.
    written = again.print_documents(folder=str(tmp_path))
    assert sorted(p.name for p in written) == sorted([
        "张小明_0301_评估报告_zh_CN.pdf", "张小明_0301_评估报告_zh_CN.docx",
        f"张小明_0301_{again.current_domain_label()}_评分记录表_zh_CN.pdf",
        f"张小明_0301_{again.current_domain_label()}_评分记录表_zh_CN.docx"])
    assert all(p.stat().st_size > 1000 for p in written)
    assert again.status.text().startswith(f"已保存到 {tmp_path}")


def test_the_profile_compares_the_assessments_of_the_instrument(window, qtbot):
    from iep_studio.core.demo import create_demo_school
    from iep_studio.ui.assessment.profile_window import ProfileWindow

    create_demo_school(window.services)
    window.reload_students()
    chen = select_student(window, "陈宇轩")
    tab = window.file_view.assessments
    window.file_view.tabs.setCurrentWidget(tab)
    assert tab.profile_button.isEnabled()
    tab.open_profile()
    profile = next(w for w in tab.children() if isinstance(w, ProfileWindow))
    qtbot.waitExposed(profile)
    assert profile.chart.dates == ["2025-09-12", "2026-09-10"]
    assert [d for d, _ in profile.chart.rows] == [
        "fine_motor", "expressive_language", "social", "emotion_behaviour"]
    # What he does alone now that he did not a year before; nothing lost.
    gained = [profile.gained.item(i).text() for i in range(profile.gained.count())]
    assert len(gained) == 6 and gained[0].startswith("精细动作：不用握笔器")
    assert profile.lost.count() == 0
    # Said for a screen reader too, not only drawn.
    assert "语言表达与沟通: 2025-09-12 3+2, 2026-09-10 5+2" in profile.chart.accessibleDescription()
    profile.close()
    assert chen.full_name == "陈宇轩"
