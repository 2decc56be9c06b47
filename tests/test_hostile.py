"""Hostile input: every public callable, and every subcommand of the command line, raises
only its documented exceptions, naming the bad value, or returns a correct result.

The contract (see :doc:`/howto/lookups-and-errors`): fed None, numbers, bytes, blank or
1 MB strings, lone surrogates, invisible and bidi characters, Arabic with diacritics,
mixed scripts, SQL, regex and format-string metacharacters, impossible dates, records of
the wrong kind…, a function either raises one of the exceptions its documentation lists,
with a message that holds the ``repr`` of the bad value (or, for a repr longer than
:data:`mena_tip.errors.REPR_LIMIT`, its start, in a message of bounded length; a record is
named by its ID), or returns a result that is correct for that value (often empty:
``mentions("") == ()``). Never an AttributeError, KeyError, IndexError or
UnicodeEncodeError from deep inside.

:data:`TARGETS` maps each public callable (and each argument of it that takes user input)
to how to call it and how to tell a correct result; :data:`EXCLUDED` says why the other
names of ``mena_tip.__all__`` are not in it. The table of :data:`HOSTILE` values goes
through every target, and random values (hypothesis) through every target too.
"""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import mena_tip
import mena_tip.errors
import sample
from helpers import lookup_names
from mena_tip import (
    Citation,
    Country,
    Coverage,
    CoverageStatus,
    Dataset,
    Event,
    Linker,
    Match,
    Mention,
    Organization,
    PartialDate,
    RegisterEntry,
)
from mena_tip.cli import main
from mena_tip.errors import REPR_LIMIT, MenaTipError
from mena_tip.names import normalize
from mena_tip.records import (
    EXCERPT_LIMIT,
    KINDS,
    RECORD_TYPES,
    Concern,
    EventKind,
    Grouping,
    Indicator,
    InstrumentKind,
    OrganizationKind,
    Pillar,
    ProgrammeKind,
    Record,
    SourceKind,
    Tier,
    record_kind,
)

MB = 1_000_000
BUNDLED = mena_tip.dataset()
MOROCCO = BUNDLED.country("MA")
LAUNCH = BUNDLED.event("event:jtip-launch-rabat-2024")
SAMPLE = sample.dataset()
INSTALLED = Path(mena_tip.__file__).parent / "data"

HOSTILE: dict[str, object] = {
    "None": None,
    "zero": 0,
    "minus-one": -1,
    "huge-int": 10**30,
    "float": 1.5,
    "nan": math.nan,
    "infinity": math.inf,
    "true": True,
    "bytes": b"IOM",
    "bytearray": bytearray(b"IOM"),
    "empty": "",
    "space": " ",
    "tab-newline": "\t\n",
    "1MB-latin": "x" * MB,
    "1MB-arabic": "مُ" * (MB // 2),
    "lone-surrogate": "\ud800",
    "name-lone-surrogate": "IOM\udfff",
    "undecodable-byte": os.fsdecode(b"\xff"),  # what argv holds for the byte 0xFF
    "zero-width-space": "\u200b",
    "zero-width-joiner": "\u200d",
    "right-to-left-override": "\u202e",
    "left-to-right-isolate": "\u2066",
    "byte-order-mark": "\ufeff",
    "name-zero-width-space": "IOM\u200b",
    "arabic-diacritics": "المُنَظَّمَة الدَّوْلِيَّة لِلْهِجْرَة",
    "mixed-scripts": "IOM المنظمة",
    "sql": "'; DROP TABLE--",
    "regex-any": ".*",
    "regex-paren": "(",
    "regex-bracket": "[",
    "backslash": "\\",
    "percent-s": "%s",
    "format-index": "{0}",
    "format-braces": "{}",
    "template": "${x}",
    "month-13-day-45": "2024-13-45",
    "yesterday": "yesterday",
    "february-30": "2024-02-30",
    "zero-date": "0000-00-00",
    "minus-one-text": "-1",
    "nul": "\x00",
    "object": object(),
    "list": [],
    "dict": {},
    "country-record": MOROCCO,  # a record of the wrong kind for most lookups
    "event-record": LAUNCH,
}
"""Hostile values by a name for test IDs."""

STRINGS = {name: value for name, value in HOSTILE.items() if isinstance(value, str)}
LONG = frozenset(name for name, value in HOSTILE.items() if len(repr(value)) > REPR_LIMIT)

DOCUMENTED: tuple[type[BaseException], ...] = (MenaTipError, LookupError, TypeError, ValueError)
"""What every function may raise (each function's documentation narrows it)."""
WRITING = (*DOCUMENTED, OSError)
"""What the writers may raise besides."""

MESSAGE_LIMIT = 2_000
"""No message is longer: a long value is shown cut (see :mod:`mena_tip.errors`)."""


def names(message: str, value: object) -> bool:
    """Whether a message names ``value`` as the contract says."""
    if isinstance(value, RECORD_TYPES):
        return value.id in message
    if isinstance(value, (list, tuple, dict)) and any(names(message, item) for item in value):
        return True  # the bad item of a collection
    text = repr(value)
    return (text if len(text) <= REPR_LIMIT else text[:100]) in message


def check_error(
    error: BaseException, value: object, raises: tuple[type[BaseException], ...]
) -> None:
    assert isinstance(error, raises), f"undocumented {type(error).__name__}: {error}"
    message = str(error)
    assert len(message) <= MESSAGE_LIMIT, f"a message of {len(message)} characters"
    assert names(message, value), f"the message does not name {value!r:.80}: {message!r:.300}"


# -- what a correct result is ---------------------------------------------------------------


def is_subsequence(part: Sequence[object], whole: Sequence[object]) -> bool:
    found = iter(whole)
    return all(any(item == other for other in found) for item in part)


def denotes(key: object, record: Record, kind: type[Record] | None = None) -> None:
    """Assert that a lookup's result is a record ``key`` denotes."""
    assert isinstance(record, kind or RECORD_TYPES)
    if isinstance(key, RECORD_TYPES):
        assert key == record
        return
    assert isinstance(key, str)
    normal = normalize(key)
    assert key == record.id or (normal and normal in map(normalize, lookup_names(record)))


def check_mentions(text: object, found: object) -> None:
    assert isinstance(text, str)
    assert type(found) is tuple
    if not text.strip():
        assert found == ()
    reach = 0
    for mention in found:
        assert isinstance(mention, Mention)
        assert reach <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]
        assert mention.candidates
        assert all(candidate in BUNDLED for candidate in mention.candidates)
        reach = mention.end


