"""The pages of docs/data/ that list what the bundled data holds, as reStructuredText.

The coverage table, the contested facts, the catalogue of every record and the figures'
captions are strings, and the figures PNG bytes, made from the data alone; conf.py writes
them into docs/_generated/ at each build. Kept apart from conf.py so that they need no
Sphinx: the tests import this module to check that the documentation prints the data's own
coverage table. matplotlib and networkx are imported only to draw the figures.
"""

from __future__ import annotations

import calendar
import datetime
import decimal
import io
import itertools
import re
import textwrap
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

import mena_tip
from mena_tip import Dataset, PartialDate, records
from mena_tip._coverage import table
from mena_tip.records import Record

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure


def _cell(text: str) -> str:
    return " ".join(text.split()) or " "


def _list_table(header: list[str], rows: list[list[str]], widths: str = "") -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1"]
    lines += [f"   :widths: {widths}"] if widths else []
    lines.append("")
    for row in [header, *rows]:
        lines += [f"   * - {_cell(row[0])}", *(f"     - {_cell(cell)}" for cell in row[1:])]
    return [*lines, ""]


def coverage_page() -> str:
    """reST for the coverage table of the bundled data (the table ``mena-tip coverage`` prints)."""
    data = mena_tip.dataset()
    header, rows = table(data, mena_tip.coverage(dataset=data))
    topics = [f"``{name}``" for name in header[1:]]
    return "\n".join(_list_table([header[0], *topics], rows))


def _claim_line(claim: records.Claim) -> str:
    sources = ", ".join(f"``{c.source}``" for c in claim.citations)
    mark = "**preferred**" if claim.preferred else "not preferred"
    reason = f" {claim.reason}" if claim.reason else ""
    return f"``{claim.value}`` ({mark}; {sources}).{reason}"


def _absences(country: records.Country, cell: Any) -> str:
    said = [f"``{record_id}``" for record_id in cell.records]
    denied = [
        f"``{c.source}``" for a in country.absences if a.topic == cell.topic for c in a.citations
    ]
    return f"stated by {', '.join(said)}; denied by {', '.join(denied)}."


def contested_page() -> str:
    """reST listing every claim in the bundled data, by record, and every contested topic."""
    data = mena_tip.dataset()
    lines = ["Topics sources disagree on", "~~~~~~~~~~~~~~~~~~~~~~~~~~", ""]
    for cell in mena_tip.coverage(dataset=data):
        if cell.status == "contested":
            country = data.country(cell.country)
            lines.append(f"- {country.name}, ``{cell.topic}``: " + _absences(country, cell))
    lines += ["", "Tiers resting on a news summary or an inference", "~" * 47, ""]
    for assessment in data.assessments():
        flags = [flag for flag in ("secondary", "inferred") if getattr(assessment, flag)]
        if flags:
            name = data.country(assessment.country).name
            lines.append(
                f"- {name} {assessment.report_year}: ``{assessment.tier}`` ({', '.join(flags)}; "
                + ", ".join(
                    f"``{source}``"
                    for source in dict.fromkeys(c.source for c in assessment.citations)
                )
                + ")"
            )
    lines.append("")
    for record in data:
        found = records.claims(record)
        if not found:
            continue
        title = f"{record.name} (``{record.id}``)"
        lines += [title, "~" * len(title), ""]
        fields = dict.fromkeys(path for path, _ in found)
        for path in fields:
            lines += [f"``{path}``", ""]
            lines += [f"- {_claim_line(claim)}" for where, claim in found if where == path]
            lines.append("")
    return "\n".join(lines)


# -- the catalogue -------------------------------------------------------------------------

CATALOGUE: Final = tuple(
    (kind, made.KIND.plural, made.KIND.plural.capitalize()) for kind, made in records.KINDS.items()
)
"""The catalogue's pages: a record kind, the page's file name and its title."""

CATALOGUE_CSS: Final = """\
/* Text in a right-to-left script keeps its own direction inside English sentences. */
span.bidi { unicode-bidi: plaintext; }
"""
"""The style sheet the catalogue's right-to-left text needs (see :func:`catalogue_page`)."""

# Characters that reST reads as markup (or Sphinx's smart quotes would change) anywhere in
# a line; runs of hyphens and dots are escaped too ("--" would become a dash).
_MARKUP: Final = re.compile(
    r"""[\\*`|_<>\[\]:"']|-(?=-)|(?<=-)-|\.(?=\.\.)|(?<=\.)\.(?=\.)|(?<=\.\.)\."""
)

# What starts an enumerated list ("1. ", "M. Hicham Mellati", "(a) ").
_ENUMERATOR: Final = re.compile(r"(?:\w+[.)]|\(\w+\))(?:\s|$)")


def escape(text: str) -> str:
    """``text`` as reST that renders verbatim, on one line, inside a paragraph or a title.

    Whitespace runs (newlines included) become one space; markup characters are escaped
    with a backslash, and so is a first character that could start a list (bulleted or
    enumerated), a field or a section underline.
    """
    text = " ".join(text.split())
    escaped = _MARKUP.sub(lambda match: "\\" + match.group(), text)
    starts_block = text and (not text[0].isalnum() or _ENUMERATOR.match(text))
    if starts_block and not escaped.startswith("\\"):
        escaped = "\\" + escaped
    return escaped


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in {"R", "AL"} for char in text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _human(code: object) -> str:
    return str(code).replace("_", " ")


def _date(date: PartialDate | None) -> str:
    """A date as the data writes it, with what its form means spelled out."""
    if date is None:
        return ""
    notes = [] if date.year is not None else ["year not stated"]
    notes += ["inferred, not stated by the source"] if date.inferred else []
    return f"``{date}``" + (f" ({'; '.join(notes)})" if notes else "")


def _span(start: PartialDate | None, end: PartialDate | None) -> str:
    if start is not None and end is not None and start != end:
        return f"{_date(start)} to {_date(end)}"
    if start is None and end is not None:
        return f"until {_date(end)}"
    return _date(start)


