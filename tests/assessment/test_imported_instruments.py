"""A school imports its own instrument (its items, its scale, the conversion tables of a
scale it holds a licence for): checked as a whole, kept in the database so every computer
of the school reads the same items, scored like IEP Studio's own."""
from __future__ import annotations

import pytest

from iep_studio.core.access import Actor, PermissionDenied
from iep_studio.core.errors import IepStudioError
from iep_studio.core.services import Services
from iep_studio.core.services.item_scoring import Scored

from tests.assessment.instrument_files import FINE_MOTOR, GROSS_MOTOR, HEADER, folder, good


def test_an_imported_instrument_is_scored_and_seen_by_every_computer(services, team,
                                                                    tmp_path):
    imported, problems = services.instruments.import_folder(good(tmp_path))
    assert (imported, problems) == (["school-scale"], [])
    assert [i.header.id for i in services.instruments.all()] == ["iep-studio-cba",
                                                                 "school-scale"]
    assessment = services.item_scoring.start(team.student.id, "school-scale")
    services.item_scoring.score(assessment.id, "grasp-01", 5)
    # Another computer of the school: its own services on the same database.
    elsewhere = Services(services.store)
    assert elsewhere.instruments.get("school-scale").item("grasp-01").item.scale == "five-point"
    assert elsewhere.item_scoring.scores(assessment.id) == {"grasp-01": Scored(5)}
    # Imported again, corrected: the new copy replaces the old.
    corrected = folder(tmp_path / "v2", **{
        "instrument.yaml": HEADER.replace("学校评估表", "学校评估表（修订）"),
        "gross_motor.yaml": GROSS_MOTOR, "fine_motor.yaml": FINE_MOTOR})
    assert services.instruments.import_folder(corrected) == (["school-scale"], [])
    assert elsewhere.instruments.get("school-scale").header.title.zh == "学校评估表（修订）"
    # In use: it stays, and says why.
    with pytest.raises(IepStudioError) as refused:
        services.instruments.remove("school-scale")
    assert str(refused.value) == (
        "1 assessments were scored on this instrument, so it stays: their items must remain "
        "readable. Import a corrected copy instead.")
    with pytest.raises(IepStudioError) as refused:
        services.instruments.remove("iep-studio-cba")
    assert str(refused.value) == "IEP Studio's own instrument cannot be removed."


def test_a_folder_with_any_problem_imports_nothing(services, tmp_path):
    broken = folder(tmp_path, **{"instrument.yaml": HEADER,
                                 "gross_motor.yaml": GROSS_MOTOR.replace("gm-stairs-02",
                                                                         "gm-stares-02"),
                                 "fine_motor.yaml": FINE_MOTOR})
    imported, problems = services.instruments.import_folder(broken)
    assert imported == [] and [p.where() for p in problems] == [
        "gross_motor.yaml:21 subdomains.0.items.1.objectives.0"]
    assert [i.header.id for i in services.instruments.all()] == ["iep-studio-cba"]
    own = folder(tmp_path / "own", **{
        "instrument.yaml": HEADER.replace("id: school-scale", "id: iep-studio-cba")})
    imported, problems = services.instruments.import_folder(own)
    assert imported == [] and [p.text() for p in problems] == [
        "The id \"iep-studio-cba\" is IEP Studio's own instrument. Give yours another id."]
    imported, problems = services.instruments.import_folder(tmp_path / "own" / "..")
    assert imported == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert [p.text() for p in services.instruments.import_folder(empty)[1]] == [
        "No instrument.yaml in this folder: an instrument is a folder with its "
        "instrument.yaml and one file per domain."]


def test_only_those_who_may_change_the_library_import(services, team, tmp_path):
    services.store.actor = Actor("acc-liu", "刘老师", "team_member", team.head_teacher)
    with pytest.raises(PermissionDenied):
        services.instruments.import_folder(good(tmp_path))
    services.store.actor = None
    assert [i.header.id for i in services.instruments.all()] == ["iep-studio-cba"]
