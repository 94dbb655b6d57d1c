"""Errors in plain words.

Every failure a user can cause or meet (a bad port, a refused connection, an
oversize datagram, bad hex) becomes a :class:`NetError`.  It carries a stable
``code`` for programs, the errno when the operating system gave one, and an
English message built from a template.  The template is kept apart from its
parameters so that a user interface can translate the template and then fill
it in (``err.translated(tr)``); ``netcore`` itself never needs a translator.

Any thread may create and read these objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping


def N_(template: str) -> str:
    """Mark an English template for the translation catalog; returns it unchanged.

    The GUI's catalog test scans the sources for ``N_("...")`` and ``tr("...")``
    so that every template the user can see has a Chinese translation.
    """
    return template


class NetError(Exception):
    """A failure explained for a person, with the details a program needs."""

    def __init__(
        self,
        code: str,
        template: str,
        *,
        errno: int | None = None,
        **params: object,
    ) -> None:
        self.code = code
        self.template = template
        self.errno = errno
        self.params: dict[str, str] = {key: str(value) for key, value in params.items()}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message."""
        return self.template.format(**self.params)

    def translated(self, tr: Callable[[str], str]) -> str:
        """The message with its template (and its action verb) passed through ``tr``."""
        return translate_message(tr, self.template, self.params)

    def param_items(self) -> tuple[tuple[str, str], ...]:
        """Parameters as a tuple of pairs, for immutable events."""
        return tuple(sorted(self.params.items()))

    def __reduce__(self) -> tuple[object, ...]:  # picklable despite keyword-only params
        return (_rebuild, (self.code, self.template, self.errno, self.params))


def translate_message(tr: Callable[[str], str], template: str, params: Mapping[str, str]) -> str:
    """Fill ``tr(template)``; the ``action`` parameter is one of ACTIONS' phrases, translated too."""
    values = dict(params)
    if "action" in values:
        values["action"] = tr(values["action"])
    return tr(template).format(**values)


def _rebuild(code: str, template: str, errno: int | None, params: Mapping[str, str]) -> NetError:
    return NetError(code, template, errno=errno, **params)


def format_address(host: str, port: int | None) -> str:
    """``127.0.0.1:80``, ``[::1]:80`` or a Unix socket path."""
    if port is None:
        return host
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"
