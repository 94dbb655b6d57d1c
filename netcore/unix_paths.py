"""Unix-domain socket files: binding a path (and a stale file left on it), a client's own path, cleaning up.

A Unix socket bound to a path leaves a file there until someone removes it.
When a server dies without removing it, the next ``bind`` on that path fails
with EADDRINUSE although nobody uses it: a *stale* socket file.  Connecting
to it tells the two apart (a dead socket refuses, ECONNREFUSED; a live one
accepts or answers otherwise).  :func:`bind_unix` removes a file only when it
is a socket and refuses connections, says so, and binds again; a regular
file or a live socket is never touched and gets its own plain message.

A Unix *datagram* client must bind a path of its own to get replies (an
unbound sender is "unnamed": nobody can answer it).  :class:`PrivatePath`
makes one in a private temporary folder and removes both when done.

Everything here runs on an endpoint's I/O thread (``start()``'s caller only
checks syntax); the socket calls go through the endpoint's SocketOps, so the
trace shows the probe and the second ``bind``.
"""

from __future__ import annotations

import contextlib
import errno as errno_codes
import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Callable

from .errors import N_, NetError
from .options import SocketOptions, apply_options
from .os_errors import from_os_error
from .sockops import SocketOps

STALE_REMOVED = N_(
    "{path} was left behind by a server that is no longer running (a stale socket file: bind said "
    "“address in use”, but connecting to it was refused). SockLab removed it and bound the path again."
)
STALE_NOT_REMOVED = N_(
    "{path} is a stale socket file left by a server that is no longer running, but it could not be "
    "removed ({reason}). Remove it yourself or choose another path."
)
NOT_A_SOCKET = N_(
    "{path} already exists and is not a socket file, so nothing can be bound there. SockLab never "
    "deletes such a file: choose another path, or move that file away yourself."
)
PATH_IN_USE = N_(
    "Another socket is already using {path} (it answered when SockLab tried to connect to it). "
    "Stop that program or tab, or choose another path."
)
PRIVATE_PATH = N_(
    "A Unix datagram client needs a path of its own to get replies, so SockLab bound this socket to "
    "{path}, in a private temporary folder that is removed when the socket closes."
)
NO_PRIVATE_PATH = N_("Could not make a private temporary folder for this socket's own path: {reason}")

#: Told when a stale file was replaced: the endpoint posts it as a Notice.
Notify = Callable[[str, str, dict[str, str]], None]


def bind_unix(ops: SocketOps, path: str, kind: int, backlog: int, options: SocketOptions,
              notify: Notify) -> socket.socket:
    """A bound (for streams, listening) non-blocking Unix socket at ``path``; raises NetError."""
    try:
        sock = ops.socket(socket.AF_UNIX, kind)
    except OSError as exc:
        raise from_os_error(exc, action="listen", host=path, port=None) from None
    try:
        apply_options(ops, sock, options)
        try:
            ops.bind(sock, path)
        except OSError as exc:
            if exc.errno != errno_codes.EADDRINUSE:
                raise
            _remove_if_stale(ops, path, kind)  # raises NetError unless it removed a stale file
            notify("stale_socket_removed", STALE_REMOVED, {"path": path})
            ops.bind(sock, path)
        if kind == socket.SOCK_STREAM:
            ops.listen(sock, backlog)
        ops.setblocking(sock, False)
    except NetError:
        ops.close(sock)
        raise
    except OSError as exc:
        ops.close(sock)
        raise from_os_error(exc, action="listen", host=path, port=None) from None
    return sock


def _remove_if_stale(ops: SocketOps, path: str, kind: int) -> None:
    """Remove ``path`` if it is a socket file nobody answers on; else raise the NetError that says why."""
    try:
        mode = os.lstat(path).st_mode  # lstat: a symbolic link is not followed, nor ever removed
    except FileNotFoundError:
        return  # gone meanwhile: the second bind will tell
    if not stat.S_ISSOCK(mode):
        raise NetError("unix_path_not_socket", NOT_A_SOCKET, errno=errno_codes.EADDRINUSE, path=path)
    if _probe(ops, path, kind) != errno_codes.ECONNREFUSED:
        raise NetError("in_use", PATH_IN_USE, errno=errno_codes.EADDRINUSE, path=path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise NetError("stale_socket", STALE_NOT_REMOVED, errno=exc.errno, path=path,
                       reason=exc.strerror or str(exc)) from None


def _probe(ops: SocketOps, path: str, kind: int) -> int:
    """connect_ex's answer at ``path``: ECONNREFUSED only when no socket is bound there any more.

    A live server whose backlog is full says EAGAIN, one of the other kind
    EPROTOTYPE: both mean "in use".  Non-blocking, so a busy server never
    stalls the I/O thread.
    """
    probe = ops.socket(socket.AF_UNIX, kind, base="probe")
    try:
        ops.setblocking(probe, False)
        return ops.connect_ex(probe, path)
    finally:
        ops.close(probe)


class SocketFile:
    """The file a bound socket made at ``path``; :meth:`remove` deletes it only while it is still that file.

    (Another program may have replaced it since: that one is left alone.)
    I/O thread only.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            info = os.lstat(path)
            self._identity: tuple[int, int] | None = (info.st_dev, info.st_ino)
        except OSError:
            self._identity = None

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            info = os.lstat(self.path)
            if self._identity == (info.st_dev, info.st_ino):
                os.unlink(self.path)


class PrivatePath:
    """A path in a new private temporary folder (mode 0700) for a client socket to bind.

    :meth:`remove` deletes the folder and what is in it.  I/O thread only.
    """

    def __init__(self, name: str = "client.sock") -> None:
        try:
            self.folder = tempfile.mkdtemp(prefix="socklab-")
        except OSError as exc:
            raise NetError("no_private_path", NO_PRIVATE_PATH, errno=exc.errno,
                           reason=exc.strerror or str(exc)) from None
        self.path = os.path.join(self.folder, name)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
