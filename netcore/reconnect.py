"""Auto-reconnect for :class:`~netcore.TcpClient`: the back-off policy and the event that tells of a retry.

Off unless asked for (``TcpClient(..., reconnect=Backoff())``).  When the
connection ends without ``stop()`` (the server closed it, reset it, went away)
or a connect fails (refused, timed out, host not found), the client waits and
tries again, on its own I/O thread's timer, until it connects or is stopped:

* the first wait is ``first`` seconds (0.5), each next one ``factor`` times
  longer (2), never more than ``cap`` (30 s): 0.5, 1, 2, 4, 8, 16, 30, 30…;
* each wait is stretched or shrunk at random by up to ``jitter`` (10 %), so a
  hundred clients cut off by one server restart do not all call back at once;
* the count starts again once a connection has stayed up ``stable`` seconds
  (5): a server that accepts and at once closes (full, say) is not hammered
  every half second.

Each wait is announced by a :class:`Reconnecting` event.  ``stop()`` cancels a
wait at once.  While waiting, ``send()`` is refused ("reconnecting") rather
than queued for a server that may never come back.  Any thread may build a
:class:`Backoff`; the client reads it on its I/O thread.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .errors import N_, NetError
from .values import Value

if TYPE_CHECKING:
    from random import Random

BAD_BACKOFF = N_("Reconnect waits must be seconds with 0 < first ≤ cap ≤ 3600, a factor of at least 1 "
                 "and a jitter from 0 to 0.5.")
RECONNECTING = N_("Not connected: waiting to reconnect to {address}.")


class Backoff(Value):
    """Exponential back-off: ``first`` × ``factor``**(attempt−1), at most ``cap``, ± ``jitter`` (a share)."""

    first: float = 0.5
    factor: float = 2.0
    cap: float = 30.0
    jitter: float = 0.1
    stable: float = 5.0

    def __post_init__(self) -> None:
        numbers = (self.first, self.factor, self.cap, self.jitter, self.stable)
        if any(isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n)
               for n in numbers) \
                or not (0 < self.first <= self.cap <= 3600 and self.factor >= 1 and 0 <= self.jitter <= 0.5
                        and self.stable >= 0):
            raise NetError("bad_backoff", BAD_BACKOFF)

    def delay(self, attempt: int, rand: Random | None = None) -> float:
        """Seconds to wait before attempt number ``attempt`` (1 for the first retry)."""
        exponent = min(max(attempt, 1) - 1, 64)  # 2**64 × 0.5 s is past any cap: no overflow
        base = min(self.cap, self.first * self.factor ** exponent)
        if rand is None:
            import random  # here, not at import: the window's start-up does not need it

            spread = random.uniform(-self.jitter, self.jitter)
        else:
            spread = rand.uniform(-self.jitter, self.jitter)
        return max(0.0, base * (1.0 + spread))


class Reconnecting(Value):
    """The client will try to connect again in ``delay`` seconds; this is retry number ``attempt``.

    ``reason``: why the last connection or attempt ended ("closed", "reset",
    "refused", "timeout", …: a disconnect reason or an error code).
    """

    source: str
    attempt: int
    delay: float
    reason: str
    address: str = ""  # whom it will call: "127.0.0.1:9999"
    time: float = 0.0
