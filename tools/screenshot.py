"""Take the README's screenshot: a scripted chat between the TCP tabs, captured under X.

Usage (needs ImageMagick's ``import`` and a display, e.g. Xvfb)::

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshot.py \
        --lang en --theme light --tab tcp_server --out docs/screenshot.png
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tkinter as tk
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gui.app import App  # noqa: E402


def pump(root: tk.Tk, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.01)


def wait(root: tk.Tk, predicate, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise SystemExit("screenshot: the scripted chat did not happen in time")
        root.update()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--tab", default="tcp_server")
    parser.add_argument("--size", default="1060x640", help="window size, e.g. 760x480 (the minimum)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    root = tk.Tk(className="SockLab")
    root.geometry(f"{args.size}+0+0")
    app = App(root, lang=args.lang, theme_name=args.theme)
    server, client = app.tabs["tcp_server"], app.tabs["tcp_client"]
    server.port.delete(0, "end")
    server.port.insert(0, "9999")
    server.start()
    wait(root, lambda: server.state == "running")
    client.start()
    wait(root, lambda: client.state == "running")
    for tab, text in ((client, "hello, server"), (server, "hello, client"), (client, "你好 (UTF-8)"),
                      (client, "bye")):
        tab.sendbox.entry.insert(0, text)
        tab.sendbox.send()
        pump(root, 0.15)
    server.sendbox.mode.set("hex")
    server.sendbox.entry.insert(0, "48 65 78 21 0d 0a")
    server.sendbox.send()
    pump(root, 0.3)
    server.sendbox.entry.insert(0, "48 65 6G")
    server.sendbox.send()  # shows how a bad hex digit is reported
    app.notebook.select(app.tabs[args.tab])
    pump(root, 0.5)
    # the whole screen, cropped to the window with its menu bar (no window manager under Xvfb)
    width, height = root.winfo_width(), root.winfo_rooty() + root.winfo_height()
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", "+repage", args.out],
                   check=True)
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
