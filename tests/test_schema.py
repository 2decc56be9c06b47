"""mena_tip._schema: JSON Schemas of the records' JSON form, and the dataset as JSON-LD."""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pyld import jsonld

import mena_tip
import sample
from mena_tip import _schema, dates
from mena_tip._api import to_jsonld
from mena_tip._convert import from_dict, to_dict
from mena_tip._dataset import Dataset
from mena_tip._schema import (
    DECIMAL_PATTERN,
    PARTIAL_DATE_PATTERN,
    URN_PREFIX,
    json_schema,
    json_schemas,
)
from mena_tip.dates import PartialDate
from mena_tip.errors import DataError
from mena_tip.records import (
    ALPHA2,
    ALPHA3,
    CURRENCY,
    EXCERPT_LIMIT,
    KINDS,
    LANGUAGE,
    RECORD_TYPES,
    Citation,
    Event,
    EventKind,
    EventLink,
    EventRelation,
    Funding,
    Matches,
    NoneOr,
    Organization,
    OrganizationKind,
    Place,
    Qualifier,
    Record,
    Role,
    SourceKind,
)
from strategies import DECIMALS, datasets, partial_dates, records

END = r"$(?!\n)"
"""How the schema's patterns end (see _schema._END)."""

VALIDATORS = {kind: Draft202012Validator(schema) for kind, schema in json_schemas().items()}


def errors(record: dict[str, Any], kind: str) -> list[str]:
    """The messages of every way ``record`` breaks the schema of ``kind``."""
    return [error.message for error in VALIDATORS[kind].iter_errors(record)]


def objects(schema: object) -> Iterator[dict[str, Any]]:
    """Every object schema inside a schema, itself included."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield schema
        for value in schema.values():
            yield from objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from objects(value)


# -- the schemas --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_of_every_kind_is_valid_draft_2020_12(kind: str) -> None:
    """Each schema is a valid 2020-12 schema, named and described, closed everywhere."""
    schema = json_schema(kind)
    Draft202012Validator.check_schema(schema)
    record_type = KINDS[kind]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:mena-tip:schema:{kind}"
    assert schema["title"] == record_type.__name__
    first_line = (record_type.__doc__ or "").strip().splitlines()[0]
    assert schema["description"] == first_line.replace("``", "")
    assert schema["required"][0] == "id"
    assert list(schema["properties"]) == [field.name for field in attrs.fields(record_type)]
    found = list(objects(schema))
    assert len(found) > 1  # the record and its parts (citations at least)
    assert all(obj["additionalProperties"] is False for obj in found)
    json.loads(json.dumps(schema))  # plain JSON


def test_schema_by_kind_name_or_class() -> None:
    """A kind is named or given as its class; each call gives a fresh dict."""
    assert json_schema("event") == json_schema(Event)
    assert json_schemas() == {kind: json_schema(kind) for kind in KINDS}
    assert list(json_schemas()) == list(KINDS)
    first = json_schema("event")
    first["$defs"].clear()
    assert json_schema("event")["$defs"]


@pytest.mark.parametrize("kind", ["events", "Event", None, Citation, dict])
def test_schema_of_an_unknown_kind(kind: Any) -> None:
    with pytest.raises(ValueError, match="is not a record kind; expected one of organization"):
        json_schema(kind)


def test_type_mappings() -> None:
    """Codes, dates, decimals, tuples, optional fields, defaults, and the validators' rules."""
    funding = json_schema("funding")
    props, defs = funding["properties"], funding["$defs"]
    assert funding["required"] == ["id", "donor", "citations"]
    assert props["amount"] == {"$ref": "#/$defs/Decimal"}
    assert defs["Decimal"]["pattern"] == DECIMAL_PATTERN
    assert props["date"] == {"$ref": "#/$defs/PartialDate"}
    assert defs["PartialDate"] == {
        "title": "PartialDate",
        "description": "A date known to the year, the month or the day, possibly without its year.",
        "type": "string",
        "pattern": PARTIAL_DATE_PATTERN,
    }
    assert props["qualifier"] == {"$ref": "#/$defs/Qualifier", "default": "exact"}
    assert defs["Qualifier"]["enum"] == [q.value for q in Qualifier]
    assert props["currency"] == {"type": "string", "pattern": f"^(?:{CURRENCY.pattern}){END}"}
    assert props["citations"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Citation"},
        "minItems": 1,
    }
    assert props["id"]["pattern"] == "^(?:funding:(?:[a-z0-9]+(?:-[a-z0-9]+)*))" + END

    citation = defs["Citation"]
    assert citation["properties"]["excerpt"]["maxLength"] == EXCERPT_LIMIT == 200
    assert citation["properties"]["start"] == {"type": "integer", "minimum": 0}
    assert citation["properties"]["end"] == {"type": "integer", "minimum": 1}
    assert citation["dependentRequired"] == {"start": ["end"], "end": ["start"]}

    country = json_schema("country")["properties"]
    assert country["alpha2"]["pattern"] == f"^(?:{ALPHA2.pattern}){END}"
    assert country["alpha3"]["pattern"] == f"^(?:{ALPHA3.pattern}){END}"
    source = json_schema("source")
    assert source["properties"]["language"]["pattern"] == f"^(?:{LANGUAGE.pattern}){END}"
    assert source["properties"]["citations"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Citation"},
        "default": [],
    }
    assert "Name" not in source["$defs"]  # a source has no other names

    assessment = json_schema("assessment")["properties"]
    assert assessment["report_year"] == {"type": "integer"}
    assert assessment["secondary"] == {"type": "boolean", "default": False}
    statistic = json_schema("statistic")["properties"]
    assert statistic["unit"] == {"type": "string", "default": "persons"}
    programme = json_schema("programme")["properties"]
    # References state the kinds their field declares (organization or country here).
    assert programme["funders"] == {
        "type": "array",
        "items": {
            "type": "string",
            "pattern": "^(?:country:(?:[a-z0-9]+(?:-[a-z0-9]+)*)"
            "|organization:(?:[a-z0-9]+(?:-[a-z0-9]+)*))" + END,
        },
        "default": [],
    }
    assert re.search(programme["funders"]["items"]["pattern"], "organization:iom")
    assert not re.search(programme["funders"]["items"]["pattern"], "person:someone")
    instrument = json_schema("instrument")["properties"]
    assert instrument["amended"]["items"] == {"$ref": "#/$defs/PartialDate"}
    # Descriptions are the first paragraph of the docstring, without reST markup.
    assert json_schema("event")["$defs"]["EventLink"]["description"] == (
        "A link from an event to a related one (see EventRelation)."
    )
    assert json_schema("country")["$defs"]["Absence"]["description"] == (
        "A source's statement that a country has no such thing: no law, body or plan of a "
        "Topic, or that it is not party to a treaty."
    )


