"""Settings → Accounts: an administrator adds colleagues' accounts, sets their role and the
person they are on teams, resets a forgotten password, unlocks an account locked by wrong
passwords and turns an account off. Everyone may change their own password."""
from __future__ import annotations

from ...core.access.rules import DISTRICT_COORDINATOR
from ...core.vocabulary import ACCOUNT_ROLES
from ...core.errors import IepStudioError
from ..widgets.dialogs import attempt, run_until_saved
from ..widgets.fields import ChoiceField, TextField, check_typed_twice, password_field
from ..i18n import current_language, error_text
from ..planner.planner_dialogs import Checklist, FormDialog, choice_combo
from ..qt import (
    QAbstractItemView, QCheckBox, QDialog, QLabel, QDialogButtonBox, QHBoxLayout, QMessageBox, QObject, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)


class AccountForm(FormDialog):
    """`schools`: (id, name) of every school, for a district coordinator to follow."""

    def __init__(self, values: dict, people, new: bool, parent: QWidget | None = None,
                 schools=()):
        super().__init__(self.tr("Account"), parent)
        language = current_language()
        self.username = self.add("username", self.tr("Sign-in name:"), TextField())
        self.username.set_value(values.get("username"))
        self.username.setReadOnly(not new)
        self.display_name = self.add("display_name", self.tr("Name:"), TextField())
        self.display_name.set_value(values.get("display_name"))
        self.role = self.add("role", self.tr("Role:"), ChoiceField())
        for term in ACCOUNT_ROLES:
            self.role.addItem(term.label(language), term.code)
        self.role.set_value(values.get("role") or "resource_teacher")
        self.person = self.add("person_id", self.tr("On students' teams as:"), choice_combo(
            [(p.id, p.full_name) for p in people], self.tr("(nobody)"), values.get("person_id")))
        self.password = self.add("password", self.tr("Password:"), password_field()) if new else None
        # Kept while another role is chosen, and saved only for a coordinator: the account
        # remembers its schools if it is made a coordinator again.
        self.schools = self.add("followed_schools", self.tr("Schools followed:"),
                                Checklist(list(schools), values.get("followed_schools", ())))
        self.no_school = QLabel(self.tr("No school is ticked: this coordinator will see no "
                                        "student's file until you tick one."))
        self.no_school.setWordWrap(True)
        self.form.addRow("", self.no_school)
        self.role.currentIndexChanged.connect(self._role_chosen)
        self.schools.itemChanged.connect(self._role_chosen)
        self.active = QCheckBox(self.tr("May sign in"))
        self.active.setChecked(values.get("active", True))
        if not new:
            self.form.addRow("", self.active)
        self._role_chosen()
        self.finish(440)

    def _role_chosen(self) -> None:
        coordinator = self.role.value() == DISTRICT_COORDINATOR
        self.form.setRowVisible(self.holders["followed_schools"], coordinator)
        self.form.setRowVisible(self.no_school, coordinator and not self.schools.value())

    def values(self) -> dict:
        values = {"display_name": self.display_name.value(), "role": self.role.value(),
                  "person_id": self.person.value() or None}
        if values["role"] == DISTRICT_COORDINATOR:
            values["followed_schools"] = self.schools.value()
        if self.password is not None:
            values |= {"username": self.username.value(), "password": self.password.text()}
        else:
            values["active"] = self.active.isChecked()
        return values


