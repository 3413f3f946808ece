"""The progress chart and the revision comparison say what they show without colour: in
words a screen reader reads, in grey steps and hatches a black-and-white print keeps, in
signs and text marks; from the keyboard; and with text readable (4.5:1) in a light and in
a dark palette."""
from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from iep_studio.core.contrast import contrast
from iep_studio.core.iep.terms import objective_sentence
from iep_studio.core.progress import mastery as rules
from iep_studio.core.progress.trials import LEVEL_COLOURS, LEVEL_HATCHES, ORDER, PROMPT_LEVELS
from iep_studio.core.services.progress import ObjectiveProgress
from iep_studio.ui.i18n import current_language
from iep_studio.ui.plan.revision_compare import CURRENT, CHANGES, RevisionCompareDialog
from iep_studio.ui.qt import QAccessible, QColor, QPalette, Qt
from iep_studio.ui.student_file.progress_chart import ProgressChart, level_brushes
from iep_studio.ui.student_file.progress_tab import ProgressTab

from .conftest import dark_palette


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp):
    return qapp.style().standardPalette() if request.param == "light" else dark_palette()


def said(widget, what=QAccessible.Text.Description) -> str:
    """What a screen reader is told about the widget."""
    return QAccessible.queryAccessibleInterface(widget).text(what)


def series(trials: list[str], first: date = date(2026, 11, 2)) -> ObjectiveProgress:
    points = rules.points([(first + timedelta(days=i), t) for i, t in enumerate(trials)])
    rule = rules.Criterion()
    return ObjectiveProgress("o1", "fine_motor", "", "", "", rule, points,
                             rules.mastery(points, rule))


def test_the_chart_says_its_data_in_words_and_keeps_it_current(qtbot):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    language = current_language()
    assert said(chart) == chart.tr("Choose an objective to see its progress.")
    chart.show_progress(series(["IIIIIIIIIV", "IIIIIIIIVN"]), "在提示下握笔")
    description = said(chart)
    independent = PROMPT_LEVELS.label("I", language)
    verbal = PROMPT_LEVELS.label("V", language)
    not_done = PROMPT_LEVELS.label("N", language)
    # Per session: the day, the percent and the trials by prompt level.
    assert "2026-11-02" in description and "90%" in description
    assert f"{independent} 9" in description and f"{verbal} 1" in description
    assert "2026-11-03" in description and "80%" in description
    assert f"{not_done} 1" in description
    assert "80% × 3" in description  # the criterion
    assert "在提示下握笔" in said(chart, QAccessible.Text.Name)
    # New data: the description follows, mastered day included.
    chart.show_progress(series(["IIIIIIIIII"] * 3, date(2026, 11, 16)), "在提示下握笔")
    description = said(chart)
    assert "2026-11-02" not in description and "2026-11-18" in description
    assert "100%" in description
    assert chart.tr("mastered %1").replace("%1", "2026-11-18") in description


def test_neighbouring_prompt_levels_differ_in_grey_and_in_hatch():
    from iep_studio.reports.charts import HATCHES as PRINTED

    for a, b in zip(ORDER, ORDER[1:]):
        # Grey steps apart (relative luminance), not only hues apart.
        assert contrast(LEVEL_COLOURS[a], LEVEL_COLOURS[b]) >= 1.5, (a, b)
    # From least help to most, each level lighter than the one before: the order shows
    # in black and white too.
    from iep_studio.core.contrast import luminance
    greys = [luminance(LEVEL_COLOURS[code]) for code in ORDER[:-1]]
    assert greys == sorted(greys)
    # Every level its own hatch, on the screen and in print.
    assert len(set(LEVEL_HATCHES.values())) == len(ORDER)
    assert len({level_brushes(code)[1].style() for code in ORDER}) == len(ORDER)
    assert len({PRINTED[LEVEL_HATCHES[code]] for code in ORDER}) == len(ORDER)
    for code in ORDER:  # the hatch shows on its fill
        fill, hatch = level_brushes(code)
        assert contrast(fill.name(), hatch.color().name()) >= 2.5


def test_the_chart_text_is_readable_in_light_and_dark_palettes(qtbot, palette):
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.setPalette(palette)
    chart.resize(520, 320)
    chart.show_progress(series(["IIIIIIIIII"] * 3 + ["IVGMPFNIII"]), "在提示下握笔")
    colours = {name: colour.name() for name, colour in chart.colours().items()}
    assert colours["background"] == palette.color(QPalette.ColorRole.Base).name()
    for text in ("text", "criterion", "mastered"):
        assert contrast(colours[text], colours["background"]) >= 4.5, text
    for mark in ("line", "outline", "focus"):
        assert contrast(colours[mark], colours["background"]) >= 3, mark
    # Painted with them: the corner is the palette's background.
    image = chart.grab().toImage()
    assert image.pixelColor(6, 6).name() == colours["background"]


