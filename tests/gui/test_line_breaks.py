"""Chinese paragraphs in wrapped labels break between characters, never inside a Latin word."""

from __future__ import annotations

import re
from tkinter import ttk

import pytest

from gui.line_breaks import NO_END, NO_START, WrappedLabel, measurer, pieces, wrap, wrap_width

from .drive import pump_for, select_tab, w, wait_until
from .test_impairment_lab import learn
from .test_save_and_stats import menu_index
from .test_window_lifetimes import WINDOWS


def fake_width(piece: str) -> int:
    """Two units for a Chinese character, one for anything else."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in piece)


def test_latin_words_stay_whole_and_punctuation_keeps_to_its_side():
    text = "所以 recv() 拿到的每个编号（序列号）都恰好一次，且按顺序；b'' 表示对方已关闭。"
    assert "recv()" in pieces(text) and "b''" in pieces(text)
    assert "（序" in pieces(text) and "号）" in pieces(text) and "次，" in pieces(text)
    for width in range(14, 60):
        lines = wrap(text, fake_width, width + 2).split("\n")  # (+2: the safety margin)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), "nothing lost or added"
        for line in lines:
            assert fake_width(line) <= width
            assert line == line.strip(" "), "a space where a line ends is dropped"
            assert line[0] not in NO_START and line[-1] not in NO_END, (width, lines)
        assert any("recv()" in line for line in lines) and any("b''" in line for line in lines)


def test_a_line_is_filled_before_it_breaks_and_line_ends_in_the_text_are_kept():
    lines = wrap("一二三四五六七八九十\n甲乙", fake_width, 10 + 2).split("\n")
    assert lines == ["一二三四五", "六七八九十", "甲乙"]
    assert wrap("abcdefghijklmnop", fake_width, 6) == "abcdefghijklmnop"  # one word longer than a line


LATIN_WORD = re.compile(r"[A-Za-z0-9_()'.:/\-]{2,}")


def _check_label(label) -> None:
    """Each line of ``label`` fits its wraplength, starts and ends where Chinese may break, and
    keeps every Latin word of the paragraph whole."""
    text = label.shown() if isinstance(label, WrappedLabel) else label.cget("text")
    if not text:
        return
    measure = measurer(label)
    width = wrap_width(label)
    lines = text.split("\n")
    for line in lines:
        assert measure(line) <= width, f"{label}: {line!r} is wider than {width} px"
        assert line[0] not in NO_START, f"{label}: a line starts with {line[0]!r}: {lines}"
    words = LATIN_WORD.findall(text.replace("\n", " "))
    for word in words:
        assert any(word in line for line in lines), f"{label}: {word!r} is broken across lines: {lines}"


def test_the_numbered_demonstration_in_chinese_never_splits_recv(app):
    app.set_language("zh")
    try:
        learn(app, "编号消息演示…")
        demo = app.root.nametowidget(f"{app.root}.numbered_demo")
        labels = [demo.nametowidget(path) for path in (
            "body.about", "body.lab.state", "body.bottom.definitions", "body.columns.tcp.why",
            "body.columns.udp.why", "body.columns.tcp.status", "body.columns.udp.status",
            "body.columns.tcp.summary", "body.columns.udp.summary")]
        why = demo.nametowidget("body.columns.tcp.why")
        wait_until(app.root, lambda: "recv()" in why.cget("text"), timeout=10, what=lambda: why.cget("text"))
        for geometry in ("", "700x640", "1000x640"):  # as opened, then narrower and wider
            if geometry:
                demo.geometry(geometry)
                pump_for(app.root, 0.15)
            for label in labels:
                _check_label(label)
        assert "\n" in why.shown(), "it is wrapped by SockLab, not cut by Tk"
    finally:
        app.set_language("en")


def _wrapped_labels(widget):
    """Every label below ``widget`` that wraps its text (whatever its class)."""
    for child in widget.winfo_children():
        if isinstance(child, ttk.Label) and wrap_width(child) > 0:
            yield child
        yield from _wrapped_labels(child)


# the windows with wrapped labels (Statistics…, Show code… and Sequence diagram… have none: a case
# for them would check nothing)
WRAPPING_WINDOWS = [window for window in WINDOWS
                    if window[1] not in ("Statistics…", "Show code…", "Sequence diagram…")]


@pytest.mark.parametrize(("menu", "label", "tab"), WRAPPING_WINDOWS,
                         ids=[label for _m, label, _t in WRAPPING_WINDOWS])
def test_every_wrapped_label_of_a_window_switched_to_chinese_keeps_latin_words_whole(app, menu, label, tab):
    select_tab(app, tab)
    before = set(app.root.children)
    menubar = w(app, menu)
    menubar.invoke(menu_index(menubar, label))
    app.root.update()
    window = next(child for name, child in app.root.children.items() if name not in before)
    app.set_language("zh")  # relabelled live, as a user who switches language sees it
    try:
        for geometry in ("", "560x600"):
            if geometry:
                window.geometry(geometry)
            pump_for(app.root, 0.15)
            labels = [label for label in _wrapped_labels(window) if label.winfo_ismapped()]
            assert any("\n" in wrapped.shown() for wrapped in labels if isinstance(wrapped, WrappedLabel)), \
                f"{label}: no wrapped label to check"
            for wrapped in labels:
                _check_label(wrapped)
    finally:
        app.set_language("en")


def test_a_wrapped_label_without_a_wraplength_shows_its_text_as_it_is(app):
    app.set_language("zh")
    try:
        text = "所以 recv() 拿到的每个编号都恰好一次"
        label = WrappedLabel(app.root, text=text)
        assert label.shown() == label.cget("text") == text
        label.configure(wraplength=100)
        assert "\n" in label.shown() and label.cget("text") == label["text"] == text
        label["wraplength"] = 0
        assert label.shown() == text
        label.destroy()
    finally:
        app.set_language("en")


@pytest.mark.parametrize("change", ["font", "style"])
def test_a_wrapped_label_wraps_again_when_its_font_changes(app, change):
    import tkinter.font as tkfont

    app.set_language("zh")
    normal = tkfont.nametofont("TkDefaultFont", root=app.root).actual()
    big = tkfont.Font(root=app.root, family=normal["family"], size=3 * abs(int(normal["size"])))
    ttk.Style(app.root).configure("Big.TLabel", font=big.name)
    try:
        text = "所以 recv() 拿到的每个编号都恰好一次，且按顺序到达。" * 3
        label = WrappedLabel(app.root, text=text, wraplength=300)
        if change == "font":
            label.configure(font=big.name)
        else:
            label.configure(style="Big.TLabel")
        measure = measurer(label)
        assert measure("一") > 2 * measurer(ttk.Label(app.root))("一"), "the new font is bigger"
        for line in label.shown().split("\n"):
            assert measure(line) <= 300, f"{line!r} is wider than the wraplength in the label's font"
        label.destroy()
    finally:
        app.set_language("en")
