"""Regenerate the screenshots in docs/screenshots (run from the repository root):

    QT_QPA_PLATFORM=offscreen python docs/take_screenshots.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from iep_studio.core.demo import create_demo_school  # noqa: E402
from iep_studio.core.paths import DataPaths  # noqa: E402
from iep_studio.core.services import Services  # noqa: E402
from iep_studio.core.settings import Settings  # noqa: E402
from iep_studio.core.store import open_store  # noqa: E402
from iep_studio.ui.app import prepare_application  # noqa: E402
from iep_studio.ui.main_window import AppContext, MainWindow  # noqa: E402
from iep_studio.ui.qt import QApplication  # noqa: E402

OUT = Path(__file__).parent / "screenshots"
sys.path.insert(0, str(Path(__file__).parent))
from safety_screenshots import safety_screenshots  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv)
    paths = DataPaths.resolve(tempfile.mkdtemp())
    store = open_store(paths.database_url)
    services = Services(store, today=lambda: date(2026, 11, 22))
    create_demo_school(services)
    for language in ("zh_CN", "en"):
        settings = Settings(language=language, demo_offered=True)
        prepare_application(app, paths, settings.language)
        window = MainWindow(AppContext(services, paths, settings))
        window.resize(1366, 768)  # a modest laptop's screen: everything must fit
        window.show()
        window.student_list.select(window.student_list.model.summary(1).id)
        for name in ("profile", "family", "team", "assessments"):
            window.file_view.tabs.setCurrentWidget(getattr(window.file_view, name))
            for _ in range(3):
                app.processEvents()
            window.grab().save(str(OUT / f"main-window-{name}-{language}.png"))
        first_job_screenshots(app, window, language)
        if language == "zh_CN":
            library_screenshots(app, window)
        plan_screenshots(app, window, language)
        rhythm_screenshots(app, window, language)
        assessment_screenshots(app, window, language)
        if language == "zh_CN":
            export_screenshot(app, window)
        safety_screenshots(app, window, language)
        roster_screenshot(app, window, language)
        own_goals_screenshot(app, window, language)
        overview_screenshots(app, window, language)
        guidance_screenshots(app, window, language)
        intake_screenshots(app, window, language)
        attachments_screenshot(app, window, language)
        window.close()
    store.dispose()


def library_screenshots(app, window) -> None:
    from iep_studio.ui.library.unit_editor import UnitEditor

    window.open_library()
    library = window.library_window
    library.resize(1400, 860)
    library.kind.setCurrentIndex(library.kind.findData("apparatus"))
    library.units.setCurrentRow(0)
    for _ in range(3):
        app.processEvents()
    library.grab().save(str(OUT / "library-browser-zh_CN.png"))
    library.pages.setCurrentWidget(library.goal_bank)
    library.goal_bank.domain.setCurrentIndex(library.goal_bank.domain.findData("self_care"))
    for _ in range(3):
        app.processEvents()
    library.grab().save(str(OUT / "goal-bank-zh_CN.png"))
    library.goal_bank.kind.setCurrentIndex(library.goal_bank.kind.findData("long_term"))
    library.goal_bank.table.selectRow(0)
    settle(app)
    library.grab().save(str(OUT / "goal-bank-long-term-zh_CN.png"))
    library.goal_bank.kind.setCurrentIndex(0)
    window.services.unit_centres.add("apparatus", {
        "name_zh": "感统脚踏平衡车", "name_en": "Pedal balance cart",
        "domains": ["perception.vestibular", "gross_motor"],
        "safety_zh": "在软垫上练习，教师站在学生侧后方保护。",
        "safety_en": "Practise on mats, with the teacher behind and to one side."})
    library.apparatus_panel.refresh()
    library.pages.setCurrentWidget(library.apparatus_panel)
    settle(app)
    library.grab().save(str(OUT / "apparatus-and-situations-zh_CN.png"))
    library.pages.setCurrentIndex(0)
    copy = window.services.library.duplicate(library.current_id())
    editor = UnitEditor(window.services.library, copy, library)
    editor.form.duration.setValue(5)  # a problem, to show how it is reported
    editor.check()
    editor.show()
    for _ in range(3):
        app.processEvents()
    editor.grab().save(str(OUT / "unit-editor-zh_CN.png"))
    editor.views.setCurrentWidget(editor.text)
    editor.text.setPlainText(editor.text.toPlainText().replace("kind: apparatus", "kind: 器材"))
    editor.check()
    for _ in range(3):
        app.processEvents()
    editor.grab().save(str(OUT / "unit-editor-text-zh_CN.png"))
    editor.modified = False  # no "discard changes?" question in a script
    editor.close()
    library.close()


def first_job_screenshots(app, window, language: str) -> None:
    """What a new teacher meets: the welcome dialog with its language, the empty home's
    first steps, the team saying who approves, the meeting's signatures in one list; and
    the main and plan windows in a dark palette and at 150% text."""
    from iep_studio.ui.admin.sign_in import FirstAccountDialog
    from iep_studio.ui.home_view import HomeView
    from iep_studio.ui.plan.review_dialogs import SignDialog
    from iep_studio.ui.qt import QColor, QPalette

    welcome = FirstAccountDialog("王丽", "wangli", False, window, language=language)
    welcome.show()
    settle(app)
    welcome.grab().save(str(OUT / f"first-account-{language}.png"))
    welcome.close()
    home = HomeView()
    home.show_reminders([], "王丽")
    home.show_first_steps(True)
    home.resize(760, 420)
    home.show()
    settle(app)
    home.grab().save(str(OUT / f"home-first-steps-{language}.png"))
    home.close()
    services = window.services
    student = window.file_view.student
    team = services.review.team(student.id)
    sign = SignDialog(team, student.guardians, set(), "", window, today=services.today())
    sign.show()
    settle(app)
    sign.grab().save(str(OUT / f"signatures-{language}.png"))
    sign.close()
    plan = next((p for row in range(window.student_list.model.rowCount())
                 for p in services.plans.for_student(window.student_list.model.summary(row).id)
                 if p.status == "draft"), None)
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"),
                         (QPalette.ColorRole.WindowText, "#f0f0f0"),
                         (QPalette.ColorRole.Base, "#2a2a2a"),
                         (QPalette.ColorRole.AlternateBase, "#303030"),
                         (QPalette.ColorRole.Text, "#f0f0f0"),
                         (QPalette.ColorRole.Button, "#303030"),
                         (QPalette.ColorRole.ButtonText, "#f0f0f0"),
                         (QPalette.ColorRole.Highlight, "#3d6fb6"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#a0a0a0")):
        dark.setColor(role, QColor(colour))
    light, font = app.palette(), app.font()
    for name, change in (("dark", lambda: app.setPalette(dark)),
                         ("text-150", lambda: app.setFont(_scaled(font, 1.5)))):
        change()
        # A window opened in that palette or text size, as it would be after a start.
        fresh = MainWindow(AppContext(services, window.context.paths, window.context.settings))
        fresh.resize(1366, 768)
        fresh.show()
        fresh.student_list.select(student.id)
        settle(app)
        fresh.grab().save(str(OUT / f"main-window-{name}-{language}.png"))
        if plan is not None:
            editor = fresh.plan_desk.open_plan(plan.id)
            editor.resize(1366, 768)
            editor.navigator.setCurrentRow(3)
            settle(app)
            editor.grab().save(str(OUT / f"plan-editor-{name}-{language}.png"))
            editor.close()
        fresh.close()
        app.setPalette(light)
        app.setFont(font)
        settle(app)


def _scaled(font, factor: float):
    from iep_studio.ui.qt import QFont

    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    return bigger


def settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def plan_screenshots(app, window, language: str) -> None:
    """The home view, a draft written from the goal bank, its completeness check, the review
    page of a plan with the team, and two revisions compared."""
    from iep_studio.ui.plan.completeness_dialog import CompletenessDialog
    from iep_studio.ui.plan.revision_compare import RevisionCompareDialog
    from iep_studio.core.iep.completeness import check_plan

    services = window.services
    people = {p.full_name: p.id for p in services.schools.list_people()}
    window.context.settings.me = people["王丽"]
    window.show_home()
    settle(app)
    window.grab().save(str(OUT / f"home-reminders-{language}.png"))
    students = {r.full_name: r.id for r in (window.student_list.model.summary(i)
                                            for i in range(window.student_list.model.rowCount()))}
    lin = students["林可欣"]
    plans = services.plans.for_student(lin)
    if not plans:  # a draft in progress, written from the goal bank, one criterion missing
        plan = services.plans.create(lin, "2026-09-01", "2027-01-31", title="2026学年第一学期",
                                     review_due="2026-12-20", author_id=people["王丽"])
        goal = services.plans.add_goal(plan.id, "articulation", "舌根音和翘舌音发音清晰")
        for bank_id in ("art-oral-02", "art-breath-01"):
            services.plans.add_from_bank(plan.id, bank_id, "zh_CN", goal_id=goal.id,
                                         responsible="王丽")
        services.plans.add_from_bank(plan.id, "el-help-01", "zh_CN", responsible="娄老师")
        second = services.plans.get(plan.id).goals[1].objectives[0]
        services.plans.update_objective(second.id, {"criterion": ""})
        plans = [plan]
    window.student_list.select(lin)
    window.file_view.tabs.setCurrentWidget(window.file_view.plans)
    settle(app)
    editor = window.plan_desk.open_plan(plans[0].id)
    editor.resize(1366, 768)
    editor.navigator.setCurrentRow(3)
    editor.goals.select("objective", editor.plan.goals[0].objectives[0].id)
    settle(app)
    editor.grab().save(str(OUT / f"plan-editor-goals-{language}.png"))
    editor.navigator.setCurrentRow(1)
    settle(app)
    editor.grab().save(str(OUT / f"plan-editor-levels-{language}.png"))
    check = CompletenessDialog(check_plan(editor.plan, services.today()), True, editor)
    check.show()
    settle(app)
    check.grab().save(str(OUT / f"completeness-check-{language}.png"))
    check.close()
    editor.close()

    chen = students["陈宇轩"]
    current = next(p for p in services.plans.for_student(chen) if p.status == "in_review")
    review_window = window.plan_desk.open_plan(current.id)
    review_window.resize(1366, 768)
    review_window.navigator.setCurrentRow(8)
    settle(app)
    review_window.grab().save(str(OUT / f"plan-review-{language}.png"))
    compare = RevisionCompareDialog(services.review, chen, parent=review_window)
    revisions = services.review.revisions(chen)
    approved = next(r for r in revisions if r.event == "approved")
    compare.left.setCurrentIndex(compare.left.findData(approved.id))
    compare.right.setCurrentIndex(compare.right.count() - 1)
    compare.show()
    settle(app)
    compare.grab().save(str(OUT / f"revision-compare-{language}.png"))
    compare.close()
    review_window.close()


def rhythm_screenshots(app, window, language: str) -> None:
    """The week planner, the observation entry on a session, a student's progress chart,
    ABC records, home visits, and the caseload's progress on the home view."""
    from PySide6.QtTest import QTest

    from iep_studio.ui.qt import Qt

    names = {s.full_name: s.id for s in (window.student_list.model.summary(i)
                                         for i in range(window.student_list.model.rowCount()))}
    planner = window.rhythm_desk.open_planner()
    planner.resize(1440, 860)
    planner.grid.setCurrentCell(0, 0)
    settle(app)
    planner.grab().save(str(OUT / f"week-planner-{language}.png"))
    session = planner.grid.current_session_id()
    entry = window.rhythm_desk.record_for_session(session)
    entry.resize(980, 700)
    for key in "1121":
        QTest.keyClick(entry.trials, key)
    QTest.keyClick(entry.trials, Qt.Key.Key_Return)
    for key in "1321103":
        QTest.keyClick(entry.trials, key)
    settle(app)
    entry.grab().save(str(OUT / f"observation-entry-{language}.png"))
    entry.close()  # keeps the record being typed, then both are taken back:
    entry.undo_stack.undo()  # the screenshot's records are not the demo's
    entry.undo_stack.undo()
    planner.close()
    chen = names["陈宇轩"]
    window.student_list.select(chen)
    view = window.file_view
    view.tabs.setCurrentWidget(view.progress)
    view.progress.table.selectRow(0)
    settle(app)
    window.grab().save(str(OUT / f"progress-chart-{language}.png"))
    if language == "zh_CN":
        view.tabs.setCurrentWidget(view.behaviour)
        settle(app)
        window.grab().save(str(OUT / "behaviour-records-zh_CN.png"))
        window.student_list.select(names["杨浩宇"])
        view.tabs.setCurrentWidget(view.home_visits)
        settle(app)
        window.grab().save(str(OUT / "home-visits-zh_CN.png"))
    window.show_home()
    settle(app)
    window.grab().save(str(OUT / f"home-progress-{language}.png"))


