"""Citations checked against the source texts: ``load(path, texts=...)`` and ``verify``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import mena_tip
import sample
from mena_tip import _bundle
from mena_tip.errors import DataError
from mena_tip.records import Source


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    """A folder with the sample's source text, under a name that says nothing."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "any-name.txt").write_text(sample.TEXT, encoding="utf-8")
    (folder / "binary.bin").write_bytes(b"\xff\xfe\x00")  # no text: left aside
    (folder / "subfolder").mkdir()
    return folder


def _replace(bundle: Path, name: str, items: list[Any]) -> None:
    """Write a kind file's items, with a manifest that agrees: well-formed damage."""
    data = _bundle.dumps(items)
    (bundle / name).write_bytes(data)
    manifest = json.loads((bundle / _bundle.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][name]["sha256"] = hashlib.sha256(data).hexdigest()
    (bundle / _bundle.MANIFEST).write_bytes(_bundle.dumps(manifest))


def _shift_a_citation(bundle: Path) -> str:
    """Move the first offset citation of an organization one character on (same length,
    so the record is well formed), rewrite the file and its checksum; return its ID."""
    path = bundle / "organizations.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    for item in items:
        for citation in item["citations"]:
            if "start" in citation:
                citation["start"] += 1
                citation["end"] += 1
                _replace(bundle, path.name, items)
                return str(item["id"])
    raise AssertionError("no citation by offsets in the sample's organizations")


def test_a_bundle_whose_citations_quote_their_texts_loads(sample_bundle: Path, texts: Path) -> None:
    assert len(mena_tip.load(sample_bundle, texts=texts)) == len(sample.records())
    assert mena_tip.verify(sample_bundle, texts=texts) == ()


def test_an_excerpt_the_text_does_not_bear_out_names_file_and_record(
    sample_bundle: Path, texts: Path
) -> None:
    record_id = _shift_a_citation(sample_bundle)
    mena_tip.load(sample_bundle)  # well formed: without the texts nothing shows
    with pytest.raises(DataError) as caught:
        mena_tip.load(sample_bundle, texts=texts)
    assert (caught.value.file, caught.value.record) == ("organizations.json", record_id)
    assert "quotes 'International Organization for Migration'" in str(caught.value)
    assert "the text there reads 'nternational Organization for Migration '" in str(caught.value)
    (problem,) = mena_tip.verify(sample_bundle, texts=texts)
    assert problem == str(caught.value)


def test_a_source_cited_by_offsets_needs_its_text(sample_bundle: Path, tmp_path: Path) -> None:
    empty = tmp_path / "none"
    empty.mkdir()
    with pytest.raises(DataError) as caught:
        mena_tip.load(sample_bundle, texts=empty)
    assert (caught.value.file, caught.value.record) == ("sources.json", "source:alpha")
    assert "no text has its SHA-256" in str(caught.value)
    assert mena_tip.verify(sample_bundle, texts=empty) == (str(caught.value),)


def test_a_source_without_a_checksum_cannot_be_checked(tmp_path: Path, texts: Path) -> None:
    records = [
        attrs.evolve(r, sha256=None) if isinstance(r, Source) else r for r in sample.records()
    ]
    _bundle.write(tmp_path / "b", records, sample.register(), sample.DATA_VERSION)
    with pytest.raises(DataError, match="its record has no SHA-256"):
        mena_tip.load(tmp_path / "b", texts=texts)


def test_verify_with_texts_reports_records_that_do_not_hold_together(
    sample_bundle: Path, texts: Path
) -> None:
    path = sample_bundle / "organizations.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    items[0]["parent"] = "organization:nowhere"
    _replace(sample_bundle, path.name, items)
    (problem,) = mena_tip.verify(sample_bundle, texts=texts)
    assert "organization:nowhere" in problem
    assert "organizations.json" in problem


def test_verify_reports_damaged_files_before_citations(sample_bundle: Path, texts: Path) -> None:
    (sample_bundle / "events.json").write_text("[", encoding="utf-8")
    problems = mena_tip.verify(sample_bundle, texts=texts)
    assert len(problems) == 1
    assert "events.json" in problems[0]


@pytest.mark.parametrize("folder", [3, b"texts"])
def test_texts_must_be_a_folder_path(sample_bundle: Path, folder: object) -> None:
    with pytest.raises(TypeError, match=f"texts must be a str or os.PathLike folder.*{folder!r}"):
        mena_tip.load(sample_bundle, texts=folder)  # type: ignore[arg-type]


def test_a_missing_texts_folder_is_a_data_error(sample_bundle: Path, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"no folder of source texts at .*missing"):
        mena_tip.verify(sample_bundle, texts=tmp_path / "missing")


def test_the_installed_citations_quote_the_source_texts(shared: Path) -> None:
    """Every citation by offsets of the bundled data, checked by the library itself."""
    assert mena_tip.verify(texts=shared / "sources") == ()
    mena_tip.load(Path(mena_tip.__file__).parent / "data", texts=shared / "sources")
