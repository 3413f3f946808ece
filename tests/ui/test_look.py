"""The look of the windows: commands with icons and plain button texts, windows that fit a
laptop's screen, the parts of a student file all named in full, and tables whose text
gets the room and is never cut short."""
from __future__ import annotations

import re

import pytest

from iep_studio.ui import window_size
from iep_studio.ui.actions import plain_title
from iep_studio.ui.icons import icon
from iep_studio.ui.qt import QApplication, QColor, QKeySequence, QPalette, QRect, QToolBar

LAPTOP = QRect(0, 0, 1366, 768)  # a 1366x768 laptop at 100%
SCALED = QRect(0, 0, 1280, 720)  # a 1920x1080 screen at 150%: what windows get of it


@pytest.fixture
def screen(monkeypatch):
    """The free area of the screen windows open on, as the test says."""
    area = {"rect": LAPTOP}
    monkeypatch.setattr(window_size, "available_area", lambda _window: area["rect"])
    return area


@pytest.fixture
def plan_window(window, team, complete_plan, qtbot):
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    opened = window.plan_desk.open_plan(complete_plan.id)
    qtbot.waitExposed(opened)
    return opened


def toolbar_commands(main_window) -> list:
    """The commands shown on a window's toolbars (the plan's buttons hold theirs)."""
    found = []
    for toolbar in main_window.findChildren(QToolBar):
        for holder in toolbar.actions():
            if holder.isSeparator() or not holder.isVisible():
                continue
            button = toolbar.widgetForAction(holder)
            command = getattr(button, "defaultAction", lambda: None)() or holder
            found.append(command)
    return found


# -- commands -----------------------------------------------------------------------------
def test_every_command_has_an_icon(window, plan_window):
    for owner in (window, plan_window):
        missing = [name for name, action in owner.actions_by_name.items()
                   if action.icon().isNull()]
        assert missing == [], f"{type(owner).__name__}: no icon for {missing}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_toolbar_buttons_read_plainly_and_their_tooltips_name_the_shortcut(
        open_window, team, complete_plan, qtbot, language):
    window = open_window(language)
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    plan_window = window.plan_desk.open_plan(complete_plan.id)
    qtbot.waitExposed(plan_window)
    for owner in (window, plan_window):
        commands = toolbar_commands(owner)
        assert commands
        for command in commands:
            text = command.iconText()
            assert text and "&" not in text and "…" not in text, text
            assert not re.search(r"\(\w\)", text), text  # no "(C)" left of "(&C)"
            assert text in command.toolTip()
            keys = command.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                assert keys in command.toolTip(), command.toolTip()


def test_a_plan_toolbar_offers_only_the_steps_of_the_stage(plan_window):
    shown = {command.objectName() for command in toolbar_commands(plan_window)}
    assert {"check", "submit", "compare"} <= shown  # a draft
    assert not shown & {"approve", "sign", "amend", "withdraw"}
    menu = plan_window.menuBar().actions()[0].menu()
    assert plan_window.actions_by_name["approve"] in menu.actions()  # still in the menu


def test_plain_titles_lose_the_mnemonic_and_the_ellipsis():
    assert plain_title("完整性检查(&C)") == "完整性检查"
    assert plain_title("导出文档(&E)…") == "导出文档"
    assert plain_title("我的数据在哪里(&D)？") == "我的数据在哪里？"
    assert plain_title("Recei&ve a student file…") == "Receive a student file"
    assert plain_title("Tom && Jerry") == "Tom & Jerry"


def drawn_light(qicon) -> bool:
    """Whether an icon is drawn in a light colour (for a dark background)."""
    image = qicon.pixmap(32, 32).toImage()
    drawn = [image.pixelColor(x, y) for x in range(32) for y in range(32)
             if image.pixelColor(x, y).alpha() > 200]
    assert drawn
    return sum(colour.lightness() > 128 for colour in drawn) > len(drawn) / 2


def palette_of(text: str) -> QPalette:
    palette = QPalette(QApplication.palette())
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(text))
    return palette


def test_icons_take_the_palette_colour(qapp):
    assert drawn_light(icon("home-outline", palette_of("#f0f0f0")))
    assert not drawn_light(icon("home-outline", palette_of("#202020")))


def test_icons_follow_the_system_into_a_dark_palette(window, team, qapp):
    window.reload_students()
    window.student_list.select(team.student.id)
    normal = QPalette(qapp.palette())
    shown = (lambda: window.actions_by_name["home"].icon(),
             lambda: window.file_view.sections.item(0).icon())
    assert not any(drawn_light(now()) for now in shown)
    QApplication.setPalette(palette_of("#f0f0f0"))
    try:
        QApplication.processEvents()  # the change reaches each window as an event
        assert all(drawn_light(now()) for now in shown)
    finally:
        QApplication.setPalette(normal)


