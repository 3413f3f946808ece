"""The overview's pages of figures: the counts (by one grouping at a time), the children
needing attention, and the regulation's checks with the schools or classes that break
them. Each page lays out one DistrictView; a row that stands for a figure opens its
children (the window connects `figure_chosen`), and each page hands over the table it
shows for Excel."""
from __future__ import annotations

from ...core.overview import DIMENSIONS, Check, DistrictView
from ..i18n import current_language
from ..qt import QComboBox, QHBoxLayout, QLabel, QSplitter, Qt, QVBoxLayout, QWidget, Signal
from ..widgets.dialogs import spoken
from ..widgets.system_look import DONE, PROBLEM, characters, text_tone
from .figure_table import FigureModel, Row, figure_view, model_rows


class FiguresPage(QWidget):
    """Signals: figure_chosen(str key, str title): a figure's row was opened (double
    click or Enter)."""

    figure_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.language = current_language()

    def connect_table(self, table) -> None:
        model = table.model()

        def opened(index) -> None:
            row = model.rows[index.row()] if 0 <= index.row() < model.rowCount() else None
            if row is not None and row.key:
                self.figure_chosen.emit(row.key, row.title or str(row.cells[0]))

        table.activated.connect(opened)

    @staticmethod
    def readable_width(table) -> QHBoxLayout:
        """A list of two columns, a name and its number, no wider than a line is easily
        read across (on a wide window the number would sit far from its name); the room
        left over stays empty beside it."""
        table.setMaximumWidth(characters(table, 100))
        row = QHBoxLayout()
        row.addWidget(table, 1)
        row.addStretch(0)
        return row

    def said(self, label: str, value: str) -> str:
        """"规定：…" / "Rule: …"."""
        return f"{label}{'：' if self.language.startswith('zh') else ': '}{value}"


class CountsPage(FiguresPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view: DistrictView | None = None
        self.by = QComboBox()
        for term in DIMENSIONS:
            self.by.addItem(term.label(self.language), term.code)
        label = QLabel(self.tr("Count &by:"))
        label.setBuddy(self.by)
        self.by.setAccessibleName(spoken(label.text()))
        self.model = FigureModel([], self)
        self.table = figure_view(self.model, self.tr("Counts"), parent=self)
        self.connect_table(self.table)
        self.note = QLabel(self.tr("A student with more than one disability category is "
                                   "counted under each of them."))
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.by)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.readable_width(self.table), 1)
        layout.addWidget(self.note)
        self.by.currentIndexChanged.connect(lambda _index: self._show())

    def choose(self, by: str) -> None:
        index = self.by.findData(by)
        if index >= 0:
            self.by.setCurrentIndex(index)

    def show_view(self, view: DistrictView) -> None:
        self.view = view
        self._show()

    def _show(self) -> None:
        if self.view is None:
            return
        by, language = self.by.currentData(), self.language
        total = self.view.total
        rows = [Row((total.label(language), total.count), key=total.key, strong=True)]
        rows += [Row((f.label(language), f.count), key=f.key)
                 for f in self.view.counts.get(by, ())]
        self.model.set_rows(rows, [DIMENSIONS.label(by, language), self.tr("Students")])
        self.note.setVisible(by in ("category", "degree"))

    def export_table(self):
        title = self.tr("Students by %1").replace(
            "%1", DIMENSIONS.label(self.by.currentData(), self.language))
        return title, self.model.headings, model_rows(self.model)


