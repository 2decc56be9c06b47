"""The facts of each of the five source texts: a regression in any of them shows here.

For each source, the records that cite it; then the hard cases of the data release, each
checked against what the text says (dates without a year, name variants, contested
claims, figures with their qualifiers, participant lists).
"""

from __future__ import annotations

import decimal

import pytest

import mena_tip
from mena_tip._dataset import Dataset
from mena_tip.records import EventStatus, Qualifier, Role, Scope, citations

# Every record that a source text must yield (that is, that cites it).
YIELDS: dict[str, tuple[str, ...]] = {
    "source:apo-un-egypt-2023-07-11": (
        "country:ci",
        "country:dz",
        "country:eg",
        "country:es",
        "country:fr",
        "country:gr",
        "country:iq",
        "country:it",
        "country:ly",
        "country:ma",
        "country:ml",
        "country:mt",
        "country:ne",
        "country:ng",
        "country:nl",
        "country:ss",
        "country:td",
        "country:tn",
        "country:us",
        "event:inter-regional-conference-sharm-el-sheikh-2023",
        "funding:eu-unodc-dismantling-networks-north-africa",
        "instrument:smuggling-of-migrants-protocol",
        "instrument:trafficking-in-persons-protocol",
        "instrument:untoc",
        "organization:apo-group",
        "organization:egypt-government",
        "organization:eu",
        "organization:nccpim-tip",
        "organization:un-egypt",
        "organization:unodc",
        "organization:unodc-romena",
        "person:cristina-albertin",
        "person:naela-gabr",
        "programme:unodc-dismantling-networks-north-africa",
    ),
    "source:iom-egypt-rabat-roundtable": (
        "country:eg",
        "country:ma",
        "country:tn",
        "event:rdpp-roundtable-prosecution-egypt",
        "event:rdpp-roundtable-protection-prevention-rabat",
        "funding:eu-rdpp",
        "organization:cnclt",
        "organization:eu",
        "organization:eu-delegation-morocco",
        "organization:iom",
        "organization:iom-egypt",
        "organization:iom-morocco",
        "organization:iom-tunisia",
        "organization:nccpim-tip",
        "organization:tunisia-national-counter-trafficking-committee",
        "person:carlos-oliver-cruz",
        "person:hicham-mellati",
        "person:isabelle-wahedova",
        "person:laura-palatini",
        "person:naela-gabr",
        "person:raoudha-laabidi",
        "programme:rdpp",
        "statistic:rdpp-roundtable-prosecution-egypt-participants",
    ),
    "source:iom-mena-cairo-workshop-2024": (
        "country:dz",
        "country:eg",
        "country:it",
        "country:ly",
        "country:ma",
        "country:mr",
        "country:ne",
        "country:tn",
        "event:nccpim-tip-establishment-2017",
        "event:rdpp-phase-6-regional-workshop-cairo-2024",
        "funding:eu-dg-home-rdpp-phase-6-north-africa-protection",
        "funding:italy-rdpp-phase-6-north-africa-protection",
        "instrument:2030-agenda",
        "instrument:gcm",
        "instrument:sustainable-development-goals",
        "organization:african-union",
        "organization:egypt-ministry-of-foreign-affairs",
        "organization:eu",
        "organization:eu-dg-home",
        "organization:euaa",
        "organization:iom",
        "organization:italy-department-for-civil-liberties-and-immigration",
        "organization:italy-embassy-egypt",
        "organization:italy-ministry-of-interior",
        "organization:nccpim-tip",
        "organization:unhcr",
        "organization:unicef",
        "organization:unodc",
        "person:christian-berger",
        "person:omar-elian",
        "person:othman-belbeisi",
        "person:wael-badawi",
        "programme:rdpp",
        "programme:rdpp-phase-6",
        "programme:rdpp-phase-6-north-africa-protection",
        "statistic:global-share-child-victims-2024-03-05",
        "statistic:iom-countries-present",
        "statistic:rdpp-phase-6-regional-workshop-cairo-2024-participants",
    ),
    "source:lamarocaine-2024-05-11": (
        "country:ma",
        "country:us",
        "event:cnclt-establishment-2019",
        "event:first-victim-assistance-centre-opening-2024",
        "event:morocco-national-strategy-2023-2030-launch",
        "event:jtip-launch-rabat-2024",
        "funding:us-grant-iom-jtip-2024",
        "instrument:trafficking-in-persons-protocol",
        "instrument:untoc",
        "organization:cnclt",
        "organization:iom",
        "organization:un-morocco",
        "person:nathalie-fustier",
        "person:puneet-talwar",
        "programme:jtip",
        "programme:morocco-national-plan-2023-2030",
        "programme:morocco-national-referral-mechanism",
        "statistic:ma-identified-victims-2024-05-10",
        "statistic:ma-persons-arrested-2024-05-10",
    ),
    "source:najibpresseng-2024-05-11": (
        "country:ma",
        "country:us",
        "event:jtip-launch-rabat-2024",
        "funding:us-grant-iom-jtip-2024",
        "organization:cnclt",
        "organization:ilo",
        "organization:iom",
        "organization:najibpresseng",
        "organization:un-morocco",
        "organization:unodc",
        "organization:us-department-of-state",
        "organization:us-embassy-morocco",
        "organization:us-tip-office",
        "person:hicham-mellati",
        "person:nathalie-fustier",
        "person:puneet-talwar",
        "programme:jtip",
        "programme:morocco-national-plan-2023-2030",
        "programme:morocco-national-referral-mechanism",
        "programme:morocco-strategic-plan-2023-2026",
    ),
}


