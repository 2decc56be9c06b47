"""Checking citations against the source texts they quote.

The package carries citations, not the texts. Whoever has the texts (the editors, a
reviewer, CI) can check every citation by offset: the text is found by the SHA-256 of its
bytes, which its source record gives, so file names do not matter.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator

from . import _checks
from ._bundle import FILES
from .errors import DataError
from .records import Record, Source, citations

__all__ = ["problems", "read"]

_SHOWN = 60  # characters of a mismatching excerpt quoted in an error


def read(folder: str | os.PathLike[str]) -> dict[str, str]:
    """The UTF-8 texts of the files in ``folder`` by the SHA-256 of their bytes."""
    root = _checks.folder(folder, "texts", "folder of source texts")
    found = {}
    for path in sorted(root.iterdir()):
        if path.is_file():
            data = path.read_bytes()
            try:
                found[hashlib.sha256(data).hexdigest()] = data.decode("utf-8")
            except UnicodeDecodeError:
                continue  # not a text: no source's SHA-256 can name it usefully
    return found


def _short(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


def problems(records: Iterable[Record], texts: dict[str, str]) -> Iterator[DataError]:
    """A :class:`~mena_tip.DataError` for each citation by offset that its source's text
    does not bear out, and for each source cited by offset whose text is not in ``texts``.
    """
    records = list(records)
    sources = {r.id: r for r in records if isinstance(r, Source)}
    missing: set[str] = set()
    for record in records:
        for citation in citations(record):
            if citation.start is None or citation.end is None:
                continue
            source = sources.get(citation.source)
            text = texts.get(source.sha256 or "") if source is not None else None
            if text is None:
                missing.add(citation.source)
                continue
            found = text[citation.start : citation.end]
            if found != citation.excerpt:
                yield DataError(
                    f"the citation of {citation.source} at [{citation.start}:{citation.end}] "
                    f"quotes {_short(citation.excerpt)}, but the text there reads {_short(found)}",
                    FILES[record.KIND],
                    record.id,
                )
    for source_id in sorted(missing):
        sha256 = getattr(sources.get(source_id), "sha256", None)
        what = f"no text has its SHA-256 {sha256}" if sha256 else "its record has no SHA-256"
        yield DataError(f"cited by offsets, but {what}", FILES["source"], source_id)
