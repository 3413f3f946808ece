"""Shared fixtures: an offscreen Qt platform, a fresh data folder and database per test,
and a fixed 'today' so date rules give the same answer every day."""
from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """No test may touch the real user data folder or a real server."""
    monkeypatch.setenv("IEP_STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("IEP_STUDIO_DB_URL", raising=False)


@pytest.fixture
def data_paths(tmp_path):
    from iep_studio.core.paths import DataPaths

    return DataPaths.resolve(tmp_path / "data")


@pytest.fixture
def store(data_paths):
    from iep_studio.core.store import open_store

    store = open_store(data_paths.database_url, backup_dir=data_paths.backups)
    yield store
    store.dispose()


@pytest.fixture
def services(store):
    from iep_studio.core.services import Services

    return Services(store, today=lambda: TODAY)


@pytest.fixture
def school(services):
    return services.schools.create_school("城南小学", code="CN01")
