"""Sealing a student file with a password, and opening it again.

With a password, the whole ZIP is sealed with AES-GCM under a key derived from the
password by scrypt (memory-hard, so guessing passwords is slow), and the file is
MAGIC + salt + nonce + sealed ZIP, MAGIC being authenticated as well.
"""
from __future__ import annotations

import os
import unicodedata

from ..errors import QT_TRANSLATE_NOOP
from .faults import PasswordNeeded, WrongPassword, not_ours

MAGIC = b"IEP-STUDENT-AES1"
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
# What sealing adds to the size of a file.
SEAL_BYTES = len(MAGIC) + SALT_BYTES + NONCE_BYTES + TAG_BYTES
# About 32 MB and a tenth of a second per try on a school laptop.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def _key(password: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    # The same password typed on another system may arrive in another Unicode form.
    secret = unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(secret)


def seal(raw: bytes, password: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    return MAGIC + salt + nonce + AESGCM(_key(password, salt)).encrypt(nonce, raw, MAGIC)


def unseal(raw: bytes, password: str | None, name: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if password is None:
        raise PasswordNeeded(QT_TRANSLATE_NOOP(
            "Errors", "{name} is protected with a password. Enter the password the sender "
            "gave you."), name=name)
    body = raw[len(MAGIC):]
    if len(body) < SALT_BYTES + NONCE_BYTES + TAG_BYTES:
        raise not_ours(name)
    salt, nonce = body[:SALT_BYTES], body[SALT_BYTES:SALT_BYTES + NONCE_BYTES]
    try:
        return AESGCM(_key(password, salt)).decrypt(
            nonce, body[SALT_BYTES + NONCE_BYTES:], MAGIC)
    except InvalidTag:
        raise WrongPassword(QT_TRANSLATE_NOOP(
            "Errors", "{name} could not be opened with this password. Check the password "
            "(capital letters count) and try again; if it is right, the file is damaged: "
            "ask for it to be sent again."), name=name) from None
