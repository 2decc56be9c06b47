"""Fuzzing for a bounded time: resolve, search and mentions on the data's real names
damaged in every way a text can be, and dates, parsed and used as filters.

Each test is a property that hypothesis checks in rounds. A round is one complete
hypothesis run of :data:`ROUND` examples (generation, and shrinking should one fail); the
test runs round after round until its time budget is spent, so it lasts its budget plus
at most one round, and never ends in the middle of a run (a failure is always shrunk and
reported). The budget is ``MENA_TIP_FUZZ_SECONDS`` seconds per test (default 6, for five
tests: about half a minute); raise it for a longer search::

    MENA_TIP_FUZZ_SECONDS=600 pytest tests/test_fuzz.py

Every round draws afresh (hypothesis seeds each run at random); failing examples are kept
in hypothesis' database and tried first by later runs. Rounds are the simple way to stop
on time: hypothesis counts examples, not seconds, so a test that called
``hypothesis.assume(False)`` once the time is up would have hypothesis report the run as
filtered, and a count calibrated from a first timing would guess where this measures.

The names are those of the bundled records (names, acronyms, codes, other names). What
normalisation ignores (:mod:`mena_tip.names`: case, accents and harakat, tatweel, spacing,
and invisible characters anywhere) must change no lookup, no search score and no
mention; what it does not (truncation, concatenation, metacharacters, lone surrogates)
must still give well-formed results or the documented errors.
"""

from __future__ import annotations

import calendar
import os
import string
import time
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mena_tip
from helpers import lookup_names
from mena_tip import AmbiguousIdentifier, Event, Match, Mention, PartialDate, UnknownIdentifier
from mena_tip.errors import REPR_LIMIT
from mena_tip.names import normalize, tokens
from mena_tip.records import Record, record_kind
from strategies import ACCENTS, HARAKAT, TATWEEL, partial_dates

T = TypeVar("T")

BUDGET = float(os.environ.get("MENA_TIP_FUZZ_SECONDS", "6"))
"""Seconds each fuzz test runs (besides its last round)."""
ROUND = 50
"""Examples per hypothesis run."""


def fuzz(strategy: st.SearchStrategy[T]) -> Callable[[Callable[[T], None]], Callable[[], None]]:
    """Make a property of one drawn value into a test that checks it for :data:`BUDGET`."""

    def decorate(check: Callable[[T], None]) -> Callable[[], None]:
        one_round = settings(max_examples=ROUND)(given(strategy)(check))

        def test() -> None:
            stop = time.monotonic() + BUDGET
            one_round()
            while time.monotonic() < stop:
                one_round()

        test.__name__ = test.__qualname__ = check.__name__
        test.__doc__ = check.__doc__
        return test

    return decorate


BUNDLED = mena_tip.dataset()
NAMED: list[tuple[str, str]] = sorted(
    {
        (name, record.id)
        for record in BUNDLED
        for name in lookup_names(record)
        if normalize(name) and name != getattr(record, "alpha3", None)
    }
)
"""Every name a record is found by in text, with the record's ID (a country's alpha-3 code
is a key, which ``mentions`` does not look for)."""

INVISIBLE = (
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)
HOSTILE = [
    *INVISIBLE,
    *"'\"%{}$\\()[].*;-_/&,:?!",
    "\x00",
    "\ud800",
    "\udfff",
    "\udcff",
    "\n\n",
    "\t",
    "%s",
    "{0}",
    "${x}",
    "'; DROP TABLE--",
    "ـ",
    "\u0301",
    "\u064e",
    "IOM",
    "المنظمة",
]
"""Characters and fragments that damage a name: invisible and bidi characters, punctuation
and metacharacters, lone surrogates, a lone mark, blank lines, other names."""
SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", " \r\n "]


def names_value(message: str, value: object) -> bool:
    """Whether an error message names ``value`` (see tests/test_hostile.py)."""
    text = repr(value)
    return (text if len(text) <= REPR_LIMIT else text[:100]) in message


# -- names, damaged -------------------------------------------------------------------------


@st.composite
def disguised(draw: st.DrawFn, name: str, case: bool = True, spaces: bool = True) -> str:
    """``name`` with what normalisation ignores: invisible characters anywhere, case (of
    letters whose case-folding it keeps), accents on Latin letters, harakat and tatweel on
    Arabic letters, other spacing."""
    letters = []
    for char in name:
        letter = char
        if case and char.swapcase().casefold() == char.casefold() and draw(st.booleans()):
            letter = char.swapcase()
        if char.isalpha() and draw(st.integers(0, 3)) == 0:
            arabic = "\u0621" <= char <= "\u064a"
            letter += draw(st.sampled_from([TATWEEL, *HARAKAT] if arabic else list(ACCENTS)))
        if spaces and char == " ":
            letter = draw(st.sampled_from(SPACES))
        letters.append(letter)
    text = "".join(letters)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
    return text


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A real name, disguised, then perhaps truncated, joined to another, or with hostile
    characters put in."""
    name, _ = draw(st.sampled_from(NAMED))
    text = draw(disguised(name))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] if draw(st.booleans()) else text[cut:]
    if draw(st.booleans()):
        other, _ = draw(st.sampled_from(NAMED))
        text = draw(st.sampled_from([text + other, other + text, text + " " + other]))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
    return text


TEXTS = damaged() | st.lists(
    st.characters() | st.characters(categories=["Cs"]) | st.sampled_from(HOSTILE), max_size=20
).map("".join)


def outcome(lookup: Callable[[], Record]) -> tuple[str, tuple[str, ...]]:
    """What a lookup gave: the record's ID, or the error and its candidates or suggestions."""
    try:
        return "found", (lookup().id,)
    except AmbiguousIdentifier as error:
        return "ambiguous", error.candidates
    except UnknownIdentifier as error:
        return "unknown", error.suggestions


