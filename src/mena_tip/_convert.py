"""The one cattrs converter: every record's JSON shape is decided here.

Dates are ISO strings (see :mod:`mena_tip.dates`), amounts are decimal strings (exact, as
the source gives them), code lists are their codes, tuples are lists, and fields left at
their default are omitted so the bundled files stay small and diffs stay readable.
Structuring is strict: unknown keys and values of the wrong JSON type are errors, never
coerced.
"""

from __future__ import annotations

import decimal
import json
import typing
from typing import Any, TypeVar, overload

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory

from .dates import PartialDate
from .errors import DataError
from .records import KINDS, RECORD_TYPES, Record, _Code, record_kind

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")


def _strict(kind: type[T]) -> Any:
    def structure(value: object, _: object) -> T:
        # bool is an int in Python, but never a valid int here.
        if type(value) is not kind:
            raise TypeError(f"expected a JSON {kind.__name__}, got {value!r}")
        return value

    return structure


def _structure_date(value: object, _: object) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"expected a date string, got {value!r}")
    return PartialDate.parse(value)


def _structure_decimal(value: object, _: object) -> decimal.Decimal:
    if not isinstance(value, str):
        raise TypeError(f"expected a decimal number as a string, got {value!r}")
    try:
        number = decimal.Decimal(value)
    except decimal.InvalidOperation:
        raise ValueError(f"not a decimal number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite decimal number: {value!r}")
    return number


def _structure_code(value: object, kind: type[_Code]) -> _Code:
    try:
        return kind(value)
    except ValueError:
        codes = ", ".join(member.value for member in kind)
        raise ValueError(
            f"{value!r} is not a valid {kind.__name__}; expected one of {codes}"
        ) from None


def _describe(error: BaseException, kind: type | None) -> str:
    # cattrs' generic wording hides what our hooks say about the value; keep ours.
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(map(str, error.extra_fields)))}"
    return str(error)


def _is_tuple(kind: Any) -> bool:
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(kind: Any, made: cattrs.Converter) -> Any:
    # cattrs would make a tuple of any iterable: "abc" would become ("a", "b", "c").
    structure = homogenous_tuple_structure_factory(kind, made)

    def strict(value: object, target: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a JSON list, got {value!r}")
        result: tuple[Any, ...] = structure(value, target)
        return result

    return strict


def _make() -> cattrs.Converter:
    made = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    for kind in (str, int, bool):
        made.register_structure_hook(kind, _strict(kind))
    made.register_structure_hook_factory(_is_tuple, _tuple_hook)
    # Registered by class (singledispatch), so they win over the str hooks for code lists.
    made.register_structure_hook(_Code, _structure_code)
    made.register_unstructure_hook(_Code, lambda code: code.value)
    made.register_structure_hook(PartialDate, _structure_date)
    made.register_unstructure_hook(PartialDate, str)
    made.register_structure_hook(decimal.Decimal, _structure_decimal)
    made.register_unstructure_hook(decimal.Decimal, str)
    return made


converter = _make()


def to_dict(record: Record) -> dict[str, Any]:
    """The JSON-ready dict of a record (the form the bundled files hold)."""
    if not isinstance(record, RECORD_TYPES):
        raise TypeError(f"expected a mena-tip record, not {type(record).__name__}: {record!r}")
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
        raise TypeError(f"expected a dict, not {type(data).__name__}: {data!r}")
    record_id = data.get("id")
    if kind is None:
        try:
            kind = KINDS[record_kind(record_id)]  # type: ignore[arg-type]  # checked there
        except ValueError as error:
            raise DataError(str(error), record=repr(record_id)) from None
    try:
        record: Record = converter.structure(data, kind)
    except cattrs.BaseValidationError as error:
        problems = "; ".join(cattrs.transform_error(error, format_exception=_describe))
        raise DataError(problems, record=str(record_id)) from None
    except (TypeError, ValueError) as error:
        raise DataError(str(error), record=str(record_id)) from None
    return record


def to_json(record: Record) -> str:
    """The JSON text of a record: :func:`to_dict` serialised, keys in schema order."""
    return json.dumps(to_dict(record), ensure_ascii=False)


def from_json(text: str | bytes) -> Record:
    """The record a JSON text describes (the inverse of :func:`to_json`)."""
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"expected JSON text as str or bytes, not {type(text).__name__}: {text!r}")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise DataError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object (a record), not {text!r}")
    return from_dict(data)
