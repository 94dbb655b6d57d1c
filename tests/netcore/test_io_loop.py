"""The I/O loop's turn: every ready socket served once, a failing callback reported, not fatal."""

from __future__ import annotations

import selectors
import socket

import pytest

from netcore.loop import IoLoop


@pytest.fixture(params=["epoll", "any selector"])
def loop(request):
    """The loop as on Linux (LeanEpollSelector's own turn) and as on other systems (select())."""
    failures: list[tuple[str, str]] = []
    loop = IoLoop(lambda what, exc, _context: failures.append((what, str(exc))))
    if request.param == "any selector":
        loop._serve = None
    elif loop._serve is None:
        pytest.fail("no epoll here: LeanEpollSelector is Linux's")
    loop.failures = failures
    yield loop
    loop.close()


@pytest.fixture
def pairs():
    made = [socket.socketpair() for _ in range(3)]
    yield made
    for a, b in made:
        a.close()
        b.close()


def test_each_ready_socket_is_served_once_a_turn_and_one_failure_stops_nothing(loop, pairs):
    served: list[int] = []

    def callback(number: int):
        def serve(sock, mask):
            assert mask == selectors.EVENT_READ
            served.append(number)
            sock.recv(10)
            if number == 1:
                raise RuntimeError("this connection's own problem")
        return serve

    for number, (a, b) in enumerate(pairs):
        loop.selector.register(b, selectors.EVENT_READ, callback(number))
        a.send(b"x")
    loop.run_once(1.0, lambda: False)
    assert sorted(served) == [0, 1, 2]
    assert loop.failures == [("io", "this connection's own problem")]
    loop.run_once(0, lambda: False)  # nothing left to read: nobody is called again
    assert sorted(served) == [0, 1, 2]


def test_a_socket_unregistered_earlier_in_the_same_turn_is_not_served(loop, pairs):
    served: list[int] = []
    socks = [b for _a, b in pairs]

    def serve(sock, mask):
        served.append(socks.index(sock))
        sock.recv(10)
        for other in socks:  # the first one served closes the others' connections
            if other is not sock and loop.selector.get_map().get(other) is not None:
                loop.selector.unregister(other)

    for a, b in pairs:
        loop.selector.register(b, selectors.EVENT_READ, serve)
        a.send(b"x")
    loop.run_once(1.0, lambda: False)
    assert len(served) == 1


def test_stop_ends_the_turn_before_the_next_callback(loop, pairs):
    served: list[int] = []
    stopping = []

    def serve(sock, mask):
        served.append(1)
        sock.recv(10)
        stopping.append(True)

    for a, b in pairs:
        loop.selector.register(b, selectors.EVENT_READ, serve)
        a.send(b"x")
    loop.run_once(1.0, lambda: bool(stopping))
    assert served == [1]


def test_a_socket_reregistered_earlier_in_the_same_turn_is_served_as_it_is_now(loop, pairs):
    called: list[str] = []
    first, second = pairs[0][1], pairs[1][1]

    def old(sock, mask):
        called.append("old")

    def new(sock, mask):
        called.append("new")
        sock.recv(10)

    def serve_first(sock, mask):
        called.append("first")
        sock.recv(10)
        loop.selector.modify(second, selectors.EVENT_READ, new)  # (a connection handed to another part)

    loop.selector.register(first, selectors.EVENT_READ, serve_first)
    loop.selector.register(second, selectors.EVENT_READ, old)
    pairs[0][0].send(b"x")
    pairs[1][0].send(b"x")
    loop.run_once(1.0, lambda: False)  # (the selector reports the two in an order of its own)
    loop.run_once(0.05, lambda: False)  # second's data is still there if "old" left it
    assert "old" not in called[called.index("first"):]  # once re-registered, only the new callback
    assert called.count("new") == 1