def assessment_screenshots(app, window, language: str) -> None:
    """陈宇轩's latest item-scored assessment: the scoring window, and drafting the plan."""
    from iep_studio.ui.assessment.draft_plan_dialog import DraftPlanDialog

    services = window.services
    chen = next(window.student_list.model.summary(r) for r in
                range(window.student_list.model.rowCount())
                if window.student_list.model.summary(r).full_name == "陈宇轩")
    window.student_list.select(chen.id)
    tab = window.file_view.assessments
    window.file_view.tabs.setCurrentWidget(tab)
    assessment, _scores = services.item_scoring.of_instrument(chen.id, "iep-studio-cba")[-1]
    tab.list.table.selectRow(next(r for r in range(tab.list.table.rowCount())
                                  if tab.list.table.item(r, 1).text() == "2026-09-10"))
    settle(app)
    window.grab().save(str(OUT / f"assessment-tab-{language}.png"))
    tab.open_scoring(assessment.id)
    scorer = tab.scoring_window
    ladder = next(i for i, ladder in enumerate(scorer.ladders)
                  if ladder[0].subdomain.id == "cba-el-req")
    scorer.show_ladder(ladder, 5)
    settle(app)
    scorer.grab().save(str(OUT / f"scoring-window-{language}.png"))
    dialog = DraftPlanDialog(services, scorer.operations, assessment,
                             services.students.get(chen.id), scorer.scores, scorer)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"draft-plan-{language}.png"))
    dialog.close()
    scorer.close()
    from iep_studio.ui.assessment.profile_window import ProfileWindow

    profile = ProfileWindow(services, services.students.get(chen.id), "iep-studio-cba", window)
    profile.show()
    settle(app)
    profile.grab().save(str(OUT / f"assessment-profile-{language}.png"))
    profile.close()


