"""Workbench features testers use daily (the Tools menu): each in its own module, loaded on first use."""
