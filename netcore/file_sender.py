"""Send a file of any size: streamed over TCP, or cut into datagrams over UDP, optionally paced.

The file is opened and read on the endpoint's I/O thread, a chunk at a time,
never whole.  Over TCP a chunk (:data:`CHUNK_SIZE`) is read only while the
connection's write buffer is under its high-water mark; above it the job
waits until the buffer drains to the low-water mark (netcore's write flow
control), so memory stays at about the high-water mark whatever the file's
size.  At most :data:`CHUNKS_PER_TURN` chunks go per turn of the loop, so
other sockets (and a Stop) are served between them.  The job is done when
the kernel has taken the last byte.

Over UDP each datagram carries at most ``datagram_size`` bytes (up to the
datagram limit of the family).  Without pacing they go as fast as the
socket takes them; with ``rate`` (datagrams per second) or ``gap`` (seconds
between datagrams) they go on absolute deadlines, as many per turn as are
due (a stall is not made up with a burst).  A socket whose send buffer is
full is retried a millisecond later: no datagram is skipped.

Usable from scripts and the command line (``--send-file PATH``)::

    job = FileSend(client, "firmware.bin").start()
    job.wait(60)
    print(job.reason, job.sent, job.rate)          # "done", 52428800, ~bytes/s

Events: :class:`FileProgress` (at most ten a second) and one
:class:`FileDone`; each TCP chunk or datagram is also told by ``DataSent``.
A file that cannot be read (missing, not allowed, a folder) ends the job
with a plain message (an ``Error`` event and the Done event's fields).
"""

from __future__ import annotations

import math
import os
import stat
import time
from typing import IO, TYPE_CHECKING

from .errors import N_, NetError
from .outlet import FAILED as SEND_FAILED
from .outlet import FULL, GONE, Target
from .send_job import DONE, FAILED, RateMeter, SendJob, error_fields
from .send_job import GONE as JOB_GONE
from .values import Value

if TYPE_CHECKING:
    from .endpoint import Endpoint

#: TCP read size: small enough that one read never holds the loop up, big enough for few calls.
CHUNK_SIZE = 64 * 1024
#: Chunks queued per turn of the loop (1 MiB) before other sockets are served.
CHUNKS_PER_TURN = 16
#: A UDP datagram's default payload: under every Ethernet path's MTU, so it is never fragmented.
DATAGRAM_SIZE = 1024
#: Datagrams sent per turn of the loop (unpaced, or catching up with the pace).
DATAGRAMS_PER_TURN = 64
#: A UDP socket that took no more is tried again after this long (seconds).
RETRY_DELAY = 0.001
MAX_RATE = 10_000_000.0
MAX_GAP = 3600.0

FILE_NOT_FOUND = N_("There is no file {path}.")
FILE_DENIED = N_("SockLab is not allowed to read {path} (permission denied).")
FILE_IS_FOLDER = N_("{path} is a folder, not a file.")
FILE_NOT_REGULAR = N_("{path} is not a regular file (a device or a pipe has no end to send up to).")
FILE_READ_FAILED = N_("Could not read {path}: {reason}.")
BAD_PATH = N_("Choose a file to send.")
BAD_DATAGRAM_SIZE = N_("The datagram size must be a whole number of bytes from 1 to {limit}.")
BAD_PACE = N_("The pace must be datagrams per second (more than 0, at most 10,000,000) or a gap between "
              "datagrams in milliseconds (0 to 3,600,000), not both.")


class FileProgress(Value):
    """``sent`` bytes of ``total`` handed to the kernel, in ``messages`` (TCP chunks or datagrams);
    ``rate``: bytes per second over about the last second."""

    source: str
    job: int
    sent: int
    total: int
    messages: int
    rate: float
    time: float = 0.0


class FileDone(Value):
    """A file send ended (``reason``: done, stopped, endpoint-stopped, gone, error).

    ``rate``: bytes per second over the whole send; ``code``/``template``/``params``: the
    error when it failed (a file it could not read, a send that failed).
    """

    source: str
    job: int
    reason: str
    path: str
    sent: int
    total: int
    messages: int
    rate: float
    elapsed: float
    code: str = ""
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()
    time: float = 0.0


