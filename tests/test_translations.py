"""Every string the user can see has a Simplified Chinese translation that fits it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from gui.locale_zh import CATALOG

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"N_": (0,), "tr": (0,), "trf": (0,), "bind_text": (1,), "trn": (0, 1)}


def source_strings() -> dict[str, str]:
    """English strings passed to the translation markers, with where they are."""
    found: dict[str, str] = {}
    files = [ROOT / "main.py", *sorted((ROOT / "netcore").rglob("*.py")),
             *sorted((ROOT / "gui").rglob("*.py")), *sorted((ROOT / "cli").rglob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in MARKERS:
                continue
            for index in MARKERS[name]:
                arg = node.args[index] if len(node.args) > index else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_scan_finds_the_strings_we_know():
    strings = source_strings()
    assert "Start listening" in strings
    assert "Nobody is listening on {address} — is the server started?" in strings
    assert len(strings) > 80


def test_every_string_has_a_chinese_translation():
    missing = {text: where for text, where in source_strings().items() if text not in CATALOG}
    assert not missing, "untranslated:\n" + "\n".join(f"{w}: {t!r}" for t, w in missing.items())


def test_translations_keep_placeholders_and_are_chinese():
    assert CATALOG
    for english, chinese in CATALOG.items():
        assert fields(chinese) == fields(english), english
        assert re.search(r"[\u4e00-\u9fff]", chinese), f"no Chinese characters for {english!r}"
        chinese.format(**{name: "x" for name in fields(english)})


def test_no_stale_entries():
    stale = set(CATALOG) - set(source_strings())
    assert not stale, f"catalog entries no code uses: {sorted(stale)}"
