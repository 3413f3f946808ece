"""Signing in at start: the first account made on first run, then the sign-in itself.

On a personal machine with one account and no password, nothing is asked: the teacher's
copy opens as it always did. A password, a second account or the shared server bring the
sign-in dialog."""
from __future__ import annotations

import logging

from ..core.access import Actor
from ..core.errors import IepStudioError, InvalidInput
from .dialogs import attempt, ok_cancel, show_problems
from .fields import FieldWithError, check_typed_twice, password_field
from .i18n import error_text
from .qt import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class FirstAccountDialog(QDialog):
    """Who uses this copy: their name, a sign-in name and (optionally) a password."""

    def __init__(self, name: str, username: str, required: bool,
                 parent: QWidget | None = None, people=(), chosen: str | None = None):
        """`people`: (id, name) of those already on students' teams here (an upgraded
        copy), to say which of them you are; `chosen` is preselected."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to IEP Studio"))
        self.display_name = QLineEdit(name)
        self.person = QComboBox()
        self.person.addItem(self.tr("(not on any team yet)"), None)
        for person_id, full_name in people:
            self.person.addItem(full_name, person_id)
        if chosen:
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.person.currentIndexChanged.connect(self._person_chosen)
        self.username = QLineEdit(username)
        self.password, self.repeat = password_field(), password_field()
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
        if people:
            form.addRow(self.tr("On students' teams you are:"), self.person)
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

    def _person_chosen(self) -> None:
        if self.person.currentData():
            self.display_name.setText(self.person.currentText())

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(self.holders, error)

    def check_repeat(self) -> None:
        check_typed_twice(self.password.text(), self.repeat.text())


class SignInDialog(QDialog):
    def __init__(self, usernames: list[str], last: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to IEP Studio"))
        self.username = QComboBox()
        self.username.setEditable(True)
        self.username.addItems(usernames)
        self.username.setCurrentText(last or (usernames[0] if usernames else ""))
        self.password = password_field()
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
            settings.me = _me_after(services, actor, settings.me)
            save_settings()
    return actor


def _me_after(services, actor: Actor, me: str) -> str:
    """Whose caseload the home view follows and who authors new plans: the signed-in
    person. On a personal copy, a person on no team yet leaves it as it was (empty means
    every student), so the home view does not go blank."""
    if services.store.restricted_to_team:
        return actor.person_id or ""
    if actor.person_id and services.review.on_any_team(actor.person_id):
        return actor.person_id
    return me


def _first_account(parent, services, settings) -> Actor | None:
    me = settings.me if settings is not None else ""
    people = [(p.id, p.full_name) for p in services.schools.list_people()]
    chosen = me if any(p == me for p, _ in people) else services.review.sole_resource_teacher()
    name = next((n for p, n in people if p == chosen), "")
    # The computer's own user name is offered as the sign-in name.
    dialog = FirstAccountDialog(name, services.store.system_actor,
                                services.accounts.password_required, parent, people, chosen)
    made: list = []

    def save():
        dialog.check_repeat()
        made.append(services.accounts.create_first(
            dialog.username.text(), dialog.display_name.text(), dialog.password.text(),
            person_id=dialog.person.currentData()))

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
    if (len(active) == 1 and not active[0].has_password and not accounts.password_required):
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
