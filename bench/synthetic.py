"""Synthetic bundles for the scale benchmark: today's records copied N times (not shipped).

    python bench/synthetic.py FACTOR FOLDER           # write a bundle into FOLDER
    python bench/synthetic.py FACTOR FOLDER --check   # and prove it canonical (small N)

Copy 0 is the bundled data as it is. Copy k (k = 1 … N-1) of each record differs only in:

- its ID and every ID in it that points to a copied record: ``organization:iom`` becomes
  ``organization:iom-ck``, a valid slug (no bundled slug ends in a word ``c<digits>``, so
  no copy's ID can equal another's); so every reference of a copy, citations included,
  stays inside that copy, nothing dangles and parents still form a forest;
- its names: the name or title, the acronym, every other name, and the values of claims
  about them end with the word ``Ck`` ("International Organization for Migration C7",
  "IOM C7"). Every copy's names are distinct from every other copy's, so "IOM" still
  denotes one record (copy 0's) at any size, while the name index grows with the copies.
  Excerpts and ``as_written`` keep the sources' words.

Countries are not copied: all copies refer to the same 34 countries. A country's ISO
codes are among its names, and there are only 676 two-letter codes, so copied countries
would make ``country("MA")`` ambiguous; and a larger dataset of this region would still
have the same countries. A bundle at factor N thus holds R N + C records, R the bundled
records other than countries and C the countries (for data 2026.12, some 3.5 million at
N = 3,000), every ID listed as active in its register.

Deterministic: no randomness. Fast: each record's canonical JSON text is made once, with a
placeholder where the copy's number goes, and each copy is that text with the placeholder
replaced; files are streamed to disk with their SHA-256 computed on the way, so memory
stays small at any factor. The canonical form is :func:`mena_tip._bundle.dumps` applied
to one record at a time (checked against a two-record list on every run), and
``--check`` (or :func:`check`) proves the result canonical: ``_bundle.read`` then
``_bundle.write`` of the generated bundle gives back the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
try:
    import mena_tip
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(BENCH.parent / "src"))
    import mena_tip

from mena_tip import _bundle  # noqa: E402
from mena_tip.names import normalize  # noqa: E402

__all__ = ["cached", "check", "make"]

SHARED = frozenset({"country"})  # kinds every copy refers to instead of copying them
NAME_FIELDS = ("name", "title", "acronym")  # top-level fields the name index reads
PLACEHOLDER = "@COPY@"  # where the copy's number goes in a record's JSON text
ID_SUFFIX = f"-c{PLACEHOLDER}"
NAME_SUFFIX = f" C{PLACEHOLDER}"
_COPY_ID = re.compile(r"-c[0-9]+$")
_COPY_WORD = re.compile(r"c[0-9]+")


def _bundled() -> Path:
    return Path(str(resources.files("mena_tip") / "data"))


class _Original:
    """The bundled data as JSON dicts, in the form its files hold them."""

    def __init__(self) -> None:
        bundle = _bundle.read(_bundled())
        self.data_version = bundle.data_version
        self.items: dict[str, list[dict[str, Any]]] = {kind: [] for kind in _bundle.FILES}
        for record in bundle.records:
            self.items[record.KIND].append(mena_tip.to_dict(record))
        self.since = {entry.id: entry.since for entry in bundle.register}
        ids = [item["id"] for items in self.items.values() for item in items]
        self.copied = {i for i in ids if i.split(":", 1)[0] not in SHARED}
        self._check(ids, bundle.records)

    def _check(self, ids: list[str], records: Iterable[mena_tip.Record]) -> None:
        clash = [i for i in ids if _COPY_ID.search(i)]
        if clash:
            raise ValueError(f"bundled IDs end like a copy's suffix -c<k>: {clash}")
        names = [n for r in records for n in _record_names(r)]
        clash = [n for n in names if _COPY_WORD.fullmatch(normalize(n).rsplit(" ", 1)[-1])]
        if clash:
            raise ValueError(f"bundled names end like a copy's suffix C<k>: {clash}")
        text = json.dumps([self.items, self.since], ensure_ascii=False)
        if PLACEHOLDER in text:
            raise ValueError(f"the bundled data holds the placeholder {PLACEHOLDER!r}")
        missing = set(ids) - set(self.since)
        if missing:
            raise ValueError(f"IDs missing from the bundled register: {sorted(missing)}")

    def template(self, item: dict[str, Any]) -> dict[str, Any]:
        """A record's dict for copy ``PLACEHOLDER``: its IDs and names suffixed."""
        copied = self.copied

        def walk(value: Any) -> Any:
            if isinstance(value, str):
                return value + ID_SUFFIX if value in copied else value
            if isinstance(value, list):
                return [walk(v) for v in value]
            if isinstance(value, dict):
                return {key: walk(v) for key, v in value.items()}
            return value

        result: dict[str, Any] = walk(item)
        for field in NAME_FIELDS:
            if field in result:
                result[field] += NAME_SUFFIX
        for name in result.get("other_names", ()):
            name["text"] += NAME_SUFFIX
        for claim in result.get("claims", ()):
            if claim["field"] in NAME_FIELDS:
                claim["value"] += NAME_SUFFIX
        return result


