"""Checks of what callers pass in: one function per kind of argument.

Each returns the value in the form the package works with, or raises the documented
TypeError (a value of the wrong type) or ValueError (a value of the right type that is
not valid), its message naming the argument and the value (see :mod:`mena_tip.errors`).
Every public function checks its arguments with these, so the same mistake gets the same
message everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from .dates import DateLike, PartialDate
from .errors import DataError, shown
from .records import KINDS, RECORD_TYPES, Code, Record

__all__ = [
    "code",
    "dated",
    "each",
    "flag",
    "folder",
    "items",
    "key",
    "kind",
    "kinds",
    "path",
    "text",
    "whole",
]

C = TypeVar("C", bound=Code)


def kind(value: object, argument: str = "kind") -> str:
    """The kind name of a kind (``"organization"``) or a record class."""
    if isinstance(value, type) and value in RECORD_TYPES:
        return str(value.KIND)
    if isinstance(value, str) and value in KINDS:
        return str(KINDS[value].KIND)
    raise ValueError(
        f"{argument}={shown(value)} is not a record kind; expected one of {', '.join(KINDS)}"
    )


def kinds(value: object, argument: str = "kinds") -> frozenset[str]:
    """The kind names of a kind, a record class, or an iterable of them."""
    if isinstance(value, (str, type)):
        listed: list[Any] = [value]
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, bytearray, Record)):
        listed = list(value)
    else:
        raise TypeError(
            f"{argument} must be a record kind, a record class, or an iterable of them, "
            f"not {type(value).__name__}: {shown(value)}"
        )
    unknown = [item for item in listed if str(getattr(item, "KIND", item)) not in KINDS]
    if unknown:
        raise ValueError(
            f"{argument}={shown(value)}: {shown(unknown)} are not record kinds; "
            f"expected some of {', '.join(KINDS)}"
        )
    return frozenset(str(getattr(item, "KIND", item)) for item in listed)


def code(value: object, codes: type[C], argument: str) -> C:
    """The member of a code list that ``value`` (a member or its code) is."""
    try:
        return codes(value)
    except ValueError:
        valid = ", ".join(repr(member.value) for member in codes)
        raise ValueError(
            f"{argument}={shown(value)} is not a valid {codes.__name__}; expected one of {valid}"
        ) from None


def flag(value: object, argument: str) -> bool:
    """``value`` if it is a bool (a string such as ``"no"`` is not)."""
    if not isinstance(value, bool):
        raise TypeError(
            f"{argument} must be True or False, not {type(value).__name__}: {shown(value)}"
        )
    return value


def whole(value: object, argument: str, example: int) -> int:
    """``value`` if it is an int (a bool is not)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument} must be an int such as {example}, not {shown(value)}")
    return value


def items(values: object, argument: str) -> Iterable[Any]:
    """``values`` if it is a collection to iterate (a str, bytes or mapping is none)."""
    if isinstance(values, (str, bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(
            f"{argument} must be an iterable such as a list, not {type(values).__name__}: "
            f"{shown(values)}"
        )
    return values


def each(values: object, argument: str, kind: type | tuple[type, ...], noun: str) -> list[Any]:
    """The items of ``values`` (a collection, as :func:`items` checks), each a ``kind``
    (``noun`` names it in the message: ``"a RegisterEntry"``)."""
    found = list(items(values, argument))
    for value in found:
        if not isinstance(value, kind):
            raise TypeError(f"not {noun}: {shown(value)}")
    return found


def text(value: object, argument: str) -> str:
    """``value`` if it is a str."""
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, not {type(value).__name__}: {shown(value)}")
    return value


def key(value: object) -> str:
    """The ID or name a key gives: a str as it is, or a record's ID."""
    if isinstance(value, RECORD_TYPES):
        return value.id
    if not isinstance(value, str):
        raise TypeError(
            "a key must be a str (an ID or a name) or a record, "
            f"not {type(value).__name__}: {shown(value)}"
        )
    return value


def dated(value: DateLike, argument: str) -> PartialDate:
    """The date ``value`` gives (see :meth:`PartialDate.coerce`, which checks its type),
    which must have a year."""
    date = PartialDate.coerce(value)
    if date.year is None:
        raise ValueError(f"{argument}={shown(value)} has no year; a date filter needs one")
    return date


def path(value: object, argument: str, noun: str = "") -> str | os.PathLike[str]:
    """``value`` if it is a str or an os.PathLike (a ``noun`` such as ``folder``)."""
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(
            f"{argument} must be a str or os.PathLike{noun and ' ' + noun}, "
            f"not {type(value).__name__}: "
            f"{shown(value)}"
        )
    return value


def folder(value: object, argument: str, what: str, noun: str = "folder") -> Path:
    """The folder ``value`` names; a TypeError (saying a str or os.PathLike ``noun`` was
    wanted), or a DataError naming it when it names no folder (the empty string included:
    it would be the current folder)."""
    given = path(value, argument, noun)
    root = Path(given)
    try:
        found = os.fspath(given) != "" and root.is_dir()  # Path("") is the current folder
    except (OSError, ValueError) as error:  # a name too long, say
        reason = getattr(error, "strerror", None) or error
        raise DataError(f"cannot look for a {what} at {shown(value)}: {reason}") from None
    if not found:
        raise DataError(f"no {what} at {shown(value)}")
    return root
