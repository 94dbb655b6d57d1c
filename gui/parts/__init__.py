"""The small parts a tab is built from, each owning its widgets and its slice of the events.

A tab (gui/tab.py) hands every part the same batch of its endpoint's events,
oldest first, through :meth:`TabPart.handle`; each part picks the kinds it
cares about.  :meth:`TabPart.redraw` runs after the batches of a pump tick (in
a flood at most every 50 ms, gui/pump.py), so a part draws once however many
events came; :meth:`TabPart.set_state`
follows the tab's life cycle ("stopped", "starting", "running", "stopping").
Tk thread only.
"""

from __future__ import annotations

from collections.abc import Sequence


class TabPart:
    """Hooks a part may implement; the defaults do nothing."""

    def handle(self, events: Sequence[object]) -> None:
        """A tick's events of the tab's endpoint, oldest first."""

    def redraw(self) -> None:
        """Draw what :meth:`handle` changed since the last draw (at most once per tick)."""

    def set_state(self, state: str) -> None:
        """The tab's endpoint moved to ``state``."""
