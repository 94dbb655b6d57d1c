"""Shared strategies for the property tests: any text, hex-like and escape-like text, chunked bytes."""

from __future__ import annotations

from hypothesis import strategies as st

from gui.locale_zh import CATALOG

#: Every code point, lone surrogates included: a paste or an API caller can hand us anything.
ANY_CHAR = st.characters(exclude_categories=())

#: Separators between hex tokens: whitespace (ASCII and Unicode) and ``: , -``.
HEX_SEPARATORS = " \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000:,-"

any_text = st.text(ANY_CHAR)

#: Text that is mostly hex, so that the parser gets past the first token: digits, separators, x and X.
hexish_text = st.text(
    st.one_of(st.sampled_from("0123456789abcdefABCDEFxX" + HEX_SEPARATORS), ANY_CHAR)
)

#: Text with many backslashes and the letters that may follow one.
escapish_text = st.text(st.one_of(st.sampled_from("\\\\\\xnrt0\"'89aFgG"), ANY_CHAR))


def zh(text: str) -> str:
    """The Chinese catalog as a translator (English when a string is missing)."""
    return CATALOG.get(text, text)


#: What may stand between two hex tokens (and before the first, after the last).
SEPARATOR_RUNS = (" ", " ", ",", ":", "-", ", ", " - ", "\t", "\n", "\r\n", "  ", "\u00a0", "\u3000",
                  "\x0b\x0c", "\x1c", "\x85", "\u2028", ",\n")


PREFIXES = ("", "", "0x", "0X")
# One token: its bytes, and one number that picks its prefix, separator and letter case (fewer draws).
_HEX_TOKENS = st.lists(st.tuples(st.binary(min_size=1, max_size=4), st.integers(0, 2**24 - 1)), max_size=10)
_ENDS = st.sampled_from(("", "", *SEPARATOR_RUNS))


@st.composite
def hex_spellings(draw: st.DrawFn) -> tuple[bytes, str]:
    """Some bytes and one of the many ways to type them: ``0x48,0X65 6c6C:6f``."""
    data, text = b"", draw(_ENDS)
    for n, (group, choice) in enumerate(draw(_HEX_TOKENS)):
        choice, prefix = divmod(choice, len(PREFIXES))
        choice, separator = divmod(choice, len(SEPARATOR_RUNS))
        data += group
        one_digit = len(group) == 1 and group[0] < 16 and choice & 1
        digits = f"{group[0]:x}" if one_digit else group.hex()  # a one-digit token is one byte
        # the other bits of choice: which digits are in upper case
        digits = "".join(c.upper() if choice >> (1 + k % 8) & 1 else c for k, c in enumerate(digits))
        text += (SEPARATOR_RUNS[separator] if n else "") + PREFIXES[prefix] + digits
    return data, text + draw(_ENDS)


ANY_BYTES = st.binary()
#: Where to cut a stream: points taken modulo its length + 1 by :func:`cut`, at most 13 chunks.
CUTS = st.lists(st.integers(0, 2**16), max_size=12)


@st.composite
def chunked(draw: st.DrawFn, data: st.SearchStrategy[bytes] = ANY_BYTES) -> tuple[bytes, list[bytes]]:
    """Bytes, and the same bytes cut at any points (empty chunks included)."""
    whole = draw(data)
    return whole, cut(whole, draw(CUTS))


def cut(data: bytes, cuts: list[int]) -> list[bytes]:
    """``data`` in pieces, cut at ``cuts`` (taken modulo its length + 1, in any order)."""
    points = sorted(point % (len(data) + 1) for point in cuts)
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]
