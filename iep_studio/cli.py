"""`iep-studio`: with no command it opens the window; with one it works without a window.

A command never ends in a traceback. Its exit code says how it went: 0 done; 1 done in
part (what could not be done is listed); 2 refused, with a message saying why and what to
do; 3 an unexpected problem (a bug), with a crash report; 130 stopped with Ctrl+C."""
from __future__ import annotations

import argparse
import os
import sys
import unicodedata

from .core.errors import QT_TRANSLATE_NOOP, IepStudioError
from .core.paths import DATA_DIR_ENV, DB_URL_ENV, DataPaths

PACKAGE_PASSWORD_ENV = "IEP_STUDIO_PACKAGE_PASSWORD"
USER_ENV, PASSWORD_ENV = "IEP_STUDIO_USER", "IEP_STUDIO_PASSWORD"  # signing in, shared mode

DONE, PARTLY_DONE, REFUSED, BUG, STOPPED = 0, 1, 2, 3, 130


class _Parser(argparse.ArgumentParser):
    """Every value typed must be text. Bytes the system cannot decode (a folder named in
    another encoding) arrive as lone surrogates, which neither the database nor a document
    can hold, so they are refused here, naming the option. Sub-commands get this parser
    class too."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register("type", None, _text)

    def add_subparsers(self, **kwargs):
        action = super().add_subparsers(**kwargs)
        action.type = str  # the words after a command are checked by its own parser
        return action


def _text(value: str) -> str:
    if _undecodable(value):
        raise argparse.ArgumentTypeError(
            f"\"{_as_typed(value)}\" holds bytes that are not text in this computer's "
            "encoding. Type it again, or rename the file or folder so that its name is "
            "plain text.")
    return value


def _undecodable(value: str) -> bool:
    return any(unicodedata.category(c) == "Cs" for c in value)


def _as_typed(value: str) -> str:
    """The value as the bytes typed, undecodable ones written as \\xff."""
    return os.fsencode(value).decode("utf-8", "backslashreplace")


def _with_data_dir(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder for the database, backups, settings and logs "
                             "(default: the user's data folder; or IEP_STUDIO_DATA_DIR)")
    return parser


def _window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """The arguments when they only open the window (the usual start), else None. Building
    the parser of all twenty commands would delay the window's first paint."""
    args, rest = _with_data_dir(_Parser(prog="iep-studio", add_help=False)).parse_known_args(
        argv)
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    parser = _with_data_dir(_Parser(
        prog="iep-studio",
        description="IEP Studio: student files and IEPs for resource teachers. "
                    "With no command, opens the window."))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the window (the default)")
    sub.add_parser("demo", help="create the demo school with made-up students")
    students = sub.add_parser("students", help="list student files, optionally searching")
    students.add_argument("query", nargs="*", help="words to search for (name, pinyin, class…)")
    students.add_argument("--archived", action="store_true", help="include archived files")
    sub.add_parser("paths", help="show where the data is kept")
    sub.add_parser("upgrade", help="bring the database schema up to date (backs up first; "
                   "on a shared server, with the owner's address)")
    server = sub.add_parser("server", help="set up a shared PostgreSQL server (with the "
                            "owner's address in IEP_STUDIO_DB_URL)")
    server_sub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    server_sub.add_parser("setup", help="make the tables, the privacy policies and the roles")
    first = server_sub.add_parser("first-admin", help="make the first administrator's account "
                                  f"(the password from {PASSWORD_ENV}, or asked twice)")
    first.add_argument("username", help="their sign-in name")
    first.add_argument("--name", help="their name as shown (default: the sign-in name)")
    again = server_sub.add_parser("set-password", help="give an account its password on the "
                                  "server (after upgrading a server from an older version, "
                                  "each account needs one)")
    again.add_argument("username", help="the account's sign-in name")
    sub.add_parser("backup", help="make a backup of the database now")
    sub.add_parser("backups", help="list the backups, newest first, with what each holds")
    restore = sub.add_parser("restore", help="put a backup in place of the database (the "
                             "current one is kept as a backup first)")
    restore.add_argument("file", help="the backup file (see: iep-studio backups)")
    units = sub.add_parser("units", help="course units and the goal bank")
    units_sub = units.add_subparsers(dest="units_command", metavar="ACTION", required=True)
    check = units_sub.add_parser("check", help="check unit and goal files; list every problem")
    check.add_argument("path", nargs="?", help="folder to check (default: the shipped library)")
    units_sub.add_parser("schema", help="write the JSON Schemas into resources/ for editors")
    instruments = sub.add_parser("instruments", help="assessment instruments (item by item)")
    instruments_sub = instruments.add_subparsers(dest="instruments_command", metavar="ACTION",
                                                 required=True)
    check = instruments_sub.add_parser(
        "check", help="check instrument files against their format and the goal bank; list "
        "every problem")
    check.add_argument("path", nargs="?",
                       help="folder to check (default: the shipped instruments)")
    instruments_sub.add_parser("schema",
                               help="write the instruments' JSON Schemas into resources/")
    export = sub.add_parser("export", help="write documents (IEP, parent version, progress "
                            "report) as PDF or Word, one file per student")
    who = export.add_argument_group("which students (at least one of these)")
    who.add_argument("--student", action="append", default=[], metavar="WHO",
                     help="a student's name, student number or id (repeat for several)")
    who.add_argument("--caseload", metavar="PERSON",
                     help="every active student whose team this person is on")
    who.add_argument("--school", metavar="SCHOOL", help="every active student of a school")
    who.add_argument("--all", action="store_true", help="every active student")
    export.add_argument("--kind", default="iep", choices=(
        "iep", "parent", "progress", "assessment", "lesson", "week", "caseload"),
        help="iep, parent and progress: one file per student; caseload: one for the students "
        "chosen; week: the room's week (--week); lesson: a lesson plan (--lesson or --unit)")
    export.add_argument("--week", metavar="DATE", help="any day of the week (default today)")
    export.add_argument("--lesson", metavar="ID", help="a lesson as given, with its students")
    export.add_argument("--unit", metavar="ID", help="a course unit, as a lesson plan")
    export.add_argument("--format", choices=("pdf", "docx", "both"), default="pdf")
    export.add_argument("--language", choices=("zh_CN", "en"), default="zh_CN")
    export.add_argument("--out", metavar="DIR", default=".", help="folder to write into")
    export.add_argument("--base-docx", metavar="FILE",
                        help="a school's own .docx to start Word documents from")
    transfer = sub.add_parser("transfer", help="move a student's whole file to another school "
                              "in one .iepstudent file")
    transfer_sub = transfer.add_subparsers(dest="transfer_command", metavar="ACTION",
                                           required=True)
    send = transfer_sub.add_parser("export", help="write one student's whole file")
    send.add_argument("--student", required=True, metavar="WHO",
                      help="the student's name, student number or id")
    send.add_argument("--out", required=True, metavar="FILE",
                      help="the file to write, or a folder to write it into")
    send.add_argument("--encrypt", action="store_true", help="protect the file with a "
                      f"password (from {PACKAGE_PASSWORD_ENV}, or asked for)")
    receive = transfer_sub.add_parser("import", help="bring a student's file into this database")
    receive.add_argument("file", help="the .iepstudent file")
    receive.add_argument("--school", metavar="NAME", help="the school the student joins "
                         "(made if there is none of that name; needed when there are several)")
    receive.add_argument("--copy", action="store_true", help="when the file is already here, "
                         "import a second, separate copy of it")
    receive.add_argument("--dry-run", action="store_true",
                         help="only show what the file holds and what is already here")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _window_arguments(argv) or build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, or arguments refused (argparse said why)
        return stop.code if isinstance(stop.code, int) else REFUSED
    paths = None
    try:
        _check_environment()
        paths = DataPaths.resolve(args.data_dir)
        if args.command in (None, "gui"):
            from .ui.app import run_window

            return run_window(paths)
        from .logs import setup_logging

        setup_logging(paths.logs)
        return _run(COMMANDS[args.command], paths, args)
    except IepStudioError as error:
        _say(str(error))
        return REFUSED
    except KeyboardInterrupt:
        _say("Stopped (Ctrl+C). What was finished before is kept; nothing half-done was "
             "saved.")
        return STOPPED
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        sys.stderr.close()
        return DONE
    except OSError as error:  # a file or folder named on the command line, most often
        _say(_file_problem(error))
        return REFUSED
    except Exception:
        _say(_crash_message(paths))
        return BUG


