"""Recording what students did, faster than a clipboard.

The entry opens on the first student and objective of the session. Each key 1 to 6 adds a
trial at that prompt level (1 independent … 6 full physical) and 0 a trial not done; every
key press is saved at once. Enter finishes the record and moves to the next objective;
↑/↓ choose another. Ten trials take eleven keys. Tab reaches the duration, count, rating
and note, which save when left.
"""
from __future__ import annotations

from datetime import date
from html import escape

from ...core.errors import IepStudioError, InvalidInput
from ...core.iep.terms import objective_sentence
from ...core.progress.trials import KEYS, ORDER, PROMPT_LEVELS, summarise
from ...core.vocabulary import DOMAINS
from ..editing.operations import Operations
from ..widgets.dialogs import name_fields
from ..widgets.fields import DateField, FieldWithError, TextField, route_undo_to_window
from ..widgets.system_look import PROBLEM, characters, coloured_span
from ..i18n import current_language, error_text, problem_text
from ..qt import (
    QAbstractItemView, QDialog, QFont, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QShortcut, QSplitter,
    QTableWidget, QTableWidgetItem, Qt, QUndoStack, QVBoxLayout, QWidget, Signal,
)
from ..window_size import open_at_size

EXTRA_FIELDS = ("duration_seconds", "frequency", "rating", "note")


class TrialLine(QLineEdit):
    """The trials typed so far as prompt-level codes. Number keys and the code letters
    add a trial; anything else that would type is ignored. Signals:
    move(int): ↑ (-1) or ↓ (+1), to another objective."""

    move = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Larger than the text around it, by a ratio: it grows with the system's text size.
        font = QFont(self.font())
        font.setFamilies(["monospace"])
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.setFont(font)
        self.setMaxLength(100)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_Up or key == Qt.Key.Key_Down:
            self.move.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        if text and text in KEYS:
            self.insert(KEYS[text])
            return
        if text and text.upper() in ORDER and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self.insert(text.upper())
            return
        if text and text.isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return  # not a trial code: ignored rather than saved as nonsense
        super().keyPressEvent(event)


