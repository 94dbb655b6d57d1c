"""Saved messages without a window: checksums against published vectors, placeholders, the JSON library."""

from __future__ import annotations

import json
import time

import pytest

from netcore.checksums import append_checksum, checksum_bytes, crc16_modbus, crc32, sum8, xor8
from netcore.payload import CodecError
from netcore.saved_messages import (
    MAX_MESSAGES,
    LibraryError,
    SavedMessage,
    messages_from_data,
    messages_from_json,
    messages_to_json,
    unique_name,
)
from netcore.templates import expand, format_time

CHECK = b"123456789"  # the "check" input of the CRC catalogues


def counting(n: int) -> bytes:
    """A fixed 'random' source: 01 02 03 …"""
    return bytes(range(1, n + 1))


# ------------------------------------------------------------------ checksums
def test_checksums_match_the_published_check_values():
    assert crc16_modbus(CHECK) == 0x4B37
    assert crc32(CHECK) == 0xCBF43926
    assert sum8(CHECK) == 0xDD  # 0x31 + … + 0x39 = 0x1DD
    assert xor8(CHECK) == 0x31
    assert crc16_modbus(b"") == 0xFFFF and crc32(b"") == 0 and sum8(b"") == 0 and xor8(b"") == 0


def test_checksums_are_appended_in_the_documented_byte_order():
    assert checksum_bytes(CHECK, "crc16-modbus") == b"\x37\x4b"  # Modbus: low byte first
    assert checksum_bytes(CHECK, "crc32") == b"\xcb\xf4\x39\x26"  # big-endian
    assert checksum_bytes(CHECK, "sum8") == b"\xdd"
    assert checksum_bytes(CHECK, "xor8") == b"\x31"
    assert append_checksum(CHECK, "none") == CHECK
    # a Modbus RTU request: read 10 holding registers from address 0 of unit 1
    request = bytes.fromhex("01 03 00 00 00 0A")
    assert append_checksum(request, "crc16-modbus").hex(" ") == "01 03 00 00 00 0a c5 cd"
    with pytest.raises(KeyError):
        checksum_bytes(CHECK, "md5")


# --------------------------------------------------------------- placeholders
def test_counter_time_and_random_fill_in():
    now = 1_700_000_000.25
    data = expand("#{counter} at {time} r={random}", "text", "utf-8", counter=42, now=now,
                  random_bytes=counting)
    clock = time.strftime("%H:%M:%S", time.localtime(now))
    assert data == f"#42 at {clock}.250 r=258".encode()  # random: the first two bytes, 0x0102
    assert format_time(now).endswith(".250")


def test_byte_forms_are_raw_bytes_in_every_mode():
    assert expand("AA {counter:2} {random:3}", "hex", "utf-8", counter=0x1234, random_bytes=counting) == \
        b"\xaa\x12\x34\x01\x02\x03"
    assert expand("{counter:1}", "text", "utf-8", counter=256 + 7) == b"\x07"  # wraps
    assert expand("x{counter:2}", "escapes", "utf-8", counter=65536) == b"x\x00\x00"


def test_braces_are_escaped_by_doubling_and_a_lone_closing_one_is_itself():
    assert expand("{{counter}} }} } {{", "text", "utf-8", counter=9) == b"{counter} } } {"


def test_checksum_covers_the_payload_and_the_line_ending_comes_after():
    assert expand("AB", "text", "utf-8", "crlf", "sum8") == b"AB\x83\r\n"
    assert expand("01 03 00 00 00 0A", "hex", "utf-8", checksum="crc16-modbus") == \
        bytes.fromhex("01 03 00 00 00 0A C5 CD")
    assert expand("n={counter}", "text", "utf-8", checksum="crc32", counter=3) == \
        append_checksum(b"n=3", "crc32")


def test_text_around_placeholders_is_read_in_the_message_mode_and_encoding():
    assert expand("你好{counter}", "text", "gbk", counter=1) == "你好1".encode("gbk")
    assert expand("\\x00{counter}\\n", "escapes", "utf-8", counter=5) == b"\x005\n"


