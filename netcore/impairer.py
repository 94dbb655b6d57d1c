"""The unreliable network lab at work: drops, copies and holds back the datagrams an endpoint sends.

:class:`Impairer` sits in a datagram endpoint's send path (one attribute
check there while the lab is off: ``if self._impairer is not None``) and
decides, for each datagram, with a seeded :class:`random.Random`, whether
it is lost, sent twice, delayed or held back long enough for later ones to
overtake it.  Held datagrams wait on the endpoint's own timer heap
(:meth:`IoLoop.call_at`), so no thread is added.  Each decision is shown in
the trace as the call it replaced, with a comment
(``s.sendto(b'7/100', ('127.0.0.1', 9999))  # dropped by the impairment lab``),
through :meth:`SocketOps.note`.

:class:`ImpairableEndpoint` gives the UDP endpoints ``impairment`` (given
to the constructor) and :meth:`~ImpairableEndpoint.set_impairment` (any
thread).  Switching the lab on, changing it or off is said in a ``Notice``
(the log line), with the seed really used.

Everything here runs on the endpoint's I/O thread except
``set_impairment`` and ``check_impairment``.
"""

from __future__ import annotations

import random
import socket
import time
from collections.abc import Callable
from typing import Any

from .endpoint import Endpoint
from .errors import N_, NetError
from .events import DataSent
from .impairment import LAB_OFF, LAB_ON, OFF, Impairment
from .loop import IoLoop, TimerHandle
from .peer import Peer
from .sockops import SocketOps

#: What the lab may hold back at once (bytes): past it a datagram goes out at once, so a flood
#: through a long delay cannot fill memory (a real router would drop it; here the settings'
#: figures stay true).
HELD_LIMIT = 16 * 1024 * 1024
#: Seeds the lab picks when none is given: short enough to read in the log and type again.
PICKED_SEEDS = 1_000_000

#: The trace's comments (results of the calls the lab changed; translated where shown).
DROPPED = N_("# dropped by the impairment lab (never sent)")
SENT_TWICE = N_("# duplicated by the impairment lab: sent twice")
DELAYED = N_("# delayed by the impairment lab (sent later)")
HELD_BACK = N_("# held back by the impairment lab: later datagrams overtake it")
BAD_SETTINGS = N_("The impairment settings must be an Impairment value (netcore.impairment), not {kind}.")

#: A send the lab lets through: (socket, data, address or None when connected, peer).
Deliver = Callable[[socket.socket, bytes, Any, Peer], None]


def check_impairment(settings: object) -> Impairment:
    """``settings`` as the endpoint keeps them (None: off); NetError for anything else.  Any thread."""
    if settings is None:
        return OFF
    if not isinstance(settings, Impairment):
        raise NetError("bad_impairment", BAD_SETTINGS, kind=type(settings).__name__)
    return settings


