"""The reference layer: each MENA country's laws, body, plans, treaty status and TIP tiers.

The facts come from ``reference/mena_facts.json`` and ``reference/mena_facts_2.json``
beside the source texts (the ``shared`` fixture finds them); the companion
``mena_facts.md`` gives, per topic, the countries the first file has nothing for, and the
second file fills some of those gaps and adds the Smuggling of Migrants Protocol. They
are independent of the code, so the coverage the data reports is checked against them
rather than against itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import mena_tip
import sample
from helpers import data_pages
from mena_tip import Coverage, CoverageStatus
from mena_tip._coverage import TREATIES, coverage, table
from mena_tip._dataset import Dataset
from mena_tip.dates import PartialDate
from mena_tip.records import (
    Assessment,
    Citation,
    Concern,
    Grouping,
    Instrument,
    InstrumentKind,
    Organization,
    OrganizationKind,
    Programme,
    ProgrammeKind,
    Role,
    Source,
    SourceKind,
    StateAction,
    StateActionKind,
    Tier,
    Topic,
    citations,
)
from strategies import Parts, dataset_parts

MENA = sorted(Grouping.MENA.members)
TOPICS = {
    "law": Topic.TRAFFICKING_LAW,
    "smuggling_law": Topic.SMUGGLING_LAW,
    "body": Topic.COORDINATING_BODY,
    "plan": Topic.NATIONAL_PLAN,
    "palermo_party": Topic.TRAFFICKING_PROTOCOL,
    "som_party": Topic.SMUGGLING_PROTOCOL,
    "untoc_party": Topic.UNTOC,
    "us_tip_tier": Topic.TIP_REPORT,
}


FACT_FILES = ("mena_facts.json", "mena_facts_2.json")

# Facts of the input that leave their cell unknown, by design: their quotes state no party
# status (a signature, a law at home, unnamed protocols), and coverage counts only that.
NO_STATUS = {
    ("KW", Topic.SMUGGLING_PROTOCOL): "Law No. 5 of 2006 made 'two supplemental UN protocols' "
    "Kuwaiti law: the quote does not say which",
    ("KW", Topic.UNTOC): "a signature, and a law giving the Convention force in Kuwait; no "
    "ratification or deposit stated",
}
# Cells that a quote filed under another topic states.
STATED_ELSEWHERE = {
    ("OM", Topic.SMUGGLING_PROTOCOL): "Omanspire (untoc_party): Oman ratified UNTOC 'as well as "
    "its supplementary protocols' in 2005",
}


@pytest.fixture(scope="module")
def facts(shared: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for name in FACT_FILES:
        found += json.loads((shared / "reference" / name).read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def name_pages(shared: Path) -> set[str]:
    """The URLs of the pages the names sheet quotes (names and identifiers)."""
    entities = json.loads((shared / "reference" / "names.json").read_text(encoding="utf-8"))
    return {
        item["source_url"]
        for entity in entities
        for item in [
            *entity["names"],
            *(entity.get("wikidata_corroboration") or ()),
            *(entity.get("wikidata_alternative") or ()),
            *([entity["wikidata"]] if entity.get("wikidata") else []),
        ]
    }


@pytest.fixture(scope="module")
def event_pages(shared: Path) -> set[str]:
    """The URLs of the pages the events sheets quote."""
    return {
        event["source"]["url"]
        for path in sorted((shared / "reference" / "events").glob("*.json"))
        for event in json.loads(path.read_text(encoding="utf-8"))
    }


@pytest.fixture(scope="module")
def missing(shared: Path) -> dict[Topic, set[str]]:
    """Per topic, the countries mena_facts.md lists as missing from its coverage table, less
    those mena_facts_2.json has facts for; for the Smuggling of Migrants Protocol, which
    the table does not have, the countries mena_facts_2.json has no fact for; then the
    cells that NO_STATUS and STATED_ELSEWHERE explain."""
    text = (shared / "reference" / "mena_facts.md").read_text(encoding="utf-8")
    found = {}
    for topic, codes in re.findall(r"^\| (\w+) \| \d+ \| ([A-Z, ]+) \|$", text, re.MULTILINE):
        found[TOPICS[topic]] = {code.strip() for code in codes.split(",")}
    assert set(found) == set(TOPICS.values()) - {Topic.SMUGGLING_PROTOCOL}, found
    found[Topic.SMUGGLING_PROTOCOL] = set(MENA)
    more = json.loads((shared / "reference" / "mena_facts_2.json").read_text(encoding="utf-8"))
    for fact in more:
        found[TOPICS[fact["topic"]]].discard(fact["country"])
    for alpha2, topic in NO_STATUS:
        found[topic].add(alpha2)
    for alpha2, topic in STATED_ELSEWHERE:
        found[topic].discard(alpha2)
    return found


def layer(dataset: Dataset, alpha2: str) -> list[Any]:
    """The country's reference-layer records and parts: what coverage counts, and absences."""
    country = dataset.country(alpha2)
    found: list[Any] = [
        dataset.get(record_id)
        for cell in coverage(dataset, country)
        for record_id in cell.records
        if record_id not in TREATIES.values()  # of a treaty, only the country's actions
    ]
    for instrument_id in TREATIES.values():
        treaty = dataset.instrument(instrument_id)
        found += [action for action in treaty.actions if action.country == country.id]
    found += list(country.absences)
    return found


