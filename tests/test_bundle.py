"""mena_tip._bundle: writing canonical bundles, reading them back, and finding damage."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import mena_tip
import sample
from mena_tip import _bundle
from mena_tip._bundle import FILES, MANIFEST, REGISTER, RegisterEntry, dumps, read, verify, write
from mena_tip.errors import DataError
from strategies import Parts, dataset_parts

ALL_FILES = sorted([*FILES.values(), REGISTER, MANIFEST])


def load_json(root: Path, name: str) -> Any:
    return json.loads((root / name).read_text(encoding="utf-8"))


def damage(
    root: Path, name: str, data: bytes, *, refresh: bool = True, records: int | None = None
) -> None:
    """Replace a file's bytes; with ``refresh``, make the manifest agree with them."""
    (root / name).write_bytes(data)
    if refresh:
        manifest = load_json(root, MANIFEST)
        manifest["files"][name]["sha256"] = hashlib.sha256(data).hexdigest()
        if records is not None:
            manifest["files"][name]["records"] = records
        (root / MANIFEST).write_bytes(dumps(manifest))


def replace_items(root: Path, name: str, items: list[Any]) -> None:
    """Replace a file's items, with a manifest that agrees with the new file."""
    damage(root, name, dumps(items), records=len(items))


def edit_manifest(root: Path, change: dict[str, Any]) -> None:
    manifest = load_json(root, MANIFEST)
    manifest.update(change)
    (root / MANIFEST).write_bytes(dumps(manifest))


