"""Where the app keeps its files, and where its shipped resources are."""
from __future__ import annotations

import os
from dataclasses import dataclass
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
    def own_database(self) -> Path | None:
        """The data folder's own SQLite file when it is the database in use (no
        IEP_STUDIO_DB_URL): what may be read without loading SQLAlchemy."""
        return None if os.environ.get(DB_URL_ENV) else self.database

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
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def crash_reports(self) -> Path:
        return self.root / "crash-reports"

    @property
    def compiled_translations(self) -> Path:
        return self.root / "cache" / "translations"


def shown_address(url: str) -> str:
    """A database's address as shown to a person, its password hidden, written as
    SQLAlchemy writes it. The usual SQLite file is written here without SQLAlchemy, whose
    import takes longer than all the rest of `iep-studio paths`; a test compares the two."""
    if url.startswith("sqlite:///") and not any(c in url for c in "?%"):
        from urllib.parse import quote

        return "sqlite:///" + quote(url[len("sqlite:///"):], safe=" +/")
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def resource_dir() -> Path:
    """The shipped resources folder (fonts, translations, demo data)."""
    return _package_or_checkout("resources")


def course_units_dir() -> Path:
    return _package_or_checkout("course_units")


def instruments_dir() -> Path:
    """The shipped assessment instruments (instruments/README.md)."""
    return _package_or_checkout("instruments")


def _package_or_checkout(name: str) -> Path:
    """Installed, the folder sits inside the package (pyproject maps it there); in a
    source checkout it sits at the top of the repository. (importlib.resources would find
    the same folder but costs start-up time for nothing.)"""
    package = Path(__file__).resolve().parents[1]
    installed = package / name
    return installed if installed.is_dir() else package.parent / name