class Impairer:
    """Applies one :class:`Impairment` to an endpoint's sends.  I/O thread only.

    ``deliver`` sends a datagram as if the lab were off (it calls back into
    the endpoint's send path, which lets it through while :attr:`passing`);
    ``told_sent(peer, size)`` reports a dropped datagram as sent, as the
    system would have: losing it is the network's doing, not the sender's.
    """

    def __init__(self, settings: Impairment, seed: int, loop: IoLoop, ops: SocketOps, deliver: Deliver,
                 told_sent: Callable[[Peer, int], None]) -> None:
        self.settings = settings
        self.seed = seed
        self.passing = False  # True while the lab itself sends: the send path lets that through
        self._rng = random.Random(seed)
        self._loop = loop
        self._ops = ops
        self._deliver = deliver
        self._told_sent = told_sent
        self._held: dict[int, tuple[TimerHandle, socket.socket, bytes, Any, Peer, bool]] = {}
        self._held_bytes = 0
        self._next_key = 0
        # what the lab did (the tests and a command line's summary read them)
        self.dropped = self.duplicated = self.delayed = self.reordered = 0

    def take(self, sock: socket.socket, data: bytes, sockaddr: Any, peer: Peer) -> bool:
        """Decide ``data``'s fate; True if the lab took it (dropped, held, or sent it itself), False to send
        it now as usual.  ``sockaddr`` is None on a connected socket (``send``, not ``sendto``)."""
        if self.passing:
            return False
        settings, draw = self.settings, self._rng.random
        # five draws for every datagram whatever happens to it: one seed, one sequence of fates
        lost = draw() * 100.0 < settings.loss
        twice = draw() * 100.0 < settings.duplicate
        late = draw() * 100.0 < settings.reorder
        jitter = (draw() * 2.0 - 1.0) * settings.jitter_ms
        overtaken_by = (0.5 + draw() * 0.5) * settings.reorder_window_ms
        if lost:
            self.dropped += 1
            self._note(sock, data, sockaddr, DROPPED)
            self._told_sent(peer, len(data))
            return True
        wait_ms = max(0.0, settings.delay_ms + jitter) + (overtaken_by if late else 0.0)
        if wait_ms <= 0.0 or self._held_bytes + len(data) > HELD_LIMIT:
            if not twice:
                return False
            self.duplicated += 1
            self._note(sock, data, sockaddr, SENT_TWICE)
            self._send(sock, data, sockaddr, peer, True)
            return True
        if late:
            self.reordered += 1
        else:
            self.delayed += 1
        if twice:
            self.duplicated += 1
        self._note(sock, data, sockaddr, HELD_BACK if late else (SENT_TWICE if twice else DELAYED))
        key = self._next_key
        self._next_key += 1
        handle = self._loop.call_at(time.monotonic() + wait_ms / 1000.0, lambda: self._release(key))
        self._held[key] = (handle, sock, data, sockaddr, peer, twice)
        self._held_bytes += len(data)
        return True

    @property
    def holding(self) -> int:
        """How many datagrams wait for their time."""
        return len(self._held)

    def release_all(self) -> None:
        """Send every held datagram now, in the order they were due (the lab is switched off or changed,
        or the endpoint stops: what send() accepted still goes out)."""
        for key in sorted(self._held, key=lambda k: self._held[k][0]):
            self._held[key][0].cancel()
            self._release(key)

    def _release(self, key: int) -> None:
        held = self._held.pop(key, None)
        if held is None:
            return
        _, sock, data, sockaddr, peer, twice = held
        self._held_bytes -= len(data)
        self._send(sock, data, sockaddr, peer, twice)

    def _send(self, sock: socket.socket, data: bytes, sockaddr: Any, peer: Peer, twice: bool) -> None:
        self.passing = True
        try:
            self._deliver(sock, data, sockaddr, peer)
            if twice:
                self._deliver(sock, data, sockaddr, peer)
        finally:
            self.passing = False

    def _note(self, sock: socket.socket, data: bytes, sockaddr: Any, comment: str) -> None:
        if self._ops.tracer is not None:
            self._ops.note(sock, "send" if sockaddr is None else "sendto", data, sockaddr, comment)


class ImpairableEndpoint(Endpoint):
    """What a datagram endpoint needs for the lab: the setting, the setter, and the switch on its I/O thread.

    ``impairment`` is what the next start uses (subclasses set it from their
    constructor); while running, :meth:`set_impairment` changes it live.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.impairment: Impairment = OFF
        # the lab at work in this run; None while off (the send path's one check: an instance attribute)
        self._impairer: Impairer | None = None

    # ----------------------------------------------------------- any thread
    def set_impairment(self, settings: Impairment | None) -> None:
        """Use ``settings`` (None: off) from now on; any thread.

        While the endpoint runs the change reaches its I/O thread in order with
        the sends: what send() accepted before is treated the old way, what it
        accepts after, the new way.  Datagrams the lab was holding back go out
        at once when the settings change.
        """
        checked = check_impairment(settings)
        self.impairment = checked
        self._call_threadsafe(lambda: self._io_apply_impairment(checked), self._run_id)

    @property
    def impairer(self) -> Impairer | None:
        """The lab at work in this run (None: off); read it on the I/O thread or once stopped."""
        return self._impairer

    # ----------------------------------------------------------- I/O thread
    def _io_apply_impairment(self, settings: Impairment) -> None:
        """Switch the lab on, change it or off (once the sockets exist; again with each setter call)."""
        current = self._impairer
        if current is None and not settings.active or current is not None and current.settings == settings:
            return  # nothing changes (a seed alone changes nothing)
        if current is not None:
            self._impairer = None
            current.release_all()
        if not settings.active:
            self._io_notice("impairment_off", LAB_OFF, {})
            return
        seed = settings.seed if settings.seed is not None else random.randrange(PICKED_SEEDS)
        self._impairer = Impairer(settings, seed, self._io_loop, self._ops, self._io_impaired_deliver,
                                  self._io_impaired_sent)
        self._io_notice("impairment_on", LAB_ON, settings.params(seed))

    def _io_end_impairment(self) -> None:
        """The run ends: send what is held back, and start the next run with the lab as set."""
        impairer, self._impairer = self._impairer, None
        if impairer is not None:
            impairer.release_all()

    def _io_impaired_deliver(self, sock: socket.socket, data: bytes, sockaddr: Any, peer: Peer) -> None:
        """Send a datagram the lab lets through (the subclass's own send path, passing the lab)."""
        raise NotImplementedError

    def _io_impaired_sent(self, peer: Peer, size: int) -> None:
        self._post(DataSent(self.name, peer, size, 0, time.monotonic()))
