"""What the eye sees (issue 9, bugs 7 and 20): pixels read back from the X server under Xvfb.

A field holding bad input turns red, a disabled field's text stays readable, and the menus'
current language/theme mark can be seen — in Sun Valley light and dark, and in the clam
fallback used when sv-ttk is missing.  The pixels come from libX11's XGetImage (through
ctypes: Tk already needs libX11, so no extra package or tool).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from gui import theme

from .drive import press, select_tab, start_server, type_into, w

Pixel = tuple[int, int, int]
THEMES = [("sun-valley", "light"), ("sun-valley", "dark"), ("clam", "light"), ("clam", "dark")]


# ------------------------------------------------------------------ pixels
class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int), ("red_mask", ctypes.c_ulong),
                ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong)]


def _xlib() -> ctypes.CDLL:
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XGetImage.restype = ctypes.POINTER(_XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                              ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x11.XGetPixel.restype = ctypes.c_ulong
    x11.XGetPixel.argtypes = [ctypes.POINTER(_XImage), ctypes.c_int, ctypes.c_int]
    x11.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
    return x11


def _shift(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def capture(widget) -> list[list[Pixel]]:
    """The widget's pixels as drawn on the X server, rows of (r, g, b)."""
    widget.update()
    x11 = _xlib()
    display = x11.XOpenDisplay(widget.winfo_screen().encode())
    assert display, "cannot open the X display"
    try:
        width, height = widget.winfo_width(), widget.winfo_height()
        image = x11.XGetImage(display, widget.winfo_id(), 0, 0, width, height, 0xFFFFFFFF, 2)  # ZPixmap
        assert image, "XGetImage failed (is the widget on screen?)"
        try:
            masks = [(m, _shift(m), m >> _shift(m)) for m in
                     (image.contents.red_mask, image.contents.green_mask, image.contents.blue_mask)]
            rows = []
            for y in range(height):
                row = []
                for x in range(width):
                    value = x11.XGetPixel(image, x, y)
                    row.append(tuple(((value & m) >> s) * 255 // top for m, s, top in masks))
                rows.append(row)
            return rows
        finally:
            x11.XDestroyImage(image)
    finally:
        x11.XCloseDisplay(display)


def settled(widget, timeout: float = 5.0) -> list[list[Pixel]]:
    """Capture once drawing is over: two captures alike, and not a blank window."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        widget.update()
        now = capture(widget)
        if now == last and len(set(pixels(now))) > 2:
            return now
        if time.monotonic() > deadline:
            raise AssertionError(f"{widget} did not settle on screen")
        last = now
        time.sleep(0.05)


def pixels(image: list[list[Pixel]]) -> Iterator[Pixel]:
    for row in image:
        yield from row


def luminance(colour: Pixel) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Pixel, b: Pixel) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def dominant(image) -> Pixel:
    return Counter(pixels(image)).most_common(1)[0][0]


def redness(colour: Pixel) -> float:
    r, g, b = colour
    return r - (g + b) / 2


def red_pixels(image) -> int:
    """Pixels plainly red: an outline or line, not a tint of grey."""
    return sum(1 for r, g, b in pixels(image) if r >= g + 60 and r >= b + 60)


# ------------------------------------------------------------------ themes
@pytest.fixture(params=THEMES, ids=[f"{kind}-{name}" for kind, name in THEMES])
def themed_app(request, app, monkeypatch):
    """The window in one look, switched the way the View → Theme menu does."""
    kind, name = request.param
    if kind == "clam":
        monkeypatch.setattr(theme, "sv_ttk", None)
    try:
        app.set_theme(name)
        app.root.update()
        yield app
    finally:
        monkeypatch.undo()
        app.set_theme("light")  # the next test's window starts as it always does


# ------------------------------------------------------------------ bug 7
def test_a_bad_port_turns_the_field_red_until_the_user_types(themed_app):
    app = themed_app
    select_tab(app, "tcp_server")
    entry = w(app, "tabs.tcp_server.form.port")
    type_into(entry, "99999")
    entry.focus_force()
    before = settled(entry)

    w(app, "tabs.tcp_server.form.start").invoke()
    assert app.tabs["tcp_server"].endpoint is None
    marked = settled(entry)
    # the field's own colour turns red-ish, and a red line runs round (or under) it
    assert dominant(marked) != dominant(before)
    assert redness(dominant(marked)) >= redness(dominant(before)) + 15, (dominant(before), dominant(marked))
    assert red_pixels(before) == 0
    assert red_pixels(marked) >= entry.winfo_width(), f"only {red_pixels(marked)} red pixels"

    press(entry, "<Key-1>")  # typing clears the mark
    cleared = settled(entry)
    assert red_pixels(cleared) == 0
    assert dominant(cleared) == dominant(before)


# ------------------------------------------------------------------ bug 20
def test_a_running_servers_disabled_address_is_readable(themed_app):
    app = themed_app
    start_server(app, "tcp_server")
    for field in ("host", "port"):
        entry = w(app, f"tabs.tcp_server.form.{field}")
        assert entry.instate(["disabled"])
        image = settled(entry)
        background = dominant(image)
        # the strongest text pixel against the field: glyph stems are drawn in the full text colour
        inner = [row[4:-4] for row in image[4:-4]]
        best = max(contrast(colour, background) for colour in pixels(inner))
        assert best >= 4.5, f"{field}: disabled text contrast {best:.2f}:1 on {background}"


@pytest.mark.parametrize("menu_path", ["menubar.view.theme", "menubar.view.language"])
def test_the_current_choice_is_marked_visibly_in_the_menus(themed_app, menu_path):
    app = themed_app
    menu = w(app, menu_path)
    variable = app.theme if menu_path.endswith("theme") else app.language
    current = variable.get()
    values = [str(menu.entrycget(i, "value")) for i in range(menu.index("end") + 1)]
    row = values.index(current)
    menu.post(app.root.winfo_rootx() + 200, app.root.winfo_rooty() + 200)
    try:
        top, bottom = menu.yposition(row), (menu.yposition(row + 1) if row + 1 < len(values)
                                           else menu.winfo_height())
        chosen = settled(menu)[top:bottom]
        variable.set(next(v for v in values if v != current))  # the mark moves to another entry
        not_chosen = settled(menu)[top:bottom]
    finally:
        variable.set(current)
        menu.unpost()
        app.root.update()
    background = dominant(not_chosen)
    mark = [(x, y) for y, (a, b) in enumerate(zip(chosen, not_chosen, strict=True))
            for x, (p, q) in enumerate(zip(a, b, strict=True))
            if contrast(p, q) >= 3 and contrast(p, background) >= 3]
    assert mark, "no mark at all"
    xs, ys = {x for x, _ in mark}, {y for _, y in mark}
    font_height = int(menu.tk.call("font", "metrics", menu.cget("font"), "-linespace"))
    # a mark of about half the text's height, not a dot of a few pixels
    assert len(mark) >= (font_height // 2) ** 2 // 2, f"the mark is {len(mark)} pixels"
    assert max(xs) - min(xs) + 1 >= font_height // 3 and max(ys) - min(ys) + 1 >= font_height // 3
