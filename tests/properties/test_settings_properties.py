"""Property-based fuzzing of gui/settings.py: any file content loads to usable settings, never an error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.i18n import LANGUAGES
from gui.settings import Settings
from gui.theme import THEMES

from .strategies import ANY_CHAR

LANGUAGE_CHOICES = (None, *LANGUAGES)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(ANY_CHAR, max_size=12))
json_keys = st.one_of(st.sampled_from(["language", "theme", "path"]), st.text(ANY_CHAR, max_size=8))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(json_keys, inner, max_size=5)),
    max_leaves=10,
)
settings_like = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "language": st.one_of(st.sampled_from([None, "en", "zh", "fr", "EN", "zh_CN"]), json_values),
            "theme": st.one_of(st.sampled_from([*THEMES, "purple", "Dark"]), json_values),
        },
    ),
    st.from_type(dict[str, str | float | bool | None | list[str]]),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("settings")


def check_usable(loaded: Settings) -> None:
    assert loaded.language in LANGUAGE_CHOICES
    assert loaded.theme in THEMES


@given(content=st.one_of(st.binary(), st.text(ANY_CHAR).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_load_never_raises_on_any_bytes(folder, content):
    path = folder / "bytes.json"
    path.write_bytes(content)
    check_usable(Settings.load(path))


# Nested JSON costs 1-2 ms an example to generate, ten times a flat value: capped at 3,000 examples
# so that the stress profile keeps to its time budget (the default profile's 200 apply unchanged).
@settings(max_examples=min(settings.default.max_examples, 3_000))
@given(data=st.one_of(json_values, settings_like), ensure_ascii=st.booleans(),
       indent=st.sampled_from([None, 2]))
def test_load_never_raises_on_any_json_and_keeps_only_valid_choices(folder, data, ensure_ascii, indent):
    path = folder / "values.json"
    text = json.dumps(data, ensure_ascii=ensure_ascii, indent=indent)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))  # lone surrogates make the file invalid UTF-8
    loaded = Settings.load(path)
    check_usable(loaded)
    readable = not any("\ud800" <= char <= "\udfff" for char in text)
    if isinstance(data, dict) and readable:  # a readable object: its valid choices are kept
        language, theme = data.get("language"), data.get("theme")
        assert loaded.language == (language if isinstance(language, str) and language in LANGUAGES else None)
        assert loaded.theme == (theme if isinstance(theme, str) and theme in THEMES else "light")


@given(depth=st.integers(1, 3_000), opener=st.sampled_from(["[", '{"language": ', '{"theme": [']),
       closed=st.booleans())
def test_load_never_raises_on_deeply_nested_json(folder, depth, opener, closed):
    path = folder / "deep.json"
    closer = {"[": "]", '{"language": ': "}", '{"theme": [': "]}"}[opener]
    path.write_text(opener * depth + "0" + (closer * depth if closed else ""), encoding="utf-8")
    check_usable(Settings.load(path))


@given(language=st.sampled_from(LANGUAGE_CHOICES), theme=st.sampled_from(THEMES),
       previous=st.sampled_from([b"", b"{", b"[]", b"\xff\xfe", b'{"language": "fr", "theme": 7}']))
def test_save_then_load_round_trips(folder, language, theme, previous):
    path = folder / "round-trip" / "settings.json"
    if path.exists():
        path.write_bytes(previous)  # saving replaces whatever was there, damaged or not
    assert Settings(language=language, theme=theme, path=path).save()
    loaded = Settings.load(path)
    assert (loaded.language, loaded.theme, loaded.path) == (language, theme, path)


@given(language=st.one_of(st.none(), st.text(ANY_CHAR)), theme=st.text(ANY_CHAR))
def test_saving_odd_values_then_loading_gives_usable_settings(folder, language, theme):
    path = folder / "odd.json"
    assert Settings(language=language, theme=theme, path=path).save()
    loaded = Settings.load(path)
    check_usable(loaded)
    assert loaded.language == (language if language in LANGUAGES else None)
    assert loaded.theme == (theme if theme in THEMES else "light")
