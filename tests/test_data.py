"""The bundled data: every citation checked against its source, claims, register, form.

Citations with offsets are checked against the editors' source texts (the ``shared``
fixture finds them; see conftest.py); citations of the ISO 3166-1 dataset against
pycountry's copy of it; citations of web pages against the quotes of the reference facts.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import re
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import mena_tip
from helpers import lookup_names
from mena_tip import _bundle
from mena_tip._dataset import Dataset
from mena_tip.errors import AmbiguousIdentifier, IdentifierRedirected
from mena_tip.names import normalize
from mena_tip.records import (
    EXCERPT_LIMIT,
    Citation,
    Country,
    Instrument,
    Record,
    Source,
    SourceKind,
    citations,
)
from mena_tip.records import claims as record_claims

RELEASED = Path(__file__).resolve().parent / "released_ids"
ISO_3166 = "source:iso-3166-1"
ISO_3166_TRANSLATIONS = "source:iso-3166-1-translations"


def cited(dataset: Dataset) -> list[tuple[Record, Citation, Source]]:
    """Every citation in the data, with the record that holds it and the source it cites."""
    found = []
    for record in dataset:
        for citation in citations(record):
            source = dataset.get(citation.source)
            assert isinstance(source, Source)
            found.append((record, citation, source))
    return found


def report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def texts(shared: Path) -> dict[str, str]:
    """The source texts by the SHA-256 of their bytes."""
    found = {}
    for path in sorted((shared / "sources").glob("*.txt")):
        data = path.read_bytes()
        found[hashlib.sha256(data).hexdigest()] = data.decode("utf-8")
    assert found, f"no source texts in {shared / 'sources'}"
    return found


@pytest.fixture(scope="module")
def quotes(shared: Path) -> dict[str, list[str]]:
    """The quotes of the reference facts, the names sheet and the events sheets, by the URL
    they quote."""
    reference = shared / "reference"
    found: dict[str, list[str]] = defaultdict(list)
    for name in ("mena_facts.json", "mena_facts_2.json"):
        for fact in json.loads((reference / name).read_text(encoding="utf-8")):
            found[fact["source_url"]].append(fact["quote"])
    for entity in json.loads((reference / "names.json").read_text(encoding="utf-8")):
        stated = [*entity["names"], *(entity.get("wikidata_corroboration") or ())]
        stated += [*(entity.get("wikidata_alternative") or ())]
        stated += [entity["wikidata"]] if entity.get("wikidata") else []
        for item in stated:
            found[item["source_url"]].append(item["quote"])
    for path in sorted((reference / "events").glob("*.json")):
        for event in json.loads(path.read_text(encoding="utf-8")):
            found[event["source"]["url"]] += [fact["quote"] for fact in event["facts"]]
    return found


def iso_3166_text() -> str:
    pycountry = pytest.importorskip("pycountry")
    path = Path(pycountry.__file__).parent / "databases" / "iso3166-1.json"
    return path.read_text(encoding="utf-8")


def iso_3166_translations(record: Record) -> set[str]:
    """The French and Arabic forms of a country's ISO names in the iso-codes catalogues."""
    pycountry = pytest.importorskip("pycountry")
    assert isinstance(record, Country)
    found = pycountry.countries.get(alpha_2=record.alpha2)
    english = [getattr(found, field, None) for field in ("name", "common_name", "official_name")]
    return {
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext(name)
        for language in ("fr", "ar")
        for name in english
        if name
    }


# -- citations ----------------------------------------------------------------------------


def test_offsets_index_the_excerpt_in_the_source_text(
    bundled: Dataset, texts: dict[str, str]
) -> None:
    problems = []
    for record, citation, source in cited(bundled):
        if citation.start is None or citation.end is None:
            continue
        text = texts.get(source.sha256 or "")
        if text is None:
            problems.append(f"{record.id}: {source.id} has no source text with its SHA-256")
        elif text[citation.start : citation.end] != citation.excerpt:
            found = text[citation.start : citation.end]
            problems.append(
                f"{record.id}: {source.id}[{citation.start}:{citation.end}] is {found!r}, "
                f"not {citation.excerpt!r}"
                + (f" (found at {text.find(citation.excerpt)})" if citation.excerpt in text else "")
            )
    assert not problems, report(problems)


