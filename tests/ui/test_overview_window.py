"""The school and district overview window (Teaching → School and district overview): the
counts, the checks with the classes that break them, the children behind a figure (only
those the reader may see) and opening one's file, the district's figures changed by an
administrator only, and every table written to Excel with its Chinese intact."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from iep_studio.core.access import Actor
from iep_studio.core.overview import make_key
from iep_studio.ui.overview.children_dialog import ChildrenDialog
from iep_studio.ui.qt import QFileDialog, QKeySequence, Qt

from .conftest import when_dialog_opens
from .test_text_size_and_palette import Survey, large_text  # noqa: F401 - a fixture


def enrol(services, school, count, placement, grade="三年级", class_name="2班", name="学生"):
    return [services.students.create(school.id, f"{name}{i + 1}", grade=grade,
                                     class_name=class_name, placement=placement,
                                     placement_start="2026-09-01") for i in range(count)]


def build_district(services):
    """城南小学: three children in regular classes in 三年级 2班 (one more than a class
    may have) and one in 四年级 1班; 城北小学: two, with no resource room recorded."""
    south = services.schools.create_school("城南小学")
    services.schools.update_school(south.id, {"has_resource_room": True,
                                              "resource_teachers": 1})
    north = services.schools.create_school("城北小学")
    crowded = enrol(services, south, 3, "regular_class", name="南")
    enrol(services, south, 1, "regular_class_resource_room", grade="四年级", class_name="1班",
          name="四")
    enrol(services, north, 2, "regular_class", class_name="1班", name="北")
    return south, north, crowded


def open_overview(window, qtbot):
    window.actions_by_name["overview"].trigger()
    overview = window.overview_window
    qtbot.waitExposed(overview)
    return overview


def shown(model) -> list[tuple]:
    return [row.cells for row in model.rows]


def double_click(qtbot, table, row: int) -> None:
    at = table.visualRect(table.model().index(row, 0)).center()
    # As the mouse does it: a press and release, then the second press.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_the_overview_opens_from_the_teaching_menu_with_the_counts(window, qtbot):
    build_district(window.services)
    action = window.actions_by_name["overview"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+O")
    teaching = next(a.menu() for a in window.menuBar().actions()
                    if a.menu() is not None and action in a.menu().actions())
    assert teaching.title() in ("教学(&T)", "&Teaching")
    overview = open_overview(window, qtbot)
    counts = overview.counts
    assert counts.by.currentData() == "school"
    assert shown(counts.model) == [("全部学生", 6), ("城北小学", 2), ("城南小学", 4)]
    assert counts.model.headings[0] == "学校"
    assert counts.model.rows[0].strong  # the total, in bold
    number = counts.model.index(1, 1)
    assert number.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    counts.choose("grade")
    assert shown(counts.model)[1:] == [("三年级", 5), ("四年级", 1)]
    counts.choose("placement")
    assert ("随班就读", 5) in shown(counts.model) and ("随班就读+资源教室", 1) in shown(
        counts.model)
    assert "2026-11-22" in overview.as_of.text() and "6名学生" in overview.as_of.text()
    # Opened again: the window is the same one, counted afresh.
    window.services.students.create(window.services.schools.list_schools()[0].id, "新生")
    overview.close()
    assert open_overview(window, qtbot) is overview
    assert overview.counts.model.rows[0].cells[1] == 7


def test_a_failed_check_shows_the_class_that_breaks_it(window, qtbot):
    south, _north, _crowded = build_district(window.services)
    checks = open_overview(window, qtbot).checks
    rows = {row.key: row for row in checks.model.rows}
    crowded = rows["check/regular_class_size"]
    assert crowded.cells[1:] == ("普通班每班随班就读学生不超过2人",
                                 "《山东省特殊教育条例（草案征求意见稿）》第二十一条", 1, 3)
    met = rows["check/special_class_size"]
    # Met or not is said in words and shown by an icon, not by colour alone.
    assert crowded.cells[0] != met.cells[0] and crowded.icon is not None
    assert met.icon is not None and met.cells[2:] == (
        "《山东省特殊教育条例（草案征求意见稿）》第二十一条", 0, 0)
    checks.table.setCurrentIndex(checks.model.index(
        list(rows).index("check/regular_class_size"), 0))
    assert shown(checks.breach_model) == [("城南小学 三年级 2班", "3名学生", 3)]
    assert checks.breach_model.rows[0].key == make_key("check", "regular_class_size", south.id,
                                                       "三年级", "2班")
    assert "普通班每班随班就读学生不超过2人" in checks.details.text()
    assert "2" in checks.details.text()  # the figure used


def test_a_figure_opens_its_children_and_one_opens_their_file(window, qtbot):
    _south, _north, crowded = build_district(window.services)
    window.reload_students()
    overview = open_overview(window, qtbot)
    checks = overview.checks
    overview.pages.setCurrentWidget(checks)
    row = next(i for i, r in enumerate(checks.model.rows)
               if r.key == "check/regular_class_size")
    checks.table.setCurrentIndex(checks.model.index(row, 0))
    seen = {}

    def look(dialog):
        assert isinstance(dialog, ChildrenDialog)
        seen["names"] = [cells[0] for cells in shown(dialog.model)]
        seen["class"] = {cells[3] for cells in shown(dialog.model)}
        dialog.table.setCurrentIndex(dialog.model.index(1, 0))
        dialog.open_button.click()

    when_dialog_opens(qtbot, look)
    double_click(qtbot, checks.breaches, 0)
    qtbot.waitUntil(lambda: "names" in seen)
    assert seen["names"] == sorted(child.full_name for child in crowded)
    assert seen["class"] == {"2班"}
    assert window.file_view.student.full_name == seen["names"][1]


def test_enter_on_an_attention_list_opens_it(window, qtbot):
    build_district(window.services)
    attention = open_overview(window, qtbot).attention
    assert shown(attention.model)[0] == ("没有已批准的计划", 6)
    assert shown(attention.model)[2] == ("2周以上没有观察记录", 6)
    seen = []
    when_dialog_opens(qtbot, lambda dialog: (seen.append(len(dialog.children)),
                                             seen.append(dialog.model.headings[-1]),
                                             dialog.reject()))
    attention.table.setFocus()
    attention.table.setCurrentIndex(attention.model.index(2, 0))
    qtbot.keyClick(attention.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == 6
    assert seen[1] != "安置形式"  # the last observation has its own column


def test_a_restricted_reader_neither_counts_nor_lists_a_child_they_may_not_see(
        open_window, team, another_child, qtbot):
    """张小明 is on 王丽's team; 李四 is not."""
    window = open_window()
    window.services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    overview = open_overview(window, qtbot)
    assert overview.counts.model.rows[0].cells == ("全部学生", 1)
    assert overview.hint.text() != overview.tr(
        "Double-click a row, or press Enter on it, to see the students behind its figure.")
    seen = []
    when_dialog_opens(qtbot, lambda dialog: (seen.extend(c.full_name for c in dialog.children),
                                             dialog.reject()))
    double_click(qtbot, overview.counts.table, 1)  # 城南小学
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["张小明"]


