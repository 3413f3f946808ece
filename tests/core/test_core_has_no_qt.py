"""The core must run where there is no display and no Qt: the command line, the exports,
a server. Import every core module in a fresh interpreter and check Qt stayed out."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import iep_studio.core
import iep_studio.reports


def core_modules() -> list[str]:
    """The core and the documents (which the command line exports without a window)."""
    found = [m.name for m in pkgutil.walk_packages(iep_studio.core.__path__, "iep_studio.core.")
             if ".migrations.versions" not in m.name and not m.name.endswith("migrations.env")]
    return found + [m.name for m in pkgutil.walk_packages(iep_studio.reports.__path__,
                                                          "iep_studio.reports.")]


def test_core_modules_found():
    modules = core_modules()
    assert "iep_studio.core.services.students" in modules
    assert "iep_studio.core.store.migrations" in modules
    assert "iep_studio.reports.word" in modules and "iep_studio.reports.charts" in modules


def test_no_core_module_imports_qt():
    code = ("import importlib, sys\n"
            f"for name in {core_modules() + ['iep_studio.cli']!r}:\n"
            "    importlib.import_module(name)\n"
            "leaked = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print(leaked)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_headless_commands_do_not_load_qt(tmp_path):
    code = ("import sys\nfrom iep_studio.cli import main\n"
            f"main(['--data-dir', {str(tmp_path)!r}, 'students'])\n"
            "print([m for m in sys.modules if m.startswith('PySide6')])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
