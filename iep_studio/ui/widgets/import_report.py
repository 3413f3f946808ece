"""What a spreadsheet import did: how many came in, and each row left out with its
problems, for the teacher to correct in the spreadsheet. Every import says it alike."""
from __future__ import annotations

from ..qt import QMessageBox, QWidget

LISTED = 200  # rows left out named in the report; the count says how many more


class ImportReport(QMessageBox):
    def __init__(self, title: str, text: str, left_out, problems_text, parent: QWidget):
        """`left_out`: the rows refused (each with its `line`); `problems_text(row)` says
        what is wrong with one."""
        super().__init__(QMessageBox.Icon.Information, title, text,
                         QMessageBox.StandardButton.Ok, parent)
        if not left_out:
            return
        self.setIcon(QMessageBox.Icon.Warning)
        self.setText(text + "\n" + self.tr(
            "%1 rows were left out because of their problems: correct them in the "
            "spreadsheet, then import those rows.").replace("%1", str(len(left_out))))
        lines = [self.tr("Row %1: %2").replace("%1", str(row.line))
                 .replace("%2", problems_text(row)) for row in left_out[:LISTED]]
        if len(left_out) > LISTED:
            lines.append(self.tr("… and %1 more.").replace("%1", str(len(left_out) - LISTED)))
        self.setDetailedText("\n".join(lines))
