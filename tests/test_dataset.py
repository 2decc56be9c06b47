"""mena_tip._dataset: integrity, lookups by ID and name, and every filter against brute force.

The brute-force filters below are written from the docstrings of :class:`Dataset`, not
from its code: sub-units are found by walking each record's chain of parents, and the
date filters keep only what is certain.
"""

from __future__ import annotations

import datetime
import re
import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mena_tip
import sample
from helpers import lookup_names
from mena_tip import _api
from mena_tip._bundle import RegisterEntry, write
from mena_tip._dataset import Dataset
from mena_tip.dates import PartialDate
from mena_tip.errors import (
    AmbiguousIdentifier,
    DataError,
    IdentifierRedirected,
    UnknownIdentifier,
    WithdrawnIdentifier,
)
from mena_tip.names import normalize
from mena_tip.records import (
    ID_PATTERN,
    KINDS,
    Assessment,
    Concern,
    Country,
    Event,
    EventKind,
    Funding,
    Grouping,
    Indicator,
    Instrument,
    InstrumentKind,
    Organization,
    OrganizationKind,
    Person,
    Pillar,
    Post,
    Programme,
    ProgrammeKind,
    Record,
    Source,
    SourceKind,
    Statistic,
    Tier,
    citations,
    references,
)
from strategies import Parts, dataset_parts, date_likes, perturbed

# -- the documented semantics, by brute force -------------------------------------------


def date_key(date: PartialDate | None) -> tuple[Any, ...]:
    """Dates with a year by earliest, latest, stated first; then yearless; then undated."""
    if date is None:
        return (2,)
    if date.year is None:
        return (1, date.month, date.day or 0, date.inferred)
    return (0, date.earliest, date.latest, date.inferred)


def documented_order(record: Record) -> tuple[Any, ...]:
    if isinstance(record, Event):
        return (date_key(record.start), date_key(record.end), record.id)
    if isinstance(record, Funding):
        return (date_key(record.date), record.id)
    if isinstance(record, Statistic):
        return (date_key(record.reported), record.id)
    if isinstance(record, Assessment):
        return (record.country, record.report_year, record.id)
    return (record.id,)


