"""What a file's parts offer to change, by what the signed-in role may save.

The store refuses any change a role does not allow (core/access/rules.py); this only
spares a read-only account, a team member or a district coordinator buttons whose every
use would be refused. Forms lock themselves (editing/record_form.py), and the plan
window its own sections."""
from __future__ import annotations

from ..qt import QWidget
from ..widgets.record_table import RecordTable

# Per part of the file (the view's attribute names): its buttons or tables of entries, and
# the record each of them saves.
CHANGES_IN_TAB = {
    "profile": (("edit_categories", "student_category"),
                ("change_placement", "placement_period")),
    "family": (("guardians", "guardian"),),
    "team": (("members", "team_membership"), ("add_approver", "team_membership")),
    "intake": (("table", "intake_record"),),
    "assessments": (("list", "assessment"), ("score_button", "item_score")),
    "plans": (("new_button", "plan"),),
    "progress": (("record_button", "observation"), ("rule_button", "plan_objective")),
    "behaviour": (("table", "behaviour_record"),),
    "home_visits": (("table", "home_visit"),),
    "guidance": (("table", "case_guidance"),),
}


def offer_only_what_may_be_saved(view: QWidget, actor) -> None:
    """Hide the buttons of `view` (a StudentFileView) that save what `actor` may not
    (`actor` None: the program itself, or a copy without accounts, may save anything).
    Called after the parts show a file, since some show or hide their own buttons then:
    a button hidden here is shown again only by this, for someone who may save."""
    for part, controls in CHANGES_IN_TAB.items():
        tab = getattr(view, part, None)
        for name, table in controls:
            control = getattr(tab, name, None)
            if control is None:
                continue
            writable = actor is None or actor.may_write(table)
            if isinstance(control, RecordTable):
                control.set_writable(writable)
            elif not writable:
                control.setVisible(False)
                control.hidden_for_role = True
            elif getattr(control, "hidden_for_role", False):
                control.setVisible(True)
                control.hidden_for_role = False
