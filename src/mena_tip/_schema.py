"""The records' JSON form as JSON Schema, and the dataset as one JSON-LD document.

:func:`json_schema` describes the JSON form of a record kind (what :func:`~mena_tip.to_dict`
gives and the bundled files hold) as a JSON Schema, draft 2020-12. It is generated from
the record classes: their fields and type hints, their defaults, and the validators that
check a shape (canonical IDs, ISO codes, language tags, excerpt lengths), so it cannot
drift from them. The parts of records (citations, names, claims…), the code lists, partial
dates and decimals are in ``$defs``.

>>> schema = json_schema("organization")
>>> schema["$id"], schema["required"]
('urn:mena-tip:schema:organization', ['id', 'name', 'kind', 'citations'])
>>> schema["$defs"]["OrganizationKind"]["enum"][:3]
['un_agency', 'un_system', 'intergovernmental']

:func:`to_jsonld` gives a dataset as one JSON-LD document in the schema.org vocabulary,
its context inline (nothing is fetched to read it). Each record is one node whose
``@id`` is its ID under the ``urn:mena-tip:`` URN prefix (``organization:iom`` is
``urn:mena-tip:organization:iom``) and whose ``identifier`` is the ID itself. Citations,
claims and the other provenance stay in the JSON form.
"""

from __future__ import annotations

import decimal
import inspect
import json
import os
import re
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._convert import DECIMAL, PARTIAL_DATE, Form, converter, form
from .dates import PartialDate
from .errors import shown
from .records import (
    KINDS,
    RECORD_TYPES,
    Assessment,
    Code,
    Country,
    Event,
    EventRelation,
    Funding,
    IdentifierScheme,
    Instrument,
    Organization,
    OrganizationKind,
    Person,
    Programme,
    Qualifier,
    Record,
    Role,
    Scope,
    Source,
    SourceKind,
    Statistic,
    id_pattern,
    refers,
)

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = [
    "DECIMAL_PATTERN",
    "JSON_SCHEMA_DIALECT",
    "PARTIAL_DATE_PATTERN",
    "URN_PREFIX",
    "WIKIDATA_ENTITY",
    "json_schema",
    "json_schemas",
    "to_jsonld",
    "write_json_schemas",
    "write_jsonld",
]

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every schema :func:`json_schema` gives."""

WIKIDATA_ENTITY: Final = "http://www.wikidata.org/entity/"
"""What a Wikidata QID is prefixed with to make its entity IRI (``sameAs`` in JSON-LD)."""

URN_PREFIX: Final = "urn:mena-tip:"
"""What a record's ID is prefixed with to make its IRI (``urn:mena-tip:organization:iom``)."""

JSON = dict[str, Any]

# -- JSON Schema --------------------------------------------------------------------------

_END: Final = r"$(?!\n)"
"""The end of a pattern: ``$``, and not before a final newline, where Python's ``$`` (which
Python validators use) would match too."""


def _ecma(pattern: str) -> str:
    """A Python pattern meant for fullmatch, as an anchored JSON Schema (ECMA 262) pattern.

    Python's named groups ``(?P<name>...)`` become plain ``(?:...)`` groups; nothing else
    in the records' patterns differs between the two dialects.
    """
    return "^(?:" + re.sub(r"\(\?P<\w+>", "(?:", pattern) + ")" + _END


PARTIAL_DATE_PATTERN: Final = _ecma(PARTIAL_DATE)
"""The JSON Schema pattern of a partial date (see :mod:`mena_tip.dates`)."""

DECIMAL_PATTERN: Final = _ecma(DECIMAL)
"""The JSON Schema pattern of a finite decimal number written as a string ("2.5E+6")."""

