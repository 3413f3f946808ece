"""Making a new student file: the few facts needed to start; the rest is filled in later."""
from __future__ import annotations

from ...core.errors import IepStudioError, InvalidInput
from ...core.vocabulary import CATEGORIES, DEGREES, PLACEMENTS, SEXES
from ..widgets.dialogs import name_fields, ok_cancel, show_problems
from ..widgets.fields import ChoiceField, DateField, FieldWithError, TextField
from ..i18n import current_language, error_text
from ..qt import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget,
)
from ..student_list import vocabulary_combo


class NewStudentDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None, school_id: str | None = None):
        super().__init__(parent)
        self.services = services
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("New student file"))
        language = current_language()
        self.full_name = TextField()
        self.student_number = TextField()
        self.school = QComboBox()
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for school in services.schools.list_schools():
            self.school.addItem(school.name, school.id)
        self.school.lineEdit().setPlaceholderText(self.tr("Choose, or type a new school's name"))
        if school_id:
            self.school.setCurrentIndex(max(self.school.findData(school_id), 0))
        self.sex = ChoiceField()
        self.sex.addItem(self.tr("(not set)"), "")
        for term in SEXES:
            self.sex.addItem(term.label(language), term.code)
        self.birth_date = DateField()
        self.grade = TextField()
        self.class_name = TextField()
        self.category = ChoiceField()
        self.category.addItem(self.tr("(not yet known)"), "")
        vocabulary_combo(self.category, CATEGORIES, None)
        self.degree = ChoiceField()
        self.degree.addItem(self.tr("(degree not set)"), "")
        vocabulary_combo(self.degree, DEGREES, None)
        self.placement = ChoiceField()
        # A file may begin at the referral, before the district decides the placement.
        vocabulary_combo(self.placement, PLACEMENTS,
                         self.tr("Not placed yet (referral in progress)"))
        self.placement.set_value("regular_class_resource_room")

        self.holders: dict[str, FieldWithError] = {}
        form = QFormLayout()
        category_row = QHBoxLayout()
        category_row.addWidget(self.category, 2)
        category_row.addWidget(self.degree, 1)
        category_box = QWidget()
        category_box.setLayout(category_row)
        category_row.setContentsMargins(0, 0, 0, 0)
        for key, label, widget in (
                ("full_name", self.tr("&Name:"), self.full_name),
                ("student_number", self.tr("Student n&umber:"), self.student_number),
                ("school_id", self.tr("&School:"), self.school),
                ("sex", self.tr("Se&x:"), self.sex),
                ("birth_date", self.tr("&Birth date:"), self.birth_date),
                ("grade", self.tr("&Grade:"), self.grade),
                ("class_name", self.tr("&Class:"), self.class_name),
                ("categories", self.tr("C&ategory:"), category_box),
                ("placement", self.tr("&Placement:"), self.placement)):
            holder = FieldWithError(widget)
            self.holders[key] = holder
            form.addRow(label, holder)
        name_fields(form)  # the category's label names its first combo; the degree:
        self.degree.setAccessibleName(self.tr("Degree"))
        buttons = ok_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _school(self) -> tuple[str | None, str]:
        """(id of a known school, or None) and the name of a school not seen before."""
        text = self.school.currentText().strip()
        index = self.school.findText(text)
        if index >= 0:
            return self.school.itemData(index), ""
        return None, text  # made together with the file, only if the file is valid

    def save(self) -> None:
        category = self.category.value()
        school_id, new_school = self._school()
        try:
            student = self.services.students.create(
                school_id, self.full_name.value(), new_school=new_school,
                categories=[(category, self.degree.value())] if category else [],
                placement=self.placement.value(),
                student_number=self.student_number.value(), sex=self.sex.value(),
                birth_date=self.birth_date.value(), grade=self.grade.value(),
                class_name=self.class_name.value())
        except InvalidInput as error:
            show_problems(self.holders, error)
            first = next((k for k in self.holders if error.for_field(k)), None)
            if first:
                self.holders[first].setFocus()
            return
        except IepStudioError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return
        self.created_id = student.id
        self.accept()
