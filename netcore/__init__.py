"""netcore: threaded TCP and UDP endpoints that report what happens as events.

No GUI here (and no tkinter import): scripts, the command line and the SockLab
window all use the same endpoints.  Each endpoint owns one I/O thread and
posts frozen event objects on a queue you pass in (or on ``endpoint.events``)::

    import queue, netcore

    events = queue.SimpleQueue()
    server = netcore.TcpServer(events, "127.0.0.1", 9999)
    server.start()
    server.wait_ready()            # raises NetError: port in use, ...
    client = netcore.TcpClient(events, "127.0.0.1", 9999)
    client.start()
    client.wait_ready()            # raises NetError: refused, ...
    client.send(b"hello")
    ...                            # events.get(): PeerConnected, DataReceived, ...
    client.stop(); server.stop()

``start()``, ``send()`` and ``stop()`` may be called from any thread;
``stop()`` first writes out what ``send()`` accepted, returns within a second
and leaves no thread or socket open.  Each byte ``send()`` accepted is told
once: as sent (``DataSent``; a ``partial`` one for the part of a request the
kernel took before its TCP connection ended) or as not sent (an ``Error`` with
code "unsent" and its size).  Errors carry a plain-language message:
see :class:`NetError`.  The seams: :meth:`Endpoint.call_later` (timers on the
I/O thread), ``tracer=`` (every socket call, see :class:`EventTracer`),
``options=`` (:class:`SocketOptions`, read back in ``OptionsApplied``), and
``shutdown_write()`` (half-close).
"""

from typing import TYPE_CHECKING, Any

from .addresses import describe, is_wildcard, parse_host, parse_port
from .codec import (
    ENCODINGS,
    LINE_ENDINGS,
    SEND_MODES,
    VIEW_MODES,
    CodecError,
    DisplayDecoder,
    encode_payload,
    format_hex,
    parse_escapes,
    parse_hex,
    render,
)
from .errors import NetError
from .events import (
    CONN_STATES,
    AutoReplied,
    ConnectionState,
    Datagram,
    DatagramsDropped,
    DatagramsReceived,
    DataReceived,
    DataSent,
    Error,
    Event,
    Notice,
    OptionsApplied,
    PeerConnected,
    PeerDisconnected,
    SendProgress,
    SocketCall,
    Started,
    Stopped,
    WritingPaused,
    WritingResumed,
)
from .options import SocketOptions
from .peer import Peer

if TYPE_CHECKING:
    from .endpoint import Endpoint
    from .impairment import Impairment
    from .local_addresses import LocalAddress, list_addresses
    from .loop import TimerHandle
    from .reconnect import Backoff, Reconnecting
    from .sockops import Tracer
    from .tcp_client import TcpClient
    from .tcp_relay import RelayLinked, TcpRelay
    from .tcp_server import TcpServer
    from .tracer import EventTracer
    from .udp_client import UdpClient
    from .udp_server import UdpServer

# The endpoints (and their loop) are imported when first used, not with the package: a program
# that only formats addresses or reads events (the window before its first Start) starts sooner.
_LAZY = {"Endpoint": "endpoint", "TimerHandle": "loop", "EventTracer": "tracer", "Tracer": "sockops",
         "TcpClient": "tcp_client", "TcpServer": "tcp_server", "UdpClient": "udp_client",
         "UdpServer": "udp_server", "Impairment": "impairment", "TcpRelay": "tcp_relay",
         "RelayLinked": "tcp_relay", "Backoff": "reconnect", "Reconnecting": "reconnect",
         "LocalAddress": "local_addresses", "list_addresses": "local_addresses"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'netcore' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "Backoff",
    "CONN_STATES",
    "AutoReplied",
    "ENCODINGS",
    "LINE_ENDINGS",
    "SEND_MODES",
    "VIEW_MODES",
    "CodecError",
    "ConnectionState",
    "DataReceived",
    "DataSent",
    "Datagram",
    "DatagramsDropped",
    "DatagramsReceived",
    "DisplayDecoder",
    "Endpoint",
    "Error",
    "Event",
    "LocalAddress",
    "EventTracer",
    "Impairment",
    "NetError",
    "Notice",
    "OptionsApplied",
    "Peer",
    "PeerConnected",
    "PeerDisconnected",
    "Reconnecting",
    "RelayLinked",
    "SendProgress",
    "SocketCall",
    "SocketOptions",
    "Started",
    "Stopped",
    "TcpClient",
    "TcpRelay",
    "TcpServer",
    "TimerHandle",
    "Tracer",
    "UdpClient",
    "UdpServer",
    "WritingPaused",
    "WritingResumed",
    "describe",
    "encode_payload",
    "format_hex",
    "is_wildcard",
    "list_addresses",
    "parse_escapes",
    "parse_hex",
    "parse_host",
    "parse_port",
    "render",
]