class PasswordForm(FormDialog):
    def __init__(self, title: str, ask_current: bool, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.current = self.add("current", self.tr("Current password:"), password_field()) \
            if ask_current else None
        self.new = self.add("new_password", self.tr("New password:"), password_field())
        self.repeat = self.add("repeat", self.tr("New password again:"), password_field())
        self.finish(380)

    def values(self) -> dict:
        """Nothing to return: checks that the password was typed the same twice."""
        check_typed_twice(self.new.text(), self.repeat.text())
        return {}


class AccountsDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Accounts"))
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab moves on; arrows move between cells
        self.table.setHorizontalHeaderLabels(
            [self.tr("Sign-in name"), self.tr("Name"), self.tr("Role"), self.tr("Last signed in"),
             self.tr("Locked")])
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemActivated.connect(lambda _item: self.edit())
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Add…"), self.add), (self.tr("Edit…"), self.edit),
                           (self.tr("New password…"), self.reset_password),
                           (self.tr("&Unlock"), self.unlock)):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.unlock_button = button  # only for a locked account
        self.table.currentCellChanged.connect(lambda *_: self._chosen_changed())
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(620, 360)
        self.refresh()

    def refresh(self) -> None:
        language = current_language()
        self.accounts = self.services.accounts.list()
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            when = account.last_signed_in.astimezone().strftime("%Y-%m-%d %H:%M") \
                if account.last_signed_in else ""
            role = ACCOUNT_ROLES.label(account.role, language)
            if not account.active:
                role += self.tr(" (off)")
            locked = self.tr("Locked after %1 wrong passwords").replace(
                "%1", str(account.failed_sign_ins)) if account.locked_at else ""
            for column, text in enumerate((account.username, account.display_name, role, when,
                                           locked)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        account = self._chosen()
        self.unlock_button.setEnabled(account is not None and account.locked_at is not None)

    def _chosen(self):
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def _schools(self) -> list[tuple[str, str]]:
        return [(school.id, school.name) for school in self.services.schools.list_schools()]

    def add(self) -> None:
        dialog = AccountForm({}, self.services.schools.list_people(), True, self,
                             self._schools())
        run_until_saved(dialog, lambda v: self.services.accounts.create(
            v["username"], v["display_name"], v["role"], v["password"], v["person_id"],
            followed_schools=v.get("followed_schools")))
        self.refresh()

    def edit(self) -> None:
        account = self._chosen()
        if account is None:
            return
        values = {key: getattr(account, key) for key in (
            "username", "display_name", "role", "person_id", "active")}
        values["followed_schools"] = self.services.accounts.followed_schools(account.id)
        dialog = AccountForm(values, self.services.schools.list_people(), False, self,
                             self._schools())
        run_until_saved(dialog, lambda v: self.services.accounts.update(account.id, **v))
        self.refresh()

    def unlock(self) -> None:
        """Let a locked account sign in again (its owner remembered the password, or
        gets a new one with New password…, which unlocks too)."""
        account = self._chosen()
        if account is None or account.locked_at is None:
            return
        try:
            self.services.accounts.unlock(account.id)
        except IepStudioError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
        row = self.table.currentRow()
        self.refresh()
        self.table.setCurrentCell(row, 0)

    def reset_password(self) -> None:
        account = self._chosen()
        if account is None:
            return
        dialog = PasswordForm(self.tr("New password for %1").replace("%1", account.username),
                              False, self)
        run_until_saved(dialog, lambda _v: self.services.accounts.reset_password(
            account.id, dialog.new.text()))
        self.refresh()  # a new password unlocks the account


class AccountDesk(QObject):
    """The window's account commands: Accounts… (administrators) and Change my password…"""

    def __init__(self, window, services):
        super().__init__(window)
        self.window, self.services = window, services
        a = window.actions_by_name
        a["accounts"].triggered.connect(self.manage)
        a["change_password"].triggered.connect(self.change_password)

    def manage(self) -> None:
        actor = self.services.store.actor
        if actor is not None and actor.role != "administrator":
            QMessageBox.information(self.window, self.tr("Accounts"), self.tr(
                "Only an administrator manages accounts. You can change your own password."))
            return
        dialog = AccountsDialog(self.services, self.window)
        dialog.exec()
        dialog.deleteLater()

    def change_password(self) -> bool:
        actor = self.services.store.actor
        if actor is None or actor.account_id is None:
            return False
        dialog = PasswordForm(self.tr("Change my password"), True, self.window)
        try:
            while dialog.exec():
                if attempt(dialog, lambda: (dialog.values(), self.services.accounts.set_password(
                        actor.account_id, dialog.current.text(), dialog.new.text()))):
                    self.window.statusBar().showMessage(self.tr("Your password was changed."),
                                                        8000)
                    return True
            return False
        finally:
            dialog.deleteLater()