def citing(dataset: Dataset, source: str) -> set[str]:
    return {
        r.id for r in dataset if r.id != source and any(c.source == source for c in citations(r))
    }


@pytest.mark.parametrize("source", sorted(YIELDS))
def test_each_source_yields_its_records(bundled: Dataset, source: str) -> None:
    """Every record a source states is there, and no other record claims to come from it."""
    assert citing(bundled, source) == set(YIELDS[source])


def test_a_day_without_a_year_stays_without_a_year(bundled: Dataset) -> None:
    # 000 gives "16-18 May" and "12-14 March" and no year anywhere, nor a publication date.
    second = bundled.event("event:rdpp-roundtable-protection-prevention-rabat")
    first = bundled.event("event:rdpp-roundtable-prosecution-egypt")
    assert (str(second.start), str(second.end)) == ("--05-16", "--05-18")
    assert (str(first.start), str(first.end)) == ("--03-12", "--03-14")
    assert second.start is not None
    assert second.start.year is None
    assert second.start.earliest is None
    assert bundled.source("source:iom-egypt-rabat-roundtable").published is None
    assert second not in bundled.events(since="1900", until="2100")
    assert [link.target for link in second.related] == [first.id]
    assert second.related[0].relation == "follows"


def test_inferred_dates_are_marked(bundled: Dataset) -> None:
    # 003 says "on Friday"; 002 says "Yesterday, Friday, May 10, 2024" but is dated by it.
    grant = bundled.fundings(event="event:jtip-launch-rabat-2024")[0]
    assert str(grant.date) == "2024-05-10?"
    launch = bundled.event("event:jtip-launch-rabat-2024")
    assert str(launch.start) == "2024-05-10"
    assert str(bundled.source("source:najibpresseng-2024-05-11").published) == "2024-05-11?"
    assert str(bundled.source("source:lamarocaine-2024-05-11").published) == "2024-05-11"


