"""Closing the real window mid-flood, as its own process: ``python -m bench.window_close_probe SECONDS``.

Starts SockLab's TCP server tab through its form and saves what it receives to
a file (``save_received_to``, what File → Save received data calls); a peer
process floods it for SECONDS (0: no flood, the idle reference), then
``app.close()`` is timed.  Afterwards the file is compared with the bytes the
tab counted and checked to be the flood's stream, every byte in order.  The
file is temporary and grows at the window's TCP rate (about 2.5 GB in 3 s on a
2-core machine).  Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

from .common import finish, percentile, read_line, spawn
from .peers import is_flood_prefix
from .window_kit import beat, open_window, start_tab

FLOOD_LONGER = 20  # the peer's own time bound, past the close: it stops when the window closes


def main(seconds: float) -> None:
    app = open_window()
    root = app.root
    port = start_tab(app, "tcp_server")
    tab = app.tabs["tcp_server"]
    with tempfile.TemporaryDirectory(prefix="socklab-close-") as folder:
        path = os.path.join(folder, "received.bin")
        tab.save_received_to(path)
        beat(root, [], 1)  # let the new window settle (first drawing, fonts)
        peer = spawn("peers", "tcp-flood", str(port), str(int(seconds) + FLOOD_LONGER)) if seconds else None
        try:
            gaps: list[float] = []
            if seconds:
                beat(root, gaps, seconds)
            counted_before = tab.received_bytes
            started = time.perf_counter()
            app.close()
            close_seconds = time.perf_counter() - started
            result = {
                "flood_seconds": seconds, "close_seconds": close_seconds,
                "counted_before_close": counted_before, "counted": tab.received_bytes,
                "file_bytes": os.path.getsize(path), "file_intact": is_flood_prefix(path),
                "beats": len(gaps), "p99": percentile(gaps, 0.99) if gaps else None,
            }
            if peer is not None:
                report = json.loads(read_line(peer, 30))
                result.update(peer_sent=report["sent"], peer_cut=report["closed_by_receiver"])
        finally:
            if peer is not None:
                finish(peer, timeout=FLOOD_LONGER + seconds)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
