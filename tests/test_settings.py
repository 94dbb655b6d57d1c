"""Remembered choices: read back, and a damaged file never stops the app."""

from __future__ import annotations

import json

import pytest

from gui.settings import Settings, config_dir


def test_round_trip(tmp_path):
    path = tmp_path / "deep" / "settings.json"
    settings = Settings(language="zh", theme="dark", path=path)
    assert settings.save()
    loaded = Settings.load(path)
    assert (loaded.language, loaded.theme) == ("zh", "dark")


@pytest.mark.parametrize("content", ["", "{", "[]", "null", '{"language": 5, "theme": "purple"}',
                                     '{"language": "fr"}', "\x00\xff"])
def test_damaged_file_gives_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    loaded = Settings.load(path)
    assert (loaded.language, loaded.theme) == (None, "light")


def test_unwritable_place_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not Settings(path=blocker / "settings.json").save()


def test_config_dir_can_be_chosen(monkeypatch, tmp_path):
    monkeypatch.setenv("SOCKLAB_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    monkeypatch.delenv("SOCKLAB_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "xdg" / "socklab"


def test_saved_file_is_plain_json(tmp_path):
    path = tmp_path / "settings.json"
    Settings(language="en", path=path).save()
    assert json.loads(path.read_text()) == {"version": 2, "language": "en", "theme": "light", "history": {}}


def test_a_file_from_before_version_2_still_loads(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"language": "zh", "theme": "dark", "history": {"tcp_client": ["hi"]}}',
                    encoding="utf-8")
    loaded = Settings.load(path)
    assert (loaded.language, loaded.theme, loaded.history, loaded.problem) == \
        ("zh", "dark", {"tcp_client": ["hi"]}, None)
    assert (loaded.window, loaded.tabs, loaded.saved_messages) == (None, {}, None)


def test_a_damaged_file_is_renamed_aside_never_over_another(tmp_path):
    path = tmp_path / "settings.json"
    for round_ in range(3):
        path.write_bytes(b"\xff not json %d" % round_)
        loaded = Settings.load(path)
        assert loaded.problem is not None and not path.exists()
        template, params = loaded.problem
        assert "could not be read" in template.format(**params)
    kept = sorted(tmp_path.glob("settings.json.bad-*"))
    assert sorted(p.read_bytes() for p in kept) == [b"\xff not json %d" % i for i in range(3)]


def test_unknown_keys_are_written_back_and_no_temporary_file_is_left(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"version": 3, "from_the_future": {"x": 1}, "window": {"width": 900, "height": "?"}}',
                    encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.window is None  # a value of the wrong kind is dropped alone
    loaded.theme = "dark"
    assert loaded.save()
    assert json.loads(path.read_text())["from_the_future"] == {"x": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_platform_folder_comes_from_platformdirs(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("SOCKLAB_CONFIG_DIR", raising=False)
    asked = []
    monkeypatch.setattr(platformdirs, "user_config_dir",
                        lambda *args, **kwargs: asked.append((args, kwargs)) or str(tmp_path / "p"))
    assert config_dir() == tmp_path / "p"
    assert asked == [(("socklab",), {"appauthor": False, "roaming": True})]


def test_a_file_that_cannot_be_read_is_left_alone(tmp_path):
    path = tmp_path / "settings.json"
    path.mkdir()  # a folder where the file should be: nothing to read, and nothing is written over it
    loaded = Settings.load(path)
    assert loaded.path is None and "could not be read" in loaded.problem[0]
    assert not loaded.save() and path.is_dir()
