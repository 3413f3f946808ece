"""The assessments tab: instruments given over time, with present levels per domain."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.model import Student
from ...core.services.assessments import as_dict
from ...core.vocabulary import DOMAINS, INSTRUMENTS
from ..widgets.dialogs import name_fields, ok_cancel, run_until_saved, show_problems
from ..widgets.fields import DateField, FieldWithError, TextArea, TextField
from ..editing.file_editing import FileEditing
from ..i18n import current_language, problem_text
from ..qt import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
    QPushButton, QSplitter, QTableWidget, QTableWidgetItem, Qt, QVBoxLayout, QWidget,
)
from ..widgets.system_look import problem_css
from ..widgets.record_table import RecordTable
from ..student_list import vocabulary_combo


class AssessmentDialog(QDialog):
    def __init__(self, values: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assessment"))
        self.instrument = QComboBox()
        self.instrument.setEditable(True)
        self.instrument.addItems(INSTRUMENTS)
        self.instrument.setCurrentText(values.get("instrument", ""))
        self.assessed_on = DateField()
        self.assessed_on.set_value(values.get("assessed_on"))
        self.assessor = TextField()
        self.assessor.set_value(values.get("assessor"))
        self.summary = TextArea()
        self.summary.set_value(values.get("summary"))
        self.results = QTableWidget(0, 3)
        self.results.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.results.setHorizontalHeaderLabels(
            [self.tr("Domain"), self.tr("Score"), self.tr("Present level")])
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setAccessibleName(self.tr("Results by domain"))
        for row in values.get("results", []):
            self._add_row(row)
        add_row = QPushButton(self.tr("Add domain"))
        remove_row = QPushButton(self.tr("Remove domain"))
        add_row.clicked.connect(lambda: self._add_row({}))
        remove_row.clicked.connect(lambda: self.results.removeRow(self.results.currentRow()))
        self.holders = {"instrument": FieldWithError(self.instrument),
                        "assessed_on": FieldWithError(self.assessed_on),
                        "assessor": FieldWithError(self.assessor),
                        "summary": FieldWithError(self.summary)}
        self.results_error = QLabel()
        self.results_error.setStyleSheet(problem_css(self.results_error))
        form = QFormLayout()
        form.addRow(self.tr("Instrument:"), self.holders["instrument"])
        form.addRow(self.tr("Date:"), self.holders["assessed_on"])
        form.addRow(self.tr("Assessor:"), self.holders["assessor"])
        form.addRow(self.tr("Summary:"), self.holders["summary"])
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add_row)
        row_buttons.addWidget(remove_row)
        row_buttons.addStretch(1)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        name_fields(form)
        layout.addLayout(form)
        layout.addWidget(self.results, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.results_error)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def _add_row(self, values: dict) -> None:
        row = self.results.rowCount()
        self.results.insertRow(row)
        domain = QComboBox()
        vocabulary_combo(domain, DOMAINS, None)
        domain.setCurrentIndex(max(domain.findData(values.get("domain", "")), 0))
        domain.setAccessibleName(self.tr("Domain"))  # in a cell: no label beside it
        self.results.setCellWidget(row, 0, domain)
        self.results.setItem(row, 1, QTableWidgetItem(values.get("score", "")))
        self.results.setItem(row, 2, QTableWidgetItem(values.get("present_level", "")))

    def values(self) -> dict:
        rows = []
        for r in range(self.results.rowCount()):
            rows.append({"domain": self.results.cellWidget(r, 0).currentData(),
                         "score": (self.results.item(r, 1) or QTableWidgetItem()).text(),
                         "present_level": (self.results.item(r, 2) or QTableWidgetItem()).text()})
        return {"instrument": self.instrument.currentText(),
                "assessed_on": self.assessed_on.value(), "assessor": self.assessor.value(),
                "summary": self.summary.value(), "results": rows}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)
        other = [p for p in error.problems if p.field.startswith("results")]
        self.results_error.setText("\n".join(problem_text(p) for p in other))


class AssessmentsTab(QWidget):
    def __init__(self, editing: FileEditing, parent: QWidget | None = None):
        super().__init__(parent)
        self.editing = editing
        self.student: Student | None = None
        self._assessments = []
        self.list = RecordTable([self.tr("Instrument"), self.tr("Date"), self.tr("Assessor")],
                                self.tr("Assessments"))
        self.list.fit_columns(0)  # the instrument
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.list.add_requested.connect(self._add)
        self.list.edit_requested.connect(self._edit)
        self.list.remove_requested.connect(self._remove)
        self.list.table.itemSelectionChanged.connect(self._show_detail)
        self.score_button = QPushButton(self.tr("S&core item by item…"))  # Alt+S: Settings
        self.score_button.setToolTip(self.tr(
            "Assess with an instrument scored item by item (IEP Studio's curriculum-based "
            "assessment): one key per item, then draft the plan from it"))
        self.score_button.clicked.connect(self._score_new)
        self.list.buttons.insertWidget(3, self.score_button)
        self.profile_button = QPushButton(self.tr("Profile &over time…"))  # Alt+P: Profile
        self.profile_button.clicked.connect(self.open_profile)
        self.list.buttons.insertWidget(4, self.profile_button)
        self.scoring_window = None

    def show_student(self, student: Student) -> None:
        self.student = student
        self._assessments = self.editing.services.assessments.for_student(student.id)
        self.profile_button.setEnabled(any(a.instrument_id for a in self._assessments))
        self.list.set_rows([(a.id, [a.instrument, a.assessed_on.isoformat(), a.assessor])
                            for a in self._assessments])
        if self.list.current_id() is None and self._assessments:
            self.list.table.selectRow(0)
        self._show_detail()

    def _show_detail(self) -> None:
        chosen = next((a for a in self._assessments if a.id == self.list.current_id()), None)
        if chosen is None:
            self.detail.setText(self.tr("Choose an assessment to see its results."))
            return
        language = current_language()
        if chosen.instrument_id:
            self.detail.setText(self._item_detail(chosen, language))
            return
        lines = [f"<p>{_html(chosen.summary)}</p>", "<table cellspacing='4'>"]
        for r in chosen.results:
            lines.append(f"<tr><td><b>{_html(DOMAINS.label(r.domain, language))}</b></td>"
                         f"<td>{_html(r.score)}</td><td>{_html(r.present_level)}</td></tr>")
        lines.append("</table>")
        self.detail.setText("".join(lines))

    def _item_detail(self, assessment, language: str) -> str:
        """An item-scored assessment: per domain, its raw total and where the child
        stands, as the plan would draft it."""
        from ...core.assessment.drafting import present_level, read_scores
        from ...core.assessment.scoring import domain_totals
        from ...core.errors import IepStudioError

        try:
            instrument = self.editing.services.instruments.get(assessment.instrument_id)
            scores = self.editing.services.item_scoring.scores(assessment.id)
        except IepStudioError as error:
            from ..i18n import error_text

            return f"<p>{_html(error_text(error))}</p>"
        levels = {d.domain: present_level(d, language) for d in read_scores(instrument, scores)}
        said = self.tr("%1 items scored. Open it (Enter) to go on scoring or to draft the "
                       "plan.").replace("%1", str(len(scores)))
        lines = [f"<p>{_html(said)}</p>", "<table cellspacing='4'>"]
        for total in domain_totals(instrument, {k: v.value for k, v in scores.items()}):
            lines.append(f"<tr><td><b>{_html(DOMAINS.label(total.domain, language))}</b></td>"
                         f"<td>{total.raw:g}/{total.possible:g}</td>"
                         f"<td>{_html(levels.get(total.domain, ''))}</td></tr>")
        lines.append("</table>")
        return "".join(lines)

    def _score_new(self) -> None:
        """A new assessment on the instrument, opened for scoring at once."""
        services, sid = self.editing.services, self.student.id
        instruments = services.instruments.all()
        if not instruments:
            return
        instrument_id = instruments[0].header.id
        if len(instruments) > 1:  # the school imported its own: which one
            from ..qt import QInputDialog

            titles = [i.header.title.get(current_language()) for i in instruments]
            chosen, ok = QInputDialog.getItem(self, self.tr("Score item by item"),
                                              self.tr("Instrument:"), titles, 0, False)
            if not ok:
                return
            instrument_id = instruments[titles.index(chosen)].header.id
        actor = services.store.actor
        assessor = actor.name if actor else ""
        scoring = services.item_scoring
        made = self.editing.try_change(
            self.tr("Start an assessment"), sid,
            lambda aid: scoring.start(sid, instrument_id, assessor=assessor,
                                      language=current_language(), id=aid).id,
            lambda aid: services.assessments.remove(aid)["id"])
        if made:
            self.open_scoring(made)

    def open_profile(self) -> None:
        """The latest instrument scored item by item, compared over time."""
        from ..assessment.profile_window import ProfileWindow

        scored = next((a for a in self._assessments if a.instrument_id), None)
        if scored is None:
            return
        window = ProfileWindow(self.editing.services, self.student, scored.instrument_id, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def open_scoring(self, assessment_id: str) -> None:
        from ..assessment.scoring_window import ScoringWindow

        services = self.editing.services
        assessment = next((a for a in services.assessments.for_student(self.student.id)
                           if a.id == assessment_id), None)
        if assessment is None:
            return
        if self.scoring_window is not None:
            self.scoring_window.close()
            self.scoring_window.deleteLater()
        self.scoring_window = window = ScoringWindow(services, assessment, self.student, self)
        window.scored.connect(self.editing.changed.emit)  # the file redraws its assessments
        window.show()
        window.raise_()
        window.activateWindow()  # the keys go to it at once

    def _run_dialog(self, values: dict, save) -> None:
        run_until_saved(AssessmentDialog(values, self), save)

    def _add(self) -> None:
        assessments, sid = self.editing.services.assessments, self.student.id

        def save(values):
            self.editing.change(self.tr("Add assessment"), sid,
                                lambda aid: assessments.add(sid, id=aid, **values).id,
                                lambda aid: assessments.remove(aid)["id"])
        self._run_dialog({"assessed_on": self.editing.services.today()}, save)

    def _edit(self, assessment_id: str) -> None:
        chosen = next(a for a in self._assessments if a.id == assessment_id)
        if chosen.instrument_id:
            self.open_scoring(assessment_id)
            return
        assessments, sid = self.editing.services.assessments, self.student.id
        before = as_dict(chosen)

        def save(values):
            self.editing.change(self.tr("Edit assessment"), sid,
                                lambda _s: assessments.update(assessment_id, **values),
                                lambda _s: assessments.update(assessment_id, **before))
        self._run_dialog(before, save)

    def _remove(self, assessment_id: str) -> None:
        assessments, sid = self.editing.services.assessments, self.student.id
        self.editing.change(self.tr("Remove assessment"), sid,
                            lambda aid: assessments.remove(aid or assessment_id),
                            lambda values: assessments.add(sid, **values).id)


def _html(text: str) -> str:
    import html

    return html.escape(text or "").replace("\n", "<br/>")
