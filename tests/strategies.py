"""Hypothesis strategies: partial dates, citations, names, every part and record, datasets.

Record strategies take a :class:`Refs` (the IDs a record may refer to), so the same code
makes free-standing records for the converter's round trip and whole consistent datasets
whose every reference resolves (:func:`dataset_parts`). Strategies for one ``Refs`` are
cached, and sizes are small (a handful of records of each kind), to keep the suite fast.
"""

from __future__ import annotations

import calendar
import datetime
import decimal
import enum
import functools
import re
import string
from collections.abc import Sequence
from typing import Any, TypeVar, cast

import attrs
from hypothesis import strategies as st

from mena_tip._bundle import RegisterEntry
from mena_tip._dataset import Dataset
from mena_tip.dates import PartialDate
from mena_tip.records import (
    KINDS,
    Absence,
    Assessment,
    Citation,
    Claim,
    Concern,
    Country,
    Event,
    EventKind,
    EventLink,
    EventRelation,
    EventStatus,
    Funding,
    Grouping,
    Identifier,
    Indicator,
    Instrument,
    InstrumentKind,
    Name,
    NameKind,
    Organization,
    OrganizationKind,
    Outcome,
    Participation,
    Person,
    Pillar,
    Place,
    Post,
    Programme,
    ProgrammeKind,
    Qualifier,
    Rank,
    Record,
    Role,
    Scope,
    Source,
    SourceKind,
    StateAction,
    StateActionKind,
    Statistic,
    Tier,
    Topic,
)

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
cached = functools.lru_cache(maxsize=512)

# -- dates -------------------------------------------------------------------------------

FORMS = ("year", "month", "day", "yearless-month", "yearless-day")
"""The forms of a PartialDate: with a year (to the year, month or day) or without one."""


@st.composite
def partial_dates(
    draw: st.DrawFn, forms: Sequence[str] = FORMS, years: tuple[int, int] = (1, 9999)
) -> PartialDate:
    """A PartialDate of one of ``forms``, stated or inferred."""
    form = draw(st.sampled_from(forms))
    inferred = draw(st.booleans())
    month = draw(st.integers(1, 12))
    if form == "yearless-month":
        return PartialDate(None, month, inferred=inferred)
    if form == "yearless-day":
        day = draw(st.integers(1, calendar.monthrange(2000, month)[1]))  # 29 Feb allowed
        return PartialDate(None, month, day, inferred=inferred)
    year = draw(st.integers(*years))
    if form == "year":
        return PartialDate(year, inferred=inferred)
    if form == "month":
        return PartialDate(year, month, inferred=inferred)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day, inferred=inferred)


def dated(years: tuple[int, int] = (1, 9999)) -> st.SearchStrategy[PartialDate]:
    """Partial dates that have a year."""
    return partial_dates(forms=("year", "month", "day"), years=years)


def date_likes() -> st.SearchStrategy[PartialDate | datetime.date | str]:
    """What the date filters accept, always with a year: PartialDate, date, datetime, str."""
    near = (2013, 2028)
    return st.one_of(
        dated(near),
        dated(near).map(str),
        st.dates(datetime.date(near[0], 1, 1), datetime.date(near[1], 12, 31)),
        st.datetimes(datetime.datetime(near[0], 1, 1), datetime.datetime(near[1], 12, 31)),
    )


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """None or a value of ``strategy``."""
    return st.none() | strategy


RECORD_DATES = optional(partial_dates(years=(2015, 2026)))
"""Dates as records hold them: recent, sometimes without a year, or none."""

# -- text --------------------------------------------------------------------------------

WORDS = (
    "International",
    "Organization",
    "Organisation",
    "for",
    "Migration",
    "National",
    "Committee",
    "Office",
    "on",
    "Drugs",
    "and",
    "Crime",
    "Justice",
    "Égypte",
    "Maroc",
    "Coopération",
    "O'Brien",
    "Sharm-El-Sheikh",
    "NCCPIM&TIP",
    "IOM",
    "UNODC",
    "J/TIP",
    "المنظمة",
    "الدولية",
    "للهجرة",
    "مصر",
    "Ünal",
    "Øresund",
)
"""Name words: shared between records now and then, so that names collide."""

