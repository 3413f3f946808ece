"""Where records live: the database connection, migrations and backups."""
from .database import Store
from .opening import open_store

__all__ = ["Store", "open_store"]
