"""Auto-reply rules over real loopback: every rule kind fires on every message; the loop guard trips."""

from __future__ import annotations

import re
import socket
import threading
import time

import pytest

from netcore import AutoReplied, DataSent, Notice, TcpServer, UdpClient, UdpServer
from netcore.autoreply import Rule, RuleError, compile_rule, compile_rules
from netcore.framing import framing_spec

from .support import payloads, start


def handed_over(endpoint) -> None:
    """Wait until the I/O thread ran the commands queued so far (a timer armed after them fires)."""
    done = threading.Event()
    endpoint.call_later(0, done.set)
    assert done.wait(2)


def _udp_exchange(make, rules, messages, *, wait_for=None):
    """A UdpServer answering by ``rules``; a plain socket sends ``messages``; returns the replies."""
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    server.set_auto_reply(compile_rules(rules))
    port = start(server)[0].port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        for message in messages:
            sock.sendto(message, ("127.0.0.1", port))
        replies = []
        for _ in range(len(messages) if wait_for is None else wait_for):
            replies.append(sock.recv(65536))
        sock.settimeout(0.05)
        with pytest.raises(TimeoutError):  # and no more than that
            replies.append(sock.recv(65536))
    return replies


def test_each_match_kind_fires_on_every_message_not_once(make):
    rules = [Rule("hex_prefix", "AA 55", "01 02", "hex"),
             Rule("contains", "ping", "pong\\r\\n"),
             Rule("regex", r"temp=(\d+)", r"T\1")]
    messages = [b"\xaa\x55\x00", b"a ping here", b"temp=21"] * 10
    replies = _udp_exchange(make, rules, messages)
    assert replies == [b"\x01\x02", b"pong\r\n", b"T21"] * 10


def test_capture_groups_by_number_and_by_name_and_the_whole_match(make):
    rules = [Rule("regex", r"(?P<cmd>GET|SET) (\w+)=?(\d*)", r"\g<cmd>-OK \2 [\3] <\g<0>>\n")]
    replies = _udp_exchange(make, rules, [b"SET volume=7", b"GET volume", b"nothing here"], wait_for=2)
    assert replies == [b"SET-OK volume [7] <SET volume=7>\n", b"GET-OK volume [] <GET volume>\n"]


def test_echo_ctime_and_fixed_answer_everything_first_matching_rule_wins(make):
    replies = _udp_exchange(make, [Rule("contains", "x", "X!"), Rule("ctime")], [b"x1", b"hello"])
    assert replies[0] == b"X!"
    assert re.fullmatch(rb"\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] hello", replies[1])
    assert _udp_exchange(make, [Rule("echo")], [b"a", b"b"]) == [b"a", b"b"]
    assert _udp_exchange(make, [Rule("fixed", reply="OK")], [b"a", b"b"]) == [b"OK", b"OK"]


def test_disabled_rules_are_skipped_and_a_regex_matches_decoded_text(make):
    rules = [Rule("fixed", reply="never", enabled=False), Rule("regex", "温度(.)", r"got \1")]
    assert _udp_exchange(make, rules, ["温度高".encode()]) == ["got 高".encode()]


@pytest.mark.parametrize(("rule", "field", "position", "words"), [
    (Rule("regex", "temp=(\\d+", "x"), "pattern", 6, "is never closed"),
    (Rule("regex", "*x", "x"), "pattern", 1, "has nothing before it to repeat"),
    (Rule("regex", "a{2,1}", "x"), "pattern", 3, "min repeat greater than max repeat"),
    (Rule("regex", "(a)", "got \\2"), "reply", 5, "has only 1"),
    (Rule("regex", "(a)", "got \\g<nope>"), "reply", 5, "no group of that name"),
    (Rule("contains", "a", "got \\1"), "reply", 5, "Only a regex rule has groups"),
    (Rule("contains", "a", "bad \\q"), "reply", 5, "not a known escape"),
    (Rule("hex_prefix", "AG", "x"), "pattern", 2, "not a hex digit"),
    (Rule("contains", "", "x"), "pattern", None, "Type the pattern"),
    (Rule("fixed", "", "", "hex"), "reply", None, "Type the reply"),
])
def test_a_bad_rule_is_refused_with_where_and_why(rule, field, position, words):
    with pytest.raises(RuleError) as caught:
        compile_rule(rule)
    assert caught.value.field == field
    assert (caught.value.position + 1 if caught.value.position is not None else None) == position
    assert words in caught.value.message


