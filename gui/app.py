"""The SockLab window: menus, the five tabs, and the event pump that feeds them.

Tk thread only.  Every endpoint posts on one queue; the pump routes each
event to its tab by the ``"<tab>#<n>"`` source name.
"""

from __future__ import annotations

import queue
import sys
import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING, Any

from netcore.heap import GIVE_BACK_PAD, give_back_free_memory, keep_less

from . import i18n, theme
from .i18n import LANGUAGES, N_, tr, trf
from .learn.menu import build_learn_menu
from .pump import EventPump
from .settings import Settings
from .settings_keeper import SettingsKeeper
from .tab import SAVING_CHANGED, TITLE_CHANGED, EndpointTab
from .tabs import TcpClientTab, TcpRelayTab, TcpServerTab, UdpClientTab, UdpServerTab
from .version import VERSION
from .workbench.menu import build_tools_menu

if TYPE_CHECKING:
    from .workbench.saved_messages import SavedMessagesFeature

TABS = (("tcp_server", TcpServerTab), ("tcp_client", TcpClientTab), ("udp_server", UdpServerTab),
        ("udp_client", UdpClientTab), ("tcp_relay", TcpRelayTab))
THEME_LABELS = {"light": N_("Light"), "dark": N_("Dark")}
ABOUT = N_(
    "SockLab — a socket workbench.\n\n"
    "Start a server in one tab, connect a client in another, and watch every byte "
    "that goes between them over TCP or UDP."
)
ABOUT_FAMILIES = N_(
    "Address families: IPv4 and IPv6 (a host and a port), or a Unix path (a socket file on this computer: "
    "a stream socket on the TCP tabs, a datagram socket on the UDP tabs). AF_NETLINK, which socket "
    "tutorials also name, is how Linux programs talk to the kernel (routes, network interfaces), not a way "
    "for programs to chat, so SockLab does not offer it."
)
# Tk's own dialogs (file chooser, message boxes) translate through msgcat
TK_LOCALES = {"en": "en", "zh": "zh_cn"}
UNREAD_REFRESH_MS = 1000
# While a socket is open, free C-heap pages go back to the system this often (see netcore.heap): in a
# 30 s flood the window's resident size otherwise crept up 10–35 %
GIVE_BACK_MEMORY_MS = 2000
MIN_WIDTH, MIN_HEIGHT = 760, 480  # every control shows whole at this size (tests/gui/test_min_size.py)
TRACE_PADDING = 4  # the trace pane's pady
BUILD_OTHERS_MS = 150  # after start: the tabs not shown are built then, one by one


def _select_all(event: tk.Event) -> str:
    widget = event.widget
    widget.select_range(0, "end")
    widget.icursor("end")
    return "break"


