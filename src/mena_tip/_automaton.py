"""The word automaton behind :meth:`mena_tip.Linker.mentions`: names found in a text.

The text is cut into words by the same rules as names (:func:`mena_tip.names.tokens`), and
an Aho-Corasick automaton whose alphabet is normalised words reads each word once, so the
time is linear in the text and does not grow with the number of names. Matches are whole
words by construction.

Arabic writes conjunctions and prepositions joined to the next word (rule 8 of
:mod:`mena_tip.names`): a word that is no word of any name is read again without them, so
"وبالمغرب" is "and in" + "المغرب", and the fused "للهجرة" is "ل" + "الهجرة".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final

from ._words import INVISIBLE, cut, fold, word_matches
from .names import tokens

__all__ = ["Automaton", "is_acronym", "name_words"]

# Punctuation that ends a clause, and blank lines: a name matches across them only if it
# has them itself ("Global Compact for Safe, Orderly and Regular Migration"), so that
# "together with IOM, Egypt and others" is no mention of "IOM Egypt".
_BREAK = re.compile(r"[,;:.!?()\[\]{}\u060c\u061b\u061f]|\n\s*\n")
_BREAK_SYMBOL: Final = "\x00"  # never a normalised word, which has only word characters


def name_words(name: str) -> tuple[str, ...]:
    """The normalised words of a name, with a break symbol where its punctuation breaks."""
    found: list[str] = []
    previous = None
    for start, end, word in tokens(name):
        if previous is not None and _BREAK.search(name, previous, start):
            found.append(_BREAK_SYMBOL)
        found.extend(word.split(" "))
        previous = end
    return tuple(found)


def is_acronym(name: str) -> bool:
    """An all-capitals name ("UN", "IOM"): it matches only text written in capitals (or,
    from four letters, with a capital first: "Unodc"), so the French article "un" is not
    the United Nations."""
    letters = [c for c in name if c.isalpha()]
    # Scripts without case (Arabic) have no capitals: their names are no acronyms.
    return len(letters) >= 2 and all(c.isupper() for c in letters)


Pattern = tuple[tuple[str, ...], int]
"""A pattern: its words, and its tier (0 for names; above, forms a document must earn)."""


class Automaton:
    """An Aho-Corasick automaton whose alphabet is normalised words.

    Built from ``(name, record ID, tier)`` triples; each distinct ``(words, tier)`` is one
    pattern, numbered in the order first seen, with the IDs that bear it.
    """

    __slots__ = (
        "any_case",
        "capitals",
        "every",
        "fail",
        "goto",
        "longest",
        "out",
        "patterns",
        "vocabulary",
    )

    def __init__(self, entries: Iterable[tuple[str, str, int]]) -> None:
        patterns: dict[Pattern, tuple[dict[str, None], dict[str, None]]] = {}
        for name, record_id, tier in entries:
            words = name_words(name)
            # A name with breaking punctuation also matches text that leaves it out.
            plain = tuple(word for word in words if word != _BREAK_SYMBOL)
            for variant in dict.fromkeys([words, plain]) if words else ():
                any_case, capitals = patterns.setdefault((variant, tier), ({}, {}))
                (capitals if is_acronym(name) else any_case)[record_id] = None
        self.patterns: list[Pattern] = list(patterns)
        self.vocabulary: dict[str, int] = {}
        self.goto: list[dict[int, int]] = [{}]
        ends: list[list[int]] = [[]]
        # Per pattern: the IDs it denotes in any case; whether some denote it only when it
        # is written in capitals; and then all IDs.
        self.any_case: list[tuple[str, ...]] = []
        self.capitals: list[bool] = []
        self.every: list[tuple[str, ...]] = []
        for number, ((words, _), (any_case, capitals)) in enumerate(patterns.items()):
            state = 0
            for word in words:
                symbol = self.vocabulary.setdefault(word, len(self.vocabulary))
                following = self.goto[state].get(symbol)
                if following is None:
                    following = len(self.goto)
                    self.goto[state][symbol] = following
                    self.goto.append({})
                    ends.append([])
                state = following
            ends[state].append(number)
            self.any_case.append(tuple(any_case))
            self.capitals.append(bool(set(capitals) - set(any_case)))
            self.every.append(tuple({**any_case, **capitals}))
        self.longest = max((len(words) for words, _ in self.patterns), default=0)
        # Breadth-first: each state's failure link, and its outputs (the patterns that end
        # there, its own first, then those of its failure chain), as (length, pattern).
        self.fail = [0] * len(self.goto)
        self.out: list[tuple[tuple[int, int], ...]] = [()] * len(self.goto)
        queue = list(self.goto[0].values())
        for state in queue:
            own = tuple((len(self.patterns[n][0]), n) for n in ends[state])
            self.out[state] = own + self.out[self.fail[state]]
            for symbol, child in self.goto[state].items():
                fallback = self.fail[state]
                while fallback and symbol not in self.goto[fallback]:
                    fallback = self.fail[fallback]
                target = self.goto[fallback].get(symbol, 0)
                self.fail[child] = target if target != child else 0
                queue.append(child)

    def scan(self, text: str) -> Iterator[tuple[int, int, int, tuple[str, ...]]]:
        """Every match in ``text`` as ``(start, end, pattern, IDs)``, overlapping ones
        included."""
        vocabulary, goto, fail, out = self.vocabulary, self.goto, self.fail, self.out
        size = max(self.longest, 1)
        starts = [0] * size  # the start offsets of the last `size` words, in a ring
        position = -1
        state = 0
        cache: dict[str, str] = {}
        previous = 0
        breaking = _BREAK.search
        fast = word_matches(text)
        words: Iterable[tuple[int, int, str] | re.Match[str]] = cut(text) if fast is None else fast
        for item in words:
            if isinstance(item, tuple):
                start, end, surface = item
            else:  # a match of the fast path: no tuple made per word
                start, end = item.span()
                surface = item.group()
            word = cache.get(surface)
            if word is None:
                word = cache[surface] = fold(surface)
                if not word:
                    continue
            elif not word:
                continue
            parts: Iterable[str] = word.split(" ") if " " in word else (word,)
            # Punctuation between two words breaks as in names (see name_words), even with no
            # space around it ("ecoi.net", "IOM,Egypt"); a single space never does.
            gap = start - previous
            if gap and (gap > 1 or text[previous] != " ") and breaking(text, previous, start):
                parts = (_BREAK_SYMBOL, *parts)
            previous = end
            for part in parts:
                position += 1
                starts[position % size] = start
                symbol = vocabulary.get(part)
                if symbol is None and part[0] in _PROCLITICS:
                    symbol, skipped = without_proclitics(part, vocabulary)
                    if symbol is not None:
                        starts[position % size] = start + _letters_end(text[start:end], skipped)
                if symbol is None:
                    state = 0
                    continue
                while state and symbol not in goto[state]:
                    state = fail[state]
                state = goto[state].get(symbol, 0)
                for length, number in out[state]:
                    first = starts[(position - length + 1) % size]
                    found = self.any_case[number]
                    if self.capitals[number] and _in_capitals(text[first:end], length):
                        found = self.every[number]
                    if found:
                        yield first, end, number, found


def _in_capitals(surface: str, words: int) -> bool:
    """Whether an acronym written so is one: in capitals ("UNODC", "U.N."), or, for one
    word of four letters or more, with only its first in capitals ("Unodc", "Onudc"), as
    the press writes acronyms read as words. "Il" and "Us" are no acronyms."""
    if not any(c.islower() for c in surface):
        return True
    letters = [c for c in surface if c.isalpha()]
    return words == 1 and len(letters) >= 4 and letters[0].isupper() and surface[1:].islower()


# Arabic conjunctions and prepositions written joined to the next word: "ومصر" is "and
# Egypt", "بالمغرب" "in Morocco". A word is read without them only when it is no name's
# word as written ("وزارة", a ministry, stays whole).
_PROCLITICS: Final = frozenset("\u0648\u0641\u0628\u0644\u0643")  # و ف ب ل ك
_CONJUNCTIONS: Final = "\u0648\u0641"  # و ف, which may come before one of the others
_SECOND: Final = frozenset("\u0628\u0644\u0643")  # ب ل ك after و or ف
_LAM: Final = "\u0644"
_ARTICLE: Final = "\u0627\u0644"  # ال


def without_proclitics(word: str, vocabulary: dict[str, int]) -> tuple[int | None, int]:
    """The symbol of a normalised ``word`` read without its proclitic letters, and how many
    letters of it they are; ``(None, 0)`` when no such reading is a word of a name.

    The proclitics are a conjunction (و ف), a preposition (ب ك ل), or a conjunction and a
    preposition; a ل before the article loses the article's alef ("للهجرة" is "ل" and
    "الهجرة"), so it is read with it. What is left keeps at least two letters.
    """
    first = 1 if word[0] in _CONJUNCTIONS else 0
    readings = [first] if first else []
    if word[first : first + 1] in _SECOND:
        readings.append(first + 1)
    for skipped in readings:
        rest = word[skipped:]
        # After the preposition ل, a ل may be the article's, its alef elided ("للجنة" is
        # "ل" and "اللجنة"); that reading goes first, as names open with the article.
        fused = word[skipped - 1] == _LAM and rest[:1] == _LAM
        for reading in (_ARTICLE[0] + rest, rest) if fused else (rest,):
            symbol = vocabulary.get(reading) if len(rest) >= 2 else None
            if symbol is not None:
                return symbol, skipped
    return None, 0


def _letters_end(surface: str, letters: int) -> int:
    """The index in ``surface`` of its letter after the first ``letters`` ones (marks,
    tatweel and invisible characters are no letters)."""
    found = [i for i, char in enumerate(surface) if not unicodedata.combining(char)]
    found = [i for i in found if surface[i] != "\u0640" and surface[i] not in INVISIBLE]
    return found[letters] if letters < len(found) else len(surface)
