"""The Learn menu: what the socket API looks like behind each tab (show code, export, the seed's programs)."""