class App:
    """Builds the window on ``root`` and owns the pump and the tabs.

    ``root`` is the Tk root, or a Toplevel (the tests build one window per test).
    """

    def __init__(self, root: tk.Tk | tk.Toplevel, *, lang: str = "en", theme_name: str = "light",
                 settings: Settings | None = None) -> None:
        self.root = root
        self.settings = settings  # None: choices are not remembered (tests, scripts)
        keep_less(GIVE_BACK_PAD)  # the tabs' flow control bounds what is in flight (netcore.heap)
        self.events: queue.SimpleQueue = queue.SimpleQueue()
        self.closed = False
        root.title("SockLab")
        root.minsize(MIN_WIDTH, MIN_HEIGHT)
        if isinstance(root, tk.Tk):
            root.report_callback_exception = self.report_callback_exception
        root.tk.call("package", "require", "msgcat")
        # Ctrl+A selects everything in a field (Tk's default moves to the start, so typing
        # "9998" over "9999" gave "99989999"); replacing the class binding covers every entry
        for widget_class in ("TEntry", "TCombobox"):
            root.bind_class(widget_class, "<Control-a>", _select_all)
            root.bind_class(widget_class, "<Control-A>", _select_all)
        self.language = tk.StringVar(root, value=lang, name="language")
        self.theme = tk.StringVar(root, value=theme_name, name="theme")
        self.trace_shown = tk.BooleanVar(root, value=False, name="trace_shown")  # the shown tab's trace pane
        theme.apply(root, theme_name)
        i18n.set_language(lang)
        self._set_tk_locale(lang)

        # before the first tab is built: it puts back the window's size and each tab's remembered state
        self.keeper = SettingsKeeper(self)
        self._saved_messages: SavedMessagesFeature | None = None  # made at first use

        self.notebook = ttk.Notebook(root, name="tabs")
        self.notebook.pack(fill="both", expand=True, padx=6, pady=6)
        self.tabs: dict[str, EndpointTab] = {}
        for name, cls in TABS:
            tab = cls(self.notebook, self.events, name=name, on_built=self._tab_built)
            self.notebook.add(tab, text=tr(cls.title))
            self.tabs[name] = tab
            tab.bind(TITLE_CHANGED, lambda e, t=tab: self._retitle(t))
            tab.bind(SAVING_CHANGED, self._update_file_menu)
        # the first window needs only the tab it shows; the others are built just after it appears
        self.tabs[TABS[0][0]].build()
        self.keeper.show_problem(self.tabs[TABS[0][0]])  # a damaged settings file: said once, here
        self._build_after: str | None = self.root.after(BUILD_OTHERS_MS, self._build_next_tab)
        self._build_menu()
        self._colour_menus()
        self._update_file_menu()
        self.notebook.bind("<<NotebookTabChanged>>", self._tab_changed)
        i18n.on_language_change(self._relabel)

        self.pump = EventPump(root, self.events, self._dispatch, self._redraw)
        self.pump.start()
        self._memory_after: str | None = self.root.after(GIVE_BACK_MEMORY_MS, self._give_back_memory)
        # once drawn, the window keeps the size it has (or the user gives it): a message line
        # appearing under a form takes its room from the log, it does not grow the window
        self._title_pending: dict[str, str] = {}  # tab name -> after() id of its unread count's update
        self._size_pinned = False
        root.bind("<Configure>", self._pin_size, add="+")
        root.protocol("WM_DELETE_WINDOW", self.close)

    def _tab_built(self, tab: EndpointTab) -> None:
        tab.log.save_command = self.save_log  # the log's right-click "Save log…"
        # the Learn menu's check mark follows the shown tab's pane (its own Hide button too)
        tab.trace_pane.shown.trace_add("write", lambda *_: self._sync_trace_check())
        tab.sendbox.fill_saved_menu = lambda menu, t=tab: self.saved_messages().fill_menu(t, menu)
        self.keeper.tab_built(tab)  # the send history and what the tab remembered

    def _build_next_tab(self) -> None:
        """Build one tab not built yet, then come back for the next (each a short pause for the user)."""
        self._build_after = None
        waiting = [tab for tab in self.tabs.values() if not tab.built]
        if waiting and not self.closed:
            waiting[0].build()
            if len(waiting) > 1:
                self._build_after = self.root.after(1, self._build_next_tab)

    def _pin_size(self, event: tk.Event) -> None:
        if self._size_pinned or event.widget is not self.root or event.width <= 1:
            return
        self._size_pinned = True
        self.root.geometry(f"{event.width}x{event.height}")  # an explicit size: Tk no longer grows it

    # ------------------------------------------------------------- menus
    def _build_menu(self) -> None:
        self._menu_labels: list[tuple[tk.Menu, int, str]] = []
        menubar = tk.Menu(self.root, name="menubar", tearoff=False)

        def add(parent: tk.Menu, kind: str, label: str, translate: bool = True, **options) -> None:
            parent.add(kind, label=tr(label) if translate else label, **options)
            if translate:
                self._menu_labels.append((parent, parent.index("end"), label))

        file_menu = tk.Menu(menubar, name="file", tearoff=False)
        add(file_menu, "command", N_("Save log…"), command=self.save_log, accelerator="Ctrl+S")
        add(file_menu, "command", N_("Save received data to file…"), command=self.save_received)
        add(file_menu, "command", N_("Stop saving received data"), command=self.stop_saving_received)
        file_menu.add_separator()
        add(file_menu, "command", N_("Quit"), command=self.close, accelerator="Ctrl+Q")
        add(menubar, "cascade", N_("File"), menu=file_menu)

        view_menu = tk.Menu(menubar, name="view", tearoff=False)
        language_menu = tk.Menu(view_menu, name="language", tearoff=False)
        for code, label in LANGUAGES.items():
            add(language_menu, "radiobutton", label, translate=False, value=code, variable=self.language,
                command=lambda c=code: self.set_language(c))
        add(view_menu, "cascade", N_("Language"), menu=language_menu)
        theme_menu = tk.Menu(view_menu, name="theme", tearoff=False)
        for name, label in THEME_LABELS.items():
            add(theme_menu, "radiobutton", label, value=name, variable=self.theme,
                command=lambda n=name: self.set_theme(n))
        add(view_menu, "cascade", N_("Theme"), menu=theme_menu)
        add(menubar, "cascade", N_("View"), menu=view_menu)

        # the workbench features (issue 12): entries act on the tab shown
        tools_menu = build_tools_menu(self, menubar, add)
        add(menubar, "cascade", N_("Tools"), menu=tools_menu)

        # the teaching layer (issue 11): entries act on the tab shown
        learn_menu = build_learn_menu(self, menubar, add)
        add(menubar, "cascade", N_("Learn"), menu=learn_menu)

        help_menu = tk.Menu(menubar, name="help", tearoff=False)
        add(help_menu, "command", N_("About SockLab"), command=self.about)
        add(menubar, "cascade", N_("Help"), menu=help_menu)
        self.root.configure(menu=menubar)
        self.menubar = menubar
        self.root.bind_all("<Control-s>", lambda e: self.save_log())
        self.root.bind_all("<Control-q>", lambda e: self.close())

    def _relabel(self) -> None:
        for tab in self.tabs.values():
            self._retitle(tab)
        for menu, index, label in self._menu_labels:
            menu.entryconfigure(index, label=tr(label))

    # ----------------------------------------------------------- actions
    def set_language(self, code: str) -> None:
        self.language.set(code)
        self._set_tk_locale(code)
        i18n.set_language(code)
        self._remember(language=code)

    def set_theme(self, name: str) -> None:
        self.theme.set(name)
        theme.apply(self.root, name)
        self._colour_menus()
        self._remember(theme=name)

    def _remember(self, **choices: str) -> None:
        if self.settings is not None:
            for key, value in choices.items():
                setattr(self.settings, key, value)
            self.keeper.save_now()

    def saved_messages(self) -> SavedMessagesFeature:
        """The saved messages (Tools → Saved messages…, each send box's Saved ▾): made at first use."""
        if self._saved_messages is None:
            from .workbench.saved_messages import SavedMessagesFeature

            self._saved_messages = SavedMessagesFeature(self)
        return self._saved_messages

    def _colour_menus(self) -> None:
        """Tk menus ignore ttk themes: colour them (and their radio marks) from the palette."""
        menus = [self.menubar]
        while menus:
            menu = menus.pop()
            theme.style_menu(menu)
            menus.extend(child for child in menu.winfo_children() if isinstance(child, tk.Menu))

    def _set_tk_locale(self, code: str) -> None:
        self.root.tk.call("::msgcat::mclocale", TK_LOCALES[code])

    def current_tab(self) -> EndpointTab:
        return self.root.nametowidget(self.notebook.select())

    def save_log(self) -> None:
        tab = self.current_tab()
        path = _dialogs().filedialog.asksaveasfilename(
            parent=self.root, title=tr("Save log"), defaultextension=".txt",
            initialfile=f"socklab-{tab.winfo_name()}.txt",
            filetypes=[(tr("Text files"), "*.txt"), (tr("All files"), "*")])
        if not path:
            return
        self.draw_now(tab)  # what was handled and not drawn yet is saved too
        try:
            count = tab.log.save(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            _dialogs().messagebox.showerror("SockLab", trf("Could not save the log: {reason}", reason=reason),
                                 parent=self.root)
            return
        tab.log.add_message("info", trf("Saved {count} log entries to {path}.", count=count, path=path))
        tab.log.flush()

    def save_received(self) -> None:
        tab = self.current_tab()
        path = _dialogs().filedialog.asksaveasfilename(
            parent=self.root, title=tr("Save received data to file"), defaultextension=".bin",
            initialfile=f"socklab-{tab.winfo_name()}-received.bin",
            filetypes=[(tr("All files"), "*")])
        if path:
            tab.save_received_to(path)
        self._update_file_menu()

    def stop_saving_received(self) -> None:
        self.current_tab().save_received_to(None)
        self._update_file_menu()

    def _update_file_menu(self, _event: object = None) -> None:
        """"Stop saving" is only offered on a tab that is saving."""
        menu = self.menubar.nametowidget("file")
        active = self.current_tab().recording.active  # the whole tab, or some peers
        menu.entryconfigure(2, state="normal" if active else "disabled")

    def show_nagle_demo(self) -> tk.Misc:
        """Open the Nagle demonstration (one window for the app)."""
        from .learn.nagle_window import NagleWindow

        try:
            window = self.root.nametowidget("nagle")
        except KeyError:
            return NagleWindow(self.root)
        window.deiconify()
        window.lift()
        return window

    def about(self) -> None:
        text = trf("Version {version}", version=VERSION) + "\n\n" + tr(ABOUT) + "\n\n" + tr(ABOUT_FAMILIES)
        _dialogs().messagebox.showinfo(tr("About SockLab"), text, parent=self.root)

    def _tab_changed(self, _event: object = None) -> None:
        tab = self.current_tab()
        tab.unread = 0
        self._retitle(tab)
        self._update_file_menu()
        self._sync_trace_check()

    def _sync_trace_check(self) -> None:
        """The Learn menu's check mark, and the window's minimum size, follow the shown tab's trace pane.

        The minimum size is what every control needs (tests/gui/test_min_size.py); a trace pane shown
        adds its height to it, and a window smaller than that grows, so nothing is cut.
        """
        tab = self.current_tab()
        shown = tab.built and tab.trace_pane.shown.get()
        self.trace_shown.set(shown)
        extra = tab.trace_pane.winfo_reqheight() + TRACE_PADDING if shown else 0
        self.root.minsize(MIN_WIDTH, MIN_HEIGHT + extra)
        if shown and self.root.winfo_height() < MIN_HEIGHT + extra:
            self.root.geometry(f"{self.root.winfo_width()}x{MIN_HEIGHT + extra}")

    def _retitle(self, tab: EndpointTab) -> None:
        """The notebook tab's text (state, unread) and, for the shown tab, the window title."""
        if self.closed:
            return
        shown = self.notebook.select() == str(tab)
        if shown:
            tab.unread = 0
            self.root.title(f"SockLab — {tab.summary()}")
        self.notebook.tab(tab, text=tab.title_text())

    # ------------------------------------------------------------- pump
    def _dispatch(self, source: str, events: list[object]) -> str | None:
        """Hand a tab its events; returns the tab's name, for the pump to :meth:`_redraw` (after the tick's
        events, at most every 50 ms while they keep coming)."""
        name = source.split("#", 1)[0]
        tab = self.tabs.get(name)
        if tab is None:
            return None
        try:
            tab.handle(events)
        except Exception:  # one tab's bug: reported, and the other tabs still get their events
            self.report_callback_exception(*sys.exc_info())
        return name

    def draw_now(self, tab: EndpointTab) -> None:
        """Draw what ``tab``'s handled events changed, now: in a flood the pump draws a tab at most
        every 50 ms, so saving or exporting its log first writes the datagrams already counted."""
        self._redraw(tab.winfo_name())

    def _redraw(self, name: str) -> None:
        tab = self.tabs[name]
        try:
            tab.redraw()
        except Exception:
            self.report_callback_exception(*sys.exc_info())
        if tab.unread and self.notebook.select() != str(tab):
            # a notebook tab's new text costs a relayout of the notebook (about 13 ms): during a
            # flood the unread count is shown once a second, not on every tick
            if name not in self._title_pending:
                self._title_pending[name] = self.root.after(UNREAD_REFRESH_MS, self._show_unread, name)
        else:
            tab.unread = 0

    def _show_unread(self, name: str) -> None:
        self._title_pending.pop(name, None)
        self._retitle(self.tabs[name])

    def _record_only(self, source: str, events: list[object]) -> None:
        tab = self.tabs.get(source.split("#", 1)[0])
        if tab is not None:
            tab.record_only(events)

    def report_callback_exception(self, exc_type, exc, tb) -> None:
        """A bug in a Tk callback: say so in the window rather than only on a console."""
        import traceback  # only when something failed

        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        if self.closed:
            return
        try:
            tab = self.current_tab()
            tab.log.add_message("error", trf("Internal error (please report it): {error}",
                                             error=f"{exc_type.__name__}: {exc}"))
            tab.log.flush()
        except Exception:
            pass

    def _give_back_memory(self) -> None:
        self._memory_after = self.root.after(GIVE_BACK_MEMORY_MS, self._give_back_memory)
        if any(tab.endpoint is not None for tab in self.tabs.values()):
            give_back_free_memory()

    def close(self) -> None:
        """Stop every endpoint (all at once, then wait), then destroy the window."""
        if self.closed:
            return
        self.closed = True
        self.pump.close()
        for pending in [*self._title_pending.values(), self._build_after, self._memory_after]:
            if pending is not None:
                self.root.after_cancel(pending)
        self._title_pending.clear()
        if self._saved_messages is not None:
            self._saved_messages.close()
        self.keeper.close()  # what every tab holds is there at the next start
        for tab in self.tabs.values():
            if tab.endpoint is not None:
                tab.endpoint.stop(timeout=0)
        for tab in self.tabs.values():
            tab.shutdown(timeout=1.0)
        # what arrived before the sockets closed still goes to the files being saved
        self.pump.drain_all(self._record_only)
        for tab in self.tabs.values():
            if tab.built:
                tab.recording.stop()
        i18n.reset_bindings()
        theme.forget_listeners()
        self.root.destroy()


def _dialogs() -> Any:
    """Tk's file and message dialogs, loaded with the first one shown (some 2 ms off every start)."""
    import tkinter.filedialog
    import tkinter.messagebox

    return tkinter


def __getattr__(name: str) -> Any:
    # gui.app.filedialog / gui.app.messagebox, as before they were loaded on first use (tests patch them)
    if name in ("filedialog", "messagebox"):
        return getattr(_dialogs(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