# -- what validates -----------------------------------------------------------------------


def test_every_bundled_record_validates(bundled: Dataset) -> None:
    """The JSON form of each record of the bundled release validates against its schema."""
    assert len(bundled) > 300
    for record in bundled:
        assert errors(to_dict(record), record.KIND) == [], record.id


def test_every_sample_record_validates() -> None:
    for record in sample.records():
        assert errors(to_dict(record), record.KIND) == [], record.id


@given(records())
def test_generated_records_validate(record: Record) -> None:
    """to_dict of any record the classes accept validates against its kind's schema."""
    shape = json.loads(json.dumps(to_dict(record)))
    assert errors(shape, record.KIND) == []


IOM: dict[str, Any] = to_dict(sample.dataset().get("organization:iom"))
LAUNCH: dict[str, Any] = to_dict(sample.dataset().get("event:jtip-launch-rabat"))
FUNDING: dict[str, Any] = to_dict(sample.dataset().get("funding:us-grant-jtip"))
COUNTRY: dict[str, Any] = to_dict(sample.dataset().get("country:ma"))
SOURCE: dict[str, Any] = to_dict(sample.dataset().get("source:alpha"))


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A change that sets the value at a dotted path ("citations.0.excerpt")."""

    def change(shape: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = shape
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda shape: shape.pop(key) and None


BAD: list[tuple[str, dict[str, Any], Callable[[dict[str, Any]], None]]] = [
    ("unknown field", IOM, _set("website", "https://example.org")),
    ("unknown field in a part", IOM, _set("other_names.0.script", "Latn")),
    ("unknown field in a citation", IOM, _set("citations.0.page", 3)),
    ("bad code", IOM, _set("kind", "agency")),
    ("bad code in a part", LAUNCH, _set("participants.0.role", "sponsor")),
    ("bad code in a list", LAUNCH, _set("pillars.0", "punishment")),
    ("code of another list", LAUNCH, _set("kind", "intergovernmental")),
    ("malformed date", LAUNCH, _set("start", "10/05/2024")),
    ("date with a two-digit year", LAUNCH, _set("start", "24-05")),
    ("date without a year or month", LAUNCH, _set("start", "-")),
    ("year zero", LAUNCH, _set("start", "0000")),
    ("month 13", LAUNCH, _set("start", "2024-13")),
    ("30 February", LAUNCH, _set("start", "--02-30")),
    ("29 February of a common year", LAUNCH, _set("end", "2023-02-29")),
    ("31 April", LAUNCH, _set("end", "2024-04-31?")),
    ("date as a number", LAUNCH, _set("start", 2024)),
    ("over-long excerpt", IOM, _set("citations.0.excerpt", "x" * (EXCERPT_LIMIT + 1))),
    ("blank excerpt", IOM, _set("citations.0.excerpt", " \n ")),
    (
        "start without end",
        IOM,
        _set("citations.0", {"source": "source:alpha", "excerpt": "IOM", "start": 3}),
    ),
    ("negative start", IOM, _set("citations.0.start", -1)),
    ("non-canonical ID", IOM, _set("id", "organization:IOM")),
    ("ID of another kind", IOM, _set("id", "event:iom")),
    ("ID with a trailing hyphen", IOM, _set("id", "organization:iom-")),
    ("ID with a space", IOM, _set("id", "organization:i om")),
    ("ID without a kind", IOM, _set("id", "iom")),
    ("ID with a final newline", IOM, _set("id", "organization:iom\n")),
    ("language with a final newline", IOM, _set("other_names.0.language", "fr\n")),
    ("missing required field", IOM, _drop("name")),
    ("no citations", IOM, _set("citations", [])),
    (
        "claim without citations",
        IOM,
        _set("claims", [{"field": "name", "value": "x", "citations": []}]),
    ),
    ("bad language", IOM, _set("other_names.0.language", "French")),
    ("bad alpha-2 code", COUNTRY, _set("alpha2", "ma")),
    ("bad alpha-3 code", COUNTRY, _set("alpha3", "MA")),
    ("bad currency", FUNDING, _set("currency", "usd")),
    ("amount as a number", FUNDING, _set("amount", 2500000)),
    ("amount not a number", FUNDING, _set("amount", "2.5 million")),
    ("amount infinite", FUNDING, _set("amount", "Infinity")),
    ("boolean as a number", SOURCE, _set("citations.0.start", True)),
    ("list as a string", LAUNCH, _set("pillars", "protection")),
]


@pytest.mark.parametrize(("case", "shape", "change"), BAD, ids=[case for case, _, _ in BAD])
def test_invalid_shapes_fail(
    case: str, shape: dict[str, Any], change: Callable[[dict[str, Any]], None]
) -> None:
    """Each breakage fails the schema, and from_dict rejects it too: the two agree."""
    broken = copy.deepcopy(shape)
    change(broken)
    kind = shape["id"].partition(":")[0]
    assert errors(shape, kind) == []
    assert errors(broken, kind) != []
    with pytest.raises(DataError):
        from_dict(broken, KINDS[kind])


# -- the patterns -------------------------------------------------------------------------


def parses(text: str) -> bool:
    """Whether PartialDate.parse reads ``text`` and writes it back the same."""
    try:
        return str(PartialDate.parse(text)) == text
    except ValueError:
        return False


def test_partial_date_pattern_is_the_parser_exhaustively() -> None:
    """Every month and day from 00 to 32, with and without a year, in leap and common years."""
    years = ["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2023", "2024", "9999"]
    texts = ["", "-", "--", "?", "2024-", "2024--05", "--2024", "-05", "---05", "2024-05-"]
    for year in [*years, "-"]:
        texts.append(year)
        for month in range(14):
            texts.append(f"{year}-{month:02d}")
            texts += [f"{year}-{month:02d}-{day:02d}" for day in range(33)]
    pattern = re.compile(PARTIAL_DATE_PATTERN)
    for text in texts:
        for form in (text, text + "?"):
            assert (pattern.search(form) is not None) == parses(form), form


@given(st.from_regex(dates._PATTERN, fullmatch=True) | st.text("0123456789-?", max_size=12))
@example("2024-02-29")
@example("1900-02-29")
def test_partial_date_pattern_matches_what_parses(text: str) -> None:
    assert (re.search(PARTIAL_DATE_PATTERN, text) is not None) == parses(text)


@given(partial_dates())
def test_every_partial_date_matches(date: PartialDate) -> None:
    assert re.search(PARTIAL_DATE_PATTERN, str(date))


@given(DECIMALS)
def test_every_decimal_matches(number: decimal.Decimal) -> None:
    assert re.search(DECIMAL_PATTERN, str(number))


@pytest.mark.parametrize(
    "text", ["NaN", "-Infinity", "sNaN", "1,000", "", " 1", "1 ", "1e", ".", "1\n", "1_000"]
)
def test_what_is_no_decimal(text: str) -> None:
    assert re.search(DECIMAL_PATTERN, text) is None


@pytest.mark.parametrize("text", ["2024\n", " 2024", "2024 ", "\n--05"])
def test_dates_in_their_written_form_only(text: str) -> None:
    """PartialDate.parse forgives the spaces around a date; the JSON form has none."""
    assert re.search(PARTIAL_DATE_PATTERN, text) is None


# -- how types and validators map, on classes made for the purpose ----------------------


def test_null_is_no_value() -> None:
    """The JSON form leaves out a field at its default of None; the schema wants no null.

    (from_dict reads a null as None all the same: the schema is the stricter here.)
    """
    shape = copy.deepcopy(LAUNCH)
    shape["programme"] = None
    assert errors(shape, "event") == ["None is not of type 'string'"]
    assert to_dict(from_dict(shape)) == {k: v for k, v in LAUNCH.items() if k != "programme"}


def test_unions_of_several_types_are_any_of() -> None:
    @attrs.frozen
    class Mixed:
        """A value that is a number or a text."""

        value: int | str
        maybe: int | str | None = None
        nullable: str | None = attrs.field(kw_only=True)

    schema = _schema._object_schema(Mixed, {})
    assert schema["properties"]["value"] == {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    assert schema["properties"]["maybe"] == schema["properties"]["value"]
    assert schema["properties"]["nullable"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert schema["required"] == ["value", "nullable"]


@attrs.frozen
class Node:
    """A tree."""

    children: tuple[Node, ...] = ()


def test_a_class_that_contains_itself() -> None:
    defs: dict[str, Any] = {}
    assert _schema._type_schema(Node, defs) == {"$ref": "#/$defs/Node"}
    assert defs["Node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert "required" not in defs["Node"]


def test_factory_defaults_are_not_stated() -> None:
    @attrs.frozen
    class Made:
        values: tuple[str, ...] = attrs.field(factory=tuple)

    schema = _schema._object_schema(Made, {})
    assert schema["properties"]["values"] == {"type": "array", "items": {"type": "string"}}
    assert "required" not in schema


@pytest.mark.parametrize("hint", [float, tuple[int, str], dict[str, int], datetime.date])
def test_types_without_a_schema(hint: Any) -> None:
    with pytest.raises(TypeError, match="no JSON Schema for the type"):
        _schema._type_schema(hint, {})


def _unknown_check(instance: object, attribute: object, value: object) -> None:
    """A validator the schema knows nothing of."""


def _closure_over(limit: int) -> Callable[[object, object, object], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        assert limit

    return check


@pytest.mark.parametrize("validator", [_unknown_check, _closure_over(3)])
def test_unknown_validators_are_errors(validator: Any) -> None:
    """A check the schema cannot state fails loudly rather than being left out."""

    @attrs.frozen
    class Checked:
        value: str = attrs.field(validator=validator)

    with pytest.raises(TypeError, match="no JSON Schema rule for the validator"):
        _schema._object_schema(Checked, {})


def test_patterns_are_read_from_the_validators_rules() -> None:
    """Matches(p) and NoneOr(Matches(p)) state their pattern, as any validator its rule."""
    digits = re.compile(r"(?P<all>[0-9]+)")

    @attrs.frozen
    class Coded:
        plain: str = attrs.field(validator=Matches(digits))
        optional: str | None = attrs.field(default=None, validator=NoneOr(Matches(digits)))

    properties = _schema._object_schema(Coded, {})["properties"]
    expected = {"type": "string", "pattern": "^(?:(?:[0-9]+))" + END}
    assert properties["plain"] == expected
    assert properties["optional"] == expected


def test_summaries_without_markup() -> None:
    class Marked:
        """See :class:`~mena_tip.records.Claim` and :func:`mena_tip.coverage`, ``code``.

        Not this paragraph.
        """

    class Bare:
        pass

    assert _schema._summary(Marked) == "See Claim and mena_tip.coverage, code."
    assert _schema._summary(Bare) == ""


# -- JSON-LD ------------------------------------------------------------------------------


def no_remote(url: str, options: object) -> object:
    raise AssertionError(f"tried to load {url}")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The expanded document, offline; fails if any property is dropped as unmapped."""
    dropped: list[str | None] = []
    expanded: list[dict[str, Any]] = jsonld.expand(
        document, {"documentLoader": no_remote}, on_property_dropped=dropped.append
    )
    assert dropped == []
    return expanded


