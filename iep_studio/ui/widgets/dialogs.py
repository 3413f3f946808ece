"""What every form dialog does the same way: OK and Cancel, problems shown per field, and
staying open with what was typed until the save succeeds or the user cancels."""
from __future__ import annotations

from collections.abc import Callable

from ...core.errors import IepStudioError, InvalidInput
from .fields import FieldWithError
from ..i18n import error_text, problem_text
from ..qt import QDialog, QDialogButtonBox, QFormLayout, QMessageBox


def ok_cancel(dialog: QDialog, on_ok: Callable | None = None) -> QDialogButtonBox:
    """Standard OK/Cancel buttons (translated by Qt: 确定/取消)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                               QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


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
    """Give each field of a form its label as accessible name (screen readers): the label
    belongs to the FieldWithError wrapper, not to the input inside it."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(field.widget(), FieldWithError):
            continue
        text = label.widget().text().replace("&", "").rstrip(":：")
        inner = field.widget().field
        if text and not inner.accessibleName():
            inner.setAccessibleName(text)
