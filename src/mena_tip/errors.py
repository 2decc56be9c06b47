"""The exceptions and warnings mena-tip raises: part of the API, so catch them by name.

Every message names the value it is about by its ``repr()``. A value whose repr is
longer than 200 characters (a whole document passed as a name, a record) is shown cut:
the first 150 characters of its repr and ``…``, and for a string its closing quote and
its length, such as ``'xxxx…' (1000000 characters)``. The exceptions' attributes
(``key``…) keep the value whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = [
    "AmbiguousIdentifier",
    "DataError",
    "IdentifierRedirected",
    "MenaTipError",
    "UnknownIdentifier",
    "WithdrawnIdentifier",
]


REPR_LIMIT: Final = 200
"""The longest repr a message shows whole (see the module docs)."""


def shown(value: object) -> str:
    """How a message shows ``value``: its repr, or the start of a repr longer than
    :data:`REPR_LIMIT` characters, with a string's length (see the module docs).

    >>> shown("IOM")
    "'IOM'"
    >>> shown("x" * 1_000_000)[140:]
    "xxxxxxxxxx…' (1000000 characters)"
    """
    text = repr(value)
    if len(text) <= REPR_LIMIT:
        return text
    if isinstance(value, str):
        return f"{text[:150]}…{text[-1]} ({len(value)} characters)"
    return f"{text[:150]}…"


class MenaTipError(Exception):
    """Base class of every mena-tip exception."""


class UnknownIdentifier(MenaTipError, LookupError):
    """No record has this ID or name; ``suggestions`` holds close matches (IDs)."""

    def __init__(
        self,
        key: object,
        kind: str | None = None,
        suggestions: Sequence[str] = (),
        country: str | None = None,
    ) -> None:
        self.key = key
        self.kind = kind
        self.suggestions = tuple(suggestions)
        what = f"no {kind}" if kind else "no record"
        where = f" of {country}" if country else ""
        message = f"{what}{where} matches {shown(key)}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(map(repr, self.suggestions)) + "?"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would quote the message again
        return str(self.args[0])


class WithdrawnIdentifier(UnknownIdentifier):
    """The ID was published once and withdrawn; ``reason`` and ``release`` say why and when."""

    def __init__(self, key: str, reason: str, release: str) -> None:
        self.reason = reason
        self.release = release
        super().__init__(key)
        self.args = (f"{key!r} was withdrawn in data release {release}: {reason}",)


class AmbiguousIdentifier(MenaTipError, LookupError):
    """A name denotes several records; ``candidates`` lists their IDs. Narrow by kind or
    country."""

    def __init__(self, key: object, candidates: Sequence[str]) -> None:
        self.key = key
        self.candidates = tuple(candidates)
        super().__init__(
            f"{shown(key)} may mean any of {', '.join(self.candidates)}; "
            "use the canonical ID or narrow the lookup by kind or country"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class DataError(MenaTipError, ValueError):
    """A data bundle is damaged or inconsistent; ``file`` and ``record`` say where."""

    def __init__(self, message: str, file: str | None = None, record: str | None = None) -> None:
        self.message = message  #: what is wrong, without the place
        self.file = file
        self.record = record
        where = ", ".join(
            part for part in (file and f"file {file}", record and f"record {record}") if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class IdentifierRedirected(UserWarning):
    """A lookup followed a redirect from a merged or renamed ID; use the new ID."""
