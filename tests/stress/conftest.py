"""The stress suite reuses the GUI fixtures: one session Tk root, one window per test."""

from tests.gui.conftest import app, tk_root  # noqa: F401