class Brute:
    """Every record of a dataset, and the filters as their docstrings describe them."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.by_id: dict[str, Any] = {r.id: r for r in records}

    def all(self, kind: type[Any]) -> list[Any]:
        return [r for r in self.by_id.values() if isinstance(r, kind)]

    def ids(self, kind: str) -> list[str]:
        return sorted(i for i, r in self.by_id.items() if kind == r.KIND)

    def ancestors(self, record_id: str) -> list[str]:
        chain: list[str] = []
        parent = getattr(self.by_id.get(record_id), "parent", None)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = getattr(self.by_id.get(parent), "parent", None)
        return chain

    def within(self, record_id: str | None, root: str, subunits: bool) -> bool:
        """Is the record the root, or (with ``subunits``) under it by its parents?"""
        if record_id is None:
            return False
        return record_id == root or (subunits and root in self.ancestors(record_id))

    @staticmethod
    def actors(event: Event) -> set[str]:
        return {p.participant for p in event.participants} | {
            p.on_behalf_of for p in event.participants if p.on_behalf_of
        }

    def select(self, kind: type[Any], test: Callable[[Any], bool]) -> tuple[Any, ...]:
        return tuple(sorted((r for r in self.all(kind) if test(r)), key=documented_order))

    def events(self, **f: Any) -> tuple[Event, ...]:
        since = None if f.get("since") is None else PartialDate.coerce(f["since"]).earliest
        until = None if f.get("until") is None else PartialDate.coerce(f["until"]).latest
        subunits = f.get("include_subunits", True)

        def test(e: Event) -> bool:
            acts = self.actors(e)
            held = e.place.country if e.place else None
            finish = e.end or e.start
            return all(
                [
                    f.get("country") is None or f["country"] in acts or held == f["country"],
                    f.get("organization") is None
                    or any(self.within(a, f["organization"], subunits) for a in acts),
                    f.get("person") is None or f["person"] in acts,
                    f.get("programme") is None or self.within(e.programme, f["programme"], True),
                    f.get("kind") is None or e.kind == f["kind"],
                    f.get("pillar") is None or f["pillar"] in e.pillars,
                    f.get("concern") is None or f["concern"] in e.concerns,
                    since is None
                    or (
                        (e.start is not None and e.start.year is not None)
                        and e.start.earliest is not None
                        and e.start.earliest >= since
                    ),
                    until is None
                    or (
                        (finish is not None and finish.latest is not None)
                        and finish.latest <= until
                    ),
                ]
            )

        return self.select(Event, test)

    def organizations(self, **f: Any) -> tuple[Organization, ...]:
        def test(o: Organization) -> bool:
            programme = self.by_id[f["programme"]] if f.get("programme") else None
            return all(
                [
                    f.get("kind") is None or o.kind == f["kind"],
                    f.get("country") is None or o.country == f["country"],
                    f.get("parent") is None or o.parent == f["parent"],
                    f.get("event") is None or o.id in self.actors(self.by_id[f["event"]]),
                    not isinstance(programme, Programme)
                    or o.id in programme.implementers + programme.funders,
                ]
            )

        return self.select(Organization, test)

    def persons(self, **f: Any) -> tuple[Person, ...]:
        subunits = f.get("include_subunits", True)

        def at(post: Post) -> bool:
            return f.get("organization") is None or self.within(
                post.organization, f["organization"], subunits
            )

        return self.select(
            Person,
            lambda p: (
                (any(at(post) for post in p.posts) if f.get("organization") is not None else True)
                and (f.get("event") is None or p.id in self.actors(self.by_id[f["event"]]))
                and (not f.get("head") or any(post.head and at(post) for post in p.posts))
            ),
        )

    def in_country(self, record_id: str | None, country: str) -> bool:
        """Is the record the country, or an organization based there, or under one?"""
        chain = [record_id, *self.ancestors(record_id)] if record_id else []
        return record_id == country or any(
            isinstance(self.by_id.get(x), Organization) and self.by_id[x].country == country
            for x in chain
        )

    def countries(self, **f: Any) -> tuple[Country, ...]:
        def present(event: Event) -> set[str]:
            held = {event.place.country} if event.place and event.place.country else set()
            return self.actors(event) | held

        return self.select(
            Country,
            lambda c: (
                (f.get("grouping") is None or f["grouping"] in c.groupings)
                and (f.get("event") is None or c.id in present(self.by_id[f["event"]]))
            ),
        )

    def programmes(self, **f: Any) -> tuple[Programme, ...]:
        subunits = f.get("include_subunits", True)
        return self.select(
            Programme,
            lambda p: (
                (f.get("kind") is None or p.kind == f["kind"])
                and (f.get("country") is None or f["country"] in p.countries)
                and (
                    f.get("organization") is None
                    or any(
                        self.within(x, f["organization"], subunits)
                        for x in p.implementers + p.funders
                    )
                )
                and (f.get("parent") is None or p.parent == f["parent"])
            ),
        )

    def instruments(self, **f: Any) -> tuple[Instrument, ...]:
        return self.select(
            Instrument,
            lambda i: (
                (f.get("kind") is None or i.kind == f["kind"])
                and (
                    f.get("country") is None
                    or i.jurisdiction == f["country"]
                    or any(a.country == f["country"] for a in i.actions)
                )
                and (f.get("parent") is None or i.parent == f["parent"])
            ),
        )

    def fundings(self, **f: Any) -> tuple[Funding, ...]:
        subunits = f.get("include_subunits", True)
        return self.select(
            Funding,
            lambda g: all(
                [
                    f.get("donor") is None or self.within(g.donor, f["donor"], subunits),
                    f.get("recipient") is None
                    or self.within(g.recipient, f["recipient"], subunits),
                    f.get("organization") is None
                    or any(
                        self.within(x, f["organization"], subunits) for x in (g.donor, g.recipient)
                    ),
                    f.get("country") is None
                    or any(self.in_country(x, f["country"]) for x in (g.donor, g.recipient))
                    or f["country"] in g.beneficiaries,
                    f.get("programme") is None or self.within(g.programme, f["programme"], True),
                    f.get("event") is None or g.event == f["event"],
                ]
            ),
        )

    def statistics(self, **f: Any) -> tuple[Statistic, ...]:
        return self.select(
            Statistic,
            lambda s: (
                (f.get("indicator") is None or s.indicator == f["indicator"])
                and (f.get("country") is None or s.area == f["country"])
                and (f.get("reported_by") is None or s.reported_by == f["reported_by"])
                and (f.get("event") is None or s.event == f["event"])
            ),
        )

    def sources(self, **f: Any) -> tuple[Source, ...]:
        cited = None
        if f.get("record") is not None:
            cited = {c.source for c in citations(self.by_id[f["record"]])}
        return self.select(
            Source,
            lambda s: (
                (f.get("kind") is None or s.kind == f["kind"]) and (cited is None or s.id in cited)
            ),
        )

    def assessments(self, **f: Any) -> tuple[Assessment, ...]:
        return self.select(
            Assessment,
            lambda a: (
                (f.get("country") is None or a.country == f["country"])
                and (f.get("tier") is None or a.tier == f["tier"])
                and (f.get("year") is None or a.report_year == f["year"])
            ),
        )


def assert_immutable(value: object) -> None:
    """No list, dict or set anywhere in a record, and no attribute can be set."""
    assert not isinstance(value, (list, dict, set))
    if isinstance(value, tuple):
        for item in value:
            assert_immutable(item)
    elif attrs.has(type(value)):
        assert not hasattr(value, "__dict__")
        fields = attrs.fields(cast(Any, type(value)))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, fields[0].name, None)
        for field in fields:
            assert_immutable(getattr(value, field.name))


# -- drawing filter arguments -------------------------------------------------------------


def maybe(data: st.DataObject, strategy: st.SearchStrategy[Any]) -> Any:
    """None (no filter) half of the time, else a value of ``strategy``."""
    return data.draw(st.none() | strategy)


def key_of(data: st.DataObject, brute: Brute, kind: str) -> str | None:
    """A record ID of ``kind`` to filter by, or None."""
    ids = brute.ids(kind)
    return maybe(data, st.sampled_from(ids)) if ids else None


def code_of(data: st.DataObject, codes: Any) -> Any:
    """A code, as a member or as its string, or None."""
    return maybe(
        data, st.sampled_from(list(codes)).flatmap(lambda c: st.sampled_from([c, c.value]))
    )


def as_key(data: st.DataObject, brute: Brute, record_id: str | None) -> Any:
    """The filter value for an ID: the ID itself or the record."""
    if record_id is None:
        return None
    return data.draw(st.sampled_from([record_id, brute.by_id[record_id]]))


def call_both(
    data: st.DataObject,
    dataset: Dataset,
    brute: Brute,
    method: str,
    keys: dict[str, str | None],
    **other: Any,
) -> None:
    """Call one filter of the dataset and of the brute force with the same arguments."""
    given_keys = {name: as_key(data, brute, value) for name, value in keys.items()}
    found = getattr(dataset, method)(**given_keys, **other)
    expected = getattr(brute, method)(**keys, **other)
    assert type(found) is tuple
    assert [r.id for r in found] == [r.id for r in expected]
    assert found == expected


# -- integrity ----------------------------------------------------------------------------


@given(dataset_parts())
def test_ids_are_unique_canonical_and_found(parts: Parts) -> None:
    """Every record has a unique canonical ID of its own kind, and get(ID) is the record."""
    dataset = parts.dataset()
    ids = [r.id for r in dataset]
    assert len(ids) == len(set(ids)) == len(parts.records) == len(dataset)
    for record in dataset:
        match = ID_PATTERN.fullmatch(record.id)
        assert match is not None
        assert match.group("kind") == record.KIND
        assert record.id in dataset
        assert dataset.get(record.id) is record
        assert dataset.resolve(record) is record
        assert dataset.resolve(record.id) is record
        assert dataset.resolve(record.id, record.KIND) is record
        assert dataset.resolve(record.id, type(record)) is record


@given(dataset_parts())
def test_every_reference_resolves_to_an_allowed_kind(parts: Parts) -> None:
    """Each reference names a record of a kind it may name; each citation a source."""
    dataset = parts.dataset()
    for record in dataset:
        for _, target, kinds in references(record):
            assert dataset.get(target).KIND in kinds
        for citation in citations(record):
            assert isinstance(dataset.get(citation.source), Source)


@given(dataset_parts())
def test_iteration_is_by_kind_then_in_each_kinds_order(parts: Parts) -> None:
    """The dataset iterates by kind in KINDS order, each kind in its documented order."""
    dataset = parts.dataset()
    records = list(dataset)
    kinds = list(KINDS)
    assert [kinds.index(r.KIND) for r in records] == sorted(kinds.index(r.KIND) for r in records)
    for kind in KINDS:
        of_kind = [r for r in records if kind == r.KIND]
        assert of_kind == sorted(of_kind, key=documented_order)
        assert dataset.counts[kind] == len(of_kind)
    assert dataset.data_version == parts.data_version
    assert set(dataset.register) == set(parts.register)
    assert repr(dataset) == f"<Dataset {parts.data_version}: {len(records)} records>"


def refused(records: list[Record], folder: Path) -> DataError:
    """The DataError of a dataset of ``records``, which names the record but no file, and
    of load() of a bundle of them, which names its file too; return the latter."""
    with pytest.raises(DataError) as made:
        Dataset(records)
    assert made.value.file is None
    write(folder, records, (), sample.DATA_VERSION)
    with pytest.raises(DataError) as loaded:
        mena_tip.load(folder)
    assert (loaded.value.message, loaded.value.record) == (made.value.message, made.value.record)
    return loaded.value


def test_duplicate_ids_are_data_errors(tmp_path: Path) -> None:
    records = sample.records()
    with pytest.raises(DataError, match="used twice") as caught:
        Dataset([*records, records[0]])
    assert (caught.value.file, caught.value.record) == (None, records[0].id)
    # A bundle cannot hold an ID twice (each file is sorted by ID), but CSV tables can.
    mena_tip.write_csv(tmp_path, Dataset(records))
    table = tmp_path / f"{records[0].KIND.plural}.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    again = [line for line in lines if line.startswith(records[0].id + ",")]
    table.write_text("".join([*lines, *again]), encoding="utf-8")
    with pytest.raises(DataError, match="used twice") as caught:
        mena_tip.read_csv(tmp_path)
    assert (caught.value.file, caught.value.record) == ("assessments.csv", records[0].id)


def test_what_is_no_record_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not a mena-tip record"):
        Dataset([*sample.records(), "organization:iom"])  # type: ignore[list-item]


def test_dangling_reference_is_a_data_error(tmp_path: Path) -> None:
    records = [r for r in sample.records() if r.id != "programme:rdpp"]
    error = refused(records, tmp_path)
    assert "refers to 'programme:rdpp', which is no record" in str(error)
    assert error.file == "programmes.json"
    assert error.record in {"programme:jtip", "programme:rdpp-phase-6"}


def test_reference_to_the_wrong_kind_is_a_data_error(tmp_path: Path) -> None:
    records = [
        attrs.evolve(cast(Any, r), programme="organization:iom")
        if r.id == "event:jtip-launch-rabat"
        else r
        for r in sample.records()
    ]
    error = refused(records, tmp_path)
    assert "which is a organization; expected programme" in str(error)
    assert (error.file, error.record) == ("events.json", "event:jtip-launch-rabat")


def test_citation_of_a_non_source_is_a_data_error(tmp_path: Path) -> None:
    records = [r for r in sample.records() if r.id != "source:web"]
    assert "'source:web', which is no source" in str(refused(records, tmp_path))


def test_a_dataset_needs_no_register() -> None:
    dataset = Dataset(sample.records())
    assert dataset.register == ()
    assert dataset.data_version == "unversioned"
    with pytest.raises(UnknownIdentifier):
        dataset.get("organization:iom-mena")


# -- navigation ---------------------------------------------------------------------------


@given(dataset_parts())
def test_navigation_between_events_and_participants_is_symmetric(parts: Parts) -> None:
    """e in events(organization=o) iff o in organizations(event=e); so for persons, countries."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    for event in dataset.events():
        actors = brute.actors(event)
        held = event.place.country if event.place else None
        by_org = {o.id for o in dataset.organizations(event=event.id)}
        by_person = {p.id for p in dataset.persons(event=event.id)}
        by_country = {c.id for c in dataset.countries(event=event.id)}
        for org in dataset.organizations():
            took_part = event in dataset.events(organization=org.id, include_subunits=False)
            assert took_part == (org.id in actors) == (org.id in by_org)
        for person in dataset.persons():
            took_part = event in dataset.events(person=person.id)
            assert took_part == (person.id in actors) == (person.id in by_person)
        for country in dataset.countries():
            involved = event in dataset.events(country=country.id)
            assert involved == (country.id in actors or country.id == held)
            assert involved == (country.id in by_country)


