"""Start SockLab: ``python main.py [--lang en|zh] [--theme light|dark] [--self-test]``, or a role of
the command line without a window: ``python main.py tcp-server|tcp-client|udp-server|udp-client ...``."""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the heavier imports, for --measure-startup

import contextlib  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from types import SimpleNamespace  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    import argparse

ASSETS = os.path.join(os.path.dirname(os.path.realpath(__file__)), "gui", "assets")
# Flags a plain start may carry that need no parser: argparse (with gettext and warnings) is
# loaded only for anything else (--help, --lang zh, a mistake), which keeps ~4 ms off a start.
PLAIN_FLAGS = {"--self-test": "self_test", "--measure-startup": "measure_startup"}
#: Tk's class for the main window; Tk shows it as "Socklab" in WM_CLASS, which the .desktop file names.
WINDOW_CLASS = "SockLab"
#: The command line's roles (cli.ROLES): ``main.py ROLE ...`` runs one without a window.
CLI_ROLES = ("tcp-server", "tcp-client", "udp-server", "udp-client")


def language(text: str) -> str:
    """``en`` or ``zh`` from how people write a language or a locale: zh, zh_CN, zh-CN, zh_CN.UTF-8, en_US."""
    code = text.strip().replace("-", "_").split(".", 1)[0].split("_", 1)[0].lower()
    if code in ("en", "zh"):
        return code
    import argparse

    raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose en or zh; zh_CN, en_US and the like "
                                     "work too)")


def parse_args(argv: list[str]) -> argparse.Namespace | SimpleNamespace:
    if all(arg in PLAIN_FLAGS for arg in argv):
        values = {"lang": None, "theme": None, **dict.fromkeys(PLAIN_FLAGS.values(), False)}
        values.update((PLAIN_FLAGS[arg], True) for arg in argv)
        return SimpleNamespace(**values)
    import argparse

    parser = argparse.ArgumentParser(
        prog="socklab", description="SockLab, a TCP and UDP socket workbench.",
        epilog=f"Without a window: socklab ROLE --help, ROLE one of {', '.join(CLI_ROLES)} "
               "(the command line).")
    parser.add_argument("--lang", type=language, metavar="{en,zh}",
                        help="language: en or zh (zh_CN, en_US.UTF-8 work too; default: as last time, "
                             "or the system's)")
    parser.add_argument("--version", action="version", version=f"SockLab {_version()}")
    parser.add_argument("--theme", choices=("light", "dark"), help="colour theme (default: as last time)")
    parser.add_argument("--self-test", action="store_true",
                        help="chat between the tabs over loopback, print PASS or FAIL, exit 0 or 1")
    parser.add_argument("--measure-startup", action="store_true",
                        help="print how long the first window took to appear, then exit")
    return parser.parse_args(argv)


def _version() -> str:
    from gui.version import VERSION

    return VERSION


def no_display(lang: str, exc: Exception) -> int:
    display = os.environ.get("DISPLAY", "")
    # the packaged executable has no run.sh beside it: name the command the user actually ran
    frozen = getattr(sys, "frozen", False)
    command = sys.argv[0] if frozen else "./run.sh"
    cli = os.path.basename(sys.argv[0]) if frozen else f"{os.path.basename(sys.executable)} main.py"
    roles = ", ".join(CLI_ROLES)
    if lang == "zh":
        why = f"DISPLAY={display!r} 无法打开" if display else "DISPLAY 未设置"
        print(f"SockLab 需要图形界面，但没有找到显示器（{why}：{exc}）。\n"
              f"请在桌面环境中运行，或用虚拟显示器：xvfb-run {command}\n\n"
              f"不开窗口也可以在命令行中使用每个标签页的角色（{roles}），例如：\n"
              f"  {cli} tcp-server 9999 --reply echo\n"
              f"  printf 'hi\\n' | {cli} tcp-client 127.0.0.1 9999\n"
              f"每个角色的选项：{cli} tcp-client --help", file=sys.stderr)
    else:
        why = f"DISPLAY={display!r} cannot be opened" if display else "DISPLAY is not set"
        print(f"SockLab needs a graphical display, and none was found ({why}: {exc}).\n"
              f"Run it on a desktop, or under a virtual display: xvfb-run {command}\n\n"
              f"Without a window, each tab's role runs on the command line ({roles}), for example:\n"
              f"  {cli} tcp-server 9999 --reply echo\n"
              f"  printf 'hi\\n' | {cli} tcp-client 127.0.0.1 9999\n"
              f"The options of a role: {cli} tcp-client --help", file=sys.stderr)
    return 2


def _report_startup(app) -> None:
    """The window is drawn (the first idle moment): say when, and leave."""
    app.root.update_idletasks()
    print(f"first window after {time.perf_counter() - STARTED:.3f} s (inside the process)", flush=True)
    app.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in CLI_ROLES:  # the command line: imported only now, so the window never pays for it
        import cli

        return cli.run(argv)
    from gui.console import ensure_streams, show_crash

    ensure_streams()
    args = parse_args(argv)
    import tkinter as tk

    from gui.i18n import detect_language
    from gui.settings import Settings

    settings = Settings.load()
    lang = args.lang or settings.language or detect_language()
    try:
        root = tk.Tk(className=WINDOW_CLASS)
    except tk.TclError as exc:
        if "display" in str(exc).lower():
            return no_display(lang, exc)
        print(f"SockLab could not start Tk (is the Tcl/Tk library complete?): {exc}", file=sys.stderr)
        return 1
    root.report_callback_exception = show_crash  # until the window takes over
    with contextlib.suppress(tk.TclError):  # an icon is nice to have, never a reason not to start
        root.iconphoto(True, tk.PhotoImage(master=root, file=os.path.join(ASSETS, "socklab.png")))
    if args.self_test:
        from gui import self_test

        return self_test.run(root, lang)
    from gui.app import App

    app = App(root, lang=lang, theme_name=args.theme or settings.theme, settings=settings)
    # what start-up made (modules, classes, the widgets' objects) lives as long as the window: out
    # of the collector's way, a full collection during a flood takes 3 ms instead of 10
    gc.freeze()
    from gui import fonts

    fonts.watch(app)  # Chinese without a font that draws it: say so, now or on switching to Chinese
    if args.measure_startup:
        root.after_idle(lambda: _report_startup(app))
    interrupted = []

    def on_interrupt(_signum: int, _frame: object) -> None:
        # Ctrl+C in the terminal: close the window the normal way (files saved, sockets closed),
        # on the Tk thread, at its next turn; Python runs this between Tk's callbacks
        interrupted.append(True)
        root.after(0, app.close)

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        root.mainloop()
    except KeyboardInterrupt:  # raised before the handler was in place, or inside Tk
        app.close()
        interrupted.append(True)
    return 130 if interrupted else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        from gui.console import show_crash

        show_crash(*sys.exc_info())
        sys.exit(1)