def _amount(value: decimal.Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


def _money(
    qualifier: records.Qualifier, currency: str | None, amount: decimal.Decimal | None
) -> str:
    if amount is None:
        return ""
    words = [] if qualifier == records.Qualifier.EXACT else [_human(qualifier)]
    return " ".join([*words, *filter(None, [currency]), _amount(amount)])


def _period_text(start: PartialDate | None, end: PartialDate | None) -> str:
    """A short plain-text period (for telling records with the same name apart)."""
    first, last = (str(d) if d else "" for d in (start, end))
    if first and last:
        return first if first == last else f"{first}-{last}"
    return first or (f"until {last}" if last else "")


def _base_label(record: Record, data: Dataset) -> str:
    """What the catalogue calls a record: its name, or a label made from its fields."""
    if isinstance(record, records.Funding):
        money = _money(record.qualifier, record.currency, record.amount)
        text = f"{money or 'Funding'} from {_short(data.get(record.donor))}"
        if record.recipient:
            text += f" to {_short(data.get(record.recipient))}"
        if record.programme:
            text += f" for {_short(data.get(record.programme))}"
        return text
    if isinstance(record, records.Statistic):
        value = _amount(record.value)
        if record.value is None and (record.low is not None or record.high is not None):
            value = f"{_amount(record.low) or '?'}-{_amount(record.high) or '?'}"
        qualifier = "" if record.qualifier == records.Qualifier.EXACT else _human(record.qualifier)
        figure = " ".join(filter(None, [qualifier, value, record.unit]))
        return f"{_human(record.indicator).capitalize()}: {figure}"
    if isinstance(record, records.Assessment):
        country = data.get(record.country).name
        return f"{country}, TIP Report {record.report_year}: {_human(record.tier).title()}"
    return record.name


def _short(record: Record) -> str:
    acronym = getattr(record, "acronym", None)
    return acronym if isinstance(acronym, str) else record.name


def _qualifier(record: Record, data: Dataset) -> str:
    """Words that tell a record from another of the same name: its country, its dates."""
    countries: tuple[str | None, ...] = ()
    period = ""
    if isinstance(record, records.Organization):
        countries = (record.country,)
    elif isinstance(record, records.Instrument):
        countries = (record.jurisdiction,)
        period = str(record.adopted or "")
    elif isinstance(record, records.Programme):
        countries, period = record.countries, _period_text(record.start, record.end)
    elif isinstance(record, records.Event):
        countries = (record.place.country if record.place else None,)
        period = _period_text(record.start, record.end)
    names = [data.get(country).name for country in countries if country]
    return ", ".join(filter(None, [*names, period]))


def record_labels(data: Dataset | None = None) -> dict[str, str]:
    """The label of every record, by ID: its name, made unique within its kind.

    Records of one kind that share a name get their country and dates in brackets, or
    their ID when that is not enough ("Ministry of Justice (Israel)").
    """
    data = data or mena_tip.dataset()
    base = {record.id: _base_label(record, data) for record in data}
    kinds = {record.id: records.record_kind(record.id) for record in data}
    seen = Counter((kinds[record_id], label) for record_id, label in base.items())
    labels = dict(base)
    for record in data:
        if seen[kinds[record.id], base[record.id]] > 1:
            qualifier = _qualifier(record, data)
            labels[record.id] = f"{base[record.id]} ({qualifier or record.id})"
    seen = Counter((kinds[record_id], label) for record_id, label in labels.items())
    for record_id, label in labels.items():
        if seen[kinds[record_id], label] > 1:
            labels[record_id] = f"{base[record_id]} ({record_id})"
    return labels


_FIELD_NAMES: Final = {
    "citations": "the record",
    "other_names": "other names",
    "posts": "posts",
    "participants": "participants",
    "related": "related events",
    "actions": "state actions",
    "absences": "absences",
    "claims": "claims",
}


class _Page:
    """One catalogue page being written: the labels and back-links, and the roles used."""

    def __init__(self, data: Dataset, labels: dict[str, str]) -> None:
        self.data = data
        self.labels = labels
        self.roles: dict[str, str] = {}
        self.referrers: dict[str, dict[str, None]] = defaultdict(dict)
        self.citers: dict[str, dict[str, None]] = defaultdict(dict)
        for record in data:
            for _, target, _ in records.references(record):
                if target != record.id:
                    self.referrers[target][record.id] = None
            for citation in records.citations(record):
                self.citers[citation.source][record.id] = None

    def ref(self, record_id: str) -> str:
        return f":ref:`{escape(self.labels[record_id])} <{record_id}>`"

    def text(self, text: str, language: str | None = None) -> str:
        """Escaped text, marked with its language and, if right-to-left, isolated."""
        # English is the pages' own language; other languages are marked.
        classes = [f"language-{language.lower()}"] if language and language != "en" else []
        classes += ["bidi"] if _rtl(text) else []
        if not classes:
            return escape(text)
        role = "-".join(["t", *(name.removeprefix("language-") for name in classes)])
        self.roles[role] = " ".join(classes)
        return f":{role}:`{escape(text)}`"

    def quote(self, text: str, language: str | None = None) -> str:
        return f"“{self.text(text, language)}”"

    # -- the parts of an entry

    def fields(self, record: Record) -> list[tuple[str, str]]:
        """The entry's field list: the ID, the kind and the record's own scalar fields."""
        fields = [("ID", f"``{record.id}``")]
        kind = getattr(record, "kind", None)
        if kind is not None:
            fields.append(("Kind", f"``{kind}``"))
        acronym = getattr(record, "acronym", None)
        if isinstance(acronym, str) and not isinstance(record, records.Country):
            fields.append(("Acronym", self.text(acronym)))
        fields += self._own_fields(record)
        paths = dict.fromkeys(path for path, _ in records.claims(record))
        if paths:
            disputed = ", ".join(f"``{path}``" for path in paths)
            fields.append(("Claims", f"sources disagree on {disputed}; see :doc:`/data/contested`"))
        return [(name, value) for name, value in fields if value]

    def _own_fields(self, record: Record) -> list[tuple[str, str]]:
        concerns = ", ".join(f"``{c}``" for c in getattr(record, "concerns", ()))
        if isinstance(record, records.Organization):
            return [("Founded", _date(record.founded))]
        if isinstance(record, records.Country):
            return [
                ("ISO 3166-1", f"``{record.alpha2}``, ``{record.alpha3}``"),
                ("Groupings", ", ".join(f"``{g}``" for g in record.groupings)),
            ]
        if isinstance(record, records.Event):
            return [
                ("Date", _span(record.start, record.end) or "not stated"),
                ("Place", self._place(record.place)),
                ("Pillars", ", ".join(f"``{p}``" for p in record.pillars)),
                ("Concerns", concerns),
            ]
        if isinstance(record, records.Programme):
            return [
                ("Period", _span(record.start, record.end)),
                ("Adopted", _date(record.adopted)),
                ("Launched", _date(record.launched)),
                ("Draft", "yes, not formally adopted" if record.draft else ""),
                ("Concerns", concerns),
            ]
        if isinstance(record, records.Instrument):
            return [
                ("Number", self.text(record.number or "")),
                ("Adopted", _date(record.adopted)),
                ("Promulgated", _date(record.promulgated)),
                ("Published", _date(record.published)),
                ("Amended", ", ".join(_date(date) for date in record.amended)),
                ("Concerns", concerns),
            ]
        if isinstance(record, records.Funding):
            return [
                ("Amount", _money(record.qualifier, record.currency, record.amount)),
                ("Date", _date(record.date)),
                ("Purpose", self.text(record.purpose or "")),
            ]
        if isinstance(record, records.Statistic):
            return self._statistic_fields(record)
        if isinstance(record, records.Source):
            return [
                ("Publisher", self.text(record.publisher)),
                ("Distributor", self.text(record.distributor or "")),
                (
                    "Secondary",
                    "yes, a re-post or copy"
                    + (
                        f" of {self.text(record.original_publisher)}'s text"
                        if record.original_publisher
                        else ""
                    )
                    if record.secondary
                    else "",
                ),
                ("Language", f"``{record.language}``"),
                ("Published", _date(record.published)),
                ("URL", _link(record.url) if record.url else ""),
                ("SHA-256", f"``{record.sha256}``" if record.sha256 else ""),
            ]
        if isinstance(record, records.Assessment):
            return [
                ("Report year", str(record.report_year)),
                ("Tier", f"``{record.tier}``"),
                ("Period", _span(record.period_from, record.period_until)),
                ("Secondary", "yes, rests only on a news summary" if record.secondary else ""),
                ("Inferred", "yes, implied by the source, not stated" if record.inferred else ""),
            ]
        return []

    def _place(self, place: records.Place | None) -> str:
        if place is None:
            return ""
        where = [self.text(text) for text in (place.venue, place.city) if text]
        return ", ".join(where + ([self.ref(place.country)] if place.country else []))

    def _statistic_fields(self, record: records.Statistic) -> list[tuple[str, str]]:
        value = _amount(record.value)
        if record.low is not None or record.high is not None:
            value += f" (range {_amount(record.low) or '?'} to {_amount(record.high) or '?'})"
        qualifier = "" if record.qualifier == records.Qualifier.EXACT else record.qualifier
        return [
            ("Indicator", f"``{record.indicator}``"),
            ("Value", " ".join(filter(None, [_human(qualifier), value.strip(), record.unit]))),
            ("Scope", f"``{record.scope}``"),
            ("Refers to", _span(record.refers_from, record.refers_until)),
            ("Reported", _date(record.reported)),
        ]

    def links(self, record: Record) -> list[str]:
        """Bullet items for every record this one refers to (citations' sources aside)."""
        items: list[tuple[str, str]] = []  # (target ID, item)
        single = {
            "country": "country",
            "parent": "part of",
            "established_by": "established by",
            "programme": "programme",
            "follows": "follows",
            "jurisdiction": "jurisdiction",
            "donor": "donor",
            "recipient": "recipient",
            "event": "event",
            "area": "area",
            "reported_by": "reported by",
        }
        plural = {"implementers": "implementer", "funders": "funder", "countries": "country"}
        for field in _fields(record):
            value = getattr(record, field)
            if field in single and isinstance(value, str) and value:
                name = single[field]
                if isinstance(record, records.Instrument) and field == "parent":
                    name = "supplements"
                items.append((value, f"{name}: {self.ref(value)}"))
            elif field in plural:
                items += [(target, f"{plural[field]}: {self.ref(target)}") for target in value]
        if isinstance(record, records.Event):
            if record.place and record.place.country:
                items.append((record.place.country, ""))  # in the Place field
            items += self._participants(record)
            for link in record.related:
                items.append((link.target, f"{_human(link.relation)}: {self.ref(link.target)}"))
        elif isinstance(record, records.Person):
            for post in record.posts:
                target = post.organization or ""
                where = f" at {self.ref(target)}" if target else " (no organization recorded)"
                when = ", ".join(_date(date) for date in post.attested)
                item = f"post: {self.quote(post.title)}{where}" + (", head" if post.head else "")
                item += "".join(
                    f"; {word} {_date(date)}"
                    for word, date in (("from", post.start), ("until", post.end))
                    if date
                )
                items.append((target, item + (f"; attested {when}" if when else "")))
            for rank in record.ranks:
                items.append(("", f"rank: {self.quote(rank.title)}"))
        elif isinstance(record, records.Instrument):
            for action in record.actions:
                item = f"{action.action} by {self.ref(action.country)}"
                item += f" on {_date(action.date)}" if action.date else ", date not stated"
                if action.reservation:
                    item += f"; reservation: {self.quote(action.reservation)}"
                items.append((action.country, item))
        listed = {target for target, _ in items}
        for field, target, _ in records.references(record):  # anything not handled above
            if target not in listed:
                items.append((target, f"{_human(field)}: {self.ref(target)}"))
        return [item for _, item in items if item]

    def _participants(self, event: records.Event) -> list[tuple[str, str]]:
        items = []
        for part in event.participants:
            item = f"{_human(part.role)}: {self.ref(part.participant)}"
            written = part.as_written
            named = written and written != self.data.get(part.participant).name
            details = [f"written {self.quote(written)}"] if written and named else []
            if part.on_behalf_of:
                details.append(f"on behalf of {self.ref(part.on_behalf_of)}")
            if part.group:
                example = ", named as an example" if part.example else ""
                details.append(f"one of {self.quote(part.group)}{example}")
            items.append((part.participant, item + (f" ({'; '.join(details)})" if details else "")))
            if part.on_behalf_of:
                items.append((part.on_behalf_of, ""))  # linked in the item above
        return items

    def names(self, record: Record) -> list[str]:
        return [
            f"{self.text(name.text, name.language)} ({_human(name.kind)}"
            + (f", ``{name.language}``)" if name.language else ", language not given)")
            for name in getattr(record, "other_names", ())
        ]

    def absences(self, record: Record) -> list[str]:
        if not isinstance(record, records.Country):
            return []
        return [
            f"``{absence.topic}``: a source states there is none"
            + (" (inferred from the source, not stated)" if absence.inferred else "")
            for absence in record.absences
        ]

    def _grouped(self, record_ids: Iterable[str]) -> list[str]:
        groups: dict[str, list[str]] = defaultdict(list)
        for record_id in record_ids:
            groups[records.record_kind(record_id)].append(record_id)
        return [
            f"{title}: " + ", ".join(self.ref(record_id) for record_id in groups[kind])
            for kind, _, title in CATALOGUE
            if groups[kind]
        ]

    def citations(self, record: Record) -> list[str]:
        """Each distinct citation in the record, with the parts of the record it supports."""
        parts: dict[records.Citation, dict[str, None]] = {}
        for field in _fields(record):
            for citation in records.citations(getattr(record, field)):
                parts.setdefault(citation, {})[_FIELD_NAMES.get(field, _human(field))] = None
        items = []
        for citation, supports in parts.items():
            where = (
                "" if citation.start is None else f", characters {citation.start}-{citation.end}"
            )
            source = self.data.get(citation.source)
            language = getattr(source, "language", None)
            excerpt = self.quote(citation.excerpt, None if language == "mul" else language)
            source_link = f":ref:`{citation.source} <{citation.source}>`"
            items.append(f"{source_link}{where}: {excerpt} (for {', '.join(supports)})")
        return items

    def entry(self, record: Record) -> list[str]:
        title = escape(self.labels[record.id])
        lines = [f".. _`{record.id}`:", "", title, "-" * _width(title), ""]
        lines += [f":{name}: {value}" for name, value in self.fields(record)]
        sections = [
            ("Other names", self.names(record)),
            ("Stated absences", self.absences(record)),
            ("Links", self.links(record)),
            ("Referred to by", self._grouped(self.referrers.get(record.id, {}))),
            ("Cited by", self._grouped(self.citers.get(record.id, {}))),
            ("Citations", self.citations(record)),
        ]
        for heading, items in sections:
            if items:
                lines += ["", f".. rubric:: {heading}", ""]
                lines += [f"- {item}" for item in items]
        return [*lines, ""]


def _fields(record: Record) -> list[str]:
    return [field.name for field in attrs.fields(cast(Any, type(record)))]


def _link(url: str) -> str:
    target = re.sub(r"[\\<>`]", lambda match: "\\" + match.group(), url)
    if target.endswith("_"):
        target = target[:-1] + "\\_"
    return f"`{escape(url)} <{target}>`__"


def _groups(record: Record, data: Dataset) -> list[str]:
    """What a record is counted under in its kind's summary table."""
    if isinstance(record, records.Event):
        return [_human(record.kind)]
    if isinstance(record, (records.Organization, records.Programme, records.Instrument)):
        return [_human(record.kind)]
    if isinstance(record, records.Person):
        return sorted(
            {_human(data.organization(p.organization).kind) for p in record.posts if p.organization}
        ) or ["no post at a body in the data"]
    if isinstance(record, records.Funding):
        return [data.get(record.donor).name]
    if isinstance(record, records.Statistic):
        return [_human(record.indicator)]
    if isinstance(record, records.Source):
        return [f"{_human(record.kind)} ({record.language})"]
    if isinstance(record, records.Assessment):
        return [_human(record.tier)]
    assert isinstance(record, records.Country)
    return [_human(g) for g in record.groupings] or ["no grouping"]


_SUMMARY: Final = {
    "event": "Kind",
    "organization": "Kind",
    "person": "Kind of body of their posts",
    "country": "Grouping",
    "programme": "Kind",
    "instrument": "Kind",
    "funding": "Donor",
    "statistic": "Indicator",
    "source": "Kind (language)",
    "assessment": "Tier",
}
"""The column each catalogue page's summary table counts records by."""


def summary_table(kind: str, data: Dataset | None = None) -> list[str]:
    """reST of a kind's summary table: how many records there are of each group."""
    data = data or mena_tip.dataset()
    counts: Counter[str] = Counter()
    for record in data:
        if records.record_kind(record.id) == kind:
            counts.update(_groups(record, data))
    rows = [
        [escape(group), str(n)] for group, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]
    return _list_table([_SUMMARY[kind], "Records"], rows, "80 20")


def catalogue_page(kind: str, data: Dataset | None = None) -> str:
    """reST for the catalogue page of one record kind (``"organization"``…): every record.

    Each record has a label named by its ID (``:ref:`organization:iom``` links to it), a
    heading, a field list and bullet lists of its other names, its links to other records,
    the records that refer to it or cite it, and its citations. Text in a language the
    data names is marked with it, and right-to-left text is isolated (see
    :data:`CATALOGUE_CSS`).
    """
    data = data or mena_tip.dataset()
    page = _Page(data, record_labels(data))
    selected = sorted(
        (record for record in data if records.record_kind(record.id) == kind),
        key=lambda record: record.id,
    )
    body: list[str] = []
    for record in selected:
        body += page.entry(record)
    noun = next(title for k, _, title in CATALOGUE if k == kind).lower()
    count = f"{len(selected)} {noun if len(selected) != 1 else kind}"
    head = [f"The data release ``{data.data_version}`` holds {count}, listed by ID.", ""]
    head += [".. rubric:: Summary", "", *summary_table(kind, data), ""]
    for role, classes in sorted(page.roles.items()):
        head += [f".. role:: {role}", f"   :class: {classes}", ""]
    head += [".. contents:: On this page", "   :local:", "   :depth: 1", "   :backlinks: none", ""]
    return "\n".join(head + body)


def catalogue(data: Dataset | None = None) -> dict[str, str]:
    """The reST of every catalogue page, by page name (``"organizations"``…)."""
    data = data or mena_tip.dataset()
    return {page: catalogue_page(kind, data) for kind, page, _ in CATALOGUE}


# -- figures -----------------------------------------------------------------------------
# Drawn with matplotlib's Agg canvas at a fixed size and resolution, without pyplot (no
# global state), so the same data gives the same PNG bytes.

FIGURE_DPI: Final = 150
FIGURE_WIDTH: Final = 10.5  # inches: shown about 940 pixels wide, the text stays legible
_NO_YEAR: Final = 2000  # a leap year on which dates without a year are placed, by month
_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_GREY: Final = "#8a8a8a"
_LABEL_SIZE: Final = 8.5  # points, of the network's labels


@attrs.frozen
class TimelineEvent:
    """An event as the timeline places it.

    ``lane`` is ``"dated"`` (its year is known), ``"no year"`` (a month or day without a
    year: ``first`` and ``last`` then fall in the year 2000, standing for any year) or
    ``"no date"``. ``first`` and ``last`` are the first and the last day the dates can mean.
    """

    id: str
    title: str
    lane: str
    first: datetime.date | None
    last: datetime.date | None
    when: str
    inferred: bool
    country: str | None
    detail: str
    kind: str = ""


def _day_text(date: PartialDate, with_year: bool = True) -> str:
    parts = [str(date.day) if date.day else "", _MONTHS[date.month - 1] if date.month else ""]
    parts.append(str(date.year) if date.year and with_year else "")
    return " ".join(filter(None, parts))


def when_text(start: PartialDate | None, end: PartialDate | None) -> str:
    """Dates in words, as precise as the data ("10-13 Jul 2023", "Apr 2024, inferred")."""
    if start is None:
        start, end = end, None
    if start is None:
        return "no date"
    text = _day_text(start)
    if end is not None and end != start:
        same_month = (start.year, start.month) == (end.year, end.month)
        if same_month and start.day and end.day:
            text = f"{start.day}-{_day_text(end)}"
        else:
            text = f"{_day_text(start, with_year=start.year != end.year)} - {_day_text(end)}"
    inferred = start.inferred or (end is not None and end.inferred)
    return text + (", inferred" if inferred else "")


def _no_year_range(
    start: PartialDate, end: PartialDate | None
) -> tuple[datetime.date, datetime.date]:
    month = start.month or 1
    first = datetime.date(_NO_YEAR, month, start.day or 1)
    last_date = end if end is not None and end.year is None and end.month else start
    last_month = last_date.month or 12
    last_day = last_date.day or calendar.monthrange(_NO_YEAR, last_month)[1]
    last = datetime.date(_NO_YEAR, last_month, last_day)
    return first, max(first, last)


def timeline_events(data: Dataset | None = None) -> list[TimelineEvent]:
    """Every event, placed: dated ones by date, then those without a year, then the rest."""
    data = data or mena_tip.dataset()
    placed = []
    for event in data.events():
        start = event.start or event.end
        end = event.end if event.start else None
        first = last = None
        if start is None:
            lane = "no date"
        elif start.year is None:
            lane = "no year"
            first, last = _no_year_range(start, end)
        else:
            lane = "dated"
            first = start.earliest
            last = end.latest if end is not None and end.latest else start.latest
            if first and last and last < first:
                last = start.latest
        place = event.place
        country = place.country if place else None
        where = ", ".join(
            filter(
                None, [place.city if place else None, data.get(country).name if country else None]
            )
        )
        detail = " · ".join(
            filter(None, [str(event.kind), where, ", ".join(map(str, event.pillars))])
        )
        placed.append(
            TimelineEvent(
                id=event.id,
                title=event.title,
                lane=lane,
                first=first,
                last=last,
                when=when_text(event.start, event.end),
                inferred=any(d is not None and d.inferred for d in (event.start, event.end)),
                country=country,
                detail=detail,
                kind=str(event.kind),
            )
        )
    lanes = {"dated": 0, "no year": 1, "no date": 2}
    return sorted(
        placed,
        key=lambda e: (
            lanes[e.lane],
            e.first or datetime.date.min,
            e.last or datetime.date.min,
            e.id,
        ),
    )


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _wrap(text: str, width: int, lines: int) -> str:
    """``text`` in at most ``lines`` lines of ``width`` characters, cut with an ellipsis."""
    wrapped = textwrap.wrap(text, width)
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(rest, width, placeholder=" …")]
    return "\n".join(wrapped)


