"""Scoring an instrument item by item, at the speed of the keyboard.

The window opens on the child's age band in the first ladder with anything left to score
(or where the last sitting stopped). A digit gives the score shown on the scale (0, 1, 2
on the default one), N marks the item N/A; each is saved at once and the next item comes
up. Enter skips, Backspace goes back, Delete takes a score away, Page Up/Down change
ladder, Ctrl+K marks the unscored items below the current one as done independently.
Ctrl+Z takes back the last score.
"""
from __future__ import annotations

from ...core.assessment.loading import LoadedInstrument, Placed
from ...core.errors import IepStudioError
from ...core.vocabulary import AGE_BANDS, DOMAINS, age_band_of, age_on
from ..editing.operations import Operations
from ..i18n import current_language, error_text
from ..qt import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QShortcut, QSplitter, QTableWidget, QTableWidgetItem, Qt, QTreeWidget, QTreeWidgetItem,
    QUndoStack, QVBoxLayout, QWidget, Signal,
)
from ..window_size import open_at_size

METHODS = {"probe": ("测查", "Probe"), "observation": ("观察", "Observation"),
           "parent_report": ("家长报告", "Parent report")}
BAND_ORDER = {code: i for i, code in enumerate(AGE_BANDS.codes())}


class ScoreTable(QTableWidget):
    """The ladder's items; the keys of scoring are read here. Signals:
    key(str): a scoring key ("0"-"9", "N", "enter", "back", "delete", "next", "previous")."""

    key = Signal(str)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        text, key = event.text(), event.key()
        named = {Qt.Key.Key_Return: "enter", Qt.Key.Key_Enter: "enter",
                 Qt.Key.Key_Backspace: "back", Qt.Key.Key_Delete: "delete",
                 Qt.Key.Key_PageDown: "next", Qt.Key.Key_PageUp: "previous"}
        if key in named:
            self.key.emit(named[key])
        elif text and (text.isdigit() or text.upper() == "N") and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.key.emit(text.upper())
        else:
            super().keyPressEvent(event)


