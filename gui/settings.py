"""The user's choices that outlive a session, in one JSON file.

Where: ``$SOCKLAB_CONFIG_DIR/settings.json`` if that is set (the tests set it),
else the platform's config folder as :mod:`platformdirs` says
(``~/.config/socklab`` or ``$XDG_CONFIG_HOME/socklab`` on Linux,
``%APPDATA%\\SockLab`` on Windows, ``~/Library/Application Support/SockLab`` on
macOS, which also reads a file left in ``~/.config/socklab`` by SockLab 0.x).

What (format version 2; a file without ``version``, as SockLab wrote before,
loads the same way)::

    {"version": 2, "language": "zh", "theme": "dark",
     "history": {"tcp_client": ["hello", ...]},          # each send box's history
     "window": {"width": 1000, "height": 640},
     "tabs": {"tcp_client": {"address": {...}, "options": {...}, "send": {...}, "layout": {...},
                             "<a feature's key>": ...}},   # see gui/tab_memory.py
     "saved_messages": [{"name": ..., "text": ..., ...}]} # see netcore/saved_messages.py

Reading happens once, at start (:meth:`Settings.load`).  A missing file gives
the defaults.  A file that is not UTF-8 JSON holding an object is **damaged**:
it is renamed ``settings.json.bad-YYYYMMDD-HHMMSS-mmm`` (kept for the user, never
overwritten) and the defaults are used; :attr:`Settings.problem` then says so,
and the window shows it in the log of the tab shown.  A value of the wrong
kind inside a good file (``"theme": 7``) is dropped alone.  Unknown top-level
keys (a newer SockLab's) are kept and written back.  Writing is atomic (a
temporary file in the same folder, then ``os.replace``), and skipped when
nothing changed since the last write.  Tk thread only (plain data and files).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

from .i18n import LANGUAGES, N_
from .theme import THEMES

FILE_NAME = "settings.json"
FORMAT_VERSION = 2
MAX_FILE_BYTES = 16 * 1024 * 1024  # far more than 500 saved messages and the histories need

DAMAGED = N_("The settings file could not be read ({reason}). It was kept as {backup}, and SockLab started "
             "with the default settings.")
UNREADABLE = N_("The settings file {path} could not be read ({reason}). SockLab started with the default "
                "settings and will not write over that file this time.")
NOT_KEPT = N_("The settings file could not be read ({reason}), nor renamed to keep it ({error}). SockLab "
              "started with the default settings and will not write over that file this time.")


def config_dir() -> Path:
    """The folder holding settings.json (not created here)."""
    if os.environ.get("SOCKLAB_CONFIG_DIR"):
        return Path(os.environ["SOCKLAB_CONFIG_DIR"])
    import platformdirs  # only without the override (about 4 ms: the tests never pay it)

    # Linux names config folders in lower case; Windows and macOS by the app's name
    name = "socklab" if sys.platform.startswith("linux") else "SockLab"
    # roaming: %APPDATA% on Windows, where SockLab kept its settings before platformdirs
    return Path(platformdirs.user_config_dir(name, appauthor=False, roaming=True))


def _legacy_file() -> Path | None:
    """Where SockLab 0.x wrote settings on macOS (it used the XDG path on every system but Windows)."""
    if sys.platform != "darwin" or os.environ.get("SOCKLAB_CONFIG_DIR"):
        return None
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "socklab" / FILE_NAME


class Settings:
    """What is kept between runs; ``path`` is where to save (None: do not save)."""

    def __init__(self, language: str | None = None, theme: str = "light",
                 history: dict[str, list[str]] | None = None, path: Path | None = None) -> None:
        self.language = language  # None: follow the system locale
        self.theme = theme
        self.history: dict[str, list[str]] = {} if history is None else history  # tab → send box history
        self.window: tuple[int, int] | None = None  # the window's last size (width, height)
        self.tabs: dict[str, dict[str, object]] = {}  # tab → key → a part's or a feature's state
        self.saved_messages: list[object] | None = None  # as stored: checked when first used
        self.path = path
        # a damaged or unreadable file: (English template, its parameters), for the window to show
        self.problem: tuple[str, dict[str, str]] | None = None
        self._unknown: dict[str, object] = {}  # a newer SockLab's keys, written back as they were
        self._written: str | None = None  # the text last read or written: an unchanged save is skipped

    # -------------------------------------------------------------- read
    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings in ``path`` (default: the config folder's settings.json); never raises."""
        if path is None:
            path = config_dir() / FILE_NAME
            legacy = _legacy_file()
            if legacy is not None and not path.exists() and legacy.exists():
                settings = cls._read(legacy)
                settings.path = path  # read the old place once; written to the new one
                return settings
        return cls._read(path)

    @classmethod
    def _read(cls, path: Path) -> Settings:
        settings = cls(path=path)
        try:
            with open(path, "rb") as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return settings
        except OSError as exc:  # a folder by that name, no permission: leave it alone
            settings.path = None
            settings.problem = (UNREADABLE, {"path": str(path), "reason": exc.strerror or str(exc)})
            return settings
        reason = _damage(raw)
        if isinstance(reason, str):
            settings._keep_damaged(path, reason)
            return settings
        settings._take(reason)
        settings._written = raw.decode("utf-8")
        return settings

    def _keep_damaged(self, path: Path, reason: str) -> None:
        """Rename the damaged file out of the way (the user may want it back); defaults stay."""
        backup = backup_path(path)
        try:
            os.replace(path, backup)  # backup_path() found a name nobody uses: nothing is overwritten
        except OSError as exc:
            self.path = None  # not kept: do not write over it either
            self.problem = (NOT_KEPT, {"reason": reason, "error": exc.strerror or str(exc)})
            return
        self.problem = (DAMAGED, {"reason": reason, "backup": str(backup)})

    def _take(self, data: dict[str, object]) -> None:
        """Every well-formed value of a readable file; the others stay at their defaults."""
        language, theme = data.get("language"), data.get("theme")
        if isinstance(language, str) and language in LANGUAGES:  # [] is unhashable
            self.language = language
        if isinstance(theme, str) and theme in THEMES:
            self.theme = theme
        self.history = _history(data.get("history"))
        self.window = _window(data.get("window"))
        tabs = data.get("tabs")
        if isinstance(tabs, dict):
            self.tabs = {name: dict(state) for name, state in tabs.items()
                         if isinstance(name, str) and isinstance(state, dict)}
        saved = data.get("saved_messages")
        if isinstance(saved, list):
            self.saved_messages = saved
        self._unknown = {key: value for key, value in data.items() if key not in _KNOWN}

    # ------------------------------------------------------------- write
    def to_data(self) -> dict[str, object]:
        data: dict[str, object] = {**self._unknown, "version": FORMAT_VERSION, "language": self.language,
                                   "theme": self.theme,
                                   "history": {name: list(lines) for name, lines in self.history.items()}}
        if self.window is not None:
            data["window"] = {"width": self.window[0], "height": self.window[1]}
        if self.tabs:
            data["tabs"] = self.tabs
        if self.saved_messages is not None:
            data["saved_messages"] = self.saved_messages
        return data

    def save(self) -> bool:
        """Write the file (atomically) if it changed; False if it could not be written."""
        if self.path is None:
            return False
        try:
            text = json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"
            raw = text.encode("utf-8")  # Chinese stays readable in the file…
        except UnicodeEncodeError:  # …unless a lone surrogate is there: then \uXXXX escapes
            text = json.dumps(self.to_data(), indent=2) + "\n"
            raw = text.encode("ascii")
        except (TypeError, ValueError, RecursionError):  # a feature stored something JSON cannot hold
            return False
        if text == self._written and self.path.exists():
            return True
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # no fsync: it can take tens of ms on the Tk thread; a file cut short by a power cut is
            # found damaged at the next start, kept aside, and replaced by the defaults
            temporary.write_bytes(raw)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            return False
        self._written = text
        return True


