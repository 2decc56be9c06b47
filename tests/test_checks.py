"""mena_tip._checks: each check of caller input returns the value in the package's form, or
raises the documented TypeError or ValueError naming the argument and the value."""

from __future__ import annotations

import datetime

import pytest

import sample
from mena_tip import _checks
from mena_tip._bundle import RegisterEntry
from mena_tip.dates import PartialDate
from mena_tip.records import Country, Organization


def test_kinds_of_a_kind_a_class_or_an_iterable_of_them() -> None:
    assert _checks.kinds("country") == {"country"}
    assert _checks.kinds(Country) == {"country"}
    assert _checks.kinds(["country", Organization]) == {"country", "organization"}
    assert _checks.kinds(()) == frozenset()


@pytest.mark.parametrize("value", [7, None, b"country", sample.dataset().get("country:ma")])
def test_kinds_of_what_names_no_kinds_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match=r"kinds must be a record kind, .* not "):
        _checks.kinds(value)


def test_unknown_kinds_are_value_errors_naming_them() -> None:
    with pytest.raises(ValueError, match=r"kinds=\['country', 'planet'\]: \['planet'\] are not"):
        _checks.kinds(["country", "planet"])
    with pytest.raises(ValueError, match=r"where=<class 'int'>: \[<class 'int'>\] are not record"):
        _checks.kinds(int, "where")


def test_each_item_of_a_collection_must_be_of_the_kind() -> None:
    entry = RegisterEntry("country:ma", "2026.11")
    assert _checks.each((entry,), "register", RegisterEntry, "a RegisterEntry") == [entry]
    with pytest.raises(TypeError, match="not a RegisterEntry: 'country:ma'"):
        _checks.each([entry, "country:ma"], "register", RegisterEntry, "a RegisterEntry")
    with pytest.raises(TypeError, match="register must be an iterable"):
        _checks.each("country:ma", "register", RegisterEntry, "a RegisterEntry")


def test_text_key_and_dated() -> None:
    assert _checks.text("2026.11", "data_version") == "2026.11"
    with pytest.raises(TypeError, match="an ID must be a str, not int: 7"):
        _checks.text(7, "an ID")
    morocco = sample.dataset().get("country:ma")
    assert _checks.key(morocco) == "country:ma"
    assert _checks.key("Morocco") == "Morocco"
    with pytest.raises(TypeError, match=r"a key must be a str .* or a record, not bytes: b'MA'"):
        _checks.key(b"MA")
    assert _checks.dated(datetime.date(2024, 5, 1), "since") == PartialDate(2024, 5, 1)
    with pytest.raises(ValueError, match="until='--05-16' has no year"):
        _checks.dated("--05-16", "until")
