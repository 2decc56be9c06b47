"""The record types and their code lists: the whole schema in one module.

Every record is a frozen, slotted attrs class whose collections are tuples, so nothing a
caller receives can change the shared data. Every record has a canonical ``id`` of the
form ``<kind>:<slug>`` and one or more :class:`Citation` s; so does every part of a record
that states a fact of its own (a post, a participation, a state action).

Where sources disagree about a field, the field holds the preferred value and
``claims`` keeps every version with its citations, the preferred one marked and the
reason given (see :class:`Claim`).
"""

from __future__ import annotations

import decimal
import enum
import re
import typing
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Final, TypeVar, cast

import attrs

from .dates import PartialDate
from .errors import shown

__all__ = [
    "ALPHA2",
    "ALPHA3",
    "CURRENCY",
    "EXCERPT_LIMIT",
    "ID_PATTERN",
    "KINDS",
    "LANGUAGE",
    "REFERS",
    "Absence",
    "Assessment",
    "Canonical",
    "Citation",
    "Cited",
    "Claim",
    "Code",
    "Concern",
    "Country",
    "CriminalJusticeStage",
    "Event",
    "EventKind",
    "EventLink",
    "EventRelation",
    "EventStatus",
    "Excerpt",
    "Funding",
    "Grouping",
    "Identifier",
    "IdentifierScheme",
    "InScheme",
    "Indicator",
    "Instrument",
    "InstrumentKind",
    "Kind",
    "Matches",
    "Name",
    "NameKind",
    "NoneOr",
    "Offsets",
    "Organization",
    "OrganizationKind",
    "Outcome",
    "Participation",
    "Person",
    "Pillar",
    "Place",
    "Post",
    "Programme",
    "ProgrammeKind",
    "Qualifier",
    "Rank",
    "Record",
    "Role",
    "Scope",
    "Source",
    "SourceKind",
    "StateAction",
    "StateActionKind",
    "Statistic",
    "Text",
    "Tier",
    "Topic",
    "Validator",
    "citations",
    "claims",
    "id_pattern",
    "identifier_keys",
    "lookup_names",
    "lookup_numbers",
    "record_kind",
    "references",
    "refers",
    "sort_key",
    "values_at",
]

_SLUG: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_PATTERN: Final = re.compile(rf"(?P<kind>[a-z]+):(?P<slug>{_SLUG})")
"""Canonical IDs: a kind, a colon and a lowercase ASCII slug of words joined by hyphens."""

EXCERPT_LIMIT: Final = 200
"""The longest verbatim excerpt a citation may carry, in characters."""


class Code(str, enum.Enum):
    """A code list value: compares equal to its code string and prints as it."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> None:
        # Enum's own message would quote a value of any length whole.
        raise ValueError(f"{shown(value)} is not a valid {cls.__qualname__}")


# -- code lists ------------------------------------------------------------------------


class NameKind(Code):
    """What kind of other name a :class:`Name` is."""

    ACRONYM = "acronym"
    TRANSLATION = "translation"  #: the name in another language
    FORMER = "former"  #: a name the thing no longer uses
    VARIANT = "variant"  #: another wording or spelling in the same language
    TRANSLITERATION = "transliteration"  #: a spelling of a name from another script
    OFFICIAL = "official"  #: the name the body itself uses officially, in that language
    OTHER = "other"  #: a name in usual use that is not the official one


class IdentifierScheme(Code):
    """Identifier schemes of other datasets, which a record's :class:`Identifier` is in.

    Each has the pattern its values match (:attr:`pattern`).
    """

    WIKIDATA = "wikidata"  #: a Wikidata item (``Q472311``)
    ISO3166_1_NUMERIC = "iso3166-1-numeric"  #: the ISO 3166-1 numeric code (``504``)
    M49 = "m49"  #: the UN M49 area code (``504``)

    @property
    def pattern(self) -> str:
        """The pattern (a regular expression matched whole) of the scheme's values."""
        return _SCHEME_PATTERNS[self]


_SCHEME_PATTERNS: Final = {
    IdentifierScheme.WIKIDATA: r"Q[1-9][0-9]*",
    IdentifierScheme.ISO3166_1_NUMERIC: r"[0-9]{3}",
    IdentifierScheme.M49: r"[0-9]{3}",
}


class OrganizationKind(Code):
    """What an :class:`Organization` is."""

    UN_AGENCY = "un_agency"  #: a UN agency, fund, programme or office
    UN_SYSTEM = "un_system"  #: a UN body across agencies (a resident coordinator's office)
    INTERGOVERNMENTAL = "intergovernmental"
    REGIONAL_OFFICE = "regional_office"  #: an organization's office for a region
    COUNTRY_OFFICE = "country_office"  #: an organization's office or mission in a country
    GOVERNMENT = "government"  #: a state's government as a whole
    GOVERNMENT_BODY = "government_body"  #: an agency, department or directorate of a state
    MINISTRY = "ministry"
    NATIONAL_COORDINATING_BODY = "national_coordinating_body"  #: a state's anti-TIP committee
    EMBASSY = "embassy"
    DELEGATION = "delegation"  #: a delegation of the EU (or another union) to a country
    DONOR_AGENCY = "donor_agency"
    NGO = "ngo"
    MEDIA = "media"  #: a publisher or distributor of news


class EventKind(Code):
    """What kind of meeting or occasion an :class:`Event` is."""

    ROUNDTABLE = "roundtable"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    LAUNCH = "launch"  #: a programme, plan or grant launched or announced
    MEETING = "meeting"
    TRAINING = "training"
    OPENING = "opening"  #: a centre, office or service opened
    ESTABLISHMENT = "establishment"  #: a body set up
    SEMINAR = "seminar"
    VISIT = "visit"  #: an official or study visit
    AGREEMENT = "agreement"  #: an agreement or memorandum of understanding signed
    CAMPAIGN = "campaign"  #: an awareness campaign or a series of awareness sessions
    PUBLICATION = "publication"  #: a report, guide or data set released
    ADOPTION = "adoption"  #: a law, plan or strategy adopted or issued
    HANDOVER = "handover"  #: equipment or premises handed over


