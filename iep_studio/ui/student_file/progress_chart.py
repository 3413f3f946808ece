"""An objective's progress drawn with QPainter: per session, a bar split by prompt level,
the line of percent counted toward mastery, the criterion as a dashed line, and where the
objective was mastered. Painting a few hundred points takes a millisecond or two, so the
student file opens at once (QtCharts is not in the Essentials wheel, and matplotlib would
cost a second to import)."""
from __future__ import annotations

from ...core.progress.trials import LEVEL_COLOURS, ORDER, PROMPT_LEVELS
from ..i18n import current_language
from ..qt import QColor, QFont, QPainter, QPen, QPointF, QRectF, Qt, QWidget

LINE = QColor("#1a4f8b")
CRITERION = QColor("#c62828")


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.progress = None
        self.setMinimumSize(240, 200)
        self.setAccessibleName(self.tr("Progress chart"))

    def show_progress(self, progress) -> None:
        """`progress`: an ObjectiveProgress (core.services.progress), or None."""
        self.progress = progress
        self.setToolTip(self._summary())
        self.update()

    def _summary(self) -> str:
        p = self.progress
        if p is None or not p.points:
            return ""
        last = p.points[-1]
        return self.tr("%1 sessions; last %2: %3%").replace("%1", str(len(p.points))) \
            .replace("%2", last.day.isoformat()).replace("%3", f"{last.percent:.0f}")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        language = current_language()
        legend_height = line_height * 2 + 8  # two lines: the English names are long
        left = metrics.horizontalAdvance("100%") + 10
        plot = QRectF(left, line_height, self.width() - left - 12,
                      self.height() - line_height * 3 - legend_height)
        p = self.progress
        if p is None or not p.points or plot.width() < 40 or plot.height() < 40:
            painter.setPen(QColor("#666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No trials recorded yet.") if p is not None else
                             self.tr("Choose an objective to see its progress."))
            return
        self._axes(painter, plot)
        step = plot.width() / len(p.points)
        bar = max(2.0, min(28.0, step * 0.6))
        for i, point in enumerate(p.points):
            x = plot.left() + step * (i + 0.5)
            bottom = plot.bottom()
            for code in ORDER:
                count = point.by_level.get(code, 0)
                if not count:
                    continue
                height = plot.height() * count / point.trials
                painter.fillRect(QRectF(x - bar / 2, bottom - height, bar, height),
                                 QColor(LEVEL_COLOURS[code]))
                bottom -= height
        self._criterion(painter, plot)
        self._line(painter, plot, step)
        self._dates(painter, plot, step, metrics)
        self._mastered(painter, plot, step)
        self._legend(painter, plot.bottom() + line_height * 2, language, metrics)

    def _y(self, plot: QRectF, percent: float) -> float:
        return plot.bottom() - plot.height() * percent / 100

    def _axes(self, painter: QPainter, plot: QRectF) -> None:
        for percent in range(0, 101, 20):
            y = self._y(plot, percent)
            painter.setPen(QPen(QColor("#e0e0e0"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555"))
            painter.drawText(QRectF(0, y - 10, plot.left() - 6, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{percent}%")

    def _criterion(self, painter: QPainter, plot: QRectF) -> None:
        rule = self.progress.rule
        y = self._y(plot, rule.percent)
        painter.setPen(QPen(CRITERION, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        text = self.tr("criterion %1% × %2").replace("%1", str(rule.percent)) \
            .replace("%2", str(rule.sessions))
        metrics = painter.fontMetrics()
        box = QRectF(plot.left() + 4, y - metrics.height() - 2,
                     metrics.horizontalAdvance(text) + 8, metrics.height())
        painter.fillRect(box, QColor(255, 255, 255, 230))  # readable over the bars
        painter.setPen(CRITERION)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _line(self, painter: QPainter, plot: QRectF, step: float) -> None:
        points = [QPointF(plot.left() + step * (i + 0.5), self._y(plot, point.percent))
                  for i, point in enumerate(self.progress.points)]
        painter.setPen(QPen(LINE, 2))
        # Segment by segment: an antialiased polyline is stroked as one path, twenty times
        # slower for a zigzag of a few dozen points (a file would open noticeably late).
        for start, end in zip(points, points[1:]):
            painter.drawLine(start, end)
        painter.setBrush(LINE)
        radius = 3.0 if step > 8 else 1.5
        for point in points:
            painter.drawEllipse(point, radius, radius)

    def _dates(self, painter: QPainter, plot: QRectF, step: float, metrics) -> None:
        width = metrics.horizontalAdvance("00-00") + 8
        every = max(1, int(width // step) + 1)
        painter.setPen(QColor("#555"))
        points = self.progress.points
        for i in range(0, len(points), every):
            x = plot.left() + step * (i + 0.5)
            painter.drawText(QRectF(x - width / 2, plot.bottom() + 2, width, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, points[i].day.strftime("%m-%d"))

    def _mastered(self, painter: QPainter, plot: QRectF, step: float) -> None:
        mastered_on = self.progress.mastery.mastered_on
        if mastered_on is None:
            return
        index = next(i for i, p in enumerate(self.progress.points) if p.day == mastered_on)
        x = plot.left() + step * (index + 0.5)
        painter.setPen(QPen(QColor("#2e7d32"), 2))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        text = self.tr("mastered %1").replace("%1", mastered_on.strftime("%m-%d"))
        width = painter.fontMetrics().horizontalAdvance(text) + 6
        x_text = min(max(plot.left(), x - width / 2), plot.right() - width)
        painter.fillRect(QRectF(x_text, plot.top() - 2, width, painter.fontMetrics().height()),
                         QColor(255, 255, 255, 220))
        painter.drawText(QRectF(x_text, plot.top() - 2, width, painter.fontMetrics().height()),
                         Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(QFont(self.font()))

    def _legend(self, painter: QPainter, top: float, language: str, metrics) -> None:
        used = [code for code in ORDER
                if any(code in point.by_level for point in self.progress.points)]
        x, line = 8.0, 0
        box = metrics.height() * 0.7
        for code in used:
            label = PROMPT_LEVELS.label(code, language)
            needed = box + 4 + metrics.horizontalAdvance(label) + 12
            if x + needed > self.width() and x > 8:
                x, line = 8.0, line + 1
                if line > 1:
                    break  # a very narrow chart shows what fits; the tooltip says the rest
            y = top + line * metrics.height()
            painter.fillRect(QRectF(x, y + (metrics.height() - box) / 2, box, box),
                             QColor(LEVEL_COLOURS[code]))
            painter.setPen(QColor("#333"))
            painter.drawText(QRectF(x + box + 4, y, needed, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += needed
