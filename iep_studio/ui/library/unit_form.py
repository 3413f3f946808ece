"""Editing a course unit as a form: every part of the unit in its own place, Chinese and
English side by side, steps with their three levels, lists with Add and Remove.

Each part is a small editor with value() -> the unit file's fields and set_value(fields);
the dialog (unit_editor.py) checks the whole unit as the teacher types.
"""
from __future__ import annotations

from ...core.errors import QT_TRANSLATE_NOOP
from ...core.vocabulary import AGE_BANDS, APPARATUS, DOMAINS, SITUATIONS, TIERS, UNIT_KINDS
from ..i18n import current_language
from ..qt import (
    QCheckBox, QComboBox, QCoreApplication, QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QScrollArea,
    QSpinBox, Qt, QVBoxLayout, QWidget, Signal,
)
from ..student_list import vocabulary_combo
from ..widgets.fields import CodeChecklist


class Bilingual(QWidget):
    """One text in Chinese and English, side by side."""

    changed = Signal()

    def __init__(self, multiline: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        make = _TextBox if multiline else QLineEdit
        self.zh, self.en = make(), make()
        self.zh.setPlaceholderText(self.tr("Chinese"))
        self.en.setPlaceholderText(self.tr("English"))
        self.zh.setAccessibleName(self.tr("Chinese"))
        self.en.setAccessibleName(self.tr("English"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.zh, 1)
        layout.addWidget(self.en, 1)
        for box in (self.zh, self.en):
            box.textChanged.connect(self.changed)

    def value(self) -> dict:
        return {"zh": _text(self.zh).strip(), "en": _text(self.en).strip()}

    def set_value(self, value: dict | None) -> None:
        value = value or {}
        for box, key in ((self.zh, "zh"), (self.en, "en")):
            box.blockSignals(True)
            (box.setPlainText if isinstance(box, QPlainTextEdit) else box.setText)(
                value.get(key, ""))
            box.blockSignals(False)


class _TextBox(QPlainTextEdit):
    def __init__(self):
        super().__init__()
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)


def _text(box) -> str:
    return box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text()


def _combo(vocabulary, _language: str) -> QComboBox:
    combo = QComboBox()
    vocabulary_combo(combo, vocabulary, None)
    return combo


class ListSection(QGroupBox):
    """A list of item editors (objectives, steps ...) with Add and Remove."""

    changed = Signal()

    def __init__(self, title: str, make_item, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.make_item = make_item
        self.items: list[QWidget] = []
        self.rows = QVBoxLayout()
        add = QPushButton(self.tr("Add"))
        add.setAccessibleName(self.tr("Add to %1").replace("%1", title))
        add.clicked.connect(lambda: (self.append({}), self.changed.emit()))
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)

    def append(self, value: dict) -> QWidget:
        item = self.make_item()
        item.set_value(value)
        item.changed.connect(self.changed)
        holder = QFrame()
        holder.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(holder)
        number = QLabel(str(len(self.items) + 1))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.remove(item))
        row.addWidget(number, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(item, 1)
        row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        item.holder = holder
        self.items.append(item)
        self.rows.addWidget(holder)
        return item

    def remove(self, item: QWidget) -> None:
        self.items.remove(item)
        item.holder.deleteLater()
        for number, other in enumerate(self.items, start=1):
            other.holder.layout().itemAt(0).widget().setText(str(number))
        self.changed.emit()

    def value(self) -> list:
        return [item.value() for item in self.items]

    def set_value(self, values: list) -> None:
        for item in list(self.items):
            self.items.remove(item)
            item.holder.deleteLater()
        for value in values or []:
            self.append(value)


class _Fields(QWidget):
    """An item editor made of named parts, each with value()/set_value()."""

    changed = Signal()

    def __init__(self, parts: list[tuple[str, str, QWidget]], parent: QWidget | None = None):
        super().__init__(parent)
        self.parts = {key: widget for key, _label, widget in parts}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for key, label, widget in parts:
            form.addRow(label, widget)
            _connect(widget, self.changed)

    def value(self) -> dict:
        return {key: _value(widget) for key, widget in self.parts.items()}

    def set_value(self, value: dict) -> None:
        for key, widget in self.parts.items():
            _set(widget, (value or {}).get(key))


def _connect(widget, signal) -> None:
    if isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(signal)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(signal)
    else:
        widget.changed.connect(signal)


def _value(widget):
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return int(data) if isinstance(data, str) and data.isdigit() else data
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.value()


def _set(widget, value) -> None:
    widget.blockSignals(True)
    if isinstance(widget, QComboBox):
        index = widget.findData(str(value) if isinstance(value, int) else value)
        widget.setCurrentIndex(max(index, 0))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or widget.minimum()))
    else:
        widget.set_value(value)
    widget.blockSignals(False)


