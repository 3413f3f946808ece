"""The behaviour tab: ABC records (antecedent, behaviour, consequence) with the likely
function, how often and how long, newest first, and which functions recur."""
from __future__ import annotations

from ...core.services.behaviour import BEHAVIOUR_FIELDS
from ...core.vocabulary import BEHAVIOUR_FUNCTIONS, join_labels
from ..widgets.dialogs import run_until_saved
from ..widgets.fields import ChoiceField, DateField, TextArea, TextField, fit_to_text
from ..i18n import current_language
from ..planner.planner_dialogs import FormDialog
from ..qt import QLabel, QVBoxLayout, QWidget
from ..widgets.record_table import RecordTable
from ..student_list import vocabulary_combo


def duration_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


class BehaviourDialog(FormDialog):
    def __init__(self, values: dict, parent: QWidget | None = None):
        super().__init__(self.tr("Behaviour record (ABC)"), parent)
        self.occurred_on = self.add("occurred_on", self.tr("Date:"), DateField())
        self.occurred_at = self.add("occurred_at", self.tr("Time:"), TextField())
        self.occurred_at.setPlaceholderText("10:15")
        fit_to_text(self.occurred_at, "00:00–00:00", self.occurred_at.placeholderText())
        self.setting = self.add("setting", self.tr("Where, during what:"), TextField())
        self.antecedent = self.add("antecedent", self.tr("A — what happened before:"),
                                   TextArea())
        self.behaviour = self.add("behaviour", self.tr("B — what the student did:"), TextArea())
        self.consequence = self.add("consequence", self.tr("C — what happened after:"),
                                    TextArea())
        self.function = self.add("function", self.tr("Likely function:"), ChoiceField())
        vocabulary_combo(self.function, BEHAVIOUR_FUNCTIONS, self.tr("(not judged yet)"))
        self.frequency = self.add("frequency", self.tr("How many times:"), TextField())
        self.duration = self.add("duration_seconds", self.tr("How long:"), TextField())
        self.duration.setPlaceholderText(self.tr("minutes, or 3:30"))
        self.note = self.add("note", self.tr("Note:"), TextArea())
        self.occurred_on.set_value(values.get("occurred_on"))
        self.occurred_at.set_value(values.get("occurred_at"))
        self.setting.set_value(values.get("setting"))
        self.antecedent.set_value(values.get("antecedent"))
        self.behaviour.set_value(values.get("behaviour"))
        self.consequence.set_value(values.get("consequence"))
        self.function.set_value(values.get("function"))
        self.frequency.set_value(values.get("frequency"))
        self.duration.set_value(duration_text(values.get("duration_seconds")))
        self.note.set_value(values.get("note"))
        self.finish(560)

    def values(self) -> dict:
        return {"occurred_on": self.occurred_on.value(), "occurred_at": self.occurred_at.value(),
                "setting": self.setting.value(), "antecedent": self.antecedent.value(),
                "behaviour": self.behaviour.value(), "consequence": self.consequence.value(),
                "function": self.function.value(), "frequency": self.frequency.value(),
                "duration_seconds": self.duration.value(), "note": self.note.value()}


class BehaviourTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self.items = []
        self.table = RecordTable(
            [self.tr("Date"), self.tr("Antecedent"), self.tr("Behaviour"), self.tr("Consequence"),
             self.tr("Function"), self.tr("Times"), self.tr("How long")],
            self.tr("Behaviour records"))
        self.table.add_button.setText(self.tr("Add ABC record…"))
        self.table.fit_columns(1, 2, 3)  # antecedent, behaviour, consequence
        self.pattern = QLabel()
        self.pattern.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pattern)
        layout.addWidget(self.table, 1)
        self.table.add_requested.connect(self.add)
        self.table.edit_requested.connect(self._edit)
        self.table.remove_requested.connect(self._remove)

    def show_student(self, student) -> None:
        self.student = student
        behaviour = self.editing.services.behaviour
        self.items = behaviour.for_student(student.id)
        language = current_language()
        self.table.set_rows([(r.id, [
            f"{r.occurred_on.isoformat()} {r.occurred_at}".strip(), r.antecedent, r.behaviour,
            r.consequence, BEHAVIOUR_FUNCTIONS.label(r.function, language),
            "" if r.frequency is None else str(r.frequency), duration_text(r.duration_seconds)])
            for r in self.items])
        counts = behaviour.functions(self.items)
        if counts:
            self.pattern.setText(self.tr("%1 records. Likely functions: %2").replace(
                "%1", str(len(self.items))).replace("%2", join_labels(
                    (f"{BEHAVIOUR_FUNCTIONS.label(f, language)} {n}" for f, n in counts),
                    language)))
        else:
            self.pattern.setText(self.tr("%1 records.").replace("%1", str(len(self.items))))

    def add(self) -> None:
        behaviour, sid = self.editing.services.behaviour, self.student.id

        def save(values):
            self.editing.change(self.tr("Add behaviour record"), sid,
                                lambda rid: behaviour.add(sid, values, id=rid).id,
                                lambda rid: behaviour.remove(rid)["id"])
        run_until_saved(BehaviourDialog({"occurred_on": self.editing.services.today()}, self),
                        save)

    def _edit(self, record_id: str) -> None:
        behaviour, sid = self.editing.services.behaviour, self.student.id
        record = next(r for r in self.items if r.id == record_id)
        before = {k: getattr(record, k) for k in BEHAVIOUR_FIELDS}

        def save(values):
            self.editing.change(self.tr("Edit behaviour record"), sid,
                                lambda _s: behaviour.update(record_id, values),
                                lambda _s: behaviour.update(record_id, before))
        run_until_saved(BehaviourDialog(before, self), save)

    def _remove(self, record_id: str) -> None:
        behaviour, sid = self.editing.services.behaviour, self.student.id
        self.editing.try_change(self.tr("Remove behaviour record"), sid,
                                lambda kept: behaviour.remove(kept["id"] if kept else record_id),
                                lambda kept: behaviour.restore(kept) and kept)
