"""The overview's Settings page: the figures the checks and the attention lists compare
with (the district's to change: administrators only, everyone else reads them), and what
the district records of each school (a resource room, its number of resource teachers),
which the checks use."""
from __future__ import annotations

from ...core.access.rules import ADMINISTRATOR
from ...core.errors import IepStudioError
from ...core.overview import RuleSetting
from ...core.overview.figures import NOT_RECORDED
from ..i18n import current_language, error_text
from ..qt import (
    QApplication, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QSpinBox, QVBoxLayout, QWidget, Signal,
)
from ..widgets.dialogs import name_fields
from .figure_table import FigureModel, Row, figure_view, model_rows
from .intake_steps_dialog import IntakeStepsDialog

ROOM_CHOICES = ("", "yes", "no")  # not recorded, has one, has none
ROOM_VALUES = {"": None, "yes": True, "no": False}


class SettingsPage(QWidget):
    """Signals: changed(str): a figure or a school's facts were saved (the words say
    which); the window counts again."""

    changed = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.language = current_language()
        actor = services.store.actor
        self.may_set_figures = actor is None or actor.may_write("district_rule")
        # A school's resource room and teachers decide its staffing checks: the district
        # keeps them (the store refuses anyone else's change), so a school cannot correct
        # its own breaches away.
        self.may_edit_schools = actor is None or actor.role == ADMINISTRATOR
        self.settings: tuple[RuleSetting, ...] = ()
        self.schools: list = []
        layout = QVBoxLayout(self)
        self.figures_box, self.schools_box = self._figures_box(), self._schools_box()
        layout.addWidget(self.figures_box, 3)
        layout.addWidget(self.schools_box, 2)
        # The district's steps from referral to placement: a list edited in a dialog of
        # its own (administrators; everyone else reads it there).
        self.intake_steps_button = QPushButton(self.tr("Steps from referral to &placement…"))
        self.intake_steps_button.clicked.connect(self.edit_intake_steps)
        steps_row = QHBoxLayout()
        steps_row.addWidget(self.intake_steps_button)
        steps_row.addStretch(1)
        layout.addLayout(steps_row)
        # Which of the two tables "Export to Excel" writes: the one last worked in (the
        # button itself takes the focus when clicked).
        self.exported = self.figures
        QApplication.instance().focusChanged.connect(self._focus_moved)

    # -- building -------------------------------------------------------------------------
    def _figures_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Figures the checks and lists use"))
        self.figures_model = FigureModel([self.tr("Setting"), self.tr("Value"),
                                          self.tr("Default"), self.tr("Source")], self)
        self.figures = figure_view(self.figures_model, self.tr("The district's figures"),
                                   text_columns=(0, 3), parent=box)
        self.value = QSpinBox()
        self.source = QLineEdit()
        self.source.setClearButtonEnabled(True)
        self.save_figure = QPushButton(self.tr("S&ave"))
        self.reset_figure = QPushButton(self.tr("Reset to &default"))
        form = QFormLayout()
        # A number or a choice as wide as it needs; the source's words get the width.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Value:"), self.value)
        form.addRow(self.tr("So&urce:"), self.source)
        name_fields(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_figure)
        buttons.addWidget(self.reset_figure)
        buttons.addStretch(1)
        self.figures_note = QLabel(self.tr(
            "Only an administrator can change these figures. They apply to every school."))
        self.figures_note.setWordWrap(True)
        self.figures_note.setVisible(not self.may_set_figures)
        for widget in (self.value, self.source, self.save_figure, self.reset_figure):
            widget.setEnabled(self.may_set_figures)
        inner = QVBoxLayout(box)
        inner.addWidget(self.figures, 1)
        inner.addWidget(self.figures_note)
        inner.addLayout(form)
        inner.addLayout(buttons)
        self.figures.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._figure_chosen(current.row()))
        self.save_figure.clicked.connect(self.set_figure)
        self.reset_figure.clicked.connect(self.reset)
        return box

    def _schools_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("What the district records of each school"))
        self.schools_model = FigureModel([self.tr("School"), self.tr("Resource room"),
                                          self.tr("Resource teachers")], self)
        self.schools_table = figure_view(self.schools_model, self.tr("Schools"), parent=box)
        self.room = QComboBox()
        for code, text in zip(ROOM_CHOICES, (NOT_RECORDED.label(self.language),
                                             self.tr("Yes"), self.tr("No"))):
            self.room.addItem(text, code)
        self.teachers = QSpinBox()
        self.teachers.setRange(-1, 200)  # -1: not recorded, shown in words
        self.teachers.setSpecialValueText(NOT_RECORDED.label(self.language))
        self.save_school = QPushButton(self.tr("Save the sc&hool's facts"))
        form = QFormLayout()
        # A number or a choice as wide as it needs; the source's words get the width.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Resource room:"), self.room)
        form.addRow(self.tr("R&esource teachers:"), self.teachers)
        name_fields(form)
        for widget in (self.room, self.teachers, self.save_school):
            widget.setEnabled(self.may_edit_schools)
        self.schools_note = QLabel(self.tr(
            "These are the district's records, kept by the administrator: only an "
            "administrator can change them."))
        self.schools_note.setWordWrap(True)
        self.schools_note.setVisible(not self.may_edit_schools)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_school)
        buttons.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.schools_table, 1)
        inner.addWidget(self.schools_note)
        inner.addLayout(form)
        inner.addLayout(buttons)
        self.schools_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._school_chosen(current.row()))
        self.save_school.clicked.connect(self.save_school_facts)
        return box

    def _focus_moved(self, _old, new) -> None:
        for box, table in ((self.figures_box, self.figures),
                           (self.schools_box, self.schools_table)):
            if new is not None and box.isAncestorOf(new):
                self.exported = table

    def export_table(self):
        if self.exported is self.schools_table:
            return (self.tr("What the district records of each school"),
                    self.schools_model.headings, model_rows(self.schools_model))
        return (self.tr("Figures the checks and lists use"), self.figures_model.headings,
                model_rows(self.figures_model))

    # -- showing --------------------------------------------------------------------------
    def show_settings(self, settings: tuple[RuleSetting, ...], schools: list) -> None:
        """The district's figures and the schools, keeping the row chosen on each."""
        language = self.language
        keep_figure = self.figures_model.key(self.figures.currentIndex().row())
        keep_school = self.schools_model.key(self.schools_table.currentIndex().row())
        self.settings, self.schools = tuple(settings), list(schools)
        self.figures_model.set_rows([Row((s.label(language), s.value, s.default,
                                          s.source(language)), key=s.key)
                                     for s in self.settings])
        self.schools_model.set_rows([Row((school.name, self._room_text(school),
                                          self._teachers_cell(school)), key=school.id)
                                     for school in self.schools])
        self._choose(self.figures, self.figures_model, keep_figure)
        self._choose(self.schools_table, self.schools_model, keep_school)
        self._figure_chosen(self.figures.currentIndex().row())
        self._school_chosen(self.schools_table.currentIndex().row())

    def _room_text(self, school) -> str:
        if school.has_resource_room is None:
            return NOT_RECORDED.label(self.language)
        return self.tr("Yes") if school.has_resource_room else self.tr("No")

    def _teachers_cell(self, school):
        return (NOT_RECORDED.label(self.language) if school.resource_teachers is None
                else school.resource_teachers)

    @staticmethod
    def _choose(view, model, key: str) -> None:
        for row in range(model.rowCount()):
            if model.key(row) == key:
                view.setCurrentIndex(model.index(row, 0))
                return

    def _figure_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.settings):
            return
        setting = self.settings[row]
        threshold = setting.threshold
        self.value.setRange(threshold.lowest, threshold.highest)
        self.value.setValue(setting.value)
        self.source.setText(setting.own_source)
        # Left empty, the source is the default's: shown greyed as what applies.
        self.source.setPlaceholderText(threshold.source.label(self.language))

    def _school_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.schools):
            return
        school = self.schools[row]
        code = "" if school.has_resource_room is None else (
            "yes" if school.has_resource_room else "no")
        self.room.setCurrentIndex(ROOM_CHOICES.index(code))
        self.teachers.setValue(-1 if school.resource_teachers is None
                               else school.resource_teachers)

    # -- changing -------------------------------------------------------------------------
    def current_setting(self) -> RuleSetting | None:
        row = self.figures.currentIndex().row()
        return self.settings[row] if 0 <= row < len(self.settings) else None

    def set_figure(self) -> bool:
        setting = self.current_setting()
        if setting is None:
            return False
        return self._attempt(lambda: self.services.overview.set_rule(
            setting.key, self.value.value(), self.source.text().strip()),
            self.tr("The figure was saved; the checks and lists were counted again."))

    def reset(self) -> bool:
        setting = self.current_setting()
        if setting is None:
            return False
        return self._attempt(lambda: self.services.overview.reset_rule(setting.key),
                             self.tr("The figure is back to its default; the checks and "
                                     "lists were counted again."))

    def save_school_facts(self) -> bool:
        row = self.schools_table.currentIndex().row()
        if not 0 <= row < len(self.schools):
            return False
        teachers = self.teachers.value()
        changes = {"has_resource_room": ROOM_VALUES[ROOM_CHOICES[self.room.currentIndex()]],
                   "resource_teachers": None if teachers < 0 else teachers}
        school_id = self.schools[row].id
        return self._attempt(lambda: self.services.schools.update_school(school_id, changes),
                             self.tr("The school's facts were saved; the checks were "
                                     "counted again."))

    def edit_intake_steps(self) -> bool:
        dialog = IntakeStepsDialog(self.services, self)
        try:
            dialog.exec()
            if dialog.saved:
                self.changed.emit(self.tr("The district's steps were saved; the files and "
                                          "the counts follow them."))
            return dialog.saved
        finally:
            dialog.deleteLater()

    def _attempt(self, change, done: str) -> bool:
        try:
            change()
        except IepStudioError as error:  # a figure out of range, a role that may not
            QMessageBox.warning(self, self.tr("Settings"), error_text(error))
            return False
        self.changed.emit(done)
        return True
