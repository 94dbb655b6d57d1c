"""Packet Sender: its CLI floods 64-byte UDP datagrams into a UdpServer, vs a raw recvfrom_into loop.

Packet Sender (``apt-get install packetsender``) sends through its command-line
"intense traffic generator": ``packetsender -u -A --num N 127.0.0.1 PORT DATA``
with no rate free-runs (a bare ``writeDatagram`` loop).  The CLI needs no
display.  Its macro translation, on by default, re-parses the payload before
every datagram and caps it near 55,000 datagrams/s; switched off in a private
settings file (``XDG_DATA_HOME``, so the user's own settings are neither read
nor touched) it sends several times faster, so SockLab faces Packet Sender's
fastest load.  ``--rate`` cannot go faster: it paces in whole milliseconds
(about 1,000 datagrams/s at most).

Packet Sender has no headless receiver: its UDP server is part of the GUI
window (which will not start without a display) and counts datagrams only in
its traffic table.  The reference receiver is therefore a raw Python
``recvfrom_into`` loop (blocking, no timeout) with the same receive buffer as
SockLab's: ``udp_receivers.raw``, as in the UDP flood benchmark.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import tempfile

from . import udp_receivers
from .common import Row, Stat, finish

BENCHMARK = "Packet Sender"
SIZE = 64
PAYLOAD = "packet sender flood, 64 bytes of pure ascii per datagram........"
INSTALL = "sudo apt-get install packetsender (./bench.sh does it when run as root)"
NO_RECEIVER = ("reference: a raw Python recvfrom_into loop (blocking, no timeout) with the same SO_RCVBUF, "
               "as Packet Sender has no headless receiver (its UDP server lives in the GUI, which needs a "
               "display)")

assert len(PAYLOAD) == SIZE


class PacketSenderFailed(RuntimeError):
    """The packetsender CLI did not run or did not report what it sent."""


def settings_home(root: str) -> dict:
    """Environment for packetsender: private settings with macro translation off, no display needed."""
    folder = os.path.join(root, "PacketSender")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "ps_settings.ini"), "w", encoding="ascii") as settings:
        settings.write("[General]\ntranslateMacroSendCheck=false\n")
    return dict(os.environ, XDG_DATA_HOME=root, QT_QPA_PLATFORM="offscreen")


def _send(executable: str, env: dict, port: int, count: int) -> dict:
    """Run the CLI flood to 127.0.0.1:port; what it says it sent."""
    command = [executable, "-u", "-A", "--num", str(count), "127.0.0.1", str(port), PAYLOAD]
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace")
    try:
        output, _ = process.communicate(timeout=30 + count / 10_000)
    except subprocess.TimeoutExpired:
        process.kill()
        raise PacketSenderFailed(f"packetsender did not finish sending {count:,} datagrams in time") from None
    finally:
        finish(process, timeout=5)
    return parse_report(output, process.returncode)


def parse_report(output: str, returncode: int) -> dict:
    """What the CLI says it sent (its "Sent N packets" and "Run time" lines), or PacketSenderFailed."""
    sent = re.search(r"Sent (\d+) packets", output)
    run_time = re.search(r"Run time: (\d+) milliseconds", output)
    if returncode != 0 or sent is None or run_time is None or not int(sent.group(1)):
        tail = " | ".join(line for line in output.splitlines()[-4:] if line.strip())
        raise PacketSenderFailed(f"packetsender exited {returncode}: {tail[-300:]}")
    return {"sent": int(sent.group(1)), "seconds": int(run_time.group(1)) / 1000,
            "macros": "Macros can slow down" in output}


def kernel_drops() -> int | None:
    """UDP receive-buffer drops counted by the kernel so far (the whole network namespace)."""
    try:
        with open("/proc/net/snmp", encoding="ascii") as snmp:
            lines = [line.split() for line in snmp if line.startswith("Udp:")]
        return int(lines[1][lines[0].index("RcvbufErrors")])
    except (OSError, IndexError, ValueError):
        return None


def _missing() -> list[Row]:
    return [Row(BENCHMARK, "datagrams received of those sent", "%", Stat.of([0.0]), None, "100 % (0 loss)",
                False, note=f"packetsender is not installed, so this comparison did not run: {INSTALL}")]


def run(quick: bool) -> list[Row]:
    executable = shutil.which("packetsender")
    if executable is None:
        return _missing()
    count = 20_000 if quick else 100_000
    rounds = 2 if quick else 3
    ours_pct, raw_pct, ours_rate, raw_rate, ours_send, raw_send = [], [], [], [], [], []
    drops = 0
    macros = False
    with tempfile.TemporaryDirectory(prefix="socklab-packetsender-") as home:
        env = settings_home(home)

        def send(port: int) -> dict:
            return _send(executable, env, port, count)

        try:
            for _ in range(rounds):
                received, per_second, report, _cpu = udp_receivers.raw(send)
                raw_pct.append(100 * received / report["sent"])
                raw_rate.append(per_second)
                raw_send.append(report["sent"] / report["seconds"] if report["seconds"] else 0.0)
                before = kernel_drops()
                received, per_second, report, _cpu = udp_receivers.socklab(send)
                after = kernel_drops()
                if before is not None and after is not None:
                    drops += after - before
                ours_pct.append(100 * received / report["sent"])
                ours_rate.append(per_second)
                ours_send.append(report["sent"] / report["seconds"] if report["seconds"] else 0.0)
                macros = macros or report["macros"]
        except PacketSenderFailed as exc:
            return [Row(BENCHMARK, "datagrams received of those sent", "%", Stat.of([0.0]), None,
                        "100 % (0 loss)", False, note=f"{exc}; {NO_RECEIVER}")]
    sending = Stat.of(raw_send + ours_send)
    # No target on the receive rate: a receiver that keeps up receives at Packet Sender's rate, and that
    # rate changes with the receiver (the processes share two cores, and waking a receiver that sleeps
    # between datagrams costs the sender time): SockLab measured 1.28× raw one run, 0.93× another.
    rates = (f"receive rates (medians, first datagram or batch to the last): SockLab "
             f"{statistics.median(ours_rate):,.0f}/s of {statistics.median(ours_send):,.0f}/s sent, raw "
             f"{statistics.median(raw_rate):,.0f}/s of {statistics.median(raw_send):,.0f}/s sent, shown, "
             "not judged: the sender's rate depends on the receiver")
    note = (f"{count:,} × {SIZE} B datagrams a round from `packetsender -u -A --num {count}` (free-running, "
            f"macros {'ON: slower' if macros else 'off'}), which reported sending at "
            f"{sending.median:,.0f} [{sending.low:,.0f}–{sending.high:,.0f}] datagrams/s; {rates}; "
            f"{NO_RECEIVER}; SockLab's events drained every 10 ms as its window does")
    if drops:
        note += f"; the kernel counted {drops:,} receive-buffer drops (system-wide) during SockLab's rounds"
    share = Row(BENCHMARK, "datagrams received of those sent", "%", Stat.of(ours_pct), Stat.of(raw_pct),
                "100 % (0 loss)", min(ours_pct) >= 100, note=note)
    return [share]