# Event kinds in families, each with a colour: a cell of the timeline shows a few colours
# a reader can tell apart, not one per kind.
_FAMILIES: Final = (
    ("training", "#1f77b4", ("training",)),
    ("workshop, seminar or roundtable", "#2ca02c", ("workshop", "seminar", "roundtable")),
    ("conference, meeting or visit", "#ff7f0e", ("conference", "meeting", "visit")),
    (
        "launch, adoption, publication or opening",
        "#9467bd",
        ("launch", "adoption", "publication", "opening", "establishment", "handover"),
    ),
    ("agreement", "#d62728", ("agreement",)),
    ("awareness campaign", "#e377c2", ("campaign",)),
)
FAMILY: Final = {kind: family for family, _, kinds in _FAMILIES for kind in kinds}
"""The family of each event kind, as the timeline colours it."""
_FAMILY_COLOURS: Final = {family: colour for family, colour, _ in _FAMILIES}
_ELSEWHERE: Final = "Region-wide, several or not stated"
_PER_LINE: Final = 4  # events side by side in a cell of the timeline


def timeline_cells(
    data: Dataset | None = None,
) -> tuple[list[str], list[str], dict[tuple[str, str], list[TimelineEvent]]]:
    """The timeline's grid: its rows (country names, then one for events placed in no one
    country), its columns (every year from the first to the last, then "year not stated"
    and "no date"), and the events of each cell, in date order."""
    data = data or mena_tip.dataset()
    events = timeline_events(data)
    cells: dict[tuple[str, str], list[TimelineEvent]] = defaultdict(list)
    for event in events:
        row = data.get(event.country).name if event.country else _ELSEWHERE
        if event.lane == "dated":
            assert event.first is not None
            column = str(event.first.year)
        else:
            column = "year not stated" if event.lane == "no year" else "no date"
        cells[row, column].append(event)
    years = sorted({int(c) for _, c in cells if c.isdigit()})
    columns = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
    columns += ["year not stated", "no date"]
    rows = sorted({r for r, _ in cells if r != _ELSEWHERE})
    rows += [_ELSEWHERE] if any(r == _ELSEWHERE for r, _ in cells) else []
    return rows, columns, dict(cells)


