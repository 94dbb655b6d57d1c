"""The error catalogue: every netcore template, filled with anything, is translated without raising."""

from __future__ import annotations

import ast
import errno
import socket
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gui.locale_zh import CATALOG
from netcore.catalogue import ACTIONS
from netcore.errors import NetError
from netcore.os_errors import from_os_error

from .strategies import any_text, zh

NETCORE = Path(__file__).resolve().parents[2] / "netcore"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _templates() -> dict[str, dict[str, str]]:
    """Per module: constant name -> template, for every ``NAME = N_("...")`` in netcore.

    An alias of a template (``UNKNOWN_CLIENT = NOT_CONNECTED``, the shared ones living in
    netcore/catalogue.py) stands for the template it names.
    """
    found: dict[str, dict[str, str]] = {}
    aliases: dict[str, dict[str, str]] = {}
    for path in sorted(NETCORE.glob("*.py")):
        names = found.setdefault(path.stem, {})
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Assign):
                continue
            targets = [target.id for target in node.targets if isinstance(target, ast.Name)]
            if (isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) == "N_"
                    and isinstance(node.value.args[0], ast.Constant)):
                for target in targets:
                    names[target] = node.value.args[0].value
            elif isinstance(node.value, ast.Name) and node.value.id.isupper():
                for target in targets:
                    aliases.setdefault(path.stem, {})[target] = node.value.id
    shared = {name: text for names in found.values() for name, text in names.items()}
    for module, names in aliases.items():
        for alias, original in names.items():
            text = found.get(module, {}).get(original, shared.get(original))
            if text is not None:
                found[module].setdefault(alias, text)
    return found


def _all_marked() -> list[str]:
    """Every string passed to ``N_`` anywhere in netcore (templates and action verbs)."""
    marked = set()
    for path in sorted(NETCORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                marked.add(node.args[0].value)
    return sorted(marked)


TEMPLATES = _all_marked()
param_values = st.one_of(any_text, st.integers(), st.sampled_from(sorted(ACTIONS.values())))


def test_the_scan_finds_the_templates():
    assert len(TEMPLATES) > 30
    assert "Nobody is listening on {address} — is the server started?" in TEMPLATES
    assert all(template in CATALOG for template in TEMPLATES)


@st.composite
def filled_templates(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    template = draw(st.sampled_from(TEMPLATES))
    return template, {name: draw(param_values) for name in sorted(fields(template))}


@given(filled_templates(), st.text(min_size=1))
def test_every_template_filled_with_anything_translates(case, code):
    template, params = case
    err = NetError(code, template, **params)
    assert err.translated(lambda text: text) == err.message
    chinese = err.translated(zh)
    assert isinstance(chinese, str)
    if "action" not in params:  # the Chinese template is really used
        assert chinese == CATALOG[template].format(**err.params)


def test_every_netcore_error_supplies_its_templates_placeholders():
    """Static companion of the property above: each NetError(...)/CodecError(...) call names every field."""
    templates = _templates()
    shared = {name: text for names in templates.values() for name, text in names.items()}
    checked = 0
    for path in sorted(NETCORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", None)
            if not (name in ("NetError", "CodecError") and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Name)):
                continue
            if any(keyword.arg is None for keyword in node.keywords):  # **params: rebuilt from a pickle
                continue
            name = node.args[1].id
            template = templates[path.stem].get(name, shared.get(name))
            assert template is not None, f"{path.name}:{node.lineno}: template {name} not found"
            given_names = {keyword.arg for keyword in node.keywords}
            missing = fields(template) - given_names
            assert not missing, f"{path.name}:{node.lineno}: {name} lacks {sorted(missing)}"
            checked += 1
    assert checked > 30


os_errors = st.one_of(
    st.builds(OSError, st.sampled_from(sorted(errno.errorcode)) | st.integers(-5, 200), any_text),
    st.builds(OSError, any_text),
    st.builds(TimeoutError),
    st.builds(TimeoutError, st.sampled_from([errno.ETIMEDOUT, 0]), any_text),
    st.builds(socket.gaierror, st.sampled_from([socket.EAI_NONAME, socket.EAI_AGAIN]), any_text),
    st.builds(ConnectionRefusedError),
    st.builds(ValueError, any_text),
)


@given(os_errors, st.one_of(st.sampled_from(sorted(ACTIONS)), any_text), any_text,
       st.one_of(st.none(), st.integers(0, 65535)), st.one_of(st.none(), st.floats()))
def test_any_os_error_is_explained_in_both_languages(exc, action, host, port, timeout):
    err = from_os_error(exc, action=action, host=host, port=port, timeout=timeout)
    assert isinstance(err, NetError)
    assert isinstance(err.code, str) and err.code
    assert isinstance(err.message, str) and err.message
    assert isinstance(err.translated(zh), str)
    assert err.template in CATALOG