class EventStatus(Code):
    """Whether an :class:`Event` is attested to have taken place, or only announced.

    An announcement ("will bring together") is not attendance: the participants of an
    announced or planned event are those the source says were to take part.
    """

    HELD = "held"  #: a source reports it as having taken place
    ANNOUNCED = "announced"  #: a source announces it, before it takes place
    PLANNED = "planned"  #: a source states it is planned, without announcing it


class Role(Code):
    """The part a country, organization or person had in an :class:`Event`."""

    ORGANIZER = "organizer"
    CO_ORGANIZER = "co_organizer"
    HOST = "host"
    FUNDER = "funder"
    PARTNER = "partner"
    OPENED = "opened"  #: opened or inaugurated it
    CHAIRED = "chaired"
    SPOKE = "spoke"
    ATTENDED = "attended"
    PARTICIPANT = "participant"  #: took part (a participating country or organization)
    TRAINER = "trainer"  #: delivered training at it
    TRAINEE = "trainee"  #: was trained at it (often a group: "27 operational officials")


ORGANIZING_ROLES: Final = frozenset({Role.ORGANIZER, Role.CO_ORGANIZER, Role.HOST})


class Pillar(Code):
    """The counter-trafficking pillars (the "4 Ps")."""

    PROSECUTION = "prosecution"
    PROTECTION = "protection"
    PREVENTION = "prevention"
    PARTNERSHIP = "partnership"


class Concern(Code):
    """The crime a record concerns."""

    TRAFFICKING = "trafficking"  #: trafficking in persons
    SMUGGLING = "smuggling"  #: smuggling of migrants


class EventRelation(Code):
    """How an event relates to another (read: *this event* RELATION *target*)."""

    PART_OF = "part_of"  #: this event is part of the target (a series, a larger meeting)
    FOLLOWS = "follows"  #: this event continues or comes after the target
    SAME_AS = "same_as"  #: reported elsewhere as a separate record (kept for traceability)


class ProgrammeKind(Code):
    """What a :class:`Programme` is."""

    PROGRAMME = "programme"
    JOINT_PROGRAMME = "joint_programme"
    PROJECT = "project"
    PHASE = "phase"
    INTERVENTION = "intervention"  #: a component of a programme with its own name
    NATIONAL_PLAN = "national_plan"
    STRATEGY = "strategy"
    MECHANISM = "mechanism"  #: a standing arrangement (a national referral mechanism)


class InstrumentKind(Code):
    """What a legal or policy :class:`Instrument` is."""

    CONVENTION = "convention"
    PROTOCOL = "protocol"
    GLOBAL_COMPACT = "global_compact"
    AGENDA = "agenda"  #: a declaration of goals (the 2030 Agenda)
    NATIONAL_LAW = "national_law"
    DECREE = "decree"


class StateActionKind(Code):
    """What a state did toward an instrument."""

    SIGNED = "signed"
    RATIFIED = "ratified"
    ACCEDED = "acceded"
    ADOPTED = "adopted"
    ENACTED = "enacted"
    COMMITTED = "committed"  #: stated its commitment to it
    APPROVED = "approved"  #: approved it at home (parliament, law, decree); no deposit stated
    PARTY = "party"  #: is a party; the source does not say how (ratified, acceded) or when


class CriminalJusticeStage(Code):
    """The stages of the criminal-justice response counted by UNODC's Global Report."""

    DETECTED_VICTIMS = "detected_victims"
    SUSPECTED = "suspected"  #: persons brought into formal contact with the police
    PROSECUTED = "prosecuted"
    CONVICTED = "convicted"


class Indicator(Code):
    """What a :class:`Statistic` counts or measures."""

    IDENTIFIED_VICTIMS = "identified_victims"
    PERSONS_ARRESTED = "persons_arrested"
    PERSONS_PROSECUTED = "persons_prosecuted"
    PERSONS_CONVICTED = "persons_convicted"
    SHARE_CHILD_VICTIMS = "share_child_victims"  #: share of identified victims who are children
    PARTICIPANTS = "participants"  #: people taking part in an event
    COUNTRIES_PRESENT = "countries_present"  #: countries in which an organization is present
    PERSONS_TRAINED = "persons_trained"  #: people trained, over a programme or a period
    VICTIMS_ASSISTED = "victims_assisted"  #: victims an organization assisted or reintegrated
    CASES_HANDLED = "cases_handled"  #: trafficking cases an organization handled
    CALLS_RECEIVED = "calls_received"  #: calls a hotline received
    SESSIONS_HELD = "sessions_held"  #: sessions, workshops or courses held (``unit`` names them)

    @property
    def stage(self) -> CriminalJusticeStage | None:
        """The UNODC criminal-justice stage this indicator counts, if it counts one."""
        return _STAGES.get(self)


_STAGES: Final = {
    Indicator.IDENTIFIED_VICTIMS: CriminalJusticeStage.DETECTED_VICTIMS,
    Indicator.SHARE_CHILD_VICTIMS: CriminalJusticeStage.DETECTED_VICTIMS,
    Indicator.PERSONS_ARRESTED: CriminalJusticeStage.SUSPECTED,
    Indicator.PERSONS_PROSECUTED: CriminalJusticeStage.PROSECUTED,
    Indicator.PERSONS_CONVICTED: CriminalJusticeStage.CONVICTED,
}


