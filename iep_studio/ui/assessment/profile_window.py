"""The same instrument over time, for one student: the domain profile with each
assessment overlaid, what was gained and lost since the one before, and the items behind
each objective of the current plan."""
from __future__ import annotations

from ...core.assessment.profile import (
    gained_and_lost, items_for_objective, meaning, profile,
)
from ...core.vocabulary import DOMAINS
from ..i18n import current_language
from ..qt import (
    QBrush, QColor, QDialog, QHBoxLayout, QLabel, QListWidget, QPainter, QPen, QPushButton,
    QRectF, QSplitter, Qt, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from ..widgets.system_look import characters
from ..window_size import open_at_size

# One look per assessment, told apart without colour: solid dark, then lighter and
# patterned (printed or seen in black and white, they still differ).
LOOKS = [(QColor("#1f3a5f"), Qt.BrushStyle.SolidPattern),
         (QColor("#6f8fb3"), Qt.BrushStyle.BDiagPattern),
         (QColor("#9aa7b5"), Qt.BrushStyle.CrossPattern),
         (QColor("#3d3d3d"), Qt.BrushStyle.Dense4Pattern)]
SHOWN = len(LOOKS)  # the latest assessments compared


class ProfileChart(QWidget):
    """Per domain, one bar per assessment: items done independently (filled) and with
    help (outlined), in items, on one scale."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, list]] = []
        self.dates: list[str] = []
        # Room for the domains' names and a few bars, at the system's text size.
        self.setMinimumSize(self.fontMetrics().averageCharWidth() * 60,
                            self.fontMetrics().lineSpacing() * 14)
        # Reachable from the keyboard, so a screen reader reads its description.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Domain profile"))

    def show_profile(self, rows, dates: list[str]) -> None:
        self.rows, self.dates = rows, dates
        language = current_language()
        self.setAccessibleDescription("; ".join(
            f"{DOMAINS.label(d, language)}: " + ", ".join(
                f"{date} {s.independent}+{s.emerging}" for date, s in zip(dates, each))
            for d, each in rows))
        line = self.fontMetrics().lineSpacing()  # the bars and gaps grow with the text
        bar = max(4, line // 2)
        self.setMinimumHeight(line * 4 + len(rows) * (len(dates) * (bar + 2) + line))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        # Always on white, as printed: its dark text and shades keep their contrast whatever
        # the palette.
        painter.fillRect(self.rect(), QColor("white"))
        if self.hasFocus():
            painter.setPen(QPen(QColor("#1f5fa8"), 2))  # 6:1 on white
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        metrics = painter.fontMetrics()
        language = current_language()
        if not self.rows:
            painter.setPen(QColor("#444"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Nothing scored yet."))
            return
        labels = [DOMAINS.label(d, language) for d, _ in self.rows]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 16
        legend = metrics.height() + 12
        plot = QRectF(left, legend + 6, self.width() - left - 24,
                      self.height() - legend - metrics.height() - 16)
        most = max(max(s.independent + s.emerging for s in each) for _, each in self.rows)
        most = max(5, -(-most // 5) * 5)
        # The legend: one swatch per assessment.
        x = left
        for i, date in enumerate(self.dates):
            colour, style = LOOKS[i]
            painter.setPen(QPen(colour))
            painter.setBrush(QBrush(colour, style))
            painter.drawRect(QRectF(x, 6, 18, metrics.height() - 4))
            painter.setPen(QColor("#222"))
            painter.drawText(int(x + 24), 4 + metrics.ascent(), date)
            x += 36 + metrics.horizontalAdvance(date)
        painter.setPen(QColor("#222"))
        painter.drawText(int(x + 12), 4 + metrics.ascent(), self.tr(
            "filled: independent · outlined: with help"))
        row_height = plot.height() / len(self.rows)
        bar = max(4.0, min(16.0, (row_height - 8) / max(1, len(self.dates))))
        scale = plot.width() / most
        for tick in range(0, most + 1, 5):
            tx = plot.left() + tick * scale
            painter.setPen(QPen(QColor("#ccc")))  # a faint grid line...
            painter.drawLine(int(tx), int(plot.top()), int(tx), int(plot.bottom()))
            painter.setPen(QColor("#555"))  # ...but its number readable: 7.5:1 on white
            painter.drawText(int(tx - 6), int(plot.bottom() + metrics.ascent() + 4), str(tick))
        for r, (label, (_domain, each)) in enumerate(zip(labels, self.rows)):
            top = plot.top() + r * row_height + 4
            painter.setPen(QColor("#222"))
            painter.drawText(QRectF(0, top, left - 8, bar * len(each)),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            for i, standing in enumerate(each):
                colour, style = LOOKS[i]
                y = top + i * (bar + 1)
                solid = standing.independent * scale
                painter.setPen(QPen(colour))
                painter.setBrush(QBrush(colour, style))
                painter.drawRect(QRectF(plot.left(), y, solid, bar))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(plot.left() + solid, y, standing.emerging * scale, bar))


class ProfileWindow(QDialog):
    def __init__(self, services, student, instrument_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Profile over time"))
        language = current_language()
        instrument = services.instruments.get(instrument_id)
        history = services.item_scoring.of_instrument(student.id, instrument_id)[-SHOWN:]
        dates = [a.assessed_on.isoformat() for a, _ in history]
        scores = [s for _, s in history]
        self.chart = ProfileChart()
        self.chart.show_profile(profile(instrument, scores), dates)
        self.gained, self.lost = QListWidget(), QListWidget()
        for widget in (self.gained, self.lost):
            widget.setWordWrap(True)
        self.gained.setAccessibleName(self.tr("Items gained"))
        self.lost.setAccessibleName(self.tr("Items lost"))
        since = dates[-2] if len(dates) > 1 else ""
        if len(scores) > 1:
            gained, lost = gained_and_lost(instrument, scores[-2], scores[-1])
            for widget, found in ((self.gained, gained), (self.lost, lost)):
                for placed in found:
                    colon = "：" if language.startswith("zh") else ": "
                    widget.addItem(DOMAINS.label(placed.domain, language) + colon +
                                   placed.item.behaviour.get(language))
        self.objectives = QTableWidget(0, 3)
        self.objectives.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.objectives.setHorizontalHeaderLabels(
            [self.tr("Objective of the plan"), self.tr("Item"), self.tr("Now")])
        self.objectives.setAccessibleName(self.tr("The items behind each objective"))
        self.objectives.verticalHeader().hide()
        self.objectives.setWordWrap(True)
        self.objectives.horizontalHeader().setStretchLastSection(True)
        for column in (0, 1):  # about fifty characters each, at any text size
            self.objectives.setColumnWidth(column, characters(self.objectives, 54))
        latest = scores[-1] if scores else {}
        plan = next((p for p in services.plans.for_student(student.id)
                     if p.status in ("approved", "in_review", "draft")), None)
        if plan is not None:
            plan = services.plans.get(plan.id)
            for goal in plan.goals:
                for objective in goal.objectives:
                    for placed in items_for_objective(instrument, objective.bank_goal_id or ""):
                        now = meaning(instrument, placed, latest[placed.item.id]) \
                            if placed.item.id in latest else None
                        row = self.objectives.rowCount()
                        self.objectives.insertRow(row)
                        for c, text in enumerate((objective.behaviour,
                                                  placed.item.behaviour.get(language),
                                                  self._said(now))):
                            self.objectives.setItem(row, c, QTableWidgetItem(text))
        self.objectives.resizeRowsToContents()
        changes = QWidget()
        changes_layout = QHBoxLayout(changes)
        for title, widget in ((self.tr("Independent now, not at %1").replace("%1", since),
                               self.gained),
                              (self.tr("Independent at %1, not now").replace("%1", since),
                               self.lost)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>" if since else ""))
            box.addWidget(widget)
            changes_layout.addLayout(box)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(changes)
        split.addWidget(self.objectives)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{student.full_name}</b> · "
                                f"{instrument.header.title.get(language)}"))
        layout.addWidget(split, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        open_at_size(self, 1000, 700, centre=False)  # Qt centres a dialog on its window

    def _said(self, means) -> str:
        return {"independent": self.tr("independent"), "emerging": self.tr("with help"),
                "not_yet": self.tr("not yet")}.get(means, self.tr("not scored"))
