"""The plain-words messages that several modules share, and the verbs they use.

Each is a sentence a beginner can act on: what happened, and what to try.
Templates used by one module only live in that module; every template is
wrapped in ``N_()`` so the GUI's catalogue test finds it.
"""

from __future__ import annotations

from .errors import N_

# Templates shared by several modules.  Each is a plain sentence a beginner can
# act on: what happened, and what to try.
REFUSED = N_("Nobody is listening on {address} — is the server started?")
IN_USE = N_(
    "Port {port} on {host} is already in use by another program (or another tab). "
    "Stop that program or choose another port."
)
PRIVILEGED = N_(
    "Permission denied for port {port}: ports below 1024 are reserved for the system. "
    "Use a port from 1024 to 65535."
)
PERMISSION = N_("Permission denied while trying to {action} {address}.")
NOT_LOCAL = N_(
    "{host} is not an address of this computer, so nothing can listen on it. "
    "Use 127.0.0.1 (this computer only) or 0.0.0.0 (all networks)."
)
HOST_NOT_FOUND = N_(
    "Cannot find the host “{host}”: check the spelling, or use an IP address such as 127.0.0.1."
)
TIMED_OUT = N_(
    "No answer from {address} within {seconds} s: the host may be off, or a firewall may drop the connection."
)
RESET = N_("The connection to {address} was reset: the other side closed it abruptly or crashed.")
BROKEN_PIPE = N_("{address} has already closed the connection, so the data could not be sent.")
TOO_LONG = N_(
    "The datagram is too large: {size} bytes, but one UDP datagram can carry at most {limit} bytes."
)
UNREACHABLE = N_("{address} cannot be reached: check the address and the network.")
TOO_MANY_FILES = N_(
    "Too many connections or files are open: the system limit is reached. Close some and try again."
)
OTHER = N_("Could not {action} {address}: {reason}")

# Verbs used in OTHER and PERMISSION; translated separately.
ACTIONS = {
    "connect": N_("connect to"),
    "listen": N_("listen on"),
    "bind": N_("bind to"),
    "send": N_("send to"),
    "receive": N_("receive from"),
}



# Added with the second pass of netcore: each failure gets its own sentence.
FAMILY_UNSUPPORTED = N_(
    "This computer cannot open {family} sockets (the protocol is switched off or missing)."
)
FAMILY_MISMATCH = N_(
    "{host} is an {family} address, but this socket only speaks {other}: "
    "use an {other} address, or start the server on an address of that family."
)
DNS_TEMPORARY = N_(
    "The name server did not answer for “{host}” (a temporary failure): check the network, then try again."
)
DNS_NO_ADDRESS = N_("“{host}” exists but has no address of a kind SockLab can use.")
DNS_FAILED = N_("Looking up “{host}” failed: {reason}")
NO_LOCAL_PORT = N_(
    "Cannot connect to {address}: this computer has no free local address or port for it "
    "(too many connections are open, or an IPv6 link-local address needs its %interface)."
)
UNIX_PATH_TOO_LONG = N_(
    "The Unix socket path is too long: {size} bytes, but this system allows at most {limit}. "
    "Use a shorter path, for example in /tmp."
)
UNSENT = N_(
    "{size} bytes queued for {address} could not be sent before the connection closed."
)
WRITE_SIDE_CLOSED = N_(
    "{size} bytes for {address} were not sent: this side has already finished sending (shutdown_write)."
)
WRITE_BUFFER_FULL = N_(
    "{address} is not reading fast enough: {size} bytes are still waiting to be sent. "
    "This message was not sent; try again later."
)
NOT_CONNECTED = N_("{address} is no longer connected.")
INTERNAL = N_("Unexpected internal error; this tab’s socket was closed: {detail}")
COMMAND_FAILED = N_(
    "Unexpected internal error (it was reported and skipped; everything else keeps running): {detail}"
)

# Broadcast and multicast (issue 12): a refused broadcast and a group datagram with no way out.
BROADCAST_DENIED = N_(
    "Permission denied sending to {address}: the system takes it for a broadcast address, and a socket "
    "may send to one only after setsockopt(SOL_SOCKET, SO_BROADCAST, 1)."
)
GROUP_NO_ROUTE = N_(
    "Could not send to the multicast group {address}: no interface here can carry it ({reason}). "
    "Choose the interface group datagrams leave by."
)
