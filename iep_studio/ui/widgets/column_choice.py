"""What each column of a spreadsheet holds: its heading beside a choice of the fields an
import knows, recognised first from the heading and changed with a click. Used by every
spreadsheet import (a student list, a goal list)."""
from __future__ import annotations

from ..qt import QComboBox, QGridLayout, QLabel, QScrollArea, Qt, QWidget, Signal

PAIRS_ACROSS = 3  # heading-and-field pairs side by side


class ColumnChoice(QScrollArea):
    changed = Signal()

    def __init__(self, fields, language: str, parent: QWidget | None = None):
        """`fields`: the Terms a column may hold, in the order offered."""
        super().__init__(parent)
        self.fields, self.language = list(fields), language
        self.combos: list[QComboBox] = []
        box = QWidget()
        self.grid = QGridLayout(box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.setWidgetResizable(True)
        self.setWidget(box)
        self.setMaximumHeight(self.fontMetrics().height() * 9)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the combos take the focus, in turn

    def show_headings(self, headings, recognised: list[str]) -> None:
        """One choice for each heading, set to what `recognised` says it holds ("" for
        left out)."""
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for i, heading in enumerate(headings):
            shown = heading or self.tr("Column %1").replace("%1", str(i + 1))
            label = QLabel(shown.replace("&", "&&") + ("：" if self.language.startswith("zh")
                                                       else ":"))
            label.setTextFormat(Qt.TextFormat.PlainText)
            combo = QComboBox()
            combo.addItem(self.tr("(left out)"), "")
            for term in self.fields:
                combo.addItem(term.label(self.language), term.code)
            combo.setCurrentIndex(max(combo.findData(recognised[i]), 0))
            combo.setAccessibleName(self.tr("Column %1 holds").replace("%1", shown))
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._chosen(c))
            row, pair = divmod(i, PAIRS_ACROSS)
            self.grid.addWidget(label, row, pair * 2)
            self.grid.addWidget(combo, row, pair * 2 + 1)
            self.combos.append(combo)

    def mapping(self) -> list[str]:
        """What each column holds, by field code ("" for a column left out)."""
        return [combo.currentData() or "" for combo in self.combos]

    def _chosen(self, chosen: QComboBox) -> None:
        """A field is held by one column: choosing it for one leaves the other out."""
        field = chosen.currentData()
        if field:
            for combo in self.combos:
                if combo is not chosen and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.changed.emit()
