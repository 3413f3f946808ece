"""Signing in: from what a person types to the services that work as them.

A window gets its services here, at start and each time someone else signs in at the same
computer; it never changes who acts on services already in use. This is the one place to
change if each account gets its own connection (on a shared server, its own login role),
because here are both the credentials and the services made with them."""
from __future__ import annotations

from ..access.rules import Actor
from . import Services


def sign_in(gate: Services, username: str, password: str) -> Services:
    """The services of the account these credentials open. `gate` is what signing in
    runs on: services on the database with nobody signed in. Raises SignInRefused (a
    wrong password, a wait, a locked account)."""
    return working_as(gate, gate.accounts.sign_in(username, password))


def working_as(gate: Services, actor: Actor) -> Services:
    """New services on the same database, with `actor` acting in every operation."""
    return Services(gate.store.acting_as(actor), today=gate.today, drafts=gate.drafts)
