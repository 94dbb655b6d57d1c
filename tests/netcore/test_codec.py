"""Tests for netcore.payload (hex, escapes, encodings) and netcore.display (the display decoder, views)."""

from __future__ import annotations

import codecs
import encodings.aliases
import pickle
import random
import re

import pytest

import netcore.codec
from netcore import display, payload
from netcore.display import BOTH_SEPARATOR, VIEW_MODES, DisplayDecoder, format_hex, render
from netcore.errors import NetError
from netcore.payload import (
    ENCODINGS,
    LINE_ENDINGS,
    SEND_MODES,
    CodecError,
    encode_payload,
    encode_text,
    escape_bytes,
    parse_escapes,
    parse_hex,
)

NIHAO_GBK = b"\xc4\xe3\xba\xc3"
NIHAO_UTF8 = "你好".encode()


def random_cases(count: int = 200) -> list[bytes]:
    rng = random.Random(1234)
    return [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40))) for _ in range(count)]


TRICKY = [
    b"",
    b"\\",
    b"\\\\x41",
    b"\\x",
    b"\x00",
    b"\x0001",
    b"\xff\xfe",
    b"\r\n",
    b"\r",
    b"\t\x1b[0m\x7f",
    b"\x85\x9f\xa0",
    b"'\"",
    b"\\n",
    NIHAO_GBK,
    NIHAO_UTF8,
    NIHAO_UTF8[:2],
    NIHAO_UTF8[1:],
    b"\x81 A",
    b"\xc4" + b"\\",
    b"\xe4\xb8\x00",
    b"\xed\xa0\x80",
    b"\xf0\x9f\x98\x80",
    bytes(range(256)),
    bytes(range(255, -1, -1)),
]


# --- constants -------------------------------------------------------------


def test_constants():
    assert ENCODINGS == ("utf-8", "gbk", "latin-1")
    assert LINE_ENDINGS == {"none": b"", "lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}
    assert SEND_MODES == ("text", "hex", "escapes")
    assert VIEW_MODES == ("text", "hex", "both")


# --- parse_hex / format_hex ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("48 65 6c", b"Hel"),
        ("48656c", b"Hel"),
        ("48656C6C6F", b"Hello"),
        ("", b""),
        ("  ,:- \n\t", b""),
        ("1 2", b"\x01\x02"),
        ("0x1", b"\x01"),
        ("f", b"\x0f"),
        ("0x48 0X65", b"He"),
        ("0x48,0x65,0x6c", b"Hel"),
        ("de:ad:BE:ef", b"\xde\xad\xbe\xef"),
        ("de-ad,be ef", b"\xde\xad\xbe\xef"),
        ("0x48656C", b"Hel"),
        ("\t48\n65\r\n", b"He"),
        ("00 0 ff", b"\x00\x00\xff"),
        ("48\u300065", b"He"),  # ideographic space, as typed with a Chinese input method
    ],
)
def test_parse_hex_accepts(text, expected):
    assert parse_hex(text) == expected


def test_parse_hex_bad_digit_position():
    with pytest.raises(CodecError) as info:
        parse_hex("48 6G")
    err = info.value
    assert err.code == "bad_hex"
    assert (err.position, err.length) == (4, 1)
    assert "“G”" in err.message
    assert "position 5" in err.message
    assert err.params["position"] == "5"


@pytest.mark.parametrize(
    ("text", "position", "char"),
    [("zz", 0, "z"), ("0xZ1", 2, "Z"), ("12G", 2, "G"), ("41 4.2", 4, "."), ("4\u200b1", 1, "U+200B")],
)
def test_parse_hex_bad_digit_cases(text, position, char):
    with pytest.raises(CodecError) as info:
        parse_hex(text)
    assert info.value.code == "bad_hex"
    assert info.value.position == position
    assert info.value.params["char"] == char
    assert f"position {position + 1}" in info.value.message


@pytest.mark.parametrize(
    ("text", "position", "length"), [("123", 0, 3), ("41 0x123 42", 3, 5), ("ab:abc", 3, 3)]
)
def test_parse_hex_odd_token(text, position, length):
    with pytest.raises(CodecError) as info:
        parse_hex(text)
    err = info.value
    assert err.code == "odd_hex"
    assert (err.position, err.length) == (position, length)
    assert f"position {position + 1}" in err.message
    assert "3 hex digits" in err.message


def test_parse_hex_prefix_without_digits():
    with pytest.raises(CodecError) as info:
        parse_hex("41 0x")
    assert info.value.code == "bad_hex"
    assert (info.value.position, info.value.length) == (3, 2)
    assert "position 4" in info.value.message


