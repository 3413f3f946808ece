"""The goal bank: measurable short-term objectives, and the long-term goals that group
them, found by text in either language, domain and age band (the IEP editor adds them to a
plan from here: an objective alone, or a long-term goal with all its objectives)."""
from __future__ import annotations

from ...core.units.search import GoalFilter
from ...core.vocabulary import AGE_BANDS, DOMAINS
from ..i18n import current_language
from ..qt import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableWidget,
    QTableWidgetItem, Qt, QTimer, QVBoxLayout, QWidget,
)
from ..student_list import vocabulary_combo
from ..widgets.filter_combo import FilterCombo


class GoalBankPanel(QWidget):
    def __init__(self, library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.language = current_language()
        self.kind = FilterCombo()
        self.kind.addItem(self.tr("Short-term objectives"), "objectives")
        self.kind.addItem(self.tr("Long-term goals"), "long_term")
        self.kind.setAccessibleName(self.tr("Show"))
        self.kind.setToolTip(self.tr("A long-term goal is added with all the objectives "
                                     "it groups"))
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search goals in Chinese or English…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search goals"))
        self.domain = FilterCombo()
        vocabulary_combo(self.domain, DOMAINS, self.tr("All domains"))
        self.domain.setAccessibleName(self.tr("Domain filter"))
        self.age_band = FilterCombo()
        vocabulary_combo(self.age_band, AGE_BANDS, self.tr("All ages"))
        self.age_band.setAccessibleName(self.tr("Age filter"))
        # A filter's choice is read whole at any text size (FilterCombo); domain and age
        # on a row of their own, below the search, so the search keeps its room.
        self.count = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels([self.tr("Domain"), self.tr("Subdomain"),
                                              self.tr("Age"), self.tr("Objective")])
        self.table.setAccessibleName(self.tr("Goals"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # The objective is what a teacher reads: it takes the room and wraps. Domain,
        # subdomain and age stay narrow (`_fit_short_columns`). The rows are measured again
        # once the objective's width settles, so none is cut short with "…".
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(200)  # measuring a column reads 200 rows, not all
        self._measure_rows = QTimer(self)
        self._measure_rows.setSingleShot(True)
        self._measure_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(self._column_resized)
        search = QHBoxLayout()
        search.addWidget(self.kind)
        search.addWidget(self.search_field, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.domain, 1)
        filters.addWidget(self.age_band, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.search_field.textChanged.connect(self.refresh)
        self.domain.currentIndexChanged.connect(self.refresh)
        self.age_band.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 3:
            self._measure_rows.start()  # once, however many steps the resize takes

    def _fit_short_columns(self) -> None:
        """Domain, subdomain and age as wide as their words, up to about twelve letters
        (a longer one wraps). The age only while every age is listed: otherwise the
        filter above says it."""
        cap = self.table.fontMetrics().averageCharWidth() * 12
        for column in range(3):
            self.table.setColumnWidth(column, min(self.table.sizeHintForColumn(column), cap))
        self.table.setColumnHidden(2, bool(self.age_band.currentData()))

    def showing_long_term(self) -> bool:
        return self.kind.currentData() == "long_term"

    def refresh(self, *_args) -> None:
        wanted = GoalFilter(query=self.search_field.text(), domain=self.domain.currentData() or "",
                            age_band=self.age_band.currentData() or "")
        lang = self.language
        if self.showing_long_term():
            bank = self.library.shipped().goals
            rows = [(goal.id, [DOMAINS.label(goal.domain, lang),
                               self.tr("%1 objectives").replace("%1", str(len(goal.objectives))),
                               AGE_BANDS.label(goal.age_band, lang), goal.text.get(lang)],
                     "\n".join([goal.text.get(lang)] + [
                         "• " + bank[i].sentence(lang) for i in goal.objectives if i in bank]))
                    for goal in self.library.search_long_term_goals(wanted)]
            self.table.setHorizontalHeaderItem(1, QTableWidgetItem(self.tr("Objectives")))
            self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("Long-term goal")))
        else:
            from ...core.services.own_goals import OWN_TAG, is_own

            # The school's own goals are tagged 【本校】, as the library tags a unit's kind;
            # one written for every age says so.
            tag = f"【{OWN_TAG.label(lang)}】"
            rows = [(goal.id, [DOMAINS.label(goal.domain, lang), goal.subdomain.get(lang),
                               AGE_BANDS.label(goal.age_band, lang) or self.tr("All ages"),
                               (tag if is_own(goal.id) else "") + goal.sentence(lang)], None)
                    for goal in self.library.search_goals(wanted)]
            self.table.setHorizontalHeaderItem(1, QTableWidgetItem(self.tr("Subdomain")))
            self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("Objective")))
        self.table.setRowCount(len(rows))
        for row, (goal_id, cells, tip) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip or text)
                item.setData(Qt.ItemDataRole.UserRole, goal_id)
                self.table.setItem(row, column, item)
        self._fit_short_columns()
        self.table.resizeRowsToContents()
        self.count.setText((self.tr("%1 long-term goals") if self.showing_long_term()
                            else self.tr("%1 goals")).replace("%1", str(len(rows))))

    def goal_ids(self) -> list[str]:
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.table.rowCount())]
