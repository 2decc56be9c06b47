"""The Dataset: one data release, checked and indexed once, with every query on it.

The module-level functions of :mod:`mena_tip` call the same methods on the default
dataset (the bundled data, loaded on first use). :func:`mena_tip.load` gives a Dataset over
another bundle, with the same API. Its integrity checks are those of
:mod:`mena_tip._integrity`, and its filtered queries run on the link index of
:mod:`mena_tip._links`.

Ordering of every result is deterministic: events by start date (see
:mod:`mena_tip.dates`), fundings by date and statistics by the date they were reported,
undated ones last, then by ID; assessments by country and report year; everything else by
ID.
"""

from __future__ import annotations

import os
import sys
import threading
import warnings
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from . import _checks, _integrity
from ._bundle import RegisterEntry
from ._links import Links
from .dates import DateLike
from .errors import (
    AmbiguousIdentifier,
    IdentifierRedirected,
    UnknownIdentifier,
    WithdrawnIdentifier,
)
from .records import (
    KINDS,
    RECORD_TYPES,
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
    Programme,
    ProgrammeKind,
    Record,
    Source,
    SourceKind,
    Statistic,
    Tier,
    citations,
    identifier_keys,
    lookup_names,
    lookup_numbers,
    sort_key,
    values_at,
)

if TYPE_CHECKING:
    from ._linker import Linker, Match, Mention
    from .names import NameIndex

__all__ = ["Dataset"]

R = TypeVar("R", bound=Record)
Key = str | Record
"""A record, its canonical ID, or any of its names (see :meth:`Dataset.resolve`)."""

_PACKAGE = os.path.dirname(__file__)


def _caller_level() -> int:
    """The stack level of the first caller outside this package (for warnings)."""
    frame, level = sys._getframe(1), 1
    while frame.f_back is not None and os.path.dirname(frame.f_code.co_filename) == _PACKAGE:
        frame, level = frame.f_back, level + 1
    return level


def _actors(event: Event) -> set[str]:
    """IDs of everyone who took part in an event, and of whom they represented."""
    return {p.participant for p in event.participants} | {
        p.on_behalf_of for p in event.participants if p.on_behalf_of
    }


class _ExactKeys(dict[str, Record]):
    """The keys a lookup can take as they are written, to their records: active IDs, and
    names exactly as written that denote one record (see :attr:`Dataset.exact`).

    The names join on the first key that is not found (from the name index, built then if
    need be), so a key not found is neither: the missing key gives None.
    """

    __slots__ = ("_dataset",)

    def __init__(self, dataset: Dataset, by_id: dict[str, Record]) -> None:
        super().__init__(by_id)
        self._dataset = weakref.ref(dataset)  # no reference cycle: a load leaves no garbage

    def __missing__(self, key: object) -> Record | None:
        dataset = self._dataset()
        if dataset is None or dataset._name_index is not None or type(key) is not str:
            return None
        dataset._built_names()  # which adds the names to this dict
        return self.get(key)


