"""Passwords, kept only as Argon2id hashes (memory-hard: guessing them on stolen files
costs memory as well as time). argon2-cffi writes the standard encoded form, which carries
its own parameters, so stronger settings later still read older hashes.

Wrong passwords are counted on the account: the next try waits, and then the account
locks (services/accounts.py keeps the count)."""
from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # RFC 9106's second recommendation: 64 MiB, 3 passes


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


# Wrong passwords in a row. The first few are typos and cost nothing; after them each try
# waits longer than the last (1, 2, 4 … seconds, at most a minute), and after LOCK_AFTER
# the account is locked until an administrator unlocks it. Guessing through the sign-in
# then gets about ten tries, not thousands.
FREE_TRIES = 3
LOCK_AFTER = 10
LONGEST_WAIT = timedelta(minutes=1)


def wait_after(failures: int) -> timedelta:
    """How long the next try must wait after `failures` wrong passwords in a row."""
    if failures < FREE_TRIES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - FREE_TRIES)), LONGEST_WAIT)
