"""Start SockLab: ``python main.py [--lang en|zh] [--theme light|dark]``."""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="socklab", description="SockLab, a TCP and UDP socket workbench.")
    parser.add_argument("--lang", choices=("en", "zh"), help="language (default: from the system locale)")
    parser.add_argument("--theme", choices=("light", "dark"), help="colour theme (default: as last time)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import tkinter as tk

    from gui.app import App
    from gui.i18n import detect_language
    from gui.settings import Settings

    settings = Settings.load()
    lang = args.lang or settings.language or detect_language()
    try:
        root = tk.Tk(className="SockLab")
    except tk.TclError as exc:
        if lang == "zh":
            print("SockLab 需要图形界面，但没有找到显示器（DISPLAY 未设置）。\n"
                  "请在桌面环境中运行，或用虚拟显示器：xvfb-run ./run.sh", file=sys.stderr)
        else:
            print("SockLab needs a graphical display, and none was found "
                  f"(DISPLAY={os.environ.get('DISPLAY', '')!r}: {exc}).\n"
                  "Run it on a desktop, or under a virtual display: xvfb-run ./run.sh", file=sys.stderr)
        return 2
    App(root, lang=lang, theme_name=args.theme or settings.theme, settings=settings)
    root.mainloop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
