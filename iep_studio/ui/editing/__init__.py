"""Changing a record from the window: undo steps, unsaved text, two people's versions, record forms."""
