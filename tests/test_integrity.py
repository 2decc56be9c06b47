"""mena_tip._integrity: each check names the record at fault and what is wrong, never a file
(the readers add it: see test_dataset.py's integrity tests, through load() and read_csv)."""

from __future__ import annotations

from typing import Any, cast

import attrs
import pytest

import sample
from mena_tip import _integrity
from mena_tip._bundle import RegisterEntry
from mena_tip.errors import DataError


def test_a_sound_release_passes() -> None:
    records = sample.records()
    by_id = _integrity.unique(records)
    assert list(by_id) == [r.id for r in records]
    _integrity.check(records, by_id)
    _integrity.check_register(sample.register(), {"person:gone", *by_id})


def test_the_first_problem_in_the_order_given_is_raised() -> None:
    records = [r for r in sample.records() if r.id != "programme:rdpp"]
    by_id = _integrity.unique(records)
    referrers = ["programme:rdpp-phase-6", "programme:jtip"]
    for first in (referrers, referrers[::-1]):
        ordered = [by_id[i] for i in first] + [r for r in records if r.id not in first]
        with pytest.raises(DataError) as caught:
            _integrity.check(ordered, by_id)
        assert (caught.value.file, caught.value.record) == (None, first[0])


def test_a_parent_of_a_kind_not_allowed_is_named() -> None:
    records = [
        attrs.evolve(cast(Any, r), parent="country:eg") if r.id == "organization:iom-egypt" else r
        for r in sample.records()
    ]
    with pytest.raises(DataError) as caught:
        _integrity.check(records, _integrity.unique(records))
    assert caught.value.record == "organization:iom-egypt"
    assert caught.value.message == (
        "parent refers to 'country:eg', which is a country; expected organization"
    )


def test_an_active_entry_needs_a_record() -> None:
    """The register may redirect or withdraw an ID whose record is gone, not list it active."""
    entries = sample.register()
    with pytest.raises(DataError) as caught:
        _integrity.check_register(entries, {r.id for r in sample.records()})
    assert (caught.value.file, caught.value.record) == (None, "person:gone")
    assert "add a redirect or a withdrawal" in str(caught.value)
    gone = RegisterEntry("person:gone", "2026.05", "withdrawn", release="2026.11", reason="x")
    kept = [gone if e.id == "person:gone" else e for e in entries]
    _integrity.check_register(kept, {r.id for r in sample.records()})
