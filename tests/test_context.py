"""A document's context in mentions(): generic names, country context, coreference."""

from __future__ import annotations

import functools
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mena_tip
from mena_tip import Linker, Mention, UnknownIdentifier
from mena_tip._context import abbreviates, generic, short_forms
from mena_tip._linker import _Reader
from mena_tip.names import normalize
from mena_tip.records import lookup_names, record_kind

DATA = mena_tip.dataset()


def reader() -> _Reader:
    reading: _Reader = DATA.linker._get("reader", frozenset(mena_tip.records.KINDS) - {"source"})
    return reading


@functools.cache
def generic_names() -> list[tuple[str, tuple[str, ...]]]:
    """Every generic name of the data, as written, with the IDs of the records bearing it."""
    reading = reader()
    automaton = reading.automaton
    from mena_tip._automaton import name_words

    numbers = {pattern: n for n, pattern in enumerate(automaton.patterns)}
    found = {}
    for record in DATA:
        for name in lookup_names(record):
            number = numbers.get((name_words(name), 0))
            if number is not None and reading.generic[number]:
                found[name] = automaton.every[number]
    return sorted(found.items())


def country_name(country_id: str) -> str:
    return DATA.get(country_id).name


def countries_of(record_id: str) -> frozenset[str]:
    return reader().countries.get(record_id, frozenset())


# -- generic names -----------------------------------------------------------------------------


def test_the_data_has_generic_names_in_each_language() -> None:
    names = dict(generic_names())
    for name in ["Ministry of Interior", "ministère de la Justice", "وزارة العدل", "MoJ"]:
        assert name in names, name
    for specific in ["Dubai Police", "CNCLT", "Ministry of Interior (Iraq)", "IOM", "Morocco"]:
        assert specific not in names, specific
    assert len(names) > 50


def test_no_generic_name_is_linked_to_a_country_the_document_does_not_name() -> None:
    """Each generic name, in a text naming each country of the data in turn: linked only
    to a record of that country, and to one whenever exactly one of that country bears it."""
    countries = [c.id for c in DATA.countries()]
    for name, bearers in generic_names():
        for country in countries:
            place = country_name(country)
            text = f"Officials of the {name} met on Monday. The meeting was in {place}."
            start = len("Officials of the ")
            found = [m for m in DATA.mentions(text) if start <= m.start < start + len(name)]
            assert len(found) == 1, (name, country)
            (mention,) = found
            there = [b for b in bearers if country in countries_of(b)]
            if mention.id is not None:
                assert country in countries_of(mention.id), (name, country, mention)
                assert mention.how == "context"
            assert mention.id == (there[0] if len(there) == 1 else None), (name, country)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Officials of the {} met.", "en"),
        ("Les responsables du {} se sont réunis.", "fr"),
        ("اجتمع مسؤولو {} اليوم", "ar"),
    ],
)
def test_a_generic_name_alone_is_undecided(text: str, language: str) -> None:
    for name, bearers in generic_names():
        if any(c.isascii() for c in name) == (language == "ar"):
            continue
        start = text.index("{}")
        found = [
            m for m in DATA.mentions(text.format(name)) if start <= m.start < start + len(name)
        ]
        assert found, name
        assert found[0].id is None, name
        assert found[0].how == "ambiguous", name
        assert set(bearers) <= set(found[0].candidates) or found[0].candidates == bearers


def test_the_callers_country_decides_first() -> None:
    text = "The Ministry of Interior met the Iraqi delegation in Amman, Jordan."
    (ministry, jordan) = DATA.mentions(text)
    assert ministry.id == "organization:jordan-ministry-of-interior"
    assert jordan.id == "country:jo"
    (ministry, _) = DATA.mentions(text, country="IQ")
    assert (ministry.id, ministry.how) == ("organization:iraq-ministry-of-interior", "context")
    assert DATA.mentions("Ministry of Interior", country="Libya")[0].id == (
        "organization:libya-ministry-of-interior"
    )
    # a country with no such body: the document's own countries decide, or nothing
    assert DATA.mentions("Ministry of Interior", country="MA")[0].id is None
    assert DATA.mentions(text, country="MA")[0].id == "organization:jordan-ministry-of-interior"