@pytest.mark.parametrize(("text", "mode", "position", "length", "words"), [
    ("ab {nope} c", "text", 3, 6, "is not a placeholder"),
    ("ab {counter", "text", 3, 1, "is not closed"),
    ("{time:2}", "text", 0, 8, "is not a placeholder"),
    ("x{random:0}", "text", 1, 10, "asks for 0 bytes"),
    ("{random:1025}", "text", 0, 13, "takes from 1 to 1024"),
    ("{counter:9}", "text", 0, 11, "takes from 1 to 8"),
    ("01 {counter} GG", "hex", 13, 1, "is not a hex digit"),  # the position is in the whole text
    ("{time} \\q", "escapes", 7, 2, "is not a known escape"),
])
def test_mistakes_say_where_they_are(text, mode, position, length, words):
    with pytest.raises(CodecError) as caught:
        expand(text, mode, "utf-8")
    assert (caught.value.position, caught.value.length) == (position, length)
    assert words in caught.value.message
    assert f"position {position + 1}" in caught.value.message


# -------------------------------------------------------------------- library
LIBRARY = [SavedMessage("Read registers", "01 03 00 00 00 0A", "hex", checksum="crc16-modbus"),
           SavedMessage("Hello", "hello #{counter}", "text", "gbk", "crlf", "xor8"),
           SavedMessage("问候", "你好\\r\\n", "escapes")]


def test_library_round_trips_through_json():
    text = messages_to_json(LIBRARY)
    data = json.loads(text)
    assert data["format"] == "socklab-saved-messages" and data["version"] == 1
    assert messages_from_json(text.encode("utf-8")) == LIBRARY
    assert "你好" in text  # readable in an editor, not \\u escapes
    assert messages_from_json(b"\xef\xbb\xbf" + text.encode("utf-8")) == LIBRARY  # a BOM is fine


def test_a_bare_list_with_only_names_and_texts_reads_with_defaults():
    assert messages_from_data([{"name": " A ", "text": "x"}]) == [SavedMessage("A", "x")]


@pytest.mark.parametrize(("raw", "words"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b'"just text"', "does not hold saved messages"),
    (b'{"messages": 5}', "does not hold saved messages"),
    (b'{"format": "something-else", "messages": []}', "not a SockLab saved-messages file"),
    (b'{"version": 9, "messages": []}', "newer SockLab"),
    (b"[1]", "Message 1 in the file is not a message"),
    (b'[{"name": "a", "text": "b"}, {"text": "no name"}]', "Message 2 in the file has no “name"),
    (b'[{"name": "  ", "text": "x"}]', "the name must be 1 to 80"),
    (b'[{"name": "m", "text": "x", "mode": "binary"}]', "“binary” is not a valid mode"),
    (b'[{"name": "m", "text": "x", "checksum": "md5"}]', "is not a valid checksum"),
    (b'[{"name": "m", "text": "x", "encoding": "klingon"}]', "not a known text encoding"),
    (b'[{"name": "Bad", "text": "01 0G", "mode": "hex"}]', "“Bad” in the file cannot be sent"),
    (b'[{"name": "Bad", "text": "{when}"}]', "is not a placeholder"),
    (b"[" * 100_000 + b"]" * 100_000, "does not hold saved messages"),
])
def test_a_bad_file_says_what_is_wrong(raw, words):
    with pytest.raises(LibraryError) as caught:
        messages_from_json(raw)
    assert words in caught.value.message


def test_a_bad_payload_is_explained_in_chinese_too():
    from gui.i18n import _CATALOGS

    with pytest.raises(LibraryError) as caught:
        messages_from_json(b'[{"name": "Bad", "text": "01 0G", "mode": "hex"}]')
    chinese = caught.value.translated(lambda text: _CATALOGS["zh"].get(text, text))
    assert "“Bad”" in chinese and "文件中的消息" in chinese and "十六进制" in chinese


def test_too_many_messages_or_too_big_a_file_is_refused():
    many = json.dumps([{"name": f"m{i}", "text": "x"} for i in range(MAX_MESSAGES + 1)]).encode()
    with pytest.raises(LibraryError, match="at most 500"):
        messages_from_json(many)
    with pytest.raises(LibraryError, match="bytes; a saved-messages file is at most"):
        messages_from_json(b" " * (8 * 1024 * 1024 + 1))


def test_unique_names_keep_both():
    assert unique_name("a", ["b"]) == "a"
    assert unique_name("a", ["a", "a (2)"]) == "a (3)"