def web_pages(dataset: Dataset, found: Any) -> list[tuple[Citation, Source]]:
    """The citations of pages quoted by URL (web pages, and releases and news read online)."""
    pages = []
    for citation in citations(found):
        source = dataset.source(citation.source)
        if source.kind == SourceKind.WEB_PAGE or (source.url and citation.start is None):
            pages.append((citation, source))
    return pages


# -- per country ----------------------------------------------------------------------------


@pytest.mark.parametrize("alpha2", MENA)
def test_country(
    bundled: Dataset,
    facts: list[dict[str, Any]],
    name_pages: set[str],
    event_pages: set[str],
    alpha2: str,
) -> None:
    pycountry = pytest.importorskip("pycountry")
    country = bundled.country(alpha2)
    assert country.id == f"country:{alpha2.lower()}"
    assert country.alpha3 == pycountry.countries.get(alpha_2=alpha2).alpha_3
    assert Grouping.MENA in country.groupings

    own = [fact for fact in facts if fact["country"] == alpha2]
    urls = {fact["source_url"] for fact in facts} | name_pages | event_pages
    known = {TOPICS[fact["topic"]] for fact in own} - {t for c, t in NO_STATUS if c == alpha2}
    known |= {topic for country, topic in STATED_ELSEWHERE if country == alpha2}
    cells = {cell.topic: cell for cell in coverage(bundled, alpha2)}
    assert [topic for topic, cell in cells.items() if cell.status != CoverageStatus.UNKNOWN] == [
        topic for topic in Topic if topic in known
    ], "the topics with records or absences are exactly those the input has facts for"

    for found in layer(bundled, alpha2):
        pages = web_pages(bundled, found)
        assert all(source.url in urls for _, source in pages), (
            f"{getattr(found, 'id', found)} cites a page no reference sheet quotes"
        )
        offsets = [c for c in citations(found) if c.start is not None]
        assert pages or offsets, f"{getattr(found, 'id', found)} cites no source"

    tiers = {fact["value"]["report_year"] for fact in own if fact["topic"] == "us_tip_tier"}
    assert [a.report_year for a in bundled.assessments(country=alpha2)] == sorted(tiers)


def test_coverage_agrees_with_the_gaps_the_input_lists(
    bundled: Dataset, missing: dict[Topic, set[str]]
) -> None:
    for topic, countries in missing.items():
        unknown = {
            cell.country.removeprefix("country:").upper()
            for cell in coverage(bundled)
            if cell.topic == topic and cell.status == CoverageStatus.UNKNOWN
        }
        assert unknown == countries, topic


def test_every_fact_of_the_input_is_cited(bundled: Dataset, facts: list[dict[str, Any]]) -> None:
    """Each quote of the input is cited somewhere in the data, or listed here with why not."""
    cited = {
        (source.url, citation.excerpt)
        for record in bundled
        for citation, source in web_pages(bundled, record)
    }
    uncited = [
        f"{fact['country']} {fact['topic']}: {fact['quote'][:80]!r}"
        for fact in facts
        if not any(url == fact["source_url"] and excerpt in fact["quote"] for url, excerpt in cited)
    ]
    assert not uncited, "\n".join(uncited)