def test_a_shared_acronym_is_read_by_the_nearest_country() -> None:
    text = "Qatar hosted the meeting. In Oman, the NCCHT presented its plan."
    nccht = DATA.mentions(text)[-1]
    assert nccht.id == "organization:oman-national-committee-combating-human-trafficking"
    assert nccht.how == "context"
    # equally near: undecided
    text = "Oman, NCCHT, Qatar"
    nccht = next(m for m in DATA.mentions(text) if m.text == "NCCHT")
    assert nccht.id is None
    assert len(nccht.candidates) == 5


def test_a_body_person_or_programme_of_one_country_is_context() -> None:
    text = "Naela Gabr spoke; the Ministry of Justice hosted the meeting."
    assert DATA.mentions(text)[-1].id == "organization:egypt-ministry-of-justice"
    text = "The CNCLT and the ministère de la Justice signed."
    assert DATA.mentions(text)[-1].id == "organization:morocco-ministry-of-justice"


def test_generic_names_follow_the_data() -> None:
    linker = Linker(
        [
            ("Ministry of Interior", "organization:a"),
            ("Ministry of Interior", "organization:b"),
            ("Ministry of Health", "organization:c"),
            ("Alphaland Police", "organization:d"),
            ("Police", "organization:e"),
            ("Alphaland", "country:aa"),
            ("Betaland", "country:bb"),
        ],
        countries=[
            ("organization:a", "country:aa"),
            ("organization:b", "country:bb"),
            ("organization:c", "country:aa"),
            ("organization:d", "country:aa"),
            ("organization:e", "country:bb"),
        ],
    )
    reading = linker._get("reader", None)
    flags = {
        words: flag
        for (words, _), flag in zip(reading.automaton.patterns, reading.generic, strict=True)
    }
    assert flags[("ministry", "of", "interior")]
    assert not flags[("ministry", "of", "health")]  # "health": a word of one country's names
    assert not flags[("alphaland", "police")]  # names a country
    assert not flags[("police",)]  # one word, which abbreviates no generic name
    assert linker.mentions("Ministry of Health")[0].id == "organization:c"
    assert linker.mentions("Ministry of Interior in Betaland")[0].id == "organization:b"
    assert linker.mentions("Ministry of Interior", country="Alphaland")[0].id == "organization:a"
    assert linker.mentions("Ministry of Interior", country="country:bb")[0].id == "organization:b"


def test_abbreviations_of_generic_names_are_generic() -> None:
    assert abbreviates("mol", "Ministry of Labour")
    assert abbreviates("ncct", "National Committee to Combat Human Trafficking")
    assert abbreviates("gloact", "Global Action against Trafficking")
    assert not abbreviates("inltcp", "Tunisia")
    assert not abbreviates("moj", "Justice Ministry")  # not its first letter
    names = dict(generic_names())
    assert "MoL" in names
    (mol,) = DATA.mentions("MoL inspectors met.")
    assert mol.id is None
    (mol, _) = DATA.mentions("MoL inspectors met in Qatar.")
    assert mol.id == "organization:qatar-ministry-of-labour"


def test_the_generic_rule_needs_a_reader() -> None:
    linker = Linker([("A", "organization:a")])
    reading = linker._get("reader", None)
    assert generic(reading.automaton, [], {}) == [False]


# -- coreference -------------------------------------------------------------------------------


def test_a_surname_after_the_full_name_is_the_person() -> None:
    text = "Raoudha Laabidi opened the session. Laabidi said that Mellati agreed."
    found = DATA.mentions(text)
    assert [(m.text, m.id, m.how) for m in found] == [
        ("Raoudha Laabidi", "person:raoudha-laabidi", "name"),
        ("Laabidi", "person:raoudha-laabidi", "coreference"),
    ]  # Mellati, never named in full here, is no mention


def test_a_surname_before_the_full_name_or_in_lower_case_is_none() -> None:
    assert DATA.mentions("Laabidi met Raoudha Laabidi.")[0].text == "Raoudha Laabidi"
    assert len(DATA.mentions("Laabidi met Raoudha Laabidi.")) == 1
    linker = Linker([("Mohamed Said", "person:said")])
    found = linker.mentions("Mohamed Said spoke. He said: Said agrees.")
    assert [(m.start, m.how) for m in found] == [(0, "name"), (29, "coreference")]


