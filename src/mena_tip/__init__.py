"""mena-tip: typed, versioned, citable records of counter-trafficking cooperation in MENA.

>>> import mena_tip
>>> mena_tip.organization("OIM").id
'organization:iom'

Importing the package reads no data and imports nothing heavy: each name below is loaded
on first access, and the bundled data on the first query.
"""

from __future__ import annotations

import importlib

from ._version import DATA_VERSION as DATA_VERSION
from ._version import __version__ as __version__

# Not `from typing import TYPE_CHECKING`: importing typing would cost more than the rest of
# the import together; type checkers treat this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._api import (
        assessments,
        countries,
        country,
        coverage,
        dataset,
        event,
        events,
        fundings,
        get,
        instrument,
        instruments,
        load,
        mentions,
        organization,
        organizations,
        person,
        persons,
        programme,
        programmes,
        resolve,
        search,
        source,
        sources,
        statistics,
        to_frame,
        to_jsonld,
        verify,
        write_csv,
        write_datapackage,
    )
    from ._bundle import RegisterEntry
    from ._convert import from_dict, from_json, to_dict, to_json
    from ._coverage import Coverage, CoverageStatus
    from ._dataset import Dataset
    from ._export import read_csv, read_datapackage
    from ._linker import Linker, Match, Mention
    from ._schema import json_schema, json_schemas
    from .dates import PartialDate
    from .errors import (
        AmbiguousIdentifier,
        DataError,
        IdentifierRedirected,
        MenaTipError,
        UnknownIdentifier,
        WithdrawnIdentifier,
    )
    from .records import (
        KINDS,
        Assessment,
        Citation,
        Claim,
        Country,
        Event,
        Funding,
        Instrument,
        Name,
        Organization,
        Person,
        Programme,
        Record,
        Source,
        Statistic,
    )

# Where each public name lives; imported on first access (PEP 562).
_LAZY = {
    "_api": (
        "assessments countries country coverage dataset event events fundings get instrument "
        "instruments load mentions organization organizations person persons programme "
        "programmes resolve search source sources statistics to_frame to_jsonld verify write_csv "
        "write_datapackage"
    ),
    "_convert": "from_dict from_json to_dict to_json",
    "_dataset": "Dataset",
    "_schema": "json_schema json_schemas",
    "_export": "read_csv read_datapackage",
    "_linker": "Linker Match Mention",
    "_coverage": "Coverage CoverageStatus",
    "_bundle": "RegisterEntry",
    "dates": "PartialDate",
    "errors": (
        "AmbiguousIdentifier DataError IdentifierRedirected MenaTipError UnknownIdentifier "
        "WithdrawnIdentifier"
    ),
    "records": (
        "KINDS Assessment Citation Claim Country Event Funding Instrument Name Organization "
        "Person Programme Record Source Statistic"
    ),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names.split()}

__all__ = [
    "DATA_VERSION",
    "KINDS",
    "AmbiguousIdentifier",
    "Assessment",
    "Citation",
    "Claim",
    "Country",
    "Coverage",
    "CoverageStatus",
    "DataError",
    "Dataset",
    "Event",
    "Funding",
    "IdentifierRedirected",
    "Instrument",
    "Linker",
    "Match",
    "MenaTipError",
    "Mention",
    "Name",
    "Organization",
    "PartialDate",
    "Person",
    "Programme",
    "Record",
    "RegisterEntry",
    "Source",
    "Statistic",
    "UnknownIdentifier",
    "WithdrawnIdentifier",
    "__version__",
    "assessments",
    "countries",
    "country",
    "coverage",
    "dataset",
    "event",
    "events",
    "from_dict",
    "from_json",
    "fundings",
    "get",
    "instrument",
    "instruments",
    "json_schema",
    "json_schemas",
    "load",
    "mentions",
    "organization",
    "organizations",
    "person",
    "persons",
    "programme",
    "programmes",
    "read_csv",
    "read_datapackage",
    "resolve",
    "search",
    "source",
    "sources",
    "statistics",
    "to_dict",
    "to_frame",
    "to_json",
    "to_jsonld",
    "verify",
    "write_csv",
    "write_datapackage",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'mena_tip' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
