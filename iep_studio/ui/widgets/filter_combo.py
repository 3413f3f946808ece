"""Combo boxes as wide as the words they show, at any text size."""
from __future__ import annotations

from ..qt import QComboBox, QStyle, QStyleOptionComboBox, QWidget


def width_to_show(combo: QComboBox, text: str) -> int:
    """The combo's width that shows `text` whole. Measured from the style's own text field
    (what the combo paints into): Qt's size hint came out a few pixels short of it for
    Chinese at large text sizes, and "（未填程度）" lost its last character."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    rect = option.rect
    rect.setWidth(1000)  # wide enough for any frame and arrow to be measured
    option.rect = rect
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    icon = combo.iconSize().width() + 4 if not option.currentIcon.isNull() else 0
    # One average character spare: the field's text has a margin of its own in some styles.
    return (1000 - field.width() + icon + combo.fontMetrics().horizontalAdvance(text)
            + combo.fontMetrics().averageCharWidth())


def widest_entry(combo: QComboBox) -> int:
    return max((width_to_show(combo, combo.itemText(i)) for i in range(combo.count())),
               default=0)


def widened(hint, width: int):
    """A size hint at least `width` wide."""
    hint.setWidth(max(hint.width(), width))
    return hint


class FilterCombo(QComboBox):
    """As wide as its longest entry when there is room; squeezed, still as wide as the
    entry chosen. A row of filters then fits beside a student's file at a large text size
    ("All categories" is short) and the choice is never read cut short ("All categori")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Another choice may need more room: the layout asks again.
        self.currentIndexChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self):  # noqa: N802 - Qt API
        return widened(super().sizeHint(), widest_entry(self))

    def minimumSizeHint(self):  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        hint.setWidth(width_to_show(self, self.currentText()))
        return hint
