"""The package's one similarity measure: how close a name is to a query, from 0 to 100.

Both :meth:`mena_tip.Linker.search` (so :func:`mena_tip.search`) and the suggestions of a
failed lookup (:meth:`mena_tip.names.NameIndex.close_matches`, the "did you mean" of
:class:`~mena_tip.UnknownIdentifier`) rank records with :func:`rank`, so a lookup that
fails suggests the records that a search for the same text finds first, in that order.

A query and a name, both normalised (:func:`mena_tip.names.normalize`), score the better
of two normalised Indel similarities (:func:`ratio`, the ``fuzz.ratio`` of rapidfuzz): of
the two strings, and of their words in sorted order (:func:`sorted_words`), so
"committee national" is as close to "national committee" as the name itself. rapidfuzz
computes the scores when it is installed (the ``fuzzy`` extra); otherwise :func:`scores`
computes the same ones with a bit-parallel LCS (:func:`lcs`), more slowly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["CUTOFF", "SCORE_DIGITS", "lcs", "rank", "ratio", "scores", "sorted_words"]

CUTOFF: Final = 60.0
"""The least score of a suggestion, and of a search result unless the caller says."""

SCORE_DIGITS: Final = 2
"""Scores are rounded to this many decimals, so both implementations agree."""


def lcs(a: str, b: str) -> int:
    """The length of the longest common subsequence (Hyyrö's bit-parallel algorithm)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, char in enumerate(a):
        masks[char] = masks.get(char, 0) | 1 << i
    full = (1 << len(a)) - 1
    row = full
    for char in b:
        matched = row & masks.get(char, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(a) - row.bit_count()


def ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio``: 100 × the normalised Indel similarity of two strings.

    That is ``200 × lcs(a, b) / (len(a) + len(b))``, so at most
    ``200 × min(len(a), len(b)) / (len(a) + len(b))``; two empty strings score 100.
    """
    total = len(a) + len(b)
    if not total:
        return 100.0
    distance = total - 2 * lcs(a, b)
    return (1.0 - distance / total) * 100


def sorted_words(text: str) -> str:
    """The words of a normalised text in sorted order (the same length as ``text``)."""
    return " ".join(sorted(text.split(" ")))


def scores(query: str, choices: list[str], cutoff: float) -> dict[int, float]:
    """The ratio of ``query`` to each choice that reaches ``cutoff``, by choice index."""
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        return {i: s for i, choice in enumerate(choices) if (s := ratio(query, choice)) >= cutoff}
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff)
    return {index: score for _, score, index in found}


def rank(
    query: str,
    names: list[str],
    owners: Sequence[Sequence[str]],
    cutoff: float,
    sorted_names: list[str] | None = None,
) -> list[tuple[str, float, int]]:
    """The records whose names are close to ``query``, best first.

    ``names`` are normalised names, ``owners[i]`` the IDs of the records that bear
    ``names[i]``, and ``sorted_names`` their :func:`sorted_words` (computed if not given).
    Each record comes once, as ``(record ID, score, index of its name)``: its best score,
    rounded to :data:`SCORE_DIGITS`, with the first of its names to reach it. Names that
    score below ``cutoff`` (0-100) are left out; equal scores go to the record ID that
    sorts first.
    """
    # A ratio is at most 200 min(a, b) / (a + b): a query that much longer than every name
    # is close to none, and is not scored.
    if not query or len(query) * cutoff > (200 - cutoff) * max(map(len, names), default=0):
        return []
    best = scores(query, names, cutoff)
    if sorted_names is None:
        sorted_names = [sorted_words(name) for name in names]
    for index, score in scores(sorted_words(query), sorted_names, cutoff).items():
        best[index] = max(score, best.get(index, 0.0))
    by_record: dict[str, tuple[float, int]] = {}
    for index, score in sorted(best.items()):  # on equal scores, the first name wins
        rounded = round(score, SCORE_DIGITS)
        for record_id in owners[index]:
            kept = by_record.get(record_id)
            if kept is None or rounded > kept[0]:
                by_record[record_id] = (rounded, index)
    ranked = [(record_id, score, index) for record_id, (score, index) in by_record.items()]
    ranked.sort(key=lambda found: (-found[1], found[0]))
    return ranked
