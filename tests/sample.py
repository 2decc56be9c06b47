"""A small hand-written dataset with every feature the queries and the CLI care about.

It does not depend on the bundled data, so tests of lookups, filters, bundles and the
command line keep their meaning whatever the editors add to the data.
"""

from __future__ import annotations

import decimal
import hashlib
from pathlib import Path

from mena_tip import _bundle
from mena_tip._bundle import RegisterEntry
from mena_tip._dataset import Dataset
from mena_tip.dates import PartialDate
from mena_tip.records import (
    Assessment,
    Citation,
    Claim,
    Concern,
    Country,
    Event,
    EventKind,
    EventLink,
    EventRelation,
    Funding,
    Grouping,
    Indicator,
    Instrument,
    InstrumentKind,
    Name,
    NameKind,
    Organization,
    OrganizationKind,
    Participation,
    Person,
    Pillar,
    Place,
    Post,
    Programme,
    ProgrammeKind,
    Qualifier,
    Record,
    Role,
    Scope,
    Source,
    SourceKind,
    StateAction,
    StateActionKind,
    Statistic,
    Tier,
)

DATA_VERSION = "2026.11"
TEXT = "The International Organization for Migration (IOM) held a workshop in Cairo."
"""The text of ``source:alpha``; its citations index it."""

LONG_TITLE = (
    "Regional Workshop on the Protection of Trafficking Victims and Children on Migration "
    "Routes in North Africa"
)

REDIRECTS = {
    "organization:iom-mena": "organization:iom",  # one step
    "organization:iom-old": "organization:iom-mena",  # a chain of two
}
WITHDRAWN = {"event:duplicate-launch": "the same event as event:jtip-launch-rabat"}


def _p(text: str) -> PartialDate:
    return PartialDate.parse(text)


def _alpha(excerpt: str) -> Citation:
    start = TEXT.index(excerpt)
    return Citation("source:alpha", excerpt, start, start + len(excerpt))


C = (_alpha("International Organization for Migration"),)
"""Citations by offset into :data:`TEXT`."""
W = (Citation("source:web", "a quoted web page"),)
"""Citations of a web page, without offsets."""


