"""What the workbench features remember of each tab: its auto-reply rules and its receive framing.

Registered at start (gui/settings_keeper.py imports this module), because a
tab's remembered rules must answer from the first Start, not from the first
time their window is opened.  The features' own modules (and netcore's rules,
with ``re``) are still loaded only for a tab that stored something for them or
whose window the user opens.  A stored value that no longer reads (an old
file, an edit by hand) is left out rule by rule, never an error.  Tk thread only.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from ..tab_memory import remember_per_tab

if TYPE_CHECKING:
    from ..tab import EndpointTab

RULES_KEY = "auto_reply_rules"  # (gui/workbench/autoreply_state.py's KEY: the tab's attribute)
FRAMING_KEY = "receive_framing"  # (gui/workbench/framing_state.py's KEY)
MOST_RULES = 200
RULE_FIELDS = ("kind", "pattern", "reply", "reply_format")
FRAMING_FIELDS = ("mode", "custom", "custom_format", "idle_ms", "max_kib")
MAX_CHARS = 4096


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) <= MAX_CHARS else None


# ------------------------------------------------------------------ rules
def capture_rules(tab: EndpointTab) -> dict[str, Any] | None:
    state = tab.__dict__.get(RULES_KEY)
    if state is None or not state.rules:
        return None
    return {"rules": [{**{name: getattr(rule, name) for name in RULE_FIELDS}, "enabled": rule.enabled}
                      for rule in state.rules],
            "encoding": state.encoding, "loop_limit": state.loop_limit}


def restore_rules(tab: EndpointTab, value: object) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("rules"), list):
        return
    from netcore.autoreply import Rule, compile_rule
    from netcore.errors import NetError

    from .autoreply_state import rules_of

    encoding = _text(value.get("encoding")) or "utf-8"
    limit = value.get("loop_limit")
    rules: list[Rule] = []
    for stored in value["rules"][:MOST_RULES]:
        if not isinstance(stored, dict):
            continue
        texts = {name: _text(stored.get(name)) for name in RULE_FIELDS}
        if any(text is None for text in texts.values()):
            continue
        rule = Rule(**texts, enabled=stored.get("enabled") is not False)  # type: ignore[arg-type]
        try:
            compile_rule(rule, encoding)
        except (NetError, LookupError):  # a rule (or encoding) that no longer reads
            continue
        rules.append(rule)
    state = rules_of(tab)
    try:
        state.apply(rules, encoding=encoding,
                    loop_limit=limit if type(limit) is int and limit >= 0 else None)
    except (NetError, LookupError):
        state.apply(rules)


# ------------------------------------------------------------------ framing
def capture_framing(tab: EndpointTab) -> dict[str, str] | None:
    state = tab.__dict__.get(FRAMING_KEY)
    if state is None or state.choice.mode == "off":
        return None
    return {name: getattr(state.choice, name) for name in FRAMING_FIELDS}


def restore_framing(tab: EndpointTab, value: object) -> None:
    if not isinstance(value, dict) or tab.transport != "tcp":
        return
    texts = {name: _text(value.get(name)) for name in FRAMING_FIELDS}
    if any(text is None for text in texts.values()) or texts["mode"] == "off":
        return
    from netcore.errors import NetError

    from .framing_state import FramingChoice, framing_of

    with contextlib.suppress(NetError):  # a choice that no longer reads: nothing is framed, as by default
        framing_of(tab).apply(FramingChoice(**texts))  # type: ignore[arg-type]


remember_per_tab(RULES_KEY, capture_rules, restore_rules)
remember_per_tab(FRAMING_KEY, capture_framing, restore_framing)
