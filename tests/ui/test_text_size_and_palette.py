"""Text follows the system: with the text half as large again, nothing is clipped and no
combo cuts its choice short; status colours stay readable in a light and a dark palette;
an English window writes dates in English on a computer set to Chinese."""
from __future__ import annotations

import locale
import re
import time
from collections import Counter

import pytest

from iep_studio.ui.qt import (
    QAbstractButton, QApplication, QColor, QComboBox, QFont, QLabel, QLineEdit, QLocale,
    QPalette, QStyle, QStyleOptionComboBox,
)
from iep_studio.ui.student_file.new_student_dialog import NewStudentDialog
from iep_studio.ui.widgets.system_look import DONE, PROBLEM, WARNING, text_tone

from .conftest import dark_palette

# A 1920x1080 screen at 150% scaling leaves 1280x720 for a window.
SCREEN = (1280, 720)


@pytest.fixture
def large_text(qapp):
    """The system's text half as large again, as a teacher with a 150% setting has it."""
    normal = QFont(qapp.font())
    large = QFont(normal)
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    QApplication.setFont(large)
    yield
    QApplication.setFont(normal)


@pytest.fixture(params=["light", "dark"])
def palette(qapp, request):
    """The system's palette, light or dark, set before any window opens."""
    normal = QPalette(qapp.palette())
    if request.param == "dark":
        QApplication.setPalette(dark_palette())
    yield request.param
    QApplication.setPalette(normal)


# -- measuring clipped text -------------------------------------------------------------
def combo_text_cut(combo: QComboBox) -> bool:
    """Whether the combo shows less than its current text (its text field is narrower)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    icon = combo.iconSize().width() + 4 if not option.currentIcon.isNull() else 0
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) > field.width() - icon


def clipping(widget) -> str:
    """What of the widget's text cannot be seen, or "" if all of it can."""
    size, need = widget.size(), widget.minimumSizeHint()
    if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
        # Wrapped text needs the height of all its lines at the width it has.
        lines = widget.heightForWidth(size.width())
        if size.height() < lines:
            return f"is {size.height()} high, needs {lines}"
    if need.width() > 0 and size.width() < need.width():
        return f"is {size.width()} wide, needs {need.width()}"
    if need.height() > 0 and size.height() < need.height():
        return f"is {size.height()} high, needs {need.height()}"
    if isinstance(widget, QComboBox) and combo_text_cut(widget):
        return "cuts its text short"
    return ""


def qt_own(widget) -> bool:
    """Parts Qt sizes inside its own widgets: a combo's or spin box's line edit (the combo
    itself is checked), a tab bar's scroll arrows."""
    parent = widget.parentWidget()
    return parent is not None and any(parent.inherits(kind) for kind in (
        "QComboBox", "QAbstractSpinBox", "QTabBar"))


def describe(widget) -> str:
    text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
    return repr((widget.accessibleName() or text or widget.objectName())[:40])


class Survey:
    """Clipped widgets found on the pages looked at, each reported once."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.problems: list[str] = []
        self.reported: set[int] = set()

    def window(self, top, where: str) -> None:
        """Give the window the screen's room (or less), and say if it needs more."""
        top.resize(min(top.width(), SCREEN[0]), min(top.height(), SCREEN[1]))
        self.settle()
        need = top.minimumSizeHint().expandedTo(top.minimumSize())
        if need.width() > SCREEN[0] or need.height() > SCREEN[1]:
            self.problems.append(f"{where} needs {need.width()}x{need.height()}, more "
                                 f"than the screen")

    def page(self, top, where: str) -> None:
        self.settle()
        for kind in (QLabel, QAbstractButton, QComboBox, QLineEdit):
            for widget in top.findChildren(kind):
                if (not widget.isVisible() or widget.window() is not top or qt_own(widget)
                        or id(widget) in self.reported):
                    continue
                cut = clipping(widget)
                if cut:
                    self.reported.add(id(widget))
                    self.problems.append(f"{where}: {type(widget).__name__} "
                                         f"{describe(widget)} {cut}")

    def settle(self) -> None:
        QApplication.processEvents()
        self.qtbot.wait(10)