def test_the_chart_takes_the_focus_and_arrow_keys_walk_objectives_and_sessions(
        qtbot, services, team, complete_plan):
    first, second = complete_plan.goals[0].objectives
    for day, trials in (("2026-11-16", "IIIIIIIVVN"), ("2026-11-17", "IIIIIIIIIV")):
        services.observations.log(team.student.id, first.id, trials, observed_on=day)
    services.observations.log(team.student.id, second.id, "IIGG", observed_on="2026-11-18")
    tab = ProgressTab(SimpleNamespace(services=services))
    qtbot.addWidget(tab)
    tab.show_student(team.student)
    tab.resize(1000, 500)
    tab.show()
    qtbot.waitExposed(tab)
    chart = tab.chart
    language = current_language()
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    # A visible focus frame: the edge takes the focus colour, and loses it with the focus.
    focus = chart.colours()["focus"].name()
    assert chart.grab().toImage().pixelColor(1, chart.height() // 2).name() == focus
    assert objective_sentence(first, language) in said(chart, QAccessible.Text.Name)
    assert "2026-11-16" in said(chart) and "70%" in said(chart)

    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert tab.current_objective_id() == second.id and chart.hasFocus()
    assert objective_sentence(second, language) in said(chart, QAccessible.Text.Name)
    assert "2026-11-18" in said(chart) and "2026-11-16" not in said(chart)
    assert "50%" in said(chart)
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # the last one: it stays
    assert tab.current_objective_id() == second.id

    qtbot.keyClick(chart, Qt.Key.Key_Up)
    assert tab.current_objective_id() == first.id
    # Left and Right walk the sessions; the one chosen is in the name.
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.session_text(0) in said(chart, QAccessible.Text.Name)
    assert "2026-11-16" in said(chart, QAccessible.Text.Name)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert "2026-11-17" in said(chart, QAccessible.Text.Name)
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert "2026-11-16" in said(chart, QAccessible.Text.Name)

    tab.record_button.setFocus()
    qtbot.waitUntil(lambda: not chart.hasFocus())
    assert chart.grab().toImage().pixelColor(1, chart.height() // 2).name() != focus


@pytest.fixture
def comparison(qtbot, services, team, complete_plan):
    """The plan as submitted against a later version with a line changed, one removed
    and one added."""
    services.review.submit(complete_plan.id, team.teacher)
    dialog = RevisionCompareDialog(services.review, team.student.id, complete_plan)
    qtbot.addWidget(dialog)
    later = copy.deepcopy(dialog.snapshots[CURRENT])
    later["plan"]["title"] = "2026学年第一学期（修订）"
    later["goals"][0]["objectives"].pop()
    later["plan"]["transition"] = "升入四年级前与新班主任交接"
    dialog.snapshots[CURRENT] = later
    dialog.refresh()
    return dialog


def test_the_comparison_says_added_removed_and_changed_in_words(comparison):
    language = comparison.language
    kinds = {row.kind for row in comparison.rows}
    assert {"added", "removed", "changed"} <= kinds
    text = comparison.view.toPlainText()
    for kind, sign in (("added", "+"), ("removed", "\u2212"), ("changed", "~")):
        assert f"{sign} {CHANGES.label(kind, language)}" in text.replace("\xa0", " ")
    # Marked without colour too: removed text struck through, added bold, the characters
    # changed underlined.
    html = comparison.view.toHtml()
    removed = next(r for r in comparison.rows if r.kind == "removed")
    assert re.search(r"line-through[^>]*>" + re.escape(removed.left), html)
    assert re.search(r"font-weight:700[^>]*>" + re.escape("升入四年级前与新班主任交接"), html)
    assert re.search(r"underline[^>]*>（修订）", html)
    legend = comparison.legend.text()
    assert all(CHANGES.label(kind, language) in legend for kind in ("added", "removed",
                                                                      "changed"))


def test_the_comparison_rows_are_readable_in_light_and_dark_palettes(comparison, palette):
    comparison.setPalette(palette)
    colours = comparison.colours()
    text = palette.color(QPalette.ColorRole.Text).name()
    assert colours["changed"] != palette.color(QPalette.ColorRole.Base).name()  # still marked
    for background in ("changed", "removed", "added", "mark", "section"):
        assert contrast(text, colours[background]) >= 4.5, background
    for background in ("changed", "removed", "added"):  # the field names on each row
        assert contrast(colours["muted"], colours[background]) >= 4.5, background
    # The view was redrawn for the new palette.
    html = comparison.view.toHtml()
    assert colours["added"] in html and colours["removed"] in html


def test_the_domain_profile_takes_the_focus_to_be_read(qtbot):
    from iep_studio.ui.assessment.profile_window import ProfileChart

    chart = ProfileChart()
    qtbot.addWidget(chart)
    chart.show_profile([("social", [SimpleNamespace(independent=3, emerging=2)])],
                       ["2026-09-10"])
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert "2026-09-10 3+2" in said(chart)
