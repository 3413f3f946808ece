"""The library's apparatus and situations: the shipped lists, and those the school added
(names in both languages, the domains they train, safety notes), which units can then be
written around."""
from __future__ import annotations

from ...core.errors import IepStudioError, InvalidInput
from ...core.vocabulary import DOMAINS, join_labels
from ..i18n import current_language, error_text
from ..qt import (
    QComboBox, QDialog, QFormLayout, QLineEdit, QMessageBox, QPlainTextEdit, Qt, QVBoxLayout,
    QWidget,
)
from ..widgets.dialogs import name_fields, ok_cancel, run_until_saved, show_problems
from ..widgets.fields import CodeChecklist, FieldWithError
from ..widgets.record_table import RecordTable


class ApparatusPanel(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.language = current_language()
        self.records = RecordTable([self.tr("Kind"), self.tr("Name"), self.tr("Domains"),
                                    self.tr("Units"), self.tr("From")],
                                   self.tr("Apparatus and situations"))
        self.records.fit_columns(1, 2)  # the name, its domains
        self.records.add_requested.connect(self.add)
        self.records.edit_requested.connect(self.edit)
        # Its own question speaks of a student's file and of undo: this one asks its own.
        self.records.remove_button.clicked.disconnect()
        self.records.remove_button.clicked.connect(
            lambda: self.remove(self.records.current_id() or ""))
        self.records.table.itemSelectionChanged.connect(self._own_only)
        layout = QVBoxLayout(self)
        layout.addWidget(self.records)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        centres = self.services.unit_centres
        self._by_id = {}
        rows = []
        kinds = {"apparatus": self.tr("Apparatus"), "situation": self.tr("Situation")}
        try:
            # What the units around each one train, and how many there are: a shipped
            # entry says no domains of its own, and a teacher looks for one with units.
            units: dict[tuple[str, str], list] = {}
            for entry in self.services.library.entries():
                unit = entry.unit
                centre_code = unit.apparatus or unit.situation
                if centre_code:
                    units.setdefault((unit.kind, centre_code), []).append(unit)
            listed = [c for kind in ("apparatus", "situation") for c in centres.all(kind)]
            for centre in sorted(listed, key=lambda c: not c.own):  # the school's own first
                key = centre.id or f"{centre.kind}:{centre.code}"
                self._by_id[key] = centre
                around = units.get((centre.kind, centre.code), [])
                domains = centre.domains or tuple(dict.fromkeys(
                    d.split(".")[0] for unit in around for d in unit.domains))
                rows.append((key, [kinds[centre.kind], centre.label(self.language),
                                   join_labels((DOMAINS.label(d, self.language)
                                                for d in domains), self.language),
                                   str(len(around)),
                                   self.tr("Added by the school") if centre.own
                                   else self.tr("IEP Studio")]))
        except IepStudioError as error:
            QMessageBox.warning(self, self.tr("Apparatus and situations"), error_text(error))
        self.records.set_rows(rows)
        if select:
            for row in range(self.records.table.rowCount()):
                if self.records.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == select:
                    self.records.table.selectRow(row)
        self._own_only()

    def _own_only(self) -> None:
        """Shipped entries are the app's: only the school's own can be changed."""
        chosen = self._by_id.get(self.records.current_id() or "")
        own = chosen is not None and chosen.own
        self.records.edit_button.setEnabled(own)
        self.records.remove_button.setEnabled(own)

    def add(self) -> None:
        dialog = CentreDialog(self.tr("Add apparatus or a situation"), None, self)
        saved = {}

        def save(values):
            kind = values.pop("kind")
            saved["centre"] = self.services.unit_centres.add(kind, values)

        run_until_saved(dialog, save)
        if "centre" in saved:
            self.refresh(select=saved["centre"].id)

    def edit(self, key: str) -> None:
        centre = self._by_id.get(key)
        if centre is None or not centre.own:
            return
        dialog = CentreDialog(self.tr("Change apparatus or situation"), centre, self)

        def save(values):
            values.pop("kind")
            self.services.unit_centres.update(centre.id, values, centre.version)

        run_until_saved(dialog, save)
        self.refresh(select=key)

    def remove(self, key: str) -> None:
        centre = self._by_id.get(key)
        if centre is None or not centre.own:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove"), self.tr("Remove \"%1\" from the list? Units already "
                                             "taught keep their copy.").replace(
                "%1", centre.label(self.language)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.unit_centres.remove(centre.id)
        except IepStudioError as error:
            QMessageBox.warning(self, self.tr("Remove"), error_text(error))
        self.refresh()


class CentreDialog(QDialog):
    """Names in both languages, the domains trained, and safety notes."""

    def __init__(self, title: str, centre=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        language = current_language()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Apparatus"), "apparatus")
        self.kind.addItem(self.tr("Situation"), "situation")
        self.name_zh, self.name_en = QLineEdit(), QLineEdit()
        self.name_zh.setPlaceholderText(self.tr("e.g. 攀岩墙"))
        self.name_en.setPlaceholderText(self.tr("e.g. Climbing wall"))
        self.domains = CodeChecklist(DOMAINS, language)
        self.safety_zh, self.safety_en = QPlainTextEdit(), QPlainTextEdit()
        for box in (self.safety_zh, self.safety_en):
            box.setTabChangesFocus(True)
            box.setFixedHeight(self.fontMetrics().height() * 4)
        if centre is not None:
            self.kind.setCurrentIndex(self.kind.findData(centre.kind))
            self.kind.setEnabled(False)  # units name it under its kind
            self.name_zh.setText(centre.zh)
            self.name_en.setText(centre.en)
            self.domains.set_codes(centre.domains)
            self.safety_zh.setPlainText(centre.safety_zh)
            self.safety_en.setPlainText(centre.safety_en)
        self.holders = {key: FieldWithError(widget) for key, widget in (
            ("kind", self.kind), ("name_zh", self.name_zh), ("name_en", self.name_en),
            ("domains", self.domains), ("safety_zh", self.safety_zh),
            ("safety_en", self.safety_en))}
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.holders["kind"])
        form.addRow(self.tr("Name (Chinese):"), self.holders["name_zh"])
        form.addRow(self.tr("Name (English):"), self.holders["name_en"])
        form.addRow(self.tr("Domains it trains:"), self.holders["domains"])
        form.addRow(self.tr("Safety (Chinese):"), self.holders["safety_zh"])
        form.addRow(self.tr("Safety (English):"), self.holders["safety_en"])
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "name_zh": self.name_zh.text(),
                "name_en": self.name_en.text(),
                "domains": self.domains.codes(),
                "safety_zh": self.safety_zh.toPlainText(),
                "safety_en": self.safety_en.toPlainText()}

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)
