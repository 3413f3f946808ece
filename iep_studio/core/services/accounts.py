"""Accounts: the first one made at first start, signing in, and an administrator's care of
the others. The rules each role follows are in core/access; the store applies them."""
from __future__ import annotations

import math
from datetime import datetime, timezone

from sqlalchemy import func, select

from ..access.passwords import (
    LOCK_AFTER, hash_password, needs_rehash, password_matches, wait_after,
)
from ..access.rules import ADMINISTRATOR, Actor, PermissionDenied, refuse_role
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import Account, CoordinatedSchool, Person, School
from ..store import Store, server_logins
from ..vocabulary import ACCOUNT_ROLES
from .validation import Checker

MIN_PASSWORD = 6


class SignInRefused(PermissionDenied):
    """The sign-in did not succeed. `wait_seconds`: how long before the next try is taken
    (0: at once), so the window can count down instead of freezing."""

    def __init__(self, message: str, wait_seconds: int = 0, **params):
        super().__init__(message, **params)
        self.wait_seconds = wait_seconds


class Accounts:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    @property
    def on_server(self) -> bool:
        """On a shared server each account is its own login, and the server keeps and
        checks the passwords (core/store/server_logins.py); no hash is kept here."""
        return not self.store.is_sqlite

    def _hash(self, password: str) -> str:
        return hash_password(password) if password and not self.on_server else ""

    @property
    def password_required(self) -> bool:
        """On a shared server every account needs a password; on a personal machine the
        teacher may choose not to have one."""
        return not self.store.is_sqlite

    def any(self) -> bool:
        with self.store.reading() as s:
            return bool(s.scalar(select(func.count()).select_from(Account)))

    def list(self) -> list[Account]:
        with self.store.reading() as s:
            return list(s.scalars(select(Account).order_by(Account.username)))

    def get(self, account_id: str) -> Account:
        with self.store.reading() as s:
            return _fetch(s, account_id)

    def create_first(self, username: str, display_name: str, password: str = "",
                     person_id: str | None = None) -> Account:
        """The account made at first start: an administrator, and the person they are on
        students' teams (found by id, or made from the name)."""
        if self.any():
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "Errors", "The first account already exists. Sign in, and ask its holder to "
                "make an account for you."))
        if person_id is None:  # a teacher already on teams under this name is that person
            with self.store.session() as s:
                same = list(s.scalars(select(Person.id).where(
                    Person.full_name == (display_name or "").strip())))
            person_id = same[0] if len(same) == 1 else None
        return self.create(username, display_name, ADMINISTRATOR, password,
                           person_id=person_id, make_person=person_id is None)

    def create(self, username: str, display_name: str, role: str, password: str = "",
               person_id: str | None = None, make_person: bool = False,
               followed_schools: list[str] | None = None) -> Account:
        """`followed_schools`: for a district coordinator, the schools whose files the
        account reads, saved with it."""
        check = Checker()
        username = check.required_text("username", username, 100)
        if self.on_server and username:
            # The login's name is the lower-case sign-in name, as Python writes it (the
            # server's lower() leaves letters outside ASCII as they are).
            username = username.lower()
        display_name = check.optional_text("display_name", display_name, 100) or username
        check.choice("role", role, ACCOUNT_ROLES, allow_empty=False)
        self._check_password(check, password)
        database = self.store.engine.url.database or ""
        if self.on_server and username and len(server_logins.login_role(
                database, username).encode()) > server_logins.MAX_ROLE_BYTES:
            # The server would cut a longer login name short, and two could then clash.
            check.add("username", QT_TRANSLATE_NOOP(
                "Errors", "Too long for the shared server: a sign-in name here may have at "
                "most {count} letters or digits (fewer in Chinese). Choose a shorter one."),
                count=server_logins.MAX_ROLE_BYTES - len(database.encode()) - 1)
        with self.store.session() as s:
            if username and s.scalar(select(Account.id).where(
                    func.lower(Account.username) == username.lower())):
                check.add("username", QT_TRANSLATE_NOOP(
                    "Errors", "The name {name} is taken. Choose another."), name=username)
            check.raise_if_any()
            if make_person:
                person = Person(full_name=display_name)
                s.add(person)
                s.flush()
                person_id = person.id
            account = Account(username=username, display_name=display_name, role=role,
                              person_id=person_id, password_hash=self._hash(password))
            s.add(account)
            s.flush()
            if followed_schools is not None:
                _follow(s, account.id, followed_schools)
            if self.on_server and password:  # the account's own login on the server
                server_logins.set_password(s, username, password)
            return account

    def sign_in(self, username: str, password: str) -> Actor:
        """The actor for these credentials. The same message for an unknown name and a
        wrong password, so neither can be found out by trying.

        Wrong passwords in a row are counted on the account and committed even though the
        sign-in fails: after a few, each try must wait longer (a try that comes too soon
        is not even checked), and after LOCK_AFTER the account is locked until an
        administrator unlocks it (the last administrator only waits). A right password
        sets the count back to zero."""
        now = self.clock.now()
        with self.store.session() as s:
            account = self._find(s, username)
            if account is None:
                raise _not_right()
            _refuse_if_waiting(account, now)
            account_id, stored = account.id, account.password_hash
        # Checked outside any transaction: the hash is slow on purpose, and nobody else's
        # save should wait for it.
        right = (server_logins.password_opens(self.store.engine.url, username, password)
                 if self.on_server else self._password_ok(stored, password or ""))
        with self.store.session() as s:
            account = s.get(Account, account_id, with_for_update=True)  # the count as it is now
            if account is None or not account.active:
                raise _not_right()
            if right:
                _refuse_if_waiting(account, now)  # locked by someone else's tries meanwhile
                if stored and needs_rehash(stored):
                    account.password_hash = hash_password(password)
                account.failed_sign_ins, account.last_failed_sign_in = 0, None
                account.last_signed_in = now
                s.flush()
                return actor_of(account)
            account.failed_sign_ins += 1
            account.last_failed_sign_in = now
            if account.failed_sign_ins >= LOCK_AFTER and not _last_administrator(s, account):
                account.locked_at = now
                refusal = locked(account)
            else:
                refusal = _not_right(_seconds(wait_after(account.failed_sign_ins)))
        raise refusal  # after the block: the count above is committed

    def unlock(self, account_id: str) -> Account:
        """An administrator lets a locked account sign in again, counting from zero. (The
        store refuses anyone else, as for every change to an account, and logs it.)"""
        with self.store.session() as s:
            account = _fetch(s, account_id)
            account.locked_at = None
            account.failed_sign_ins, account.last_failed_sign_in = 0, None
            s.flush()
            return account

    @staticmethod
    def _find(s, username: str) -> Account | None:
        return s.scalars(select(Account).where(
            func.lower(Account.username) == (username or "").strip().lower(),
            Account.active.is_(True))).one_or_none()

    def _password_ok(self, stored: str, password: str) -> bool:
        if not stored:
            # No password is allowed only on a personal machine; a shared server refuses
            # such an account until an administrator gives it one.
            return not self.password_required
        return password_matches(stored, password)

    def set_password(self, account_id: str, old: str, new: str) -> None:
        """A person changing their own password: the old one proves it is them."""
        with self.store.session() as s:
            account = _fetch(s, account_id)
            if self.on_server:
                right = server_logins.password_opens(self.store.engine.url, account.username,
                                                     old or "")
            else:
                right = not account.password_hash or password_matches(account.password_hash,
                                                                      old or "")
            if not right:
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "The current password is not right; the password was not "
                    "changed."))
            check = Checker()
            self._check_password(check, new, field="new_password")
            check.raise_if_any()
            account.password_hash = self._hash(new)
            if self.on_server:
                server_logins.set_password(s, account.username, new)
        login = self.store.login
        if login is not None and login["username"].lower() == account.username.lower():
            login["password"] = new  # this computer's next connections use the new one

    def reset_password(self, account_id: str, new: str) -> None:
        """An administrator giving someone a new password (they forgot theirs, and may
        have locked the account trying: the new password unlocks it)."""
        check = Checker()
        self._check_password(check, new, field="new_password")
        check.raise_if_any()
        with self.store.session() as s:
            account = _fetch(s, account_id)
            account.password_hash  # loaded (it is deferred), so the log says one was replaced
            account.password_hash = self._hash(new)
            if self.on_server:
                server_logins.set_password(s, account.username, new)
            account.locked_at = None
            account.failed_sign_ins, account.last_failed_sign_in = 0, None

    def update(self, account_id: str, **changes) -> Account:
        """Role, name, person, active, and a coordinator's `followed_schools`: an
        administrator's changes, in one transaction."""
        followed = changes.pop("followed_schools", None)
        check = Checker()
        if "role" in changes:
            check.choice("role", changes["role"], ACCOUNT_ROLES, allow_empty=False)
        if "display_name" in changes:
            changes["display_name"] = check.required_text("display_name",
                                                          changes["display_name"], 100)
        check.raise_if_any()
        with self.store.session() as s:
            account = _fetch(s, account_id)
            for key, value in changes.items():
                setattr(account, key, value)
            s.flush()
            if followed is not None:
                _follow(s, account_id, followed)
            if not s.scalar(select(func.count()).select_from(Account).where(
                    Account.role == ADMINISTRATOR, Account.active.is_(True))):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "At least one active administrator must remain, or no one "
                    "could manage the accounts. Make someone else administrator first."))
            return account

    def followed_schools(self, account_id: str) -> list[str]:
        """The ids of the schools a district coordinator follows: their students' files
        are open to the account (core/access/visibility.py)."""
        with self.store.reading() as s:
            return list(s.scalars(select(CoordinatedSchool.school_id).where(
                CoordinatedSchool.account_id == account_id)
                .order_by(CoordinatedSchool.created_at)))

    def set_followed_schools(self, account_id: str, school_ids: list[str]) -> list[str]:
        """The schools a coordinator follows from now on, all at once (an empty list:
        none, and so no student's file). An administrator's change; the store refuses
        anyone else's, and the next read of the coordinator's list already follows it."""
        with self.store.session() as s:
            _fetch(s, account_id)
            return _follow(s, account_id, school_ids)

    def _check_password(self, check: Checker, password: str, field: str = "password") -> None:
        if not password:
            if self.password_required:
                check.add(field, QT_TRANSLATE_NOOP(
                    "Errors", "A password is required on a shared server."))
        elif len(password) < MIN_PASSWORD:
            check.add(field, QT_TRANSLATE_NOOP(
                "Errors", "Too short: a password needs at least {count} characters."),
                count=MIN_PASSWORD)


