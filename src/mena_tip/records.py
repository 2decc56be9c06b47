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
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Final, TypeVar, cast

import attrs

from .dates import PartialDate
from .errors import shown

__all__ = [
    "KINDS",
    "Absence",
    "Assessment",
    "Citation",
    "Claim",
    "Concern",
    "Country",
    "CriminalJusticeStage",
    "Event",
    "EventKind",
    "EventLink",
    "EventRelation",
    "Funding",
    "Grouping",
    "Indicator",
    "Instrument",
    "InstrumentKind",
    "Name",
    "NameKind",
    "Organization",
    "OrganizationKind",
    "Participation",
    "Person",
    "Pillar",
    "Place",
    "Post",
    "Programme",
    "ProgrammeKind",
    "Qualifier",
    "Record",
    "Role",
    "Scope",
    "Source",
    "SourceKind",
    "StateAction",
    "StateActionKind",
    "Statistic",
    "Tier",
    "Topic",
    "citations",
    "claims",
    "record_kind",
    "references",
]

ID_PATTERN: Final = re.compile(r"(?P<kind>[a-z]+):(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
"""Canonical IDs: a kind, a colon and a lowercase ASCII slug of words joined by hyphens."""

EXCERPT_LIMIT: Final = 200
"""The longest verbatim excerpt a citation may carry, in characters."""


class _Code(str, enum.Enum):
    """A code list value: compares equal to its code string and prints as it."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> None:
        # Enum's own message would quote a value of any length whole.
        raise ValueError(f"{shown(value)} is not a valid {cls.__qualname__}")


# -- code lists ------------------------------------------------------------------------


class NameKind(_Code):
    """What kind of other name a :class:`Name` is."""

    ACRONYM = "acronym"
    TRANSLATION = "translation"  #: the name in another language
    FORMER = "former"  #: a name the thing no longer uses
    VARIANT = "variant"  #: another wording or spelling in the same language
    TRANSLITERATION = "transliteration"  #: a spelling of a name from another script


class OrganizationKind(_Code):
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


class EventKind(_Code):
    """What kind of meeting or occasion an :class:`Event` is."""

    ROUNDTABLE = "roundtable"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    LAUNCH = "launch"  #: a programme, plan or grant launched or announced
    MEETING = "meeting"
    TRAINING = "training"
    OPENING = "opening"  #: a centre, office or service opened
    ESTABLISHMENT = "establishment"  #: a body set up


class Role(_Code):
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


ORGANIZING_ROLES: Final = frozenset({Role.ORGANIZER, Role.CO_ORGANIZER, Role.HOST})


class Pillar(_Code):
    """The counter-trafficking pillars (the "4 Ps")."""

    PROSECUTION = "prosecution"
    PROTECTION = "protection"
    PREVENTION = "prevention"
    PARTNERSHIP = "partnership"


class Concern(_Code):
    """The crime a record concerns."""

    TRAFFICKING = "trafficking"  #: trafficking in persons
    SMUGGLING = "smuggling"  #: smuggling of migrants


class EventRelation(_Code):
    """How an event relates to another (read: *this event* RELATION *target*)."""

    PART_OF = "part_of"  #: this event is part of the target (a series, a larger meeting)
    FOLLOWS = "follows"  #: this event continues or comes after the target
    SAME_AS = "same_as"  #: reported elsewhere as a separate record (kept for traceability)


class ProgrammeKind(_Code):
    """What a :class:`Programme` is."""

    PROGRAMME = "programme"
    JOINT_PROGRAMME = "joint_programme"
    PROJECT = "project"
    PHASE = "phase"
    INTERVENTION = "intervention"  #: a component of a programme with its own name
    NATIONAL_PLAN = "national_plan"
    STRATEGY = "strategy"
    MECHANISM = "mechanism"  #: a standing arrangement (a national referral mechanism)


class InstrumentKind(_Code):
    """What a legal or policy :class:`Instrument` is."""

    CONVENTION = "convention"
    PROTOCOL = "protocol"
    GLOBAL_COMPACT = "global_compact"
    AGENDA = "agenda"  #: a declaration of goals (the 2030 Agenda)
    NATIONAL_LAW = "national_law"
    DECREE = "decree"


class StateActionKind(_Code):
    """What a state did toward an instrument."""

    SIGNED = "signed"
    RATIFIED = "ratified"
    ACCEDED = "acceded"
    ADOPTED = "adopted"
    ENACTED = "enacted"
    COMMITTED = "committed"  #: stated its commitment to it
    PARTY = "party"  #: is a party; the source does not say how (ratified, acceded) or when


class CriminalJusticeStage(_Code):
    """The stages of the criminal-justice response counted by UNODC's Global Report."""

    DETECTED_VICTIMS = "detected_victims"
    SUSPECTED = "suspected"  #: persons brought into formal contact with the police
    PROSECUTED = "prosecuted"
    CONVICTED = "convicted"


class Indicator(_Code):
    """What a :class:`Statistic` counts or measures."""

    IDENTIFIED_VICTIMS = "identified_victims"
    PERSONS_ARRESTED = "persons_arrested"
    PERSONS_PROSECUTED = "persons_prosecuted"
    PERSONS_CONVICTED = "persons_convicted"
    SHARE_CHILD_VICTIMS = "share_child_victims"  #: share of identified victims who are children
    PARTICIPANTS = "participants"  #: people taking part in an event
    COUNTRIES_PRESENT = "countries_present"  #: countries in which an organization is present

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


class Qualifier(_Code):
    """How a figure is stated: exactly, or as a bound or an approximation."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"


class Scope(_Code):
    """The area a statistic covers."""

    COUNTRY = "country"
    REGION = "region"
    GLOBAL = "global"
    EVENT = "event"  #: a count about one event (its participants)


class Grouping(_Code):
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


class SourceKind(_Code):
    """What a :class:`Source` is."""

    NEWS_ARTICLE = "news_article"
    PRESS_RELEASE = "press_release"
    WEB_PAGE = "web_page"
    DATASET = "dataset"


class Topic(_Code):
    """The parts of a country's counter-trafficking landscape the reference layer covers.

    :func:`mena_tip.coverage` tells, per country and topic, whether the data knows it.
    """

    TRAFFICKING_LAW = "trafficking_law"  #: a national law against trafficking in persons
    SMUGGLING_LAW = "smuggling_law"  #: a national law against the smuggling of migrants
    COORDINATING_BODY = "coordinating_body"  #: the national body coordinating the response
    NATIONAL_PLAN = "national_plan"  #: a national plan or strategy against trafficking
    TRAFFICKING_PROTOCOL = "trafficking_protocol"  #: being party to the UN TIP Protocol
    UNTOC = "untoc"  #: being party to the UN Convention against Transnational Organized Crime
    TIP_REPORT = "tip_report"  #: a tier in the US Trafficking in Persons Report


class Tier(_Code):
    """Tiers of the US Department of State's Trafficking in Persons Report."""

    TIER_1 = "tier_1"
    TIER_2 = "tier_2"
    TIER_2_WATCH_LIST = "tier_2_watch_list"
    TIER_3 = "tier_3"
    SPECIAL_CASE = "special_case"


# -- validators ----------------------------------------------------------------------------
# They run whenever a record is made, so no record, bundled or built by a caller, can hold
# a malformed ID, code or an uncited fact.

_LANGUAGE: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # BCP 47, simplified
_CURRENCY: Final = re.compile(r"[A-Z]{3}")
_ALPHA2: Final = re.compile(r"[A-Z]{2}")
_ALPHA3: Final = re.compile(r"[A-Z]{3}")


def _matches(pattern: re.Pattern[str]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or pattern.fullmatch(value) is None:
            raise ValueError(f"{attribute.name}={shown(value)} does not match {pattern.pattern}")

    return check


def _optional(check: Any) -> Any:
    def run(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None:
            check(instance, attribute, value)

    return run


_optional_language = _optional(_matches(_LANGUAGE))
_optional_currency = _optional(_matches(_CURRENCY))


def _as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    # Lists and other iterables become tuples, so a record never holds a mutable collection.
    if isinstance(values, (str, bytes, dict)):
        raise TypeError(f"expected a list or tuple, not {type(values).__name__}: {shown(values)}")
    return tuple(values)


def _codes(codes: type[C], values: Iterable[object]) -> tuple[C, ...]:
    return tuple(codes(value) for value in _as_tuple(values))


def _cited(
    instance: object, attribute: attrs.Attribute[tuple[Citation, ...]], value: tuple[Citation, ...]
) -> None:
    if not value:
        raise ValueError(f"{type(instance).__name__} needs at least one citation")


def _canonical(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    kind = getattr(type(instance), "KIND", None)
    match = ID_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None or match.group("kind") != kind:
        raise ValueError(
            f"id={shown(value)} is not a canonical {kind} ID: expected '{kind}:' and a slug of "
            "lowercase ASCII letters and digits in words joined by single hyphens"
        )


C = TypeVar("C", bound=_Code)


def _pillars(values: Iterable[object]) -> tuple[Pillar, ...]:
    return _codes(Pillar, values)


def _concerns(values: Iterable[object]) -> tuple[Concern, ...]:
    return _codes(Concern, values)


def _groupings(values: Iterable[object]) -> tuple[Grouping, ...]:
    return _codes(Grouping, values)


# -- parts of records --------------------------------------------------------------------


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """A name, title or other text a record must have: a string that is not blank."""
    if not isinstance(value, str):
        raise TypeError(
            f"{attribute.name} must be a str, not {type(value).__name__}: {shown(value)}"
        )
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be blank: {shown(value)}")


def _excerpt_fits(instance: Citation, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"an excerpt must be a str, not {type(value).__name__}: {shown(value)}")
    if not value.strip():
        raise ValueError(f"a citation needs a non-empty excerpt, not {shown(value)}")
    if len(value) > EXCERPT_LIMIT:
        raise ValueError(
            f"an excerpt has at most {EXCERPT_LIMIT} characters, not {len(value)}: {shown(value)}"
        )


def _offsets_fit(
    instance: Citation, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if (instance.start is None) != (value is None):
        raise ValueError("a citation has both start and end offsets or neither")
    if value is not None and instance.start is not None:
        if not 0 <= instance.start < value:
            raise ValueError(
                f"offsets must satisfy 0 <= start < end, not {instance.start}, {value}"
            )
        if value - instance.start != len(instance.excerpt):
            raise ValueError("the offsets must span exactly the excerpt")


@attrs.frozen
class Citation:
    """Where a source states a fact: the source's ID, the excerpt, and its offsets.

    ``start`` and ``end`` are Python ``str`` indices into the source's text (decoded from
    UTF-8), so ``text[start:end] == excerpt``. Sources whose text is not bundled with the
    citation's checks (web pages quoted by URL) carry the excerpt without offsets.
    """

    source: str
    excerpt: str = attrs.field(validator=_excerpt_fits)
    start: int | None = None
    end: int | None = attrs.field(default=None, validator=_offsets_fit)


@attrs.frozen
class Name:
    """Another name of a record: its text, language (BCP 47, such as ``fr``) and kind."""

    text: str = attrs.field(validator=_text)
    kind: NameKind = attrs.field(converter=NameKind)
    language: str | None = attrs.field(default=None, validator=_optional_language)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Claim:
    """One source's statement of a field, kept when sources disagree.

    For each field that has claims, exactly one claim is ``preferred`` and the field holds
    its value; ``reason`` says why it was preferred (or why another was not).
    """

    field: str
    value: str
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    preferred: bool = False
    reason: str | None = None


@attrs.frozen
class Place:
    """Where an event took place: a country ID, and the city and venue as the source names them."""

    country: str | None = None
    city: str | None = None
    venue: str | None = None


@attrs.frozen
class Post:
    """A title a person held at an organization, on the dates sources attest it.

    ``attested`` lists the dates on which a source shows the person in this post; they
    are not a term of office.
    """

    title: str = attrs.field(validator=_text)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    organization: str | None = None
    attested: tuple[PartialDate, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Participation:
    """A country's, organization's or person's part in an event, with its role.

    ``as_written`` is the name exactly as the source wrote it; ``on_behalf_of`` the
    organization or country a person represented there.
    """

    participant: str
    role: Role = attrs.field(converter=Role)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    as_written: str | None = None
    on_behalf_of: str | None = None


@attrs.frozen
class EventLink:
    """A link from an event to a related one (see :class:`EventRelation`)."""

    relation: EventRelation = attrs.field(converter=EventRelation)
    target: str
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)


@attrs.frozen
class StateAction:
    """What a state did toward an instrument, when, and any reservation stated.

    Where sources disagree about the date or the kind of action, ``claims`` holds each
    version, as on a record (see :class:`Claim`).
    """

    country: str
    action: StateActionKind = attrs.field(converter=StateActionKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
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
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    inferred: bool = False


# -- records -----------------------------------------------------------------------------


@attrs.frozen
class Organization:
    """An organization or one of its units: an agency, office, ministry, committee…"""

    KIND: ClassVar[str] = "organization"
    id: str = attrs.field(validator=_canonical)
    name: str = attrs.field(validator=_text)
    kind: OrganizationKind = attrs.field(converter=OrganizationKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    acronym: str | None = None
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    country: str | None = None  #: where it is based (a country ID)
    parent: str | None = None  #: the organization it is part of
    founded: PartialDate | None = None
    established_by: str | None = None  #: the instrument (law, decree) that set it up
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Person:
    """A public official in their public roles, with the posts sources attest."""

    KIND: ClassVar[str] = "person"
    id: str = attrs.field(validator=_canonical)
    name: str = attrs.field(validator=_text)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    posts: tuple[Post, ...] = attrs.field(default=(), converter=_as_tuple)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def acronym(self) -> None:
        """People have no acronym (present so every record kind answers the same fields)."""
        return None


@attrs.frozen
class Country:
    """A country or territory, keyed by its ISO 3166-1 alpha-2 code (``country:ma``)."""

    KIND: ClassVar[str] = "country"
    id: str = attrs.field(validator=_canonical)
    name: str = attrs.field(validator=_text)
    alpha2: str = attrs.field(validator=_matches(_ALPHA2))
    alpha3: str = attrs.field(validator=_matches(_ALPHA3))
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
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

    KIND: ClassVar[str] = "event"
    id: str = attrs.field(validator=_canonical)
    title: str = attrs.field(validator=_text)
    kind: EventKind = attrs.field(converter=EventKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: Place | None = None
    programme: str | None = None
    participants: tuple[Participation, ...] = attrs.field(default=(), converter=_as_tuple)
    pillars: tuple[Pillar, ...] = attrs.field(default=(), converter=_pillars)
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_concerns)
    related: tuple[EventLink, ...] = attrs.field(default=(), converter=_as_tuple)
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

    KIND: ClassVar[str] = "programme"
    id: str = attrs.field(validator=_canonical)
    name: str = attrs.field(validator=_text)
    kind: ProgrammeKind = attrs.field(converter=ProgrammeKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    acronym: str | None = None
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    start: PartialDate | None = None
    end: PartialDate | None = None
    parent: str | None = None
    follows: str | None = None  #: the programme or plan this one succeeds
    adopted: PartialDate | None = None  #: when it was adopted or approved
    launched: PartialDate | None = None  #: when it was launched or announced
    draft: bool = False  #: a draft its government has not formally adopted
    implementers: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)
    funders: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)
    countries: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_concerns)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Instrument:
    """A convention, protocol, compact, agenda, law or decree, and states' actions on it."""

    KIND: ClassVar[str] = "instrument"
    id: str = attrs.field(validator=_canonical)
    name: str = attrs.field(validator=_text)
    kind: InstrumentKind = attrs.field(converter=InstrumentKind)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    acronym: str | None = None
    other_names: tuple[Name, ...] = attrs.field(default=(), converter=_as_tuple)
    number: str | None = None  #: the official number ("Law No. 64 of 2010")
    jurisdiction: str | None = None  #: the country ID of a national instrument
    adopted: PartialDate | None = None  #: passed, adopted or enacted
    promulgated: PartialDate | None = None  #: promulgated or signed into law
    published: PartialDate | None = None  #: published in the official gazette
    amended: tuple[PartialDate, ...] = attrs.field(default=(), converter=_as_tuple)
    parent: str | None = None  #: the instrument this one supplements
    actions: tuple[StateAction, ...] = attrs.field(default=(), converter=_as_tuple)
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_concerns)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen
class Funding:
    """Money from a donor to a recipient: amount, currency, date, purpose, programme."""

    KIND: ClassVar[str] = "funding"
    id: str = attrs.field(validator=_canonical)
    donor: str
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    recipient: str | None = None
    amount: decimal.Decimal | None = None
    currency: str | None = attrs.field(default=None, validator=_optional_currency)  #: ISO 4217
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    date: PartialDate | None = None
    purpose: str | None = None
    programme: str | None = None
    event: str | None = None  #: the event at which it was announced
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

    KIND: ClassVar[str] = "statistic"
    id: str = attrs.field(validator=_canonical)
    indicator: Indicator = attrs.field(converter=Indicator)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
    value: decimal.Decimal | None = None
    low: decimal.Decimal | None = None
    high: decimal.Decimal | None = None
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    unit: str = "persons"
    scope: Scope = attrs.field(default=Scope.COUNTRY, converter=Scope)
    area: str | None = None  #: the country ID, for country scope
    refers_from: PartialDate | None = None  #: start of the period the figure covers
    refers_until: PartialDate | None = None  #: end of that period
    reported: PartialDate | None = None  #: when it was stated
    reported_by: str | None = None  #: who stated it (a person or organization ID)
    event: str | None = None  #: the event it counts or was stated at
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def name(self) -> str:
        """A label made from the indicator, the qualifier and the value."""
        value = "" if self.value is None else f" {self.value:,}"
        return f"{self.indicator.value} {self.qualifier.value}{value}".replace("_", " ")


@attrs.frozen
class Source:
    """A text that records cite: an article, a press release, a web page or a dataset."""

    KIND: ClassVar[str] = "source"
    id: str = attrs.field(validator=_canonical)
    title: str = attrs.field(validator=_text)
    kind: SourceKind = attrs.field(converter=SourceKind)
    publisher: str
    language: str = attrs.field(validator=_matches(_LANGUAGE))
    url: str | None = None
    published: PartialDate | None = None
    distributor: str | None = None
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

    KIND: ClassVar[str] = "assessment"
    id: str = attrs.field(validator=_canonical)
    country: str
    report_year: int
    tier: Tier = attrs.field(converter=Tier)
    citations: tuple[Citation, ...] = attrs.field(converter=_as_tuple, validator=_cited)
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


# Which kinds each reference may point to; checked when a dataset is built.
_ANY_ACTOR: Final = frozenset({"organization", "person", "country"})
_ORG_OR_COUNTRY: Final = frozenset({"organization", "country"})


def references(record: Record) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """Every ID a record refers to, except citations' sources: ``(field, ID, kinds allowed)``."""
    refs: list[tuple[str, str | None, frozenset[str]]] = []
    org, country = frozenset({"organization"}), frozenset({"country"})
    if isinstance(record, Organization):
        refs += [("country", record.country, country), ("parent", record.parent, org)]
        refs.append(("established_by", record.established_by, frozenset({"instrument"})))
    elif isinstance(record, Person):
        refs += [("posts.organization", post.organization, org) for post in record.posts]
    elif isinstance(record, Event):
        refs.append(("place.country", record.place.country if record.place else None, country))
        refs.append(("programme", record.programme, frozenset({"programme"})))
        for p in record.participants:
            refs.append(("participants.participant", p.participant, _ANY_ACTOR))
            refs.append(("participants.on_behalf_of", p.on_behalf_of, _ORG_OR_COUNTRY))
        refs += [("related.target", link.target, frozenset({"event"})) for link in record.related]
    elif isinstance(record, Programme):
        programme = frozenset({"programme"})
        refs += [("parent", record.parent, programme), ("follows", record.follows, programme)]
        refs += [("implementers", i, _ORG_OR_COUNTRY) for i in record.implementers]
        refs += [("funders", f, _ORG_OR_COUNTRY) for f in record.funders]
        refs += [("countries", c, country) for c in record.countries]
    elif isinstance(record, Instrument):
        refs += [("jurisdiction", record.jurisdiction, country)]
        refs += [("parent", record.parent, frozenset({"instrument"}))]
        refs += [("actions.country", a.country, country) for a in record.actions]
    elif isinstance(record, Funding):
        refs += [
            ("donor", record.donor, _ORG_OR_COUNTRY),
            ("recipient", record.recipient, _ANY_ACTOR),
        ]
        refs.append(("programme", record.programme, frozenset({"programme"})))
        refs.append(("event", record.event, frozenset({"event"})))
    elif isinstance(record, Statistic):
        refs += [("area", record.area, country), ("reported_by", record.reported_by, _ANY_ACTOR)]
        refs.append(("event", record.event, frozenset({"event"})))
    elif isinstance(record, Assessment):
        refs.append(("country", record.country, country))
    return tuple((field, target, kinds) for field, target, kinds in refs if target is not None)