def file_error(exc: OSError, path: str) -> NetError:
    """A file that cannot be opened or read, in plain words."""
    if isinstance(exc, FileNotFoundError):
        return NetError("file_not_found", FILE_NOT_FOUND, errno=exc.errno, path=path)
    if isinstance(exc, PermissionError):
        return NetError("file_denied", FILE_DENIED, errno=exc.errno, path=path)
    if isinstance(exc, IsADirectoryError):
        return NetError("file_is_folder", FILE_IS_FOLDER, errno=exc.errno, path=path)
    return NetError("file_read_failed", FILE_READ_FAILED, errno=exc.errno, path=path,
                    reason=exc.strerror or str(exc))


def check_pace(rate: object, gap: object) -> float:
    """The gap in seconds between datagrams (0: unpaced) from ``rate`` per second or ``gap`` s."""
    for value in (rate, gap):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or math.isnan(value)):
            raise NetError("bad_pace", BAD_PACE)
    if rate is not None and gap is not None:
        raise NetError("bad_pace", BAD_PACE)
    if rate is not None:
        assert isinstance(rate, (int, float))
        if not 0 < rate <= MAX_RATE:
            raise NetError("bad_pace", BAD_PACE)
        return 1.0 / float(rate)
    if gap is not None:
        assert isinstance(gap, (int, float))
        if not 0 <= gap <= MAX_GAP:
            raise NetError("bad_pace", BAD_PACE)
        return float(gap)
    return 0.0