def records() -> list[Record]:
    """The records, in no particular order."""
    sources: list[Record] = [
        Source(
            "source:alpha",
            "IOM holds a workshop",
            SourceKind.PRESS_RELEASE,
            "IOM",
            "en",
            url="https://example.org/alpha",
            published=_p("2024-03-07?"),
            sha256=hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            citations=(_alpha("held a workshop"),),
        ),
        Source("source:web", "A web page", SourceKind.WEB_PAGE, "Example", "fr"),
    ]
    countries: list[Record] = [
        Country(
            "country:ma",
            "Morocco",
            "MA",
            "MAR",
            W,
            other_names=(
                Name("Kingdom of Morocco", NameKind.VARIANT, "en", W),
                Name("المغرب", NameKind.TRANSLATION, "ar"),
                Name("Maroc", NameKind.TRANSLATION, "fr"),
            ),
            groupings=(Grouping.MENA, Grouping.NORTH_AFRICA, Grouping.MAGHREB),
        ),
        Country(
            "country:eg",
            "Egypt",
            "EG",
            "EGY",
            W,
            other_names=(Name("Égypte", NameKind.TRANSLATION, "fr"),),
            groupings=(Grouping.MENA, Grouping.NORTH_AFRICA),
        ),
        Country("country:us", "United States of America", "US", "USA", W),
    ]
    organizations: list[Record] = [
        Organization(
            "organization:iom",
            "International Organization for Migration",
            OrganizationKind.INTERGOVERNMENTAL,
            C,
            acronym="IOM",
            other_names=(Name("OIM", NameKind.ACRONYM, "fr"),),
        ),
        Organization(
            "organization:iom-egypt",
            "IOM Egypt",
            OrganizationKind.COUNTRY_OFFICE,
            C,
            country="country:eg",
            parent="organization:iom",
        ),
        Organization(
            "organization:iom-cairo-unit",
            "IOM Cairo Protection Unit",
            OrganizationKind.COUNTRY_OFFICE,
            C,
            country="country:eg",
            parent="organization:iom-egypt",
        ),
        Organization(
            "organization:unodc",
            "United Nations Office on Drugs and Crime",
            OrganizationKind.UN_AGENCY,
            W,
            acronym="UNODC",
            founded=_p("1997"),
        ),
        Organization(
            "organization:nccpim-tip",
            "National Coordinating Committee for Combating and Preventing Illegal Migration "
            "and Trafficking in Persons",
            OrganizationKind.NATIONAL_COORDINATING_BODY,
            W,
            acronym="NCCPIM & TIP",
            country="country:eg",
            established_by="instrument:eg-law-64-2010",
            other_names=(Name("National Committee", NameKind.VARIANT, "en"),),
        ),
        Organization(
            "organization:cnclt",
            "National Committee for the Coordination of Measures to Combat and Prevent "
            "Human Trafficking",
            OrganizationKind.NATIONAL_COORDINATING_BODY,
            W,
            acronym="CNCLT",
            country="country:ma",
            other_names=(Name("National Committee", NameKind.VARIANT, "en"),),
        ),
        Organization(
            "organization:us-state-department",
            "US Department of State",
            OrganizationKind.MINISTRY,
            W,
            country="country:us",
        ),
        Organization(
            "organization:us-tip-office",
            "Office to Monitor and Combat Trafficking in Persons",
            OrganizationKind.GOVERNMENT_BODY,
            W,
            acronym="J/TIP",
            country="country:us",
            parent="organization:us-state-department",
            claims=(
                Claim("name", "Office to Monitor and Combat Trafficking in Persons", W, True),
                Claim("name", "TIP Office", W, reason="a short form"),
            ),
        ),
    ]
    persons: list[Record] = [
        Person(
            "person:sample-alpha",
            "Sample Alpha",
            C,
            other_names=(Name("Sample Alfa", NameKind.TRANSLITERATION, "en"),),
            posts=(
                Post("Protection Officer", C, "organization:iom-cairo-unit", (_p("2024-03"),)),
                Post("Consultant", C),
            ),
        ),
        Person(
            "person:sample-bravo",
            "Sample Bravo",
            W,
            posts=(
                Post(
                    "Director",
                    W,
                    "organization:us-tip-office",
                    (_p("2024-05-10"),),
                    start=_p("2023"),
                    head=True,
                ),
            ),
        ),
        Person("person:sample-charlie", "Sample Charlie", W),
    ]
    programmes: list[Record] = [
        Programme(
            "programme:rdpp",
            "Regional Development and Protection Programme",
            ProgrammeKind.PROGRAMME,
            C,
            acronym="RDPP",
            implementers=("organization:iom",),
            countries=("country:eg", "country:ma"),
        ),
        Programme(
            "programme:rdpp-phase-6",
            "RDPP Phase VI",
            ProgrammeKind.PHASE,
            C,
            parent="programme:rdpp",
            start=_p("2023"),
            implementers=("organization:iom-egypt",),
            countries=("country:eg",),
        ),
        Programme(
            "programme:jtip",
            "Protection and Reintegration of Victims of Human Trafficking",
            ProgrammeKind.JOINT_PROGRAMME,
            W,
            acronym="JTIP",
            implementers=("organization:iom", "organization:unodc", "organization:cnclt"),
            funders=("organization:us-tip-office",),
            countries=("country:ma",),
            concerns=(Concern.TRAFFICKING,),
            follows="programme:rdpp",
        ),
    ]
    instruments: list[Record] = [
        Instrument(
            "instrument:untoc",
            "United Nations Convention against Transnational Organized Crime",
            InstrumentKind.CONVENTION,
            W,
            acronym="UNTOC",
            adopted=_p("2000-11-15"),
        ),
        Instrument(
            "instrument:tip-protocol",
            "Protocol to Prevent, Suppress and Punish Trafficking in Persons",
            InstrumentKind.PROTOCOL,
            W,
            parent="instrument:untoc",
            actions=(
                StateAction("country:ma", StateActionKind.ACCEDED, W, _p("2011-04-25")),
                StateAction("country:eg", StateActionKind.RATIFIED, W, reservation="art. 15"),
            ),
            concerns=(Concern.TRAFFICKING,),
        ),
        Instrument(
            "instrument:eg-law-64-2010",
            "Law on Combating Human Trafficking",
            InstrumentKind.NATIONAL_LAW,
            W,
            number="Law No. 64 of 2010",
            jurisdiction="country:eg",
            adopted=_p("2010-05"),
        ),
    ]
    events: list[Record] = [
        Event(
            "event:cairo-workshop-2024",
            LONG_TITLE,
            EventKind.WORKSHOP,
            C,
            start=_p("2024-03-05"),
            end=_p("2024-03-06"),
            place=Place("country:eg", "Cairo"),
            programme="programme:rdpp-phase-6",
            participants=(
                Participation("organization:iom-cairo-unit", Role.ORGANIZER, C),
                Participation("country:eg", Role.PARTICIPANT, C),
                Participation(
                    "person:sample-alpha",
                    Role.SPOKE,
                    C,
                    as_written="Ms. Alpha",
                    on_behalf_of="organization:iom-egypt",
                ),
            ),
            pillars=(Pillar.PROTECTION,),
            concerns=(Concern.TRAFFICKING, Concern.SMUGGLING),
        ),
        Event(
            "event:jtip-launch-rabat",
            "Launch of the JTIP programme",
            EventKind.LAUNCH,
            W,
            start=_p("2024-05-10"),
            place=Place("country:ma", "Rabat", "Embassy of the United States"),
            programme="programme:jtip",
            participants=(
                Participation("organization:us-tip-office", Role.FUNDER, W),
                Participation("organization:iom", Role.PARTNER, W),
                Participation("organization:iom", Role.SPOKE, W),
                Participation("person:sample-bravo", Role.SPOKE, W, on_behalf_of="country:us"),
                Participation("organization:cnclt", Role.CO_ORGANIZER, W),
            ),
            pillars=(Pillar.PROTECTION, Pillar.PARTNERSHIP),
            concerns=(Concern.TRAFFICKING,),
            related=(EventLink(EventRelation.FOLLOWS, "event:cairo-workshop-2024", W),),
            other_names=(Name("JTIP launch", NameKind.VARIANT, "en"),),
        ),
        Event(
            "event:rabat-roundtable",
            "Roundtable on protection",
            EventKind.ROUNDTABLE,
            C,
            start=_p("2024"),
            place=Place(city="Rabat"),
            participants=(Participation("organization:unodc", Role.HOST, C),),
            pillars=(Pillar.PREVENTION,),
        ),
        Event(
            "event:yearless-meeting",
            "Meeting of the committee",
            EventKind.MEETING,
            W,
            start=_p("--05-16"),
            end=_p("--05-18"),
            participants=(Participation("organization:nccpim-tip", Role.CHAIRED, W),),
        ),
        Event(
            "event:undated-training",
            "Training of judges",
            EventKind.TRAINING,
            W,
            participants=(Participation("country:ma", Role.ATTENDED, W),),
        ),
        Event(
            "event:cnclt-establishment",
            "Setting up of the CNCLT",
            EventKind.ESTABLISHMENT,
            W,
            start=_p("2019?"),
            end=_p("2019"),
            place=Place("country:ma"),
        ),
    ]
    fundings: list[Record] = [
        Funding(
            "funding:us-grant-jtip",
            "organization:us-tip-office",
            W,
            recipient="organization:iom",
            amount=decimal.Decimal("2500000"),
            currency="USD",
            date=_p("2024-05-10?"),
            purpose="protection of victims",
            programme="programme:jtip",
            beneficiaries=("country:ma",),
            event="event:jtip-launch-rabat",
        ),
        Funding(
            "funding:rdpp-phase-6",
            "country:us",
            W,
            recipient="organization:iom-egypt",
            qualifier=Qualifier.ABOUT,
            date=_p("2023"),
            programme="programme:rdpp-phase-6",
        ),
        Funding("funding:undated", "organization:unodc", W, recipient="country:ma"),
    ]
    statistics: list[Record] = [
        Statistic(
            "statistic:ma-victims-2024",
            Indicator.IDENTIFIED_VICTIMS,
            W,
            value=decimal.Decimal("474"),
            qualifier=Qualifier.AT_LEAST,
            area="country:ma",
            reported=_p("2024-05-10?"),
            reported_by="person:sample-bravo",
            event="event:jtip-launch-rabat",
        ),
        Statistic(
            "statistic:cairo-participants",
            Indicator.PARTICIPANTS,
            C,
            value=decimal.Decimal("30"),
            scope=Scope.EVENT,
            reported=_p("2024-03-07"),
            reported_by="organization:iom",
            event="event:cairo-workshop-2024",
        ),
        Statistic(
            "statistic:iom-countries",
            Indicator.COUNTRIES_PRESENT,
            C,
            low=decimal.Decimal("100"),
            high=decimal.Decimal("175"),
            unit="countries",
            scope=Scope.GLOBAL,
            reported_by="organization:iom",
        ),
    ]
    assessments: list[Record] = [
        Assessment("assessment:ma-2025", "country:ma", 2025, Tier.TIER_2, W, inferred=True),
        Assessment("assessment:ma-2024", "country:ma", 2024, Tier.TIER_2, W),
        Assessment(
            "assessment:eg-2024",
            "country:eg",
            2024,
            Tier.TIER_2_WATCH_LIST,
            W,
            period_from=_p("2023-04-01"),
            period_until=_p("2024-03-31"),
            secondary=True,
        ),
    ]
    return [
        *assessments,
        *statistics,
        *fundings,
        *events,
        *instruments,
        *programmes,
        *persons,
        *organizations,
        *countries,
        *sources,
    ]


