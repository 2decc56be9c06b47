"""mena_tip.names: one normalisation for every lookup, and the name index."""

from __future__ import annotations

import re
from typing import NoReturn

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mena_tip import _similarity
from mena_tip._words import fold, fold_unicode
from mena_tip.names import NameIndex, normalize, number_key, number_keys, tokens
from strategies import NAME_TEXTS, WORDS, perturbed


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    """normalize(normalize(t)) == normalize(t) for any text."""
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normal_form_is_trimmed_single_spaced_words(text: str) -> None:
    """The normal form is case-folded words of letters and digits joined by single spaces."""
    normal = normalize(text)
    assert normal == normal.strip()
    assert "  " not in normal
    assert normal.casefold() == normal
    assert all(word and re.fullmatch(r"\w+", word) for word in normal.split(" ") if normal)
    assert "_" not in normal


@given(st.text(st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_folds_as_the_unicode_steps_do(word: str) -> None:
    """ASCII words skip NFKC, case-folding and mark removal: that changes no result."""
    assert fold.__wrapped__(word) == fold_unicode(word)


@given(NAME_TEXTS.flatmap(lambda name: st.tuples(st.just(name), perturbed(name))))
def test_perturbations_of_a_name_normalise_equal(pair: tuple[str, str]) -> None:
    """Case, accents, spacing, quotes, dashes, '&', acronym dots, tatweel, harakat are ignored."""
    name, variant = pair
    assert normalize(variant) == normalize(name)


@pytest.mark.parametrize("word", WORDS)
def test_every_name_word_survives_normalisation(word: str) -> None:
    assert normalize(word)


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        (
            "  Organisation   Internationale pour les Migrations ",
            "organisation internationale pour les migrations",
        ),
        ("NCCPIM&TiP", "nccpim and tip"),
        ("nccpim & tip", "nccpim and tip"),
        ("U.N.", "un"),
        ("U.N.O.D.C.", "unodc"),
        ("u.n.o.d.c", "unodc"),
        ("Dr. Smith", "dr smith"),
        ("J/TIP", "j tip"),
        ("Sharm El-Sheikh", "sharm el sheikh"),
        ("Sharm El–Sheikh", "sharm el sheikh"),
        ("O\u2019Brien", "obrien"),
        ("O'Brien", "obrien"),
        ("O\u02bcBrien", "obrien"),
        ("O`Brien", "obrien"),
        ("Morocco's", "morocco s"),  # the English possessive is no apostrophe in a word
        ("l'OIM", "l oim"),  # nor is a French elision
        ("l\u02bcOIM", "l oim"),
        ("C\u02bc0", "c 0"),
        ("Côte d’Ivoire", "cote d ivoire"),
        ("qu'elle", "qu elle"),
        ("don't", "dont"),
        ("Morocco\u2019s plan", "morocco s plan"),
        ("Zero\u200bwidth", "zerowidth"),
        ("\u202bRTL\u202c", "rtl"),
        # The module drops U+00B4 as an apostrophe, but NFKC has already made it a space.
        ("O\u00b4Brien", "obrien"),
        ('"JTIP"', "jtip"),
        ("\u201cJTIP\u201d", "jtip"),
        ("«JTIP»", "jtip"),
        ("Égypte", "egypte"),
        ("EGYPTE", "egypte"),
        ("Coope\u0301ration", "cooperation"),
        ("ＩＯＭ", "iom"),
        ("ﬁnance", "finance"),
        ("Straße", "strasse"),
        ("snake_case", "snake case"),
        ("الْمُنَظَّمَة", normalize("المنظمه")),
        ("المـــنظمة", normalize("المنظمه")),
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),
        ("", ""),
        (" \t\n", ""),
        ("...", ""),
    ],
)
def test_documented_normalisations(variant: str, name: str) -> None:
    assert normalize(variant) == name


def test_index_maps_normalised_names_to_ids_in_order() -> None:
    index = NameIndex(
        [
            ("International Organization for Migration", "organization:iom"),
            ("IOM", "organization:iom"),
            ("IOM", "organization:iom"),  # the same pair twice counts once
            ("National Committee", "organization:cnclt"),
            ("national committee", "organization:nccpim-tip"),
            ("!!!", "organization:nothing"),  # normalises to nothing: not indexed
        ]
    )
    assert len(index) == 3
    assert list(index) == ["international organization for migration", "iom", "national committee"]
    assert index.ids("IOM") == ("organization:iom",)
    assert index.ids("i.o.m.") == ("organization:iom",)
    assert index.ids(" International  organization FOR migration") == ("organization:iom",)
    assert index.ids("National Committee") == ("organization:cnclt", "organization:nccpim-tip")
    assert index.ids("NATIONAL COMMITTEE") == ("organization:cnclt", "organization:nccpim-tip")
    assert index.ids("!!!") == ()
    assert index.ids("unknown") == ()


@given(st.lists(st.tuples(NAME_TEXTS, st.sampled_from(["a:1", "a:2", "b:3"])), max_size=8))
def test_index_finds_every_indexed_name(entries: list[tuple[str, str]]) -> None:
    """Every indexed name, as written or perturbed, gives the IDs of all records sharing it."""
    index = NameIndex(entries)
    for name, record_id in entries:
        key = normalize(name)
        expected = tuple(dict.fromkeys(i for n, i in entries if normalize(n) == key))
        assert index.ids(name) == expected
        assert record_id in index.ids(name.upper())
    assert len(index) == len({normalize(n) for n, _ in entries})


