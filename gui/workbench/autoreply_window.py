"""The auto-reply rules window of one tab (Tools → Auto-reply rules…).

A list of rules, first match wins, and an editor below it: the kind, the
pattern, the reply and whether the reply is text or hex.  Add / Update check
the rule as typed (a bad regular expression, a group the pattern lacks, bad
hex) and refuse it with the reason, marking the field; Delete, Move up/down
and Enable/Disable act on the rule selected.  Every change goes to the
running endpoint at once and to the tab's next start.  Below: the text
encoding and the loop guard's limit.  Tk thread only.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk
from typing import TYPE_CHECKING

from netcore import NetError
from netcore.autoreply import BAD_LOOP_LIMIT, LOOP_LIMIT_MAX, MATCHING, Rule, RuleError, compile_rule
from netcore.payload import ENCODINGS

from .. import theme
from ..i18n import N_, bind_text, on_language_change, tr, trf, trn
from ..line_breaks import WrappedLabel
from ..widgets import Choice, mark_bad, mark_good, one_window
from .autoreply_state import rules_of

if TYPE_CHECKING:
    from ..tab import EndpointTab

TITLE = N_("Auto-reply rules — {tab}")
INTRO = N_("Each message received is answered by the first enabled rule that matches it, every time it "
           "matches. Changes apply at once, and at the next start.")
TCP_NOTE = N_("On TCP a message is what one recv() returned, unless Tools → Receive framing… cuts the "
              "stream into lines or other messages.")
KIND_LABELS = (("echo", N_("Echo: send the message back")),
               ("ctime", N_("[time] message, as the seed's UDP server")),
               ("fixed", N_("Fixed reply to every message")),
               ("contains", N_("Message contains text")),
               ("regex", N_("Message matches a regular expression")),
               ("hex_prefix", N_("Message starts with hex bytes")))
SHORT_KINDS = {"echo": N_("echo"), "ctime": N_("[time] message"), "fixed": N_("fixed"),
               "contains": N_("contains"), "regex": N_("regex"), "hex_prefix": N_("hex prefix")}
FORMAT_LABELS = (("text", N_("Text")), ("hex", N_("Hex")))
KIND_HINTS = {
    "echo": N_("Answers every message with the message itself."),
    "ctime": N_("Answers every message with the time and the message: [Sun Nov 29 18:22:38 2026] message."),
    "fixed": N_("Answers every message with the reply below."),
    "contains": N_("The pattern is text, found anywhere in the message; escapes such as \\r\\n and \\x00 "
                   "work."),
    "regex": N_("The pattern is a Python regular expression, searched in the message as text. In the reply "
                "\\1 or \\g<name> puts in what a group matched, \\g<0> the whole match."),
    "hex_prefix": N_("The pattern is bytes in hex, such as AA 55, that the message starts with."),
}
REPLY_HINT = N_("A text reply may use escapes: \\r\\n, \\t, \\x00.")
COLUMNS = (("number", "#", 30), ("on", N_("On"), 40), ("kind", N_("Kind"), 110),
           ("pattern", N_("Pattern"), 150), ("reply", N_("Reply"), 150), ("format", N_("Format"), 60))
YES, NO = N_("yes"), N_("no")
NO_RULE_SELECTED = N_("Select a rule in the list first.")
ENABLED = (N_("{count} rule enabled: it answers at once while the tab runs, and after each start."),
           N_("{count} rules enabled: they answer at once while the tab runs, and after each start."))
GUARD_UNIT = N_("replies/s to one peer")
GUARD_HELP = N_("More replies than that to one peer within a second pause auto-replies to it for 5 s and say "
                "so in the log: two endpoints answering each other stop. 0 turns the guard off.")


class AutoReplyWindow(tk.Toplevel):
    def __init__(self, master: tk.Misc, tab: EndpointTab) -> None:
        super().__init__(master, name=f"autoreply_{tab.winfo_name()}")
        self.tab = tab
        self.state_ = rules_of(tab)
        self.configure(background=theme.palette()["bg"])
        body = ttk.Frame(self, name="body", padding=10)
        body.pack(fill="both", expand=True)
        self.intro = bind_text(WrappedLabel(body, name="intro", justify="left", wraplength=580), INTRO)
        self.intro.pack(side="top", fill="x")
        self.note = WrappedLabel(body, name="tcp_note", style="Hint.TLabel", justify="left", wraplength=580)
        if tab.transport == "tcp":
            bind_text(self.note, TCP_NOTE).pack(side="top", fill="x", pady=(2, 0))

        # the bottom first: when the window is short the list gives up rows, never a control
        bottom = ttk.Frame(body, name="bottom")
        bottom.pack(side="bottom", fill="x", pady=(8, 0))
        self.status = ttk.Label(bottom, name="status", style="Hint.TLabel", anchor="w")
        self.status.pack(side="left", fill="x", expand=True)
        self.close_button = bind_text(ttk.Button(bottom, name="close", command=self.destroy), N_("Close"))
        self.close_button.pack(side="right")
        self._build_settings(body)
        self._build_editor(body)
        self._build_list(body)

        # the long labels wrap at the window's width
        for label in (self.intro, self.note, self.hint, self.problem, self.guard_help):
            label.bind("<Configure>", lambda e: e.widget.configure(wraplength=max(e.width - 4, 200)), add="+")
        self._forget_language = on_language_change(self._relabel)
        self.bind("<Destroy>", self._destroyed, add="+")
        self.bind("<Escape>", lambda e: self.destroy())
        self._relabel()
        self.encoding.set(self.state_.encoding)  # (as the tab uses it: the window may be opened again)
        self.update_idletasks()  # it may grow, not shrink below what its controls need
        self.minsize(min(self.winfo_reqwidth(), 760), min(self.winfo_reqheight(), 560))

    # ------------------------------------------------------------ layout
    def _build_list(self, body: ttk.Frame) -> None:
        frame = ttk.Frame(body, name="list")
        frame.pack(side="top", fill="both", expand=True, pady=(8, 0))
        buttons = ttk.Frame(frame, name="buttons")
        buttons.pack(side="right", fill="y", padx=(6, 0))
        self.rules = ttk.Treeview(frame, name="rules", columns=[c for c, _, _ in COLUMNS], show="headings",
                                  height=5, selectmode="browse")
        for column, _label, width in COLUMNS:
            self.rules.column(column, width=width, minwidth=30, stretch=column in ("pattern", "reply"))
        scroll = ttk.Scrollbar(frame, name="yscroll", orient="vertical", command=self.rules.yview)
        self.rules.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.rules.pack(side="left", fill="both", expand=True)
        self.rules.bind("<<TreeviewSelect>>", lambda e: self._selected())
        self.rules.bind("<Delete>", lambda e: self.delete())
        self.buttons: dict[str, ttk.Button] = {}
        for name, label, command in (("delete", N_("Delete"), self.delete),
                                     ("up", N_("Move up"), lambda: self.move(-1)),
                                     ("down", N_("Move down"), lambda: self.move(1)),
                                     ("toggle", N_("Enable / disable"), self.toggle)):
            button = bind_text(ttk.Button(buttons, name=name, command=command), label)
            button.pack(side="top", fill="x", pady=(0, 4))
            self.buttons[name] = button

    def _build_editor(self, body: ttk.Frame) -> None:
        editor = ttk.LabelFrame(body, name="editor", padding=8)
        bind_text(editor, N_("Rule"))
        editor.pack(side="bottom", fill="x", pady=(8, 0))
        editor.columnconfigure(1, weight=1)
        bind_text(ttk.Label(editor, name="kind_label"), N_("Kind:")).grid(row=0, column=0, sticky="w")
        self.kind = Choice(editor, KIND_LABELS, name="kind", width=24, command=self._kind_changed)
        self.kind.grid(row=0, column=1, sticky="w", padx=(6, 0))
        bind_text(ttk.Label(editor, name="pattern_label"), N_("Pattern:")).grid(row=1, column=0, sticky="w",
                                                                                pady=(4, 0))
        self.pattern = ttk.Entry(editor, name="pattern")
        self.pattern.grid(row=1, column=1, columnspan=3, sticky="ew", padx=(6, 0), pady=(4, 0))
        bind_text(ttk.Label(editor, name="reply_label"), N_("Reply:")).grid(row=2, column=0, sticky="w",
                                                                            pady=(4, 0))
        self.reply = ttk.Entry(editor, name="reply")
        self.reply.grid(row=2, column=1, sticky="ew", padx=(6, 0), pady=(4, 0))
        self.reply_format = Choice(editor, FORMAT_LABELS, name="reply_format", width=6)
        self.reply_format.grid(row=2, column=2, sticky="w", padx=(6, 0), pady=(4, 0))
        self.hint = WrappedLabel(editor, name="hint", style="Hint.TLabel", justify="left", wraplength=560)
        self.hint.grid(row=3, column=0, columnspan=4, sticky="ew", pady=(4, 0))
        self.problem = WrappedLabel(editor, name="problem", style="Error.TLabel", justify="left",
                                    wraplength=560)
        self.problem.grid(row=4, column=0, columnspan=4, sticky="ew")
        row = ttk.Frame(editor, name="actions")
        row.grid(row=5, column=0, columnspan=4, sticky="w", pady=(4, 0))
        self.add_button = bind_text(ttk.Button(row, name="add", command=self.add), N_("Add rule"))
        self.add_button.pack(side="left")
        self.update_button = bind_text(ttk.Button(row, name="update", command=self.update_selected),
                                       N_("Update selected"))
        self.update_button.pack(side="left", padx=(6, 0))
        for entry in (self.pattern, self.reply):
            entry.bind("<Return>", lambda e: self.add())
            entry.bind("<Key>", lambda e: mark_good(e.widget), add="+")

    def _build_settings(self, body: ttk.Frame) -> None:
        self.guard_help = bind_text(WrappedLabel(body, name="guard_help", style="Hint.TLabel", justify="left",
                                              wraplength=580), GUARD_HELP)
        self.guard_help.pack(side="bottom", fill="x", pady=(2, 0))
        row = ttk.Frame(body, name="settings")
        row.pack(side="bottom", fill="x", pady=(8, 0))
        bind_text(ttk.Label(row, name="encoding_label"), N_("Text encoding:")).pack(side="left")
        self.encoding = Choice(row, [(name, name) for name in ENCODINGS], name="encoding", width=7,
                               translate=False, command=self._encoding_changed)
        self.encoding.pack(side="left", padx=(6, 12))
        bind_text(ttk.Label(row, name="guard_label"), N_("Loop guard: at most")).pack(side="left")
        self.guard = ttk.Entry(row, name="guard", width=7)
        self.guard.insert(0, str(self.state_.loop_limit))
        self.guard.pack(side="left", padx=(6, 6))
        self.guard.bind("<Return>", lambda e: self.apply_guard())
        self.guard.bind("<FocusOut>", lambda e: self.apply_guard())
        bind_text(ttk.Label(row, name="guard_unit"), GUARD_UNIT).pack(side="left")

    # ----------------------------------------------------------- editing
    def editor_rule(self, enabled: bool = True) -> Rule:
        """The rule the editor holds (not checked)."""
        kind = self.kind.get()
        pattern = self.pattern.get() if kind in MATCHING else ""
        reply = self.reply.get() if kind not in ("echo", "ctime") else ""
        return Rule(kind, pattern, reply, self.reply_format.get(), enabled)

    def add(self) -> None:
        """Check the editor's rule and put it at the end of the list."""
        rule = self._checked(self.editor_rule(), len(self.state_.rules) + 1)
        if rule is not None and self._apply([*self.state_.rules, rule]):
            self._select(len(self.state_.rules) - 1)

    def update_selected(self) -> None:
        index = self._selection()
        if index is None:
            return
        rule = self._checked(self.editor_rule(self.state_.rules[index].enabled), index + 1)
        if rule is not None:
            rules = list(self.state_.rules)
            rules[index] = rule
            if self._apply(rules):
                self._select(index)

    def delete(self) -> None:
        index = self._selection()
        if index is not None:
            rules = list(self.state_.rules)
            del rules[index]
            if self._apply(rules) and rules:
                self._select(min(index, len(rules) - 1))

    def move(self, step: int) -> None:
        index = self._selection()
        if index is None:
            return
        other = index + step
        if not 0 <= other < len(self.state_.rules):
            return
        rules = list(self.state_.rules)
        rules[index], rules[other] = rules[other], rules[index]
        if self._apply(rules):
            self._select(other)

    def toggle(self) -> None:
        index = self._selection()
        if index is None:
            return
        rules = list(self.state_.rules)
        old = rules[index]
        rules[index] = Rule(old.kind, old.pattern, old.reply, old.reply_format, not old.enabled)
        if self._apply(rules):
            self._select(index)

    def apply_guard(self) -> bool:
        text = self.guard.get().strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 7 and int(text) <= LOOP_LIMIT_MAX):
            mark_bad(self.guard)
            self._say_problem(trf(BAD_LOOP_LIMIT, limit=f"{LOOP_LIMIT_MAX:,}"))
            return False
        mark_good(self.guard)
        if int(text) != self.state_.loop_limit:
            return self._apply(None, loop_limit=int(text))
        return True

    def _encoding_changed(self) -> None:
        if not hasattr(self, "rules") or self.encoding.get() == self.state_.encoding:
            return  # (being built, or nothing changed)
        if not self._apply(None, encoding=self.encoding.get()):
            self.after_idle(self._show_encoding)  # a rule cannot be written in it: back to the one in use

    def _show_encoding(self) -> None:
        if self.encoding.get() != self.state_.encoding:
            self.encoding.set(self.state_.encoding)

    def _checked(self, rule: Rule, number: int) -> Rule | None:
        """``rule`` if it can work; else None, with the field marked and the reason said."""
        mark_good(self.pattern)
        mark_good(self.reply)
        try:
            compile_rule(rule, self.state_.encoding, number)
        except RuleError as err:
            entry = self.pattern if err.field == "pattern" else self.reply if err.field == "reply" else None
            if entry is not None:
                mark_bad(entry, err.position, err.length)
            self._say_problem(err.translated(tr))
            return None
        except NetError as err:
            self._say_problem(err.translated(tr))
            return None
        self._say_problem("")
        return rule

    def _apply(self, rules: list[Rule] | None, **settings: object) -> bool:
        try:
            self.state_.apply(rules, **settings)  # type: ignore[arg-type]
        except NetError as err:  # (a rule that the new encoding cannot write)
            self._say_problem(err.translated(tr))
            return False
        self._say_problem("")
        self._fill()
        return True

    # ------------------------------------------------------------ showing
    def _fill(self) -> None:
        self.rules.delete(*self.rules.get_children())
        for number, rule in enumerate(self.state_.rules, 1):
            self.rules.insert("", "end", iid=str(number - 1), values=(
                number, tr(YES if rule.enabled else NO), tr(SHORT_KINDS[rule.kind]), rule.pattern, rule.reply,
                tr(dict(FORMAT_LABELS)[rule.reply_format]) if rule.kind not in ("echo", "ctime") else ""))
        self._show_status()

    def _show_status(self) -> None:
        count = sum(rule.enabled for rule in self.state_.rules)
        self.status.configure(text=trn(*ENABLED, count))

    def _selected(self) -> None:
        index = self._selection(quiet=True)
        if index is None:
            return
        rule = self.state_.rules[index]
        self.kind.set(rule.kind)
        self.reply_format.set(rule.reply_format)
        for entry, text in ((self.pattern, rule.pattern), (self.reply, rule.reply)):
            state = entry.cget("state")
            entry.configure(state="normal")
            entry.delete(0, "end")
            entry.insert(0, text)
            entry.configure(state=state)

    def _selection(self, quiet: bool = False) -> int | None:
        chosen = self.rules.selection()
        if not chosen:
            if not quiet:
                self._say_problem(tr(NO_RULE_SELECTED))
            return None
        return int(chosen[0])

    def _select(self, index: int) -> None:
        self.rules.selection_set(str(index))
        self.rules.see(str(index))

    def _kind_changed(self) -> None:
        kind = self.kind.get()
        self.pattern.configure(state="normal" if kind in MATCHING else "disabled")
        takes_reply = kind not in ("echo", "ctime")
        self.reply.configure(state="normal" if takes_reply else "disabled")
        self.reply_format.configure(state="readonly" if takes_reply else "disabled")
        self.hint.configure(text=tr(KIND_HINTS[kind]) + (" " + tr(REPLY_HINT) if takes_reply else ""))

    def _say_problem(self, text: str) -> None:
        self.problem.configure(text=text)

    def _relabel(self) -> None:
        if not self.winfo_exists():
            return
        self.title(trf(TITLE, tab=tr(self.tab.title)))
        for column, label, _width in COLUMNS:
            self.rules.heading(column, text=tr(label))
        self.kind.relabel()
        self.reply_format.relabel()
        self._kind_changed()
        self._fill()

    def _destroyed(self, event: tk.Event) -> None:
        if event.widget is self:
            self._forget_language()


def open_rules(master: tk.Misc, tab: EndpointTab) -> AutoReplyWindow:
    """Show ``tab``'s rules window (one per tab)."""
    return one_window(master, f"autoreply_{tab.winfo_name()}", AutoReplyWindow,
                      lambda: AutoReplyWindow(master, tab))[0]