@given(dataset_parts())
def test_subunits_widen_organization_filters(parts: Parts) -> None:
    """With include_subunits, an organization's results include those of all its units."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    for org in dataset.organizations():
        units = [o for o in dataset.organizations() if org.id in brute.ancestors(o.id)]
        for method in ("events", "persons", "programmes", "fundings"):
            query = getattr(dataset, method)
            wide = set(query(organization=org.id))
            assert set(query(organization=org.id, include_subunits=False)) <= wide
            for unit in units:
                assert set(query(organization=unit.id, include_subunits=False)) <= wide


# -- filters against brute force ----------------------------------------------------------


@given(dataset_parts(), st.data())
def test_event_filters_match_brute_force(parts: Parts, data: st.DataObject) -> None:
    """events(...) equals the documented filter over all events, in the documented order."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    keys = {
        "country": key_of(data, brute, "country"),
        "organization": key_of(data, brute, "organization"),
        "person": key_of(data, brute, "person"),
        "programme": key_of(data, brute, "programme"),
    }
    call_both(
        data,
        dataset,
        brute,
        "events",
        keys,
        kind=code_of(data, EventKind),
        pillar=code_of(data, Pillar),
        concern=code_of(data, Concern),
        since=maybe(data, date_likes()),
        until=maybe(data, date_likes()),
        include_subunits=data.draw(st.booleans()),
    )


