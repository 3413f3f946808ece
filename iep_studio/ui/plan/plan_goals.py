"""Sections 6-7: long-term goals and their short-term objectives, in a tree that reorders
by drag or by Ctrl+Up/Down, with the selected one's fields beside it and the goal bank
at hand (Enter or double-click adds the goal-bank objective to the plan)."""
from __future__ import annotations

from ...core.iep.terms import MEASUREMENTS, REVIEW_CODES, objective_sentence
from ...core.vocabulary import DOMAINS
from ..widgets.fields import ChoiceField, DateField, TextArea, TextField
from .goal_bank_panel import GoalBankPanel
from ..i18n import current_language
from ..qt import (
    QAbstractItemView, QCompleter, QFormLayout, QHBoxLayout, QLabel, QPushButton, QRect,
    QShortcut, QSplitter, QStackedWidget, QStyledItemDelegate, QStyleOptionViewItem, Qt,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget, Signal,
)
from .plan_pages import label as _label
from ..editing.record_form import RecordForm
from ..student_list import vocabulary_combo

ROLE = Qt.ItemDataRole.UserRole


class WrappedRows(QStyledItemDelegate):
    """Each row of a tree as tall as its text wrapped at the width it has: a tree asks its
    rows' heights without saying how wide they are, so a long objective was cut short
    with "…" instead of wrapping."""

    def sizeHint(self, option, index):  # noqa: N802 - Qt API
        tree = self.parent()
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        option = QStyleOptionViewItem(option)
        # A whole rectangle: the style wraps only within one that is valid.
        option.rect = QRect(0, 0, max(tree.columnWidth(0) - depth * tree.indentation(), 40),
                            option.fontMetrics.height())
        return super().sizeHint(option, index)


