"""Paper data sheets: for a session, a day or a school week, each student's objectives with
room to write the trials, the duration, the count and a note by hand.

A teacher who records on paper types the sheet into the observation entry afterwards, so
the sheet follows the entry: the objectives in the order and numbering it lists them (the
same service call chooses them), trials written with the letters of its keys, and its
fields in its order (trials, duration, count, note). Only students the person may see are
on it: the objectives come through the same rule as every other read.
"""
from __future__ import annotations

from datetime import date, timedelta

from ..core.iep.terms import objective_sentence
from ..core.progress.trials import KEYS, ORDER, PROMPT_LEVELS
from ..core.school_year import monday_of
from ..core.vocabulary import DOMAINS, weekday_name
from . import document as d
from .teaching_documents import schools_of

# The entry's own words where it has them (尝试, 时长, 次数, 备注), so the sheet and the
# window read alike.
LABELS = {
    "title": ("观察记录表", "Observation data sheet"),
    "whose": ("{name}的目标", "{name}: objectives"), "date": ("日期", "Date"),
    "teacher": ("教师", "Teacher"), "school": ("学校", "School"), "no": ("序号", "No."),
    "trials": ("尝试", "Trials"), "duration": ("时长", "Duration"), "count": ("次数", "Count"),
    "note": ("备注", "Note"),
    "how": ("每次尝试写一个字母，录入时在“记录观察”窗口按同一个字母，或括号里的数字键：",
            "Write one letter for each trial. In the observation entry, type the same letter "
            "or the number key in brackets:"),
    "then": ("时长写分钟，或 3:30。录入时按表中的顺序逐行输入，与记录窗口列出的顺序相同。",
             "Write the duration in minutes, or as 3:30. Type the sheet in row by row: the "
             "observation entry lists the objectives in the same order."),
    "week_box": ("每天一格：“时长”后写时长，下面的空白处写尝试的字母。",
                 "Each day's box: the duration after \u201cDuration\u201d, the trials' "
                 "letters in the space below."),
    "no_objective": ("（没有计划目标：可记录备注、时长或次数）",
                     "(no plan objective: a note, a duration or a count)"),
    "nobody": ("（没有可记录的学生）", "(no students to record)"),
}
# Blank lines in an empty cell: the renderers size a row by its text, so these give room
# to write by hand (three lines in a day's box, three under the duration in a week's
# narrow one). Each holds a no-break space: a layout drops empty lines at the end of a
# cell. The duration's label heads a week's box: a row is as tall as its longest
# objective, and a label at the top stays in the same place in every row.
BLANK_LINE = "\n\u00a0"
DAY_BOX = "\u00a0" + BLANK_LINE * 2
WEEK_BOX = BLANK_LINE * 3


def _w(key: str, language: str) -> str:
    zh, en = LABELS[key]
    return zh if language.startswith("zh") else en


def legend(language: str) -> list[tuple[str, str, str]]:
    """(letter, meaning, number key) for each prompt level, least help first: the keys
    of the observation entry as it shows them."""
    keys = {code: key for key, code in KEYS.items()}
    return [(code, PROMPT_LEVELS.label(code, language), keys[code]) for code in ORDER]


def legend_table(language: str) -> d.Table:
    """The letters over their meanings, with the entry's number key beside each letter."""
    zh = language.startswith("zh")
    levels = legend(language)
    # Each column as wide as its meaning needs: Chinese wraps anywhere (a character is two
    # letters wide), English only between words, so its longest word must fit.
    widths = [max(min(len(label) * 2, 14), 6) + 4 if zh
              else max(len(word) for word in label.split()) + 3
              for _code, label, _key in levels]
    head = [f"{code}（{key}）" if zh else f"{code} ({key})" for code, _label, key in levels]
    return d.Table(head, [[label for _code, label, _key in levels]], widths)


def day_heading(day: date, language: str) -> str:
    """周三 11/18, Wed 18/11: a day as the planner titles it."""
    if language.startswith("zh"):
        return f"{weekday_name(day, 'zh', short=True)} {day.month}/{day.day}"
    return f"{weekday_name(day, 'en', short=True)} {day.day:02d}/{day.month:02d}"


def sheet_days(day: date, days: int = 1) -> list[date]:
    """The days a sheet has columns for: `day` alone, or from the Monday of its week."""
    start = day if days <= 1 else monday_of(day)
    return [start + timedelta(days=i) for i in range(max(days, 1))]


