"""Section 4 (present levels, drawn from the assessments and edited in place) and
section 9 (related services and assistive devices), as tables with undo."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.iep.terms import SERVICE_KINDS
from ...core.vocabulary import DOMAINS
from ..widgets.dialogs import name_fields, ok_cancel, run_until_saved, show_problems
from ..widgets.fields import ChoiceField, DateField, FieldWithError, TextArea, TextField
from ..editing.file_editing import FileEditing
from ..i18n import current_language
from .plan_pages import ScrollPage
from ..qt import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QPushButton,
    QTableWidget, QTableWidgetItem, Qt, QVBoxLayout, QWidget,
)
from ..widgets.record_table import RecordTable, fit_text_columns
from ..student_list import vocabulary_combo

from ...core.services.plans import SERVICE_FIELDS


class PresentLevelsPage(ScrollPage):
    """Levels per domain. Typing in a cell saves the whole list (one undo step)."""

    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(self.tr("Present levels"), self.tr(
            "Drawn from the latest assessment of each domain when the plan was made. Edit "
            "the text in place; refill after a new assessment."), parent)
        self.editing = editing
        self.plan = None
        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Domain"), self.tr("Present level"),
                                              self.tr("Source")])
        self.table.setAccessibleName(self.tr("Present levels"))
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        fit_text_columns(self.table, 1)  # the present level
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 10)  # ten lines
        self.table.itemChanged.connect(lambda _item: self._save_table())
        self.domain = QComboBox()
        vocabulary_combo(self.domain, DOMAINS, None)
        self.domain.setAccessibleName(self.tr("Domain to add"))
        self.add = QPushButton(self.tr("Add domain"))
        self.remove = QPushButton(self.tr("Remove"))
        self.refill = QPushButton(self.tr("Fill from the latest assessments"))
        buttons = QHBoxLayout()
        for widget in (self.domain, self.add, self.remove):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.refill)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(buttons)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.refill.clicked.connect(self._refill)

    def show_plan(self, plan, read_only: bool) -> None:
        self.plan = plan
        language = current_language()
        self.table.blockSignals(True)
        self.table.setRowCount(len(plan.present_levels))
        for row, level in enumerate(plan.present_levels):
            for column, text in enumerate((DOMAINS.label(level.domain, language), level.level,
                                           level.source)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, level.domain)
                if column == 0 or read_only:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        for widget in (self.add, self.remove, self.refill, self.domain):
            widget.setEnabled(not read_only)

    def _rows(self) -> list[dict]:
        return [{"domain": self.table.item(r, 0).data(Qt.ItemDataRole.UserRole),
                 "level": self.table.item(r, 1).text(), "source": self.table.item(r, 2).text()}
                for r in range(self.table.rowCount())]

    def _write(self, text: str, levels: list[dict]) -> None:
        plans, plan_id = self.editing.services.plans, self.plan.id
        self.editing.try_change(text, plan_id,
                                lambda _s: plans.set_present_levels(plan_id, levels),
                                lambda before: plans.set_present_levels(plan_id, before))

    def _save_table(self) -> None:
        self._write(self.tr("Edit present level"), self._rows())

    def _add(self) -> None:
        self._write(self.tr("Add present level"),
                    [*self._rows(), {"domain": self.domain.currentData(), "level": "",
                                     "source": ""}])

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            rows = self._rows()
            del rows[row]
            self._write(self.tr("Remove present level"), rows)

    def _refill(self) -> None:
        plans, plan_id = self.editing.services.plans, self.plan.id
        self.editing.try_change(self.tr("Fill present levels from assessments"), plan_id,
                                lambda _s: plans.refill_present_levels(
                                    plan_id, current_language()),
                                lambda before: plans.set_present_levels(plan_id, before))


class ServiceDialog(QDialog):
    def __init__(self, values: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Related service or device"))
        self.kind = ChoiceField()
        vocabulary_combo(self.kind, SERVICE_KINDS, None)
        self.name, self.frequency, self.provider = TextField(), TextField(), TextField()
        self.place, self.start_date, self.end_date = TextField(), DateField(), DateField()
        self.note = TextArea()
        self.frequency.setPlaceholderText(self.tr("e.g. twice a week, 30 minutes"))
        self.place.setPlaceholderText(self.tr("e.g. the district rehabilitation centre"))
        self.holders = {}
        form = QFormLayout()
        for key, label, widget in (
                ("kind", self.tr("Kind:"), self.kind), ("name", self.tr("Name:"), self.name),
                ("frequency", self.tr("How often:"), self.frequency),
                ("provider", self.tr("Provided by:"), self.provider),
                ("place", self.tr("Where:"), self.place),
                ("start_date", self.tr("Starts:"), self.start_date),
                ("end_date", self.tr("Ends:"), self.end_date),
                ("note", self.tr("Note:"), self.note)):
            self.holders[key] = FieldWithError(widget)
            form.addRow(label, self.holders[key])
            widget.set_value(values.get(key))
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(440, self.sizeHint().height())

    def values(self) -> dict:
        return {"kind": self.kind.value(), "name": self.name.value(),
                "frequency": self.frequency.value(), "provider": self.provider.value(),
                "place": self.place.value(), "start_date": self.start_date.value(),
                "end_date": self.end_date.value(), "note": self.note.value()}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


def service_dates(service) -> str:
    """2026-09-15 – 2027-01-15; an open end is left blank beside its dash."""
    if not (service.start_date or service.end_date):
        return ""
    return " – ".join(day.isoformat() if day else "" for day in (service.start_date,
                                                                  service.end_date)).strip()


class ServicesPage(ScrollPage):
    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(self.tr("Related services and assistive devices"), self.tr(
            "Therapy, rehabilitation and other services with how often and who provides "
            "them; devices the student uses."), parent)
        self.editing = editing
        self.plan = None
        self.records = RecordTable([self.tr("Kind"), self.tr("Name"), self.tr("How often"),
                                    self.tr("Provided by"), self.tr("Dates"), self.tr("Where"),
                                    self.tr("Note")],
                                   self.tr("Related services and devices"))
        self.records.table.setMinimumHeight(self.records.table.fontMetrics().lineSpacing() * 10)
        self.records.fit_columns(1, 6)  # the name, the note
        self.layout_.addWidget(self.records, 1)
        self.records.add_requested.connect(self._add)
        self.records.edit_requested.connect(self._edit)
        self.records.remove_requested.connect(self._remove)
        self.records.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def show_plan(self, plan, read_only: bool) -> None:
        self.plan = plan
        language = current_language()
        self.records.set_rows([(s.id, [SERVICE_KINDS.label(s.kind, language), s.name,
                                       s.frequency, s.provider, service_dates(s), s.place,
                                       s.note]) for s in plan.services])
        self.records.add_button.setEnabled(not read_only)
        self._read_only = read_only
        if read_only:
            self.records.edit_button.setEnabled(False)
            self.records.remove_button.setEnabled(False)

    def _add(self) -> None:
        plans, plan_id = self.editing.services.plans, self.plan.id

        def save(values):
            self.editing.change(self.tr("Add service"), plan_id,
                                lambda sid: plans.add_service(plan_id, values, id=sid).id,
                                lambda sid: plans.remove_service(sid)["id"])
        run_until_saved(ServiceDialog({}, self), save)

    def _edit(self, service_id: str) -> None:
        if self._read_only:
            return
        plans, plan_id = self.editing.services.plans, self.plan.id
        service = next(s for s in self.plan.services if s.id == service_id)
        before = {f: getattr(service, f) for f in SERVICE_FIELDS}

        def save(values):
            self.editing.change(self.tr("Edit service"), plan_id,
                                lambda _s: plans.update_service(service_id, values),
                                lambda _s: plans.update_service(service_id, before))
        run_until_saved(ServiceDialog(before, self), save)

    def _remove(self, service_id: str) -> None:
        plans, plan_id = self.editing.services.plans, self.plan.id
        self.editing.try_change(self.tr("Remove service"), plan_id,
                                lambda _s: plans.remove_service(service_id),
                                lambda kept: plans.restore_service(kept).id)
