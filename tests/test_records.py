"""mena_tip.records: the schema's validators, derived names, and reference walking."""

from __future__ import annotations

import decimal
import pickle
import re
from collections.abc import Callable
from typing import Any, cast

import attrs
import pytest
from hypothesis import given

import sample
from mena_tip import records
from mena_tip._convert import to_dict
from mena_tip.dates import PartialDate
from mena_tip.records import (
    EXCERPT_LIMIT,
    ID_PATTERN,
    KINDS,
    RECORD_TYPES,
    Assessment,
    Citation,
    Claim,
    Concern,
    Country,
    CriminalJusticeStage,
    Event,
    EventKind,
    EventLink,
    EventRelation,
    Funding,
    Indicator,
    Instrument,
    InstrumentKind,
    Name,
    NameKind,
    Organization,
    OrganizationKind,
    Participation,
    Person,
    Pillar,
    Place,
    Post,
    Programme,
    ProgrammeKind,
    Qualifier,
    Record,
    Role,
    Scope,
    Source,
    SourceKind,
    StateAction,
    StateActionKind,
    Statistic,
    Tier,
    citations,
    record_kind,
    references,
)
from strategies import records as any_records

C = (Citation("source:a", "x"),)

# One minimal record of each kind, made from its ID.
MINIMAL: dict[str, Callable[[str], Record]] = {
    "organization": lambda i: Organization(i, "X", OrganizationKind.NGO, C),
    "person": lambda i: Person(i, "X", C),
    "country": lambda i: Country(i, "X", "XX", "XXX", C),
    "event": lambda i: Event(i, "X", EventKind.MEETING, C),
    "programme": lambda i: Programme(i, "X", ProgrammeKind.PROJECT, C),
    "instrument": lambda i: Instrument(i, "X", InstrumentKind.DECREE, C),
    "funding": lambda i: Funding(i, "country:xx", C),
    "statistic": lambda i: Statistic(i, Indicator.PARTICIPANTS, C),
    "source": lambda i: Source(i, "X", SourceKind.WEB_PAGE, "P", "en"),
    "assessment": lambda i: Assessment(i, "country:xx", 2024, Tier.TIER_1, C),
}


def test_kinds_cover_every_record_type_and_are_read_only() -> None:
    assert set(KINDS) == set(MINIMAL)
    assert tuple(KINDS.values()) == RECORD_TYPES
    assert all(kind == KINDS[kind].KIND for kind in KINDS)
    with pytest.raises(TypeError):
        KINDS["widget"] = Organization  # type: ignore[index]


@pytest.mark.parametrize("kind", sorted(MINIMAL))
def test_every_kind_accepts_its_canonical_ids(kind: str) -> None:
    for slug in ("x", "iom", "un-women", "a1-b2-c3", "2024"):
        record = MINIMAL[kind](f"{kind}:{slug}")
        assert record.id == f"{kind}:{slug}"
        assert record_kind(record.id) == kind


@pytest.mark.parametrize("kind", sorted(MINIMAL))
@pytest.mark.parametrize(
    "bad",
    ["", "x", "{kind}", "{kind}:", "{kind}:IOM", "{kind}:a_b", "{kind}:a--b", "{kind}:-a",
     "{kind}:a-", "{kind}: a", "{kind}:é", " {kind}:a", "{kind}:a ", "{other}:a", "{kind}:a:b"],
)  # fmt: skip
def test_every_kind_rejects_malformed_or_foreign_ids(kind: str, bad: str) -> None:
    other = "person" if kind != "person" else "event"
    record_id = bad.format(kind=kind, other=other)
    with pytest.raises(ValueError, match=re.escape(repr(record_id))):
        MINIMAL[kind](record_id)


@pytest.mark.parametrize("kind", sorted(MINIMAL))
def test_ids_must_be_strings(kind: str) -> None:
    with pytest.raises(ValueError, match="is not a canonical"):
        MINIMAL[kind](None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["", "organization", "widget:x", "Organization:x", "organization:X", None, 5]
)
def test_record_kind_rejects_what_is_no_canonical_id(value: object) -> None:
    with pytest.raises(ValueError, match="not a canonical ID"):
        record_kind(value)  # type: ignore[arg-type]


def test_id_pattern_splits_kind_and_slug() -> None:
    match = ID_PATTERN.fullmatch("organization:un-women")
    assert match is not None
    assert match.group("kind", "slug") == ("organization", "un-women")


