"""The events sheets of the reference facts: 149 cooperation events, each from one page.

``reference/events/*.json`` beside the source texts (the ``shared`` fixture finds them)
give, per event, its page (URL, publisher, stated date, language) and its facts, each with
the quote that states it. ``reference_events.json`` here lists, per sheet event, the
records its page yields and the quotes the data does not use, each with the reason; the
tests check the data against both, so a record that stops citing its page, or a quote
that stops being cited, is seen.
"""

from __future__ import annotations

import decimal
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import mena_tip
from mena_tip._dataset import Dataset
from mena_tip.dates import PartialDate
from mena_tip.records import Event, Source, citations

EXPECTED = Path(__file__).resolve().parent / "reference_events.json"
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@pytest.fixture(scope="module")
def sheet(shared: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted((shared / "reference" / "events").glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


def page(dataset: Dataset, url: str) -> Source:
    (source,) = [s for s in dataset.sources() if s.url == url]
    return source


def yields(dataset: Dataset, source: str) -> list[str]:
    return sorted(
        r.id for r in dataset if r.id != source and any(c.source == source for c in citations(r))
    )


def test_the_sheets_hold_149_events_of_distinct_pages(sheet: list[dict[str, Any]]) -> None:
    assert len(sheet) == 149
    assert len({event["source"]["url"] for event in sheet}) == 149


def test_every_page_is_a_source_as_the_sheet_states_it(
    bundled: Dataset, sheet: list[dict[str, Any]]
) -> None:
    for event in sheet:
        stated = event["source"]
        source = page(bundled, stated["url"])
        assert source.language == stated["language"], event["id"]
        if stated.get("published") and ISO_DAY.fullmatch(stated["published"]):
            assert source.published == PartialDate.parse(stated["published"]), event["id"]
        if stated.get("published") is None:
            # undated: no date, one without a year (a dateline's), or one inferred and so marked
            date = source.published
            assert date is None or date.inferred or date.year is None, event["id"]


def test_each_page_yields_its_records_and_an_event(
    bundled: Dataset, sheet: list[dict[str, Any]], expected: dict[str, Any]
) -> None:
    assert sorted(expected) == sorted(event["id"] for event in sheet)
    for event in sheet:
        source = page(bundled, event["source"]["url"])
        found = yields(bundled, source.id)
        assert found == expected[event["id"]]["records"], event["id"]
        assert any(bundled.get(r).KIND == "event" for r in found), event["id"]


def test_every_quote_is_cited_or_listed_with_the_reason(
    bundled: Dataset, sheet: list[dict[str, Any]], expected: dict[str, Any]
) -> None:
    excerpts: dict[str, set[str]] = defaultdict(set)
    for record in bundled:
        for citation in citations(record):
            excerpts[citation.source].add(citation.excerpt)
    problems = []
    for event in sheet:
        source = page(bundled, event["source"]["url"])
        dropped = {item["quote"]: item["reason"] for item in expected[event["id"]]["dropped"]}
        assert all(reason.strip() for reason in dropped.values()), event["id"]
        for fact in event["facts"]:
            used = any(excerpt in fact["quote"] for excerpt in excerpts[source.id])
            if not used and fact["quote"] not in dropped:
                problems.append(f"{event['id']} {fact['field']}: {fact['quote'][:80]!r}")
    assert not problems, "\n".join(problems)


def test_an_event_has_the_day_its_sheet_states_or_none(
    bundled: Dataset, sheet: list[dict[str, Any]]
) -> None:
    """Where an event has a day, it is the sheet's (a release date is the source's, never
    the event's, so an event may have none where the sheet gives one)."""
    for event in sheet:
        dates = [f["value"][:10] for f in event["facts"] if f["field"] == "date"]
        days = {PartialDate.parse(d) for d in dates if ISO_DAY.fullmatch(d)}
        source = page(bundled, event["source"]["url"])
        for record_id in yields(bundled, source.id):
            record = bundled.get(record_id)
            if not isinstance(record, Event) or record.start is None or not record.start.day:
                continue
            if record.start.year is None or not days:
                continue
            start = record.start
            assert any(
                (d.month, d.day) == (start.month, start.day) and d.year == start.year for d in days
            ) or not any(d.year == start.year and d.month == start.month for d in days), (
                event["id"],
                record_id,
            )


# -- facts --------------------------------------------------------------------------------


def test_events_in_jordan_and_of_a_period() -> None:
    jordan = {e.id: e for e in mena_tip.events(country="Jordan")}
    training = jordan["event:jo-icmpd-labour-inspectors-thb-training-2018"]
    assert (str(training.start), str(training.end)) == ("2018-12-11", "2018-12-13")
    period = mena_tip.events(since="2015", until="2016")
    assert period
    assert all(e.start and e.start.year in (2015, 2016) for e in period)


def test_eu_funding_as_stated() -> None:
    found = {(f.amount, f.currency) for f in mena_tip.fundings(donor="EU")}
    assert (decimal.Decimal("2300000"), "EUR") in found


def test_iom_staff_are_people_of_its_offices() -> None:
    people = {p.id for p in mena_tip.persons(organization="IOM")}
    assert {"person:anke-strauss", "person:lorena-lando", "person:laura-palatini"} <= people


def test_one_actor_one_record() -> None:
    mauritania = mena_tip.organization("IOM Mauritania")
    assert (mauritania.parent, mauritania.country) == ("organization:iom", "country:mr")
    state = mena_tip.organization("US State Department")
    assert mena_tip.organization("US Department of State") == state
    assert mena_tip.organization("U.S. State Department") == state
    committee = mena_tip.organization("NCCPIM&TIP")
    for spelling in ("NCCPIM", "NCCPIM & TIP", "NC CPIM &TIP"):
        assert mena_tip.organization(spelling) == committee


def test_tunisias_referral_mechanism_keeps_its_one_cited_date() -> None:
    mechanism = mena_tip.programme("programme:tunisia-national-referral-mechanism")
    assert str(mechanism.launched).startswith("2021")
    assert mechanism.launched is not None
    assert mechanism.launched.inferred
