"""Where records live: the database connection, migrations and backups."""
from .database import Store, open_store

__all__ = ["Store", "open_store"]
