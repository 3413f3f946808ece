"""An objective's progress drawn with QPainter: per session, a bar split by prompt level,
the line of percent counted toward mastery, the criterion as a dashed line, and where the
objective was mastered. Painting a few hundred points takes a millisecond or two, so the
student file opens at once (QtCharts is not in the Essentials wheel, and matplotlib would
cost a second to import)."""
from __future__ import annotations

from ...core.contrast import mix, readable
from ...core.progress.trials import LEVEL_COLOURS, LEVEL_HATCHES, ORDER, PROMPT_LEVELS
from ...core.vocabulary import join_labels
from ..i18n import current_language
from ..qt import (
    QBrush, QColor, QFont, QPainter, QPalette, QPen, QPointF, QRectF, Qt, QWidget, Signal,
)

# The colours the chart means, before they are shaded to stand out from the palette's
# background (a dark blue line is lost on a dark background).
LINE = "#1a4f8b"
CRITERION = "#c62828"
MASTERED = "#2e7d32"
# The level hatches (trials.LEVEL_HATCHES) as Qt draws them.
HATCHES = {"": Qt.BrushStyle.NoBrush, "/": Qt.BrushStyle.BDiagPattern,
           "\\": Qt.BrushStyle.FDiagPattern, "-": Qt.BrushStyle.HorPattern,
           ".": Qt.BrushStyle.Dense6Pattern, "+": Qt.BrushStyle.CrossPattern,
           "x": Qt.BrushStyle.DiagCrossPattern}
HATCH_CONTRAST = 2.5  # the hatch lines against their fill


def level_brushes(code: str) -> tuple[QColor, QBrush]:
    """The fill of a prompt level and its hatch: lines of a darker (on a dark fill,
    lighter) shade of the fill, seen as texture without changing the level's grey much."""
    fill = LEVEL_COLOURS[code]
    return QColor(fill), QBrush(QColor(readable(fill, fill, HATCH_CONTRAST)),
                                HATCHES[LEVEL_HATCHES[code]])


