"""The integrity of a data release: what its records and register must satisfy.

Each check raises :class:`~mena_tip.DataError` naming the record at fault (``record``) and
what is wrong, never a file: records may come from memory, and only a reader knows the file
they came from (a bundle's ``<plural>.json``, an export's ``<plural>.csv``), so the reader
adds it.

What may refer to what is read from the record classes' declarations
(:func:`~mena_tip.records.references`), so these checks, the link index and the exports
cannot disagree about it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .errors import DataError
from .records import Record, Source, citations, references

if TYPE_CHECKING:
    from ._bundle import RegisterEntry

__all__ = ["check", "check_register", "unique"]


def unique(records: Iterable[Record]) -> dict[str, Record]:
    """The records by ID; DataError for an ID used twice."""
    by_id: dict[str, Record] = {}
    for record in records:
        if record.id in by_id:
            raise DataError("the ID is used twice", record=record.id)
        by_id[record.id] = record
    return by_id


def check(records: Sequence[Record], by_id: Mapping[str, Record]) -> None:
    """DataError for the first of ``records`` (taken in the order given) with a reference
    to no record, or to a record of a kind its field does not allow, or with a citation of
    anything but a source; then for the first chain of parents that comes back to where it
    started. ``by_id`` holds every record a reference may point to."""
    for record in records:
        _check_references(record, by_id)
    _check_parents(records, by_id)


def _check_references(record: Record, by_id: Mapping[str, Record]) -> None:
    for field, target, kinds in references(record):
        found = by_id.get(target)
        if found is None or found.KIND not in kinds:
            what = "no record" if found is None else f"a {found.KIND}"
            raise DataError(
                f"{field} refers to {target!r}, which is {what}; "
                f"expected {' or '.join(sorted(kinds))}",
                record=record.id,
            )
    for citation in citations(record):
        if not isinstance(by_id.get(citation.source), Source):
            raise DataError(
                f"a citation refers to {citation.source!r}, which is no source", record=record.id
            )


def _check_parents(records: Iterable[Record], by_id: Mapping[str, Record]) -> None:
    settled: set[str] = set()  # records whose chain of parents is known to end
    for record in records:
        chain: list[str] = []
        current: Record | None = record
        while current is not None and current.id not in settled:
            if current.id in chain:
                cycle = " -> ".join([*chain[chain.index(current.id) :], current.id])
                raise DataError(f"its parents form a cycle: {cycle}", record=current.id)
            chain.append(current.id)
            parent = getattr(current, "parent", None)
            current = None if parent is None else by_id[parent]
        settled.update(chain)


def check_register(register: Iterable[RegisterEntry], ids: Collection[str]) -> None:
    """DataError for the first entry of a release's register that lists an ID as active
    although no record has it (``ids``): a record that is removed needs a redirect or a
    withdrawal in its stead, so that an ID once published stays resolvable.

    A dataset is not refused for this (a lookup of such an ID finds nothing); the tool that
    writes the bundled data is.
    """
    for entry in register:
        if entry.status == "active" and entry.id not in ids:
            raise DataError(
                "the register lists it as active, but no record has it: "
                "add a redirect or a withdrawal",
                record=entry.id,
            )
