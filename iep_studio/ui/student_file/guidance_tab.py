"""The guidance tab (个案指导): the district's notes on this child, newest first: what was
seen on a visit or a call, what was advised, and what is to follow by when."""
from __future__ import annotations

from ...core.access.rules import ADMINISTRATOR
from ...core.services.guidance import GUIDANCE_FIELDS
from ...core.vocabulary import GUIDANCE_OCCASIONS
from ..i18n import current_language
from ..planner.planner_dialogs import FormDialog
from ..qt import QComboBox, QLabel, QVBoxLayout, QWidget
from ..widgets.dialogs import run_until_saved
from ..widgets.fields import DateField, TextArea, TextField
from ..widgets.record_table import RecordTable


class OccasionField(QComboBox):
    """How the guidance came about: one of the usual ways, or the teacher's own words
    (a note keeps the words, as written)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems([term.label(current_language()) for term in GUIDANCE_OCCASIONS])

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, text) -> None:
        self.setCurrentText(text or "")


class GuidanceDialog(FormDialog):
    def __init__(self, values: dict, parent: QWidget | None = None):
        super().__init__(self.tr("Guidance note"), parent)
        self.given_on = self.add("given_on", self.tr("Date:"), DateField())
        self.given_by = self.add("given_by", self.tr("Given by:"), TextField())
        self.occasion = self.add("occasion", self.tr("Occasion:"), OccasionField())
        self.seen = self.add("seen", self.tr("What was seen:"), TextArea())
        self.guidance = self.add("guidance", self.tr("Guidance:"), TextArea())
        self.follow_up = self.add("follow_up", self.tr("To follow up:"), TextArea())
        self.follow_up_by = self.add("follow_up_by", self.tr("Follow up by:"), DateField())
        for key in GUIDANCE_FIELDS:
            getattr(self, key).set_value(values.get(key))
        self.finish(560)

    def values(self) -> dict:
        return {key: getattr(self, key).value() for key in GUIDANCE_FIELDS}


class GuidanceTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self.notes = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = RecordTable(
            [self.tr("Date"), self.tr("Given by"), self.tr("Occasion"), self.tr("Guidance"),
             self.tr("Follow up by")], self.tr("Guidance notes"))
        self.table.add_button.setText(self.tr("Add guidance note…"))
        self.table.fit_columns(3)  # the guidance itself
        self.table.may_change = self._written_by_me
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.table.add_requested.connect(self.add)
        self.table.edit_requested.connect(self._edit)
        self.table.remove_requested.connect(self._remove)

    def show_student(self, student) -> None:
        self.student = student
        self.notes = self.editing.services.guidance.for_student(student.id)
        self.table.set_rows([(n.id, [
            n.given_on.isoformat(), n.given_by, n.occasion, n.guidance,
            n.follow_up_by.isoformat() if n.follow_up_by else ""]) for n in self.notes])
        waiting = self.notes[0] if self.notes and self.notes[0].follow_up_by else None
        if waiting is not None:
            self.summary.setText(self.tr("%1 notes. To follow up by %2: %3").replace(
                "%1", str(len(self.notes))).replace(
                "%2", waiting.follow_up_by.isoformat()).replace("%3", waiting.follow_up))
        else:
            self.summary.setText(self.tr("%1 notes.").replace("%1", str(len(self.notes))))

    def _written_by_me(self, note_id: str) -> bool:
        """A note is changed or removed only by its writer or an administrator
        (core/store/audit.py): the buttons say so before the store has to."""
        actor = self.editing.services.store.actor
        if actor is None or actor.role == ADMINISTRATOR:
            return True
        return any(n.id == note_id and n.account_id == actor.account_id for n in self.notes)

    def add(self) -> None:
        guidance, sid = self.editing.services.guidance, self.student.id
        actor = self.editing.services.store.actor

        def save(values):
            self.editing.change(self.tr("Add guidance note"), sid,
                                lambda nid: guidance.add(sid, values, id=nid).id,
                                lambda nid: guidance.remove(nid)["id"])
        run_until_saved(GuidanceDialog({"given_on": self.editing.services.today(),
                                        "given_by": actor.name if actor else ""}, self), save)

    def _edit(self, note_id: str) -> None:
        guidance, sid = self.editing.services.guidance, self.student.id
        note = next(n for n in self.notes if n.id == note_id)
        before = {k: getattr(note, k) for k in GUIDANCE_FIELDS}

        def save(values):
            self.editing.change(self.tr("Edit guidance note"), sid,
                                lambda _s: guidance.update(note_id, values),
                                lambda _s: guidance.update(note_id, before))
        run_until_saved(GuidanceDialog(before, self), save)

    def _remove(self, note_id: str) -> None:
        guidance, sid = self.editing.services.guidance, self.student.id
        self.editing.try_change(self.tr("Remove guidance note"), sid,
                                lambda kept: guidance.remove(kept["id"] if kept else note_id),
                                lambda kept: guidance.restore(kept) and kept)