# The stores the running command opened (see _run and _services).
_opened_stores: list = []


def _run(command, paths: DataPaths, args) -> int:
    """Run a command, then fold what it wrote into the database file and close it: once
    the command has ended, the .sqlite file alone holds everything, even if someone
    copies just that file."""
    try:
        return command(paths, args)
    finally:
        while _opened_stores:
            store = _opened_stores.pop()
            try:
                store.checkpoint()
            finally:
                store.dispose()


def _check_environment() -> None:
    for name in (DATA_DIR_ENV, DB_URL_ENV, USER_ENV, PASSWORD_ENV, PACKAGE_PASSWORD_ENV):
        if _undecodable(os.environ.get(name, "")):
            raise IepStudioError(QT_TRANSLATE_NOOP(
                "Errors", "The setting {name} holds bytes that are not text in this "
                "computer's encoding. Set it again as plain text."), name=name)


def _say(message: str) -> None:
    print(f"iep-studio: {message}", file=sys.stderr)


def _file_problem(error: OSError) -> str:
    reason = error.strerror or str(error)
    if not isinstance(error.filename, (str, bytes)):  # none, or an open file's number
        return IepStudioError(QT_TRANSLATE_NOOP(
            "Errors", "A file could not be used: {reason}."), reason=reason).text()
    return IepStudioError(QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be used: {reason}. Check that the name is right and not too "
        "long, that the folder exists and that you may read and write there."),
        path=_shortened(os.fsdecode(error.filename)), reason=reason).text()


