"""The details of attached files: what each is, its date, what in the file it belongs to
(a plan, an intake step), a note; asked once for files attached together."""
from __future__ import annotations

from ...core.services.attachments import Link
from ...core.vocabulary import ATTACHMENT_KINDS
from ..planner.planner_dialogs import FormDialog
from ..qt import QWidget
from ..student_list import vocabulary_combo
from ..widgets.fields import ChoiceField, DateField, TextArea, TextField

_LINK_FIELDS = ("plan_id", "intake_record_id", "observation_id")


class AttachmentDialog(FormDialog):
    """With `title` None (several files at once), each file keeps its own name as title."""

    def __init__(self, values: dict, links: list[Link], title: str | None,
                 parent: QWidget | None = None):
        super().__init__(self.tr("Attached file") if title is not None
                         else self.tr("Attach files"), parent)
        self.title = None
        if title is not None:
            self.title = self.add("title", self.tr("Title:"), TextField())
            self.title.set_value(title)
        self.kind = self.add("kind", self.tr("What it is:"), ChoiceField())
        vocabulary_combo(self.kind, ATTACHMENT_KINDS, None)
        self.kind.set_value(values.get("kind") or "other")
        self.taken_on = self.add("taken_on", self.tr("Date on it:"), DateField())
        self.taken_on.set_value(values.get("taken_on"))
        self.belongs = self.add("belongs_to", self.tr("Belongs to:"), ChoiceField())
        self.belongs.addItem(self.tr("(the student's file)"), "")
        for link in links:
            self.belongs.addItem(self.link_text(link), f"{link.field}:{link.id}")
        current = next((f"{f}:{values[f]}" for f in _LINK_FIELDS if values.get(f)), "")
        self.belongs.set_value(current)
        self.note = self.add("note", self.tr("Note:"), TextArea())
        self.note.set_value(values.get("note"))
        self.finish(520)

    def link_text(self, link: Link) -> str:
        """A plan by its title, an intake step by its name, each with its date."""
        on = link.on.isoformat() if link.on else ""
        if link.field == "plan_id":
            what = self.tr("IEP: %1").replace("%1", link.title or on)
        elif link.field == "intake_record_id":
            what = self.tr("Intake step: %1").replace("%1", link.title)
        else:
            what = self.tr("Observation")
        return f"{what} ({on})" if on and link.title else what if link.title else f"{what} {on}"

    def values(self) -> dict:
        chosen = self.belongs.value()
        field, _, record_id = chosen.partition(":")
        out = {"kind": self.kind.value(), "taken_on": self.taken_on.value(),
               "note": self.note.value(),
               **{f: (record_id if f == field else None) for f in _LINK_FIELDS}}
        if self.title is not None:
            out["title"] = self.title.value()
        return out
