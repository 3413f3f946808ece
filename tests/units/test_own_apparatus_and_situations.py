"""A school adds the apparatus and situations its resource room really has and does, and
writes units around them; the lists are kept in the database and travel with backups."""
from __future__ import annotations

import pytest
import yaml

from iep_studio.core.errors import EditConflict, InvalidInput, NotFound
from iep_studio.core.units.search import UnitFilter

CLIMBING_WALL = {"name_zh": "攀岩墙", "name_en": "Climbing wall",
                 "domains": ["gross_motor", "perception.proprioceptive"],
                 "safety_zh": "垫子铺满落地区，学生离地不超过1米。",
                 "safety_en": "Mats under the whole wall; feet no higher than 1 m."}


def unit_around(code: str, unit_id: str = "app-climbing-wall-reach") -> dict:
    """A small but complete unit built around apparatus `code`."""
    text = lambda zh: {"zh": zh, "en": zh}  # noqa: E731
    return {
        "id": unit_id, "kind": "apparatus", "apparatus": code,
        "title": text("攀岩墙：伸手够点"), "summary": text("在低矮攀岩墙上横向移动"),
        "domains": ["gross_motor"], "age_bands": ["9-12"], "duration_minutes": 40,
        "objectives": [{"domain": "gross_motor", "text": text("横向移动3个点")}],
        "materials": [text("攀岩墙、垫子")], "safety": [text("一人一墙")],
        "steps": [{"title": text("热身"), "minutes": 10, "activity": text("活动手腕"),
                   "levels": [{"tier": 1, "task": text("扶墙站"), "support": text("扶腰")},
                              {"tier": 2, "task": text("抓一个点"), "support": text("提示")}]},
                  {"title": text("横移"), "minutes": 30, "activity": text("横向移动"),
                   "levels": [{"tier": 1, "task": text("移1个点"), "support": text("扶腰")},
                              {"tier": 3, "task": text("移5个点"), "support": text("无")}]}],
        "assignments": [{"tier": 1, "task": text("抓握练习")},
                        {"tier": 2, "task": text("悬挂10秒")}],
        "assessment": [{"method": text("观察"), "criterion": text("3次中2次")}],
        "adjustments": {key: text("按需") for key in (
            "difficulty", "amount", "timing", "opportunity", "materials", "design")},
    }


def test_an_added_apparatus_is_offered_beside_the_shipped_ones(services):
    wall = services.unit_centres.add("apparatus", CLIMBING_WALL)
    assert (wall.code, wall.own, wall.label("zh_CN")) == ("climbing_wall", True, "攀岩墙")
    offered = services.unit_centres.all("apparatus")
    assert offered[0].code == "therapy_ball" and offered[-1] == wall  # shipped first
    assert services.unit_centres.vocabulary("apparatus").label("climbing_wall", "en") == \
        "Climbing wall"
    assert services.unit_centres.all("situation")[-1].own is False  # only apparatus grew
    room = services.unit_centres.add("situation", {"name_zh": "感统教室午间开放"})
    assert room.code == "own_1" and room.kind == "situation"  # no English name: a plain code


def test_a_unit_around_the_schools_apparatus_is_saved_found_and_exported(services, tmp_path):
    services.unit_centres.add("apparatus", CLIMBING_WALL)
    entry = services.library.save_unit(unit_around("climbing_wall"))
    found = services.library.search_units(UnitFilter(apparatus="climbing_wall"))
    assert [e.unit.id for e in found] == [entry.unit.id]
    path = services.library.export_unit(entry.unit.id, tmp_path / "wall.yaml")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["apparatus"] == "climbing_wall"


def test_a_unit_file_naming_an_apparatus_this_school_lacks_is_refused_plainly(
        services, tmp_path):
    (tmp_path / "wall.yaml").write_text(yaml.safe_dump(unit_around("climbing_wall"),
                                                       allow_unicode=True), encoding="utf-8")
    saved, problems = services.library.import_folder(tmp_path)
    assert saved == [] and "Unknown apparatus 'climbing_wall'" in problems[0].text()
    services.unit_centres.add("apparatus", CLIMBING_WALL)  # added here too: now it imports
    saved, problems = services.library.import_folder(tmp_path)
    assert (saved, problems) == (["app-climbing-wall-reach"], [])


def test_names_must_be_given_new_and_domains_real(services):
    with pytest.raises(InvalidInput) as refused:
        services.unit_centres.add("apparatus", {"name_zh": " ", "domains": ["flying"]})
    fields = {p.field: p.message for p in refused.value.problems}
    assert fields["name_zh"] == "Give it a name, in Chinese, English or both."
    assert fields["domains"] == "Unknown domain \"{code}\"."
    with pytest.raises(InvalidInput) as refused:
        services.unit_centres.add("apparatus", {"name_zh": "大龙球"})  # shipped already
    assert refused.value.problems[0].text() == (
        "\"大龙球\" is already in the list. Use that one, or give this another name.")
    with pytest.raises(InvalidInput) as refused:
        services.unit_centres.add("room", {"name_zh": "走廊"})
    assert refused.value.problems[0].message == "Choose apparatus or a situation."


def test_an_apparatus_in_use_is_kept_until_its_units_are_changed(services):
    wall = services.unit_centres.add("apparatus", CLIMBING_WALL)
    services.library.save_unit(unit_around("climbing_wall"))
    with pytest.raises(InvalidInput) as refused:
        services.unit_centres.remove(wall.id)
    assert refused.value.problems[0].text() == (
        "The unit \"app-climbing-wall-reach\" is built around it. Change that unit first, "
        "then remove this.")
    services.library.remove_unit("app-climbing-wall-reach")
    kept = services.unit_centres.remove(wall.id)
    assert services.unit_centres.own() == []
    with pytest.raises(NotFound) as gone:
        services.unit_centres.update(wall.id, {"name_zh": "攀岩"})
    assert str(gone.value) == "This apparatus or situation no longer exists."
    back = services.unit_centres.restore(kept)  # undo puts it back as it was
    assert (back.id, back.code, back.safety_en) == (wall.id, "climbing_wall",
                                                    CLIMBING_WALL["safety_en"])


def test_a_change_from_an_older_copy_is_refused(services):
    wall = services.unit_centres.add("apparatus", CLIMBING_WALL)
    changed = services.unit_centres.update(wall.id, {"name_zh": "室内攀岩墙"}, wall.version)
    assert changed.label("zh_CN") == "室内攀岩墙" and changed.code == "climbing_wall"
    with pytest.raises(EditConflict):
        services.unit_centres.update(wall.id, {"name_zh": "攀岩"}, wall.version)


def test_backups_carry_the_schools_own_lists(services, data_paths):
    from iep_studio.core.services import Services
    from iep_studio.core.store import open_store
    from iep_studio.core.store.backup import backup_sqlite

    services.unit_centres.add("apparatus", CLIMBING_WALL)
    services.store.checkpoint()
    backup = backup_sqlite(services.store.sqlite_path, data_paths.backups, "manual")
    copy = open_store(f"sqlite:///{backup}")
    try:
        assert [c.label("zh_CN") for c in Services(copy).unit_centres.own()] == ["攀岩墙"]
    finally:
        copy.dispose()


def test_a_lesson_plan_names_the_schools_apparatus(services, school):
    from iep_studio.reports.teaching_documents import lesson_document

    services.unit_centres.add("apparatus", CLIMBING_WALL)
    services.library.save_unit(unit_around("climbing_wall"))
    text = lesson_document(services, "zh_CN", unit_id="app-climbing-wall-reach").text()
    assert "器材本位（攀岩墙）" in text
