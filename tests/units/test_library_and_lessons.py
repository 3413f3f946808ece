"""The library as a teacher uses it: find, copy and adapt, import, export, make lessons."""
from __future__ import annotations

import pytest
import yaml

from iep_studio.core.errors import EditConflict, InvalidInput, NotFound
from iep_studio.core.paths import course_units_dir
from iep_studio.core.services.lessons import LessonPlace
from iep_studio.core.units.search import GoalFilter, UnitFilter

EXAMPLE_ID = "sustained-attention-listening"


def test_search_units_in_both_languages_and_by_filters(services):
    library = services.library
    assert EXAMPLE_ID in [e.unit.id for e in library.search_units(UnitFilter(query="持续注意"))]
    assert EXAMPLE_ID in [e.unit.id for e in library.search_units(UnitFilter(query="clap"))]
    found = library.search_units(UnitFilter(kind="deficit", domain="cognition", age_band="6-9"))
    assert EXAMPLE_ID in [e.unit.id for e in found]
    assert library.search_units(UnitFilter(kind="apparatus", query="持续注意 听指令")) == []
    assert all(e.shipped for e in library.entries())


def test_goal_bank_search(services):
    goals = services.library.search_goals(GoalFilter(query="握笔"))
    assert goals and all("握笔" in g.subdomain.zh or "握笔" in g.behaviour.zh for g in goals)
    assert services.library.search_goals(GoalFilter(query="tripod grip", domain="fine_motor"))


def test_duplicate_a_shipped_unit_and_adapt_it(services):
    copy = services.library.duplicate(EXAMPLE_ID)
    assert copy.unit.id == f"{EXAMPLE_ID}-copy" and not copy.shipped
    assert copy.unit.title.zh.endswith("（副本）")
    again = services.library.duplicate(EXAMPLE_ID)
    assert again.unit.id == f"{EXAMPLE_ID}-copy-2"
    document = copy.unit.model_dump(mode="json", exclude_none=True)
    document["duration_minutes"] = 45
    saved = services.library.save_unit(document, expected_version=copy.version)
    assert services.library.get(copy.unit.id).unit.duration_minutes == 45
    with pytest.raises(EditConflict):
        services.library.save_unit(document, expected_version=copy.version)
    assert saved.version == copy.version + 1


def test_editing_problems_name_the_field(services):
    document = services.library.duplicate(EXAMPLE_ID).unit.model_dump(mode="json")
    document["duration_minutes"] = 0
    document["steps"][0]["levels"] = document["steps"][0]["levels"][:1]
    with pytest.raises(InvalidInput) as excinfo:
        services.library.save_unit(document, replacing=document["id"])
    found = {p.field: p.text() for p in excinfo.value.problems}
    assert found == {"duration_minutes": "0 is too small; at least 10.",
                     "steps.0.levels": "Too few entries; expected at least 2."}


def test_a_shipped_id_or_a_taken_id_is_refused(services):
    document = services.library.get(EXAMPLE_ID).unit.model_dump(mode="json")
    with pytest.raises(InvalidInput) as excinfo:
        services.library.save_unit(document)
    assert excinfo.value.problems[0].text() == (
        f"\"{EXAMPLE_ID}\" is the id of a shipped unit. Give your unit its own id.")
    first = services.library.duplicate(EXAMPLE_ID).unit.model_dump(mode="json")
    second = services.library.duplicate(EXAMPLE_ID).unit.model_dump(mode="json")
    second_id = second["id"]
    second["id"] = first["id"]
    with pytest.raises(InvalidInput) as excinfo:
        services.library.save_unit(second, replacing=second_id)
    assert excinfo.value.problems[0].text() == (
        f"Another unit already has the id \"{first['id']}\".")


def test_remove_only_what_was_written_here(services):
    copy = services.library.duplicate(EXAMPLE_ID)
    services.library.remove_unit(copy.unit.id)
    with pytest.raises(NotFound) as excinfo:
        services.library.get(copy.unit.id)
    assert str(excinfo.value) == f"The course unit \"{copy.unit.id}\" no longer exists."
    with pytest.raises(NotFound) as excinfo:
        services.library.remove_unit(EXAMPLE_ID)
    assert str(excinfo.value) == ("Shipped units cannot be removed; only units written here "
                                  "can.")


