"""Auto-reply rules: answer each message that matches, on the endpoint's I/O thread.

A :class:`Rule` says when to answer and what: ``echo`` (the message back),
``ctime`` (``[Sun Nov 29 18:22:38 2026] message``, as the classic UDP time
server), ``fixed`` (one reply to every message), or a match — ``contains``
(bytes anywhere in the message), ``regex`` (a regular expression searched in
the message decoded as text) or ``hex_prefix`` (the message starts with these
bytes) — answered with text or hex.  A text reply understands the send box's
escapes (``\\r\\n``, ``\\x00``) and, in a regex rule, the pattern's groups:
``\\1`` … ``\\99`` and ``\\g<name>`` (``\\g<0>``: the whole match).  Rules fire
on every message that matches, first matching rule wins.

Checking and compiling (:func:`compile_rule`, :func:`compile_rules`) runs on
the caller's thread and raises :class:`RuleError` — which field is wrong and
where — so a bad regular expression is refused when it is typed, never on the
I/O thread.  The result, :class:`AutoReply`, is immutable: the window hands it
to a running endpoint (``Endpoint.set_auto_reply``), whose I/O thread builds a
:class:`Replier` from it.  The :class:`LoopGuard` stops two endpoints that
auto-reply to each other from ping-ponging for ever: more than ``loop_limit``
replies in one second to the same peer pause auto-replies to that peer for
``loop_pause`` seconds, and a ``Notice`` says so.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable, Sequence

from .errors import N_, NetError
from .payload import CodecError, parse_escapes, parse_hex
from .values import Value

KINDS = ("echo", "ctime", "fixed", "contains", "regex", "hex_prefix")
MATCHING = ("contains", "regex", "hex_prefix")  # the kinds with a pattern
FORMATS = ("text", "hex")
#: A regex looks at this much of a message at most (a pattern that backtracks badly stays bounded).
REGEX_WINDOW = 64 * 1024
DEFAULT_LOOP_LIMIT = 100  # replies per second to one peer
DEFAULT_LOOP_PAUSE = 5.0  # seconds
LOOP_LIMIT_MAX = 1_000_000
MAX_TRACKED = 4096  # peers the loop guard remembers (it forgets the quiet ones beyond)

NO_PATTERN = N_("Type the pattern to look for in each message.")
NO_REPLY = N_("Type the reply to send.")
BAD_REGEX = N_("The pattern is not a valid regular expression: {reason} (at position {position}).")
REGEX_REASONS = {  # Python's words (English only) for the usual mistakes, said plainly
    "missing ), unterminated subpattern": N_("The pattern is not a valid regular expression: the “(” at "
                                             "position {position} is never closed."),
    "unbalanced parenthesis": N_("The pattern is not a valid regular expression: the “)” at position "
                                 "{position} has no “(” before it."),
    "nothing to repeat": N_("The pattern is not a valid regular expression: the repeat at position "
                            "{position} has nothing before it to repeat (write \\* or \\+ for the "
                            "character itself)."),
    "multiple repeat": N_("The pattern is not a valid regular expression: two repeats follow each other at "
                          "position {position} (write \\+ or \\* for the character itself)."),
    "unterminated character set": N_("The pattern is not a valid regular expression: the “[” at position "
                                     "{position} is never closed."),
    "bad escape": N_("The pattern is not a valid regular expression: the escape at position {position} is "
                     "unknown (write \\\\ for a backslash)."),
    "bad character range": N_("The pattern is not a valid regular expression: the range at position "
                              "{position} runs backwards (write a-z, not z-a)."),
}
NO_GROUPS_HERE = N_("Only a regex rule has groups to put in the reply ({ref} at position {position}). "
                    "For a backslash itself, write \\\\.")
NO_SUCH_GROUP = N_("The reply uses group {group} at position {position}, but the pattern has only {count} "
                   "(put parentheses around each part to capture).")
NO_GROUP_NAMED = N_("The reply uses the group named “{name}” at position {position}, but the pattern has "
                    "no group of that name (name one with (?P<{name}>…)).")
OPEN_GROUP = N_("“\\g<” at position {position} is not closed: write \\g<name> or \\g<1>.")
BAD_LOOP_LIMIT = N_("The loop guard's limit must be a whole number of replies per second from 0 (off) to "
                    "{limit}.")
BAD_LOOP_PAUSE = N_("The loop guard's pause must be a number of seconds greater than 0 and at most 3600.")
UNKNOWN_KIND = N_("Unknown rule kind “{kind}”: choose one of {choices}.")
PAUSED = N_("Auto-reply paused for {peer}: {count} replies in 1 s — a loop? Its messages are not answered "
            "for {seconds} s.")
RESUMED = N_("Auto-reply to {peer} resumes ({count} messages went unanswered while it was paused).")
RULE_FAILED = N_("Auto-reply rule {number} failed and is skipped until the rules change: {reason}")

Notify = Callable[[str, str, dict[str, str]], None]  # Endpoint._io_notice(code, template, params)
Template = tuple[bytes | int, ...]  # literal bytes and group numbers


class Rule(Value):
    """One rule as the user wrote it (text; :func:`compile_rule` checks and compiles it)."""

    kind: str
    pattern: str = ""
    reply: str = ""
    reply_format: str = "text"
    enabled: bool = True


class RuleError(CodecError):
    """A rule the user typed cannot work: ``field`` ("pattern", "reply", "limit") and where in it."""

    def __init__(self, code: str, template: str, *, field: str, position: int | None = None,
                 length: int = 1, **params: object) -> None:
        self.field = field
        super().__init__(code, template, position=position, length=length, **params)


def _in_field(err: CodecError, field: str, offset: int = 0) -> RuleError:
    """``err`` (from the codec, about a piece of a field) as a RuleError about the whole ``field``."""
    params = {key: value for key, value in err.params.items() if key != "position"}
    position = None if err.position is None else err.position + offset
    return RuleError(err.code, err.template, field=field, position=position, length=err.length, **params)


class CompiledRule:
    """A checked rule, ready to answer messages.  Immutable; any thread."""

    __slots__ = ("number", "kind", "needle", "regex", "template", "encoding")

    def __init__(self, number: int, kind: str, needle: bytes, regex: re.Pattern[str] | None,
                 template: Template, encoding: str) -> None:
        self.number = number
        self.kind = kind
        self.needle = needle
        self.regex = regex
        self.template = template
        self.encoding = encoding

    def answer(self, data: bytes) -> bytes | None:
        """The reply to ``data``, or None when this rule does not match it."""
        kind = self.kind
        if kind == "echo":
            return data
        if kind == "ctime":  # (netcore.udp_server.ctime_reply's format)
            return f"[{time.ctime()}] ".encode("ascii") + data
        if kind == "fixed":
            return self._literal()
        if kind == "contains":
            return self._literal() if self.needle in data else None
        if kind == "hex_prefix":
            return self._literal() if data.startswith(self.needle) else None
        assert self.regex is not None
        text = data[:REGEX_WINDOW].decode(self.encoding, "surrogateescape")
        found = self.regex.search(text)
        if found is None:
            return None
        encoding = self.encoding
        out = bytearray()
        for part in self.template:
            if isinstance(part, bytes):
                out += part
            else:
                group = found.group(part)
                if group:
                    out += group.encode(encoding, "surrogateescape")
        return bytes(out)

    def _literal(self) -> bytes:
        return self.template[0] if self.template else b""  # type: ignore[return-value]


def compile_rule(rule: Rule, encoding: str = "utf-8", number: int = 1) -> CompiledRule:
    """Check ``rule`` and compile it; RuleError says what is wrong, where (caller's thread)."""
    if rule.kind not in KINDS:
        raise RuleError("bad_rule", UNKNOWN_KIND, field="kind", kind=rule.kind, choices=", ".join(KINDS))
    parse_escapes("", encoding)  # an unknown encoding is refused here, with its own message
    if rule.kind in ("echo", "ctime"):
        return CompiledRule(number, rule.kind, b"", None, (), encoding)
    needle = b""
    regex: re.Pattern[str] | None = None
    if rule.kind in MATCHING:
        if not rule.pattern.strip() if rule.kind != "contains" else not rule.pattern:
            raise RuleError("no_pattern", NO_PATTERN, field="pattern")
        if rule.kind == "regex":
            regex = _compile_regex(rule.pattern)
        else:
            try:
                needle = parse_hex(rule.pattern) if rule.kind == "hex_prefix" \
                    else parse_escapes(rule.pattern, encoding)
            except CodecError as err:
                raise _in_field(err, "pattern") from None
            if not needle:
                raise RuleError("no_pattern", NO_PATTERN, field="pattern")
    if rule.reply_format == "hex":
        if not rule.reply.strip():
            raise RuleError("no_reply", NO_REPLY, field="reply")
        try:
            template: Template = (parse_hex(rule.reply),)
        except CodecError as err:
            raise _in_field(err, "reply") from None
    else:
        if not rule.reply:
            raise RuleError("no_reply", NO_REPLY, field="reply")
        template = _reply_template(rule.reply, encoding, regex)
        if regex is None:  # no groups: one literal
            template = (b"".join(part for part in template if isinstance(part, bytes)),)
    return CompiledRule(number, rule.kind, needle, regex, template, encoding)


def _compile_regex(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        position = exc.pos if exc.pos is not None else 0
        reason = exc.msg
        for start, template in REGEX_REASONS.items():
            if reason.startswith(start):
                raise RuleError("bad_regex", template, field="pattern", position=position) from None
        raise RuleError("bad_regex", BAD_REGEX, field="pattern", position=position, reason=reason) from None
    except (OverflowError, RecursionError, ValueError) as exc:  # a pattern too large for the engine
        raise RuleError("bad_regex", BAD_REGEX, field="pattern", position=0, reason=str(exc)) from None


def _reply_template(text: str, encoding: str, regex: re.Pattern[str] | None) -> Template:
    """``text`` as literal bytes (escapes read) and group numbers (``\\1``, ``\\g<name>``)."""
    parts: list[bytes | int] = []
    literal = 0  # where the text not turned into bytes yet begins
    i = text.find("\\")
    while i != -1:
        letter = text[i + 1:i + 2]
        end = i + 2
        ref: str | None = None
        if "1" <= letter <= "9":  # \1 .. \99 (\0 is a zero byte, as in the send box)
            if text[i + 2:i + 3].isascii() and text[i + 2:i + 3].isdigit():
                end += 1
            ref = text[i + 1:end]
        elif letter == "g" and text[i + 2:i + 3] == "<":
            close = text.find(">", i + 3)
            if close == -1:
                raise RuleError("bad_group", OPEN_GROUP, field="reply", position=i, length=3)
            end = close + 1
            ref = text[i + 3:close]
        if ref is None:  # an escape (\n, \xNN, \\): the codec reads it with the literal text
            i = text.find("\\", end)
            continue
        parts.append(_escapes(text[literal:i], literal, encoding))
        parts.append(_group(ref, regex, text[i:end], i, end - i))
        literal = end
        i = text.find("\\", end)
    parts.append(_escapes(text[literal:], literal, encoding))
    return tuple(part for part in parts if part != b"")


def _escapes(piece: str, offset: int, encoding: str) -> bytes:
    try:
        return parse_escapes(piece, encoding)
    except CodecError as err:
        raise _in_field(err, "reply", offset) from None


def _group(ref: str, regex: re.Pattern[str] | None, written: str, position: int, length: int) -> int:
    """The group number ``ref`` (digits or a name) stands for in ``regex``."""
    if regex is None:
        raise RuleError("no_groups", NO_GROUPS_HERE, field="reply", position=position, length=length,
                        ref=written)
    if ref.isascii() and ref.isdigit():
        number = int(ref)
        if number > regex.groups:
            raise RuleError("bad_group", NO_SUCH_GROUP, field="reply", position=position, length=length,
                            group=number, count=regex.groups)
        return number
    if ref not in regex.groupindex:
        raise RuleError("bad_group", NO_GROUP_NAMED, field="reply", position=position, length=length,
                        name=ref)
    return regex.groupindex[ref]


class AutoReply:
    """A checked list of rules and the loop guard's settings.  Immutable; any thread.

    ``rules``: what the user wrote (disabled ones too, to show them again);
    ``active``: the enabled ones, compiled, in order (numbered from 1 as in the list).
    """

    __slots__ = ("rules", "active", "encoding", "loop_limit", "loop_pause")

    def __init__(self, rules: tuple[Rule, ...], active: tuple[CompiledRule, ...], encoding: str,
                 loop_limit: int, loop_pause: float) -> None:
        self.rules = rules
        self.active = active
        self.encoding = encoding
        self.loop_limit = loop_limit
        self.loop_pause = loop_pause

    def replier(self, notify: Notify, guard: LoopGuard | None = None) -> Replier:
        """What the I/O thread answers with (keeping ``guard``'s memory of a loop across a change)."""
        if guard is None:
            guard = LoopGuard(self.loop_limit, self.loop_pause, notify)
        else:
            guard.limit, guard.pause = self.loop_limit, self.loop_pause
        return Replier(self.active, guard, notify)


def compile_rules(rules: Sequence[Rule], encoding: str = "utf-8", loop_limit: int = DEFAULT_LOOP_LIMIT,
                  loop_pause: float = DEFAULT_LOOP_PAUSE) -> AutoReply:
    """Check and compile every rule (RuleError for the first bad one); caller's thread."""
    if isinstance(loop_limit, bool) or not isinstance(loop_limit, int) \
            or not 0 <= loop_limit <= LOOP_LIMIT_MAX:
        raise RuleError("bad_limit", BAD_LOOP_LIMIT, field="limit", limit=f"{LOOP_LIMIT_MAX:,}")
    if isinstance(loop_pause, bool) or not isinstance(loop_pause, (int, float)) or not 0 < loop_pause <= 3600:
        raise NetError("bad_pause", BAD_LOOP_PAUSE)
    active = tuple(compile_rule(rule, encoding, number) for number, rule in enumerate(rules, 1)
                   if rule.enabled)
    return AutoReply(tuple(rules), active, encoding, loop_limit, float(loop_pause))


class LoopGuard:
    """Counts replies per peer; more than ``limit`` in a second pauses that peer's for ``pause`` s.

    I/O thread only.  ``limit`` 0: no guard.
    """

    def __init__(self, limit: int, pause: float, notify: Notify) -> None:
        self.limit = limit
        self.pause = pause
        self._notify = notify
        # per peer: [start of its one-second window, replies in it, paused until (0: not), unanswered]
        self._peers: dict[Hashable, list[float]] = {}

    def allow(self, key: Hashable, label: str, now: float) -> bool:
        """May we reply to ``key`` (shown as ``label``) now?  Counts the reply when yes."""
        if self.limit <= 0:
            return True
        state = self._peers.get(key)
        if state is None:
            if len(self._peers) >= MAX_TRACKED:
                self._forget_quiet(now)
            state = self._peers[key] = [now, 0.0, 0.0, 0.0]
        if state[2]:
            if now < state[2]:
                state[3] += 1
                return False
            self._notify("auto_reply_resumed", RESUMED, {"peer": label, "count": f"{int(state[3]):,}"})
            state[:] = [now, 0.0, 0.0, 0.0]
        if now - state[0] >= 1.0:
            state[0], state[1] = now, 0.0
        state[1] += 1
        if state[1] > self.limit:
            state[2] = now + self.pause
            state[3] = 1.0
            self._notify("auto_reply_paused", PAUSED, {"peer": label, "count": f"{int(state[1]):,}",
                                                       "seconds": f"{self.pause:g}"})
            return False
        return True

    def paused(self, key: Hashable, now: float) -> bool:
        state = self._peers.get(key)
        return state is not None and now < state[2]

    def _forget_quiet(self, now: float) -> None:
        """Forget the peers neither paused nor heard from in the last second (bounded memory)."""
        quiet = [key for key, state in self._peers.items() if now >= state[2] and now - state[0] >= 1.0]
        for key in quiet:
            del self._peers[key]
        if len(self._peers) >= MAX_TRACKED:  # all busy: start over rather than grow
            self._peers.clear()


class Replier:
    """Answers messages with the first matching rule, within the loop guard.  I/O thread only."""

    __slots__ = ("rules", "guard", "_notify")

    def __init__(self, rules: tuple[CompiledRule, ...], guard: LoopGuard, notify: Notify) -> None:
        self.rules = rules
        self.guard = guard
        self._notify = notify

    def reply(self, data: bytes, key: Hashable, label: str) -> tuple[int, bytes] | None:
        """(rule number, reply) for ``data`` from ``key``; None when no rule answers, or the guard holds."""
        for rule in self.rules:
            try:
                answer = rule.answer(data)
            except Exception as exc:  # a rule must not take the endpoint down: drop it, say why once
                self.rules = tuple(other for other in self.rules if other is not rule)
                self._notify("auto_reply_failed", RULE_FAILED, {"number": str(rule.number),
                                                                "reason": f"{type(exc).__name__}: {exc}"})
                continue
            if answer is None:
                continue
            if not answer or not self.guard.allow(key, label, time.monotonic()):
                return None
            return rule.number, answer
        return None
