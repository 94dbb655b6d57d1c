"""The user's choices that outlive a session: language, theme, what was typed in the send boxes.

Stored as JSON in ``$SOCKLAB_CONFIG_DIR`` or the XDG config folder
(``~/.config/socklab/settings.json``; ``%APPDATA%\\SockLab`` on Windows).
A missing, unreadable or damaged file gives the defaults, never an error:
settings are a convenience and must not stop the app from starting.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .i18n import LANGUAGES
from .theme import THEMES


def config_dir() -> Path:
    if os.environ.get("SOCKLAB_CONFIG_DIR"):
        return Path(os.environ["SOCKLAB_CONFIG_DIR"])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "SockLab"
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "socklab"


class Settings:
    """What is kept between runs; ``path`` is where to save (None: do not save)."""

    def __init__(self, language: str | None = None, theme: str = "light",
                 history: dict[str, list[str]] | None = None, path: Path | None = None) -> None:
        self.language = language  # None: follow the system locale
        self.theme = theme
        self.history: dict[str, list[str]] = {} if history is None else history  # tab → send box history
        self.path = path

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        settings = cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # RecursionError: nested too deeply
            return settings
        if not isinstance(data, dict):
            return settings
        if isinstance(data.get("language"), str) and data["language"] in LANGUAGES:  # [] is unhashable
            settings.language = data["language"]
        if data.get("theme") in THEMES:
            settings.theme = data["theme"]
        settings.history = _history(data.get("history"))
        return settings

    def save(self) -> bool:
        """Write the file (atomically); False if it could not be written."""
        if self.path is None:
            return False
        data = {"language": self.language, "theme": self.theme,
                "history": {name: list(lines) for name, lines in self.history.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            return False
        return True


HISTORY_PER_TAB = 100
HISTORY_ITEM_CHARS = 64 * 1024


def _history(value: object) -> dict[str, list[str]]:
    """The send boxes' history as saved, keeping only what is well-formed (and not huge)."""
    if not isinstance(value, dict):
        return {}
    kept: dict[str, list[str]] = {}
    for tab, items in value.items():
        if isinstance(tab, str) and isinstance(items, list):
            kept[tab] = [item for item in items if isinstance(item, str) and len(item) <= HISTORY_ITEM_CHARS
                         ][-HISTORY_PER_TAB:]
    return kept
