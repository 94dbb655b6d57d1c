"""The words of the periodic send and the file send: running state, results, sizes.  No widgets.

Each function returns text in the current language (call it again after a
language switch).  Tk thread only (it reads the current language).
"""

from __future__ import annotations

from netcore.file_sender import FileDone, FileProgress
from netcore.periodic import PeriodicDone, PeriodicProgress

from ..i18n import N_, tr, trf
from ..parts.status_bar import human_rate

STARTING = N_("Starting…")
PERIODIC_RUNNING = N_("Sending every {interval} ms: {sent} / {count}")
PERIODIC_RUNNING_FOREVER = N_("Sending every {interval} ms: {sent} sent (until stopped)")
PERIODIC_RATE = N_("{rate} messages/s measured")
PERIODIC_SKIPPED = N_("{skipped} skipped: the write buffer was full")
PERIODIC_MISSED = N_("{missed} missed after a stall")
PERIODIC_LOSSES = N_("{skipped} skipped (write buffer full), {missed} missed after a stall.")
PERIODIC_ENDED = N_("Periodic send {how}: {sent} sent in {seconds} s, {rate} messages/s measured.")
PERIODIC_STARTED = N_("Periodic send started: {size} bytes every {interval} ms to {target}, {count}.")
UNTIL_STOPPED = N_("until stopped")
TIME = N_("{count} time")
TIMES = N_("{count} times")
FILE_RUNNING = N_("Sending {name}: {sent} of {total} ({percent}%) · {rate}")
FILE_ENDED = N_("Sending {name} {how}: {sent} of {total} in {seconds} s ({rate}).")
FILE_STARTED = N_("Sending the file {path} to {target}.")
HOW = {
    "done": N_("finished"),
    "stopped": N_("stopped"),
    "endpoint-stopped": N_("ended: the socket closed"),
    "gone": N_("ended: nobody is left to send to"),
    "error": N_("failed"),
}


def human_size(size: float) -> str:
    """Bytes in B, KB, MB or GB (powers of 1000, as the rates are given)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size:.0f} B"


def interval_text(seconds: float) -> str:
    return f"{seconds * 1000:,.6g}"


def how(reason: str) -> str:
    return tr(HOW.get(reason, HOW["error"]))


def periodic_running(state: PeriodicProgress) -> str:
    if state.count:
        text = trf(PERIODIC_RUNNING, interval=interval_text(state.interval), sent=f"{state.sent:,}",
                   count=f"{state.count:,}")
    else:
        text = trf(PERIODIC_RUNNING_FOREVER, interval=interval_text(state.interval), sent=f"{state.sent:,}")
    rate = trf(PERIODIC_RATE, rate=f"{state.rate:,.1f}")
    return " · ".join([text, rate, *_losses(state.skipped, state.missed)])


def periodic_ended(state: PeriodicDone) -> str:
    text = trf(PERIODIC_ENDED, how=how(state.reason), sent=f"{state.sent:,}", seconds=f"{state.elapsed:,.2f}",
               rate=f"{state.rate:,.1f}")
    if state.skipped or state.missed:
        text += " " + trf(PERIODIC_LOSSES, skipped=f"{state.skipped:,}", missed=f"{state.missed:,}")
    return text


def _losses(skipped: int, missed: int) -> list[str]:
    parts = []
    if skipped:
        parts.append(trf(PERIODIC_SKIPPED, skipped=f"{skipped:,}"))
    if missed:
        parts.append(trf(PERIODIC_MISSED, missed=f"{missed:,}"))
    return parts


def file_running(name: str, state: FileProgress) -> str:
    percent = 100.0 * state.sent / state.total if state.total else 100.0
    return trf(FILE_RUNNING, name=name, sent=human_size(state.sent), total=human_size(state.total),
               percent=f"{percent:.0f}", rate=human_rate(state.rate))


def file_ended(name: str, state: FileDone) -> str:
    return trf(FILE_ENDED, name=name, how=how(state.reason), sent=human_size(state.sent),
               total=human_size(state.total), seconds=f"{state.elapsed:,.2f}", rate=human_rate(state.rate))
