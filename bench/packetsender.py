"""Packet Sender: its CLI floods 64-byte UDP datagrams into a UdpServer, vs a raw recvfrom loop.

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
``recvfrom_into`` loop with the same receive buffer as SockLab's.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import netcore
from netcore.binding import UDP_RCVBUF

from .common import Deadline, Row, Stat, drain_like_the_window, finish

BENCHMARK = "Packet Sender"
SIZE = 64
PAYLOAD = "packet sender flood, 64 bytes of pure ascii per datagram........"
QUIET = 0.5  # seconds without a datagram after the sender finished: the flood is over
INSTALL = "sudo apt-get install packetsender (./bench.sh does it when run as root)"
NO_RECEIVER = ("reference: a raw Python recvfrom_into loop with the same SO_RCVBUF, as Packet Sender has "
               "no headless receiver (its UDP server lives in the GUI, which needs a display)")

assert len(PAYLOAD) == SIZE


class PacketSenderFailed(RuntimeError):
    """The packetsender CLI did not run or did not report what it sent."""


def _settings_home(root: str) -> dict:
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
    sent = re.search(r"Sent (\d+) packets", output)
    run_time = re.search(r"Run time: (\d+) milliseconds", output)
    if process.returncode != 0 or sent is None or run_time is None or not int(sent.group(1)):
        tail = " | ".join(line for line in output.splitlines()[-4:] if line.strip())
        raise PacketSenderFailed(f"packetsender exited {process.returncode}: {tail[-300:]}")
    return {"sent": int(sent.group(1)), "seconds": int(run_time.group(1)) / 1000,
            "macros": "Macros can slow down" in output}


def _kernel_drops() -> int | None:
    """UDP receive-buffer drops counted by the kernel so far (the whole network namespace)."""
    try:
        with open("/proc/net/snmp", encoding="ascii") as snmp:
            lines = [line.split() for line in snmp if line.startswith("Udp:")]
        return int(lines[1][lines[0].index("RcvbufErrors")])
    except (OSError, IndexError, ValueError):
        return None


def _raw(send) -> tuple[int, float, dict]:
    """Datagrams a plain recvfrom_into loop received, at what rate, and the sender's report."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_RCVBUF)  # the same buffer as SockLab's
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(QUIET)
    result = {"received": 0, "first": 0.0, "last": 0.0}
    sender_done = threading.Event()

    def receive() -> None:
        buffer = memoryview(bytearray(65536))
        deadline = Deadline(180)
        received = 0
        first = last = 0.0
        while not deadline.expired():
            try:
                sock.recvfrom_into(buffer)
            except TimeoutError:
                if sender_done.is_set():
                    break
                continue
            last = time.perf_counter()
            if not received:
                first = last
            received += 1
        result.update(received=received, first=first, last=last)

    thread = threading.Thread(target=receive, name="raw-receiver")
    thread.start()
    try:
        report = send(sock.getsockname()[1])
    finally:
        sender_done.set()
        thread.join(190)
        sock.close()
    received = result["received"]
    return received, max(received - 1, 0) / max(result["last"] - result["first"], 1e-9), report


class _Stamped:
    """The UdpServer's event sink: notes when the I/O thread hands over each batch, then queues it."""

    def __init__(self) -> None:
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.first = self.last = 0.0
        self.first_batch = 0

    def put(self, event) -> None:
        if isinstance(event, netcore.DatagramsReceived):
            self.last = time.perf_counter()
            if not self.first_batch:
                self.first, self.first_batch = self.last, len(event.datagrams)
        self.queue.put(event)


def _socklab(send) -> tuple[int, float, dict]:
    """The same for a UdpServer whose events are drained the way SockLab's window does."""
    sink = _Stamped()
    server = netcore.UdpServer(sink, "127.0.0.1", 0)
    server.start()
    received = [0]
    stop = threading.Event()

    def count(event) -> None:
        if isinstance(event, netcore.DatagramsReceived):
            received[0] += len(event.datagrams)

    consumer = threading.Thread(target=drain_like_the_window, args=(sink.queue, stop),
                                kwargs={"on_event": count}, name="window-like-consumer")
    consumer.start()
    try:
        port = server.wait_ready()[0][1]
        report = send(port)
        deadline = Deadline(180)
        seen = -1
        while seen != received[0] and not deadline.expired():  # until QUIET s bring nothing new
            seen = received[0]
            time.sleep(QUIET)
    finally:
        server.stop()
        stop.set()
        consumer.join(30)
    # the rate counts what arrived after the first batch was handed over, as the raw loop's does
    return received[0], (received[0] - sink.first_batch) / max(sink.last - sink.first, 1e-9), report


def _missing() -> list[Row]:
    return [Row(BENCHMARK, "datagrams received of those sent", "%", Stat.of([0.0]), None, "100 % (0 loss)",
                False, note=f"packetsender is not installed, so this comparison did not run: {INSTALL}")]


def run(quick: bool) -> list[Row]:
    executable = shutil.which("packetsender")
    if executable is None:
        return _missing()
    count = 20_000 if quick else 100_000
    rounds = 2 if quick else 3
    ours_pct, raw_pct, ours_rate, raw_rate, send_rate = [], [], [], [], []
    drops = 0
    macros = False
    with tempfile.TemporaryDirectory(prefix="socklab-packetsender-") as home:
        env = _settings_home(home)

        def send(port: int) -> dict:
            return _send(executable, env, port, count)

        try:
            for _ in range(rounds):
                received, per_second, report = _raw(send)
                raw_pct.append(100 * received / report["sent"])
                raw_rate.append(per_second)
                send_rate.append(report["sent"] / report["seconds"] if report["seconds"] else 0.0)
                before = _kernel_drops()
                received, per_second, report = _socklab(send)
                after = _kernel_drops()
                if before is not None and after is not None:
                    drops += after - before
                ours_pct.append(100 * received / report["sent"])
                ours_rate.append(per_second)
                send_rate.append(report["sent"] / report["seconds"] if report["seconds"] else 0.0)
                macros = macros or report["macros"]
        except PacketSenderFailed as exc:
            return [Row(BENCHMARK, "datagrams received of those sent", "%", Stat.of([0.0]), None,
                        "100 % (0 loss)", False, note=f"{exc}; {NO_RECEIVER}")]
    sending = Stat.of(send_rate)
    note = (f"{count:,} × {SIZE} B datagrams a round from `packetsender -u -A --num {count}` (free-running, "
            f"macros {'ON: slower' if macros else 'off'}), which reported sending at "
            f"{sending.median:,.0f} [{sending.low:,.0f}–{sending.high:,.0f}] datagrams/s; {NO_RECEIVER}; "
            f"SockLab's events drained every 10 ms as its window does")
    if drops:
        note += f"; the kernel counted {drops:,} receive-buffer drops (system-wide) during SockLab's rounds"
    share = Row(BENCHMARK, "datagrams received of those sent", "%", Stat.of(ours_pct), Stat.of(raw_pct),
                "100 % (0 loss)", min(ours_pct) >= 100, note=note)
    rate = Row(BENCHMARK, "receive rate of its flood", "datagrams/s", Stat.of(ours_rate), Stat.of(raw_rate),
               "≥ 0.9× raw", False,
               note="from the first datagram to the last (SockLab: batches handed over by its I/O thread); "
                    "both receivers are bounded by Packet Sender's own send rate, so ≈ 1× means kept pace")
    rate.met = rate.ratio is not None and rate.ratio >= 0.9
    return [share, rate]
