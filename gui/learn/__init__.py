"""The teaching layer (issue 11): windows and helpers behind the Learn menu.

Modules named ``*_run.py`` hold no tkinter (they run on worker threads and in
tests); the others are Tk-thread widgets.
"""
