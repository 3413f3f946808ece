"""The window: PySide6 only. Everything here calls the core's services."""