@given(dataset_parts(), st.data())
def test_date_filters_alone_match_brute_force(parts: Parts, data: st.DataObject) -> None:
    """since/until keep only events certainly starting on or after / ending on or before."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    since, until = data.draw(date_likes()), data.draw(date_likes())
    call_both(data, dataset, brute, "events", {}, since=since)
    call_both(data, dataset, brute, "events", {}, until=until)
    call_both(data, dataset, brute, "events", {}, since=since, until=until)


@given(dataset_parts(), st.data())
def test_organization_filters_match_brute_force(parts: Parts, data: st.DataObject) -> None:
    """organizations(...) equals the documented filter, in ID order."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    keys = {
        "country": key_of(data, brute, "country"),
        "parent": key_of(data, brute, "organization"),
        "event": key_of(data, brute, "event"),
        "programme": key_of(data, brute, "programme"),
    }
    call_both(data, dataset, brute, "organizations", keys, kind=code_of(data, OrganizationKind))


@given(dataset_parts(), st.data())
def test_person_and_country_filters_match_brute_force(parts: Parts, data: st.DataObject) -> None:
    """persons(...) and countries(...) equal the documented filters, in ID order."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    keys = {
        "organization": key_of(data, brute, "organization"),
        "event": key_of(data, brute, "event"),
    }
    call_both(
        data,
        dataset,
        brute,
        "persons",
        keys,
        include_subunits=data.draw(st.booleans()),
        head=data.draw(st.booleans()),
    )
    keys = {"event": key_of(data, brute, "event")}
    call_both(data, dataset, brute, "countries", keys, grouping=code_of(data, Grouping))


@given(dataset_parts(), st.data())
def test_programme_and_instrument_filters_match_brute_force(
    parts: Parts, data: st.DataObject
) -> None:
    """programmes(...) and instruments(...) equal the documented filters, in ID order."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    keys = {
        "country": key_of(data, brute, "country"),
        "organization": key_of(data, brute, "organization"),
        "parent": key_of(data, brute, "programme"),
    }
    call_both(
        data,
        dataset,
        brute,
        "programmes",
        keys,
        kind=code_of(data, ProgrammeKind),
        include_subunits=data.draw(st.booleans()),
    )
    keys = {"country": key_of(data, brute, "country"), "parent": key_of(data, brute, "instrument")}
    call_both(data, dataset, brute, "instruments", keys, kind=code_of(data, InstrumentKind))


@given(dataset_parts(), st.data())
def test_funding_filters_match_brute_force(parts: Parts, data: st.DataObject) -> None:
    """fundings(...) equals the documented filter, by date then ID."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    actors = brute.ids("organization") + brute.ids("country") + brute.ids("person")
    keys = {
        "donor": maybe(data, st.sampled_from(actors)),
        "recipient": maybe(data, st.sampled_from(actors)),
        "organization": key_of(data, brute, "organization"),
        "country": key_of(data, brute, "country"),
        "programme": key_of(data, brute, "programme"),
        "event": key_of(data, brute, "event"),
    }
    call_both(data, dataset, brute, "fundings", keys, include_subunits=data.draw(st.booleans()))


@given(dataset_parts(), st.data())
def test_statistic_source_assessment_filters_match_brute_force(
    parts: Parts, data: st.DataObject
) -> None:
    """statistics, sources and assessments equal the documented filters and orders."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    actors = brute.ids("organization") + brute.ids("country") + brute.ids("person")
    keys = {
        "country": key_of(data, brute, "country"),
        "reported_by": maybe(data, st.sampled_from(actors)),
        "event": key_of(data, brute, "event"),
    }
    call_both(data, dataset, brute, "statistics", keys, indicator=code_of(data, Indicator))
    keys = {"record": maybe(data, st.sampled_from(sorted(brute.by_id)))}
    call_both(data, dataset, brute, "sources", keys, kind=code_of(data, SourceKind))
    keys = {"country": key_of(data, brute, "country")}
    year = maybe(data, st.integers(2000, 2031))
    call_both(data, dataset, brute, "assessments", keys, tier=code_of(data, Tier), year=year)


