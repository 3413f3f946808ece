"""What course units are built around besides a deficit: the apparatus of a resource room
and the situations of school and community life. The app ships lists of both
(core/vocabulary.py); a school adds its own (names in both languages, the domains they
train, safety notes), kept in the database, so the unit form, the library's filters and the
planner offer them on every computer of the school, and backups carry them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from ..errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, Problem
from ..model import OwnApparatusOrSituation, UserCourseUnit
from ..store import Store
from ..vocabulary import APPARATUS, DOMAINS, SITUATIONS, Term, Vocabulary
from .validation import Checker

KINDS = ("apparatus", "situation")
SHIPPED = {"apparatus": APPARATUS, "situation": SITUATIONS}
FIELDS = ("name_zh", "name_en", "domains", "safety_zh", "safety_en")


@dataclass(frozen=True)
class Centre:
    """One piece of apparatus or one situation, shipped or the school's own."""

    kind: str
    code: str
    zh: str
    en: str
    domains: tuple[str, ...] = ()
    safety_zh: str = ""
    safety_en: str = ""
    own: bool = False
    id: str = ""  # of the school's own, else ""
    version: int | None = None

    def label(self, language: str) -> str:
        first, second = (self.zh, self.en) if language.startswith("zh") else (self.en, self.zh)
        return first or second


class UnitCentres:
    def __init__(self, store: Store):
        self.store = store

    # -- reading --------------------------------------------------------------------------
    def own(self, kind: str | None = None) -> list[Centre]:
        with self.store.reading() as s:
            query = select(OwnApparatusOrSituation).order_by(OwnApparatusOrSituation.created_at)
            if kind:
                query = query.where(OwnApparatusOrSituation.kind == kind)
            return [_centre(record) for record in s.scalars(query)]

    def all(self, kind: str) -> list[Centre]:
        """The shipped ones, then the school's own, in the order they were added."""
        shipped = [Centre(kind, t.code, t.zh, t.en) for t in SHIPPED[kind]]
        return shipped + self.own(kind)

    def vocabulary(self, kind: str) -> Vocabulary:
        """Shipped and own together, for lists, filters and labels."""
        return Vocabulary(*(Term(c.code, c.zh or c.en, c.en or c.zh) for c in self.all(kind)))

    def context(self) -> dict[str, set[str]]:
        """The school's codes, as unit validation takes them (core/units/schema.py)."""
        codes: dict[str, set[str]] = {kind: set() for kind in KINDS}
        for centre in self.own():
            codes[centre.kind].add(centre.code)
        return codes

    # -- writing --------------------------------------------------------------------------
    def add(self, kind: str, values: dict) -> Centre:
        if kind not in KINDS:
            raise InvalidInput([Problem("kind", QT_TRANSLATE_NOOP(
                "Errors", "Choose apparatus or a situation."), {})])
        checked = self._checked(kind, values)
        with self.store.session() as s:
            taken = set(SHIPPED[kind].codes()) | set(s.scalars(
                select(OwnApparatusOrSituation.code)))
            record = OwnApparatusOrSituation(kind=kind, code=_new_code(checked, taken),
                                             **checked)
            if values.get("id"):  # put back by undo, as it was
                record.id, record.code = values["id"], values.get("code") or record.code
            s.add(record)
            s.flush()
            return _centre(record)

    def update(self, centre_id: str, changes: dict,
               expected_version: int | None = None) -> Centre:
        with self.store.session() as s:
            record = self._record(s, centre_id)
            if expected_version is not None and record.version != expected_version:
                from .students import _conflict

                raise _conflict()
            current = {f: getattr(record, f) for f in FIELDS}
            checked = self._checked(record.kind, {**current, **changes}, record.id)
            for name in FIELDS:
                setattr(record, name, checked[name])
            s.flush()
            return _centre(record)

    def remove(self, centre_id: str) -> dict:
        """Remove one of the school's own; refused while a unit written here is built
        around it. Returns what `add` needs to put it back (undo)."""
        with self.store.session() as s:
            record = self._record(s, centre_id)
            users = [u.unit_id for u in s.scalars(select(UserCourseUnit).where(
                UserCourseUnit.archived.is_(False)))
                if u.document.get(record.kind) == record.code]
            if users:
                raise InvalidInput([Problem("", QT_TRANSLATE_NOOP(
                    "Errors", "The unit \"{unit}\" is built around it. Change that unit "
                    "first, then remove this."), {"unit": users[0]})])
            kept = {"kind": record.kind, "id": record.id, "code": record.code,
                    **{f: getattr(record, f) for f in FIELDS}}
            s.delete(record)
            return kept

    def restore(self, kept: dict) -> Centre:
        return self.add(kept["kind"], kept)

    def _record(self, s, centre_id: str) -> OwnApparatusOrSituation:
        record = s.get(OwnApparatusOrSituation, centre_id)
        if record is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "This apparatus or situation no longer exists."))
        return record

    def _checked(self, kind: str, values: dict, own_id: str | None = None) -> dict:
        check = Checker()
        zh = check.optional_text("name_zh", values.get("name_zh"), 100)
        en = check.optional_text("name_en", values.get("name_en"), 100)
        if not zh and not en:
            check.add("name_zh", QT_TRANSLATE_NOOP(
                "Errors", "Give it a name, in Chinese, English or both."))
        names = {n.casefold() for n in (zh, en) if n}
        for other in self.all(kind):
            if other.id and other.id == own_id:
                continue
            if names & {n.casefold() for n in (other.zh, other.en) if n}:
                check.add("name_zh", QT_TRANSLATE_NOOP(
                    "Errors", "\"{name}\" is already in the list. Use that one, or give this "
                    "another name."), name=other.label("zh" if zh else "en"))
                break
        domains = []
        for code in values.get("domains") or []:
            if code not in DOMAINS:
                check.add("domains", QT_TRANSLATE_NOOP(
                    "Errors", "Unknown domain \"{code}\"."), code=code)
            elif code not in domains:
                domains.append(code)
        safety_zh = check.optional_text("safety_zh", values.get("safety_zh"), 2000)
        safety_en = check.optional_text("safety_en", values.get("safety_en"), 2000)
        check.raise_if_any()
        return {"name_zh": zh, "name_en": en, "domains": domains, "safety_zh": safety_zh,
                "safety_en": safety_en}


def _centre(record: OwnApparatusOrSituation) -> Centre:
    return Centre(record.kind, record.code, record.name_zh, record.name_en,
                  tuple(record.domains or ()), record.safety_zh, record.safety_en, True,
                  record.id, record.version)


def _new_code(values: dict, taken: set[str]) -> str:
    """A code a unit file can name: from the English name ("Climbing wall" ->
    "climbing_wall"), else "own_1", "own_2"…; never one already taken."""
    base = re.sub(r"[^a-z0-9]+", "_", values["name_en"].lower()).strip("_")[:50] or "own"
    code, n = base, 1
    while code in taken or code == "own":
        n += 1
        code = f"{base}_{n}" if base != "own" else f"own_{n - 1}"
    return code
