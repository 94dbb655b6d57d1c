"""Light and dark look: Sun Valley (sv-ttk) when installed, else ttk's clam.

Plain Tk widgets (the log's Text, the menus) do not follow ttk styles, so
their colours come from :data:`PALETTES`.  Tk thread only.

A field holding input to fix is in the ttk ``invalid`` state and has the
``Bad.TEntry`` style (see :func:`gui.widgets.mark_bad`): clam tints it through
a state map; Sun Valley draws its fields from images and ignores colours, so
``Bad.TEntry`` gets a field image of its own, the theme's error image with a
red outline and a tinted inside.
"""

from __future__ import annotations

import contextlib
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

try:
    import sv_ttk
except ImportError:  # the app still works, only plainer
    sv_ttk = None

THEMES = ("light", "dark")

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#fafafa", "fg": "#1c1c1c", "field": "#ffffff", "select": "#cce4f7",
        "sent": "#0b5cad", "received": "#1d7a2e", "info": "#6b6b6b", "error": "#c42b1c",
        "time": "#8a8a8a", "bad": "#fde7e9", "disabled": "#6b6b6b",
    },
    "dark": {
        "bg": "#1c1c1c", "fg": "#e8e8e8", "field": "#272727", "select": "#2f4f6f",
        "sent": "#6cb8ff", "received": "#6ccb7c", "info": "#a8a8a8", "error": "#ff8a80",
        "time": "#8f8f8f", "bad": "#5a1d1d", "disabled": "#a0a0a0",
    },
}

_current = "light"
_listeners: list[Callable[[], None]] = []


def current() -> str:
    return _current


def palette() -> dict[str, str]:
    return PALETTES[_current]


def has_sun_valley() -> bool:
    return sv_ttk is not None


def apply(root: tk.Tk, name: str) -> None:
    """Switch the whole window to ``name`` ("light" or "dark")."""
    global _current
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}")
    _current = name
    colours = PALETTES[name]
    style = ttk.Style(root)
    if sv_ttk is not None:
        _use_sun_valley(root.nametowidget("."), name)  # it styles the whole Tk interpreter
        _sun_valley_bad_field(style, name, colours)
    else:
        style.theme_use("clam")
        style.configure(".", background=colours["bg"], foreground=colours["fg"],
                        fieldbackground=colours["field"])
        style.map("TEntry", fieldbackground=[("invalid", "!disabled", colours["bad"]),
                                             ("disabled", colours["bg"]), ("!disabled", colours["field"])])
        _first_rule(style, "TEntry", "bordercolor", ("invalid", "!disabled"), colours["error"])
        _first_rule(style, "TEntry", "lightcolor", ("invalid", "!disabled"), colours["bad"])
        _first_rule(style, "TEntry", "darkcolor", ("invalid", "!disabled"), colours["bad"])
        root.configure(background=colours["bg"])
    # a disabled field (a running server's address) stays readable: at least 4.5:1 on its background
    _first_rule(style, "TEntry", "foreground", ("disabled",), colours["disabled"])
    style.configure("Hint.TLabel", foreground=colours["info"])
    style.configure("Error.TLabel", foreground=colours["error"])
    if sv_ttk is not None:
        _settle_sun_valley(root.nametowidget("."))
    for listener in list(_listeners):
        listener()