@pytest.mark.parametrize("kind", [k for k in sorted(MINIMAL) if k != "source"])
def test_every_record_but_a_source_needs_a_citation(kind: str) -> None:
    record = MINIMAL[kind](f"{kind}:x")
    with pytest.raises(ValueError, match="needs at least one citation"):
        attrs.evolve(cast(Any, record), citations=())


def test_a_source_may_have_no_citations() -> None:
    assert MINIMAL["source"]("source:x").citations == ()


@pytest.mark.parametrize(
    "make",
    [
        lambda: Claim("name", "X", ()),
        lambda: Post("Director", ()),
        lambda: Participation("country:xx", Role.HOST, ()),
        lambda: EventLink(EventRelation.FOLLOWS, "event:x", ()),
        lambda: StateAction("country:xx", StateActionKind.SIGNED, ()),
    ],
)
def test_parts_stating_facts_need_a_citation(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="needs at least one citation"):
        make()


def test_citation_offsets_span_exactly_the_excerpt() -> None:
    assert Citation("source:a", "abc", 5, 8).end == 8
    assert Citation("source:a", "x" * EXCERPT_LIMIT).excerpt == "x" * 200
    assert Citation("source:a", "é", 0, 1).start == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", None, None), "non-empty excerpt"),
        ((" \n\t", None, None), "non-empty excerpt"),
        (("x" * 201, None, None), "at most 200 characters, not 201"),
        (("abc", 5, None), "both start and end offsets or neither"),
        (("abc", None, 8), "both start and end offsets or neither"),
        (("abc", -1, 2), "0 <= start < end"),
        (("abc", 8, 5), "0 <= start < end"),
        (("abc", 5, 5), "0 <= start < end"),
        (("abc", 5, 9), "span exactly the excerpt"),
        (("abc", 0, 2), "span exactly the excerpt"),
    ],
)
def test_citations_reject_bad_excerpts_and_offsets(
    args: tuple[str, int | None, int | None], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Citation("source:a", *args)


@pytest.mark.parametrize("language", ["", "e", "english", "EN", "en_GB", "en-", "en-x", 5])
def test_languages_must_be_bcp47(language: object) -> None:
    with pytest.raises(ValueError, match="language="):
        Name("X", NameKind.VARIANT, language)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="language="):
        Source("source:x", "X", SourceKind.WEB_PAGE, "P", language)  # type: ignore[arg-type]


def test_valid_languages_and_no_language() -> None:
    assert Name("X", NameKind.VARIANT).language is None
    for language in ("en", "ber", "ar-EG", "zh-Hant", "en-GB-oxendict"):
        assert Name("X", NameKind.VARIANT, language).language == language


@pytest.mark.parametrize("currency", ["usd", "US", "USDD", "U$D", 840])
def test_currencies_must_be_iso_4217_shaped(currency: object) -> None:
    with pytest.raises(ValueError, match="currency="):
        Funding("funding:x", "country:xx", C, currency=currency)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("alpha2", "alpha3", "field"),
    [
        ("ma", "MAR", "alpha2"),
        ("MAR", "MAR", "alpha2"),
        ("MA", "MA", "alpha3"),
        ("MA", None, "alpha3"),
    ],
)
def test_country_codes_must_be_iso_3166_shaped(alpha2: str, alpha3: str, field: str) -> None:
    with pytest.raises(ValueError, match=f"{field}="):
        Country("country:ma", "Morocco", alpha2, alpha3, C)


@pytest.mark.parametrize(
    ("kind", "field", "value", "bad"),
    [
        ("organization", "kind", "bogus", "bogus"),
        ("event", "pillars", ("peace",), "peace"),
        ("assessment", "tier", "tier_4", "tier_4"),
    ],
)
def test_code_list_fields_reject_values_outside_their_code_list(
    kind: str, field: str, value: object, bad: str
) -> None:
    # records.py promises that no record "built by a caller can hold a malformed ... code".
    record = MINIMAL[kind](f"{kind}:x")
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        attrs.evolve(cast(Any, record), **{field: value})


def test_code_lists_compare_and_print_as_their_codes() -> None:
    code: str = Role.HOST
    assert code == "host"
    assert str(Role.HOST) == "host"
    assert str(Tier.TIER_2_WATCH_LIST) == "tier_2_watch_list"
    assert OrganizationKind("ngo") is OrganizationKind.NGO


