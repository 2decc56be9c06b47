"""Rewrite the records each events-sheet page yields in tests/reference_events.json.

Run after changing records that cite the pages of ``reference/events`` beside the
checkout (``../shared``), then read the diff: every ID that appears or disappears there
is a record that starts or stops citing a page.

    python tools/reference_events.py

Each sheet event keeps its ``dropped`` list (the quotes the data does not use, each with
the reason), which is written by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import mena_tip  # noqa: E402
from mena_tip.records import citations  # noqa: E402

SHEETS = ROOT.parent / "shared" / "reference" / "events"
EXPECTED = ROOT / "tests" / "reference_events.json"


def main() -> int:
    data = mena_tip.dataset()
    by_url = {source.url: source.id for source in data.sources() if source.url}
    cited: dict[str, set[str]] = {}
    for record in data:
        for citation in citations(record):
            if citation.source != record.id:
                cited.setdefault(citation.source, set()).add(record.id)
    old = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    new = {}
    for path in sorted(SHEETS.glob("*.json")):
        for event in json.loads(path.read_text(encoding="utf-8")):
            source = by_url[event["source"]["url"]]
            new[event["id"]] = {
                "source": source,
                "records": sorted(cited.get(source, ())),
                "dropped": old.get(event["id"], {}).get("dropped", []),
            }
    text = json.dumps(dict(sorted(new.items())), ensure_ascii=False, indent=1) + "\n"
    EXPECTED.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