def test_groupings_follow_their_definitions(bundled: Dataset) -> None:
    for country in bundled.countries():
        expected = [g for g in Grouping if country.alpha2 in g.members]
        assert list(country.groupings) == expected, country.id


def test_coverage_table_has_a_row_per_country_and_a_column_per_topic(bundled: Dataset) -> None:
    cells = coverage(bundled)
    header, rows = table(bundled, cells)
    assert header == ["country", *(topic.value for topic in Topic)]
    assert len(rows) == len(MENA) == len(cells) // len(Topic)
    for row, start in zip(rows, range(0, len(cells), len(Topic)), strict=True):
        chunk = cells[start : start + len(Topic)]
        assert row[0].endswith(f"({bundled.country(chunk[0].country).alpha2})")
        assert [cell.split(" ")[0] for cell in row[1:]] == [c.status.value for c in chunk]


def test_the_documentation_prints_the_same_table(bundled: Dataset) -> None:
    pages = data_pages()
    page: str = pages.coverage_page()
    _, rows = table(bundled, coverage(bundled))
    for row in rows:
        assert "\n".join(f"     - {cell}" for cell in row[1:]) in page, row[0]
    assert page.count("   * - ") == len(rows) + 1


# -- the queries the layer is for -------------------------------------------------------------


def test_national_laws_of_a_country() -> None:
    laws = mena_tip.instruments(country="EG", kind="national_law")
    assert {law.number for law in laws} >= {"Law No. 64 of 2010", "Law No. 82 of 2016"}
    assert all(law.jurisdiction == "country:eg" for law in laws)
    smuggling = [law for law in laws if Concern.SMUGGLING in law.concerns]
    assert [law.number for law in smuggling] == ["Law No. 82 of 2016"]


def test_a_coordinating_body_for_every_country_that_has_one(bundled: Dataset) -> None:
    bodies = mena_tip.organizations(kind="national_coordinating_body")
    assert all(body.kind == OrganizationKind.NATIONAL_COORDINATING_BODY for body in bodies)
    with_body = {body.country for body in bodies}
    for cell in coverage(bundled):
        if cell.topic == Topic.COORDINATING_BODY:
            has = cell.status in (CoverageStatus.KNOWN, CoverageStatus.CONTESTED)
            assert (cell.country in with_body) == has, cell.country


def test_assessments_are_ordered_by_report_year() -> None:
    found = mena_tip.assessments(country="DZ")
    assert [(a.report_year, a.tier) for a in found] == [
        (2022, Tier.TIER_2_WATCH_LIST),
        (2023, Tier.TIER_3),
        (2024, Tier.TIER_2_WATCH_LIST),
        (2025, Tier.TIER_2_WATCH_LIST),
    ]


def test_acronyms_and_names_in_other_languages_resolve() -> None:
    assert mena_tip.resolve("NCCPIM&TIP").id == "organization:nccpim-tip"
    assert mena_tip.resolve("NCCPIM &TIP").id == "organization:nccpim-tip"
    french = "Instance Nationale de Lutte contre la Traite des Personnes et le Trafic des Migrants"
    mauritania = mena_tip.resolve(french)
    assert isinstance(mauritania, Organization)
    assert mauritania.country == "country:mr"
    assert mena_tip.resolve("INLCTPTM") == mena_tip.resolve("NATSOM") == mauritania
    tunisia = mena_tip.resolve("Instance Nationale de Lutte Contre la Traite des Personnes")
    assert tunisia == mena_tip.resolve("INLTP") == mena_tip.resolve("NCTIP")
    assert isinstance(tunisia, Organization)
    assert tunisia.country == "country:tn"


# -- facts ------------------------------------------------------------------------------------


def status(alpha2: str, topic: Topic) -> CoverageStatus:
    (cell,) = [cell for cell in mena_tip.coverage(alpha2) if cell.topic == topic]
    return cell.status


