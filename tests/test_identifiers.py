"""Names in English, French and Arabic, acronyms, and identifiers of other datasets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mena_tip
from mena_tip.records import Organization

LOOKUPS = [
    ("ILO", "organization:ilo"),
    ("OIT", "organization:ilo"),
    ("UNODC", "organization:unodc"),
    ("ONUDC", "organization:unodc"),
    ("UNHCR", "organization:unhcr"),
    ("HCR", "organization:unhcr"),
    ("EUAA", "organization:euaa"),
    ("IOM", "organization:iom"),
    ("OIM", "organization:iom"),
    ("Organisation internationale pour les migrations", "organization:iom"),
    ("المنظمة الدولية للهجرة", "organization:iom"),
    ("Palermo Protocol", "instrument:trafficking-in-persons-protocol"),
    ("Protocole de Palerme", "instrument:trafficking-in-persons-protocol"),
    ("Palestine", "country:ps"),
    ("Q472311", "organization:iom"),
    ("wikidata:Q472311", "organization:iom"),
    ("504", "country:ma"),
    ("iso3166-1-numeric:504", "country:ma"),
    # Laws by their number, in the forms sources write it.
    ("Law No. 64 of 2010", "instrument:egypt-law-64-2010"),
    ("Law 64/2010", "instrument:egypt-law-64-2010"),
    ("64/2010", "instrument:egypt-law-64-2010"),
    ("27-14", "instrument:morocco-law-27-14"),
    ("27.14", "instrument:morocco-law-27-14"),
    ("Law 27-14", "instrument:morocco-law-27-14"),
    ("Decree 2.17.740", "instrument:morocco-decree-2-17-740"),
    ("Royal Decree 126/2008", "instrument:oman-royal-decree-126-2008"),
]


@pytest.mark.parametrize(("key", "record_id"), LOOKUPS)
def test_lookups_in_every_language_and_by_identifier(key: str, record_id: str) -> None:
    assert mena_tip.resolve(key).id == record_id


def test_a_shared_acronym_stays_ambiguous() -> None:
    with pytest.raises(mena_tip.AmbiguousIdentifier) as caught:
        mena_tip.resolve("NCCHT")
    assert len(caught.value.candidates) >= 2
    assert all("national-committee" in c for c in caught.value.candidates)


def test_every_official_number_finds_its_record() -> None:
    for law in mena_tip.instruments():
        if law.number is not None:
            assert mena_tip.instrument(law.number) == law
            within = law.jurisdiction
            assert mena_tip.resolve(law.number.replace("No. ", ""), country=within) == law


def test_a_bare_number_of_one_part_is_no_key() -> None:
    with pytest.raises(mena_tip.UnknownIdentifier):
        mena_tip.instrument("3")


def test_identifiers_are_no_names_in_text() -> None:
    assert [m.id for m in mena_tip.mentions("IOM, Q472311 and 504")] == ["organization:iom"]


def test_unhcr_keeps_both_qids_and_prefers_one() -> None:
    unhcr = mena_tip.organization("UNHCR")
    assert [i.key for i in unhcr.identifiers] == ["wikidata:Q132551"]
    claims = {c.value: c for c in unhcr.claims if c.field == "identifiers.wikidata"}
    assert set(claims) == {"Q132551", "Q28606331"}
    assert claims["Q132551"].preferred
    assert claims["Q132551"].reason
    assert not claims["Q28606331"].preferred


def test_search_ranks_the_french_name_first() -> None:
    found = mena_tip.search("Organisation internationale pour les migrations")
    assert found[0].id == "organization:iom"


LEFT_OUT = {
    # The quote says the Bureau is the ILO's secretariat: a part of it, not its name.
    "Bureau international du Travail",
    "BIT",
}


def test_every_name_and_qid_of_the_names_sheet_resolves(shared: Path) -> None:
    """Each name and Wikidata QID the sheet gives denotes its record (or, for a name two
    records share, is among the candidates)."""
    entities = json.loads((shared / "reference" / "names.json").read_text(encoding="utf-8"))
    data = mena_tip.dataset()
    problems = []
    for entity in entities:
        qid = (entity.get("wikidata") or {}).get("qid")
        owner = data.resolve(qid) if qid else None
        for name in entity["names"]:
            if name["text"] in LEFT_OUT:
                continue
            try:
                found = {data.resolve(name["text"]).id}
            except mena_tip.AmbiguousIdentifier as error:
                found = set(error.candidates)
            except mena_tip.UnknownIdentifier:
                found = set()
            if owner is not None and owner.id not in found:
                problems.append(f"{entity['entity']}: {name['text']!r} -> {sorted(found)}")
            elif not found:
                problems.append(f"{entity['entity']}: {name['text']!r} is unknown")
    assert not problems, "\n".join(problems)
    assert isinstance(data.resolve("Q8475"), Organization)  # INTERPOL


def test_show_gives_names_by_language_and_the_identifiers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mena_tip.cli import main

    assert main(["show", "IOM"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  identifiers: wikidata Q472311" in lines
    assert any(
        line.startswith("  names (fr): ")
        and "Organisation internationale pour les migrations" in line
        for line in lines
    )
    assert any(line.startswith("  names (ar): ") for line in lines)
