"""The documentation's data pages: generated from the data, so they list every record.

They live beside the documentation (docs/data_pages.py), not in the package; these tests
run where the documentation is (a checkout) and skip elsewhere.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from helpers import data_pages
from mena_tip import KINDS
from mena_tip._dataset import Dataset


@pytest.fixture(scope="module")
def pages() -> ModuleType:
    return data_pages()


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_catalogue_lists_every_record_of_a_kind_once(
    pages: ModuleType, bundled: Dataset, kind: str
) -> None:
    page: str = pages.catalogue_page(kind)
    for record in bundled:
        target = f".. _`{record.id}`:"
        assert page.count(target) == (1 if kind == record.KIND else 0), record.id


def test_every_event_is_on_the_timeline_in_the_lane_its_date_allows(
    pages: ModuleType, bundled: Dataset
) -> None:
    placed = {event.id: event for event in pages.timeline_events()}
    assert set(placed) == {event.id for event in bundled.events()}
    for event in bundled.events():
        lane = placed[event.id].lane
        date = event.start or event.end  # an event may be known only by when it ended
        if date is None:
            assert lane == "no date"
        elif date.year is None:
            assert lane == "no year"  # never put in a guessed year
        else:
            assert lane == "dated"
            assert placed[event.id].first == date.earliest


def test_the_network_links_organizations_that_share_an_item(
    pages: ModuleType, bundled: Dataset
) -> None:
    links: dict[tuple[str, str], tuple[str, ...]] = pages.organization_links()
    for (first, second), items in links.items():
        assert first < second
        assert items
        for item in items:
            record = bundled.get(item)
            assert record.KIND in ("event", "programme", "funding")
