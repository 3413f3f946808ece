"""The student file: a header with who the child is, and its parts listed down the left."""
from __future__ import annotations

from html import escape

from ...core.access import PermissionDenied
from ...core.errors import NotFound
from ...core.model import Student
from ...core.store.changes import Changes
from ...core.vocabulary import CATEGORIES, PLACEMENTS, age_on, join_labels
from .assessments_tab import AssessmentsTab
from .attachments_tab import AttachmentsTab
from .behaviour_tab import BehaviourTab
from .family_tab import FamilyTab
from .guidance_tab import GuidanceTab
from .home_visits_tab import HomeVisitsTab
from .intake_tab import IntakeTab
from ..editing.file_editing import FileEditing
from ..i18n import current_language
from .lessons_tab import LessonsTab
from .plans_tab import PlansTab
from .profile_tab import ProfileTab
from .progress_tab import ProgressTab
from .role_buttons import offer_only_what_may_be_saved
from ..actions import plain_title
from ..icons import FILE_PART_ICONS
from ..qt import (
    QHBoxLayout, QKeySequence, QLabel, QShortcut, QStackedWidget, QTabWidget, QVBoxLayout,
    QWidget,
)
from ..widgets.dialogs import name_pages
from ..widgets.section_list import SectionList
from ..widgets.system_look import PROBLEM, coloured_span
from .history_tab import HistoryTab
from .team_tab import TeamTab


# The records each tab shows beyond the student's own row: after a change, a tab that shows
# none of the changed kinds is left as it is (its queries are what a redraw costs). The
# profile, family and history tabs are always redrawn: they read only the student already
# loaded, or wait until they are looked at.
SHOWN_IN_TAB = {
    "team": {"team_membership", "person", "guardian"},  # guardians are its parents
    "assessments": {"assessment", "assessment_result", "item_score"},
    "lessons": {"lesson", "lesson_student"},
    "plans": {"plan", "plan_review", "plan_signature", "plan_revision"},
    "progress": {"plan", "plan_goal", "plan_objective", "objective_review", "observation"},
    "behaviour": {"behaviour_record"},
    "home_visits": {"home_visit", "placement_period"},
    "intake": {"intake_record"},
    "guidance": {"case_guidance"},
    # What an attachment belongs to is named by its plan or intake step.
    "attachments": {"attachment", "plan", "intake_record", "observation"},
}