class Qualifier(Code):
    """How a figure is stated: exactly, or as a bound or an approximation."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"


class Scope(Code):
    """The area a statistic covers."""

    COUNTRY = "country"
    REGION = "region"
    GLOBAL = "global"
    EVENT = "event"  #: a count about one event (its participants)


class Grouping(Code):
    """Regions and groupings a :class:`Country` belongs to.

    Each is defined here by its members (ISO 3166-1 alpha-2 codes, see :attr:`members`),
    so that a filter means the same in every release. Geographic regions follow the UN
    M49 standard; the others are the members of an organization of states.
    """

    MENA = "mena"
    """The Middle East and North Africa as this dataset covers it."""
    NORTH_AFRICA = "north_africa"  #: UN M49 Northern Africa
    MAGHREB = "maghreb"  #: the members of the Arab Maghreb Union
    MASHREQ = "mashreq"  #: the Arab states of the eastern Mediterranean and Mesopotamia
    GULF = "gcc"  #: the members of the Gulf Cooperation Council
    ARAB_LEAGUE = "arab_league"  #: the members of the League of Arab States
    EU = "eu"  #: the member states of the European Union
    WEST_AFRICA = "west_africa"  #: UN M49 Western Africa
    EAST_AFRICA = "east_africa"  #: UN M49 Eastern Africa
    NORTH_AMERICA = "north_america"  #: UN M49 Northern America

    @property
    def members(self) -> frozenset[str]:
        """The ISO 3166-1 alpha-2 codes of the grouping's members."""
        return _MEMBERS[self]


def _iso(codes: str) -> frozenset[str]:
    return frozenset(codes.split())


_MEMBERS: Final = {
    Grouping.MENA: _iso("DZ BH EG IQ JO KW LB LY MR MA OM QA SA SD SY TN AE YE PS IL IR"),
    Grouping.NORTH_AFRICA: _iso("DZ EG LY MA SD TN EH"),
    Grouping.MAGHREB: _iso("DZ LY MR MA TN"),
    Grouping.MASHREQ: _iso("IQ JO LB PS SY"),
    Grouping.GULF: _iso("BH KW OM QA SA AE"),
    Grouping.ARAB_LEAGUE: _iso("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE"),
    Grouping.EU: _iso(
        "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
    ),
    Grouping.WEST_AFRICA: _iso("BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"),
    Grouping.EAST_AFRICA: _iso("BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW IO TF"),
    Grouping.NORTH_AMERICA: _iso("BM CA GL PM US"),
}


class SourceKind(Code):
    """What a :class:`Source` is."""

    NEWS_ARTICLE = "news_article"
    PRESS_RELEASE = "press_release"
    WEB_PAGE = "web_page"
    DATASET = "dataset"


class Topic(Code):
    """The parts of a country's counter-trafficking landscape the reference layer covers.

    :func:`mena_tip.coverage` tells, per country and topic, whether the data knows it.
    """

    TRAFFICKING_LAW = "trafficking_law"  #: a national law against trafficking in persons
    SMUGGLING_LAW = "smuggling_law"  #: a national law against the smuggling of migrants
    COORDINATING_BODY = "coordinating_body"  #: the national body coordinating the response
    NATIONAL_PLAN = "national_plan"  #: a national plan or strategy against trafficking
    TRAFFICKING_PROTOCOL = "trafficking_protocol"  #: being party to the UN TIP Protocol
    SMUGGLING_PROTOCOL = "smuggling_protocol"  #: being party to the Smuggling of Migrants Protocol
    UNTOC = "untoc"  #: being party to the UN Convention against Transnational Organized Crime
    TIP_REPORT = "tip_report"  #: a tier in the US Trafficking in Persons Report


class Tier(Code):
    """Tiers of the US Department of State's Trafficking in Persons Report."""

    TIER_1 = "tier_1"
    TIER_2 = "tier_2"
    TIER_2_WATCH_LIST = "tier_2_watch_list"
    TIER_3 = "tier_3"
    SPECIAL_CASE = "special_case"


# -- validators ----------------------------------------------------------------------------
# They run whenever a record is made, so no record, bundled or built by a caller, can hold
# a malformed ID, code or an uncited fact. Each is a small frozen callable that carries its
# rule as data (as attrs' own validators do): the JSON Schema and the Table Schema are
# derived from these rules (``constraints``), so they cannot drift from the checks.

LANGUAGE: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""A BCP 47 language tag, simplified (``fr``, ``ar``, ``en-GB``)."""
CURRENCY: Final = re.compile(r"[A-Z]{3}")
"""An ISO 4217 currency code."""
ALPHA2: Final = re.compile(r"[A-Z]{2}")
"""An ISO 3166-1 alpha-2 code."""
ALPHA3: Final = re.compile(r"[A-Z]{3}")
"""An ISO 3166-1 alpha-3 code."""
NOT_BLANK: Final = re.compile(r"[\s\S]*\S[\s\S]*")
"""Text with at least one character that is not white space."""

Constraints = Mapping[str, object]
"""A rule in the vocabulary JSON Schema and Table Schema share: ``pattern`` (a Python
regex the whole value must match), ``minLength``, ``maxLength``, ``minItems``,
``minimum``; and for rules on several fields of an object, ``requiredTogether`` (the
fields it has all of or none of), ``siblings`` (constraints of other fields, by name) and
``cases`` (``(field, {value of that field: pattern of this one})``)."""


@attrs.frozen
class Matches:
    """The value is a str that matches ``pattern`` whole."""

    pattern: re.Pattern[str]

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or self.pattern.fullmatch(value) is None:
            raise ValueError(
                f"{attribute.name}={shown(value)} does not match {self.pattern.pattern}"
            )

    def constraints(self, owner: type) -> Constraints:
        """The rule, for the schemas."""
        return {"pattern": self.pattern.pattern}


@attrs.frozen
class NoneOr:
    """None, or a value that ``inner`` accepts."""

    inner: Matches | Text

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            self.inner(instance, attribute, value)

    def constraints(self, owner: type) -> Constraints:
        """The inner rule: a field at None is left out of the JSON form."""
        return self.inner.constraints(owner)


@attrs.frozen
class Canonical:
    """The value is a canonical ID of the kind of the record it is on."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        kind = getattr(type(instance), "KIND", None)
        match = ID_PATTERN.fullmatch(value) if isinstance(value, str) else None
        if match is None or match.group("kind") != kind:
            raise ValueError(
                f"id={shown(value)} is not a canonical {kind} ID: expected '{kind}:' and a slug "
                "of lowercase ASCII letters and digits in words joined by single hyphens"
            )

    def constraints(self, owner: type) -> Constraints:
        """The ID pattern of ``owner``'s kind."""
        return {"pattern": id_pattern(getattr(owner, "KIND", owner.__name__.lower()))}


