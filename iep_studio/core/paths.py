"""Where the app keeps its files, and where its shipped resources are."""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

DATA_DIR_ENV = "IEP_STUDIO_DATA_DIR"
DB_URL_ENV = "IEP_STUDIO_DB_URL"


@dataclass(frozen=True)
class DataPaths:
    """Everything the app writes lives under one folder, so `--data-dir` moves it all."""

    root: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike | None = None) -> DataPaths:
        if data_dir is None:
            data_dir = os.environ.get(DATA_DIR_ENV) or None
        if data_dir is None:
            import platformdirs

            data_dir = platformdirs.user_data_dir("IEP Studio", appauthor=False)
        return cls(Path(data_dir).expanduser().resolve())

    @property
    def database(self) -> Path:
        return self.root / "iep-studio.sqlite"

    @property
    def database_url(self) -> str:
        return os.environ.get(DB_URL_ENV) or f"sqlite:///{self.database.as_posix()}"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def window_state_file(self) -> Path:
        return self.root / "window.ini"

    @property
    def crash_reports(self) -> Path:
        return self.root / "crash-reports"

    @property
    def compiled_translations(self) -> Path:
        return self.root / "cache" / "translations"


def resource_dir() -> Path:
    """The shipped resources folder (fonts, translations, demo data)."""
    return _package_or_checkout("resources")


def course_units_dir() -> Path:
    return _package_or_checkout("course_units")


def _package_or_checkout(name: str) -> Path:
    try:
        found = Path(str(importlib_resources.files(f"iep_studio.{name}")))
        if found.is_dir():
            return found
    except ModuleNotFoundError:
        pass
    # Running from a source checkout without installing.
    return Path(__file__).resolve().parents[2] / name