@given(dataset_parts())
def test_unfiltered_results_are_everything_in_documented_order(parts: Parts) -> None:
    """Each query without filters returns every record of its kind, as a tuple, in order."""
    dataset = parts.dataset()
    brute = Brute(dataset)
    for method, kind in [
        ("events", Event),
        ("organizations", Organization),
        ("persons", Person),
        ("countries", Country),
        ("programmes", Programme),
        ("instruments", Instrument),
        ("fundings", Funding),
        ("statistics", Statistic),
        ("sources", Source),
        ("assessments", Assessment),
    ]:
        found = getattr(dataset, method)()
        assert type(found) is tuple
        assert found == brute.select(kind, lambda r: True)
        for record in found:
            assert_immutable(record)


# -- lookups ------------------------------------------------------------------------------


@given(dataset_parts(), st.data())
def test_every_name_resolves_back_to_its_record(parts: Parts, data: st.DataObject) -> None:
    """Each name, acronym and other name finds its record, or names it among the candidates."""
    dataset = parts.dataset()
    owners: dict[str, dict[str, Record]] = {}
    for record in dataset:
        for name in lookup_names(record):
            owners.setdefault(normalize(name), {})[record.id] = record
    for record in dataset:
        for name in lookup_names(record):
            key = normalize(name)
            if not key:
                continue
            variant = data.draw(perturbed(name))
            for kind in (None, record.KIND):
                sharing = [i for i, r in owners[key].items() if kind is None or kind == r.KIND]
                if len(sharing) == 1:
                    assert dataset.resolve(variant, kind) is record
                    assert dataset.resolve(name, kind) is record
                else:
                    with pytest.raises(AmbiguousIdentifier) as caught:
                        dataset.resolve(variant, kind)
                    assert record.id in caught.value.candidates
                    assert set(caught.value.candidates) == set(sharing)


@given(dataset_parts(), st.text(min_size=1, max_size=10))
def test_unknown_keys_raise_with_suggestions_among_the_ids(parts: Parts, text: str) -> None:
    """A key that is no ID and no name raises UnknownIdentifier; suggestions are real IDs."""
    dataset = parts.dataset()
    key = "zq" + text
    assume(not dataset.names.ids(key))
    assume(key not in dataset)
    with pytest.raises(UnknownIdentifier) as caught:
        dataset.resolve(key)
    assert caught.value.key == key
    assert all(s in dataset for s in caught.value.suggestions)


@given(dataset_parts())
def test_redirects_and_withdrawals_of_the_register(parts: Parts) -> None:
    """Redirected IDs resolve with a warning; withdrawn ones raise with their reason."""
    dataset = parts.dataset()
    for entry in parts.register:
        if entry.status == "redirect":
            assert entry.target is not None
            with pytest.warns(IdentifierRedirected, match=re.escape(entry.target)):
                assert dataset.get(entry.id) is dataset.get(entry.target)
            with pytest.warns(IdentifierRedirected):
                assert dataset.resolve(entry.id) is dataset.get(entry.target)
        elif entry.status == "withdrawn":
            with pytest.raises(WithdrawnIdentifier) as caught:
                dataset.get(entry.id)
            assert caught.value.reason == entry.reason
            assert caught.value.release == entry.release


# -- the sample, by hand ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("IOM", "organization:iom"),
        ("OIM", "organization:iom"),
        ("i.o.m.", "organization:iom"),
        ("  international organisation for migration ", None),
        ("International Organization for Migration", "organization:iom"),
        ("INTERNATIONAL  ORGANIZATION FOR MIGRATION", "organization:iom"),
        ("nccpim & tip", "organization:nccpim-tip"),
        ("NCCPIM and TIP", "organization:nccpim-tip"),
        ("MA", "country:ma"),
        ("MAR", "country:ma"),
        ("kingdom of morocco", "country:ma"),
        ("المغرب", "country:ma"),
        ("Egypte", "country:eg"),
        ("EGYPTE", "country:eg"),
        ("sample alfa", "person:sample-alpha"),
        ("JTIP", "programme:jtip"),
        ("jtip launch", "event:jtip-launch-rabat"),
        ("A web page", "source:web"),
    ],
)
def test_sample_lookups(sample_dataset: Dataset, key: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(UnknownIdentifier):
            sample_dataset.resolve(key)
    else:
        assert sample_dataset.resolve(key).id == expected


def test_kind_specific_lookups(sample_dataset: Dataset) -> None:
    ds = sample_dataset
    assert ds.organization("IOM").id == "organization:iom"
    assert ds.person("Sample Alpha").id == "person:sample-alpha"
    assert ds.country("EG").id == "country:eg"
    assert ds.event("JTIP launch").id == "event:jtip-launch-rabat"
    assert ds.programme("RDPP").id == "programme:rdpp"
    assert ds.instrument("UNTOC").id == "instrument:untoc"
    assert ds.source("IOM holds a workshop").id == "source:alpha"
    assert ds.resolve("JTIP", kind=Programme).id == "programme:jtip"
    with pytest.raises(UnknownIdentifier) as caught:
        ds.organization("country:ma")
    assert caught.value.kind == "organization"
    with pytest.raises(UnknownIdentifier):
        ds.country("organization:iom")


def test_shared_names_are_ambiguous(sample_dataset: Dataset) -> None:
    with pytest.raises(AmbiguousIdentifier) as caught:
        sample_dataset.resolve("National Committee")
    assert caught.value.candidates == ("organization:cnclt", "organization:nccpim-tip")
    assert caught.value.key == "National Committee"
    assert "organization:cnclt, organization:nccpim-tip" in str(caught.value)
    with pytest.raises(AmbiguousIdentifier):
        sample_dataset.organization("national committee")


def test_unknown_names_come_with_suggestions_of_the_kind_asked(sample_dataset: Dataset) -> None:
    with pytest.raises(UnknownIdentifier) as caught:
        sample_dataset.country("Morroco")
    assert caught.value.suggestions[0] == "country:ma"
    assert "did you mean 'country:ma'" in str(caught.value)
    with pytest.raises(UnknownIdentifier) as caught:
        sample_dataset.organization("UNOCD")
    assert caught.value.suggestions[0] == "organization:unodc"
    with pytest.raises(UnknownIdentifier) as caught:
        sample_dataset.resolve("Morroco", kind="organization")
    assert "country:ma" not in caught.value.suggestions
    with pytest.raises(UnknownIdentifier) as caught:
        sample_dataset.get("IOM")  # get takes canonical IDs only
    assert "organization:iom" in caught.value.suggestions


@pytest.mark.parametrize("key", [5, None, b"IOM", ["IOM"], 2.5])
def test_non_str_keys_are_type_errors(sample_dataset: Dataset, key: object) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        sample_dataset.resolve(key)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a str"):
        sample_dataset.get(key)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["widget", "Organization", "organizations", 5, str, object])