def _shortened(path: str, keep: int = 80) -> str:
    """A path someone can read in a message: the start and end of a very long one."""
    return path if len(path) <= 2 * keep else f"{path[:keep]}…{path[-keep:]}"


def _crash_message(paths: DataPaths | None) -> str:
    """Write a crash report for the exception being handled; say where it is."""
    import tempfile
    from pathlib import Path

    from .crash_report import write_report

    folder = paths.crash_reports if paths is not None else Path(tempfile.gettempdir())
    report = write_report(folder, *sys.exc_info())
    return ("IEP Studio met an unexpected problem. Everything saved before it is safe. "
            + (f"A report was written to {report}; please send it to whoever supports "
               "IEP Studio at your school." if report else
               "A report could not be saved; the log in the data folder holds it."))


def _shown(text: str) -> str:
    """A name as printed on a terminal: without control or formatting characters, which
    could move the cursor, recolour the screen or reverse the line."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))


def main_gui() -> int:
    """Entry point of the desktop shortcut (no console window on Windows)."""
    return main([])


def _services(paths: DataPaths, *, as_owner: bool = False):
    """The services a command works with, on `_store`."""
    from .core.services import Services

    return Services(_store(paths, as_owner=as_owner))


def _store(paths: DataPaths, *, as_owner: bool = False):
    """The database a command works with (a command that only reads the student list
    needs no services). On a shared server the command line signs in like the window, as
    the person's own login: the server checks the password, logs the changes under the
    person and shows only what their team and role allow. The owner's address is for the
    administrator's commands only (`as_owner`)."""
    from .core.store import open_store, server_logins

    url = paths.database_url
    if server_logins.signs_in_per_account(url):
        from .core.services.sign_in import open_own_login

        user = _user()
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = _ask_password(f"Password for {user}: ")
        store = open_own_login(url, user, password)
        _opened_stores.append(store)
        return store
    if server_logins.owner_address(url) and not as_owner:
        raise server_logins.owner_address_refused()
    store = open_store(url, backup_dir=paths.backups)
    _opened_stores.append(store)
    return store


def _user() -> str:
    user = os.environ.get(USER_ENV) or ""
    if not user:
        from .core.errors import InvalidInput, Problem

        raise InvalidInput([Problem("user", f"On a shared server, say who you are: set "
                                    f"{USER_ENV} (and {PASSWORD_ENV}, or type it when "
                                    "asked).")])
    return user


