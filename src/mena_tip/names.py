"""Name normalisation and the name index behind every lookup by name.

One normalisation is used everywhere, so a key matches a name whatever its case, accents,
punctuation or spacing:

1. Unicode NFKC (full-width letters, ligatures and compatibility forms fold to plain ones);
2. case-folding;
3. combining marks removed: Latin accents (``é`` → ``e``), Arabic diacritics (harakat), and
   the hamza on alef (``أ إ آ`` → ``ا``), and alef wasla (``ٱ`` → ``ا``);
4. Arabic letter variants unified: tatweel removed, ``ى`` → ``ي``, ``ة`` → ``ه``;
5. punctuation: ``&`` reads as "and"; dots in acronyms are dropped (``U.N.`` → ``un``);
   apostrophes inside a word and quotes (straight or curly) are dropped, except that the
   English possessive ``'s`` and a French elided article (``l'``, ``d'``, ``qu'``…) are
   words of their own; hyphens, dashes, slashes and any other punctuation separate words;
6. invisible characters (zero-width spaces and joiners, soft hyphens, bidi controls and
   isolates) are dropped before anything else, so they change no word (a zero-width space
   in ``U.N.`` leaves it ``un``);
7. words joined by single spaces.

The same rules cut a document into words (:func:`tokens`), so a name is found in a text
exactly when its words, normalised, follow one another there.

>>> normalize("  Organisation   Internationale pour les Migrations ")
'organisation internationale pour les migrations'
>>> normalize("NCCPIM&TiP") == normalize("nccpim & tip")
True
>>> normalize("U.N.") == normalize("UN")
True
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

__all__ = ["NameIndex", "normalize", "tokens"]

# Invisible format characters, read as if absent: the soft hyphen, zero-width spaces and
# joiners, the word joiner and byte order mark, and the bidi controls (the Arabic letter
# mark, left-to-right and right-to-left marks, embeddings, overrides and isolates).
_INVISIBLE = "".join(
    map(chr, [0xAD, 0x61C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060, 0xFEFF])
) + "".join(map(chr, range(0x2066, 0x206A)))
_INVISIBLES = re.compile(f"[{_INVISIBLE}]+")

# Applied before NFKC and after case-folding; maps to None to delete, to a string to replace.
_TABLE = str.maketrans(
    {
        "\u0640": None,  # Arabic tatweel
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maksura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
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
        **dict.fromkeys(_INVISIBLE, None),
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


def _cut(text: str) -> Iterator[tuple[int, int, str]]:
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


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """The words of ``text`` with their offsets: ``(start, end, normal form)``.

    The normal form of a word may hold several words (``snake_case`` → ``snake case``);
    words whose normal form is empty (a lone mark) are left out. ``normalize(text)`` is
    the normal forms of the words of ``text`` joined by spaces. Invisible characters are
    cut as if absent; one inside a word is inside its offsets.
    """
    fold = _fold
    for start, end, surface in _cut(text):
        word = fold(surface)
        if word:
            yield start, end, word


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """The normal form of one word as the tokenizer cuts it (cached: words repeat)."""
    if word.isascii():  # most words: the Unicode steps below change nothing in ASCII
        return _SEPARATORS.sub(" ", word.translate(_TABLE).lower().replace(".", "")).strip()
    return _fold_unicode(word)


def _fold_unicode(word: str) -> str:
    # The table runs before NFKC too: NFKC turns a spacing accent used as an apostrophe
    # ("O´Brien") into a space and a combining mark, which would split the word.
    text = unicodedata.normalize("NFKC", word.translate(_TABLE)).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).translate(_TABLE).replace(".", "")
    return _SEPARATORS.sub(" ", text).strip()


def normalize(text: str) -> str:
    """The normal form of ``text`` used to match names (see the module docs)."""
    return " ".join(word for _, _, word in tokens(text))


class NameIndex:
    """Normalised names to the IDs of the records that bear them."""

    __slots__ = ("_exact", "_ids", "exact")

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        """Index ``(name, record ID)`` pairs; one name may denote several records."""
        ids: dict[str, dict[str, None]] = {}
        written: dict[str, str] = {}
        for name, record_id in entries:
            key = normalize(name)
            if key:
                ids.setdefault(key, {})[record_id] = None
                written[name] = key
        self._ids = {key: tuple(found) for key, found in ids.items()}
        # Names exactly as written skip normalisation: the common case, and the fast one.
        self._exact = {name: self._ids[key] for name, key in written.items()}
        self.exact: Mapping[str, tuple[str, ...]] = MappingProxyType(self._exact)
        """Names exactly as written, to the IDs of the records that bear them (read-only:
        the index is shared)."""

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def ids(self, text: str) -> tuple[str, ...]:
        """The IDs of every record with this name (after normalisation), in index order."""
        found = self._exact.get(text)
        return found if found is not None else self._ids.get(normalize(text), ())

    def close_matches(
        self, text: str, allowed: Iterable[str] | None = None, n: int = 5
    ) -> tuple[str, ...]:
        """IDs of records whose names are close to ``text``, best first (stdlib difflib)."""
        allowed_ids = None if allowed is None else set(allowed)
        names = [
            key
            for key, found in self._ids.items()
            if allowed_ids is None or not allowed_ids.isdisjoint(found)
        ]
        import difflib  # only for suggestions, on a failed lookup

        cutoff = 0.6
        query = normalize(text)
        # difflib's ratio is at most 2 min(a, b) / (a + b): a query that much longer than
        # every name is close to none (and difflib would index all of it to find that out).
        if len(query) * cutoff > (2 - cutoff) * max(map(len, names), default=0):
            return ()
        result: dict[str, None] = {}
        for key in difflib.get_close_matches(query, names, n=n, cutoff=cutoff):
            for record_id in self._ids[key]:
                if allowed_ids is None or record_id in allowed_ids:
                    result[record_id] = None
        return tuple(result)[:n]
