"""Simplified Chinese (简体中文) for every English string the user can see.

Terms follow ../shared/glossary-zh.md.  Keys are the exact English source
strings (templates keep their ``{placeholders}``); tests check that every
``tr()``/``N_()`` string in the code is here.
"""

CATALOG: dict[str, str] = {
}
