"""Every default and limit of netcore, in one place.

Each value says why it is what it is; endpoints take most of them as
keyword arguments, and these are what they fall back to.
"""

from __future__ import annotations

#: stop() waits this long for the I/O thread; flushing what was queued gets most of it.
STOP_TIMEOUT = 1.0
#: Share of the stop timeout spent writing out what send() accepted before stop().
STOP_FLUSH_SHARE = 0.75

#: A TCP server's client limit, when none is given (the window asks for 100).
DEFAULT_MAX_CLIENTS = 1000
MAX_CLIENTS_LIMIT = 100_000
#: listen() backlog.
DEFAULT_BACKLOG = 128

#: Write flow control per connection (as asyncio's transports): above the high
#: mark a WritingPaused event says "slow down" (and an echo stops reading that
#: peer); at the low mark WritingResumed says "go on".
WRITE_HIGH_WATER = 1024 * 1024
WRITE_LOW_WATER = 256 * 1024
#: Hard cap on what may wait for one connection: send() beyond it is refused on
#: the caller's thread (or waits, with ``wait=``), so memory stays bounded.
MAX_BUFFERED = 64 * 1024 * 1024

#: TCP client connect timeout, seconds; timeouts are capped so select() never overflows.
CONNECT_TIMEOUT = 5.0
MAX_TIMEOUT = 3600.0

#: Receive buffer asked for on datagram sockets so a burst is not dropped by
#: the kernel while the loop is busy; Linux caps it at net.core.rmem_max.
UDP_RCVBUF = 4 * 1024 * 1024
#: In a flood, datagrams read less than this long (seconds) after the last
#: DatagramsReceived wait to go out in one event, 2-3 ms (epoll counts whole
#: milliseconds); a lone datagram, or one after a send, goes at once.  Read a
#: few at a time, a flood made thousands of events a second, each costing its
#: consumer (the window) 9-13 µs.
DATAGRAM_COALESCE = 0.002
#: How often a UDP endpoint reads the kernel's drop counter (seconds).
DROP_CHECK_INTERVAL = 0.25

#: After "too many open files" at accept(), wait this long before accepting again.
ACCEPT_PAUSE = 0.5
#: After an unexpected accept() error, wait this long (no busy loop, no flood of errors).
ACCEPT_ERROR_PAUSE = 0.1
ACCEPT_BATCH = 64
