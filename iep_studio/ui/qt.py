"""The one place the app imports Qt from, so a binding or version change touches one file."""
import ctypes
import importlib
import sys

import PySide6.QtCore  # noqa: F401 - Qt itself loads with this module (see the end)

# Each name is taken from its Qt module the first time a module of the app asks for it
# (PEP 562, `__getattr__` below): PySide6 builds a class, with all its enums, when it is
# first taken from its module, and the window's first paint needs only a few of them.
_NAMES = {
    "PySide6.QtCore": """
        QAbstractTableModel QByteArray QCoreApplication QEvent QItemSelectionModel
        QLibraryInfo QLocale QModelIndex QObject QPointF QRect QRectF QSettings QSize QUrl
        QSortFilterProxyModel Qt QTimer QTranslator Signal
    """,
    "PySide6.QtGui": """
        QAccessible QAction QCloseEvent QDropEvent QFont QFontDatabase QFontMetrics QGuiApplication
        QIcon QInputMethodEvent QBrush QColor QDesktopServices QKeySequence QPainter QPixmap
        QPainterPath QPen QShortcut QTextCursor QTextDocument QUndoCommand QUndoStack
        QPalette
    """,
    "PySide6.QtWidgets": """
        QAbstractItemView QApplication QCheckBox QComboBox QDialog QDialogButtonBox
        QFileDialog QFormLayout QFrame QGridLayout QGroupBox QHBoxLayout QHeaderView
        QInputDialog QLabel QLineEdit QListView QListWidget QListWidgetItem QMainWindow QMessageBox
        QPlainTextEdit QProgressDialog QPushButton QScrollArea QSpinBox QSplitter
        QStackedWidget QTableView QTableWidget QTableWidgetItem QTabWidget QTextBrowser QTextEdit
        QToolBar QToolButton QTreeWidget QTreeWidgetItem QVBoxLayout QCompleter QRadioButton QWidget
        QAbstractButton QStyle QStyleOptionComboBox QStyledItemDelegate QStyleOptionViewItem
    """,
    # Printing only when a document is previewed or printed.
    "PySide6.QtPrintSupport": "QPrinter QPrintPreviewDialog",
}
_MODULE_OF = {name: module for module, names in _NAMES.items() for name in names.split()}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once
    return value


__all__ = sorted(_MODULE_OF)


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


def _skip_pyside_feature_scan() -> None:
    """After PySide6 is imported, it reads the whole source of every module imported later,
    to see whether the module switches on one of its optional `__feature__`s (snake_case
    names, true properties; this app uses none). Loading the database layer after the
    window (SQLAlchemy, the model) took twice as long that way, and the sources stayed in
    memory (tens of MB). Say that no module uses a feature, without reading it: a module
    that uses none is treated exactly so. If a PySide6 release lays this out otherwise,
    nothing is changed."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


_skip_pyside_feature_scan()
