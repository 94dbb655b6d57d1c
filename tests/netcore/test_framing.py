"""Receive framing: a TCP stream cut into messages by delimiter or idle gap, per connection, bounded."""

from __future__ import annotations

import socket
import time

import pytest

from netcore import DataReceived, NetError, Notice, TcpClient, TcpServer
from netcore.framing import Framer, FramingSpec, framing_spec
from netcore.payload import CodecError

from .support import start


def messages(rec, source: str, conn: int | None = None) -> list[bytes]:
    return [e.data for e in rec.of(DataReceived, source) if conn is None or e.conn == conn]


def feed_all(framer: Framer, reads: list[bytes]) -> list[bytes]:
    out: list[bytes] = []
    for data in reads:
        out += framer.feed([data])
    return out


@pytest.mark.parametrize(("mode", "custom", "form", "reads", "expected"), [
    ("lf", "", "text", [b"hel", b"lo\nwor", b"ld\n", b"x\ny\nz"], [b"hello\n", b"world\n", b"x\n", b"y\n"]),
    # a CRLF cut between two reads, and a lone CR or LF inside a message
    ("crlf", "", "text", [b"a\rb\r", b"\nc\nd\r\n\r", b"\n"], [b"a\rb\r\n", b"c\nd\r\n", b"\r\n"]),
    ("custom", "\\x03END", "text", [b"one\x03E", b"N", b"Dtwo\x03EN", b"D"], [b"one\x03END", b"two\x03END"]),
    ("custom", "7E 7E", "hex", [b"\x01~", b"~\x02~~~"], [b"\x01~~", b"\x02~~"]),
])
def test_delimiters_split_across_reads_and_several_in_one_read(mode, custom, form, reads, expected):
    spec = framing_spec(mode, custom, form)
    assert spec is not None
    framer = Framer(spec)
    assert feed_all(framer, reads) == expected
    assert b"".join(expected) + framer.take() == b"".join(reads)  # nothing lost, nothing added


def test_a_message_longer_than_the_maximum_is_handed_on_as_it_is():
    framer = Framer(FramingSpec("delimiter", b"\n", max_size=10))
    out = feed_all(framer, [b"short\n" + b"x" * 12, b"x" * 13 + b"\nend\n"])
    assert out == [b"short\n", b"x" * 10, b"x" * 10, b"xxxxx\n", b"end\n"]
    assert framer.cut == 2 and not framer.buffer


def test_bad_framing_input_is_refused_plainly():
    with pytest.raises(CodecError, match="Type the delimiter"):
        framing_spec("custom", "")
    with pytest.raises(CodecError, match="not a hex digit"):
        framing_spec("custom", "0D 0G", "hex")
    with pytest.raises(NetError, match="idle gap must be a number of milliseconds"):
        framing_spec("idle", idle_ms="fast")
    with pytest.raises(NetError, match="maximum message size"):
        framing_spec("lf", max_kib="0")
    assert framing_spec("off") is None


def test_a_tcp_server_delivers_one_event_per_line_from_pieces(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    server.framing = framing_spec("lf")
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for piece in (b"hel", b"lo\nwor", b"ld\nx\ny\n", b"tail"):
            sock.sendall(piece)
            time.sleep(0.01)  # (most likely a recv() each)
        rec.wait(lambda _: len(messages(rec, "srv")) == 4)
    rec.wait(lambda _: len(messages(rec, "srv")) == 5)  # the end of the stream ends the last message
    assert messages(rec, "srv") == [b"hello\n", b"world\n", b"x\n", b"y\n", b"tail"]
    assert all(e.message for e in rec.of(DataReceived, "srv"))


def test_each_connection_has_its_own_buffer(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    server.framing = framing_spec("crlf")
    port = start(server)[0].port
    address = ("127.0.0.1", port)
    with socket.create_connection(address) as a, socket.create_connection(address) as b:
        for sock, data in ((a, b"a1-"), (b, b"b1-"), (a, b"a2\r"), (b, b"b2\r\nb3"), (a, b"\n")):
            sock.sendall(data)
            time.sleep(0.01)
        rec.wait(lambda _: len(messages(rec, "srv")) == 2)
    events = rec.wait(lambda _: len(messages(rec, "srv")) == 3 and rec.of(DataReceived, "srv"))
    by_conn: dict[int, list[bytes]] = {}
    for event in events:
        by_conn.setdefault(event.conn, []).append(event.data)
    assert sorted(by_conn.values()) == [[b"a1-a2\r\n"], [b"b1-b2\r\n", b"b3"]]


def test_an_idle_gap_ends_a_message(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    server.framing = framing_spec("idle", idle_ms="40")
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"abc")
        sock.sendall(b"def")  # within the gap: the same message
        rec.wait(lambda _: messages(rec, "srv") == [b"abcdef"])
        started = time.monotonic()
        sock.sendall(b"ghi")
        rec.wait(lambda _: len(messages(rec, "srv")) == 2)
        assert time.monotonic() - started >= 0.035  # not before the gap
        assert messages(rec, "srv") == [b"abcdef", b"ghi"]


def test_the_maximum_size_bounds_a_stream_without_delimiters_and_says_so_once(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    server.framing = framing_spec("lf", max_kib="1")
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"z" * 2500 + b"\nok\n")
        rec.wait(lambda _: len(messages(rec, "srv")) == 4)
    assert [len(m) for m in messages(rec, "srv")] == [1024, 1024, 453, 3]
    cut = [e for e in rec.of(Notice, "srv") if e.code == "message_cut"]
    assert len(cut) == 1 and "1,024 bytes" in cut[0].message


def test_framing_changes_while_running_and_a_client_frames_too(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = start(server)[0].port
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    client.set_framing(framing_spec("lf"))  # before the start: kept for it
    start(client)
    rec.wait(lambda _: server.connections())
    server.send(b"one\ntw")
    rec.wait(lambda _: messages(rec, "cli") == [b"one\n"])
    client.set_framing(None)  # off: what was buffered comes out first
    rec.wait(lambda _: messages(rec, "cli") == [b"one\n", b"tw"])
    server.send(b"o\nthree")
    rec.wait(lambda _: b"".join(messages(rec, "cli")) == b"one\ntwo\nthree")
    assert not rec.of(DataReceived, "cli")[-1].message  # plain reads again