def _not_right(wait_seconds: int = 0) -> SignInRefused:
    return SignInRefused(QT_TRANSLATE_NOOP(
        "Errors", "The name or the password is not right. Check them (and the keyboard's "
        "Caps Lock) and try again."), wait_seconds)


def locked(account: Account) -> SignInRefused:
    return SignInRefused(QT_TRANSLATE_NOOP(
        "Errors", "This account is locked after {count} wrong passwords in a row. Ask the "
        "administrator to unlock it in Settings → Accounts."), count=account.failed_sign_ins)


def _refuse_if_waiting(account: Account, now: datetime) -> None:
    """Refuse a locked account (whatever the password: trying it would tell whether it
    was right), or a try that comes before the wait after the last wrong one is over."""
    if account.locked_at is not None:
        raise locked(account)
    if account.last_failed_sign_in is None:
        return
    left = _seconds(_utc(account.last_failed_sign_in) + wait_after(account.failed_sign_ins)
                    - _utc(now))
    if left > 0:
        raise SignInRefused(QT_TRANSLATE_NOOP(
            "Errors", "Too many wrong passwords in a row. Wait {seconds} s, then try "
            "again."), left, seconds=left)


def _last_administrator(s, account: Account) -> bool:
    """Whether no other administrator could unlock this account. The last one is never
    locked, only kept waiting the longest: someone typing wrong passwords on purpose must
    not lock a school out of its own records."""
    return account.role == ADMINISTRATOR and not s.scalar(
        select(func.count()).select_from(Account).where(
            Account.role == ADMINISTRATOR, Account.active.is_(True),
            Account.locked_at.is_(None), Account.id != account.id))