def data_sheet(services, student_ids: list[str], language: str, day: date, days: int = 1, *,
               lesson_id: str | None = None, teacher: str = "") -> d.Document:
    """A sheet for these students: one day (`days` 1), or the school week of `day` (`days`
    5, a column per day). With a lesson, its objectives come first as in the entry of a
    session of that lesson."""
    dates = sheet_days(day, days)
    targets = services.observations.targets(list(student_ids), lesson_id)
    doc = _document(services, targets, language, dates, teacher)
    _add_students(doc, targets, language, dates)
    if not targets:
        doc.add(d.Paragraph(_w("nobody", language)))
    return doc


def sessions_sheet(services, session_ids: list[str], language: str, *,
                   only_student: str = "", teacher: str = "") -> d.Document:
    """A sheet for planned sessions (a day's, say): each session a part, its students and
    objectives as the entry opened on that session lists them. `only_student`: that
    student's rows alone (the planner showing one student's week)."""
    parts = []
    for session_id in session_ids:
        session = services.planner.get_session(session_id)
        targets = [t for t in services.observations.session_targets(session_id)
                   if not only_student or t.student_id == only_student]
        if targets:
            parts.append((session, targets))
    days = sorted({session.day for session, _targets in parts}) or [services.today()]
    every = [t for _session, targets in parts for t in targets]
    doc = _document(services, every, language, days, teacher, per_day=True)
    for session, targets in parts:
        times = f"{session.starts}–{session.ends}" if session.ends else session.starts
        first = day_heading(session.day, language) if len(days) > 1 else ""
        room = (f"（{session.room}）" if language.startswith("zh") else f"({session.room})"
                ) if session.room else ""
        part = "　".join(p for p in (first, times, session.title, room) if p) \
            or day_heading(session.day, language)
        doc.add(d.Heading(part))
        # The session named in each table too: a table that begins a page still says
        # which session it records.
        _add_students(doc, targets, language, [session.day], part)
    if not parts:
        doc.add(d.Paragraph(_w("nobody", language)))
    return doc


def _document(services, targets, language: str, dates: list[date], teacher: str,
              per_day: bool = False) -> d.Document:
    zh = language.startswith("zh")
    by_day = len(dates) == 1 or per_day
    if by_day:
        short = [(x.isoformat(), weekday_name(x, language, short=True)) for x in dates]
        when = ("、".join(f"{day}（{name}）" for day, name in short) if zh
                else ", ".join(f"{day} ({name})" for day, name in short))
    else:
        when = f"{dates[0].isoformat()} — {dates[-1].isoformat()}" if zh \
            else f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
    school = schools_of(services, list(dict.fromkeys(t.student_id for t in targets)), language)
    how = _w("then", language)
    if not by_day:
        how += ("" if zh else " ") + _w("week_box", language)
    doc = d.Document(_w("title", language), language, running_head=when, school=school,
                     subtitle=when)
    doc.add(d.Fields([(_w("date", language), when),
                      (_w("teacher", language), teacher or _signed_in(services)),
                      (_w("school", language), school)]),
            d.Paragraph(_w("how", language)),
            legend_table(language),
            d.Paragraph(how, "note"))
    return doc


def _add_students(doc: d.Document, targets, language: str, dates: list[date],
                  part: str = "") -> None:
    """A table per student, in the entry's order; numbered as the entry lists them. The
    student's name heads the objectives' column rather than a heading above the table: a
    heading is kept on the page of the whole table after it, which left most of a page
    empty before a long week, and a header row comes back on every page the table runs to."""
    by_student: dict[str, list] = {}
    for target in targets:
        by_student.setdefault(target.student_id, []).append(target)
    if len(dates) > 1:
        days = [day_heading(x, language).replace(" ", "\n") for x in dates]
        widths = [1.2, 3.9, *([2.0] * len(dates)), 1.9]
        colon = "：" if language.startswith("zh") else ":"
        box = _w("duration", language) + colon + WEEK_BOX
        head, blanks = [*days, _w("note", language)], [box] * len(dates) + [""]
    else:
        head = [_w("trials", language), _w("duration", language), _w("count", language),
                _w("note", language)]
        widths = [1.2, 4.8, 3.9, 2.0, 1.6, 3.5]
        blanks = [DAY_BOX, "", "", ""]
    for rows in by_student.values():
        whose = _w("whose", language).replace("{name}", rows[0].student_name)
        if part:
            whose += "\n" + part
        doc.add(d.Table([_w("no", language), whose, *head],
                        [[str(number), _objective_text(t, language), *blanks]
                         for number, t in enumerate(rows, start=1)], widths))


def _objective_text(target, language: str) -> str:
    if not target.objective_id:
        return _w("no_objective", language)
    domain = DOMAINS.label(target.domain, language)
    sentence = objective_sentence(target, language)
    return f"[{domain}] {sentence}" if domain else sentence


def _signed_in(services) -> str:
    """The signed-in person's name, for a sheet made without one given."""
    return services.schools.signed_in_name()
