"""Finding, reading, verifying and writing data bundles.

A bundle is a folder with one JSON file per record kind, ``register.json`` (every ID ever
published, with redirects and withdrawals) and ``manifest.json`` (the data version, and
for each file its SHA-256 and record count). Files are canonical: records sorted by ID,
fields in schema order, defaults omitted, one-space indentation, UTF-8, final newline; so
re-writing a bundle that was read changes no byte, and every diff is a real change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from .errors import DataError, shown
from .records import KINDS, RECORD_TYPES, Record, record_kind

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["Bundle", "RegisterEntry", "dumps", "read", "verify", "write"]

PLURALS: dict[str, str] = {kind: made.KIND.plural for kind, made in KINDS.items()}
FILES: dict[str, str] = {kind: f"{plural}.json" for kind, plural in PLURALS.items()}
MANIFEST = "manifest.json"
REGISTER = "register.json"
FORMAT = 1  # the bundle layout; bumped only if files are added, renamed or reshaped


def _an_id(entry: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None or attribute.name == "id":
        record_kind(value)  # a ValueError naming what it is not


def _a_text(entry: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    optional = attribute.default is None
    if not isinstance(value, str) and not (optional and value is None):
        raise TypeError(
            f"{attribute.name} must be a str, not {type(value).__name__}: {shown(value)}"
        )


def _a_status(entry: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("active", "redirect", "withdrawn"):
        raise ValueError(f"status must be 'active', 'redirect' or 'withdrawn', not {shown(value)}")


@attrs.frozen
class RegisterEntry:
    """One published ID: active, redirected to another ID, or withdrawn (a tombstone)."""

    id: str = attrs.field(validator=_an_id)
    since: str = attrs.field(validator=_a_text)  #: the data release that first published the ID
    status: Literal["active", "redirect", "withdrawn"] = attrs.field(
        default="active", validator=_a_status
    )
    target: str | None = attrs.field(default=None, validator=_an_id)
    """For a redirect, the ID that replaces it."""
    release: str | None = attrs.field(default=None, validator=_a_text)
    """For a redirect or withdrawal, the release that made it."""
    reason: str | None = attrs.field(default=None, validator=_a_text)


@attrs.frozen
class Bundle:
    """What a bundle holds, as read and checked against its manifest."""

    data_version: str
    records: tuple[Record, ...]
    register: tuple[RegisterEntry, ...]


def dumps(items: object) -> bytes:
    """The canonical bytes of a bundle file."""
    return (json.dumps(items, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(root: Traversable, name: str) -> bytes:
    try:
        return (root / name).read_bytes()
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", file=name) from None


def _parse(data: bytes, name: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise DataError(f"not UTF-8 text: {error}", file=name) from None
    except json.JSONDecodeError as error:
        raise DataError(
            f"not valid JSON (truncated or damaged?): {error.msg} at line {error.lineno} "
            f"column {error.colno}",
            file=name,
        ) from None


def _manifest(root: Traversable) -> dict[str, Any]:
    manifest = _parse(_read_bytes(root, MANIFEST), MANIFEST)
    if not isinstance(manifest, dict):
        manifest = {}
    files, layout = manifest.get("files"), manifest.get("format")
    expected = set(FILES.values()) | {REGISTER}
    if type(layout) is int and layout > FORMAT:
        raise DataError(
            f"the bundle has format {layout}, newer than the format {FORMAT} this version of "
            "mena-tip reads: upgrade mena-tip",
            file=MANIFEST,
        )
    if (
        type(layout) is not int
        or layout != FORMAT
        or not isinstance(files, dict)
        or not isinstance(manifest.get("data_version"), str)
        or set(files) != expected
        or not all(
            isinstance(e, dict)
            and isinstance(e.get("sha256"), str)
            and type(e.get("records")) is int
            for e in files.values()
        )
    ):
        raise DataError(
            f"expected {{'format': {FORMAT}, 'data_version': …, 'files': …}} with a "
            f"{{'sha256': …, 'records': …}} entry for each of {sorted(expected)}",
            file=MANIFEST,
        )
    return cast("dict[str, Any]", manifest)


def _checked(root: Traversable, name: str, entry: dict[str, Any]) -> list[Any]:
    data = _read_bytes(root, name)
    found = _sha256(data)
    if found != entry["sha256"]:
        raise DataError(
            f"SHA-256 {found} differs from the manifest's {entry['sha256']}: "
            "the file was changed or damaged after the bundle was written",
            file=name,
        )
    items = _parse(data, name)
    if not isinstance(items, list) or len(items) != entry.get("records"):
        raise DataError(f"expected a list of {entry.get('records')} records", file=name)
    return items


def read(root: Traversable) -> Bundle:
    """Read and check a bundle; raise :class:`~mena_tip.DataError` naming file and record."""
    from ._convert import Invalid, converter, from_dict

    manifest = _manifest(root)
    files = manifest["files"]
    records: list[Record] = []
    for kind, name in FILES.items():
        previous = ""
        for item in _checked(root, name, files[name]):
            record_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(record_id, str) or not record_id.startswith(kind + ":"):
                raise DataError(
                    f"expected a {kind} record with an ID '{kind}:…'", name, repr(record_id)
                )
            if record_id <= previous:
                raise DataError("records must be sorted by ID, each ID once", name, record_id)
            previous = record_id
            try:
                records.append(from_dict(item, KINDS[kind]))
            except DataError as error:
                raise DataError(error.message, name, error.record) from None
    try:
        entries = converter.structure(
            _checked(root, REGISTER, files[REGISTER]), list[RegisterEntry]
        )
    except Invalid as error:
        raise DataError(f"malformed register: {error}", file=REGISTER) from None
    ids = [entry.id for entry in entries]
    if ids != sorted(set(ids)):
        raise DataError("register entries must be sorted by ID, each ID once", file=REGISTER)
    return Bundle(manifest["data_version"], tuple(records), tuple(entries))


def verify(root: Traversable) -> tuple[str, ...]:
    """Every difference between a bundle's files and its manifest (empty when it is intact)."""
    try:
        files = _manifest(root)["files"]
    except DataError as error:
        return (str(error),)
    problems = []
    present = {entry.name for entry in root.iterdir() if entry.name.endswith(".json")}
    for name in sorted(present - set(files) - {MANIFEST}):
        problems.append(f"file {name}: not listed in the manifest")
    for name, entry in sorted(files.items()):
        try:
            _checked(root, name, entry)
        except DataError as error:
            problems.append(str(error))
    return tuple(problems)


def write(
    root: Path,
    records: Iterable[Record],
    register: Iterable[RegisterEntry],
    data_version: str,
) -> None:
    """Write a canonical bundle (kind files, register, manifest) into the folder ``root``."""
    from ._convert import converter, to_dict

    by_kind: dict[str, list[Record]] = {kind: [] for kind in FILES}
    for record in records:
        if not isinstance(record, RECORD_TYPES):
            raise TypeError(f"not a record: {record!r}")
        by_kind[record.KIND].append(record)
    contents = {
        FILES[kind]: dumps([to_dict(r) for r in sorted(found, key=lambda r: r.id)])
        for kind, found in by_kind.items()
    }
    entries = sorted(register, key=lambda e: e.id)
    contents[REGISTER] = dumps(converter.unstructure(entries))
    counts = {name: len(by_kind[kind]) for kind, name in FILES.items()}
    counts[REGISTER] = len(entries)
    manifest = {
        "format": FORMAT,
        "data_version": data_version,
        "files": {
            name: {"records": counts[name], "sha256": _sha256(data)}
            for name, data in sorted(contents.items())
        },
    }
    root.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (root / name).write_bytes(data)
    (root / MANIFEST).write_bytes(dumps(manifest))
