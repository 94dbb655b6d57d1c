"""A TCP tab's receive framing: what its framing window chose, given to each endpoint the tab starts.

The choice is kept as typed (so the window shows it again) with the
:class:`~netcore.framing.FramingSpec` it gives.  The spec goes to the running
endpoint at once (``set_framing`` hands it to the I/O thread) and to every
endpoint the tab starts later (the tab's ``before_start`` list).  Made on
first use (Tools → Receive framing…).  Tk thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netcore.framing import FramingSpec, framing_spec
from netcore.values import Value

from ..tab_memory import changed

if TYPE_CHECKING:
    from netcore import Endpoint

    from ..tab import EndpointTab

KEY = "receive_framing"


class FramingChoice(Value):
    """What the window's fields hold."""

    mode: str = "off"
    custom: str = ""
    custom_format: str = "text"
    idle_ms: str = "20"
    max_kib: str = "1024"


class TabFraming:
    def __init__(self, tab: EndpointTab) -> None:
        self.tab = tab
        self.choice = FramingChoice()
        self.spec: FramingSpec | None = None
        tab.before_start.append(self._set_up)

    def apply(self, choice: FramingChoice, encoding: str = "utf-8") -> FramingSpec | None:
        """Frame by ``choice`` from now on; NetError (CodecError: where) leaves it as it was."""
        spec = framing_spec(choice.mode, choice.custom, choice.custom_format, choice.idle_ms, choice.max_kib,
                            encoding)
        self.choice, self.spec = choice, spec
        endpoint = self.tab.endpoint
        if endpoint is not None and hasattr(endpoint, "set_framing"):
            endpoint.set_framing(spec)
        changed(self.tab)  # remembered for the next run (gui/workbench/remembered.py)
        return spec

    def _set_up(self, endpoint: Endpoint) -> None:
        if hasattr(endpoint, "framing"):  # stream endpoints
            endpoint.framing = self.spec


def framing_of(tab: EndpointTab) -> TabFraming:
    state = tab.__dict__.get(KEY)
    if state is None:
        state = tab.__dict__[KEY] = TabFraming(tab)
    return state
