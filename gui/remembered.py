"""What SockLab itself remembers of each tab (registered with gui/tab_memory.py at import).

- ``address``: the family, host, port (as typed: "0" stays "0"), Unix path and the tab's own fields.
- ``options``: the socket options window's choice (flags, buffer sizes, timeout, blocking).
- ``send``: the send box's mode, encoding and line ending.
- ``layout``: the trace pane shown or not, and where the log/side-panel sash was (a fraction).

Every restore checks what it reads (the file may be old or edited by hand) and
leaves a field as it is when the stored value does not fit.  Tk thread only.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from .parts.address_form import _set_text
from .tab_memory import remember_per_tab

if TYPE_CHECKING:
    from .tab import EndpointTab

MAX_CHARS = 4096  # a field's text: longer is not something the user typed


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) <= MAX_CHARS else None


# ------------------------------------------------------------------ address
def capture_address(tab: EndpointTab) -> dict[str, Any]:
    form = tab.form
    return {"family": form.family.get(), "host": form.host.get(), "port": form.typed_port(),
            "path": form.path.get(), "fields": {name: entry.get() for name, entry in form.extra.items()}}


def restore_address(tab: EndpointTab, value: object) -> None:
    if not isinstance(value, dict):
        return
    form = tab.form
    family = value.get("family")
    if isinstance(family, str) and family != form.family.get():
        # lays the form out for it (the host follows, then is set below); ValueError: a family this
        # tab (or this system) does not offer
        with contextlib.suppress(ValueError):
            form.family.set(family)
    for entry, key in ((form.host, "host"), (form.port, "port"), (form.path, "path")):
        text = _text(value.get(key))
        if text is not None:
            _set_text(entry, text)
    fields = value.get("fields")
    if isinstance(fields, dict):
        for name, entry in form.extra.items():
            text = _text(fields.get(name))
            if text is not None:
                _set_text(entry, text)
    form.check_exposure()


# ------------------------------------------------------------------ options
def capture_options(tab: EndpointTab) -> dict[str, Any]:
    choice = tab.sockopts.choice
    return {"flags": dict(choice.flags), "texts": dict(choice.texts), "blocking": choice.blocking}


def restore_options(tab: EndpointTab, value: object) -> None:
    if not isinstance(value, dict):
        return
    choice = tab.sockopts.choice
    flags, texts = value.get("flags"), value.get("texts")
    if isinstance(flags, dict):
        for name in choice.flags:  # only the flags this tab's kind offers
            if isinstance(flags.get(name), bool):
                choice.flags[name] = flags[name]
    if isinstance(texts, dict):
        for name in choice.texts:
            text = texts.get(name)
            if isinstance(text, str) and len(text) <= 40:  # checked again (parse) at each start
                choice.texts[name] = text
    if isinstance(value.get("blocking"), bool):
        choice.blocking = value["blocking"]


# --------------------------------------------------------------------- send
def capture_send(tab: EndpointTab) -> dict[str, Any]:
    box = tab.sendbox
    return {"mode": box.mode.get(), "encoding": box.encoding.get(), "line_ending": box.line_ending.get()}


def restore_send(tab: EndpointTab, value: object) -> None:
    if not isinstance(value, dict):
        return
    box = tab.sendbox
    # the mode first: choosing hex resets the line ending, which is then set as it was
    for choice, key in ((box.mode, "mode"), (box.encoding, "encoding"), (box.line_ending, "line_ending")):
        chosen = value.get(key)
        if isinstance(chosen, str):
            with contextlib.suppress(ValueError):  # not one of this drop-down's values
                choice.set(chosen)


# ------------------------------------------------------------------- layout
_SASH = "_remembered_sash"  # the fraction restored, kept on the tab until the panes are drawn


def capture_layout(tab: EndpointTab) -> dict[str, Any]:
    layout: dict[str, Any] = {"trace": bool(tab.trace_pane.shown.get())}
    if tab.side is not None:
        width = tab.panes.winfo_width()
        if tab.panes.winfo_ismapped() and width > 1:
            layout["sash"] = round(tab.panes.sashpos(0) / width, 3)
        elif isinstance(tab.__dict__.get(_SASH), float):  # never shown this run: as it was
            layout["sash"] = tab.__dict__[_SASH]
    return layout


def restore_layout(tab: EndpointTab, value: object) -> None:
    if not isinstance(value, dict):
        return
    if value.get("trace") is True:
        tab.trace_pane.set_shown(True)
    sash = value.get("sash")
    if tab.side is not None and isinstance(sash, float) and 0.1 <= sash <= 0.9:
        tab.__dict__[_SASH] = sash
        panes = tab.panes
        placed: list[bool] = []

        def place(event: Any) -> None:
            # once, when first drawn (unbind by id would drop every <Configure> binding before 3.13)
            if event.width > 1 and not placed:
                placed.append(True)
                panes.sashpos(0, int(sash * event.width))

        panes.bind("<Configure>", place, add="+")


remember_per_tab("address", capture_address, restore_address)
remember_per_tab("options", capture_options, restore_options)
remember_per_tab("send", capture_send, restore_send)
remember_per_tab("layout", capture_layout, restore_layout)