def test_every_source_cited_by_offsets_has_its_text(
    bundled: Dataset, texts: dict[str, str]
) -> None:
    by_offsets = {s.id for _, c, s in cited(bundled) if c.start is not None}
    problems = [
        f"{source.id}: sha256={source.sha256!r} matches no file in shared/sources"
        for source in bundled.sources()
        if (source.id in by_offsets or source.sha256) and source.sha256 not in texts
    ]
    assert not problems, report(problems)


def test_citations_without_offsets_quote_their_source(
    bundled: Dataset, texts: dict[str, str], quotes: dict[str, list[str]]
) -> None:
    problems = []
    iso = None
    for record, citation, source in cited(bundled):
        if citation.start is not None:
            continue
        where = f"{record.id}: {citation.excerpt!r} of {source.id}"
        if source.id == ISO_3166:
            iso = iso if iso is not None else iso_3166_text()
            if citation.excerpt not in iso:
                problems.append(f"{where} is not in pycountry's databases/iso3166-1.json")
        elif source.id == ISO_3166_TRANSLATIONS:
            if citation.excerpt not in iso_3166_translations(record):
                problems.append(f"{where} is no French or Arabic ISO name of {record.id}")
        elif source.kind == SourceKind.WEB_PAGE or source.url in quotes:
            if not any(citation.excerpt in quote for quote in quotes.get(source.url or "", ())):
                problems.append(f"{where} is in no quote of {source.url} in the reference facts")
        elif source.sha256 in texts:
            if citation.excerpt not in texts[source.sha256]:
                problems.append(f"{where} is not in the source text")
        else:
            problems.append(f"{where}: nothing to check the excerpt against")
    assert not problems, report(problems)


def test_excerpts_are_short_and_not_blank(bundled: Dataset) -> None:
    for record, citation, _ in cited(bundled):
        assert citation.excerpt.strip(), record.id
        assert len(citation.excerpt) <= EXCERPT_LIMIT, record.id


def test_every_record_is_cited(bundled: Dataset) -> None:
    for record in bundled:
        if isinstance(record, Source):
            # A source's own citations quote where its text states its title, date...
            assert all(c.source == record.id for c in record.citations), record.id
        else:
            assert record.citations, record.id


def test_offsets_only_for_sources_with_a_text(bundled: Dataset) -> None:
    for record, citation, source in cited(bundled):
        if citation.start is not None:
            assert source.sha256, f"{record.id} cites {source.id} by offset, which has no sha256"
        assert source.sha256 is None or re.fullmatch("[0-9a-f]{64}", source.sha256), source.id


# -- claims -------------------------------------------------------------------------------


def claim_owners(record: Record) -> list[tuple[str, Any]]:
    """The record and each of its parts that can hold claims, with a label for messages."""
    owners: list[tuple[str, Any]] = [(record.id, record)]
    if isinstance(record, Instrument):
        owners += [(f"{record.id}.actions[{a.country}]", a) for a in record.actions]
    return owners


_NO_FIELD = object()


def claimed(owner: Any, field: str) -> object:
    """The value a claim's field names: a field, or ``identifiers.<scheme>`` for the value
    of the owner's identifier in that scheme."""
    scheme = field.removeprefix("identifiers.")
    if scheme != field:
        found = [i.value for i in getattr(owner, "identifiers", ()) if i.scheme == scheme]
        return found[0] if len(found) == 1 else _NO_FIELD
    return getattr(owner, field, _NO_FIELD)


def test_each_claimed_field_has_one_preferred_claim_holding_its_value(bundled: Dataset) -> None:
    problems = []
    for record in bundled:
        for label, owner in claim_owners(record):
            by_field = defaultdict(list)
            for claim in owner.claims:
                by_field[claim.field].append(claim)
            for field, found in by_field.items():
                preferred = [claim for claim in found if claim.preferred]
                value = claimed(owner, field)
                if value is _NO_FIELD:
                    problems.append(f"{label}: a claim about {field!r}, which it has no field")
                elif len(preferred) != 1:
                    problems.append(f"{label}.{field}: {len(preferred)} preferred claims")
                elif preferred[0].value != str(value):
                    problems.append(
                        f"{label}.{field} is {str(value)!r}, but the "
                        f"preferred claim says {preferred[0].value!r}"
                    )
                if any(not claim.reason for claim in preferred):
                    problems.append(f"{label}.{field}: the preferred claim gives no reason")
    assert not problems, report(problems)