NAME_ALPHABET = (
    string.ascii_letters
    + string.digits
    + "".join(chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha())
    + "".join(chr(c) for c in range(0x621, 0x63B))
    + "".join(chr(c) for c in range(0x641, 0x64B))
    + " -'.&/()"
)
"""Letters whose case, accents and spacing normalise predictably: ASCII, Latin-1 letters,
basic Arabic letters, digits, and the punctuation that names use."""

NAME_TEXTS: st.SearchStrategy[str] = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
    " ".join
) | st.text(NAME_ALPHABET, min_size=1, max_size=12).filter(lambda t: any(c.isalnum() for c in t))
"""Names of records: words from :data:`WORDS`, or letters of :data:`NAME_ALPHABET`."""

# Accents put on Latin letters: the usual combining marks (U+0345 and U+034F are not
# accents, and case-folding turns the first into a letter).
ACCENTS = "".join(chr(c) for c in range(0x300, 0x334))
HARAKAT = "".join(chr(c) for c in range(0x64B, 0x653))
TATWEEL = "\u0640"
SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", " \r\n "]


def is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a" and char != TATWEEL


@st.composite
def perturbed(draw: st.DrawFn, text: str) -> str:
    """``text`` with some of the differences that name normalisation ignores.

    Case, accents (combining marks on Latin letters), spacing, curly quotes, dashes, "&"
    for " and ", dots in acronyms, and Arabic tatweel and harakat.
    """
    if draw(st.booleans()):  # "&" and " and "
        text = text.replace("&", " and ") if "&" in text else text.replace(" and ", " & ")
    if draw(st.booleans()):  # dots in acronyms: IOM -> I.O.M.
        text = re.sub(r"\b[A-Z]{2,}\b", lambda m: "".join(c + "." for c in m.group()), text)
    if draw(st.booleans()):  # straight and curly quotes
        curly = draw(st.sampled_from(["\u2019", "\u2018", "\u02bc", "`"]))
        text = text.replace("'", curly).replace('"', "\u201c")
    if draw(st.booleans()):  # hyphens and dashes
        text = text.replace("-", draw(st.sampled_from(["\u2013", "\u2014", "\u2010", "/"])))
    case = draw(st.sampled_from(["keep", "upper", "lower", "title", "swapcase"]))
    if case != "keep":
        text = getattr(text, case)()
    if draw(st.booleans()):  # accents on Latin letters, by combining marks
        marks = st.sampled_from(["", "", *ACCENTS])
        text = "".join(c + draw(marks) if c in string.ascii_letters else c for c in text)
    if draw(st.booleans()):  # Arabic tatweel and harakat
        extras = st.sampled_from(["", TATWEEL, *HARAKAT, TATWEEL + HARAKAT[0]])
        text = "".join(c + draw(extras) if is_arabic_letter(c) else c for c in text)
    if draw(st.booleans()):  # extra whitespace, inside and around
        spaces = st.sampled_from(SPACES)
        text = draw(spaces) + "".join(draw(spaces) if c == " " else c for c in text)
        text += draw(spaces)
    return text


TEXTS: st.SearchStrategy[str] = st.text(min_size=1, max_size=10).filter(str.strip)
"""Any non-blank text (titles of posts, venues, reasons)."""

EXCERPTS: st.SearchStrategy[str] = TEXTS | st.sampled_from(["x" * 200, "« Égypte »\n\tالمنظمة"])
"""Citation excerpts: non-blank, at most 200 characters."""

SLUGS: st.SearchStrategy[str] = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6),
    min_size=1,
    max_size=3,
).map("-".join)
"""Slugs of canonical IDs: lowercase ASCII words joined by single hyphens."""

LANGUAGES: st.SearchStrategy[str] = st.sampled_from(
    ["en", "fr", "ar", "ar-EG", "en-GB", "zh-Hant", "ber"]
) | st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", fullmatch=True)
"""BCP 47 tags of the simplified form the schema accepts."""

CURRENCIES: st.SearchStrategy[str] = st.sampled_from(["USD", "EUR", "EGP"]) | st.text(
    string.ascii_uppercase, min_size=3, max_size=3
)
"""ISO 4217-shaped codes."""

