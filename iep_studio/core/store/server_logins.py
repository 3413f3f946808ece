"""The shared mode's sign-in: each account is its own login on the PostgreSQL server.

The server checks the password and, through row-level security (migration 0007), decides
which rows each login sees, so no computer holds a password that opens every child's
file. The database's owner is used only by the commands an administrator runs on purpose:
`iep-studio server setup`, `server first-admin` and `upgrade`. Signing in with a login is core/services/sign_in.py.

An account's login is named `<database>.<sign-in name>` (roles are the whole server's, so
two schools' databases on one server each keep their own `wangli`); it is a member of
`iep_members_<database>`, which holds the rights on the tables.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from ..access.rules import PermissionDenied
from ..errors import QT_TRANSLATE_NOOP, IepStudioError

# PostgreSQL role names are at most 63 bytes.
MAX_ROLE_BYTES = 63


def login_role(database: str, username: str) -> str:
    return f"{database}.{(username or '').strip().lower()}"


def members_role(database: str) -> str:
    return f"iep_members_{database}"


def signs_in_per_account(url: str | URL) -> bool:
    """A server address without a user: each person signs in with their own login."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.get_backend_name() == "postgresql" and not parsed.username


def without_user(url: str | URL) -> URL:
    """The server's address as a teacher's computer has it: no user, no password."""
    parsed = make_url(url) if isinstance(url, str) else url
    return URL.create(parsed.drivername, host=parsed.host, port=parsed.port,
                      database=parsed.database, query=parsed.query)


def owner_address(url: str | URL) -> bool:
    """A server address with a user that is no account's login: the database's owner
    (or another administrator of the server), for setting up and upgrading only."""
    parsed = make_url(url) if isinstance(url, str) else url
    return (parsed.get_backend_name() == "postgresql" and bool(parsed.username)
            and not parsed.username.startswith(f"{parsed.database}."))


def owner_address_refused() -> IepStudioError:
    return IepStudioError(QT_TRANSLATE_NOOP(
        "Errors", "IEP_STUDIO_DB_URL signs in as the database's owner, which only the "
        "administrator's commands use (iep-studio server, iep-studio upgrade). For "
        "everything else, use the server's address without a user, such as "
        "postgresql+psycopg://server/iep, and sign in with your own name."))


def wrong_name_or_password() -> PermissionDenied:
    return PermissionDenied(QT_TRANSLATE_NOOP(
        "Errors", "The name or the password is not right. Check them (and the keyboard's "
        "Caps Lock) and try again."))


def account_url(url: str | URL, username: str, password: str) -> URL:
    """The server address, signed in as this account's own login."""
    parsed = make_url(url) if isinstance(url, str) else url
    role = login_role(parsed.database or "", username)
    if len(role.encode()) > MAX_ROLE_BYTES:
        raise wrong_name_or_password()
    return parsed.set(username=role, password=password)


def password_opens(url: str | URL, username: str, password: str) -> bool:
    """Whether the server lets this account in with this password (for signing in on an
    owner's connection, and for checking the current password before changing it)."""
    from .database import make_engine, storage_error

    if not password:
        return False
    try:
        signed = account_url(url, username, password)
    except PermissionDenied:
        return False
    engine = make_engine(signed.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except DBAPIError as exc:
        if _refused_sign_in(exc):
            return False
        raise storage_error(exc, signed) from exc
    finally:
        engine.dispose()


def set_password(session, username: str, password: str) -> None:
    """Give an account's login this password: one's own (anyone may), or another's (an
    administrator, or the owner setting the server up; the server refuses anyone else).
    Only a SCRAM verifier made here by libpq reaches the server, never the password."""
    from psycopg import sql

    connection = session.connection()
    url = connection.engine.url
    role = login_role(url.database or "", username)
    verifier = _verifier(connection, role, password)
    if url.username == role:
        connection.connection.driver_connection.execute(sql.SQL(
            "ALTER ROLE CURRENT_USER WITH PASSWORD {}").format(sql.Literal(verifier)))
    else:
        connection.execute(text("SELECT iep_set_login(:username, :verifier)"),
                           {"username": username, "verifier": verifier})


def _verifier(connection, role: str, password: str) -> str:
    pgconn = connection.connection.driver_connection.pgconn
    return pgconn.encrypt_password(password.encode(), role.encode(),
                                   b"scram-sha-256").decode()


def _refused_sign_in(exc: DBAPIError) -> bool:
    words = str(getattr(exc, "orig", exc)).lower()
    return ("password authentication failed" in words or "no pg_hba.conf entry" in words
            or ("role" in words and "does not exist" in words)
            or "not permitted to log in" in words)
