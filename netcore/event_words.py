"""What the window's log and the command line say about a connection's life, in plain words.

The sentences are marked for translation (``N_``) and filled with
``{peer}``/``{host}`` by whoever shows them, so the log and the command line
say the same thing in either language.  Any thread.
"""

from __future__ import annotations

from .errors import N_

#: a PeerDisconnected's reason -> what happened (DISCONNECTED for any other reason)
DISCONNECT_REASONS = {
    "closed": N_("{peer} closed the connection."),
    "kicked": N_("Disconnected {peer}."),
    "stopped": N_("Closed the connection to {peer}: this side stopped."),
    "reset": N_("The connection to {peer} was reset."),
}
DISCONNECTED = N_("The connection to {peer} ended.")
PEER_FINISHED = N_("{peer} finished sending (it half-closed the connection): it can still receive, "
                   "so you may reply, then disconnect.")
WE_FINISHED = N_("Finished sending to {peer} (half-close); its replies can still arrive.")
#: a server listening on every address (0.0.0.0, ::)
EXPOSED = N_("Warning: {host} opens this port to the network, so other computers can connect. "
             "Use 127.0.0.1 to stay on this computer.")
