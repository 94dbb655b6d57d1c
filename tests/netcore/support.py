"""Small helpers shared by the loopback tests."""

from __future__ import annotations

import socket
import threading
import time

from netcore import (
    ConnectionState,
    DatagramsReceived,
    Error,
    PeerConnected,
    PeerDisconnected,
    Started,
    Stopped,
)


def start(endpoint, timeout: float = 5.0):
    """Start ``endpoint`` and return its local addresses (raises its NetError)."""
    endpoint.start()
    return endpoint.wait_ready(timeout)


def port_of(local) -> int:
    """The port of the first local address (``Started.local`` / ``wait_ready()``: a tuple of Peers)."""
    return local[0].port


def closed_port(kind: int = socket.SOCK_STREAM, host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago and has nobody on it now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, kind) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def datagrams(rec, source: str) -> list:
    """Every datagram ``source`` received, in order, boundaries kept."""
    return [d for e in rec.of(DatagramsReceived, source) for d in e.datagrams]


def payloads(rec, source: str) -> list[bytes]:
    return [d.data for d in datagrams(rec, source)]


def errors(rec, source: str, code: str | None = None) -> list[Error]:
    return [e for e in rec.of(Error, source) if code is None or e.code == code]


def stopped(rec, source: str) -> list[Stopped]:
    return rec.of(Stopped, source)


def started(rec, source: str) -> list[Started]:
    return rec.of(Started, source)


def disconnects(rec, source: str) -> list[PeerDisconnected]:
    return rec.of(PeerDisconnected, source)


def states(rec, source: str, conn: int | None = None) -> list[str]:
    """The life of ``source``'s connections so far (of one connection id, if given).

    "open" is a PeerConnected (a client's Started), "closed" a PeerDisconnected,
    and the states between them are the ConnectionState events.
    """
    life = []
    for e in rec.pump():
        if getattr(e, "source", None) != source:
            continue
        if isinstance(e, Started) and e.remote is not None:
            e_conn, state = 1, "open"
        elif isinstance(e, PeerConnected):
            e_conn, state = e.conn, "open"
        elif isinstance(e, ConnectionState):
            e_conn, state = e.conn, e.state
        elif isinstance(e, PeerDisconnected):
            e_conn, state = e.conn, "closed"
        else:
            continue
        if conn is None or e_conn == conn:
            life.append(state)
    return life


def half_closed_by_peer(rec, source: str, conn: int | None = None) -> bool:
    """True once ``source`` saw the peer end its sending side (a half-close, not a disconnect)."""
    return "half-closed-by-peer" in states(rec, source, conn)


def of_source(rec, source: str) -> list:
    """Every event ``source`` posted so far, in order."""
    return [e for e in rec.pump() if getattr(e, "source", None) == source]


SLOW_NAME = "slow.example"


def slow_lookup(monkeypatch, seconds: float) -> threading.Event:
    """Make looking up SLOW_NAME take ``seconds`` (then answer 127.0.0.1); the event is set when it ends."""
    import netcore.resolver

    done = threading.Event()
    real = socket.getaddrinfo

    def slow(host, *args, **kwargs):
        if host == SLOW_NAME:
            time.sleep(seconds)  # stands for a slow name server
            done.set()
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(netcore.resolver.socket, "getaddrinfo", slow)
    return done
