"""The one converter between records and JSON: every record's JSON shape is decided here.

Dates are ISO strings (see :mod:`mena_tip.dates`), amounts are decimal strings (exact, as
the source gives them), code lists are their codes, tuples are lists, and fields left at
their default are omitted so the bundled files stay small and diffs stay readable.
Structuring is strict: unknown keys and values of the wrong JSON type are errors, never
coerced; every problem of a record is reported at once, each with its path
(``$.citations[0].excerpt``).

The plan for each class is made from its attrs fields on first use and kept: plain
closures, no generated code, so that reading the bundle costs no compile time.
"""

from __future__ import annotations

import decimal
import enum
import functools
import json
import sys
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

import attrs

from .dates import PartialDate
from .errors import DataError, shown
from .records import KINDS, RECORD_TYPES, Code, Record, record_kind

__all__ = ["Invalid", "converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")
Structure = Callable[[Any], Any]  # JSON value -> value, or raise Invalid


class Invalid(ValueError):
    """One or more problems of a JSON value: ``(what, where)`` pairs, where is a path
    below the value such as ``".citations[0].excerpt"`` (empty for the value itself).

    Paths are built while the error travels up, so structuring valid data pays nothing
    for them.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{what} @ ${where}" for what, where in problems))

    def below(self, step: str) -> Invalid:
        """The same problems, seen from the value that holds this one at ``step``."""
        return Invalid([(what, step + where) for what, where in self.problems])


def _strict(kind: type[T]) -> Structure:
    name = kind.__name__

    def structure(value: object) -> T:
        # bool is an int in Python, but never a valid int here.
        if type(value) is not kind:
            raise Invalid([(f"expected a JSON {name}, got {value!r}", "")])
        return value

    return structure


def _date(value: object) -> PartialDate:
    if not isinstance(value, str):
        raise Invalid([(f"expected a date string, got {value!r}", "")])
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise Invalid([(str(error), "")]) from None


def _decimal(value: object) -> decimal.Decimal:
    if not isinstance(value, str):
        raise Invalid([(f"expected a decimal number as a string, got {value!r}", "")])
    try:
        number = decimal.Decimal(value)
    except decimal.InvalidOperation:
        raise Invalid([(f"not a decimal number: {value!r}", "")]) from None
    if not number.is_finite():
        raise Invalid([(f"not a finite decimal number: {value!r}", "")])
    return number


def _code(kind: type[Code]) -> Structure:
    def structure(value: object) -> Code:
        try:
            return kind(value)
        except ValueError:
            codes = ", ".join(member.value for member in kind)
            what = f"{value!r} is not a valid {kind.__name__}; expected one of {codes}"
            raise Invalid([(what, "")]) from None

    return structure


def _literal(options: tuple[object, ...]) -> Structure:
    def structure(value: object) -> object:
        if type(value) is not str or value not in options:
            raise Invalid([(f"{value!r} is not one of {', '.join(map(repr, options))}", "")])
        return value

    return structure


def _optional(inner: Structure) -> Structure:
    def structure(value: object) -> object:
        return None if value is None else inner(value)

    return structure


def _tuple(inner: Structure) -> Structure:
    def structure(value: object) -> tuple[Any, ...]:
        # Only a JSON list: a string is not a tuple of its characters.
        if type(value) is not list:
            raise Invalid([(f"expected a JSON list, got {value!r}", "")])
        try:
            return tuple([inner(item) for item in value])
        except Invalid:
            pass
        problems: list[tuple[str, str]] = []  # find every bad item, not only the first
        for index, item in enumerate(value):
            try:
                inner(item)
            except Invalid as error:
                problems += error.below(f"[{index}]").problems
        raise Invalid(problems)

    return structure


@functools.cache
def _hint(module: str, text: str) -> Any:
    """The type an annotation string names, evaluated as typing.get_type_hints would.

    Cached per distinct string: the record classes repeat a few dozen annotations, and
    each evaluation compiles its string.
    """
    return eval(text, vars(sys.modules[module]))  # our own annotations, as get_type_hints does


_PLAIN: dict[object, Structure] = {
    str: _strict(str),
    int: _strict(int),
    bool: _strict(bool),
    PartialDate: _date,
    decimal.Decimal: _decimal,
}


class Converter:
    """Structures JSON values into records and their parts, and back."""

    def __init__(self) -> None:
        self._structure: dict[object, Structure] = dict(_PLAIN)
        # Per attrs class: (name, default or NOTHING) for each field, in schema order.
        self._defaults: dict[type, tuple[tuple[str, object], ...]] = {}

    def structure(self, value: object, kind: Any) -> Any:
        """The value of type ``kind`` that JSON ``value`` describes; raise :class:`Invalid`."""
        return self._for(kind)(value)

    def _for(self, kind: Any) -> Structure:
        found = self._structure.get(kind)
        if found is None:
            found = self._structure[kind] = self._make(kind)
        return found

    def _make(self, kind: Any) -> Structure:
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if isinstance(kind, type) and issubclass(kind, Code):
            return _code(kind)
        if isinstance(kind, type) and attrs.has(kind):
            return self._attrs(kind)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return _tuple(self._for(args[0]))
        if origin is list and len(args) == 1:
            listed = _tuple(self._for(args[0]))
            return lambda value: list(listed(value))
        if origin is Literal:
            return _literal(args)
        if type(None) in args and len(args) == 2:  # X | None
            return _optional(self._for(next(a for a in args if a is not type(None))))
        raise TypeError(f"no JSON shape for {kind!r}")

    def _attrs(self, kind: type) -> Structure:
        fields = [f for f in attrs.fields(kind) if f.init]
        required = frozenset(f.name for f in fields if f.default is attrs.NOTHING)
        plans: dict[str, Structure] = {}

        def plan() -> dict[str, Structure]:
            # Made on first use, not here: a class may contain itself, indirectly.
            if not plans:
                for f in fields:
                    hint = _hint(kind.__module__, f.type) if isinstance(f.type, str) else f.type
                    plans[f.name] = self._for(hint)
            return plans

        def structure(value: object) -> Any:
            if type(value) is not dict:
                raise Invalid([(f"expected a JSON object, got {value!r}", "")])
            known = plan()
            try:
                made = {name: known[name](item) for name, item in value.items()}
            except (Invalid, KeyError):  # a bad value, or an unknown field
                raise problems(value, known) from None
            if not required.issubset(made):
                raise problems(value, known)
            try:
                return kind(**made)
            except (TypeError, ValueError) as error:  # the class's own converters, validators
                raise Invalid([(str(error), "")]) from None

        def problems(value: dict[Any, Any], known: dict[str, Structure]) -> Invalid:
            """Every problem of a malformed object, not only the first."""
            found: list[tuple[str, str]] = []
            unknown = sorted(str(key) for key in value if key not in known)
            if unknown:
                found.append((f"unknown field(s) {', '.join(unknown)}", ""))
            found += [
                ("required field missing", f".{name}") for name in sorted(required - set(value))
            ]
            for name, item in value.items():
                if name in known:
                    try:
                        known[name](item)
                    except Invalid as error:
                        found += error.below(f".{name}").problems
            return Invalid(found)

        return structure

    def unstructure(self, value: object) -> Any:
        """The JSON value of ``value``: fields at their default omitted, in schema order."""
        if value is None or type(value) in (str, int, bool):
            return value
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, (PartialDate, decimal.Decimal)):
            return str(value)
        if isinstance(value, (tuple, list)):
            return [self.unstructure(item) for item in value]
        kind = type(value)
        defaults = self._defaults.get(kind)
        if defaults is None:
            if not attrs.has(kind):
                raise TypeError(f"no JSON shape for {kind.__name__}: {value!r}")
            # The record classes' defaults are constants (None, (), False), never factories.
            defaults = self._defaults[kind] = tuple(
                (f.name, f.default) for f in attrs.fields(kind) if f.init
            )
        shape = {}
        for name, default in defaults:
            item = getattr(value, name)
            if item is not default and item != default:
                shape[name] = self.unstructure(item)
        return shape


converter = Converter()


def to_dict(record: Record) -> dict[str, Any]:
    """The JSON-ready dict of a record (the form the bundled files hold)."""
    if not isinstance(record, RECORD_TYPES):
        raise TypeError(f"expected a mena-tip record, not {type(record).__name__}: {shown(record)}")
    result: dict[str, Any] = converter.unstructure(record)
    return result


R = TypeVar("R", bound=Record)


@overload
def from_dict(data: dict[str, Any]) -> Record: ...
@overload
def from_dict(data: dict[str, Any], kind: type[R]) -> R: ...
def from_dict(data: dict[str, Any], kind: type[Any] | None = None) -> Record:
    """The record a dict describes; its kind comes from ``data["id"]`` unless given.

    Raises :class:`~mena_tip.DataError` naming the record and every field that is wrong.
    """
    if not isinstance(data, dict):
        raise TypeError(f"expected a dict, not {type(data).__name__}: {shown(data)}")
    if kind is not None and not any(kind is known for known in RECORD_TYPES):
        raise TypeError(
            f"kind must be a record class such as mena_tip.Organization, not {shown(kind)}"
        )
    record_id = data.get("id")
    if kind is None:
        if "id" not in data:
            raise DataError(f"a record needs an 'id' to tell its kind; got {shown(data)}")
        try:
            kind = KINDS[record_kind(record_id)]  # type: ignore[arg-type]  # checked there
        except ValueError as error:
            raise DataError(str(error), record=shown(record_id)) from None
    try:
        record: Record = converter.structure(data, kind)
    except Invalid as error:
        raise DataError(str(error), record=_label(record_id)) from None
    return record


def _label(record_id: object) -> str:
    """How an error names a record: by its ID as written, or as shown when it is long or
    no string."""
    if isinstance(record_id, str) and len(record_id) <= 100:
        return record_id
    return shown(record_id)


def to_json(record: Record) -> str:
    """The JSON text of a record: :func:`to_dict` serialised, keys in schema order."""
    return json.dumps(to_dict(record), ensure_ascii=False)


def from_json(text: str | bytes) -> Record:
    """The record a JSON text describes (the inverse of :func:`to_json`)."""
    if not isinstance(text, (str, bytes)):
        raise TypeError(
            f"expected JSON text as str or bytes, not {type(text).__name__}: {shown(text)}"
        )
    try:
        data = json.loads(text)
    except ValueError as error:  # a JSONDecodeError, or bytes that are no UTF-8
        raise DataError(f"not valid JSON ({error}): {shown(text)}") from None
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object (a record), not {shown(text)}")
    if "id" not in data:
        raise DataError(f"a record needs an 'id' to tell its kind; got {shown(text)}")
    return from_dict(data)