def test_parse_hex_long_odd_token_is_shortened_in_message():
    with pytest.raises(CodecError) as info:
        parse_hex("a" * 101)
    assert info.value.length == 101
    assert "…" in info.value.params["token"]
    assert len(info.value.message) < 300


def test_format_hex():
    assert format_hex(b"Hel") == "48 65 6C"
    assert format_hex(b"") == ""
    assert format_hex(b"\x00\xff") == "00 FF"
    assert format_hex(bytearray(b"\x0a")) == "0A"


@pytest.mark.parametrize("data", [*TRICKY, *random_cases()])
def test_hex_round_trip(data):
    assert parse_hex(format_hex(data)) == data


# --- encode_text -----------------------------------------------------------


def test_encode_text_chinese():
    assert encode_text("你好", "gbk") == NIHAO_GBK
    assert encode_text("你好", "utf-8") == NIHAO_UTF8
    assert encode_text("café", "latin-1") == b"caf\xe9"
    assert encode_text("", "utf-8") == b""


def test_encode_text_accepts_aliases():
    assert encode_text("é", "UTF8") == b"\xc3\xa9"
    assert encode_text("你", "cp936") == NIHAO_GBK[:2]


def test_unencodable_char():
    with pytest.raises(CodecError) as info:
        encode_text("ab中c", "latin-1")
    err = info.value
    assert isinstance(err, NetError)
    assert err.code == "unencodable"
    assert (err.position, err.length) == (2, 1)
    assert "“中”" in err.message and "position 3" in err.message and "latin-1" in err.message


def test_unencodable_lone_surrogate_in_utf8():
    with pytest.raises(CodecError) as info:
        encode_text("a\ud800", "utf-8")
    assert info.value.position == 1
    assert "U+D800" in info.value.message


@pytest.mark.parametrize("name", ["klingon", "", "rot13", "hex"])
def test_unknown_encoding(name):
    with pytest.raises(CodecError) as info:
        encode_text("a", name)
    err = info.value
    assert err.code == "unknown_encoding"
    assert err.position is None
    assert "utf-8, gbk, latin-1" in err.message


# --- parse_escapes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"a\nb", b"a\nb"),
        (r"\r\n\t", b"\r\n\t"),
        (r"\0", b"\x00"),
        (r"\012", b"\x0012"),
        (r"\\", b"\\"),
        (r"\"\'", b"\"'"),
        ("\"'", b"\"'"),
        (r"\x41\x4a\x4A", b"AJJ"),
        (r"\x414", b"A4"),
        (r"\xff", b"\xff"),  # a raw byte, not U+00FF encoded
        (r"\xC4\xE3", b"\xc4\xe3"),
        ("", b""),
    ],
)
def test_parse_escapes(text, expected):
    assert parse_escapes(text, "utf-8") == expected


def test_parse_escapes_encodes_plain_text():
    assert parse_escapes(r"你好\n", "gbk") == NIHAO_GBK + b"\n"
    assert parse_escapes(r"你好\n", "utf-8") == NIHAO_UTF8 + b"\n"
    assert parse_escapes("é", "latin-1") == b"\xe9"
    assert parse_escapes("é", "utf-8") == b"\xc3\xa9"


@pytest.mark.parametrize(
    ("text", "position", "length"),
    [
        (r"ab\q", 2, 2),
        ("中\\q", 1, 2),
        (r"\x4", 0, 3),
        (r"a\x4g", 1, 3),
        (r"\xg1", 0, 2),
        (r"\x", 0, 2),
        ("ab\\", 2, 1),
        (r"\u4e2d", 0, 2),
        ("\\\n", 0, 2),
    ],
)
def test_bad_escape(text, position, length):
    with pytest.raises(CodecError) as info:
        parse_escapes(text, "utf-8")
    err = info.value
    assert err.code == "bad_escape"
    assert text[err.position] == "\\"
    assert (err.position, err.length) == (position, length)
    assert f"position {position + 1}" in err.message


def test_bad_escape_messages_name_the_fix():
    with pytest.raises(CodecError) as info:
        parse_escapes(r"C:\temp\q", "utf-8")
    assert "“\\q”" in info.value.message
    assert "\\\\" in info.value.message
    with pytest.raises(CodecError) as info:
        parse_escapes("\\x4", "utf-8")
    assert "\\x0A" in info.value.message


def test_parse_escapes_unencodable_position():
    with pytest.raises(CodecError) as info:
        parse_escapes(r"\n\x00ab中", "latin-1")
    assert info.value.code == "unencodable"
    assert info.value.position == 8
    assert "position 9" in info.value.message


