"""The planner's forms: a month's theme, a week's activity, a session on a day. Each
stays open with what was typed until it saves (dialogs.run_until_saved)."""
from __future__ import annotations

from ...core.errors import InvalidInput
from ...core.vocabulary import THEME_SCOPES
from ..widgets.dialogs import name_fields, ok_cancel, show_problems
from ..widgets.fields import (
    ChoiceField, DateField, FieldWithError, TextArea, TextField, fit_to_text,
)
from ..qt import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QLineEdit, QListWidget,
    QListWidgetItem, Qt, QVBoxLayout, QWidget,
)
from ..student_list import vocabulary_combo


class Checklist(QListWidget):
    """Things to choose (students, objectives) with a tick box each; type the first
    letters of one to jump to it, Space ticks it."""

    def __init__(self, students: list[tuple[str, str]], chosen=(), parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Chosen before but not offered now (a student since archived, an objective of an
        # earlier plan): kept as they are, so saving the form never drops them unseen.
        listed = {item_id for item_id, _name in students}
        self.unlisted = [i for i in chosen if i not in listed]
        for student_id, name in students:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, student_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if student_id in chosen
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(self.fontMetrics().height() * 8)

    def value(self) -> list[str]:
        return self.unlisted + [self.item(i).data(Qt.ItemDataRole.UserRole)
                                for i in range(self.count())
                                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, ids) -> None:
        listed = {self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())}
        self.unlisted = [i for i in ids if i not in listed]
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in ids else Qt.CheckState.Unchecked)


class FormDialog(QDialog):
    """A form of labelled fields, each with its problem under it."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.holders: dict[str, FieldWithError] = {}

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        holder = FieldWithError(widget)
        self.holders[key] = holder
        self.form.addRow(label, holder)
        return widget

    def finish(self, width: int = 460) -> None:
        name_fields(self.form)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(ok_cancel(self))
        self.resize(width, self.sizeHint().height())

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)


def choice_combo(items: list[tuple[str, str]], empty: str, current: str | None) -> ChoiceField:
    combo = ChoiceField()
    combo.addItem(empty, "")
    for code, text in items:
        combo.addItem(text, code)
    combo.set_value(current or "")
    return combo


class ThemeDialog(FormDialog):
    def __init__(self, month_text: str, values: dict, students, parent: QWidget | None = None):
        super().__init__(self.tr("Theme of the month"), parent)
        self.title = self.add("title", self.tr("Theme:"), TextField())
        self.title.setPlaceholderText(self.tr("for example 认识秋天"))
        self.form.insertRow(0, self.tr("Month:"), QLineEdit(month_text, readOnly=True))
        self.scope = self.add("scope", self.tr("For:"), ChoiceField())
        vocabulary_combo(self.scope, THEME_SCOPES, None)
        self.group_name = self.add("group_name", self.tr("Group name:"), TextField())
        self.students = self.add("student_ids", self.tr("Students:"),
                                 Checklist(students, values.get("student_ids", ())))
        self.aims = self.add("aims", self.tr("Aims:"), TextArea())
        self.title.set_value(values.get("title"))
        self.scope.set_value(values.get("scope") or "room")
        self.group_name.set_value(values.get("group_name"))
        self.aims.set_value(values.get("aims"))
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_changed()
        self.finish()

    def _scope_changed(self) -> None:
        scope = self.scope.value()
        self.holders["group_name"].setEnabled(scope == "group")
        self.holders["student_ids"].setEnabled(scope != "room")

    def values(self) -> dict:
        return {"title": self.title.value(), "scope": self.scope.value(),
                "group_name": self.group_name.value(), "student_ids": self.students.value(),
                "aims": self.aims.value()}


class ActivityDialog(FormDialog):
    """`themes`, `units`, `lessons`: (id, text) pairs to choose from."""

    def __init__(self, week_text: str, values: dict, themes, units, lessons, students,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Activity of the week"), parent)
        self.form.addRow(self.tr("Week:"), QLineEdit(week_text, readOnly=True))
        self.title = self.add("title", self.tr("Activity:"), TextField())
        self.theme = self.add("theme_id", self.tr("Theme:"),
                              choice_combo(themes, self.tr("(no theme)"), values.get("theme_id")))
        self.unit = self.add("unit_id", self.tr("Course unit:"),
                             choice_combo(units, self.tr("(none)"), values.get("unit_id")))
        self.unit.setEditable(True)  # type to find a unit among many
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit.activated.connect(self._unit_chosen)
        self.lesson = self.add("lesson_id", self.tr("Lesson:"),
                               choice_combo(lessons, self.tr("(none)"), values.get("lesson_id")))
        self.students = self.add("student_ids", self.tr("Students:"),
                                 Checklist(students, values.get("student_ids", ())))
        self.note = self.add("note", self.tr("Note:"), TextArea())
        self.title.set_value(values.get("title"))
        self.note.set_value(values.get("note"))
        self.finish(520)

    def _unit_chosen(self) -> None:
        if not self.title.text().strip() and self.unit.value():
            self.title.setText(self.unit.currentText())

    def values(self) -> dict:
        return {"title": self.title.value(), "theme_id": self.theme.value() or None,
                "unit_id": self.unit.value(), "lesson_id": self.lesson.value() or None,
                "student_ids": self.students.value(), "note": self.note.value()}


class SessionDialog(FormDialog):
    """`activities`: (id, title, student ids) of the week; choosing one fills the title
    and the students."""

    def __init__(self, values: dict, activities, rooms: list[str], students,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Session"), parent)
        self.day = self.add("day", self.tr("Day:"), DateField())
        self.starts = self.add("starts", self.tr("Starts:"), TextField())
        self.ends = self.add("ends", self.tr("Ends:"), TextField())
        for field in (self.starts, self.ends):
            field.setPlaceholderText("08:30")
            fit_to_text(field, "00:00–00:00")
        self.room = self.add("room", self.tr("Room:"), QComboBox())
        self.room.setEditable(True)
        self.room.addItems(rooms)
        self.activities = {a[0]: a for a in activities}
        self.activity = self.add("activity_id", self.tr("Activity:"), choice_combo(
            [(a[0], a[1]) for a in activities], self.tr("(none)"), values.get("activity_id")))
        self.activity.activated.connect(self._activity_chosen)
        self.title = self.add("title", self.tr("Title:"), TextField())
        self.students = self.add("student_ids", self.tr("Students:"),
                                 Checklist(students, values.get("student_ids", ())))
        self.note = self.add("note", self.tr("Note:"), TextArea())
        self.day.set_value(values.get("day"))
        self.starts.set_value(values.get("starts"))
        self.ends.set_value(values.get("ends"))
        # A new session takes the week's first room; an edited one keeps its own (even none).
        self.room.setCurrentText(values["room"] if "room" in values else
                                 (rooms[0] if rooms else ""))
        self.title.set_value(values.get("title"))
        self.note.set_value(values.get("note"))
        self.finish(480)

    def _activity_chosen(self) -> None:
        chosen = self.activities.get(self.activity.value())
        if chosen:
            self.title.setText(chosen[1])
            self.students.set_value(chosen[2])

    def values(self) -> dict:
        return {"day": self.day.value(), "starts": self.starts.value(),
                "ends": self.ends.value(), "room": self.room.currentText(),
                "activity_id": self.activity.value() or None, "title": self.title.value(),
                "student_ids": self.students.value(), "note": self.note.value()}
