"""mena_tip.diff and mena-tip diff: what changed from one data release to another."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import mena_tip
import sample
from mena_tip import DataError, Dataset, FieldChange, Removal
from mena_tip._convert import to_dict
from mena_tip.cli import main
from mena_tip.dates import PartialDate
from mena_tip.records import Event, Name, NameKind, Organization, Person, Post, Record
from strategies import datasets


def older() -> Dataset:
    """The sample as an earlier release: two records since merged or withdrawn, one the
    new register forgot, an organization's founding and a post that changed since."""
    records = {r.id: r for r in sample.records()}
    iom = records["organization:iom"]
    launch = records["event:jtip-launch-rabat"]
    assert isinstance(iom, Organization)
    assert isinstance(launch, Event)
    records["organization:iom"] = attrs.evolve(iom, founded=PartialDate.parse("1951"))
    person = records["person:sample-alpha"]
    assert isinstance(person, Person)
    posts = tuple(attrs.evolve(post, head=not post.head) for post in person.posts)
    records[person.id] = attrs.evolve(person, posts=posts)
    gone: list[Record] = [
        attrs.evolve(iom, id="organization:iom-mena", other_names=()),
        attrs.evolve(launch, id="event:duplicate-launch", related=()),
        attrs.evolve(iom, id="organization:unregistered", other_names=()),
    ]
    return Dataset([*records.values(), *gone], data_version="2026.05")


def test_a_release_has_no_difference_with_itself() -> None:
    found = mena_tip.diff(mena_tip.dataset())
    assert not found
    assert (found.old_version, found.new_version) == (mena_tip.DATA_VERSION,) * 2
    assert str(found).splitlines() == [
        f"data {mena_tip.DATA_VERSION} -> {mena_tip.DATA_VERSION}: 0 added, 0 removed, 0 changed"
    ]


def test_added_removed_and_changed_field_by_field() -> None:
    new = sample.dataset()
    found = mena_tip.diff(older(), new)
    assert found
    assert found.added == ()
    assert found.removed == (
        Removal(
            "event:duplicate-launch",
            "withdrawn",
            None,
            "the same event as event:jtip-launch-rabat",
        ),
        Removal("organization:iom-mena", "redirect", "organization:iom", "merged"),
        Removal("organization:unregistered", None, None, None),
    )
    person = new.person("person:sample-alpha")
    assert found.changed == (
        FieldChange("organization:iom", "founded", "1951", None),
        *(
            FieldChange(
                person.id, f"posts[{i}].head", None if post.head else True, post.head or None
            )
            for i, post in enumerate(person.posts)
        ),
    )
    back = mena_tip.diff(new, older())
    assert back.added == tuple(removal.id for removal in found.removed)
    assert back.removed == ()


def test_the_text_form_says_what_became_of_each_removed_id() -> None:
    text = str(mena_tip.diff(older(), sample.dataset())).splitlines()
    assert text[0] == f"data 2026.05 -> {sample.DATA_VERSION}: 0 added, 3 removed, 2 changed"
    assert text[1:4] == [
        "removed  event:duplicate-launch (withdrawn: the same event as event:jtip-launch-rabat)",
        "removed  organization:iom-mena (redirected to organization:iom: merged)",
        "removed  organization:unregistered (not in the new register)",
    ]
    assert text[4:6] == ["changed  organization:iom", '  founded: "1951" -> (none)']
    assert text[6] == "changed  person:sample-alpha"


def test_the_markdown_form_lists_ids_by_kind_and_the_fields_changed() -> None:
    launch = sample.dataset().event("event:jtip-launch-rabat")
    added = attrs.evolve(launch, id="event:added")
    new = Dataset([*sample.records(), added], sample.register(), sample.DATA_VERSION)
    lines = mena_tip.diff(older(), new).to_markdown().splitlines()
    assert lines[:3] == [
        f"Data 2026.05 → {sample.DATA_VERSION}: 1 records added, 3 removed, 2 changed.",
        "",
        "- Added events (1): `event:added`",
    ]
    assert lines[3:] == [
        "- Removed `event:duplicate-launch` (withdrawn: the same event as event:jtip-launch-rabat)",
        "- Removed `organization:iom-mena` (redirected to `organization:iom`: merged)",
        "- Removed `organization:unregistered` (not in the new register)",
        "- Changed `organization:iom`: `founded`",
        "- Changed `person:sample-alpha`: `posts`",
    ]


def test_the_changelog_lists_what_the_diff_from_the_last_release_finds() -> None:
    """The data section of the changelog holds ``mena-tip diff --markdown`` from the
    previous release, kept in tests/releases as published, to the bundled data."""
    root = Path(__file__).resolve().parents[1]
    if not (root / "tools" / "changelog.py").exists():
        pytest.skip("a checkout's tools/ and CHANGELOG.md (not in the wheel)")
    spec = importlib.util.spec_from_file_location("changelog", root / "tools" / "changelog.py")
    assert spec is not None
    assert spec.loader is not None
    changelog = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(changelog)
    previous = mena_tip.load(changelog.RELEASE)
    assert previous.data_version == changelog.PREVIOUS
    released = (root / "tests" / "released_ids" / f"{changelog.PREVIOUS}.txt").read_text()
    assert sorted(r.id for r in previous) == released.splitlines()
    text = changelog.CHANGELOG.read_text(encoding="utf-8")
    assert changelog.spliced(text) == text, "run python tools/changelog.py"
    diff = mena_tip.diff(previous)
    block = text[text.index(changelog.BEGIN) : text.index(changelog.END)]
    assert all(f"`{record_id}`" in block for record_id in diff.added)