def test_what_sources_say_a_country_lacks() -> None:
    assert status("LY", Topic.TRAFFICKING_LAW) == CoverageStatus.NONE
    assert status("LY", Topic.COORDINATING_BODY) == CoverageStatus.NONE
    assert status("LY", Topic.NATIONAL_PLAN) == CoverageStatus.NONE
    assert status("LY", Topic.SMUGGLING_LAW) == CoverageStatus.KNOWN
    assert status("IR", Topic.TRAFFICKING_PROTOCOL) == CoverageStatus.NONE
    assert status("YE", Topic.TRAFFICKING_PROTOCOL) == CoverageStatus.NONE
    (yemen,) = [a for a in mena_tip.country("YE").absences if a.topic == "trafficking_protocol"]
    assert yemen.inferred, "a call to ratify implies, but does not state, that Yemen is no party"


def test_yemens_law_is_contested() -> None:
    assert status("YE", Topic.TRAFFICKING_LAW) == CoverageStatus.CONTESTED


def test_algerias_2024_tier_keeps_the_news_claim_it_rejects() -> None:
    found = mena_tip.get("assessment:dz-2024")
    assert isinstance(found, Assessment)
    assert found.tier == Tier.TIER_2_WATCH_LIST
    values = {claim.value: claim.preferred for claim in found.claims if claim.field == "tier"}
    assert values == {"tier_2_watch_list": True, "tier_3": False}


def test_flags_of_secondary_and_inferred_tiers() -> None:
    assert mena_tip.get("assessment:eg-2025") == mena_tip.assessments(country="EG", year=2025)[0]
    egypt = mena_tip.assessments(country="EG", year=2025)[0]
    assert egypt.secondary
    assert egypt.tier == Tier.TIER_2
    morocco = mena_tip.assessments(country="MA", year=2025)[0]
    assert morocco.inferred
    assert not morocco.secondary
    jordan = mena_tip.assessments(country="JO", year=2025)[0]
    assert not jordan.inferred
    assert not jordan.secondary


def test_treaty_dates_keep_the_precision_sources_agree_on() -> None:
    protocol = mena_tip.instrument("instrument:trafficking-in-persons-protocol")
    actions = {a.country: a for a in protocol.actions if a.action != StateActionKind.COMMITTED}
    assert str(actions["country:dz"].date) == "2004-03-09"
    assert str(actions["country:ps"].date) == "2017-12-06"
    assert actions["country:ps"].action == StateActionKind.ACCEDED
    lebanon = actions["country:lb"]
    dates = {claim.value: claim.preferred for claim in lebanon.claims if claim.field == "date"}
    assert dates == {"2005": True, "2005-10-05": False, "2005-08-24": False}
    assert str(lebanon.date) == "2005", "the sources agree on the year only"


def test_successive_national_plans_are_linked() -> None:
    egypt = [p for p in mena_tip.programmes(country="EG") if p.kind in _PLANS]
    latest = max(egypt, key=lambda plan: str(plan.start))
    assert (str(latest.start), str(latest.end)) == ("2022", "2026")
    assert latest.follows is not None
    earlier = mena_tip.programme(latest.follows)
    assert (str(earlier.start), str(earlier.end)) == ("2016", "2021")


_PLANS = (ProgrammeKind.NATIONAL_PLAN, ProgrammeKind.STRATEGY)


def actions_of(instrument_id: str, alpha2: str) -> list[StateAction]:
    treaty = mena_tip.instrument(instrument_id)
    return [a for a in treaty.actions if a.country == f"country:{alpha2.lower()}"]


def claimed(action: StateAction, field: str) -> dict[str, bool]:
    return {claim.value: claim.preferred for claim in action.claims if claim.field == field}


SOM = "instrument:smuggling-of-migrants-protocol"


