"""What every form dialog does the same way: OK and Cancel, problems shown per field, and
staying open with what was typed until the save succeeds or the user cancels."""
from __future__ import annotations

from collections.abc import Callable

from ..core.errors import InvalidInput
from .fields import FieldWithError
from .i18n import problem_text
from .qt import QDialog, QDialogButtonBox


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
            try:
                save(dialog.values())
                return
            except InvalidInput as error:
                dialog.show_problems(error)
    finally:
        dialog.deleteLater()
