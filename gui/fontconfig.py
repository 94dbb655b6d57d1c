"""Which installed fonts draw given characters, asked of fontconfig in this process (Linux/BSD, X11).

The same library Tk's Xft has loaded, with its configuration, answers; loaded
with ctypes only when a Chinese window has to be checked.  Tk thread only.
"""

from __future__ import annotations

import ctypes

from .fonts import Coverage


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


def _load_fontconfig() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL("libfontconfig.so.1")  # the copy Tk's Xft already loaded, with its configuration
    except OSError:
        return None
    lib.FcNameParse.restype = ctypes.c_void_p
    lib.FcNameParse.argtypes = [ctypes.c_char_p]
    lib.FcObjectSetCreate.restype = ctypes.c_void_p
    lib.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.FcFontList.restype = ctypes.POINTER(_FcFontSet)
    lib.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                       ctypes.POINTER(ctypes.c_char_p)]
    lib.FcPatternGetCharSet.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                        ctypes.POINTER(ctypes.c_void_p)]
    lib.FcCharSetHasChar.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    lib.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FcFontSet)]
    lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    lib.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    return lib


def _coverage_from_library(lib: ctypes.CDLL, needed: str) -> Coverage:
    pattern = lib.FcNameParse(b":lang=zh")
    objects = lib.FcObjectSetCreate()
    lib.FcObjectSetAdd(objects, b"family")
    lib.FcObjectSetAdd(objects, b"charset")
    fonts = lib.FcFontList(None, pattern, objects)  # None: the current configuration, as Xft uses
    families: list[str] = []
    left = set(needed)
    try:
        for index in range(fonts.contents.nfont if fonts else 0):
            font = fonts.contents.fonts[index]
            name = ctypes.c_char_p()
            if lib.FcPatternGetString(font, b"family", 0, ctypes.byref(name)) == 0 and name.value:
                families.append(name.value.decode("utf-8", "replace"))
            charset = ctypes.c_void_p()
            if left and lib.FcPatternGetCharSet(font, b"charset", 0, ctypes.byref(charset)) == 0:
                left = {ch for ch in left if not lib.FcCharSetHasChar(charset, ord(ch))}
    finally:
        if fonts:
            lib.FcFontSetDestroy(fonts)
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(pattern)
    return Coverage(tuple(dict.fromkeys(families)), "".join(sorted(left)))


def coverage(needed: str) -> Coverage | None:
    """The families fontconfig offers for Chinese and which of ``needed`` none of them draws;
    None when the library cannot be loaded."""
    lib = _load_fontconfig()
    return None if lib is None else _coverage_from_library(lib, needed)