_KNOWN = frozenset(("version", "language", "theme", "history", "window", "tabs", "saved_messages"))
HISTORY_PER_TAB = 100
HISTORY_ITEM_CHARS = 64 * 1024
WINDOW_LIMIT = 20000  # pixels: a size beyond any screen is not a size


def _damage(raw: bytes) -> dict[str, object] | str:
    """The file's object, or why it is damaged (in plain English, for the message)."""
    if len(raw) > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES:,} bytes"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text at byte {exc.start}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    except RecursionError:
        return "nested too deeply"
    if not isinstance(data, dict):
        return "not a JSON object"
    return data


def backup_path(path: Path, now: float | None = None) -> Path:
    """``<path>.bad-YYYYMMDD-HHMMSS-mmm`` (local time), with ``-2``, ``-3``… if that is taken."""
    when = time.time() if now is None else now
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(when)) + f"-{int(when * 1000) % 1000:03d}"
    candidate = path.with_name(f"{path.name}.bad-{stamp}")
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.name}.bad-{stamp}-{number}")
        number += 1
    return candidate


def keep_aside(settings: Settings, stem: str, text: str) -> str | None:
    """Write ``text`` (a part of the settings that no longer reads) beside the settings file as
    ``<stem>.bad-YYYYMMDD-HHMMSS-mmm.json``, for the user to recover; its path, or None if not written."""
    if settings.path is None:
        return None
    target = backup_path(settings.path.with_name(stem))
    target = target.with_name(target.name + ".json")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as file:  # "x": never over another file
            file.write(text)
    except (OSError, UnicodeError):
        return None
    return str(target)


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


def _window(value: object) -> tuple[int, int] | None:
    if not isinstance(value, dict):
        return None
    width, height = value.get("width"), value.get("height")
    if type(width) is int and type(height) is int and 0 < width < WINDOW_LIMIT and 0 < height < WINDOW_LIMIT:
        return width, height
    return None
