"""How well ``mentions()`` links real text: recall and precision per language.

    .venv/bin/python bench/linking.py            # print the report
    .venv/bin/python bench/linking.py --write    # regenerate bench/LINKING.md

The corpus, ``tests/linking_corpus.json``, is every distinct quote of the reference events
sheets (``../shared/reference/events``: 997 quotes of public pages in English, French and
Arabic), each read by a person who listed the records of the data it names, with their
offsets and the ID the writer means, whatever the spelling (the corpus holds no text of
the package's own making). Each quote is linked with the country of its page as
``country`` when the page is about one country, as a caller who knows where a document
comes from would, and again with the text alone.

A gold mention is **found** when a linked mention overlapping it has its ID; a linked
mention is **right** when it overlaps a gold mention with its ID, **wrong** when it does
not (it is left out of the count when it lies inside a longer gold mention of another
record: "Iraq" in "Ministry of Interior of Iraq"). Recall is found / gold, precision
right / (right + wrong). Undecided mentions (``id`` None) link nothing: they count for
neither, and the report says how many had the right record among their candidates.

Each miss is classed by whether the words the text uses are a name the data holds for
that record (after normalisation): if they are, the linker missed a name it knows; if
not, the text words it in a way the data does not hold (a misspelling, a description, a
name no source of the record gives).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "linking_corpus.json"
REPORT = Path(__file__).resolve().parent / "LINKING.md"
KINDS = ("country", "organization", "person", "programme", "instrument")
LANGUAGES = {"en": "English", "fr": "French", "ar": "Arabic"}
BARS = {"en": 0.95, "fr": 0.95, "ar": 0.9}
"""The recall and precision each language should reach."""


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus: texts with their key, language, countries and gold mentions."""
    corpus: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return corpus


def page_country(countries: Sequence[str]) -> str | None:
    """The country a page is about, when it is about one (not "MENA", not several)."""
    return countries[0] if len(countries) == 1 and len(countries[0]) == 2 else None


def _overlapping(items: Iterable[Any], start: int, end: int) -> list[Any]:
    return [i for i in items if _start(i) < end and start < _end(i)]


def _start(item: Any) -> int:
    return int(item["start"] if isinstance(item, dict) else item.start)


def _end(item: Any) -> int:
    return int(item["end"] if isinstance(item, dict) else item.end)


def score(dataset: Any, corpus: Iterable[dict[str, Any]], context: bool = True) -> dict[str, Any]:
    """Counts per language, and every miss and wrong link, of ``dataset.mentions``."""
    from mena_tip.names import normalize
    from mena_tip.records import lookup_names

    fields = ("texts", "gold", "found", "right", "wrong", "undecided", "known", "unknown")
    counts: dict[str, dict[str, float]] = {lang: dict.fromkeys(fields, 0) for lang in LANGUAGES}
    misses: list[dict[str, str]] = []
    wrong: list[dict[str, str]] = []
    for item in corpus:
        text, gold, tally = item["text"], item["mentions"], counts[item["language"]]
        country = page_country(item["countries"]) if context else None
        found = dataset.mentions(text, KINDS, country=country)
        tally["texts"] += 1
        for g in gold:
            if g["id"] is None:
                continue
            tally["gold"] += 1
            near = _overlapping(found, g["start"], g["end"])
            if any(m.id == g["id"] for m in near):
                tally["found"] += 1
                continue
            tally["undecided"] += any(m.id is None and g["id"] in m.candidates for m in near)
            names = {normalize(name) for name in lookup_names(dataset.get(g["id"]))}
            known = normalize(g["text"]) in names
            tally["known" if known else "unknown"] += 1
            got = ", ".join(f"{m.text} → {m.id or 'undecided'}" for m in near)
            misses.append(
                {
                    "key": item["key"],
                    "language": item["language"],
                    "text": g["text"],
                    "id": g["id"],
                    "found": got or "nothing",
                    "class": "a name the data holds" if known else "a wording the data lacks",
                }
            )
        for m in found:
            if m.id is None:
                continue
            near = _overlapping(gold, m.start, m.end)
            if any(g["id"] == m.id for g in near):
                tally["right"] += 1
            elif not any(
                g["start"] <= m.start and m.end <= g["end"] and g["end"] - g["start"] > len(m.text)
                for g in near
            ):
                tally["wrong"] += 1
                meant = ", ".join(f"{g['text']} → {g['id'] or 'undecided'}" for g in near)
                wrong.append(
                    {
                        "key": item["key"],
                        "language": item["language"],
                        "text": m.text,
                        "id": m.id,
                        "meant": meant or "no record",
                    }
                )
    for tally in counts.values():
        tally["recall"] = tally["found"] / tally["gold"] if tally["gold"] else 1.0
        linked = tally["right"] + tally["wrong"]
        tally["precision"] = tally["right"] / linked if linked else 1.0
    return {"counts": counts, "misses": misses, "wrong": wrong}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report(dataset: Any, corpus: list[dict[str, Any]]) -> str:
    """The evaluation as Markdown."""
    import mena_tip

    with_country = score(dataset, corpus)
    alone = score(dataset, corpus, context=False)
    lines = [
        "# Linking real text: recall and precision of mentions()",
        "",
        f"mena-tip {mena_tip.__version__}, data {dataset.data_version}; regenerated by "
        "`.venv/bin/python bench/linking.py --write` (see its docstring for the corpus and "
        "the measures). Bars: recall and precision at least 0.95 in English and French, "
        "0.9 in Arabic.",
        "",
        "| language | texts | gold mentions | context | recall | precision | bar |",
        "|---|---|---|---|---|---|---|",
    ]
    for language, name in LANGUAGES.items():
        for label, result in (("page's country", with_country), ("text alone", alone)):
            tally = result["counts"][language]
            met = min(tally["recall"], tally["precision"]) >= BARS[language]
            lines.append(
                f"| {name} | {tally['texts']} | {tally['gold']} | {label} "
                f"| {tally['recall']:.3f} ({tally['found']}/{tally['gold']}) "
                f"| {tally['precision']:.3f} ({tally['right']}/{tally['right'] + tally['wrong']}) "
                f"| {'met' if met else 'MISSED'} |"
            )
    lines += [
        "",
        "## Misses, with the page's country, by class",
        "",
        "| language | a name the data holds | a wording the data lacks | undecided, right record "
        "among the candidates |",
        "|---|---|---|---|",
    ]
    for language, name in LANGUAGES.items():
        tally = with_country["counts"][language]
        lines.append(f"| {name} | {tally['known']} | {tally['unknown']} | {tally['undecided']} |")
    lines += ["", "## Every miss", "", "| page / quote | text | meant | found |"]
    lines.append("|---|---|---|---|")
    for miss in with_country["misses"]:
        lines.append(
            f"| {miss['key']} | {_cell(miss['text'])} | {miss['id']} | {_cell(miss['found'])} |"
        )
    lines += [
        "",
        "## Every wrong link",
        "",
        "| page / quote | text | linked | meant |",
        "|---|---|---|---|",
    ]
    for link in with_country["wrong"]:
        lines.append(
            f"| {link['key']} | {_cell(link['text'])} | {link['id']} | {_cell(link['meant'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true", help="regenerate bench/LINKING.md")
    args = parser.parse_args(argv)
    import mena_tip

    text = report(mena_tip.dataset(), load())
    if args.write:
        REPORT.write_text(text, encoding="utf-8")
    head = text.split("\n## Every miss")[0]
    print(head)
    return 0


if __name__ == "__main__":
    sys.exit(main())
