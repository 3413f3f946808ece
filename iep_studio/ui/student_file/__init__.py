"""One student's file (一人一档): its tabs, the dialogs that add to it, sending it to another school."""
