"""Two revisions of a student's plans side by side, the changes highlighted."""
from __future__ import annotations

from html import escape

from ...core.contrast import contrast, mix
from ...core.iep.compare import compare
from ...core.iep.terms import PLAN_EVENTS, PLAN_SECTIONS
from ...core.vocabulary import Term, Vocabulary
from ..i18n import current_language
from .plan_review_page import local_time
from ..qt import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QEvent, QFont, QFontMetrics, QFormLayout,
    QHBoxLayout, QLabel, QPalette, QTextBrowser, QVBoxLayout, QWidget,
)
from ..window_size import open_at_size

CURRENT = "current"

# Each kind of change said in words and by a sign, so it does not rest on colour: a screen
# reader reads the words, a black-and-white print or a colour-blind reader sees the sign,
# the bold (added), the strike-through (removed) and the underline (changed characters).
CHANGES = Vocabulary(
    Term("added", "新增", "Added"),
    Term("removed", "删除", "Removed"),
    Term("changed", "修改", "Changed"),
)
SIGNS = {"added": "+", "removed": "\u2212", "changed": "~"}
CHANGE_COLUMN = Term("change", "改动", "Change")
# Backgrounds: the palette's base tinted toward these hues, by this share at most.
TINTS = {"changed": ("#ffd54f", 0.22), "removed": ("#e57373", 0.2),
         "added": ("#81c784", 0.22), "mark": ("#ffb300", 0.5), "section": ("#5c85d6", 0.16)}


def shades(base: str, text: str) -> dict[str, str]:
    """The comparison's backgrounds tinted from the palette's base, each keeping the
    palette's text at 4.5:1 or more (light or dark palette); "muted" is the colour of the
    field names, quieter than the text but as readable; "border" the table's lines."""
    out = {}
    for name, (hue, share) in TINTS.items():
        colour = mix(base, hue, share)
        while contrast(colour, text) < 4.5 and share > 0:
            share = max(0.0, share - 0.04)
            colour = mix(base, hue, share)
        out[name] = colour
    # The field names sit on every kind of row: readable on each.
    rows = [base, out["changed"], out["removed"], out["added"]]
    share = 0.3
    while share > 0 and min(contrast(mix(text, base, share), row) for row in rows) < 4.5:
        share = max(0.0, share - 0.04)
    out["muted"] = mix(text, base, share)
    out["border"] = mix(base, text, 0.3)
    return out


def change_text(kind: str, language: str) -> str:
    """"+ 新增", "− 删除", "~ 修改"; nothing for a line that is the same."""
    return f"{SIGNS[kind]} {CHANGES.label(kind, language)}" if kind in SIGNS else ""


def _unbroken(text: str) -> str:
    return escape(text).replace(" ", "&nbsp;")


def change_column_width(font_metrics, language: str) -> int:
    """The change column's width for the view's font (`font_metrics` of its bold face)."""
    texts = [change_text(kind, language) for kind in SIGNS] + [CHANGE_COLUMN.label(language)]
    return max(font_metrics.horizontalAdvance(text) for text in texts) + 16  # padding


