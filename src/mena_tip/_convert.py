"""The one converter between records and JSON, built on cattrs: every JSON form is here.

The JSON quirks, each one hook (registered in :func:`_configure`), strict both ways:

- ``str``, ``int``, ``bool``: only that JSON type; nothing is coerced (``1`` is no str,
  ``true`` no int, ``"1"`` no int).
- ``tuple[X, ...]`` (and ``list[X]``): a JSON list only, never a string or an object read
  as a sequence; written as a list.
- :class:`~mena_tip.PartialDate`: its ISO string (see :mod:`mena_tip.dates`).
- :class:`decimal.Decimal`: a decimal number as a string, exact as the source gives it,
  and finite.
- code lists (:class:`~mena_tip.records.Code`) and ``Literal``: one of their codes.
- ``X | None``: null or X.
- attrs classes: a JSON object with one key per field; unknown keys are errors; fields at
  their default are left out when written, so the bundled files stay small and diffs stay
  readable.

Structuring a valid value runs cattrs' generated functions without bookkeeping. When it
fails, the value is structured again with cattrs' detailed validation, so that every
problem is reported at once, each with its path (``$.citations[0].excerpt``), as
:class:`Invalid`.

:func:`form` tells the JSON form of a type, which the JSON Schema and the CSV columns read
instead of deciding it again.
"""

from __future__ import annotations

import decimal
import functools
import json
import types
import typing
from collections.abc import Callable
from typing import Any, Final, Literal, TypeVar, overload

import attrs
import cattrs
from cattrs.cols import list_structure_factory
from cattrs.errors import CattrsError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from .dates import PartialDate
from .errors import DataError, shown
from .records import KINDS, RECORD_TYPES, Code, Record, record_kind