def timeline_png(data: Dataset | None = None) -> bytes:
    """The timeline of events as a PNG: a grid of countries by years, each event a square.

    A row per country where events took place (and one for events placed in no one
    country), a column per year, then a column for events whose dates have no year and
    one for events without a date: no year is ever guessed. Each event is a square in its
    cell, coloured by the family of its kind, hollow when its date is inferred.
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    data = data or mena_tip.dataset()
    rows, columns, cells = timeline_cells(data)
    lines = {
        row: max((-(-len(cells.get((row, c), [])) // _PER_LINE) for c in columns), default=1)
        for row in rows
    }
    tops: dict[str, float] = {}
    top = 0.0
    for row in rows:
        tops[row] = top
        top += max(lines[row], 1) + 0.6
    inches = 0.16  # the height of a line of squares
    height = 1.9 + top * inches
    figure = Figure(figsize=(FIGURE_WIDTH, height))
    axis = figure.add_axes((0.2, 0.75 / height, 0.79, 1 - 2.0 / height))
    gap = 1.0  # between the years and the two undated columns
    xs = {c: i + (gap if not c.isdigit() else 0) for i, c in enumerate(columns)}
    axis.set_xlim(-0.05, len(columns) + gap)
    axis.set_ylim(top, 0)
    axis.set_axis_off()
    size = 1 / (_PER_LINE + 1)
    for index, row in enumerate(rows):
        band = max(lines[row], 1) + 0.6
        if index % 2 == 0:
            axis.add_patch(
                Rectangle(
                    (-0.05, tops[row]), len(columns) + gap + 0.05, band, color="#f2f2f2", lw=0
                )
            )
        axis.text(-0.15, tops[row] + band / 2, row, ha="right", va="center", fontsize=8)
        for column in columns:
            for n, event in enumerate(cells.get((row, column), [])):
                colour = _FAMILY_COLOURS[FAMILY[str(event.kind)]]
                x = xs[column] + size * (0.5 + n % _PER_LINE) + size / 4
                y = tops[row] + 0.3 + n // _PER_LINE + 0.1
                axis.add_patch(
                    Rectangle(
                        (x, y),
                        size * 0.8,
                        0.8,
                        facecolor="white" if event.inferred else colour,
                        edgecolor=colour,
                        linewidth=1.0,
                    )
                )
    for column in columns:
        axis.text(
            xs[column] + 0.5,
            -0.3,
            column if column.isdigit() else column.replace(" ", "\n", 1),
            ha="center",
            va="bottom",
            fontsize=7.5 if column.isdigit() else 7,
            rotation=0,
        )
        axis.plot([xs[column], xs[column]], [0, top], color="#d9d9d9", lw=0.6, zorder=0)
    handles = [
        Line2D([], [], marker="s", linestyle="", color=colour, markersize=7, label=family)
        for family, colour, _ in _FAMILIES
    ]
    handles.append(
        Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            color="#555555",
            markerfacecolor="white",
            markersize=7,
            label="date inferred, not stated",
        )
    )
    figure.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.005, 0.05 / height),
        ncol=4,
        fontsize=7.5,
        frameon=False,
    )
    count = sum(len(found) for found in cells.values())
    figure.suptitle(
        f"The {count} events in the mena-tip data {data.data_version}, by country and year",
        x=0.01,
        y=1 - 0.12 / height,
        ha="left",
        va="top",
        fontsize=12,
    )
    figure.text(
        0.01,
        1 - 0.45 / height,
        "Each square is an event, in the row of the country where it took place and the column "
        "of the year it began; events whose dates have no year,\nand those without a date, have "
        "columns of their own: no year is guessed.",
        fontsize=7.5,
        color="#555555",
        va="top",
    )
    return _png(figure)


def shared_items(data: Dataset | None = None) -> dict[str, tuple[str, ...]]:
    """The organizations of each event, programme and funding that has any, by item ID.

    An event's organizations took part in it in any role, themselves or through a person
    who represented them there (``on_behalf_of``); a programme's implement or fund it; a
    funding's give or receive it.
    """
    data = data or mena_tip.dataset()
    found: dict[str, list[str | None]] = {}
    for event in data.events():
        found[event.id] = [p.participant for p in event.participants]
        found[event.id] += [p.on_behalf_of for p in event.participants]
    for programme in data.programmes():
        found[programme.id] = [*programme.implementers, *programme.funders]
    for funding in data.fundings():
        found[funding.id] = [funding.donor, funding.recipient]
    items = {
        item: tuple(sorted({o for o in ids if o and records.record_kind(o) == "organization"}))
        for item, ids in sorted(found.items())
    }
    return {item: orgs for item, orgs in items.items() if orgs}


def organization_links(data: Dataset | None = None) -> dict[tuple[str, str], tuple[str, ...]]:
    """The items each pair of organizations shares, for every pair that shares any."""
    links: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item, orgs in shared_items(data).items():
        for pair in itertools.combinations(orgs, 2):
            links[pair].append(item)
    return {pair: tuple(items) for pair, items in sorted(links.items())}


_NATIONAL: Final = frozenset(
    {
        records.OrganizationKind.MINISTRY,
        records.OrganizationKind.GOVERNMENT_BODY,
        records.OrganizationKind.NATIONAL_COORDINATING_BODY,
    }
)


def _national(organization: records.Organization, data: Dataset, label: str) -> str:
    """A national body's label with its country, unless the label already names it: the
    network shows many a "Ministry of Justice" and "National Committee"."""
    if organization.kind not in _NATIONAL or organization.country is None:
        return label
    country = data.get(organization.country).name
    return label if country in label else f"{label} ({country})"


def _network_names(organizations: dict[str, records.Organization], data: Dataset) -> dict[str, str]:
    """The network's names of its organizations: catalogue labels (made once: making them
    labels every record) with the country of national bodies."""
    labels = record_labels(data)
    return {node: _national(org, data, labels[node]) for node, org in organizations.items()}


NETWORK_SIZE: Final = 30
"""How many organizations the network figure draws: the best-connected ones."""


def connections(data: Dataset | None = None) -> dict[str, tuple[int, int]]:
    """For each organization that shares an item with another: how many items it shares
    and with how many organizations, best-connected first (most items, then most
    partners, then by ID)."""
    items: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    for (first, second), shared in organization_links(data).items():
        items[first].update(shared)
        items[second].update(shared)
        partners[first].add(second)
        partners[second].add(first)
    ranked = sorted(items, key=lambda org: (-len(items[org]), -len(partners[org]), org))
    return {org: (len(items[org]), len(partners[org])) for org in ranked}


def network_nodes(data: Dataset | None = None) -> list[str]:
    """The organizations the network figure draws (:data:`NETWORK_SIZE` at most)."""
    return sorted(list(connections(data))[:NETWORK_SIZE])


def _node_label(
    organization: records.Organization, data: Dataset, taken: Counter[str], name: str
) -> str:
    """A short label: the acronym (with its parent's, for a unit), else ``name`` (the
    catalogue's label, which tells apart bodies of one name by their country), wrapped."""
    acronym = organization.acronym
    if acronym and taken[acronym] == 1:
        parent = data.get(organization.parent) if organization.parent else None
        prefix = getattr(parent, "acronym", None)
        if isinstance(prefix, str) and prefix not in acronym:
            return f"{prefix} {acronym}"
        return acronym
    return _wrap(name, 24, 4)


def _tint(colour: str, amount: float = 0.65) -> tuple[float, float, float]:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (red + (1 - red) * amount, green + (1 - green) * amount, blue + (1 - blue) * amount)


# A colour for each organization kind, in the code list's order, so a kind keeps its colour.
_KIND_COLOURS: Final = dict(
    zip(
        records.OrganizationKind,
        [
            "#1f77b4",
            "#17becf",
            "#ff7f0e",
            "#d62728",
            "#9467bd",
            "#8c564b",
            "#e377c2",
            "#2ca02c",
            "#bcbd22",
            "#7f7f7f",
            "#393b79",
            "#e7ba52",
            "#637939",
            "#843c39",
        ],
        strict=True,
    )
)


def _separate(
    boxes: list[list[float]], aspect: float, gap: float = 0.01, rounds: int = 2000
) -> None:
    """Move boxes ``[x, y, width, height]`` (centres, in a unit square) until none overlap.

    Each overlapping pair is pushed apart, half each, along the direction in which they
    overlap least (``aspect`` is the square's width over its height); boxes stay inside
    the square. Deterministic: the same boxes end in the same places.
    """
    for _ in range(rounds):
        moved = False
        for first, second in itertools.combinations(boxes, 2):
            dx, dy = second[0] - first[0], second[1] - first[1]
            over_x = (first[2] + second[2]) / 2 + gap - abs(dx)
            over_y = (first[3] + second[3]) / 2 + gap * aspect - abs(dy)
            if over_x <= 0 or over_y <= 0:
                continue
            moved = True
            if over_x * aspect < over_y:
                step = over_x / 2 if dx >= 0 else -over_x / 2
                first[0], second[0] = first[0] - step, second[0] + step
            else:
                step = over_y / 2 if dy >= 0 else -over_y / 2
                first[1], second[1] = first[1] - step, second[1] + step
        for box in boxes:
            box[0] = min(max(box[0], box[2] / 2), 1 - box[2] / 2)
            box[1] = min(max(box[1], box[3] / 2), 1 - box[3] / 2)
        if not moved:
            return


def network_png(data: Dataset | None = None, seed: int = 1, spread: float = 1.0) -> bytes:
    """The network of organizations as a PNG: an edge joins two organizations that share an
    event, a programme or a funding, and is wider the more items they share.

    Each organization is a label coloured by its kind; the layout is networkx's spring
    layout, weighted by shared items, with a fixed seed.
    """
    import networkx as nx
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    data = data or mena_tip.dataset()
    nodes = network_nodes(data)
    drawn = set(nodes)
    links = {
        pair: items
        for pair, items in organization_links(data).items()
        if pair[0] in drawn and pair[1] in drawn
    }
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b), shared in links.items():
        graph.add_edge(a, b, weight=len(shared))
    k = spread / max(len(nodes), 1) ** 0.5
    positions: dict[str, Any] = nx.spring_layout(
        graph, weight="weight", seed=seed, k=k, iterations=500
    )
    organizations = {node: data.organization(node) for node in nodes}
    names = _network_names(organizations, data)
    taken = Counter(o.acronym for o in organizations.values() if o.acronym)
    kinds = [
        k for k in records.OrganizationKind if any(o.kind == k for o in organizations.values())
    ]
    colour = {kind: _KIND_COLOURS.get(kind, _GREY) for kind in kinds}
    figure = Figure(figsize=(FIGURE_WIDTH, 8.0), dpi=FIGURE_DPI)
    FigureCanvasAgg(figure)  # the Agg canvas measures the labels
    axis = figure.add_axes((0.01, 0.11, 0.98, 0.8))
    axis.set_axis_off()
    axis.set_xlim(0, 1)
    axis.set_ylim(0, 1)
    labels = {}
    for node in nodes:
        kind = organizations[node].kind
        labels[node] = axis.text(
            0.5,
            0.5,
            _node_label(organizations[node], data, taken, names[node]),
            fontsize=_LABEL_SIZE,
            ha="center",
            va="center",
            zorder=3,
            linespacing=1.0,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": _tint(colour[kind]),
                "edgecolor": colour[kind],
                "linewidth": 1.2,
            },
        )
    # Spread the layout over the axes, then move labels apart until none overlap.
    frame = axis.get_window_extent()
    pad = 2 * 0.3 * _LABEL_SIZE * FIGURE_DPI / 72 + 2
    boxes = []
    xs = [float(positions[node][0]) for node in nodes] or [0.0]
    ys = [float(positions[node][1]) for node in nodes] or [0.0]
    for node in nodes:
        extent = labels[node].get_window_extent()
        width, height = (extent.width + pad) / frame.width, (extent.height + pad) / frame.height
        x = (float(positions[node][0]) - min(xs)) / ((max(xs) - min(xs)) or 1)
        y = (float(positions[node][1]) - min(ys)) / ((max(ys) - min(ys)) or 1)
        boxes.append([width / 2 + x * (1 - width), height / 2 + y * (1 - height), width, height])
    _separate(boxes, aspect=frame.width / frame.height)
    placed = {node: (box[0], box[1]) for node, box in zip(nodes, boxes, strict=True)}
    for node in nodes:
        labels[node].set_position(placed[node])
    most = max(map(len, links.values()), default=1)
    # Wider the more items two share, by the square root so that the busiest pairs stay lines.
    widths = {w: 0.5 + 1.6 * (w - 1) ** 0.5 for w in range(1, most + 1)}
    for (a, b), shared in links.items():
        (x1, y1), (x2, y2) = placed[a], placed[b]
        axis.plot(
            [x1, x2],
            [y1, y2],
            color="#555555",
            linewidth=widths[len(shared)],
            alpha=0.3 if len(shared) == 1 else 0.6,
            zorder=1,
            solid_capstyle="round",
        )
    handles: list[Artist] = [
        Patch(facecolor=_tint(colour[kind]), edgecolor=colour[kind], label=_human(kind))
        for kind in kinds
    ]
    handles += [
        Line2D(
            [],
            [],
            color="#555555",
            alpha=0.3 if w == 1 else 0.6,
            linewidth=width,
            label=f"{w} shared item{'s' if w > 1 else ''}",
        )
        for w, width in widths.items()
        if w in {1, 2, 5, most} or (w % 10 == 0)
    ]
    figure.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.01, 0.0),
        ncol=5,
        fontsize=8,
        frameon=False,
    )
    figure.suptitle(
        f"The {len(nodes)} organizations in the mena-tip data {data.data_version} that share "
        "the most events, programmes and fundings",
        x=0.01,
        y=0.985,
        ha="left",
        va="top",
        fontsize=12,
    )
    return _png(figure)


