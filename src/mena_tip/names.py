"""Name normalisation and the name index behind every lookup by name.

One normalisation is used everywhere, so a key matches a name whatever its case, accents,
punctuation or spacing:

1. Unicode NFKC (full-width letters, ligatures and compatibility forms fold to plain ones);
2. case-folding;
3. combining marks removed: Latin accents (``é`` → ``e``), Arabic diacritics (harakat), and
   the hamza on alef (``أ إ آ`` → ``ا``), and alef wasla (``ٱ`` → ``ا``);
4. Arabic letter variants unified: tatweel removed, ``ى`` → ``ي``, ``ة`` → ``ه``;
5. punctuation: ``&`` reads as "and"; dots in acronyms are dropped (``U.N.`` → ``un``);
   apostrophes and quotes (straight or curly) are dropped; hyphens, dashes, slashes and any
   other punctuation become spaces;
6. whitespace collapsed to single spaces, trimmed.

>>> normalize("  Organisation   Internationale pour les Migrations ")
'organisation internationale pour les migrations'
>>> normalize("NCCPIM&TiP") == normalize("nccpim & tip")
True
>>> normalize("U.N.") == normalize("UN")
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = ["NameIndex", "normalize"]

# Applied after case-folding; maps to None to delete, to a string to replace.
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
    }
)
# A dot right after a one-letter word: "U.N." -> "UN", but "Dr. X" -> "Dr X".
_ACRONYM_DOT = re.compile(r"(?<=\b[^\W\d_])\.")
_SEPARATORS = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """The normal form of ``text`` used to match names (see the module docs)."""
    # The table runs before NFKC too: NFKC turns a spacing accent used as an apostrophe
    # ("O´Brien") into a space and a combining mark, which would split the word.
    text = unicodedata.normalize("NFKC", text.translate(_TABLE)).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    text = _ACRONYM_DOT.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


class NameIndex:
    """Normalised names to the IDs of the records that bear them."""

    __slots__ = ("_exact", "_ids")

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
        result: dict[str, None] = {}
        for key in difflib.get_close_matches(normalize(text), names, n=n, cutoff=0.6):
            for record_id in self._ids[key]:
                if allowed_ids is None or record_id in allowed_ids:
                    result[record_id] = None
        return tuple(result)[:n]