class ScoringWindow(QDialog):
    """Signals: scored(str, Changes): the student's assessment changed (a score, an undo):
    the student's id and what was written."""

    scored = Signal(str, object)

    def __init__(self, services, assessment, student, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.assessment = assessment
        self.student = student
        self.instrument: LoadedInstrument = services.instruments.get(assessment.instrument_id)
        self.language = current_language()
        self.scores = services.item_scoring.scores(assessment.id)
        self.ladders = [self.instrument.ladder(sub)
                        for part in self.instrument.domains for sub in part.subdomains]
        self.ladder_index, self.row = 0, 0
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(services.store, self.undo_stack, self)
        self.operations.changed.connect(self._changed)
        self.operations.refused.connect(lambda error: self.status.setText(error_text(error)))
        self.setWindowTitle(self.tr("Score item by item"))
        heading = QLabel(f"<b>{_html(student.full_name)}</b> · "
                         f"{_html(self.instrument.header.title.get(self.language))} · "
                         f"{assessment.assessed_on.isoformat()}")
        self.progress = QLabel()
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.progress)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Domain and ladder"), self.tr("Scored")])
        self.tree.setAccessibleName(self.tr("Domains and ladders"))
        self.tree.header().setStretchLastSection(False)  # the ladder's name gets the room
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._ladder_items: list[QTreeWidgetItem] = []
        index = 0
        for part in self.instrument.domains:
            domain = QTreeWidgetItem([DOMAINS.label(part.domain, self.language), ""])
            self.tree.addTopLevelItem(domain)
            for sub in part.subdomains:
                child = QTreeWidgetItem([sub.title.get(self.language), ""])
                child.setData(0, Qt.ItemDataRole.UserRole, index)
                domain.addChild(child)
                self._ladder_items.append(child)
                index += 1
        self.tree.expandAll()

        self.table = ScoreTable(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Age"), self.tr("How"), self.tr("Score")])
        self.table.setAccessibleName(self.tr("Items of the ladder"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("A note on what you saw (saved when you leave "
                                             "the field)"))
        self.note.setAccessibleName(self.tr("Note on the item"))
        self.note.editingFinished.connect(self._save_note)
        self.status = QLabel()
        self.status.setWordWrap(True)
        known = QPushButton(self.tr("Mark the items below as &independent"))
        known.setToolTip("Ctrl+K")
        known.clicked.connect(self.mark_below_as_known)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr(
            "The assessment report, and a scoring form of this domain for use on paper, as "
            "PDF and Word"))
        self.print_button.clicked.connect(self.print_documents)
        self.draft_button = QPushButton(self.tr("&Draft the plan…"))
        self.draft_button.clicked.connect(self.draft_the_plan)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        for button in (known, self.print_button, self.draft_button, close):
            button.setAutoDefault(False)  # Enter belongs to the items

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 3)
        right_layout.addWidget(self.detail, 2)
        right_layout.addWidget(self.keys)
        right_layout.addWidget(self.note)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([330, 670])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (known, self.print_button, self.draft_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        open_at_size(self, 1080, 700, centre=False)  # Qt centres a dialog on its window

        self.tree.currentItemChanged.connect(self._ladder_chosen)
        self.table.currentCellChanged.connect(lambda row, *_: self._row_chosen(row))
        self.table.key.connect(self._key)
        QShortcut("Ctrl+Z", self, activated=self.undo_stack.undo)
        QShortcut("Ctrl+Shift+Z", self, activated=self.undo_stack.redo)
        QShortcut("Ctrl+K", self, activated=self.mark_below_as_known)
        self.band = self._child_band()
        self._refresh_counts()
        ladder, row = self.starting_point()
        self.show_ladder(ladder, row)
        self.table.setFocus()

    # -- where to start -------------------------------------------------------------------
    def _child_band(self) -> str:
        birth = getattr(self.student, "birth_date", None)
        if birth is None:
            return ""
        return age_band_of(age_on(birth, self.assessment.assessed_on))

    def starting_point(self) -> tuple[int, int]:
        """The first ladder with an unscored item at or above the child's age band, and
        that item: where a new sitting starts (or the last one stopped)."""
        order = BAND_ORDER.get(self.band, 0)
        for index, ladder in enumerate(self.ladders):
            start = next((i for i, p in enumerate(ladder)
                          if BAND_ORDER[p.item.age_band] >= order), len(ladder) - 1)
            row = next((i for i in range(start, len(ladder))
                        if ladder[i].item.id not in self.scores), None)
            if row is not None:
                return index, row
        return 0, 0

    # -- showing --------------------------------------------------------------------------
    def current(self) -> Placed:
        return self.ladders[self.ladder_index][self.row]

    def current_domain_label(self) -> str:
        return DOMAINS.label(self.current().domain, self.language)

    def show_ladder(self, index: int, row: int = 0) -> None:
        self.ladder_index = max(0, min(index, len(self.ladders) - 1))
        ladder = self.ladders[self.ladder_index]
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(self._ladder_items[self.ladder_index])
        self.tree.blockSignals(False)
        self.table.blockSignals(True)
        self.table.setRowCount(len(ladder))
        for r, placed in enumerate(ladder):
            item = placed.item
            method = METHODS[item.method][0 if self.language.startswith("zh") else 1]
            cells = [f"{r + 1}. {item.behaviour.get(self.language)}", item.age_band, method,
                     self._score_text(placed)]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        self.row = max(0, min(row, len(ladder) - 1))
        self.table.setCurrentCell(self.row, 0)
        self._show_item()

    def _score_text(self, placed: Placed) -> str:
        scored = self.scores.get(placed.item.id)
        if scored is None:
            return ""
        if scored.value is None:
            return "N/A"
        point = self.instrument.header.scale(placed.item.scale).point(scored.value)
        return f"{scored.value:g} {point.label.get(self.language) if point else ''}".strip()

    def _show_item(self) -> None:
        placed = self.current()
        item, lang = placed.item, self.language
        parts = [f"<p><b>{_html(item.behaviour.get(lang))}</b></p>"]
        said = [(self.tr("Materials:"), item.materials), (self.tr("How:"), item.instruction),
                (self.tr("Independent when:"), item.passed_when)]
        parts += [f"<p><b>{_html(label)}</b> {_html(text.get(lang))}</p>"
                  for label, text in said if text is not None]
        self.detail.setText("".join(parts))
        scale = self.instrument.header.scale(item.scale)
        legend = " · ".join(f"{self._key_of(scale, p)} {p.label.get(lang)}" for p in scale.points)
        if scale.not_applicable:
            legend += " · N " + self.tr("not applicable")
        self.keys.setText(legend + "    " + self.tr(
            "Enter skips · Backspace goes back · Delete clears · Page Up/Down: ladder"))
        scored = self.scores.get(item.id)
        self.note.blockSignals(True)
        self.note.setText(scored.note if scored else "")
        self.note.blockSignals(False)

    @staticmethod
    def _key_of(scale, point) -> str:
        """The key that gives a point: its value when that is a single digit, else its
        place on the scale (1, 2, 3 …)."""
        values = [p.value for p in scale.points]
        if all(v == int(v) and 0 <= v <= 9 for v in values):
            return f"{point.value:g}"
        return str(scale.points.index(point) + 1)

    def _value_of_key(self, key: str):
        scale = self.instrument.header.scale(self.current().item.scale)
        return next((p.value for p in scale.points if self._key_of(scale, p) == key), False)

    def _refresh_counts(self) -> None:
        total = sum(len(ladder) for ladder in self.ladders)
        self.progress.setText(self.tr("%1 of %2 items scored")
                              .replace("%1", str(len(self.scores))).replace("%2", str(total)))
        for item, ladder in zip(self._ladder_items, self.ladders):
            done = sum(p.item.id in self.scores for p in ladder)
            item.setText(1, f"{done}/{len(ladder)}" if done else "")

    def _ladder_chosen(self, item, _previous) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if index is None and item is not None and item.childCount():
            index = item.child(0).data(0, Qt.ItemDataRole.UserRole)
        if index is not None and index != self.ladder_index:
            self.show_ladder(index, self._first_unscored(index))

    def _first_unscored(self, index: int) -> int:
        ladder = self.ladders[index]
        return next((i for i, p in enumerate(ladder) if p.item.id not in self.scores), 0)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.ladders[self.ladder_index]) and row != self.row:
            self.row = row
            self._show_item()

    # -- keys -----------------------------------------------------------------------------
    def _key(self, key: str) -> None:
        self.status.clear()
        if key == "enter":
            self.move(1)
        elif key == "back":
            self.move(-1)
        elif key == "delete":
            self.clear_score()
        elif key == "next":
            self.show_ladder(self.ladder_index + 1, self._first_unscored(self.ladder_index + 1))
        elif key == "previous":
            self.show_ladder(self.ladder_index - 1, self._first_unscored(self.ladder_index - 1))
        elif key == "N":
            self.give(None)
        else:
            value = self._value_of_key(key)
            if value is False:
                self.status.setText(self.tr("%1 is not on this item's scale.").replace("%1", key))
                return
            self.give(value)

    def move(self, step: int) -> None:
        """The next or previous item, on to the next ladder at either end."""
        row = self.row + step
        if 0 <= row < len(self.ladders[self.ladder_index]):
            self.table.setCurrentCell(row, 0)
        elif step > 0 and self.ladder_index + 1 < len(self.ladders):
            self.show_ladder(self.ladder_index + 1, 0)
        elif step < 0 and self.ladder_index > 0:
            self.show_ladder(self.ladder_index - 1, len(self.ladders[self.ladder_index - 1]) - 1)

    def give(self, value) -> None:
        """Save the current item's score and go on to the next item."""
        item_id, aid = self.current().item.id, self.assessment.id
        scoring = self.services.item_scoring
        done = self.operations.try_run(
            self.tr("Score an item"), self.student.id,
            lambda _state: scoring.score(aid, item_id, value),
            lambda before: scoring.put_back(aid, item_id, before))
        if done is not None:
            self.move(1)

    def clear_score(self) -> None:
        item_id, aid = self.current().item.id, self.assessment.id
        if item_id not in self.scores:
            return
        scoring = self.services.item_scoring
        self.operations.try_run(self.tr("Clear a score"), self.student.id,
                                lambda _state: scoring.clear(aid, item_id),
                                lambda before: scoring.put_back(aid, item_id, before))

    def mark_below_as_known(self) -> None:
        """Every unscored item below the current one on this ladder: done independently
        (the teacher knows the child has them), as one step to undo."""
        ladder = self.ladders[self.ladder_index]
        below = [p for p in ladder[:self.row] if p.item.id not in self.scores]
        if not below:
            self.status.setText(self.tr("Every item below this one is scored already."))
            return
        aid, scoring = self.assessment.id, self.services.item_scoring
        top = {p.item.id: self.instrument.header.scale(p.item.scale).points[-1].value
               for p in below}

        def do(_state):
            return {item_id: scoring.score(aid, item_id, value) for item_id, value in top.items()}

        def undo(befores):
            for item_id, before in befores.items():
                scoring.put_back(aid, item_id, before)
            return befores

        self.operations.try_run(self.tr("Mark items as independent"), self.student.id, do,
                                undo)

    def _save_note(self) -> None:
        placed = self.current()
        scored = self.scores.get(placed.item.id)
        text = self.note.text().strip()
        if scored is None or scored.note == text:
            if scored is None and text:
                self.status.setText(self.tr("Score the item first; its note is kept with "
                                            "the score."))
            return
        aid, item_id, scoring = self.assessment.id, placed.item.id, self.services.item_scoring
        self.operations.try_run(self.tr("Note on an item"), self.student.id,
                                lambda _state: scoring.score(aid, item_id, scored.value, text),
                                lambda before: scoring.put_back(aid, item_id, before))

    def _changed(self, key: str, changes) -> None:
        """A score was saved, undone or redone: show the scores as they now are."""
        try:
            self.scores = self.services.item_scoring.scores(self.assessment.id)
        except IepStudioError as error:  # removed meanwhile elsewhere
            self.status.setText(error_text(error))
            return
        for r, placed in enumerate(self.ladders[self.ladder_index]):
            self.table.item(r, 3).setText(self._score_text(placed))
        self._refresh_counts()
        self._show_item()
        self.scored.emit(key, changes)

    # -- documents ------------------------------------------------------------------------
    def print_documents(self, folder: str | None = None) -> list:
        """The report and a blank form of the current ladder's domain, each as PDF and
        Word, in a folder the teacher chooses (the last one offered again)."""
        from ...reports.assessment_document import assessment_document, scoring_form
        from ...reports.export import file_name, write
        from ..qt import QFileDialog

        state = getattr(self.parent().window(), "state", None) if self.parent() else None
        if folder is None:
            last = state.value("assessment/folder") if state is not None else ""
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Where to save the report and the form"), last or "")
            if not folder:
                return []
        if state is not None:
            state.setValue("assessment/folder", folder)
        from pathlib import Path

        domain = self.current().domain
        written = []
        try:
            report = assessment_document(self.services, self.assessment.id, self.language)
            form = scoring_form(self.services, self.assessment.instrument_id, self.language,
                                self.student.id, [domain])
            label = self.current_domain_label()
            for doc, kind, extra in ((report, "assessment", ""), (form, "scoring_form", label)):
                for extension in ("pdf", "docx"):
                    name = file_name(self.student, kind, self.language, extension, extra)
                    written.append(write(doc, Path(folder) / name))
        except IepStudioError as error:
            self.status.setText(error_text(error))
            return written
        self.status.setText(self.tr("Saved in %1: %2").replace("%1", folder).replace(
            "%2", "、".join(p.name for p in written) if self.language.startswith("zh")
            else ", ".join(p.name for p in written)))
        return written

    # -- the plan -------------------------------------------------------------------------
    def draft_the_plan(self) -> None:
        from .draft_plan_dialog import DraftPlanDialog

        dialog = DraftPlanDialog(self.services, self.operations, self.assessment,
                                 self.student, self.scores, self)
        dialog.exec()
        dialog.deleteLater()


def _html(text: str) -> str:
    import html

    return html.escape(text or "").replace("\n", "<br/>")
