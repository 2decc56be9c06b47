"""mena_tip and mena_tip._api: the module-level API over the bundled default dataset."""

from __future__ import annotations

import ast
import gc
import importlib
import inspect
import os
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest

import mena_tip
import sample
from mena_tip import _api, _bundle
from mena_tip._dataset import Dataset
from mena_tip._linker import Linker
from mena_tip.errors import DataError
from mena_tip.records import RECORD_TYPES, Record

PACKAGE_PARENT = str(Path(mena_tip.__file__).resolve().parents[1])

BOUND = [
    "get",
    "resolve",
    "organization",
    "person",
    "country",
    "event",
    "programme",
    "instrument",
    "source",
    "organizations",
    "persons",
    "countries",
    "events",
    "programmes",
    "instruments",
    "fundings",
    "statistics",
    "sources",
    "assessments",
]
SINGLE = {
    "organization": "organization",
    "person": "person",
    "country": "country",
    "event": "event",
    "programme": "programme",
    "instrument": "instrument",
    "source": "source",
}


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports this same mena_tip."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_PARENT, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


def test_import_loads_no_data_and_nothing_heavy() -> None:
    """``import mena_tip`` imports the package and its version only: not even typing,
    importlib or __future__, so that it stays fast."""
    result = run_python(
        "import sys\n"
        "before = set(sys.modules)\n"
        "import mena_tip\n"
        "print(sorted(set(sys.modules) - before))\n"
        "heavy = ['mena_tip._api', 'mena_tip._dataset', 'mena_tip.dataset', 'mena_tip._bundle',"
        " 'mena_tip.records', 'attrs', 'cattrs']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "print(mena_tip.__version__)\n"
    )
    assert result.returncode == 0, result.stderr
    imported, loaded, version = result.stdout.splitlines()
    assert imported == "['mena_tip', 'mena_tip._version']"
    assert loaded == "[]"
    assert version == mena_tip.__version__