def test_two_persons_sharing_a_surname_the_last_named_wins() -> None:
    linker = Linker([("Anna Smith", "person:anna"), ("Bo Smith", "person:bo")])
    found = linker.mentions("Anna Smith and Bo Smith met. Smith said. Anna Smith left; Smith too.")
    assert [(m.text, m.id) for m in found] == [
        ("Anna Smith", "person:anna"),
        ("Bo Smith", "person:bo"),
        ("Smith", "person:bo"),
        ("Anna Smith", "person:anna"),
        ("Smith", "person:anna"),
    ]


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Raoudha Laabidi", ["Laabidi"]),
        ("Mohamed Ali Ben Salem", ["Ben Salem", "Mohamed Ben Salem"]),
        ("Hicham Mellati", ["Mellati"]),
        ("Awwad Al Awwad", ["Al Awwad"]),
        ("Awwad Alawwad", ["Alawwad"]),
        ("Mohamed El Khalfi Idrissi", ["Idrissi", "Mohamed Idrissi"]),
        ("Cher", []),
        ("Li Ng", []),
        ("أنور محمد قرقاش", ["قرقاش", "أنور قرقاش"]),
    ],
)
def test_short_forms(name: str, forms: list[str]) -> None:
    assert short_forms(name) == forms


@given(st.sampled_from([p for p in DATA.persons() if len(p.name.split()) > 1]))
def test_every_persons_surname_follows_their_full_name(person: mena_tip.Person) -> None:
    forms = short_forms(person.name)
    if not forms or (forms[0].isascii() and not forms[0][0].isupper()):
        return
    surname = forms[0]
    text = f"{person.name} opened the meeting. Then {surname} spoke."
    found = DATA.mentions(text)
    assert found[0].id == person.id
    later = [m for m in found if m.start == text.index(f"Then {surname}") + 5]
    assert later, (person.id, found)
    if later[0].how == "coreference":
        assert later[0].id == person.id
    else:  # the surname is itself another record's name
        assert normalize(surname) in {
            normalize(n) for c in later[0].candidates for n in lookup_names(DATA.get(c))
        }


def test_an_acronym_defined_after_a_name_is_that_record() -> None:
    text = (
        "The Ministry of Labour (MoL) of Jordan trained inspectors. "
        "MoL inspectors then met the Ministry of Social Development (MoSD)."
    )
    found = DATA.mentions(text)
    linked = [(m.text, m.id, m.how) for m in found]
    assert linked[:3] == [
        ("Ministry of Labour", "organization:jordan-ministry-of-labour", "context"),
        ("MoL", "organization:jordan-ministry-of-labour", "coreference"),
        ("Jordan", "country:jo", "name"),
    ]
    assert ("MoL", "organization:jordan-ministry-of-labour", "coreference") in linked[3:]
    text = "The International Organization for Migration (IOFM) met. IOFM said; xIOFM no."
    assert [(m.text, m.id) for m in DATA.mentions(text)] == [
        ("International Organization for Migration", "organization:iom"),
        ("IOFM", "organization:iom"),
        ("IOFM", "organization:iom"),
    ]


def test_a_parenthesis_that_abbreviates_nothing_defines_nothing() -> None:
    text = "IOM met INLTCP in Tunisia (INLTCP) on Monday. UPEL and Lebanon (UPEL)."
    found = DATA.mentions(text)
    assert all(m.id != "country:tn" or m.text != "INLTCP" for m in found)
    assert [m.text for m in found if m.text == "UPEL"] == []


def test_an_acronym_inside_a_longer_name_is_not_taken() -> None:
    text = "The United Nations Office on Drugs and Crime (UN) met the UN Women office."
    found = DATA.mentions(text)
    assert found[-1].text != "UN"


# -- the rest of the contract ------------------------------------------------------------------


def test_a_currency_code_is_no_country() -> None:
    text = "a budget of US$ 472,400 from the US"
    assert DATA.mentions(text) == (
        Mention(text.rindex("US"), len(text), "US", ("country:us",), "country:us", "alias"),
    )
    assert [m.text for m in DATA.mentions("EU€ and US £")] == ["US"]


