"""A UDP tab's multicast groups and broadcast switch: what the user asked for, and what the socket did.

Made the first time Tools → Broadcast and multicast… opens on a tab (so a tab
that never uses it pays nothing), then added to the tab's parts.  It keeps
the groups the user wants: each is joined as soon as the tab's socket runs
(again after every Open), and left when the user asks.  Joining and leaving
are requested from here and done on the endpoint's I/O thread
(``join_group``/``leave_group``); :class:`~netcore.multicast.GroupsChanged`,
``Error`` and ``Notice`` events say what happened.  The sending settings
(broadcast, TTL, loop, interface) live in the tab's socket options choice, so
Learn → Socket options…, Show code and the next start all see them, and they
are also set on the running socket at once.  Costs one ``type()`` test per
event once made.  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from netcore import Error, NetError, Notice, SocketOptions
from netcore.multicast import GroupsChanged, bind_misses_group, parse_group

from ..i18n import N_, tr
from ..parts import TabPart

if TYPE_CHECKING:
    from ..tab import EndpointTab

WAITING = N_("joined when the tab opens")
JOINING = N_("joining…")
JOINED = N_("joined")
#: Error codes that concern a group (the window shows them beside it).
GROUP_ERRORS = frozenset(("already_member", "not_member", "group_no_device", "group_failed", "group_family",
                          "no_interface", "option_failed"))


class GroupsPart(TabPart):
    """The groups of one UDP tab; ``on_change`` (the window's redraw) is called after each change."""

    def __init__(self, tab: EndpointTab) -> None:
        self.tab = tab
        self.wanted: dict[str, str] = {}  # group -> interface name ("": the system chooses), in order
        # group -> WAITING / JOINING / JOINED (shown through tr()), or an error already in words
        self.state: dict[str, str] = {}
        self.message = ""  # the latest problem or notice, in words
        self.needs_bind = ""  # a group the socket's bound address keeps out ("": none)
        self.on_change: Callable[[], None] | None = None
        self._restart_on: tuple[str, int] | None = None  # reopen on (host, port) once stopped
        self._changed = False

    # ------------------------------------------------------- user actions
    def join(self, text: str, interface: str) -> bool:
        """Join the group typed (now if the tab runs, else when it opens); False with a message if bad."""
        try:
            group = parse_group(text).address
            if interface:  # the interface is checked now, not when the tab next opens
                from netcore.interfaces import interface_address, interface_index

                (interface_index if ":" in group else interface_address)(interface)
        except NetError as err:
            self._say(err.translated(tr))
            return False
        self.wanted[group] = interface
        self._say("")
        self._join_now(group)
        return True

    def leave(self, group: str) -> None:
        interface = self.wanted.pop(group, None)
        state = self.state.pop(group, None)
        if self.needs_bind == group:
            self.needs_bind = ""
        endpoint = self.tab.endpoint
        if interface is not None and state == JOINED and endpoint is not None and self.tab.state == "running":
            try:
                endpoint.leave_group(group)  # type: ignore[attr-defined]
            except NetError as err:
                self._say(err.translated(tr))
        self._changed = True
        self.redraw()

    def update_sending(self) -> None:
        """Set the sending choice (broadcast, TTL, loop, interface) on the running socket now."""
        endpoint = self.tab.endpoint
        if endpoint is None or self.tab.state != "running":
            return
        choice = self.tab.sockopts.choice
        try:
            chosen = choice.parse().socket
            # explicit values: turning broadcast off must switch it off, not "leave it as it is"
            options = SocketOptions(broadcast=bool(choice.flags.get("broadcast")),
                                    multicast_ttl=chosen.multicast_ttl,
                                    multicast_loop=bool(choice.multicast_loop),
                                    multicast_interface=chosen.multicast_interface)
            endpoint.update_options(options)  # type: ignore[attr-defined]
        except NetError as err:
            self._say(err.translated(tr))

    def reopen_on(self, host: str) -> None:
        """Reopen the tab's socket bound to ``host``, same port (offered to the user, never done alone)."""
        endpoint = self.tab.endpoint
        local = endpoint.local_addresses if endpoint is not None else ()
        port = local[0].port if local else 0
        self.needs_bind = ""
        if self.tab.state in ("running", "starting"):
            self._restart_on = (host, port)
            self.tab.stop()
        else:
            self._restart(host, None)
        self._changed = True
        self.redraw()

    def _restart(self, host: str, port: int | None) -> None:
        from ..parts.address_form import _set_text

        form = self.tab.form
        _set_text(form.host, host)
        if port:
            _set_text(form.port, str(port))
        form.check_exposure()
        self.tab.start()

    # -------------------------------------------------------------- part
    def handle(self, events: Sequence[object]) -> None:
        endpoint = self.tab.endpoint
        current = endpoint.name if endpoint is not None else None
        for event in events:
            kind = type(event)
            if kind is GroupsChanged:
                assert isinstance(event, GroupsChanged)
                if event.source == current:
                    joined = {group for group, _interface in event.groups}
                    for group in self.wanted:
                        if group in joined:
                            self.state[group] = JOINED
                    self._changed = True
            elif kind is Error:
                assert isinstance(event, Error)
                if event.code in GROUP_ERRORS:
                    group = dict(event.params).get("group", "")
                    if group in self.wanted:
                        self.state[group] = event.translated(tr)
                    self._say(event.translated(tr))
            elif kind is Notice:
                assert isinstance(event, Notice)
                if event.code == "group_needs_bind" and event.source == current:
                    self.needs_bind = dict(event.params).get("group", "")
                    self._changed = True

    def set_state(self, state: str) -> None:
        if state == "running":
            self.needs_bind = ""
            for group in self.wanted:
                self._join_now(group)
        elif state == "stopped":
            for group in self.wanted:
                self.state[group] = WAITING
            if self._restart_on is not None:
                host, port = self._restart_on
                self._restart_on = None
                # after this round of set_state: starting now would interleave with it
                self.tab.after_idle(lambda: self._restart(host, port))
        self._changed = True

    def redraw(self) -> None:
        if self._changed:
            self._changed = False
            if self.on_change is not None:
                self.on_change()

    # ------------------------------------------------------------ helpers
    def _join_now(self, group: str) -> None:
        endpoint = self.tab.endpoint
        if endpoint is None or self.tab.state != "running":
            self.state[group] = WAITING
            self._changed = True
            self.redraw()
            return
        self.state[group] = JOINING
        try:
            endpoint.join_group(group, self.wanted[group])  # type: ignore[attr-defined]
        except NetError as err:
            self.state[group] = err.translated(tr)
            self._say(err.translated(tr))
        # told before joining too, not only by the socket's notice: the offer comes with the click
        bound = [peer.host for peer in endpoint.local_addresses if (":" in peer.host) == (":" in group)]
        if bound and all(bind_misses_group(host, group) for host in bound):
            self.needs_bind = group
        self._changed = True
        self.redraw()

    def _say(self, text: str) -> None:
        self.message = text
        self._changed = True
        self.redraw()

    def script_groups(self, ipv6: bool) -> tuple[tuple[str, str], ...]:
        """The groups of the tab's family for Show code: (group, interface address or name)."""
        from netcore.interfaces import interface_address

        found = []
        for group, interface in self.wanted.items():
            if (":" in group) != ipv6:
                continue
            try:
                found.append((group, interface if ipv6 or not interface else interface_address(interface)))
            except NetError:
                continue
        return tuple(found)


def groups_part(tab: EndpointTab) -> GroupsPart:
    """The tab's GroupsPart, made and added to its parts the first time."""
    part = tab.__dict__.get("groups_part")
    if part is None:
        part = GroupsPart(tab)
        tab.groups_part = part  # type: ignore[attr-defined]
        tab.parts.append(part)
        part.set_state(tab.state)
    return part

