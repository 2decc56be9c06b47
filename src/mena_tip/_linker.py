"""Entity linking: every mention of a known record in a text, and fuzzy search by name.

:class:`Linker` holds only ``(name, record ID)`` pairs, so it pickles small and travels to
process pools and cluster workers; each process builds its automaton on first use.

Mentions are found word by word: the text is cut into words by the same rules as names
(:func:`mena_tip.names.tokens`), and an Aho-Corasick automaton over normalised words reads
each word once, so the time is linear in the text and does not grow with the number of
names. Matches are whole words by construction; where names overlap the leftmost, then
longest, wins; a surface that several records bear is reported with all of them.

Search scores a query against every name with the package's one similarity measure
(:mod:`mena_tip._similarity`): the normalised Indel similarity (the ``ratio`` of
rapidfuzz, 0-100) of the names and of their words in sorted order, the better of the two.
The suggestions of a failed lookup are ranked the same way, so they are the records that
search finds first.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from . import _checks
from ._similarity import CUTOFF, rank, sorted_words
from ._words import INVISIBLE, cut, fold
from .errors import shown
from .names import normalize, tokens
from .records import KINDS, record_kind

__all__ = ["Linker", "Match", "Mention"]


@attrs.frozen
class Mention:
    """A name of a known record found in a text.

    ``text[start:end]`` (Python ``str`` indices into the text as given) is the surface;
    ``candidates`` are the IDs of every record that bears that name, so a surface that
    several records share is reported with all of them rather than guessed.
    """

    start: int
    end: int
    text: str
    candidates: tuple[str, ...]

    @property
    def id(self) -> str | None:
        """The ID of the record mentioned, or None when the surface is ambiguous."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        """Whether several records bear this surface."""
        return len(self.candidates) > 1

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


# Punctuation that ends a clause, and blank lines: a name matches across them only if it
# has them itself ("Global Compact for Safe, Orderly and Regular Migration"), so that
# "together with IOM, Egypt and others" is no mention of "IOM Egypt".
_BREAK = re.compile(r"[,;:.!?()\[\]{}\u060c\u061b\u061f]|\n\s*\n")
_BREAK_SYMBOL: Final = "\x00"  # never a normalised word, which has only word characters


def _name_words(name: str) -> tuple[str, ...]:
    """The normalised words of a name, with a break symbol where its punctuation breaks."""
    found: list[str] = []
    previous = None
    for start, end, word in tokens(name):
        if previous is not None and _BREAK.search(name, previous, start):
            found.append(_BREAK_SYMBOL)
        found.extend(word.split(" "))
        previous = end
    return tuple(found)


def _is_acronym(name: str) -> bool:
    """An all-capitals name ("UN", "IOM"): it matches only text written in capitals, so
    the French article "un" is not the United Nations."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


