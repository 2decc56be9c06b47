"""mena-tip: typed, versioned, citable records of counter-trafficking cooperation in MENA.

>>> import mena_tip
>>> mena_tip.organization("OIM").id
'organization:iom'

Importing the package reads no data and imports nothing heavy: each name below is loaded
on first access, and the bundled data on the first query.
"""

# No `from __future__ import annotations` and no `import importlib` here: importing the
# package imports only this module and _version (tests/test_api.py checks).
from ._version import DATA_VERSION as DATA_VERSION
from ._version import __version__ as __version__

# Not `from typing import TYPE_CHECKING`: importing typing would cost more than the rest of
# the import together; type checkers treat this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    # For type checkers, the names of _PUBLIC below, each imported as itself (which
    # re-exports it); tests/test_api.py checks that the two agree.
    from ._api import assessments as assessments
    from ._api import countries as countries
    from ._api import country as country
    from ._api import coverage as coverage
    from ._api import dataset as dataset
    from ._api import event as event
    from ._api import events as events
    from ._api import fundings as fundings
    from ._api import get as get
    from ._api import instrument as instrument
    from ._api import instruments as instruments
    from ._api import load as load
    from ._api import mentions as mentions
    from ._api import organization as organization
    from ._api import organizations as organizations
    from ._api import person as person
    from ._api import persons as persons
    from ._api import programme as programme
    from ._api import programmes as programmes
    from ._api import resolve as resolve
    from ._api import search as search
    from ._api import source as source
    from ._api import sources as sources
    from ._api import statistics as statistics
    from ._api import to_frame as to_frame
    from ._api import to_jsonld as to_jsonld
    from ._api import verify as verify
    from ._api import write_csv as write_csv
    from ._api import write_datapackage as write_datapackage
    from ._bundle import RegisterEntry as RegisterEntry
    from ._convert import from_dict as from_dict
    from ._convert import from_json as from_json
    from ._convert import to_dict as to_dict
    from ._convert import to_json as to_json
    from ._coverage import Coverage as Coverage
    from ._coverage import CoverageStatus as CoverageStatus
    from ._dataset import Dataset as Dataset
    from ._diff import Diff as Diff
    from ._diff import FieldChange as FieldChange
    from ._diff import Removal as Removal
    from ._diff import diff as diff
    from ._export import read_csv as read_csv
    from ._export import read_datapackage as read_datapackage
    from ._linker import Linker as Linker
    from ._linker import Match as Match
    from ._linker import Mention as Mention
    from ._schema import json_schema as json_schema
    from ._schema import json_schemas as json_schemas
    from .dates import PartialDate as PartialDate
    from .errors import AmbiguousIdentifier as AmbiguousIdentifier
    from .errors import DataError as DataError
    from .errors import IdentifierRedirected as IdentifierRedirected
    from .errors import MenaTipError as MenaTipError
    from .errors import UnknownIdentifier as UnknownIdentifier
    from .errors import WithdrawnIdentifier as WithdrawnIdentifier
    from .records import KINDS as KINDS
    from .records import Assessment as Assessment
    from .records import Citation as Citation
    from .records import Claim as Claim
    from .records import Country as Country
    from .records import Event as Event
    from .records import Funding as Funding
    from .records import Instrument as Instrument
    from .records import Name as Name
    from .records import Organization as Organization
    from .records import Person as Person
    from .records import Programme as Programme
    from .records import Record as Record
    from .records import Source as Source
    from .records import Statistic as Statistic

_PUBLIC = {
    "_api": (
        "assessments countries country coverage dataset event events fundings get "
        "instrument instruments load mentions organization organizations person persons "
        "programme programmes resolve search source sources statistics to_frame to_jsonld "
        "verify write_csv write_datapackage"
    ),
    "_bundle": "RegisterEntry",
    "_convert": "from_dict from_json to_dict to_json",
    "_coverage": "Coverage CoverageStatus",
    "_dataset": "Dataset",
    "_diff": "Diff FieldChange Removal diff",
    "_export": "read_csv read_datapackage",
    "_linker": "Linker Match Mention",
    "_schema": "json_schema json_schemas",
    "dates": "PartialDate",
    "errors": (
        "AmbiguousIdentifier DataError IdentifierRedirected MenaTipError "
        "UnknownIdentifier WithdrawnIdentifier"
    ),
    "records": (
        "KINDS Assessment Citation Claim Country Event Funding Instrument Name "
        "Organization Person Programme Record Source Statistic"
    ),
}
"""Where each public name lives: ``__all__`` lists them, and each is imported from its
module on first access (PEP 562)."""

_WHERE = {name: module for module, names in _PUBLIC.items() for name in names.split()}

__all__ = list(_WHERE)
__all__ += ["DATA_VERSION", "__version__"]
__all__.sort()


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'mena_tip' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    # The public names, and the public submodules imported so far ("names", "records"…),
    # not the helpers of this module.
    submodules = [
        name
        for name, value in globals().items()
        if not name.startswith("_") and getattr(value, "__name__", None) == f"{__name__}.{name}"
    ]
    return sorted({*__all__, *submodules})
