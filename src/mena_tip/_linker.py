"""Entity linking: every mention of a known record in a text, and fuzzy search by name.

:class:`Linker` holds only ``(name, record ID)`` pairs (and the countries of the records),
so it pickles small and travels to process pools and cluster workers; each process builds
its automaton on first use.

Mentions are found word by word by an automaton over normalised words
(:mod:`mena_tip._automaton`), so the time is linear in the text and does not grow with the
number of names; where names overlap the leftmost, then longest, wins. Then the document's
context decides what a name alone does not (:mod:`mena_tip._context`): generic and shared
names, and the short forms a document uses after a full name.

Search scores a query against every name with the package's one similarity measure
(:mod:`mena_tip._similarity`): the normalised Indel similarity (the ``ratio`` of
rapidfuzz, 0-100) of the names and of their words in sorted order, the better of the two.
The suggestions of a failed lookup are ranked the same way, so they are the records that
search finds first.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from . import _checks
from ._automaton import Automaton, name_words
from ._context import Context, How, definitions, generic, in_country, short_forms
from ._similarity import CUTOFF, rank, sorted_words
from .errors import shown
from .names import normalize
from .records import KINDS, record_kind

__all__ = ["Linker", "Match", "Mention"]


@attrs.frozen
class Mention:
    """A name of a known record found in a text.

    ``text[start:end]`` (Python ``str`` indices into the text as given) is the surface;
    ``id`` the record it denotes, or None where the text does not decide; ``candidates``
    the records it may denote (the ``id`` alone once decided); ``how`` how it was linked:
    by the record's own ``"name"``, another of its names (``"alias"``: an acronym, a
    translation, a variant), the document's ``"context"`` (a shared or generic name read by
    the country), ``"coreference"`` (a surname after the full name, an acronym the document
    defines), or not at all (``"ambiguous"``: ``id`` is None).
    """

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]
    id: str | None = attrs.field()
    how: How = attrs.field()

    @id.default
    def _id(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @how.default
    def _how(self) -> How:
        return "ambiguous" if self.id is None else "name"

    @property
    def ambiguous(self) -> bool:
        """Whether the text leaves the record undecided (``id`` is None)."""
        return self.id is None

    @property
    def kind(self) -> str | None:
        """The kind of the records mentioned, if they share one."""
        found = {record_kind(candidate) for candidate in self.candidates}
        return found.pop() if len(found) == 1 else None


@attrs.frozen
class Match:
    """A search result: a record, the name of it that matched best, and the score (0-100)."""

    id: str
    name: str
    score: float


def _choose(
    matches: Iterable[tuple[int, int, int, tuple[str, ...]]],
) -> list[tuple[int, int, int, tuple[str, ...]]]:
    """The leftmost, then longest, matches that do not overlap."""
    chosen: list[tuple[int, int, int, tuple[str, ...]]] = []
    reach = -1
    for match in sorted(matches, key=lambda m: (m[0], -m[1])):
        if match[0] >= reach:
            chosen.append(match)
            reach = match[1]
    return chosen


# -- the linker ------------------------------------------------------------------------------

_MENTIONED: Final = frozenset(KINDS) - {"source"}

Kinds = Iterable[Any] | str | type | None
"""Record kinds to look for: a kind (``"country"`` or ``Country``), several, or None."""


def _chosen(kinds: Kinds, default: frozenset[str] | None) -> frozenset[str] | None:
    """The kinds to look for: ``default`` when none are given."""
    return default if kinds is None else _checks.kinds(kinds)


Pairs = tuple[tuple[str, str], ...]
_SHARED: dict[tuple[Pairs, Pairs, Pairs, Pairs], Linker] = {}
_SHARED_LOCK = threading.Lock()


def _shared(entries: Pairs, keys: Pairs = (), countries: Pairs = (), units: Pairs = ()) -> Linker:
    """The linker of these pairs in this process, made on the first unpickling."""
    with _SHARED_LOCK:
        found = _SHARED.get((entries, keys, countries, units))
        if found is None:
            found = Linker(entries, keys, countries, units)
            _SHARED[entries, keys, countries, units] = found
            while len(_SHARED) > 8:  # a few datasets at most; forget the oldest
                del _SHARED[next(iter(_SHARED))]
        return found


def _pairs(values: Iterable[tuple[str, str]], argument: str, what: str) -> Pairs:
    given: object = values  # checked whatever its annotation says
    if isinstance(given, (str, bytes, bytearray)) or not isinstance(given, Iterable):
        raise TypeError(
            f"{argument} must be an iterable of {what} pairs, "
            f"not {type(values).__name__}: {shown(values)}"
        )
    pairs = list(values)
    for pair in pairs:
        if not (type(pair) is tuple and len(pair) == 2 and all(type(p) is str for p in pair)):
            raise TypeError(f"each of {argument} must be a {what} pair of str, not {shown(pair)}")
        if argument == "countries":
            record_kind(pair[0])
            if record_kind(pair[1]) != "country":
                raise ValueError(f"{shown(pair[1])} in countries is no country's ID")
        elif argument == "units":
            record_kind(pair[0])
            record_kind(pair[1])
        else:
            record_kind(pair[1])
    return tuple(dict.fromkeys(pairs))


Found = tuple[int, int, int, tuple[str, ...]]  # start, end, pattern, IDs
Linked = dict[tuple[int, int], list[Any]]
"""Per span of a mention: its candidates, ID (or None) and how it was linked."""
_CURRENCY: Final = frozenset("$\u00a3\u00a5\u20ac")  # $ £ ¥ €
_PARENTHESIS: Final = re.compile(r"[ \t]*\(")  # where an acronym may be defined


@attrs.frozen
class _Reader:
    """What :meth:`Linker.mentions` reads documents with, for one set of kinds."""

    automaton: Automaton
    generic: list[bool]
    own: list[frozenset[str]]  # per pattern: the IDs whose own name (not an alias) it is
    countries: dict[str, frozenset[str]]  # per record ID: its countries
    by_name: dict[str, tuple[str, ...]]  # normalised country names and codes: their IDs
    known: frozenset[str]  # the IDs of the countries named or placing a record
    units: dict[tuple[str, str], str]  # (body, country): its one unit in that country
    parents: frozenset[str]  # the bodies in units
    short: frozenset[int]  # the patterns of short forms

    def country(self, key: str) -> str:
        """The ID of the country a caller gives as context (ID, name or code)."""
        if not isinstance(key, str):
            raise TypeError(f"country must be a str, not {type(key).__name__}: {shown(key)}")
        if key.startswith("country:"):
            if key in self.known:
                return key
        else:
            found = self.by_name.get(normalize(key), ())
            if len(found) == 1:
                return found[0]
        raise ValueError(f"country must be the ID, name or code of a country, not {shown(key)}")

    def read(self, text: str, given: str | None) -> tuple[Mention, ...]:
        matches = list(self.automaton.scan(text))
        short = self.short
        # A code before a currency sign is the currency's: "US$ 472,400".
        chosen = _choose(
            m for m in matches if m[2] not in short and text[m[1] : m[1] + 1] not in _CURRENCY
        )
        # Per span: [candidates, ID or None, how], made Mentions once all rules have read it.
        linked: Linked = {}
        named: dict[str, list[tuple[int, int]]] = {}  # per country: where it is named
        undecided = []
        for start, end, number, found in chosen:
            if len(found) == 1 and not self.generic[number]:
                record_id = found[0]
                how = "name" if record_id in self.own[number] else "alias"
                linked[start, end] = [found, record_id, how]
                places = self.countries.get(record_id)
                if places is not None and len(places) == 1:
                    for country in places:
                        named.setdefault(country, []).append((start, end))
            else:
                linked[start, end] = [found, None, "ambiguous"]
                undecided.append((start, end))
        spans = list(linked)  # in order: the chosen matches are
        if undecided:
            read = Context(given, named)
            for span in undecided:
                decided, how = read.decide(linked[span][0], span, self.countries)
                if decided is not None:
                    linked[span] = [(decided,), decided, how]
        if self.units:
            self._units(text, spans, linked)
        if _acronyms(text, spans, linked):
            spans = sorted(linked)
        shorts = [m for m in matches if m[2] in short] if short else []
        if shorts and _surnames(text, shorts, spans, linked):
            spans = sorted(linked)
        return tuple(
            Mention(start, end, text[start:end], *linked[start, end]) for start, end in spans
        )

    def _units(self, text: str, spans: list[tuple[int, int]], linked: Linked) -> None:
        """Read a body named before a country it has a unit in as that unit."""
        units, parents = self.units, self.parents
        for here, there in itertools.pairwise(spans):
            body = linked[here][1]
            if body in parents:
                unit = units.get((body, linked[there][1]))
                if unit is not None and in_country(text[here[1] : there[0]]):
                    linked[here] = [(unit,), unit, "context"]


def _acronyms(text: str, spans: list[tuple[int, int]], linked: Linked) -> bool:
    """Link the acronyms the text defines after a linked name, from there on; whether
    any mention was added."""
    defined: dict[str, tuple[int, str]] = {}
    starts: dict[int, int] | None = None
    for parenthesis in _PARENTHESIS.finditer(text):  # few: look for the names before them
        if starts is None:
            starts = {end: start for start, end in spans}
        start = starts.get(parenthesis.start())
        record_id = None if start is None else linked[start, parenthesis.start()][1]
        if start is not None and record_id is not None:
            found = definitions(text, start, parenthesis.start())
            # An acronym the name alone links to the same record needs no more reading.
            known = None if found is None else linked.get(found.span(1))
            if (
                found is not None
                and found.group(1) not in defined
                and (known is None or known[1] != record_id)
            ):
                defined[found.group(1)] = (found.start(1), record_id)
    if not defined:
        return False
    added = False
    pattern = "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
    for found in re.finditer(rf"(?<![\w.])(?:{pattern})(?![\w])", text):
        since, record_id = defined[found.group()]
        span = found.span()
        if span[0] < since:
            continue
        there = linked.get(span)
        if there is None and _overlaps(spans, *span):
            continue  # inside a longer name
        if there is None or there[1] != record_id:
            added |= there is None
            linked[span] = [(record_id,), record_id, "coreference"]
    return added


def _surnames(text: str, shorts: list[Found], spans: list[tuple[int, int]], linked: Linked) -> bool:
    """Link the short forms of the persons the text names in full, after the name; whether
    any mention was added."""
    named: dict[str, list[int]] = {}  # person ID: where each full mention ends
    for (_, end), (_, record_id, how) in linked.items():
        if record_id is not None and how != "coreference":
            named.setdefault(record_id, []).append(end)
    added = False
    for start, end, _, found in _choose(shorts):
        first = text[start]
        if first.isalpha() and first.lower() == first and first.upper() != first:
            continue  # a lower-case word: "said" after "Mohamed Said"
        if _overlaps(spans, start, end):
            continue
        before = [
            (max(ends), person)
            for person in found
            for ends in [[e for e in named.get(person, ()) if e <= start]]
            if ends
        ]
        if before:
            person = max(before)[1]
            linked[start, end] = [(person,), person, "coreference"]
            added = True
    return added


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span among the sorted ``spans`` overlaps ``[start, end)``."""
    at = bisect.bisect_left(spans, (start, start))
    return (at < len(spans) and spans[at][0] < end) or (at > 0 and spans[at - 1][1] > start)