def test_parse_escapes_unknown_encoding():
    with pytest.raises(CodecError) as info:
        parse_escapes("a", "nope")
    assert info.value.code == "unknown_encoding"


# --- escape_bytes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (b"a\\b", "utf-8", "a\\\\b"),
        (b"\x00\n\r\t", "utf-8", "\\0\\n\\r\\t"),
        (b"\xff", "utf-8", "\\xff"),
        (b"\x1b[0m\x7f", "utf-8", "\\x1b[0m\\x7f"),
        (NIHAO_GBK, "gbk", "你好"),
        (NIHAO_UTF8, "utf-8", "你好"),
        (NIHAO_UTF8[:2] + b"A", "utf-8", "\\xe4\\xbdA"),
        (b"\x81 A", "gbk", "\\x81 A"),  # only the bad lead byte is escaped
        (b"caf\xe9\x85", "latin-1", "café\\x85"),
        ("\x85".encode(), "utf-8", "\\xc2\\x85"),
        (b"'\"", "utf-8", "'\""),
    ],
)
def test_escape_bytes(data, encoding, expected):
    assert escape_bytes(data, encoding) == expected


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("data", TRICKY)
def test_escapes_round_trip_tricky(data, encoding):
    assert parse_escapes(escape_bytes(data, encoding), encoding) == data


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_escapes_round_trip_random(encoding):
    for data in random_cases():
        assert parse_escapes(escape_bytes(data, encoding), encoding) == data, data


def test_escapes_round_trip_when_decoding_is_not_exact():
    data = b"A\x87\x90B"  # cp932 decodes 87 90 to a character it encodes as 81 E0
    assert parse_escapes(escape_bytes(data, "cp932"), "cp932") == data


@pytest.mark.parametrize(
    ("data", "encoding"),
    [(b"a.b\xff", "idna"), (b"\xff", "punycode"), (b"\x70A", "cp424"), (b"ab", "utf-16"),
     (b"\x00", "utf-32")],
)
def test_escape_bytes_writes_hex_where_the_encoding_cannot_map_bytes_back(data, encoding):
    text = escape_bytes(data, encoding)
    assert text == "".join(f"\\x{byte:02x}" for byte in data)
    if not encoding.startswith("utf"):  # UTF-16/32 do not round-trip: each run of text gets a BOM
        assert parse_escapes(text, encoding) == data


# --- encode_payload --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mode", "encoding", "ending", "expected"),
    [
        ("Hi", "text", "utf-8", "none", b"Hi"),
        ("你好", "text", "gbk", "crlf", NIHAO_GBK + b"\r\n"),
        ("48 69", "hex", "utf-8", "lf", b"Hi\n"),
        (r"Hi\x00", "escapes", "latin-1", "cr", b"Hi\x00\r"),
        ("", "text", "utf-8", "crlf", b"\r\n"),
        (r"a\n", "text", "utf-8", "none", b"a\\n"),  # text mode takes backslashes literally
    ],
)
def test_encode_payload(text, mode, encoding, ending, expected):
    assert encode_payload(text, mode, encoding, ending) == expected


@pytest.mark.parametrize(
    ("text", "mode", "code", "position"),
    [
        ("48 6G", "hex", "bad_hex", 4),
        ("ab中", "text", "unencodable", 2),
        (r"ab\q", "escapes", "bad_escape", 2),
    ],
)
def test_encode_payload_errors_point_into_text(text, mode, code, position):
    with pytest.raises(CodecError) as info:
        encode_payload(text, mode, "latin-1", "crlf")
    assert (info.value.code, info.value.position) == (code, position)


def test_encode_payload_rejects_bad_mode_and_line_ending():
    with pytest.raises(ValueError):
        encode_payload("a", "binary")
    with pytest.raises(ValueError):
        encode_payload("a", "text", line_ending="CRLF")


# --- DisplayDecoder --------------------------------------------------------


def test_decoder_joins_split_utf8_char():
    decoder = DisplayDecoder()
    data = "中".encode()
    assert decoder.encoding == "utf-8"
    assert decoder.decode(data[:1]) == ""
    assert decoder.decode(data[1:]) == "中"
    assert decoder.flush() == ""


