"""Signing in at start: the first account made on first run, then the sign-in itself.

On a personal machine with one account and no password, nothing is asked: the teacher's
copy opens as it always did. A password, a second account or the shared server bring the
sign-in dialog."""
from __future__ import annotations

import getpass
import logging

from ..core.access import Actor
from ..core.errors import IepStudioError, InvalidInput
from .dialogs import attempt, ok_cancel, show_problems
from .fields import FieldWithError
from .i18n import error_text
from .qt import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FirstAccountDialog(QDialog):
    """Who uses this copy: their name, a sign-in name and (optionally) a password."""

    def __init__(self, name: str, required: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to IEP Studio"))
        self.display_name = QLineEdit(name)
        self.username = QLineEdit(_os_user())
        self.password, self.repeat = _password_field(), _password_field()
        self.holders = {key: FieldWithError(widget) for key, widget in (
            ("display_name", self.display_name), ("username", self.username),
            ("password", self.password), ("repeat", self.repeat))}
        intro = QLabel(self.tr(
            "Make your account. Every change to a student's file is recorded under it. "
            "You will be its administrator and can add accounts for colleagues later."))
        intro.setWordWrap(True)
        hint = QLabel(self.tr("A password is required on a shared server.") if required else
                      self.tr("On a computer only you use, the password may stay empty."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Your name:"), self.holders["display_name"])
        form.addRow(self.tr("Sign-in name:"), self.holders["username"])
        form.addRow(self.tr("Password:"), self.holders["password"])
        form.addRow(self.tr("Password again:"), self.holders["repeat"])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(ok_cancel(self))
        self.resize(460, self.sizeHint().height())

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)

    def check_repeat(self) -> None:
        if self.password.text() != self.repeat.text():
            from ..core.errors import Problem

            raise InvalidInput([Problem("repeat", self.tr(
                "The two passwords differ. Type the same password twice."))])


class SignInDialog(QDialog):
    def __init__(self, usernames: list[str], last: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to IEP Studio"))
        self.username = QComboBox()
        self.username.setEditable(True)
        self.username.addItems(usernames)
        self.username.setCurrentText(last or (usernames[0] if usernames else ""))
        self.password = _password_field()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Sign-in name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self))
        self.password.setFocus()
        self.resize(420, self.sizeHint().height())

    def show_problems(self, error: IepStudioError) -> None:
        self.problem.setText(error_text(error))
        self.password.selectAll()
        self.password.setFocus()


def sign_in_at_start(parent: QWidget, services, settings, save_settings) -> Actor | None:
    """The actor for this session, or None if the person gave up (the app then closes)."""
    accounts = services.accounts
    if not accounts.any():
        actor = _first_account(parent, services, settings)
    else:
        actor = _sign_in(parent, services, settings)
    if actor is not None:
        services.store.actor = actor
        if settings is not None:
            settings.last_username = _username_of(services, actor)
            if actor.person_id:  # the home view's caseload and the plans' author are theirs
                settings.me = actor.person_id
            save_settings()
    return actor


def _first_account(parent, services, settings) -> Actor | None:
    me = settings.me if settings is not None else ""
    name = ""
    if me:
        try:
            name = services.schools.get_person(me).full_name
        except IepStudioError:
            me = ""
    dialog = FirstAccountDialog(name, services.accounts.password_required, parent)
    made: list = []

    def save():
        dialog.check_repeat()
        made.append(services.accounts.create_first(
            dialog.username.text(), dialog.display_name.text(), dialog.password.text(),
            person_id=me or None))

    try:
        while dialog.exec():
            if attempt(dialog, save):
                return services.accounts.sign_in(made[0].username, dialog.password.text())
        return None
    finally:
        dialog.deleteLater()


def _sign_in(parent, services, settings) -> Actor | None:
    accounts = services.accounts
    active = [a for a in accounts.list() if a.active]
    if (len(active) == 1 and not active[0].password_hash and not accounts.password_required):
        return accounts.sign_in(active[0].username, "")  # a personal copy: nothing to ask
    # On a shared server the names are not listed: they are for the people who know them.
    names = [] if accounts.password_required else [a.username for a in active]
    last = settings.last_username if settings is not None else ""
    dialog = SignInDialog(names, last, parent)
    try:
        while dialog.exec():
            try:
                return accounts.sign_in(dialog.username.currentText(), dialog.password.text())
            except IepStudioError as error:  # said in the dialog, which stays open
                dialog.show_problems(error)
        return None
    finally:
        dialog.deleteLater()


def _username_of(services, actor: Actor) -> str:
    try:
        return services.accounts.get(actor.account_id).username
    except IepStudioError:
        return ""


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""
