"""What every form dialog does the same way: OK and Cancel, problems shown per field, and
staying open with what was typed until the save succeeds or the user cancels."""
from __future__ import annotations

import re
from collections.abc import Callable

from ...core.errors import IepStudioError, InvalidInput
from .fields import FieldWithError
from ..i18n import error_text, problem_text
from ..qt import (
    QAbstractButton, QCoreApplication, QDialog, QDialogButtonBox, QEvent, QFormLayout, QLabel,
    QLineEdit, QMessageBox, QObject, QPlainTextEdit, Qt, QTextEdit, QWidget,
)


def ok_cancel(dialog: QDialog, on_ok: Callable | None = None,
              keep_typed_text: bool = True) -> QDialogButtonBox:
    """Standard OK/Cancel buttons (translated by Qt: 确定/取消). Cancel, Esc or closing
    the dialog after typing in it asks before the text is thrown away (unless the dialog
    asks in its own words: `keep_typed_text=False`)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                               QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok or dialog.accept)
    if keep_typed_text:
        keeper = TypedTextKeeper(dialog)
        buttons.rejected.connect(lambda: keeper.may_discard() and dialog.reject())
    else:
        buttons.rejected.connect(dialog.reject)
    return buttons


def typed_text(dialog: QWidget) -> list[str]:
    """What has been typed into the dialog's text fields (not its choices: a choice is
    made again in a click, a paragraph is not typed again so easily)."""
    texts = []
    for field in dialog.findChildren(QWidget):
        if isinstance(field, QLineEdit) and not field.isReadOnly():
            texts.append(field.text())
        elif isinstance(field, (QPlainTextEdit, QTextEdit)) and not field.isReadOnly():
            texts.append(field.toPlainText())
    return texts


class TypedTextKeeper(QObject):
    """Watches a dialog: once it shows, what its fields hold is noted; Esc or closing it
    with text typed since then asks first, and the dialog stays if the answer is no."""

    def __init__(self, dialog: QDialog):
        super().__init__(dialog)
        self.dialog = dialog
        self.before: list[str] | None = None
        dialog.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.dialog:
            kind = event.type()
            if kind == QEvent.Type.Show:
                self.before = typed_text(self.dialog)
            elif ((kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                   and event.modifiers() == Qt.KeyboardModifier.NoModifier)
                  or kind == QEvent.Type.Close) and not self.may_discard():
                event.ignore()
                return True
        return False

    def may_discard(self) -> bool:
        if self.before is None or typed_text(self.dialog) == self.before:
            return True
        answer = QMessageBox.question(
            self.dialog, self.dialog.windowTitle(),
            QCoreApplication.translate("Dialogs", "Throw away what you typed in this window?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard


def show_problems(holders: dict[str, FieldWithError], error: InvalidInput) -> None:
    """Write each problem under its field; clear the fields that are now right."""
    for key, holder in holders.items():
        problem = error.for_field(key)
        holder.show_error(problem_text(problem) if problem else "")


def run_until_saved(dialog: QDialog, save: Callable[[dict], object]) -> None:
    """Show the dialog until `save(dialog.values())` succeeds or the user cancels; a
    refused save keeps the dialog open with what was typed and says what is wrong."""
    try:
        while dialog.exec():
            if attempt(dialog, lambda: save(dialog.values())):
                return
    finally:
        dialog.deleteLater()


def attempt(dialog: QDialog, save: Callable[[], object]) -> bool:
    """Run a dialog's save. Problems with fields go under the fields; anything else (a
    busy database, a full disk, a file removed elsewhere) is said in a message box. The
    dialog and what was typed stay either way."""
    try:
        save()
        return True
    except InvalidInput as error:
        dialog.show_problems(error)
    except IepStudioError as error:
        QMessageBox.warning(dialog, dialog.windowTitle(), error_text(error))
    return False


def name_fields(form: QFormLayout) -> None:
    """Tie each label of a form to its input, once the rows are added: Alt+letter goes to
    the input and a screen reader reads the label as its name. Qt ties a label to the
    widget beside it, which may only hold the input (a FieldWithError, a folder with its
    Choose… button), and a screen reader looks for a label only beside the input itself:
    so the label leads to the input, and the input is given the label's words as name."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(label.widget(), QLabel):
            continue
        inner = input_of(field)
        if inner is None or isinstance(inner, QAbstractButton):
            continue  # a tick box or a button is named by its own text
        label.widget().setBuddy(inner)
        text = spoken(label.widget().text())
        if text and not inner.accessibleName():
            inner.setAccessibleName(text)


def name_pages(tabs) -> None:
    """Name each page of a QTabWidget by its tab's title: a page that takes the focus
    itself (a form that scrolls) is announced by it."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if not page.accessibleName():
            page.setAccessibleName(spoken(tabs.tabText(index)))


def input_of(item) -> QWidget | None:
    """The first input of a form row (a layout item): the field inside a FieldWithError,
    the line edit before its buttons."""
    widget = item.widget()
    if isinstance(widget, FieldWithError):
        widget = widget.field
    if widget is not None and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
        return widget
    layout = item.layout() if widget is None else widget.layout()
    for i in range(layout.count() if layout is not None else 0):
        found = input_of(layout.itemAt(i))
        if found is not None:
            return found
    return None


def spoken(label: str) -> str:
    """A label as a screen reader says it: "&Name:" and "姓名(&N)：" are "Name" and "姓名"
    (the Alt+letter and the colon are for the eye)."""
    text = re.sub(r"\s*\(&[^&)]\)", "", label)  # a Chinese label's "(&N)"
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":：").strip()
