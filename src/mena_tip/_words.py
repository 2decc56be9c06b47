"""Word cutting and folding: the home of the regexes and tables behind the normalisation.

:mod:`mena_tip.names` documents the rules (its numbered list) and offers them publicly as
:func:`~mena_tip.names.normalize` and :func:`~mena_tip.names.tokens`; this module
implements them, once, for it and for the entity linker, which cuts documents into words
and folds each word itself so that it can keep the offsets and skip repeated words:

- :func:`cut`: the words of a text as written, with their offsets (rules 5 and 6);
- :func:`fold`: the normal form of one word as :func:`cut` gives it (rules 1 to 5);
- :data:`INVISIBLE`: the invisible characters, which count as absent (rule 6).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator

__all__ = ["INVISIBLE", "cut", "fold", "fold_unicode", "word_matches"]

INVISIBLE = "".join(
    map(chr, [0xAD, 0x61C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060, 0xFEFF])
) + "".join(map(chr, range(0x2066, 0x206A)))
"""Invisible format characters, read as if absent: the soft hyphen, zero-width spaces and
joiners, the word joiner and byte order mark, and the bidi controls (the Arabic letter
mark, left-to-right and right-to-left marks, embeddings, overrides and isolates)."""

_INVISIBLES = re.compile(f"[{INVISIBLE}]+")

# Applied before NFKC and after case-folding; maps to None to delete, to a string to replace.
_TABLE = str.maketrans(
    {
        "\u0640": None,  # Arabic tatweel
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maksura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u06cc": "\u064a",  # Farsi yeh -> yeh
        "\u06a9": "\u0643",  # keheh -> kaf
        # Arabic-Indic and extended (Persian) digits -> ASCII digits: "٦٤" is "64"
        **{chr(0x660 + d): str(d) for d in range(10)},
        **{chr(0x6F0 + d): str(d) for d in range(10)},
        "'": None,
        "\u2018": None,
        "\u2019": None,
        "\u02bc": None,
        "`": None,
        "\u00b4": None,
        '"': None,
        "\u201c": None,
        "\u201d": None,
        "\u00ab": None,
        "\u00bb": None,
        "&": " and ",
        "\uff06": " and ",  # full-width ampersand
        **dict.fromkeys(INVISIBLE, None),
    }
)
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_APOSTROPHES = "'\u2018\u2019\u02bc`\u00b4"
_LETTER = rf"[^\W\d_][{_MARKS}]*"  # a letter and any accents on it
# A word; or one-letter words each followed by a dot, and what follows the last dot:
# "U.N.", "u.n.o.d.c", "J.Smith" (the dots go, as in "UN", "unodc", "JSmith").
_PART = rf"(?:(?:{_LETTER}\.)+[\w{_MARKS}]*|[\w{_MARKS}]+)"
# More of a word after apostrophes, but not a possessive "'s".
_JOINED = rf"(?:[{_APOSTROPHES}]+(?![sS][{_MARKS}]*(?![\w{_MARKS}])){_PART})*"
_TOKEN = re.compile(
    # "&", read as "and";
    r"[&\uff06]"
    # a French elided article or pronoun, a word of its own: "l'OIM" is "l" and "OIM";
    rf"|(?<![\w{_MARKS}])(?:[cdjlmnstCDJLMNST]|[qQ][{_MARKS}]*[uU])[{_MARKS}]*"
    rf"(?=[{_APOSTROPHES}]\w)"
    # a word, with apostrophes inside it (O'Brien) and marks on its letters (harakat on
    # Arabic letters), but not the English possessive: "Morocco's" is "Morocco" and "s".
    rf"|(?<![\w{_MARKS}]){_PART}{_JOINED}"
)
_SEPARATORS = re.compile(r"[\W_]+")


def _cuttable(text: str) -> str:
    """``text`` with the modifier letter apostrophe as an apostrophe, at the same offsets.

    U+02BC is a letter to the regex engine, so it would join an elided "lʼ" to its word.
    """
    return text.replace("\u02bc", "'") if "\u02bc" in text else text


def word_matches(text: str) -> Iterator[re.Match[str]] | None:
    """The words of ``text`` as regex matches, as :func:`cut` gives them, when ``text`` has
    no invisible character (nearly always); None when it has some, and :func:`cut` must
    place them. The fast path of a reader of every word."""
    text = _cuttable(text)
    return _TOKEN.finditer(text) if _INVISIBLES.search(text) is None else None


def cut(text: str) -> Iterator[tuple[int, int, str]]:
    """The words of ``text`` as ``(start, end, surface)``: offsets into ``text``, and the
    word as written without the invisible characters, which are cut as if absent."""
    text = _cuttable(text)
    if _INVISIBLES.search(text) is None:  # nearly always
        for match in _TOKEN.finditer(text):
            yield match.start(), match.end(), match.group()
        return
    places: list[int] = []  # where each run of invisible characters is in the visible text
    hidden: list[int] = []  # how many invisible characters there are up to its end
    count = 0
    for run in _INVISIBLES.finditer(text):
        places.append(run.start() - count)
        count += run.end() - run.start()
        hidden.append(count)

    def offset(visible: int) -> int:
        runs = bisect.bisect_right(places, visible)
        return visible + (hidden[runs - 1] if runs else 0)

    for match in _TOKEN.finditer(_INVISIBLES.sub("", text)):
        yield offset(match.start()), offset(match.end() - 1) + 1, match.group()


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The normal form of one word as :func:`cut` gives it (cached: words repeat).

    It may hold several words (``snake_case`` → ``snake case``), or none (a lone mark).
    """
    if word.isascii():  # most words: the Unicode steps below change nothing in ASCII
        return _SEPARATORS.sub(" ", word.translate(_TABLE).lower().replace(".", "")).strip()
    return fold_unicode(word)


def fold_unicode(word: str) -> str:
    """:func:`fold` without its ASCII shortcut: every step, for any word."""
    # The table runs before NFKC too: NFKC turns a spacing accent used as an apostrophe
    # ("O´Brien") into a space and a combining mark, which would split the word.
    text = unicodedata.normalize("NFKC", word.translate(_TABLE)).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).translate(_TABLE).replace(".", "")
    return _SEPARATORS.sub(" ", text).strip()