def test_tcp_rules_answer_each_framed_message_and_apply_while_running(make, rec):
    server = make(TcpServer, "127.0.0.1", 0, name="srv")
    server.set_framing(framing_spec("lf"))
    port = start(server)[0].port
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"PING 0\n")
        rec.wait(lambda _: rec.received("srv") == b"PING 0\n")
        server.set_auto_reply(compile_rules([Rule("regex", r"PING (\d+)", r"PONG \1\n")]))  # at once
        handed_over(server)
        sock.sendall(b"".join(b"PING %d\n" % n for n in range(1, 11)))  # ten in one send
        got = b""
        while got.count(b"\n") < 10:
            got += sock.recv(4096)
        assert got == b"".join(b"PONG %d\n" % n for n in range(1, 11))
        replied = rec.wait(lambda _: len(rec.of(AutoReplied, "srv")) == 10 and rec.of(AutoReplied, "srv"))
        assert [e.rule for e in replied] == [1] * 10 and replied[0].data == b"PONG 1\n"
        server.set_auto_reply(None)  # off again: nothing more comes back
        handed_over(server)
        sock.sendall(b"PING 99\n")
        rec.wait(lambda _: rec.received("srv").endswith(b"PING 99\n"))
        sock.settimeout(0.05)
        with pytest.raises(TimeoutError):
            sock.recv(4096)


def test_the_loop_guard_stops_two_endpoints_echoing_at_each_other(make, rec):
    rules = compile_rules([Rule("echo")], loop_limit=50, loop_pause=5.0)
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    server.set_auto_reply(rules)
    port = start(server)[0].port
    client = make(UdpClient, "127.0.0.1", port, name="cli")
    client.set_auto_reply(rules)
    start(client)
    client.send(b"ping")  # each answers the other's answer: a loop, until a guard trips
    paused = rec.wait(lambda _: [e for e in rec.of(Notice) if e.code == "auto_reply_paused"], timeout=3)
    assert "replies in 1 s" in paused[0].message and "a loop?" in paused[0].message
    time.sleep(0.1)
    sent = len(rec.of(DataSent))
    time.sleep(0.2)
    assert len(rec.of(DataSent)) == sent, "the ping-pong went on after the guard tripped"
    assert sent <= 2 * 51 + 2  # no more than the limit each way (plus the first send)
    assert len(payloads(rec, "srv")) >= 50


def test_the_guard_counts_per_peer_and_resumes_after_its_pause(make, rec):
    server = make(UdpServer, "127.0.0.1", 0, name="srv")
    server.set_auto_reply(compile_rules([Rule("echo")], loop_limit=3, loop_pause=0.2))
    port = start(server)[0].port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b:
        for sock in (a, b):
            sock.settimeout(1)
        for n in range(5):
            a.sendto(b"a%d" % n, ("127.0.0.1", port))
        rec.wait(lambda _: len(payloads(rec, "srv")) == 5)
        b.sendto(b"b0", ("127.0.0.1", port))  # another peer is still answered
        assert b.recv(100) == b"b0"
        assert [a.recv(100) for _ in range(3)] == [b"a0", b"a1", b"a2"]
        time.sleep(0.25)
        a.sendto(b"again", ("127.0.0.1", port))
        assert a.recv(100) == b"again"
    notices = [e.code for e in rec.of(Notice, "srv")]
    assert notices == ["auto_reply_paused", "auto_reply_resumed"]
    resumed = rec.of(Notice, "srv")[1]
    assert "(2 messages went unanswered" in resumed.message
