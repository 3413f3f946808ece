"""Signing in: from what a person types to the services that work as them.

A window gets its services here, at start and each time someone else signs in at the same
computer; it never changes who acts on services already in use.

Two kinds of door. On a personal copy (and on a server opened with the owner's address,
for the administrator's commands) signing in runs on `gate`: services on the database
with nobody signed in. On a shared server each account is its own login, so there is no
connection at all until someone signs in: a ServerDoor opens one as that person."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import event, func, select
from sqlalchemy.exc import DBAPIError

from ..access.rules import Actor, PermissionDenied
from ..clock import Clock
from ..drafts import Drafts
from ..errors import QT_TRANSLATE_NOOP, StorageError
from . import Services
from .accounts import actor_of, locked


@dataclass
class ServerDoor:
    """A shared server where the server checks each person's own password (its address
    has no user; see core/store/server_logins.py)."""

    url: str
    clock: Clock = field(default_factory=Clock)  # handed on to the services it opens
    drafts: Drafts | None = None
    password_required = True


def sign_in(gate: Services | ServerDoor, username: str, password: str) -> Services:
    """The services of the account these credentials open. Raises SignInRefused (a
    wrong password, a wait, a locked account) or PermissionDenied."""
    if isinstance(gate, ServerDoor):
        return Services(open_own_login(gate.url, username, password, gate.clock),
                        drafts=gate.drafts)
    return working_as(gate, gate.accounts.sign_in(username, password))


def working_as(gate: Services, actor: Actor) -> Services:
    """New services on the same database, with `actor` acting in every operation."""
    return Services(gate.store.acting_as(actor), drafts=gate.drafts, clock=gate.clock)


def open_own_login(url: str, username: str, password: str, clock: Clock | None = None):
    """A Store connected as this account's own login, with the account acting in it
    (and going by `clock`, when given). The server checks the password; the schema must
    already be current (upgrading it is the owner's, `iep-studio upgrade`)."""
    from ..model import Account
    from ..store import Store
    from ..store.database import make_engine, storage_error
    from ..store.migrations import HEAD_REVISION, current_revision
    from ..store.server_logins import _refused_sign_in, account_url, wrong_name_or_password

    if not username or not password:
        raise wrong_name_or_password()
    signed = account_url(url, username, password)
    store = Store(make_engine(signed.render_as_string(hide_password=False)))
    if clock is not None:
        store.clock = clock
    # Every new connection takes the password as it is now: after the person changes it,
    # reconnecting (a dropped link, a larger pool) still works.
    login = store.login = {"username": username, "password": password}  # shared by views
    event.listen(store.engine, "do_connect", lambda _dialect, _record, _args, params:
                 params.update(password=login["password"]))
    try:
        with store.engine.connect() as connection:
            revision = current_revision(connection)
        if revision != HEAD_REVISION:
            raise StorageError(QT_TRANSLATE_NOOP(
                "Errors", "The shared database is not ready for this version of IEP Studio "
                "(schema {revision}). Ask your administrator to run: iep-studio upgrade"),
                revision=revision or "-")
        with store.session() as s:
            account = s.scalars(select(Account).where(
                func.lower(Account.username) == username.strip().lower(),
                Account.active.is_(True))).one_or_none()
        if account is None:
            raise wrong_name_or_password()
        if account.locked_at is not None:
            raise locked(account)
        store.actor = actor_of(account)  # from here on, the log names them
        with store.session() as s:
            s.get(Account, account.id).last_signed_in = store.clock.now()
    except DBAPIError as exc:
        store.dispose()
        if "not permitted to log in" in str(getattr(exc, "orig", exc)).lower():
            # The server says so only once the password was right.
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "This account may not sign in now: it is locked or turned off. "
                "Ask the administrator, who can unlock it or turn it on in Settings → "
                "Accounts.")) from None
        if _refused_sign_in(exc):
            raise wrong_name_or_password() from None
        raise storage_error(exc, signed) from exc
    except BaseException:
        store.dispose()
        raise
    return store