class ObservationEntry(QDialog):
    """Signals: recorded(str): a student's observations changed (a record finished, undone,
    redone or removed)."""

    recorded = Signal(str)

    def __init__(self, services, targets, *, observed_on: date, session_id: str | None = None,
                 lesson_id: str | None = None, observer: str = "", heading: str = "",
                 first_objective: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.targets = targets
        self.session_id, self.lesson_id, self.observer = session_id, lesson_id, observer
        self.current_id: str | None = None  # the record being typed, and for whom
        self.current_target = None
        self._row = -1  # the objective shown, to go back to if a move must wait
        self.undo_stack = QUndoStack(self)
        # Undo, redo and removals: refused (removed meanwhile elsewhere, the database
        # busy), they say why in the status line and keep their state.
        self.operations = Operations(services.store, self.undo_stack, self)
        self.operations.refused.connect(self._say_refused)
        self.setWindowTitle(self.tr("Record observations"))
        language = current_language()
        self.heading = QLabel(f"<b>{heading}</b>" if heading else "")
        self.day = DateField()
        self.day.set_value(observed_on)
        self.day.committed.connect(self._day_changed)
        self.target_list = QListWidget()
        self.target_list.setAccessibleName(self.tr("Students and objectives"))
        self.target_list.setWordWrap(True)
        self.target_list.setAlternatingRowColors(True)
        self.target_list.setSpacing(2)
        for target in targets:
            self.target_list.addItem(self._target_item(target, language))
        self.trials = TrialLine()
        self.trials.setAccessibleName(self.tr("Trials"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.keys = QLabel(self._key_help(language))
        self.keys.setWordWrap(True)
        self.extra = {"duration_seconds": TextField(), "frequency": TextField(),
                      "rating": TextField(), "note": TextField()}
        self.extra["duration_seconds"].setPlaceholderText(self.tr("minutes, or 3:30"))
        self.extra["rating"].setPlaceholderText("1–5")
        self.holders = {"observed_on": FieldWithError(self.day),
                        "trials": FieldWithError(self.trials),
                        **{k: FieldWithError(w) for k, w in self.extra.items()}}
        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.holders["observed_on"])
        form.addRow(self.tr("Trials:"), self.holders["trials"])
        form.addRow("", self.summary)
        for key, label in (("duration_seconds", self.tr("Duration:")),
                           ("frequency", self.tr("Count:")),
                           ("rating", self.tr("Rating:")), ("note", self.tr("Note:"))):
            form.addRow(label, self.holders[key])
        name_fields(form)
        self.saved = QTableWidget(0, 5)
        self.saved.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.saved.setHorizontalHeaderLabels([self.tr("Student"), self.tr("Objective"),
                                              self.tr("Trials"), self.tr("Result"),
                                              self.tr("Note")])
        self.saved.setAccessibleName(self.tr("Recorded in this sitting"))
        self.saved.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.saved.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.saved.verticalHeader().hide()
        self.saved.horizontalHeader().setStretchLastSection(True)
        self.saved.setColumnWidth(1, characters(self.saved, 36))  # grows with the text
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        close.setAutoDefault(False)  # Enter belongs to the trials line, not to Close
        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addLayout(form)
        entry_layout.addStretch(1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.target_list)
        top.addWidget(entry)
        top.setSizes([380, 460])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(top, 3)
        # Under both panes, at the dialog's full width: fewer lines, and the dialog's own
        # layout keeps room for all of them (a splitter pane would cut them off).
        layout.addWidget(self.keys)
        layout.addWidget(QLabel(self.tr("Recorded in this sitting (Delete removes, Ctrl+Z "
                                        "undoes):")))
        layout.addWidget(self.saved, 2)
        layout.addLayout(bottom)
        open_at_size(self, 900, 640, centre=False)  # Qt centres a dialog on its window
        self.trials.textChanged.connect(self._trials_typed)
        self.trials.returnPressed.connect(self.next_target)
        self.trials.move.connect(self._move)
        self.target_list.currentRowChanged.connect(self._target_changed)
        for key, widget in self.extra.items():
            widget.committed.connect(lambda key=key: self._save_extra(key))
        QShortcut(Qt.Key.Key_Delete, self.saved, activated=self._remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        # Ctrl+Z anywhere in the entry takes back whole records: the trials line's own
        # text undo would bring back a finished record's keys as a new one.
        for field in (self.trials, self.day, *self.extra.values()):
            route_undo_to_window(field)
        QShortcut("Ctrl+Z", self, activated=self.undo)
        QShortcut("Ctrl+Shift+Z", self, activated=self.redo)
        start = next((i for i, t in enumerate(targets)
                      if first_objective and t.objective_id == first_objective), 0)
        if targets:
            self.target_list.setCurrentRow(start)
        self.trials.setFocus()

    # -- the record being typed -----------------------------------------------------------
    def _trials_typed(self, text: str) -> None:
        self._show_summary(text)
        if self._loading or self.target() is None:
            return
        self._save({"trials": text})

    _loading = False

    def _save(self, changes: dict, row: int | None = None) -> bool:
        """Create the record on the first key, update it after; say what is wrong next to
        the field, keeping what was typed. `row`: the objective, if not the current one."""
        target = self.targets[row] if row is not None else self.target()
        observations = self.services.observations
        try:
            if self.current_id is None:
                values = {"trials": self.trials.text(), **self._extra_values(), **changes}
                values.pop("observed_on", None)
                record = observations.log(
                    target.student_id, target.objective_id, values.pop("trials"),
                    observed_on=self.day.value(), session_id=self.session_id,
                    lesson_id=self.lesson_id, observer=self.observer,
                    duration=values.pop("duration_seconds"), **values)
                self.current_id, self.current_target = record.id, target
            else:
                observations.update(self.current_id, changes)
        except InvalidInput as error:
            for key, holder in self.holders.items():
                problem = error.for_field(key)
                holder.show_error(problem_text(problem) if problem else "")
            return False
        except IepStudioError as error:
            self.status.setText(coloured_span(escape(error_text(error)), PROBLEM, self))
            return False
        for holder in self.holders.values():
            holder.show_error("")
        self.status.setText(self.tr("Saved."))
        # The file's progress is refreshed when the record is finished, not on every key:
        # redrawing it costs tens of milliseconds, and keys come faster during a session.
        return True

    def _extra_values(self) -> dict:
        return {key: widget.value() for key, widget in self.extra.items()}

    def _save_extra(self, key: str) -> None:
        value = self.extra[key].value()
        if self.target() is None or (self.current_id is None and not value.strip()):
            return
        self._save({key: value})

    def _day_changed(self) -> None:
        if self.current_id is not None:
            self._save({"observed_on": self.day.value()})

    def next_target(self) -> None:
        """Enter: the record is complete; on to the next objective."""
        if not self._finish():
            return
        row = self.target_list.currentRow()
        if row + 1 < self.target_list.count():
            self.target_list.setCurrentRow(row + 1)
        else:
            self.status.setText(self.tr("Everyone in this session is recorded. Close with "
                                        "Esc, or choose an objective to add more."))

    def _move(self, step: int) -> None:
        row = self.target_list.currentRow() + step
        if 0 <= row < self.target_list.count():
            self.target_list.setCurrentRow(row)

    def _target_changed(self, row: int) -> None:
        if row != self._row and self._row >= 0 and not self._finish(self._row):
            # What was typed for the last objective is not saved yet (a wrong date, say):
            # stay on it, with the message, rather than give its trials to another.
            self.target_list.blockSignals(True)
            self.target_list.setCurrentRow(self._row)
            self.target_list.blockSignals(False)
            return
        self._row = row
        self.trials.setFocus()

    def _finish(self, row: int | None = None) -> bool:
        """Save everything typed for this objective (a note still being written too), put
        the record in the list and the undo history, and clear the line for the next one.
        False, with the problem shown and the typing kept, if it cannot be saved."""
        extras = self._extra_values()
        typed = self.trials.text() or any(v.strip() for v in extras.values())
        if self.current_id is None and not typed:
            return True
        if not self._save({"trials": self.trials.text(), **extras}, row):
            return False
        record_id, target = self.current_id, self.current_target
        self.current_id = self.current_target = None
        if typed:
            self.operations.push_done(self.tr("Record observation"), target.student_id,
                                      self._redo_record, self._undo_record, record_id)
            self._add_row(record_id, target, self.trials.text(), extras["note"])
        else:  # typed and all taken back: no empty record is kept
            self.operations.step(target.student_id,
                                 lambda: self.services.observations.remove(record_id))
        self.recorded.emit(target.student_id)
        self._loading = True
        self.trials.setText("")  # setText, not clear(): it also empties the line's history
        for widget in self.extra.values():
            widget.setText("")
        self._loading = False
        self._show_summary("")
        return True

    def undo(self) -> None:
        if self._finish():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self._finish():
            self.undo_stack.redo()

    def _say_refused(self, error) -> None:
        self.status.setText(coloured_span(escape(error_text(error)), PROBLEM, self))

    def _undo_record(self, state):
        """Take a record out again; `state` is its id (or what a removal kept)."""
        kept = self.services.observations.remove(
            state if isinstance(state, str) else state["id"])
        self._remove_row(kept["id"])
        self.recorded.emit(kept["student_id"])
        return kept

    def _redo_record(self, kept):
        record = self.services.observations.restore(kept)
        target = next((t for t in self.targets if t.student_id == record.student_id
                       and t.objective_id == record.objective_id), None)
        self._add_row(record.id, target, record.trials, record.note)
        self.recorded.emit(record.student_id)
        return record.id

    def _remove_selected(self) -> None:
        row = self.saved.currentRow()
        if row < 0:
            return
        record_id = self.saved.item(row, 0).data(Qt.ItemDataRole.UserRole)
        try:
            kept = self.services.observations.remove(record_id)
        except IepStudioError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return
        self._remove_row(record_id)
        self.recorded.emit(kept["student_id"])
        self.operations.push_done(self.tr("Remove observation"), kept["student_id"],
                                  self._undo_record, self._redo_record, kept)

    # -- showing --------------------------------------------------------------------------
    def target(self):
        row = self.target_list.currentRow()
        return self.targets[row] if 0 <= row < len(self.targets) else None

    def _target_item(self, target, language: str) -> QListWidgetItem:
        if target.objective_id:
            domain = DOMAINS.label(target.domain, language)
            text = f"{target.student_name}　[{domain}]\n{objective_sentence(target, language)}"
        else:
            text = f"{target.student_name}\n" + self.tr("(no plan objective: a note, a "
                                                         "duration or a count)")
        item = QListWidgetItem(text)
        item.setToolTip(text)
        return item

    def _key_help(self, language: str) -> str:
        keys = {code: key for key, code in KEYS.items()}
        parts = [f"<b>{keys[c]}</b> {PROMPT_LEVELS.label(c, language)}" for c in ORDER]
        return "　".join(parts) + "<br>" + self.tr(
            "<b>Enter</b> next objective　<b>↑ ↓</b> choose another　<b>Backspace</b> "
            "takes back a trial")

    def _show_summary(self, text: str) -> None:
        language = current_language()
        result = summarise(text)
        if not result.total:
            self.summary.setText(self.tr("No trials yet."))
            return
        counts = "，".join(f"{PROMPT_LEVELS.label(c, language)} {n}"
                          for c, n in result.by_level.items()) if language.startswith("zh") \
            else ", ".join(f"{PROMPT_LEVELS.label(c, language)} {n}"
                           for c, n in result.by_level.items())
        self.summary.setText(self.tr("%1 trials: %2 — %3% independent")
                             .replace("%1", str(result.total)).replace("%2", counts)
                             .replace("%3", f"{result.percent:.0f}"))

    def _add_row(self, record_id: str, target, trials: str, note: str) -> None:
        result = summarise(trials)
        language = current_language()
        cells = [target.student_name if target else "",
                 objective_sentence(target, language) if target and target.objective_id else "",
                 trials, f"{result.percent:.0f}%" if result.total else "", note]
        row = self.saved.rowCount()
        self.saved.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setToolTip(text)
            self.saved.setItem(row, column, item)

    def _remove_row(self, record_id: str) -> None:
        for row in range(self.saved.rowCount()):
            if self.saved.item(row, 0).data(Qt.ItemDataRole.UserRole) == record_id:
                self.saved.removeRow(row)
                return

    def done(self, result: int) -> None:
        """Closing saves what is being typed; if it cannot be saved (a wrong date) the
        entry stays open with the problem shown."""
        if self._finish():
            super().done(result)
