"""The teaching layer: features that explain what the sockets do (issue 11).

Each feature keeps to its own module here; the Learn menu (gui/app.py) and the
tabs call into them.  Tk thread only.
"""