def check_search(
    text: object, found: Any, limit: int = 10, cutoff: float = 60.0, kinds: set[str] | None = None
) -> None:
    assert isinstance(text, str)
    assert type(found) is tuple
    if not normalize(text):
        assert found == ()
    assert len(found) <= limit
    assert all(isinstance(match, Match) for match in found)
    assert [(-m.score, m.id) for m in found] == sorted((-m.score, m.id) for m in found)
    assert len({m.id for m in found}) == len(found)
    for match in found:
        assert cutoff <= match.score <= 100
        assert match.id in BUNDLED
        assert kinds is None or record_kind(match.id) in kinds


def kinds(value: object, several: bool = False) -> set[str] | None:
    """The record kinds ``value`` names (a kind or a record class, or, when ``several``, a
    list, tuple or dict of them), or None when it names none."""
    if isinstance(value, (str, type)):
        listed: list[object] = [value]
    elif several and isinstance(value, (list, tuple, dict)):
        listed = list(value)
    else:
        return None
    found = {str(getattr(item, "KIND", item)) for item in listed}
    return found if found <= set(KINDS) else None


def never(value: object, result: object) -> None:
    """For a target that no hostile value may satisfy."""
    pytest.fail(f"{value!r:.80} was accepted: {result!r:.200}")


def round_trips(value: object, result: object) -> None:
    assert isinstance(result, PartialDate)
    assert PartialDate.parse(str(result)) == result


# -- the targets ----------------------------------------------------------------------------


@attrs.frozen
class Target:
    """A public callable with one argument to feed, and what a result must be."""

    call: Callable[[Any], object]
    check: Callable[[Any, Any], None] = never  #: asserts the result is right for the value
    raises: tuple[type[BaseException], ...] = DOCUMENTED
    paths: bool = False  #: the value is a path: run in an empty folder, with no real path
    about: Callable[[object], object] = lambda value: value  #: what an error must name

    def run(self, value: object) -> None:
        """Call with ``value`` and check the outcome against the contract."""
        try:
            result = self.call(value)
        except self.raises as error:
            check_error(error, self.about(value), self.raises)
        else:
            self.check(value, result)


def _method(get_owner: Callable[[], Any], name: str, **given: object) -> Callable[[Any], object]:
    """A call of a method (or module function) with the value as its first argument, or
    as the keyword argument named by ``given`` with the value Ellipsis."""

    def call(value: Any) -> object:
        keywords = {key: value if part is ... else part for key, part in given.items()}
        method = getattr(get_owner(), name)
        return method(**keywords) if given else method(value)

    return call


def _denoting(kind: type[Record] | None) -> Callable[[Any, Any], None]:
    def check(key: Any, record: Any) -> None:
        denotes(key, record, kind)

    return check


def _lookups(owner: str, get_owner: Callable[[], Any]) -> Iterator[tuple[str, Target]]:
    for name in ("resolve", "organization", "person", "country", "event"):
        yield (
            f"{owner}.{name}",
            Target(
                _method(get_owner, name),
                _denoting(None if name == "resolve" else KINDS[name]),
                (MenaTipError, LookupError, TypeError),
            ),
        )
    for name in ("programme", "instrument", "source"):
        yield (
            f"{owner}.{name}",
            Target(
                _method(get_owner, name),
                _denoting(KINDS[name]),
                (MenaTipError, LookupError, TypeError),
            ),
        )

    def got(value: object, record: Record) -> None:
        assert value == record.id

    yield (
        f"{owner}.get",
        Target(lambda v: get_owner().get(v), got, (MenaTipError, LookupError, TypeError)),
    )

    def iom(value: object, record: Record) -> None:
        assert record.id == "organization:iom"
        assert value is None or kinds(value) == {"organization"}

    def unless_kind(value: Any) -> object:
        """A valid kind is no bad value: "no country matches 'IOM'" names the key."""
        return "IOM" if kinds(value) else value

    def unless_country(value: Any) -> object:
        try:
            BUNDLED.country(value)
        except (MenaTipError, TypeError):
            return value
        return "IOM"

    yield (
        f"{owner}.resolve(kind)",
        Target(lambda v: get_owner().resolve("IOM", kind=v), iom, about=unless_kind),
    )
    yield (
        f"{owner}.resolve(country)",
        Target(lambda v: get_owner().resolve("IOM", country=v), iom, about=unless_country),
    )


