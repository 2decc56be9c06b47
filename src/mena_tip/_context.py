"""A document's context: the countries it is about, and the short forms it introduces.

The rules :meth:`mena_tip.Linker.mentions` reads a document by, after the names in it are
found (each is documented in :doc:`/howto/link-names`):

- **generic names**: a name of a country's body, programme or law that does not say which
  country's ("Ministry of Interior", "اللجنة الوطنية لمكافحة الاتجار بالبشر") is linked only
  where the context names that country; :func:`generic` says which names are generic;
- **country context**: a name that several records bear, or a generic one, is narrowed to
  the records of the caller's country, then of the countries the document names (directly,
  or through a body, person or programme of one country), then of the country named
  nearest to it; where that does not leave exactly one record, it stays undecided
  (:meth:`Context.decide`);
- **a body in a country**: a body's name followed by "in", "en", "au", "في"… and a
  country's is its unit there, where it has one ("OIM en Mauritanie", "IOM Mission to
  Egypt": :func:`in_country`);
- **coreference**: after a person's full name, the short forms of it the data allows (the
  surname, given name and surname: :func:`short_forms`) are that person in the rest of the
  document; an acronym written in parentheses right after a linked name that it
  abbreviates ("Ministry of Labour (MoL)") is that record from there on
  (:func:`definitions`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from ._automaton import Automaton, is_acronym, name_words
from .names import normalize
from .records import record_kind

__all__ = ["Context", "How", "definitions", "generic", "in_country", "short_forms"]

How = Literal["name", "alias", "context", "coreference", "ambiguous"]
"""How a mention was linked: by the record's own ``name``; by another of its names
(``alias``: an acronym, a translation, a variant); by the document's ``context`` (a name
several records share, or a generic one, narrowed by country); by ``coreference`` (a short
form the document introduced: a surname after the full name, an acronym defined in
parentheses); or not at all (``ambiguous``: ``id`` is None, ``candidates`` are the records
it may denote)."""

# The kinds whose records belong to one country and may bear names that do not say which.
_GENERIC_KINDS = frozenset({"organization", "programme", "instrument"})


def generic(
    automaton: Automaton,
    entries: Iterable[tuple[str, str]],
    countries: Mapping[str, frozenset[str]],
) -> list[bool]:
    """Whether each pattern of ``automaton`` is a generic name.

    A name of several words is generic when every record bearing it is a body, programme
    or law of a country, it names no country (a country's name among its words, or its
    code in capitals: "US"), it is no acronym, and each of its words is also a word of
    names of records of another country: "Ministry of Interior" and "ministère de la
    Justice" are, "Dubai Police" and "Ministry of Interior (Iraq)" are not. A name of one
    word is generic when it abbreviates a generic name of each record bearing it ("MoL",
    "MoJ"), unless it is an acronym in capitals: "CNCLT" and "INLTP" name one body each
    (an acronym several bodies share, "NCCHT", is narrowed by the context as any shared
    name is). The words are counted over ``entries``, so the rule grows with the data and
    needs no list of common words.
    """
    worded = [(name, record_id, _words(name)) for name, record_id in entries]
    word_countries: dict[str, set[str]] = {}
    country_names: dict[str, list[tuple[str, ...]]] = {}  # by their first word
    codes: set[str] = set()  # country codes ("US"), which name a country in capitals only
    for name, record_id, words in worded:
        kind = record_kind(record_id)
        if kind == "country" and is_acronym(name):
            codes.add(name)
        elif kind == "country" and words:
            country_names.setdefault(words[0], []).append(words)
        elif kind in _GENERIC_KINDS:
            for word in words:
                word_countries.setdefault(word, set()).update(countries.get(record_id, ()))

    def names_a_country(name: str, words: tuple[str, ...]) -> bool:
        return any(word in codes for word in name.split()) or any(
            words[i : i + len(country)] == country
            for i, word in enumerate(words)
            for country in country_names.get(word, ())
        )

    placed: set[tuple[str, ...]] = set()  # the words of names that name a country
    made_of_shared: dict[str, list[str]] = {}  # per record: its names made of shared words
    shared: set[tuple[tuple[str, ...], str]] = set()  # their words, and the record
    for name, record_id, words in worded:
        if names_a_country(name, words):
            placed.add(words)
        elif (
            len(words) > 1
            and not is_acronym(name)
            and record_kind(record_id) in _GENERIC_KINDS
            and countries.get(record_id)
            and all(len(word_countries.get(word, ())) > 1 for word in words)
        ):
            made_of_shared.setdefault(record_id, []).append(name)
            shared.add((words, record_id))
    found = []
    for number, (words, tier) in enumerate(automaton.patterns):
        plain = tuple(w for w in words if w.isalnum())
        ids = automaton.every[number]
        if tier or not plain or plain in placed:
            found.append(False)
        elif len(plain) == 1 and automaton.capitals[number]:
            found.append(False)  # an acronym in capitals: "CNCLT", "INLTP"
        elif len(plain) == 1:  # "MoL", "MoJ": abbreviations of generic names
            found.append(
                all(any(abbreviates(plain[0], n) for n in made_of_shared.get(i, ())) for i in ids)
            )
        else:
            found.append(not automaton.capitals[number] and all((plain, i) in shared for i in ids))
    return found


def _words(name: str) -> tuple[str, ...]:
    return tuple(word for word in name_words(name) if word.isalnum())


@functools.lru_cache(maxsize=4096)  # a document defines the same acronym again and again
def abbreviates(word: str, name: str) -> bool:
    """Whether ``word`` (normalised) abbreviates ``name``: it begins with the name's first
    letter and its letters are, in order, letters of the name ("ncct", "mol", "gloact")."""
    key = normalize(name)
    letters = iter(key.replace(" ", ""))
    return word[:1] == key[:1] and all(c in letters for c in word)


# Words that join a surname to what precedes it: "Ben Salem", "El Khalfi", "Ould Dah".
_PARTICLES = frozenset(
    {"al", "el", "ben", "bin", "ibn", "abu", "abou", "bou", "ould"}
    | {"de", "du", "di", "da", "van", "von", "le", "la"}
)


def short_forms(name: str) -> list[str]:
    """The short forms of a person's full name an article may use after it: the surname
    (with the particle before it, "Ben Salem"), and given name and surname when the full
    name has more words. A name of one or two words has only the surname; the forms keep
    at least three letters."""
    words = name.split()
    if len(words) < 2:
        return []
    surname = words[-1:]
    if len(words) > 2 and normalize(words[-2]) in _PARTICLES:
        surname = words[-2:]
    forms = [" ".join(surname)]
    if len(words) > len(surname) + 1:
        forms.append(" ".join([words[0], *surname]))
    return [form for form in forms if sum(c.isalpha() for c in form) >= 3]


Decided = tuple[str | None, How]
"""A mention's record ID (None: undecided) and how it was decided."""