def test_an_administrator_changes_a_figure_and_the_check_follows(window, qtbot):
    build_district(window.services)
    overview = open_overview(window, qtbot)
    settings = overview.settings
    assert settings.value.isEnabled() and not settings.figures_note.isVisibleTo(settings)
    assert settings.save_school.isEnabled() and not settings.schools_note.isVisibleTo(settings)
    overview.pages.setCurrentWidget(settings)
    row = next(i for i, r in enumerate(settings.figures_model.rows)
               if r.key == "regular_class_max")
    settings.figures.setCurrentIndex(settings.figures_model.index(row, 0))
    assert settings.value.value() == 2 and settings.source.placeholderText().endswith("第二十一条")
    settings.value.setValue(3)
    settings.source.setText("区教育局2026年文件")
    settings.save_figure.click()
    crowded = next(r for r in overview.checks.model.rows if r.key == "check/regular_class_size")
    assert crowded.cells[1:] == ("普通班每班随班就读学生不超过3人", "区教育局2026年文件", 0, 0)
    assert overview.note.text()
    assert settings.figures_model.rows[row].cells[1:3] == (3, 2)
    assert settings.figures.currentIndex().row() == row  # the same figure stays chosen
    settings.reset_figure.click()
    crowded = next(r for r in overview.checks.model.rows if r.key == "check/regular_class_size")
    assert crowded.cells[3] == 1

    # A school's facts: 城北小学 has no resource room recorded, nor teachers.
    school_row = next(i for i, r in enumerate(settings.schools_model.rows)
                      if r.cells[0] == "城北小学")
    assert shown(settings.schools_model)[school_row][1:] == ("未填写", "未填写")
    settings.schools_table.setCurrentIndex(settings.schools_model.index(school_row, 0))
    settings.room.setCurrentIndex(settings.room.findData("yes"))
    settings.teachers.setValue(1)
    settings.save_school.click()
    north = next(s for s in window.services.schools.list_schools() if s.name == "城北小学")
    assert (north.has_resource_room, north.resource_teachers) == (True, 1)
    assert settings.schools_model.rows[school_row].cells[2] == 1


