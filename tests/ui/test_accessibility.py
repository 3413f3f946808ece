"""Every window and dialog, in both languages, as a keyboard and a screen reader meet it:
every control a teacher can reach has a name a screen reader reads out, Tab always moves
on (no table keeps it for its cells, no text box types it), and each Alt+letter leads to
one place (within a menu, and between the tabs of a file and the menu bar)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from iep_studio.ui.qt import (
    QAbstractItemView, QAccessible, QApplication, QDialog, QFormLayout, QHeaderView, QLabel, Qt,
    QWidget,
)

from .conftest import when_dialog_opens

# What a keyboard reaches and a screen reader must name; the rest is checked when it
# takes focus with Tab (a chart, a scroll area).
CONTROLS = ("QAbstractButton", "QLineEdit", "QComboBox", "QAbstractSpinBox",
            "QAbstractItemView", "QPlainTextEdit", "QTextEdit", "QSlider", "QTabBar")


# -- reading a window as a screen reader does -----------------------------------------
def accessible_name(widget) -> str:
    """The name a screen reader reads out. For a combo, Qt on Linux gives the choice shown
    as its name, Windows gives none: there a combo needs a name or a label of its own."""
    if widget.inherits("QComboBox"):
        return widget.accessibleName() or label_for(widget)
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name) or ""


def label_for(widget) -> str:
    """What Qt names a control by when it has no name: the label beside it that leads to
    it, or the title of the group it is in."""
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget:
            return label.text()
    return parent.title() if parent.inherits("QGroupBox") else ""


def says_something(name: str) -> bool:
    """A name read out as words: "◀" alone is no name."""
    return any(character.isalnum() for character in name)


def qt_own(widget) -> bool:
    """Parts of Qt's own controls, read as part of them: a table's header, the line edit
    of an editable combo or of a spin box, Qt's internal buttons."""
    parent = widget.parentWidget()
    return (isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_")
            or (parent is not None and any(parent.inherits(kind) for kind in (
                "QComboBox", "QAbstractSpinBox", "QTabBar"))))


def takes_tab(widget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value) and \
        widget.focusProxy() is None


def reached(top):
    """The controls of `top` a teacher can reach now: shown, enabled, in this window."""
    for widget in top.findChildren(QWidget):
        if (not widget.isVisible() or not widget.isEnabled() or widget.window() is not top
                or qt_own(widget)):
            continue
        if any(widget.inherits(kind) for kind in CONTROLS) or takes_tab(widget):
            yield widget


def describe(widget) -> str:
    """Enough to find the control in the code: its class, object name and the nearest
    words on the screen (its form label, the label before it, its own text)."""
    parts = [type(widget).__name__]
    if widget.objectName():
        parts.append(f"#{widget.objectName()}")
    label = nearby_label(widget)
    if label:
        parts.append(f"by the label {label!r}")
    for reading in ("placeholderText", "text", "toolTip"):
        text = getattr(widget, reading, lambda: "")()
        if isinstance(text, str) and text:
            parts.append(f"{reading} {text[:40]!r}")
            break
    return " ".join(parts)


def nearby_label(widget) -> str:
    for inner in (widget, widget.parentWidget(), widget.parentWidget() and
                  widget.parentWidget().parentWidget()):
        if inner is None or inner.parentWidget() is None:
            continue
        layout = inner.parentWidget().layout()
        text = label_in(layout, inner) if layout is not None else ""
        if text:
            return text
    return ""


def label_in(layout, widget) -> str:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        inside = item.layout() is not None and contains(item.layout(), widget)
        if item.widget() is not widget and not inside:
            continue
        if isinstance(layout, QFormLayout):
            row, _role = layout.getItemPosition(i)
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and isinstance(label.widget(), QLabel):
                return label.widget().text()
        if inside:
            return label_in(item.layout(), widget)
        for j in range(i - 1, -1, -1):  # the nearest label shown before it
            before = layout.itemAt(j).widget()
            if isinstance(before, QLabel) and before.isVisible():
                return re.sub(r"<[^>]+>", "", before.text())
        return ""
    return ""