class ProgressChart(QWidget):
    """Signals: step_requested(int): the Up or Down key asked for the objective before
    (-1) or after (+1); whoever lists the objectives shows that one."""

    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.progress = None
        self.title = ""
        self.session = -1  # the session chosen with the Left and Right keys, or none
        self._brushes = {code: level_brushes(code) for code in ORDER}  # once, not per bar
        self.setMinimumSize(240, 200)
        # A keyboard user can reach the chart, hear what it shows and walk its sessions.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._describe()

    def show_progress(self, progress, title: str = "") -> None:
        """`progress`: an ObjectiveProgress (core.services.progress), or None; `title`: the
        objective in words, for the screen reader."""
        same = (progress is not None and self.progress is not None
                and progress.objective_id == self.progress.objective_id)
        self.progress, self.title = progress, title
        if not same or progress is None or self.session >= len(progress.points):
            self.session = -1
        self.setToolTip(self._summary())
        self._describe()
        self.update()

    def _summary(self) -> str:
        p = self.progress
        if p is None or not p.points:
            return ""
        last = p.points[-1]
        return self.tr("%1 sessions; last %2: %3%").replace("%1", str(len(p.points))) \
            .replace("%2", last.day.isoformat()).replace("%3", f"{last.percent:.0f}")

    def session_text(self, index: int) -> str:
        """One session in words: its day, the percent counted and the trials per level."""
        point = self.progress.points[index]
        language = current_language()
        levels = join_labels([f"{PROMPT_LEVELS.label(code, language)} {point.by_level[code]}"
                              for code in ORDER if point.by_level.get(code)], language)
        return self.tr("%1: %2% counted (%3)").replace("%1", point.day.isoformat()) \
            .replace("%2", f"{point.percent:.0f}").replace("%3", levels)

    def _describe(self) -> None:
        """What a screen reader says: the name tells where the keys are (the objective,
        the chosen session); the description holds all the data in words."""
        p = self.progress
        name = self.tr("Progress chart")
        if p is None:
            self.setAccessibleName(name)
            self.setAccessibleDescription(self.tr("Choose an objective to see its progress."))
            return
        full_stop = "。" if current_language().startswith("zh") else ". "
        where = [self.title] if self.title else []
        if self.session >= 0:
            where.append(self.session_text(self.session))
        self.setAccessibleName(self.tr("Progress chart: %1").replace(
            "%1", full_stop.join(where)) if where else name)
        said = [self._criterion_text()]
        if not p.points:
            said.append(self.tr("No trials recorded yet."))
        else:
            said.append(self._summary())
            said += [self.session_text(i) for i in range(len(p.points))]
        if p.mastery.mastered_on is not None:
            said.append(self.tr("mastered %1").replace("%1", p.mastery.mastered_on.isoformat()))
        said.append(self.tr("Up and down arrows: another objective; left and right arrows: "
                            "one session at a time."))
        self.setAccessibleDescription(full_stop.join(said))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key = event.key()
        count = len(self.progress.points) if self.progress is not None else 0
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End) \
                and count:
            self.session = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: count - 1,
                            Qt.Key.Key_Left: max(0, self.session - 1) if self.session >= 0
                            else count - 1,
                            Qt.Key.Key_Right: min(count - 1, self.session + 1)}[key]
            self._describe()
            self.update()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def colours(self) -> dict[str, QColor]:
        """The chart's colours from the palette: text on the background at 4.5:1 or more,
        lines and marks at 3:1 or more, in a light or a dark palette."""
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base).name()
        text = readable(palette.color(QPalette.ColorRole.Text).name(), background)
        return {name: QColor(value) for name, value in {
            "background": background, "text": text,
            "grid": mix(background, text, 0.18),
            "outline": readable(mix(background, text, 0.55), background, 3.0),
            "line": readable(LINE, background, 3.0),
            "criterion": readable(CRITERION, background),
            "mastered": readable(MASTERED, background),
            "focus": readable(palette.color(QPalette.ColorRole.Highlight).name(),
                              background, 3.0),
        }.items()}

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.colours()
        painter.fillRect(self.rect(), colours["background"])
        if self.hasFocus():
            painter.setPen(QPen(colours["focus"], 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        left = metrics.horizontalAdvance("100%") + 10
        p = self.progress
        rows = self._legend_rows(metrics) if p is not None and p.points else []
        # As many legend rows as leave the plot room; the description says it all anyway.
        room = self.height() - line_height * 2 - 12 - 60
        rows = rows[:max(1, int(room // line_height))] if rows else []
        legend_height = line_height * len(rows) + 6
        plot = QRectF(left, line_height + 2, self.width() - left - 12,
                      self.height() - line_height * 2 - 10 - legend_height)
        if p is None or not p.points or plot.width() < 40 or plot.height() < 40:
            painter.setPen(colours["text"])
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No trials recorded yet.") if p is not None else
                             self.tr("Choose an objective to see its progress."))
            return
        self._axes(painter, plot, colours)
        step = plot.width() / len(p.points)
        bar = max(2.0, min(28.0, step * 0.6))
        # Outlines and hatches where the bars are wide enough to show them (hundreds of thin
        # bars are all fill, told apart by their grey). Sharp edges: the bars are upright
        # rectangles, and antialiased patterns took ten times as long to paint.
        detail = bar >= 6
        outline = QPen(colours["outline"], 1) if detail else Qt.PenStyle.NoPen
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for i, point in enumerate(p.points):
            x = plot.left() + step * (i + 0.5)
            bottom = plot.bottom()
            for code in ORDER:
                count = point.by_level.get(code, 0)
                if not count:
                    continue
                height = plot.height() * count / point.trials
                self._swatch(painter, QRectF(x - bar / 2, bottom - height, bar, height),
                             code, outline, detail)
                bottom -= height
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chosen(painter, plot, step, colours)
        self._criterion(painter, plot, colours)
        self._line(painter, plot, step, colours)
        self._dates(painter, plot, step, metrics, colours)
        self._mastered(painter, plot, step, colours)
        self._legend(painter, rows, plot.bottom() + line_height + 6, metrics, colours)

    def _swatch(self, painter: QPainter, rect: QRectF, code: str, outline,
                hatched: bool = True) -> None:
        fill, hatch = self._brushes[code]
        painter.fillRect(rect, fill)
        if hatched and hatch.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(rect, hatch)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

    def _y(self, plot: QRectF, percent: float) -> float:
        return plot.bottom() - plot.height() * percent / 100

    def _axes(self, painter: QPainter, plot: QRectF, colours) -> None:
        for percent in range(0, 101, 20):
            y = self._y(plot, percent)
            painter.setPen(QPen(colours["grid"], 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(colours["text"])
            painter.drawText(QRectF(0, y - 10, plot.left() - 6, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{percent}%")

    def _criterion_text(self) -> str:
        rule = self.progress.rule
        return self.tr("criterion %1% × %2").replace("%1", str(rule.percent)) \
            .replace("%2", str(rule.sessions))

    def _criterion(self, painter: QPainter, plot: QRectF, colours) -> None:
        y = self._y(plot, self.progress.rule.percent)
        painter.setPen(QPen(colours["criterion"], 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        text = self._criterion_text()
        metrics = painter.fontMetrics()
        box = QRectF(plot.left() + 4, y - metrics.height() - 2,
                     metrics.horizontalAdvance(text) + 8, metrics.height())
        painter.fillRect(box, colours["background"])  # readable over the bars
        painter.setPen(colours["criterion"])
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _line(self, painter: QPainter, plot: QRectF, step: float, colours) -> None:
        points = [QPointF(plot.left() + step * (i + 0.5), self._y(plot, point.percent))
                  for i, point in enumerate(self.progress.points)]
        # A halo of the background first, so the line shows over the darkest bars too.
        for pen in (QPen(colours["background"], 5), QPen(colours["line"], 2)):
            painter.setPen(pen)
            # Segment by segment: an antialiased polyline is stroked as one path, twenty
            # times slower for a zigzag of a few dozen points (a file would open late).
            for start, end in zip(points, points[1:]):
                painter.drawLine(start, end)
        radius = 3.5 if step > 8 else 1.5
        painter.setPen(QPen(colours["background"], 1.5))
        painter.setBrush(colours["line"])
        for point in points:
            painter.drawEllipse(point, radius, radius)

    def _dates(self, painter: QPainter, plot: QRectF, step: float, metrics, colours) -> None:
        width = metrics.horizontalAdvance("00-00") + 8
        every = max(1, int(width // step) + 1)
        painter.setPen(colours["text"])
        points = self.progress.points
        for i in range(0, len(points), every):
            x = plot.left() + step * (i + 0.5)
            painter.drawText(QRectF(x - width / 2, plot.bottom() + 2, width, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, points[i].day.strftime("%m-%d"))

    def _chosen(self, painter: QPainter, plot: QRectF, step: float, colours) -> None:
        """The session chosen with the arrow keys: framed, and said in words above."""
        if self.session < 0:
            return
        x = plot.left() + step * self.session
        painter.setPen(QPen(colours["focus"], 2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x + 1, plot.top(), max(step - 2, 3), plot.height()))
        self._caption(painter, plot, x + step / 2, self.session_text(self.session),
                      colours["text"], colours)

    def _caption(self, painter: QPainter, plot: QRectF, x: float, text: str, colour,
                 colours) -> None:
        """A line of text above the plot, centred on `x` as far as the width allows."""
        metrics = painter.fontMetrics()
        width = min(metrics.horizontalAdvance(text) + 8, self.width() - 8)
        # Right of the axis labels, as far as it fits: "100%" stays readable.
        width = min(width, self.width() - 4 - plot.left())
        x_text = min(max(plot.left(), x - width / 2), self.width() - 4 - width)
        box = QRectF(x_text, plot.top() - metrics.height() - 1, width, metrics.height())
        painter.fillRect(box, colours["background"])
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width)))

    def _mastered(self, painter: QPainter, plot: QRectF, step: float, colours) -> None:
        mastered_on = self.progress.mastery.mastered_on
        if mastered_on is None:
            return
        index = next(i for i, p in enumerate(self.progress.points) if p.day == mastered_on)
        x = plot.left() + step * (index + 0.5)
        # With a halo, as the percent line: it crosses that session's bar.
        for pen in (QPen(colours["background"], 5), QPen(colours["mastered"], 2)):
            painter.setPen(pen)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        if self.session >= 0:
            return  # the chosen session's words are above the plot now; the legend names it
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        self._caption(painter, plot, x, self.tr("mastered %1").replace(
            "%1", mastered_on.strftime("%m-%d")), colours["mastered"], colours)
        painter.setFont(QFont(self.font()))

    def _legend_entries(self) -> list[tuple[str, str]]:
        """(what, label): the prompt levels shown, then the lines."""
        language = current_language()
        points = self.progress.points
        entries = [(code, PROMPT_LEVELS.label(code, language)) for code in ORDER
                   if any(code in point.by_level for point in points)]
        entries.append(("line", self.tr("percent counted toward mastery")))
        entries.append(("criterion", self._criterion_text()))
        mastered_on = self.progress.mastery.mastered_on
        if mastered_on is not None:
            entries.append(("mastered", self.tr("mastered %1").replace(
                "%1", mastered_on.strftime("%m-%d"))))
        return entries

    def _legend_rows(self, metrics) -> list[list[tuple[float, str, str]]]:
        """The legend's entries placed in rows as wide as the chart: (x, what, label)."""
        sample = metrics.height() * 1.4
        rows: list[list[tuple[float, str, str]]] = [[]]
        x = 8.0
        for what, label in self._legend_entries():
            needed = sample + 4 + metrics.horizontalAdvance(label) + 12
            if x + needed > self.width() and rows[-1]:
                rows.append([])
                x = 8.0
            rows[-1].append((x, what, label))
            x += needed
        return rows

    def _legend(self, painter: QPainter, rows, top: float, metrics, colours) -> None:
        height = metrics.height()
        sample = height * 1.4
        outline = QPen(colours["outline"], 1)
        for line, row in enumerate(rows):
            y = top + line * height
            middle = y + height / 2
            for x, what, label in row:
                if what in LEVEL_COLOURS:
                    box = height * 0.8
                    self._swatch(painter, QRectF(x, middle - box / 2, sample, box), what,
                                 outline)
                elif what == "line":
                    for pen in (QPen(colours["background"], 5), QPen(colours["line"], 2)):
                        painter.setPen(pen)
                        painter.drawLine(QPointF(x, middle), QPointF(x + sample, middle))
                    painter.setPen(QPen(colours["background"], 1.5))
                    painter.setBrush(colours["line"])
                    painter.drawEllipse(QPointF(x + sample / 2, middle), 3.5, 3.5)
                elif what == "criterion":
                    painter.setPen(QPen(colours["criterion"], 1.5, Qt.PenStyle.DashLine))
                    painter.drawLine(QPointF(x, middle), QPointF(x + sample, middle))
                else:  # mastered: the vertical line at that session
                    painter.setPen(QPen(colours["mastered"], 2))
                    painter.drawLine(QPointF(x + sample / 2, y + 1),
                                     QPointF(x + sample / 2, y + height - 1))
                painter.setPen(colours["text"])
                painter.drawText(QRectF(x + sample + 4, y, self.width() - x, height),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 label)