def marked(text: str, spans: list[tuple[int, int]], colour: str) -> str:
    """The text with the changed character ranges highlighted and underlined, the rest
    escaped."""
    out, at = [], 0
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(f"<u style='background:{colour}'>{escape(text[start:end])}</u>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


def _cell(label: str, text: str, spans, mark: str, muted: str, tag: str = "") -> str:
    """The field's name small and muted above its text, so the text gets the width; `tag`
    ("b" or "s") sets the whole text bold (added) or struck through (removed)."""
    if not label and not text:
        return "<td></td>"
    body = marked(text, spans, mark)
    if tag:
        body = f"<{tag}>{body}</{tag}>"
    return f"<td><small style='color:{muted}'>{escape(label)}</small><br>{body}</td>"


def comparison_html(rows, language: str, only_changes: bool, titles: tuple[str, str],
                    colours: dict[str, str] | None = None, change_width: int = 0) -> str:
    """`colours`: from shades(), for the palette the text is shown in (light if none);
    `change_width`: the change column's width in pixels, as wide as its words in the
    view's font (Qt's tables squeeze a column without one to a letter a line)."""
    colours = colours or shades("#ffffff", "#000000")
    width = f" width='{change_width}'" if change_width else ""
    cells = [f"<tr><th nowrap{width}>{escape(CHANGE_COLUMN.label(language))}</th>"
             f"<th width='46%'>{escape(titles[0])}</th>"
             f"<th width='46%'>{escape(titles[1])}</th></tr>"]
    section = None
    for row in rows:
        if only_changes and row.kind == "equal":
            continue
        if row.section != section:
            section = row.section
            cells.append(f"<tr><td colspan='3' style='background:{colours['section']}'><b>"
                         f"{escape(PLAN_SECTIONS.label(section, language))}</b></td></tr>")
        background = colours.get(row.kind, "") if row.kind in SIGNS else ""
        style = f" style='background:{background}'" if background else ""
        # Characters are marked in a changed line; a line added or removed is so whole.
        changed = row.kind == "changed"
        mark, muted = colours["mark"], colours["muted"]
        left = _cell(row.left_label, row.left, row.left_spans if changed else [], mark, muted,
                     "s" if row.kind == "removed" else "")
        right = _cell(row.right_label, row.right, row.right_spans if changed else [], mark,
                      muted, "b" if row.kind == "added" else "")
        cells.append(f"<tr{style}><td nowrap><b>{_unbroken(change_text(row.kind, language))}</b></td>"
                     f"{left}{right}</tr>")
    if len(cells) == 1:
        return "<p>" + ("两个版本内容相同。" if language.startswith("zh")
                        else "The two versions are the same.") + "</p>"
    return ("<table width='100%' cellspacing='0' cellpadding='4' border='1' "
            f"style='border-collapse:collapse; border-color:{colours['border']}'>"
            + "".join(cells) + "</table>")


def legend_html(language: str, colours: dict[str, str]) -> str:
    """The signs and marks, each on its own background."""
    looks = {"added": ("b", colours["added"]), "removed": ("s", colours["removed"]),
             "changed": ("u", colours["mark"])}
    return " · ".join(f"<span style='background:{background}'>&nbsp;{SIGNS[kind]} <{tag}>"
                      f"{escape(CHANGES.label(kind, language))}</{tag}>&nbsp;</span>"
                      for kind, (tag, background) in looks.items())


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
        self.legend = QLabel()  # its words are what a screen reader reads: no other name
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.only_changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)
        layout.addWidget(buttons)
        for signal in (self.left.currentIndexChanged, self.right.currentIndexChanged,
                       self.only_changes.toggled):
            signal.connect(lambda *_: self.refresh())
        open_at_size(self, 1100, 720, centre=False)  # Qt centres a dialog on its window
        self.refresh()
        self.view.installEventFilter(self)

    def refresh(self) -> None:
        colours = self.colours()
        self.legend.setText(legend_html(self.language, colours))
        left, right = self.left.currentData(), self.right.currentData()
        if left is None or right is None:
            self.view.setHtml("<p>" + self.tr("This plan has no revisions yet: one is kept "
                                              "each time its status changes.") + "</p>")
            self.rows = []
            return
        self.rows = compare(self.snapshots[left], self.snapshots[right], self.language)
        changes = sum(r.kind != "equal" for r in self.rows)
        self.counts.setText(self.tr("%1 lines differ.").replace("%1", str(changes)))
        bold = QFont(self.view.font())
        bold.setBold(True)
        self.view.setHtml(comparison_html(self.rows, self.language, self.only_changes.isChecked(),
                                          (self.left.currentText(), self.right.currentText()),
                                          colours, change_column_width(QFontMetrics(bold),
                                                                      self.language)))

    def colours(self) -> dict[str, str]:
        """The comparison's backgrounds for the palette it is shown in."""
        palette = self.view.palette()
        return shades(palette.color(QPalette.ColorRole.Base).name(),
                      palette.color(QPalette.ColorRole.Text).name())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # A light or dark palette chosen while the dialog is open: the view's own change,
        # as the dialog hears of one before its children have the new palette.
        if watched is self.view and event.type() == QEvent.Type.PaletteChange:
            self.refresh()
        return super().eventFilter(watched, event)
