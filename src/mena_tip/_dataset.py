"""The Dataset: one data release, checked and indexed once, with every query on it.

The module-level functions of :mod:`mena_tip` call the same methods on the default
dataset (the bundled data, loaded on first use). :func:`mena_tip.load` gives a Dataset over
another bundle, with the same API.

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
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from . import _checks
from ._bundle import FILES, RegisterEntry
from .dates import DateLike, PartialDate
from .errors import (
    AmbiguousIdentifier,
    DataError,
    IdentifierRedirected,
    UnknownIdentifier,
    WithdrawnIdentifier,
    shown,
)
from .records import (
    KINDS,
    RECORD_TYPES,
    Assessment,
    Code,
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
    lookup_names,
    references,
    sort_key,
)

if TYPE_CHECKING:
    from ._coverage import Coverage
    from ._linker import Linker, Match, Mention
    from .names import NameIndex

__all__ = ["Dataset"]

R = TypeVar("R", bound=Record)
C = TypeVar("C", bound=Code)
Key = str | Record
"""A record, its canonical ID, or any of its names (see :meth:`Dataset.resolve`)."""

# A selection of IDs: the union of these collections (entries of the link index, or sets).
_Selection = list[Collection[str]]


def _bound(value: DateLike, name: str) -> PartialDate:
    date = PartialDate.coerce(value)
    if date.year is None:
        raise ValueError(f"{name}={shown(value)} has no year; a date filter needs one")
    return date


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


class Dataset:
    """Records of one data release, checked for integrity and indexed for queries.

    Raises :class:`~mena_tip.DataError` naming the file and record when an ID is used
    twice, or a reference points to no record of a kind it may point to.

    Every query method raises, with a message naming the bad value (see
    :mod:`mena_tip.errors`): TypeError for an argument of the wrong type (a key that is no
    str or record, a date that is no str, date or PartialDate, an ``include_subunits``
    that is no bool); ValueError for an invalid code, kind or date, or a date filter
    without a year; :class:`~mena_tip.UnknownIdentifier` or
    :class:`~mena_tip.AmbiguousIdentifier` (both LookupErrors) for a key that denotes no
    record or several. A filter that matches nothing gives an empty tuple.
    """

    __slots__ = (
        "_building",
        "_by_id",
        "_by_kind",
        "_children",
        "_data_version",
        "_fast",
        "_linker",
        "_links",
        "_name_index",
        "_rank",
        "_register",
    )

    def __init__(
        self,
        records: Iterable[Record],
        register: Iterable[RegisterEntry] = (),
        data_version: str = "unversioned",
    ) -> None:
        if not isinstance(data_version, str):
            raise TypeError(
                f"data_version must be a str, not {type(data_version).__name__}: "
                f"{shown(data_version)}"
            )
        self._data_version = data_version
        by_id: dict[str, Record] = {}
        for record in _checks.items(records, "records"):
            if not isinstance(record, RECORD_TYPES):
                raise TypeError(f"not a mena-tip record: {shown(record)}")
            file = FILES[record.KIND]
            if record.id in by_id:
                raise DataError("the ID is used twice", file, record.id)
            by_id[record.id] = record
        self._by_id = by_id
        self._by_kind: dict[str, tuple[Record, ...]] = {
            kind: tuple(sorted((r for r in by_id.values() if kind == r.KIND), key=sort_key))
            for kind in KINDS
        }
        self._register = {}
        for entry in _checks.items(register, "register"):
            if not isinstance(entry, RegisterEntry):
                raise TypeError(f"not a RegisterEntry: {shown(entry)}")
            self._register[entry.id] = entry
        # Inverted links: (kind of referrer, field, target) -> referrer IDs, in result order.
        links: dict[tuple[str, str, str], list[str]] = {}
        children: dict[str, list[str]] = {}
        for kind_records in self._by_kind.values():
            for record in kind_records:
                self._check(record)
                for field, target, _ in references(record):
                    referrers = links.setdefault((record.KIND, field, target), [])
                    if not referrers or referrers[-1] != record.id:
                        referrers.append(record.id)
                    if field == "parent":
                        children.setdefault(target, []).append(record.id)
        # Where each record stands in its kind's result order: an indexed filter sorts only
        # the records it selected, so its cost follows the result size, not the data's.
        self._rank = {r.id: i for rs in self._by_kind.values() for i, r in enumerate(rs)}
        # Ordered sets (dicts to None): iterated in result order, and tested in O(1).
        self._links = {key: dict.fromkeys(ids) for key, ids in links.items()}
        self._children = {key: tuple(ids) for key, ids in children.items()}
        self._check_parents()
        self._building = threading.Lock()  # for the indexes built on first use
        self._name_index: NameIndex | None = None
        self._linker: Linker | None = None
        # Keys that need no normalisation: active IDs, and (once the name index is built)
        # names exactly as written that denote one record. Lookups try it first.
        self._fast: dict[str, Record] = dict(by_id)

    def _check(self, record: Record) -> None:
        file = FILES[record.KIND]
        for field, target, kinds in references(record):
            found = self._by_id.get(target)
            if found is None or found.KIND not in kinds:
                what = "no record" if found is None else f"a {found.KIND}"
                raise DataError(
                    f"{field} refers to {target!r}, which is {what}; "
                    f"expected {' or '.join(sorted(kinds))}",
                    file,
                    record.id,
                )
        for citation in citations(record):
            if not isinstance(self._by_id.get(citation.source), Source):
                raise DataError(
                    f"a citation refers to {citation.source!r}, which is no source", file, record.id
                )

    def _check_parents(self) -> None:
        """Raise DataError when a chain of parents comes back to where it started."""
        settled: set[str] = set()  # records whose chain of parents is known to end
        for record in self:
            chain: list[str] = []
            current: Record | None = record
            while current is not None and current.id not in settled:
                if current.id in chain:
                    cycle = " -> ".join([*chain[chain.index(current.id) :], current.id])
                    raise DataError(
                        f"its parents form a cycle: {cycle}", FILES[current.KIND], current.id
                    )
                chain.append(current.id)
                parent = getattr(current, "parent", None)
                current = None if parent is None else self._by_id[parent]
            settled.update(chain)

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
        if index is None:
            with self._building:  # threads asking at once wait for one build
                index = self._name_index
                if index is None:
                    index = self._name_index = self._index_names()
        return index

    def _index_names(self) -> NameIndex:
        from .names import NameIndex

        index = NameIndex((name, record.id) for record in self for name in lookup_names(record))
        for name, ids in index.exact.items():
            if len(ids) == 1:
                self._fast.setdefault(name, self._by_id[ids[0]])
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

                    names = ((name, r.id) for r in self for name in lookup_names(r))
                    linker = self._linker = Linker(names)
        return linker

    def mentions(
        self, text: str, kinds: Iterable[str | type[Record]] | str | type[Record] | None = None
    ) -> tuple[Mention, ...]:
        """Every mention of a known record in ``text``, in order of offset.

        Whole words only; where names overlap, the leftmost then longest wins; a surface
        several records bear comes with all of them (``Mention.ambiguous``). Names in
        capitals ("UN", "IOM") match only text in capitals. ``kinds`` limits the records
        looked for (by default, every kind but sources). Offsets index ``text`` as given.
        Text with no word in it (empty, blank, only punctuation or invisible characters)
        has none: ``()``. Raises TypeError when ``text`` is no str or ``kinds`` no kind,
        class or iterable of them, ValueError for an unknown kind.
        """
        return self.linker.mentions(text, kinds)

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
        """The one record a key denotes: a record, an ID (redirects followed) or a name.

        Names match whatever their case, accents, punctuation or spacing. Raises
        :class:`~mena_tip.UnknownIdentifier` with close matches, or
        :class:`~mena_tip.AmbiguousIdentifier` listing the candidates; narrow by ``kind``,
        or by ``country`` to the records of that country (an acronym two countries' bodies
        share: ``resolve("NCCHT", country="QA")``). Raises TypeError for a key that is no
        str or record, ValueError for an unknown kind.
        """
        if kind is None and country is None and type(key) is str:
            fast = self._fast.get(key)
            if fast is not None:
                return fast
        wanted = None if kind is None else _checks.kind(kind)
        within = None if country is None else self.country(country).id
        if isinstance(key, RECORD_TYPES):
            key = key.id
        if not isinstance(key, str):
            raise TypeError(
                "a key must be a str (an ID or a name) or a record, "
                f"not {type(key).__name__}: {shown(key)}"
            )
        found = self._follow(key)
        if found is not None and (wanted is None or wanted == found.KIND):
            return found
        candidates = [
            i
            for i in self.names.ids(key)
            if (wanted is None or wanted == self._by_id[i].KIND)
            and (within is None or within in self._countries_of(self._by_id[i]))
        ]
        if len(candidates) == 1:
            return self._by_id[candidates[0]]
        if candidates:
            raise AmbiguousIdentifier(key, candidates)
        allowed = [
            r.id
            for r in (self._by_kind[wanted] if wanted else self)
            if within is None or within in self._countries_of(r)
        ]
        raise UnknownIdentifier(key, wanted, self.names.close_matches(key, allowed), within)

    def _countries_of(self, record: Record) -> set[str]:
        """The countries a record belongs to, for narrowing a lookup by country."""
        if isinstance(record, Country):
            return {record.id}
        if isinstance(record, Organization):
            found = {record.country} if record.country else set()
            if record.parent:
                found |= self._countries_of(self._by_id[record.parent])
            return found
        if isinstance(record, Person):
            return {
                c
                for p in record.posts
                if p.organization
                for c in self._countries_of(self._by_id[p.organization])
            }
        if isinstance(record, Programme):
            return set(record.countries)
        if isinstance(record, Instrument):
            return {record.jurisdiction} if record.jurisdiction else set()
        if isinstance(record, Event):
            return {record.place.country} if record.place and record.place.country else set()
        return set()

    def _one(self, key: Key, kind: type[R]) -> R:
        record = self.resolve(key, kind.KIND)
        assert isinstance(record, kind)
        return record

    def get(self, record_id: str) -> Record:
        """The record with this canonical ID, of any kind (redirects followed, with a warning).

        Raises :class:`~mena_tip.UnknownIdentifier` with close matches, or TypeError for
        an ID that is no str.
        """
        if not isinstance(record_id, str):
            raise TypeError(
                f"an ID must be a str, not {type(record_id).__name__}: {shown(record_id)}"
            )
        found = self._follow(record_id)
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
        self, key: Key | None, kind: type[Record] | None, expand: bool = False
    ) -> set[str] | None:
        """The IDs a filter value denotes (with sub-units when ``expand``); None for no filter."""
        if key is None:
            return None
        start = self.resolve(key, kind).id
        found = {start}
        if expand:
            pending = [start]
            while pending:  # parents form a forest (checked on load): no unit is met twice
                children = self._children.get(pending.pop(), ())
                found.update(children)
                pending.extend(children)
        return found

    def _linked(
        self, kind: str, fields: tuple[str, ...], targets: set[str] | None
    ) -> _Selection | None:
        """The records of ``kind`` whose ``fields`` refer to any of ``targets``, as the
        union of index entries (not copied: a filter may test just a few IDs in them)."""
        if targets is None:
            return None
        links = self._links
        return [found for f in fields for t in targets if (found := links.get((kind, f, t)))]

    def _select(
        self,
        kind: type[R],
        candidates: Iterable[_Selection | set[str] | None],
        test: Callable[[R], bool] | None = None,
    ) -> tuple[R, ...]:
        """The records of ``kind`` in every candidate selection (None: no filter) that
        pass ``test``, in result order."""
        selections = [[c] if isinstance(c, set) else c for c in candidates if c is not None]
        every = self._by_kind[kind.KIND]
        records: Iterable[Record] = every
        if selections:
            # Start from the smallest selection and test its IDs against the others, so a
            # query costs in proportion to what it selects, however large the data.
            selections.sort(key=lambda parts: sum(map(len, parts)))
            first, rest = selections[0], selections[1:]
            chosen = {
                i for part in first for i in part if all(any(i in p for p in s) for s in rest)
            }
            if len(chosen) * 8 > len(every):
                # Most of the kind: one pass in order beats sorting what was chosen.
                records = (r for r in every if r.id in chosen)
            else:
                by_id = self._by_id
                records = (by_id[i] for i in sorted(chosen, key=self._rank.__getitem__))
        return tuple(r for r in records if isinstance(r, kind) and (test is None or test(r)))

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
        return self._select(
            Organization,
            [self._by_field("organization", "country", country, Country), in_programme],
            lambda r: (
                (wanted is None or r.kind == wanted)
                and (parents is None or r.parent in parents)
                and (took_part is None or r.id in took_part)
            ),
        )

    def _by_field(
        self, kind: str, field: str, key: Key | None, target: type[Record], expand: bool = False
    ) -> _Selection | None:
        return self._linked(kind, (field,), self._ids(key, target, expand))

    def persons(
        self,
        *,
        organization: Key | None = None,
        event: Key | None = None,
        include_subunits: bool = True,
    ) -> tuple[Person, ...]:
        """People who held a post at an organization (or one of its units), or took part in
        an event; in ID order."""
        took_part = None if event is None else _actors(self.event(event))
        expand = _checks.flag(include_subunits, "include_subunits")
        return self._select(
            Person,
            [
                self._by_field("person", "posts.organization", organization, Organization, expand),
                took_part,
            ],
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
        return self._select(Country, [present], lambda r: wanted is None or wanted in r.groupings)

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
        start = None if since is None else _bound(since, "since").earliest
        end = None if until is None else _bound(until, "until").latest
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

        return self._select(
            Event,
            [
                self._linked("event", ("place.country", *actor), self._ids(country, Country)),
                self._linked("event", actor, self._ids(organization, Organization, expand)),
                self._linked("event", actor, self._ids(person, Person)),
                self._by_field("event", "programme", programme, Programme, expand=True),
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
        return self._select(
            Programme,
            [
                self._by_field("programme", "countries", country, Country),
                self._linked(
                    "programme",
                    ("implementers", "funders"),
                    self._ids(organization, Organization, expand),
                ),
                self._by_field("programme", "parent", parent, Programme),
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
        return self._select(
            Instrument,
            [
                self._linked(
                    "instrument", ("jurisdiction", "actions.country"), self._ids(country, Country)
                ),
                self._by_field("instrument", "parent", parent, Instrument),
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
        its units) or a country on either side, for a programme (or its parts), or
        announced at an event."""
        expand = _checks.flag(include_subunits, "include_subunits")
        return self._select(
            Funding,
            [
                self._linked("funding", ("donor",), self._ids(donor, None, expand)),
                self._linked("funding", ("recipient",), self._ids(recipient, None, expand)),
                self._linked(
                    "funding", ("donor", "recipient"), self._ids(organization, Organization, expand)
                ),
                self._linked("funding", ("donor", "recipient"), self._ids(country, Country)),
                self._by_field("funding", "programme", programme, Programme, expand=True),
                self._by_field("funding", "event", event, Event),
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
        return self._select(
            Statistic,
            [
                self._by_field("statistic", "area", country, Country),
                self._linked("statistic", ("reported_by",), self._ids(reported_by, None)),
                self._by_field("statistic", "event", event, Event),
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
        return self._select(Source, [cited], lambda r: wanted is None or r.kind == wanted)

    def coverage(
        self, country: Key | None = None, *, grouping: Grouping | str | None = Grouping.MENA
    ) -> tuple[Coverage, ...]:
        """What the data knows of each :class:`~mena_tip.records.Topic` for a country, or
        for every country of a grouping (the MENA countries unless told otherwise); by
        country ID, then topic."""
        from ._coverage import country_coverage

        chosen = (
            (self.country(country),) if country is not None else self.countries(grouping=grouping)
        )
        return tuple(cell for found in chosen for cell in country_coverage(self, found))

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
        return self._select(
            Assessment,
            [self._by_field("assessment", "country", country, Country)],
            lambda r: (
                (wanted is None or r.tier == wanted) and (year is None or r.report_year == year)
            ),
        )
