"""The intake tab (转介与安置): where the child is between the head teacher's referral and
the placement, what is missing, and every step of the district's in order with when it
was done and by whom. A step not done is recorded by choosing its row."""
from __future__ import annotations

from html import escape

from ...core.errors import IepStudioError
from ...core.services.intake import RECORD_FIELDS
from ..i18n import current_language, error_text
from ..planner.planner_dialogs import FormDialog
from ..qt import QLabel, QLineEdit, QPalette, QVBoxLayout, QWidget
from ..widgets.dialogs import run_until_saved
from ..widgets.fields import ChoiceField, DateField, TextArea, TextField
from ..widgets.record_table import RecordTable
from ..widgets.system_look import PROBLEM, coloured_span, text_tone

# A row of a step not yet done carries this before the step's key in place of a record id.
NOT_DONE = "step:"


class IntakeStepDialog(FormDialog):
    """`steps`: (key, name) of the steps that may be recorded now; None when a recorded
    step is edited (its step stays: `step_name` says which)."""

    def __init__(self, values: dict, steps: list[tuple[str, str]] | None,
                 step_name: str = "", guidance: dict[str, str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Step from referral to placement"), parent)
        self.guidance_of = guidance or {}
        if steps is None:
            self.step = None
            self.form.addRow(self.tr("Step:"), QLineEdit(step_name, readOnly=True))
        else:
            self.step = self.add("step_key", self.tr("Step:"), ChoiceField())
            for key, name in steps:
                self.step.addItem(name, key)
            self.step.set_value(values.get("step_key"))
        self.hint = QLabel()  # what the step asks for, as the district wrote it
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.form.addRow("", self.hint)
        self.done_on = self.add("done_on", self.tr("Date:"), DateField())
        self.done_by = self.add("done_by", self.tr("Done by:"), TextField())
        self.note = self.add("note", self.tr("Note:"), TextArea())
        for key in RECORD_FIELDS:
            getattr(self, key).set_value(values.get(key))
        if self.step is not None:
            self.step.currentIndexChanged.connect(self._show_guidance)
        self._show_guidance()
        self.finish(560)

    def _show_guidance(self) -> None:
        key = self.step.value() if self.step is not None else ""
        text = self.guidance_of.get(key, "")
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def values(self) -> dict:
        values = {key: getattr(self, key).value() for key in RECORD_FIELDS}
        if self.step is not None:
            values["step_key"] = self.step.value()
        return values


class IntakeTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self.standing = None
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.table = RecordTable([self.tr("Step"), self.tr("Date"), self.tr("Done by"),
                                  self.tr("Note")], self.tr("Steps from referral to placement"))
        self.table.add_button.setText(self.tr("Record a step…"))
        self.table.fit_columns(0, 3)  # the step's name, the note
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        self.table.add_requested.connect(self.add)
        self.table.edit_requested.connect(self._edit)
        self.table.remove_requested.connect(self._remove)
        # After the table's own handler: a step not done has nothing to remove.
        self.table.table.itemSelectionChanged.connect(self._selection_changed)

    def show_student(self, student) -> None:
        self.student = student
        language = current_language()
        try:
            self.standing = self.editing.services.intake.where(student.id, language)
        except IepStudioError as error:  # the shipped steps cannot be read
            self.standing = None
            self.where.setText(escape(error_text(error)))
            self.table.set_rows([])
            return
        missing_mark = self.tr("Missing")
        rows = []
        for row in self.standing.rows:
            record = row.record
            if record is not None:
                rows.append((record.id, [row.name(language), record.done_on.isoformat(),
                                         record.done_by, record.note]))
            else:
                rows.append((NOT_DONE + row.step.key, [
                    row.name(language), missing_mark if row.missing else "", "", ""]))
        self.table.set_rows(rows)
        problem = text_tone(PROBLEM, self.table.table, QPalette.ColorRole.Base)
        for index, row in enumerate(self.standing.rows):
            if row.missing:  # in words and in the problem's colour
                for column in (0, 1):
                    self.table.table.item(index, column).setForeground(problem)
        self.where.setText(self._where_text(language))
        self.table.add_button.setEnabled(bool(self._open_steps()))
        self._selection_changed()

    def _where_text(self, language: str) -> str:
        """当前：已筛查 · 缺少：家长书面同意 · 下一步：医院诊断"""
        standing = self.standing
        parts = [self.tr("Now: %1").replace("%1", escape(standing.status))]
        if standing.missing:
            names = ("、" if language.startswith("zh") else ", ").join(
                escape(step.name(language)) for step in standing.missing)
            parts.append(coloured_span(self.tr("Missing: %1").replace("%1", names), PROBLEM,
                                       self))
        if standing.next_step is not None:
            parts.append(self.tr("Next: %1").replace(
                "%1", escape(standing.next_step.name(language))))
        elif standing.furthest is not None:
            parts.append(self.tr("Every required step is recorded."))
        return "　·　".join(parts)

    def _selection_changed(self) -> None:
        chosen = self.table.current_id() or ""
        self.table.remove_button.setEnabled(bool(chosen) and not chosen.startswith(NOT_DONE))

    def _open_steps(self) -> list:
        """The steps that may be recorded now: the district's, not retired, not done."""
        if self.standing is None:
            return []
        return [row.step for row in self.standing.rows
                if row.record is None and row.step is not None]

    def add(self, step_key: str = "") -> None:
        if self.student is None:
            return
        language = current_language()
        steps = self._open_steps()
        if not steps:
            return
        intake, sid = self.editing.services.intake, self.student.id
        chosen = step_key or (self.standing.next_step.key if self.standing.next_step
                              else steps[0].key)

        def save(values):
            key = values.pop("step_key")
            self.editing.change(self.tr("Record intake step"), sid,
                                lambda rid: intake.record(sid, key, id=rid, **values).id,
                                lambda rid: intake.remove(rid)["id"])
        run_until_saved(IntakeStepDialog(
            {"step_key": chosen, "done_on": self.editing.services.today(),
             "done_by": intake.me()},
            [(step.key, step.name(language)) for step in steps],
            guidance={step.key: step.guidance(language) for step in steps}, parent=self),
            save)

    def _edit(self, row_id: str) -> None:
        if row_id.startswith(NOT_DONE):
            self.add(row_id[len(NOT_DONE):])
            return
        intake, sid = self.editing.services.intake, self.student.id
        language = current_language()
        row = next(r for r in self.standing.rows if r.record and r.record.id == row_id)
        before = {key: getattr(row.record, key) for key in RECORD_FIELDS}
        guidance = {"": row.step.guidance(language)} if row.step else {}

        def save(values):
            self.editing.change(self.tr("Edit intake step"), sid,
                                lambda _s: intake.update(row_id, values),
                                lambda _s: intake.update(row_id, before))
        run_until_saved(IntakeStepDialog(before, None, row.name(language), guidance, self),
                        save)

    def _remove(self, row_id: str) -> None:
        if row_id.startswith(NOT_DONE):
            return
        intake, sid = self.editing.services.intake, self.student.id
        self.editing.try_change(self.tr("Remove intake step"), sid,
                                lambda kept: intake.remove(kept["id"] if kept else row_id),
                                lambda kept: intake.restore(kept) and kept)