def by_identifier(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The nodes of a document by the mena-tip ID each carries."""
    found = {}
    for node in document["@graph"]:
        identifier = node["identifier"]
        found[identifier if isinstance(identifier, str) else identifier[0]] = node
    return found


def values(node: dict[str, Any], key: str) -> list[Any]:
    """A property's values as plain strings or IDs (language tags and @id wrappers off)."""
    found = node.get(key, [])
    found = found if isinstance(found, list) else [found]
    return [
        value.get("@value", value.get("@id", value)) if isinstance(value, dict) else value
        for value in found
    ]


def iri(record_id: str) -> str:
    return f"mena-tip:{record_id}"


@pytest.fixture(scope="module")
def bundled_jsonld(bundled: Dataset) -> dict[str, Any]:
    return to_jsonld(bundled)


def test_jsonld_of_the_bundled_dataset_expands_offline(
    bundled: Dataset, bundled_jsonld: dict[str, Any]
) -> None:
    """Every record is one node, whose IRI is its ID under urn:mena-tip:."""
    expanded = expand(bundled_jsonld)
    ids = [node["@id"] for node in expanded]
    assert ids == [URN_PREFIX + record.id for record in bundled]
    assert len(set(ids)) == len(bundled)
    iom = next(node for node in expanded if node["@id"] == "urn:mena-tip:organization:iom")
    assert iom["@type"] == ["https://schema.org/Organization"]
    assert iom["https://schema.org/identifier"] == [{"@value": "organization:iom"}]
    assert {"@value": "OIM", "@language": "fr"} in iom["https://schema.org/alternateName"]
    nodes = by_identifier(bundled_jsonld)
    assert list(nodes) == [record.id for record in bundled]
    for record in bundled:
        assert nodes[record.id]["name"] == record.name


def test_jsonld_round_trips_through_json(bundled_jsonld: dict[str, Any]) -> None:
    assert json.loads(json.dumps(bundled_jsonld)) == bundled_jsonld
    text = json.dumps(bundled_jsonld, ensure_ascii=False)
    assert text.count("urn:mena-tip:") == 1  # the prefix, in the context only
    ids = re.findall(r'"@id": "([^"]*)"', text)
    assert len(ids) > len(bundled_jsonld["@graph"])
    # No invented web addresses: records, and the Wikidata entities their sources name.
    assert all(i.startswith(("mena-tip:", "http://www.wikidata.org/entity/Q")) for i in ids)
    assert {"@id": "http://www.wikidata.org/entity/Q472311"} in by_identifier(bundled_jsonld)[
        "organization:iom"
    ]["sameAs"]


def test_jsonld_as_rdf(bundled_jsonld: dict[str, Any]) -> None:
    """Every IRI is absolute: the document converts to N-Quads with our URNs in it."""
    quads: str = jsonld.to_rdf(
        bundled_jsonld, {"format": "application/n-quads", "documentLoader": no_remote}
    )
    assert (
        "<urn:mena-tip:organization:iom> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://schema.org/Organization> ." in quads
    )
    assert '<urn:mena-tip:organization:iom> <https://schema.org/alternateName> "OIM"@fr .' in quads


def test_jsonld_of_the_default_dataset(bundled_jsonld: dict[str, Any]) -> None:
    assert to_jsonld() == bundled_jsonld


def test_jsonld_examples_from_the_bundled_data(bundled_jsonld: dict[str, Any]) -> None:
    nodes = by_identifier(bundled_jsonld)
    assert bundled_jsonld["@context"] == {
        "@vocab": "https://schema.org/",
        "mena-tip": "urn:mena-tip:",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }

    iom = nodes["organization:iom"]
    assert iom["@id"] == "mena-tip:organization:iom"
    assert iom["@type"] == "Organization"
    assert iom["name"] == "International Organization for Migration"
    assert values(iom, "alternateName")[:3] == [
        "IOM",
        "OIM",
        "Organisation internationale pour les migrations",
    ]
    assert {"@value": "OIM", "@language": "fr"} in iom["alternateName"]
    assert "foundingDate" not in iom  # "1951?" in the data: inferred, so left out

    launch = nodes["event:jtip-launch-rabat-2024"]
    assert launch["@type"] == "Event"
    assert launch["startDate"] == launch["endDate"] == "2024-05-10"
    assert launch["location"] == {
        "@type": "Place",
        "name": "Embassy of the United States of America",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Rabat",
            "addressCountry": {"@id": iri("country:ma")},
        },
    }
    assert values(launch, "funder") == [iri("organization:us-tip-office")]
    assert iri("organization:iom") in values(launch, "contributor")  # partners
    assert iri("person:puneet-talwar") in values(launch, "performer")  # chaired, spoke
    assert values(launch, "attendee") == [
        iri(i) for i in ("organization:cnclt", "country:ma", "country:us")
    ]
    assert values(launch, "about") == [iri("programme:jtip")]
    # The sources call the launch's partners partners, not organizers: no organizer.
    assert "organizer" not in launch
    workshop = nodes["event:rdpp-phase-6-regional-workshop-cairo-2024"]
    assert values(workshop, "organizer") == [iri("organization:iom")]
    assert workshop["location"]["address"]["addressLocality"] == "Cairo"
    yearless = nodes["event:rdpp-roundtable-prosecution-egypt"]  # --03-12
    assert "startDate" not in yearless
    assert "endDate" not in yearless

    grant = nodes["funding:us-grant-iom-jtip-2024"]
    assert grant["@type"] == "MonetaryGrant"
    assert grant["funder"] == {"@id": iri("organization:us-tip-office")}
    assert values(grant, "fundedItem") == [iri("organization:iom"), iri("programme:jtip")]
    assert grant["amount"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@value": "2500000", "@type": "xsd:decimal"},
    }

    morocco = nodes["country:ma"]
    assert morocco["@type"] == "Country"
    assert morocco["identifier"] == [
        "country:ma",
        {"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-2", "value": "MA"},
        {"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-3", "value": "MAR"},
    ]

    talwar = nodes["person:puneet-talwar"]
    assert talwar["@type"] == "Person"
    assert talwar["jobTitle"] == [
        "Ambassador of the United States of America to the Kingdom of Morocco"
    ]
    assert values(talwar, "worksFor") == [iri("organization:us-embassy-morocco")]
    assert "honorificPrefix" not in talwar
    assert nodes["person:naela-gabr"]["honorificPrefix"] == ["Ambassador"]  # a rank, no post
    assert "Ambassador" not in nodes["person:naela-gabr"]["jobTitle"]
    assert values(nodes["person:othman-belbeisi"], "worksFor") == [iri("organization:iom")]

    victims = nodes["statistic:ma-identified-victims-2024-05-10"]
    assert victims["@type"] == "Observation"
    assert victims["minValue"] == {"@value": "474", "@type": "xsd:decimal"}  # at least 474
    assert "value" not in victims
    assert victims["observationAbout"] == {"@id": iri("country:ma")}

    types = {node["@type"] for node in bundled_jsonld["@graph"]}
    assert types >= {"Organization", "GovernmentOrganization", "Person", "Country", "Event"}
    assert types >= {"Project", "Legislation", "MonetaryGrant", "Observation", "Review"}
    assert types >= {"WebPage", "NewsArticle", "CreativeWork", "Dataset"}
    laws = [node for node in bundled_jsonld["@graph"] if node["@type"] == "Legislation"]
    assert any("legislationIdentifier" in law and "legislationJurisdiction" in law for law in laws)


