"""Property-based fuzzing of netcore/addresses.py: ports, hosts, and how addresses are written."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netcore.addresses import describe, is_ip, is_unix_path, parse_host, parse_port
from netcore.errors import NetError, format_address
from netcore.peer import Peer

from .strategies import any_text, zh

SPACES = st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003\u3000"), max_size=3)
PORT_CODES = {"bad_port", "port_zero"}
HOST_CODES = {"empty_host", "bad_host", "host_with_port", "bad_ipv4"}

port_texts = st.one_of(
    any_text,
    st.builds("{}{}{}{}".format, SPACES, st.sampled_from(["", "", "+", "-"]), st.integers(0, 9_999_999),
              SPACES),
    st.text("0123456789٣²", max_size=8),  # non-ASCII digits pass str.isdigit()
    st.integers(1, 6000).map(lambda n: "9" * n),  # int() refuses strings of more than 4300 digits
    st.integers(1, 6000).map(lambda n: "0" * n + "80"),
)


def check_error(err: NetError, codes: set[str]) -> None:
    assert err.code in codes, err.code
    assert isinstance(err.message, str) and err.message
    assert isinstance(err.translated(zh), str)


@given(st.one_of(port_texts, st.integers()), st.booleans())
def test_parse_port_gives_a_port_or_a_bad_port_error(text, allow_zero):
    try:
        port = parse_port(text, allow_zero=allow_zero)
    except NetError as err:
        check_error(err, PORT_CODES if not allow_zero else {"bad_port"})
    else:
        assert type(port) is int
        assert 0 <= port <= 65535
        assert port or allow_zero
        assert port == int(str(text).strip().lstrip("0") or "0")


@given(st.one_of(st.integers(0, 65535), st.integers()), SPACES, SPACES, st.integers(0, 3), st.booleans())
def test_a_port_number_parses_despite_spaces_and_leading_zeros_if_in_range(number, before, after, zeros,
                                                                           allow_zero):
    typed = f"{before}{'0' * zeros}{number}{after}" if number >= 0 else f"{before}{number}{after}"
    for text in (typed, number):
        if 0 < number <= 65535 or (number == 0 and allow_zero):
            assert parse_port(text, allow_zero=allow_zero) == number
            continue
        try:
            parse_port(text, allow_zero=allow_zero)
        except NetError as err:
            assert err.code == ("port_zero" if number == 0 else "bad_port")
            if err.code == "bad_port":
                assert err.params["text"] == str(text)  # the message quotes what was typed
        else:
            raise AssertionError(f"{text!r} accepted")


host_like = st.builds("{}{}{}{}{}".format, SPACES, st.sampled_from(["", "", "["]),
                      st.text(st.sampled_from("0123456789abcdefxyzABCXYZ.:%_/- [ ]\u00e9\u4e2d")),
                      st.sampled_from(["", "", "]"]), SPACES)


@given(st.one_of(any_text, host_like))
@example("/\udd00")  # a Unix path no file name can hold: UnicodeEncodeError escaped (./stress.sh, 2026-11-30)
def test_parse_host_gives_the_host_as_typed_or_a_host_error(text):
    try:
        host = parse_host(text)
    except NetError as err:
        check_error(err, HOST_CODES)
    else:
        assert host
        stripped = text.strip()
        assert host in (stripped, stripped[1:-1])


@given(st.ip_addresses(), SPACES, SPACES, st.booleans())
def test_ip_addresses_parse_with_or_without_brackets(address, before, after, brackets):
    typed = f"[{address}]" if brackets and address.version == 6 else str(address)
    assert parse_host(before + typed + after) == str(address)


LABEL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
LABEL = st.builds(lambda first, rest: first + rest, st.sampled_from(LABEL_CHARS),
                  st.text(st.sampled_from(LABEL_CHARS + "-"), max_size=62))


@given(st.lists(LABEL, min_size=1, max_size=6), st.booleans())
def test_host_names_parse_to_themselves(labels, trailing_dot):
    name = ".".join(labels) + ("." if trailing_dot else "")
    if all(label.isdigit() for label in labels) and not is_ip(name):
        # digits and dots only: the resolver would read it as an IPv4 address, so it is judged as one
        with pytest.raises(NetError) as info:
            parse_host(name)
        assert info.value.code == "bad_ipv4"
    elif len(name) <= 253:
        assert parse_host(name) == name
    else:
        try:
            parse_host(name)
        except NetError as err:
            assert err.code == "bad_host"
        else:
            raise AssertionError("a name longer than 253 characters was accepted")


@given(any_text, st.integers())
def test_describe_and_format_address_never_raise(host, port):
    shown = describe((host, port))
    assert isinstance(shown, str)
    if host == "" or is_unix_path(host):
        # a Unix socket is its path (connections from it are told apart by their id, not a port)
        assert shown == (host or "(unnamed Unix socket)")
    else:
        assert shown.endswith(f":{port}")
        assert host in shown
    written = format_address(host, port)
    assert written.endswith(f":{port}")
    assert host in written
    assert format_address(host, None) == host


ports = st.integers(0, 65535)


@given(st.ip_addresses(v=4), ports)
def test_an_ipv4_peer_is_what_the_socket_said(address, port):
    host = str(address)
    peer = Peer.from_sockaddr((host, port), socket.AF_INET)
    assert peer == Peer.ipv4(host, port)
    assert peer.address == (host, port) == peer.sockaddr
    assert str(peer) == describe(peer) == describe(peer.address) == f"{host}:{port}"
    assert peer.socket_family == socket.AF_INET and not peer.is_unix


@given(st.ip_addresses(v=6), ports, st.integers(0, 2**32 - 1))
def test_an_ipv6_peer_keeps_its_scope_and_formats_in_brackets(address, port, scope):
    host = str(address)
    peer = Peer.from_sockaddr((host, port, 0, scope), socket.AF_INET6)
    assert peer == Peer.ipv6(host, port, scope)
    assert peer.address == (host, port)
    assert peer.sockaddr == (host, port, 0, scope)
    shown = str(peer)
    assert shown.startswith(f"[{host}") and shown.endswith(f"]:{port}")
    assert ("%" in shown) == bool(scope)
    assert ipaddress.ip_address(shown[1:shown.index("]")].split("%")[0]) == address


@given(any_text)
def test_a_unix_peer_is_its_path(path):
    peer = Peer.from_sockaddr(path)
    assert peer == Peer.unix(path) and peer.is_unix
    assert str(peer) == (path or "(unnamed Unix socket)")
    assert peer.address == (path, 0)