def _seconds(delta) -> int:
    """Whole seconds, rounded up: a countdown that ends never ends too early."""
    return max(0, math.ceil(delta.total_seconds()))


def _utc(moment: datetime) -> datetime:
    # SQLite hands times back without their zone; they were written in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def actor_of(account: Account) -> Actor:
    return Actor(account.id, account.display_name or account.username, account.role,
                 account.person_id)


def _follow(s, account_id: str, school_ids: list[str]) -> list[str]:
    """Make the account's followed schools exactly `school_ids`, keeping the rows of
    schools it already follows (their history stays one entry, not one per save)."""
    actor = s.info.get("actor")
    if actor is not None and actor.role != ADMINISTRATOR:
        raise refuse_role()  # also when nothing would change: the answer must not vary
    wanted = list(dict.fromkeys(school_ids))
    known = set(s.scalars(select(School.id).where(School.id.in_(wanted)))) if wanted else set()
    if len(known) < len(wanted):
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "A school you chose no longer exists. Nothing was saved; the list of "
            "schools has been refreshed, choose again."))
    rows = list(s.scalars(select(CoordinatedSchool).where(
        CoordinatedSchool.account_id == account_id)))
    for row in rows:
        if row.school_id not in known:
            s.delete(row)
    had = {row.school_id for row in rows}
    s.add_all(CoordinatedSchool(account_id=account_id, school_id=school_id)
              for school_id in wanted if school_id not in had)
    s.flush()
    return wanted


def _fetch(s, account_id: str) -> Account:
    account = s.get(Account, account_id)
    if account is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "This account no longer exists. The list has been refreshed."))
    return account
