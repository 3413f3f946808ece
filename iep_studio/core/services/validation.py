"""Checks shared by the services. Each adds a Problem naming the field and what to do."""
from __future__ import annotations

from datetime import date

from ..errors import QT_TRANSLATE_NOOP, InvalidInput, Problem
from ..vocabulary import Vocabulary


class Checker:
    """Collects every problem in one form, so the user sees all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, **params) -> None:
        self.problems.append(Problem(field, message, params))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)

    def required_text(self, field: str, value, max_length: int) -> str:
        text = (value or "").strip() if isinstance(value, str) or value is None else str(value)
        if not text:
            self.add(field, QT_TRANSLATE_NOOP("Errors", "This field is required."))
        elif len(text) > max_length:
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "Too long: at most {limit} characters."), limit=max_length)
        return text

    def optional_text(self, field: str, value, max_length: int | None = None) -> str:
        text = "" if value is None else str(value).strip()
        if max_length is not None and len(text) > max_length:
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "Too long: at most {limit} characters."), limit=max_length)
        return text

    def choice(self, field: str, value, vocabulary: Vocabulary, allow_empty: bool = True) -> str:
        code = (value or "").strip()
        if not code and allow_empty:
            return ""
        if code not in vocabulary:
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "\"{value}\" is not one of the choices: {choices}."),
                value=code, choices=", ".join(vocabulary.codes()))
        return code

    def date(self, field: str, value, *, required: bool = False, today: date | None = None,
             not_future: bool = False) -> date | None:
        """Accept a date or an ISO string (YYYY-MM-DD, as typed in files and commands)."""
        if value in (None, ""):
            if required:
                self.add(field, QT_TRANSLATE_NOOP("Errors", "This field is required."))
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                self.add(field, QT_TRANSLATE_NOOP(
                    "Errors", "\"{value}\" is not a date. Write it as YYYY-MM-DD, "
                    "for example 2016-09-01."), value=value)
                return None
        if value.year < 1900:
            self.add(field, QT_TRANSLATE_NOOP("Errors", "The year {year} is too early."),
                     year=value.year)
        elif not_future and today is not None and value > today:
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "{date} is in the future. Check the year and the month."),
                date=value.isoformat())
        return value

    def order(self, earlier_field: str, earlier: date | None, later_field: str,
              later: date | None, message: str) -> None:
        if earlier and later and later < earlier:
            self.add(later_field, message, earlier=earlier.isoformat(), later=later.isoformat())

    def time_of_day(self, field: str, value) -> str:
        """A clock time as HH:MM ("8:05" becomes "08:05"); empty is allowed."""
        text = (value or "").strip().replace("：", ":")
        if not text:
            return ""
        hours, _, minutes = text.partition(":")
        try:
            h, m = int(hours), int(minutes or 0)
        except ValueError:
            h = m = -1
        if not (0 <= h <= 23 and 0 <= m <= 59):
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "\"{value}\" is not a time. Write it as hours:minutes, for example "
                "08:30 or 14:05."), value=text)
            return text
        return f"{h:02d}:{m:02d}"

    def count(self, field: str, value, highest: int, lowest: int = 0) -> int | None:
        """A whole number from `lowest` to `highest`; empty is allowed."""
        if value in (None, ""):
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or not lowest <= number <= highest:
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "Write a whole number from {lowest} to {highest}."),
                lowest=lowest, highest=highest)
            return None
        return number

    def duration(self, field: str, value) -> int | None:
        """Seconds, from a number of seconds or text a teacher types: "5" (minutes),
        "2.5" (minutes), "3:30" (minutes:seconds) or "45s"/"45秒"."""
        if value in (None, ""):
            return None
        if isinstance(value, int):
            seconds = value
        else:
            seconds = _seconds(str(value).strip().lower().replace("：", ":"))
        if seconds is None or not 0 <= seconds <= 24 * 3600:
            self.add(field, QT_TRANSLATE_NOOP(
                "Errors", "\"{value}\" is not a length of time. Write minutes (5), "
                "minutes:seconds (3:30) or seconds (45s)."), value=value)
            return None
        return seconds


def _seconds(text: str) -> int | None:
    try:
        if text.endswith(("s", "秒")):
            return int(text[:-1].strip())
        if text.endswith(("min", "分钟", "分")):
            text = text.rstrip("min分钟").strip()
        if ":" in text:
            minutes, seconds = text.split(":", 1)
            return int(minutes) * 60 + int(seconds) if 0 <= int(seconds) < 60 else None
        return round(float(text) * 60)
    except (ValueError, OverflowError):  # "abc"; "inf" or "1e400" minutes
        return None
