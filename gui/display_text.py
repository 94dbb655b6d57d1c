"""Received bytes as the log shows them: one decoder per peer, and only as much as can be shown.

Decoding happens on the Tk thread, so a huge chunk is decoded (and kept for
the log) only as far as :data:`DISPLAY_BYTES`; the counters and the saved
file still get every byte.  Tk thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from netcore import DisplayDecoder

DISPLAY_BYTES = 8 * 1024

Peer = Hashable  # any key naming one stream: (peer, connection id) for TCP


class DisplayText:
    def __init__(self, encoding: Callable[[], str]) -> None:
        self._encoding = encoding
        self._decoders: dict[Peer, DisplayDecoder] = {}

    def once(self, data: bytes) -> str:
        """``data`` on its own (a datagram, something sent)."""
        decoder = DisplayDecoder(self._encoding())
        return decoder.decode(data[:DISPLAY_BYTES]) + decoder.flush()

    def stream(self, peer: Peer, chunks: list[bytes]) -> tuple[bytes, str, int]:
        """The next chunks of ``peer``'s stream: (bytes kept for the log, their text, full size).

        A character split between two reads is joined by the peer's decoder.
        """
        size = sum(len(chunk) for chunk in chunks)
        if size > DISPLAY_BYTES:
            self._decoders.pop(peer, None)  # a gap in what is shown: start afresh
            head = (chunks[0] if len(chunks[0]) >= DISPLAY_BYTES else b"".join(chunks))[:DISPLAY_BYTES]
            return head, self.once(head), size
        head = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        decoder = self._decoders.get(peer)
        if decoder is None or decoder.encoding != self._encoding():
            decoder = self._decoders[peer] = DisplayDecoder(self._encoding())
        return head, decoder.decode(head), size

    def forget(self, peer: Peer | None = None) -> None:
        """Drop one peer's decoder (it left), or all of them (None)."""
        if peer is None:
            self._decoders.clear()
        else:
            self._decoders.pop(peer, None)
