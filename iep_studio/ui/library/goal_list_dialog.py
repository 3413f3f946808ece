"""The preview of a teacher's own goal list read from a spreadsheet
(ui/widgets/sheet_preview.py), its problems named by the goal list's columns."""
from __future__ import annotations

from collections.abc import Callable

from ...core.spreadsheets.goal_list import GOAL_COLUMNS, recognise
from ...core.spreadsheets.roster import Table
from ...core.vocabulary import join_clauses
from ..i18n import problem_text
from ..qt import QWidget
from ..student_file.roster_dialog import RosterRowsModel
from ..widgets.sheet_preview import SheetPreviewDialog


class GoalRowsModel(RosterRowsModel):
    """The preview's rows, as the student list's are shown, with the goal list's columns
    naming the problems."""

    def problems_text(self, row) -> str:
        """"行为：此项必填。；掌握标准：…" / "Behaviour: …; Mastery: …"."""
        zh = self._language.startswith("zh")
        parts = [f"{GOAL_COLUMNS.label(p.field, self._language)}{'：' if zh else ': '}"
                 f"{problem_text(p)}" if p.field in GOAL_COLUMNS else problem_text(p)
                 for p in row.problems]
        if zh:
            return join_clauses(parts, self._language, strong=True)
        # Not join_clauses: a value in Chinese would make it join in Chinese.
        return "; ".join([part.rstrip(".") for part in parts[:-1]] + parts[-1:])


class GoalListImportDialog(SheetPreviewDialog):
    """`preview_of(table, mapping)` makes the preview (the services' own_goals.preview);
    `read_sheet(name)` reads another sheet of the file."""

    WIDEST_CELL = "学生能独立洗手（六步洗手法）"
    WIDEST_PROBLEM = "掌握标准：“八成”不是能读懂的掌握"

    def __init__(self, table: Table, preview_of: Callable, read_sheet: Callable[[str], Table],
                 parent: QWidget | None = None):
        super().__init__(table, read_sheet, GOAL_COLUMNS, recognise, GoalRowsModel, parent)
        self.preview_of = preview_of
        self.say(self.tr("Import goals from a spreadsheet"), self.tr(
            "%1: each column's heading says what it holds; change any that is read wrongly. "
            "Domain, condition, behaviour and criterion are needed; a goal written only in "
            "Chinese is fine. Rows with problems are left out and listed afterwards."),
            self.tr("Rows of the goal list"), self.tr("&Import the goals without problems"))
        self.start()

    def make_preview(self):
        """With the bank as it is now."""
        return self.preview_of(self.table, self.mapping())

    def count_text(self, good: int, bad: int) -> str:
        # The count is said here: the button names no number, so no plural to get wrong.
        return (self.tr("Ready to import: %1 goals. With problems: %2 rows.")
                .replace("%1", str(good)).replace("%2", str(bad)))