class StudentFileView(QWidget):
    def __init__(self, editing: FileEditing, home: QWidget | None = None,
                 parent: QWidget | None = None):
        """`home` is shown when no student is open (the reminders)."""
        super().__init__(parent)
        self.editing = editing
        self.student: Student | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setObjectName("fileHeader")
        self.header.setContentsMargins(4, 6, 4, 10)  # the name heads the file, with room
        self.profile = ProfileTab(editing)
        self.family = FamilyTab(editing)
        self.team = TeamTab(editing)
        self.intake = IntakeTab(editing)
        self.assessments = AssessmentsTab(editing)
        self.lessons = LessonsTab(editing)
        self.plans = PlansTab(editing)
        self.progress = ProgressTab(editing)
        self.behaviour = BehaviourTab(editing)
        self.home_visits = HomeVisitsTab(editing)
        self.guidance = GuidanceTab(editing)
        self.attachments = AttachmentsTab(editing)
        self.history = HistoryTab(editing)
        self.team.family_requested.connect(lambda: self.tabs.setCurrentWidget(self.family))
        self.tabs = QTabWidget()
        # Alt+F, E, T, S and H open the window's menus: the parts leave those letters to
        # them, and to the buttons of a part (S&core, &Open, &New plan, &Compare).
        self.tabs.addTab(self.profile, self.tr("&Profile"))
        self.tabs.addTab(self.family, self.tr("Famil&y"))
        self.tabs.addTab(self.team, self.tr("Tea&m"))
        self.tabs.addTab(self.intake, self.tr("Inta&ke"))
        self.tabs.addTab(self.assessments, self.tr("&Assessments"))
        self.tabs.addTab(self.plans, self.tr("&IEP"))
        self.tabs.addTab(self.progress, self.tr("Pro&gress"))
        self.tabs.addTab(self.lessons, self.tr("&Lessons"))
        self.tabs.addTab(self.behaviour, self.tr("&Behaviour"))
        self.tabs.addTab(self.home_visits, self.tr("Home &visits"))
        self.tabs.addTab(self.guidance, self.tr("Gui&dance"))
        # No letter of "Attachments" is free (menus, parts and the parts' buttons take
        # them all): Alt+J, from 附件 (fùjiàn); the title shows without it (plain_title).
        self.tabs.addTab(self.attachments, self.tr("Attachments (&J)"))
        self.tabs.addTab(self.history, self.tr("Histo&ry"))
        name_pages(self.tabs)  # the profile scrolls: it takes the focus, named by its tab
        self._list_sections()
        if home is None:
            home = QLabel(self.tr("Choose a student on the left, or make a new file "
                                  "with Ctrl+N."))
            home.setWordWrap(True)
        self.empty = home
        file_page = QWidget()
        file_layout = QVBoxLayout(file_page)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.header)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.sections)
        body.addWidget(self.tabs, 1)
        file_layout.addLayout(body, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(file_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _list_sections(self) -> None:
        """The parts of the file down the left, each with its icon and whole name: ten
        tabs and more ran out of room beside the student list on a laptop. The tab widget
        still holds the pages (its bar hidden), so the app turns to a part as before; each
        part's Alt+letter still turns to it."""
        self.tabs.tabBar().hide()
        self.tabs.setDocumentMode(True)  # no frame of its own: the page is the window's
        self.sections = SectionList(self.tr("Parts of the file"))
        icon_of = {getattr(self, name): icon for name, icon in FILE_PART_ICONS.items()}
        for index in range(self.tabs.count()):
            title = self.tabs.tabText(index)
            self.sections.add_section(plain_title(title), icon_of.get(self.tabs.widget(index)))
            keys = QKeySequence.mnemonic(title)
            if not keys.isEmpty():
                QShortcut(keys, self, lambda i=index: self._turn_to(i))
        self.sections.currentRowChanged.connect(self._turn_to)
        self.tabs.currentChanged.connect(self.sections.setCurrentRow)
        self.sections.setCurrentRow(self.tabs.currentIndex())

    def _turn_to(self, index: int) -> None:
        if 0 <= index < self.tabs.count() and self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)

    def open_student(self, student_id: str | None, changes: Changes | None = None) -> bool:
        """Show a file (or nothing). Returns False if it no longer exists. With `changes`
        (what an operation on the file shown wrote), only the tabs showing those records
        are redrawn."""
        if student_id is None:
            self.student = None
            self.pages.setCurrentIndex(0)
            return True
        try:
            student = self.editing.services.students.get(student_id)
        except (NotFound, PermissionDenied):  # removed elsewhere, or no longer on its team
            self.open_student(None)
            return False
        if self.student is not None and self.student.id != student_id:
            self.flush()
        same_file = self.student is not None and self.student.id == student_id
        self.student = student
        # Nothing recorded (a refused undo: the record went meanwhile) redraws it all.
        self._show(student, changes if same_file and changes else None)
        self.pages.setCurrentIndex(1)
        return True

    def reload(self, changes: Changes | None = None) -> None:
        if self.student is not None:
            self.open_student(self.student.id, changes)

    def flush(self) -> None:
        """Save any text still waiting (switching students, closing the window)."""
        self.profile.form.flush()
        self.family.form.flush()

    def _show(self, s: Student, changes: Changes | None = None) -> None:
        language = current_language()
        parts = []
        if s.birth_date:
            parts.append(self.tr("age %1").replace(
                "%1", str(age_on(s.birth_date, self.editing.services.today()))))
        parts.append(escape(f"{s.grade}{s.class_name}"))
        parts.append(join_labels((CATEGORIES.label(c.category, language) for c in s.categories),
                                 language))
        current = s.current_placement
        if current:
            parts.append(PLACEMENTS.label(current.placement, language))
        elif not s.placements:  # a file begun at the referral: where it stands is in Intake
            parts.append(self.tr("not placed yet"))
        if s.archived:
            parts.append(coloured_span(self.tr("archived"), PROBLEM, self))
        # The name as the file's heading, what the child is on the line below it; sizes
        # relative to the system's text, so both grow with it.
        self.header.setText(f"<div style='font-size: x-large; font-weight: 600'>"
                            f"{escape(s.full_name)}</div><div style='margin-top: 4px'>"
                            + "　·　".join(p for p in parts if p) + "</div>")
        for name in ("profile", "family", "team", "intake", "assessments", "lessons", "plans",
                     "progress", "behaviour", "home_visits", "guidance", "attachments",
                     "history"):
            shown = SHOWN_IN_TAB.get(name)
            if changes is None or shown is None or changes.touches(shown):
                getattr(self, name).show_student(s)
        # Home visits matter for students taught at home (or who were): show the tab then.
        self.tabs.setTabVisible(self.tabs.indexOf(self.home_visits), bool(
            (current and current.placement == "home_delivered") or self.home_visits.visits))
        for index in range(self.tabs.count()):
            self.sections.item(index).setHidden(not self.tabs.isTabVisible(index))
        offer_only_what_may_be_saved(self, self.editing.services.store.actor)