def test_export_then_import_into_another_database(services, tmp_path):
    copy = services.library.duplicate(EXAMPLE_ID)
    path = services.library.export_unit(copy.unit.id, tmp_path / "mine.yaml")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == copy.unit.id
    services.library.remove_unit(copy.unit.id)
    (tmp_path / "broken.yaml").write_text("id: [", encoding="utf-8")
    saved, problems = services.library.import_folder(tmp_path)
    assert saved == [copy.unit.id]
    assert [p.file for p in problems] == ["broken.yaml"]
    saved, problems = services.library.import_files([path])  # the same file again
    assert saved == [] and [str(p) for p in problems] == [
        f"mine.yaml id: A unit with the id \"{copy.unit.id}\" is already in your library. "
        "Change the id in the file to import it as a new unit."]
    shipped = course_units_dir() / "deficit" / f"{EXAMPLE_ID}.yaml"
    saved, problems = services.library.import_files([shipped])
    assert [str(p) for p in problems] == [
        f"{EXAMPLE_ID}.yaml id: \"{EXAMPLE_ID}\" is the id of a shipped unit. Give your "
        "unit its own id."]


def test_lesson_for_two_students_keeps_its_own_copy_of_the_unit(services, school):
    a = services.students.create(school.id, "张小明")
    b = services.students.create(school.id, "王小红")
    copy = services.library.duplicate(EXAMPLE_ID)
    lesson = services.lessons.make_lesson(
        copy.unit.id, "2026-11-20",
        [LessonPlace(a.id, tier=1, adjustments="数字卡片放大", objectives=["持续听3分钟"]),
         LessonPlace(b.id, tier=3)])
    assert [(p.tier, p.adjustments) for p in lesson.students] == [(1, "数字卡片放大"), (3, "")]
    document = copy.unit.model_dump(mode="json")
    document["title"]["zh"] = "改过的标题"
    services.library.save_unit(document)
    again = services.lessons.get(lesson.id)
    assert again.unit_snapshot["title"]["zh"] == copy.unit.title.zh  # history unchanged
    assert again.title == copy.unit.title.zh
    assert [l.id for l in services.lessons.for_student(a.id)] == [lesson.id]


def test_lesson_needs_a_date_and_a_student(services):
    with pytest.raises(InvalidInput) as excinfo:
        services.lessons.make_lesson(EXAMPLE_ID, "", [])
    assert {p.field: p.text() for p in excinfo.value.problems} == {
        "given_on": "This field is required.", "students": "Choose at least one student."}
    with pytest.raises(InvalidInput) as excinfo:
        services.lessons.make_lesson(EXAMPLE_ID, "2026-11-20", [LessonPlace("x", tier=5)])
    assert excinfo.value.problems[0].text() == "The level must be 1, 2 or 3."
    with pytest.raises(NotFound) as excinfo:
        services.lessons.get("gone")
    assert str(excinfo.value) == "This lesson no longer exists."


def test_the_shipped_library_has_no_problems():
    from iep_studio.core.units.loading import load_folder

    assert load_folder(course_units_dir()).problems == []


# What a resource teacher in a regular primary or junior school meets first (issue: teaching
# content for a whole school), each with the units that serve it; every gap needs two.
GAPS = {
    "pinyin": ["app-learning-software-pinyin-practice", "def-pinyin-spell-syllables"],
    "reading comprehension": ["sit-library-choose-read-retell",
                              "def-reading-comprehension-find-answers"],
    "writing a paragraph": ["def-writing-look-at-pictures-and-write",
                            "def-writing-paragraph-plan-and-revise"],
    "multiplication table": ["def-multiplication-table-meaning",
                             "def-multiplication-table-recall"],
    "word problems": ["def-word-problems-read-and-draw", "def-word-problems-two-step"],
    "money and time": ["sit-phone-payment-small-purchases", "def-time-clock-and-schedule",
                       "sit-supermarket-shopping-list"],
    "fractions": ["def-fractions-parts-of-a-whole", "def-fractions-compare-and-use"],
    "transition (12-15)": ["sit-metro-independent-journey", "def-transition-to-junior-school"],
    "vocational (12-15)": ["sit-work-placement-first-day", "def-vocational-work-habits"],
    "self-advocacy (12-15)": ["sit-tests-using-my-accommodations",
                              "def-self-advocacy-knowing-my-needs"],
    "puberty": ["def-puberty-body-changes", "def-puberty-hygiene-periods-and-shaving"],
    "body safety and boundaries": ["def-body-safety-private-parts",
                                   "def-boundaries-personal-space-and-online"],
    "bullying": ["def-bullying-recognise-say-no-tell",
                 "def-class-meeting-standing-up-to-bullying"],
    "hearing aids and listening": ["app-hearing-aid-daily-care",
                                   "def-listening-with-hearing-aids"],
    "orientation and mobility": ["app-white-cane-campus-routes", "def-orientation-sighted-guide"],
    "low-vision aids": ["app-low-vision-magnifier-reading", "def-low-vision-efficient-seeing"],
    "wheelchair transfers and positioning": ["app-wheelchair-transfers-and-positioning",
                                             "sit-home-learning-positioning-and-play"],
    "唱游与律动": ["app-percussion-rhythm-band", "app-rainbow-parachute-music-games",
                "app-keyboard-colour-melody"],
    "绘画与手工": ["app-art-materials-collage-and-cutting",
                "def-handcraft-paper-folding-and-weaving"],
    "信息技术": ["app-tablet-computer-class-tools", "sit-phone-payment-small-purchases"],
    "劳动技能": ["sit-class-duty-sweeping-and-wiping", "def-chores-laundry-and-tidying"],
    "health (运动与保健)": ["sit-midday-rest-quiet-time", "sit-drills-fire-and-earthquake",
                         "sit-toilet-handwashing-steps"],
    "dressing": ["def-dressing-buttons-and-zips", "def-dressing-for-weather-and-pe"],
    "packing the school bag": ["def-packing-school-bag",
                               "sit-starting-primary-school-bag-and-routines"],
    "articulation beyond g/k": ["app-speech-software-s-and-sh",
                                "def-articulation-z-c-s-and-zh-ch-sh"],
    "communication beyond requesting": ["app-voice-output-commenting-and-answering",
                                        "def-aac-commenting-and-joining-talk"],
    "a class meeting on difference": ["def-class-meeting-on-difference",
                                      "def-class-meeting-standing-up-to-bullying"],
    "peer support": ["sit-break-time-play-with-peers", "app-rainbow-parachute-music-games"],
    "a behaviour support plan with the head teacher": [
        "def-behaviour-support-plan-with-head-teacher", "app-calm-corner-using-my-plan"],
}


