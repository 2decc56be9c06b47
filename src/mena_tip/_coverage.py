"""What the data knows about each country's counter-trafficking landscape, topic by topic.

:func:`coverage` (``mena_tip.coverage()`` on the default dataset) answers, for each
country and :class:`~mena_tip.records.Topic`, one of four statuses, so that a missing
record is never mistaken for a missing law: a gap in the data is ``unknown``, while a
source's statement that there is none is ``none``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from .records import (
    Code,
    Concern,
    Country,
    Grouping,
    Instrument,
    InstrumentKind,
    OrganizationKind,
    ProgrammeKind,
    StateActionKind,
    Topic,
)

if TYPE_CHECKING:
    from ._dataset import Dataset, Key

__all__ = ["TREATIES", "Coverage", "CoverageStatus", "coverage"]


class CoverageStatus(Code):
    """How much the data knows about one topic for one country."""

    KNOWN = "known"  #: records of the topic cite sources
    NONE = "none"  #: a source states there is none (no law, not a party…)
    CONTESTED = "contested"  #: sources disagree whether there is one
    UNKNOWN = "unknown"  #: no source in the data says


TREATIES: Final = {
    Topic.TRAFFICKING_PROTOCOL: "instrument:trafficking-in-persons-protocol",
    Topic.SMUGGLING_PROTOCOL: "instrument:smuggling-of-migrants-protocol",
    Topic.UNTOC: "instrument:untoc",
}
"""The instrument each treaty topic is about."""

_LAWS: Final = {Topic.TRAFFICKING_LAW: Concern.TRAFFICKING, Topic.SMUGGLING_LAW: Concern.SMUGGLING}
_PLANS: Final = frozenset({ProgrammeKind.NATIONAL_PLAN, ProgrammeKind.STRATEGY})
# Signing, approving it at home or a stated commitment does not make a state party to a
# treaty.
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


def _records(dataset: Dataset, country: Country, topic: Topic) -> list[str]:
    """The IDs of the records that state ``topic`` for ``country``."""
    if topic in _LAWS:
        laws = dataset.instruments(country=country, kind=InstrumentKind.NATIONAL_LAW)
        return [
            law.id
            for law in laws
            if law.jurisdiction == country.id and _LAWS[topic] in law.concerns
        ]
    if topic in TREATIES:
        treaty = dataset.get(TREATIES[topic]) if TREATIES[topic] in dataset else None
        actions = treaty.actions if isinstance(treaty, Instrument) else ()
        party = any(a.country == country.id and a.action in _PARTY for a in actions)
        return [TREATIES[topic]] if party else []
    if topic == Topic.COORDINATING_BODY:
        bodies = dataset.organizations(
            kind=OrganizationKind.NATIONAL_COORDINATING_BODY, country=country
        )
        return [body.id for body in bodies]
    if topic == Topic.NATIONAL_PLAN:
        plans = dataset.programmes(country=country)
        return [p.id for p in plans if p.kind in _PLANS and p.countries == (country.id,)]
    return [assessment.id for assessment in dataset.assessments(country=country)]


def _of_country(dataset: Dataset, country: Country) -> tuple[Coverage, ...]:
    """The coverage of every topic for one country, in the order of :class:`Topic`."""
    absent = {absence.topic for absence in country.absences}
    cells = []
    for topic in Topic:
        found = tuple(sorted(_records(dataset, country, topic)))
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


def coverage(
    dataset: Dataset, country: Key | None = None, *, grouping: Grouping | str | None = Grouping.MENA
) -> tuple[Coverage, ...]:
    """What ``dataset`` knows of each :class:`~mena_tip.records.Topic` for a country, or for
    every country of a grouping (the MENA countries unless told otherwise; None: every
    country); by country ID, then topic. Raises as :meth:`Dataset.country` and
    :meth:`Dataset.countries` do for a bad country or grouping."""
    chosen = (
        (dataset.country(country),) if country is not None else dataset.countries(grouping=grouping)
    )
    return tuple(cell for found in chosen for cell in _of_country(dataset, found))


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
