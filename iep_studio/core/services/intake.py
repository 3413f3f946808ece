"""From referral to placement (转介到安置): the district's steps, each child's dated steps,
and where a child stands in them: the furthest step done, what is missing before it, and
what comes next."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.rules import refuse_role
from ..access.visibility import UNRESTRICTED
from ..clock import Clock
from ..errors import QT_TRANSLATE_NOOP, NotFound
from ..intake_steps import KEY_CHARACTERS, NOTHING_RECORDED, Step, shipped_steps
from ..model import Attachment, IntakeRecord, IntakeStep, Student
from ..store import Store
from . import records
from .schools import signed_in_name
from .validation import Checker

STEP_FIELDS = ("key", "name_zh", "name_en", "status_zh", "status_en", "guidance_zh",
               "guidance_en", "required", "retired")
RECORD_FIELDS = ("done_on", "done_by", "note")


def district_steps(s: Session) -> list[Step]:
    """The district's steps in order (retired ones too); the shipped defaults while it has
    set none."""
    rows = list(s.scalars(select(IntakeStep).order_by(IntakeStep.position, IntakeStep.key)))
    if not rows:
        return list(shipped_steps())
    return [Step(**{field: getattr(row, field) for field in STEP_FIELDS}) for row in rows]


@dataclass(frozen=True)
class StepRow:
    """A line of the file's table: a district step with its record (None: not done), or
    a record naming a step this district does not have (`step` None: a file from another
    district), shown by the name it was recorded under."""

    step: Step | None
    record: IntakeRecord | None
    missing: bool = False  # required, not done, and a later step is

    def name(self, language: str) -> str:
        return self.step.name(language) if self.step else self.record.step_name


@dataclass(frozen=True)
class Standing:
    """Where a child is between referral and placement."""

    rows: tuple[StepRow, ...]
    status: str  # the furthest step's status, in the reader's language
    furthest: Step | None
    missing: tuple[Step, ...]
    next_step: Step | None  # None: every required step is done


class IntakeService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock if clock is not None else store.clock

    # -- the district's steps -------------------------------------------------------------
    def steps(self) -> list[Step]:
        with self.store.reading() as s:
            return district_steps(s)

    def save_steps(self, steps: list[Step | dict]) -> list[Step]:
        """The district's whole list, in this order (administrators only: the store
        refuses anyone else, and nothing is changed). A step left out that children's
        records name is retired, not removed; the first save writes the defaults with the
        change."""
        given = [step if isinstance(step, Step) else Step(**step) for step in steps]
        checked = _checked_steps(given)
        actor = self.store.actor
        if actor is not None and not actor.may_write("intake_step"):
            # Said before anything is sent: on a server its own rule would turn a changed
            # step into "someone else changed it", which is not what happened.
            raise refuse_role()
        with self.store.session() as s:
            rows = {row.key: row for row in s.scalars(select(IntakeStep))}
            if not rows:  # the first save: the defaults the district changed are the rows
                rows = {step.key: IntakeStep(**{f: getattr(step, f) for f in STEP_FIELDS},
                                             position=i)
                        for i, step in enumerate(district_steps(s))}
            for position, step in enumerate(checked):
                row = rows.pop(step.key, None) or IntakeStep(key=step.key)
                s.add(row)
                for field in STEP_FIELDS[1:]:
                    setattr(row, field, getattr(step, field))
                row.position = position
            named = set(s.scalars(select(IntakeRecord.step_key).distinct()
                                  .where(IntakeRecord.step_key.in_(list(rows))),
                                  execution_options={UNRESTRICTED: True}))
            left_out = sorted(rows.items(), key=lambda item: item[1].position)
            for after, (key, row) in enumerate(left_out, len(checked)):
                if key in named:
                    row.retired = True
                    row.position = after  # after the list, in their old order
                    s.add(row)
                elif row in s:
                    s.delete(row)
            s.flush()
            return district_steps(s)

    # -- a child's steps ------------------------------------------------------------------
    def for_student(self, student_id: str) -> list[IntakeRecord]:
        """Oldest first."""
        with self.store.reading() as s:
            return list(s.scalars(
                select(IntakeRecord).where(IntakeRecord.student_id == student_id)
                .order_by(IntakeRecord.done_on, IntakeRecord.created_at)))

    def me(self) -> str:
        """The signed-in person's name, as a step's "done by" is first filled in."""
        return signed_in_name(self.store)

    def record(self, student_id: str, step_key: str, done_on=None, done_by: str | None = None,
               note: str = "", id: str | None = None) -> IntakeRecord:  # noqa: A002
        """A step done for a child. `done_on` is today unless given; `done_by` the
        signed-in person unless given."""
        check = Checker()
        key = check.required_text("step_key", step_key, 50)
        values = self._checked(check, {"done_on": done_on or self.clock.today(),
                                       "done_by": self.me() if done_by is None else done_by,
                                       "note": note})
        with self.store.session() as s:
            if s.get(Student, student_id) is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "This student file no longer exists."))
            step = next((st for st in district_steps(s) if st.key == key), None)
            if key and (step is None or step.retired):
                check.add("step_key", QT_TRANSLATE_NOOP(
                    "Errors", "\"{step}\" is not one of the district's steps from referral to "
                    "placement. Choose a step from the list."), step=key)
            elif step is not None:
                done = s.scalar(select(IntakeRecord.done_on).where(
                    IntakeRecord.student_id == student_id, IntakeRecord.step_key == key))
                if done is not None:
                    check.add("step_key", QT_TRANSLATE_NOOP(
                        "Errors", "This step is already recorded for this child (on {date}). "
                        "Change that entry instead."), date=done.isoformat())
            check.raise_if_any()
            row = IntakeRecord(student_id=student_id, step_key=key,
                               step_name=(step.name_zh or step.name_en)[:100], **values)
            if id:
                row.id = id
            s.add(row)
            s.flush()
            return row

    def update(self, record_id: str, changes: dict) -> IntakeRecord:
        """Change a step's date, who did it or the note (the step itself stays)."""
        unknown = set(changes) - set(RECORD_FIELDS)
        if unknown:
            raise ValueError(f"not intake record fields: {sorted(unknown)}")
        with self.store.session() as s:
            row = records.fetch(s, IntakeRecord, record_id)
            current = {field: getattr(row, field) for field in RECORD_FIELDS}
            check = Checker()
            for field, value in self._checked(check, {**current, **changes}).items():
                setattr(row, field, value)
            s.flush()
            return row

    def remove(self, record_id: str) -> dict:
        """The scans attached to the step stay in the file; undo links them again."""
        with self.store.session() as s:
            return records.remove_keeping_links(s, IntakeRecord, record_id,
                                                Attachment.intake_record_id)

    def restore(self, kept: dict) -> IntakeRecord:
        with self.store.session() as s:
            return records.restore_with_links(s, IntakeRecord, kept,
                                              Attachment.intake_record_id)

    def where(self, student_id: str, language: str) -> Standing:
        """Every step in order with its record, the status, the required steps missing
        before the furthest one done, and the next step."""
        with self.store.reading() as s:
            steps = district_steps(s)
            done = list(s.scalars(
                select(IntakeRecord).where(IntakeRecord.student_id == student_id)
                .order_by(IntakeRecord.done_on, IntakeRecord.created_at)))
        return standing(steps, done, language)

    def _checked(self, check: Checker, values: dict) -> dict:
        out = {"done_on": check.date("done_on", values.get("done_on"), required=True,
                                     today=self.clock.today(), not_future=True),
               "done_by": check.optional_text("done_by", values.get("done_by"), 100),
               "note": check.optional_text("note", values.get("note"))}
        check.raise_if_any()
        return out