def export_screenshot(app, window) -> None:
    from iep_studio.ui.documents.export_dialog import ExportDialog

    window.student_list.select(window.student_list.model.summary(0).id)
    dialog = ExportDialog(window.file_view.student.full_name,
                          window.student_list.model.rowCount(), window.state, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("iep"))  # and the parent version
    dialog.docx.setChecked(True)
    dialog.folder.setText("D:\\资源教室\\个别化教育计划")  # as on a school laptop
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / "export-dialog-zh_CN.png"))
    dialog.close()


def roster_screenshot(app, window, language: str) -> None:
    """The preview of a school's list read from Excel: a title row above the header, good
    rows, and a row of each problem the preview shows (a date that is no date, a category
    the app does not know, a student number already used, a missing name)."""
    from openpyxl import Workbook

    from iep_studio.ui.student_file.roster_dialog import RosterImportDialog

    services = window.services
    taken = window.student_list.model.summary(0)
    book = Workbook()
    sheet = book.active
    sheet.append([f"{taken.school_name}随班就读学生名单（2026学年）"])
    sheet.append(["姓名", "学号", "性别", "出生日期", "年级", "班级", "障碍类别", "程度", "安置形式",
                  "监护人", "联系电话"])
    for row in (
            ["林小雨", "2026101", "女", date(2018, 3, 14), "二年级", "1班", "孤独症", "轻度",
             "随班就读+资源教室", "林芳", "13800001111"],
            ["陈浩然", "2026102", "男", "2017/9/2", "三年级", "2班", "注意缺陷多动障碍", "中度",
             "随班就读", "陈强", "13800002222"],
            ["黄子涵", "2026103", "女", "2017.13.5", "三年级", "4班", "读写困难", None, "随班就读",
             None, None],
            ["吴思远", taken.student_number, "男", "20160611", "四年级", "1班", "智力障碍", "二级",
             "资源教室", "吴敏", "13800003333"],
            [None, "2026105", "男", "2016-12-01", "四年级", "3班", "言语障碍", None, "随班就读",
             None, None],
            ["周一诺", "2026106", "女", "2018-05-20", "二年级", "2班", "自闭症（中度）、言语障碍", None,
             "资源教室", "周丽", "13800004444"]):
        sheet.append(row)
    path = Path(tempfile.mkdtemp()) / "随班就读学生名单.xlsx"
    book.save(path)
    table = services.rosters.read(path)
    dialog = RosterImportDialog(
        table, services.schools.list_schools(), taken.school_id,
        lambda t, mapping, school_id, new_school: services.rosters.preview(
            t, mapping, school_id, language, new_school=new_school),
        lambda name: services.rosters.read(path, name), window)
    dialog.resize(1180, 640)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"import-students-{language}.png"))
    dialog.close()
    dialog.deleteLater()


