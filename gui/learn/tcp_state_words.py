"""One line of plain words for each TCP state the kernel reports (the names stay in English, as in `ss`)."""

from __future__ import annotations

from ..i18n import N_, tr

MEANINGS = {
    "LISTEN": N_("waiting for connections; accept() takes each one"),
    "SYN_SENT": N_("connect() sent its SYN and waits for the answer"),
    "SYN_RECV": N_("a connection request was answered; waiting for the last step of the handshake"),
    "NEW_SYN_RECV": N_("a connection request was answered; waiting for the last step of the handshake"),
    "ESTABLISHED": N_("connected: both sides can send"),
    "FIN_WAIT1": N_("this side shut down sending (FIN sent); waiting for the other side to acknowledge it"),
    "FIN_WAIT2": N_("this side finished sending and it was acknowledged; the other side may still send"),
    "CLOSE_WAIT": N_("the other side finished sending (FIN received); this side may still send, then close"),
    "CLOSING": N_("both sides shut down at the same moment; waiting for the last acknowledgement"),
    "LAST_ACK": N_("closed after the other side did; waiting for the last acknowledgement"),
    "TIME_WAIT": N_("closed; the kernel keeps the address pair a while, so late packets cannot reach a new "
                    "connection"),
    "CLOSE": N_("closed"),
}


def meaning(state: str) -> str:
    """The state's explanation in the current language (empty for a state without one)."""
    text = MEANINGS.get(state)
    return tr(text) if text else ""