@pytest.mark.parametrize(
    ("name", "record_id"),
    [
        ("OIM", "organization:iom"),
        ("OIT", "organization:ilo"),
        ("NCCPIM&TiP", "organization:nccpim-tip"),
        ("NCCPIM & TIP", "organization:nccpim-tip"),
        ("CNCLT", "organization:cnclt"),
        ("National Anti-Trafficking Commission in Morocco", "organization:cnclt"),
        (
            "National Committee for Coordinating Measures to Combat and Prevent Human Trafficking",
            "organization:cnclt",
        ),
        ("UNODC ROMENA", "organization:unodc-romena"),
        ("Hicham Mallati", "person:hicham-mellati"),
        ("Hisham Malaty", "person:hicham-mellati"),
        ("Hisham Malati", "person:hicham-mellati"),
        ("Nathalie Fausté", "person:nathalie-fustier"),
        ("nathalie fauste", "person:nathalie-fustier"),
        ("Naela Gabr", "person:naela-gabr"),
        ("Ivory Coast", "country:ci"),
        ("The Netherlands", "country:nl"),
        ("Regional Protection and Development Programme", "programme:rdpp"),
        ("Regional Development and Protection Program", "programme:rdpp"),
        ("RDPP", "programme:rdpp"),
        ("JTIP", "programme:jtip"),
        ("SDGs", "instrument:sustainable-development-goals"),
        ("Sustainable Development Goals", "instrument:sustainable-development-goals"),
        ("2030 Agenda", "instrument:2030-agenda"),
        ("GCM", "instrument:gcm"),
        ("Trafficking in Persons Protocol", "instrument:trafficking-in-persons-protocol"),
        ("Smuggling of Migrants Protocol", "instrument:smuggling-of-migrants-protocol"),
        ("UNTOC", "instrument:untoc"),
        ("Maroc", "country:ma"),
        ("المغرب", "country:ma"),
        ("egypte", "country:eg"),
        ("مصر", "country:eg"),
        ("Pays-Bas", "country:nl"),
    ],
)
def test_every_variant_the_texts_use_resolves(name: str, record_id: str) -> None:
    assert mena_tip.resolve(name).id == record_id


def test_disagreeing_spellings_are_kept_with_the_preferred_one_marked(bundled: Dataset) -> None:
    fustier = bundled.person("person:nathalie-fustier")
    claims = {claim.value: claim for claim in fustier.claims if claim.field == "name"}
    assert set(claims) == {"Nathalie Fustier", "Nathalie Fausté"}
    assert claims["Nathalie Fustier"].preferred
    assert not claims["Nathalie Fausté"].preferred
    assert claims["Nathalie Fausté"].citations[0].source == "source:najibpresseng-2024-05-11"
    rdpp = bundled.programme("programme:rdpp")
    preferred = [c.value for c in rdpp.claims if c.field == "name" and c.preferred]
    assert preferred == [rdpp.name] == ["Regional Development and Protection Program"]


@pytest.mark.parametrize(
    ("record_id", "qualifier", "value", "scope"),
    [
        ("statistic:ma-identified-victims-2024-05-10", Qualifier.AT_LEAST, "474", Scope.COUNTRY),
        ("statistic:ma-persons-arrested-2024-05-10", Qualifier.MORE_THAN, "720", Scope.COUNTRY),
        ("statistic:global-share-child-victims-2024-03-05", Qualifier.ABOUT, "15", None),
        (
            "statistic:rdpp-phase-6-regional-workshop-cairo-2024-participants",
            Qualifier.EXACT,
            "30",
            Scope.EVENT,
        ),
        (
            "statistic:rdpp-roundtable-prosecution-egypt-participants",
            Qualifier.EXACT,
            "50",
            Scope.EVENT,
        ),
        ("statistic:iom-countries-present", Qualifier.MORE_THAN, "100", None),
    ],
)
def test_figures_keep_their_qualifiers(
    bundled: Dataset, record_id: str, qualifier: Qualifier, value: str, scope: Scope | None
) -> None:
    figure = bundled.get(record_id)
    assert isinstance(figure, mena_tip.records.Statistic)
    assert (figure.qualifier, figure.value, figure.scope) == (
        qualifier,
        decimal.Decimal(value),
        scope,
    )
    assert figure.low is None
    assert figure.high is None


def test_the_us_grant(bundled: Dataset) -> None:
    (grant,) = bundled.fundings(donor="US State Department")
    assert (grant.amount, grant.currency, grant.recipient) == (
        decimal.Decimal("2500000"),
        "USD",
        "organization:iom",
    )
    assert grant.programme == "programme:jtip"


def test_the_sharm_el_sheikh_participants(bundled: Dataset) -> None:
    conference = bundled.event("event:inter-regional-conference-sharm-el-sheikh-2023")
    assert (str(conference.start), str(conference.end)) == ("2023-07-10", "2023-07-13")
    assert conference.place is not None
    assert (conference.place.city, conference.place.country) == ("Sharm El Sheikh", "country:eg")
    countries = {c.alpha2 for c in bundled.countries(event=conference)}
    expected = "DZ TD EG IQ CI LY ML MA NE NG SS TN FR GR IT MT ES NL"
    assert countries == set(expected.split())
    assert set(conference.concerns) == {"trafficking", "smuggling"}
    assert set(conference.with_role(Role.HOST)) == {
        "organization:unodc-romena",
        "organization:egypt-government",
    }
    assert conference.funders == ("organization:eu",)