class FileSend(SendJob):
    """See the module.  ``start``, ``stop`` (cancel), ``wait`` and the counters: any thread."""

    fixed_targets = True  # a client that connects mid-way must not get the file from the middle

    def __init__(self, endpoint: Endpoint, path: str | os.PathLike[str], target: Target = None, *,
                 datagram_size: int = DATAGRAM_SIZE, rate: float | None = None, gap: float | None = None,
                 chunk_size: int = CHUNK_SIZE) -> None:
        if not isinstance(path, (str, os.PathLike)) or not os.fspath(path):
            raise NetError("bad_path", BAD_PATH)
        self.path = os.fspath(path)
        self.gap = check_pace(rate, gap)
        super().__init__(endpoint, target)
        if self.outlet.stream:
            size = chunk_size
        else:
            limit = self.outlet.max_message or 0
            if isinstance(datagram_size, bool) or not isinstance(datagram_size, int) \
                    or not 1 <= datagram_size <= limit:
                raise NetError("bad_datagram_size", BAD_DATAGRAM_SIZE, limit=f"{limit:,}")
            size = datagram_size
        self.piece = size  # bytes read per chunk (TCP) or per datagram (UDP)
        self.total = 0  # the file's size, known once it is open
        self.queued = 0  # bytes handed to the endpoint
        self.messages = 0
        self._file: IO[bytes] | None = None
        self._pending: bytes | None = None  # a datagram the socket refused, sent again next
        self._anchor = 0.0  # pacing: datagram n is due at anchor + n × gap
        self._flush_polls = 0
        self._meter = RateMeter()
        self._buffered = 0  # what waits in the write buffer, noted on the I/O thread with each progress

    @property
    def sent(self) -> int:
        """Bytes sent: handed to the kernel while it runs (as of the last progress event); once it has
        ended, every byte handed to the endpoint (a connection that ends with some of them still
        buffered tells those as "unsent", as for ``send()``)."""
        return self.queued if self.done.is_set() else max(0, self.queued - self._buffered)

    @property
    def rate(self) -> float:
        """Bytes per second over the whole send so far."""
        end = self.ended_at or time.monotonic()
        span = end - self.started_at if self.started_at else 0.0
        return self.sent / span if span > 0 else 0.0

    # ----------------------------------------------------------- I/O thread
    def _io_run(self) -> None:
        try:
            handle = open(self.path, "rb", buffering=CHUNK_SIZE)  # noqa: SIM115 - closed by _io_release
        except OSError as exc:
            raise file_error(exc, self.path) from None
        self._file = handle
        try:
            info = os.fstat(handle.fileno())
        except OSError as exc:
            raise file_error(exc, self.path) from None
        if stat.S_ISDIR(info.st_mode):
            raise NetError("file_is_folder", FILE_IS_FOLDER, path=self.path)
        if not stat.S_ISREG(info.st_mode):
            raise NetError("file_not_regular", FILE_NOT_REGULAR, path=self.path)
        self.total = info.st_size
        self._meter.note(self.started_at, 0)
        self._io_progress(self.started_at, force=True)  # the total, at once
        if self.outlet.stream:
            self._io_stream_step()
        else:
            self._anchor = time.monotonic()
            self._io_datagram_step()

    def _io_read(self) -> bytes | None:
        """The next piece of the file (b"" at its end); None when reading failed (the job has ended)."""
        assert self._file is not None
        try:
            return self._file.read(self.piece)
        except OSError as exc:
            self._io_end(FAILED, file_error(exc, self.path))
            return None

    # --------------------------------------------------------------- TCP
    def _io_stream_step(self) -> None:
        if not self._io_live():
            return
        outlet = self.outlet
        for _ in range(CHUNKS_PER_TURN):
            if outlet.io_full():  # above the high-water mark: read on once it has drained
                self._io_progress(time.monotonic())
                outlet.io_when_drained(self._io_wake)
                return
            chunk = self._io_read()
            if chunk is None:
                return
            if not chunk:
                self._io_flush_step()
                return
            if outlet.io_send(chunk, skip_full=False) == GONE:
                self._io_end(JOB_GONE)
                return
            self.queued += len(chunk)
            self.messages += 1
        self._io_progress(time.monotonic())
        self._io_at(time.monotonic(), self._io_stream_step)  # the others' turn, then more

    def _io_wake(self) -> None:
        """A full connection drained (or closed): step again soon (not inside its write path)."""
        if self._timer is None and not self.done.is_set():
            self._io_at(time.monotonic(), self._io_stream_step)

    def _io_flush_step(self) -> None:
        """All read: done once the write buffer is empty (the kernel has every byte)."""
        if not self._io_live():
            return
        outlet = self.outlet
        if outlet.io_gone():
            self._io_end(JOB_GONE)
            return
        if outlet.io_buffered() == 0:
            self._io_end(DONE)
            return
        self._io_progress(time.monotonic())
        self._flush_polls += 1
        # the last megabyte drains in about a millisecond on a fast link; a slow reader is looked
        # at less often (up to every 10 ms) so a stalled peer costs next to nothing
        self._io_at(time.monotonic() + min(0.01, 0.001 * (1 + self._flush_polls // 10)), self._io_flush_step)

    # --------------------------------------------------------------- UDP
    def _io_datagram_step(self) -> None:
        if not self._io_live():
            return
        outlet, gap = self.outlet, self.gap
        now = time.monotonic()
        for _ in range(DATAGRAMS_PER_TURN):
            if gap and self._anchor + self.messages * gap > now:
                break
            data = self._pending if self._pending is not None else self._io_read()
            if data is None:
                return
            if not data:
                self._io_end(DONE)
                return
            result = outlet.io_send(data, skip_full=False)
            if result == FULL:  # the socket's send buffer is full: the same datagram a moment later
                self._pending = data
                self._io_progress(now)
                self._io_at(now + RETRY_DELAY, self._io_datagram_step)
                return
            if result == GONE:
                self._io_end(JOB_GONE)
                return
            if result == SEND_FAILED:
                self._io_end(FAILED, outlet.error, reported=True)
                return
            self._pending = None
            self.queued += len(data)
            self.messages += 1
        self._io_progress(now)
        if not gap:
            self._io_at(now, self._io_datagram_step)
            return
        due = self._anchor + self.messages * gap
        if now - due > DATAGRAMS_PER_TURN * gap:  # far behind (a stall): keep the pace from now on
            self._anchor = now - self.messages * gap
            due = now
        self._io_at(due, self._io_datagram_step)

    # ------------------------------------------------------------- shared
    def _io_sample(self, now: float) -> None:
        self._buffered = self.outlet.io_buffered()
        self._meter.note(now, self.queued - self._buffered)

    def _io_release(self) -> None:
        self._buffered = 0
        handle, self._file = self._file, None
        if handle is not None:
            handle.close()

    def _io_progress_event(self, now: float) -> FileProgress:
        return FileProgress(self.endpoint.name, self.id, self.queued - self._buffered, self.total,
                            self.messages, self._meter.rate(), now)

    def _io_done_event(self, now: float) -> FileDone:
        code, template, params = error_fields(self.error)
        elapsed = now - self.started_at if self.started_at else 0.0
        return FileDone(self.endpoint.name, self.id, self.reason, self.path, self.queued, self.total,
                        self.messages, self.queued / elapsed if elapsed > 0 else 0.0, elapsed,
                        code, template, params, now)