# -- official numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Law No. 64 of 2010", "law 64 2010"),
        ("Law 64/2010", "law 64 2010"),
        ("law n° 64-2010", "law 64 2010"),
        ("Law No.4 of 2004", "law 4 2004"),
        ("27-14", "27 14"),
        ("27.14", "27 14"),
        ("Law No. 09-01", "law 9 1"),
        ("Decree No. 2.17.740", "decree 2 17 740"),
        ("القانون رقم 64 لسنة 2010", "القانون 64 2010"),
        ("Royal Decree No. M/40", "royal decree m 40"),
    ],
)
def test_number_keys_drop_the_words_that_mark_a_number(written: str, key: str) -> None:
    assert number_key(written) == key


def test_a_text_without_digits_has_no_number_key() -> None:
    assert number_key("Law No. X") is None
    assert number_keys("Law No. X") == ()


@pytest.mark.parametrize(
    ("number", "keys"),
    [
        ("Law No. 64 of 2010", ("law 64 2010", "64 2010")),
        ("Law No. 27.14", ("law 27 14", "27 14")),
        ("Royal Decree No. M/40", ("royal decree m 40", "m 40")),
        ("Law 2016-61", ("law 2016 61", "2016 61")),  # no "No.": from the first digit
        ("Legislative Decree No. 3", ("legislative decree 3",)),  # "3" alone is no key
        ("64/2010", ("64 2010",)),
    ],
)
def test_a_number_of_two_parts_is_a_key_by_itself(number: str, keys: tuple[str, ...]) -> None:
    assert number_keys(number) == keys


def test_index_finds_official_numbers_after_names() -> None:
    index = NameIndex(
        [("Law 27-14", "instrument:name")],
        [("Law No. 27.14", "instrument:ma"), ("Law No. 64 of 2010", "instrument:eg")],
    )
    assert index.ids("Law 27-14") == ("instrument:name",)  # a name comes first
    assert index.ids("27.14") == ("instrument:ma",)
    assert index.ids("Law 64/2010") == ("instrument:eg",)
    assert index.ids("64 of 2010") == ("instrument:eg",)
    assert index.ids("2010") == ()
    assert index.ids("Law") == ()
    assert list(index) == ["law 27 14"]  # numbers are no names


@given(st.lists(st.integers(0, 9999), min_size=1, max_size=3), st.sampled_from("-./"))
def test_a_number_is_found_whatever_its_separators(parts: list[int], separator: str) -> None:
    number = "Law No. " + "-".join(map(str, parts))
    index = NameIndex([], [(number, "instrument:x")])
    assert index.ids("Law " + separator.join(f"{p:02d}" for p in parts)) == ("instrument:x",)
    alone = separator.join(map(str, parts))
    assert index.ids(alone) == (("instrument:x",) if len(parts) > 1 else ())


def test_close_matches_suggest_similar_names_best_first() -> None:
    index = NameIndex(
        [
            ("UNODC", "organization:unodc"),
            ("UNDP", "organization:undp"),
            ("Morocco", "country:ma"),
            ("Monaco", "country:mc"),
        ]
    )
    assert index.close_matches("UNOCD")[0] == "organization:unodc"
    assert index.close_matches("Morroco")[0] == "country:ma"
    assert "country:mc" not in index.close_matches("Morroco", allowed=["country:ma"])
    assert index.close_matches("Morroco", allowed=["country:ma"]) == ("country:ma",)
    assert index.close_matches("Morroco", allowed=[]) == ()
    assert index.close_matches("zzzzzz") == ()
    assert len(index.close_matches("UNxx", n=1)) <= 1


def test_close_matches_respect_allowed_ids_of_a_shared_name() -> None:
    index = NameIndex([("Justice", "organization:a"), ("Justice", "programme:b")])
    assert index.close_matches("Justise") == ("organization:a", "programme:b")
    assert index.close_matches("Justise", allowed=["programme:b"]) == ("programme:b",)


def test_close_matches_are_limited_to_n_ids() -> None:
    index = NameIndex([("Justice", f"organization:j{i}") for i in range(8)])
    assert len(index.close_matches("Justise")) == 5
    assert len(index.close_matches("Justise", n=2)) == 2


def test_close_matches_of_a_query_too_long_for_every_name_are_not_scored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A score is at most 200 min(a, b) / (a + b): 60 for a query of 7 letters and a name
    of 3, less for a longer query, which is not scored."""
    index = NameIndex([("abc", "organization:a")])
    assert index.close_matches("abcxxxx") == ("organization:a",)

    def unscored(*arguments: object) -> NoReturn:
        raise AssertionError("scored")

    monkeypatch.setattr(_similarity, "scores", unscored)
    assert index.close_matches("abcxxxxx") == ()
    assert index.close_matches("x" * 10_000) == ()
    assert index.close_matches("!!!") == ()  # no words: nothing to score
    assert NameIndex([]).close_matches("abc") == ()


@pytest.mark.parametrize("n", [0, -1])
def test_close_matches_need_a_positive_n(n: int) -> None:
    with pytest.raises(ValueError, match="n must be a positive int"):
        NameIndex([("abc", "organization:a")]).close_matches("abd", n=n)


def test_tokens_give_offsets_into_the_text_and_skip_lone_marks() -> None:
    text = "IOM \u0301 (U.N.) O'Brien\u2019s & Cie"
    assert list(tokens(text)) == [
        (0, 3, "iom"),
        (7, 11, "un"),
        (13, 20, "obrien"),
        (21, 22, "s"),
        (23, 24, "and"),
        (25, 28, "cie"),
    ]
