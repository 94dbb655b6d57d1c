"""netcore.values: the slotted value classes the events and records are made of."""

from __future__ import annotations

from typing import ClassVar

import pytest

from netcore.values import Value, fields, replace


class Point(Value):
    x: int
    y: int = 0
    label: str = "p"
    UNIT: ClassVar[str] = "px"  # a class constant, not a field


class Counter(Value, frozen=False):
    name: str
    count: int = 0


def test_fields_defaults_and_keywords():
    assert fields(Point(1)) == ("x", "y", "label")
    assert Point(1) == Point(x=1, y=0, label="p") and Point(1, 2).y == 2
    assert Point.UNIT == "px" and Point.__match_args__ == ("x", "y", "label")
    with pytest.raises(TypeError):
        Point()  # x has no default
    with pytest.raises(TypeError):
        Point(1, 2, "a", 4)


def test_compared_and_hashed_by_value_and_type():
    assert Point(1, 2) == Point(1, 2) and hash(Point(1, 2)) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != Counter("p", 1) and Point(1) != (1, 0, "p")
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_frozen_values_refuse_changes_and_replace_makes_new_ones():
    point = Point(1)
    with pytest.raises(AttributeError):
        point.x = 2
    with pytest.raises(AttributeError):
        point.z = 2
    moved = replace(point, y=5)
    assert (moved.x, moved.y, point.y) == (1, 5, 0)
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(point, z=1)


def test_a_mutable_record_changes_in_place_and_is_not_hashable():
    counter = Counter("a")
    counter.count += 2
    assert counter == Counter("a", 2) and not hasattr(counter, "__dict__")
    with pytest.raises(TypeError):
        hash(counter)
    with pytest.raises(AttributeError):
        counter.other = 1  # still slotted


class Checked(Value):
    size: int

    def __post_init__(self) -> None:
        if self.size < 0:
            raise ValueError("size must not be negative")


def test_post_init_checks_the_values():
    assert Checked(3).size == 3
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)


def test_declaration_mistakes_are_caught_when_the_class_is_made():
    with pytest.raises(TypeError, match="immutable"):
        class Bad(Value):
            items: list[int] = []  # noqa: RUF012 - the mistake under test
    with pytest.raises(TypeError, match="follows"):
        class Order(Value):
            a: int = 0
            b: int
    with pytest.raises(TypeError, match="derives from Value only"):
        class Child(Point):
            z: int = 0