# A resource teacher's own goal list: good goals, and one whose domain the app does not
# know (生活适应 is a subject's name, not one of the goal bank's domains).
OWN_GOAL_LISTS = {
    "zh_CN": (["领域", "子领域", "条件", "行为", "标准", "掌握标准", "适用年龄", "家庭建议"], [
        ["生活自理", "个人卫生", "在教师口头提示下", "学生能独立洗手（六步洗手法）",
         "连续3次课5次中至少4次正确", "80%，连续3次", "6-9岁",
         "饭前便后请孩子自己洗手，大人在旁边小声数步骤提醒，做对了就夸他。"],
        ["学校常规", "排队", "在做操集合时", "学生能听到口令后站进自己班的队伍",
         "每周观察5次，至少4次独立做到", "4/5，连续2周", "小学低段", ""],
        ["生活适应", "购物", "在超市里、手拿图片购物单时", "学生能找到购物单上的3样物品",
         "3样全部找到，连续2次", "100%，连续2次", "9-12岁", "周末带孩子去超市，让他拿着购物单找东西。"],
        ["社会交往", "轮流", "在小组桌面游戏中", "学生能等同伴走完再轮到自己",
         "每次游戏10次轮换中至少8次能等待", "80%，连续3次", "6-9岁",
         "在家玩飞行棋时，轮到谁就请谁说“该我了”。"]]),
    "en": (["Domain", "Subdomain", "Condition", "Behaviour", "Criterion", "Mastery", "Ages",
            "Home tip"], [
        ["Self-care", "Personal hygiene", "With a spoken reminder from the teacher",
         "the student washes their hands alone (six-step hand washing)",
         "correctly on at least 4 of 5 trials, in 3 consecutive sessions", "80%, 3 in a row",
         "6-9", "Before meals, let your child wash alone while you count the steps."],
        ["School routines", "Queuing", "When the class lines up for exercises",
         "the student joins their own class's line at the signal",
         "on their own on at least 4 of 5 days a week", "4/5, 2 weeks in a row",
         "Lower primary", ""],
        ["Daily living", "Shopping", "In a supermarket, holding a picture shopping list",
         "the student finds the 3 things on the list", "all 3 found, twice in a row",
         "100%, 2 in a row", "9-12", "Take your child shopping with a picture list."],
        ["Social interaction", "Turn-taking", "In a small-group board game",
         "the student waits for a classmate to finish before taking a turn",
         "waits on at least 8 of 10 turns in each game", "80%, 3 in a row", "6-9",
         "Play a board game at home; whoever's turn it is says \u201cmy turn\u201d."]]),
}