FILTERS = {
    "organizations": "kind country parent event programme",
    "persons": "organization event include_subunits",
    "countries": "grouping event",
    "events": (
        "country organization person programme kind pillar concern since until include_subunits"
    ),
    "programmes": "kind country organization parent include_subunits",
    "instruments": "kind country parent",
    "fundings": "donor recipient organization country programme event include_subunits",
    "statistics": "indicator country reported_by event",
    "sources": "kind record",
    "assessments": "country tier year",
    "coverage": "country grouping",
}
KEYS = frozenset(
    [
        *("country", "parent", "event", "programme", "organization", "person", "donor"),
        *("recipient", "reported_by", "record"),
    ]
)


def _grouped(cell: Coverage, code: Grouping) -> bool:
    return code in BUNDLED.country(cell.country).groupings


def _since(event: Event, date: PartialDate) -> bool:
    return (
        event.start is not None
        and event.start.earliest is not None
        and (date.earliest is not None and event.start.earliest >= date.earliest)
    )


def _until(event: Event, date: PartialDate) -> bool:
    finish = event.end or event.start
    last = finish.latest if finish else None
    return last is not None and date.latest is not None and last <= date.latest


CODES: dict[tuple[str, str], tuple[Callable[[Any], Any], Callable[[Any, Any], bool]]] = {
    ("organizations", "kind"): (OrganizationKind, lambda r, code: r.kind == code),
    ("countries", "grouping"): (Grouping, lambda r, code: code in r.groupings),
    ("coverage", "grouping"): (Grouping, _grouped),
    ("events", "kind"): (EventKind, lambda r, code: r.kind == code),
    ("events", "pillar"): (Pillar, lambda r, code: code in r.pillars),
    ("events", "concern"): (Concern, lambda r, code: code in r.concerns),
    ("events", "since"): (PartialDate.coerce, _since),
    ("events", "until"): (PartialDate.coerce, _until),
    ("programmes", "kind"): (ProgrammeKind, lambda r, code: r.kind == code),
    ("instruments", "kind"): (InstrumentKind, lambda r, code: r.kind == code),
    ("statistics", "indicator"): (Indicator, lambda r, code: r.indicator == code),
    ("sources", "kind"): (SourceKind, lambda r, code: r.kind == code),
    ("assessments", "tier"): (Tier, lambda r, code: r.tier == code),
    ("assessments", "year"): (int, lambda r, year: r.report_year == year),
}
"""The filters by a code, a date or a number: what the value must be read as to be
accepted, and which records it selects (the oracle of the documented semantics)."""


def _filtered(
    owner: Callable[[], Any], function: str, keyword: str
) -> Callable[[object, Any], None]:
    def check(value: object, result: Any) -> None:
        query = getattr(owner(), function)
        everything = query(grouping=None) if function == "coverage" else query()
        assert type(result) is tuple
        assert is_subsequence(result, everything)
        if value is None:
            if keyword != "grouping":
                assert result == query()
        elif keyword in KEYS:
            owner().resolve(value)  # the key denotes a record
        elif keyword == "include_subunits":
            assert isinstance(value, bool)
        else:
            read, selects = CODES[function, keyword]
            assert not isinstance(value, bool)
            code = read(value)  # it was a valid code, date or number
            assert code == value or keyword in ("since", "until")
            assert result == tuple(r for r in everything if selects(r, code))

    return check


def _collections(owner: str, get_owner: Callable[[], Any]) -> Iterator[tuple[str, Target]]:
    for function, keywords in FILTERS.items():
        for keyword in keywords.split():
            yield (
                f"{owner}.{function}({keyword})",
                Target(
                    _method(get_owner, function, **{keyword: ...}),
                    _filtered(get_owner, function, keyword),
                ),
            )


TEXT = "IOM and Morocco"


def _linking(owner: str, get_owner: Callable[[], Any]) -> Iterator[tuple[str, Target]]:
    yield f"{owner}.mentions", Target(lambda v: get_owner().mentions(v), check_mentions)

    def of_kinds(value: object, found: tuple[Mention, ...]) -> None:
        if value is None:
            assert found == get_owner().mentions(TEXT)
            return
        wanted = kinds(value, several=True)
        assert wanted is not None
        check_mentions(TEXT, found)
        assert all(record_kind(c) in wanted for m in found for c in m.candidates)

    yield f"{owner}.mentions(kinds)", Target(lambda v: get_owner().mentions(TEXT, v), of_kinds)

    def in_country(value: object, found: tuple[Mention, ...]) -> None:
        check_mentions(TEXT, found)
        assert found == get_owner().mentions(TEXT)  # no name in TEXT needs a country

    yield (
        f"{owner}.mentions(country)",
        Target(lambda v: get_owner().mentions(TEXT, country=v), in_country),
    )
    yield f"{owner}.search", Target(lambda v: get_owner().search(v), check_search)

    def kind(value: object, found: tuple[Match, ...]) -> None:
        wanted = None if value is None else kinds(value, several=owner == "Linker")
        assert value is None or wanted is not None
        check_search("IOM", found, kinds=wanted)

    yield f"{owner}.search(kind)", Target(lambda v: get_owner().search("IOM", v), kind)

    def limit(value: object, found: tuple[Match, ...]) -> None:
        assert type(value) is int
        check_search("IOM", found, limit=value)

    yield f"{owner}.search(limit)", Target(lambda v: get_owner().search("IOM", limit=v), limit)

    def cutoff(value: object, found: tuple[Match, ...]) -> None:
        assert isinstance(value, (int, float))
        assert not isinstance(value, bool)
        check_search("IOM", found, cutoff=value)

    yield f"{owner}.search(cutoff)", Target(lambda v: get_owner().search("IOM", cutoff=v), cutoff)


