"""Periodic send over real loopback: complete and in order at 1 ms, a Stop that stops, no burst after a
stall, skipped ticks instead of a growing buffer."""

from __future__ import annotations

import socket
import time

import pytest

from netcore import DataSent, NetError, TcpClient, TcpServer, UdpClient, UdpServer
from netcore.periodic import PeriodicDone, PeriodicProgress, PeriodicSend

from .support import payloads, port_of, start


def _numbered(n: int) -> bytes:
    return b"%05d\n" % n


def _tcp_pair(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    client = make(TcpClient, "127.0.0.1", port, name="cli")
    (local,) = start(client)
    rec.wait(lambda _: server.peers() == (local,))
    return server, client


def test_every_millisecond_two_hundred_arrive_complete_and_in_order(make, rec):
    _server, client = _tcp_pair(make, rec)
    job = PeriodicSend(client, _numbered, interval=0.001, count=200).start()
    assert job.wait(5)
    assert (job.reason, job.sent, job.skipped) == ("done", 200, 0)
    expected = b"".join(_numbered(n) for n in range(200))
    rec.wait(lambda _: len(rec.received("srv")) >= len(expected))
    assert rec.received("srv") == expected
    # about 1,000 a second: 200 messages span 199 intervals (a busy machine may stretch a few)
    assert 500 < job.achieved_rate < 1100, job.achieved_rate
    done = rec.wait(lambda _: rec.of(PeriodicDone, "cli"))[0]
    assert (done.reason, done.sent, done.count, done.job) == ("done", 200, 200, job.id)
    assert done.rate == pytest.approx(job.achieved_rate)
    # each message is told as for send(); progress is coalesced (about ten a second, not 200)
    assert len([e for e in rec.of(DataSent, "cli") if e.size == 6]) == 200
    assert len(rec.of(PeriodicProgress, "cli")) <= 6


def test_udp_every_millisecond_two_hundred_datagrams_in_order(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="usrv")
    port = port_of(start(server))
    client = make(UdpClient, "127.0.0.1", port, name="ucli")
    start(client)
    job = PeriodicSend(client, _numbered, interval=0.001, count=200).start()
    assert job.wait(5) and job.reason == "done"
    rec.wait(lambda _: len(payloads(rec, "usrv")) >= 200)
    assert payloads(rec, "usrv") == [_numbered(n) for n in range(200)]


def test_stop_stops_at_once_and_nothing_follows(make, rec):
    _server, client = _tcp_pair(make, rec)
    job = PeriodicSend(client, b"x", interval=0.001).start()  # until stopped
    rec.wait(lambda _: len(rec.received("srv")) >= 20)
    asked = time.monotonic()
    job.stop()
    assert job.wait(1.0), "stop() did not end the job within a second"
    assert time.monotonic() - asked < 0.5
    assert job.reason == "stopped"
    sent = job.sent
    time.sleep(0.05)  # ten intervals: nothing more may go
    assert job.sent == sent
    rec.wait(lambda _: len(rec.received("srv")) == sent)
    job.stop()  # again: harmless
    assert [e.reason for e in rec.of(PeriodicDone, "cli")] == ["stopped"]


def test_stopping_the_endpoint_ends_the_job(make, rec):
    _server, client = _tcp_pair(make, rec)
    job = PeriodicSend(client, b"x", interval=0.005).start()
    rec.wait(lambda _: job.sent >= 2)
    assert client.stop()
    assert job.done.is_set() and job.reason == "endpoint-stopped"
    assert [e.reason for e in rec.of(PeriodicDone, "cli")] == ["endpoint-stopped"]


def test_a_stall_is_counted_as_missed_not_made_up_with_a_burst(make, rec):
    _server, client = _tcp_pair(make, rec)
    job = PeriodicSend(client, b"x", interval=0.001).start()
    rec.wait(lambda _: job.sent >= 5)
    stalled = []
    # the I/O thread stalls 100 ms, then notes what was sent and when
    client.call_later(0, lambda: (time.sleep(0.1), stalled.append((job.sent, time.monotonic()))))
    rec.wait(lambda _: stalled)
    before, stall_ended = stalled[0]
    time.sleep(0.003)
    burst = job.sent - before
    since = time.monotonic() - stall_ended  # 3 ms on a quiet machine; more on a loaded one
    job.stop()
    assert job.wait(1)
    # 100 ticks passed during the stall: at most CATCH_UP_TICKS (10) are sent back to back, the rest missed;
    # beyond those, one a millisecond (a busy machine's wait lets the normal pace send more)
    assert job.missed >= 80, job.missed
    assert burst <= 17 + since * 1000, (burst, since)


def test_a_peer_that_does_not_read_gets_skipped_ticks_not_unbounded_memory(make, rec):
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        client = make(TcpClient, "127.0.0.1", listener.getsockname()[1], name="cli")
        start(client)
        peer, _ = listener.accept()  # accepted, never read: the kernel's buffers fill, then ours
        with peer:
            block = b"z" * (256 * 1024)
            job = PeriodicSend(client, block, interval=0.001).start()
            rec.wait(lambda _: job.skipped >= 20, timeout=5)
            conn = client._conn
            # what waits in our buffer stays about the high-water mark, however long it runs
            assert conn.out_size <= client.write_high + len(block)
            # and the user is told: progress says how many ticks were skipped
            rec.wait(lambda _: any(e.skipped for e in rec.of(PeriodicProgress, "cli")))
            job.stop()
            assert job.wait(1)
            done = rec.of(PeriodicDone, "cli")[-1]
            assert done.skipped == job.skipped and done.sent == job.sent
    finally:
        listener.close()


def test_a_server_sends_to_every_client(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    port = port_of(start(server))
    one = make(TcpClient, "127.0.0.1", port, name="one")
    two = make(TcpClient, "127.0.0.1", port, name="two")
    start(one)
    start(two)
    rec.wait(lambda _: len(server.peers()) == 2)
    job = PeriodicSend(server, b"tick\n", interval=0.002, count=10).start()
    assert job.wait(5) and job.reason == "done"
    for name in ("one", "two"):
        rec.wait(lambda _, name=name: rec.received(name) == b"tick\n" * 10)


def test_the_job_ends_when_its_connection_closes(make, rec):
    server, client = _tcp_pair(make, rec)
    (conn_id, _peer), = server.connections()
    job = PeriodicSend(server, b"x", interval=0.002, target=conn_id).start()
    rec.wait(lambda _: job.sent >= 2)
    client.stop()
    assert job.wait(2)
    assert job.reason == "gone"


def test_bad_arguments_are_refused_in_plain_words(make, rec):
    _server, client = _tcp_pair(make, rec)
    with pytest.raises(NetError) as bad:
        PeriodicSend(client, b"x", interval=0.0005)
    assert bad.value.code == "bad_interval" and "1 to 86,400,000" in bad.value.message
    with pytest.raises(NetError) as bad:
        PeriodicSend(client, b"x", interval=0.01, count=-3)
    assert bad.value.code == "bad_count"
    with pytest.raises(NetError) as bad:
        PeriodicSend(client, b"", interval=0.01)
    assert bad.value.code == "empty"
    udp = make(UdpClient, "127.0.0.1", 9, name="ucli")
    start(udp)
    with pytest.raises(NetError) as bad:
        PeriodicSend(udp, b"x" * 70000, interval=0.01)
    assert bad.value.code == "too_long"
    job = PeriodicSend(client, b"x", interval=0.01, count=1)
    job.start()
    with pytest.raises(NetError):
        job.start()
    assert job.wait(2)
    client.stop()
    with pytest.raises(NetError) as bad:
        PeriodicSend(client, b"x", interval=0.01)
    assert bad.value.code == "not_running"