def own_goals_screenshot(app, window, language: str) -> None:
    """The preview of a teacher's own goal list read from Excel, with one row the import
    leaves out (a domain the goal bank does not know)."""
    from openpyxl import Workbook

    from iep_studio.ui.library.goal_list_dialog import GoalListImportDialog

    own = window.services.own_goals
    headings, rows = OWN_GOAL_LISTS[language]
    book = Workbook()
    sheet = book.active
    sheet.append(["资源教室自编目标库" if language.startswith("zh") else "Our resource room's goals"])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    path = Path(tempfile.mkdtemp()) / ("本校目标.xlsx" if language.startswith("zh")
                                       else "Our goals.xlsx")
    book.save(path)
    dialog = GoalListImportDialog(own.read(path),
                                  lambda t, mapping: own.preview(t, mapping, language),
                                  lambda name: own.read(path, name), window)
    dialog.resize(1180, 640)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"own-goals-import-{language}.png"))
    dialog.close()
    dialog.deleteLater()


def overview_screenshots(app, window, language: str) -> None:
    """The school and district overview, each page, and the list behind a figure. The
    demo school's facts as a district might record them: a resource room and one resource
    teacher, so the staffing checks have something to say."""
    from iep_studio.ui.overview.children_dialog import ChildrenDialog

    services = window.services
    for school in services.schools.list_schools():
        services.schools.update_school(school.id, {"has_resource_room": True,
                                                   "resource_teachers": 1})
    window.actions_by_name["overview"].trigger()
    overview = window.overview_window
    overview.resize(1280, 760)
    overview.counts.choose("category")
    for index, name in enumerate(("counts", "attention", "checks", "settings")):
        overview.pages.setCurrentIndex(index)
        if name == "checks":  # the first check the demo school does not meet
            checks = overview.checks
            failing = next((row for row, check in enumerate(checks.checks) if check.breaches),
                           0)
            checks.table.setCurrentIndex(checks.model.index(failing, 0))
        settle(app)
        overview.grab().save(str(OUT / f"overview-{name}-{language}.png"))
    figure = overview.attention.model.rows[0]
    dialog = ChildrenDialog(figure.cells[0], figure.key, services.overview.children(figure.key),
                            services.today(), lambda _id: None, overview)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"overview-students-{language}.png"))
    dialog.close()
    dialog.deleteLater()
    overview.pages.setCurrentIndex(0)
    overview.close()
    overview_teacher_settings(app, services, language)


