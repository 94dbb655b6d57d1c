"""SockLab's version, shown by ``--version`` and Help → About."""

VERSION = "0.3.0"
