"""What an installed (not editable) copy needs is in the package list."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_for_installation():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "iep_studio").rglob("__init__.py")}
    assert found - listed == set()
    assert {"iep_studio.resources", "iep_studio.course_units", "iep_studio.instruments"} <= listed
