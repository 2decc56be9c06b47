"""mena_tip.errors: the exception hierarchy and what each exception says."""

from __future__ import annotations

import pytest

from mena_tip.errors import (
    AmbiguousIdentifier,
    DataError,
    IdentifierRedirected,
    MenaTipError,
    UnknownIdentifier,
    WithdrawnIdentifier,
)


def test_hierarchy() -> None:
    assert issubclass(UnknownIdentifier, MenaTipError)
    assert issubclass(UnknownIdentifier, LookupError)
    assert issubclass(WithdrawnIdentifier, UnknownIdentifier)
    assert issubclass(AmbiguousIdentifier, MenaTipError)
    assert issubclass(AmbiguousIdentifier, LookupError)
    assert issubclass(DataError, MenaTipError)
    assert issubclass(DataError, ValueError)
    assert issubclass(IdentifierRedirected, UserWarning)
    assert not issubclass(IdentifierRedirected, MenaTipError)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (UnknownIdentifier("IMO"), "no record matches 'IMO'"),
        (UnknownIdentifier("IMO", "organization"), "no organization matches 'IMO'"),
        (
            UnknownIdentifier("IMO", None, ["organization:iom", "organization:imo"]),
            "no record matches 'IMO'; did you mean 'organization:iom', 'organization:imo'?",
        ),
        (UnknownIdentifier(5, "country"), "no country matches 5"),
        (
            WithdrawnIdentifier("event:x", "out of scope", "2026.11"),
            "'event:x' was withdrawn in data release 2026.11: out of scope",
        ),
        (
            AmbiguousIdentifier("National Committee", ["organization:a", "organization:b"]),
            "'National Committee' may mean any of organization:a, organization:b; "
            "use the canonical ID or narrow the lookup by kind or country",
        ),
        (DataError("bad"), "bad"),
        (DataError("bad", file="events.json"), "file events.json: bad"),
        (DataError("bad", record="event:x"), "record event:x: bad"),
        (DataError("bad", "events.json", "event:x"), "file events.json, record event:x: bad"),
    ],
)
def test_messages(error: Exception, message: str) -> None:
    assert str(error) == message


def test_attributes() -> None:
    unknown = UnknownIdentifier("IMO", "organization", ("organization:iom",))
    assert (unknown.key, unknown.kind, unknown.suggestions) == (
        "IMO",
        "organization",
        ("organization:iom",),
    )
    withdrawn = WithdrawnIdentifier("event:x", "out of scope", "2026.11")
    assert (withdrawn.key, withdrawn.reason, withdrawn.release) == (
        "event:x",
        "out of scope",
        "2026.11",
    )
    assert withdrawn.suggestions == ()
    ambiguous = AmbiguousIdentifier("NC", ["organization:a", "organization:b"])
    assert ambiguous.candidates == ("organization:a", "organization:b")
    damaged = DataError("bad", "events.json", "event:x")
    assert (damaged.file, damaged.record) == ("events.json", "event:x")


def test_lookup_errors_are_not_quoted_twice() -> None:
    # KeyError-like quoting would wrap the message in quotes; LookupError does not.
    assert repr(str(UnknownIdentifier("x"))) == repr("no record matches 'x'")
    with pytest.raises(LookupError, match=r"^no record matches 'x'$"):
        raise UnknownIdentifier("x")
