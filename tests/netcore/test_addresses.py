"""Host and port parsing, address display: edge cases."""

from __future__ import annotations

import socket

import pytest

from netcore import NetError, Peer, describe, is_wildcard, parse_host, parse_port
from netcore.errors import format_address
from netcore.resolver import resolve


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("  127.0.0.1 ", "127.0.0.1"),
        ("\t127.0.0.1\n", "127.0.0.1"),
        ("[::1]", "::1"),
        (" [::1] ", "::1"),
        ("::1", "::1"),
        ("fe80::1%eth0", "fe80::1%eth0"),
        ("localhost", "localhost"),
        ("example.com.", "example.com."),
        ("my_host-1.lan", "my_host-1.lan"),
        ("0.0.0.0", "0.0.0.0"),
        ("/tmp/socklab.sock", "/tmp/socklab.sock"),
        ("unix:/tmp/socklab.sock", "unix:/tmp/socklab.sock"),
        ("a" * 63 + ".com", "a" * 63 + ".com"),
    ],
)
def test_parse_host_accepts(text, host):
    assert parse_host(text) == host


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_host"),
        ("   ", "empty_host"),
        ("[]", "empty_host"),
        ("bad name", "bad_host"),
        ("my host.com", "bad_host"),
        ("a..b", "bad_host"),
        ("-lead.example", "bad_host"),
        ("a" * 64 + ".com", "bad_host"),
        (("a" * 60 + ".") * 5, "bad_host"),  # longer than 253 characters
        ("host/name", "bad_host"),
        ("http://x", "bad_host"),
        ("1.2.3.4:80", "host_with_port"),
        ("999.1.1.1", "bad_ipv4"),
        ("/tmp/\udd00", "bad_host"),  # a lone surrogate no file name can hold: was a UnicodeEncodeError
    ],
)
def test_parse_host_refuses(text, code):
    with pytest.raises(NetError) as info:
        parse_host(text)
    assert info.value.code == code
    if code == "bad_host":
        assert info.value.message == f"“{text.strip()}” is not a valid host name or IP address."


@pytest.mark.parametrize(
    ("text", "port"),
    [("0", 0), ("1", 1), ("80", 80), (" 8080 ", 8080), ("65535", 65535), (443, 443), ("007", 7)],
)
def test_parse_port_accepts(text, port):
    assert parse_port(text) == port


@pytest.mark.parametrize(
    "text", ["abc", "70000", "65536", "-1", "", " ", "1.5", "1e3", "+80", "٣", "８０", "0x50"]
)
def test_parse_port_refuses(text):
    with pytest.raises(NetError) as info:
        parse_port(text)
    assert info.value.code == "bad_port"
    assert f"(you typed “{text}”)" in info.value.message


def test_port_zero_for_a_target():
    assert parse_port("0") == 0
    with pytest.raises(NetError) as info:
        parse_port("0", allow_zero=False)
    assert info.value.code == "port_zero"
    assert parse_port("1", allow_zero=False) == 1


@pytest.mark.parametrize(
    ("peer", "text"),
    [
        (("127.0.0.1", 80), "127.0.0.1:80"),
        (("::1", 80), "[::1]:80"),
        (("/tmp/s.sock", 3), "/tmp/s.sock"),  # connections are told apart by their id, not a port
        (("", 0), "(unnamed Unix socket)"),
        (Peer.ipv4("127.0.0.1", 80), "127.0.0.1:80"),
        (Peer.ipv6("::1", 80), "[::1]:80"),
        (Peer.unix("/tmp/s.sock"), "/tmp/s.sock"),
        (Peer.unix(""), "(unnamed Unix socket)"),
    ],
)
def test_describe(peer, text):
    assert describe(peer) == text


def test_format_address():
    assert format_address("127.0.0.1", 9) == "127.0.0.1:9"
    assert format_address("::1", 9) == "[::1]:9"
    assert format_address("/tmp/s", None) == "/tmp/s"


@pytest.mark.parametrize(
    ("host", "wild"),
    [("0.0.0.0", True), ("::", True), ("[::]", True), ("", True), (" 0.0.0.0 ", True),
     ("127.0.0.1", False), ("::1", False), ("localhost", False)],
)
def test_is_wildcard(host, wild):
    assert is_wildcard(host) is wild


def test_resolve_loopback_names():
    (v4,) = resolve("127.0.0.1", 80, socket.SOCK_STREAM, passive=False)
    assert (v4.family, v4.sockaddr) == (socket.AF_INET, ("127.0.0.1", 80))
    (v6,) = resolve("::1", 80, socket.SOCK_STREAM, passive=False)
    assert v6.family == socket.AF_INET6 and v6.sockaddr[:2] == ("::1", 80)
    both = resolve("localhost", 80, socket.SOCK_DGRAM, passive=False, prefer_ipv4=True)
    assert len(both) == len(set(both))  # no duplicates
    assert both[0].family == socket.AF_INET or all(r.family == socket.AF_INET6 for r in both)


def test_resolve_unknown_host():
    with pytest.raises(NetError) as info:
        resolve("no-such-host.invalid", 80, socket.SOCK_STREAM, passive=False)
    assert info.value.code == "host_not_found"