def _record_names(record: mena_tip.Record) -> Iterator[str]:
    for field in NAME_FIELDS:
        value = getattr(record, field, None)
        if isinstance(value, str):
            yield value
    for name in getattr(record, "other_names", ()):
        yield name.text


def _item_text(item: object) -> str:
    """The canonical text of one item of a bundle file, as it stands inside the list."""
    return _bundle.dumps([item]).decode("utf-8")[2:-3]


def _check_layout() -> None:
    """Fail early if the canonical form is no longer a list of items joined as assumed."""
    a, b = {"id": "a", "x": [1, {"y": "z"}]}, {"id": "b"}
    joined = "[\n" + _item_text(a) + ",\n" + _item_text(b) + "\n]\n"
    if _bundle.dumps([a, b]).decode("utf-8") != joined or _bundle.dumps([]) != b"[]\n":
        raise RuntimeError("_bundle.dumps changed its layout: update bench/synthetic.py")


class _Writer:
    """A bundle file streamed to disk, its SHA-256 computed on the way."""

    LIMIT = 1 << 23  # characters buffered before a write

    def __init__(self, path: Path) -> None:
        self._file = path.open("wb")
        self._hash = hashlib.sha256()
        self._parts: list[str] = []
        self._size = 0
        self.count = 0

    def add(self, text: str) -> None:
        self._put(",\n" if self.count else "[\n")
        self._put(text)
        self.count += 1

    def _put(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self.LIMIT:
            self._flush()

    def _flush(self) -> None:
        data = "".join(self._parts).encode("utf-8")
        self._hash.update(data)
        self._file.write(data)
        self._parts, self._size = [], 0

    def close(self) -> str:
        self._put("\n]\n" if self.count else "[]\n")
        self._flush()
        self._file.close()
        return self._hash.hexdigest()


def make(factor: int, folder: Path) -> None:
    """Write into ``folder`` a bundle of today's records copied ``factor`` times."""
    if isinstance(factor, bool) or not isinstance(factor, int) or factor < 1:
        raise ValueError(f"factor must be a positive int, not {factor!r}")
    _check_layout()
    original = _Original()
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Any]] = {}
    register: dict[str, list[tuple[str, str]]] = {}  # kind -> (ID, ID of its copy 0)
    placeholder = PLACEHOLDER
    for kind, name in _bundle.FILES.items():
        items = original.items[kind]
        copies = 1 if kind in SHARED else factor
        texts = [_item_text(item) for item in items]
        templates = [_item_text(original.template(item)) for item in items]
        order = [(item["id"], i, 0) for i, item in enumerate(items)]
        for i, item in enumerate(items):
            suffixed = item["id"] + ID_SUFFIX
            order += [(suffixed.replace(placeholder, str(k)), i, k) for k in range(1, copies)]
        order.sort()
        out = _Writer(folder / name)
        for _, i, k in order:
            out.add(templates[i].replace(placeholder, str(k)) if k else texts[i])
        files[name] = {"records": out.count, "sha256": out.close()}
        register[kind] = [(record_id, items[i]["id"]) for record_id, i, _ in order]
    # The register lists every ID in ID order: each kind's sorted IDs, the kinds in order
    # of "kind:" (no kind's prefix is a prefix of another's).
    out = _Writer(folder / _bundle.REGISTER)
    lines: dict[str, str] = {}
    for kind in sorted(register, key=lambda kind: kind + ":"):
        for record_id, first in register.pop(kind):
            since = original.since[first]
            line = lines.get(since)
            if line is None:
                line = lines[since] = _item_text({"id": placeholder, "since": since})
            out.add(line.replace(placeholder, record_id))
    files[_bundle.REGISTER] = {"records": out.count, "sha256": out.close()}
    manifest = {
        "format": _bundle.FORMAT,
        "data_version": f"{original.data_version}-x{factor}",
        "files": dict(sorted(files.items())),
    }
    (folder / _bundle.MANIFEST).write_bytes(_bundle.dumps(manifest))