def _default() -> Any:
    return mena_tip


def _bundled() -> Any:
    return BUNDLED


def _linker() -> Any:
    return BUNDLED.linker


def _verified(value: object, problems: object) -> None:
    assert value is None
    assert problems == ()


def _a_dataset(value: object, result: object) -> None:
    assert isinstance(result, Dataset)
    assert isinstance(value, str)
    assert os.path.isdir(value)


def _written(value: object, paths: object) -> None:
    assert isinstance(value, (str, os.PathLike))
    assert isinstance(paths, tuple)
    assert paths
    folder = Path(value).resolve()
    assert all(path.is_file() and path.resolve().parent == folder for path in paths)


def _as_default(value: object, result: object) -> None:
    assert value is None
    assert result


def _to_dict(value: object, result: Any) -> None:
    assert isinstance(value, RECORD_TYPES)
    assert mena_tip.from_dict(result) == value


def _to_json(value: object, result: object) -> None:
    assert isinstance(value, RECORD_TYPES)
    assert isinstance(result, str)
    assert mena_tip.from_json(result) == value


def _same_country(value: object, result: object) -> None:
    assert value in (None, Country)
    assert result == MOROCCO


def _dates() -> Iterator[tuple[str, Target]]:
    yield "PartialDate.parse", Target(PartialDate.parse, round_trips)
    yield "PartialDate.coerce", Target(PartialDate.coerce, round_trips)

    def field(name: str) -> Callable[[object, object], None]:
        def check(value: object, date: object) -> None:
            assert isinstance(date, PartialDate)
            assert getattr(date, name) == value
            assert type(value) is (bool if name == "inferred" else int) or value is None

        return check

    yield "PartialDate(year)", Target(PartialDate, field("year"))
    yield "PartialDate(month)", Target(lambda v: PartialDate(2024, v), field("month"))
    yield "PartialDate(day)", Target(lambda v: PartialDate(2024, 5, v), field("day"))
    yield (
        "PartialDate(inferred)",
        Target(
            lambda v: PartialDate(2024, inferred=v),
            field("inferred"),
        ),
    )


def _files() -> Iterator[tuple[str, Target]]:
    yield "load", Target(mena_tip.load, _a_dataset, paths=True)
    yield "verify", Target(mena_tip.verify, _verified, paths=True)

    def unchecked(value: object, result: object) -> None:  # texts=None: no texts to check
        assert value is None
        assert isinstance(result, Dataset) or result == ()

    yield "load(texts)", Target(lambda v: mena_tip.load(INSTALLED, texts=v), unchecked, paths=True)
    yield "verify(texts)", Target(lambda v: mena_tip.verify(texts=v), unchecked, paths=True)
    yield "read_csv", Target(mena_tip.read_csv, _a_dataset, paths=True)

    def compared(value: object, changes: object) -> None:  # a folder: the bundle in it
        assert isinstance(changes, mena_tip.Diff)
        _a_dataset(value, mena_tip.load(typing.cast("str", value)))

    def installed(value: object, changes: object) -> None:  # new=None: the installed data
        assert value is None
        assert changes == mena_tip.diff(BUNDLED, BUNDLED)

    yield "diff", Target(mena_tip.diff, compared, paths=True)
    yield "diff(new)", Target(lambda v: mena_tip.diff(BUNDLED, v), installed, paths=True)
    yield (
        "read_datapackage",
        Target(
            mena_tip.read_datapackage,
            _a_dataset,
            paths=True,
        ),
    )
    for name in ("write_csv", "write_datapackage"):
        yield (
            name,
            Target(
                _method(_default, name, directory=..., dataset=SAMPLE),
                _written,
                WRITING,
                paths=True,
            ),
        )
        yield (
            f"{name}(dataset)",
            Target(_method(_default, name, directory="out", dataset=...), _as_default, paths=True),
        )


def _json() -> Iterator[tuple[str, Target]]:
    yield "to_dict", Target(mena_tip.to_dict, _to_dict)
    yield "to_json", Target(mena_tip.to_json, _to_json)
    yield "from_dict", Target(mena_tip.from_dict)
    yield "from_dict(id)", Target(lambda v: mena_tip.from_dict({"id": v}))
    yield (
        "from_dict(kind)",
        Target(
            lambda v: mena_tip.from_dict(mena_tip.to_dict(MOROCCO), v),
            _same_country,
        ),
    )
    yield "from_json", Target(mena_tip.from_json)
    yield "json_schema", Target(mena_tip.json_schema)
    yield "to_frame", Target(mena_tip.to_frame)
    yield (
        "to_frame(dataset)",
        Target(
            lambda v: mena_tip.to_frame("country", v),
            lambda v, frame: _as_default(v, len(frame) == BUNDLED.counts["country"]),
        ),
    )
    yield (
        "to_jsonld",
        Target(
            mena_tip.to_jsonld,
            lambda v, document: _as_default(v, len(document["@graph"]) == len(BUNDLED)),
        ),
    )
    yield (
        "coverage(dataset)",
        Target(
            lambda v: mena_tip.coverage("MA", dataset=v),
            lambda v, cells: _as_default(v, cells == mena_tip.coverage("MA")),
        ),
    )