class Dataset:
    """Records of one data release, checked for integrity and indexed for queries.

    Raises :class:`~mena_tip.DataError` naming the record when an ID is used twice, a
    reference points to no record of a kind it may point to, a citation to no source, or
    parents form a cycle (:func:`mena_tip.load` adds the file).

    Every query method raises, with a message naming the bad value (see
    :mod:`mena_tip.errors`): TypeError for an argument of the wrong type (a key that is no
    str or record, a date that is no str, date or PartialDate, an ``include_subunits``
    that is no bool); ValueError for an invalid code, kind or date, or a date filter
    without a year; :class:`~mena_tip.UnknownIdentifier` or
    :class:`~mena_tip.AmbiguousIdentifier` (both LookupErrors) for a key that denotes no
    record or several. A filter that matches nothing gives an empty tuple.
    """

    __slots__ = (
        "__weakref__",
        "_building",
        "_by_id",
        "_by_kind",
        "_data_version",
        "_exact",
        "_identified",
        "_linker",
        "_links",
        "_name_index",
        "_register",
        "exact",
    )

    exact: Callable[[str], Record | None]
    """``exact(key)``: the record a str denotes as it is written, or None.

    ``key`` is an active ID (``"organization:iom"``), an identifier key
    (``"wikidata:Q472311"``, ``"Q472311"``), or a name exactly as a record gives it
    (``"IOM"``, not ``"iom"``) that no other record bears, whatever the case or spelling.
    Anything else gives None (a key that cannot be hashed, a TypeError), with no warning
    and no redirect followed: the quick first step of every lookup, for callers
    that try it before :meth:`resolve`, which completes it. It costs a dict lookup, in C:
    so it is an attribute holding one, not a method written in Python. The first key it
    does not find builds the name index, if no lookup by name has built it yet.
    """

    def __init__(
        self,
        records: Iterable[Record],
        register: Iterable[RegisterEntry] = (),
        data_version: str = "unversioned",
    ) -> None:
        self._data_version = _checks.text(data_version, "data_version")
        given: list[Record] = _checks.each(records, "records", RECORD_TYPES, "a mena-tip record")
        by_id = self._by_id = _integrity.unique(given)
        self._by_kind: dict[str, tuple[Record, ...]] = {
            kind: tuple(sorted((r for r in by_id.values() if kind == r.KIND), key=sort_key))
            for kind in KINDS
        }
        entries = _checks.each(register, "register", RegisterEntry, "a RegisterEntry")
        self._register = {entry.id: entry for entry in entries}
        _integrity.check(list(self), by_id)
        self._links = Links(self._by_kind)
        self._building = threading.Lock()  # for the indexes built on first use
        self._name_index: NameIndex | None = None
        self._linker: Linker | None = None
        # Identifiers in other datasets are keys, not names: never normalised, never near
        # misses of a name, never looked for in text.
        self._identified = {key: r for r in by_id.values() for key in identifier_keys(r)}
        self._exact = _ExactKeys(self, {**self._identified, **by_id})
        self.exact = self._exact.__getitem__

    # -- size and versions ----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Record]:
        """Every record, by kind (in :data:`~mena_tip.KINDS` order), each kind in its order."""
        for records in self._by_kind.values():
            yield from records

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self._by_id

    def __repr__(self) -> str:
        return f"<Dataset {self.data_version}: {len(self)} records>"

    @property
    def data_version(self) -> str:
        """The data release these records are (``"2026.11"``)."""
        return self._data_version

    @property
    def counts(self) -> dict[str, int]:
        """The number of records of each kind."""
        return {kind: len(records) for kind, records in self._by_kind.items()}

    @property
    def register(self) -> tuple[RegisterEntry, ...]:
        """Every ID this release's register lists: active, redirected or withdrawn."""
        return tuple(self._register.values())

    # -- lookups --------------------------------------------------------------------------

    @property
    def names(self) -> NameIndex:
        """The name index (built on first use)."""
        index = self._name_index
        return index if index is not None else self._built_names()

    def _built_names(self) -> NameIndex:
        with self._building:  # threads asking at once wait for one build
            index = self._name_index
            if index is None:
                index = self._name_index = self._index_names()
        return index

    def _index_names(self) -> NameIndex:
        from .names import NameIndex

        index = NameIndex(
            ((name, record.id) for record in self for name in lookup_names(record)),
            ((number, record.id) for record in self for number in lookup_numbers(record)),
        )
        for name, ids in index.exact.items():
            if len(ids) == 1:
                self._exact.setdefault(name, self._by_id[ids[0]])
        return index

    @property
    def linker(self) -> Linker:
        """The entity linker over every name of every record (built on first use).

        It pickles small, so ``dataset.linker.mentions`` can be mapped over documents in a
        process pool or on cluster workers (see :doc:`/howto/link-names`).
        """
        linker = self._linker
        if linker is None:
            with self._building:
                linker = self._linker
                if linker is None:
                    from ._linker import Linker

                    names, codes, countries, units = [], [], [], []
                    for r in self:
                        if isinstance(r, Organization) and r.parent is not None:
                            units.append((r.id, r.parent))
                        found = lookup_names(r)
                        code = r.alpha3 if isinstance(r, Country) else None
                        names += [(name, r.id) for name in found if name != code]
                        codes += [(name, r.id) for name in found if name == code]
                        if not isinstance(r, Country):
                            countries += [(r.id, c) for c in sorted(self._countries_of(r))]
                    # Alpha-3 codes are keys, not words of prose: "SOM" is Somalia's and, in
                    # a text on migrant smuggling, the Smuggling of Migrants Protocol. Alpha-2
                    # codes stay names ("US", "UK"), matched in capitals only.
                    linker = self._linker = Linker(names, codes, countries, units)
        return linker

    def mentions(
        self,
        text: str,
        kinds: Iterable[str | type[Record]] | str | type[Record] | None = None,
        *,
        country: Key | None = None,
    ) -> tuple[Mention, ...]:
        """Every mention of a known record in ``text``, in order of offset.

        Whole words only; where names overlap, the leftmost then longest wins. Names in
        capitals ("UN", "IOM") match only text in capitals. A name several records bear,
        or a generic one ("Ministry of Interior"), is linked by the document's context:
        the ``country`` the caller says it is about (a key like any other: ``"LY"``,
        ``"Libya"``), then the countries it names; where that does not decide, the mention
        is undecided (``id`` None) with its ``candidates``. After a person's full name,
        the surname is that person; an acronym defined in parentheses after a name is that
        record (``Mention.how`` says which rule linked each). ``kinds`` limits the records
        looked for (by default, every kind but sources). Offsets index ``text`` as given.
        Text with no word in it (empty, blank, only punctuation or invisible characters)
        has none: ``()``. Raises TypeError when ``text`` is no str or ``kinds`` no kind,
        class or iterable of them, ValueError for an unknown kind, and as
        :meth:`country` does for a ``country`` that is no country.
        """
        within = None if country is None else self.country(country).id
        return self.linker.mentions(text, kinds, country=within)

    def search(
        self,
        text: str,
        kind: str | type[Record] | None = None,
        limit: int = 10,
        cutoff: float = 60.0,
    ) -> tuple[Match, ...]:
        """Records whose names are closest to ``text``, best first: for typos and partial
        names. Each :class:`~mena_tip.Match` has the record ID, the name that matched and
        a score from 0 to 100 (100: the same name after normalisation). Text with no word
        in it gives ``()``. Raises TypeError when ``text`` is no str, ValueError for an
        unknown kind, a ``limit`` that is no positive int or a ``cutoff`` outside 0-100."""
        return self.linker.search(text, None if kind is None else _checks.kind(kind), limit, cutoff)

    def _follow(self, record_id: str) -> Record | None:
        """The record an ID denotes, following redirects; None if it is no ID of ours."""
        seen: list[str] = []
        while record_id not in self._by_id:
            entry = self._register.get(record_id)
            if entry is None or record_id in seen:
                return None
            if entry.status == "withdrawn":
                raise WithdrawnIdentifier(
                    record_id, entry.reason or "no reason given", entry.release or "?"
                )
            if entry.target is None:
                return None
            seen.append(record_id)
            record_id = entry.target
        if seen:
            warnings.warn(
                f"{seen[0]!r} was replaced by {record_id!r}; use the new ID",
                IdentifierRedirected,
                stacklevel=_caller_level(),
            )
        return self._by_id[record_id]

    def resolve(
        self, key: Key, kind: str | type[Record] | None = None, *, country: Key | None = None
    ) -> Record:
        """The one record a key denotes: a record, an ID (redirects followed), a name, or an
        identifier in another dataset (``"wikidata:Q472311"`` or ``"Q472311"``; a country's
        ISO 3166-1 numeric code, ``"504"``).

        Names match whatever their case, accents, punctuation or spacing. Raises
        :class:`~mena_tip.UnknownIdentifier` with close matches, or
        :class:`~mena_tip.AmbiguousIdentifier` listing the candidates; narrow by ``kind``,
        or by ``country`` to the records of that country (an acronym two countries' bodies
        share: ``resolve("NCCHT", country="QA")``). Raises TypeError for a key that is no
        str or record, ValueError for an unknown kind.
        """
        if kind is None and country is None and type(key) is str:
            found = self.exact(key)
            if found is not None:
                return found
        wanted = None if kind is None else _checks.kind(kind)
        within = None if country is None else self.country(country).id
        key = _checks.key(key)
        found = self._follow(key) or self._identified.get(key)
        if found is not None and (wanted is None or wanted == found.KIND):
            return found
        by_id = self._by_id
        candidates = [
            i
            for i in self.names.ids(key)
            if (wanted is None or wanted == by_id[i].KIND)
            and (within is None or within in self._countries_of(by_id[i]))
        ]
        if len(candidates) == 1:
            return by_id[candidates[0]]
        if candidates:
            raise AmbiguousIdentifier(key, candidates)
        allowed = [
            r.id
            for r in (self._by_kind[wanted] if wanted else self)
            if within is None or within in self._countries_of(r)
        ]
        raise UnknownIdentifier(key, wanted, self.names.close_matches(key, allowed), within)

    def _countries_of(self, record: Record) -> set[str]:
        """The IDs of the countries a record belongs to (its kind's ``countries`` paths:
        a country's ID is that country; another record's stands for its countries)."""
        found: set[str] = set()
        for path in record.KIND.countries:
            for target in values_at(record, path):
                place = self._by_id[target]
                found |= {target} if isinstance(place, Country) else self._countries_of(place)
        return found

    def _one(self, key: Key, kind: type[R]) -> R:
        record = self.resolve(key, kind.KIND)
        assert isinstance(record, kind)
        return record

    def get(self, record_id: str) -> Record:
        """The record with this canonical ID, of any kind (redirects followed, with a warning).

        Raises :class:`~mena_tip.UnknownIdentifier` with close matches, or TypeError for
        an ID that is no str.
        """
        found = self._follow(_checks.text(record_id, "an ID"))
        if found is None:
            raise UnknownIdentifier(record_id, None, self.names.close_matches(record_id))
        return found

    def organization(self, key: Key) -> Organization:
        """The organization a key denotes (``"IOM"``, ``"OIM"``, ``"organization:iom"``…)."""
        return self._one(key, Organization)

    def person(self, key: Key) -> Person:
        """The person a key denotes, by any spelling the sources use."""
        return self._one(key, Person)

    def country(self, key: Key) -> Country:
        """The country a key denotes: its ID, ISO alpha-2 or alpha-3 code, or a name."""
        return self._one(key, Country)

    def event(self, key: Key) -> Event:
        """The event a key denotes."""
        return self._one(key, Event)

    def programme(self, key: Key) -> Programme:
        """The programme, plan or mechanism a key denotes."""
        return self._one(key, Programme)

    def instrument(self, key: Key) -> Instrument:
        """The convention, protocol, law… a key denotes."""
        return self._one(key, Instrument)

    def source(self, key: Key) -> Source:
        """The source a key denotes."""
        return self._one(key, Source)

    # -- collections ----------------------------------------------------------------------

    def _ids(
        self, key: Key | None, kind: type[Record] | None, subunits: bool = False
    ) -> set[str] | None:
        """The IDs a filter's key denotes: its record's, and with ``subunits`` those of the
        records under it by parents; None when no key is given (no filter)."""
        if key is None:
            return None
        found = self.resolve(key, kind).id
        return self._links.with_subunits(found) if subunits else {found}

    def organizations(
        self,
        *,
        kind: OrganizationKind | str | None = None,
        country: Key | None = None,
        parent: Key | None = None,
        event: Key | None = None,
        programme: Key | None = None,
    ) -> tuple[Organization, ...]:
        """Organizations of a kind, based in a country, directly under a parent, taking
        part in an event, or implementing or funding a programme; in ID order."""
        wanted = None if kind is None else _checks.code(kind, OrganizationKind, "kind")
        parents = self._ids(parent, Organization)
        took_part = None if event is None else _actors(self.event(event))
        in_programme = None
        if programme is not None:
            found = self.programme(programme)
            in_programme = set(found.implementers) | set(found.funders)
        links = self._links
        return links.select(
            Organization,
            [links.linked("organization", ("country",), self._ids(country, Country)), in_programme],
            lambda r: (
                (wanted is None or r.kind == wanted)
                and (parents is None or r.parent in parents)
                and (took_part is None or r.id in took_part)
            ),
        )

    def persons(
        self,
        *,
        organization: Key | None = None,
        event: Key | None = None,
        include_subunits: bool = True,
        head: bool = False,
    ) -> tuple[Person, ...]:
        """People who held a post at an organization (or one of its units), or took part in
        an event; in ID order. With ``head``, only those whose post there heads it (a
        source calls them its chair, director, representative…; ``Post.head``, with
        ``Post.start`` and ``Post.end`` where stated): ``persons(organization="CNCLT",
        head=True)``; with no organization, the heads of any."""
        took_part = None if event is None else _actors(self.event(event))
        expand = _checks.flag(include_subunits, "include_subunits")
        heads = _checks.flag(head, "head")
        bodies = self._ids(organization, Organization, expand)
        links = self._links
        return links.select(
            Person,
            [links.linked("person", ("posts.organization",), bodies), took_part],
            lambda r: (
                not heads
                or any(p.head and (bodies is None or p.organization in bodies) for p in r.posts)
            ),
        )

    def countries(
        self, *, grouping: Grouping | str | None = None, event: Key | None = None
    ) -> tuple[Country, ...]:
        """Countries in a grouping, or where an event was held or that took part in it."""
        wanted = None if grouping is None else _checks.code(grouping, Grouping, "grouping")
        present = None
        if event is not None:
            found = self.event(event)
            present = _actors(found)
            if found.place and found.place.country:
                present.add(found.place.country)
        return self._links.select(
            Country, [present], lambda r: wanted is None or wanted in r.groupings
        )

    def events(
        self,
        *,
        country: Key | None = None,
        organization: Key | None = None,
        person: Key | None = None,
        programme: Key | None = None,
        kind: EventKind | str | None = None,
        pillar: Pillar | str | None = None,
        concern: Concern | str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        include_subunits: bool = True,
    ) -> tuple[Event, ...]:
        """Events, by start date then ID, filtered by every argument given.

        ``country`` matches events held in the country or in which it took part;
        ``organization`` and ``person`` match participants in any role (an organization
        includes its sub-units unless ``include_subunits=False``, and persons who spoke on
        its behalf); ``programme`` includes its phases and components. Date filters keep
        only what is certain: ``since`` matches events whose earliest possible start day is
        on or after it, ``until`` events whose latest possible end day is on or before it;
        an event without a year matches neither. A date is a str in the forms of
        :mod:`mena_tip.dates`, a :class:`datetime.date` or a PartialDate, with a year:
        ``"yesterday"``, ``"2024-13-45"`` or ``"--05-16"`` is a ValueError, ``2024`` (an
        int) a TypeError.
        """
        actor = ("participants.participant", "participants.on_behalf_of")
        wanted_kind = None if kind is None else _checks.code(kind, EventKind, "kind")
        wanted_pillar = None if pillar is None else _checks.code(pillar, Pillar, "pillar")
        wanted_concern = None if concern is None else _checks.code(concern, Concern, "concern")
        start = None if since is None else _checks.dated(since, "since").earliest
        end = None if until is None else _checks.dated(until, "until").latest
        expand = _checks.flag(include_subunits, "include_subunits")

        def test(event: Event) -> bool:
            if wanted_kind is not None and event.kind != wanted_kind:
                return False
            if wanted_pillar is not None and wanted_pillar not in event.pillars:
                return False
            if wanted_concern is not None and wanted_concern not in event.concerns:
                return False
            if start is not None:
                first = event.start.earliest if event.start else None
                if first is None or first < start:
                    return False
            if end is not None:
                finish = event.end or event.start
                last = finish.latest if finish else None
                if last is None or last > end:
                    return False
            return True

        links = self._links
        return links.select(
            Event,
            [
                links.linked("event", ("place.country", *actor), self._ids(country, Country)),
                links.linked("event", actor, self._ids(organization, Organization, expand)),
                links.linked("event", actor, self._ids(person, Person)),
                links.linked("event", ("programme",), self._ids(programme, Programme, True)),
            ],
            test,
        )

    def programmes(
        self,
        *,
        kind: ProgrammeKind | str | None = None,
        country: Key | None = None,
        organization: Key | None = None,
        parent: Key | None = None,
        include_subunits: bool = True,
    ) -> tuple[Programme, ...]:
        """Programmes, plans and mechanisms of a kind, covering a country, implemented or
        funded by an organization (or its units), or directly under a parent; by ID."""
        wanted = None if kind is None else _checks.code(kind, ProgrammeKind, "kind")
        expand = _checks.flag(include_subunits, "include_subunits")
        links = self._links
        return links.select(
            Programme,
            [
                links.linked("programme", ("countries",), self._ids(country, Country)),
                links.linked(
                    "programme",
                    ("implementers", "funders"),
                    self._ids(organization, Organization, expand),
                ),
                links.linked("programme", ("parent",), self._ids(parent, Programme)),
            ],
            lambda r: wanted is None or r.kind == wanted,
        )

    def instruments(
        self,
        *,
        kind: InstrumentKind | str | None = None,
        country: Key | None = None,
        parent: Key | None = None,
    ) -> tuple[Instrument, ...]:
        """Instruments of a kind, of a country's jurisdiction or acted on by it, or
        supplementing a parent instrument; by ID."""
        wanted = None if kind is None else _checks.code(kind, InstrumentKind, "kind")
        links = self._links
        return links.select(
            Instrument,
            [
                links.linked(
                    "instrument", ("jurisdiction", "actions.country"), self._ids(country, Country)
                ),
                links.linked("instrument", ("parent",), self._ids(parent, Instrument)),
            ],
            lambda r: wanted is None or r.kind == wanted,
        )

    def fundings(
        self,
        *,
        donor: Key | None = None,
        recipient: Key | None = None,
        organization: Key | None = None,
        country: Key | None = None,
        programme: Key | None = None,
        event: Key | None = None,
        include_subunits: bool = True,
    ) -> tuple[Funding, ...]:
        """Fundings by date then ID: from a donor, to a recipient, with an organization (or
        its units) on either side, for a programme (or its parts), or announced at an
        event. ``country`` matches a funding whose donor or recipient is the country, or an
        organization based there (or one of its units), or whose beneficiaries include it:
        what the EU funded in Egypt is ``fundings(donor="EU", country="Egypt")``."""
        expand = _checks.flag(include_subunits, "include_subunits")
        links = self._links
        in_country = None
        if country is not None:
            place = self.country(country).id
            sides = {place}
            for bodies in links.linked("organization", ("country",), {place}) or ():
                for body in bodies:
                    sides |= links.with_subunits(body)
            in_country = [
                *(links.linked("funding", ("donor", "recipient"), sides) or ()),
                *(links.linked("funding", ("beneficiaries",), {place}) or ()),
            ]
        return links.select(
            Funding,
            [
                links.linked("funding", ("donor",), self._ids(donor, None, expand)),
                links.linked("funding", ("recipient",), self._ids(recipient, None, expand)),
                links.linked(
                    "funding", ("donor", "recipient"), self._ids(organization, Organization, expand)
                ),
                in_country,
                links.linked("funding", ("programme",), self._ids(programme, Programme, True)),
                links.linked("funding", ("event",), self._ids(event, Event)),
            ],
        )

    def statistics(
        self,
        *,
        indicator: Indicator | str | None = None,
        country: Key | None = None,
        reported_by: Key | None = None,
        event: Key | None = None,
    ) -> tuple[Statistic, ...]:
        """Statistics by reported date then ID: of an indicator, about a country, stated by
        a person or organization, or about or at an event."""
        wanted = None if indicator is None else _checks.code(indicator, Indicator, "indicator")
        links = self._links
        return links.select(
            Statistic,
            [
                links.linked("statistic", ("area",), self._ids(country, Country)),
                links.linked("statistic", ("reported_by",), self._ids(reported_by, None)),
                links.linked("statistic", ("event",), self._ids(event, Event)),
            ],
            lambda r: wanted is None or r.indicator == wanted,
        )

    def sources(
        self, *, kind: SourceKind | str | None = None, record: Key | None = None
    ) -> tuple[Source, ...]:
        """Sources of a kind, or cited anywhere in a record; by ID."""
        wanted = None if kind is None else _checks.code(kind, SourceKind, "kind")
        cited = None
        if record is not None:
            cited = {c.source for c in citations(self.resolve(record))}
        return self._links.select(Source, [cited], lambda r: wanted is None or r.kind == wanted)

    def assessments(
        self,
        *,
        country: Key | None = None,
        tier: Tier | str | None = None,
        year: int | None = None,
    ) -> tuple[Assessment, ...]:
        """TIP Report assessments by country, then report year."""
        wanted = None if tier is None else _checks.code(tier, Tier, "tier")
        if year is not None:
            _checks.whole(year, "year", 2024)
        links = self._links
        return links.select(
            Assessment,
            [links.linked("assessment", ("country",), self._ids(country, Country))],
            lambda r: (
                (wanted is None or r.tier == wanted) and (year is None or r.report_year == year)
            ),
        )
