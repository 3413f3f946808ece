"""Where records live: the database connection, migrations and backups.

`Store` and `open_store` are loaded when first asked for (PEP 562): the backups, the
migrations' version number and the server addresses need neither SQLAlchemy's engine nor
the model, and `iep-studio backups` should not wait for them."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Store
    from .opening import open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str):
    if name == "Store":
        from .database import Store

        return Store
    if name == "open_store":
        from .opening import open_store

        return open_store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