@attrs.frozen
class Cited:
    """The value, a tuple of citations, has at least one."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not value:
            raise ValueError(f"{type(instance).__name__} needs at least one citation")

    def constraints(self, owner: type) -> Constraints:
        """At least one item."""
        return {"minItems": 1}


@attrs.frozen
class Text:
    """The value is a str that is not blank (a name, a title)."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            raise TypeError(
                f"{attribute.name} must be a str, not {type(value).__name__}: {shown(value)}"
            )
        if not value.strip():
            raise ValueError(f"{attribute.name} must not be blank: {shown(value)}")

    def constraints(self, owner: type) -> Constraints:
        """Not blank."""
        return {"minLength": 1, "pattern": NOT_BLANK.pattern}


@attrs.frozen
class Excerpt:
    """The value is a str that is not blank, of at most ``limit`` characters."""

    limit: int

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            raise TypeError(f"an excerpt must be a str, not {type(value).__name__}: {shown(value)}")
        if not value.strip():
            raise ValueError(f"a citation needs a non-empty excerpt, not {shown(value)}")
        if len(value) > self.limit:
            raise ValueError(
                f"an excerpt has at most {self.limit} characters, not {len(value)}: {shown(value)}"
            )

    def constraints(self, owner: type) -> Constraints:
        """Not blank, at most ``limit`` characters."""
        return {"minLength": 1, "maxLength": self.limit, "pattern": NOT_BLANK.pattern}


@attrs.frozen
class Offsets:
    """On a citation's ``end``: both offsets or neither, ``0 <= start < end``, and the
    offsets span exactly the excerpt."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        start = getattr(instance, "start", None)
        if (start is None) != (value is None):
            raise ValueError("a citation has both start and end offsets or neither")
        if isinstance(value, int) and isinstance(start, int):
            if not 0 <= start < value:
                raise ValueError(f"offsets must satisfy 0 <= start < end, not {start}, {value}")
            if value - start != len(getattr(instance, "excerpt", "")):
                raise ValueError("the offsets must span exactly the excerpt")

    def constraints(self, owner: type) -> Constraints:
        """``end`` at least 1, ``start`` at least 0, both or neither (the schemas cannot
        state the rest: the order of two values and the excerpt's length)."""
        return {
            "minimum": 1,
            "requiredTogether": ("start", "end"),
            "siblings": {"start": {"minimum": 0}},
        }


@attrs.frozen
class InScheme:
    """On an identifier's ``value``: a str that matches the pattern of its ``scheme``."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        scheme = getattr(instance, "scheme", None)
        if isinstance(scheme, IdentifierScheme) and (
            not isinstance(value, str) or re.fullmatch(scheme.pattern, value) is None
        ):
            raise ValueError(
                f"value={shown(value)} is no {scheme.value} identifier: expected {scheme.pattern}"
            )

    def constraints(self, owner: type) -> Constraints:
        """The pattern of each scheme."""
        return {"cases": ("scheme", {s.value: s.pattern for s in IdentifierScheme})}


Validator = InScheme | Matches | NoneOr | Canonical | Cited | Text | Excerpt | Offsets
"""Every validator of the record classes; each states its rule (``constraints``)."""


def id_pattern(kind: str) -> str:
    """The Python pattern of canonical IDs of one kind (``organization:`` and a slug)."""
    return f"{re.escape(kind)}:(?:{_SLUG})"


def _as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    # Lists and other iterables become tuples, so a record never holds a mutable collection.
    if isinstance(values, (str, bytes, dict)):
        raise TypeError(f"expected a list or tuple, not {type(values).__name__}: {shown(values)}")
    return tuple(values)


C = TypeVar("C", bound=Code)


def _codes(codes: type[C], values: Iterable[object]) -> tuple[C, ...]:
    return tuple(codes(value) for value in _as_tuple(values))


def _pillars(values: Iterable[object]) -> tuple[Pillar, ...]:
    return _codes(Pillar, values)


def _concerns(values: Iterable[object]) -> tuple[Concern, ...]:
    return _codes(Concern, values)


def _groupings(values: Iterable[object]) -> tuple[Grouping, ...]:
    return _codes(Grouping, values)


# -- references ----------------------------------------------------------------------------
# A field that holds IDs of other records says which kinds they may be: the integrity
# checks, the link index, the CSV link tables, the Data Package's foreign keys and the
# JSON Schema's ID patterns are all derived from these declarations.

REFERS: Final = "mena_tip.refers"
"""The key of a field's ``metadata`` that holds the kinds its IDs may refer to."""

_ACTORS: Final = ("organization", "person", "country")
_ORG_OR_COUNTRY: Final = ("organization", "country")


def _refers(*kinds: str) -> dict[str, frozenset[str]]:
    """The metadata of a field holding the IDs of records of one of ``kinds``."""
    return {REFERS: frozenset(kinds)}


def refers(field: attrs.Attribute[Any]) -> frozenset[str] | None:
    """The kinds a field's IDs may refer to, or None for a field that holds no IDs."""
    found: frozenset[str] | None = field.metadata.get(REFERS)
    return found


_CANONICAL: Final = Canonical()
_CITED: Final = Cited()
_TEXT: Final = Text()


# -- parts of records --------------------------------------------------------------------


@attrs.frozen
class Citation:
    """Where a source states a fact: the source's ID, the excerpt, and its offsets.

    ``start`` and ``end`` are Python ``str`` indices into the source's text (decoded from
    UTF-8), so ``text[start:end] == excerpt``. Sources whose text is not bundled with the
    citation's checks (web pages quoted by URL) carry the excerpt without offsets.
    """

    source: str = attrs.field(metadata=_refers("source"))
    excerpt: str = attrs.field(validator=Excerpt(EXCERPT_LIMIT))
    start: int | None = None
    end: int | None = attrs.field(default=None, validator=Offsets())


@attrs.frozen
class Name:
    """Another name of a record: its text, language (BCP 47, such as ``fr``) and kind."""

    text: str = attrs.field(validator=_TEXT)
    kind: NameKind = attrs.field(converter=NameKind)
    language: str | None = attrs.field(default=None, validator=NoneOr(Matches(LANGUAGE)))
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Identifier:
    """The record's identifier in another dataset (a Wikidata QID, an ISO code), cited.

    Where sources disagree, the record's :attr:`claims` keep each version, with the path
    ``identifiers.<scheme>``; the identifier is the preferred one.
    """

    scheme: IdentifierScheme = attrs.field(converter=IdentifierScheme)
    value: str = attrs.field(validator=InScheme())
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)

    @property
    def key(self) -> str:
        """The identifier as a lookup key: ``"wikidata:Q472311"``."""
        return f"{self.scheme.value}:{self.value}"