def test_smuggling_protocol_actions_keep_what_each_source_states() -> None:
    found = {
        alpha2: [(a.action.value, str(a.date) if a.date else None) for a in actions_of(SOM, alpha2)]
        for alpha2 in ("DZ", "BH", "EG", "IQ", "OM", "SA", "SY", "TN")
    }
    assert found == {
        "DZ": [("signed", "2001-06-06"), ("ratified", "2004-03-09")],
        "BH": [("acceded", "2004-06-07")],  # "a" in the UN table, "T" (toetreding) in the Dutch
        "EG": [("acceded", "2005-03-01")],
        "IQ": [("party", "2009-02-09")],  # a deposit: ratification or accession unstated
        "OM": [("ratified", "2005")],  # UNTOC "as well as its supplementary protocols"
        "SA": [("signed", "2002-12-10"), ("ratified", "2007-07-20")],
        "SY": [("party", "2009-04-08")],
        "TN": [("party", None)],  # the end of a list of ratifications, undated
    }
    assert not actions_of(SOM, "KW"), "Law No. 5 of 2006's 'two supplemental UN protocols'"
    kuwait = mena_tip.instrument("instrument:kuwait-law-5-2006")
    assert kuwait.number == "Law No. 5 of 2006"
    assert any("two supplemental UN protocols" in c.excerpt for c in kuwait.citations)


def test_smuggling_protocol_coverage() -> None:
    expected = {
        "DZ": CoverageStatus.KNOWN,
        "LB": CoverageStatus.KNOWN,
        "TN": CoverageStatus.KNOWN,
        "QA": CoverageStatus.NONE,  # the UN Special Rapporteur, 2014
        "KW": CoverageStatus.UNKNOWN,
        "JO": CoverageStatus.UNKNOWN,
    }
    assert {c: status(c, Topic.SMUGGLING_PROTOCOL) for c in expected} == expected
    (qatar,) = [a for a in mena_tip.country("QA").absences if a.topic == "smuggling_protocol"]
    assert not qatar.inferred
    assert mena_tip.source(qatar.citations[0].source).published == PartialDate.parse("2014")


def test_lebanons_accessions_of_2005_keep_the_year_the_sources_agree_on() -> None:
    for instrument_id in ("instrument:untoc", SOM):
        (lebanon,) = actions_of(instrument_id, "LB")
        assert str(lebanon.date) == "2005", instrument_id
        assert lebanon.action == StateActionKind.PARTY
        assert claimed(lebanon, "date") == {"2005": True, "2005-08-24": False}
        assert claimed(lebanon, "action") == {"party": True, "acceded": False}


def test_egypts_trafficking_protocol_year_of_a_speech_is_not_preferred() -> None:
    (egypt,) = actions_of("instrument:trafficking-in-persons-protocol", "EG")
    assert (egypt.action, str(egypt.date)) == (StateActionKind.RATIFIED, "2004-03-05")
    assert claimed(egypt, "date") == {"2004-03-05": True, "2003": False}
    assert claimed(egypt, "action") == {"ratified": True, "acceded": False}


def test_moroccos_signing_and_ratification_are_one_act() -> None:
    actions = actions_of("instrument:trafficking-in-persons-protocol", "MA")
    (morocco,) = [a for a in actions if a.action != StateActionKind.COMMITTED]
    assert (morocco.action, str(morocco.date)) == (StateActionKind.RATIFIED, "2011-04")
    assert claimed(morocco, "action") == {"ratified": True, "signed": False}
    assert any("signing the Protocol" in c.excerpt for c in morocco.citations)


def test_untoc_stages_short_of_party_are_not_party() -> None:
    untoc = "instrument:untoc"
    kuwait = [(a.action.value, str(a.date)) for a in actions_of(untoc, "KW")]
    assert kuwait == [("signed", "2000-12-12"), ("approved", "2006")]
    assert status("KW", Topic.UNTOC) == CoverageStatus.UNKNOWN
    iran = [(a.action.value, a.date and str(a.date)) for a in actions_of(untoc, "IR")]
    assert iran == [("signed", None), ("approved", "2018"), ("approved", None)]
    assert status("IR", Topic.UNTOC) == CoverageStatus.NONE, "no deposit is stated"
    (sudan,) = actions_of(untoc, "SD")
    assert sudan.action == StateActionKind.SIGNED
    assert claimed(sudan, "action") == {"signed": True}, "one claim, stating the doubt"
    assert status("SD", Topic.UNTOC) == CoverageStatus.NONE
    (qatar,) = actions_of(untoc, "QA")
    assert (qatar.action, qatar.date) == (StateActionKind.RATIFIED, None)
    assert "blog" in mena_tip.source(qatar.citations[0].source).publisher
    assert claimed(qatar, "action") == {"ratified": True}, "one claim, stating the doubt"