def cmd_server(paths: DataPaths, args) -> int:
    """Setting a shared server up, with the owner's address: the tables, the row-level
    security policies and the roles; then the first administrator."""
    from .core.store import server_logins

    url = paths.database_url
    if not server_logins.owner_address(url):
        raise IepStudioError(QT_TRANSLATE_NOOP(
            "Errors", "iep-studio server needs IEP_STUDIO_DB_URL to be the PostgreSQL "
            "address of the database's owner, with its user name and password, such as "
            "postgresql+psycopg://iep_owner:secret@server/iep."))
    services = _services(paths, as_owner=True)  # opening it makes or upgrades the schema
    address = server_logins.without_user(url)
    if args.server_command == "setup":
        print(f"The database {address.database} is ready, with each account's access "
              "decided by the server.")
        print("On each teacher's computer set IEP_STUDIO_DB_URL="
              f"{address.render_as_string(hide_password=True)} (no user: each person signs "
              "in with their own name).")
        if not services.accounts.any():
            print("Next: iep-studio server first-admin NAME")
        return 0
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = _ask_password(f"Password for {args.username}: ")
        if _ask_password("The same password again: ") != password:
            raise IepStudioError(QT_TRANSLATE_NOOP(
                "Errors", "The two passwords are not the same; nothing was changed."))
    if args.server_command == "set-password":
        wanted = args.username.strip().lower()
        account = next((a for a in services.accounts.list()
                        if a.username.lower() == wanted), None)
        if account is None:
            raise IepStudioError(QT_TRANSLATE_NOOP(
                "Errors", "There is no account named {name}."), name=args.username)
        services.accounts.reset_password(account.id, password)
        print(f"{account.username} signs in to the server as "
              f"{server_logins.login_role(address.database or '', account.username)} with "
              "the new password.")
        return 0
    account = services.accounts.create_first(args.username, args.name or args.username,
                                             password)
    print(f"{account.display_name} ({account.username}) is the first administrator; they "
          "sign in to the server as "
          f"{server_logins.login_role(address.database or '', account.username)}.")
    return 0


def cmd_demo(paths: DataPaths, _args) -> int:
    from .core.demo import create_demo_school, has_demo

    services = _services(paths)
    if has_demo(services):
        print("The demo school is already there.")
        return 0
    school = create_demo_school(
        services, lambda done, total: print(f"\r{done}/{total} students", end="", flush=True))
    print(f"\nCreated {school.name}.")
    return 0


def cmd_students(paths: DataPaths, args) -> int:
    from .core.student_index import StudentFilter, search
    from .core.vocabulary import CATEGORIES, PLACEMENTS

    rows = search(_student_list(paths),
                  StudentFilter(query=" ".join(args.query), show_archived=args.archived))
    for r in rows:
        categories = "、".join(CATEGORIES.label(c, "zh_CN") for c in r.categories)
        print("\t".join([r.student_number or "-", _shown(r.full_name),
                         f"{r.grade}{r.class_name}",
                         categories, PLACEMENTS.label(r.placement, "zh_CN"), r.school_name]))
    print(f"{len(rows)} student(s)", file=sys.stderr)
    return 0


def _student_list(paths: DataPaths):
    """Every student file the command may list. The usual personal copy is read straight
    from its file (store/student_list.py), without loading SQLAlchemy and the model."""
    if paths.own_database is not None:
        from .core.store.student_list import read_summaries

        summaries = read_summaries(paths.own_database, paths.backups)
        if summaries is not None:
            return summaries
    from .core.services.search import load_summaries

    return load_summaries(_store(paths))


def cmd_paths(paths: DataPaths, _args) -> int:
    from .core.paths import shown_address

    print(f"data folder: {paths.root}")
    print(f"database:    {shown_address(paths.database_url)}"
          + (f"  (from {DB_URL_ENV})" if DB_URL_ENV in __import__('os').environ else ""))
    print(f"backups:     {paths.backups}")
    print(f"logs:        {paths.logs}")
    return 0


def cmd_upgrade(paths: DataPaths, _args) -> int:
    _services(paths, as_owner=True)  # opening the store upgrades it, with a backup first
    print("The database is up to date.")
    return 0


def cmd_backup(paths: DataPaths, _args) -> int:
    from .core.store.backup import backup_sqlite
    from .core.store.database import sqlite_file

    services = _services(paths) if sqlite_file(paths.database_url) else None
    if services is None or services.store.sqlite_path is None:
        print("The shared server database is backed up by the server's own tools.",
              file=sys.stderr)
        return 1
    target = backup_sqlite(services.store.sqlite_path, paths.backups, "manual")
    print(f"Backup written: {target}")
    return 0


