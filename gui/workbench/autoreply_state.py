"""A tab's auto-reply rules: what its rules window edits, given to each endpoint the tab starts.

The rules are kept as the user wrote them (:class:`netcore.autoreply.Rule`),
each checked when entered, and compiled into one immutable
:class:`~netcore.autoreply.AutoReply` whenever they change.  That goes to the
running endpoint at once (``Endpoint.set_auto_reply`` hands it to the I/O
thread) and to every endpoint the tab starts later (through the tab's
``before_start`` list).  Made on first use (Tools → Auto-reply rules…), so a
tab without rules pays nothing.  Tk thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netcore.autoreply import DEFAULT_LOOP_LIMIT, AutoReply, Rule, compile_rules

from ..tab_memory import changed

if TYPE_CHECKING:
    from netcore import Endpoint

    from ..tab import EndpointTab

KEY = "auto_reply_rules"  # where a tab keeps its state (in its __dict__: an unbuilt tab is not built for it)


class TabAutoReply:
    def __init__(self, tab: EndpointTab) -> None:
        self.tab = tab
        self.rules: list[Rule] = []
        self.encoding = "utf-8"
        self.loop_limit = DEFAULT_LOOP_LIMIT
        self.compiled: AutoReply | None = None  # None while no rule is enabled: nothing to run
        tab.before_start.append(self._set_up)

    def apply(self, rules: list[Rule] | None = None, *, encoding: str | None = None,
              loop_limit: int | None = None) -> None:
        """Use ``rules`` (and the encoding, the guard's limit) from now on; RuleError leaves all as it was."""
        new_rules = list(self.rules if rules is None else rules)
        new_encoding = self.encoding if encoding is None else encoding
        new_limit = self.loop_limit if loop_limit is None else loop_limit
        compiled = compile_rules(new_rules, new_encoding, new_limit)  # raises before anything changes
        self.rules, self.encoding, self.loop_limit = new_rules, new_encoding, new_limit
        self.compiled = compiled if compiled.active else None
        endpoint = self.tab.endpoint
        if endpoint is not None:
            endpoint.set_auto_reply(self.compiled)
        changed(self.tab)  # remembered for the next run (gui/workbench/remembered.py)

    def _set_up(self, endpoint: Endpoint) -> None:
        endpoint.auto_reply = self.compiled


def rules_of(tab: EndpointTab) -> TabAutoReply:
    """The tab's rules (made at the first call)."""
    state = tab.__dict__.get(KEY)
    if state is None:
        state = tab.__dict__[KEY] = TabAutoReply(tab)
    return state
