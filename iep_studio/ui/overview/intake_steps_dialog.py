"""The district's steps from referral to placement, as every school's files follow them:
their names and the status a file shows, in both languages, what each asks for, whether
it is required, and their order. Saved as one list; administrators only (everyone else
reads them here)."""
from __future__ import annotations

from ...core.errors import IepStudioError, InvalidInput
from ...core.intake_steps import Step
from ..i18n import error_text, translate_error
from ..qt import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
    QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, Qt, QTimer, QVBoxLayout, QWidget,
)
from ..widgets.dialogs import ok_cancel
from ..widgets.system_look import characters

TEXT_COLUMNS = ("name_zh", "name_en", "status_zh", "status_en", "guidance_zh",
                "guidance_en")
TICKED_COLUMNS = ("required", "retired")


class IntakeStepsDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Steps from referral to placement"))
        actor = services.store.actor
        self.may_change = actor is None or actor.may_write("intake_step")
        self.saved = False
        self.table = QTableWidget(0, len(TEXT_COLUMNS) + len(TICKED_COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("Step (Chinese)"), self.tr("Step (English)"),
            self.tr("Status (Chinese)"), self.tr("Status (English)"),
            self.tr("Asks for (Chinese)"), self.tr("Asks for (English)"),
            self.tr("Required"), self.tr("Retired")])
        self.table.setAccessibleName(self.windowTitle())
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.horizontalHeader().setStretchLastSection(False)
        if not self.may_change:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.note = QLabel(self.tr(
            "A step no longer followed is retired, not removed: the files that record it "
            "keep it. A step not required (the expert committee, taken only where needed) "
            "is never shown as missing."))
        self.note.setWordWrap(True)
        self.read_only_note = QLabel(self.tr(
            "Only an administrator can change the district's steps. They apply to every "
            "school's files."))
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.may_change)
        self.add_button = QPushButton(self.tr("&Add a step"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move &down"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        row = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
            button.setVisible(self.may_change)
        row.addStretch(1)
        if self.may_change:
            buttons = ok_cancel(self, self.save, keep_typed_text=False)
        else:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_step)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button.clicked.connect(self.remove_step)
        try:
            steps = services.intake.steps()
        except IepStudioError as error:  # the shipped steps cannot be read
            steps = []
            self.read_only_note.setText(error_text(error))
            self.read_only_note.setVisible(True)
        for step in steps:
            self._append(step)
        # Room for the steps' words, but never larger than the window it opens over (or
        # the screen): at 150% text the words alone would want more than a laptop has.
        room = parent.window().size() if parent is not None else self.screen().availableSize()
        self.resize(min(characters(self, 160), room.width()),
                    min(self.fontMetrics().height() * 40, room.height()))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_columns)

    def _fit_columns(self) -> None:
        """Names and statuses as wide as they are, up to a short line each; what a step
        asks for shares the rest and wraps; each row as tall as its longest text. (Qt's
        own sizing gave the names all the room at 150% text, and measured the rows before
        the dialog had its width.)"""
        table, header = self.table, self.table.horizontalHeader()
        widest = characters(self, 16)
        widths = [max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                  for c in range(table.columnCount())]
        for column, width in enumerate(widths):
            if column not in (4, 5):
                table.setColumnWidth(column, min(width, widest))
        scroll_bar = table.verticalScrollBar()  # comes once the rows are taller
        room = table.viewport().width() - (0 if scroll_bar.isVisible()
                                           else scroll_bar.sizeHint().width())
        rest = room - sum(table.columnWidth(c) for c in range(table.columnCount())
                          if c not in (4, 5))
        for column in (4, 5):
            table.setColumnWidth(column, max(rest // 2, header.sectionSizeHint(column)))
        table.resizeRowsToContents()

    # -- the table ------------------------------------------------------------------------
    def _append(self, step: Step) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, field in enumerate(TEXT_COLUMNS):
            item = QTableWidgetItem(getattr(step, field))
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, step.key)
            self.table.setItem(row, column, item)
        for offset, field in enumerate(TICKED_COLUMNS):
            item = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if self.may_change:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if getattr(step, field)
                               else Qt.CheckState.Unchecked)
            self.table.setItem(row, len(TEXT_COLUMNS) + offset, item)

    def steps(self) -> list[Step]:
        """The steps as the table holds them now, in its order."""
        steps = []
        for row in range(self.table.rowCount()):
            texts = {field: self.table.item(row, column).text().strip()
                     for column, field in enumerate(TEXT_COLUMNS)}
            ticked = {field: self.table.item(row, len(TEXT_COLUMNS) + offset).checkState()
                      == Qt.CheckState.Checked for offset, field in enumerate(TICKED_COLUMNS)}
            key = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            steps.append(Step(key=key, **texts, **ticked))
        return steps

    def add_step(self) -> None:
        taken = {step.key for step in self.steps()}
        number = 1
        while f"step_{number}" in taken:
            number += 1
        self._append(Step(f"step_{number}", "", ""))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.editItem(self.table.currentItem())

    def move(self, by: int) -> None:
        row = self.table.currentRow()
        other = row + by
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        for column in range(self.table.columnCount()):
            mine, theirs = self.table.takeItem(row, column), self.table.takeItem(other, column)
            self.table.setItem(row, column, theirs)
            self.table.setItem(other, column, mine)
        self.table.setCurrentCell(other, self.table.currentColumn())

    def remove_step(self) -> None:
        """Out of the list; when saved, a step children's records name is kept retired."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        try:
            self.services.intake.save_steps(self.steps())
        except InvalidInput as error:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(
                problem.text(translate_error) for problem in error.problems))
            return
        except IepStudioError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return
        self.saved = True
        self.accept()