@attrs.frozen
class Claim:
    """One source's statement of a field, kept when sources disagree.

    For each field that has claims, exactly one claim is ``preferred`` and the field holds
    its value; ``reason`` says why it was preferred (or why another was not).
    """

    field: str
    value: str
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    preferred: bool = False
    reason: str | None = None


@attrs.frozen
class Place:
    """Where an event took place: a country ID, and the city and venue as the source names them."""

    country: str | None = attrs.field(default=None, metadata=_refers("country"))
    city: str | None = None
    venue: str | None = None


@attrs.frozen
class Post:
    """A title a person held at an organization, on the dates sources attest it.

    ``attested`` lists the dates on which a source shows the person in this post; they
    are not a term of office. ``start`` and ``end`` are the term, only where a source
    states it; ``head`` marks the post that heads the organization (its director, chair,
    minister).
    """

    title: str = attrs.field(validator=_TEXT)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    organization: str | None = attrs.field(default=None, metadata=_refers("organization"))
    attested: tuple[PartialDate, ...] = attrs.field(default=(), converter=_as_tuple)
    start: PartialDate | None = None
    end: PartialDate | None = None
    head: bool = False


@attrs.frozen
class Rank:
    """A rank or style a person is given ("Ambassador"), which is not a post they hold."""

    title: str = attrs.field(validator=_TEXT)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    attested: tuple[PartialDate, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Participation:
    """A country's, organization's or person's part in an event, with its role.

    ``as_written`` is the name exactly as the source wrote it; ``on_behalf_of`` the
    organization or country a person represented there. ``group`` is the group the
    source names the participant in, in its words ("experts from various European Union
    countries"), and ``example`` says the source names it as an example ("such as",
    "including"): the group may have members the data does not list.
    """

    participant: str = attrs.field(metadata=_refers(*_ACTORS))
    role: Role = attrs.field(converter=Role)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    as_written: str | None = None
    on_behalf_of: str | None = attrs.field(default=None, metadata=_refers(*_ORG_OR_COUNTRY))
    group: str | None = attrs.field(default=None, validator=NoneOr(_TEXT))
    example: bool = False


@attrs.frozen
class EventLink:
    """A link from an event to a related one (see :class:`EventRelation`)."""

    relation: EventRelation = attrs.field(converter=EventRelation)
    target: str = attrs.field(metadata=_refers("event"))
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)


@attrs.frozen
class Outcome:
    """What an event adopted, signed, decided or launched, as a source states it."""

    statement: str = attrs.field(validator=_TEXT)  #: in the source's words, or close to them
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)


@attrs.frozen
class StateAction:
    """What a state did toward an instrument, when, and any reservation stated.

    Where sources disagree about the date or the kind of action, ``claims`` holds each
    version, as on a record (see :class:`Claim`).
    """

    country: str = attrs.field(metadata=_refers("country"))
    action: StateActionKind = attrs.field(converter=StateActionKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    date: PartialDate | None = None
    reservation: str | None = None
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Absence:
    """A source's statement that a country has no such thing: no law, body or plan of a
    :class:`Topic`, or that it is not party to a treaty.

    ``inferred`` marks an absence the source implies rather than states (a call to ratify
    a treaty implies the state is not yet party to it).
    """

    topic: Topic = attrs.field(converter=Topic)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    inferred: bool = False


# -- kinds -------------------------------------------------------------------------------


class Kind(str):
    """A record kind: its name (the prefix of its IDs, and equal to that str), and the
    facts every part of the package reads from this one declaration on the record class.

    ``plural`` names the kind's file in a bundle and its table in exports; ``order`` the
    fields its records are sorted by (dates in their documented order, undated last);
    ``names`` the fields a record can be looked up by (str fields, or tuples of
    :class:`Name`); ``numbers`` the str fields holding an official number, looked up in
    the forms sources write it (``"Law No. 64 of 2010"``, ``"Law 64/2010"``); ``countries``
    the paths to the IDs that place a record in a country, for narrowing a lookup by
    country (an ID of another kind stands for that record's countries: an organization's
    parent, a person's organizations).
    """

    plural: str
    order: tuple[str, ...]
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    countries: tuple[str, ...]

    def __new__(
        cls,
        name: str,
        *,
        plural: str,
        order: tuple[str, ...] = ("id",),
        names: tuple[str, ...] = (),
        numbers: tuple[str, ...] = (),
        countries: tuple[str, ...] = (),
    ) -> Kind:
        kind = super().__new__(cls, name)
        kind.plural, kind.order, kind.names = plural, order, names
        kind.numbers, kind.countries = numbers, countries
        return kind

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _kind_named, (str(self),)  # one object per kind, also when unpickled


def _kind_named(name: str) -> Kind:
    return KINDS[name].KIND


# -- records -----------------------------------------------------------------------------


@attrs.frozen
class Organization:
    """An organization or one of its units: an agency, office, ministry, committee…"""

    KIND: ClassVar[Kind] = Kind(
        "organization",
        plural="organizations",
        names=("name", "acronym", "other_names"),
        countries=("country", "parent"),
    )
    id: str = attrs.field(validator=_CANONICAL)
    name: str = attrs.field(validator=_TEXT)
    kind: OrganizationKind = attrs.field(converter=OrganizationKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    acronym: str | None = None
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_as_tuple)
    country: str | None = attrs.field(
        default=None, metadata=_refers("country")
    )  #: where it is based (a country ID)
    parent: str | None = attrs.field(
        default=None, metadata=_refers("organization")
    )  #: the organization it is part of
    founded: PartialDate | None = None
    established_by: str | None = attrs.field(
        default=None, metadata=_refers("instrument")
    )  #: the instrument (law, decree) that set it up
    attached_to: str | None = attrs.field(default=None, metadata=_refers("organization"))
    """The body it reports to or is placed under, where that is no parent: a committee
    attached to a ministry is not one of its units."""
    predecessor: str | None = attrs.field(default=None, metadata=_refers("organization"))
    successor: str | None = attrs.field(default=None, metadata=_refers("organization"))
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Person:
    """A public official in their public roles, with the posts sources attest."""

    KIND: ClassVar[Kind] = Kind(
        "person", plural="persons", names=("name", "other_names"), countries=("posts.organization",)
    )
    id: str = attrs.field(validator=_CANONICAL)
    name: str = attrs.field(validator=_TEXT)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    posts: tuple[Post, ...] = attrs.field(default=(), converter=_as_tuple)
    ranks: tuple[Rank, ...] = attrs.field(default=(), converter=_as_tuple)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def acronym(self) -> None:
        """People have no acronym (present so every record kind answers the same fields)."""
        return None


@attrs.frozen
class Country:
    """A country or territory, keyed by its ISO 3166-1 alpha-2 code (``country:ma``)."""

    KIND: ClassVar[Kind] = Kind(
        "country",
        plural="countries",
        names=("name", "alpha3", "alpha2", "other_names"),
        countries=("id",),
    )
    id: str = attrs.field(validator=_CANONICAL)
    name: str = attrs.field(validator=_TEXT)
    alpha2: str = attrs.field(validator=Matches(ALPHA2))
    alpha3: str = attrs.field(validator=Matches(ALPHA3))
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_as_tuple)
    groupings: tuple[Grouping, ...] = attrs.field(default=(), converter=_groupings)
    absences: tuple[Absence, ...] = attrs.field(default=(), converter=_as_tuple)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def acronym(self) -> str:
        """The alpha-3 code, the country's usual short form in tables."""
        return self.alpha3