_ROLE = re.compile(r":[a-z:]+:`(~?)([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _plain(role: re.Match[str]) -> str:
    tilde, target = role.groups()
    return target.rpartition(".")[2] if tilde else target


def _summary(kind: type) -> str:
    """The first paragraph of a class's docstring, on one line, without reST markup."""
    paragraph = (inspect.getdoc(kind) or "").split("\n\n", 1)[0]
    text = " ".join(paragraph.split())
    return _LITERAL.sub(r"\1", _ROLE.sub(_plain, text))


def _named(kind: Any, found: Form, defs: dict[str, JSON], build: Callable[[], JSON]) -> JSON:
    """A reference to the entry of a named type in ``defs``, made by ``build`` the first
    time; described by its JSON form, or else by its docstring."""
    name = found.name
    assert name is not None
    if name not in defs:
        defs[name] = {}  # taken first, so a class that contains itself ends
        described = found.description or _summary(kind)
        defs[name] = {"title": name, "description": described, **build()}
    return {"$ref": f"#/$defs/{name}"}


def _type_schema(hint: Any, defs: dict[str, JSON]) -> JSON:
    """The schema of a value of type ``hint`` in its JSON form (the converter's
    :func:`~mena_tip._convert.form`); named types go to ``defs``."""
    try:
        found = form(hint)
    except TypeError:
        raise TypeError(f"no JSON Schema for the type {hint!r}") from None
    if found.arms:
        return {"anyOf": [_type_schema(arm, defs) for arm in found.arms]}
    if found.optional:
        # X | None is X: a field at its default of None is left out of the JSON form.
        hint = next(arm for arm in typing.get_args(hint) if arm is not type(None))
    if found.json == "array":
        return {"type": "array", "items": _type_schema(found.item, defs)}
    if found.json == "object":
        return _named(hint, found, defs, lambda: _object_schema(hint, defs))
    schema: JSON = {"type": found.json}
    if found.codes:
        schema["enum"] = list(found.codes)
    if found.pattern:
        schema["pattern"] = _ecma(found.pattern)
    if found.name is None:
        return schema
    return _named(hint, found, defs, lambda: schema)


Rule = tuple[JSON, JSON, dict[str, JSON]]
"""What a validator adds: to its field's schema, to the object's, and to other fields'."""


def _validator_rule(kind: type, name: str, validator: object) -> Rule:
    """The JSON Schema keywords that say what ``validator`` checks (its ``constraints``)."""
    if validator is None:
        return {}, {}, {}
    constraints = getattr(validator, "constraints", None)
    if constraints is None:
        # A new check the schema cannot state: say so rather than describe less than it.
        raise TypeError(f"no JSON Schema rule for the validator {validator!r} of {kind.__name__}")
    own: JSON = dict(constraints(kind))
    whole: JSON = {}
    if "pattern" in own:
        own["pattern"] = _ecma(own["pattern"])
    together = own.pop("requiredTogether", ())
    if together:
        whole["dependentRequired"] = {
            name: [other for other in together if other != name] for name in together
        }
    cases = own.pop("cases", None)
    if cases is not None:
        field, patterns = cases
        whole["allOf"] = [
            {
                "if": {"properties": {field: {"const": value}}, "required": [field]},
                "then": {"properties": {name: {"pattern": _ecma(pattern)}}},
            }
            for value, pattern in patterns.items()
        ]
    return own, whole, dict(own.pop("siblings", {}))


def _object_schema(kind: type, defs: dict[str, JSON]) -> JSON:
    """The schema of an attrs class's JSON form: one property per field."""
    hints = typing.get_type_hints(kind)
    properties: dict[str, JSON] = {}
    required: list[str] = []
    whole: JSON = {}
    others: dict[str, JSON] = {}
    for field in attrs.fields(kind):
        hint = hints[field.name]
        own, on_object, on_others = _validator_rule(kind, field.name, field.validator)
        schema = {**_type_schema(hint, defs), **own}
        kinds = refers(field)
        if kinds is not None:  # IDs of the kinds the field declares it refers to
            ids = {"pattern": _ecma("|".join(id_pattern(k) for k in sorted(kinds)))}
            if schema.get("type") == "array":
                schema["items"] = {**schema["items"], **ids}
            else:
                schema.update(ids)
        default = field.default
        if default is attrs.NOTHING:
            # Always in the JSON form; as null when it may be None (no record has such a
            # field: each that may be None defaults to None, and is then left out).
            required.append(field.name)
            if form(hint).optional:
                schema = {"anyOf": [schema, {"type": "null"}]}
        elif default is not None and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            schema["default"] = converter.unstructure(default)
        properties[field.name] = schema
        whole.update(on_object)
        others.update(on_others)
    for name, keywords in others.items():
        properties[name].update(keywords)
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return {**schema, "additionalProperties": False, **whole}


def _record_type(kind: str | type[Record]) -> type[Record]:
    if isinstance(kind, type) and kind in RECORD_TYPES:
        return kind
    if isinstance(kind, str) and kind in KINDS:
        return KINDS[kind]
    raise ValueError(f"kind={shown(kind)} is not a record kind; expected one of {', '.join(KINDS)}")


def json_schema(kind: str | type[Record]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON form of one record kind.

    ``kind`` is a kind name (``"organization"``) or a record class. Every object in it
    forbids properties it does not list; fields left at their default, which the JSON form
    omits, are not required. A fresh dict each call: change it at will. Raises ValueError
    naming ``kind`` when it is none of these.
    """
    record_type = _record_type(kind)
    defs: dict[str, JSON] = {}
    body = _object_schema(record_type, defs)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"{URN_PREFIX}schema:{record_type.KIND}",
        "title": record_type.__name__,
        "description": _summary(record_type),
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every record kind, by kind name (in :data:`~mena_tip.KINDS` order)."""
    return {kind: json_schema(kind) for kind in KINDS}


# -- JSON-LD ------------------------------------------------------------------------------

_PREFIX: Final = "mena-tip"
_CONTEXT: Final = {
    "@vocab": "https://schema.org/",
    _PREFIX: URN_PREFIX,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_ORGANIZATION_TYPES: Final = {
    OrganizationKind.GOVERNMENT: "GovernmentOrganization",
    OrganizationKind.GOVERNMENT_BODY: "GovernmentOrganization",
    OrganizationKind.MINISTRY: "GovernmentOrganization",
    OrganizationKind.NATIONAL_COORDINATING_BODY: "GovernmentOrganization",
    OrganizationKind.EMBASSY: "GovernmentOrganization",
    OrganizationKind.NGO: "NGO",
    OrganizationKind.MEDIA: "NewsMediaOrganization",
}
"""schema.org types more specific than Organization; other kinds are Organization."""

_EVENT_ROLES: Final = {
    Role.ORGANIZER: "organizer",
    Role.CO_ORGANIZER: "organizer",
    Role.HOST: "organizer",
    Role.FUNDER: "funder",
    Role.PARTNER: "contributor",  # a partner is not said to have organized the event
    Role.OPENED: "performer",
    Role.CHAIRED: "performer",
    Role.SPOKE: "performer",
    Role.ATTENDED: "attendee",
    Role.PARTICIPANT: "attendee",
    Role.TRAINER: "performer",
    Role.TRAINEE: "attendee",
}
"""The schema.org property of an event that lists the participants in each role."""

_SOURCE_TYPES: Final = {
    SourceKind.NEWS_ARTICLE: "NewsArticle",
    SourceKind.PRESS_RELEASE: "CreativeWork",  # schema.org has no press release type
    SourceKind.WEB_PAGE: "WebPage",
    SourceKind.DATASET: "Dataset",
}

_BOUNDS: Final = {
    Qualifier.AT_LEAST: "minValue",
    Qualifier.MORE_THAN: "minValue",
    Qualifier.AT_MOST: "maxValue",
    Qualifier.LESS_THAN: "maxValue",
}
"""Where a figure stated as a bound goes (an exact or approximate one is the ``value``)."""


def _words(code: Code) -> str:
    return str(code).replace("_", " ")


def _iri(record_id: str) -> str:
    return f"{_PREFIX}:{record_id}"


def _link(record_id: str | None) -> JSON | None:
    return None if record_id is None else {"@id": _iri(record_id)}


def _links(record_ids: Iterable[str | None]) -> list[JSON]:
    unique = dict.fromkeys(record_id for record_id in record_ids if record_id is not None)
    return [{"@id": _iri(record_id)} for record_id in unique]


def _iso_date(date: PartialDate | None) -> str | None:
    """An ISO 8601 date as precise as the partial date; None without a year, and None
    for an inferred date: schema.org cannot mark one as inferred, and a reader of the
    JSON-LD would take it as stated."""
    if date is None or date.year is None or date.inferred:
        return None
    return str(date)


def _number(value: decimal.Decimal | None) -> JSON | None:
    """An exact decimal literal (never an exponent: xsd:decimal has none)."""
    return None if value is None else {"@value": format(value, "f"), "@type": "xsd:decimal"}


def _alternate_names(record: Record, *first: str | None) -> list[str | JSON]:
    """Other names as strings, or language-tagged strings when their language is known."""
    found: dict[tuple[str, str | None], str | JSON] = {}
    for text in first:
        if text:
            found.setdefault((text, None), text)
    for name in getattr(record, "other_names", ()):
        value = (
            name.text
            if name.language is None
            else {"@value": name.text, "@language": name.language}
        )
        found.setdefault((name.text, name.language), value)
    return list(found.values())


def _node(record: Record, kind: str, **properties: object) -> JSON:
    """A node: its IRI, type and mena-tip identifier, then the properties that have values,
    and ``sameAs`` the Wikidata entities of its identifiers."""
    node: JSON = {"@id": _iri(record.id), "@type": kind, "identifier": record.id}
    node.update((key, value) for key, value in properties.items() if value not in (None, [], {}))
    same = [
        {"@id": WIKIDATA_ENTITY + found.value}
        for found in getattr(record, "identifiers", ())
        if found.scheme is IdentifierScheme.WIKIDATA
    ]
    if same:
        node["sameAs"] = same
    return node


def _organization(record: Organization) -> JSON:
    return _node(
        record,
        _ORGANIZATION_TYPES.get(record.kind, "Organization"),
        name=record.name,
        alternateName=_alternate_names(record, record.acronym),
        parentOrganization=_link(record.parent),
        location=_link(record.country),
        foundingDate=_iso_date(record.founded),
    )


def _person(record: Person) -> JSON:
    # Posts are titles on the dates sources attest, not terms of office: every title and
    # every organization, without pairing them or claiming they are current.
    return _node(
        record,
        "Person",
        name=record.name,
        alternateName=_alternate_names(record),
        jobTitle=list(dict.fromkeys(post.title for post in record.posts)),
        worksFor=_links(post.organization for post in record.posts),
        honorificPrefix=list(dict.fromkeys(rank.title for rank in record.ranks)),
    )


def _country(record: Country) -> JSON:
    node = _node(record, "Country", name=record.name, alternateName=_alternate_names(record))
    node["identifier"] = [
        record.id,
        {"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-2", "value": record.alpha2},
        {"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-3", "value": record.alpha3},
    ]
    return node


def _jsonld_place(record: Event) -> JSON | None:
    if record.place is None:
        return None
    address = {
        key: value
        for key, value in (
            ("addressLocality", record.place.city),
            ("addressCountry", _link(record.place.country)),
        )
        if value is not None
    }
    place: JSON = {"@type": "Place"}
    if record.place.venue is not None:
        place["name"] = record.place.venue
    if address:
        place["address"] = {"@type": "PostalAddress", **address}
    return place if len(place) > 1 else None  # Place() says nothing


def _event(record: Event) -> JSON:
    roles: dict[str, list[str]] = {}
    for participation in record.participants:
        roles.setdefault(_EVENT_ROLES[participation.role], []).append(participation.participant)
    related: dict[EventRelation, list[str]] = {}
    for link in record.related:
        related.setdefault(link.relation, []).append(link.target)
    return _node(
        record,
        "Event",
        name=record.title,
        alternateName=_alternate_names(record),
        startDate=_iso_date(record.start),
        endDate=_iso_date(record.end),
        location=_jsonld_place(record),
        about=_link(record.programme),
        superEvent=_links(related.get(EventRelation.PART_OF, ())),
        sameAs=_links(related.get(EventRelation.SAME_AS, ())),
        **{prop: _links(ids) for prop, ids in sorted(roles.items())},
    )


def _programme(record: Programme) -> JSON:
    # A schema.org Project ("an enterprise planned to achieve a particular aim"): a
    # programme, a project, a phase, and also a national plan or strategy as a course of
    # action. Implementers have no Project property and are left out.
    draft = "draft " if record.draft else ""
    return _node(
        record,
        "Project",
        name=record.name,
        alternateName=_alternate_names(record, record.acronym),
        description=f"{draft}{_words(record.kind)}",
        parentOrganization=_link(record.parent),
        funder=_links(record.funders),
        areaServed=_links(record.countries),
        foundingDate=_iso_date(record.start),
        dissolutionDate=_iso_date(record.end),
    )


def _instrument(record: Instrument) -> JSON:
    return _node(
        record,
        "Legislation",
        name=record.name,
        alternateName=_alternate_names(record, record.acronym),
        legislationType=_words(record.kind),
        legislationIdentifier=record.number,
        legislationJurisdiction=_link(record.jurisdiction),
        legislationDate=_iso_date(record.adopted or record.promulgated),
        datePublished=_iso_date(record.published),
        isPartOf=_link(record.parent),
    )


def _funding(record: Funding) -> JSON:
    amount: JSON | None = None
    if record.amount is not None or record.currency is not None:
        amount = {"@type": "MonetaryAmount"}
        if record.currency is not None:
            amount["currency"] = record.currency
        if record.amount is not None:
            amount[_BOUNDS.get(record.qualifier, "value")] = _number(record.amount)
            if record.qualifier is not Qualifier.EXACT:
                amount["description"] = _words(record.qualifier)
    return _node(
        record,
        "MonetaryGrant",
        name=record.name,
        description=record.purpose,
        funder=_link(record.donor),
        # fundedItem: what the grant funds, the recipient and the programme alike.
        fundedItem=_links((record.recipient, record.programme)),
        amount=amount,
        subjectOf=_link(record.event),
    )


def _statistic(record: Statistic) -> JSON:
    about = record.event if record.scope is Scope.EVENT else record.area
    scope = "" if record.scope is None else f", {_words(record.scope)} scope"
    counted = record.population or record.unit
    figure: JSON = {}
    if record.value is not None:
        figure[_BOUNDS.get(record.qualifier, "value")] = _number(record.value)
    if record.low is not None:
        figure["minValue"] = _number(record.low)
    if record.high is not None:
        figure["maxValue"] = _number(record.high)
    return _node(
        record,
        "Observation",
        name=record.name,
        description=(
            f"{_words(record.indicator)} ({counted}){scope}, stated as {_words(record.qualifier)}"
        ),
        variableMeasured=_words(record.indicator),
        observationAbout=_link(about),
        unitText=record.unit,
        **figure,
    )


def _source(record: Source) -> JSON:
    return _node(
        record,
        _SOURCE_TYPES[record.kind],
        name=record.title,
        url=record.url,
        publisher={"@type": "Organization", "name": record.publisher},
        inLanguage=record.language,
        datePublished=_iso_date(record.published),
    )


def _assessment(record: Assessment) -> JSON:
    # A schema.org Review of the country, rated with its tier.
    period = (_iso_date(record.period_from), _iso_date(record.period_until))
    return _node(
        record,
        "Review",
        name=record.name,
        description=(
            f"{_words(record.tier)} in the US Trafficking in Persons Report {record.report_year}"
        ),
        itemReviewed=_link(record.country),
        reviewRating={"@type": "Rating", "ratingValue": record.tier.value},
        datePublished=str(record.report_year),
        temporalCoverage=None if period == (None, None) else "/".join(d or ".." for d in period),
    )


_NODES: Final[dict[type, Callable[[Any], JSON]]] = {
    Organization: _organization,
    Person: _person,
    Country: _country,
    Event: _event,
    Programme: _programme,
    Instrument: _instrument,
    Funding: _funding,
    Statistic: _statistic,
    Source: _source,
    Assessment: _assessment,
}


def to_jsonld(dataset: Dataset) -> dict[str, Any]:
    """``dataset`` as one JSON-LD document in schema.org terms (see
    :func:`mena_tip.to_jsonld`)."""
    return {
        "@context": dict(_CONTEXT),
        "@graph": [_NODES[type(record)](record) for record in dataset],
    }


def write_jsonld(directory: str | os.PathLike[str], dataset: Dataset) -> list[Path]:
    """Write :func:`to_jsonld` of the dataset to ``mena-tip.jsonld`` in ``directory``
    (made if missing); return the path written. Raises as :func:`~mena_tip.write_csv`."""
    from ._export import folder_to_write, unwritable

    text = json.dumps(to_jsonld(dataset), ensure_ascii=False, indent=1)
    path = folder_to_write(directory) / "mena-tip.jsonld"
    try:
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise unwritable(directory, error) from None
    return [path]


def write_json_schemas(directory: str | os.PathLike[str], dataset: Dataset) -> list[Path]:
    """Write the JSON Schema of each record kind to ``<kind>.schema.json`` in ``directory``
    (made if missing); return the paths written. ``dataset`` is accepted and ignored, so
    every writer has the same signature: the schemas are those of the package. Raises as
    :func:`~mena_tip.write_csv`."""
    from ._export import folder_to_write, unwritable

    folder = folder_to_write(directory)
    written = []
    for kind, schema in json_schemas().items():
        path = folder / f"{kind}.schema.json"
        try:
            path.write_text(
                json.dumps(schema, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        except OSError as error:
            raise unwritable(directory, error) from None
        written.append(path)
    return written
