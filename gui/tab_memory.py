"""What each tab remembers between runs, and the small API a feature uses to add its own state.

The settings file keeps, per tab, one JSON value per *key* (``settings.tabs[tab][key]``).
SockLab's own keys (``address``, ``options``, ``send``, ``layout``) are registered
in gui/remembered.py; a feature registers its key the same way, from its own module::

    from gui.tab_memory import remember_per_tab, changed

    def capture(tab):                     # -> a JSON value (dict, list, str, int, float, bool, None)
        return {"interval_ms": tab.periodic.interval_ms}   # or None: nothing to keep

    def restore(tab, value):              # value: what capture returned last run, as read back
        if isinstance(value, dict) and type(value.get("interval_ms")) is int:
            ...                           # check everything: the file may be old, or edited by hand

    remember_per_tab("periodic", capture, restore)
    ...
    changed(tab)                          # the user changed it: save soon (debounced, and at close)

- ``restore(tab, value)`` runs once per tab that has a stored value: when the
  tab is built, or at once for tabs already built when the key is registered
  later (a feature module imported on first use).  It must accept anything
  and never raise; if it does, the error goes to stderr and the value is dropped.
- ``capture(tab)`` runs at each save, for built tabs only.  A tab not built,
  or a key nobody registered this run, keeps the value it had: a feature not
  used in a session does not lose its settings.  If capture raises, the
  previous value is kept.
- ``changed(tab)`` asks for a save about a second and a half later; more calls meanwhile
  still make one save, and an unchanged file is not rewritten.  Cheap enough
  to call on every edit (it moves one timer).
- Keys are short lower-case names; one per feature.  Values are written with
  the settings, so keep them small (no payloads of megabytes).

Tk thread only.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .tab import EndpointTab

Capture = Callable[["EndpointTab"], Any]
Restore = Callable[["EndpointTab", Any], None]

_providers: dict[str, tuple[Capture, Restore]] = {}
_memories: weakref.WeakSet[TabMemory] = weakref.WeakSet()
_ATTRIBUTE = "_tab_memory"  # a tab's TabMemory, set when it is built (read without __getattr__)


def remember_per_tab(key: str, capture: Capture, restore: Restore) -> None:
    """Keep ``key``'s state for each tab between runs (see the module's docstring)."""
    _providers[key] = (capture, restore)
    for memory in list(_memories):
        memory.restore_key(key)


def changed(tab: EndpointTab) -> None:
    """Something ``tab`` remembers changed: save soon."""
    memory = tab.__dict__.get(_ATTRIBUTE)
    if memory is not None:
        memory.on_change()


class TabMemory:
    """One window's per-tab state: the stored values, and the tabs built so far.

    ``stored`` is the settings' ``tabs`` dict (updated in place by :meth:`capture`);
    ``on_change`` schedules a save.
    """

    def __init__(self, stored: dict[str, dict[str, object]], on_change: Callable[[], None]) -> None:
        self.stored = stored
        self.on_change = on_change
        self._tabs: dict[str, EndpointTab] = {}
        _memories.add(self)

    def tab_built(self, tab: EndpointTab) -> None:
        """Give a newly built tab what it stored, key by key."""
        name = tab.winfo_name()
        self._tabs[name] = tab
        tab.__dict__[_ATTRIBUTE] = self
        for key in list(_providers):
            self._restore(tab, key)

    def restore_key(self, key: str) -> None:
        for tab in self._tabs.values():
            self._restore(tab, key)

    def _restore(self, tab: EndpointTab, key: str) -> None:
        state = self.stored.get(tab.winfo_name(), {})
        if key not in state:
            return
        try:
            _providers[key][1](tab, state[key])
        except Exception:  # a bad stored value must not take down the tab
            import traceback  # only when something failed (not on the start-up path)

            print(f"SockLab: the remembered {key!r} of {tab.winfo_name()} could not be restored:",
                  file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            state.pop(key, None)

    def capture(self) -> dict[str, dict[str, object]]:
        """Update the stored values from the built tabs, and return them."""
        for name, tab in self._tabs.items():
            state = self.stored.setdefault(name, {})
            for key, (capture, _restore) in list(_providers.items()):
                try:
                    value = capture(tab)
                except Exception:
                    import traceback

                    traceback.print_exc(file=sys.stderr)
                    continue
                if value is None:
                    state.pop(key, None)
                else:
                    state[key] = value
            if not state:
                del self.stored[name]
        return self.stored

    def forget(self) -> None:
        """The window is closing: no more restores for its tabs."""
        self._tabs.clear()
        _memories.discard(self)