@attrs.frozen
class Event:
    """A roundtable, workshop, conference, launch… and who took part in it."""

    KIND: ClassVar[Kind] = Kind(
        "event",
        plural="events",
        order=("start", "end", "id"),
        names=("title", "other_names"),
        countries=("place.country",),
    )
    id: str = attrs.field(validator=_CANONICAL)
    title: str = attrs.field(validator=_TEXT)
    kind: EventKind = attrs.field(converter=EventKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: Place | None = None
    programme: str | None = attrs.field(default=None, metadata=_refers("programme"))
    participants: tuple[Participation, ...] = attrs.field(default=(), converter=_as_tuple)
    pillars: tuple[Pillar, ...] = attrs.field(default=(), converter=_pillars)
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_concerns)
    related: tuple[EventLink, ...] = attrs.field(default=(), converter=_as_tuple)
    status: EventStatus | None = attrs.field(
        default=None, converter=attrs.converters.optional(EventStatus)
    )
    """Held, announced or planned, as the source says; None where it does not say."""
    outcomes: tuple[Outcome, ...] = attrs.field(default=(), converter=_as_tuple)
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def name(self) -> str:
        """The event's title (every record kind has a ``name``)."""
        return self.title

    @property
    def acronym(self) -> None:
        """Events have no acronym."""
        return None

    def with_role(self, *roles: Role) -> tuple[str, ...]:
        """IDs of the participants that had any of ``roles``, in the record's order."""
        return tuple(dict.fromkeys(p.participant for p in self.participants if p.role in roles))

    @property
    def organizers(self) -> tuple[str, ...]:
        """IDs of the organizers."""
        return self.with_role(Role.ORGANIZER)

    @property
    def funders(self) -> tuple[str, ...]:
        """IDs of the funders."""
        return self.with_role(Role.FUNDER)


@attrs.frozen
class Programme:
    """A programme, project, phase, national plan, strategy or mechanism."""

    KIND: ClassVar[Kind] = Kind(
        "programme",
        plural="programmes",
        names=("name", "acronym", "other_names"),
        countries=("countries",),
    )
    id: str = attrs.field(validator=_CANONICAL)
    name: str = attrs.field(validator=_TEXT)
    kind: ProgrammeKind = attrs.field(converter=ProgrammeKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    acronym: str | None = None
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_as_tuple)
    start: PartialDate | None = None
    end: PartialDate | None = None
    parent: str | None = attrs.field(default=None, metadata=_refers("programme"))
    follows: str | None = attrs.field(
        default=None, metadata=_refers("programme")
    )  #: the programme or plan this one succeeds
    adopted: PartialDate | None = None  #: when it was adopted or approved
    launched: PartialDate | None = None  #: when it was launched or announced
    draft: bool = False  #: a draft its government has not formally adopted
    implementers: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, metadata=_refers(*_ORG_OR_COUNTRY)
    )
    funders: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, metadata=_refers(*_ORG_OR_COUNTRY)
    )
    countries: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, metadata=_refers("country")
    )
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_concerns)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Instrument:
    """A convention, protocol, compact, agenda, law or decree, and states' actions on it."""

    KIND: ClassVar[Kind] = Kind(
        "instrument",
        plural="instruments",
        names=("name", "acronym", "other_names"),
        numbers=("number",),
        countries=("jurisdiction",),
    )
    id: str = attrs.field(validator=_CANONICAL)
    name: str = attrs.field(validator=_TEXT)
    kind: InstrumentKind = attrs.field(converter=InstrumentKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    acronym: str | None = None
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_as_tuple)
    number: str | None = None  #: the official number ("Law No. 64 of 2010")
    jurisdiction: str | None = attrs.field(
        default=None, metadata=_refers("country")
    )  #: the country ID of a national instrument
    adopted: PartialDate | None = None  #: passed, adopted or enacted
    promulgated: PartialDate | None = None  #: promulgated or signed into law
    published: PartialDate | None = None  #: published in the official gazette
    amended: tuple[PartialDate, ...] = attrs.field(default=(), converter=_as_tuple)
    parent: str | None = attrs.field(
        default=None, metadata=_refers("instrument")
    )  #: the instrument this one supplements
    actions: tuple[StateAction, ...] = attrs.field(default=(), converter=_as_tuple)
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_concerns)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Funding:
    """Money from a donor to a recipient: amount, currency, date, purpose, programme."""

    KIND: ClassVar[Kind] = Kind("funding", plural="fundings", order=("date", "id"))
    id: str = attrs.field(validator=_CANONICAL)
    donor: str = attrs.field(metadata=_refers(*_ORG_OR_COUNTRY))
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    recipient: str | None = attrs.field(default=None, metadata=_refers(*_ACTORS))
    amount: decimal.Decimal | None = None
    currency: str | None = attrs.field(
        default=None, validator=NoneOr(Matches(CURRENCY))
    )  #: ISO 4217
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    date: PartialDate | None = None
    purpose: str | None = None
    programme: str | None = attrs.field(default=None, metadata=_refers("programme"))
    beneficiaries: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, metadata=_refers("country")
    )  #: the countries a source says the money is for
    event: str | None = attrs.field(
        default=None, metadata=_refers("event")
    )  #: the event at which it was announced
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def name(self) -> str:
        """A label made from the donor, the amount and the recipient."""
        amount = "" if self.amount is None else f"{self.amount:,}"
        parts = [self.donor, self.currency if amount else None, amount or None]
        return " ".join(filter(None, parts)) + f" to {self.recipient or 'unknown'}"


