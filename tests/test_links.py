"""mena_tip._links: the inverted references, sub-units, and selection in result order.

Every filter of the Dataset runs on this engine, and test_dataset.py checks them all
against brute force; these tests state the engine's own contract.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given

import sample
from mena_tip._dataset import Dataset
from mena_tip._links import Links, Selection
from mena_tip.records import KINDS, Event, Organization, Programme
from strategies import Parts, dataset_parts


def links_of(dataset: Dataset) -> Links:
    """The link index of a dataset's records (it iterates by kind, each in result order)."""
    return Links({kind: tuple(r for r in dataset if kind == r.KIND) for kind in KINDS})


DATASET = sample.dataset()
LINKS = links_of(DATASET)
ACTOR = ("participants.participant", "participants.on_behalf_of")


def ids(records: tuple[Event | Organization | Programme, ...]) -> list[str]:
    return [record.id for record in records]


def test_linked_lists_each_referrer_once_in_result_order() -> None:
    found = LINKS.linked("event", ("participants.participant",), {"organization:iom"})
    assert found is not None
    (selection,) = found
    assert list(selection) == ["event:jtip-launch-rabat"]  # a partner and a speaker there
    found = LINKS.linked("event", ACTOR, {"organization:iom-egypt", "organization:iom-cairo-unit"})
    assert found is not None
    assert {i for part in found for i in part} == {"event:cairo-workshop-2024"}
    assert LINKS.linked("event", ACTOR, None) is None  # no filter
    assert LINKS.linked("event", ACTOR, {"country:us"}) is not None
    assert LINKS.linked("event", ("programme",), {"organization:iom"}) == []  # no referrer


def test_with_subunits_is_the_whole_tree_under_a_record() -> None:
    assert LINKS.with_subunits("organization:iom") == {
        "organization:iom",
        "organization:iom-egypt",
        "organization:iom-cairo-unit",
    }
    assert LINKS.with_subunits("organization:iom-cairo-unit") == {"organization:iom-cairo-unit"}
    assert LINKS.with_subunits("country:ma") == {"country:ma"}


def test_select_intersects_in_result_order_and_ignores_other_kinds() -> None:
    every = DATASET.events()
    assert LINKS.select(Event, []) == every
    assert LINKS.select(Event, [None, None]) == every
    chosen = {e.id for e in every[::2]} | {"organization:iom", "country:ma"}
    assert ids(LINKS.select(Event, [chosen])) == [e.id for e in every[::2]]
    everyone = {e.id for e in every}
    assert LINKS.select(Event, [everyone], lambda e: e.kind == "workshop") == tuple(
        e for e in every if e.kind == "workshop"
    )
    held = LINKS.linked("event", ("place.country",), {"country:ma"})
    in_morocco = [e.id for e in every if e.place and e.place.country == "country:ma"]
    assert ids(LINKS.select(Event, [held, [everyone]])) == in_morocco
    assert LINKS.select(Event, [held, set()]) == ()


class Watched(set[str]):
    """A set that remembers whether it was iterated (membership tests are not iteration)."""

    iterated = False

    def __iter__(self) -> Iterator[str]:
        self.iterated = True
        return super().__iter__()


def test_select_iterates_only_the_smallest_selection() -> None:
    """The planning the benchmark relies on: a query costs what its smallest selection
    holds, however large the others are."""
    few = Watched({"programme:jtip"})
    many = Watched({p.id for p in DATASET.programmes()})
    orders: list[list[Selection | set[str] | None]] = [[[many], few], [few, [many]]]
    for order in orders:
        many.iterated = few.iterated = False
        assert ids(LINKS.select(Programme, order)) == ["programme:jtip"]
        assert few.iterated
        assert not many.iterated


@given(dataset_parts())
def test_select_of_any_ids_is_the_records_of_the_kind_among_them(parts: Parts) -> None:
    dataset = parts.dataset()
    links = links_of(dataset)
    organizations = dataset.organizations()
    for step in (1, 2, 9):
        chosen = {o.id for o in organizations[::step]} | {c.id for c in dataset.countries()}
        assert links.select(Organization, [chosen]) == organizations[::step]
