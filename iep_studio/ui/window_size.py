"""Windows open at a size that fits the screen they open on.

A window asks for the size it would like; it gets at most nine tenths of the screen's free
area (without the task bar or the dock), centred there, so a 1366x768 laptop and a
1920x1080 screen at 150% (1280x720 for windows) show it whole with its title bar. The size
a teacher gave it last time is restored if it still fits the screen."""
from __future__ import annotations

from .qt import QByteArray, QGuiApplication, QWidget

SHARE = 0.9  # of the free area: room for the title bar and the frame


def available_area(window: QWidget):
    """The free area (a QRect) of the screen the window is on, or will open on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def open_at_size(window: QWidget, width: int, height: int, centre: bool = True) -> None:
    """Size `window` to width x height, or less to fit the screen; centred there unless
    told not to (dialogs are placed over their window by Qt)."""
    area = available_area(window)
    window.resize(min(width, int(area.width() * SHARE)), min(height, int(area.height() * SHARE)))
    if centre:
        frame = window.frameGeometry()
        frame.moveCenter(area.center())
        window.move(frame.topLeft())


def restore_or_fit(window: QWidget, saved, width: int, height: int) -> None:
    """The geometry saved last time (`saveGeometry`) if it fits the screen now; otherwise
    the size asked for, fitted and centred."""
    open_at_size(window, width, height)
    if not isinstance(saved, QByteArray) or saved.isEmpty():
        return
    if not window.restoreGeometry(saved):
        return
    area, frame = available_area(window), window.frameGeometry()
    if frame.width() > area.width() or frame.height() > area.height():
        open_at_size(window, width, height)  # saved on a larger screen