def test_only_an_administrator_changes_the_figures(open_window, team, qtbot):
    window = open_window()
    window.services.store.actor = Actor("acc-wang", "王丽", "resource_teacher", team.teacher)
    settings = open_overview(window, qtbot).settings
    for control in (settings.value, settings.source, settings.save_figure,
                    settings.reset_figure):
        assert not control.isEnabled()
    assert settings.figures_note.isVisibleTo(settings)
    assert settings.figures_model.rowCount() == 8  # read, not changed
    # A school's resource room and teachers are the district's records: read, not changed.
    for control in (settings.room, settings.teachers, settings.save_school):
        assert not control.isEnabled()
    assert settings.schools_note.isVisibleTo(settings)
    # Someone else signs in: their windows are built anew (as after a sign-out).
    window.overview_window.close()
    window.overview_window.deleteLater()
    window.overview_window = None
    window.services.store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)
    settings = open_overview(window, qtbot).settings
    assert not settings.save_school.isEnabled() and not settings.save_figure.isEnabled()


def test_every_table_is_written_to_excel_with_its_chinese(window, qtbot, tmp_path,
                                                         monkeypatch):
    build_district(window.services)
    overview = open_overview(window, qtbot)
    targets = iter([tmp_path / "按学校", tmp_path / "条例检查.xlsx", tmp_path / "学校情况.xlsx",
                    tmp_path / "名单.xlsx"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(next(targets)), ""))

    def cells(path):
        return [[cell.value for cell in row] for row in load_workbook(path).active.iter_rows()]

    written = overview.export()
    assert written == tmp_path / "按学校.xlsx"
    sheet = cells(written)
    assert sheet[0][0] == "学校"
    assert sheet[1:] == [["全部学生", 6], ["城北小学", 2], ["城南小学", 4]]  # numbers as numbers

    overview.pages.setCurrentWidget(overview.checks)
    sheet = cells(overview.export())
    assert ["普通班每班随班就读学生不超过2人", "《山东省特殊教育条例（草案征求意见稿）》第二十一条",
            overview.checks.tr("Not met"), "城南小学 三年级 2班", "3名学生", 3] in sheet
    assert len(sheet) == 1 + 5  # each check once: only one school or class breaks one

    overview.pages.setCurrentWidget(overview.settings)
    overview.activateWindow()
    qtbot.waitUntil(overview.isActiveWindow)
    overview.settings.schools_table.setFocus()
    sheet = cells(overview.export())
    assert sheet[1:] == [["城北小学", "未填写", "未填写"], ["城南小学", overview.settings.tr("Yes"), 1]]

    seen = []

    def export_list(dialog):
        seen.append(dialog.export())
        dialog.reject()

    when_dialog_opens(qtbot, export_list)
    overview.pages.setCurrentWidget(overview.counts)
    overview.show_children(overview.counts.model.rows[2].key, "城南小学")
    sheet = cells(seen[0])
    assert [row[0] for row in sheet[1:]] == ["南1", "南2", "南3", "四1"]
    assert sheet[1][1:4] == ["城南小学", "三年级", "2班"]


def test_the_figure_tables_are_well_behaved_models(window, qtbot, qtmodeltester):
    build_district(window.services)
    overview = open_overview(window, qtbot)
    for model in (overview.counts.model, overview.checks.model, overview.checks.breach_model,
                  overview.settings.figures_model):
        qtmodeltester.check(model)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_nothing_is_clipped_at_1280_by_720_with_large_text(large_text, open_window, qtbot,
                                                           language):
    window = open_window(language)
    build_district(window.services)
    overview = open_overview(window, qtbot)
    survey = Survey(qtbot)
    survey.window(overview, "overview")
    for index in range(overview.pages.count()):
        overview.pages.setCurrentIndex(index)
        survey.page(overview, f"overview, page {overview.pages.tabText(index)!r}")
    assert survey.problems == [], "\n".join(survey.problems)


def test_f5_counts_again_and_signing_out_closes_the_window(window, qtbot):
    south, _north, _crowded = build_district(window.services)
    overview = open_overview(window, qtbot)
    window.services.students.create(south.id, "新生")
    overview.activateWindow()
    qtbot.waitUntil(overview.isActiveWindow)
    qtbot.keyClick(overview, Qt.Key.Key_F5)
    assert overview.counts.model.rows[0].cells[1] == 7
    assert window.end_session()
    assert window.overview_window is None and not overview.isVisible()
