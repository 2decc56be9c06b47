"""The link index of a dataset, and the selection engine its filtered queries run on.

A filtered query (``events(country=..., organization=...)``) is a selection per filter
that names records — the records of the kind asked whose fields refer to the records
named (:meth:`Links.linked`) — intersected, then tested against the filters on the
records' own fields, in result order (:meth:`Links.select`). The index is inverted once,
when the dataset is made, so a query costs in proportion to what it selects, however large
the data.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TypeVar, cast

from .records import Record, references

__all__ = ["Links", "Selection"]

R = TypeVar("R", bound=Record)

Selection = list[Collection[str]]
"""A selection of IDs: the union of these collections. Entries of the index are not
copied into one set: a query may test just a few IDs against a large one."""


class Links:
    """Who refers to whom, and where each record stands in its kind's result order.

    Built from the records of each kind in result order (``by_kind``, every kind of
    :data:`~mena_tip.KINDS`), with the references the record classes declare
    (:func:`~mena_tip.records.references`):

    - the inverted references: ``(kind of the referrer, field path, target ID)`` to the
      IDs of the referrers, each once, in result order;
    - the children of each record (those whose ``parent`` is it), in result order;
    - the rank of each record in its kind's result order.

    The records must hold together (see :mod:`mena_tip._integrity`): every reference
    resolves, and parents form a forest.
    """

    __slots__ = ("_by_kind", "_children", "_rank", "_referrers")

    def __init__(self, by_kind: Mapping[str, Sequence[Record]]) -> None:
        referrers: dict[tuple[str, str, str], list[str]] = {}
        children: dict[str, list[str]] = {}
        for kind, records in by_kind.items():
            for record in records:
                for field, target, _ in references(record):
                    found = referrers.setdefault((kind, field, target), [])
                    if not found or found[-1] != record.id:
                        found.append(record.id)
                    if field == "parent":
                        children.setdefault(target, []).append(record.id)
        self._by_kind = by_kind
        # Ordered sets (dicts to None): iterated in result order, and tested in O(1).
        self._referrers = {key: dict.fromkeys(ids) for key, ids in referrers.items()}
        self._children = {key: tuple(ids) for key, ids in children.items()}
        # A query that selects few records sorts only those, by rank: its cost follows the
        # size of its result, not that of the data.
        self._rank = {
            kind: {record.id: rank for rank, record in enumerate(records)}
            for kind, records in by_kind.items()
        }

    def linked(
        self, kind: str, fields: Iterable[str], targets: Collection[str] | None
    ) -> Selection | None:
        """The records of ``kind`` whose ``fields`` (paths such as ``"posts.organization"``)
        refer to any of ``targets``; None when ``targets`` is None (no filter)."""
        if targets is None:
            return None
        index = self._referrers
        return [found for f in fields for t in targets if (found := index.get((kind, f, t)))]

    def with_subunits(self, record_id: str) -> set[str]:
        """The ID and those of every record under it by parents: its children, theirs…"""
        found = {record_id}
        pending = [record_id]
        while pending:  # parents form a forest: no record is met twice
            children = self._children.get(pending.pop(), ())
            found.update(children)
            pending.extend(children)
        return found

    def select(
        self,
        kind: type[R],
        selections: Iterable[Selection | set[str] | None],
        test: Callable[[R], bool] | None = None,
    ) -> tuple[R, ...]:
        """The records of ``kind`` in every selection (None: no filter; IDs of other kinds
        are ignored) that pass ``test``, in result order."""
        chosen_from = [[s] if isinstance(s, set) else s for s in selections if s is not None]
        every = cast("Sequence[R]", self._by_kind[kind.KIND])
        records: Iterable[R] = every
        if chosen_from:
            # Start from the smallest selection and test its IDs against the others, so a
            # query costs in proportion to what it selects, however large the data.
            chosen_from.sort(key=lambda parts: sum(map(len, parts)))
            first, rest = chosen_from[0], chosen_from[1:]
            chosen = {
                i for part in first for i in part if all(any(i in p for p in s) for s in rest)
            }
            if len(chosen) * 8 > len(every):
                # Most of the kind: one pass in order beats sorting what was chosen.
                records = (r for r in every if r.id in chosen)
            else:
                rank = self._rank[kind.KIND]  # IDs of other kinds have no rank in it
                places = sorted(rank[i] for i in chosen if i in rank)
                records = [every[place] for place in places]
        return tuple(r for r in records if test is None or test(r))
