"""Slotted value classes declared like dataclasses, made in a fraction of the time.

``class Started(Value): source: str; time: float = 0.0`` gives what
``@dataclass(frozen=True, slots=True)`` gives — ``__slots__``, an ``__init__``
taking the fields in order (defaults allowed), ``__repr__``, ``__eq__`` and
``__hash__`` by value, ``__match_args__``, assignment refused — without the
``dataclasses`` module.  Making a dataclass costs about 1.5 ms (it writes and
compiles five methods, then rebuilds the class for its slots), and the module
brings ``inspect`` and ``ast`` along: the events, options and the window's
records alone added some 50 ms to every start.  Here one small ``__init__`` is
compiled per class, when its first instance is made, and everything else is shared.

A ``__post_init__`` method, if the class has one, runs at the end of
``__init__`` (to check the values).  ``class Entry(Value, frozen=False)``
makes a mutable record (still slotted, compared by value, not hashable).  A
field's default must be immutable (a ``None``, number, str, bytes or tuple);
fields are not inherited (a value class derives from :class:`Value` only).  Any thread may use these classes.
"""

from __future__ import annotations

import keyword
import operator
from typing import Any, ClassVar, dataclass_transform

_IMMUTABLE = (type(None), bool, int, float, str, bytes, tuple, frozenset)


def _methods(fields: tuple[str, ...], defaults: dict[str, object], frozen: bool,
             post_init: bool) -> dict[str, Any]:
    """``__init__`` written out for ``fields`` (faster than a dataclass's: a frozen value sets each
    field through its slot's own ``__set__``, a quarter quicker than ``object.__setattr__``,
    which looks the slot up by name each time; a mutable one assigns them), and ``__eq__`` and
    ``__hash__`` on the fields as a tuple read by one ``attrgetter`` (C speed, no compiling: peers
    are dict keys and compared on every datagram)."""
    params = ", ".join(f"{name}=_d_{name}" if name in defaults else name for name in fields)
    line = "\n    _set_{name}(self, {name})" if frozen else "\n    self.{name} = {name}"
    body = "".join(line.format(name=name) for name in fields) or "\n    pass"
    if post_init:  # the class checks its values (as with a dataclass's __post_init__)
        body += "\n    self.__post_init__()"
    source = f"def __init__(self, {params}) -> None:{body}"
    compiled: dict[str, Any] = {f"_d_{k}": v for k, v in defaults.items()}

    def __init__(self: object, *args: Any, **kwargs: Any) -> None:
        # compiled on the first instance, not when the class is made: most classes (an error
        # kind, an event a session never sees) are never instantiated, and compiling each
        # cost a start-up some 6 ms.  A value class has no subclasses, so type(self) is it.
        if "__init__" not in compiled:
            if frozen:  # the slots' descriptors exist once the class does
                compiled.update({f"_set_{name}": type(self).__dict__[name].__set__ for name in fields})
            exec(source, compiled)  # noqa: S102 - plain names, checked by the metaclass
        init = compiled["__init__"]
        type.__setattr__(type(self), "__init__", init)
        init(self, *args, **kwargs)

    values = operator.attrgetter(*fields) if fields else (lambda _value: ())

    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            same: bool = values(self) == values(other)
            return same
        return NotImplemented

    def __hash__(self: object) -> int:
        return hash(values(self))

    return {"__init__": __init__, "__eq__": __eq__, "__hash__": __hash__}


@dataclass_transform(frozen_default=True)
class _ValueMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any],
                frozen: bool = True) -> _ValueMeta:
        if not bases:  # Value itself
            return super().__new__(mcs, name, bases, namespace)
        if any(base is not Value for base in bases):
            raise TypeError(f"{name}: a value class derives from Value only")
        annotations: dict[str, Any] = namespace.get("__annotations__", {})
        fields = tuple(field for field, kind in annotations.items() if "ClassVar" not in str(kind))
        for field in fields:  # they become Python source in __init__: names only
            if not field.isidentifier() or keyword.iskeyword(field) or field.startswith("_"):
                raise TypeError(f"{name}: a field must be a plain name, not {field!r}")
        defaults: dict[str, object] = {}
        for field in fields:
            if field in namespace:
                default = namespace.pop(field)  # a class attribute cannot share a slot's name
                if not isinstance(default, _IMMUTABLE):
                    raise TypeError(f"{name}.{field}: a default must be immutable, not {default!r}")
                defaults[field] = default
            elif defaults:
                raise TypeError(f"{name}.{field}: a field without a default follows one with a default")
        namespace["__slots__"] = fields
        namespace["__match_args__"] = fields
        namespace["_fields"] = fields
        namespace.update(_methods(fields, defaults, frozen, "__post_init__" in namespace))
        if not frozen:
            namespace["__setattr__"] = object.__setattr__
            namespace["__delattr__"] = object.__delattr__
            namespace["__hash__"] = None
        return super().__new__(mcs, name, bases, namespace)


class Value(metaclass=_ValueMeta):
    """Base of the value classes; see the module's docstring."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, field) for field in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={getattr(self, field)!r}" for field in self._fields)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} is frozen")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), self._values()  # copy and pickle go through __init__, not setattr


def replace(value: Any, **changes: Any) -> Any:
    """A copy of ``value`` with ``changes`` (as :func:`dataclasses.replace`)."""
    unknown = set(changes) - set(value._fields)
    if unknown:
        raise TypeError(f"{type(value).__name__} has no field {sorted(unknown)[0]!r}")
    return type(value)(**{field: changes.get(field, getattr(value, field)) for field in value._fields})


def fields(value: Any) -> tuple[str, ...]:
    """The names of ``value``'s fields, in order."""
    return tuple(value._fields)
