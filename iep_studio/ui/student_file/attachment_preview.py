"""An attached file shown beside the list: a picture, or a PDF page with the previous and
next page. Drawn by the core (Pillow, PDFium) into a picture at most 1600 pixels on a side,
so even a large scan shows quickly; nothing is handed to another program."""
from __future__ import annotations

from ...core.errors import IepStudioError
from ..i18n import error_text
from ..qt import (
    QHBoxLayout, QLabel, QPixmap, QPushButton, QScrollArea, Qt, QVBoxLayout, QWidget,
)

# The longest side of a drawn page: sharp on a laptop's screen, quick to draw.
MAX_SIDE = 1600


class PreviewPane(QWidget):
    def __init__(self, attachments, parent: QWidget | None = None):
        super().__init__(parent)
        self.attachments = attachments
        self.attachment_id: str | None = None
        self.page, self.page_count = 0, 0
        self.drawn: QPixmap | None = None
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setAccessibleName(self.tr("Preview of the attached file"))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.picture)
        self.scroll.setAccessibleName(self.tr("Preview"))
        self.previous_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.page_label = QLabel()
        pages = QHBoxLayout()
        pages.addWidget(self.previous_button)
        pages.addStretch(1)
        pages.addWidget(self.page_label)
        pages.addStretch(1)
        pages.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(pages)
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(1))
        self.show_attachment(None)

    def show_attachment(self, attachment_id: str | None) -> None:
        # An attachment's bytes never change: the file shown again (the tab redrawn after
        # another change to the file) is not decoded again.
        if (attachment_id is not None and attachment_id == self.attachment_id
                and self.drawn is not None and not self.drawn.isNull()):
            return
        if attachment_id != self.attachment_id:
            self.page = 0
        self.attachment_id = attachment_id
        self._draw()

    def turn(self, step: int) -> None:
        self.page = min(max(self.page + step, 0), max(self.page_count - 1, 0))
        self._draw()

    def _draw(self) -> None:
        self.drawn = None
        if self.attachment_id is None:
            self.page_count = 0
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.tr("Choose a file in the list to see it here."))
        else:
            try:
                png, self.page_count = self.attachments.preview(self.attachment_id, self.page,
                                                                MAX_SIDE)
            except IepStudioError as error:  # damaged, or gone meanwhile
                self.page_count = 0
                self.picture.setPixmap(QPixmap())
                self.picture.setText(error_text(error))
            else:
                self.drawn = QPixmap()
                self.drawn.loadFromData(png, "PNG")
                self._fit()
        several = self.page_count > 1
        for widget in (self.previous_button, self.next_button, self.page_label):
            widget.setVisible(several)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.page_count - 1)
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(self.page + 1))
                                .replace("%2", str(self.page_count)))

    def _fit(self) -> None:
        """The drawn page scaled to the pane, never larger than drawn."""
        if self.drawn is None or self.drawn.isNull():
            return
        room = self.scroll.viewport().size()
        shown = self.drawn
        if shown.width() > room.width() or shown.height() > room.height():
            shown = shown.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        self.picture.setText("")
        self.picture.setPixmap(shown)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()
