"""The module-level API: functions bound to the default dataset, and loading.

The default dataset is the bundled data release, read on first use (never at import),
once per process even when many threads ask at the same time. This is the one place that
knows it: every public function that takes an optional ``dataset`` (the coverage table, the
exports) gets the default here and hands a Dataset to the module that does the work.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from . import _bundle, _checks, _coverage, _texts
from ._coverage import Coverage
from ._dataset import Dataset, Key
from ._version import DATA_VERSION
from .errors import DataError, shown
from .records import Grouping, Record, record_kind

if TYPE_CHECKING:
    import sys

    import pandas

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R", bound=Record)

_lock = threading.Lock()
_default: Dataset | None = None
loads = 0  # how many times this process has read the bundled data (for tests)


def _data_folder() -> Traversable:
    """The bundled data's folder, wherever the package is installed (a folder of files, a
    zip file, any importer that serves resources)."""
    from importlib import resources

    return resources.files(__package__) / "data"


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bundle is read and indexed.

    Reading makes many objects and no reference cycles: the collector would only scan the
    growing heap again and again (a third of the time of a load of millions of records).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _bundled() -> Dataset:
    global loads
    loads += 1
    with _collector_paused():
        bundle = _bundle.read(_data_folder())
        if bundle.data_version != DATA_VERSION:
            raise DataError(
                f"the bundled data is release {bundle.data_version}, but this package ships "
                f"{DATA_VERSION}: the installation is inconsistent; reinstall mena-tip",
                file=_bundle.MANIFEST,
            )
        return _opened(bundle)


def _opened(bundle: _bundle.Bundle) -> Dataset:
    """The dataset of a bundle read; a DataError of its integrity checks names the file of
    the record at fault (they name only the record)."""
    try:
        return Dataset(bundle.records, bundle.register, bundle.data_version)
    except DataError as error:
        file = _bundle.FILES[record_kind(str(error.record))]
        raise DataError(error.message, file, error.record) from None


def dataset() -> Dataset:
    """The default dataset: the bundled data release, loaded on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = _bundled()
    return _default


def load(path: str | os.PathLike[str], *, texts: str | os.PathLike[str] | None = None) -> Dataset:
    """A dataset over the bundle in folder ``path`` (another release, a test fixture).

    Raises :class:`TypeError` when ``path`` (or ``texts``) is no str or path, and
    :class:`~mena_tip.DataError` when it names no folder, or naming the file and record
    when the bundle is damaged, inconsistent with its manifest, or refers to records it
    lacks. With ``texts``, a folder of the source texts (found by the SHA-256 their source
    records give, whatever the file names), every citation by offsets must quote its text
    exactly.
    """
    root = _folder(path)
    found = _texts.read(texts) if texts is not None else None
    with _collector_paused():
        bundle = _bundle.read(root)
        data = _opened(bundle)
    if found is not None:
        for problem in _texts.problems(bundle.records, found):
            raise problem  # the first is enough to refuse the bundle
    return data


def verify(
    path: str | os.PathLike[str] | None = None, *, texts: str | os.PathLike[str] | None = None
) -> tuple[str, ...]:
    """Every difference between a bundle (by default the installed one) and its manifest.

    An empty tuple means every listed file is present, has the SHA-256 and the number of
    records the manifest gives, and no unlisted JSON file is there. With ``texts``, a
    folder of source texts, also every citation by offsets that its text does not bear
    out, and every source cited by offsets whose text is not in the folder. Raises
    :class:`TypeError` or :class:`~mena_tip.DataError`, as :func:`load` does, when
    ``path`` or ``texts`` is no folder.
    """
    root = _data_folder() if path is None else _folder(path)
    found = _texts.read(texts) if texts is not None else None
    problems = _bundle.verify(root)
    if problems or found is None:
        return problems
    try:
        bundle = _bundle.read(root)
        _opened(bundle)
    except DataError as error:  # intact files whose records do not hold together
        return (str(error),)
    return tuple(str(problem) for problem in _texts.problems(bundle.records, found))


def _folder(path: object) -> Path:
    return _checks.folder(path, "path", "bundle folder")


def _bind(method: Callable[Concatenate[Dataset, P], T]) -> Callable[P, T]:
    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        return method(dataset(), *args, **kwargs)

    signature = inspect.signature(method)
    call.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=list(signature.parameters.values())[1:]
    )
    del call.__wrapped__  # help() shows the signature above, without `self`
    call.__qualname__ = method.__name__
    call.__module__ = "mena_tip"
    return call


get = _bind(Dataset.get)
_bound_resolve = _bind(Dataset.resolve)


def resolve(
    key: Key, kind: str | type[Record] | None = None, *, country: Key | None = None
) -> Record:
    data = _default
    if data is not None and kind is None and country is None and type(key) is str:
        found = data.exact(key)
        if found is not None:
            return found
    return _bound_resolve(key, kind, country=country)


functools.update_wrapper(resolve, _bound_resolve)
del resolve.__wrapped__  # type: ignore[attr-defined]


def _bind_lookup(method: Callable[[Dataset, Key], R], kind: str) -> Callable[[Key], R]:
    """Like :func:`_bind` for a one-record lookup, with a fast path for keys that are
    exact IDs or names of the loaded default dataset."""

    def call(key: Key) -> R:
        data = _default
        if data is not None and type(key) is str:
            found = data.exact(key)
            if found is not None and kind == found.KIND:
                return found  # type: ignore[return-value]
        return method(dataset(), key)

    functools.update_wrapper(call, method)
    del call.__wrapped__  # type: ignore[attr-defined]
    call.__qualname__ = method.__name__
    call.__module__ = "mena_tip"
    return call