class _Automaton:
    """An Aho-Corasick automaton whose alphabet is normalised words."""

    __slots__ = ("any_case", "capitals", "every", "fail", "goto", "longest", "out", "vocabulary")

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        patterns: dict[tuple[str, ...], tuple[dict[str, None], dict[str, None]]] = {}
        for name, record_id in entries:
            words = _name_words(name)
            # A name with breaking punctuation also matches text that leaves it out.
            plain = tuple(word for word in words if word != _BREAK_SYMBOL)
            for variant in dict.fromkeys([words, plain]) if words else ():
                any_case, capitals = patterns.setdefault(variant, ({}, {}))
                (capitals if _is_acronym(name) else any_case)[record_id] = None
        self.vocabulary: dict[str, int] = {}
        self.goto: list[dict[int, int]] = [{}]
        ends: list[int] = [-1]
        # Per pattern: the IDs it denotes in any case; whether some denote it only when it
        # is written in capitals; and then all IDs.
        self.any_case: list[tuple[str, ...]] = []
        self.capitals: list[bool] = []
        self.every: list[tuple[str, ...]] = []
        lengths: list[int] = []
        for number, (words, (any_case, capitals)) in enumerate(patterns.items()):
            state = 0
            for word in words:
                symbol = self.vocabulary.setdefault(word, len(self.vocabulary))
                following = self.goto[state].get(symbol)
                if following is None:
                    following = len(self.goto)
                    self.goto[state][symbol] = following
                    self.goto.append({})
                    ends.append(-1)
                state = following
            ends[state] = number
            self.any_case.append(tuple(any_case))
            self.capitals.append(bool(set(capitals) - set(any_case)))
            self.every.append(tuple({**any_case, **capitals}))
            lengths.append(len(words))
        self.longest = max(lengths, default=0)
        # Breadth-first: each state's failure link, and its outputs (the patterns that end
        # there, its own first, then those of its failure chain), as (length, pattern).
        self.fail = [0] * len(self.goto)
        self.out: list[tuple[tuple[int, int], ...]] = [()] * len(self.goto)
        queue = list(self.goto[0].values())
        for state in queue:
            own = ((lengths[ends[state]], ends[state]),) if ends[state] >= 0 else ()
            self.out[state] = own + self.out[self.fail[state]]
            for symbol, child in self.goto[state].items():
                fallback = self.fail[state]
                while fallback and symbol not in self.goto[fallback]:
                    fallback = self.fail[fallback]
                target = self.goto[fallback].get(symbol, 0)
                self.fail[child] = target if target != child else 0
                queue.append(child)

    def scan(self, text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """Every match in ``text`` as ``(start, end, IDs)``, overlapping ones included."""
        vocabulary, goto, fail, out = self.vocabulary, self.goto, self.fail, self.out
        size = max(self.longest, 1)
        starts = [0] * size  # the start offsets of the last `size` words, in a ring
        position = -1
        state = 0
        cache: dict[str, str] = {}
        previous = 0
        breaking = _BREAK.search
        for start, end, surface in cut(text):
            word = cache.get(surface)
            if word is None:
                word = cache[surface] = fold(surface)
                if not word:
                    continue
            elif not word:
                continue
            parts: Iterable[str] = word.split(" ") if " " in word else (word,)
            # Punctuation between two words breaks as in names (see _name_words), even with no
            # space around it ("ecoi.net", "IOM,Egypt"); a single space never does.
            gap = start - previous
            if gap and (gap > 1 or text[previous] != " ") and breaking(text, previous, start):
                parts = (_BREAK_SYMBOL, *parts)
            previous = end
            for part in parts:
                position += 1
                starts[position % size] = start
                symbol = vocabulary.get(part)
                if symbol is None and part[0] in _PROCLITICS:
                    symbol, skipped = _without_proclitic(part, vocabulary)
                    if symbol is not None:
                        starts[position % size] = start + _letters_end(text[start:end], skipped)
                if symbol is None:
                    state = 0
                    continue
                while state and symbol not in goto[state]:
                    state = fail[state]
                state = goto[state].get(symbol, 0)
                for length, number in out[state]:
                    first = starts[(position - length + 1) % size]
                    found = self.any_case[number]
                    if self.capitals[number] and not any(c.islower() for c in text[first:end]):
                        found = self.every[number]
                    if found:
                        yield first, end, found


# Arabic conjunctions and prepositions written joined to the next word: "ومصر" is "and
# Egypt", "بالمغرب" "in Morocco". A word is read without them only when it is no name's
# word as written ("وزارة", a ministry, stays whole).
_PROCLITICS: Final = frozenset("\u0648\u0641\u0628\u0644\u0643")  # و ف ب ل ك
_SECOND: Final = frozenset("\u0628\u0644\u0643")  # ب ل ك after و or ف


def _without_proclitic(word: str, vocabulary: dict[str, int]) -> tuple[int | None, int]:
    """The symbol of ``word`` without one or two proclitic letters, and how many."""
    for skipped in (1, 2) if word[1:2] in _SECOND and word[0] in "\u0648\u0641" else (1,):
        if len(word) - skipped >= 2:
            symbol = vocabulary.get(word[skipped:])
            if symbol is not None:
                return symbol, skipped
    return None, 0


def _letters_end(surface: str, letters: int) -> int:
    """The index in ``surface`` of its letter after the first ``letters`` ones (marks,
    tatweel and invisible characters are no letters)."""
    found = [i for i, char in enumerate(surface) if not unicodedata.combining(char)]
    found = [i for i in found if surface[i] != "\u0640" and surface[i] not in INVISIBLE]
    return found[letters] if letters < len(found) else len(surface)


def _choose(matches: Iterable[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int, Any]]:
    """The leftmost, then longest, matches that do not overlap."""
    chosen: list[tuple[int, int, Any]] = []
    reach = -1
    for start, end, found in sorted(matches, key=lambda m: (m[0], -m[1])):
        if start >= reach:
            chosen.append((start, end, found))
            reach = end
    return chosen


# -- the linker ------------------------------------------------------------------------------

_MENTIONED: Final = frozenset(KINDS) - {"source"}

Kinds = Iterable[Any] | str | type | None
"""Record kinds to look for: a kind (``"country"`` or ``Country``), several, or None."""


def _chosen(kinds: Kinds, default: frozenset[str] | None) -> frozenset[str] | None:
    """The kinds to look for: ``default`` when none are given."""
    return default if kinds is None else _checks.kinds(kinds)


Pairs = tuple[tuple[str, str], ...]
_SHARED: dict[tuple[Pairs, Pairs], Linker] = {}
_SHARED_LOCK = threading.Lock()


def _shared(entries: Pairs, keys: Pairs = ()) -> Linker:
    """The linker of these pairs in this process, made on the first unpickling."""
    with _SHARED_LOCK:
        found = _SHARED.get((entries, keys))
        if found is None:
            found = _SHARED[entries, keys] = Linker(entries, keys)
            while len(_SHARED) > 8:  # a few datasets at most; forget the oldest
                del _SHARED[next(iter(_SHARED))]
        return found


def _pairs(values: Iterable[tuple[str, str]], argument: str) -> Pairs:
    given: object = values  # checked whatever its annotation says
    if isinstance(given, (str, bytes, bytearray)) or not isinstance(given, Iterable):
        raise TypeError(
            f"{argument} must be an iterable of (name, record ID) pairs, "
            f"not {type(values).__name__}: {shown(values)}"
        )
    pairs = list(values)
    for pair in pairs:
        if not (type(pair) is tuple and len(pair) == 2 and all(type(p) is str for p in pair)):
            raise TypeError(
                f"each entry must be a (name, record ID) pair of str, not {shown(pair)}"
            )
        record_kind(pair[1])
    return tuple(dict.fromkeys(pairs))


class Linker:
    """Links text to records: ``mentions`` in documents, ``search`` by misspelt names.

    Its methods take and raise as :meth:`mena_tip.Dataset.mentions` and
    :meth:`~mena_tip.Dataset.search` do, but ``kinds`` may name several kinds for both.

    Built from ``(name, record ID)`` pairs (:attr:`mena_tip.Dataset.linker` gives the one
    of a dataset). It pickles as those pairs; automata and search tables are built on
    first use in each process, once per set of kinds, and shared by threads.
    """

    __slots__ = ("_built", "_entries", "_keys", "_lock")

    def __init__(
        self, entries: Iterable[tuple[str, str]], keys: Iterable[tuple[str, str]] = ()
    ) -> None:
        """Raises TypeError unless ``entries`` is an iterable of ``(name, record ID)`` tuples
        of strings, and ValueError naming a record ID that is no canonical ID. ``keys`` are
        more such pairs that ``search`` finds but ``mentions`` does not look for in text
        (codes such as a country's ISO alpha-3: "SOM" is also an abbreviation in prose)."""
        self._entries = _pairs(entries, "entries")
        self._keys = _pairs(keys, "keys")
        self._built: dict[tuple[str, frozenset[str] | None], Any] = {}
        self._lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, tuple[Pairs, Pairs]]:
        # Pickled as its pairs; unpickled copies of one linker share one object per
        # process, so a pool that ships it with every task builds its automaton once.
        return _shared, (self._entries, self._keys)

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
        if what == "automaton":
            return _Automaton(self._entries_of(kinds))
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

    def mentions(self, text: str, kinds: Kinds = None) -> tuple[Mention, ...]:
        """Every mention of a known record in ``text``, in order (see :class:`Mention`).

        ``kinds`` limits the names looked for to records of those kinds (``"country"``, or
        ``["organization", "person"]``); by default every kind but sources, whose titles
        are the documents themselves.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}: {shown(text)}")
        automaton = self._get("automaton", _chosen(kinds, _MENTIONED))
        return tuple(
            Mention(start, end, text[start:end], found)
            for start, end, found in _choose(automaton.scan(text))
        )

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
