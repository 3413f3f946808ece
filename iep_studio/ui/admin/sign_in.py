"""Signing in: at start (the first account made on first run, then the sign-in itself) and
again after someone signs out, at the same computer.

On a personal machine with one account and no password, nothing is asked at start: the
teacher's copy opens as it always did. A password, a second account or the shared server
bring the sign-in dialog. Signing in gives the window new services that act as the person
(core/services/sign_in.py); nothing changes who acts on services already in use."""
from __future__ import annotations

import logging

from collections.abc import Callable

from ...core.access import Actor
from ...core.errors import IepStudioError, InvalidInput
from ...core.services.sign_in import ServerDoor
from ..widgets.dialogs import attempt, name_fields, ok_cancel, show_problems
from ..widgets.fields import FieldWithError, check_typed_twice, password_field
from ..i18n import current_language, error_text
from ..qt import (
    QComboBox, QCoreApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QMessageBox, QTimer, QVBoxLayout, QWidget,
)
from ..widgets.system_look import problem_css

log = logging.getLogger(__name__)


class FirstAccountDialog(QDialog):
    """Who uses this copy: the language of the app, their name, a sign-in name and
    (optionally) a password. Choosing another language closes the dialog with
    `LANGUAGE_CHOSEN`: it comes back in that language with what was typed."""

    LANGUAGE_CHOSEN = 2

    def __init__(self, name: str, username: str, required: bool,
                 parent: QWidget | None = None, people=(), chosen: str | None = None,
                 language: str = "zh_CN"):
        """`people`: (id, name) of those already on students' teams here (an upgraded
        copy), to say which of them you are; `chosen` is preselected."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to IEP Studio"))
        # Each language named in itself, so the teacher finds hers whatever is shown now.
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(
            "zh_CN" if language.startswith("zh") else "en")))
        self.language.currentIndexChanged.connect(
            lambda _i: self.done(self.LANGUAGE_CHOSEN))
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
        form.addRow("语言 / Language:", self.language)
        if people:
            form.addRow(self.tr("On students' teams you are:"), self.person)
        form.addRow(self.tr("Your name:"), self.holders["display_name"])
        form.addRow(self.tr("Sign-in name:"), self.holders["username"])
        form.addRow(self.tr("Password:"), self.holders["password"])
        form.addRow(self.tr("Password again:"), self.holders["repeat"])
        name_fields(form)
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
    """The name and password. With `attempt(name, password)`, OK tries them and the dialog
    stays open until they work (what `attempt` returns is then in `signed_in`) or the
    person cancels. After several wrong passwords OK waits, counting the seconds down,
    while the window goes on painting."""

    def __init__(self, usernames: list[str], last: str, parent: QWidget | None = None,
                 attempt: Callable[[str, str], object] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to IEP Studio"))
        self.attempt, self.signed_in = attempt, None
        self.username = QComboBox()
        self.username.setEditable(True)
        self.username.addItems(usernames)
        self.username.setCurrentText(last or (usernames[0] if usernames else ""))
        self.password = password_field()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(problem_css(self.problem))
        self.wait = QLabel()  # the seconds until OK takes the next try
        self.seconds_left = 0
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self.second_passed)
        buttons = ok_cancel(self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout()
        form.addRow(self.tr("Sign-in name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.wait)
        layout.addWidget(buttons)
        self.password.setFocus()
        self.resize(420, self.sizeHint().height())

    def accept(self) -> None:
        """OK (or Enter) tries the name and password; the dialog closes only when they
        work."""
        if self.seconds_left:
            return  # Enter while OK waits
        if self.attempt is not None:
            try:
                self.signed_in = self.attempt(self.username.currentText(),
                                              self.password.text())
            except IepStudioError as error:  # said in the dialog, which stays open
                self.show_problems(error)
                self.wait_for(getattr(error, "wait_seconds", 0))
                return
        super().accept()

    def show_problems(self, error: IepStudioError) -> None:
        self.problem.setText(error_text(error))
        self.password.selectAll()
        self.password.setFocus()

    def wait_for(self, seconds: int) -> None:
        self.seconds_left = max(0, seconds)
        self._show_wait()
        if self.seconds_left:
            self.countdown.start()

    def second_passed(self) -> None:
        self.seconds_left = max(0, self.seconds_left - 1)
        self._show_wait()

    def _show_wait(self) -> None:
        self.ok.setEnabled(not self.seconds_left)
        if not self.seconds_left:
            self.countdown.stop()
            self.wait.clear()
            return
        # Not a plural form: Chinese has none, and the tools find a plain message here.
        text = QCoreApplication.translate("SignInDialog", "You can try again in %1 second(s).")
        self.wait.setText(text.replace("%1", str(self.seconds_left)))


def sign_in_to_window(window, gate, settings, *, after_sign_out: bool = False):
    """The services of whoever signs in at `window`, or None if nobody did (the app then
    closes) or the database failed (said in a message). `gate`: the services signing in
    runs on (the database, with nobody signed in). After a sign-out the dialog is always
    shown, even on a personal copy: someone else may be at the keyboard."""
    def save_settings() -> None:
        try:
            settings.save(window.context.paths.settings_file)
        except OSError as error:  # a read-only folder: remembered next time instead
            log.warning("settings not saved: %s", error)

    try:
        if after_sign_out:
            return _remember(_sign_in(window, gate, settings, always_ask=True), settings,
                             save_settings)
        return sign_in_at_start(window, gate, settings, save_settings)
    except IepStudioError as error:
        QMessageBox.critical(window, QCoreApplication.translate(
            "Start", "IEP Studio cannot open its data"), error_text(error))
        return None


def sign_in_at_start(parent: QWidget, gate, settings, save_settings):
    """The services of the person who signs in, or None if they gave up."""
    if isinstance(gate, ServerDoor):  # the server itself checks: nothing to read first
        signed = _sign_in_to_server(parent, gate, settings)
    elif not gate.accounts.any():
        signed = _first_account(parent, gate, settings)
    else:
        signed = _sign_in(parent, gate, settings)
    return _remember(signed, settings, save_settings)


def _remember(signed, settings, save_settings):
    """The name to offer next time, and whose caseload the home view follows."""
    if signed is not None and settings is not None:
        actor = signed.store.actor
        settings.last_username = _username_of(signed, actor)
        settings.me = _me_after(signed, actor, settings.me)
        save_settings()
    return signed


def _me_after(services, actor: Actor, me: str) -> str:
    """Whose caseload the home view follows and who authors new plans: the signed-in
    person. On a personal copy, someone chosen earlier (Settings → Who am I) stays while the
    signed-in person is on no team yet (an upgraded copy); a new teacher is "me" at once
    (the home view shows every student until they are on a team)."""
    if services.store.restricted_to_team:
        return actor.person_id or ""
    if actor.person_id and (not me or services.review.on_any_team(actor.person_id)):
        return actor.person_id
    return me


def _first_account(parent, gate, settings):
    from ...core.services.sign_in import sign_in

    me = settings.me if settings is not None else ""
    people = [(p.id, p.full_name) for p in gate.schools.list_people()]
    chosen = me if any(p == me for p, _ in people) else gate.review.sole_resource_teacher()
    name = next((n for p, n in people if p == chosen), "")
    # The computer's own user name is offered as the sign-in name.
    typed = (name, gate.store.system_actor, "", "")
    made: list = []
    while True:
        dialog = FirstAccountDialog(typed[0], typed[1], gate.accounts.password_required,
                                    parent, people, chosen, current_language())
        dialog.password.setText(typed[2])
        dialog.repeat.setText(typed[3])

        def save(dialog=dialog):
            dialog.check_repeat()
            made.append(gate.accounts.create_first(
                dialog.username.text(), dialog.display_name.text(), dialog.password.text(),
                person_id=dialog.person.currentData()))

        try:
            while (code := dialog.exec()) == QDialog.DialogCode.Accepted:
                if attempt(dialog, save):
                    return sign_in(gate, made[0].username, dialog.password.text())
            if code != FirstAccountDialog.LANGUAGE_CHOSEN:
                return None
            typed = (dialog.display_name.text(), dialog.username.text(),
                     dialog.password.text(), dialog.repeat.text())
            chosen = dialog.person.currentData()
            switch_language(parent, settings, dialog.language.currentData())
        finally:
            dialog.deleteLater()


def switch_language(window, settings, language: str) -> None:
    """The language chosen in the first dialog, at once: kept in the settings, its
    translations installed, and the window behind rebuilt in it."""
    from ..i18n import install_translations
    from ..qt import QApplication

    if settings is not None:
        settings.language = language
        try:
            settings.save(window.context.paths.settings_file)
        except OSError as error:  # a read-only folder: the language holds for this session
            log.warning("settings not saved: %s", error)
    install_translations(QApplication.instance(), language,
                         window.context.paths.compiled_translations)
    rebuild = getattr(window, "rebuild", None)
    if rebuild is not None:
        rebuild()


def _sign_in_to_server(parent, door, settings):
    from ...core.services.sign_in import sign_in

    last = settings.last_username if settings is not None else ""
    dialog = SignInDialog([], last, parent,
                          attempt=lambda username, password: sign_in(door, username, password))
    try:
        return dialog.signed_in if dialog.exec() else None
    finally:
        dialog.deleteLater()


def _sign_in(parent, gate, settings, always_ask: bool = False):
    from ...core.services.sign_in import sign_in

    if isinstance(gate, ServerDoor):
        return _sign_in_to_server(parent, gate, settings)
    accounts = gate.accounts
    active = [a for a in accounts.list() if a.active]
    if (not always_ask and len(active) == 1 and not active[0].has_password
            and not accounts.password_required):
        return sign_in(gate, active[0].username, "")  # a personal copy: nothing to ask
    # On a shared server the names are not listed: they are for the people who know them.
    names = [] if accounts.password_required else [a.username for a in active]
    last = settings.last_username if settings is not None else ""
    dialog = SignInDialog(names, last, parent,
                          attempt=lambda username, password: sign_in(gate, username, password))
    try:
        return dialog.signed_in if dialog.exec() else None
    finally:
        dialog.deleteLater()


def _username_of(services, actor: Actor) -> str:
    try:
        return services.accounts.get(actor.account_id).username
    except IepStudioError:
        return ""