def test_weak_smuggling_laws() -> None:
    assert status("IR", Topic.SMUGGLING_LAW) == CoverageStatus.CONTESTED
    (iran,) = [a for a in mena_tip.country("IR").absences if a.topic == "smuggling_law"]
    assert iran.inferred, "'upon approval of the parliament' implies it is not yet law"
    law = mena_tip.instrument("instrument:iran-law-2014-trafficking-and-smuggling")
    assert law.adopted is None, "'enacted' and 'upon approval of the parliament' disagree"
    iraq = mena_tip.instrument("instrument:iraq-residency-law")
    assert (iraq.jurisdiction, iraq.number, iraq.concerns) == (
        "country:iq",
        None,
        (Concern.SMUGGLING,),
    )
    assert status("IQ", Topic.SMUGGLING_LAW) == CoverageStatus.KNOWN


def test_plans_of_the_second_sheet() -> None:
    syria = mena_tip.programme("programme:syria-national-plan-2023-2026")
    assert (str(syria.start), str(syria.end)) == ("2023", "2026")
    assert syria.follows == "programme:syria-national-plan-2018-2019"
    iraq = mena_tip.programme("programme:iraq-national-strategy-2023-2026")
    assert (iraq.kind, str(iraq.start), str(iraq.end)) == (ProgrammeKind.STRATEGY, "2023", "2026")
    bahrain = mena_tip.programme("programme:bahrain-national-plan-against-trafficking")
    assert (bahrain.start, bahrain.end, bahrain.adopted) == (None, None, None)
    israel = mena_tip.programme("programme:israel-national-plans-2007")
    assert israel.adopted is None, "presented to the government for approval, not adopted"
    (yemen,) = [a for a in mena_tip.country("YE").absences if a.topic == "national_plan"]
    assert yemen.inferred, "a recommendation to launch a strategy implies there is none"
    assert "Sana'a" in mena_tip.source(yemen.citations[0].source).publisher
    assert status("YE", Topic.NATIONAL_PLAN) == CoverageStatus.NONE


def test_bodies_of_the_second_sheet() -> None:
    committee = mena_tip.organization("organization:syria-national-committee-against-trafficking")
    assert committee.kind == OrganizationKind.NATIONAL_COORDINATING_BODY
    assert committee.country == "country:sy"
    assert committee.founded is None
    unit = mena_tip.organization("organization:syria-anti-trafficking-department")
    assert unit.parent == "organization:syria-ministry-of-interior"
    assert unit.kind == OrganizationKind.GOVERNMENT_BODY
    for found in (committee, unit):
        titles = [mena_tip.source(c.source).title for c in found.citations]
        assert all("before the December 2024 change of government" in t for t in titles)
    iran = mena_tip.resolve("Commission nationale de lutte contre la contrebande des êtres humains")
    assert isinstance(iran, Organization)
    assert (iran.country, iran.parent) == ("country:ir", "organization:iran-ministry-of-interior")
    assert status("IR", Topic.COORDINATING_BODY) == CoverageStatus.KNOWN


def test_cnclt_set_up_in_2019_beside_the_head_of_government() -> None:
    cnclt = mena_tip.organization("CNCLT")
    # Set up in 2019 (La Marocaine); the investiture of its members on 23 May 2019 is not
    # its founding, and is an event of its own.
    assert str(cnclt.founded) == "2019"
    assert not [c for c in cnclt.claims if c.field == "founded"]
    # "Il est créé auprès du Chef du gouvernement": attached to it, not a unit of it.
    assert (cnclt.attached_to, cnclt.parent) == ("organization:morocco-head-of-government", None)
    # Decree 2.17.740 "fixe la composition de la Commission et les modalités de son
    # fonctionnement": no quote says that it, or any instrument, set the commission up.
    assert cnclt.established_by is None
    investiture = mena_tip.event("event:cnclt-members-investiture-2019")
    assert investiture in mena_tip.events(organization=cnclt)
    assert (investiture.id, str(investiture.start), investiture.status) == (
        "event:cnclt-members-investiture-2019",
        "2019-05-23",
        "held",
    )
    assert investiture.with_role(Role.CHAIRED) == ("organization:morocco-head-of-government",)
    assert "jeudi 23 Mai 2019" in investiture.citations[0].excerpt


