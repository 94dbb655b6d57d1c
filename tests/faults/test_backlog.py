"""Case 5: a peer that does not read while the other side keeps sending."""

from __future__ import annotations

import selectors
import socket
import struct
import time

import pytest

import netcore.stream
from netcore import DataSent, Error, TcpClient, TcpServer
from tests.netcore.support import errors, port_of, start, stopped

from .tools import MiB, assert_plain, processed, recv_exactly

BLOCK = 256 * 1024
MAX_PENDING = 2 * MiB
MAX_BLOCKS = 200  # 50 MiB: far more than the kernel buffers (a few MiB) and the queue can hold


@pytest.fixture(autouse=True)
def small_queue(monkeypatch):
    monkeypatch.setattr(netcore.stream, "MAX_PENDING", MAX_PENDING)


def block(index: int) -> bytes:
    """A 256 KiB block that says which one it is."""
    return struct.pack(">I", index) * (BLOCK // 4)


class Flood:
    """Numbered blocks sent by ``source`` to ``peer`` until it refuses one; then accounted for."""

    def __init__(self, rec, source: str, peer) -> None:
        self.rec, self.source, self.peer = rec, source, peer
        self.sent = 0
        self.most_pending = 0

    def written(self) -> list[DataSent]:
        return [e for e in self.rec.of(DataSent, self.source) if e.peer == self.peer and e.size == BLOCK]

    def refused(self) -> list[Error]:
        return errors(self.rec, self.source, "backlog_full")

    def run(self, endpoint, send, pending) -> None:
        """Send, one block handled at a time, until the first "backlog_full" arrives (bounded).

        ``pending()`` peeks at the bytes waiting in the endpoint's queue for this peer.
        """
        while not self.refused():
            assert self.sent < MAX_BLOCKS, f"no backlog_full after {MAX_BLOCKS} blocks of {BLOCK} bytes"
            send(block(self.sent))
            self.sent += 1
            processed(endpoint)
            self.most_pending = max(self.most_pending, pending())
        assert MAX_PENDING - BLOCK < self.most_pending <= MAX_PENDING  # it filled up, and no further

    def drain(self, sock: socket.socket, timeout: float = 10.0) -> bytes:
        """Read until every block is either reported sent or refused, and every sent one arrived."""
        sock.setblocking(False)
        data = bytearray()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(sock, selectors.EVENT_READ)
            while True:
                written, refused = len(self.written()), len(self.refused())
                if written + refused == self.sent and len(data) == written * BLOCK:
                    break
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"read {len(data)} B; {written} sent, {refused} refused of {self.sent}"
                if selector.select(min(remaining, 0.05)):
                    try:
                        while chunk := sock.recv(1 << 20):
                            data += chunk
                    except BlockingIOError:
                        pass
        sock.setblocking(True)
        return bytes(data)

    def check(self, data: bytes, label: str) -> None:
        refused, written = self.refused(), self.written()
        assert len(refused) == 1 and len(written) + len(refused) == self.sent
        for err in refused:
            assert not err.fatal and err.peer == self.peer
            assert_plain(err.message)
            assert err.message.startswith(f"{label} is not reading fast enough")
            assert "This message was not sent" in err.message
            # memory stayed bounded: what was waiting when a block was refused
            assert MAX_PENDING - BLOCK < int(dict(err.params)["size"]) <= MAX_PENDING
        # everything accepted arrived, in order and whole; nothing refused did
        assert len(data) == len(written) * BLOCK
        indexes = [struct.unpack(">I", data[i:i + 4])[0] for i in range(0, len(data), BLOCK)]
        assert indexes == list(range(self.sent - 1))  # the last one was refused
        assert all(data[i * BLOCK:(i + 1) * BLOCK] == block(n) for i, n in enumerate(indexes))


def test_client_flooding_a_server_that_does_not_read(make, rec):
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        client = make(TcpClient, "127.0.0.1", port, name="cli")
        start(client)
        conn, _ = listener.accept()
        with conn:
            flood = Flood(rec, "cli", ("127.0.0.1", port))
            flood.run(client, client.send, lambda: client._conn.out_size)
            flood.check(flood.drain(conn), f"127.0.0.1:{port}")
            # usable both ways once the server reads again
            client.send(b"after the flood")
            assert recv_exactly(conn, 15) == b"after the flood"
            conn.sendall(b"welcome back")
            rec.wait(lambda _: rec.received("cli") == b"welcome back")
            assert client.running and not stopped(rec, "cli")
    assert [e.code for e in rec.of(Error, "cli")] == ["backlog_full"] * len(flood.refused())


def test_server_flooding_a_client_that_does_not_read(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    reader = make(TcpClient, "127.0.0.1", port, name="reader")
    start(reader)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as slow:
        peer = slow.getsockname()
        rec.wait(lambda _: peer in server.peers())
        flood = Flood(rec, "srv", peer)
        flood.run(server, lambda data: server.send(data, peer), lambda: server._conns[peer].out_size)
        # a client that reads is not held up by the one that does not
        server.send(b"meanwhile", reader.local_addresses[0])
        rec.wait(lambda _: rec.received("reader") == b"meanwhile")
        flood.check(flood.drain(slow), f"127.0.0.1:{peer[1]}")
        server.send(b"after the flood", peer)
        assert recv_exactly(slow, 15) == b"after the flood"
        slow.sendall(b"thanks")
        rec.wait(lambda _: rec.received("srv") == b"thanks")
    assert [e.code for e in rec.of(Error, "srv")] == ["backlog_full"] * len(flood.refused())
    assert server.running