def test_bad_kinds_are_value_errors(sample_dataset: Dataset, kind: object) -> None:
    with pytest.raises(ValueError, match="is not a record kind; expected one of organization"):
        sample_dataset.resolve("IOM", kind)  # type: ignore[arg-type]


def test_redirects_are_followed_with_a_warning(sample_dataset: Dataset) -> None:
    with pytest.warns(
        IdentifierRedirected, match="'organization:iom-mena' was replaced by 'organization:iom'"
    ):
        assert sample_dataset.get("organization:iom-mena").id == "organization:iom"
    with pytest.warns(
        IdentifierRedirected, match="'organization:iom-old' was replaced by 'organization:iom'"
    ):
        assert sample_dataset.resolve("organization:iom-old").id == "organization:iom"
    with pytest.warns(IdentifierRedirected):
        assert sample_dataset.organization("organization:iom-mena").id == "organization:iom"
    with pytest.warns(IdentifierRedirected), pytest.raises(UnknownIdentifier):
        sample_dataset.country("organization:iom-mena")


def test_withdrawn_ids_say_when_and_why(sample_dataset: Dataset) -> None:
    with pytest.raises(WithdrawnIdentifier) as caught:
        sample_dataset.get("event:duplicate-launch")
    assert caught.value.reason == sample.WITHDRAWN["event:duplicate-launch"]
    assert caught.value.release == "2026.11"
    assert isinstance(caught.value, UnknownIdentifier)
    assert "withdrawn in data release 2026.11" in str(caught.value)
    with pytest.raises(WithdrawnIdentifier, match="no reason given"):
        sample_dataset.resolve("event:bare-withdrawal")


@pytest.mark.parametrize(
    "key", ["organization:no-target", "organization:loop-a", "person:gone", "organization:nowhere"]
)
def test_broken_register_entries_are_unknown(sample_dataset: Dataset, key: str) -> None:
    with pytest.raises(UnknownIdentifier):
        sample_dataset.get(key)
    assert key not in sample_dataset


def _here() -> tuple[str, int]:
    """The file and line of the caller: call it on the line whose warning is expected."""
    frame = sys._getframe(1)
    return frame.f_code.co_filename, frame.f_lineno