@attrs.frozen
class Statistic:
    """A figure as a source states it: never imputed, with its qualifier and scope."""

    KIND: ClassVar[Kind] = Kind("statistic", plural="statistics", order=("reported", "id"))
    id: str = attrs.field(validator=_CANONICAL)
    indicator: Indicator = attrs.field(converter=Indicator)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    value: decimal.Decimal | None = None
    low: decimal.Decimal | None = None
    high: decimal.Decimal | None = None
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    unit: str = "persons"
    population: str | None = None
    """Who or what is counted, in the source's words ("government representatives")."""
    scope: Scope | None = attrs.field(default=None, converter=attrs.converters.optional(Scope))
    """The area the figure covers, only where the source states one."""
    area: str | None = attrs.field(
        default=None, metadata=_refers("country")
    )  #: the country ID, for country scope
    refers_from: PartialDate | None = None  #: start of the period the figure covers
    refers_until: PartialDate | None = None  #: end of that period
    reported: PartialDate | None = None  #: when it was stated
    reported_by: str | None = attrs.field(
        default=None, metadata=_refers(*_ACTORS)
    )  #: who stated it (a person or organization ID)
    event: str | None = attrs.field(
        default=None, metadata=_refers("event")
    )  #: the event it counts or was stated at
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def name(self) -> str:
        """A label made from the indicator, the qualifier and the value."""
        value = "" if self.value is None else f" {self.value:,}"
        return f"{self.indicator.value} {self.qualifier.value}{value}".replace("_", " ")


@attrs.frozen
class Source:
    """A text that records cite: an article, a press release, a web page or a dataset."""

    KIND: ClassVar[Kind] = Kind("source", plural="sources", names=("title",))
    id: str = attrs.field(validator=_CANONICAL)
    title: str = attrs.field(validator=_TEXT)
    kind: SourceKind = attrs.field(converter=SourceKind)
    publisher: str
    language: str = attrs.field(validator=Matches(LANGUAGE))
    url: str | None = None
    published: PartialDate | None = None
    distributor: str | None = None
    secondary: bool = False
    """A re-post, copy or summary of another publisher's text (a news site carrying an
    agency's release), not the text as its author published it."""
    original_publisher: str | None = None  #: who first published a secondary source's text
    sha256: str | None = None  #: of the UTF-8 text the offsets index, when it is cited by offset
    citations: tuple[Citation, ...] = attrs.field(
        default=(), converter=_as_tuple
    )  #: where the text states its own title, date…
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def name(self) -> str:
        """The source's title."""
        return self.title


@attrs.frozen
class Assessment:
    """A country's tier in one edition of the US Trafficking in Persons Report."""

    KIND: ClassVar[Kind] = Kind(
        "assessment", plural="assessments", order=("country", "report_year", "id")
    )
    id: str = attrs.field(validator=_CANONICAL)
    country: str = attrs.field(metadata=_refers("country"))
    report_year: int
    tier: Tier = attrs.field(converter=Tier)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_CITED)
    period_from: PartialDate | None = None
    period_until: PartialDate | None = None
    secondary: bool = False  #: rests only on a secondary news summary
    inferred: bool = False  #: inferred rather than stated by the source
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def name(self) -> str:
        """A label: the country ID, the report year and the tier."""
        return f"{self.country} {self.report_year}: {self.tier.value}"


Record = (
    Organization
    | Person
    | Country
    | Event
    | Programme
    | Instrument
    | Funding
    | Statistic
    | Source
    | Assessment
)

RECORD_TYPES: Final[tuple[type[Record], ...]] = (
    Organization,
    Person,
    Country,
    Event,
    Programme,
    Instrument,
    Funding,
    Statistic,
    Source,
    Assessment,
)

KINDS: Final[Mapping[str, type[Record]]] = MappingProxyType({t.KIND: t for t in RECORD_TYPES})
"""Every record kind by its ID prefix."""


def record_kind(record_id: str) -> str:
    """The kind of a canonical ID (``"event"`` for ``"event:..."``); ValueError if malformed."""
    match = ID_PATTERN.fullmatch(record_id) if isinstance(record_id, str) else None
    if match is None or match.group("kind") not in KINDS:
        raise ValueError(
            f"not a canonical ID: {shown(record_id)}; expected '<kind>:<slug>' with a kind in "
            f"{sorted(KINDS)} and a lowercase ASCII slug such as 'organization:iom'"
        )
    return match.group("kind")