def test_decoder_joins_split_gbk_char():
    decoder = DisplayDecoder("gbk")
    assert decoder.decode(NIHAO_GBK[:1]) == ""
    assert decoder.decode(NIHAO_GBK[1:3]) == "你"
    assert decoder.decode(NIHAO_GBK[3:]) == "好"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_decoder_byte_by_byte_matches_whole(encoding):
    data = "A你好\tb\n".encode(encoding, "replace") + b"\xff\r\nend\x00"
    whole = DisplayDecoder(encoding)
    expected = whole.decode(data) + whole.flush()
    pieces = DisplayDecoder(encoding)
    assert "".join(pieces.decode(data[i : i + 1]) for i in range(len(data))) + pieces.flush() == expected


def test_decoder_invalid_bytes_shown_as_hex():
    assert DisplayDecoder().decode(b"a\xffb\xc0") == "a\\xffb\\xc0"
    assert DisplayDecoder("gbk").decode(b"\x80\x81 A") == "\\x80\\x81 A"
    assert DisplayDecoder().decode("中".encode()[:2] + b"A") == "\\xe4\\xb8A"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_decoder_never_raises_on_random_bytes(encoding):
    decoder = DisplayDecoder(encoding)
    for data in random_cases():
        assert isinstance(decoder.decode(data), str)
    assert isinstance(decoder.flush(), str)


def test_decoder_shows_control_chars():
    decoder = DisplayDecoder()
    assert decoder.decode(b"a\x00b\x1b[1m\x7f\tc\n") == "a\\x00b\\x1b[1m\\x7f\tc\n"
    assert decoder.decode("\x85".encode()) == "\\xc2\\x85"
    assert DisplayDecoder("latin-1").decode(b"\xe9\x85") == "é\\x85"


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([b"a\r\nb"], "a\nb"),
        ([b"a\rb"], "a\nb"),
        ([b"a\r", b"\nb"], "a\nb"),
        ([b"a\r", b"", b"\nb"], "a\nb"),
        ([b"a\r", b"\n"], "a\n"),
        ([b"\r", b"\r\n"], "\n\n"),
        ([b"\n\r"], "\n\n"),
        ([b"\r\r"], "\n\n"),
        ([b"a\r\n", b"\n"], "a\n\n"),
    ],
)
def test_decoder_line_endings(chunks, expected):
    decoder = DisplayDecoder()
    assert "".join(decoder.decode(chunk) for chunk in chunks) == expected


def test_decoder_crlf_split_in_gbk():
    decoder = DisplayDecoder("gbk")
    assert decoder.decode(NIHAO_GBK[:2] + b"\r") == "你\n"
    assert decoder.decode(b"\n" + NIHAO_GBK[2:]) == "好"


def test_decoder_flush_shows_pending_bytes_and_resets():
    decoder = DisplayDecoder()
    assert decoder.decode("中".encode()[:2]) == ""
    assert decoder.flush() == "\\xe4\\xb8"
    assert decoder.decode(b"\r") == "\n"
    assert decoder.flush() == ""
    assert decoder.decode(b"\n") == "\n"  # a new stream: this LF is not part of the old CR LF


def test_decoder_gbk_flush():
    decoder = DisplayDecoder("gbk")
    assert decoder.decode(NIHAO_GBK[:1]) == ""
    assert decoder.flush() == "\\xc4"


def test_decoder_unknown_encoding():
    with pytest.raises(CodecError) as info:
        DisplayDecoder("nope")
    assert info.value.code == "unknown_encoding"


# Every codec Python has, by its canonical name, and a few that aliases do not list.
ALL_ENCODINGS = sorted({*encodings.aliases.aliases.values(), "idna", "punycode", "utf_8_sig",
                        "unicode_escape", "raw_unicode_escape"})