def _use_sun_valley(tk_root: tk.Misc, name: str) -> None:
    """sv_ttk.set_theme(name), loading only the theme shown: sv-ttk's script loads both (each makes
    about a hundred images from its sprite sheet, 10 ms at start); the other loads on first switch.
    If the script ever reads differently, sv-ttk loads the way it always does."""
    tcl = tk_root.tk
    if not getattr(tk_root, "_sv_ttk_loaded", False):
        script = sv_ttk.TCL_THEME_FILE_PATH
        text = script.read_text(encoding="utf-8")
        later = "dark" if name == "light" else "light"
        line = f"source [file join [file dirname [info script]] theme {later}.tcl]"
        if text.count(line) != 1:
            sv_ttk.set_theme(name, tk_root)
            return
        # sv-ttk recolours (tk_setPalette, over every widget) when <<ThemeChanged>> reaches the root,
        # at the next idle moment; _settle_sun_valley does it at once on every switch, so the late
        # second pass (14 ms once the first tab is built) is left out
        recolour = "bind [winfo class .] <<ThemeChanged>> {+configure_colors}"
        coloured_here = text.count(recolour) == 1
        before = tcl.call("info", "script")
        tcl.call("info", "script", str(script))  # the script finds its files next to it
        try:
            tcl.eval(text.replace(line, "").replace(recolour, ""))
        finally:
            tcl.call("info", "script", before)
        tk_root._sv_ttk_loaded = True  # type: ignore[attr-defined]  # sv_ttk's own mark: it will not load again
        tk_root._socklab_colours_here = coloured_here  # type: ignore[attr-defined]
    theme = f"sun-valley-{name}"
    if theme not in ttk.Style(tk_root).theme_names():
        tcl.call("source", str(sv_ttk.TCL_THEME_FILE_PATH.with_name("theme") / f"{name}.tcl"))
    ttk.Style(tk_root).theme_use(theme)


def _first_rule(style: ttk.Style, name: str, option: str, states: tuple[str, ...], value: str) -> None:
    """Make ``states → value`` the first rule of ``name``'s ``option`` map, keeping the theme's others."""
    rules = [rule for rule in style.map(name, option) if tuple(rule[:-1]) != states]
    style.map(name, **{option: [(*states, value), *rules]})


def _sun_valley_bad_field(style: ttk.Style, name: str, colours: dict[str, str]) -> None:
    """Give ``Bad.TEntry`` a red-outlined, tinted field image in the current Sun Valley theme.

    Made once per theme from sv-ttk's own error image.  If a future sv-ttk has no such image,
    the field keeps sv-ttk's own look for the ``invalid`` state (a red line under it).
    """
    element = "Bad.Entry.field"
    if element not in style.element_names():
        tcl = style.tk
        try:
            error = tcl.call("set", f"::ttk::theme::sv_{name}::I(textbox-error)")
            disabled = tcl.call("set", f"::ttk::theme::sv_{name}::I(textbox-dis)")
        except tk.TclError:
            return
        image = f"socklab_bad_field_{name}"
        tcl.call("image", "create", "photo", image)
        tcl.call(image, "copy", error)
        _tint_field_image(tcl, image, colours)
        style.element_create(element, "image", image, ("disabled", disabled), border=5, sticky="nsew")
    style.layout("Bad.TEntry", _renamed(style.layout("TEntry"), "Entry.field", element))


