"""Two revisions of a student's plans side by side, the changes highlighted."""
from __future__ import annotations

from html import escape

from ...core.iep.compare import compare
from ...core.iep.terms import PLAN_EVENTS, PLAN_SECTIONS
from ..i18n import current_language
from .plan_review_page import local_time
from ..qt import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QTextBrowser, QVBoxLayout, QWidget,
)

CHANGED, REMOVED, ADDED, MARK = "#fff6d5", "#fde2e1", "#e2f5e4", "#ffc94d"
CURRENT = "current"


def marked(text: str, spans: list[tuple[int, int]], colour: str) -> str:
    """The text with the changed character ranges highlighted, the rest escaped."""
    out, at = [], 0
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(f"<span style='background:{colour}'>{escape(text[start:end])}</span>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


def _cell(label: str, text: str, spans, mark: str) -> str:
    """The field's name small and grey above its text, so the text gets the width."""
    if not label and not text:
        return "<td></td>"
    return (f"<td><small style='color:#555'>{escape(label)}</small><br>"
            f"{marked(text, spans, mark)}</td>")


def comparison_html(rows, language: str, only_changes: bool, titles: tuple[str, str]) -> str:
    cells = [f"<tr><th width='50%'>{escape(titles[0])}</th>"
             f"<th width='50%'>{escape(titles[1])}</th></tr>"]
    section = None
    for row in rows:
        if only_changes and row.kind == "equal":
            continue
        if row.section != section:
            section = row.section
            cells.append(f"<tr><td colspan='2' style='background:#e8eef7'><b>"
                         f"{escape(PLAN_SECTIONS.label(section, language))}</b></td></tr>")
        background = {"changed": CHANGED, "removed": REMOVED, "added": ADDED}.get(row.kind, "")
        style = f" style='background:{background}'" if background else ""
        mark = MARK if row.kind == "changed" else background
        cells.append(f"<tr{style}>{_cell(row.left_label, row.left, row.left_spans, mark)}"
                     f"{_cell(row.right_label, row.right, row.right_spans, mark)}</tr>")
    if len(cells) == 1:
        return "<p>" + ("两个版本内容相同。" if language.startswith("zh")
                        else "The two versions are the same.") + "</p>"
    return ("<table width='100%' cellspacing='0' cellpadding='4' border='1' "
            "style='border-collapse:collapse; border-color:#ccc'>" + "".join(cells) + "</table>")


class RevisionCompareDialog(QDialog):
    def __init__(self, review, student_id: str, current_plan=None,
                 parent: QWidget | None = None):
        """`review` is the TeamReview service; `current_plan` (if given) is offered as
        "now", so a draft can be compared with what was submitted."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare revisions"))
        self.language = current_language()
        self.snapshots: dict[str, dict] = {}
        self.left, self.right = QComboBox(), QComboBox()
        self.left.setAccessibleName(self.tr("Earlier version"))
        self.right.setAccessibleName(self.tr("Later version"))
        plans = {}
        for revision in review.revisions(student_id):
            plan_title = plans.setdefault(revision.plan_id, revision.snapshot["plan"]["title"])
            edition = revision.snapshot["plan"].get("edition", 1)
            text = self.tr("%1, edition %2 · #%3 %4 · %5 · %6") \
                .replace("%1", plan_title).replace("%2", str(edition)) \
                .replace("%3", str(revision.number)) \
                .replace("%4", PLAN_EVENTS.label(revision.event, self.language)) \
                .replace("%5", local_time(revision.made_at)).replace("%6", revision.made_by)
            self.snapshots[revision.id] = revision.snapshot
            for combo in (self.left, self.right):
                combo.addItem(text, revision.id)
        if current_plan is not None:
            self.snapshots[CURRENT] = review.current_snapshot(current_plan.id)
            for combo in (self.left, self.right):
                combo.addItem(self.tr("%1 as it is now").replace("%1", current_plan.title),
                              CURRENT)
        self.left.setCurrentIndex(max(self.left.count() - 2, 0))
        self.right.setCurrentIndex(self.right.count() - 1)
        self.only_changes = QCheckBox(self.tr("Only the changes"))
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Comparison"))
        self.counts = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Earlier:"), self.left)
        form.addRow(self.tr("Later:"), self.right)
        legend = QLabel(self.tr("<span style='background:%1'>changed</span> · "
                                "<span style='background:%2'>removed</span> · "
                                "<span style='background:%3'>added</span>")
                        .replace("%1", MARK).replace("%2", REMOVED).replace("%3", ADDED))
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.only_changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)
        layout.addWidget(buttons)
        for signal in (self.left.currentIndexChanged, self.right.currentIndexChanged,
                       self.only_changes.toggled):
            signal.connect(lambda *_: self.refresh())
        self.resize(1100, 720)
        self.refresh()

    def refresh(self) -> None:
        left, right = self.left.currentData(), self.right.currentData()
        if left is None or right is None:
            self.view.setHtml("<p>" + self.tr("This plan has no revisions yet: one is kept "
                                              "each time its status changes.") + "</p>")
            self.rows = []
            return
        self.rows = compare(self.snapshots[left], self.snapshots[right], self.language)
        changes = sum(r.kind != "equal" for r in self.rows)
        self.counts.setText(self.tr("%1 lines differ.").replace("%1", str(changes)))
        self.view.setHtml(comparison_html(self.rows, self.language, self.only_changes.isChecked(),
                                          (self.left.currentText(), self.right.currentText())))
