"""mena_tip.dates: the forms of a partial date, its range of days, and its total order."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mena_tip.dates import PartialDate
from strategies import FORMS, dated, partial_dates


def documented_key(date: PartialDate) -> tuple[object, ...]:
    """The order the module documents, written out independently of ``sort_key``."""
    if date.year is None:
        return (1, date.month, date.day or 0, date.inferred)
    return (0, date.earliest, date.latest, date.inferred)


@pytest.mark.parametrize(
    ("text", "fields", "precision", "earliest", "latest"),
    [
        ("2024", (2024, None, None, False), "year", "2024-01-01", "2024-12-31"),
        ("2024-05", (2024, 5, None, False), "month", "2024-05-01", "2024-05-31"),
        ("2024-02", (2024, 2, None, False), "month", "2024-02-01", "2024-02-29"),
        ("2023-02", (2023, 2, None, False), "month", "2023-02-01", "2023-02-28"),
        ("2024-05-10", (2024, 5, 10, False), "day", "2024-05-10", "2024-05-10"),
        ("2024-05-10?", (2024, 5, 10, True), "day", "2024-05-10", "2024-05-10"),
        ("2019?", (2019, None, None, True), "year", "2019-01-01", "2019-12-31"),
        ("0001", (1, None, None, False), "year", "0001-01-01", "0001-12-31"),
        ("9999-12", (9999, 12, None, False), "month", "9999-12-01", "9999-12-31"),
        ("--05-16", (None, 5, 16, False), "day", None, None),
        ("--02-29", (None, 2, 29, False), "day", None, None),
        ("--05", (None, 5, None, False), "month", None, None),
        ("--05?", (None, 5, None, True), "month", None, None),
    ],
)
def test_every_form_parses_to_its_fields_and_range(
    text: str,
    fields: tuple[int | None, int | None, int | None, bool],
    precision: str,
    earliest: str | None,
    latest: str | None,
) -> None:
    date = PartialDate.parse(text)
    assert (date.year, date.month, date.day, date.inferred) == fields
    assert date.precision == precision
    assert str(date) == text
    assert repr(date) == f"PartialDate({text!r})"
    assert (None if date.earliest is None else date.earliest.isoformat()) == earliest
    assert (None if date.latest is None else date.latest.isoformat()) == latest


def test_surrounding_whitespace_is_ignored() -> None:
    assert PartialDate.parse(" 2024-05 \n") == PartialDate(2024, 5)


@given(partial_dates())
def test_str_parse_round_trip(date: PartialDate) -> None:
    """PartialDate.parse(str(d)) == d for every form."""
    assert PartialDate.parse(str(date)) == date
    assert PartialDate.coerce(str(date)) == date


@pytest.mark.parametrize("form", FORMS)
@given(data=st.data())
def test_each_form_round_trips(form: str, data: st.DataObject) -> None:
    """Each form's text reads back to the same date and prints as the same text."""
    date = data.draw(partial_dates(forms=(form,)))
    text = str(date)
    assert str(PartialDate.parse(text)) == text
    assert (date.year is None) == text.startswith("--")
    assert text.endswith("?") == date.inferred


@given(st.text(alphabet="0123456789-? x", max_size=14) | st.text(max_size=12))
def test_parse_accepts_only_the_documented_forms(text: str) -> None:
    """Any text either parses to a date that prints as the text (stripped), or is a ValueError."""
    try:
        date = PartialDate.parse(text)
    except ValueError as error:
        message = str(error)
    else:
        assert str(date) == text.strip()
        return
    assert repr(text) in message


@given(dated())
def test_earliest_is_not_after_latest(date: PartialDate) -> None:
    """earliest <= latest, both within the date's year (and month, and day)."""
    assert date.earliest is not None
    assert date.latest is not None
    assert date.earliest <= date.latest
    assert date.earliest.year == date.latest.year == date.year
    if date.month is not None:
        assert date.earliest.month == date.latest.month == date.month
    if date.day is not None:
        assert date.earliest == date.latest


@given(partial_dates(forms=("yearless-month", "yearless-day")))
def test_yearless_dates_have_no_range(date: PartialDate) -> None:
    """A date without a year has neither an earliest nor a latest day."""
    assert date.earliest is None
    assert date.latest is None


@given(partial_dates(), partial_dates())
def test_order_is_total_and_consistent_with_sort_key(a: PartialDate, b: PartialDate) -> None:
    """Exactly one of a < b, a == b, a > b holds, and each agrees with sort_key."""
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a < b) == (a.sort_key() < b.sort_key())
    assert (a <= b) == (a.sort_key() <= b.sort_key())
    assert (a > b) == (a.sort_key() > b.sort_key())
    assert (a >= b) == (a.sort_key() >= b.sort_key())
    assert (a == b) == (a.sort_key() == b.sort_key())
    if a == b:
        assert hash(a) == hash(b)


