"""Arabic as written: proclitics, the fused lam, spelling variants and Arabic-Indic digits."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mena_tip
from mena_tip._automaton import without_proclitics
from mena_tip._linker import _Reader
from mena_tip._words import fold
from mena_tip.names import normalize, number_key
from mena_tip.records import KINDS, lookup_names

DATA = mena_tip.dataset()
ARABIC = re.compile(r"[\u0600-\u06ff]")
NAMES = sorted(
    {
        (name, record.id)
        for record in DATA
        if record.KIND != "source"
        for name in lookup_names(record)
        if ARABIC.search(name) and not re.search(r"[A-Za-z0-9()\[\]]", name)
    }
)
OWNERS: dict[str, set[str]] = {}
for _name, _id in NAMES:
    OWNERS.setdefault(normalize(_name), set()).add(_id)
READER: _Reader = DATA.linker._get("reader", frozenset(KINDS) - {"source"})

PROCLITICS = ["", "و", "ف", "ب", "ك", "ل", "وب", "ول", "وك", "فب", "فل", "فك"]
# Spellings of one letter that the normalisation reads as one (rules 3 and 4).
VARIANTS = {
    "ا": "اأإآ",
    "أ": "أاإ",
    "إ": "إاأ",
    "آ": "آا",
    "ي": "يى",
    "ى": "ىي",
    "ة": "ةه",
    "ه": "ه",
    "ؤ": "ؤو",
    "ئ": "ئي",
}
MARKS = [
    "",
    "\u064e",
    "\u064f",
    "\u0650",
    "\u0651",
    "\u0652",
    "\u064b",
    "\u0640",
]  # harakat, shadda, sukun, tatweel


@st.composite
def written(draw: st.DrawFn) -> tuple[str, str, str, int, int, str]:
    """A known Arabic name as someone may write it, after a proclitic, in a sentence: the
    name, its record, the text, where the name's letters start and end in it, and its
    first word as written there (with the proclitic)."""
    name, record_id = draw(st.sampled_from(NAMES))
    letters = []
    for char in name:
        spelt = draw(st.sampled_from(VARIANTS[char])) if char in VARIANTS else char
        letters.append(spelt + (draw(st.sampled_from(MARKS)) if spelt.isalpha() else ""))
    proclitic = draw(st.sampled_from(PROCLITICS))
    skip = 0
    if proclitic.endswith("ل") and name.startswith("ال"):
        skip = len(letters[0])  # the fused lam: the article's alef is not written
    variant = "".join(letters)[skip:]
    before = "قال المتحدث إن "
    text = f"{before}{proclitic}{variant} عقدت اجتماعا."
    start = len(before) + len(proclitic)
    return name, record_id, text, start, start + len(variant), proclitic + variant.split()[0]


@given(written())
def test_a_known_name_with_any_proclitic_and_spelling_is_one_mention(
    case: tuple[str, str, str, int, int, str],
) -> None:
    name, record_id, text, start, end, first = case
    # A word is read apart only when, as written, it is no word of a name, and the first
    # reading that is a word of a name is taken (rule 8): "فلمكافحة" is "ف" + "لمكافحة".
    vocabulary = READER.automaton.vocabulary
    if first != text[start:].split()[0]:
        assume(fold(first) not in vocabulary)
        wanted = vocabulary.get(fold(name.split()[0]))
        assume(without_proclitics(fold(first), vocabulary)[0] == wanted)
    found = [m for m in DATA.mentions(text) if m.start < end and start < m.end]
    assert len(found) == 1, (name, text, found)
    (mention,) = found
    assert (mention.start, mention.end) == (start, end), (name, text, mention)
    assert mention.text == text[start:end]
    assert record_id in mention.candidates or mention.id in OWNERS[normalize(name)]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("وبالمنظمة الدولية للهجرة", ["المنظمة الدولية للهجرة"]),
        ("وللمنظمة الدولية للهجرة", ["لمنظمة الدولية للهجرة"]),
        ("للمنظمة الدولية للهجرة", ["لمنظمة الدولية للهجرة"]),
        ("فبالمغرب وكمصر", ["المغرب", "مصر"]),
        ("لليبيا ولبنان", ["ليبيا", "لبنان"]),
    ],
)
def test_proclitics_are_read_apart_of_a_known_name(text: str, surfaces: list[str]) -> None:
    assert [m.text for m in DATA.mentions(text, ["country", "organization"])] == surfaces


def test_a_word_that_is_a_names_word_is_never_cut() -> None:
    vocabulary = {"وزاره": 0, "زاره": 1, "العدل": 2, "عدل": 3}
    assert without_proclitics("ووزاره", vocabulary) == (0, 1)
    assert without_proclitics("بالعدل", vocabulary) == (2, 1)
    assert without_proclitics("للعدل", vocabulary) == (2, 1)  # ل + العدل, the alef elided
    assert without_proclitics("لعدل", vocabulary) == (3, 1)
    assert without_proclitics("وبال", vocabulary) == (None, 0)
    assert without_proclitics("بع", vocabulary) == (None, 0)  # one letter left: no reading


def test_arabic_indic_digits_are_digits() -> None:
    assert normalize("القانون رقم ٦٤ لسنة ٢٠١٠") == normalize("القانون رقم 64 لسنة 2010")
    assert normalize("۶۴") == "64"  # the Persian forms too
    assert number_key("قانون رقم ٦٤ لسنة ٢٠١٠") == number_key("قانون رقم 64 لسنة 2010")


def test_persian_letters_read_as_arabic() -> None:
    assert normalize("ایران") == normalize("إيران")
    assert normalize("کویت") == normalize("كويت")


def test_arabic_names_of_treaties_and_agencies_are_found() -> None:
    text = (
        "وقعت الحكومة على بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال "
        "بالتعاون مع مكتب الأمم المتحدة المعني بالمخدرات والجريمة والمنظمة الدولية للهجرة"
    )
    assert [m.id for m in DATA.mentions(text)] == [
        "instrument:trafficking-in-persons-protocol",
        "organization:unodc",
        "organization:iom",
    ]
