"""Settings → Accounts: an administrator gives a district coordinator the schools they
follow, and is told when none is ticked."""
from __future__ import annotations

from iep_studio.ui.admin.accounts_dialog import AccountForm, AccountsDialog
from iep_studio.ui.qt import Qt

from .conftest import press_ok, type_text, when_dialog_opens


def ticked(form) -> list[str]:
    schools = form.schools
    return [schools.item(i).text() for i in range(schools.count())
            if schools.item(i).checkState() == Qt.CheckState.Checked]


def tick(form, name: str, on: bool = True) -> None:
    schools = form.schools
    item = next(schools.item(i) for i in range(schools.count())
                if schools.item(i).text() == name)
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_an_administrator_chooses_the_schools_a_coordinator_follows(open_window, qtbot):
    window = open_window("en")  # its words in English: the Chinese come with translation
    services = window.services
    south = services.schools.create_school("城南小学")
    services.schools.create_school("城北小学")
    services.accounts.create_first("chen", "陈校长")
    services.store.actor = services.accounts.sign_in("chen", "")
    dialog = AccountsDialog(services, window)
    qtbot.addWidget(dialog)
    seen = {}

    def fill(form):
        assert isinstance(form, AccountForm)
        seen["list for a teacher"] = form.schools.isVisibleTo(form)
        type_text(form.username, "zhou")
        type_text(form.display_name, "周老师")
        form.role.set_value("district_coordinator")
        seen["list"] = form.schools.isVisibleTo(form)
        seen["warning"] = form.no_school.isVisibleTo(form) and form.no_school.text()
        tick(form, "城南小学")
        seen["warning after a tick"] = form.no_school.isVisibleTo(form)
        press_ok(form)

    when_dialog_opens(qtbot, fill)
    dialog.add()
    assert seen == {"list for a teacher": False, "list": True,
                    "warning": "No school is ticked: this coordinator will see no student's "
                               "file until you tick one.",
                    "warning after a tick": False}
    zhou = next(a for a in services.accounts.list() if a.username == "zhou")
    assert zhou.role == "district_coordinator"
    assert services.accounts.followed_schools(zhou.id) == [south.id]

    # Editing: the schools are remembered; another role and back keeps the ticks; a
    # coordinator may be left with none, and is then warned about.
    def edit(form):
        seen["ticked"] = ticked(form)
        form.role.set_value("resource_teacher")
        seen["list as a teacher"] = form.schools.isVisibleTo(form)
        form.role.set_value("district_coordinator")
        seen["ticked again"] = ticked(form)
        tick(form, "城南小学", False)
        seen["warned"] = form.no_school.isVisibleTo(form)
        press_ok(form)

    dialog.table.setCurrentCell(next(r for r, a in enumerate(dialog.accounts)
                                     if a.username == "zhou"), 0)
    when_dialog_opens(qtbot, edit)
    dialog.edit()
    assert seen["ticked"] == seen["ticked again"] == ["城南小学"]
    assert not seen["list as a teacher"] and seen["warned"]
    assert services.accounts.followed_schools(zhou.id) == []
    dialog.close()
