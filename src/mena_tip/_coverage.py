"""What the data knows about each country's counter-trafficking landscape, topic by topic.

`mena_tip.coverage()` answers, for each country and :class:`~mena_tip.records.Topic`,
one of four statuses, so that a missing record is never mistaken for a missing law: a
gap in the data is ``unknown``, while a source's statement that there is none is ``none``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import attrs

from .records import (
    Concern,
    Country,
    Instrument,
    InstrumentKind,
    OrganizationKind,
    ProgrammeKind,
    StateActionKind,
    Topic,
    _Code,
)

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["TREATIES", "Coverage", "CoverageStatus"]


class CoverageStatus(_Code):
    """How much the data knows about one topic for one country."""

    KNOWN = "known"  #: records of the topic cite sources
    NONE = "none"  #: a source states there is none (no law, not a party…)
    CONTESTED = "contested"  #: sources disagree whether there is one
    UNKNOWN = "unknown"  #: no source in the data says


TREATIES: Final = {
    Topic.TRAFFICKING_PROTOCOL: "instrument:trafficking-in-persons-protocol",
    Topic.UNTOC: "instrument:untoc",
}
"""The instrument each treaty topic is about."""

_LAWS: Final = {Topic.TRAFFICKING_LAW: Concern.TRAFFICKING, Topic.SMUGGLING_LAW: Concern.SMUGGLING}
_PLANS: Final = frozenset({ProgrammeKind.NATIONAL_PLAN, ProgrammeKind.STRATEGY})
# Signing or a stated commitment does not make a state party to a treaty.
_PARTY: Final = frozenset(
    {StateActionKind.RATIFIED, StateActionKind.ACCEDED, StateActionKind.PARTY}
)


@attrs.frozen
class Coverage:
    """One cell of the coverage table: a country, a topic, its status and the records."""

    country: str
    topic: Topic
    status: CoverageStatus
    records: tuple[str, ...] = ()  #: IDs of the records that state the topic, by ID


def _finders(dataset: Dataset, country: Country) -> dict[Topic, Callable[[], list[str]]]:
    def laws(concern: Concern) -> list[str]:
        return [
            law.id
            for law in dataset.instruments(country=country, kind=InstrumentKind.NATIONAL_LAW)
            if law.jurisdiction == country.id and concern in law.concerns
        ]

    def treaty(instrument_id: str) -> list[str]:
        found = dataset.get(instrument_id) if instrument_id in dataset else None
        acted = isinstance(found, Instrument) and any(
            action.country == country.id and action.action in _PARTY for action in found.actions
        )
        return [instrument_id] if acted else []

    return {
        Topic.TRAFFICKING_LAW: lambda: laws(Concern.TRAFFICKING),
        Topic.SMUGGLING_LAW: lambda: laws(Concern.SMUGGLING),
        Topic.COORDINATING_BODY: lambda: [
            body.id
            for body in dataset.organizations(
                kind=OrganizationKind.NATIONAL_COORDINATING_BODY, country=country
            )
        ],
        Topic.NATIONAL_PLAN: lambda: [
            plan.id
            for plan in dataset.programmes(country=country)
            if plan.kind in _PLANS and plan.countries == (country.id,)
        ],
        Topic.TRAFFICKING_PROTOCOL: lambda: treaty(TREATIES[Topic.TRAFFICKING_PROTOCOL]),
        Topic.UNTOC: lambda: treaty(TREATIES[Topic.UNTOC]),
        Topic.TIP_REPORT: lambda: [a.id for a in dataset.assessments(country=country)],
    }


def country_coverage(dataset: Dataset, country: Country) -> tuple[Coverage, ...]:
    """The coverage of every topic for one country, in the order of :class:`Topic`."""
    finders = _finders(dataset, country)
    absent = {absence.topic for absence in country.absences}
    cells = []
    for topic in Topic:
        found = tuple(sorted(finders[topic]()))
        if found and topic in absent:
            status = CoverageStatus.CONTESTED
        elif found:
            status = CoverageStatus.KNOWN
        elif topic in absent:
            status = CoverageStatus.NONE
        else:
            status = CoverageStatus.UNKNOWN
        cells.append(Coverage(country.id, topic, status, found))
    return tuple(cells)


def table(dataset: Dataset, cells: tuple[Coverage, ...]) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the coverage table: a row per country, a column per topic.

    The command line and the documentation both print this table, so they cannot differ.
    """
    header = ["country", *(topic.value for topic in Topic)]
    rows: dict[str, list[str]] = {}
    for cell in cells:
        if cell.country not in rows:
            found = dataset.country(cell.country)
            rows[cell.country] = [f"{found.name} ({found.alpha2})"]
        count = f" ({len(cell.records)})" if len(cell.records) > 1 else ""
        rows[cell.country].append(f"{cell.status.value}{count}")
    return header, list(rows.values())
