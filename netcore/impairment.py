"""The unreliable network lab's settings: how a UDP endpoint mistreats the datagrams it sends.

On loopback nothing is lost, copied or reordered, so the lesson that UDP
gives none of those guarantees stays invisible.  Tools that impair real
traffic (netem, clumsy) need administrator rights; SockLab does it inside
its own sockets instead (see :mod:`netcore.impairer`).  An
:class:`Impairment` says how, in the units a person types: percentages and
milliseconds.  :func:`impairment_from_flags` reads the same settings from
text (the command line's ``--loss PCT --dup PCT --reorder PCT --delay MS
--jitter MS --seed N``, the window's fields), so both give the same runs.

Checked where it is made: a bad value raises :class:`NetError` with a plain
sentence.  Any thread may make and read these values.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .errors import N_, NetError
from .values import Value

#: How long a datagram may be held back (delay, jitter, the reordering window), in milliseconds:
#: ten seconds already feels broken; more would only keep datagrams (memory) for nothing.
MAX_MS = 10_000.0
#: Seeds are whole numbers that fit the log line and a command line.
MAX_SEED = 2**32 - 1
#: How far a reordered datagram is held back when no window is given (ms): long enough for a
#: burst to overtake it, short enough to see every datagram arrive within a second.
DEFAULT_REORDER_WINDOW_MS = 50.0

BAD_PERCENT = {
    "loss": N_("Loss must be a percentage from 0 to 100 (for example 10 or 2.5), not “{value}”."),
    "duplicate": N_("Duplicates must be a percentage from 0 to 100 (for example 5), not “{value}”."),
    "reorder": N_("Reordering must be a percentage from 0 to 100 (for example 10), not “{value}”."),
}
BAD_MS = {
    "reorder_window_ms": N_("The reordering window must be a number of milliseconds from 1 to {limit}, "
                            "not “{value}”."),
    "delay_ms": N_("The delay must be a number of milliseconds from 0 to {limit}, not “{value}”."),
    "jitter_ms": N_("The jitter must be a number of milliseconds from 0 to {limit}, not “{value}”."),
}
BAD_SEED = N_("The seed must be a whole number from 0 to {limit} (leave it empty for a random one), "
              "not “{value}”.")

#: The Notice an endpoint posts when the lab is switched on or changed, and when it is switched off.
LAB_ON = N_("Impairment lab on for what this socket sends: {loss} % lost, {duplicate} % sent twice, "
            "{reorder} % held back up to {window} ms (out of order), delay {delay} ms ± {jitter} ms; "
            "seed {seed} (the same seed and settings repeat the same run).")
LAB_OFF = N_("Impairment lab off: datagrams go out as they are sent.")

#: The command line's flags, for the CLI to add as they are (flag, keyword of impairment_from_flags,
#: metavar, help): ``for flag, key, metavar, text in IMPAIRMENT_FLAGS: parser.add_argument(flag, dest=key,
#: metavar=metavar, help=text)``.
IMPAIRMENT_FLAGS: tuple[tuple[str, str, str, str], ...] = (
    ("--loss", "loss", "PCT", N_("drop this percentage of the datagrams sent (impairment lab)")),
    ("--dup", "dup", "PCT", N_("send this percentage of the datagrams twice")),
    ("--reorder", "reorder", "PCT", N_("hold back this percentage of the datagrams so later ones "
                                       "overtake them")),
    ("--reorder-window", "reorder_window", "MS", N_("how long a reordered datagram is held back at most "
                                                    "(default 50 ms)")),
    ("--delay", "delay", "MS", N_("delay every datagram sent by this many milliseconds")),
    ("--jitter", "jitter", "MS", N_("vary the delay by up to this many milliseconds either way")),
    ("--seed", "seed", "N", N_("seed of the random choices: the same seed repeats the same run")),
)


def _number(value: object) -> float | None:
    """``value`` as a finite float (from a number or text such as "2.5" or "10%"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        try:
            number = float(text)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _shown(value: object) -> str:
    return value.strip() if isinstance(value, str) else repr(value)


def _percent(key: str, value: object) -> float:
    number = _number(value)
    if number is None or not 0.0 <= number <= 100.0:
        raise NetError("bad_impairment", BAD_PERCENT[key], value=_shown(value))
    return number


def _milliseconds(key: str, value: object, least: float = 0.0) -> float:
    number = _number(value)
    if number is None or not least <= number <= MAX_MS:
        raise NetError("bad_impairment", BAD_MS[key], value=_shown(value), limit=f"{MAX_MS:,.0f}")
    return number


def _seed(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _number(value)
    if number is None or number != int(number) or not 0 <= number <= MAX_SEED:
        raise NetError("bad_impairment", BAD_SEED, value=_shown(value), limit=f"{MAX_SEED}")
    return int(number)


def _figure(value: float) -> str:
    """10.0 → "10", 2.5 → "2.5": how a setting is written back to a person."""
    return f"{value:g}"


class Impairment(Value):
    """How a UDP endpoint treats each datagram it sends (all zero: as sent, the default).

    * ``loss``: percentage of datagrams never sent (0–100);
    * ``duplicate``: percentage sent twice, the copy right after the original;
    * ``reorder``: percentage held back an extra 50–100 % of ``reorder_window_ms``,
      so the datagrams sent just after them arrive first;
    * ``delay_ms`` and ``jitter_ms``: every datagram waits ``delay_ms`` plus a
      random amount in ±``jitter_ms`` (never less than zero), as a long, uneven
      link does (a large jitter reorders too, as on a real network);
    * ``seed``: the random choices' seed; None lets the endpoint pick one and
      say it in its log line, so any run can be repeated.

    Each setting is checked when the value is made (NetError, plain words).
    """

    loss: float = 0.0
    duplicate: float = 0.0
    reorder: float = 0.0
    reorder_window_ms: float = DEFAULT_REORDER_WINDOW_MS
    delay_ms: float = 0.0
    jitter_ms: float = 0.0
    seed: int | None = None

    def __post_init__(self) -> None:
        set_field = object.__setattr__  # (a frozen value: the checked, normalised numbers replace the given)
        for key in ("loss", "duplicate", "reorder"):
            set_field(self, key, _percent(key, getattr(self, key)))
        set_field(self, "reorder_window_ms", _milliseconds("reorder_window_ms", self.reorder_window_ms, 1.0))
        for key in ("delay_ms", "jitter_ms"):
            set_field(self, key, _milliseconds(key, getattr(self, key)))
        set_field(self, "seed", _seed(self.seed))

    @property
    def active(self) -> bool:
        """True when any datagram may be treated differently from a plain send (a seed alone is not)."""
        return bool(self.loss or self.duplicate or self.reorder or self.delay_ms or self.jitter_ms)

    def params(self, seed: int | None = None) -> dict[str, str]:
        """The settings as the words of :data:`LAB_ON` fill in (``seed``: the one really used)."""
        used = self.seed if seed is None else seed
        return {"loss": _figure(self.loss), "duplicate": _figure(self.duplicate),
                "reorder": _figure(self.reorder), "window": _figure(self.reorder_window_ms),
                "delay": _figure(self.delay_ms), "jitter": _figure(self.jitter_ms),
                "seed": "?" if used is None else str(used)}

    def describe(self, translate: Callable[[str], str] = lambda text: text) -> str:
        """The log line for these settings, in the language of ``translate``."""
        if not self.active:
            return translate(LAB_OFF)
        return translate(LAB_ON).format(**self.params())


OFF = Impairment()


def impairment_from_flags(*, loss: object = None, dup: object = None, reorder: object = None,
                          reorder_window: object = None, delay: object = None, jitter: object = None,
                          seed: object = None) -> Impairment:
    """Settings from the command line's flags (or the window's fields): text or numbers, None for "not given".

    ``--loss 10 --dup 5 --reorder 10 --delay 20 --jitter 5 --seed 7`` gives
    ``impairment_from_flags(loss="10", dup="5", reorder="10", delay="20", jitter="5", seed="7")``.
    A percentage may end with ``%``; an empty text counts as not given.  Raises
    NetError with a sentence naming the setting and what was wrong.
    """

    def given(value: object) -> bool:
        return not (value is None or (isinstance(value, str) and not value.strip()))

    return Impairment(
        loss=_percent("loss", loss) if given(loss) else 0.0,
        duplicate=_percent("duplicate", dup) if given(dup) else 0.0,
        reorder=_percent("reorder", reorder) if given(reorder) else 0.0,
        reorder_window_ms=(_milliseconds("reorder_window_ms", reorder_window, 1.0) if given(reorder_window)
                           else DEFAULT_REORDER_WINDOW_MS),
        delay_ms=_milliseconds("delay_ms", delay) if given(delay) else 0.0,
        jitter_ms=_milliseconds("jitter_ms", jitter) if given(jitter) else 0.0,
        seed=_seed(seed))
