"""Small helpers shared by test modules."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

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


def data_pages() -> ModuleType:
    """docs/data_pages.py, the generators of the documentation's data pages; the test is
    skipped where the documentation is not beside the tests (an installed wheel's run)."""
    return module_at("docs/data_pages.py", "the documentation is not beside these tests")


def module_at(relative: str, missing: str) -> ModuleType:
    """The module in the checkout's file ``relative``; the test is skipped, saying
    ``missing``, where the file is not beside the tests (an installed wheel's run)."""
    path = Path(__file__).resolve().parents[1] / relative
    if not path.exists():
        pytest.skip(missing)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