def _empty(value: object, made: object) -> None:
    assert isinstance(made, (Linker, Dataset))
    assert isinstance(value, (list, dict, str))  # iterables, of nothing here
    assert len(made) == len(set(value))


def _with_id(record: Record) -> Callable[[Any], object]:
    def call(value: Any) -> object:
        return attrs.evolve(record, id=value)

    return call


def _classes() -> Iterator[tuple[str, Target]]:
    yield "Linker", Target(Linker, _empty)
    yield "Dataset", Target(Dataset, _empty)

    def register(value: object, made: Dataset) -> None:
        assert made.register == ()
        assert value in ([], {}, "")  # iterables of nothing

    yield "Dataset(register)", Target(lambda v: Dataset((), v), register)

    def version(value: object, made: Dataset) -> None:
        assert isinstance(value, str)
        assert made.data_version == value

    yield "Dataset(data_version)", Target(lambda v: Dataset((), (), v), version)
    for kind in KINDS:
        yield f"{KINDS[kind].__name__}(id)", Target(_with_id(BUNDLED._by_kind[kind][0]))

    def named(value: object, made: Organization) -> None:
        assert isinstance(value, str)
        assert value.strip()
        assert made.name == value

    yield (
        "Organization(name)",
        Target(lambda v: attrs.evolve(BUNDLED.organization("IOM"), name=v), named),
    )

    def excerpt(value: object, made: Citation) -> None:
        assert isinstance(value, str)
        assert value.strip()
        assert len(value) <= EXCERPT_LIMIT
        assert made.excerpt == value

    yield "Citation(excerpt)", Target(lambda v: Citation("source:x", v), excerpt)
    yield "CoverageStatus", Target(CoverageStatus)

    def entry(value: object, made: RegisterEntry) -> None:
        assert isinstance(value, str)
        record_kind(value)

    yield "RegisterEntry(id)", Target(lambda v: RegisterEntry(v, "2026.11"), entry)


TARGETS: dict[str, Target] = dict(
    [
        # The module's functions call the Dataset's methods, but lookups have a fast path
        # of their own; the linker's methods take kinds as the Dataset's do not.
        *_lookups("mena_tip", _default),
        *_lookups("Dataset", _bundled),
        *_collections("mena_tip", _default),
        *_linking("mena_tip", _default),
        *_linking("Linker", _linker),
        *_dates(),
        *_files(),
        *_json(),
        *_classes(),
    ]
)
"""Each public callable, per argument fed, by a name for test IDs."""

EXCLUDED = {
    **dict.fromkeys(["DATA_VERSION", "KINDS", "__version__"], "not callable"),
    "Record": "a type alias (the union of the record classes), not callable",
    **dict.fromkeys(["dataset", "json_schemas"], "takes no arguments"),
    **dict.fromkeys(
        mena_tip.errors.__all__,
        "an exception mena-tip raises; tests/test_errors.py checks what they say",
    ),
    **dict.fromkeys(
        ["Coverage", "Diff", "FieldChange", "Match", "Mention", "Removal"],
        "a result mena-tip makes, never a function's input",
    ),
    **dict.fromkeys(
        ["Claim", "Name"],
        "a part of a record; its plain fields are typed, not checked, like Organization.name",
    ),
}
"""The names of ``mena_tip.__all__`` that no target feeds, and why."""


def test_every_public_name_is_a_target_or_excluded_with_a_reason() -> None:
    fed = {name.split(".")[-1].split("(")[0] for name in TARGETS}
    fed |= {"Assessment", "Country", "Event", "Funding", "Instrument", "Organization"}
    fed |= {"Person", "Programme", "Source", "Statistic"}  # the record classes, by their id
    missing = set(mena_tip.__all__) - fed - set(EXCLUDED)
    assert not missing
    assert not set(EXCLUDED) & fed


VALID: dict[str, object] = {
    "mena_tip.resolve": "O.I.M.",
    "Dataset.person": "Hisham Malaty",
    "mena_tip.get": "country:ma",
    "diff": str(INSTALLED),
    "diff(new)": None,
    "mena_tip.resolve(kind)": "organization",
    "mena_tip.events(country)": "المغرب",
    "mena_tip.events(kind)": "roundtable",
    "mena_tip.events(pillar)": "protection",
    "mena_tip.events(concern)": "smuggling",
    "mena_tip.events(since)": "2024",
    "mena_tip.events(until)": "2024-03-31",
    "mena_tip.events(include_subunits)": False,
    "mena_tip.organizations(kind)": "un_agency",
    "mena_tip.countries(grouping)": "gcc",
    "mena_tip.coverage(grouping)": "maghreb",
    "mena_tip.coverage(country)": "Libya",
    "mena_tip.statistics(indicator)": "identified_victims",
    "mena_tip.sources(kind)": "web_page",
    "mena_tip.assessments(tier)": "tier_3",
    "mena_tip.assessments(year)": 2024,
    "mena_tip.mentions": "L'OIM et l'ONUDC au Maroc",
    "mena_tip.mentions(kinds)": ["country", Organization],
    "Linker.mentions(kinds)": [],
    "mena_tip.mentions(country)": "Morocco",
    "Linker.mentions(country)": "country:ma",
    "Linker.search(kind)": ("country",),
    "mena_tip.search(kind)": Country,
    "Dataset.resolve(kind)": "country",
    "mena_tip.resolve(country)": "Morocco",
    "Linker.search": "Morroco",
    "mena_tip.search(limit)": 1,
    "mena_tip.search(cutoff)": 0,
    "PartialDate.parse": "--05-16",
    "PartialDate(day)": 31,
    "write_csv": "out",
    "Linker": [("IOM", "organization:iom"), ("OIM", "organization:iom")],
}
"""A value each of these targets accepts: their checks are no mere ``pytest.fail``."""


