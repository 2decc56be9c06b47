"""Name normalisation and the name index behind every lookup by name.

One normalisation is used everywhere, so a key matches a name whatever its case, accents,
punctuation or spacing:

1. Unicode NFKC (full-width letters, ligatures and compatibility forms fold to plain ones);
2. case-folding;
3. combining marks removed: Latin accents (``é`` → ``e``), Arabic diacritics (harakat), and
   the hamza on alef (``أ إ آ`` → ``ا``), and alef wasla (``ٱ`` → ``ا``);
4. Arabic letter variants unified: tatweel removed, ``ى`` → ``ي``, ``ة`` → ``ه``, the
   Persian ``ی`` and ``ک`` → ``ي`` and ``ك``, and the hamza on waw and yeh
   (``ؤ`` → ``و``, ``ئ`` → ``ي``, as on alef in rule 3); Arabic-Indic digits
   (``٠``-``٩``, and the Persian ``۰``-``۹``) → ``0``-``9``, so ``"٦٤"`` is ``"64"``;
5. punctuation: ``&`` reads as "and"; dots in acronyms are dropped (``U.N.`` → ``un``);
   apostrophes inside a word and quotes (straight or curly) are dropped, except that the
   English possessive ``'s`` and a French elided article (``l'``, ``d'``, ``qu'``…) are
   words of their own; hyphens, dashes, slashes and any other punctuation separate words;
6. invisible characters (zero-width spaces and joiners, soft hyphens, bidi controls and
   isolates) are dropped before anything else, so they change no word (a zero-width space
   in ``U.N.`` leaves it ``un``);
7. words joined by single spaces.

In text (:meth:`mena_tip.Linker.mentions`) one more rule applies, word by word:

8. Arabic proclitics: a word that is no word of any name is read again without the letters
   Arabic joins to the next word, when what is left (two letters at least) is a word of a
   name: a conjunction (``و``, ``ف``), a preposition (``ب``, ``ك``, ``ل``), or a
   conjunction and a preposition (``وب``, ``ول``, ``فك``…). After ``ل``, an article whose
   alef is elided is read with it: ``للهجرة`` is ``ل`` + ``الهجرة``, ``وللمنظمة`` is ``ول``
   + ``المنظمة``. So ``وبالمنظمة الدولية للهجرة`` is a mention of IOM that starts at
   ``ال``; a word that is itself a name's word (``وزارة``, a ministry) is never cut. Where
   two readings are words of names, the one that cuts fewer letters is taken (``فلمكافحة``
   is ``ف`` + ``لمكافحة``, a word of several names), and after ``ل`` the one with the article.

The same rules cut a document into words (:func:`tokens`), so a name is found in a text
exactly when its words, normalised, follow one another there.

Official numbers are matched in the forms sources write them (:func:`number_key`): the
words that mark a number ("No.", "n°", "رقم", "of", "لسنة") are dropped, and so are leading
zeros, so ``"Law No. 64 of 2010"``, ``"Law 64/2010"`` and ``"law 64-2010"`` are one key, and
a number of two parts or more is a key by itself (``"27-14"``, ``"27.14"``, ``"64/2010"``).

>>> normalize("  Organisation   Internationale pour les Migrations ")
'organisation internationale pour les migrations'
>>> normalize("NCCPIM&TiP") == normalize("nccpim & tip")
True
>>> normalize("U.N.") == normalize("UN")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

# The rules above are implemented in _words, once, for this module and the entity linker.
from ._similarity import CUTOFF, rank
from ._words import cut, fold

__all__ = ["NameIndex", "normalize", "number_key", "number_keys", "tokens"]

# The words that mark a number rather than being part of it (normalised: "n°" is "n",
# "nº" is "no", "لسنة" is "لسنه"): in English, French and Arabic.
_MARKS = frozenset({"no", "n", "nr", "number", "num", "of", "رقم", "لسنه"})
_NUMBER_MARKS = _MARKS - {"of", "لسنه"}  # those before the number: "No.", "n°", "رقم"


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """The words of ``text`` with their offsets: ``(start, end, normal form)``.

    The normal form of a word may hold several words (``snake_case`` → ``snake case``);
    words whose normal form is empty (a lone mark) are left out. ``normalize(text)`` is
    the normal forms of the words of ``text`` joined by spaces. Invisible characters are
    cut as if absent; one inside a word is inside its offsets.
    """
    fold_word = fold  # a local name, looked up faster in the loop
    for start, end, surface in cut(text):
        word = fold_word(surface)
        if word:
            yield start, end, word


def normalize(text: str) -> str:
    """The normal form of ``text`` used to match names (see the module docs)."""
    return " ".join(word for _, _, word in tokens(text))


def _number_words(text: str) -> list[str]:
    """The words of ``text``, normalised, with leading zeros dropped from numbers."""
    return [(w.lstrip("0") or "0") if w.isdecimal() else w for w in normalize(text).split()]


def number_key(text: str) -> str | None:
    """The key an official number is looked up by: its words but those that mark it, and
    its numbers without leading zeros; None for a text with no digit.

    >>> number_key("Law No. 64 of 2010") == number_key("Law 64/2010") == "law 64 2010"
    True
    >>> number_key("27.14") == number_key("27-14") == "27 14"
    True
    """
    words = _number_words(text)
    if not any(word.isdecimal() for word in words):
        return None
    return " ".join(word for word in words if word not in _MARKS)


def number_keys(number: str) -> tuple[str, ...]:
    """The keys an official number as a record gives it is found by: its :func:`number_key`,
    and, for a number of two parts or more, the key of the number alone (the words after
    "No.", or from its first digit on): ``"Law No. 27.14"`` is ``"law 27 14"`` and ``"27 14"``;
    ``"Legislative Decree No. 3"`` only ``"legislative decree 3"``."""
    key = number_key(number)
    if key is None:
        return ()
    words = _number_words(number)
    marks = [i for i, word in enumerate(words) if word in _NUMBER_MARKS]
    first = marks[-1] + 1 if marks else next(i for i, w in enumerate(words) if w.isdecimal())
    alone = [word for word in words[first:] if word not in _MARKS]
    return (key, " ".join(alone)) if len(alone) > 1 and " ".join(alone) != key else (key,)


class NameIndex:
    """Normalised names to the IDs of the records that bear them."""

    __slots__ = ("_exact", "_ids", "_numbers", "exact")

    def __init__(
        self, entries: Iterable[tuple[str, str]], numbers: Iterable[tuple[str, str]] = ()
    ) -> None:
        """Index ``(name, record ID)`` pairs, and ``(official number, record ID)`` pairs
        (found by :func:`number_keys`); one name or number may denote several records."""
        ids: dict[str, dict[str, None]] = {}
        written: dict[str, str] = {}
        for name, record_id in entries:
            key = normalize(name)
            if key:
                ids.setdefault(key, {})[record_id] = None
                written[name] = key
        self._ids = {key: tuple(found) for key, found in ids.items()}
        by_number: dict[str, dict[str, None]] = {}
        for number, record_id in numbers:
            for key in number_keys(number):
                by_number.setdefault(key, {})[record_id] = None
        self._numbers = {key: tuple(found) for key, found in by_number.items()}
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
        """The IDs of every record with this name (after normalisation), in index order;
        failing that, of every record with this official number (:func:`number_key`)."""
        found = self._exact.get(text)
        if found is None:
            found = self._ids.get(normalize(text))
        if found is None and self._numbers:
            found = self._numbers.get(number_key(text) or "")
        return found or ()

    def close_matches(
        self, text: str, allowed: Iterable[str] | None = None, n: int = 5
    ) -> tuple[str, ...]:
        """The IDs of at most ``n`` records whose names are close to ``text``, best first.

        The suggestions of a failed lookup: ranked as :meth:`mena_tip.Linker.search` ranks
        (each record once, by the best score of its names; scores below 60 left out; equal
        scores in the order of the record IDs), so they are the IDs of the first ``n``
        results of a search for ``text`` among the same records. ``allowed`` limits them
        to these record IDs.
        """
        if n < 1:
            raise ValueError(f"n must be a positive int, not {n!r}")
        allowed_ids = None if allowed is None else set(allowed)
        names: list[str] = []
        owners: list[tuple[str, ...]] = []
        for key, ids in self._ids.items():
            found = ids if allowed_ids is None else tuple(i for i in ids if i in allowed_ids)
            if found:
                names.append(key)
                owners.append(found)
        ranked = rank(normalize(text), names, owners, CUTOFF)
        return tuple(record_id for record_id, _, _ in ranked[:n])