def check(folder: Path) -> list[str]:
    """The files of a bundle that ``_bundle.read`` then ``_bundle.write`` would change,
    and every problem ``_bundle.verify`` finds: empty when the bundle is canonical."""
    problems = list(_bundle.verify(folder))
    bundle = _bundle.read(folder)
    with tempfile.TemporaryDirectory() as scratch:
        again = Path(scratch)
        _bundle.write(again, bundle.records, bundle.register, bundle.data_version)
        for path in sorted(again.iterdir()):
            if path.read_bytes() != (folder / path.name).read_bytes():
                problems.append(f"{path.name}: rewriting it changes its bytes")
    return problems


def _fingerprint() -> str:
    """Of the bundled data and of this generator: a cached bundle is stale when either
    changes."""
    digest = hashlib.sha256((_bundled() / _bundle.MANIFEST).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def _bytes_needed(factor: int) -> int:
    per_copy = sum((_bundled() / name).stat().st_size for name in _bundle.FILES.values())
    return factor * (per_copy + (_bundled() / _bundle.REGISTER).stat().st_size)


def cached(factor: int, cache: Path) -> tuple[Path, bool]:
    """The folder of the bundle at ``factor`` under ``cache``, generated unless a bundle
    of this data and this generator is there already; and whether it was generated.

    Bundles of other data or another version of the generator in ``cache`` are removed.
    """
    key = _fingerprint()
    target = cache / f"x{factor}-{key}"
    if (target / _bundle.MANIFEST).is_file():
        return target, False
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"x{factor}-*"):
        if stale.is_dir() and re.fullmatch(rf"x{factor}-[0-9a-f]{{12}}", stale.name):
            shutil.rmtree(stale)
    free, needed = shutil.disk_usage(cache).free, _bytes_needed(factor)
    if free < needed * 1.1:
        raise OSError(
            f"{cache} has {free / 1e9:.1f} GB free; factor {factor} needs about "
            f"{needed / 1e9:.1f} GB"
        )
    scratch = cache / f".x{factor}-{key}.{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    make(factor, scratch)
    scratch.rename(target)  # the manifest is written last: a folder here is complete
    return target, True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("factor", type=int, help="how many copies of today's records")
    parser.add_argument("folder", type=Path, help="where to write the bundle")
    parser.add_argument(
        "--check", action="store_true", help="then prove it canonical (reads it all: small N)"
    )
    args = parser.parse_args()
    make(args.factor, args.folder)
    if args.check:
        problems = check(args.folder)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