def test_indicators_know_their_criminal_justice_stage() -> None:
    assert Indicator.IDENTIFIED_VICTIMS.stage is CriminalJusticeStage.DETECTED_VICTIMS
    assert Indicator.SHARE_CHILD_VICTIMS.stage is CriminalJusticeStage.DETECTED_VICTIMS
    assert Indicator.PERSONS_ARRESTED.stage is CriminalJusticeStage.SUSPECTED
    assert Indicator.PERSONS_PROSECUTED.stage is CriminalJusticeStage.PROSECUTED
    assert Indicator.PERSONS_CONVICTED.stage is CriminalJusticeStage.CONVICTED
    assert Indicator.PARTICIPANTS.stage is None
    assert Indicator.COUNTRIES_PRESENT.stage is None


def test_every_kind_has_a_name_and_an_acronym_field() -> None:
    by_id: dict[str, Any] = {r.id: r for r in sample.records()}
    country = by_id["country:ma"]
    assert isinstance(country, Country)
    assert (country.name, country.acronym) == ("Morocco", "MAR")
    person = by_id["person:sample-alpha"]
    assert (person.name, person.acronym) == ("Sample Alpha", None)
    event = by_id["event:jtip-launch-rabat"]
    assert (event.name, event.acronym) == ("Launch of the JTIP programme", None)
    assert by_id["source:alpha"].name == "IOM holds a workshop"
    assert by_id["funding:us-grant-jtip"].name == (
        "organization:us-tip-office USD 2,500,000 to organization:iom"
    )
    assert by_id["funding:undated"].name == "organization:unodc to country:ma"
    assert by_id["assessment:eg-2024"].name == "country:eg 2024: tier_2_watch_list"
    assert by_id["statistic:ma-victims-2024"].name == "identified victims at least 474"
    assert by_id["statistic:iom-countries"].name == "countries present exact"


def test_funding_name_without_currency_or_recipient() -> None:
    funding = Funding("funding:x", "country:us", C, amount=decimal.Decimal("1500.5"))
    assert funding.name == "country:us 1,500.5 to unknown"


def test_event_roles_keep_record_order_without_repeats() -> None:
    event = Event(
        "event:x",
        "X",
        EventKind.LAUNCH,
        C,
        participants=(
            Participation("organization:b", Role.FUNDER, C),
            Participation("organization:a", Role.ORGANIZER, C),
            Participation("organization:b", Role.ORGANIZER, C),
            Participation("organization:a", Role.ORGANIZER, C),
            Participation("organization:c", Role.HOST, C),
        ),
    )
    assert event.organizers == ("organization:a", "organization:b")
    assert event.funders == ("organization:b",)
    assert event.with_role(Role.HOST, Role.FUNDER) == ("organization:b", "organization:c")
    assert event.with_role() == ()


def test_citations_walks_every_part_in_field_order() -> None:
    def cite(text: str) -> tuple[Citation, ...]:
        return (Citation("source:a", text),)

    person = Person(
        "person:x",
        "X",
        cite("1"),
        other_names=(Name("Y", NameKind.VARIANT, citations=cite("2")),),
        posts=(Post("Director", cite("3") + cite("4"), attested=(PartialDate(2024),)),),
        claims=(Claim("name", "X", cite("5")),),
    )
    assert [c.excerpt for c in citations(person)] == ["1", "2", "3", "4", "5"]
    assert citations(PartialDate(2024)) == ()
    assert citations(None) == ()
    assert citations(cite("6")[0]) == cite("6")