def test_how_says_which_rule_linked_each_mention() -> None:
    found = DATA.mentions("The International Organization for Migration (IOM) and OIM met.")
    assert [(m.text, m.how) for m in found] == [
        ("International Organization for Migration", "name"),
        ("IOM", "alias"),
        ("OIM", "alias"),
    ]
    assert Mention(0, 3, "IOM", ("organization:iom",)).how == "name"
    assert Mention(0, 3, "IOM", ("a:b", "a:c")).how == "ambiguous"


def test_country_must_be_a_country() -> None:
    with pytest.raises(UnknownIdentifier, match="Atlantis"):
        DATA.mentions("IOM", country="Atlantis")
    with pytest.raises(UnknownIdentifier):
        DATA.mentions("IOM", country="IOM")
    linker = DATA.linker
    with pytest.raises(ValueError, match="'Atlantis'"):
        linker.mentions("IOM", country="Atlantis")
    with pytest.raises(ValueError, match="'country:zz'"):
        linker.mentions("IOM", country="country:zz")
    with pytest.raises(ValueError, match="'organization:iom'"):
        linker.mentions("IOM", country="organization:iom")
    with pytest.raises(TypeError, match="int"):
        linker.mentions("IOM", country=3)  # type: ignore[arg-type]
    assert (
        linker.mentions("NCCHT", country="QA")[0].id == DATA.mentions("NCCHT", country="QA")[0].id
    )
    assert mena_tip.mentions("NCCHT", country="qatar")[0].how == "context"


def test_countries_must_be_pairs_of_a_record_and_a_country() -> None:
    with pytest.raises(TypeError, match="countries must be an iterable"):
        Linker([], countries="country:ma")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="each of countries"):
        Linker([], countries=[("organization:x",)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="no country's ID"):
        Linker([], countries=[("organization:x", "organization:y")])
    with pytest.raises(ValueError, match="nothing"):
        Linker([], countries=[("nothing", "country:ma")])


def test_a_pickled_linker_keeps_its_countries() -> None:
    linker = Linker(
        [("Ministry of Interior", "organization:a"), ("Ministry of Interior", "organization:b")],
        countries=[("organization:a", "country:aa"), ("organization:b", "country:bb")],
    )
    copy = pickle.loads(pickle.dumps(linker))
    assert copy.mentions("Ministry of Interior", country="country:aa")[0].id == "organization:a"
    assert record_kind("country:aa") == "country"


# -- a body in a country -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("L'OIM en Mauritanie a formé des agents.", "organization:iom-mauritania"),
        ("The IOM Mission to Egypt trained judges.", "organization:iom-egypt"),
        ("IOM's office in Iraq and the KRG.", "organization:iom-iraq"),
        ("نظمت المنظمة الدولية للهجرة في اليمن ورشة", "organization:iom-yemen"),
        ("UNODC in Iran hosted the workshop.", "organization:unodc-iran"),
    ],
)
def test_a_body_named_before_a_country_is_its_unit_there(text: str, unit: str) -> None:
    body, country = DATA.mentions(text)[:2]
    assert (body.id, body.how) == (unit, "context")
    assert country.id == DATA.organization(unit).country


def test_a_body_with_no_unit_there_stays_itself() -> None:
    assert [m.id for m in DATA.mentions("IOM in Italy")] == ["organization:iom", "country:it"]
    assert [m.id for m in DATA.mentions("IOM and Egypt")] == ["organization:iom", "country:eg"]
    assert [m.id for m in DATA.mentions("IOM, in Egypt")] == ["organization:iom", "country:eg"]
    # a national body's unit in its own country is no reading of "the body in the country"
    found = DATA.mentions("the Ministry of Interior in Jordan")
    assert found[0].id == "organization:jordan-ministry-of-interior"


