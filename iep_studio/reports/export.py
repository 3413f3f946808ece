"""Exporting documents for one or many students: one file per student and format, named
so a folder of them sorts and reads well, written whole or not at all."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import QT_TRANSLATE_NOOP, IepStudioError
from ..core.file_names import fitted_name
from ..core.saving import write_whole
from ..core.vocabulary import Term, Vocabulary
from . import document as d

DOCUMENT_KINDS = Vocabulary(
    Term("iep", "个别化教育计划", "IEP"),
    Term("parent", "家长版计划", "Plan for the family"),
    Term("progress", "进展报告", "Progress report"),
    Term("assessment", "评估报告", "Assessment report"),
    Term("scoring_form", "评分记录表", "Scoring form"),
    Term("lesson", "教案", "Lesson plan"),
    Term("week", "资源教室周计划", "Weekly plan"),
    Term("caseload", "个案一览", "Caseload summary"),
    Term("data_sheet", "观察记录表", "Observation data sheet"),
)
# One file per student; the others make one document for the room or the selection.
PER_STUDENT = ("iep", "parent", "progress", "assessment")


@dataclass(frozen=True)
class Finish:
    """The school's own touches, from the settings: a logo in every header, and a .docx
    that Word documents start from (whose page size and margins PDFs take too)."""

    logo: Path | None = None
    word_template: Path | None = None

    @classmethod
    def from_settings(cls, settings) -> Finish:
        def path(value: str) -> Path | None:
            return Path(value) if value else None
        return cls(path(settings.document_logo), path(settings.word_template))

    def apply(self, doc: d.Document) -> d.Document:
        if self.logo is not None:
            try:
                data = self.logo.read_bytes()
            except OSError as error:
                raise _unreadable_logo(self.logo, error.strerror or str(error)) from error
            if not data.startswith((b"\x89PNG", b"\xff\xd8")) or not _whole_image(data):
                raise _unreadable_logo(self.logo, "not a whole PNG or JPEG image")
            doc.logo = data
        return doc


def _whole_image(data: bytes) -> bool:
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.load()  # decodes it all: a cut-off file fails here, not in the export
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False


def _unreadable_logo(path: Path, reason: str) -> IepStudioError:
    return IepStudioError(QT_TRANSLATE_NOOP(
        "Errors", "The school logo {path} cannot be read: {reason}. Choose it again in "
        "Settings, or clear it."), path=str(path), reason=reason)


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (student name, why)


def build(services, kind: str, student_id: str, language: str) -> d.Document | None:
    """The document of `kind` for a student; None if there is nothing to print (no plan)."""
    if kind == "progress":
        from .progress_document import progress_document

        return progress_document(services, student_id, language)
    if kind == "assessment":  # the latest assessment scored item by item
        from .assessment_document import assessment_document

        latest = next((a for a in services.assessments.for_student(student_id)
                       if a.instrument_id), None)
        return assessment_document(services, latest.id, language) if latest else None
    plan_id = services.students.working_plan_id(student_id)
    if plan_id is None:
        return None
    if kind == "iep":
        from .iep_document import iep_document

        return iep_document(services, plan_id, language)
    from .parent_document import parent_document

    return parent_document(services, plan_id, language)


def file_name(student, kind: str, language: str, extension: str, extra: str = "") -> str:
    """陈宇轩_2024010205_家长版计划_zh_CN.pdf: sorts by name, says what it is. `extra`
    tells apart two students who would otherwise get the same name. A name too long for
    the file system is shortened; the number, `extra`, the kind and language stay whole."""
    tail = [student.student_number or "", extra, DOCUMENT_KINDS.label(kind, language),
            language]
    return fitted_name(student.full_name, "".join(f"_{p}" for p in tail if p), extension)


def write(doc: d.Document, path: Path, finish: Finish = Finish()) -> Path:
    """Render `doc` as the file `path` names (.pdf or .docx), whole or not at all."""
    finish.apply(doc)

    def render(temporary: Path) -> None:
        # Each renderer's library only when its format is written (python-docx alone
        # takes a tenth of a second to import).
        if path.suffix == ".pdf":
            from .pdf import render_pdf

            page = None
            if finish.word_template is not None:  # the PDF on the template's page too
                from .word import template_page

                page = template_page(finish.word_template)
            render_pdf(doc, temporary, page)
        else:
            from .word import render_docx

            render_docx(doc, temporary, base=finish.word_template)

    return write_whole(path, render)


def export_one(doc: d.Document, stem: str, formats: list[str], folder: Path,
               finish: Finish = Finish()) -> list[Path]:
    """A document for the room or a selection (a week, a lesson, a caseload)."""
    return [write(doc, folder / fitted_name(stem, "", extension), finish)
            for extension in formats]


def export_documents(services, student_ids: list[str], kind: str, formats: list[str],
                     language: str, folder: Path, finish: Finish = Finish(),
                     progress: Callable[[int, int], None] = lambda done, total: None
                     ) -> ExportResult:
    result = ExportResult()
    used: set[str] = set()
    for done, student_id in enumerate(student_ids, start=1):
        student = services.students.get(student_id)
        doc = build(services, kind, student_id, language)
        if doc is None:
            result.skipped.append((student.full_name, "no plan" if not language.startswith(
                "zh") else "还没有计划"))
        else:
            for extension in formats:
                name = file_name(student, kind, language, extension)
                if name in used:  # two children of the same name and no number
                    name = file_name(student, kind, language, extension,
                                     extra=student.id[:8])
                used.add(name)
                result.written.append(write(doc, folder / name, finish))
        progress(done, len(student_ids))
    return result
