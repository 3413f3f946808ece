"""Accounts: the first one made at first start, signing in, and an administrator's care of
the others. The rules each role follows are in core/access; the store applies them."""
from __future__ import annotations

from sqlalchemy import func, select

from ..access.passwords import hash_password, needs_rehash, password_matches
from ..access.rules import ADMINISTRATOR, Actor, PermissionDenied
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..model import Account, Person
from ..model.base import utcnow
from ..store import Store
from ..vocabulary import ACCOUNT_ROLES
from .validation import Checker

MIN_PASSWORD = 6


class Accounts:
    def __init__(self, store: Store):
        self.store = store

    @property
    def password_required(self) -> bool:
        """On a shared server every account needs a password; on a personal machine the
        teacher may choose not to have one."""
        return not self.store.is_sqlite

    def any(self) -> bool:
        with self.store.session() as s:
            return bool(s.scalar(select(func.count()).select_from(Account)))

    def list(self) -> list[Account]:
        with self.store.session() as s:
            return list(s.scalars(select(Account).order_by(Account.username)))

    def get(self, account_id: str) -> Account:
        with self.store.session() as s:
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
               person_id: str | None = None, make_person: bool = False) -> Account:
        check = Checker()
        username = check.required_text("username", username, 100)
        display_name = check.optional_text("display_name", display_name, 100) or username
        check.choice("role", role, ACCOUNT_ROLES, allow_empty=False)
        self._check_password(check, password)
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
                              person_id=person_id,
                              password_hash=hash_password(password) if password else "")
            s.add(account)
            s.flush()
            return account

    def sign_in(self, username: str, password: str) -> Actor:
        """The actor for these credentials. The same message for an unknown name and a
        wrong password, so neither can be found out by trying."""
        with self.store.session() as s:
            account = s.scalars(select(Account).where(
                func.lower(Account.username) == (username or "").strip().lower(),
                Account.active.is_(True))).one_or_none()
            if account is None or not self._password_ok(account, password or ""):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "The name or the password is not right. Check them (and the "
                    "keyboard's Caps Lock) and try again."))
            if account.password_hash and needs_rehash(account.password_hash):
                account.password_hash = hash_password(password)
            account.last_signed_in = utcnow()
            s.flush()
            return actor_of(account)

    def _password_ok(self, account: Account, password: str) -> bool:
        if not account.password_hash:
            # No password is allowed only on a personal machine; a shared server refuses
            # such an account until an administrator gives it one.
            return not self.password_required
        return password_matches(account.password_hash, password)

    def set_password(self, account_id: str, old: str, new: str) -> None:
        """A person changing their own password: the old one proves it is them."""
        with self.store.session() as s:
            account = _fetch(s, account_id)
            if account.password_hash and not password_matches(account.password_hash, old or ""):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "The current password is not right; the password was not "
                    "changed."))
            check = Checker()
            self._check_password(check, new, field="new_password")
            check.raise_if_any()
            account.password_hash = hash_password(new) if new else ""

    def reset_password(self, account_id: str, new: str) -> None:
        """An administrator giving someone a new password (they forgot theirs)."""
        check = Checker()
        self._check_password(check, new, field="new_password")
        check.raise_if_any()
        with self.store.session() as s:
            account = _fetch(s, account_id)
            account.password_hash  # loaded (it is deferred), so the log says one was replaced
            account.password_hash = hash_password(new) if new else ""

    def update(self, account_id: str, **changes) -> Account:
        """Role, name, person, active: an administrator's changes."""
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
            if not s.scalar(select(func.count()).select_from(Account).where(
                    Account.role == ADMINISTRATOR, Account.active.is_(True))):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "At least one active administrator must remain, or no one "
                    "could manage the accounts. Make someone else administrator first."))
            return account

    def _check_password(self, check: Checker, password: str, field: str = "password") -> None:
        if not password:
            if self.password_required:
                check.add(field, QT_TRANSLATE_NOOP(
                    "Errors", "A password is required on a shared server."))
        elif len(password) < MIN_PASSWORD:
            check.add(field, QT_TRANSLATE_NOOP(
                "Errors", "Too short: a password needs at least {count} characters."),
                count=MIN_PASSWORD)


def actor_of(account: Account) -> Actor:
    return Actor(account.id, account.display_name or account.username, account.role,
                 account.person_id)


def _fetch(s, account_id: str) -> Account:
    account = s.get(Account, account_id)
    if account is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "This account no longer exists. The list has been refreshed."))
    return account