class Linker:
    """Links text to records: ``mentions`` in documents, ``search`` by misspelt names.

    Its methods take and raise as :meth:`mena_tip.Dataset.mentions` and
    :meth:`~mena_tip.Dataset.search` do, but ``kinds`` may name several kinds for both.

    Built from ``(name, record ID)`` pairs (:attr:`mena_tip.Dataset.linker` gives the one
    of a dataset): the first name given for a record is its own name, the others its
    aliases. It pickles as those pairs; automata and search tables are built on first use
    in each process, once per set of kinds, and shared by threads.
    """

    __slots__ = ("_built", "_countries", "_entries", "_keys", "_lock", "_units")

    def __init__(
        self,
        entries: Iterable[tuple[str, str]],
        keys: Iterable[tuple[str, str]] = (),
        countries: Iterable[tuple[str, str]] = (),
        units: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Raises TypeError unless ``entries`` is an iterable of ``(name, record ID)`` tuples
        of strings, and ValueError naming a record ID that is no canonical ID. ``keys`` are
        more such pairs that ``search`` finds but ``mentions`` does not look for in text
        (codes such as a country's ISO alpha-3: "SOM" is also an abbreviation in prose).
        ``countries`` are ``(record ID, country ID)`` pairs: the countries each record
        belongs to, which the context of a document is read by (a country belongs to
        itself without saying so). ``units`` are ``(unit ID, parent ID)`` pairs: a body's
        units, so that "IOM in Egypt" is read as IOM's unit in Egypt."""
        self._entries = _pairs(entries, "entries", "(name, record ID)")
        self._keys = _pairs(keys, "keys", "(name, record ID)")
        self._countries = _pairs(countries, "countries", "(record ID, country ID)")
        self._units = _pairs(units, "units", "(unit ID, parent ID)")
        self._built: dict[tuple[str, frozenset[str] | None], Any] = {}
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, tuple[Pairs, Pairs, Pairs, Pairs]]:
        # Pickled as its pairs; unpickled copies of one linker share one object per
        # process, so a pool that ships it with every task builds its automaton once.
        return _shared, (self._entries, self._keys, self._countries, self._units)

    def __len__(self) -> int:
        """The number of (name, record ID) pairs, keys included."""
        return len(self._entries) + len(self._keys)

    def __repr__(self) -> str:
        return f"<Linker of {len(self)} names>"

    def _entries_of(
        self, kinds: frozenset[str] | None, keys: bool = False
    ) -> Iterator[tuple[str, str]]:
        for name, record_id in (*self._entries, *self._keys) if keys else self._entries:
            if kinds is None or record_kind(record_id) in kinds:
                yield name, record_id

    def _get(self, what: str, kinds: frozenset[str] | None) -> Any:
        key = (what, kinds)
        built = self._built.get(key)
        if built is None:
            with self._lock:  # another thread may have built it meanwhile
                built = self._built.get(key) or self._built.setdefault(
                    key, self._build(what, kinds)
                )
        return built

    def _build(self, what: str, kinds: frozenset[str] | None) -> Any:
        if what == "reader":
            return self._reader(kinds)
        names: dict[str, tuple[str, dict[str, None]]] = {}
        for name, record_id in self._entries_of(kinds, keys=True):
            key = normalize(name)
            if key:
                names.setdefault(key, (name, {}))[1][record_id] = None
        keys = list(names)
        found = names.values()
        return (
            keys,
            [sorted_words(key) for key in keys],
            [name for name, _ in found],
            [tuple(record_ids) for _, record_ids in found],
        )

    def _reader(self, kinds: frozenset[str] | None) -> _Reader:
        countries: dict[str, set[str]] = {}
        for record_id, country in self._countries:
            countries.setdefault(record_id, set()).add(country)
        by_name: dict[str, dict[str, None]] = {}
        for name, record_id in (*self._entries, *self._keys):
            if record_kind(record_id) == "country":
                countries.setdefault(record_id, set()).add(record_id)
                by_name.setdefault(normalize(name), {})[record_id] = None
        places = {record_id: frozenset(found) for record_id, found in countries.items()}
        entries = list(self._entries_of(kinds))
        own: dict[str, str] = {}
        for name, record_id in entries:
            own.setdefault(record_id, name)
        tiers = [(name, record_id, 0) for name, record_id in entries]
        tiers += [
            (form, record_id, 1)
            for name, record_id in entries
            if record_kind(record_id) == "person"
            for form in short_forms(name)
        ]
        automaton = Automaton(tiers)
        own_words = {record_id: name_words(name) for record_id, name in own.items()}
        own_patterns = [
            frozenset(i for i in automaton.every[n] if tier == 0 and own_words[i] == words)
            for n, (words, tier) in enumerate(automaton.patterns)
        ]
        units = self._units_by_place(places)
        return _Reader(
            automaton,
            generic(automaton, self._entries, places),
            own_patterns,
            places,
            {key: tuple(ids) for key, ids in by_name.items() if key},
            frozenset(country for found in places.values() for country in found),
            units,
            frozenset(body for body, _ in units),
            frozenset(n for n, (_, tier) in enumerate(automaton.patterns) if tier),
        )

    def _units_by_place(self, places: dict[str, frozenset[str]]) -> dict[tuple[str, str], str]:
        """Each body's unit in a country, where it has one unit there (and no other)."""
        found: dict[tuple[str, str], set[str]] = {}
        for unit, parent in self._units:
            within = places.get(unit, frozenset())
            if len(within) == 1 and within != places.get(parent):
                found.setdefault((parent, next(iter(within))), set()).add(unit)
        return {key: next(iter(units)) for key, units in found.items() if len(units) == 1}

    def mentions(
        self, text: str, kinds: Kinds = None, *, country: str | None = None
    ) -> tuple[Mention, ...]:
        """Every mention of a known record in ``text``, in order (see :class:`Mention`).

        ``kinds`` limits the names looked for to records of those kinds (``"country"``, or
        ``["organization", "person"]``); by default every kind but sources, whose titles
        are the documents themselves. ``country`` (an ID, name or code of a country) is the
        country the document is about, when the caller knows it: generic and shared names
        are read as that country's first.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}: {shown(text)}")
        reader: _Reader = self._get("reader", _chosen(kinds, _MENTIONED))
        return reader.read(text, None if country is None else reader.country(country))

    def search(
        self,
        text: str,
        kinds: Kinds = None,
        limit: int = 10,
        cutoff: float = CUTOFF,
    ) -> tuple[Match, ...]:
        """Records whose names are closest to ``text``, best first, at most ``limit``.

        Each record appears once, with its best-scoring name; scores below ``cutoff``
        (0-100) are left out; ties go to the record ID that sorts first.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}: {shown(text)}")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be a positive int, not {shown(limit)}")
        if (
            isinstance(cutoff, bool)
            or not isinstance(cutoff, (int, float))
            or not 0 <= cutoff <= 100
        ):
            raise ValueError(f"cutoff must be a number from 0 to 100, not {shown(cutoff)}")
        query = normalize(text)
        if not query:
            return ()
        keys, sorted_keys, written, owners = self._get("search", _chosen(kinds, None))
        ranked = rank(query, keys, owners, cutoff, sorted_keys)
        return tuple(
            Match(record_id, written[index], score) for record_id, score, index in ranked[:limit]
        )
