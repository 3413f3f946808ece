"""The completeness check's list: each gap in plain words; Enter or a double-click goes
to the place to fix it. Errors stop a submission; warnings ask first."""
from __future__ import annotations

from ...core.errors import QT_TRANSLATE_NOOP
from ...core.iep.completeness import Gap
from ...core.iep.terms import PLAN_SECTIONS
from ..i18n import current_language, translate_error
from ..qt import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPalette, QPushButton, Qt,
    QVBoxLayout, QWidget,
)
from ..widgets.system_look import PROBLEM, WARNING, text_tone


# What "fill in all alike" writes, by field (said in the button's tooltip).
FILLABLE = {
    "responsible": QT_TRANSLATE_NOOP("CompletenessDialog", "You, as the person responsible"),
    "measurement": QT_TRANSLATE_NOOP("CompletenessDialog",
                                     "The resource room's individual probe, as the way of "
                                     "measuring"),
    "target_date": QT_TRANSLATE_NOOP("CompletenessDialog", "The plan's last day, as the "
                                                           "target date"),
}


class CompletenessDialog(QDialog):
    """Accepted (exec() returns 1) when the teacher chooses to submit. `chosen` is the Gap
    the teacher wants to fix now, if any (the dialog closes first, so the cursor can go
    to the field)."""

    def __init__(self, gaps: list[Gap], submitting: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Completeness check"))
        self.gaps = gaps
        self.chosen = None
        language = current_language()
        errors = sum(g.severity == "error" for g in gaps)
        if not gaps:
            summary = self.tr("Nothing is missing. The plan is ready for the team.")
        else:
            summary = self.tr("%1 to fix before the plan goes to the team, %2 to look at.") \
                .replace("%1", str(errors)).replace("%2", str(len(gaps) - errors))
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("What is missing"))
        self.list.setWordWrap(True)
        for gap in gaps:
            mark = "✖" if gap.severity == "error" else "⚠"
            item = QListWidgetItem(f"{mark}  {PLAN_SECTIONS.label(gap.section, language)} · "
                                   f"{gap.text(translate_error)}")
            item.setForeground(text_tone(PROBLEM if gap.severity == "error" else WARNING,
                                         self.list, QPalette.ColorRole.Base))
            item.setData(Qt.ItemDataRole.UserRole, gap)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._go)
        hint = QLabel(self.tr("Double-click an item, or press Enter, to go to the place to "
                              "fix it."))
        hint.setVisible(bool(gaps))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.fix = QPushButton(self.tr("&Go to it"))
        self.fix.clicked.connect(lambda: self._go(self.list.currentItem()))
        self.fix.setEnabled(bool(gaps))
        buttons.addButton(self.fix, QDialogButtonBox.ButtonRole.ActionRole)
        # The same gap in several objectives (no one responsible, no way of measuring, no
        # target date) is filled in for all of them in one step.
        self.fill_all = None  # the field chosen to fill in everywhere
        self.fill = QPushButton()
        self.fill.clicked.connect(self._fill)
        buttons.addButton(self.fill, QDialogButtonBox.ButtonRole.ActionRole)
        self.list.currentItemChanged.connect(self._offer_fill)
        self._offer_fill()
        self.submit = None
        if submitting and errors == 0:
            self.submit = QPushButton(self.tr("&Submit anyway") if gaps else self.tr("&Submit"))
            self.submit.clicked.connect(self.accept)
            buttons.addButton(self.submit, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if gaps:
            self.list.setCurrentRow(0)
        self.resize(620, 420)

    def alike(self, field: str) -> list[Gap]:
        return [g for g in self.gaps if g.field == field and g.objective_id]

    def _offer_fill(self, *_args) -> None:
        item = self.list.currentItem()
        gap = item.data(Qt.ItemDataRole.UserRole) if item else None
        count = len(self.alike(gap.field)) if gap and gap.field in FILLABLE else 0
        self.fill.setVisible(count > 1)
        self.fill.setText(self.tr("&Fill in all %1 alike").replace("%1", str(count)))
        self.fill.setToolTip(self.tr(FILLABLE[gap.field]) if count > 1 else "")

    def _fill(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.fill_all = item.data(Qt.ItemDataRole.UserRole).field
            self.reject()

    def _go(self, item) -> None:
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.reject()