def overview_teacher_settings(app, services, language: str) -> None:
    """The Settings page as a resource teacher sees it: the district's figures and the
    schools' resource rooms and teachers, kept by the administrator, read only."""
    from iep_studio.core.access import Actor
    from iep_studio.ui.overview.settings_page import SettingsPage

    teacher = Services(services.store.acting_as(Actor(None, "王丽", "resource_teacher")),
                       today=services.today)
    page = SettingsPage(teacher)
    page.show_settings(services.overview.view().settings, services.schools.list_schools())
    page.resize(1100, 760)
    page.show()
    settle(app)
    page.grab().save(str(OUT / f"overview-settings-teacher-{language}.png"))
    page.close()
    page.deleteLater()


GUIDANCE_NOTES = {
    "zh_CN": ({"given_on": date(2026, 10, 15), "given_by": "周老师", "occasion": "到校视导",
               "seen": "语文课上能跟读短句，课间多独自在走廊",
               "guidance": "课间安排一名同伴陪伴，从两人游戏开始；资源教室增加轮流练习",
               "follow_up": "两周后电话了解课间情况", "follow_up_by": date(2026, 10, 29)},
              {"given_on": date(2026, 11, 12), "given_by": "周老师", "occasion": "电话指导",
               "seen": "班主任反映课间已能和同桌玩五分钟",
               "guidance": "保持同伴陪伴，把轮流等待写进下学期的短期目标",
               "follow_up": "下次到校时观察一节体育课", "follow_up_by": date(2026, 12, 10)}),
    "en": ({"given_on": date(2026, 10, 15), "given_by": "Ms Zhou", "occasion": "School visit",
            "seen": "Repeats short sentences in Chinese class; alone in the corridor at break",
            "guidance": "A classmate keeps company at break, starting with games for two; "
                        "more turn-taking practice in the resource room",
            "follow_up": "Telephone in two weeks about break times",
            "follow_up_by": date(2026, 10, 29)},
           {"given_on": date(2026, 11, 12), "given_by": "Ms Zhou", "occasion": "Telephone",
            "seen": "The head teacher says he now plays with his deskmate for five minutes",
            "guidance": "Keep the classmate's company; write waiting for one's turn into "
                        "next term's objectives",
            "follow_up": "Watch a PE lesson at the next visit",
            "follow_up_by": date(2026, 12, 10)}),
}