def extra_records() -> list[Record]:
    """Records beside the sample's, for the corners of the JSON-LD mapping."""
    w = (Citation("source:web", "a quoted web page"),)
    return [
        Event(
            "event:side-session",
            "Side session",
            EventKind.MEETING,
            w,
            place=Place(),
            related=(
                EventLink(EventRelation.PART_OF, "event:cairo-workshop-2024", w),
                EventLink(EventRelation.SAME_AS, "event:rabat-roundtable", w),
                EventLink(EventRelation.FOLLOWS, "event:yearless-meeting", w),
            ),
        ),
        Event("event:at-a-venue", "At a venue", EventKind.OPENING, w, place=Place(venue="Hall")),
        Funding("funding:in-dollars", "country:us", w, currency="USD"),
        Funding(
            "funding:at-least",
            "country:us",
            w,
            amount=decimal.Decimal("1E+6"),
            qualifier=Qualifier.AT_LEAST,
        ),
        Funding(
            "funding:about",
            "country:us",
            w,
            amount=decimal.Decimal("0.50"),
            qualifier=Qualifier.ABOUT,
        ),
        Organization("organization:an-ngo", "An NGO", OrganizationKind.NGO, w),
    ]


def test_jsonld_corners() -> None:
    """Places with little or nothing known, event links, amounts stated as bounds, types."""
    sample_records = sample.records()
    document = to_jsonld(Dataset([*sample_records, *extra_records()]))
    expand(document)
    nodes = by_identifier(document)

    side = nodes["event:side-session"]
    assert "location" not in side  # Place() says nothing
    assert side["superEvent"] == [{"@id": iri("event:cairo-workshop-2024")}]
    assert side["sameAs"] == [{"@id": iri("event:rabat-roundtable")}]
    assert nodes["event:at-a-venue"]["location"] == {"@type": "Place", "name": "Hall"}
    assert nodes["event:rabat-roundtable"]["location"] == {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Rabat"},
    }
    assert nodes["event:rabat-roundtable"]["startDate"] == "2024"
    assert values(nodes["event:rabat-roundtable"], "organizer") == [iri("organization:unodc")]
    assert "location" not in nodes["event:undated-training"]
    assert "startDate" not in nodes["event:yearless-meeting"]
    assert values(nodes["event:jtip-launch-rabat"], "organizer") == [iri("organization:cnclt")]

    assert nodes["funding:in-dollars"]["amount"] == {"@type": "MonetaryAmount", "currency": "USD"}
    assert nodes["funding:at-least"]["amount"] == {
        "@type": "MonetaryAmount",
        "minValue": {"@value": "1000000", "@type": "xsd:decimal"},
        "description": "at least",
    }
    assert nodes["funding:about"]["amount"] == {
        "@type": "MonetaryAmount",
        "value": {"@value": "0.50", "@type": "xsd:decimal"},
        "description": "about",
    }
    assert "amount" not in nodes["funding:rdpp-phase-6"]  # "about" what? no amount stated
    assert "fundedItem" not in nodes["funding:in-dollars"]

    assert nodes["organization:an-ngo"]["@type"] == "NGO"
    assert nodes["organization:us-state-department"]["@type"] == "GovernmentOrganization"
    assert nodes["organization:iom-egypt"]["parentOrganization"] == {"@id": iri("organization:iom")}
    assert nodes["organization:iom-egypt"]["location"] == {"@id": iri("country:eg")}

    countries = nodes["statistic:iom-countries"]
    assert countries["minValue"] == {"@value": "100", "@type": "xsd:decimal"}
    assert countries["maxValue"] == {"@value": "175", "@type": "xsd:decimal"}
    assert countries["unitText"] == "countries"
    assert "observationAbout" not in countries  # global
    participants = nodes["statistic:cairo-participants"]
    assert participants["value"] == {"@value": "30", "@type": "xsd:decimal"}
    assert participants["observationAbout"] == {"@id": iri("event:cairo-workshop-2024")}

    assert nodes["assessment:eg-2024"]["temporalCoverage"] == "2023-04-01/2024-03-31"
    assert nodes["assessment:eg-2024"]["reviewRating"]["ratingValue"] == "tier_2_watch_list"
    assert "temporalCoverage" not in nodes["assessment:ma-2024"]

    phase = nodes["programme:rdpp-phase-6"]
    assert phase["@type"] == "Project"
    assert phase["description"] == "phase"
    assert phase["parentOrganization"] == {"@id": iri("programme:rdpp")}
    assert phase["foundingDate"] == "2023"
    protocol = nodes["instrument:tip-protocol"]
    assert protocol["isPartOf"] == {"@id": iri("instrument:untoc")}
    law = nodes["instrument:eg-law-64-2010"]
    assert law["legislationIdentifier"] == "Law No. 64 of 2010"
    assert law["legislationDate"] == "2010-05"
    assert law["legislationJurisdiction"] == {"@id": iri("country:eg")}

    alpha = nodes["source:alpha"]
    assert alpha["@type"] == "CreativeWork"  # a press release
    assert "datePublished" not in alpha  # "2024-03-07?": inferred, so left out
    assert alpha["publisher"] == {"@type": "Organization", "name": "IOM"}
    assert nodes["source:web"]["@type"] == "WebPage"

    person = nodes["person:sample-alpha"]
    assert person["jobTitle"] == ["Protection Officer", "Consultant"]
    assert person["worksFor"] == [{"@id": iri("organization:iom-cairo-unit")}]
    assert person["alternateName"] == [{"@value": "Sample Alfa", "@language": "en"}]


