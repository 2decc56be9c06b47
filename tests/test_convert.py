"""mena_tip._convert: every record's JSON shape, its round trip, and strict structuring."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sample
from mena_tip._convert import Invalid, converter, from_dict, from_json, to_dict, to_json
from mena_tip.dates import PartialDate
from mena_tip.errors import DataError
from mena_tip.records import KINDS, Citation, Event, Funding, Organization
from strategies import PARTS, records_of

SAMPLE = {record.id: record for record in sample.records()}


def sample_dicts() -> list[tuple[str, dict[str, Any]]]:
    return [(record_id, to_dict(record)) for record_id, record in sorted(SAMPLE.items())]


@pytest.mark.parametrize("kind", sorted(KINDS))
@given(data=st.data())
def test_round_trip_of_every_kind(kind: str, data: st.DataObject) -> None:
    """from_dict(to_dict(r)) == r, through JSON text, for records of every kind."""
    record = data.draw(records_of(kind))
    shape = json.loads(json.dumps(to_dict(record)))
    assert from_dict(shape) == record
    assert from_dict(shape, type(record)) == record
    assert to_dict(from_dict(shape)) == shape
    assert from_json(to_json(record)) == record
    assert from_json(to_json(record).encode("utf-8")) == record


@pytest.mark.parametrize("part", list(PARTS), ids=lambda part: part.__name__)
@given(data=st.data())
def test_round_trip_of_every_part(part: type, data: st.DataObject) -> None:
    """Every part of a record (dates too) survives unstructuring, JSON and structuring."""
    value = data.draw(PARTS[part])
    assert isinstance(value, part)
    shape = json.loads(json.dumps(converter.unstructure(value)))
    assert converter.structure(shape, part) == value


@pytest.mark.parametrize("kind", sorted(KINDS))
@given(data=st.data())
def test_shape_omits_defaults_and_keeps_schema_order(kind: str, data: st.DataObject) -> None:
    """to_dict leaves out fields at their default and lists the rest in schema order."""
    record = data.draw(records_of(kind))
    shape = to_dict(record)
    fields = attrs.fields(type(record))
    names = [f.name for f in fields]
    assert list(shape) == [name for name in names if name in shape]
    for field in fields:
        if field.name not in shape:
            assert getattr(record, field.name) == field.default


def test_json_shape_of_a_funding() -> None:
    funding = SAMPLE["funding:us-grant-jtip"]
    assert to_dict(funding) == {
        "id": "funding:us-grant-jtip",
        "donor": "organization:us-tip-office",
        "citations": [{"source": "source:web", "excerpt": "a quoted web page"}],
        "recipient": "organization:iom",
        "amount": "2500000",
        "currency": "USD",
        "date": "2024-05-10?",
        "purpose": "protection of victims",
        "programme": "programme:jtip",
        "beneficiaries": ["country:ma"],
        "event": "event:jtip-launch-rabat",
    }
    assert json.loads(to_json(funding)) == to_dict(funding)


def test_json_shape_of_parts_and_codes() -> None:
    shape = to_dict(SAMPLE["event:cairo-workshop-2024"])
    assert shape["kind"] == "workshop"
    assert shape["start"] == "2024-03-05"
    assert shape["place"] == {"country": "country:eg", "city": "Cairo"}
    assert shape["participants"][2] == {
        "participant": "person:sample-alpha",
        "role": "spoke",
        "citations": [attrs.asdict(sample.C[0])],
        "as_written": "Ms. Alpha",
        "on_behalf_of": "organization:iom-egypt",
    }
    assert shape["concerns"] == ["trafficking", "smuggling"]
    assert to_dict(SAMPLE["assessment:ma-2025"])["inferred"] is True
    assert to_dict(SAMPLE["assessment:ma-2025"])["report_year"] == 2025


def test_to_json_keeps_non_ascii_text() -> None:
    assert "المغرب" in to_json(SAMPLE["country:ma"])


@pytest.mark.parametrize("value", [Citation("source:a", "x"), {"id": "organization:x"}, None, "x"])
def test_to_dict_rejects_what_is_no_record(value: object) -> None:
    with pytest.raises(TypeError, match="expected a mena-tip record"):
        to_dict(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_json(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, [], "organization:x", 5])
def test_from_dict_rejects_what_is_no_dict(value: object) -> None:
    with pytest.raises(TypeError, match="expected a dict"):
        from_dict(value)  # type: ignore[call-overload]


def _wrong_values(value: object) -> list[object]:
    """JSON values of the wrong type for a field that holds ``value``."""
    if isinstance(value, bool):
        return [1, "true", None]
    if isinstance(value, int):
        return [True, "2024", 2024.0, None]
    if isinstance(value, str):
        return [5, True, ["x"], {"x": 1}]
    if isinstance(value, list):
        return ["abc", 5]
    assert isinstance(value, dict)
    return [["x"], "x", 5]


def _first_of_each_field() -> dict[tuple[str, str], tuple[str, object]]:
    """For each kind and field, the first sample record that has it, and its value."""
    found: dict[tuple[str, str], tuple[str, object]] = {}
    for record_id, shape in sample_dicts():
        for field, value in shape.items():
            found.setdefault((record_id.partition(":")[0], field), (record_id, value))
    return found


WRONG_TYPES = [
    (record_id, field, wrong)
    for (_, field), (record_id, value) in _first_of_each_field().items()
    if field != "id"
    for wrong in _wrong_values(value)
]


@pytest.mark.parametrize(("record_id", "field", "wrong"), WRONG_TYPES)
def test_wrong_json_types_are_data_errors_naming_record_and_field(
    record_id: str, field: str, wrong: object
) -> None:
    shape = to_dict(SAMPLE[record_id])
    shape[field] = wrong
    with pytest.raises(DataError) as caught:
        from_dict(shape)
    assert caught.value.record == record_id
    assert record_id in str(caught.value)
    assert f"$.{field}" in str(caught.value) or f"{field}=" in str(caught.value)


@pytest.mark.parametrize(
    ("path", "wrong", "message"),
    [
        (("citations", 0, "start"), True, "expected a JSON int, got True"),
        (("citations", 0, "start"), "4", "expected a JSON int, got '4'"),
        (("citations", 0, "excerpt"), 5, "expected a JSON str"),
        (("participants", 0, "role"), "boss", "'boss' is not a valid Role"),
        (("participants", 0, "citations"), [], "needs at least one citation"),
        (("place", "city"), ["Cairo"], "expected a JSON str"),
        (("pillars", 0), "peace", "'peace' is not a valid Pillar"),
        (("start",), "2024-13-45", "not a date: '2024-13-45'"),
        (("start",), "2023-02-29", "not a date: '2023-02-29'"),
        (("start",), 2024, "expected a date string, got 2024"),
        (("kind",), "webinar", "expected one of roundtable, workshop"),
        (("kind",), 3, "3 is not a valid EventKind"),
    ],
)
def test_nested_problems_name_their_path(
    path: tuple[str | int, ...], wrong: object, message: str
) -> None:
    shape = to_dict(SAMPLE["event:cairo-workshop-2024"])
    target: Any = shape
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = wrong
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        from_dict(shape)
    assert caught.value.record == "event:cairo-workshop-2024"
    assert "$." + ".".join(str(p) for p in path if isinstance(p, str)).split(".")[0] in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("field", "wrong", "message"),
    [
        ("amount", 2500000, "expected a decimal number as a string"),
        ("amount", 2.5, "expected a decimal number as a string"),
        ("amount", "2.5 million", "not a decimal number: '2.5 million'"),
        ("amount", "NaN", "not a finite decimal number"),
        ("amount", "-Infinity", "not a finite decimal number"),
        ("amount", "sNaN", "not a finite decimal number"),
        ("currency", "usd", "currency='usd'"),
        ("qualifier", "roughly", "'roughly' is not a valid Qualifier"),
        ("date", "yesterday", "not a date: 'yesterday'"),
        ("date", "", "not a date: ''"),
    ],
)
def test_bad_amounts_codes_and_dates(field: str, wrong: object, message: str) -> None:
    shape = to_dict(SAMPLE["funding:us-grant-jtip"])
    shape[field] = wrong
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        from_dict(shape)
    assert caught.value.record == "funding:us-grant-jtip"


def test_unknown_keys_are_named() -> None:
    shape = to_dict(SAMPLE["organization:iom"])
    shape["headquarters"] = "Geneva"
    shape["zeal"] = 1
    with pytest.raises(DataError, match=r"unknown field\(s\) headquarters, zeal") as caught:
        from_dict(shape)
    assert caught.value.record == "organization:iom"
    shape = to_dict(SAMPLE["organization:iom"])
    shape["other_names"][0]["script"] = "Latn"
    with pytest.raises(DataError, match=r"unknown field\(s\) script @ \$\.other_names\[0\]"):
        from_dict(shape)


def test_every_wrong_field_is_reported_at_once() -> None:
    shape = to_dict(SAMPLE["organization:iom"])
    del shape["name"]
    shape["kind"] = "club"
    shape["acronym"] = 5
    with pytest.raises(DataError) as caught:
        from_dict(shape)
    message = str(caught.value)
    assert "required field missing @ $.name" in message
    assert "'club' is not a valid OrganizationKind" in message
    assert "$.acronym" in message


def test_validators_run_when_structuring() -> None:
    shape = to_dict(SAMPLE["organization:iom"])
    shape["citations"] = []
    with pytest.raises(DataError, match="needs at least one citation"):
        from_dict(shape)
    shape = to_dict(SAMPLE["organization:iom"])
    shape["citations"][0]["end"] = 99
    with pytest.raises(DataError, match=r"span exactly the excerpt @ \$\.citations\[0\]"):
        from_dict(shape)


@pytest.mark.parametrize(
    "record_id",
    [
        "Organization:iom",
        "organization:IOM",
        "organization",
        "widget:x",
        "",
        None,
        5,
        "organization:a_b",
    ],
)
def test_malformed_ids_are_data_errors_naming_the_id(record_id: object) -> None:
    shape = to_dict(SAMPLE["organization:iom"])
    shape["id"] = record_id
    with pytest.raises(DataError, match="canonical") as caught:
        from_dict(shape)
    assert caught.value.record == repr(record_id)
    with pytest.raises(DataError, match=r"\bid\b"):
        from_dict(shape, Organization)


def test_missing_id_is_a_data_error() -> None:
    shape = to_dict(SAMPLE["organization:iom"])
    del shape["id"]
    with pytest.raises(
        DataError, match=re.escape("a record needs an 'id' to tell its kind; got {'name'")
    ):
        from_dict(shape)
    shape["id"] = None
    with pytest.raises(DataError, match="not a canonical ID: None"):
        from_dict(shape)


def test_an_id_of_another_kind_is_rejected_when_the_kind_is_given() -> None:
    shape = to_dict(SAMPLE["funding:undated"])
    shape["id"] = "organization:iom"
    with pytest.raises(DataError, match="is not a canonical funding ID") as caught:
        from_dict(shape, Funding)
    assert caught.value.record == "organization:iom"


def test_from_dict_does_not_change_its_argument() -> None:
    shape = to_dict(SAMPLE["event:jtip-launch-rabat"])
    kept = copy.deepcopy(shape)
    from_dict(shape)
    assert shape == kept


def test_from_json_reports_bad_json_and_bad_types() -> None:
    with pytest.raises(DataError, match="not valid JSON"):
        from_json('{"id": "organization:iom",')
    with pytest.raises(DataError, match="not valid JSON"):
        from_json(b"\xff\xfe")
    with pytest.raises(TypeError, match="expected JSON text as str or bytes"):
        from_json(5)  # type: ignore[arg-type]
    with pytest.raises(DataError, match="expected a JSON object"):
        from_json("[]")


def test_partial_dates_structure_from_iso_text_only() -> None:
    shape = to_dict(SAMPLE["event:yearless-meeting"])
    assert shape["start"] == "--05-16"
    record = from_dict(shape, Event)
    assert record.start == PartialDate(None, 5, 16)
    assert from_dict(shape) == record


def test_a_kind_that_is_no_record_class_is_refused() -> None:
    shape = to_dict(SAMPLE["organization:iom"])
    with pytest.raises(TypeError, match=r"kind must be a record class .* not <class 'mena_tip"):
        from_dict(shape, PartialDate)  # type: ignore[type-var]


def test_keys_that_are_no_strings_are_data_errors() -> None:
    # JSON never has them, but from_dict takes any dict; it promises a DataError.
    shape: dict[Any, Any] = to_dict(SAMPLE["organization:iom"])
    shape[5] = "five"
    with pytest.raises(DataError, match="unknown field"):
        from_dict(shape)


def test_types_without_a_json_shape_are_refused() -> None:
    with pytest.raises(TypeError, match="no JSON shape for"):
        converter.structure([1], set[int])
    with pytest.raises(TypeError, match="no JSON shape for object"):
        converter.unstructure(object())


def test_every_problem_of_a_list_is_reported_with_its_index() -> None:
    citation = {"source": "source:a", "excerpt": "x"}
    with pytest.raises(Invalid) as caught:
        converter.structure([citation, {"source": 1, "excerpt": "y"}, 5], tuple[Citation, ...])
    assert caught.value.problems == [
        ("expected a JSON str, got 1", "[1].source"),
        ("expected a JSON object, got 5", "[2]"),
    ]
    assert str(caught.value).startswith("expected a JSON str, got 1 @ $[1].source; ")


def test_forms_of_types() -> None:
    """The JSON form of each type the records use, which the schemas and columns read."""
    from typing import Literal

    from mena_tip._convert import PARTIAL_DATE, form
    from mena_tip.records import Role

    assert form(str).json == "string"
    assert form(int | None).optional
    assert form(Literal["a", "b"]).codes == ("a", "b")
    assert form(Role).codes == tuple(role.value for role in Role)
    assert form(tuple[PartialDate, ...]).item is PartialDate
    assert form(list[Citation]).json == "array"
    assert form(PartialDate).pattern == PARTIAL_DATE
    assert form(int | str).arms == (int, str)
    assert form(int | str | None).optional
    with pytest.raises(TypeError, match="no JSON shape for"):
        form(tuple[int, str])
    with pytest.raises(TypeError, match="no JSON shape for"):
        form(Literal[1])


def test_lists_come_from_json_lists_only() -> None:
    citation = {"source": "source:a", "excerpt": "x"}
    assert converter.structure([citation], list[Citation]) == [Citation("source:a", "x")]
    with pytest.raises(Invalid, match="expected a JSON list"):
        converter.structure({"source": "source:a"}, list[Citation])