def guidance_screenshots(app, window, language: str) -> None:
    """A child's guidance tab with two notes from the district, and the account of a
    district coordinator with the schools they follow."""
    from iep_studio.ui.admin.accounts_dialog import AccountForm

    services = window.services
    student = window.file_view.student
    for note in services.guidance.for_student(student.id):  # the other language's notes
        services.guidance.remove(note.id)
    for values in GUIDANCE_NOTES[language]:
        services.guidance.add(student.id, values)
    window.file_view.reload()
    window.file_view.tabs.setCurrentWidget(window.file_view.guidance)
    settle(app)
    window.grab().save(str(OUT / f"guidance-{language}.png"))
    schools = services.schools.list_schools()
    account = next((a for a in services.accounts.list() if a.username == "zhou"), None) or (
        services.accounts.create("zhou", "周老师" if language.startswith("zh") else "Ms Zhou",
                                 "district_coordinator",
                                 followed_schools=[s.id for s in schools[:1]]))
    values = {key: getattr(account, key) for key in (
        "username", "display_name", "role", "person_id", "active")}
    values["followed_schools"] = services.accounts.followed_schools(account.id)
    form = AccountForm(values, services.schools.list_people(), False, window,
                       [(s.id, s.name) for s in schools])
    form.show()
    settle(app)
    form.grab().save(str(OUT / f"coordinator-account-{language}.png"))
    form.close()
    form.deleteLater()


INTAKE_STEPS = {
    "zh_CN": (("referral", date(2025, 6, 20), "刘老师", "附上学期和本学期的观察记录"),
              ("screening", date(2025, 9, 18), "王丽", "筛查小组：语言理解、社会交往明显落后于同龄"),
              ("diagnosis", date(2025, 10, 9), "王丽", "市儿童医院：孤独症谱系障碍（中度）")),
    "en": (("referral", date(2025, 6, 20), "Ms Liu", "Observations of last term and this one"),
           ("screening", date(2025, 9, 18), "Ms Wang",
            "Screening group: understanding and social skills well behind his age"),
           ("diagnosis", date(2025, 10, 9), "Ms Wang",
            "City children's hospital: autism spectrum disorder (moderate)")),
}


def intake_screenshots(app, window, language: str) -> None:
    """A child's intake part with the referral, screening and diagnosis recorded and the
    guardians' written consent missing; and the district's steps as the editor shows them."""
    from iep_studio.ui.overview.intake_steps_dialog import IntakeStepsDialog

    services = window.services
    student = window.file_view.student
    for record in services.intake.for_student(student.id):  # the other language's
        services.intake.remove(record.id)
    for key, day, who, note in INTAKE_STEPS[language]:
        services.intake.record(student.id, key, day, who, note)
    window.file_view.reload()
    window.file_view.tabs.setCurrentWidget(window.file_view.intake)
    settle(app)
    window.grab().save(str(OUT / f"intake-{language}.png"))
    dialog = IntakeStepsDialog(services, window)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"intake-steps-{language}.png"))
    dialog.close()
    dialog.deleteLater()