@given(partial_dates(), partial_dates())
def test_order_is_the_documented_one(a: PartialDate, b: PartialDate) -> None:
    """Dated first by earliest, latest, stated before inferred; then yearless by month, day."""
    assert (a < b) == (documented_key(a) < documented_key(b))


@given(partial_dates(), partial_dates(), partial_dates())
def test_order_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """a <= b and b <= c imply a <= c; sorting agrees with sort_key."""
    if a <= b <= c:
        assert a <= c
    assert sorted([a, b, c]) == sorted([a, b, c], key=PartialDate.sort_key)


def test_more_precise_of_two_dates_starting_together_comes_first() -> None:
    texts = ["--05-16", "2024-05-01", "2024-05", "2024-05-10?", "2024-05-10", "--05", "2024"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "2024",
        "2024-05-01",
        "2024-05",
        "2024-05-10",
        "2024-05-10?",
        "--05",
        "--05-16",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2024-13-45",
        "2024-13",
        "2024-00",
        "2024-05-00",
        "2024-04-31",
        "2023-02-29",
        "--02-30",
        "--13",
        "--00-01",
        "0000",
        "yesterday",
        "",
        " ",
        "-",
        "--",
        "-05",
        "24",
        "2024-5",
        "2024-05-1",
        "20245",
        "2024/05/10",
        "10 May 2024",
        "2024-05-10??",
        "?2024",
        "2024-05-10T00:00",
        "２０２４",
    ],
)
def test_invalid_texts_are_value_errors_naming_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        PartialDate.parse(text)


@pytest.mark.parametrize("value", [2024, None, b"2024", 2024.5, ["2024"]])
def test_non_str_is_a_type_error_naming_the_value(value: object) -> None:
    with pytest.raises(TypeError, match=re.escape(repr(value))):
        PartialDate.parse(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ((None, None, None), "without a year needs at least a month"),
        ((None, None, 5), "without a year needs at least a month"),
        ((2024, None, 5), "a day needs a month"),
        ((0, None, None), "year must be from 1 to 9999, not 0"),
        ((10000, 1, None), "year must be from 1 to 9999, not 10000"),
        ((2024, 13, None), "month must be from 1 to 12, not 13"),
        ((None, 0, None), "month must be from 1 to 12, not 0"),
        ((2023, 2, 29), "day must be from 1 to 28 in month 2, not 29"),
        ((None, 2, 30), "day must be from 1 to 29 in month 2, not 30"),
        ((2024, 1, 0), "day must be from 1 to 31 in month 1, not 0"),
    ],
)
def test_constructor_rejects_impossible_dates(
    fields: tuple[int | None, int | None, int | None], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        PartialDate(*fields)


def test_coerce_accepts_dates_datetimes_strings_and_partial_dates() -> None:
    date = PartialDate.parse("2024-05")
    assert PartialDate.coerce(date) is date
    assert PartialDate.coerce("2024-05") == date
    assert PartialDate.coerce(datetime.date(2024, 5, 10)) == PartialDate(2024, 5, 10)
    moment = datetime.datetime(2024, 5, 10, 23, 59, tzinfo=datetime.timezone.utc)
    assert PartialDate.coerce(moment) == PartialDate(2024, 5, 10)
    assert PartialDate.coerce(datetime.date(2024, 5, 10)).precision == "day"


@given(st.dates())
def test_coerce_of_a_date_is_that_day(day: datetime.date) -> None:
    """coerce(date) is a day-precision date whose earliest and latest are that date."""
    date = PartialDate.coerce(day)
    assert date.earliest == date.latest == day
    assert not date.inferred


@pytest.mark.parametrize("value", [2024, None, 2024.0, b"2024", (2024, 5)])
def test_coerce_rejects_other_types_naming_the_value(value: object) -> None:
    with pytest.raises(TypeError, match=re.escape(repr(value))):
        PartialDate.coerce(value)  # type: ignore[arg-type]


def test_coerce_of_a_bad_string_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'yesterday'"):
        PartialDate.coerce("yesterday")


@pytest.mark.parametrize("other", [2024, "2024", None, datetime.date(2024, 1, 1)])
def test_comparing_with_other_types_is_a_type_error(other: object) -> None:
    date = PartialDate(2024)
    assert date != other
    with pytest.raises(TypeError):
        assert date < other
    with pytest.raises(TypeError):
        assert date <= other
    with pytest.raises(TypeError):
        assert date > other
    with pytest.raises(TypeError):
        assert date >= other


def test_dates_are_frozen_and_hashable() -> None:
    import attrs

    date = PartialDate(2024, 5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        date.year = 2025  # type: ignore[misc]
    assert len({PartialDate(2024, 5), PartialDate.parse("2024-05"), date}) == 1