def standing(steps: list[Step], done: list[IntakeRecord], language: str) -> Standing:
    """Where a child stands, from the district's steps and the child's records."""
    by_key: dict[str, list[IntakeRecord]] = {}
    for row in done:
        by_key.setdefault(row.step_key, []).append(row)
    # A retired step's record shows, but no longer moves the child on: the district
    # follows the steps it has now (and the overview counts them so too).
    reached = [i for i, step in enumerate(steps) if step.key in by_key and not step.retired]
    furthest = steps[reached[-1]] if reached else None
    last = reached[-1] if reached else -1
    missing = tuple(step for step in steps[:max(last, 0)]
                    if step.required and not step.retired and step.key not in by_key)
    next_step = next((step for step in steps[last + 1:]
                      if step.required and not step.retired and step.key not in by_key), None)
    rows = []
    for step in steps:
        if step.key in by_key:
            rows += [StepRow(step, row) for row in by_key[step.key]]
        elif not step.retired:
            rows.append(StepRow(step, None, missing=step in missing))
    known = {step.key for step in steps}
    rows += [StepRow(None, row) for row in done if row.step_key not in known]
    status = (furthest.status(language) if furthest else
              NOTHING_RECORDED.label(language))
    return Standing(tuple(rows), status, furthest, missing, next_step)


def _checked_steps(steps: list[Step]) -> list[Step]:
    check = Checker()
    seen: set[str] = set()
    out = []
    for i, step in enumerate(steps):
        key = check.required_text(f"steps.{i}.key", step.key, 50)
        if key and set(key) - KEY_CHARACTERS:
            check.add(f"steps.{i}.key", QT_TRANSLATE_NOOP(
                "Errors", "A step's key \"{key}\" may hold only lower-case letters, digits, "
                "\"_\" and \"-\"."), key=key)
        elif key in seen:
            check.add(f"steps.{i}.key", QT_TRANSLATE_NOOP(
                "Errors", "Two steps have the key \"{key}\". Give each step its own key."),
                key=key)
        seen.add(key)
        name_zh = check.optional_text(f"steps.{i}.name_zh", step.name_zh, 100)
        name_en = check.optional_text(f"steps.{i}.name_en", step.name_en, 100)
        if not name_zh and not name_en:
            check.add(f"steps.{i}.name_zh", QT_TRANSLATE_NOOP(
                "Errors", "Step {number} has no name. Write its name in Chinese, English or "
                "both."), number=i + 1)
        out.append(Step(
            key, name_zh, name_en,
            check.optional_text(f"steps.{i}.status_zh", step.status_zh, 100),
            check.optional_text(f"steps.{i}.status_en", step.status_en, 100),
            check.optional_text(f"steps.{i}.guidance_zh", step.guidance_zh),
            check.optional_text(f"steps.{i}.guidance_en", step.guidance_en),
            bool(step.required), bool(step.retired)))
    if not any(not step.retired for step in out):
        # An empty list would bring the shipped steps back (they stand while none is kept).
        check.add("steps", QT_TRANSLATE_NOOP(
            "Errors", "Keep at least one step that is followed: with none, no file could "
            "show where a child is between referral and placement."))
    check.raise_if_any()
    return out
