"""The student list: search as you type, filters, and a table of matching files."""
from __future__ import annotations

from dataclasses import replace

from ..core.student_index import StudentFilter, StudentSummary, search
from ..core.vocabulary import CATEGORIES, PLACEMENTS, STATUSES, join_labels
from .widgets.fields import route_undo_to_window
from .widgets.filter_combo import FilterCombo
from .i18n import current_language
from .qt import (
    QAbstractItemView, QAbstractTableModel, QCheckBox, QComboBox, QEvent, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QModelIndex, QObject, Qt, QTableView, QVBoxLayout, QWidget,
    Signal,
)


class StudentListModel(QAbstractTableModel):
    """Rows are StudentSummary objects already in memory; the view asks only for the
    rows it paints, so 6,000 students cost nothing until they scroll into view."""

    COLUMNS = ("name", "number", "class", "categories", "placement", "school", "status")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[StudentSummary] = []
        self._language = current_language()

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Student no."), self.tr("Class"), self.tr("Category"),
                self.tr("Placement"), self.tr("School"), self.tr("Status")]

    def set_rows(self, rows: list[StudentSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def replace_row(self, summary: StudentSummary) -> None:
        for i, row in enumerate(self._rows):
            if row.id == summary.id:
                self._rows[i] = summary
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def row_of(self, student_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == student_id), -1)

    def summary(self, row: int) -> StudentSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        lang = self._language
        if column == "name":
            return row.full_name + (self.tr(" (archived)") if row.archived else "")
        if column == "number":
            return row.student_number
        if column == "class":
            return f"{row.grade} {row.class_name}".strip()
        if column == "categories":
            return join_labels((CATEGORIES.label(c, lang) for c in row.categories), lang)
        if column == "placement":
            return PLACEMENTS.label(row.placement, lang)
        if column == "school":
            return row.school_name
        return STATUSES.label(row.status, lang)


def vocabulary_combo(combo: QComboBox, vocabulary, any_text: str | None) -> None:
    """Fill a combo with a vocabulary's names in the current language, codes as data."""
    language = current_language()
    if any_text is not None:
        combo.addItem(any_text, "")
    for term in vocabulary:
        combo.addItem(term.label(language), term.code)


class StudentListPanel(QWidget):
    """Signals:
    student_chosen(str): the user moved to a student (by click, arrow keys or search).
    filtered(int): the list now shows this many students (a search or filter changed)."""

    student_chosen = Signal(str)
    filtered = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._all: list[StudentSummary] = []
        self._last: tuple[StudentFilter | None, list[StudentSummary]] = (None, [])
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(
            self.tr("Search name, pinyin, number, class, category… (Ctrl+F)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search students"))
        self.category_filter = FilterCombo()
        vocabulary_combo(self.category_filter, CATEGORIES, self.tr("All categories"))
        self.category_filter.setAccessibleName(self.tr("Category filter"))
        self.placement_filter = FilterCombo()
        vocabulary_combo(self.placement_filter, PLACEMENTS, self.tr("All placements"))
        self.placement_filter.setAccessibleName(self.tr("Placement filter"))
        self.status_filter = FilterCombo()
        vocabulary_combo(self.status_filter, STATUSES, self.tr("Any status"))
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.school_filter = FilterCombo()
        self.school_filter.addItem(self.tr("All schools"), "")
        self.school_filter.setAccessibleName(self.tr("School filter"))
        self.school_filter.setVisible(False)  # shown once there is more than one school
        self.show_archived = QCheckBox(self.tr("Show archived"))

        self.model = StudentListModel(self)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fit_columns()
        self.table.setAccessibleName(self.tr("Students"))

        # A filter is never narrower than its choice at the system's text size ("All
        # categori" was read at 150%); two rows leave the file room beside the list.
        filters = QHBoxLayout()
        more_filters = QHBoxLayout()
        for row, widget in ((filters, self.category_filter), (filters, self.placement_filter),
                            (more_filters, self.status_filter),
                            (more_filters, self.school_filter)):
            row.addWidget(widget, 1)
        more_filters.addWidget(self.show_archived)
        more_filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field)
        layout.addLayout(filters)
        layout.addLayout(more_filters)
        # A search that finds nothing says so, where the eye is, and how to get the list back.
        self.no_match = QLabel(self.tr("No student file matches. Clear the search or the "
                                       "filters to see every file."))
        self.no_match.setWordWrap(True)
        self.no_match.setVisible(False)
        layout.addWidget(self.no_match)
        layout.addWidget(self.table, 1)

        self.search_field.textChanged.connect(self.apply_filter)
        for combo in (self.school_filter, self.category_filter, self.placement_filter,
                      self.status_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.show_archived.toggled.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(self._row_activated)
        self.table.installEventFilter(self)  # Tab into the list opens no file
        # Up/Down in the search field move through the results without leaving it.
        self.search_field.installEventFilter(self)
        route_undo_to_window(self.search_field)

    def _fit_columns(self) -> None:
        """Each column as wide as what it holds (the longest category, placement and
        status in the language shown; a name, a student number, a class, a school), at
        the system's text size: none is cut short while another has room to spare."""
        metrics = self.table.fontMetrics()
        titles = self.table.horizontalHeader().fontMetrics()
        language = current_language()

        def longest(vocabulary) -> int:
            return max(metrics.horizontalAdvance(term.label(language)) for term in vocabulary)

        held = (metrics.horizontalAdvance("欧阳思思思"), metrics.horizontalAdvance("2024010205"),
                metrics.horizontalAdvance("九年级 特教班"), longest(CATEGORIES),
                longest(PLACEMENTS), metrics.horizontalAdvance("城南实验小学分校"),
                longest(STATUSES))
        for column, (width, title) in enumerate(zip(held, self.model.headers())):
            self.table.setColumnWidth(column, max(width, titles.horizontalAdvance(title)) + 20)

    def current_filter(self) -> StudentFilter:
        return StudentFilter(
            query=self.search_field.text(),
            category=self.category_filter.currentData() or "",
            placement=self.placement_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            school_id=self.school_filter.currentData() or "",
            show_archived=self.show_archived.isChecked(),
        )

    def set_students(self, summaries: list[StudentSummary], keep_id: str | None = None) -> None:
        self._all = summaries
        self._last = (None, [])
        self._fill_schools()
        self.apply_filter(keep_id=keep_id)

    def _fill_schools(self) -> None:
        schools = sorted({(s.school_name, s.school_id) for s in self._all})
        chosen = self.school_filter.currentData()
        self.school_filter.blockSignals(True)
        while self.school_filter.count() > 1:
            self.school_filter.removeItem(1)
        for name, school_id in schools:
            self.school_filter.addItem(name, school_id)
        self.school_filter.setCurrentIndex(max(self.school_filter.findData(chosen), 0))
        self.school_filter.blockSignals(False)
        self.school_filter.setVisible(len(schools) > 1)

    def apply_filter(self, *_args, keep_id: str | None = None) -> None:
        keep_id = keep_id or self.current_id()
        flt = self.current_filter()
        # Typing more of a query only narrows the results: search within the last ones.
        last_filter, last_rows = self._last
        if (last_filter is not None and flt.query.startswith(last_filter.query)
                and replace(flt, query="") == replace(last_filter, query="")):
            rows = search(last_rows, flt)
        else:
            rows = search(self._all, flt)
        self._last = (flt, rows)
        self.model.set_rows(rows)
        if keep_id:
            self.select(keep_id, emit=False)
        self.no_match.setVisible(not rows and bool(self._all))
        self.filtered.emit(len(rows))

    def update_student(self, summary: StudentSummary | None, student_id: str) -> None:
        """One file changed: refresh its row, or add it if it is new. The selection stays
        where the user put it (the change may be a save made while moving away)."""
        self._all = [s for s in self._all if s.id != student_id]
        self._last = (None, [])  # the changed row may now match, or no longer
        if summary is not None:
            self._all.append(summary)
            self._all.sort(key=lambda x: x.sort_key)
        self.apply_filter(keep_id=self.current_id() or student_id)

    def current_id(self) -> str | None:
        summary = self.model.summary(self.table.currentIndex().row())
        return summary.id if summary else None

    def select(self, student_id: str, emit: bool = True) -> bool:
        row = self.model.row_of(student_id)
        if row < 0:
            return False
        self.table.blockSignals(not emit)
        self.table.selectionModel().blockSignals(not emit)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def visible_count(self) -> int:
        return self.model.rowCount()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.model.summary(current.row())
        if summary is not None:
            self.student_chosen.emit(summary.id)

    def _row_activated(self, index: QModelIndex) -> None:
        """Enter opens the row the focus is on if its file is not shown (after Alt+Home)."""
        summary = self.model.summary(index.row())
        if summary is not None and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
            self.student_chosen.emit(summary.id)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (watched is self.table and event.type() == QEvent.Type.FocusIn
                and event.reason() != Qt.FocusReason.MouseFocusReason
                and not self.table.currentIndex().isValid()):
            # With no row current, Qt makes the first one current as the focus comes in,
            # which opens its file: moving the focus past the list must not change what
            # is on the screen. The list has the focus all the same; ↓ opens the first file.
            self.table.update()
            self.table.viewport().update()
            return True
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.table.currentIndex().row()
                row = row + 1 if key == Qt.Key.Key_Down else row - 1
                if 0 <= row < self.model.rowCount():
                    self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(watched, event)
