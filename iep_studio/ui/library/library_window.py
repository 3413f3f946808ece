"""The course-unit library: find units by kind, domain, apparatus, situation, age and
text in either language; preview; copy and adapt; import, export; make a lesson."""
from __future__ import annotations

from pathlib import Path

from ...core.errors import IepStudioError
from ...core.units.search import UnitFilter
from ...core.vocabulary import (
    AGE_BANDS, DOMAINS, UNIT_KIND_TAGS, UNIT_KINDS,
)
from ..i18n import current_language, error_text
from ..qt import (
    QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QSettings, QSplitter, Qt, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
    Signal,
)
from ..student_list import vocabulary_combo
from .unit_preview import unit_html
from ..window_size import open_at_size

class LibraryWindow(QWidget):
    """Signals: lesson_made(str lesson id)."""

    lesson_made = Signal(str)

    def __init__(self, services, settings_dir: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.services = services
        self.settings_dir = settings_dir
        self.setWindowTitle(self.tr("Course-unit library"))
        self.language = current_language()
        self._entries = {}
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search units in Chinese or English…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search units"))
        self.kind = self._combo(UNIT_KINDS, self.tr("All kinds"), self.tr("Kind filter"))
        self.domain = self._combo(DOMAINS, self.tr("All domains"), self.tr("Domain filter"))
        self.apparatus = self._combo(services.unit_centres.vocabulary("apparatus"),
                                     self.tr("All apparatus"), self.tr("Apparatus filter"))
        self.situation = self._combo(services.unit_centres.vocabulary("situation"),
                                     self.tr("All situations"), self.tr("Situation filter"))
        self.age_band = self._combo(AGE_BANDS, self.tr("All ages"), self.tr("Age filter"))
        self.units = QListWidget()
        self.units.setAccessibleName(self.tr("Course units"))
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Unit preview"))
        self.duplicate_button = QPushButton(self.tr("&Copy and adapt"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.lesson_button = QPushButton(self.tr("Make a &lesson…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.plan_button = QPushButton(self.tr("Lesson &plan (Word, PDF)…"))
        self.import_button = QPushButton(self.tr("&Import folder…"))
        self.remove_button = QPushButton(self.tr("&Remove"))

        filters = QHBoxLayout()
        for combo in (self.kind, self.domain, self.apparatus, self.situation, self.age_band):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            filters.addWidget(combo, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_field)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.units, 1)
        buttons = QHBoxLayout()
        for button in (self.duplicate_button, self.edit_button, self.lesson_button,
                       self.plan_button, self.export_button, self.import_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([480, 620])
        units_page = QWidget()
        units_layout = QVBoxLayout(units_page)
        units_layout.addWidget(splitter, 1)
        units_layout.addLayout(buttons)
        from ..plan.goal_bank_panel import GoalBankPanel

        self.goal_bank = GoalBankPanel(services.library)
        self.pages = QTabWidget()
        self.pages.addTab(units_page, self.tr("Course &units"))
        self.pages.addTab(self.goal_bank, self.tr("&Goal bank"))
        from .own_goals_panel import OwnGoalsPanel

        self.own_goals = OwnGoalsPanel(services)
        self.own_goals.changed.connect(self.goal_bank.refresh)  # found there at once
        self.pages.addTab(self.own_goals, self.tr("&Our school's goals"))
        from .instruments_panel import InstrumentsPanel

        self.instruments = InstrumentsPanel(services)
        self.pages.addTab(self.instruments, self.tr("Assessment i&nstruments"))
        from .apparatus_panel import ApparatusPanel

        self.apparatus_panel = ApparatusPanel(services)
        self.pages.addTab(self.apparatus_panel, self.tr("&Apparatus and situations"))
        self.pages.currentChanged.connect(self._page_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        open_at_size(self, 1200, 760)

        self.search_field.textChanged.connect(self.refresh)
        for combo in (self.kind, self.domain, self.apparatus, self.situation, self.age_band):
            combo.currentIndexChanged.connect(self.refresh)
        self.units.currentItemChanged.connect(self._show_current)
        self.units.itemActivated.connect(lambda _item: self.make_lesson())
        self.duplicate_button.clicked.connect(self.duplicate)
        self.edit_button.clicked.connect(self.edit)
        self.lesson_button.clicked.connect(self.make_lesson)
        self.export_button.clicked.connect(self.export)
        self.plan_button.clicked.connect(self.lesson_plan)
        self.import_button.clicked.connect(self.import_folder)
        self.remove_button.clicked.connect(self.remove)
        self.refresh()

    def _page_shown(self, _index: int) -> None:
        """Back on the units, the filters offer what the school has added meanwhile."""
        if self.pages.currentIndex() == 0:
            self._fill_centre_filters()

    def _fill_centre_filters(self) -> None:
        centres = self.services.unit_centres
        for combo, kind, any_text in ((self.apparatus, "apparatus", self.tr("All apparatus")),
                                      (self.situation, "situation", self.tr("All situations"))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            vocabulary_combo(combo, centres.vocabulary(kind), any_text)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def _combo(self, vocabulary, any_text: str, name: str) -> QComboBox:
        combo = QComboBox()
        vocabulary_combo(combo, vocabulary, any_text)
        combo.setAccessibleName(name)
        return combo

    def current_filter(self) -> UnitFilter:
        return UnitFilter(query=self.search_field.text(), kind=self.kind.currentData() or "",
                          domain=self.domain.currentData() or "",
                          apparatus=self.apparatus.currentData() or "",
                          situation=self.situation.currentData() or "",
                          age_band=self.age_band.currentData() or "")

    def refresh(self, *_args, select: str | None = None) -> None:
        select = select or self.current_id()
        entries = self.services.library.search_units(self.current_filter())
        self._entries = {e.unit.id: e for e in entries}
        self.units.blockSignals(True)
        self.units.clear()
        for entry in entries:
            mark = UNIT_KIND_TAGS.label(entry.unit.kind, self.language)
            mine = "" if entry.shipped else self.tr(" (mine)")
            item = QListWidgetItem(f"【{mark}】{entry.unit.title.get(self.language)}{mine}")
            item.setData(Qt.ItemDataRole.UserRole, entry.unit.id)
            item.setToolTip(entry.unit.summary.get(self.language))
            self.units.addItem(item)
            if entry.unit.id == select:
                self.units.setCurrentItem(item)
        self.units.blockSignals(False)
        if self.units.currentItem() is None and self.units.count():
            self.units.setCurrentRow(0)
        self._show_current()

    def current_id(self) -> str | None:
        item = self.units.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_entry(self):
        return self._entries.get(self.current_id() or "")

    def _show_current(self, *_args) -> None:
        entry = self.current_entry()
        self.preview.setHtml(unit_html(entry.unit, self.language,
                                                   self.services.unit_centres) if entry else
                             self.tr("No unit matches. Clear the search or the filters."))
        for button in (self.duplicate_button, self.lesson_button, self.export_button):
            button.setEnabled(entry is not None)
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(entry is not None and not entry.shipped)

    # -- actions --------------------------------------------------------------------------
    def duplicate(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        try:
            copy = self.services.library.duplicate(entry.unit.id)
        except IepStudioError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return
        self.refresh(select=copy.unit.id)
        self.edit()

    def edit(self) -> None:
        from .unit_editor import UnitEditor

        entry = self.current_entry()
        if entry is None or entry.shipped:
            return
        editor = UnitEditor(self.services.library, entry, self)
        if editor.exec() and editor.saved is not None:
            self.refresh(select=editor.saved.unit.id)
        editor.deleteLater()

    def lesson_plan(self) -> None:
        """The chosen unit as a lesson plan to print or hand to a colleague."""
        from ...reports.teaching_documents import lesson_document, lesson_file_stem
        from ..documents.export_dialog import export_single

        entry = self.current_entry()
        if entry is None:
            return
        window = self.parent()
        state = getattr(window, "state", None) or QSettings()
        settings = getattr(getattr(window, "context", None), "settings", None)
        me = getattr(settings, "me", "") or ""  # the teacher named on the plan
        export_single(self, state, settings, "lesson", lambda language: (
            lesson_document(self.services, language, unit_id=entry.unit.id, me=me),
            lesson_file_stem(self.services, language, unit_id=entry.unit.id)))

    def make_lesson(self) -> None:
        from .lesson_dialog import LessonDialog

        entry = self.current_entry()
        if entry is None:
            return
        dialog = LessonDialog(self.services, entry.unit, self)
        if dialog.exec() and dialog.lesson_id:
            self.lesson_made.emit(dialog.lesson_id)
        dialog.deleteLater()

    def export(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export unit"), f"{entry.unit.id}.yaml", self.tr("Unit files (*.yaml)"))
        if not path:
            return
        try:
            self.services.library.export_unit(entry.unit.id, Path(path))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export unit"), self.tr(
                "The file could not be written: %1").replace("%1", error.strerror or str(error)))

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import unit files"))
        if not folder:
            return
        saved, problems = self.services.library.import_folder(Path(folder))
        self.show_import_report(saved, problems)
        self.refresh(select=saved[0] if saved else None)

    def show_import_report(self, saved: list[str], problems) -> None:
        from ..i18n import translate_units

        text = self.tr("%1 unit(s) imported.").replace("%1", str(len(saved)))
        if problems:
            text += "\n\n" + self.tr("These files were not imported:") + "\n" + "\n".join(
                f"{p.where()}: {p.text(translate_units)}" for p in problems)
        QMessageBox.information(self, self.tr("Import unit files"), text)

    def remove(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.shipped:
            return
        answer = QMessageBox.question(self, self.tr("Remove unit"), self.tr(
            "Remove \u201c%1\u201d from your library? Lessons already given keep their copy.")
            .replace("%1", entry.unit.title.get(self.language)))
        if answer == QMessageBox.StandardButton.Yes:
            self.services.library.remove_unit(entry.unit.id)
            self.refresh()