ATTACHED = {
    "zh_CN": (("市儿童医院诊断证明", "诊断证明.pdf", "diagnosis", date(2025, 10, 9)),
              ("我的家（绘画作品）", "我的家.jpg", "work_sample", date(2026, 11, 12))),
    "en": (("Diagnosis from the city children's hospital", "diagnosis.pdf", "diagnosis",
            date(2025, 10, 9)),
           ("My home (a drawing)", "my-home.jpg", "work_sample", date(2026, 11, 12))),
}


def attachments_screenshot(app, window, language: str) -> None:
    """A child's attached files: a scanned diagnosis (a PDF page, shown beside the list)
    and a photo of a drawing."""
    import io

    from PIL import Image, ImageDraw, ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    # A page as a scanner makes it: off-white, lines of print, a red stamp, a little blur.
    page = Image.new("RGB", (1240, 1754), (246, 244, 238))
    pen = ImageDraw.Draw(page)
    pen.rectangle((470, 120, 770, 160), fill=(60, 60, 60))
    for row in range(14):
        top = 280 + row * 70
        pen.rectangle((140, top, 1100 - (row % 4) * 90, top + 18), fill=(90, 90, 90))
    pen.ellipse((820, 1260, 1060, 1500), outline=(200, 40, 40), width=10)
    pen.rectangle((700, 1560, 1100, 1578), fill=(90, 90, 90))
    page = page.rotate(0.6, fillcolor=(246, 244, 238)).filter(ImageFilter.GaussianBlur(1.2))
    scan = io.BytesIO()
    drawing = canvas.Canvas(scan, pagesize=A4)
    drawing.drawImage(ImageReader(page), 0, 0, *A4)
    drawing.showPage()
    drawing.save()
    # A photo of a child's drawing on a desk: a house, a sun, a tree.
    photo = Image.new("RGB", (1600, 1200), (214, 190, 160))
    pen = ImageDraw.Draw(photo)
    pen.rectangle((180, 120, 1420, 1080), fill=(252, 251, 246))
    pen.polygon([(500, 620), (800, 360), (1100, 620)], fill=(220, 70, 60))
    pen.rectangle((560, 620, 1040, 960), fill=(250, 200, 80), outline=(120, 80, 40), width=8)
    pen.rectangle((760, 780, 850, 960), fill=(120, 80, 40))
    pen.ellipse((1160, 180, 1340, 360), fill=(255, 190, 30))
    pen.rectangle((300, 700, 340, 960), fill=(120, 80, 40))
    pen.ellipse((220, 520, 420, 740), fill=(60, 160, 70))
    pen.rectangle((180, 960, 1420, 1080), fill=(110, 190, 90))
    picture = io.BytesIO()
    photo.save(picture, "JPEG", quality=85)

    services = window.services
    student = window.file_view.student
    for attached in services.attachments.for_student(student.id):  # the other language's
        services.attachments.remove(attached.id)
    for (title, name, kind, day), content in zip(ATTACHED[language],
                                                 (scan.getvalue(), picture.getvalue())):
        services.attachments.add(student.id, name, content, kind=kind, title=title,
                                 taken_on=day)
    window.file_view.reload()
    tab = window.file_view.attachments
    window.file_view.tabs.setCurrentWidget(tab)
    settle(app)
    tab.table.table.selectRow(next(
        r for r in range(tab.table.table.rowCount())
        if tab.table.table.item(r, 0).text() == ATTACHED[language][0][0]))
    settle(app)
    window.grab().save(str(OUT / f"attachments-{language}.png"))


if __name__ == "__main__":
    main()
