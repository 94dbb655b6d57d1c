"""The SockLab window (Tkinter); it drives ``netcore`` and never the other way round."""
