"""The home-visits tab (送教上门): each visit with who went, what was done and the plan
objectives it served, and the totals per school term that reports ask for."""
from __future__ import annotations

from ...core.iep.terms import objective_sentence
from ...core.services.home_visits import VISIT_FIELDS
from ..widgets.dialogs import run_until_saved
from ..widgets.fields import DateField, TextArea, TextField, fit_to_text
from ..i18n import current_language
from ..planner.planner_dialogs import FormDialog, Checklist
from ..qt import QLabel, QVBoxLayout, QWidget
from ..widgets.record_table import RecordTable


class VisitDialog(FormDialog):
    """`objectives`: (id, sentence) of the working plan, to tick the ones served."""

    def __init__(self, values: dict, objectives, parent: QWidget | None = None):
        super().__init__(self.tr("Home visit"), parent)
        self.visited_on = self.add("visited_on", self.tr("Date:"), DateField())
        self.minutes = self.add("minutes", self.tr("Minutes:"), TextField())
        fit_to_text(self.minutes, "000000")
        self.visitors = self.add("visitors", self.tr("Who went:"), TextField())
        self.activities = self.add("activities", self.tr("What was done:"), TextArea())
        self.objectives = self.add("objective_ids", self.tr("Objectives served:"),
                                   Checklist(objectives, values.get("objective_ids", ())))
        self.objectives.setWordWrap(True)
        self.note = self.add("note", self.tr("Family's feedback, note:"), TextArea())
        self.visited_on.set_value(values.get("visited_on"))
        self.minutes.set_value(values.get("minutes"))
        self.visitors.set_value(values.get("visitors"))
        self.activities.set_value(values.get("activities"))
        self.note.set_value(values.get("note"))
        self.finish(560)

    def values(self) -> dict:
        return {"visited_on": self.visited_on.value(), "minutes": self.minutes.value(),
                "visitors": self.visitors.value(), "activities": self.activities.value(),
                "objective_ids": self.objectives.value(), "note": self.note.value()}


class HomeVisitsTab(QWidget):
    def __init__(self, editing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student = None
        self.visits = []
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.table = RecordTable([self.tr("Date"), self.tr("Minutes"), self.tr("Who went"),
                                  self.tr("What was done"), self.tr("Objectives served")],
                                 self.tr("Home visits"))
        self.table.add_button.setText(self.tr("Log a visit…"))
        self.table.fit_columns(3, 4)  # what was done, the objectives served
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        self.table.add_requested.connect(self.add)
        self.table.edit_requested.connect(self._edit)
        self.table.remove_requested.connect(self._remove)

    def show_student(self, student) -> None:
        self.student = student
        home_visits = self.editing.services.home_visits
        self.visits = home_visits.for_student(student.id)
        language = current_language()
        self.table.set_rows([(v.id, [v.visited_on.isoformat(), str(v.minutes), v.visitors,
                                     v.activities, str(len(v.objective_ids))])
                             for v in self.visits])
        lines = [self.tr("%1: %2 visits, %3 hours %4 minutes, %5 objectives served")
                 .replace("%1", t.term.title(language)).replace("%2", str(t.visits))
                 .replace("%3", str(t.minutes // 60)).replace("%4", str(t.minutes % 60))
                 .replace("%5", str(t.objectives_served))
                 for t in home_visits.totals(self.visits)]
        self.totals.setText("<br>".join(lines) if lines else self.tr(
            "No visits logged. For a student taught at home (送教上门), log each visit here."))

    def _objectives(self) -> list[tuple[str, str]]:
        language = current_language()
        progress = self.editing.services.progress.for_student(self.student.id)
        return [(o.objective_id, objective_sentence(o, language)) for o in progress.objectives]

    def add(self) -> None:
        visits, sid = self.editing.services.home_visits, self.student.id

        def save(values):
            self.editing.change(self.tr("Log home visit"), sid,
                                lambda vid: visits.add(sid, values, id=vid).id,
                                lambda vid: visits.remove(vid)["id"])
        run_until_saved(VisitDialog({"visited_on": self.editing.services.today()},
                                    self._objectives(), self), save)

    def _edit(self, visit_id: str) -> None:
        visits, sid = self.editing.services.home_visits, self.student.id
        visit = next(v for v in self.visits if v.id == visit_id)
        before = {k: getattr(visit, k) for k in VISIT_FIELDS}

        def save(values):
            self.editing.change(self.tr("Edit home visit"), sid,
                                lambda _s: visits.update(visit_id, values),
                                lambda _s: visits.update(visit_id, before))
        run_until_saved(VisitDialog(before, self._objectives(), self), save)

    def _remove(self, visit_id: str) -> None:
        visits, sid = self.editing.services.home_visits, self.student.id
        self.editing.try_change(self.tr("Remove home visit"), sid,
                                lambda kept: visits.remove(kept["id"] if kept else visit_id),
                                lambda kept: visits.restore(kept) and kept)