class GoalTree(QTreeWidget):
    """Signals:
    moved(str, str, str, int): (kind, id, goal id, position) a goal or an objective was
        dropped or moved with Ctrl+arrows; the plan is changed by the receiver, and the
        tree is redrawn from the saved plan (Qt never moves the items itself).
    """

    moved = Signal(str, str, str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setItemDelegate(WrappedRows(self))
        # A new width wraps the rows anew (the tree keeps their heights otherwise).
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(event.key())
        if step and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.move_selected(step)
            return
        super().keyPressEvent(event)

    def move_selected(self, step: int) -> None:
        item = self.currentItem()
        if item is None:
            return
        kind, record_id = item.data(0, ROLE)
        parent = item.parent()
        if kind == "goal":
            position = self.indexOfTopLevelItem(item) + step
            if 0 <= position < self.topLevelItemCount():
                self.moved.emit(kind, record_id, record_id, position)
            return
        position = parent.indexOfChild(item) + step
        if 0 <= position < parent.childCount():
            self.moved.emit(kind, record_id, parent.data(0, ROLE)[1], position)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Work out where the dragged row should go and say so; the drop itself is
        ignored, so the tree only changes when the plan has."""
        item = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if item is None or target is None or target is item:
            return
        kind, record_id = item.data(0, ROLE)
        target_kind, target_id = target.data(0, ROLE)
        rect = self.visualItemRect(target)
        after = event.position().toPoint().y() > rect.center().y()
        if kind == "goal":
            goal_item = target if target_kind == "goal" else target.parent()
            position = self.indexOfTopLevelItem(goal_item)
            if position > self.indexOfTopLevelItem(item):
                position -= 1  # the goal leaves its old place first
            self.moved.emit(kind, record_id, record_id, position + (1 if after else 0))
        elif target_kind == "goal":  # onto a goal: becomes its last objective
            self.moved.emit(kind, record_id, target_id, target.childCount())
        else:
            goal_item = target.parent()
            position = goal_item.indexOfChild(target)
            if item.parent() is goal_item and position > goal_item.indexOfChild(item):
                position -= 1
            self.moved.emit(kind, record_id, goal_item.data(0, ROLE)[1],
                            position + (1 if after else 0))


class GoalsPage(QWidget):
    """Signals:
    add_goal(), add_objective(), remove_selected(): the buttons and keys.
    add_from_bank(str): a goal-bank id to add to the plan.
    """

    add_goal = Signal()
    add_objective = Signal()
    remove_selected = Signal()
    add_from_bank = Signal(str)

    def __init__(self, goal_form: RecordForm, objective_form: RecordForm, library,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.language = current_language()
        self.tree = GoalTree()
        self.tree.setAccessibleName(self.tr("Goals and objectives"))
        buttons = QHBoxLayout()
        self.new_goal = QPushButton(self.tr("New &goal"))
        self.new_objective = QPushButton(self.tr("New &objective"))
        self.remove = QPushButton(self.tr("&Remove"))
        self.up = QPushButton(self.tr("Up"))
        self.down = QPushButton(self.tr("Down"))
        self.up.setToolTip(self.tr("Move up (Ctrl+Up)"))
        self.down.setToolTip(self.tr("Move down (Ctrl+Down)"))
        for button in (self.new_goal, self.new_objective, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.new_goal.clicked.connect(self.add_goal)
        self.new_objective.clicked.connect(self.add_objective)
        self.remove.clicked.connect(self.remove_selected)
        self.up.clicked.connect(lambda: self.tree.move_selected(-1))
        self.down.clicked.connect(lambda: self.tree.move_selected(1))
        delete = QShortcut(Qt.Key.Key_Delete, self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)

        self.editors = QStackedWidget()
        hint = QLabel(self.tr("Choose a goal or an objective, or add one from the goal bank "
                              "on the right."))
        hint.setWordWrap(True)  # the splitter may leave it less than a line's width
        hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.editors.addWidget(hint)
        self.editors.addWidget(self._goal_editor(goal_form))
        self.editors.addWidget(self._objective_editor(objective_form))
        self.goal_form, self.objective_form = goal_form, objective_form

        left = QSplitter(Qt.Orientation.Vertical)
        tree_box = QWidget()
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addLayout(buttons)
        left.addWidget(tree_box)
        left.addWidget(self.editors)
        left.setSizes([320, 380])

        self.bank = GoalBankPanel(library)
        self.add_bank = QPushButton(self.tr("&Add to plan"))
        self.add_bank.setToolTip(self.tr("Adds the chosen goal-bank objective (or press "
                                         "Enter, or double-click it)."))
        self.add_bank.clicked.connect(self._add_chosen)
        # Enter or a double-click on a row (the view's "activated")
        self.bank.table.activated.connect(lambda _i: self._add_chosen())
        bank_box = QWidget()
        bank_layout = QVBoxLayout(bank_box)
        bank_layout.setContentsMargins(0, 0, 0, 0)
        bank_layout.addWidget(QLabel("<b>" + self.tr("Goal bank") + "</b>"))
        bank_layout.addWidget(self.bank, 1)
        bank_layout.addWidget(self.add_bank)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(bank_box)
        self.splitter.setSizes([470, 530])  # the bank's objectives are the longer text
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.plan = None

    def _goal_editor(self, form: RecordForm) -> QWidget:
        page = QWidget()
        layout = QFormLayout(page)
        domain = ChoiceField()
        vocabulary_combo(domain, DOMAINS, "")
        form.bind(layout, "domain", domain, self.tr("Domain:"))
        form.bind(layout, "statement", TextArea(), _label("goal"))
        return page

    def _objective_editor(self, form: RecordForm) -> QWidget:
        page = QWidget()
        layout = QFormLayout(page)
        self.carried = QLabel()
        layout.addRow(self.carried)
        for field in ("condition", "behaviour", "criterion"):
            area = TextArea()
            area.setMaximumHeight(area.fontMetrics().lineSpacing() * 3 + 12)
            area.setMinimumHeight(area.fontMetrics().lineSpacing() * 2 + 12)
            form.bind(layout, field, area, _label(field))
        measurement = TextField()
        measurement.setCompleter(QCompleter([t.label(self.language) for t in MEASUREMENTS],
                                            measurement))
        form.bind(layout, "measurement", measurement, _label("measurement"))
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        start, target = DateField(), DateField()
        start_holder = form.bind(None, "start_date", start, self.tr("Start date"))
        target_holder = form.bind(None, "target_date", target, self.tr("Target date"))
        row.addWidget(start_holder)
        row.addWidget(QLabel("–"))
        row.addWidget(target_holder)
        row.addStretch(1)
        layout.addRow(_label("dates"), dates)
        self.responsible = TextField()
        form.bind(layout, "responsible", self.responsible, _label("responsible"))
        self.reviews = QLabel()
        self.reviews.setWordWrap(True)
        layout.addRow(self.reviews)
        return page

    # -- showing the plan -----------------------------------------------------------------
    def show_plan(self, plan, team_names: list[str], read_only: bool) -> None:
        self.plan = plan
        chosen = self.selected()
        language = self.language
        self.tree.blockSignals(True)
        self.tree.clear()
        restore = None
        for g, goal in enumerate(plan.goals, 1):
            domain = DOMAINS.label(goal.domain, language)
            text = f"{g}  {domain}：{goal.statement}" if language.startswith("zh") else (
                f"{g}  {domain}: {goal.statement}")
            goal_item = QTreeWidgetItem([text.rstrip("：: ")])
            goal_item.setData(0, ROLE, ("goal", goal.id))
            goal_item.setFlags(goal_item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
            self.tree.addTopLevelItem(goal_item)
            restore = goal_item if chosen == ("goal", goal.id) else restore
            for o, objective in enumerate(goal.objectives, 1):
                status = f"[{objective.carried_status}] " if objective.carried_status else ""
                item = QTreeWidgetItem([f"{g}.{o}  {status}"
                                        f"{objective_sentence(objective, language)}"])
                item.setData(0, ROLE, ("objective", objective.id))
                item.setToolTip(0, item.text(0))
                goal_item.addChild(item)
                restore = item if chosen == ("objective", objective.id) else restore
            goal_item.setExpanded(True)
        self.tree.blockSignals(False)
        if restore is not None:
            self.tree.setCurrentItem(restore)
        self.responsible.setCompleter(QCompleter(team_names, self.responsible))
        for button in (self.new_goal, self.new_objective, self.remove, self.up, self.down,
                       self.add_bank):
            button.setEnabled(not read_only)
        self.tree.setDragEnabled(not read_only)
        self._read_only = read_only
        self._show_selected()

    def selected(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def select(self, kind: str, record_id: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            goal_item = self.tree.topLevelItem(i)
            for item in (goal_item, *(goal_item.child(j) for j in range(goal_item.childCount()))):
                if item.data(0, ROLE) == (kind, record_id):
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def _show_selected(self) -> None:
        chosen = self.selected()
        read_only = getattr(self, "_read_only", False)
        if self.plan is None or chosen is None:
            self.editors.setCurrentIndex(0)
            return
        kind, record_id = chosen
        for goal in self.plan.goals:
            if kind == "goal" and goal.id == record_id:
                self.objective_form.flush()
                self.goal_form.show(goal, read_only)
                self.editors.setCurrentIndex(1)
                return
            for objective in goal.objectives:
                if objective.id == record_id:
                    self.goal_form.flush()
                    self.objective_form.show(objective, read_only)
                    self._describe(objective)
                    self.editors.setCurrentIndex(2)
                    return

    def _describe(self, objective) -> None:
        language = self.language
        self.carried.setText(self.tr("Carried over from the previous plan, last reviewed: %1")
                             .replace("%1", REVIEW_CODES.label(objective.carried_status,
                                                               language))
                             if objective.carried_status else "")
        self.carried.setVisible(bool(objective.carried_status))
        lines = [f"{r.reviewed_on.isoformat()}  {REVIEW_CODES.label(r.code, language)}  "
                 f"{r.comment}" for r in objective.reviews]
        self.reviews.setText("\n".join(lines))
        self.reviews.setVisible(bool(lines))

    def _add_chosen(self) -> None:
        if getattr(self, "_read_only", False):
            return
        row = self.bank.table.currentRow()
        if row >= 0:
            self.add_from_bank.emit(self.bank.table.item(row, 0).data(ROLE))

    def chosen_goal_id(self) -> str | None:
        """The goal the selection is in (an objective's goal), if any."""
        item = self.tree.currentItem()
        if item is None:
            return None
        goal_item = item if item.parent() is None else item.parent()
        return goal_item.data(0, ROLE)[1]

