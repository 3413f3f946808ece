"""The week as a grid: days across, times down, a session in each cell; and the titles of
a week and a day as the planner and the observation entry show them."""
from __future__ import annotations

from datetime import date, timedelta

from ...core.vocabulary import join_labels
from ..qt import (
    QAbstractItemView, QHeaderView, QLocale, QPalette, QTableWidget, QTableWidgetItem, Qt,
    QWidget, Signal,
)


def week_title(monday: date, language: str) -> str:
    sunday = monday + timedelta(days=6)
    if language.startswith("zh"):
        return f"{monday.year}年{monday.month}月{monday.day}日 — {sunday.month}月{sunday.day}日"
    # Month and day names in the window's language, not the computer's: strftime followed
    # the system's locale and wrote "30 11月 2026" in an English window.
    locale = QLocale(language)
    return f"{locale.toString(monday, 'dd MMM yyyy')} – {locale.toString(sunday, 'dd MMM')}"


def day_title(day: date, language: str) -> str:
    if language.startswith("zh"):
        return f"周{'一二三四五六日'[day.weekday()]} {day.month}/{day.day}"
    return QLocale(language).toString(day, "ddd dd/MM")  # the window's language (above)


class WeekGrid(QTableWidget):
    """Days across, times down; a cell holds one session. Signals:
    open_cell(date, str, str): Enter or a double-click on (day, time, session id or "").
    remove_session(str): Delete on a session."""

    open_cell = Signal(object, str, str)
    remove_session = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab moves on; arrows move between days and times
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Sessions of the week"))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.days: list[date] = []
        self.slots: list[str] = []
        self.cellActivated.connect(self._activated)
        self.cellDoubleClicked.connect(self._activated)

    def show_week(self, week, names: dict[str, str], language: str, today: date) -> None:
        keep = self.current_session_id()
        keep_cell = (self.currentRow(), self.currentColumn())
        weekend = any(x.day.weekday() >= 5 for x in week.sessions)
        self.days = week.days[:7 if weekend else 5]
        by_cell: dict[tuple[date, str], list] = {}
        for session in week.sessions:
            by_cell.setdefault((session.day, session.starts), []).append(session)
        # One row per start time, and more rows where two rooms start at the same time.
        rows: list[str] = []
        for starts in sorted({x.starts for x in week.sessions}):
            depth = max(len(v) for (d, t), v in by_cell.items() if t == starts)
            rows += [starts] * depth
        rows = rows or [""]
        self.slots = rows
        self.clear()
        self.setColumnCount(len(self.days))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels([day_title(d, language) for d in self.days])
        self.setVerticalHeaderLabels([t or "—" for t in rows])
        for column, day in enumerate(self.days):
            seen: dict[str, int] = {}
            for row, starts in enumerate(rows):
                index = seen.get(starts, 0)
                seen[starts] = index + 1
                sessions = by_cell.get((day, starts), [])
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, "")  # an empty slot: no session
                if index < len(sessions):
                    session = sessions[index]
                    students = join_labels((names.get(s, "?") for s in session.student_ids),
                                           language)
                    times = f"{session.starts}–{session.ends}" if session.ends else session.starts
                    lines = [times, session.title, " · ".join(p for p in (session.room, students)
                                                              if p)]
                    item.setText("\n".join(line for line in lines if line))
                    item.setToolTip(item.text())
                    item.setData(Qt.ItemDataRole.UserRole, session.id)
                    # A session stands out from the empty slots as the palette's raised
                    # surface, with the text the palette writes on it (light or dark).
                    item.setBackground(self.palette().color(QPalette.ColorRole.Button))
                    item.setForeground(self.palette().color(QPalette.ColorRole.ButtonText))
                    if session.id == keep:
                        self.setCurrentCell(row, column)
                self.setItem(row, column, item)
        self.resizeRowsToContents()
        if not self.current_session_id():
            if 0 <= keep_cell[0] < self.rowCount() and 0 <= keep_cell[1] < self.columnCount():
                self.setCurrentCell(*keep_cell)  # the same empty cell
            elif today in self.days:
                self.setCurrentCell(0, self.days.index(today))
            else:
                self.setCurrentCell(0, 0)

    def select_session(self, session_id: str) -> None:
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is not None and item.data(Qt.ItemDataRole.UserRole) == session_id:
                    self.setCurrentCell(row, column)
                    return

    def current_session_id(self) -> str:
        item = self.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole) or "") if item else ""

    def current_day(self) -> date | None:
        column = self.currentColumn()
        return self.days[column] if 0 <= column < len(self.days) else None

    def _activated(self, row: int, column: int) -> None:
        item = self.item(row, column)
        self.open_cell.emit(self.days[column], self.slots[row],
                            (item.data(Qt.ItemDataRole.UserRole) or "") if item else "")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.current_session_id():
            self.remove_session.emit(self.current_session_id())
            return
        super().keyPressEvent(event)
