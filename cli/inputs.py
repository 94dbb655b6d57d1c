"""Which input a role sends, chosen once from the arguments: stdin, a file, or the --send message.

* ``--send``/``--send-file`` with ``--interval``: a :class:`~cli.sources.Repeater` on the
  endpoint's timers;
* ``--send``/``--send-file`` without it: a thread sending the message ``--count`` times
  (a TCP client streams the file from disk);
* otherwise stdin, on a thread: raw bytes as they come (TCP), or line by line (UDP, and any
  ``--mode`` other than raw).

Main thread (the thread or the timers it starts are the sources' own).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from netcore import NetError

from .config import RunConfig
from .sources import (
    Chunker,
    LineChunker,
    Post,
    Repeater,
    Send,
    file_pieces,
    line_transform,
    read_pieces,
    repeated,
    start_sending,
)

#: Longest piece of one line sent at once on a stream (a line of stdin without a newline in sight).
STREAM_LINE_LIMIT = 1024 * 1024


def start_input(cfg: RunConfig, endpoint: object, send: Send, post: Post, *, send_now: Send | None = None,
                datagram_limit: int | None = None, label: Callable[[], str] | None = None) -> None:
    """Start sending what ``cfg`` says.

    ``send`` runs on the input thread and may wait for room; ``send_now`` (default: ``send``) runs
    on the endpoint's I/O thread for --interval and must not wait (the I/O thread makes the room).
    ``datagram_limit``: the largest datagram (UDP), None for TCP.  ``label``: a client's peer, for
    --show to tell what is sent before it goes (see :func:`start_sending`).
    """
    show = cfg.show is not None
    if cfg.interval is not None:
        assert cfg.send is not None  # config reads a repeated file into memory
        Repeater(endpoint, cfg.send, cfg.interval, cfg.count, send_now or send, post, show=show).start()
        return
    if cfg.send_file is not None:
        start_sending(file_pieces(cfg.send_file, cfg.count or 1), send, post, show=show, what=cfg.send_file,
                      label=label)
        return
    if cfg.send is not None:
        start_sending(repeated(cfg.send, cfg.count or 1), send, post, show=show, label=label)
        return
    start_sending(read_pieces(sys.stdin.fileno(), stdin_chunker(cfg, datagram_limit, post)), send, post,
                  show=show, label=label)


def stdin_chunker(cfg: RunConfig, datagram_limit: int | None, post: Callable[[NetError], None]) -> Chunker:
    if cfg.mode != "raw":
        transform = line_transform(cfg.mode, cfg.encoding, cfg.line_ending, sys.stdin.encoding or "utf-8")
        return LineChunker(datagram_limit or STREAM_LINE_LIMIT, transform, post)
    if datagram_limit is not None:
        return LineChunker(datagram_limit)
    return Chunker()
