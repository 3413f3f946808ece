"""Translations: our .ts sources are compiled to .qm at first start (and whenever a .ts
changes), into the data folder's cache, with the lrelease that ships in PySide6."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import PySide6

from ..core.errors import IepStudioError, Problem
from ..core.paths import resource_dir
from .qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)



def ts_file(language: str) -> Path:
    return resource_dir() / "translations" / f"iep_studio_{language}.ts"


def lrelease_program() -> Path:
    folder = Path(PySide6.__file__).parent
    return folder / ("lrelease.exe" if sys.platform == "win32" else "lrelease")


def compiled_qm(language: str, cache_dir: Path) -> Path | None:
    """Compile the .ts if its .qm is missing or stale; the .qm name carries the .ts's size
    and time of change (one look at the file, where reading and hashing all of it at every
    start would delay the first paint)."""
    source = ts_file(language)
    try:
        stat = source.stat()
    except OSError:
        return None
    stamp = f"{stat.st_size:x}-{stat.st_mtime_ns:x}"
    target = cache_dir / f"iep_studio_{language}-{stamp}.qm"
    if target.exists():
        return target
    import subprocess  # only when compiling: not at every start, before the first paint

    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(f"iep_studio_{language}-*.qm"):
        old.unlink(missing_ok=True)
    try:
        subprocess.run([str(lrelease_program()), "-silent", str(source), "-qm", str(target)],
                       check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.error("could not compile translations %s: %s", source.name, exc)
        return None
    return target


def install_translations(app, language: str, cache_dir: Path) -> None:
    """Install our strings and Qt's own (so standard buttons read 确定/取消)."""
    # Qt keeps only a pointer to a translator: hold them on the application itself (a
    # module-level list would outlive QApplication and crash at exit).
    installed: list[QTranslator] = getattr(app, "_iep_translators", [])
    for translator in installed:
        app.removeTranslator(translator)
    installed.clear()
    app._iep_translators = installed
    QLocale.setDefault(QLocale(language))
    if language.startswith("en"):
        return
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator()
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    qm = compiled_qm(language, cache_dir)
    ours = QTranslator()
    if qm and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation loaded for %s", language)


def translate_error(message: str) -> str:
    return QCoreApplication.translate("Errors", message)


def translate_units(message: str) -> str:
    """File problems use both contexts: the loader's ("Units") and the services' ("Errors")."""
    translated = QCoreApplication.translate("Units", message)
    return translated if translated != message else translate_error(message)


def problem_text(problem: Problem) -> str:
    return problem.text(translate_error)


def error_text(error: IepStudioError) -> str:
    return error.text(translate_error)


def current_language() -> str:
    """The language the window is showing, for picking vocabulary names."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