def test_shipped_library_counts_per_kind_and_domain():
    """75 units, 22 of each kind, one for every apparatus and situation the app ships;
    600 objectives, 8 in every domain for every age band, 3 long-term goals per cell."""
    from collections import Counter

    from iep_studio.core.units.loading import load_folder
    from iep_studio.core.vocabulary import APPARATUS, DOMAINS, SITUATIONS

    library = load_folder(course_units_dir())
    assert library.problems == []
    kinds = Counter(unit.kind for unit in library.units.values())
    assert len(library.units) >= 75
    assert min(kinds["deficit"], kinds["apparatus"], kinds["situation"]) >= 22, kinds
    assert {u.situation for u in library.units.values() if u.situation} == set(SITUATIONS.codes())
    assert {u.apparatus for u in library.units.values() if u.apparatus} == set(APPARATUS.codes())
    assert len(library.goals) >= 600
    cells = Counter((goal.domain.split(".")[0], goal.age_band) for goal in library.goals.values())
    long_term = Counter((goal.domain.split(".")[0], goal.age_band)
                        for goal in library.long_term_goals.values())
    for code in (c for c in DOMAINS.codes() if "." not in c):
        for band in ("3-6", "6-9", "9-12", "12-15"):
            assert cells[code, band] >= 8, (code, band)
            assert long_term[code, band] >= 3, (code, band)
    subdomains = Counter(goal.domain for goal in library.goals.values())
    assert subdomains["perception.vestibular"] >= 8
    assert subdomains["perception.proprioceptive"] >= 8
    missing = {gap: [u for u in units if u not in library.units] for gap, units in GAPS.items()}
    assert {gap: units for gap, units in missing.items() if units} == {}


def test_shipped_content_keeps_the_house_rules():
    """docs/CONTENT.md: a number and a period in every criterion, a home tip for every
    objective, every objective under a long-term goal, units that fit a timetable, wording
    fit for the age, 'student' throughout."""
    from tests.units.content_rules import library_problems

    assert library_problems(course_units_dir()) == []


def test_a_goal_reads_as_one_sentence(services):
    goal = services.library.shipped().goals["fm-pencil-grip-01"]
    assert goal.sentence("zh_CN") == ("在提供三角握笔器的情况下，学生能用三指正确握笔描画直线，"
                                      "连续3次课，每次10条线中至少8条握姿正确。")
    assert goal.sentence("en") == ("Given a triangular pencil grip, the student holds the pencil "
                                   "with a tripod grip and traces straight lines, with a correct "
                                   "grip on at least 8 of 10 lines, in 3 consecutive sessions.")


def test_searching_again_and_again_keeps_one_search_text_per_unit(services):
    services.library.duplicate(EXAMPLE_ID)
    for query in ("注意", "attention", "拍手", "clap"):
        services.library.search_units(UnitFilter(query=query))
    units = len(services.library.entries())
    assert len([k for k in services.library._texts if k[0] == "CourseUnit"]) == units
