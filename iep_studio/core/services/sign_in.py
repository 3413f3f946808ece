"""Signing in: from what a person types to the services that work as them.

A window gets its services here, at start and each time someone else signs in at the same
computer; it never changes who acts on services already in use.

Two kinds of door. On a personal copy (and on a server opened with the owner's address,
for the administrator's commands) signing in runs on `gate`: services on the database
with nobody signed in. On a shared server each account is its own login, so there is no
connection at all until someone signs in: a ServerDoor opens one as that person."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..access.rules import Actor
from ..drafts import Drafts
from . import Services


@dataclass
class ServerDoor:
    """A shared server where the server checks each person's own password (its address
    has no user; see core/store/server_logins.py)."""

    url: str
    today: Callable[[], date] = date.today
    drafts: Drafts | None = None
    password_required = True


def sign_in(gate: Services | ServerDoor, username: str, password: str) -> Services:
    """The services of the account these credentials open. Raises SignInRefused (a
    wrong password, a wait, a locked account) or PermissionDenied."""
    if isinstance(gate, ServerDoor):
        from ..store.server_logins import open_as_account

        return Services(open_as_account(gate.url, username, password), today=gate.today,
                        drafts=gate.drafts)
    return working_as(gate, gate.accounts.sign_in(username, password))


def working_as(gate: Services, actor: Actor) -> Services:
    """New services on the same database, with `actor` acting in every operation."""
    return Services(gate.store.acting_as(actor), today=gate.today, drafts=gate.drafts)
