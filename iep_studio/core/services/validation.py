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