def _tint_field_image(tcl, image: str, colours: dict[str, str]) -> None:
    """Inside → the palette's "bad" tint; the outline and the line under it → its "error" red.

    The inside is filled from the centre, so the corners outside the rounded outline
    (often the same colour as the inside) stay as they are.
    """
    width, height = int(tcl.call("image", "width", image)), int(tcl.call("image", "height", image))
    pixels = {(x, y): tuple(int(v) for v in tcl.call(image, "get", x, y))
              for y in range(height) for x in range(width)}
    inside = pixels[width // 2, height // 2]
    lines = {pixels[0, height // 2], pixels[width // 2, 0], pixels[width // 2, height - 2]}
    todo, seen = [(width // 2, height // 2)], set()
    while todo:
        x, y = todo.pop()
        if (x, y) in seen or pixels.get((x, y)) != inside:
            continue
        seen.add((x, y))
        todo += [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]
    for (x, y), colour in pixels.items():
        if (x, y) in seen:
            tcl.call(image, "put", colours["bad"], "-to", x, y)
        elif colour in lines and colour != inside:
            tcl.call(image, "put", colours["error"], "-to", x, y)


def _renamed(layout: list, old: str, new: str) -> list:
    """A copy of a ttk layout with element ``old`` called ``new``."""
    renamed = []
    for element, options in layout:
        options = dict(options)
        if "children" in options:
            options["children"] = _renamed(options["children"], old, new)
        renamed.append((new if element == old else element, options))
    return renamed


def _settle_sun_valley(tk_root: tk.Misc) -> None:
    """Apply sv-ttk's colours now, and keep our label styles visible.

    sv-ttk sets its colours (and calls tk_setPalette) only when a
    <<ThemeChanged>> event reaches the root, which may be much later; run it
    now.  tk_setPalette also gives every ttk label a fixed foreground, which
    hides the colours of our label styles (hints, errors), so after each of
    its runs the labels are handed back to their styles.
    """
    with contextlib.suppress(tk.TclError):  # a future sv-ttk may rename it: colours then come later
        tk_root.tk.call("configure_colors")
    tk_root.option_add("*TLabel.foreground", "", "interactive")
    _labels_follow_style(tk_root)
    if getattr(tk_root, "_socklab_colours_here", False):
        return  # sv-ttk's own late recolouring was left out: nothing undoes the labels' colours later
    if not getattr(tk_root, "_socklab_labels_bound", False):
        tk_root.bind_class(tk_root.winfo_class(), "<<ThemeChanged>>",
                           lambda _event: _labels_follow_style(tk_root), add="+")
        tk_root._socklab_labels_bound = True  # type: ignore[attr-defined]


def _labels_follow_style(widget: tk.Misc) -> None:
    for child in widget.winfo_children():
        if isinstance(child, ttk.Label):
            child.configure(foreground="")
        _labels_follow_style(child)


def style_menu(menu: tk.Menu) -> None:
    """Colour a Tk menu from the palette (menus ignore ttk themes) and give its radio
    entries a mark that can be seen: Tk's own is a dot of a few pixels."""
    colours = palette()
    menu.configure(background=colours["field"], foreground=colours["fg"],
                   activebackground=colours["select"], activeforeground=colours["fg"],
                   selectcolor=colours["fg"])
    last = menu.index("end")
    if last is None:
        return
    chosen, blank = _radio_marks(menu, colours)
    for index in range(last + 1):
        if menu.type(index) == "radiobutton":
            menu.entryconfigure(index, image=blank, selectimage=chosen, compound="left", indicatoron=False)


def _radio_marks(menu: tk.Menu, colours: dict[str, str]) -> tuple[str, str]:
    """A round mark (a third of the text's line high, or more) and a blank of the same size.

    Tcl images, made once per theme and size; the mark's edge is blended into the menu's background.
    """
    size = max(9, _menu_linespace(menu) * 2 // 3)
    chosen, blank = f"socklab_radio_{_current}_{size}", f"socklab_radio_blank_{_current}_{size}"
    tcl = menu.tk
    if chosen in tcl.splitlist(tcl.call("image", "names")):
        return chosen, blank
    tcl.call("image", "create", "photo", blank, "-width", size, "-height", size)
    tcl.call("image", "create", "photo", chosen, "-width", size, "-height", size)
    mark, background = _rgb(colours["fg"]), _rgb(colours["field"])
    centre, radius, steps = (size - 1) / 2, size * 0.36, 4
    for y in range(size):
        for x in range(size):
            tcl.call(blank, "transparency", "set", x, y, True)
            covered = sum((x - centre + (i + 0.5) / steps - 0.5) ** 2
                          + (y - centre + (j + 0.5) / steps - 0.5) ** 2 <= radius ** 2
                          for i in range(steps) for j in range(steps)) / steps ** 2
            if not covered:
                tcl.call(chosen, "transparency", "set", x, y, True)
                continue
            red, green, blue = (round(m * covered + b * (1 - covered))
                                for m, b in zip(mark, background, strict=True))
            tcl.call(chosen, "put", f"#{red:02x}{green:02x}{blue:02x}", "-to", x, y)
    return chosen, blank


def _menu_linespace(menu: tk.Menu) -> int:
    return int(menu.tk.call("font", "metrics", menu.cget("font"), "-linespace"))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def on_theme_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` after every switch (plain Tk widgets recolour themselves); returns a
    function that unregisters it, for a window to call when it is closed (else the listener
    keeps the window for the rest of the session)."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def forget_listeners() -> None:
    _listeners.clear()