def test_every_code_has_a_jsonld_mapping() -> None:
    assert set(_schema._NODES) == set(RECORD_TYPES)
    assert set(_schema._EVENT_ROLES) == set(Role)
    assert set(_schema._SOURCE_TYPES) == set(SourceKind)


def test_jsonld_of_an_empty_dataset() -> None:
    document = to_jsonld(Dataset([]))
    assert document["@graph"] == []
    assert expand(document) == []
    document["@context"]["@vocab"] = "changed"
    assert to_jsonld(Dataset([]))["@context"]["@vocab"] == "https://schema.org/"


@given(datasets())
def test_jsonld_of_generated_datasets(dataset: Dataset) -> None:
    """Any consistent dataset gives a document that expands, one node per record."""
    document = to_jsonld(dataset)
    assert json.loads(json.dumps(document)) == document
    expanded = expand(document)
    assert sorted(node["@id"] for node in expanded) == sorted(URN_PREFIX + r.id for r in dataset)


def test_the_command_line_writes_the_schemas_and_the_jsonld(tmp_path: Path) -> None:
    from mena_tip.cli import main

    assert main(["export", "--format", "json-schema", str(tmp_path / "schemas")]) == 0
    written = sorted(path.name for path in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in KINDS)
    schema = json.loads((tmp_path / "schemas" / "event.schema.json").read_text(encoding="utf-8"))
    assert schema == mena_tip.json_schema("event")
    assert main(["export", "--format", "jsonld", str(tmp_path / "ld")]) == 0
    document = json.loads((tmp_path / "ld" / "mena-tip.jsonld").read_text(encoding="utf-8"))
    assert document == json.loads(json.dumps(mena_tip.to_jsonld()))


def test_the_schema_states_each_schemes_pattern() -> None:
    """A Wikidata QID must look like one, in the schema as in the record class."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema("organization")
    shape = to_dict(next(r for r in sample.records() if r.id == "organization:iom"))
    citation = shape["citations"][0]
    shape["identifiers"] = [{"scheme": "wikidata", "value": "Q472311", "citations": [citation]}]
    jsonschema.validate(shape, schema)
    assert from_dict(shape, Organization).identifiers[0].key == "wikidata:Q472311"
    shape["identifiers"][0]["value"] = "472311"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(shape, schema)
    with pytest.raises(DataError, match="is no wikidata identifier"):
        from_dict(shape)
    shape["identifiers"][0].update(scheme="m49", value="504")
    jsonschema.validate(shape, schema)