class Context:
    """The countries a document names, and where: what :meth:`decide` reads it by."""

    __slots__ = ("given", "named")

    def __init__(self, given: str | None, named: dict[str, list[tuple[int, int]]]) -> None:
        self.given = given  # the caller's country, if any
        self.named = named  # per country: the spans of the mentions that name it, in order

    def decide(
        self,
        candidates: Sequence[str],
        span: tuple[int, int],
        countries: Mapping[str, frozenset[str]],
    ) -> Decided:
        """The record a generic or shared name at ``span`` denotes: the one of the
        caller's country, then of the countries the document names, then of the one named
        nearest (fewest characters between); undecided unless exactly one is left."""
        if self.given is not None:
            within = [c for c in candidates if self.given in countries.get(c, ())]
            if len(within) == 1:
                return within[0], "context"
        named = self.named
        within = [c for c in candidates if not countries.get(c, frozenset()).isdisjoint(named)]
        if len(within) == 1:
            return within[0], "context"
        if within:
            distance = {
                c: min(self._distance(span, p) for p in countries[c] if p in named) for c in within
            }
            nearest = min(distance.values())
            closest = [c for c in within if distance[c] == nearest]
            if len(closest) == 1:
                return closest[0], "context"
        return None, "ambiguous"

    def _distance(self, span: tuple[int, int], country: str) -> int:
        """The fewest characters between ``span`` and a mention of ``country``."""
        spans = self.named[country]
        at = bisect.bisect_left(spans, span)
        return min(
            spans[i][0] - span[1] if spans[i][0] >= span[1] else span[0] - spans[i][1]
            for i in (at - 1, at)
            if 0 <= i < len(spans)
        )


# An acronym in parentheses right after a name: "(NCCT)", "( « NCCT » )".
_DEFINED = re.compile(r"[ \t]*\([ \t]*[\"“«]?[ \t]*([^\W\d_][\w&.-]*[^\W_])[ \t]*[\"”»]?[ \t]*\)")


def definitions(text: str, start: int, end: int) -> re.Match[str] | None:
    """The acronym defined in parentheses right after the name ``text[start:end]``, if
    any: one with two capitals or more that abbreviates it ("Ministry of Labour (MoL)",
    not "Tunisia (INLTCP)")."""
    found = _DEFINED.match(text, end)
    capitals = 0 if found is None else sum(c.isupper() for c in found.group(1))
    if found is None or capitals < 2 or not found.group(1)[0].isupper():
        return None
    return found if abbreviates(normalize(found.group(1)), text[start:end]) else None


# What joins a body's name to a country's when the two name the body's unit there: "OIM en
# Mauritanie", "IOM Mission to Egypt", "IOM's office in Iraq", "المنظمة الدولية للهجرة في اليمن".
_IN = re.compile(
    r"(?:['’]s)?\s+(?:(?:mission|missions|office|offices|bureau|مكتب|بعثة)\s+)?"
    r"(?:in|to|en|au|aux|à|في|لدى)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def in_country(gap: str) -> bool:
    """Whether the text between a body's name and a country's joins them as a place."""
    return _IN.fullmatch(gap) is not None