def cmd_export(paths: DataPaths, args) -> int:
    from pathlib import Path

    from .reports.export import PER_STUDENT

    services = _services(paths)
    finish = _finish(paths, args)
    formats = ["pdf", "docx"] if args.format == "both" else [args.format]
    if args.kind not in PER_STUDENT:
        for path in _export_one(services, args, formats, finish, paths):
            print(path)
        return 0
    student_ids = _chosen_students(services, args)
    written, skipped, failed = _export_each(services, student_ids, args, formats,
                                            Path(args.out), finish, paths)
    for name, why in skipped:
        print(f"skipped {name}: {why}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} of {len(student_ids)} students could not be exported:",
              file=sys.stderr)
        for who, why in failed:
            print(f"  {who}: {why}", file=sys.stderr)
    return DONE if written and not failed else PARTLY_DONE


def _export_each(services, student_ids: list[str], args, formats: list[str], folder,
                 finish, paths: DataPaths):
    """Each student's documents, one file per format. A student whose documents cannot
    be made or written does not stop the others: (who, why) goes into the failures.
    Returns (paths written, (name, why) skipped, (who, why) failed)."""
    from .reports.export import build, file_name, write

    written, skipped, failed = [], [], []
    # Two students whose names are the same once cut to fit get apart by their ids; in
    # any letter case, as Windows and macOS see "Li" and "LI" as one file.
    used: set[str] = set()
    try:
        for done, student_id in enumerate(student_ids, start=1):
            print(f"\r{done}/{len(student_ids)} students", end="", file=sys.stderr,
                  flush=True)
            student = None
            try:
                student = services.students.get(student_id)
                doc = build(services, args.kind, student_id, args.language)
                if doc is None:
                    zh = args.language.startswith("zh")
                    why = (("还没有逐项评分的评估" if zh else "no assessment scored item by item")
                           if args.kind == "assessment" else ("还没有计划" if zh else "no plan"))
                    skipped.append((_shown(student.full_name), why))
                    continue
                for extension in formats:
                    name = file_name(student, args.kind, args.language, extension)
                    if name.casefold() in used:
                        name = file_name(student, args.kind, args.language, extension,
                                         extra=student.id[:8])
                    used.add(name.casefold())
                    written.append(write(doc, folder / name, finish))
            except IepStudioError as error:
                failed.append((_who(student, student_id), str(error)))
            except OSError as error:
                failed.append((_who(student, student_id), _file_problem(error)))
            except Exception:  # a bug met with this student's records: the others go on
                failed.append((_who(student, student_id), _crash_message(paths)))
    finally:  # also when stopped with Ctrl+C: say what was written
        print(file=sys.stderr)
        for path in written:
            print(path)
    return written, skipped, failed


def _who(student, student_id: str) -> str:
    if student is None:
        return student_id
    number = f" ({_shown(student.student_number)})" if student.student_number else ""
    return _shown(student.full_name) + number


def _finish(paths: DataPaths, args):
    """The settings' logo and Word template; --base-docx overrides the template."""
    from pathlib import Path

    from .core.settings import Settings
    from .reports.export import Finish

    finish = Finish.from_settings(Settings.load(paths.settings_file))
    if args.base_docx:
        finish = Finish(finish.logo, Path(args.base_docx))
    return finish


def _export_one(services, args, formats: list[str], finish, paths: DataPaths):
    from datetime import date
    from pathlib import Path

    from .core.errors import InvalidInput, Problem
    from .reports.export import DOCUMENT_KINDS, export_one
    from .reports.teaching_documents import (
        caseload_document, lesson_document, lesson_file_stem, week_document,
    )

    language, out, base = args.language, Path(args.out), finish
    kind_name = DOCUMENT_KINDS.label(args.kind, language)
    if args.kind == "week":
        try:
            day = date.fromisoformat(args.week) if args.week else services.today()
        except ValueError:
            raise InvalidInput([Problem("week", "\"{value}\" is not a date. Write it as "
                                        "YYYY-MM-DD.", {"value": args.week})]) from None
        return export_one(week_document(services, day, language),
                          f"{kind_name}_{day.isoformat()}_{language}", formats, out, base)
    if args.kind == "lesson":
        if not (args.lesson or args.unit):
            raise InvalidInput([Problem("lesson", "Give --lesson ID or --unit ID.")])
        from .core.settings import Settings

        # The person using this copy is the teacher when the lesson names none.
        me = Settings.load(paths.settings_file).me
        doc = lesson_document(services, language, unit_id=args.unit, lesson_id=args.lesson,
                              me=me)
        return export_one(doc, lesson_file_stem(services, language, unit_id=args.unit,
                                                lesson_id=args.lesson), formats, out, base)
    from .core.settings import Settings

    settings = Settings.load(paths.settings_file)
    doc = caseload_document(services, _chosen_students(services, args), language,
                            stalled_sessions=settings.stalled_sessions,
                            no_data_days=settings.no_data_days)
    return export_one(doc, f"{kind_name}_{services.today().isoformat()}_{language}", formats,
                      out, base)


