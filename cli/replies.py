"""A server's answers by itself: --rule REGEX=REPLY (first match), then --reply ctime|fixed.

``echo`` never comes here: netcore echoes on its I/O thread (the window's echo,
as fast as it gets).  Each received message (a TCP read, a UDP datagram) is
decoded in --encoding for the rules to search; TCP has no message
boundaries, so a rule sees what one ``recv()`` returned, as the seed's servers
did.  Main thread only.
"""

from __future__ import annotations

import re

from .config import RunConfig


class Replier:
    """``answer(data)``: the bytes to send back, or None for no answer."""

    def __init__(self, cfg: RunConfig) -> None:
        self._rules = [(re.compile(rule.pattern), rule.reply) for rule in cfg.rules]
        self._encoding = cfg.encoding
        self._mode = cfg.reply
        self._fixed = cfg.reply_text

    def answer(self, data: bytes) -> bytes | None:
        if self._rules:
            text = data.decode(self._encoding, "replace")
            for pattern, reply in self._rules:
                if pattern.search(text):
                    return reply
        if self._mode == "ctime":
            from netcore.udp_server import ctime_reply  # the seed's answer, as the UDP tab gives it

            return ctime_reply(data)
        if self._mode == "fixed":
            return self._fixed
        return None
