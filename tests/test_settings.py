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