def _chosen_students(services, args) -> list[str]:
    """The students named, in a caseload or a school, or all: active files only, except
    a file named on its own (a student who left may still need a report)."""
    from sqlalchemy import select

    from .core.errors import InvalidInput, Problem
    from .core.model import Person, TeamMembership
    from .core.services.search import load_named, load_summaries

    # Every student only when a group is asked for: one named needs only a lookup.
    summaries = (load_summaries(services.store) if args.caseload or args.school or args.all
                 else None)
    active = [s for s in summaries or () if not s.archived and s.status == "active"]
    chosen: list[str] = []
    for wanted in args.student:
        found = ([s for s in summaries if wanted in (s.id, s.student_number, s.full_name)]
                 if summaries is not None else load_named(services.store, wanted))
        if len(found) != 1:
            raise InvalidInput([Problem("student", (
                "No student file matches \"{wanted}\"." if not found else
                "\"{wanted}\" matches {count} students; give the student number instead."),
                {"wanted": wanted, "count": len(found)})])
        chosen.append(found[0].id)
    if args.caseload:
        with services.store.session() as s:
            members = set(s.scalars(select(TeamMembership.student_id).join(
                Person, Person.id == TeamMembership.person_id).where(
                Person.full_name == args.caseload)))
        chosen += [s.id for s in active if s.id in members]
    if args.school:
        chosen += [s.id for s in active if s.school_name == args.school]
    if args.all:
        chosen += [s.id for s in active]
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        raise InvalidInput([Problem("student", "Choose the students: --student, --caseload, "
                                    "--school or --all.")])
    return chosen


def cmd_backups(paths: DataPaths, _args) -> int:
    from concurrent.futures import ThreadPoolExecutor

    from .core.store.backup import list_backups

    backups = list_backups(paths.backups) if paths.backups.exists() else []
    # Checking a backup reads all of it, and SQLite does that without holding Python's
    # lock: the backups are checked side by side, one per processor, and listed in order.
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    try:
        for backup, holds in zip(backups, pool.map(_what_backup_holds, backups)):
            print("\t".join([backup.made_at.strftime("%Y-%m-%d %H:%M:%S"), backup.reason,
                             f"{backup.size // 1024} KB", holds, str(backup.path)]))
    finally:  # stopped early (Ctrl+C, output cut short): no more checks begin
        pool.shutdown(cancel_futures=True)
    print(f"{len(backups)} backup(s) in {paths.backups}", file=sys.stderr)
    return 0


def _what_backup_holds(backup) -> str:
    from .core.errors import StorageError
    from .core.store.backup import check_backup

    try:
        check = check_backup(backup.path)
        return f"{check.students} students, schema {check.revision}"
    except StorageError as error:
        return f"UNUSABLE: {error}"


def cmd_restore(paths: DataPaths, args) -> int:
    from pathlib import Path

    from .core.store.backup import restore_sqlite
    from .core.store.database import sqlite_file

    database = sqlite_file(paths.database_url)
    if database is None:
        print("The shared server database is restored with the server's own tools.",
              file=sys.stderr)
        return 1
    kept = restore_sqlite(database, Path(args.file), paths.backups)
    _services(paths)  # opening it upgrades a backup made by an older version
    print(f"Restored {args.file}." + (f" The database as it was is kept in {kept}."
                                      if kept else ""))
    return 0


def cmd_units(paths: DataPaths, args) -> int:
    from pathlib import Path

    from .core.paths import course_units_dir, resource_dir
    from .core.units.loading import load_folder
    from .core.units.schema import write_json_schemas

    if args.units_command == "schema":
        for written in write_json_schemas(resource_dir()):
            print(f"wrote {written}")
        return 0
    folder = Path(args.path) if args.path else course_units_dir()
    library = load_folder(folder)
    for problem in library.problems:
        print(problem)
    bad_files = len({p.file for p in library.problems})
    print(f"{library.files_read} files read: {len(library.units)} units, "
          f"{len(library.goals)} goals; {len(library.problems)} problems in {bad_files} files",
          file=sys.stderr)
    return 1 if library.problems else 0


