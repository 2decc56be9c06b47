"""Partial dates: as precise as the source, and never more.

A :class:`PartialDate` is written in ISO 8601 reduced precision:

========================  ======================================================
``2024``                  a year
``2024-05``               a month of a year
``2024-05-10``            a day
``--05-16``               a day of a month, the year not stated (ISO 8601 ``--MM-DD``)
``--05``                  a month, the year not stated
``2024-05-10?``           a trailing ``?`` marks a date that the source does not state
                          but that was inferred (for example a year taken from the
                          article's dateline, or "on Friday" read against it)
========================  ======================================================

Every date with a year covers a range of days, from :attr:`~PartialDate.earliest` to
:attr:`~PartialDate.latest` (``2024-05`` is 1 to 31 May 2024). A date without a year has
neither, and the date filters of :mod:`mena_tip` never match it.

Ordering is total and documented: dates with a year come first, by earliest day, then by
latest day (so the more precise of two dates that start together comes first), then stated
before inferred; dates without a year follow, by month and day.

>>> d = PartialDate.parse("2024-05")
>>> d.precision, str(d.earliest), str(d.latest)
('month', '2024-05-01', '2024-05-31')
>>> sorted(PartialDate.parse(t) for t in ["--05-16", "2024", "2023-03-12"])
[PartialDate('2023-03-12'), PartialDate('2024'), PartialDate('--05-16')]
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Literal

import attrs

from .errors import shown

__all__ = ["DateLike", "PartialDate", "Precision"]

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(
    r"(?:(?P<year>[0-9]{4})|-)(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<inferred>\?)?"
)
_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD, optionally followed by '?'"


def _check_int(name: str, value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(
            f"{name} must be an int or None, not {type(value).__name__}: {shown(value)}"
        )


def _check_year(
    instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    _check_int("year", value)
    if value is not None and not 1 <= value <= 9999:
        raise ValueError(f"year must be from 1 to 9999, not {shown(value)}")


def _check_month(
    instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    _check_int("month", value)
    if value is None:
        if instance.year is None:
            raise ValueError("a date without a year needs at least a month, not month=None")
    elif not 1 <= value <= 12:
        raise ValueError(f"month must be from 1 to 12, not {shown(value)}")


def _check_day(
    instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    _check_int("day", value)
    if value is None:
        return
    if instance.month is None:
        raise ValueError(f"a day needs a month, not day={shown(value)} and month=None")
    # Without a year, 29 February is possible.
    last = calendar.monthrange(instance.year or 2000, instance.month)[1]
    if not 1 <= value <= last:
        raise ValueError(f"day must be from 1 to {last} in month {instance.month}, not {value!r}")


def _check_inferred(instance: PartialDate, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"inferred must be a bool, not {type(value).__name__}: {shown(value)}")


@attrs.frozen(order=False, repr=False)
class PartialDate:
    """A date known to the year, the month or the day, possibly without its year.

    Made from ints (``PartialDate(2024, 5)``); a field of another type is a TypeError, a
    day or month that does not exist a ValueError, each naming the value.
    """

    year: int | None = attrs.field(default=None, validator=_check_year)
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)
    inferred: bool = attrs.field(default=False, validator=_check_inferred)
    """True when the source does not state this date and it was derived (see the citations)."""

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a date in one of the documented forms, surrounding whitespace ignored.

        Raises ValueError naming the text when it is in none (``"yesterday"``) or is no
        date (``"2024-13-45"``, ``"2024-02-30"``), TypeError when it is no str.
        """
        if not isinstance(text, str):
            raise TypeError(f"a date must be a str in one of the forms {_FORMS}, not {shown(text)}")
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a date: {shown(text)}; expected one of {_FORMS}")
        year, month, day = (match.group(g) for g in ("year", "month", "day"))
        try:
            return cls(
                int(year) if year else None,
                int(month) if month else None,
                int(day) if day else None,
                inferred=match.group("inferred") is not None,
            )
        except ValueError as error:
            raise ValueError(f"not a date: {shown(text)}: {error}") from None

    @classmethod
    def coerce(cls, value: DateLike) -> PartialDate:
        """A PartialDate from a PartialDate, a :class:`datetime.date` or a string."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return cls.parse(value)
        raise TypeError(
            f"expected a date as a str ({_FORMS}), a datetime.date or a PartialDate, "
            f"not {type(value).__name__}: {shown(value)}"
        )

    @property
    def precision(self) -> Precision:
        """How precise the date is: ``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> datetime.date | None:
        """The first day this date can mean, or None when the year is unknown."""
        if self.year is None:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date | None:
        """The last day this date can mean, or None when the year is unknown."""
        if self.year is None:
            return None
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """The key of the documented total order (used by ``<`` and ``sorted``)."""
        if self.year is None:
            return (1, self.month or 0, self.day or 0, 0, self.inferred)
        earliest, latest = self.earliest, self.latest
        assert earliest is not None  # a year is known
        assert latest is not None
        return (0, earliest.toordinal(), latest.toordinal(), self.inferred, 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    def __str__(self) -> str:
        text = "-" if self.year is None else f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text + ("?" if self.inferred else "")

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"


DateLike = PartialDate | datetime.date | str
"""What the date filters accept."""