def test_the_sharm_el_sheikh_conference_was_announced_with_two_groups_and_held(
    bundled: Dataset,
) -> None:
    # 004 ("will bring together … including …", "experts from various European Union
    # countries, such as …") names who was to take part, by example, in two groups; the
    # League of Arab States reported afterwards that it was held ("عُقد").
    conference = bundled.event("event:inter-regional-conference-sharm-el-sheikh-2023")
    assert conference.status == EventStatus.HELD
    held, announced = [c for c in conference.claims if c.field == "status"]
    assert (held.value, held.preferred, announced.value) == ("held", True, "announced")
    assert held.citations[0].excerpt.startswith("عُقد")
    assert "will bring together" in announced.citations[0].excerpt
    assert not conference.outcomes  # "will be key outcomes" is an expectation
    groups: dict[str | None, set[str]] = {}
    for part in conference.participants:
        if part.participant.startswith("country:"):
            assert part.example
            groups.setdefault(part.group, set()).add(part.participant[8:].upper())
    assert groups == {
        "representatives from participating countries": {
            "DZ",
            "TD",
            "EG",
            "IQ",
            "CI",
            "LY",
            "ML",
            "MA",
            "NE",
            "NG",
            "SS",
            "TN",
        },
        "experts from various European Union countries": {"FR", "GR", "IT", "MT", "ES", "NL"},
    }
    assert all(
        part.group is None and not part.example
        for part in conference.participants
        if not part.participant.startswith("country:")
    )
    assert all(
        part.participant.startswith("country:") for part in conference.participants if part.group
    )


def test_events_say_whether_they_were_held(bundled: Dataset) -> None:
    # Every event of the five articles took place; 004's conference, which it announced,
    # was reported held by another source.
    status = {
        event.id: event.status
        for event in bundled.events()
        if any(c.source in YIELDS for c in event.citations)
    }
    assert len(status) == 9
    assert set(status.values()) == {EventStatus.HELD}


def test_what_the_meetings_concluded_with(bundled: Dataset) -> None:
    rabat = bundled.event("event:rdpp-roundtable-protection-prevention-rabat")
    (outcome,) = rabat.outcomes
    assert outcome.statement.startswith("recommendations by each delegation")
    assert outcome.citations[0].excerpt.startswith("The three-day meeting was concluded with")
    (grant,) = bundled.event("event:jtip-launch-rabat-2024").outcomes
    assert "$2.5 million grant" in grant.statement


def test_the_officials_next_to_the_inaugurators_attended(bundled: Dataset) -> None:
    # 000: "inaugurated by … M. Hicham Mellati, … Ms. Isabelle Wahedova as well as …
    # Laura Palatini, next to Ambassador Naela Gabr … and Ms. Raoudha Laabidi".
    rabat = bundled.event("event:rdpp-roundtable-protection-prevention-rabat")
    assert set(rabat.with_role(Role.OPENED)) == {
        "person:hicham-mellati",
        "person:isabelle-wahedova",
        "person:laura-palatini",
    }
    attended = [p for p in rabat.participants if p.role == Role.ATTENDED]
    assert {p.participant for p in attended} == {"person:naela-gabr", "person:raoudha-laabidi"}
    for part in attended:
        assert any(c.excerpt.startswith("next to Ambassador Naela Gabr") for c in part.citations)


def test_mellati_chaired_the_jtip_launch_for_the_commission(bundled: Dataset) -> None:
    launch = bundled.event("event:jtip-launch-rabat-2024")
    mellati = {p.role: p for p in launch.participants if p.participant == "person:hicham-mellati"}
    # "in his capacity as the supervisory chair of the National Committee …"
    assert mellati[Role.CHAIRED].on_behalf_of == "organization:cnclt"
    # His speech names him Director of Criminal Affairs only: no capacity is stated.
    assert mellati[Role.SPOKE].on_behalf_of is None