@pytest.mark.parametrize("target", list(VALID))
def test_a_valid_value_passes_the_check(target: str, empty_folder: Path) -> None:
    TARGETS[target].run(VALID[target])


# -- the table ------------------------------------------------------------------------------


def _cases() -> Iterator[Any]:
    for target in TARGETS:
        for value in HOSTILE:
            yield pytest.param(target, value, id=f"{target}-{value}")


@pytest.fixture
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty working folder: relative paths name nothing, writes land in it."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(("target", "value"), list(_cases()))
def test_hostile_value(target: str, value: str, request: pytest.FixtureRequest) -> None:
    if TARGETS[target].paths:
        request.getfixturevalue("empty_folder")
    TARGETS[target].run(HOSTILE[value])


# -- random values --------------------------------------------------------------------------

CHARACTERS = (
    st.characters()
    | st.characters(categories=["Cs"])
    | st.sampled_from(
        "\u200b\u200c\u200d\u200e\u202a\u202e\u2066\u2069\ufeff\u00ad\u0640\u064e\u0301'’&.-/\\%{}$\x00"
    )
)
TEXTS = st.text(CHARACTERS, max_size=30)
RANDOM_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    TEXTS,
    st.binary(max_size=10),
    st.lists(TEXTS | st.integers() | st.none(), max_size=3),
    st.dictionaries(TEXTS, st.integers(), max_size=2),
    st.sampled_from([value for name, value in HOSTILE.items() if name not in LONG]),
)
"""Any value: text with any code point (lone surrogates, invisible characters, Arabic marks,
metacharacters), bytes, numbers, None, lists, dicts, and the short hostile values."""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the random run's relative paths (a target's own folder inside)."""
    return tmp_path_factory.mktemp("random")


def _harmless_path(value: object) -> bool:
    """Whether a value, as a relative path, stays in the working folder and names nothing
    there yet (an existing folder, or '..', is a real path, not hostile input)."""
    if not isinstance(value, str):
        return True
    return "/" not in value and value not in (".", "..") and not os.path.lexists(value)


@pytest.mark.parametrize("target", list(TARGETS))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(value=RANDOM_VALUES)
def test_random_value(target: str, value: object, scratch: Path) -> None:
    """Any value through any target: a documented exception naming it, or a right result."""
    if not TARGETS[target].paths:
        TARGETS[target].run(value)
        return
    folder = scratch / target
    folder.mkdir(exist_ok=True)
    previous = os.getcwd()
    os.chdir(folder)
    try:
        assume(_harmless_path(value))
        TARGETS[target].run(value)
    finally:
        os.chdir(previous)


# -- bad destinations -----------------------------------------------------------------------


def _destinations(root: Path) -> dict[str, str]:
    (root / "file").write_text("", encoding="utf-8")
    return {
        "a file": str(root / "file"),
        "under a file": str(root / "file" / "sub"),
        "empty": "",
        "too long": str(root / ("x" * 5000)),
        "nul": str(root / "a\x00b"),
        "lone surrogate": str(root / "\ud800"),
    }


@pytest.mark.parametrize(
    "writer", ["write_csv", "write_datapackage", "write_jsonld", "write_json_schemas"]
)
@pytest.mark.parametrize(
    "where", ["a file", "under a file", "empty", "too long", "nul", "lone surrogate"]
)
def test_writers_refuse_bad_destinations_naming_them(
    writer: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mena_tip import _schema

    monkeypatch.chdir(tmp_path)
    destination = _destinations(tmp_path)[where]
    write = getattr(mena_tip, writer, None) or getattr(_schema, writer)
    with pytest.raises((OSError, ValueError)) as caught:
        write(destination, SAMPLE)
    check_error(caught.value, destination, WRITING)


@pytest.mark.parametrize(
    ("blocked", "writer"),
    [
        ("datapackage.json", "write_datapackage"),
        ("organizations.csv", "write_csv"),
        ("mena-tip.jsonld", "write_jsonld"),
        ("organization.schema.json", "write_json_schemas"),
    ],
)
def test_a_file_that_cannot_be_written_is_an_os_error_naming_the_folder(
    blocked: str, writer: str, tmp_path: Path
) -> None:
    from mena_tip import _schema

    (tmp_path / blocked).mkdir()  # a folder where the file should go
    write = getattr(mena_tip, writer, None) or getattr(_schema, writer)
    with pytest.raises(IsADirectoryError) as caught:
        write(tmp_path, SAMPLE)
    assert str(caught.value) == f"[Errno 21] cannot write to {str(tmp_path)!r}: Is a directory"


def test_readers_name_a_folder_that_is_not_there(tmp_path: Path) -> None:
    for read in (mena_tip.read_csv, mena_tip.read_datapackage):
        for missing in ("", str(tmp_path / "nowhere"), "x" * 5000, "a\x00b", "\ud800"):
            with pytest.raises(mena_tip.DataError) as caught:
                read(missing)
            check_error(caught.value, missing, (mena_tip.DataError,))


def test_a_long_value_is_shown_cut_with_its_length() -> None:
    with pytest.raises(mena_tip.UnknownIdentifier) as caught:
        mena_tip.resolve("x" * MB)
    message = str(caught.value)
    assert message.startswith("no record matches 'xxx")
    assert "…' (1000000 characters)" in message
    assert len(message) < 300
    assert caught.value.key == "x" * MB  # the attribute keeps it whole
    with pytest.raises(TypeError) as typed:
        mena_tip.get(MOROCCO)  # type: ignore[arg-type]
    assert "Country(id='country:ma', " in str(typed.value)
    assert str(typed.value).endswith("…")


def test_empty_and_blank_texts_give_empty_results() -> None:
    for text in ("", " ", "\t\n", "\u200b", "\u202e\u2066", "\ufeff", "...", "\u0301"):
        assert mena_tip.mentions(text) == ()
        assert mena_tip.search(text) == ()
        assert BUNDLED.linker.mentions(text, "country") == ()


def test_invisible_characters_change_no_lookup() -> None:
    iom = BUNDLED.organization("IOM")
    invisible = "\u200b\u2066\ufeff\u202c"
    for key in ("IOM\u200b", "I\u200bO\u2066M", "\ufeffIOM\u202c", "I\u200b.O.M.", "I\u00adOM"):
        assert mena_tip.resolve(key) == iom
        # The mention is the word, invisible characters inside it but none around it.
        word = key.strip(invisible)
        start = 4 + key.index(word)
        text = f"the {key}."
        assert [(m.start, m.end, m.id) for m in mena_tip.mentions(text)] == [
            (start, start + len(word), "organization:iom")
        ]
    ivory_coast = BUNDLED.country("CI")
    assert mena_tip.resolve("Côte d'\u200bIvoire") == ivory_coast
    assert mena_tip.resolve("Côte d\u2066'Ivoire") == ivory_coast


def test_arabic_with_diacritics_and_mixed_scripts() -> None:
    # The IOM's Arabic name, with diacritics the data does not write.
    assert mena_tip.resolve("المُنَظَّمَة الدَّوْلِيَّة لِلْهِجْرَة").id == "organization:iom"
    with pytest.raises(mena_tip.UnknownIdentifier, match="الدَّوْلِيَّة"):
        mena_tip.resolve("المُنَظَّمَة الدَّوْلِيَّة لِلْفَضَاء")
    assert mena_tip.resolve("المَمْلَكَة المَغْرِبِيَّة") == MOROCCO  # المملكة المغربيّة
    text = "IOM المَمْلَكَة المَغْرِبِيَّة و\u200cالمغرب"
    found = mena_tip.mentions(text)
    assert [m.id for m in found] == ["organization:iom", "country:ma", "country:ma"]
    assert found[1].text == "المَمْلَكَة المَغْرِبِيَّة"
    assert found[2].text == "المغرب"  # after "و" and a zero-width non-joiner


# -- the command line -----------------------------------------------------------------------

CLI = {
    "show": ["show", "{}"],
    "show --kind": ["show", "IOM", "--kind", "{}"],
    **{
        f"events --{option}": ["events", f"--{option}", "{}"]
        for option in [
            *("country", "organization", "person", "programme", "kind"),
            *("pillar", "concern", "since", "until"),
        ]
    },
    "resolve": ["resolve", "{}"],
    "resolve --kind": ["resolve", "IOM", "--kind", "{}"],
    "resolve --country": ["resolve", "IOM", "--country", "{}"],
    "search": ["search", "{}"],
    "search --kind": ["search", "IOM", "--kind", "{}"],
    "search --limit": ["search", "IOM", "--limit", "{}"],
    "mentions": ["mentions", "{}"],
    "mentions --kinds": ["mentions", "-", "--kinds", "{}"],
    "coverage": ["coverage", "{}"],
    "export": ["export", "{}", "--data", "{sample}"],
    "export --format": ["export", "out", "--format", "{}", "--data", "{sample}"],
    "verify": ["verify", "{}"],
    "verify --texts": ["verify", "--texts", "{}"],
    "diff": ["diff", "{}"],
    "info --data": ["info", "--data", "{}"],
}
"""Each argument of each subcommand that takes user input (the others are flags)."""


def _api_json(command: str, value: str) -> Any:
    """What the command should print as JSON when it accepts ``value``, or None for any."""
    if command == "resolve":
        found = mena_tip.resolve(value)
        return {"id": found.id, "kind": found.KIND, "name": found.name}
    if command == "show":
        return mena_tip.to_dict(mena_tip.resolve(value))
    if command == "search":
        return [{"id": m.id, "name": m.name, "score": m.score} for m in mena_tip.search(value)]
    return None


def check_cli(argv: list[str], value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run the command: a one-line error on standard error naming ``value`` and a non-zero
    status, or a usage error naming it, or success with the right output."""
    try:
        status = main(argv)
    except SystemExit as exit:  # a usage error: argparse's usage, then one error line
        status, usage = -1, exit.code
    if status == -1:
        out, err = capsys.readouterr()
        assert (usage, out) == (2, "")
        assert err.startswith("usage: mena-tip ")
        last = err.splitlines()[-1]
        assert last.startswith("mena-tip ")
        assert ": error: argument " in last
        assert names(last, value), f"{last!r:.300} does not name {value!r:.80}"
        return
    out, err = capsys.readouterr()
    if status == 0:
        assert err == ""
        printed = json.loads(out)
        expected = _api_json(argv[0], value)
        assert expected is None or printed == expected
        return
    assert status in (1, 2)
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err[:300]
    assert err.startswith("mena-tip: ")
    assert "Traceback" not in err
    assert len(err) <= MESSAGE_LIMIT
    # An argument is text: a message may name it as such, or what it was read as.
    named = names(err, value) or (value.strip() and value in err)
    assert named, f"{err!r:.300} does not name {value!r:.80}"


