"""Input widgets that save themselves: each says when its value is ready to be saved
(`committed`), and shows a problem next to itself without losing what was typed."""
from __future__ import annotations

from datetime import date

from ..qt import (
    QComboBox, QCoreApplication, QEvent, QKeySequence, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QObject, QPlainTextEdit, Qt, QTimer, QVBoxLayout, QWidget, Signal,
)
from .system_look import problem_css
from .filter_combo import widened, widest_entry


def fit_to_text(field: QLineEdit, *samples: str) -> None:
    """A short entry (a date, a time, a number) at most as wide as its widest sample
    at the system's text size, with a line's height spare for the frame and margins."""
    metrics = field.fontMetrics()
    field.setMaximumWidth(max(metrics.horizontalAdvance(text) for text in samples)
                          + metrics.height())


class DateField(QLineEdit):
    """A date typed as YYYY-MM-DD. Empty is allowed; a wrong date is reported by the
    service with a message, and the text stays as typed so it can be corrected."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        fit_to_text(self, "0000-00-00", self.placeholderText())
        self.editingFinished.connect(self.committed)

    def value(self):
        text = self.text().strip()
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            return text  # passed on as typed; validation explains what is wrong

    def set_value(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")


class TextField(QLineEdit):
    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editingFinished.connect(self.committed)

    def value(self) -> str:
        return self.text()

    def set_value(self, value) -> None:
        self.setText("" if value is None else str(value))  # numbers too (sessions a week)


class TextArea(QPlainTextEdit):
    """Multi-line notes. Saved when focus leaves and after a pause in typing, so a long
    note is never more than a second of typing away from the database."""

    committed = Signal()
    edited = Signal()  # typed by the user (not filled in by the program), as QLineEdit's
    PAUSE_MS = 800

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.PAUSE_MS)
        self._pause.timeout.connect(self.committed)
        self.textChanged.connect(self._typed)
        self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self._pause.start()
            self.edited.emit()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self.flush()

    def flush(self) -> None:
        self._pause.stop()
        self.committed.emit()

    def stop_pause(self) -> None:
        self._pause.stop()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value) -> None:
        self._loading = True
        self.setPlainText(value or "")
        self._loading = False


class ChoiceField(QComboBox):
    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.activated.connect(lambda _i: self.committed.emit())

    # Never narrower than its longest choice: a form's choice is read whole at any text size.
    def sizeHint(self):  # noqa: N802 - Qt API
        return widened(super().sizeHint(), widest_entry(self))

    def minimumSizeHint(self):  # noqa: N802 - Qt API
        return widened(super().minimumSizeHint(), widest_entry(self))

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, code) -> None:
        index = self.findData(code or "")
        if index < 0 and code:
            # A code this version does not know (a file from elsewhere): show it as it is,
            # so saving the form never silently replaces it.
            self.addItem(str(code), code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def event(self, event) -> bool:
        # Scrolling a long form must not change a combo the mouse passes over.
        if event.type() == QEvent.Type.Wheel and not self.hasFocus():
            event.ignore()
            return True
        return super().event(event)


class FieldWithError(QWidget):
    """A field with the problem (if any) written in red under it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(problem_css(self.error))
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.field.setAccessibleDescription(text)

    def has_error(self) -> bool:
        return bool(self.error.text())


class _UndoRouter(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z in a self-saving field reach the window's undo, which
    saves the field first and then undoes it like any other edit. Left to itself the field
    would undo its own typing, unseen by the app's history (and then save that)."""

    KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and (
                any(event.matches(k) for k in self.KEYS) or _is_ctrl_shift_z(event)):
            event.ignore()  # not the field's: let the window's shortcut have it
            return True
        return False


def _is_ctrl_shift_z(event) -> bool:
    mods = event.modifiers()
    return (event.key() == Qt.Key.Key_Z and mods & Qt.KeyboardModifier.ControlModifier
            and mods & Qt.KeyboardModifier.ShiftModifier)


def route_undo_to_window(widget: QWidget) -> None:
    router = _UndoRouter(widget)  # parented: lives and dies with the widget
    widget.installEventFilter(router)


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def check_typed_twice(first: str, second: str, field: str = "repeat") -> None:
    """A new password is typed twice, so one typo cannot lock its owner out."""
    if first != second:
        from ...core.errors import InvalidInput, Problem

        raise InvalidInput([Problem(field, QCoreApplication.translate(
            "Fields", "The two passwords differ. Type the same password twice."))])


class CodeChecklist(QListWidget):
    """A list of a vocabulary's terms to tick (the domains a unit or an apparatus trains);
    its value is the ticked codes, in the vocabulary's order."""

    def __init__(self, vocabulary, language: str, rows: int = 8,
                 parent: QWidget | None = None):
        super().__init__(parent)
        for term in vocabulary:
            item = QListWidgetItem(term.label(language))
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setFixedHeight(self.fontMetrics().height() * rows)

    def codes(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes) -> None:
        chosen = set(codes or ())
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in chosen else Qt.CheckState.Unchecked)