def cmd_instruments(paths: DataPaths, args) -> int:
    from pathlib import Path

    from .core.assessment.instrument import write_json_schemas
    from .core.assessment.loading import load_instruments
    from .core.paths import course_units_dir, instruments_dir, resource_dir
    from .core.units.loading import load_folder

    if args.instruments_command == "schema":
        for written in write_json_schemas(resource_dir()):
            print(f"wrote {written}")
        return 0
    folder = Path(args.path) if args.path else instruments_dir()
    found = load_instruments(folder, set(load_folder(course_units_dir()).goals))
    for problem in found.problems:
        print(problem)
    items = sum(len(loaded.items()) for loaded in found.instruments.values())
    bad_files = len({p.file for p in found.problems})
    print(f"{found.files_read} files read: {len(found.instruments)} instruments, {items} "
          f"items; {len(found.problems)} problems in {bad_files} files", file=sys.stderr)
    return 1 if found.problems else 0


def cmd_transfer(paths: DataPaths, args) -> int:
    import os

    from .core.errors import InvalidInput, Problem
    from .core.transfer.contents import KINDS
    from .core.transfer.export import write_student_file
    from .core.transfer.import_ import import_package, preview
    from .core.transfer.package import PasswordNeeded, read_package

    services = _services(paths)
    password = os.environ.get(PACKAGE_PASSWORD_ENV)
    if args.transfer_command == "export":
        (student_id,) = _chosen_students(services, argparse.Namespace(
            student=[args.student], caseload=None, school=None, all=False))
        if args.encrypt and password is None:
            password = _ask_password("Password for the student file: ")
            if _ask_password("The same password again: ") != password:
                raise InvalidInput([Problem("password", "The two passwords differ.")])
        print(write_student_file(services.store, student_id, args.out,
                                 password if args.encrypt else None))
        return 0
    try:
        package = read_package(args.file, password, today=services.today())
    except PasswordNeeded:
        package = read_package(args.file, _ask_password(f"Password for {args.file}: "),
                               today=services.today())
    schools = {s.name: s for s in services.schools.list_schools()}
    school = schools.get(args.school) if args.school else (
        next(iter(schools.values())) if len(schools) == 1 else None)
    if school is None and not (args.school or args.dry_run):
        raise InvalidInput([Problem("school", "Name the school the student joins: --school NAME"
                                    + (" (one of: {names})." if schools else "."),
                                    {"names": ", ".join(schools)})])
    seen = preview(services.store, package, school_id=school.id if school else None)
    print(f"{seen.full_name} ({seen.student_number or 'no number'}), from {seen.source_school},"
          f" exported {seen.made_at[:10]}: " + ", ".join(
              f"{count} {KINDS[kind]}" for kind, count in seen.counts.items()))
    for match in filter(None, [seen.same_file, *seen.same_number, *seen.same_name_and_birth]):
        print(f"already here: {match.full_name} ({match.student_number or 'no number'}) in "
              f"{match.school_name}")
    if seen.people_here:
        print("people already here, reused: " + ", ".join(seen.people_here))
    if args.dry_run:
        print("Nothing was imported (--dry-run)." + (
            " The file is already here: only --copy can import it." if seen.needs_copy else ""))
        return 0
    school = school or services.schools.create_school(args.school)
    result = import_package(services.store, package, school.id, as_copy=args.copy)
    print(f"Imported {seen.full_name} into {school.name}" + (" as a copy" if result.copied
                                                             else "") + f": {result.student_id}")
    return 0


def _ask_password(prompt: str) -> str:
    from getpass import getpass

    from .core.errors import InvalidInput, Problem

    try:
        return getpass(prompt)
    except (EOFError, KeyboardInterrupt):  # no terminal to type on, or Ctrl+C
        raise InvalidInput([Problem("password", "No password was given. Type it when asked, "
                                    f"or set {PACKAGE_PASSWORD_ENV}.")]) from None


COMMANDS = {"demo": cmd_demo, "students": cmd_students, "paths": cmd_paths,
            "upgrade": cmd_upgrade, "backup": cmd_backup, "units": cmd_units,
            "instruments": cmd_instruments,
            "export": cmd_export, "backups": cmd_backups, "restore": cmd_restore,
            "transfer": cmd_transfer, "server": cmd_server}


if __name__ == "__main__":
    sys.exit(main())