FIGURES: Final = {
    "timeline": "figures/events-timeline.png",
    "network": "figures/organization-network.png",
}
"""The figures' files, under the generated folder."""


def _refs(page: _Page, record_ids: Iterable[str]) -> str:
    return ", ".join(page.ref(record_id) for record_id in record_ids) or "none"


def figures_page(data: Dataset | None = None) -> str:
    """reST for the figures page: each figure with a caption that says what it leaves out,
    and tables of what the figures summarize (the events of each year and country, the
    organizations the network leaves out)."""
    data = data or mena_tip.dataset()
    page = _Page(data, record_labels(data))
    events = timeline_events(data)
    rows, columns, cells = timeline_cells(data)
    no_year = [e.id for e in events if e.lane == "no year"]
    no_date = [e.id for e in events if e.lane == "no date"]
    inferred = [e.id for e in events if e.inferred]
    items = shared_items(data)
    ranked = connections(data)
    shown = network_nodes(data)
    organizations = [r for r in data if isinstance(r, records.Organization)]
    taken = Counter(o.acronym for o in organizations if o.id in shown and o.acronym)
    short = [
        (label, o.id)
        for o in organizations
        if o.id in shown
        and (label := _node_label(o, data, taken, _national(o, data, page.labels[o.id])))
        != _wrap(o.name, 24, 4)
    ]
    kinds = Counter(records.record_kind(item) for item in items if len(items[item]) > 1)
    pairs = [(o.id, o.parent) for o in organizations if o.id in shown and o.parent in shown]
    units = (
        "An organization and one it is part of are two nodes, joined only by the items they "
        "share: "
        + "; ".join(f"{page.ref(unit)} (part of {page.ref(str(whole))})" for unit, whole in pairs)
        + ". "
        if pairs
        else ""
    )
    counted = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items()))
    families = "; ".join(
        f"{family}: {', '.join(f'``{k}``' for k in kinds_of)}" for family, _, kinds_of in _FAMILIES
    )
    lines = [
        f".. figure:: /_generated/{FIGURES['timeline']}",
        f"   :alt: A grid of the {len(events)} events in the data by country and year, one "
        "square per event, with columns for events without a year or a date.",
        "   :width: 100%",
        "",
        f"   The {len(events)} events of the data release ``{data.data_version}``, a square "
        "each, in the row of the country where it took place and the column of the year it "
        "began, coloured by the family of its kind. Generated from the bundled data when the "
        "documentation is built.",
        "",
        "   Dates are never completed by guesswork: events whose dates have no year "
        f"({len(no_year)}) have a column of their own, and so do events without any date "
        f"({len(no_date)}); both are listed below. Hollow squares mark dates inferred rather "
        f"than stated ({len(inferred)} events). Events in several countries, region-wide or "
        f"in no stated place are in the row {_ELSEWHERE.lower()!r}. The families: {families}.",
        "",
        ".. rubric:: Events whose dates have no year",
        "",
        *[f"- {page.ref(event)}" for event in no_year],
        "",
        ".. rubric:: Events without a date",
        "",
        *[f"- {page.ref(event)}" for event in no_date],
        "",
        ".. rubric:: Events by country and year",
        "",
        *_list_table(
            ["Country", "Events", "By year"],
            [
                [
                    escape(row),
                    str(sum(len(cells.get((row, c), [])) for c in columns)),
                    ", ".join(f"{c}: {len(cells[row, c])}" for c in columns if (row, c) in cells),
                ]
                for row in rows
            ],
            "25 10 65",
        ),
        "",
        f".. figure:: /_generated/{FIGURES['network']}",
        f"   :alt: A network of the {len(shown)} best-connected organizations, joined where "
        "they share an event, a programme or a funding.",
        "   :width: 100%",
        "",
        f"   The {len(shown)} best-connected organizations (of the {len(ranked)} that share "
        f"an item with another, and {len(organizations)} in the data): those that share the "
        "most events, programmes and fundings with others. A line joins two that share an "
        "item and is wider the more items they share; colours are their kind. Generated from "
        "the bundled data when the documentation is built.",
        "",
        f"   The items shared are {counted}. An organization shares an event it took part in, "
        "in any role, itself or through a person who represented it there; a programme it "
        "implements or funds; a funding it gives or receives. Sharing an item says that both "
        "took part in it, not that they worked together. "
        + units
        + "The layout is a force-directed layout with a fixed seed: distances are not "
        "measurements.",
        "",
        "   Labels: "
        + "; ".join(f"{escape(label)}: {page.ref(org)}" for label, org in sorted(short))
        + ".",
        "",
    ]
    rest = [org for org in ranked if org not in shown]
    if rest:
        lines += [
            ".. rubric:: Organizations the network leaves out",
            "",
            f"The {len(rest)} other organizations that share an item with another, best "
            "connected first.",
            "",
            *_list_table(
                ["Organization", "Items shared", "With organizations"],
                [[page.ref(org), str(ranked[org][0]), str(ranked[org][1])] for org in rest],
                "60 20 20",
            ),
            "",
        ]
    head = [
        f".. role:: {role}\n   :class: {classes}\n" for role, classes in sorted(page.roles.items())
    ]
    return "\n".join(head + lines)