@pytest.fixture(scope="module")
def cli_folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder for the command line to work in (a subfolder per command, so that what
    `export` writes is not what `verify` reads), and the sample bundle."""
    root = tmp_path_factory.mktemp("cli")
    return root, sample.write(root / "bundle")


@pytest.mark.parametrize("value", list(STRINGS))
@pytest.mark.parametrize("command", list(CLI))
def test_cli_hostile_argument(
    command: str,
    value: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli_folders: tuple[Path, Path],
) -> None:
    root, bundle = cli_folders
    folder = root / command.replace(" ", "")
    folder.mkdir(exist_ok=True)
    monkeypatch.chdir(folder)
    hostile = STRINGS[value]
    argv = [
        hostile if part == "{}" else str(bundle) if part == "{sample}" else part
        for part in CLI[command]
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("IOM and Morocco"))
    check_cli([*argv, "--json"], hostile, capsys)


def test_cli_prints_a_file_name_it_cannot_encode_as_escapes(
    capsys: pytest.CaptureFixture[str], empty_folder: Path, sample_bundle: Path
) -> None:
    name = os.fsdecode(b"\xff")  # a folder name that is no UTF-8
    assert main(["export", name, "--data", str(sample_bundle), "--format", "jsonld"]) == 0
    out = capsys.readouterr().out
    assert out == f"wrote 1 file(s) (jsonld, data {sample.DATA_VERSION}) to \\udcff\n"
    assert (empty_folder / name / "mena-tip.jsonld").is_file()
    assert main(["export", f"{name}2", "--data", str(sample_bundle), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["directory"] == f"{name}2"


def test_cli_export_into_a_folder_it_cannot_list(
    capsys: pytest.CaptureFixture[str], empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert main(["export", "."]) == 2
    assert capsys.readouterr().err == "mena-tip: cannot write to '.': Permission denied\n"


def test_cli_empty_names_are_no_folders_and_no_kinds(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for argv in (["info", "--data", ""], ["verify", ""], ["verify", "--data", ""]):
        assert main(argv) == 1
        assert capsys.readouterr().err == "mena-tip: damaged data: no bundle folder at ''\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("IOM"))
    assert main(["mentions", "-", "--kinds", ""]) == 2
    assert "kinds=['']: [''] are not record kinds" in capsys.readouterr().err


@pytest.mark.parametrize(
    "data", [b"IOM \xff and Morocco", b"\xfe\xff\x00I\x00O", b"IOM \xc3", b"\xed\xa0\x80"]
)
def test_cli_mentions_of_standard_input_that_is_no_utf8(
    data: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["mentions", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("mena-tip: cannot read standard input as UTF-8 text: 'utf-8' codec ")
    with pytest.raises(UnicodeDecodeError) as caught:
        data.decode("utf-8")
    assert f"0x{data[caught.value.start]:02x} in position {caught.value.start}" in err
    assert err.count("\n") == 1


def _command(*argv: str | bytes, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m mena_tip`` as a shell would, arguments as bytes."""
    env = dict(os.environ)
    package_parent = str(Path(mena_tip.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "mena_tip", *argv],
        input=data or b"",
        capture_output=True,
        env=env,
        check=False,
    )


def test_cli_in_a_process_with_undecodable_arguments_and_input(
    empty_folder: Path, sample_bundle: Path
) -> None:
    shown = _command("show", b"\xff", "--data", str(sample_bundle))
    assert shown.returncode == 2
    assert shown.stderr == b"mena-tip: no record matches '\\udcff'\n"
    exported = _command("export", b"\xff", "--data", str(sample_bundle))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.endswith(b" to \\udcff\n")
    assert (empty_folder / os.fsdecode(b"\xff") / "datapackage.json").is_file()
    # Standard input is read as UTF-8 whatever the locale, as files are.
    read = _command("mentions", "-", "--data", str(sample_bundle), data=b"IOM \xff\n")
    assert (read.returncode, read.stdout) == (2, b"")
    assert read.stderr == (
        b"mena-tip: cannot read standard input as UTF-8 text: 'utf-8' codec can't decode "
        b"byte 0xff in position 4: invalid start byte\n"
    )
    read = _command("mentions", "-", "--data", str(sample_bundle), data=b"\r\nIOM\r\n")
    assert read.returncode == 0, read.stderr
    assert read.stdout.splitlines()[2].split() == [
        b"1",
        b"4",
        b"IOM",
        b"organization:iom",
        b"alias",
    ]
