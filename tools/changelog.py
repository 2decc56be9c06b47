"""Write the list of records a data release adds, removes and changes into CHANGELOG.md.

Run after changing the bundled data, once ``python tools/bundle.py`` has run:

    python tools/changelog.py           # rewrite the list in place
    python tools/changelog.py --check   # exit 1 if the list is not the diff's (the tests)

The list is ``mena-tip diff --markdown`` from the previous release, kept as it was published
in ``tests/releases/<version>``, to the bundled data. It sits in the current release's
section of the changelog between two markers; the prose above it, which says why the data
changed, is written by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import mena_tip  # noqa: E402

CHANGELOG = ROOT / "CHANGELOG.md"
PREVIOUS = "2026.11"  # the data release before the bundled one
RELEASE = ROOT / "tests" / "releases" / PREVIOUS
BEGIN = (
    f"<!-- the diff from data {PREVIOUS}, written by python tools/changelog.py: "
    "do not edit by hand -->"
)
END = "<!-- end of the diff -->"


def generated() -> str:
    """The list, between its markers."""
    found = mena_tip.diff(mena_tip.load(RELEASE), mena_tip.dataset())
    return f"{BEGIN}\n\n{found.to_markdown()}\n\n{END}"


def spliced(text: str) -> str:
    """``text`` (the changelog) with the list between the markers replaced."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"CHANGELOG.md lacks the markers {BEGIN!r} … {END!r}")
    return text[:start] + generated() + text[end + len(END) :]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether it would change")
    args = parser.parse_args()
    text = CHANGELOG.read_text(encoding="utf-8")
    new = spliced(text)
    if args.check:
        if new != text:
            print("CHANGELOG.md's data list is not the diff: run python tools/changelog.py")
            return 1
        return 0
    CHANGELOG.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