organization = _bind_lookup(Dataset.organization, "organization")
person = _bind_lookup(Dataset.person, "person")
country = _bind_lookup(Dataset.country, "country")
event = _bind_lookup(Dataset.event, "event")
programme = _bind_lookup(Dataset.programme, "programme")
instrument = _bind_lookup(Dataset.instrument, "instrument")
source = _bind_lookup(Dataset.source, "source")
organizations = _bind(Dataset.organizations)
persons = _bind(Dataset.persons)
countries = _bind(Dataset.countries)
events = _bind(Dataset.events)
programmes = _bind(Dataset.programmes)
instruments = _bind(Dataset.instruments)
fundings = _bind(Dataset.fundings)
statistics = _bind(Dataset.statistics)
sources = _bind(Dataset.sources)
assessments = _bind(Dataset.assessments)
mentions = _bind(Dataset.mentions)
search = _bind(Dataset.search)


# -- functions of a dataset, the default one unless told ----------------------------------


def _given(value: object) -> Dataset:
    """The ``dataset`` argument of a function: the default dataset for None."""
    if value is None:
        return dataset()
    if not isinstance(value, Dataset):
        raise TypeError(f"dataset must be a mena_tip.Dataset or None, not {shown(value)}")
    return value


def coverage(
    country: Key | None = None,
    *,
    grouping: Grouping | str | None = Grouping.MENA,
    dataset: Dataset | None = None,
) -> tuple[Coverage, ...]:
    """What the data knows of each :class:`~mena_tip.records.Topic` for a country, or for
    every country of a grouping (the MENA countries unless told otherwise; None for every
    country); by country ID, then topic. ``dataset`` defaults to the bundled data.

    Raises as :func:`country` does for a key that denotes no country, ValueError for an
    unknown grouping, and TypeError when ``dataset`` is no Dataset.
    """
    return _coverage.coverage(_given(dataset), country, grouping=grouping)


def to_frame(kind: str | type[Record], dataset: Dataset | None = None) -> pandas.DataFrame:
    """The records of one kind as a pandas DataFrame: a row per record, by ID.

    ``kind`` is a record kind (``"organization"``), a record class, or the name of any
    table :func:`write_csv` writes (``"event_participants"``, ``"citations"``…).
    Columns are the fields in order, with the cells of the CSV tables: codes, dates and
    IDs as strings, decimals as exact :class:`decimal.Decimal`, and nested parts and
    tuples as JSON text (``json.loads`` gives their :func:`to_dict` form). Missing values
    are ``pandas.NA``. ``dataset`` defaults to the bundled data.

    Raises ValueError naming ``kind`` when it is no kind or table, TypeError when
    ``dataset`` is no Dataset. Needs pandas: ``pip install "mena-tip[pandas]"``.
    """
    from . import _export

    return _export.to_frame(kind, _given(dataset))


def write_csv(
    directory: str | os.PathLike[str], dataset: Dataset | None = None
) -> tuple[Path, ...]:
    """Write every table as a UTF-8 CSV file into ``directory``; return their paths.

    One file per record kind (``organizations.csv``…, the stems of the bundle's files),
    ``register.csv``, and the derived link tables ``event_participants.csv``,
    ``person_posts.csv``, ``instrument_actions.csv``, ``names.csv`` and
    ``citations.csv``. The folder is made if missing; files of the same names are
    replaced. ``dataset`` defaults to the bundled data. :func:`read_csv` reads them back.

    Raises ValueError if a text field holds the empty string (an empty cell is no value);
    TypeError when ``directory`` is no str or path or ``dataset`` no Dataset; and
    OSError naming the folder when it cannot be made or written (a file of that name, no
    permission, a name too long or empty), or ValueError for a name holding a NUL.
    """
    from . import _export

    return _export.write_csv(directory, _given(dataset))


def write_datapackage(
    directory: str | os.PathLike[str], dataset: Dataset | None = None
) -> tuple[Path, ...]:
    """Write a Frictionless Data Package into ``directory``; return the files' paths.

    The CSV tables of :func:`write_csv`, and ``datapackage.json``: the package ``mena-tip``
    with the data version as its version, and a resource per table with its Table Schema
    (types, required columns, codes, primary and foreign keys). ``dataset`` defaults to
    the bundled data. :func:`read_datapackage` reads it back. Raises as
    :func:`write_csv` does.
    """
    from . import _export

    return _export.write_datapackage(directory, _given(dataset))


def to_jsonld(dataset: Dataset | None = None) -> dict[str, Any]:
    """The dataset (by default the bundled one) as one JSON-LD document, schema.org terms.

    The ``@context`` is inline: ``@vocab`` is schema.org, and the prefix ``mena-tip:``
    makes every record's ID an IRI (``mena-tip:organization:iom`` expands to
    ``urn:mena-tip:organization:iom``). ``@graph`` has one node per record, in the
    dataset's order, each with the record's ID as its ``identifier``; links between
    records are ``{"@id": ...}`` references. Dates are ISO 8601 as precise as the source
    (an inferred date, or one without a year, is left out), amounts and figures exact
    ``xsd:decimal`` literals. Raises TypeError when ``dataset`` is no Dataset.
    """
    from . import _schema

    return _schema.to_jsonld(_given(dataset))
