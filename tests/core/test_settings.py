from iep_studio.core.language import saved_language, system_language
from iep_studio.core.settings import Settings


def test_settings_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    Settings(language="en", demo_offered=True).save(path)
    assert Settings.load(path) == Settings(language="en", demo_offered=True)


def test_damaged_settings_fall_back_to_defaults_and_are_kept_aside(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path) == Settings()
    assert (tmp_path / "settings.damaged.json").read_text(encoding="utf-8") == "{not json"


def test_language_follows_the_system(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert system_language() == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert system_language() == "en"


def test_saved_language_is_read_without_pydantic(tmp_path):
    path = tmp_path / "settings.json"
    assert saved_language(path) == ""
    Settings(language="en").save(path)
    assert saved_language(path) == "en"
    path.write_text('{"language": "klingon"}', encoding="utf-8")
    assert saved_language(path) == ""