def test_claims_lists_every_claim_with_its_path(bundled: Dataset) -> None:
    for record in bundled:
        expected = [
            (claim.field if owner is record else f"actions[{owner.country}].{claim.field}", claim)
            for _, owner in claim_owners(record)
            for claim in owner.claims
        ]
        assert list(record_claims(record)) == expected


# -- register and released IDs ------------------------------------------------------------


def test_register_lists_every_record_as_active(bundled: Dataset, data_folder: Any) -> None:
    listed = [entry.id for entry in _bundle.read(data_folder).register]
    assert listed == sorted(set(listed)), "the register lists IDs in order, each once"
    entries = {entry.id: entry for entry in bundled.register}
    for record in bundled:
        assert record.id in entries, f"{record.id} is not in the register"
        assert entries[record.id].status == "active", record.id
    for entry in bundled.register:
        if entry.status == "active":
            assert entry.id in bundled, f"{entry.id} is active but has no record"


def test_retired_ids_redirect_to_records_or_say_why_they_were_withdrawn(
    bundled: Dataset,
) -> None:
    for entry in bundled.register:
        assert re.fullmatch(r"\d{4}\.\d{2}", entry.since), entry
        assert entry.since <= bundled.data_version, entry
        if entry.status == "redirect":
            assert entry.target is not None, entry
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", IdentifierRedirected)
                assert bundled.get(entry.target).id in bundled
        elif entry.status == "withdrawn":
            assert entry.reason, f"{entry.id} was withdrawn without a reason"
            assert entry.release, f"{entry.id} was withdrawn without the release"


def test_no_published_id_ever_disappears(bundled: Dataset) -> None:
    snapshots = sorted(RELEASED.glob("*.txt"))
    assert RELEASED / f"{mena_tip.DATA_VERSION}.txt" in snapshots
    registered = {entry.id for entry in bundled.register}
    for snapshot in snapshots:
        ids = snapshot.read_text(encoding="utf-8").splitlines()
        assert ids == sorted(set(ids)), f"{snapshot.name}: one ID a line, sorted, each once"
        missing = sorted(set(ids) - registered)
        assert not missing, f"IDs published in {snapshot.stem} are not in the register: {missing}"


# -- form ---------------------------------------------------------------------------------


def test_data_files_are_canonical(data_folder: Any, tmp_path: Path) -> None:
    bundle = _bundle.read(data_folder)
    _bundle.write(tmp_path, bundle.records, bundle.register, bundle.data_version)
    for name in sorted([*_bundle.FILES.values(), _bundle.REGISTER, _bundle.MANIFEST]):
        written = (tmp_path / name).read_bytes()
        assert (data_folder / name).read_bytes() == written, (
            f"{name} is not canonical: run python tools/bundle.py"
        )


def test_bundle_holds_only_its_files(data_folder: Any) -> None:
    assert mena_tip.verify() == ()
    names = {entry.name for entry in data_folder.iterdir() if entry.name.endswith(".json")}
    assert names == {*_bundle.FILES.values(), _bundle.REGISTER, _bundle.MANIFEST}


def test_every_name_finds_its_record(bundled: Dataset) -> None:
    problems = []
    for record in bundled:
        for name in filter(normalize, lookup_names(record)):
            for kind in (None, record.KIND):
                try:
                    found = bundled.resolve(name, kind)
                except AmbiguousIdentifier as error:
                    if record.id not in error.candidates:
                        problems.append(f"{name!r} is ambiguous, but not with {record.id}")
                else:
                    if found is not record:
                        problems.append(f"{name!r} finds {found.id}, not {record.id}")
    assert not problems, report(problems)