# -- a) text half as large again --------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nothing_is_clipped_with_text_half_as_large_again(
        large_text, open_window, team, complete_plan, qtbot, language):
    survey = Survey(qtbot)
    window = open_window(language)
    window.context.settings.me = team.teacher
    window.resize(*SCREEN)
    window.reload_students()
    survey.window(window, "main window")
    survey.page(window, "home")
    window.student_list.select(team.student.id)
    tabs = window.file_view.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        survey.page(window, f"file part {tabs.tabText(index)!r}")

    plan_window = window.plan_desk.open_plan(complete_plan.id)
    qtbot.waitExposed(plan_window)
    plan_window.resize(*SCREEN)
    survey.window(plan_window, "plan window")
    for row in range(plan_window.navigator.count()):
        plan_window.navigator.setCurrentRow(row)
        survey.page(plan_window, f"plan page {plan_window.navigator.item(row).text()!r}")
    plan_window.close()

    services = window.services
    services.review.submit(complete_plan.id, team.teacher)
    services.review.approve(complete_plan.id, team.principal)
    window.student_list.select(team.student.id)
    window.actions_by_name["record_observations"].trigger()
    entry = window.rhythm_desk.entry
    qtbot.waitExposed(entry)
    survey.window(entry, "observation entry")
    survey.page(entry, "observation entry")
    assert entry.keys.isVisible() and entry.keys.height() >= entry.keys.heightForWidth(
        entry.keys.width())  # the keys' help, all of it
    entry.close()

    dialog = NewStudentDialog(services, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    survey.window(dialog, "new-student dialog")
    survey.page(dialog, "new-student dialog")
    dialog.reject()
    assert survey.problems == [], "\n".join(survey.problems)


# -- b) colours in a light and a dark palette -------------------------------------------
def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def banner_colours(banner) -> tuple[QColor, QColor, QColor]:
    """As painted: the background (the commonest colour), the text (the pixel standing out
    most from it, right of the bar) and the bar at the start."""
    image = banner.grab().toImage()
    width, height = image.width(), image.height()
    bar_end = next(x for x in range(width) if image.pixel(x, height // 2) == image.pixel(
        width - 1, height // 2))  # where the bar gives way to the background
    pixels = Counter(image.pixel(x, y) for x in range(bar_end, width) for y in range(height))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(p) for p in pixels), key=lambda c: contrast(c, background))
    return background, text, QColor.fromRgb(image.pixel(0, height // 2))


@pytest.mark.parametrize("status", ["draft", "in_review", "approved"])
def test_the_plan_banner_is_readable_in_a_light_and_a_dark_palette(
        palette, window, team, complete_plan, qtbot, status):
    services = window.services
    if status != "draft":
        services.review.submit(complete_plan.id, team.teacher)
    if status == "approved":
        services.review.approve(complete_plan.id, team.principal)
    window.context.settings.me = team.teacher
    window.reload_students()
    window.student_list.select(team.student.id)
    plan_window = window.plan_desk.open_plan(complete_plan.id)
    qtbot.waitExposed(plan_window)
    background, text, bar = banner_colours(plan_window.banner)
    assert contrast(text, background) >= 4.5, (palette, status, text.name(), background.name())
    assert contrast(bar, background) >= 3, (palette, status, bar.name(), background.name())
    # The status is in the words, not only in the bar's colour.
    status_words = {"draft": "草稿", "in_review": "审阅中", "approved": "已批准"}[status]
    assert status_words in plan_window.banner.text()


def test_marked_text_is_readable_in_a_light_and_a_dark_palette(palette, qtbot):
    """Problems, warnings and what is done, on a window and in a list or table."""
    label = QLabel()
    qtbot.addWidget(label)
    for meaning in (PROBLEM, WARNING, DONE):
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            shade = text_tone(meaning, label, role)
            assert contrast(shade, label.palette().color(role)) >= 4.5, (palette, meaning, role)


# -- c) dates in the window's language --------------------------------------------------
def chinese_strftime(real):
    """time.strftime as a Chinese C library writes names (Python's dates format through
    it): for a system without a Chinese locale installed."""
    def strftime(form, moment=None):
        moment = time.localtime() if moment is None else moment
        month, weekday = moment[1], "一二三四五六日"[moment[6]]
        for code, text in (("%b", f"{month}月"), ("%B", f"{month}月"), ("%a", f"周{weekday}"),
                           ("%A", f"星期{weekday}")):
            form = form.replace(code, text)
        return real(form, moment)
    return strftime


@pytest.fixture
def chinese_computer(monkeypatch):
    """The computer's locale Chinese: Qt's default, and the C library's dates (the
    system's Chinese locale, or a stand-in where none is installed)."""
    kept_default = QLocale()
    kept_time = locale.setlocale(locale.LC_TIME)
    QLocale.setDefault(QLocale("zh_CN"))
    for name in ("zh_CN.UTF-8", "zh_CN.utf8", "zh_CN", "Chinese_China.936"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    else:
        monkeypatch.setattr(time, "strftime", chinese_strftime(time.strftime))
    yield
    locale.setlocale(locale.LC_TIME, kept_time)
    QLocale.setDefault(kept_default)


def test_an_english_window_writes_dates_in_english_on_a_chinese_computer(
        chinese_computer, open_window, qtbot):
    window = open_window("en")
    planner = window.rhythm_desk.open_planner()
    qtbot.waitExposed(planner)
    # 22 November 2026 is a Sunday: its week began on Monday the 16th.
    assert planner.title.text() == "16 Nov 2026 – 22 Nov"
    days = [planner.grid.horizontalHeaderItem(i).text()
            for i in range(planner.grid.columnCount())]
    assert days[:2] == ["Mon 16/11", "Tue 17/11"]
    assert planner._month_text() == "November 2026"
    chinese = re.compile("[\u3000-\u9fff]")
    assert not any(chinese.search(text) for text in [planner.title.text(), *days])
    planner.close()
