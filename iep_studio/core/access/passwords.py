"""Passwords, kept only as Argon2id hashes (memory-hard: guessing them on stolen files
costs memory as well as time). argon2-cffi writes the standard encoded form, which carries
its own parameters, so stronger settings later still read older hashes."""
from __future__ import annotations

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