def check_matches(found: tuple[Match, ...], limit: int, cutoff: float) -> None:
    assert len(found) <= limit
    assert [(-m.score, m.id) for m in found] == sorted((-m.score, m.id) for m in found)
    assert len({m.id for m in found}) == len(found)
    assert all(cutoff <= m.score <= 100 and m.id in BUNDLED for m in found)


def check_mentions(text: str, found: tuple[Mention, ...]) -> None:
    reach = 0
    for mention in found:
        assert reach <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.candidates
        assert all(candidate in BUNDLED for candidate in mention.candidates)
        reach = mention.end


# -- the properties -------------------------------------------------------------------------


@fuzz(st.sampled_from(NAMED).flatmap(lambda pair: st.tuples(st.just(pair), disguised(pair[0]))))
def test_resolve_ignores_what_normalisation_ignores(case: tuple[tuple[str, str], str]) -> None:
    """A disguised name normalises as the name does, and every lookup of it gives what the
    name gives: the same record, or the same candidates or suggestions."""
    (name, record_id), variant = case
    record = BUNDLED.get(record_id)
    assert normalize(variant) == normalize(name)
    assert outcome(lambda: mena_tip.resolve(variant)) == outcome(lambda: mena_tip.resolve(name))
    found = outcome(lambda: mena_tip.resolve(variant, kind=record.KIND))
    assert found == outcome(lambda: mena_tip.resolve(name, kind=record.KIND))
    if found[0] == "found":
        assert found == ("found", (record.id,))
    else:
        assert record.id in found[1]  # a name shared within the kind


@fuzz(
    st.one_of(
        st.sampled_from(NAMED).flatmap(lambda p: st.tuples(st.just(p), disguised(p[0]))),
        st.tuples(st.none(), TEXTS),
    ).flatmap(
        lambda case: st.tuples(
            st.just(case), st.integers(1, 2000), st.sampled_from([0, 40.5, 60, 99.99, 100])
        )
    )
)
def test_search_ranks_by_score_within_the_cutoff(
    case: tuple[tuple[tuple[str, str] | None, str], int, float],
) -> None:
    """Results are sorted by score then ID, each record once, none below the cutoff, at
    most ``limit``; a disguised name scores 100 for its record; a lookup that finds
    nothing suggests the first five results of the default search."""
    (named, text), limit, cutoff = case
    found = mena_tip.search(text, limit=limit, cutoff=cutoff)
    check_matches(found, limit, cutoff)
    result, suggested = outcome(lambda: mena_tip.resolve(text))
    if result == "unknown":
        assert suggested == tuple(m.id for m in mena_tip.search(text, limit=5))
    if not normalize(text):
        assert found == ()
    if named is not None:
        record_id = named[1]
        every = mena_tip.search(text, kind=record_kind(record_id), limit=len(BUNDLED))
        assert (record_id, 100.0) in {(m.id, m.score) for m in every}


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, tuple[str, str, int] | None]:
    """A text of names (damaged or not), hostile fragments and noise; or one disguised name
    (in its case) among characters that are no word, with its offset."""
    if draw(st.booleans()):
        pieces = draw(st.lists(TEXTS | st.sampled_from(NAMED).map(lambda p: p[0]), max_size=6))
        glue = draw(st.sampled_from(["", " ", ", ", "\n\n", " و", "'s ", " l'"]))
        return glue.join(pieces), None
    name, record_id = draw(st.sampled_from(NAMED))
    noise = st.text(st.sampled_from([*INVISIBLE, *'%{}$\\()[].*;-_/&,:?!"', " ", "\n"]))
    before, after = draw(noise), draw(noise)
    variant = draw(disguised(name, case=False, spaces=False))
    text = f"{before} {variant} {after}"
    return text, (variant, record_id, len(before) + 1)


