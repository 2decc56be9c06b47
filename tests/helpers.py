"""Small helpers shared by test modules."""

from __future__ import annotations

from mena_tip.records import Assessment, Country, Funding, Record, Source, Statistic


def lookup_names(record: Record) -> list[str]:
    """The names a record is documented to be found by: name, acronym, codes, other names.

    Fundings, statistics and assessments have labels, not names: they are found by ID.
    """
    if isinstance(record, (Funding, Statistic, Assessment)):
        return []
    found = [record.name]
    if isinstance(record, Source):
        return found
    if record.acronym:
        found.append(record.acronym)
    if isinstance(record, Country):
        found.append(record.alpha2)
    return found + [name.text for name in record.other_names]