def register() -> list[RegisterEntry]:
    """Every ID as active, two redirects (one a chain), a withdrawal, and broken entries."""
    entries = [RegisterEntry(r.id, "2026.05") for r in records()]
    entries += [
        RegisterEntry(old, "2026.05", "redirect", new, "2026.11", "merged")
        for old, new in REDIRECTS.items()
    ]
    entries += [
        RegisterEntry(old, "2026.05", "withdrawn", release="2026.11", reason=reason)
        for old, reason in WITHDRAWN.items()
    ]
    entries += [
        # A withdrawal without its reason or release (the lookup still explains itself).
        RegisterEntry("event:bare-withdrawal", "2026.05", "withdrawn"),
        # A redirect that lost its target, and a loop of redirects: both unknown.
        RegisterEntry("organization:no-target", "2026.05", "redirect"),
        RegisterEntry("organization:loop-a", "2026.05", "redirect", "organization:loop-b"),
        RegisterEntry("organization:loop-b", "2026.05", "redirect", "organization:loop-a"),
        # An ID once active whose record is gone without a redirect.
        RegisterEntry("person:gone", "2026.05"),
    ]
    return entries


def dataset() -> Dataset:
    """The sample as a Dataset."""
    return Dataset(records(), register(), DATA_VERSION)


def write(root: Path) -> Path:
    """Write the sample as a bundle into ``root``; return ``root``."""
    _bundle.write(root, records(), register(), DATA_VERSION)
    return root
