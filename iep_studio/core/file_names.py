"""File names made from what teachers typed (a child's name, a lesson's title) that every
computer accepts: nothing hidden that reorders or hides text, nothing Windows refuses, and
never longer than a file system allows."""
from __future__ import annotations

import re
import unicodedata

# The longest name (not path) in UTF-8 bytes on Linux and macOS; Windows allows 255 UTF-16
# units, which a name within 255 UTF-8 bytes never exceeds.
NAME_MAX_BYTES = 255
# Documents and student files are written to ".<name>.part" first, then renamed: that
# temporary name must fit as well.
TEMPORARY_ROOM = len(".") + len(".part")

# What Windows refuses in a name, and white space (a name travels on the command line).
_REFUSED = re.compile(r'[\\/:*?"<>|\s]+')
# Names Windows keeps for devices, even with an extension (CON.pdf is the console).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *(f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³")}


def clean(text: str) -> str:
    """`text` without what a file name must not hold: separators and characters Windows
    refuses become "-"; control characters and invisible formatting characters (the
    bidirectional overrides that make "gpj.exe" look like "exe.jpg", zero-width spaces)
    are dropped."""
    text = _REFUSED.sub("-", unicodedata.normalize("NFC", text))
    # Cc: control characters; Cf: formatting (bidi overrides and isolates, LRM/RLM,
    # zero-width characters); Cs: lone surrogates, undecodable bytes from a command line.
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))


def fitted_name(head: str, tail: str, extension: str) -> str:
    """`head` + `tail` + "." + `extension`, cleaned, with `head` shortened (on a character
    boundary) until the name fits the file system. The tail (what the document is, its
    language, what tells two students apart) and the extension are kept whole."""
    head, tail, extension = clean(head).lstrip(" .-"), clean(tail), clean(extension)
    suffix = f"{tail}.{extension}"
    room = NAME_MAX_BYTES - TEMPORARY_ROOM - len(suffix.encode("utf-8"))
    if len(head.encode("utf-8")) > room:
        head = head.encode("utf-8")[:max(room, 0)].decode("utf-8", "ignore")
    name = (head + tail).rstrip(" .-") or "_"  # Windows drops trailing dots and spaces
    if name.split(".", 1)[0].upper() in _DEVICES:
        name = "_" + name
    return f"{name}.{extension}"
