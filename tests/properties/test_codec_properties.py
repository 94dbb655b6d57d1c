"""Property-based fuzzing of netcore/payload.py (hex, escapes, text, payloads) and netcore/display.py."""

from __future__ import annotations

import encodings.aliases
import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.display import BOTH_SEPARATOR, VIEW_MODES, DisplayDecoder, format_hex, render
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

from .strategies import (
    CUTS,
    any_text,
    chunked,
    cut,
    escapish_text,
    hex_spellings,
    hexish_text,
    zh,
)

encodings_ = st.sampled_from(ENCODINGS)
line_endings = st.sampled_from(sorted(LINE_ENDINGS))
HEX_DIGITS = "0123456789abcdefABCDEF"
# What the display may never show: CR, control characters other than tab and newline, lone surrogates.
NOT_DISPLAYED = re.compile(r"[\r\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_located(err: CodecError, text: str, codes: set[str]) -> None:
    """A CodecError from the user's text: known code, a place inside the text, a message in both languages."""
    assert err.code in codes, err.code
    assert err.position is not None
    assert 0 <= err.position < len(text)
    assert err.length >= 1
    assert err.position + err.length <= len(text)
    assert isinstance(err.message, str) and err.message
    assert str(err.position + 1) in err.message  # the message counts from 1
    assert isinstance(err.translated(zh), str)


def cannot_encode(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return True
    return False


def display_whole(data: bytes, encoding: str) -> str:
    decoder = DisplayDecoder(encoding)
    return decoder.decode(data) + decoder.flush()


# --- hex ---------------------------------------------------------------------------------------


@given(st.binary())
def test_format_hex_then_parse_hex_round_trips(data):
    text = format_hex(data)
    assert parse_hex(text) == data
    assert text == " ".join(f"{byte:02X}" for byte in data)


@given(st.one_of(any_text, hexish_text))
def test_parse_hex_on_any_text_gives_bytes_or_a_located_codec_error(text):
    try:
        result = parse_hex(text)
    except CodecError as err:
        check_located(err, text, {"bad_hex", "odd_hex"})
        if err.params.get("char") is not None:  # "not a hex digit" points at that one character
            char = text[err.position]
            assert char not in HEX_DIGITS and not char.isspace() and char not in ":,-"
        else:  # a whole token: "0x" alone, or an odd number of digits
            token = text[err.position : err.position + err.length]
            assert not any(c.isspace() or c in ":,-" for c in token)
    else:
        assert isinstance(result, bytes)
        # a hex dump of n bytes has at least n digits in it
        assert len(result) <= sum(c in HEX_DIGITS for c in text)


@given(hex_spellings())
def test_hex_typed_with_any_separators_and_prefixes_parses_to_its_bytes(case):
    data, text = case
    assert parse_hex(text) == data


# --- escapes -----------------------------------------------------------------------------------


@given(st.binary(), encodings_)
def test_escape_bytes_then_parse_escapes_round_trips(data, encoding):
    text = escape_bytes(data, encoding)
    assert parse_escapes(text, encoding) == data
    # readable: no raw control characters and no lone surrogates in what the user sees
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]", text)


def printable_in(extra: str = "") -> st.SearchStrategy[tuple[str, str]]:
    """An encoding, and text it can write: no control characters (but ``extra``) and no backslash."""
    cases = []
    for encoding in ENCODINGS:
        char = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\\", codec=encoding)
        alphabet = st.one_of(char, st.sampled_from(extra)) if extra else char
        cases.append(st.tuples(st.just(encoding), st.text(alphabet)))
    return st.one_of(cases)


@given(printable_in())
def test_escape_bytes_shows_encodable_text_as_itself(case):
    encoding, text = case
    assert escape_bytes(text.encode(encoding), encoding) == text


@given(st.one_of(any_text, escapish_text), encodings_)
def test_parse_escapes_on_any_text_gives_bytes_or_a_located_codec_error(text, encoding):
    try:
        result = parse_escapes(text, encoding)
    except CodecError as err:
        check_located(err, text, {"bad_escape", "unencodable"})
        if err.code == "bad_escape":
            assert text[err.position] == "\\"
        else:
            assert cannot_encode(text[err.position], encoding)
    else:
        assert isinstance(result, bytes)
        if "\\" not in text:  # nothing to unescape: the same as plain text
            assert result == text.encode(encoding)


# --- text and payloads -------------------------------------------------------------------------


@given(any_text, encodings_)
def test_encode_text_gives_the_encoding_or_names_the_first_bad_character(text, encoding):
    try:
        result = encode_text(text, encoding)
    except CodecError as err:
        check_located(err, text, {"unencodable"})
        assert cannot_encode(text[err.position], encoding)
        text[: err.position].encode(encoding)  # everything before it can be written: no exception
    else:
        assert result == text.encode(encoding)


@given(st.one_of(any_text, st.sampled_from(sorted(encodings.aliases.aliases.values())),
                 st.sampled_from(sorted(encodings.aliases.aliases)), st.sampled_from(ENCODINGS)))
def test_any_encoding_name_is_accepted_or_refused_with_a_codec_error(name):
    """Not a programming error: a name that is not a text encoding is a CodecError, like "hex"."""
    for attempt in (lambda: encode_text("", name), lambda: parse_escapes("", name),
                    lambda: escape_bytes(b"", name), lambda: DisplayDecoder(name)):
        try:
            attempt()
        except CodecError as err:
            assert err.code == "unknown_encoding"
            assert err.position is None
            assert isinstance(err.translated(zh), str)


@given(st.one_of(any_text, hexish_text, escapish_text), st.sampled_from(SEND_MODES), encodings_, line_endings)
def test_encode_payload_ends_with_the_line_ending_or_raises_codec_error(text, mode, encoding, line_ending):
    parsers = {"text": lambda: encode_text(text, encoding), "hex": lambda: parse_hex(text),
               "escapes": lambda: parse_escapes(text, encoding)}
    try:
        result = encode_payload(text, mode, encoding, line_ending)
    except CodecError as err:
        check_located(err, text, {"bad_hex", "odd_hex", "bad_escape", "unencodable"})
        with pytest.raises(CodecError) as again:
            parsers[mode]()
        assert (again.value.code, again.value.position) == (err.code, err.position)
    else:
        ending = LINE_ENDINGS[line_ending]
        assert result.endswith(ending)
        assert result == parsers[mode]() + ending


@given(st.text(st.characters(exclude_categories=("Cs",))), line_endings)
def test_utf8_text_payload_decodes_back_to_the_text(text, line_ending):
    ending = LINE_ENDINGS[line_ending]
    result = encode_payload(text, "text", "utf-8", line_ending)
    assert result.decode() == text + ending.decode()


@given(any_text, st.binary(), st.text(), st.sampled_from(SEND_MODES), line_endings)
def test_unknown_mode_line_ending_or_view_is_a_value_error(text, data, name, mode, line_ending):
    """Programming errors, not the user's: ValueError whatever the text, never CodecError."""
    if name not in SEND_MODES:
        with pytest.raises(ValueError, match="unknown send mode"):
            encode_payload(text, name, "utf-8", line_ending)
    if name not in LINE_ENDINGS:
        with pytest.raises(ValueError, match="unknown line ending"):
            encode_payload(text, mode, "utf-8", name)
    if name not in VIEW_MODES:
        with pytest.raises(ValueError, match="unknown view"):
            render(data, name)


@given(st.one_of(any_text, hexish_text, escapish_text), st.sampled_from(SEND_MODES), encodings_)
def test_codec_errors_survive_pickling(text, mode, encoding):
    try:
        encode_payload(text, mode, encoding)
    except CodecError as err:
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is CodecError
        assert (copy.code, copy.position, copy.length, copy.params, copy.message) == (
            err.code, err.position, err.length, err.params, err.message)


# --- the display decoder ------------------------------------------------------------------------


@given(chunked(), encodings_)
def test_display_decoder_never_raises_and_chunks_do_not_change_the_text(case, encoding):
    whole, chunks = case
    decoder = DisplayDecoder(encoding)
    parts = [decoder.decode(chunk) for chunk in chunks]
    parts.append(decoder.flush())
    assert all(isinstance(part, str) for part in parts)
    shown = "".join(parts)
    assert shown == display_whole(whole, encoding)
    assert not NOT_DISPLAYED.search(shown)


# Every codec Python has, by its canonical name, and a few that aliases do not list.
ALL_ENCODINGS = sorted({*encodings.aliases.aliases.values(), "idna", "punycode", "utf_8_sig",
                        "unicode_escape", "raw_unicode_escape"})


@pytest.mark.filterwarnings("ignore:invalid escape sequence:DeprecationWarning")  # unicode_escape
@given(st.sampled_from(ALL_ENCODINGS), chunked())
def test_display_decoder_in_any_encoding_it_accepts_never_raises(encoding, case):
    """An encoding it cannot stream (idna, BOM-less utf-16) is refused when it is made, never later."""
    try:
        decoder = DisplayDecoder(encoding)
    except CodecError as err:
        assert err.code == "unknown_encoding"
        return
    _whole, chunks = case
    shown = "".join(decoder.decode(chunk) for chunk in chunks) + decoder.flush()
    assert not NOT_DISPLAYED.search(shown)


@given(printable_in(extra="\t\n\r\\"), CUTS)
def test_display_decoder_shows_valid_text_as_it_is_apart_from_line_ends(case, cuts):
    encoding, text = case  # printable text with tabs, CR, LF (so CR LF too) and backslashes, cut anywhere
    chunks = cut(text.encode(encoding), cuts)
    decoder = DisplayDecoder(encoding)
    shown = "".join(decoder.decode(chunk) for chunk in chunks) + decoder.flush()
    # the documented display transform for printable text: CR LF and a lone CR become one newline
    assert shown == re.sub(r"\r\n?", "\n", text)


@given(st.binary(), st.binary(), encodings_)
def test_flush_starts_a_fresh_stream(first, second, encoding):
    decoder = DisplayDecoder(encoding)
    shown_first = decoder.decode(first) + decoder.flush()
    shown_second = decoder.decode(second) + decoder.flush()
    assert (shown_first, shown_second) == (display_whole(first, encoding), display_whole(second, encoding))


# --- views -------------------------------------------------------------------------------------


@given(st.binary(), st.sampled_from(VIEW_MODES), encodings_)
def test_render_one_chunk_in_each_view(data, view, encoding):
    shown = render(data, view, encoding=encoding)
    text = display_whole(data, encoding)
    expected = {"text": text, "hex": format_hex(data), "both": format_hex(data) + BOTH_SEPARATOR + text}
    assert shown == expected[view]


@given(chunked(), st.integers(0, 3**13 - 1), encodings_)
def test_render_keeps_a_stream_in_step_when_the_view_changes(case, views, encoding):
    _whole, chunks = case  # at most 13 chunks; views holds the view of each in base 3
    decoder, reference = DisplayDecoder(encoding), DisplayDecoder(encoding)
    for n, chunk in enumerate(chunks):
        view = VIEW_MODES[views // 3**n % 3]
        text = reference.decode(chunk)
        shown = render(chunk, view, decoder)
        expected = {"text": text, "hex": format_hex(chunk), "both": format_hex(chunk) + BOTH_SEPARATOR + text}
        assert shown == expected[view]