def contains(layout, widget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget or (item.layout() is not None
                                       and contains(item.layout(), widget)):
            return True
    return False


def problems_in(top, where: str) -> list[tuple[QWidget, str, str]]:
    """Each control without a name, each table that keeps Tab, each text box that types
    it: (the control, what is wrong, that said with where)."""
    QApplication.processEvents()
    found = []
    where = f"{where} ({top.windowTitle()})" if top.windowTitle() else where
    for widget in reached(top):
        wrong = []
        if not says_something(accessible_name(widget)):
            wrong.append("no accessible name")
        elif (widget.inherits("QAbstractButton") and not says_something(widget.text())
              and not widget.toolTip()):
            wrong.append("a button without words shows no tooltip")  # "◀", an icon
        if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
            wrong.append("keeps Tab for its cells")
        if (widget.inherits("QPlainTextEdit") or widget.inherits("QTextEdit")) and \
                not widget.isReadOnly() and not widget.tabChangesFocus():
            wrong.append("types Tab as a character")
        found += [(widget, kind, f"{where}: {kind}: {describe(widget)}") for kind in wrong]
    return found


# -- mnemonics --------------------------------------------------------------------------
def mnemonic(text: str) -> str:
    """The letter of Alt+letter in "&File", "文件(&F)"; "" if none ("&&" is a plain &)."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else ""


def clashes(texts: list[str]) -> list[str]:
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        if mnemonic(text):
            by_letter.setdefault(mnemonic(text), []).append(text)
    return [f"Alt+{letter}: {' / '.join(same)}" for letter, same in by_letter.items()
            if len(same) > 1]


def menus_of(window):
    for action in window.menuBar().actions():
        if action.menu() is not None:
            yield action.text(), action.menu()


def menu_clashes(window, where: str) -> list[str]:
    found = []
    for title, menu in menus_of(window):
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        found += [f"{where}, menu {title!r}: {clash}" for clash in clashes(texts)]
    return found


def tab_titles(tabs) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def shown_mnemonics(top) -> list[str]:
    """The texts of what Alt+letter reaches in `top` now: its menu bar, its tabs, its
    buttons and the labels that lead to a field."""
    texts = []
    if hasattr(top, "menuBar") and top.menuBar() is not None:
        texts += [title for title, _menu in menus_of(top)]
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if widget.inherits("QTabWidget"):  # its Alt+letters work with its bar hidden too
            texts += tab_titles(widget)
        elif widget.inherits("QAbstractButton") and not widget.inherits("QToolButton"):
            texts.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
    return texts


# -- opening every window and dialog ---------------------------------------------------
def close(top) -> None:
    """Cancel a dialog (closing one that was typed in would ask first), close a window."""
    top.reject() if isinstance(top, QDialog) else top.close()


def open_file(window, student_id: str) -> None:
    window.student_list.select(student_id, emit=False)
    window.open_student(student_id)


class Walk:
    """Opens windows and dialogs one by one and keeps what is wrong in each."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window, self.services = qtbot, window, window.services
        self.problems: list[str] = []
        self.clashes: set[str] = set()
        # (control, what is wrong), kept: a deleted widget's id could come back
        self.seen: list[tuple[QWidget, str]] = []

    def look(self, top, where: str) -> None:
        """What is wrong in `top` now; a control seen wrong before is not said again."""
        for widget, kind, problem in problems_in(top, where):
            if not any(widget is seen and kind == seen_kind for seen, seen_kind in self.seen):
                self.problems.append(problem)
            self.seen.append((widget, kind))
        for clash in clashes(shown_mnemonics(top)):
            if clash not in self.clashes:
                self.clashes.add(clash)
                self.problems.append(f"{where}: one Alt+letter for two places: {clash}")

    def dialog(self, dialog, where: str) -> None:
        """A dialog built here, shown without exec (nothing waits for an answer)."""
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.look(dialog, where)
        close(dialog)

    def modal(self, open_it, where: str) -> None:
        """A dialog the app builds and runs itself: read while it waits, then cancelled."""
        seen = []

        def read(dialog):
            seen.append(dialog)
            self.look(dialog, where)
            dialog.reject()

        when_dialog_opens(self.qtbot, read)
        open_it()
        assert seen, f"{where} did not open"

    def tabs(self, top, tabs, where: str) -> None:
        for index in range(tabs.count()):
            if tabs.isTabVisible(index):
                tabs.setCurrentIndex(index)
                self.look(top, f"{where}, tab {tabs.tabText(index)!r}")


def student_file(walk: Walk, team, another_child) -> None:
    from iep_studio.ui.student_file.assessments_tab import AssessmentDialog
    from iep_studio.ui.student_file.behaviour_tab import BehaviourDialog
    from iep_studio.ui.student_file.family_tab import GuardianDialog
    from iep_studio.ui.student_file.home_visits_tab import VisitDialog
    from iep_studio.ui.student_file.new_student_dialog import NewStudentDialog
    from iep_studio.ui.student_file.placement_dialogs import CategoriesDialog, PlacementDialog
    from iep_studio.ui.student_file.team_tab import TeamMemberDialog

    window, services = walk.window, walk.services
    view = window.file_view
    open_file(window, another_child["student"].id)  # home visits: its tab shows
    walk.tabs(window, view.tabs, "main window")
    open_file(window, team.student.id)
    walk.tabs(window, view.tabs, "main window")
    window.show_home()
    walk.look(window, "main window, home")
    open_file(window, team.student.id)
    student = view.student
    walk.dialog(NewStudentDialog(services, window), "new student")
    walk.dialog(GuardianDialog({}, window), "guardian")
    walk.dialog(TeamMemberDialog(services.schools.list_people(), window), "team member")
    walk.dialog(CategoriesDialog([("autism", "moderate")], window), "categories")
    walk.dialog(PlacementDialog(window.editing, student, window), "placement")
    walk.dialog(AssessmentDialog({"instrument": "PEP-3", "results": [
        {"domain": "social", "score": "3", "present_level": ""}]}, window), "assessment")
    walk.dialog(BehaviourDialog({}, window), "behaviour record")
    walk.dialog(VisitDialog({}, [("o1", "主动问好")], window), "home visit")


def plan_window(walk: Walk, team, complete_plan) -> None:
    from iep_studio.core.iep.completeness import check_plan
    from iep_studio.ui.plan.completeness_dialog import CompletenessDialog
    from iep_studio.ui.plan.plan_tables import ServiceDialog
    from iep_studio.ui.plan.review_dialogs import (
        DecisionDialog, MeetingDialog, NewPlanDialog, ObjectiveReviewDialog, SignDialog,
    )
    from iep_studio.ui.plan.revision_compare import RevisionCompareDialog

    window, services = walk.window, walk.services
    plans = window.plan_desk
    pw = plans.open_plan(complete_plan.id)
    walk.qtbot.waitExposed(pw)
    for row in range(pw.navigator.count()):
        pw.navigator.setCurrentRow(row)
        walk.look(pw, f"plan window, page {pw.navigator.item(row).text()!r}")
    goal = pw.plan.goals[0]
    for kind, record_id in (("goal", goal.id), ("objective", goal.objectives[0].id)):
        pw.navigator.setCurrentRow(3)
        pw.goals.select(kind, record_id)
        walk.look(pw, f"plan window, {kind} chosen")
    team_members = services.review.team(team.student.id)
    today = services.today()
    walk.dialog(CompletenessDialog(check_plan(pw.plan, today), True, pw), "completeness")
    for kind in ("comment", "changes", "approve"):
        walk.dialog(DecisionDialog(kind, team_members, team.teacher, "", pw), f"review: {kind}")
    walk.dialog(SignDialog(team_members, pw.student.guardians, set(), team.teacher, pw),
                "signatures")
    walk.dialog(MeetingDialog(pw.plan, pw), "IEP meeting")
    walk.dialog(ObjectiveReviewDialog(pw.plan, today, "王丽", pw), "objective review")
    from iep_studio.ui.plan.family_wording_dialog import FamilyWordingDialog
    walk.dialog(FamilyWordingDialog(pw.plan, "张小明", services.library.shipped().goals,
                                    lambda _words: None, pw), "family wording")
    walk.dialog(NewPlanDialog(services.plans.for_student(team.student.id), today, window),
                "new plan")
    walk.dialog(RevisionCompareDialog(services.review, team.student.id, pw.plan, pw),
                "revision comparison")
    walk.dialog(ServiceDialog({}, pw), "related service")
    window.context.settings.me = ""  # nobody chosen yet: the plan asks who acts
    walk.modal(pw.acting_person, "who are you")
    window.context.settings.me = team.teacher
    walk.modal(plans.choose_me, "who am I")
    pw.close()


def daily_rhythm(walk: Walk, team) -> None:
    from iep_studio.ui.planner.copy_week_dialog import CopyWeekDialog
    from iep_studio.ui.planner.planner_dialogs import SessionDialog, ThemeDialog

    window, services = walk.window, walk.services
    open_file(window, team.student.id)
    window.actions_by_name["record_observations"].trigger()
    entry = window.rhythm_desk.entry
    walk.qtbot.waitExposed(entry)
    walk.look(entry, "observation entry")
    entry.close()
    view = window.file_view
    view.tabs.setCurrentWidget(view.progress)
    walk.modal(view.progress.rule_button.click, "mastery rule")

    window.actions_by_name["planner"].trigger()
    planner = window.rhythm_desk.planner
    walk.qtbot.waitExposed(planner)
    walk.look(planner, "planner")
    students = planner._students()
    walk.dialog(ThemeDialog("2026年11月", {"scope": "group"}, students, planner), "theme")
    walk.dialog(planner._activity_dialog({}), "activity")
    walk.dialog(SessionDialog({"day": services.today()}, [], ["资源教室"], students, planner),
                "session")
    walk.dialog(CopyWeekDialog(date(2026, 11, 16), planner), "copy week")
    planner.close()


def assessment(walk: Walk) -> None:
    from iep_studio.ui.assessment.draft_plan_dialog import DraftPlanDialog

    view = walk.window.file_view
    view.tabs.setCurrentWidget(view.assessments)
    view.assessments._score_new()
    scorer = view.assessments.scoring_window
    walk.qtbot.waitExposed(scorer)
    for _item in range(6):
        walk.qtbot.keyClick(scorer.table, "2")
    walk.look(scorer, "scoring")
    walk.dialog(DraftPlanDialog(scorer.services, scorer.operations, scorer.assessment,
                                scorer.student, scorer.scores, scorer), "draft the plan")
    scorer.close()
    view.assessments.open_profile()
    profile = next(w for w in QApplication.topLevelWidgets()
                   if w.isVisible() and type(w).__name__ == "ProfileWindow")
    walk.look(profile, "profile over time")
    profile.close()


def library(walk: Walk) -> None:
    from iep_studio.ui.library.apparatus_panel import CentreDialog
    from iep_studio.ui.library.lesson_dialog import LessonDialog
    from iep_studio.ui.library.unit_editor import UnitEditor

    window, services = walk.window, walk.services
    window.open_library()
    shelf = window.library_window
    walk.qtbot.waitExposed(shelf)
    walk.tabs(shelf, shelf.pages, "course library")
    shelf.pages.setCurrentIndex(0)
    unit = services.library.entries()[0]
    copy = services.library.duplicate(unit.unit.id)
    editor = UnitEditor(services.library, copy, shelf)
    walk.qtbot.addWidget(editor)
    editor.show()
    walk.tabs(editor, editor.views, "unit editor")
    close(editor)
    walk.dialog(LessonDialog(services, unit.unit, shelf), "new lesson")
    walk.dialog(CentreDialog("器材", None, shelf), "apparatus")
    shelf.close()


def overview(walk: Walk) -> None:
    """The school and district overview, each page, and the list behind a figure."""
    from iep_studio.ui.overview.children_dialog import ChildrenDialog

    window, services = walk.window, walk.services
    window.actions_by_name["overview"].trigger()
    shown = window.overview_window
    walk.qtbot.waitExposed(shown)
    walk.tabs(shown, shown.pages, "overview")
    key = shown.counts.model.key(0)
    walk.dialog(ChildrenDialog("全部学生", key, services.overview.children(key),
                               services.today(), lambda _id: None, shown), "students behind")
    shown.close()


def settings_and_files(walk: Walk, team, tmp_path: Path) -> None:
    from iep_studio.core.drafts import Draft
    from iep_studio.core.store.backup import list_backups
    from iep_studio.core.transfer.export import write_student_file
    from iep_studio.core.transfer.import_ import preview
    from iep_studio.core.transfer.package import read_package
    from iep_studio.ui.admin.accounts_dialog import AccountForm, AccountsDialog, PasswordForm
    from iep_studio.ui.admin.backup_desk import RestoreDialog
    from iep_studio.ui.admin.sign_in import FirstAccountDialog, SignInDialog
    from iep_studio.ui.documents.document_settings import DocumentSettingsDialog
    from iep_studio.ui.documents.export_dialog import ExportDialog
    from iep_studio.ui.editing.conflict_dialog import ConflictDialog
    from iep_studio.ui.editing.drafts_dialog import DraftsDialog
    from iep_studio.ui.student_file.transfer_desk import ReceiveDialog, SendDialog

    window, services = walk.window, walk.services
    people = services.schools.list_people()
    walk.dialog(ExportDialog("张小明", 2, window.state, window), "export")
    walk.dialog(DocumentSettingsDialog("", "", window), "document settings")
    walk.dialog(AccountsDialog(services, window), "accounts")
    walk.dialog(AccountForm({}, people, True, window), "new account")
    walk.dialog(AccountForm({"username": "wangli", "display_name": "王丽", "active": True},
                            people, False, window), "account")
    walk.dialog(PasswordForm("修改密码", True, window), "password")
    window.backup_desk._make("manual")
    walk.dialog(RestoreDialog(list_backups(window.context.paths.backups), window), "restore")
    walk.dialog(SendDialog("张小明", window), "send a file")
    sent = write_student_file(services.store, team.student.id, tmp_path / "sent.iepstudent",
                              None)
    seen = preview(services.store, read_package(sent, None, today=services.today()))
    walk.dialog(ReceiveDialog(seen, services.schools.list_schools(), window), "receive a file")
    walk.dialog(roster_dialog(services, tmp_path, window), "import students")
    walk.dialog(FirstAccountDialog("王丽", "wangli", False, window,
                                   people=[(p.id, p.full_name) for p in people]), "welcome")
    walk.dialog(SignInDialog(["wangli"], "wangli", window), "sign in")
    walk.modal(window.choose_language, "language")
    draft = Draft("student", team.student.id, "needs", "需要", "张小明", "轮流等待")
    walk.dialog(DraftsDialog(services, [draft], window), "unsaved text")
    walk.dialog(ConflictDialog("需要", "他们的", "我的", "陈校长", window), "conflict")


def roster_dialog(services, tmp_path: Path, window):
    """The preview of a list with two sheets (so the sheet is chosen too), a row with a
    problem and a column without a heading."""
    from openpyxl import Workbook

    from iep_studio.ui.student_file.roster_dialog import RosterImportDialog

    book = Workbook()
    book.active.append(["姓名", "学号", "出生日期", None])
    book.active.append(["李四", "0002", "2015.13.1", "x"])
    book.create_sheet("二年级").append(["姓名"])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    return RosterImportDialog(
        services.rosters.read(path), services.schools.list_schools(), None,
        lambda table, mapping, school_id, new_school: services.rosters.preview(
            table, mapping, school_id, new_school=new_school),
        lambda sheet: services.rosters.read(path, sheet), window)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_control_has_a_name_and_tab_always_moves_on(
        open_window, team, complete_plan, another_child, qtbot, tmp_path, language):
    window = open_window(language)
    window.context.settings.me = team.teacher
    window.reload_students()
    walk = Walk(qtbot, window)
    student_file(walk, team, another_child)
    plan_window(walk, team, complete_plan)
    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    window.reload_students()
    daily_rhythm(walk, team)
    open_file(window, team.student.id)
    assessment(walk)
    library(walk)
    overview(walk)
    settings_and_files(walk, team, tmp_path)
    assert walk.problems == [], f"{len(walk.problems)} found:\n" + "\n".join(walk.problems)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_each_alt_letter_leads_to_one_place(open_window, team, complete_plan, qtbot, language):
    """Within a menu no two commands share a letter, and the parts of a student's file
    leave the menu bar's letters to the menu bar (Alt+F opens the File menu)."""
    window = open_window(language)
    window.context.settings.me = team.teacher
    window.reload_students()
    problems = menu_clashes(window, "main window")
    bar = [title for title, _menu in menus_of(window)]
    parts = tab_titles(window.file_view.tabs)
    assert len(parts) >= 9
    problems += [f"main window, menu bar and file: {clash}" for clash in clashes(bar + parts)]
    plan_window = window.plan_desk.open_plan(complete_plan.id)
    problems += menu_clashes(plan_window, "plan window")
    problems += [f"plan window, menu bar: {clash}" for clash in
                 clashes([title for title, _menu in menus_of(plan_window)])]
    plan_window.close()
    window.actions_by_name["planner"].trigger()
    planner = window.rhythm_desk.planner
    problems += menu_clashes(planner, "planner")
    problems += [f"planner, menu bar: {clash}" for clash in
                 clashes([title for title, _menu in menus_of(planner)])]
    planner.close()
    assert problems == [], "\n".join(problems)


def press_tab(qtbot) -> QWidget:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_tab_moves_on_through_the_student_list_and_opens_no_file(window_with_students, qtbot):
    """Tab leaves the list at once, and the focus passing through it opens nobody's file;
    the arrows go from student to student, and Enter opens the one the focus is on."""
    window = window_with_students
    panel, view = window.student_list, window.file_view
    window.activateWindow()
    qtbot.waitActive(window)
    chosen = []
    panel.student_chosen.connect(chosen.append)
    panel.search_field.setFocus()
    for _press in range(10):  # into the list, past the filters
        if press_tab(qtbot) is panel.table:
            break
    assert QApplication.focusWidget() is panel.table
    assert press_tab(qtbot) is not panel.table
    assert chosen == [] and view.student is None  # the focus went through: no file opened

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    first = view.student
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    second = view.student
    assert first is not None and second.id != first.id and chosen == [first.id, second.id]
    window.show_home()  # Alt+Home: no file shown, the list still on the second student
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert view.student.id == second.id
    for _press in range(60):  # round the whole window, and through the list again
        press_tab(qtbot)
    assert chosen == [first.id, second.id, second.id] and view.student.id == second.id