def test_long_values_are_cut_in_the_text_form_only() -> None:
    iom = sample.dataset().organization("organization:iom")
    long = Name("x" * 200, NameKind.VARIANT, citations=iom.citations)
    new = Dataset(
        [
            attrs.evolve(iom, other_names=(*iom.other_names, long)) if r.id == iom.id else r
            for r in sample.records()
        ]
    )
    found = mena_tip.diff(sample.dataset(), new)
    (change,) = found.changed
    assert change.path == f"other_names[{len(iom.other_names)}]"
    line = str(found).splitlines()[-1]
    assert line.endswith("…")
    assert len(line) < 200
    assert "x" * 200 in json.dumps(found.to_json())


@given(old=datasets(), new=datasets())
def test_a_diff_read_backwards_is_the_reverse_diff(old: Dataset, new: Dataset) -> None:
    forward, backward = mena_tip.diff(old, new), mena_tip.diff(new, old)
    old_ids, new_ids = {r.id for r in old}, {r.id for r in new}
    assert set(forward.added) == new_ids - old_ids == {r.id for r in backward.removed}
    assert set(backward.added) == old_ids - new_ids == {r.id for r in forward.removed}
    differ = {i for i in old_ids & new_ids if old.get(i) != new.get(i)}
    assert {change.id for change in forward.changed} == differ
    assert [(c.id, c.path, c.new, c.old) for c in backward.changed] == [
        (c.id, c.path, c.old, c.new) for c in forward.changed
    ]
    assert all(change.old != change.new for change in forward.changed)
    assert bool(forward) == bool(new_ids ^ old_ids or differ)


@given(data=datasets())
def test_a_dataset_has_no_difference_with_itself(data: Dataset) -> None:
    assert not mena_tip.diff(data, data)
    assert mena_tip.diff(data, data).to_json() == {
        "old": data.data_version,
        "new": data.data_version,
        "added": [],
        "removed": [],
        "changed": [],
    }


def test_changes_name_the_path_in_the_json_form() -> None:
    person = sample.dataset().person("person:sample-alpha")
    post = Post("Head of Office", person.citations, "organization:iom")
    new = Dataset(
        [
            attrs.evolve(person, posts=(*person.posts, post)) if r.id == person.id else r
            for r in sample.records()
        ]
    )
    (change,) = mena_tip.diff(sample.dataset(), new).changed
    assert change.path == f"posts[{len(person.posts)}]"
    assert (change.old, change.new) == (None, to_dict(new.person(person.id))["posts"][-1])


def test_bundle_folders_are_read_as_load_reads_them(tmp_path: Path) -> None:
    root = sample.write(tmp_path / "bundle")
    assert not mena_tip.diff(root, str(root))
    with pytest.raises(DataError):
        mena_tip.diff(tmp_path / "missing", root)


@pytest.mark.parametrize("bad", [None, 3, ["a folder"]])
def test_what_is_no_release_is_refused(bad: Any) -> None:
    with pytest.raises(TypeError, match="old must be a Dataset or a bundle folder"):
        mena_tip.diff(bad)
    with pytest.raises(TypeError, match="new must be a Dataset or a bundle folder"):
        mena_tip.diff(sample.dataset(), bad if bad is not None else 3)  # type: ignore[arg-type]


# -- the command -------------------------------------------------------------------------


def test_the_command_compares_two_bundles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = sample.write(tmp_path / "old")
    new = tmp_path / "new"
    records = [r for r in sample.records() if r.id != "statistic:ma-victims-2024"]
    from mena_tip import _bundle

    _bundle.write(new, records, sample.register(), "2026.12")
    assert main(["diff", str(old), str(new)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[:2] == [
        f"data {sample.DATA_VERSION} -> 2026.12: 0 added, 1 removed, 0 changed",
        "removed  statistic:ma-victims-2024 (active)",
    ]
    assert main(["diff", str(old), str(new), "--json"]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert shape["removed"] == [
        {"id": "statistic:ma-victims-2024", "status": "active", "target": None, "reason": None}
    ]
    assert main(["diff", str(old), str(new), "--markdown"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[2] == "- Removed `statistic:ma-victims-2024` (active)"
    )
    # Against the installed data by default, or the bundle --data names.
    assert main(["diff", str(old), "--data", str(old)]) == 0
    assert "0 added, 0 removed, 0 changed" in capsys.readouterr().out


def test_the_command_refuses_what_is_no_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(tmp_path / "missing")]) in (1, 2)
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("mena-tip: ")
    assert "missing" in err


def test_keys_one_object_lacks_are_in_one_order_whichever_way_the_diff_is_read() -> None:
    from mena_tip._diff import _keys

    old, new = ["id", "language", "text"], ["id", "citations", "text", "kind"]
    assert _keys(old, new) == _keys(new, old) == ["id", "citations", "language", "text", "kind"]
    assert sorted(_keys(["a", "b"], ["b", "a"])) == ["a", "b"]  # orders disagree: each once