# What the display may never show: CR, control characters other than tab and newline, lone surrogates.
NOT_DISPLAYED = re.compile(r"[\r\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.mark.parametrize("name", ["idna", "punycode", "utf-16", "UTF16", "utf-32"])
def test_decoder_refuses_encodings_that_cannot_stream(name):
    """idna and punycode take no error handler; utf-16 and utf-32 insist on a byte order mark."""
    with pytest.raises(CodecError) as info:
        DisplayDecoder(name)
    assert (info.value.code, info.value.position) == ("unknown_encoding", None)
    with pytest.raises(CodecError):
        render(b"a.b", "text", encoding=name)


@pytest.mark.parametrize("name", ["utf-16-le", "utf_32_be", "utf-7", "cp424", "iso2022_jp"])
def test_decoder_accepts_encodings_that_can_stream(name):
    decoder = DisplayDecoder(name)
    text = "A\n"
    assert decoder.decode(text.encode(name)) + decoder.flush() == text


@pytest.mark.parametrize("name", ALL_ENCODINGS)
@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")  # unicode_escape
def test_decoder_never_raises_in_any_encoding_it_accepts(name):
    try:
        DisplayDecoder(name)
    except CodecError as err:
        assert err.code == "unknown_encoding"  # refused, which the user is told; never a crash later
        return
    for data in [*TRICKY, *random_cases(20)]:
        whole = DisplayDecoder(name)
        pieces = DisplayDecoder(name)
        shown = [
            whole.decode(data) + whole.flush(),
            "".join(pieces.decode(data[i : i + 1]) for i in range(len(data))) + pieces.flush(),
        ]
        for text in shown:
            assert not NOT_DISPLAYED.search(text), (data, text)
        assert isinstance(escape_bytes(data, name), str)


def test_decoder_shows_bytes_below_0x80_that_do_not_decode_as_hex():
    assert DisplayDecoder("cp424").decode(b"\x70\xc1") == "\\x70A"  # EBCDIC: 0x70 is unassigned


class _FlakyDecoder(codecs.IncrementalDecoder):
    """Latin-1, except that it fails on "!": a codec that breaks its promise."""

    def decode(self, data, final=False):
        if b"!" in data:
            raise RuntimeError("flaky codec")
        return bytes(data).decode("latin-1")


def _find_flaky(name):
    if name != "socklab_test_flaky":
        return None
    return codecs.CodecInfo(codecs.latin_1_encode, codecs.latin_1_decode, name=name,
                            incrementaldecoder=_FlakyDecoder)


def test_decoder_shows_the_chunk_as_hex_if_its_codec_fails_all_the_same():
    codecs.register(_find_flaky)
    try:
        decoder = DisplayDecoder("socklab_test_flaky")
        assert decoder.decode(b"ab\r") == "ab\n"
        assert decoder.decode(b"\na!\r") == "\\x0a\\x61\\x21\\x0d"
        assert decoder.decode(b"\ncd") == "\ncd"
        assert decoder.flush() == ""
    finally:
        codecs.unregister(_find_flaky)


# --- render ----------------------------------------------------------------


def test_render_views():
    assert render(b"Hi\r\n", "text") == "Hi\n"
    assert render(b"Hi\r\n", "hex") == "48 69 0D 0A"
    assert render(b"Hi\r\n", "both") == "48 69 0D 0A" + BOTH_SEPARATOR + "Hi\n"
    assert BOTH_SEPARATOR == "  |  "
    assert render(NIHAO_GBK, "text", encoding="gbk") == "你好"
    assert render(b"\xe4", "text") == "\\xe4"  # no decoder: the chunk stands alone


def test_render_with_stream_decoder():
    decoder = DisplayDecoder()
    data = "中".encode()
    assert render(data[:1], "both", decoder) == "E4" + BOTH_SEPARATOR
    assert render(data[1:], "text", decoder) == "中"
    assert render(b"a\r", "hex", decoder) == "61 0D"  # the decoder is fed in every view
    assert render(b"\nb", "text", decoder) == "b"


def test_render_rejects_unknown_view():
    with pytest.raises(ValueError):
        render(b"", "binary")


# --- CodecError ------------------------------------------------------------


def test_codec_error_attributes_and_translation():
    err = CodecError("bad_hex", "Bad “{char}” at position {position}.", position=0, char="G")
    assert isinstance(err, NetError)
    assert (err.position, err.length) == (0, 1)
    assert str(err) == "Bad “G” at position 1."
    assert err.translated(lambda t: t.replace("Bad", "错误")) == "错误 “G” at position 1."
    assert CodecError("x", "t", length=0).length == 1


def test_codec_error_pickles():
    with pytest.raises(CodecError) as info:
        parse_hex("41 0x123")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is CodecError
    assert (copy.code, copy.position, copy.length, copy.message) == (
        "odd_hex", 3, 5, info.value.message,
    )


# --- the compatibility module ----------------------------------------------


def test_codec_module_still_offers_every_public_name():
    """netcore.codec re-exports payload's and display's public names, the very same objects."""
    assert set(netcore.codec.__all__) == set(payload.__all__) | set(display.__all__)
    for name in payload.__all__:
        assert getattr(netcore.codec, name) is getattr(payload, name)
    for name in display.__all__:
        assert getattr(netcore.codec, name) is getattr(display, name)
    from netcore.codec import CodecError as OldCodecError
    from netcore.codec import encode_payload as old_encode_payload
    from netcore.codec import format_hex as old_format_hex

    with pytest.raises(OldCodecError):
        old_encode_payload("zz", "hex")
    assert old_format_hex(old_encode_payload("48 69", "hex", line_ending="lf")) == "48 69 0A"