@fuzz(documents())
def test_mentions_are_spans_of_the_text(case: tuple[str, tuple[str, str, int] | None]) -> None:
    """Mentions are in order, apart, within the text, and say what they matched; a name
    disguised as normalisation allows, among no other words, is found where it is."""
    text, named = case
    check_mentions(text, mena_tip.mentions(text))
    if named is None:
        return
    variant, record_id, offset = named
    words = list(tokens(variant))
    start, end = offset + words[0][0], offset + words[-1][1]
    found = mena_tip.mentions(text, kinds=record_kind(record_id))
    check_mentions(text, found)
    spans = {(m.start, m.end): m.candidates for m in found}
    assert record_id in spans.get((start, end), ()), (text, spans)


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    """Texts shaped like dates, valid or not: digits in every place, damaged valid dates,
    and hostile text."""
    digits = st.text(string.digits, min_size=1, max_size=5)
    shaped = st.builds(
        lambda year, month, day, inferred, pad: (
            f"{pad}{year}{'-' + month if month else ''}{'-' + day if day else ''}"
            f"{'?' if inferred else ''}{pad}"
        ),
        st.sampled_from(["", "-"]) | digits,
        st.none() | digits,
        st.none() | digits,
        st.booleans(),
        st.sampled_from(["", " ", "\t", "\u00a0", "\u200b"]),
    )
    valid = partial_dates().map(str)
    text = draw(st.one_of(shaped, valid, TEXTS))
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from([*HOSTILE, "٢", "２", "/", "–"])) + text[at:]
    return text


def oracle(text: str) -> PartialDate | None:
    """The date ``text`` denotes by the documented forms (computed apart from the parser),
    or None."""
    text = text.strip()
    inferred = text.endswith("?")
    body = text.removesuffix("?")
    if not body.isascii():
        return None
    yearless = body.startswith("--")
    parts = body[2:].split("-") if yearless else body.split("-")
    sizes = [2] * len(parts) if yearless else [4] + [2] * (len(parts) - 1)
    if not 1 <= len(parts) <= (2 if yearless else 3):
        return None
    if any(
        len(part) != size or not part.isdigit() for part, size in zip(parts, sizes, strict=True)
    ):
        return None
    numbers = [int(part) for part in parts]
    year = None if yearless else numbers.pop(0)
    month = numbers[0] if numbers else None
    day = numbers[1] if len(numbers) > 1 else None
    if year is not None and not 1 <= year <= 9999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year or 2000, month or 1)[1]:
        return None
    return PartialDate(year, month, day, inferred=inferred)


@fuzz(date_texts())
def test_the_date_parser_reads_exactly_the_documented_forms(text: str) -> None:
    """parse() gives the date of an independent reading of the forms, or a ValueError
    naming the text; a date prints as it parses."""
    expected = oracle(text)
    try:
        parsed: PartialDate | str = PartialDate.parse(text)
    except ValueError as error:
        parsed = str(error)
    if isinstance(parsed, str):
        assert expected is None, f"{text!r} is {expected}"
        assert names_value(parsed, text)
    else:
        assert parsed == expected
        assert PartialDate.parse(str(parsed)) == parsed
        if parsed.earliest is not None:
            assert parsed.latest is not None
            assert parsed.earliest <= parsed.latest


def _a_year(bound: object) -> bool:
    """Whether a bound is a date with a year, as a date filter needs."""
    try:
        return PartialDate.coerce(bound).year is not None  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False


def _since(event: Event, bound: PartialDate) -> bool:
    first = event.start.earliest if event.start else None
    return first is not None and bound.earliest is not None and first >= bound.earliest


def _until(event: Event, bound: PartialDate) -> bool:
    finish = event.end or event.start
    last = finish.latest if finish else None
    return last is not None and bound.latest is not None and last <= bound.latest


BOUNDS = st.one_of(
    date_texts(),
    partial_dates(),
    st.dates(),
    st.datetimes(),
    st.none(),
    st.sampled_from([0, 2024, 1.5, b"2024", ["2024"], object(), "yesterday", "2024-13-45"]),
)


@fuzz(st.tuples(BOUNDS, BOUNDS))
def test_date_filters_keep_only_what_is_certain(bounds: tuple[object, object]) -> None:
    """events(since=, until=): the events whose whole span is certainly within the bounds
    (an event without a year never), in the order of events(); or a ValueError or
    TypeError naming the bad bound."""
    since, until = bounds
    try:
        found: tuple[Event, ...] | str = mena_tip.events(since=since, until=until)  # type: ignore[arg-type]
    except (ValueError, TypeError) as error:
        found = str(error)
    bad = [bound for bound in bounds if bound is not None and not _a_year(bound)]
    if isinstance(found, str):
        assert bad, f"{since!r}, {until!r} refused: {found}"
        assert names_value(found, bad[0])
        return
    assert not bad
    everything = mena_tip.events()
    low = None if since is None else PartialDate.coerce(since)  # type: ignore[arg-type]
    high = None if until is None else PartialDate.coerce(until)  # type: ignore[arg-type]
    assert found == tuple(
        event
        for event in everything
        if (low is None or _since(event, low)) and (high is None or _until(event, high))
    )


def test_fuzzing_runs_whole_rounds_until_the_budget_is_spent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(f"{__name__}.BUDGET", 0.2)
    calls: list[int] = []

    @fuzz(st.integers())
    def counted(number: int) -> None:
        """Counts its calls."""
        calls.append(number)

    began = time.monotonic()
    counted()
    assert time.monotonic() - began >= 0.2
    assert len(calls) >= ROUND  # whole rounds: the last one ends after the budget
    assert (counted.__name__, counted.__doc__) == ("counted", "Counts its calls.")
