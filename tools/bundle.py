"""Rewrite the bundled data canonically and refresh its register and manifest.

Run after editing any file in src/mena_tip/data:

    python tools/bundle.py           # rewrite in place
    python tools/bundle.py --check   # exit 1 if anything would change (used by the tests)

Every record ID is added to the register as published in the current data release; IDs
already in the register keep their entries, so an ID never disappears from it. A record
that is removed must be given a redirect or a withdrawal entry by hand, with the reason.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mena_tip import _bundle, _integrity  # noqa: E402
from mena_tip._convert import converter, from_dict  # noqa: E402
from mena_tip._dataset import Dataset  # noqa: E402
from mena_tip._version import DATA_VERSION  # noqa: E402
from mena_tip.errors import DataError  # noqa: E402
from mena_tip.records import KINDS  # noqa: E402

DATA = ROOT / "src" / "mena_tip" / "data"


def rebuild(target: Path) -> None:
    records = []
    for kind, name in _bundle.FILES.items():
        path = DATA / name
        items = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        records += [from_dict(item, KINDS[kind]) for item in items]
    register_path = DATA / _bundle.REGISTER
    entries = (
        converter.structure(
            json.loads(register_path.read_text(encoding="utf-8")), list[_bundle.RegisterEntry]
        )
        if register_path.exists()
        else []
    )
    known = {entry.id for entry in entries}
    entries += [
        _bundle.RegisterEntry(r.id, since=DATA_VERSION) for r in records if r.id not in known
    ]
    try:
        _integrity.check_register(entries, {r.id for r in records})
        Dataset(records, entries, DATA_VERSION)  # the integrity of the records
    except DataError as error:
        raise SystemExit(str(error)) from None
    _bundle.write(target, records, entries, DATA_VERSION)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report whether files would change"
    )
    args = parser.parse_args()
    if not args.check:
        rebuild(DATA)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        rebuild(Path(scratch))
        changed = [
            p.name
            for p in sorted(Path(scratch).iterdir())
            if p.read_bytes() != (DATA / p.name).read_bytes()
        ]
    for name in changed:
        print(f"{name} is not canonical: run python tools/bundle.py", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
