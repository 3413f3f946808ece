"""The overview's workbook on a PostgreSQL server: every test of
tests/core/test_overview_workbook.py again (this directory's `store` is a server
database)."""
from __future__ import annotations

from tests.core.test_overview_workbook import *  # noqa: F401,F403 - the same tests, on the server