def test_tunisias_body_is_under_the_purview_of_the_ministry_of_justice() -> None:
    body = mena_tip.organization("INLTP")
    assert (body.attached_to, body.parent) == ("organization:tunisia-ministry-of-justice", None)


# -- properties -------------------------------------------------------------------------------


def expected_status(found: bool, absent: bool) -> CoverageStatus:
    if found and absent:
        return CoverageStatus.CONTESTED
    if found:
        return CoverageStatus.KNOWN
    return CoverageStatus.NONE if absent else CoverageStatus.UNKNOWN


def brute_force(dataset: Dataset, country_id: str, topic: Topic) -> set[str]:
    """The IDs of the records that state a topic for a country, by scanning every record."""
    party = {StateActionKind.RATIFIED, StateActionKind.ACCEDED, StateActionKind.PARTY}
    laws = {Topic.TRAFFICKING_LAW: Concern.TRAFFICKING, Topic.SMUGGLING_LAW: Concern.SMUGGLING}
    found: set[str] = set()
    for record in dataset:
        hit = False
        if isinstance(record, Instrument) and topic in laws:
            hit = (
                record.kind == InstrumentKind.NATIONAL_LAW
                and record.jurisdiction == country_id
                and laws[topic] in record.concerns
            )
        elif isinstance(record, Instrument) and TREATIES.get(topic) == record.id:
            hit = any(a.country == country_id and a.action in party for a in record.actions)
        elif isinstance(record, Organization) and topic == Topic.COORDINATING_BODY:
            hit = (
                record.kind == OrganizationKind.NATIONAL_COORDINATING_BODY
                and record.country == country_id
            )
        elif isinstance(record, Programme) and topic == Topic.NATIONAL_PLAN:
            hit = record.kind in _PLANS and record.countries == (country_id,)
        elif isinstance(record, Assessment) and topic == Topic.TIP_REPORT:
            hit = record.country == country_id
        if hit:
            found.add(record.id)
    return found


@given(dataset_parts())
def test_coverage_matches_brute_force(parts: Parts) -> None:
    dataset = parts.dataset()
    for country in dataset.countries():
        cells = coverage(dataset, country.id)
        assert [cell.topic for cell in cells] == list(Topic)
        absent = {absence.topic for absence in country.absences}
        for cell in cells:
            assert isinstance(cell, Coverage)
            assert cell.country == country.id
            found = brute_force(dataset, country.id, cell.topic)
            assert cell.records == tuple(sorted(found))
            assert cell.status == expected_status(bool(found), cell.topic in absent)


@given(dataset_parts())
def test_coverage_of_a_grouping_is_that_of_its_members(parts: Parts) -> None:
    dataset = parts.dataset()
    for grouping in Grouping:
        members = dataset.countries(grouping=grouping)
        expected = [cell for country in members for cell in coverage(dataset, country)]
        assert list(coverage(dataset, grouping=grouping)) == expected


def test_coverage_of_a_dataset_given_or_the_default(bundled: Dataset) -> None:
    """mena_tip.coverage(..., dataset=d) is _coverage.coverage(d, ...); None: the default."""
    other = sample.dataset()
    assert mena_tip.coverage("MA", dataset=other) == coverage(other, "MA")
    assert mena_tip.coverage("MA", dataset=None) == coverage(bundled, "MA")
    assert mena_tip.coverage(grouping=None, dataset=other) == coverage(other, grouping=None)
    with pytest.raises(TypeError, match=r"dataset must be a mena_tip\.Dataset or None, not 'MA'"):
        mena_tip.coverage(dataset="MA")  # type: ignore[arg-type]


def test_coverage_needs_a_known_country() -> None:
    with pytest.raises(mena_tip.UnknownIdentifier, match="Atlantis"):
        mena_tip.coverage("Atlantis")