# -- windows fit the screen ----------------------------------------------------------------
@pytest.mark.parametrize("area", [LAPTOP, SCALED], ids=["1366x768", "1280x720"])
def test_the_windows_open_inside_the_screen(screen, area, open_window, team, complete_plan,
                                            qtbot):
    screen["rect"] = area
    window = open_window()
    assert area.contains(window.frameGeometry()), window.frameGeometry()
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    plan_window = window.plan_desk.open_plan(complete_plan.id)
    qtbot.waitExposed(plan_window)
    assert area.contains(plan_window.frameGeometry()), plan_window.frameGeometry()
    assert plan_window.width() >= area.width() * 0.85  # and it uses the room there is


def test_a_size_from_a_larger_screen_is_not_restored(screen, window, open_window, qtbot):
    screen["rect"] = QRect(0, 0, 2560, 1440)
    window.resize(2000, 1200)
    window.close()
    screen["rect"] = LAPTOP
    again = open_window()
    assert LAPTOP.contains(again.frameGeometry()), again.frameGeometry()


# -- the parts of a student file ----------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_part_of_a_file_is_named_in_full_at_1366(screen, open_window, team, language,
                                                       qtbot, services):
    services.home_visits.add(team.student.id, {"visited_on": "2026-11-18", "minutes": 60,
                                               "visitors": "王丽", "activities": "练习"})
    window = open_window(language)
    window.resize(LAPTOP.size())
    window.reload_students()
    window.student_list.select(team.student.id)
    qtbot.wait(10)
    view = window.file_view
    assert not view.tabs.tabBar().isVisible()  # no tab bar, so no scroll arrows
    sections = view.sections
    assert sections.count() == view.tabs.count() >= 10
    room = sections.viewport().width()
    for row in range(sections.count()):
        item = sections.item(row)
        assert not item.isHidden()  # home visits shown: there are visits
        assert item.text() == plain_title(view.tabs.tabText(row))
        need = sections.fontMetrics().horizontalAdvance(item.text()) + sections.iconSize().width()
        assert need < room, f"{item.text()!r} needs {need}, has {room}"
    assert sections.verticalScrollBar().maximum() == 0  # all of them seen at once


def test_a_part_is_chosen_from_the_list_or_by_its_alt_key(window, team, qtbot):
    window.reload_students()
    window.student_list.select(team.student.id)
    view = window.file_view
    view.sections.setCurrentRow(view.tabs.indexOf(view.plans))
    assert view.tabs.currentWidget() is view.plans
    view.tabs.setCurrentWidget(view.team)  # as the app turns to a part
    assert view.sections.currentRow() == view.tabs.indexOf(view.team)
    # A part whose Alt+letter no menu title takes (a shared one does nothing, as before).
    taken = {QKeySequence.mnemonic(menu.text()) for menu in window.menuBar().actions()}
    index = next(i for i in range(view.tabs.count())
                 if QKeySequence.mnemonic(view.tabs.tabText(i)) not in taken
                 and view.tabs.widget(i) is not view.team and view.tabs.isTabVisible(i))
    keys = QKeySequence.mnemonic(view.tabs.tabText(index))[0]
    window.student_list.table.setFocus()
    qtbot.keyClick(window.student_list.table, keys.key(), keys.keyboardModifiers())
    assert view.tabs.currentIndex() == index
    assert view.sections.currentRow() == index


# -- tables --------------------------------------------------------------------------------
def test_goal_bank_objectives_get_the_room_and_are_never_cut(screen, plan_window, qtbot):
    plan_window.resize(LAPTOP.size())
    plan_window.navigator.setCurrentRow(3)
    table = plan_window.goals.bank.table
    rows = range(min(table.rowCount(), 30))
    assert rows
    qtbot.waitUntil(lambda: all(table.rowHeight(r) >= table.sizeHintForRow(r) for r in rows))
    widths = [table.columnWidth(c) for c in range(4) if not table.isColumnHidden(c)]
    assert widths[-1] == max(widths)  # the objective


def test_a_long_objective_wraps_in_the_plan_tree(plan_window, qtbot):
    plan_window.navigator.setCurrentRow(3)
    tree = plan_window.goals.tree
    objective = tree.topLevelItem(0).child(0)
    line = tree.visualItemRect(tree.topLevelItem(0)).height()
    objective.setText(0, "在看一幅生活情景图时，学生能用含地点或形容词的完整句子描述图意" * 4)
    qtbot.waitUntil(lambda: tree.visualItemRect(objective).height() > line)


def test_record_tables_give_the_room_to_their_text(window, team, qtbot):
    window.reload_students()
    window.student_list.select(team.student.id)
    header = window.file_view.family.guardians.table.horizontalHeader()
    stretched = [c for c in range(header.count())
                 if header.sectionResizeMode(c) == header.ResizeMode.Stretch]
    assert stretched == [3, 4]  # workplace and note; name, relation and phone fit theirs
    assert not header.stretchLastSection() or stretched[-1] == header.count() - 1
    assert header.sectionResizeMode(2) == header.ResizeMode.ResizeToContents