def test_first_query_loads_the_data_lazily() -> None:
    result = run_python(
        "import sys, mena_tip\n"
        "from mena_tip import _api\n"
        "assert _api.loads == 0 and _api._default is None\n"
        "mena_tip.events()\n"
        "mena_tip.events()\n"
        "print(_api.loads)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


@pytest.mark.parametrize("name", BOUND)
def test_module_functions_query_the_default_dataset(name: str, bundled: Dataset) -> None:
    function = getattr(mena_tip, name)
    method = getattr(Dataset, name)
    assert function.__name__ == name
    assert function.__module__ == "mena_tip"
    assert function.__doc__ == method.__doc__
    parameters = list(inspect.signature(method).parameters)
    assert list(inspect.signature(function).parameters) == parameters[1:]
    if name in SINGLE or name in ("get", "resolve"):
        kind = SINGLE.get(name)
        candidates = [r for r in bundled if kind is None or kind == r.KIND]
        if not candidates:
            pytest.skip(f"the bundled data has no {kind}")
        record = candidates[0]
        assert function(record.id) is record
        assert function(record.id) is getattr(bundled, name)(record.id)
    else:
        assert function() == getattr(bundled, name)()


def test_dataset_is_the_bundled_release(bundled: Dataset) -> None:
    assert mena_tip.dataset() is bundled
    assert bundled.data_version == mena_tip.DATA_VERSION
    assert len(bundled) > 0
    assert set(bundled.counts) == set(mena_tip.KINDS)


def test_version_is_the_data_version_and_a_patch_number() -> None:
    assert mena_tip.__version__.startswith(mena_tip.DATA_VERSION + ".")
    patch = mena_tip.__version__[len(mena_tip.DATA_VERSION) + 1 :]
    assert patch.isdigit()
    year, month = mena_tip.DATA_VERSION.split(".")
    assert len(year) == 4
    assert 1 <= int(month) <= 12


# First queries of every sort: by ID and name on the fast path, normalised names, filters,
# the linker and fuzzy search (each builds an index on first use).
FIRST_QUERIES: dict[str, Callable[[], object]] = {
    "events": lambda: mena_tip.events(country="MA"),
    "organization by acronym": lambda: mena_tip.organization("IOM"),
    "organization by ID": lambda: mena_tip.organization("organization:iom"),
    "country by code": lambda: mena_tip.country("MA"),
    "resolve a variant": lambda: mena_tip.resolve("  international organization for MIGRATION "),
    "mentions": lambda: mena_tip.mentions("IOM and UNODC met in Rabat, Morocco."),
    "search": lambda: mena_tip.search("Internatonal Organisation for Migraton", limit=3),
    "coverage": lambda: mena_tip.coverage("MA"),
}


def test_concurrent_first_queries_load_the_data_once(
    fresh_default: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """32 threads make their first query at the same moment: one load, one name index and
    one linker, and every thread gets the same answer, made of the same record objects."""
    threads_count = 32
    real = _api._bundled
    built: list[str] = []

    def slow() -> Dataset:  # widen the window in which the others wait for the lock
        time.sleep(0.2)
        return real()

    def counted(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            built.append(name)
            time.sleep(0.05)  # and the window in which indexes are built
            return method(*args, **kwargs)

        return call

    monkeypatch.setattr(_api, "_bundled", slow)
    monkeypatch.setattr(Dataset, "_index_names", counted("names", Dataset._index_names))
    monkeypatch.setattr(Linker, "__init__", counted("linker", Linker.__init__))
    before = _api.loads
    start = threading.Barrier(threads_count)
    names = sorted(FIRST_QUERIES)
    results: list[tuple[str, object]] = [("", None)] * threads_count
    errors: list[BaseException] = []

    def query(index: int) -> None:
        try:
            name = names[index % len(names)]
            start.wait()
            results[index] = (name, FIRST_QUERIES[name]())
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=query, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _api.loads == before + 1
    assert sorted(built) == ["linker", "names"]
    answers: dict[str, object] = {}
    for name, result in results:
        first = answers.setdefault(name, result)
        assert result == first, name
        assert _ids_of(result) == _ids_of(first), name
    assert set(answers) == set(names)
    assert all(answers[name] for name in names), "every first query finds something"
    data = mena_tip.dataset()
    for record in _records_in(answers.values()):  # shared, not copies
        assert data.get(record.id) is record


def _records_in(values: Iterable[object]) -> Iterator[Record]:
    for value in values:
        if isinstance(value, RECORD_TYPES):
            yield value
        elif isinstance(value, tuple):
            yield from _records_in(value)


def _ids_of(value: object) -> list[int]:
    return [id(record) for record in _records_in([value])]


def test_bundled_data_of_another_release_is_an_inconsistent_install(
    fresh_default: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_api, "DATA_VERSION", "1999.01")
    with pytest.raises(DataError, match="reinstall mena-tip") as caught:
        mena_tip.dataset()
    assert caught.value.file == "manifest.json"


def test_load_a_written_bundle(sample_bundle: Path) -> None:
    for path in (sample_bundle, str(sample_bundle)):
        loaded = mena_tip.load(path)
        assert isinstance(loaded, mena_tip.Dataset)
        assert loaded.data_version == sample.DATA_VERSION
        assert sorted(loaded, key=lambda r: r.id) == sorted(sample.records(), key=lambda r: r.id)
        assert set(loaded.register) == set(sample.register())
        assert loaded.organization("IOM").id == "organization:iom"
    assert mena_tip.verify(sample_bundle) == ()
    assert mena_tip.verify(str(sample_bundle)) == ()


def test_load_of_a_missing_folder_or_a_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"no bundle folder at"):
        mena_tip.load(tmp_path / "nowhere")
    (tmp_path / "file.json").write_text("[]", encoding="utf-8")
    with pytest.raises(DataError, match=r"no bundle folder at"):
        mena_tip.load(tmp_path / "file.json")
    with pytest.raises(DataError, match=r"manifest\.json"):
        mena_tip.load(tmp_path)


@pytest.mark.parametrize("path", [None, 5, b"/tmp", ["/tmp"]])
def test_load_and_verify_of_what_is_no_path(path: object) -> None:
    if path is not None:
        with pytest.raises(TypeError, match=r"path must be a str or os\.PathLike"):
            mena_tip.verify(path)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"path must be a str or os\.PathLike"):
        mena_tip.load(path)  # type: ignore[arg-type]


def test_verify_of_the_installed_bundle_is_empty() -> None:
    assert mena_tip.verify() == ()


def test_the_data_folder_is_found_through_importlib_resources() -> None:
    assert _api._data_folder() == resources.files("mena_tip") / "data"


def test_the_package_works_from_a_zip_file(tmp_path: Path) -> None:
    """A wheel's contents zipped onto sys.path: the data is read from inside the zip."""
    package = Path(mena_tip.__file__).parent
    archive = tmp_path / "mena_tip.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("mena_tip") / path.relative_to(package))
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import mena_tip; "
        "assert '.zip' in mena_tip.__file__, mena_tip.__file__; "
        "print(mena_tip.organization('OIM').id, mena_tip.verify(), "
        "len(mena_tip.events(country='Morocco')) > 0)"
    )
    found = subprocess.run(
        [sys.executable, "-I", "-c", script, str(archive)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == ["organization:iom", "()", "True"]


def test_verify_reports_a_damaged_bundle(sample_bundle: Path) -> None:
    (sample_bundle / "events.json").write_bytes(b"[]\n")
    problems = mena_tip.verify(sample_bundle)
    assert len(problems) == 1
    assert problems[0].startswith("file events.json: SHA-256")


def test_dir_lists_the_public_api() -> None:
    """The public names, and the public submodules imported so far: no helper of the
    package's __init__ and no dunder but __version__."""
    result = run_python(
        "import mena_tip\n"
        "print(dir(mena_tip) == sorted(mena_tip.__all__))\n"
        "import mena_tip.names\n"
        "print(sorted(set(dir(mena_tip)) - set(mena_tip.__all__)))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True", "['names']"]
    names = dir(mena_tip)
    assert names == sorted(names)
    assert set(mena_tip.__all__) <= set(names)
    assert not {"TYPE_CHECKING", "annotations", "importlib"} & set(names)
    for name in set(names) - set(mena_tip.__all__):
        assert not name.startswith("_")
        assert getattr(mena_tip, name) is sys.modules[f"mena_tip.{name}"]


INIT = Path(mena_tip.__file__)


def public_table() -> dict[str, list[str]]:
    """``mena_tip._PUBLIC``: module -> the public names it defines, sorted."""
    return {module: sorted(names.split()) for module, names in mena_tip._PUBLIC.items()}


def test_type_checkers_import_the_names_of_the_table() -> None:
    """The TYPE_CHECKING block of __init__ imports exactly the names of _PUBLIC, from
    exactly their modules, each as itself (so that type checkers see it re-exported)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    ]
    imported: dict[str, list[str]] = {}
    for statement in block.body:
        assert isinstance(statement, ast.ImportFrom), ast.dump(statement)
        assert statement.level == 1
        assert statement.module is not None
        for alias in statement.names:
            assert alias.asname == alias.name
            imported.setdefault(statement.module, []).append(alias.name)
    assert {module: sorted(names) for module, names in imported.items()} == public_table()
    assert not block.orelse


def test_all_is_the_table_and_the_versions_sorted() -> None:
    names = [name for names in public_table().values() for name in names]
    assert len(set(names)) == len(names)  # each name lives in one module
    assert mena_tip.__all__ == sorted([*names, "DATA_VERSION", "__version__"])
    for module, names in public_table().items():
        for name in names:
            assert getattr(importlib.import_module(f"mena_tip.{module}"), name) is getattr(
                mena_tip, name
            )


@pytest.mark.parametrize("name", sorted(set(mena_tip.__all__)))
def test_every_public_name_is_importable(name: str) -> None:
    assert getattr(mena_tip, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'mena_tip' has no attribute 'nope'"):
        mena_tip.nope  # noqa: B018
    with pytest.raises(AttributeError):
        mena_tip.__getattr__("Dataset_")
    assert not hasattr(mena_tip, "records_")


def test_public_names_are_the_implementations() -> None:
    from mena_tip import _convert, errors, records

    assert mena_tip.Dataset is Dataset
    assert mena_tip.DataError is errors.DataError
    assert mena_tip.to_dict is _convert.to_dict
    assert mena_tip.Organization is records.Organization
    assert mena_tip.KINDS is records.KINDS


def test_lookups_by_exact_key_and_by_record_agree() -> None:
    iom = mena_tip.organization("organization:iom")
    assert mena_tip.organization("IOM") is iom  # an exact name: the fast path
    assert mena_tip.organization(iom) is iom  # a record: the general path
    assert mena_tip.resolve("IOM") is iom
    assert mena_tip.resolve("iom") is iom  # needs normalising: the general path
    with pytest.raises(mena_tip.UnknownIdentifier):
        mena_tip.country("IOM")  # the exact name of another kind
    with pytest.raises(TypeError, match="int"):
        mena_tip.organization(7)  # type: ignore[arg-type]


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_pauses_the_garbage_collector_and_restores_it(
    sample_bundle: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    seen: list[bool] = []
    real = _bundle.read

    def read(root: Any) -> _bundle.Bundle:
        seen.append(gc.isenabled())
        return real(root)

    monkeypatch.setattr(_bundle, "read", read)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        mena_tip.load(sample_bundle)
        assert seen == [False]
        assert gc.isenabled() is enabled
        with pytest.raises(DataError):
            mena_tip.load(sample_bundle, texts=sample_bundle)  # no texts there: fails
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_nothing_a_caller_receives_can_change_the_shared_data() -> None:
    """Results are tuples of frozen records; the mappings the API hands out are read-only."""
    data = mena_tip.dataset()
    with pytest.raises(TypeError):
        data.names.exact["IOM"] = ("organization:unodc",)  # type: ignore[index]
    with pytest.raises(TypeError):
        mena_tip.KINDS["planet"] = Record  # type: ignore[index]
    results: list[object] = [
        mena_tip.events(),
        mena_tip.organizations(),
        mena_tip.countries(),
        mena_tip.coverage("MA"),
        mena_tip.mentions("IOM in Rabat"),
        mena_tip.search("IOM"),
        data.register,
    ]
    for result in results:
        assert type(result) is tuple
        for item in result:
            name = attrs.fields(type(item))[0].name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(item, name, None)
    iom = mena_tip.organization("IOM")
    for field in attrs.fields(type(iom)):
        value = getattr(iom, field.name)
        assert not isinstance(value, (list, dict, set)), field.name
    assert mena_tip.organization("IOM") is iom


def test_loading_leaves_no_garbage_for_the_cyclic_collector(sample_bundle: Path) -> None:
    """A load makes no reference cycles: the collector it pauses has nothing to find."""
    mena_tip.load(sample_bundle)  # the converter's plans are made once, on first use
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        data = mena_tip.load(sample_bundle)
        data.resolve("IOM")
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
