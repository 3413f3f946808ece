"""The list of a window's parts down its left side (the student file's, the plan's), each
with its icon and its whole name: unlike tabs, it never runs out of room, however many
parts there are and however large the text is."""
from __future__ import annotations

from ..icons import icon
from ..qt import (
    QAbstractItemView, QEvent, QFrame, QListWidget, QListWidgetItem, QPalette, QSize, Qt,
    QWidget,
)


class SectionList(QListWidget):
    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)  # on the window's own colour: calmer
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        line = self.fontMetrics().height()
        self.setIconSize(QSize(line + 2, line + 2))
        self.setSpacing(1)
        self._row_height = line + 16  # room to breathe, and an easy target for a click
        self._icon_names: list[str | None] = []  # by row

    def add_section(self, title: str, icon_name: str | None = None) -> QListWidgetItem:
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, self._row_height))
        self.addItem(item)
        self._icon_names.append(icon_name)
        self._paint_icon(self.count() - 1)
        self.fit_width()
        return item

    def _paint_icon(self, row: int) -> None:
        if self._icon_names[row]:
            self.item(row).setIcon(icon(self._icon_names[row], self.palette(),
                                        QPalette.ColorRole.Text))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system turned dark, or light
            for row in range(len(self._icon_names)):
                self._paint_icon(row)

    def fit_width(self) -> None:
        """As wide as the longest name (with its icon), so none is cut; hidden parts
        count too, so the list keeps its width when one is shown."""
        metrics = self.fontMetrics()
        text = max((metrics.horizontalAdvance(self.item(row).text())
                    for row in range(self.count())), default=0)
        # the icon, the text's margins and the spacing round the rows
        self.setFixedWidth(text + self.iconSize().width() + 32 + 2 * self.frameWidth())
