"""The one place the app imports Qt from, so a binding or version change touches one file."""
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