def _minutes(default: int = 5, maximum: int = 120) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, maximum)
    box.setValue(default)
    box.setSuffix(QCoreApplication.translate("UnitForm", " min"))
    return box


class UnitForm(QScrollArea):
    """The whole unit as a form. `changed` fires on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, apparatus=None, situations=None):
        """`apparatus` and `situations`: the lists to offer, with what the school added
        (the shipped lists when not given)."""
        super().__init__(parent)
        self.setWidgetResizable(True)
        language = current_language()
        self.unit_id = QLineEdit()
        self.unit_id.setAccessibleName(self.tr("Id"))
        self.kind = _combo(UNIT_KINDS, language)
        self.kind.setAccessibleName(self.tr("Kind"))
        self.function = Bilingual()
        self.apparatus = _combo(apparatus or APPARATUS, language)
        self.situation = _combo(situations or SITUATIONS, language)
        self.title_text = Bilingual()
        self.summary = Bilingual(multiline=True)
        self.domains = CodeChecklist(DOMAINS, language)
        self.domains.setAccessibleName(self.tr("Domains"))
        self.age_bands = {}
        ages = QHBoxLayout()
        for term in AGE_BANDS:
            box = QCheckBox(term.label(language))
            self.age_bands[term.code] = box
            ages.addWidget(box)
        self.duration = _minutes(30)
        self.sessions = QSpinBox()
        self.sessions.setRange(1, 20)

        basic = QGroupBox(self.tr("The unit"))
        form = QFormLayout(basic)
        form.addRow(self.tr("Id:"), self.unit_id)
        form.addRow(self.tr("Kind:"), self.kind)
        self.centre_rows = {
            "deficit": (self.tr("Function:"), self.function),
            "apparatus": (self.tr("Apparatus:"), self.apparatus),
            "situation": (self.tr("Situation:"), self.situation),
        }
        for label, widget in self.centre_rows.values():
            form.addRow(label, widget)
        self.basic_form = form
        form.addRow(self.tr("Title:"), self.title_text)
        form.addRow(self.tr("Summary:"), self.summary)
        form.addRow(self.tr("Domains:"), self.domains)
        form.addRow(self.tr("Age bands:"), ages)
        form.addRow(self.tr("Minutes a session:"), self.duration)
        form.addRow(self.tr("Sessions:"), self.sessions)

        self.objectives = ListSection(self.tr("Objectives"), lambda: _Fields([
            ("domain", self.tr("Domain:"), _combo(DOMAINS, language)),
            ("text", self.tr("Objective:"), Bilingual(multiline=True))]))
        self.materials = ListSection(self.tr("Materials"), _BilingualItem)
        self.safety = ListSection(self.tr("Safety notes"), _BilingualItem)
        self.steps = ListSection(self.tr("Steps"), lambda: _StepEditor(language))
        self.assignments = ListSection(self.tr("Graded after-class assignments"), lambda: _Fields([
            ("tier", self.tr("Level:"), _combo(TIERS, language)),
            ("task", self.tr("Task:"), Bilingual(multiline=True))]))
        self.assessment = ListSection(self.tr("Assessment"), lambda: _Fields([
            ("method", self.tr("Method:"), Bilingual()),
            ("criterion", self.tr("Criterion:"), Bilingual())]))
        self.adjustments = _Fields([
            ("difficulty", self.tr("Difficulty:"), Bilingual(multiline=True)),
            ("amount", self.tr("Amount:"), Bilingual(multiline=True)),
            ("timing", self.tr("Timing:"), Bilingual(multiline=True)),
            ("opportunity", self.tr("Opportunity:"), Bilingual(multiline=True)),
            ("materials", self.tr("Choice of materials:"), Bilingual(multiline=True)),
            ("design", self.tr("Teaching design:"), Bilingual(multiline=True))])
        adjustments = QGroupBox(self.tr("The six adjustments"))
        QVBoxLayout(adjustments).addWidget(self.adjustments)

        page = QWidget()
        layout = QVBoxLayout(page)
        for section in (basic, self.objectives, self.materials, self.safety, self.steps,
                        self.assignments, self.assessment, adjustments):
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(page)

        for widget in (self.function, self.title_text, self.summary, self.objectives,
                       self.materials, self.safety, self.steps, self.assignments,
                       self.assessment, self.adjustments):
            widget.changed.connect(self.changed)
        for widget in (self.kind, self.apparatus, self.situation):
            widget.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._show_centre)
        for widget in (self.duration, self.sessions):
            widget.valueChanged.connect(self.changed)
        self.unit_id.textChanged.connect(self.changed)
        self.domains.itemChanged.connect(self.changed)
        for box in self.age_bands.values():
            box.toggled.connect(self.changed)

    def _show_centre(self) -> None:
        kind = self.kind.currentData()
        for key, (_label, widget) in self.centre_rows.items():
            self.basic_form.setRowVisible(widget, key == kind)

    def value(self) -> dict:
        kind = self.kind.currentData()
        document = {
            "schema_version": 1, "id": self.unit_id.text().strip(), "kind": kind,
            "title": self.title_text.value(),
        }
        if kind == "deficit":
            document["function"] = self.function.value()
        elif kind == "apparatus":
            document["apparatus"] = self.apparatus.currentData()
        else:
            document["situation"] = self.situation.currentData()
        document.update({
            "summary": self.summary.value(),
            "domains": self.domains.codes(),
            "age_bands": [code for code, box in self.age_bands.items() if box.isChecked()],
            "duration_minutes": self.duration.value(), "sessions": self.sessions.value(),
            "objectives": self.objectives.value(), "materials": self.materials.value(),
            "safety": self.safety.value(), "steps": self.steps.value(),
            "assignments": self.assignments.value(), "assessment": self.assessment.value(),
            "adjustments": self.adjustments.value(),
        })
        return document

    def set_value(self, document: dict) -> None:
        self.blockSignals(True)
        self.unit_id.setText(document.get("id", ""))
        _set(self.kind, document.get("kind"))
        self.function.set_value(document.get("function"))
        _set(self.apparatus, document.get("apparatus"))
        _set(self.situation, document.get("situation"))
        self.title_text.set_value(document.get("title"))
        self.summary.set_value(document.get("summary"))
        self.domains.set_codes(document.get("domains", []))
        for code, box in self.age_bands.items():
            box.setChecked(code in document.get("age_bands", []))
        self.duration.setValue(document.get("duration_minutes", 30))
        self.sessions.setValue(document.get("sessions", 1))
        for key in ("objectives", "materials", "safety", "steps", "assignments", "assessment"):
            getattr(self, key).set_value(document.get(key, []))
        self.adjustments.set_value(document.get("adjustments", {}))
        self.blockSignals(False)
        self._show_centre()


class _BilingualItem(Bilingual):
    def __init__(self):
        super().__init__(multiline=False)


class _StepEditor(QWidget):
    """A step: title, minutes, what happens, and the three levels with their support."""

    changed = Signal()

    def __init__(self, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title_text = Bilingual()
        self.minutes = _minutes(5)
        self.activity = Bilingual(multiline=True)
        self.levels = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Task")), 0, 1)
        grid.addWidget(QLabel(self.tr("Support and prompts")), 0, 2)
        for row, term in enumerate(TIERS, start=1):
            task, support = Bilingual(multiline=True), Bilingual(multiline=True)
            self.levels[int(term.code)] = (task, support)
            grid.addWidget(QLabel(term.label(language)), row, 0)
            grid.addWidget(task, row, 1)
            grid.addWidget(support, row, 2)
            task.changed.connect(self.changed)
            support.changed.connect(self.changed)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Step:"), self.title_text)
        form.addRow(self.tr("Minutes:"), self.minutes)
        form.addRow(self.tr("What happens:"), self.activity)
        form.addRow(self.tr("Levels:"), grid)
        self.title_text.changed.connect(self.changed)
        self.activity.changed.connect(self.changed)
        self.minutes.valueChanged.connect(self.changed)
        self._prompts = None

    def value(self) -> dict:
        step = {"title": self.title_text.value(), "minutes": self.minutes.value(),
                "activity": self.activity.value(),
                "levels": [{"tier": tier, "task": task.value(), "support": support.value()}
                           for tier, (task, support) in self.levels.items()
                           if any(task.value().values()) or any(support.value().values())]}
        if self._prompts:
            step["prompts"] = self._prompts  # kept as it was: not edited in the form
        return step

    def set_value(self, step: dict) -> None:
        step = step or {}
        self.title_text.set_value(step.get("title"))
        self.minutes.setValue(step.get("minutes", 5))
        self.activity.set_value(step.get("activity"))
        by_tier = {level.get("tier"): level for level in step.get("levels", [])}
        for tier, (task, support) in self.levels.items():
            task.set_value(by_tier.get(tier, {}).get("task"))
            support.set_value(by_tier.get(tier, {}).get("support"))
        self._prompts = step.get("prompts")


# What a field path ("steps.0.levels.1.task.zh") is called on the form.
PATH_NAMES = {
    "id": QT_TRANSLATE_NOOP("UnitForm", "Id"), "kind": QT_TRANSLATE_NOOP("UnitForm", "Kind"),
    "function": QT_TRANSLATE_NOOP("UnitForm", "Function"),
    "apparatus": QT_TRANSLATE_NOOP("UnitForm", "Apparatus"),
    "situation": QT_TRANSLATE_NOOP("UnitForm", "Situation"),
    "title": QT_TRANSLATE_NOOP("UnitForm", "Title"),
    "summary": QT_TRANSLATE_NOOP("UnitForm", "Summary"),
    "domains": QT_TRANSLATE_NOOP("UnitForm", "Domains"),
    "age_bands": QT_TRANSLATE_NOOP("UnitForm", "Age bands"),
    "duration_minutes": QT_TRANSLATE_NOOP("UnitForm", "Minutes a session"),
    "sessions": QT_TRANSLATE_NOOP("UnitForm", "Sessions"),
    "objectives": QT_TRANSLATE_NOOP("UnitForm", "Objectives"),
    "materials": QT_TRANSLATE_NOOP("UnitForm", "Materials"),
    "safety": QT_TRANSLATE_NOOP("UnitForm", "Safety notes"),
    "steps": QT_TRANSLATE_NOOP("UnitForm", "Steps"),
    "levels": QT_TRANSLATE_NOOP("UnitForm", "Levels"),
    "assignments": QT_TRANSLATE_NOOP("UnitForm", "Graded after-class assignments"),
    "assessment": QT_TRANSLATE_NOOP("UnitForm", "Assessment"),
    "adjustments": QT_TRANSLATE_NOOP("UnitForm", "The six adjustments"),
    "task": QT_TRANSLATE_NOOP("UnitForm", "Task"),
    "support": QT_TRANSLATE_NOOP("UnitForm", "Support and prompts"),
    "activity": QT_TRANSLATE_NOOP("UnitForm", "What happens"),
    "text": QT_TRANSLATE_NOOP("UnitForm", "Objective"),
    "method": QT_TRANSLATE_NOOP("UnitForm", "Method"),
    "criterion": QT_TRANSLATE_NOOP("UnitForm", "Criterion"),
    "zh": QT_TRANSLATE_NOOP("UnitForm", "Chinese"), "en": QT_TRANSLATE_NOOP("UnitForm", "English"),
}


def describe_path(path: str) -> str:
    """'steps.0.levels.1.task.zh' -> 'Steps 1 › Levels 2 › Task › Chinese' (translated)."""
    parts = []
    for part in path.split("."):
        if part.isdigit() and parts:
            parts[-1] += f" {int(part) + 1}"
        else:
            name = PATH_NAMES.get(part)
            parts.append(QCoreApplication.translate("UnitForm", name) if name else part)
    return " › ".join(parts)