def read_error(root: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read(root)
    return caught.value


def load_error(root: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        mena_tip.load(root)
    return caught.value


# -- round trip and canonical form --------------------------------------------------------


@given(dataset_parts())
def test_write_read_round_trip(parts: Parts) -> None:
    """Reading a written bundle gives back its records, register and data version."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "bundle"
        write(root, parts.records, parts.register, parts.data_version)
        bundle = read(root)
        assert sorted(f.name for f in root.iterdir()) == ALL_FILES
        assert verify(root) == ()
    assert bundle.data_version == parts.data_version
    assert sorted(bundle.records, key=lambda r: r.id) == sorted(parts.records, key=lambda r: r.id)
    assert list(bundle.register) == sorted(parts.register, key=lambda e: e.id)


@given(dataset_parts())
def test_rewriting_what_was_read_changes_no_byte(parts: Parts) -> None:
    """A bundle is canonical: writing the records read from it reproduces every byte."""
    with tempfile.TemporaryDirectory() as scratch:
        first, second = Path(scratch) / "first", Path(scratch) / "second"
        write(first, reversed(parts.records), reversed(parts.register), parts.data_version)
        bundle = read(first)
        write(second, bundle.records, bundle.register, bundle.data_version)
        for name in ALL_FILES:
            assert (first / name).read_bytes() == (second / name).read_bytes(), name


@given(dataset_parts())
def test_files_are_sorted_and_agree_with_the_manifest(parts: Parts) -> None:
    """Each file lists its kind's records sorted by ID; the manifest has its hash and count."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write(root, parts.records, parts.register, parts.data_version)
        manifest = load_json(root, MANIFEST)
        assert manifest["format"] == _bundle.FORMAT
        assert manifest["data_version"] == parts.data_version
        assert list(manifest["files"]) == sorted(manifest["files"])
        for kind, name in FILES.items():
            items = load_json(root, name)
            ids = [item["id"] for item in items]
            assert ids == sorted(r.id for r in parts.records if kind == r.KIND)
            data = (root / name).read_bytes()
            assert manifest["files"][name] == {
                "records": len(items),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            assert data == dumps(items)


def test_dumps_is_one_space_indented_utf8_with_a_final_newline() -> None:
    assert dumps([{"a": "é"}]) == '[\n {\n  "a": "é"\n }\n]\n'.encode()
    assert dumps([]) == b"[]\n"


def test_an_empty_bundle_round_trips(tmp_path: Path) -> None:
    write(tmp_path, [], [], "2026.11")
    assert (tmp_path / "events.json").read_bytes() == b"[]\n"
    bundle = read(tmp_path)
    assert bundle.records == ()
    assert bundle.register == ()
    assert len(mena_tip.load(tmp_path)) == 0


def test_write_rejects_what_is_no_record(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="not a record"):
        write(tmp_path, [{"id": "organization:x"}], [], "2026.11")  # type: ignore[list-item]


def test_write_makes_missing_folders(tmp_path: Path) -> None:
    root = sample.write(tmp_path / "a" / "b")
    assert verify(root) == ()


def test_read_accepts_a_traversable(data_folder: Any) -> None:
    bundle = read(data_folder)
    assert bundle.data_version == mena_tip.DATA_VERSION


# -- damage -------------------------------------------------------------------------------


def test_truncated_file_fails_its_checksum(sample_bundle: Path) -> None:
    data = (sample_bundle / "events.json").read_bytes()
    damage(sample_bundle, "events.json", data[: len(data) // 2], refresh=False)
    error = read_error(sample_bundle)
    assert error.file == "events.json"
    assert "SHA-256" in str(error)
    assert "events.json" in str(error)


def test_truncated_file_with_a_matching_checksum_is_no_json(sample_bundle: Path) -> None:
    data = (sample_bundle / "events.json").read_bytes()
    damage(sample_bundle, "events.json", data[: len(data) // 2])
    error = read_error(sample_bundle)
    assert error.file == "events.json"
    assert "not valid JSON (truncated or damaged?)" in str(error)
    assert "line" in str(error)


def test_wrong_checksum_in_the_manifest(sample_bundle: Path) -> None:
    manifest = load_json(sample_bundle, MANIFEST)
    manifest["files"]["persons.json"]["sha256"] = "0" * 64
    (sample_bundle / MANIFEST).write_bytes(dumps(manifest))
    error = read_error(sample_bundle)
    assert error.file == "persons.json"
    assert "differs from the manifest's " + "0" * 64 in str(error)


def test_missing_file(sample_bundle: Path) -> None:
    (sample_bundle / "programmes.json").unlink()
    error = read_error(sample_bundle)
    assert error.file == "programmes.json"
    assert "cannot read the file" in str(error)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json\n", "not valid JSON"),
        (b"", "not valid JSON"),
        (b"\xff\xfe[]", "not UTF-8 text"),
        (b'{"id": "event:x"}\n', "expected a list of"),
        (b"null\n", "expected a list of"),
    ],
)
def test_file_that_is_no_list_of_records(sample_bundle: Path, data: bytes, message: str) -> None:
    damage(sample_bundle, "events.json", data)
    error = read_error(sample_bundle)
    assert error.file == "events.json"
    assert message in str(error)


def test_wrong_record_count(sample_bundle: Path) -> None:
    manifest = load_json(sample_bundle, MANIFEST)
    manifest["files"]["countries.json"]["records"] = 4
    (sample_bundle / MANIFEST).write_bytes(dumps(manifest))
    error = read_error(sample_bundle)
    assert error.file == "countries.json"
    assert "expected a list of 4 records" in str(error)


def test_unsorted_ids(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "countries.json")
    items.reverse()
    replace_items(sample_bundle, "countries.json", items)
    error = read_error(sample_bundle)
    assert (error.file, error.record) == ("countries.json", items[1]["id"])
    assert "sorted by ID" in str(error)


def test_duplicated_ids(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "countries.json")
    replace_items(sample_bundle, "countries.json", [items[0], *items])
    error = read_error(sample_bundle)
    assert (error.file, error.record) == ("countries.json", items[0]["id"])
    assert "each ID once" in str(error)


def test_id_of_another_kind_in_a_file(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "events.json")
    stray = load_json(sample_bundle, "organizations.json")[0]
    replace_items(sample_bundle, "events.json", [stray, *items])
    error = read_error(sample_bundle)
    assert (error.file, error.record) == ("events.json", repr(stray["id"]))
    assert "expected a event record" in str(error)


@pytest.mark.parametrize("item", ["event:x", None, [], {"title": "no id"}, {"id": 5}])
def test_item_without_an_id(sample_bundle: Path, item: object) -> None:
    replace_items(sample_bundle, "events.json", [item])
    error = read_error(sample_bundle)
    assert error.file == "events.json"
    assert error.record is not None


def test_malformed_record_names_file_and_record(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "events.json")
    items[0]["start"] = "2024-13-45"
    replace_items(sample_bundle, "events.json", items)
    error = read_error(sample_bundle)
    assert error.file == "events.json"
    assert items[0]["id"] in str(error)
    assert "not a date: '2024-13-45'" in str(error)
    assert error.record == items[0]["id"]


def test_dangling_reference(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "events.json")
    target = next(i for i in items if i["id"] == "event:jtip-launch-rabat")
    target["programme"] = "programme:nowhere"
    replace_items(sample_bundle, "events.json", items)
    read(sample_bundle)  # the files are intact; the references are not
    error = load_error(sample_bundle)
    assert (error.file, error.record) == ("events.json", "event:jtip-launch-rabat")
    assert "programme refers to 'programme:nowhere', which is no record" in str(error)


def test_reference_to_a_record_of_a_kind_it_may_not_name(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "organizations.json")
    items[0]["parent"] = "country:ma"
    replace_items(sample_bundle, "organizations.json", items)
    error = load_error(sample_bundle)
    assert (error.file, error.record) == ("organizations.json", items[0]["id"])
    assert "which is a country; expected organization" in str(error)


def test_citation_of_what_is_no_source(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "persons.json")
    items[-1]["citations"][0]["source"] = "organization:iom"
    replace_items(sample_bundle, "persons.json", items)
    error = load_error(sample_bundle)
    assert (error.file, error.record) == ("persons.json", items[-1]["id"])
    assert "a citation refers to 'organization:iom', which is no source" in str(error)


@pytest.mark.parametrize(
    "register",
    [
        {"id": "organization:iom", "since": "2026.11"},
        [{"id": "organization:iom"}],
        [{"id": "organization:iom", "since": "2026.11", "status": "retired"}],
        [{"id": "organization:iom", "since": "2026.11", "note": "x"}],
        [{"id": 5, "since": "2026.11"}],
        ["organization:iom"],
    ],
)
def test_malformed_register(sample_bundle: Path, register: Any) -> None:
    size = len(register) if isinstance(register, list) else 1
    damage(sample_bundle, REGISTER, dumps(register), records=size)
    error = read_error(sample_bundle)
    assert error.file == REGISTER


@pytest.mark.parametrize("change", ["duplicate", "unsorted"])
def test_register_ids_are_sorted_and_listed_once(sample_bundle: Path, change: str) -> None:
    # Like the record files: a register entry given twice leaves an ID's status ambiguous.
    entries = load_json(sample_bundle, REGISTER)
    if change == "duplicate":
        entries.insert(1, {**entries[0], "status": "withdrawn", "reason": "x", "release": "x"})
    else:
        entries.reverse()
    damage(sample_bundle, REGISTER, dumps(entries), records=len(entries))
    error = read_error(sample_bundle)
    assert error.file == REGISTER


def test_missing_manifest(sample_bundle: Path) -> None:
    (sample_bundle / MANIFEST).unlink()
    error = read_error(sample_bundle)
    assert error.file == MANIFEST
    assert "cannot read the file" in str(error)
    assert verify(sample_bundle) == (str(error),)


def test_manifest_that_is_no_json(sample_bundle: Path) -> None:
    (sample_bundle / MANIFEST).write_bytes(b"{")
    assert read_error(sample_bundle).file == MANIFEST


def _without_files_entry(manifest: dict[str, Any]) -> None:
    del manifest["files"]["events.json"]


def _with_extra_files_entry(manifest: dict[str, Any]) -> None:
    manifest["files"]["extra.json"] = {"records": 0, "sha256": "0" * 64}


def _with_bad_sha(manifest: dict[str, Any]) -> None:
    manifest["files"]["events.json"]["sha256"] = None


def _with_entry_no_dict(manifest: dict[str, Any]) -> None:
    manifest["files"]["events.json"] = "0" * 64


MANIFEST_DAMAGE: list[Any] = [
    {"format": 0},
    {"format": "1"},
    {"format": None},
    {"data_version": 2026.11},
    {"files": []},
    {"files": None},
    _without_files_entry,
    _with_extra_files_entry,
    _with_bad_sha,
    _with_entry_no_dict,
]


@pytest.mark.parametrize("change", MANIFEST_DAMAGE)
def test_malformed_manifest(sample_bundle: Path, change: Any) -> None:
    manifest = load_json(sample_bundle, MANIFEST)
    if callable(change):
        change(manifest)
    else:
        manifest.update(change)
    (sample_bundle / MANIFEST).write_bytes(dumps(manifest))
    error = read_error(sample_bundle)
    assert error.file == MANIFEST
    assert "expected {'format': 1" in str(error)
    assert verify(sample_bundle) == (str(error),)


@pytest.mark.parametrize("manifest", [[], "manifest", None, 1])
def test_manifest_that_is_no_object(sample_bundle: Path, manifest: object) -> None:
    (sample_bundle / MANIFEST).write_bytes(dumps(manifest))
    assert read_error(sample_bundle).file == MANIFEST


def test_newer_format_asks_for_an_upgrade(sample_bundle: Path) -> None:
    edit_manifest(sample_bundle, {"format": _bundle.FORMAT + 1})
    error = read_error(sample_bundle)
    assert error.file == MANIFEST
    assert "upgrade mena-tip" in str(error)


def test_manifest_format_must_be_the_integer(sample_bundle: Path) -> None:
    # A JSON true or 1.0 is no format number (the converter never takes a bool for an int).
    for fake in (True, 1.0):
        edit_manifest(sample_bundle, {"format": fake})
        with pytest.raises(DataError):
            read(sample_bundle)


def test_manifest_record_counts_must_be_integers(sample_bundle: Path) -> None:
    items = load_json(sample_bundle, "countries.json")[:1]
    replace_items(sample_bundle, "countries.json", items)
    manifest = load_json(sample_bundle, MANIFEST)
    manifest["files"]["countries.json"]["records"] = True  # == 1 in Python, not in JSON
    (sample_bundle / MANIFEST).write_bytes(dumps(manifest))
    with pytest.raises(DataError) as caught:
        read(sample_bundle)
    assert caught.value.file in {MANIFEST, "countries.json"}


# -- verify -------------------------------------------------------------------------------


def test_verify_of_an_intact_bundle_is_empty(sample_bundle: Path) -> None:
    (sample_bundle / "README.txt").write_text("not a bundle file", encoding="utf-8")
    assert verify(sample_bundle) == ()


def test_verify_lists_each_problem(sample_bundle: Path) -> None:
    damage(sample_bundle, "events.json", b"[]\n", refresh=False)
    (sample_bundle / "persons.json").unlink()
    (sample_bundle / "extra.json").write_text("[]\n", encoding="utf-8")
    manifest = load_json(sample_bundle, MANIFEST)
    manifest["files"]["countries.json"]["records"] = 9
    (sample_bundle / MANIFEST).write_bytes(dumps(manifest))
    problems = verify(sample_bundle)
    assert len(problems) == 4
    assert problems[0] == "file extra.json: not listed in the manifest"
    assert problems[1].startswith("file countries.json: expected a list of 9 records")
    assert problems[2].startswith("file events.json: SHA-256")
    assert problems[3].startswith("file persons.json: cannot read the file")


def test_verify_of_a_missing_folder(tmp_path: Path) -> None:
    problems = verify(tmp_path / "nowhere")
    assert len(problems) == 1
    assert "manifest.json" in problems[0]


def test_register_entries_default_to_active() -> None:
    entry = RegisterEntry("organization:iom", "2026.11")
    assert (entry.status, entry.target, entry.release, entry.reason) == (
        "active",
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"id": "nothing"}, ValueError, "not a canonical ID: 'nothing'"),
        ({"since": None}, TypeError, "since must be a str, not NoneType: None"),
        (
            {"status": "gone"},
            ValueError,
            "status must be 'active', 'redirect' or 'withdrawn', not 'gone'",
        ),
        ({"target": "organization"}, ValueError, "not a canonical ID: 'organization'"),
        ({"reason": 5}, TypeError, "reason must be a str, not int: 5"),
    ],
)
def test_register_entries_check_their_fields(
    fields: dict[str, Any], error: type[Exception], message: str
) -> None:
    given = {"id": "organization:iom", "since": "2026.11", **fields}
    with pytest.raises(error, match=re.escape(message)):
        RegisterEntry(**given)
