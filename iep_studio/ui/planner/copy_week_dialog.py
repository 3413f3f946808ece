"""The week planner's copy dialog: which week this week's activities and sessions go to."""
from __future__ import annotations

from datetime import date, timedelta

from ..qt import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget
from ..widgets.dialogs import name_fields, ok_cancel, show_problems
from ..widgets.fields import DateField, FieldWithError


class CopyWeekDialog(QDialog):
    def __init__(self, source: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Copy this week forward"))
        self.target = DateField()
        self.target.set_value(source + timedelta(days=7))
        self.holder = FieldWithError(self.target)
        form = QFormLayout()
        form.addRow(self.tr("Into the week of:"), self.holder)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The activities and sessions of this week are copied "
                                        "to the same days and times of the week you choose.")))
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def values(self) -> dict:
        return {"target": self.target.value()}

    def show_problems(self, error) -> None:
        show_problems({"target": self.holder}, error)