DECIMALS: st.SearchStrategy[decimal.Decimal] = st.one_of(
    st.integers(0, 10**9).map(decimal.Decimal),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([decimal.Decimal("-0"), decimal.Decimal("1E+6"), decimal.Decimal("0.50")]),
)
"""Finite decimals as sources state figures: whole, with places, exponents, signed zero."""

URLS: st.SearchStrategy[str] = st.sampled_from(
    ["https://example.org/a", "https://example.org/ب?x=1&y=2"]
)
SHA256: st.SearchStrategy[str] = st.text("0123456789abcdef", min_size=64, max_size=64)


def record_ids(kind: str) -> st.SearchStrategy[str]:
    """Canonical IDs of one kind."""
    return SLUGS.map(lambda slug: f"{kind}:{slug}")


def codes(kind: type[E]) -> st.SearchStrategy[E]:
    """One member of a code list."""
    return st.sampled_from(kind)


def code_sets(kind: type[E], max_size: int = 3) -> st.SearchStrategy[tuple[E, ...]]:
    """Distinct members of a code list, in any order."""
    return st.lists(codes(kind), max_size=max_size, unique=True).map(tuple)


def tuples_of(
    strategy: st.SearchStrategy[T], max_size: int = 2
) -> st.SearchStrategy[tuple[T, ...]]:
    """Small tuples of ``strategy`` (empty ones when it has no values)."""
    if strategy.is_empty:
        return st.just(())
    return st.lists(strategy, max_size=max_size).map(tuple)


# -- references --------------------------------------------------------------------------


@attrs.frozen
class Refs:
    """The IDs of each kind that records may refer to (``sources`` is never empty)."""

    sources: tuple[str, ...]
    organizations: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()

    @property
    def actors(self) -> tuple[str, ...]:
        """IDs that may take part in an event or receive money."""
        return self.organizations + self.persons + self.countries

    @property
    def bodies(self) -> tuple[str, ...]:
        """IDs of organizations and countries."""
        return self.organizations + self.countries


def one_of_ids(ids: Sequence[str]) -> st.SearchStrategy[str | None]:
    """None, or one of ``ids`` when there are any."""
    return optional(st.sampled_from(ids)) if ids else st.none()


