"""The teaching layer (issue 11): windows and helpers behind the Learn menu.

Each feature keeps to its own module here; the Learn menu (gui/app.py) and the tabs
call into them.  Modules named ``*_run.py`` hold no tkinter (they run on worker
threads and in tests); the others are Tk-thread widgets.
"""