def test_the_jtip_programme_was_launched_on_10_may_2024(bundled: Dataset) -> None:
    jtip = bundled.programme("JTIP")
    assert str(jtip.launched) == "2024-05-10"
    assert jtip.countries == ("country:ma",)
    (grant,) = bundled.fundings(programme=jtip)
    assert grant.beneficiaries == ("country:ma",)  # "will support Moroccan initiatives"


def test_rdpp_implementers_are_only_those_a_source_states(bundled: Dataset) -> None:
    # Organizing a workshop within a programme is not implementing it; 001 says the
    # intervention's tools are "being developed by IOM and its partners".
    assert bundled.programme("programme:rdpp").implementers == ()
    assert bundled.programme("programme:rdpp-phase-6").implementers == ()
    intervention = bundled.programme("programme:rdpp-phase-6-north-africa-protection")
    assert intervention.implementers == ("organization:iom",)


def test_figures_name_the_population_they_count(bundled: Dataset) -> None:
    roundtable = bundled.get("statistic:rdpp-roundtable-prosecution-egypt-participants")
    assert isinstance(roundtable, mena_tip.records.Statistic)
    # "50 representatives from the … governments, as well as an IOM delegation"
    assert (
        roundtable.population
        == "representatives from the Egyptian, Moroccan, and Tunisian governments"
    )
    children = bundled.get("statistic:global-share-child-victims-2024-03-05")
    assert isinstance(children, mena_tip.records.Statistic)
    assert (children.scope, children.area) == (None, None)  # 001 states no area
    assert children.population == "all identified victims of trafficking"


def test_ambassador_is_a_rank_and_heads_are_marked(bundled: Dataset) -> None:
    for key in ("Naela Gabr", "Wael Badawi"):
        person = bundled.person(key)
        assert [rank.title for rank in person.ranks] == ["Ambassador"]
        assert "Ambassador" not in [post.title for post in person.posts]
    (talwar,) = bundled.person("Puneet Talwar").posts
    assert (talwar.organization, talwar.head) == ("organization:us-embassy-morocco", True)
    heads = {
        (person.id, post.organization)
        for person in bundled.persons(head=True)
        for post in person.posts
        if post.head and any(c.source in YIELDS for c in post.citations)
    }
    assert heads == {
        ("person:carlos-oliver-cruz", "organization:iom-egypt"),
        ("person:hicham-mellati", "organization:cnclt"),
        ("person:laura-palatini", "organization:iom-morocco"),
        ("person:naela-gabr", "organization:nccpim-tip"),
        ("person:puneet-talwar", "organization:us-embassy-morocco"),
        ("person:raoudha-laabidi", "organization:tunisia-national-counter-trafficking-committee"),
    }


def test_the_sdgs_are_not_a_name_of_the_2030_agenda(bundled: Dataset) -> None:
    agenda = bundled.instrument("2030 Agenda")
    assert agenda.other_names == ()
    sdgs = bundled.instrument("SDGs")
    assert (sdgs.id, sdgs.name) == (
        "instrument:sustainable-development-goals",
        "Sustainable Development Goals",
    )


def test_the_cairo_workshop_participants(bundled: Dataset) -> None:
    workshop = bundled.event("event:rdpp-phase-6-regional-workshop-cairo-2024")
    taking_part = set(workshop.with_role(Role.PARTICIPANT))
    assert taking_part == {
        "country:dz",
        "country:eg",
        "country:ly",
        "country:ma",
        "country:mr",
        "country:ne",
        "country:tn",
        "organization:african-union",
        "organization:euaa",
        "organization:unhcr",
        "organization:unicef",
        "organization:unodc",
    }
    assert workshop.programme is not None
    assert bundled.programme(workshop.programme).parent == "programme:rdpp-phase-6"
    assert workshop in bundled.events(programme="RDPP")


def test_who_spoke_for_the_egyptian_committee(bundled: Dataset) -> None:
    spoke = [
        (str(event.start), part.participant)
        for event in bundled.events(organization="NCCPIM&TIP")
        for part in event.participants
        if part.role == Role.SPOKE
        and part.on_behalf_of == "organization:nccpim-tip"
        and any(c.source in YIELDS for c in part.citations)
    ]
    assert spoke == [("2023-07-10", "person:naela-gabr"), ("--05-16", "person:naela-gabr")]