class AttentionPage(FiguresPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = FigureModel([self.tr("Needs attention"), self.tr("Students")], self)
        self.table = figure_view(self.model, self.tr("Students needing attention"),
                                 parent=self)
        self.connect_table(self.table)
        note = QLabel(self.tr("The weeks without observations and the home visits planned "
                              "each term are set on the Settings page."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.readable_width(self.table), 1)
        layout.addWidget(note)

    def show_view(self, view: DistrictView) -> None:
        self.model.set_rows([Row((f.label(self.language), f.count), key=f.key)
                             for f in view.attention])

    def export_table(self):
        return self.tr("Students needing attention"), self.model.headings, \
            model_rows(self.model)


class ChecksPage(FiguresPage):
    """The checks above, each with its result in words and an icon; under them the chosen
    check's rule, source and figures, and the schools or classes that break it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.checks: tuple[Check, ...] = ()
        self.model = FigureModel([self.tr("Result"), self.tr("Rule"), self.tr("Source"),
                                  self.tr("Not met at"), self.tr("Students")], self)
        self.table = figure_view(self.model, self.tr("The regulation's checks"),
                                 text_columns=(1, 2), parent=self)
        self.connect_table(self.table)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.breach_model = FigureModel([self.tr("School or class"), self.tr("What was found"),
                                         self.tr("Students")], self)
        self.breaches = figure_view(self.breach_model,
                                    self.tr("Schools or classes not meeting the rule"),
                                    text_columns=(0, 1), parent=self)
        self.connect_table(self.breaches)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details)
        lower_layout.addWidget(self.breaches, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([220, 340])  # five checks; the places below may be many
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_check(current.row()))

    def result(self, check: Check) -> str:
        return self.tr("Not met") if check.breaches else self.tr("Met")

    def show_view(self, view: DistrictView) -> None:
        from ..icons import icon  # the icon font: loaded with the first icon drawn

        keep = self.model.key(self.table.currentIndex().row())
        self.checks = view.checks
        language, palette = self.language, self.table.palette()
        base = palette.ColorRole.Base
        met = (icon("check-circle-outline", palette, palette.ColorRole.Text),
               text_tone(DONE, self.table, base))
        not_met = (icon("alert-circle-outline", palette, palette.ColorRole.Text),
                   text_tone(PROBLEM, self.table, base))
        rows = []
        for check in self.checks:
            mark, colour = not_met if check.breaches else met
            rows.append(Row((self.result(check), check.label(language), check.source(language),
                             check.count, check.students), key=check.key,
                            title=check.label(language), icon=mark, colour=colour))
        self.model.set_rows(rows)
        for row, check in enumerate(self.checks):
            if check.key == keep:
                self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_check(self.table.currentIndex().row())

    def _show_check(self, row: int) -> None:
        if not 0 <= row < len(self.checks):
            self.details.clear()
            self.breach_model.set_rows([])
            return
        check, language = self.checks[row], self.language
        figures = []
        for setting in check.settings:
            text = self.said(setting.label(language), str(setting.value))
            if setting.value != setting.default:
                text += self.tr(" (default %1)").replace("%1", str(setting.default))
            figures.append(text)
        lines = [self.said(self.tr("Rule"), check.label(language)),
                 self.said(self.tr("Source"), check.source(language)),
                 self.said(self.tr("Figures used"),
                           ("；" if language.startswith("zh") else "; ").join(figures))]
        lines.append(self.tr("Not met at the schools or classes below; open one to see its "
                             "students.") if check.breaches else
                     self.tr("Every school and class meets this rule."))
        self.details.setText("\n".join(lines))
        self.breach_model.set_rows([
            Row((b.label(language), b.finding(language), b.count), key=b.key,
                title=f"{b.label(language)}{'：' if language.startswith('zh') else ': '}"
                      f"{check.label(language)}")
            for b in check.breaches])

    def export_table(self):
        """One row for each school or class not meeting a check; a check every place
        meets has one row saying so."""
        language = self.language
        headings = [self.tr("Rule"), self.tr("Source"), self.tr("Result"),
                    self.tr("School or class"), self.tr("What was found"), self.tr("Students")]
        rows = []
        for check in self.checks:
            first = (check.label(language), check.source(language), self.result(check))
            rows += [first + (b.label(language), b.finding(language), b.count)
                     for b in check.breaches] or [first + ("", "", 0)]
        return self.tr("The regulation's checks"), headings, rows