def some_ids(ids: Sequence[str], max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct IDs among ``ids``."""
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(ids), max_size=max_size, unique=True).map(tuple)


@st.composite
def refs(draw: st.DrawFn) -> Refs:
    """Random IDs of every kind, with at least one source and one country."""

    def ids(kind: str, min_size: int = 0) -> tuple[str, ...]:
        return tuple(draw(st.lists(record_ids(kind), min_size=min_size, max_size=3, unique=True)))

    return Refs(
        ids("source", 1),
        ids("organization"),
        ids("person"),
        ids("country", 1),
        ids("event"),
        ids("programme"),
        ids("instrument"),
    )


# -- parts of records --------------------------------------------------------------------


def _citation(source: str, excerpt: str, start: int | None) -> Citation:
    if start is None:
        return Citation(source, excerpt)
    return Citation(source, excerpt, start, start + len(excerpt))


@cached
def citation_parts(sources: tuple[str, ...]) -> st.SearchStrategy[Citation]:
    """A citation of one of ``sources``, with offsets or without."""
    return st.builds(
        _citation, st.sampled_from(sources), EXCERPTS, optional(st.integers(0, 100_000))
    )


@cached
def citation_tuples(
    sources: tuple[str, ...], min_size: int = 1
) -> st.SearchStrategy[tuple[Citation, ...]]:
    """One or two citations (or none, when ``min_size`` is 0)."""
    return st.lists(citation_parts(sources), min_size=min_size, max_size=2).map(tuple)


@cached
def name_parts(sources: tuple[str, ...]) -> st.SearchStrategy[Name]:
    """Another name of a record."""
    return st.builds(
        Name, NAME_TEXTS, codes(NameKind), optional(LANGUAGES), citation_tuples(sources, 0)
    )


@cached
def identifier_parts(sources: tuple[str, ...]) -> st.SearchStrategy[Identifier]:
    """An identifier in another dataset: a QID or a three-digit code."""
    qids = st.integers(1, 10**9).map(lambda number: f"Q{number}")
    digits = st.text("0123456789", min_size=3, max_size=3)
    return st.one_of(
        st.builds(Identifier, st.just("wikidata"), qids, citation_tuples(sources)),
        st.builds(
            Identifier,
            st.sampled_from(["iso3166-1-numeric", "m49"]),
            digits,
            citation_tuples(sources),
        ),
    )


@cached
def claim_parts(sources: tuple[str, ...], fields: tuple[str, ...]) -> st.SearchStrategy[Claim]:
    """A claim about one of ``fields``."""
    return st.builds(
        Claim,
        st.sampled_from(fields),
        TEXTS,
        citation_tuples(sources),
        st.booleans(),
        optional(TEXTS),
    )


@cached
def place_parts(refs: Refs) -> st.SearchStrategy[Place]:
    """Where an event was held."""
    return st.builds(Place, one_of_ids(refs.countries), optional(NAME_TEXTS), optional(TEXTS))


@cached
def post_parts(refs: Refs) -> st.SearchStrategy[Post]:
    """A post, at one of the organizations or at none."""
    return st.builds(
        Post,
        TEXTS,
        citation_tuples(refs.sources),
        one_of_ids(refs.organizations),
        tuples_of(partial_dates(years=(2015, 2026))),
        start=RECORD_DATES,
        end=RECORD_DATES,
        head=st.booleans(),
    )


@cached
def participation_parts(refs: Refs) -> st.SearchStrategy[Participation]:
    """A participation of an actor (empty when there are no actors)."""
    if not refs.actors:
        return st.nothing()
    return st.builds(
        Participation,
        st.sampled_from(refs.actors),
        codes(Role),
        citation_tuples(refs.sources),
        optional(TEXTS),
        one_of_ids(refs.bodies),
        optional(TEXTS),
        st.booleans(),
    )


@cached
def rank_parts(sources: tuple[str, ...]) -> st.SearchStrategy[Rank]:
    """A rank a person is given."""
    return st.builds(
        Rank, TEXTS, citation_tuples(sources), tuples_of(partial_dates(years=(2015, 2026)))
    )


@cached
def event_link_parts(refs: Refs) -> st.SearchStrategy[EventLink]:
    """A link to one of the events (empty when there are none)."""
    if not refs.events:
        return st.nothing()
    return st.builds(
        EventLink, codes(EventRelation), st.sampled_from(refs.events), citation_tuples(refs.sources)
    )


@cached
def state_action_parts(refs: Refs) -> st.SearchStrategy[StateAction]:
    """A state's action on an instrument."""
    return st.builds(
        StateAction,
        st.sampled_from(refs.countries),
        codes(StateActionKind),
        citation_tuples(refs.sources),
        RECORD_DATES,
        optional(TEXTS),
        tuples_of(claim_parts(refs.sources, ("date", "action"))),
    )


@cached
def absence_parts(sources: tuple[str, ...]) -> st.SearchStrategy[Absence]:
    """A source's statement that a country has no law, body, plan… of a topic."""
    return st.builds(Absence, codes(Topic), citation_tuples(sources), st.booleans())


def citations() -> st.SearchStrategy[Citation]:
    """Citations of any source."""
    return refs().flatmap(lambda r: citation_parts(r.sources))


def names() -> st.SearchStrategy[Name]:
    """Names of records, citing any source."""
    return refs().flatmap(lambda r: name_parts(r.sources))


def claims() -> st.SearchStrategy[Claim]:
    """Claims about a field."""
    return refs().flatmap(lambda r: claim_parts(r.sources, ("name", "kind", "date")))


def places() -> st.SearchStrategy[Place]:
    """Places of events."""
    return refs().flatmap(place_parts)


def posts() -> st.SearchStrategy[Post]:
    """Posts of persons."""
    return refs().flatmap(post_parts)


def participations() -> st.SearchStrategy[Participation]:
    """Participations in events."""
    return refs().flatmap(participation_parts)  # there is always a country


def event_links() -> st.SearchStrategy[EventLink]:
    """Links between events."""
    return refs().filter(lambda r: bool(r.events)).flatmap(event_link_parts)


def state_actions() -> st.SearchStrategy[StateAction]:
    """States' actions on instruments."""
    return refs().flatmap(state_action_parts)


PARTS: dict[type, st.SearchStrategy[Any]] = {
    PartialDate: partial_dates(),
    Citation: citations(),
    Name: names(),
    Claim: claims(),
    Place: places(),
    Post: posts(),
    Participation: participations(),
    Rank: refs().flatmap(lambda r: rank_parts(r.sources)),
    EventLink: event_links(),
    StateAction: state_actions(),
    Absence: refs().flatmap(lambda r: absence_parts(r.sources)),
}
"""A strategy for every part class of a record."""

# -- records -----------------------------------------------------------------------------
# Each strategy makes records of one kind with a placeholder ID and no parent; the ID (and
# the parent, where there is one) is set afterwards, so that one strategy per kind and
# Refs serves a whole dataset.


def _names(refs: Refs) -> st.SearchStrategy[tuple[Name, ...]]:
    return tuples_of(name_parts(refs.sources))


def _identifiers(refs: Refs) -> st.SearchStrategy[tuple[Identifier, ...]]:
    return tuples_of(identifier_parts(refs.sources))


def _claims(refs: Refs, *fields: str) -> st.SearchStrategy[tuple[Claim, ...]]:
    return tuples_of(claim_parts(refs.sources, fields), 1)


@cached
def _organizations(refs: Refs) -> st.SearchStrategy[Organization]:
    return st.builds(
        Organization,
        st.just("organization:new"),
        NAME_TEXTS,
        codes(OrganizationKind),
        citation_tuples(refs.sources),
        acronym=optional(NAME_TEXTS),
        other_names=_names(refs),
        identifiers=_identifiers(refs),
        country=one_of_ids(refs.countries),
        founded=RECORD_DATES,
        established_by=one_of_ids(refs.instruments),
        attached_to=one_of_ids(refs.organizations),
        predecessor=one_of_ids(refs.organizations),
        successor=one_of_ids(refs.organizations),
        claims=_claims(refs, "name", "kind"),
    )


@cached
def _persons(refs: Refs) -> st.SearchStrategy[Person]:
    return st.builds(
        Person,
        st.just("person:new"),
        NAME_TEXTS,
        citation_tuples(refs.sources),
        other_names=_names(refs),
        posts=tuples_of(post_parts(refs), 3),
        ranks=tuples_of(rank_parts(refs.sources), 2),
        claims=_claims(refs, "name"),
    )


@cached
def _countries(refs: Refs) -> st.SearchStrategy[Country]:
    alpha = st.text(string.ascii_uppercase, min_size=2, max_size=2)
    return st.builds(
        Country,
        st.just("country:new"),
        NAME_TEXTS,
        alpha,
        alpha.map(lambda code: code + "X"),
        citation_tuples(refs.sources),
        other_names=_names(refs),
        identifiers=_identifiers(refs),
        groupings=code_sets(Grouping),
        absences=tuples_of(absence_parts(refs.sources)),
        claims=_claims(refs, "name"),
    )


@cached
def _events(refs: Refs) -> st.SearchStrategy[Event]:
    return st.builds(
        Event,
        st.just("event:new"),
        NAME_TEXTS,
        codes(EventKind),
        citation_tuples(refs.sources),
        start=RECORD_DATES,
        end=RECORD_DATES,
        place=optional(place_parts(refs)),
        programme=one_of_ids(refs.programmes),
        participants=tuples_of(participation_parts(refs), 4),
        pillars=code_sets(Pillar),
        concerns=code_sets(Concern),
        related=tuples_of(event_link_parts(refs)),
        status=optional(codes(EventStatus)),
        outcomes=tuples_of(st.builds(Outcome, NAME_TEXTS, citation_tuples(refs.sources))),
        other_names=_names(refs),
        claims=_claims(refs, "title", "start"),
    )


@cached
def _programmes(refs: Refs) -> st.SearchStrategy[Programme]:
    return st.builds(
        Programme,
        st.just("programme:new"),
        NAME_TEXTS,
        codes(ProgrammeKind),
        citation_tuples(refs.sources),
        acronym=optional(NAME_TEXTS),
        other_names=_names(refs),
        identifiers=_identifiers(refs),
        start=RECORD_DATES,
        end=RECORD_DATES,
        follows=one_of_ids(refs.programmes),
        adopted=RECORD_DATES,
        launched=RECORD_DATES,
        draft=st.booleans(),
        implementers=some_ids(refs.bodies),
        funders=some_ids(refs.bodies),
        countries=some_ids(refs.countries),
        concerns=code_sets(Concern),
        claims=_claims(refs, "name"),
    )


@cached
def _instruments(refs: Refs) -> st.SearchStrategy[Instrument]:
    return st.builds(
        Instrument,
        st.just("instrument:new"),
        NAME_TEXTS,
        codes(InstrumentKind),
        citation_tuples(refs.sources),
        acronym=optional(NAME_TEXTS),
        other_names=_names(refs),
        identifiers=_identifiers(refs),
        number=optional(TEXTS),
        jurisdiction=one_of_ids(refs.countries),
        adopted=RECORD_DATES,
        promulgated=RECORD_DATES,
        published=RECORD_DATES,
        amended=tuples_of(dated()),
        actions=tuples_of(state_action_parts(refs), 3),
        concerns=code_sets(Concern),
        claims=_claims(refs, "name", "adopted"),
    )


@cached
def _fundings(refs: Refs) -> st.SearchStrategy[Funding]:
    return st.builds(
        Funding,
        st.just("funding:new"),
        st.sampled_from(refs.bodies),
        citation_tuples(refs.sources),
        recipient=one_of_ids(refs.actors),
        amount=optional(DECIMALS),
        currency=optional(CURRENCIES),
        qualifier=codes(Qualifier),
        date=RECORD_DATES,
        purpose=optional(TEXTS),
        programme=one_of_ids(refs.programmes),
        beneficiaries=some_ids(refs.countries),
        event=one_of_ids(refs.events),
        claims=_claims(refs, "amount", "donor"),
    )


@cached
def _statistics(refs: Refs) -> st.SearchStrategy[Statistic]:
    return st.builds(
        Statistic,
        st.just("statistic:new"),
        codes(Indicator),
        citation_tuples(refs.sources),
        value=optional(DECIMALS),
        low=optional(DECIMALS),
        high=optional(DECIMALS),
        qualifier=codes(Qualifier),
        unit=st.sampled_from(["persons", "countries", "percent"]),
        population=optional(NAME_TEXTS),
        scope=optional(codes(Scope)),
        area=one_of_ids(refs.countries),
        refers_from=RECORD_DATES,
        refers_until=RECORD_DATES,
        reported=RECORD_DATES,
        reported_by=one_of_ids(refs.actors),
        event=one_of_ids(refs.events),
        claims=_claims(refs, "value", "reported_by"),
    )


@cached
def _sources(refs: Refs) -> st.SearchStrategy[Source]:
    return st.builds(
        Source,
        st.just("source:new"),
        NAME_TEXTS,
        codes(SourceKind),
        TEXTS,
        LANGUAGES,
        url=optional(URLS),
        published=RECORD_DATES,
        distributor=optional(TEXTS),
        secondary=st.booleans(),
        original_publisher=optional(TEXTS),
        sha256=optional(SHA256),
        citations=citation_tuples(refs.sources, 0),
        claims=_claims(refs, "title", "published"),
    )


@cached
def _assessments(refs: Refs) -> st.SearchStrategy[Assessment]:
    return st.builds(
        Assessment,
        st.just("assessment:new"),
        st.sampled_from(refs.countries),
        st.integers(2001, 2030),
        codes(Tier),
        citation_tuples(refs.sources),
        period_from=RECORD_DATES,
        period_until=RECORD_DATES,
        secondary=st.booleans(),
        inferred=st.booleans(),
        claims=_claims(refs, "tier"),
    )


BY_KIND: dict[str, Any] = {
    "organization": _organizations,
    "person": _persons,
    "country": _countries,
    "event": _events,
    "programme": _programmes,
    "instrument": _instruments,
    "funding": _fundings,
    "statistic": _statistics,
    "source": _sources,
    "assessment": _assessments,
}
HAS_PARENT = frozenset({"organization", "programme", "instrument"})


@st.composite
def record_parts(draw: st.DrawFn, kind: str, refs: Refs, record_id: str | None = None) -> Record:
    """A record of ``kind`` referring to ``refs``; a parent among them where it has one."""
    record: Record = draw(BY_KIND[kind](refs))
    if record_id is None:
        record_id = draw(record_ids(kind))
    changes: dict[str, object] = {"id": record_id}
    if kind == "country":
        alpha2 = record_id.partition(":")[2].upper()
        if re.fullmatch("[A-Z]{2}", alpha2):
            changes["alpha2"] = alpha2
    if kind in HAS_PARENT:
        changes["parent"] = draw(one_of_ids(getattr(refs, KIND_PLURALS[kind])))
    made: Record = attrs.evolve(cast(Any, record), **changes)
    return made


KIND_PLURALS = {
    "organization": "organizations",
    "programme": "programmes",
    "instrument": "instruments",
}


def records_of(kind: str) -> st.SearchStrategy[Record]:
    """Free-standing records of one kind (their references need not resolve)."""
    return refs().flatmap(lambda r: record_parts(kind, r))


def records() -> st.SearchStrategy[Record]:
    """Free-standing records of every kind."""
    return st.sampled_from(sorted(KINDS)).flatmap(records_of)


# -- whole datasets ----------------------------------------------------------------------


@attrs.frozen
class Parts:
    """What a generated dataset is made of (shown by hypothesis when a test fails)."""

    records: tuple[Record, ...]
    register: tuple[RegisterEntry, ...]
    data_version: str

    def dataset(self) -> Dataset:
        """The dataset of these parts."""
        return Dataset(self.records, self.register, self.data_version)


@st.composite
def dataset_parts(draw: st.DrawFn) -> Parts:
    """Records of every kind whose references all resolve, and a register of their IDs.

    Organizations, programmes and instruments take parents among those of their kind made
    before them, so parent links form a forest; the register adds redirects to existing
    records and withdrawals with reasons.
    """

    def ids(kind: str, min_size: int, max_size: int) -> tuple[str, ...]:
        found = draw(st.lists(record_ids(kind), min_size=min_size, max_size=max_size, unique=True))
        return tuple(found)

    alpha2 = st.text(string.ascii_lowercase, min_size=2, max_size=2)
    pool = Refs(
        sources=ids("source", 1, 2),
        organizations=ids("organization", 0, 4),
        persons=ids("person", 0, 2),
        countries=tuple(
            f"country:{code}"
            for code in draw(st.lists(alpha2, min_size=1, max_size=3, unique=True))
        ),
        events=ids("event", 0, 3),
        programmes=ids("programme", 0, 2),
        instruments=ids("instrument", 0, 2),
    )
    made: list[Record] = []
    for kind in ("organization", "programme", "instrument"):
        own = getattr(pool, KIND_PLURALS[kind])
        for index, record_id in enumerate(own):
            earlier = attrs.evolve(pool, **{KIND_PLURALS[kind]: own[:index]})
            record = draw(record_parts(kind, pool, record_id))
            parent = draw(one_of_ids(getattr(earlier, KIND_PLURALS[kind])))
            made.append(attrs.evolve(cast(Any, record), parent=parent))
    for kind, own in (
        ("source", pool.sources),
        ("country", pool.countries),
        ("person", pool.persons),
        ("event", pool.events),
        ("funding", ids("funding", 0, 2)),
        ("statistic", ids("statistic", 0, 2)),
        ("assessment", ids("assessment", 0, 1)),
    ):
        made += [draw(record_parts(kind, pool, record_id)) for record_id in own]
    made = draw(st.permutations(made))

    version = draw(st.sampled_from(["2026.11", "2027.01", "unversioned"]))
    taken = {r.id for r in made}
    register = [RegisterEntry(r.id, version) for r in made]
    for record in draw(st.lists(st.sampled_from(made), max_size=2)):
        old = f"{record.KIND}:old-{record.id.partition(':')[2]}"
        if old not in taken:
            taken.add(old)
            register.append(RegisterEntry(old, "2026.01", "redirect", record.id, version, "merged"))
    for gone in draw(st.lists(record_ids("event"), max_size=2, unique=True)):
        if gone not in taken:
            taken.add(gone)
            register.append(RegisterEntry(gone, "2026.01", "withdrawn", None, version, "wrong"))
    return Parts(tuple(made), tuple(register), version)


def datasets() -> st.SearchStrategy[Dataset]:
    """Consistent datasets (see :func:`dataset_parts`)."""
    return dataset_parts().map(Parts.dataset)