def test_units_are_read_only_where_a_body_has_one_unit_there() -> None:
    linker = Linker(
        [
            ("Body", "organization:b"),
            ("One", "organization:u1"),
            ("Two", "organization:u2"),
            ("Alphaland", "country:aa"),
            ("Betaland", "country:bb"),
        ],
        countries=[
            ("organization:u1", "country:aa"),
            ("organization:u2", "country:aa"),
            ("organization:u3", "country:bb"),
        ],
        units=[
            ("organization:u1", "organization:b"),
            ("organization:u2", "organization:b"),
            ("organization:u3", "organization:b"),
        ],
    )
    assert linker.mentions("Body in Alphaland")[0].id == "organization:b"  # two units there
    assert linker.mentions("Body in Betaland")[0].id == "organization:u3"
    assert pickle.loads(pickle.dumps(linker)).mentions("Body in Betaland")[0].id == (
        "organization:u3"
    )
    with pytest.raises(TypeError, match="units must be an iterable"):
        Linker([], units="organization:u1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="nothing"):
        Linker([], units=[("organization:u1", "nothing")])


def test_an_acronym_is_read_as_defined_only_from_its_definition_on() -> None:
    linker = Linker(
        [
            ("Ministry of Labour", "organization:a"),
            ("Ministry of Labour", "organization:b"),
            ("MoL", "organization:a"),
            ("MoL", "organization:b"),
            ("Alphaland", "country:aa"),
            ("Betaland", "country:bb"),
        ],
        countries=[("organization:a", "country:aa"), ("organization:b", "country:bb")],
    )
    text = (
        "Betaland's MoL came. In Alphaland, the Ministry of Labour (MoL) met Betaland "
        "officials. Alphaland's MoL said."
    )
    found = [(m.id, m.how) for m in linker.mentions(text) if m.text == "MoL"]
    assert found == [
        ("organization:b", "context"),  # before the definition: the nearest country's
        ("organization:a", "coreference"),  # Betaland is nearer, but the text defines it
        ("organization:a", "context"),  # as the context says too
    ]


# -- names in every language -------------------------------------------------------------------


def international(record: mena_tip.records.Record) -> bool:
    """A treaty, a UN or intergovernmental body, or a regional process."""
    if isinstance(record, mena_tip.Instrument):
        return record.jurisdiction is None
    if isinstance(record, mena_tip.Organization):
        return record.kind is not None and record.kind.value in {
            "un_agency",
            "un_system",
            "intergovernmental",
        }
    return (  # a regional process: a mechanism of no one country
        isinstance(record, mena_tip.Programme)
        and record.kind.value == "mechanism"
        and len(record.countries) != 1
    )


INTERNATIONAL = [record for record in DATA if international(record)]


@pytest.mark.parametrize("record", INTERNATIONAL, ids=lambda record: record.id)
def test_every_french_and_arabic_name_of_a_treaty_agency_or_process_is_found_in_text(
    record: mena_tip.records.Record,
) -> None:
    names = [n for n in getattr(record, "other_names", ()) if n.language in {"fr", "ar"}]
    for name in names:
        text = f"« {name.text} » ;" if name.language == "fr" else f"قال {name.text} اليوم"
        found = [m for m in DATA.mentions(text) if name.text in m.text or m.text in name.text]
        assert len(found) == 1, (record.id, name.text, found)
        assert found[0].text == name.text
        assert record.id in found[0].candidates, (record.id, name.text, found)


def test_the_data_has_french_and_arabic_names_of_treaties_agencies_and_processes() -> None:
    languages = {n.language for record in INTERNATIONAL for n in getattr(record, "other_names", ())}
    assert {"fr", "ar"} <= languages
    assert len(INTERNATIONAL) > 20


@pytest.mark.parametrize(
    ("misspelt", "expected"),
    [
        ("Organisation Internationale des Migrations", "organization:iom"),
        ("International Organisation for Migration", "organization:iom"),
        ("UN Office for Prevention of Narcotics and Crime", "organization:unodc"),
        ("مكتب الأمم المتحدة المعني بمكافحة الجريمة والمخدرات", "organization:unodc"),
    ],
)
def test_misspellings_in_sources_are_for_search_not_names(misspelt: str, expected: str) -> None:
    assert DATA.mentions(misspelt) == ()  # no wrong name was added to the data
    assert DATA.search(misspelt, limit=1)[0].id == expected