def test_redirect_warnings_point_at_the_callers_line(
    sample_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Code that stored an old ID is where the warning should be reported, whichever API
    # it called (the warning says "use the new ID").
    monkeypatch.setattr(_api, "_default", sample_dataset)
    old = "organization:iom-mena"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        calls = [
            (_here(), mena_tip.resolve(old)),
            (_here(), mena_tip.get(old)),
            (_here(), mena_tip.organization(old)),
            (_here(), sample_dataset.get(old)),
            (_here(), sample_dataset.resolve(old)),
            (_here(), sample_dataset.organization(old)),
        ]
    assert [(w.filename, w.lineno) for w in caught] == [where for where, _ in calls]


def test_sample_event_filters(sample_dataset: Dataset) -> None:
    def ids(events: tuple[Event, ...]) -> list[str]:
        return [e.id.partition(":")[2] for e in events]

    ds = sample_dataset
    assert ids(ds.events()) == [
        "cnclt-establishment",
        "rabat-roundtable",
        "cairo-workshop-2024",
        "jtip-launch-rabat",
        "yearless-meeting",
        "undated-training",
    ]
    assert ids(ds.events(organization="IOM")) == ["cairo-workshop-2024", "jtip-launch-rabat"]
    assert ids(ds.events(organization="IOM", include_subunits=False)) == ["jtip-launch-rabat"]
    assert ids(ds.events(organization="IOM Egypt", include_subunits=False)) == [
        "cairo-workshop-2024"
    ]
    assert ids(ds.events(country="Egypt")) == ["cairo-workshop-2024"]
    assert ids(ds.events(country="US")) == ["jtip-launch-rabat"]
    assert ids(ds.events(country="MA")) == [
        "cnclt-establishment",
        "jtip-launch-rabat",
        "undated-training",
    ]
    assert ids(ds.events(person="Sample Alpha")) == ["cairo-workshop-2024"]
    assert ids(ds.events(programme="RDPP")) == ["cairo-workshop-2024"]
    assert ids(ds.events(since="2024-03")) == ["cairo-workshop-2024", "jtip-launch-rabat"]
    assert ids(ds.events(since="2024-03-06")) == ["jtip-launch-rabat"]
    assert ids(ds.events(until="2024-03")) == ["cnclt-establishment", "cairo-workshop-2024"]
    assert ids(ds.events(until=datetime.date(2019, 12, 31))) == ["cnclt-establishment"]
    assert ids(ds.events(since="2019", until="2019")) == ["cnclt-establishment"]
    assert ids(ds.events(kind="launch", pillar=Pillar.PARTNERSHIP)) == ["jtip-launch-rabat"]
    assert ids(ds.events(concern="smuggling")) == ["cairo-workshop-2024"]
    assert ds.events(kind=EventKind.WORKSHOP) == ds.events(kind="workshop")


def test_sample_other_filters(sample_dataset: Dataset) -> None:
    def ids(records: tuple[Record, ...]) -> list[str]:
        return [r.id for r in records]

    ds = sample_dataset
    assert ids(ds.organizations(parent="IOM")) == ["organization:iom-egypt"]
    assert ids(ds.organizations(country="EG", kind="country_office")) == [
        "organization:iom-cairo-unit",
        "organization:iom-egypt",
    ]
    assert ids(ds.organizations(event="JTIP launch")) == [
        "organization:cnclt",
        "organization:iom",
        "organization:us-tip-office",
    ]
    assert ids(ds.organizations(programme="JTIP")) == [
        "organization:cnclt",
        "organization:iom",
        "organization:unodc",
        "organization:us-tip-office",
    ]
    assert ids(ds.persons(organization="IOM")) == ["person:sample-alpha"]
    assert ids(ds.persons(organization="IOM", include_subunits=False)) == []
    assert ids(ds.persons(head=True)) == ["person:sample-bravo"]
    assert ids(ds.persons(organization="organization:us-tip-office", head=True)) == [
        "person:sample-bravo"
    ]
    assert ids(ds.persons(organization="organization:us-state-department", head=True)) == [
        "person:sample-bravo"
    ]
    unit_only = ds.persons(
        organization="organization:us-state-department", include_subunits=False, head=True
    )
    assert unit_only == ()
    assert ids(ds.persons(organization="IOM", head=True)) == []
    with pytest.raises(TypeError, match="head must be True or False"):
        ds.persons(head="yes")  # type: ignore[arg-type]
    assert ids(ds.countries(grouping="maghreb")) == ["country:ma"]
    assert ids(ds.countries(event="event:cairo-workshop-2024")) == ["country:eg"]
    assert ids(ds.countries(event="JTIP launch")) == ["country:ma", "country:us"]
    assert ids(ds.programmes(organization="IOM")) == [
        "programme:jtip",
        "programme:rdpp",
        "programme:rdpp-phase-6",
    ]
    assert ids(ds.programmes(organization="IOM", include_subunits=False)) == [
        "programme:jtip",
        "programme:rdpp",
    ]
    assert ids(ds.programmes(parent="RDPP", kind="phase")) == ["programme:rdpp-phase-6"]
    assert ids(ds.instruments(country="MA")) == ["instrument:tip-protocol"]
    assert ids(ds.instruments(country="EG")) == [
        "instrument:eg-law-64-2010",
        "instrument:tip-protocol",
    ]
    assert ids(ds.instruments(parent="UNTOC")) == ["instrument:tip-protocol"]
    assert ids(ds.fundings()) == [
        "funding:rdpp-phase-6",
        "funding:us-grant-jtip",
        "funding:undated",
    ]
    assert ids(ds.fundings(organization="IOM")) == [
        "funding:rdpp-phase-6",
        "funding:us-grant-jtip",
    ]
    assert ids(ds.fundings(donor="US")) == ["funding:rdpp-phase-6"]
    assert ids(ds.fundings(donor="organization:us-state-department")) == ["funding:us-grant-jtip"]
    assert ids(ds.fundings(recipient="MA")) == ["funding:undated"]
    # A country: on either side, through a body based there (or its units), or benefiting.
    assert ids(ds.fundings(country="US")) == ["funding:rdpp-phase-6", "funding:us-grant-jtip"]
    assert ids(ds.fundings(country="MA")) == ["funding:us-grant-jtip", "funding:undated"]
    assert ids(ds.fundings(country="EG")) == ["funding:rdpp-phase-6"]
    assert ids(ds.fundings(donor="US", country="MA")) == []
    assert ids(ds.fundings(donor="organization:us-state-department", country="MA")) == [
        "funding:us-grant-jtip"
    ]
    assert ids(ds.fundings(programme="RDPP")) == ["funding:rdpp-phase-6"]
    assert ids(ds.fundings(event="JTIP launch")) == ["funding:us-grant-jtip"]
    assert ids(ds.statistics()) == [
        "statistic:cairo-participants",
        "statistic:ma-victims-2024",
        "statistic:iom-countries",
    ]
    assert ids(ds.statistics(reported_by="IOM")) == [
        "statistic:cairo-participants",
        "statistic:iom-countries",
    ]
    assert ids(ds.statistics(country="MA", indicator="identified_victims")) == [
        "statistic:ma-victims-2024"
    ]
    assert ids(ds.statistics(event="event:cairo-workshop-2024")) == ["statistic:cairo-participants"]
    assert ids(ds.sources(record="IOM Egypt")) == ["source:alpha"]
    assert ids(ds.sources(record="event:jtip-launch-rabat")) == ["source:web"]
    assert ids(ds.sources(kind="web_page")) == ["source:web"]
    assert ids(ds.assessments()) == [
        "assessment:eg-2024",
        "assessment:ma-2024",
        "assessment:ma-2025",
    ]
    assert ids(ds.assessments(country="MA", year=2025)) == ["assessment:ma-2025"]
    assert ids(ds.assessments(tier="tier_2_watch_list")) == ["assessment:eg-2024"]


@pytest.mark.parametrize(
    ("method", "arguments", "message"),
    [
        (
            "events",
            {"kind": "webinar"},
            "kind='webinar' is not a valid EventKind; expected one of 'roundtable'",
        ),
        ("events", {"pillar": "peace"}, "pillar='peace' is not a valid Pillar"),
        ("events", {"concern": "fraud"}, "concern='fraud' is not a valid Concern"),
        ("events", {"since": "yesterday"}, "not a date: 'yesterday'"),
        ("events", {"until": "2024-13"}, "not a date: '2024-13'"),
        ("events", {"since": "--05-16"}, "since='--05-16' has no year"),
        ("events", {"until": PartialDate(None, 5)}, "has no year"),
        (
            "organizations",
            {"kind": "club"},
            "is not a valid OrganizationKind; expected one of 'un_agency'",
        ),
        ("countries", {"grouping": "europe"}, "is not a valid Grouping"),
        ("programmes", {"kind": "plan"}, "is not a valid ProgrammeKind"),
        ("instruments", {"kind": "treaty"}, "is not a valid InstrumentKind"),
        ("statistics", {"indicator": "victims"}, "is not a valid Indicator"),
        ("sources", {"kind": "book"}, "is not a valid SourceKind"),
        ("assessments", {"tier": "tier_4"}, "is not a valid Tier"),
        ("assessments", {"tier": 1}, "tier=1 is not a valid Tier"),
    ],
)
def test_filters_reject_bad_codes_and_dates(
    sample_dataset: Dataset, method: str, arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        getattr(sample_dataset, method)(**arguments)


@pytest.mark.parametrize(
    ("method", "arguments"),
    [
        ("events", {"since": 2024}),
        ("events", {"until": [2024]}),
        ("assessments", {"year": "2024"}),
        ("assessments", {"year": True}),
        ("assessments", {"year": 2024.0}),
    ],
)
def test_filters_reject_values_of_the_wrong_type(
    sample_dataset: Dataset, method: str, arguments: dict[str, object]
) -> None:
    with pytest.raises(TypeError):
        getattr(sample_dataset, method)(**arguments)


@pytest.mark.parametrize(
    ("method", "arguments"),
    [
        ("events", {"country": "Atlantis"}),
        ("events", {"organization": "country:ma"}),
        ("organizations", {"event": "IOM"}),
        ("persons", {"event": "nowhere"}),
        ("countries", {"event": "nowhere"}),
        ("organizations", {"programme": "nowhere"}),
        ("sources", {"record": "nowhere"}),
        ("fundings", {"donor": "nowhere"}),
    ],
)
def test_filters_by_unknown_records_raise(
    sample_dataset: Dataset, method: str, arguments: dict[str, object]
) -> None:
    with pytest.raises(UnknownIdentifier):
        getattr(sample_dataset, method)(**arguments)


def test_returned_records_cannot_be_changed(sample_dataset: Dataset) -> None:
    for record in sample_dataset:
        assert_immutable(record)
    event = sample_dataset.event("JTIP launch")
    assert isinstance(event.participants, tuple)
    with pytest.raises(AttributeError):
        event.participants.append(event.participants[0])  # type: ignore[attr-defined]
    assert sample_dataset.event("JTIP launch") is event


def test_dataset_properties(sample_dataset: Dataset) -> None:
    assert sample_dataset.data_version == sample.DATA_VERSION
    assert sample_dataset.counts["organization"] == 8
    assert "organization:iom" in sample_dataset
    assert "IOM" not in sample_dataset
    assert "organization:iom-mena" not in sample_dataset
    assert 5 not in sample_dataset
    assert isinstance(sample_dataset.register[0], RegisterEntry)
    assert sample_dataset.names is sample_dataset.names
    assert "iom" in set(sample_dataset.names)


def test_a_cycle_of_parents_is_a_data_error(tmp_path: Path) -> None:
    """An organization cannot be its own ancestor: the dataset names the cycle."""
    records = sample.records()
    cyclic = [
        attrs.evolve(cast(Any, r), parent="organization:iom-cairo-unit")
        if r.id == "organization:iom"
        else r
        for r in records
    ]
    error = refused(cyclic, tmp_path)
    assert "parents form a cycle" in str(error)
    assert error.file == "organizations.json"
    assert "organization:iom" in str(error)


def test_exact_takes_ids_and_names_exactly_as_written() -> None:
    """exact(key): an active ID, or a name as written that denotes one record; else None."""
    dataset = sample.dataset()
    iom = dataset.get("organization:iom")
    assert dataset.exact("organization:iom") is iom
    assert dataset.exact("IOM") is iom  # builds the name index on the way
    assert dataset.exact("OIM") is iom
    assert dataset.exact("Maroc") is dataset.get("country:ma")
    assert dataset.exact("iom") is None  # a name in another case needs normalising
    assert dataset.exact("National Committee") is None  # a name two records bear
    assert dataset.exact("organization:iom-mena") is None  # redirects are resolve()'s
    assert dataset.exact("event:duplicate-launch") is None  # as are withdrawals
    assert dataset.exact("") is None


def test_exact_warns_of_nothing_and_raises_only_for_what_cannot_be_hashed() -> None:
    dataset = sample.dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a redirect would warn
        for key in (None, 7, b"IOM", dataset.get("organization:iom"), "organization:iom-old"):
            assert dataset.exact(key) is None  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dataset.exact([])  # type: ignore[arg-type]


def test_exact_finds_names_before_any_lookup_by_name() -> None:
    """The first key exact does not find builds the name index, so a name is found even
    as the first lookup; after that, a key not found costs no build."""
    dataset = sample.dataset()
    assert dataset.exact("organization:iom") is not None  # an ID needs no name index
    assert dataset.exact("IOM") is dataset.resolve("IOM")
    index = dataset.names
    assert dataset.exact("no such name") is None
    assert dataset.names is index


def test_exact_outliving_its_dataset_finds_what_it_found() -> None:
    dataset = sample.dataset()
    exact = dataset.exact
    iom = exact("organization:iom")
    del dataset
    assert exact("organization:iom") is iom
    assert exact("IOM") is None  # the names were never added: nothing is left to build
