"""The one place the app imports Qt from, so a binding or version change touches one file."""
import ctypes
import sys

from PySide6.QtCore import (
    QAbstractTableModel, QByteArray, QCoreApplication, QEvent, QItemSelectionModel,
    QLibraryInfo, QLocale, QModelIndex, QObject, QPointF, QRectF, QSettings, QUrl, QSortFilterProxyModel, Qt, QTimer,
    QTranslator, Signal,
)
from PySide6.QtGui import (
    QAccessible, QAction, QCloseEvent, QDropEvent, QFont, QFontDatabase, QGuiApplication, QIcon, QInputMethodEvent,
    QBrush, QColor, QDesktopServices, QKeySequence, QPainter, QPainterPath, QPen, QShortcut,
    QTextCursor, QTextDocument,
    QUndoCommand, QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QLineEdit, QListWidget,
    QListWidgetItem, QMainWindow, QMessageBox, QPlainTextEdit, QProgressDialog, QPushButton, QScrollArea,
    QSpinBox, QSplitter, QStackedWidget, QTableView, QTableWidget, QTableWidgetItem, QTabWidget,
    QTextBrowser, QToolBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QCompleter, QRadioButton,
    QWidget,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # noqa: E402

__all__ = [name for name in dir() if name.startswith("Q") or name in ("Qt", "Signal")]


def _never_free_none() -> None:
    """Some PySide6 releases (6.12.0) lose a reference to None each time they hand None back
    to Python: every call that returns nothing, every unset item role. Python 3.12 and later
    never free None, but 3.11 does, and the app aborted with "Fatal Python error:
    none_dealloc" after a day of use. Give None as many spare references as 3.12's immortal
    objects have, so no binding can use them up in a lifetime. The tests still count what a
    binding loses (tests/ui/test_qt_binding.py), so a broken release is still caught."""
    if (sys.implementation.name != "cpython" or sys.version_info >= (3, 12)
            or hasattr(sys, "gettotalrefcount")):  # debug builds lay objects out differently
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field
    if abs(count.value - sys.getrefcount(None)) > 16:
        return  # not the layout expected: leave None alone
    count.value += 1 << 32


_never_free_none()