@given(any_records())
def test_citations_finds_every_citation_object(record: Record) -> None:
    """citations(r) holds exactly the citations of r's JSON form, in field order."""
    found: list[tuple[str, str]] = []

    def walk(value: Any) -> None:  # over to_dict's output: an oracle independent of attrs
        if isinstance(value, dict):
            if {"source", "excerpt"} <= value.keys():
                found.append((value["source"], value["excerpt"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(to_dict(record))
    assert [(c.source, c.excerpt) for c in citations(record)] == found
    assert record.KIND == "source" or citations(record)


def test_references_of_each_kind_name_the_field_and_allowed_kinds() -> None:
    by_id = {r.id: r for r in sample.records()}
    actor = frozenset({"organization", "person", "country"})
    body = frozenset({"organization", "country"})
    org, country, event = frozenset({"organization"}), frozenset({"country"}), frozenset({"event"})
    programme = frozenset({"programme"})
    assert references(by_id["organization:nccpim-tip"]) == (
        ("country", "country:eg", country),
        ("established_by", "instrument:eg-law-64-2010", frozenset({"instrument"})),
    )
    assert references(by_id["organization:iom"]) == ()
    assert references(by_id["person:sample-alpha"]) == (
        ("posts.organization", "organization:iom-cairo-unit", org),
    )
    assert references(by_id["event:cairo-workshop-2024"]) == (
        ("place.country", "country:eg", country),
        ("programme", "programme:rdpp-phase-6", programme),
        ("participants.participant", "organization:iom-cairo-unit", actor),
        ("participants.participant", "country:eg", actor),
        ("participants.participant", "person:sample-alpha", actor),
        ("participants.on_behalf_of", "organization:iom-egypt", body),
    )
    assert references(by_id["event:jtip-launch-rabat"])[-1] == (
        "related.target",
        "event:cairo-workshop-2024",
        event,
    )
    assert references(by_id["event:undated-training"]) == (
        ("participants.participant", "country:ma", actor),
    )
    assert references(by_id["programme:jtip"]) == (
        ("follows", "programme:rdpp", programme),
        ("implementers", "organization:iom", body),
        ("implementers", "organization:unodc", body),
        ("implementers", "organization:cnclt", body),
        ("funders", "organization:us-tip-office", body),
        ("countries", "country:ma", country),
    )
    assert references(by_id["instrument:tip-protocol"]) == (
        ("parent", "instrument:untoc", frozenset({"instrument"})),
        ("actions.country", "country:ma", country),
        ("actions.country", "country:eg", country),
    )
    assert references(by_id["funding:us-grant-jtip"]) == (
        ("donor", "organization:us-tip-office", body),
        ("recipient", "organization:iom", actor),
        ("programme", "programme:jtip", programme),
        ("beneficiaries", "country:ma", country),
        ("event", "event:jtip-launch-rabat", event),
    )
    assert references(by_id["statistic:ma-victims-2024"]) == (
        ("area", "country:ma", country),
        ("reported_by", "person:sample-bravo", actor),
        ("event", "event:jtip-launch-rabat", event),
    )
    assert references(by_id["assessment:ma-2024"]) == (("country", "country:ma", country),)
    assert references(by_id["source:alpha"]) == ()
    assert references(by_id["country:ma"]) == ()


def test_records_and_parts_are_frozen_and_slotted() -> None:
    part = Place("country:ma", "Rabat")
    for value in [*sample.records(), part, C[0], PartialDate(2024)]:
        assert not hasattr(value, "__dict__")
        first = attrs.fields(type(value))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, first, None)


def test_module_exports_its_schema() -> None:
    assert set(records.__all__) <= set(dir(records))
    assert {"Concern", "Qualifier", "Scope"} <= set(records.__all__)
    codes: list[str] = [Concern.SMUGGLING, Qualifier.EXACT, Scope.EVENT]
    assert codes == ["smuggling", "exact", "event"]


def test_collections_given_as_lists_are_kept_as_tuples() -> None:
    # Callers may pass codes as strings and collections as lists (as JSON has them).
    loose: Any = {"kind": "meeting", "pillars": ["protection"], "citations": list(C)}
    participation = Participation("country:xx", cast(Any, "host"), cast(Any, list(C)))
    event = Event("event:x", "X", participants=cast(Any, [participation]), **loose)
    assert event.kind is EventKind.MEETING
    assert event.citations == C
    assert event.pillars == (Pillar.PROTECTION,)
    assert type(event.participants) is tuple
    assert event.participants[0].role is Role.HOST
    assert type(event.participants[0].citations) is tuple


@pytest.mark.parametrize("value", ["organization:a", b"organization:a", {"organization:a": 1}])
def test_a_string_or_mapping_is_no_collection(value: object) -> None:
    with pytest.raises(TypeError, match="expected a list or tuple"):
        Programme("programme:x", "X", ProgrammeKind.PROJECT, C, implementers=cast(Any, value))


def test_each_kind_declares_its_facts_once() -> None:
    """A kind is a str equal to its name, one object per kind, also when unpickled."""
    import pickle

    from mena_tip.records import Organization, lookup_names, sort_key, values_at

    kind = Organization.KIND
    assert kind == "organization"
    assert kind.plural == "organizations"
    assert pickle.loads(pickle.dumps(kind)) is kind
    record = Organization(
        "organization:a",
        "Alpha",
        "ngo",
        [Citation("source:x", "Alpha")],
        acronym="AL",
        country="country:ma",
    )
    assert lookup_names(record) == ("Alpha", "AL")
    assert sort_key(record) == ("organization:a",)
    assert values_at(record, "country") == ("country:ma",)
    assert values_at(record, "parent") == ()


def test_a_kind_unpickles_as_the_kind_itself() -> None:
    """A kind carries its declaration; a pickled one comes back as the same object."""
    for made in KINDS.values():
        kind = pickle.loads(pickle.dumps(made.KIND))
        assert kind is made.KIND
        assert kind.plural == made.KIND.plural
