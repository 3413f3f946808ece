"""The plan's pages of plain fields: the overview (period, family, placement) and the
written sections (strengths and needs, strategies, behaviour support, transition)."""
from __future__ import annotations

from ...core.iep.terms import PLAN_FIELDS
from ..widgets.fields import DateField, TextArea, TextField, fit_to_text
from ..i18n import current_language
from ..qt import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from ..editing.record_form import RecordForm


def label(code: str) -> str:
    return PLAN_FIELDS.label(code, current_language()) + ("：" if current_language()
                                                          .startswith("zh") else ":")


class ScrollPage(QScrollArea):
    """A page that scrolls, with a title and a hint on top."""

    def __init__(self, title: str, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(title)  # the page takes the focus: said by its title
        inner = QWidget()
        self.layout_ = QVBoxLayout(inner)
        heading = QLabel(f"<h3>{title}</h3>")
        self.layout_.addWidget(heading)
        if hint:
            note = QLabel(hint)
            # In the palette's own text colour: a fixed grey was unreadable on dark.
            note.setWordWrap(True)
            self.layout_.addWidget(note)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.setWidget(inner)

    def finish(self) -> None:
        self.layout_.addStretch(1)


class OverviewPage(ScrollPage):
    """Sections 1-3: what the plan covers and when, the family's part, the placement."""

    def __init__(self, plan_form: RecordForm, parent: QWidget | None = None):
        super().__init__(self.tr("Plan overview"), self.tr(
            "Basic information and the family come from the student's file; here is what "
            "this plan adds."), parent)
        self.student_line = QLabel()
        self.student_line.setWordWrap(True)
        self.form.addRow(self.student_line)
        self.status = QLabel()
        self.form.addRow(label("status"), self.status)
        plan_form.bind(self.form, "title", TextField(), label("title"))
        plan_form.bind(self.form, "period_start", DateField(), self.tr("Plan starts:"))
        plan_form.bind(self.form, "period_end", DateField(), self.tr("Plan ends:"))
        plan_form.bind(self.form, "review_due", DateField(), label("review_due"))
        plan_form.bind(self.form, "guardian_participation", TextArea(),
                       label("guardian_participation"))
        plan_form.widget("guardian_participation").setPlaceholderText(self.tr(
            "Who in the family took part, how and when (e.g. the mother came to the IEP "
            "meeting on 2026-09-10)."))
        plan_form.bind(self.form, "placement_statement", TextArea(), label("placement_statement"))
        sessions = TextField()
        fit_to_text(sessions, "0000")  # a number of sessions
        plan_form.bind(self.form, "resource_sessions_per_week", sessions,
                       label("resource_sessions_per_week"))
        plan_form.bind(self.form, "resource_services", TextArea(), label("resource_services"))
        self.finish()


class TextPage(ScrollPage):
    """A written section: a few self-saving text areas."""

    def __init__(self, title: str, plan_form: RecordForm, fields: tuple[str, ...],
                 hint: str = "", parent: QWidget | None = None):
        super().__init__(title, hint, parent)
        for field in fields:
            area = TextArea()
            area.setMaximumHeight(area.fontMetrics().lineSpacing() * 12 + 12)
            plan_form.bind(self.form, field, area, label(field))
        self.finish()