__all__ = [
    "DECIMAL",
    "PARTIAL_DATE",
    "Form",
    "Invalid",
    "converter",
    "form",
    "from_dict",
    "from_json",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

# -- the JSON forms ---------------------------------------------------------------------

# PartialDate.parse accepts exactly the strings this matches (tests check it against the
# parser): years 0001-9999, months 01-12, days that exist in their month, 29 February in
# leap years and in dates without a year; a final ? marks an inferred date.
_YEAR = "(?!0000)[0-9]{4}"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH = "(?:0[1-9]|1[0-2])"
_MONTH_DAY = (
    "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    "|(?:0[13-9]|1[0-2])-(?:29|30)"
    "|(?:0[13578]|1[02])-31)"
)
PARTIAL_DATE: Final = (
    f"(?:{_YEAR}(?:-(?:{_MONTH}|{_MONTH_DAY}))?"
    f"|{_LEAP_YEAR}-02-29"
    f"|--(?:{_MONTH}|{_MONTH_DAY}|02-29))\\??"
)
"""The pattern (matched whole) of a partial date's JSON form."""

DECIMAL: Final = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
"""The pattern (matched whole) of a decimal's JSON form: a finite number as a string."""


@attrs.frozen
class Form:
    """The JSON form of a type, as the schemas and the CSV columns describe it.

    ``json`` is the JSON type (``string``, ``integer``, ``boolean``, ``array``,
    ``object``); ``cell`` the Table Schema type of a CSV cell holding it (decimals are
    numbers there, arrays and objects JSON text); ``name`` the type's name where it has
    one of its own (a code list, a part, ``PartialDate``).
    """

    json: str
    cell: str
    name: str | None = None
    description: str | None = None  #: of a named type; its docstring's, when None
    cell_description: str | None = None  #: of a CSV cell holding it, when it needs one
    pattern: str | None = None  #: matched whole
    codes: tuple[str, ...] = ()
    item: Any = None  #: the type of an array's items
    arms: tuple[Any, ...] = ()  #: the types of a union, one of which a value is
    optional: bool = False  #: None is a value too (written as null, or left out)


_STRING: Final = Form("string", "string")
_PRIMITIVES: Final = {
    str: _STRING,
    int: Form("integer", "integer"),
    bool: Form("boolean", "boolean"),
    PartialDate: Form(
        "string",
        "string",
        "PartialDate",
        cell_description="A partial date, as precise as the source: YYYY, YYYY-MM, "
        "YYYY-MM-DD, or --MM-DD and --MM when the year is not stated; a trailing ? marks a "
        "date inferred, not stated.",
        pattern=PARTIAL_DATE,
    ),
    decimal.Decimal: Form(
        "string",
        "number",
        "Decimal",
        "A finite decimal number written as a string, exact as stated.",
        "An exact decimal, as the source states it.",
        DECIMAL,
    ),
}


@functools.cache
def form(hint: Any) -> Form:
    """The JSON form of a type; TypeError for a type that has none."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        arms = tuple(arg for arg in args if arg is not type(None))
        optional = len(arms) < len(args)
        if len(arms) == 1:  # X | None
            return attrs.evolve(form(arms[0]), optional=optional)
        for arm in arms:
            form(arm)
        return Form("union", "string", arms=arms, optional=optional)
    if origin in (tuple, list) and len(args) == (2 if origin is tuple else 1):
        if origin is list or args[1] is Ellipsis:
            form(args[0])  # the items must have a form too
            return Form("array", "array", item=args[0])
    elif origin is Literal and all(type(arg) is str for arg in args):
        return attrs.evolve(_STRING, codes=args)
    elif hint in _PRIMITIVES:
        return _PRIMITIVES[hint]
    elif isinstance(hint, type) and issubclass(hint, Code):
        return Form("string", "string", hint.__name__, codes=tuple(c.value for c in hint))
    elif isinstance(hint, type) and attrs.has(hint):
        return Form("object", "object", hint.__name__)
    raise TypeError(f"no JSON shape for {hint!r}")


# -- hooks ----------------------------------------------------------------------------------


class _Wrong(ValueError):
    """A JSON value of the wrong form; its message says what was expected."""


def _strict(kind: type) -> Callable[[object, Any], object]:
    name = kind.__name__

    def structure(value: object, _: Any) -> object:
        if type(value) is not kind:  # bool is an int in Python, but never a JSON int
            raise _Wrong(f"expected a JSON {name}, got {shown(value)}")
        return value

    return structure


def _structure_date(value: object, _: Any) -> PartialDate:
    if not isinstance(value, str):
        raise _Wrong(f"expected a date string, got {shown(value)}")
    return PartialDate.parse(value)  # its ValueError says what is wrong


def _decimal(value: object, _: Any) -> decimal.Decimal:
    if not isinstance(value, str):
        raise _Wrong(f"expected a decimal number as a string, got {shown(value)}")
    try:
        number = decimal.Decimal(value)
    except decimal.InvalidOperation:
        raise _Wrong(f"not a decimal number: {shown(value)}") from None
    if not number.is_finite():
        raise _Wrong(f"not a finite decimal number: {shown(value)}")
    return number


def _code(value: object, kind: type[Code]) -> Code:
    try:
        return kind(value)
    except ValueError:
        codes = ", ".join(member.value for member in kind)
        raise _Wrong(
            f"{shown(value)} is not a valid {kind.__name__}; expected one of {codes}"
        ) from None


def _literal(value: object, kind: Any) -> object:
    options = typing.get_args(kind)
    if type(value) is not str or value not in options:
        raise _Wrong(f"{shown(value)} is not one of {', '.join(map(repr, options))}")
    return value


def _is_literal(kind: Any) -> bool:
    origin: object = typing.get_origin(kind)
    return origin is Literal


def _is_sequence(kind: Any) -> bool:
    return typing.get_origin(kind) in (tuple, list)


def _configure(made: cattrs.Converter) -> cattrs.Converter:
    """Register the hooks of the JSON forms (see the module docs) on a converter."""
    for kind in (str, int, bool):
        made.register_structure_hook(kind, _strict(kind))
    made.register_structure_hook(PartialDate, _structure_date)
    made.register_structure_hook(decimal.Decimal, _decimal)
    made.register_structure_hook(Code, _code)  # before str: a code list is a str subclass
    made.register_structure_hook_func(_is_literal, _literal)

    def sequence(kind: Any) -> Callable[[object, Any], object]:
        # cattrs' own list hook (with its per-index error notes), for JSON lists only.
        items = list_structure_factory(
            typing.cast(type, types.GenericAlias(list, typing.get_args(kind)[:1])), made
        )
        wanted = typing.get_origin(kind)

        def structure(value: object, _: Any) -> object:
            if type(value) is not list:
                raise _Wrong(f"expected a JSON list, got {shown(value)}")
            found = items(value, list)
            return found if wanted is list else tuple(found)

        return structure

    def record(kind: type) -> Callable[[object, Any], object]:
        generated: Callable[[Any, Any], object] = make_dict_structure_fn(kind, made)

        def structure(value: object, _: Any) -> object:
            if type(value) is not dict:
                raise _Wrong(f"expected a JSON object, got {shown(value)}")
            return generated(value, kind)

        return structure

    made.register_structure_hook_factory(_is_sequence, sequence)
    made.register_structure_hook_factory(attrs.has, record)
    made.register_unstructure_hook(PartialDate, str)
    made.register_unstructure_hook(decimal.Decimal, str)
    made.register_unstructure_hook(Code, lambda code: code.value)
    made.register_unstructure_hook_func(
        lambda t: t in (tuple, list) or _is_sequence(t),
        lambda items: [made.unstructure(item) for item in items],
    )
    made.register_unstructure_hook_factory(
        attrs.has, lambda kind: make_dict_unstructure_fn(kind, made, _cattrs_omit_if_default=True)
    )
    return made


# -- errors ------------------------------------------------------------------------------


class Invalid(ValueError):
    """Every problem of a JSON value: ``(what, where)`` pairs, where is a path below the
    value such as ``".citations[0].excerpt"`` (empty for the value itself)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{what} @ ${where}" for what, where in problems))


def _problem_text(error: BaseException, _: object) -> str:
    """How a problem is said: the message of the hook or validator that found it."""
    if isinstance(error, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(map(str, error.extra_fields)))}"
    if isinstance(error, KeyError):
        return "required field missing"
    return str(error)