def citations(record: object) -> tuple[Citation, ...]:
    """Every citation in a record, its parts included, in field order."""
    if type(record) is Citation:
        return (record,)
    found: list[Citation] = []
    _walk(record, found)
    return tuple(found)


def _walk(value: object, found: list[Citation]) -> None:
    # A module function, not a closure: a closure that calls itself is a reference cycle,
    # garbage for the cyclic collector at every call (once per record on every load).
    for name in _parts_of(type(value)):
        item = getattr(value, name)
        for part in item if type(item) is tuple else (item,):
            if type(part) is Citation:
                found.append(part)
            elif type(part) not in _LEAVES:
                _walk(part, found)


# Values with no citation inside, skipped by the walk above without a look at their class.
_LEAVES: Final = frozenset({str, int, bool, float, type(None), decimal.Decimal, PartialDate})
_PARTS: dict[type, tuple[str, ...]] = {}


def _parts_of(kind: type) -> tuple[str, ...]:
    """The field names of an attrs class (none for any other class), cached."""
    names = _PARTS.get(kind)
    if names is None:
        fields = attrs.fields(cast(Any, kind)) if attrs.has(kind) else ()
        names = _PARTS[kind] = tuple(field.name for field in fields)
    return names


def claims(record: object) -> tuple[tuple[str, Claim], ...]:
    """Every claim in a record with the path of the field it is about, in field order.

    A record's own claims have paths such as ``"tier"``; those of a state action on an
    instrument ``"actions[country:lb].date"``.
    """
    found: list[tuple[str, Claim]] = [(claim.field, claim) for claim in _claims_of(record)]
    if isinstance(record, Instrument):
        for action in record.actions:
            found += [(f"actions[{action.country}].{c.field}", c) for c in action.claims]
    return tuple(found)


def _claims_of(value: object) -> tuple[Claim, ...]:
    return cast(tuple[Claim, ...], getattr(value, "claims", ()))


def references(record: Record) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """Every ID a record refers to, except citations' sources: ``(path, ID, kinds allowed)``.

    The path names the field, through the parts that hold it (``"posts.organization"``).
    What each field may refer to is declared on it (see :func:`~mena_tip.records.refers`).
    """
    found: list[tuple[str, str, frozenset[str]]] = []
    _collect(record, "", found)
    return tuple(found)


def _collect(value: object, prefix: str, found: list[tuple[str, str, frozenset[str]]]) -> None:
    for name, kinds in _references_of(type(value)):
        item = getattr(value, name)
        for part in item if type(item) is tuple else (item,):
            if part is None:
                continue
            if kinds is None:
                _collect(part, f"{prefix}{name}.", found)
            else:
                found.append((prefix + name, part, kinds))


_REFERENCES: dict[type, tuple[tuple[str, frozenset[str] | None], ...]] = {}


def _references_of(kind: type) -> tuple[tuple[str, frozenset[str] | None], ...]:
    """The fields of a class that refer to records (with the kinds allowed), or that hold
    parts which do (with None); cached. Citations are left out: their sources are checked
    apart, as every citation must cite a source."""
    plan = _REFERENCES.get(kind)
    if plan is None:
        hints = typing.get_type_hints(kind) if attrs.has(kind) else {}
        plan = _REFERENCES[kind] = tuple(
            (field.name, refers(field))
            for field in (attrs.fields(kind) if attrs.has(kind) else ())
            if refers(field) is not None
            or any(
                part is not Citation and attrs.has(part) and _references_of(part)
                for part in _part_types(hints[field.name])
            )
        )
    return plan


def _part_types(hint: object) -> tuple[Any, ...]:
    """The classes a field's type may hold: ``X``, ``X | None`` and ``tuple[X, ...]`` hold X."""
    args = typing.get_args(hint)
    if not args:
        return (hint,)
    return tuple(part for arg in args for part in _part_types(arg))


def values_at(record: object, path: str) -> tuple[Any, ...]:
    """The values at a dotted path of fields (``"posts.organization"``), through parts and
    tuples; None values are left out."""
    values: list[Any] = [record]
    for name in path.split("."):
        found: list[Any] = []
        for value in values:
            item = getattr(value, name)
            found += item if type(item) is tuple else [item]
        values = [value for value in found if value is not None]
    return tuple(values)


def lookup_names(record: Record) -> tuple[str, ...]:
    """Every name a record can be looked up by besides its ID, in the order its kind
    declares them (``Kind.names``)."""
    found: list[str] = []
    for name in record.KIND.names:
        item = getattr(record, name)
        if type(item) is tuple:
            found += [other.text for other in item]
        elif item:
            found.append(item)
    return tuple(found)


def lookup_numbers(record: Record) -> tuple[str, ...]:
    """The official numbers a record can be looked up by (``Kind.numbers``), as written."""
    return tuple(number for name in record.KIND.numbers if (number := getattr(record, name)))


def identifier_keys(record: Record) -> tuple[str, ...]:
    """The keys a record can be looked up by through its identifiers in other datasets:
    ``"wikidata:Q472311"`` and the bare ``"Q472311"``; ``"iso3166-1-numeric:504"`` and
    ``"504"``. They are no names: the linker does not look for them in text."""
    found: dict[str, None] = {}
    for identifier in getattr(record, "identifiers", ()):
        found[identifier.key] = found[identifier.value] = None
    return tuple(found)


_UNDATED: Final = (2, 0, 0, 0, 0)


def sort_key(record: Record) -> tuple[object, ...]:
    """Where a record sorts among its kind (``Kind.order``): partial dates in their
    documented order, undated records last, then the other fields' values."""
    key: list[object] = []
    for name in record.KIND.order:
        value = getattr(record, name)
        if value is None:
            key.append(_UNDATED)
        elif type(value) is PartialDate:
            key.append(value.sort_key())
        else:
            key.append(value)
    return tuple(key)
