"""When someone else saved the same field first: their text and yours side by side. Yours
stays editable, so it can be merged with theirs, then saved on top of the newer version;
or theirs is kept. Nothing is overwritten without the teacher seeing both."""
from __future__ import annotations

from ...core.errors import IepStudioError
from .commands import same_value
from ..i18n import error_text
from ..qt import (
    QDialog, QDialogButtonBox, QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)


class ConflictDialog(QDialog):
    def __init__(self, label: str, theirs: str, mine: str, who: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Someone else changed this"))
        explain = QLabel(self.tr(
            "%1 was saved by %2 while you were editing it. Your text was not saved and is "
            "kept on the right. Edit it if you like (you can copy from theirs), then save it "
            "on top of their version, or keep theirs.").replace("%1", label)
            .replace("%2", who or self.tr("someone else")))
        explain.setWordWrap(True)
        self.theirs = QPlainTextEdit(theirs)
        self.theirs.setReadOnly(True)
        self.theirs.setAccessibleName(self.tr("Their version"))
        self.mine = QPlainTextEdit(mine)
        self.mine.setAccessibleName(self.tr("Your version"))
        self.mine.setTabChangesFocus(True)  # Tab moves on, as in the field it came from
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Their version (saved)")), 0, 0)
        grid.addWidget(QLabel(self.tr("Your version")), 0, 1)
        grid.addWidget(self.theirs, 1, 0)
        grid.addWidget(self.mine, 1, 1)
        buttons = QDialogButtonBox()
        self.save_mine = buttons.addButton(self.tr("Save mine"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs = buttons.addButton(self.tr("Keep theirs"),
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.chosen = None
        buttons.clicked.connect(lambda button: setattr(self, "chosen", button))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.mine.setFocus()
        self.resize(720, 360)


KEEP_THEIRS, SAVE_MINE, UNSETTLED = "theirs", "mine", ""


def settle_conflict(parent: QWidget, services, record_id: str, label: str, theirs,
                    mine) -> tuple[str, str]:
    """(SAVE_MINE, text to save on top of the newer version), (KEEP_THEIRS, their text),
    or (UNSETTLED, "") for what is not text: a choice or a date is shown as saved, with
    the message under it and the teacher's value kept in the field."""
    if not isinstance(mine, str) or not isinstance(theirs, str | None):
        return UNSETTLED, ""
    if (theirs or "").strip() == mine.strip():
        return KEEP_THEIRS, theirs or ""  # both wrote the same: nothing to settle
    who = ""
    try:
        last = services.history.last_change(record_id)
    except IepStudioError:
        last = None
    if last is not None:
        who = f"{last[0]} ({last[1].astimezone().strftime('%H:%M')})"
    dialog = ConflictDialog(label, theirs or "", mine, who, parent)
    try:
        if dialog.exec():
            return SAVE_MINE, dialog.mine.toPlainText()
        if dialog.chosen is dialog.keep_theirs:
            return KEEP_THEIRS, theirs or ""
        # Esc or the window's close button: nothing is decided, so nothing is thrown away;
        # the text stays in the field with the message under it, and in its draft.
        return UNSETTLED, ""
    finally:
        dialog.deleteLater()


def settle_in_form(form, field: str, record_id: str, theirs, typed) -> None:
    """After a refused save in a form of self-saving fields (`form.bindings[field]` is
    (widget, holder, label); `form.save(field)` saves it): offer both versions, then put
    the chosen text in the field, saving it if it is the teacher's. While the dialog is
    open the form saves nothing: the field losing focus to the dialog would otherwise
    save the teacher's text over theirs unasked."""
    widget, holder, label = form.bindings[field]
    form.settling = True
    try:
        decision, text = settle_conflict(widget.window(), form.editing.services, record_id,
                                         label, theirs, typed)
    finally:
        form.settling = False
    if decision == UNSETTLED:
        return
    holder.show_error("")
    widget.set_value(text)
    form.save(field)  # theirs is saved already: this only drops the draft of mine


def after_refused_save(form, field: str, conflict, refused, reload) -> None:
    """Someone else saved the record `refused` (as this form had it) first. Keep what the
    teacher typed and say so; show the newer record (`reload()` does and returns it, None
    if it is gone); then, if they changed another field, save this one on the newer
    version, and if they changed this field too, offer both versions side by side."""
    widget, holder, _label = form.bindings[field]
    typed, loaded = widget.value(), getattr(refused, field)
    holder.show_error(error_text(conflict))  # the typed text stays through the reload
    fresh = reload()
    if fresh is None or getattr(fresh, "version", None) == getattr(refused, "version", None):
        return  # nothing newer to save onto: the message stays under the field
    if same_value(loaded, getattr(fresh, field)):
        holder.show_error("")
        form.save(field)
        return
    settle_in_form(form, field, fresh.id, getattr(fresh, field), typed)