def _problems(error: BaseException) -> list[tuple[str, str]]:
    found = []
    for line in cattrs.transform_error(error, "$", _problem_text):
        what, _, where = line.rpartition(" @ $")
        found.append((what, where))
    return found


class Converter:
    """Structures JSON values into records and their parts, and back (see the module)."""

    def __init__(self) -> None:
        self._fast = _configure(cattrs.Converter(forbid_extra_keys=True, detailed_validation=False))
        self._detailed = _configure(
            cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
        )

    def structure(self, value: object, kind: Any) -> Any:
        """The value of type ``kind`` that JSON ``value`` describes; raise :class:`Invalid`
        listing every problem, or TypeError for a type with no JSON form."""
        form(kind)
        try:
            return self._fast.structure(value, kind)
        except (ValueError, TypeError, KeyError, CattrsError):
            pass
        try:
            self._detailed.structure(value, kind)
        except (ValueError, TypeError, KeyError, CattrsError) as error:
            raise Invalid(_problems(error)) from None
        # Both converters share their hooks: what fails in one fails in the other.
        raise AssertionError("detailed structuring succeeded where it failed")  # pragma: no cover

    def unstructure(self, value: object) -> Any:
        """The JSON value of ``value``: fields at their default left out, in field order."""
        if value is not None and not isinstance(value, (str, int, list, tuple)):
            try:
                form(typing.cast(Any, type(value)))
            except TypeError:
                raise TypeError(
                    f"no JSON shape for {type(value).__name__}: {shown(value)}"
                ) from None
        return self._fast.unstructure(value)


converter: Final = Converter()
"""The package's converter."""


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
        raise DataError(str(error), record=_record_label(record_id)) from None
    return record


def _record_label(record_id: object) -> str:
    """How an error names a record: by its ID as written, or as shown when it is long or
    no string."""
    if isinstance(record_id, str) and len(record_id) <= 100:
        return record_id
    return shown(record_id)


def to_json(record: Record) -> str:
    """The JSON text of a record: :func:`to_dict` serialised, keys in field order."""
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
