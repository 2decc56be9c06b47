"""What changed between two data releases: records added, removed and changed field by field.

>>> import mena_tip
>>> same = mena_tip.diff(mena_tip.dataset(), mena_tip.dataset())
>>> bool(same), same.added, same.removed, same.changed
(False, (), (), ())
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import to_dict
from .errors import shown

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["Diff", "FieldChange", "Removal", "diff"]

_SHOWN = 70  # characters of a value in the text form; the JSON form has them all


@attrs.frozen
class FieldChange:
    """A value of a record that differs, in the JSON form of each release (None where it
    is absent: a field at its default, which the JSON form leaves out, or an item one list
    lacks). ``path`` is where it is in that form: ``founded``, ``posts[0].head``."""

    id: str
    path: str
    old: Any
    new: Any


@attrs.frozen
class Removal:
    """A record of the old release that the new one lacks, with what the new release's
    register says of its ID: ``redirect`` to ``target``, ``withdrawn``, or None when the
    register does not list it (a release should never do that)."""

    id: str
    status: str | None
    target: str | None
    reason: str | None

    def said(self, quote: str = "") -> str:
        """What the register says of the ID, in words (the target's ID within ``quote``)."""
        if self.status == "redirect":
            said = f"redirected to {quote}{self.target}{quote}"
        else:
            said = self.status or "not in the new register"
        return said + (f": {self.reason}" if self.reason else "")


@attrs.frozen
class Diff:
    """The difference from an ``old`` data release to a ``new`` one; false when none.

    ``added`` and ``removed`` are in ID order, ``changed`` by ID and then in the order of
    the record class's fields (see :class:`FieldChange`).
    """

    old_version: str
    new_version: str
    added: tuple[str, ...]
    removed: tuple[Removal, ...]
    changed: tuple[FieldChange, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        """The difference as JSON values (what ``mena-tip diff --json`` prints)."""
        return {
            "old": self.old_version,
            "new": self.new_version,
            "added": list(self.added),
            "removed": [attrs.asdict(removal) for removal in self.removed],
            "changed": [attrs.asdict(change) for change in self.changed],
        }

    def to_markdown(self) -> str:
        """The difference as a Markdown list, for a changelog: the IDs added and removed by
        kind, and each changed record with the fields that changed."""
        from .records import KINDS, record_kind

        ids = len({change.id for change in self.changed})
        lines = [
            f"Data {self.old_version} → {self.new_version}: {len(self.added)} records added, "
            f"{len(self.removed)} removed, {ids} changed.",
            "",
        ]
        by_kind: dict[str, list[str]] = {}
        for record_id in self.added:
            by_kind.setdefault(record_kind(record_id), []).append(record_id)
        for kind in KINDS:
            if kind in by_kind:
                added = by_kind[kind]
                listed = ", ".join(f"`{record_id}`" for record_id in added)
                lines.append(f"- Added {KINDS[kind].KIND.plural} ({len(added)}): {listed}")
        lines += [f"- Removed `{r.id}` ({r.said('`')})" for r in self.removed]
        fields: dict[str, dict[str, None]] = {}
        for change in self.changed:
            root = change.path.split(".")[0].split("[")[0]
            fields.setdefault(change.id, {})[root] = None
        for record_id, names in fields.items():
            listed = ", ".join(f"`{name}`" for name in names)
            lines.append(f"- Changed `{record_id}`: {listed}")
        return "\n".join(lines)

    def __str__(self) -> str:
        ids = len({change.id for change in self.changed})
        lines = [
            f"data {self.old_version} -> {self.new_version}: {len(self.added)} added, "
            f"{len(self.removed)} removed, {ids} changed"
        ]
        lines += [f"added    {record_id}" for record_id in self.added]
        lines += [f"removed  {r.id} ({r.said()})" for r in self.removed]
        last = None
        for change in self.changed:
            if change.id != last:
                lines.append(f"changed  {change.id}")
                last = change.id
            lines.append(f"  {change.path}: {_shown(change.old)} -> {_shown(change.new)}")
        return "\n".join(lines)


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _changes(record_id: str, path: str, old: Any, new: Any) -> list[FieldChange]:
    """The changes from JSON value ``old`` to ``new`` at ``path``, as deep as both have
    the same shape: an object's keys, a list's items by position."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        keys = _keys(list(old), list(new))
        return [
            change
            for key in keys
            for change in _changes(record_id, f"{path}.{key}", old.get(key), new.get(key))
        ]
    if isinstance(old, list) and isinstance(new, list):
        return [
            change
            for i in range(max(len(old), len(new)))
            for change in _changes(
                record_id,
                f"{path}[{i}]",
                old[i] if i < len(old) else None,
                new[i] if i < len(new) else None,
            )
        ]
    return [FieldChange(record_id, path, old, new)]


def _dataset(value: Dataset | str | os.PathLike[str], name: str) -> Dataset:
    from ._api import load
    from ._dataset import Dataset

    if isinstance(value, Dataset):
        return value
    if isinstance(value, (str, os.PathLike)):
        return load(value)
    raise TypeError(f"{name} must be a Dataset or a bundle folder, not {shown(value)}")


def diff(
    old: Dataset | str | os.PathLike[str], new: Dataset | str | os.PathLike[str] | None = None
) -> Diff:
    """What changed from release ``old`` to release ``new`` (by default the installed data).

    Each is a :class:`~mena_tip.Dataset` or the folder of a bundle, as :func:`mena_tip.load`
    takes. Records are compared by ID, field by field in their JSON form. Raises
    :class:`TypeError` for anything else, and :class:`~mena_tip.DataError` as
    :func:`~mena_tip.load` does for a folder that holds no sound bundle.
    """
    from ._api import dataset

    before = _dataset(old, "old")
    after = dataset() if new is None else _dataset(new, "new")
    old_ids = {record.id for record in before}
    new_ids = {record.id for record in after}
    register = {entry.id: entry for entry in after.register}
    removed = []
    for record_id in sorted(old_ids - new_ids):
        entry = register.get(record_id)
        if entry is None:
            removed.append(Removal(record_id, None, None, None))
        else:
            removed.append(Removal(record_id, entry.status, entry.target, entry.reason))
    changed: list[FieldChange] = []
    for record_id in sorted(old_ids & new_ids):
        was, now = before.get(record_id), after.get(record_id)
        if was != now:
            was_shape, now_shape = to_dict(was), to_dict(now)
            for field in attrs.fields(type(now)):
                name = field.name
                changed += _changes(record_id, name, was_shape.get(name), now_shape.get(name))
    return Diff(
        before.data_version,
        after.data_version,
        tuple(sorted(new_ids - old_ids)),
        tuple(removed),
        tuple(changed),
    )


def _keys(old: list[str], new: list[str]) -> list[str]:
    """The keys of both objects, each once, in their order (the record's field order), so
    that a diff read backwards lists its changes in the same order: where each has a key
    the other lacks at the same place, the two go in alphabetical order."""
    found: list[str] = []
    mine, theirs = set(old), set(new)
    i = j = 0
    while i < len(old) and j < len(new):
        if old[i] == new[j]:
            found.append(old[i])
            i, j = i + 1, j + 1
        elif old[i] not in theirs and (new[j] in mine or old[i] < new[j]):
            found.append(old[i])
            i += 1
        else:
            found.append(new[j])
            j += 1
    found += old[i:] + new[j:]
    return list(dict.fromkeys(found))  # once each, should the two orders disagree