# -- linking quality ---------------------------------------------------------------------------


def linking_page(data: Dataset | None = None) -> str:
    """reST for the evaluation of ``mentions()`` (bench/linking.py): recall and precision
    per language, the misses by class, and every miss and wrong link."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "linking.py"
    spec = importlib.util.spec_from_file_location("linking", path)
    assert spec is not None
    assert spec.loader is not None
    linking = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(linking)
    data = data or mena_tip.dataset()
    corpus = linking.load()
    results = {"the page's country": linking.score(data, corpus)}
    results["the text alone"] = linking.score(data, corpus, context=False)
    rows = []
    for code, language in linking.LANGUAGES.items():
        for label, result in results.items():
            tally = result["counts"][code]
            met = min(tally["recall"], tally["precision"]) >= linking.BARS[code]
            rows.append(
                [
                    language,
                    str(tally["texts"]),
                    str(int(tally["gold"])),
                    label,
                    f"{tally['recall']:.3f} ({int(tally['found'])}/{int(tally['gold'])})",
                    f"{tally['precision']:.3f} "
                    f"({int(tally['right'])}/{int(tally['right'] + tally['wrong'])})",
                    f"{linking.BARS[code]} ({'met' if met else 'missed'})",
                ]
            )
    header = ["Language", "Texts", "Gold", "Context", "Recall", "Precision", "Bar"]
    lines = _list_table(header, rows)
    best = results["the page's country"]
    lines += ["Misses by class", "---------------", ""]
    classes = [
        [
            language,
            str(int(best["counts"][code]["known"])),
            str(int(best["counts"][code]["unknown"])),
            str(int(best["counts"][code]["undecided"])),
        ]
        for code, language in linking.LANGUAGES.items()
    ]
    lines += _list_table(
        ["Language", "A name the data holds", "A wording the data lacks", "Undecided, right"],
        classes,
    )
    lines += ["Every miss", "----------", ""]
    misses = [[m["key"], m["text"], f"``{m['id']}``", m["found"]] for m in best["misses"]]
    lines += _list_table(["Page / quote", "Text", "Meant", "Found"], misses, "30 25 25 20")
    lines += ["Every wrong link", "----------------", ""]
    wrong = [[w["key"], w["text"], f"``{w['id']}``", w["meant"]] for w in best["wrong"]]
    lines += _list_table(["Page / quote", "Text", "Linked", "Meant"], wrong, "30 20 25 25")
    return "\n".join(lines)
