"""Exports in the formats other tools read: pandas DataFrames, CSV tables, a Data Package.

Every table has one column per field, in the record's field order, and one row per
record, by ID. Cells hold the JSON form of the field (see :mod:`mena_tip._convert`):
codes as their code, partial dates as their ISO string (``2024-05``, ``--05-16``,
``2024?``), amounts and figures as exact decimal strings, booleans as ``true`` or
``false``. Nested parts and tuples are compact JSON text, the form
:func:`~mena_tip.to_dict` gives them (defaults omitted), so they read back exactly. An
empty cell is no value; a text field holding the empty string cannot be written, since
its cell could not be told from no value.

Beside the tables of record kinds (the file stems of the bundle), the register, and link
tables derived for analysts, one row per part of a record: who took part in each event,
who held which post, what each state did toward each instrument, every other name, and
every citation with its place in the record. Reading takes back the record tables and
the register and ignores the link tables, which add nothing the records lack.
"""

from __future__ import annotations

import csv
import decimal
import json
import os
import typing
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import _checks
from ._bundle import PLURALS, RegisterEntry, dumps
from ._convert import converter, form
from ._dataset import Dataset
from .dates import PartialDate
from .errors import DataError, shown
from .records import (
    KINDS,
    RECORD_TYPES,
    Citation,
    Code,
    Event,
    IdentifierScheme,
    Instrument,
    NameKind,
    Person,
    Post,
    Record,
    Role,
    StateActionKind,
    record_kind,
    refers,
)

if TYPE_CHECKING:
    import pandas

__all__ = ["read_csv", "read_datapackage", "to_frame", "write_csv", "write_datapackage"]

Cell = str | int | bool | decimal.Decimal | None
"""A cell's value: text, a whole number, a boolean, an exact decimal, or no value."""

PACKAGE: Final = "datapackage.json"
"""The Data Package descriptor's file name."""

DIALECT: Final = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
    "header": True,
}
"""The CSV dialect of every table (RFC 4180), stated so that readers need not guess it."""
_BOOLEANS: Final = {"true": True, "True": True, "TRUE": True, "1": True} | {
    "false": False,
    "False": False,
    "FALSE": False,
    "0": False,
}


@attrs.frozen
class Column:
    """A column of an exported table, and its Table Schema field."""

    name: str
    type: str  #: the Table Schema type: string, integer, boolean, number, array or object
    required: bool = False
    description: str | None = None
    codes: tuple[str, ...] = ()
    pattern: str | None = None
    refers: str | None = None  #: the table whose ``id`` every value is (a foreign key)

    def field(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        found: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.description:
            found["description"] = self.description
        constraints: dict[str, Any] = {"required": True} if self.required else {}
        if self.codes:
            constraints["enum"] = list(self.codes)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if constraints:
            found["constraints"] = constraints
        return found


@attrs.frozen
class Content:
    """What a dataset exports: its records of each kind and its register, by ID."""

    records: Mapping[str, tuple[Record, ...]]
    register: tuple[RegisterEntry, ...]

    @classmethod
    def of(cls, dataset: Dataset) -> Content:
        """The content of a dataset."""
        found: dict[str, list[Record]] = {kind: [] for kind in KINDS}
        for record in dataset:
            found[record.KIND].append(record)
        return cls(
            {kind: tuple(sorted(records, key=lambda r: r.id)) for kind, records in found.items()},
            tuple(sorted(dataset.register, key=lambda entry: entry.id)),
        )


Rows = Callable[[Content], Iterator[tuple[Cell, ...]]]


@attrs.frozen
class Table:
    """An exported table: its name (the file stem and resource name), columns and rows."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Rows

    def resource(self) -> dict[str, Any]:
        """The Data Package resource descriptor, with its Table Schema."""
        schema: dict[str, Any] = {
            "fields": [column.field() for column in self.columns],
            "missingValues": [""],
        }
        if self.columns[0].name == "id":
            schema["primaryKey"] = ["id"]
        foreign = [
            {
                "fields": [column.name],
                "reference": {
                    "resource": "" if column.refers == self.name else column.refers,
                    "fields": ["id"],
                },
            }
            for column in self.columns
            if column.refers
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        return {
            "name": self.name,
            "path": f"{self.name}.csv",
            "profile": "tabular-data-resource",
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": DIALECT,
            "schema": schema,
        }


# -- cells -------------------------------------------------------------------------------


def _json(value: object) -> str:
    return json.dumps(converter.unstructure(value), ensure_ascii=False, separators=(",", ":"))


def _cell(value: object) -> Cell:
    """The cell of a field's value: its JSON form (see :mod:`mena_tip._convert`), nested
    values as JSON text, and decimals as numbers."""
    if isinstance(value, decimal.Decimal):
        return value
    found = converter.unstructure(value)
    if isinstance(found, (list, dict)):
        return json.dumps(found, ensure_ascii=False, separators=(",", ":"))
    return typing.cast(Cell, found)


def _cell_text(value: Cell) -> str:
    """A cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _read_cell(text: str, column: Column) -> object:
    """The JSON form of a CSV cell: what :func:`~mena_tip.from_dict` takes."""
    if column.type == "integer":
        return int(text)
    if column.type == "boolean":
        return _BOOLEANS[text]
    if column.type in ("array", "object"):
        return json.loads(text)
    return text


# -- tables ------------------------------------------------------------------------------


def _items_described(item: Any) -> str:
    """What the items of an array column are."""
    found = form(item)
    if found.json == "object":
        return _part(item, "objects")
    if found.codes:
        return f"codes ({', '.join(found.codes)})"
    if found.name == "PartialDate":
        return "partial dates (as in the date columns)"
    return "record IDs"


def _part(part: Any, noun: str) -> str:
    names = ", ".join(field.name for field in attrs.fields(part))
    return f"{part.__name__} {noun} with the fields {names}, defaults omitted"


def _field_column(kind: type[Any], field: attrs.Attribute[Any], hint: Any) -> Column:
    """The column of a record field, from the converter's JSON form of its type and the
    field's declarations (the kinds it refers to, its validator's rule)."""
    found = form(hint)
    kinds = refers(field)
    rule = getattr(field.validator, "constraints", None)
    pattern = rule(kind).get("pattern") if rule is not None else None
    description = found.cell_description
    if found.json == "array":
        description = f"A JSON array of {_items_described(found.item)}."
    elif found.json == "object":
        part = next(arm for arm in (hint, *typing.get_args(hint)) if attrs.has(arm))
        description = f"A JSON object: {_part(part, 'part')}."
    return Column(
        field.name,
        found.cell,
        required=not found.optional,
        description=description,
        codes=found.codes,
        pattern=(typing.cast("str | None", pattern) or found.pattern)
        if found.cell == "string"
        else None,
        # A foreign key where every value refers to one table.
        refers=KINDS[next(iter(kinds))].KIND.plural
        if kinds is not None and len(kinds) == 1 and found.json == "string"
        else None,
    )


def _part_column(part: type[Any], name: str) -> Column:
    """The column of a field of a part, as it would be of a record."""
    field = getattr(attrs.fields(part), name)
    return _field_column(part, field, typing.get_type_hints(part)[name])


def _record_rows(kind: str) -> Rows:
    def rows(content: Content) -> Iterator[tuple[Cell, ...]]:
        for record in content.records[kind]:
            yield tuple(_cell(getattr(record, field.name)) for field in attrs.fields(type(record)))

    return rows


def _record_table(kind: str) -> Table:
    made = KINDS[kind]
    hints = typing.get_type_hints(made)
    columns = tuple(_field_column(made, f, hints[f.name]) for f in attrs.fields(made))
    return Table(
        PLURALS[kind],
        f"One row per {kind} record, by ID; a column per field of "
        f"mena_tip.records.{made.__name__}, in its order.",
        columns,
        _record_rows(kind),
    )


def _register_rows(content: Content) -> Iterator[tuple[Cell, ...]]:
    for entry in content.register:
        yield (entry.id, entry.since, entry.status, entry.target, entry.release, entry.reason)


def _participants(content: Content) -> Iterator[tuple[Cell, ...]]:
    for event in typing.cast("tuple[Event, ...]", content.records["event"]):
        for part in event.participants:
            yield (
                event.id,
                part.participant,
                record_kind(part.participant),
                part.role.value,
                part.on_behalf_of,
                part.as_written,
                part.group,
                part.example,
            )


def _posts(content: Content) -> Iterator[tuple[Cell, ...]]:
    for person in typing.cast("tuple[Person, ...]", content.records["person"]):
        for post in person.posts:
            yield (
                person.id,
                post.organization,
                post.title,
                _json(post.attested),
                _cell(post.start),
                _cell(post.end),
                post.head,
            )


def _actions(content: Content) -> Iterator[tuple[Cell, ...]]:
    for instrument in typing.cast("tuple[Instrument, ...]", content.records["instrument"]):
        for action in instrument.actions:
            yield (
                instrument.id,
                action.country,
                action.action.value,
                _cell(action.date),
                action.reservation,
            )


def _names(content: Content) -> Iterator[tuple[Cell, ...]]:
    for kind in KINDS:
        for record in content.records[kind]:
            for name in getattr(record, "other_names", ()):
                yield (record.id, name.text, name.kind.value, name.language)


def _identifier_rows(kind: str) -> Rows:
    def rows(content: Content) -> Iterator[tuple[Cell, ...]]:
        for record in content.records[kind]:
            for found in getattr(record, "identifiers", ()):
                yield (record.id, found.scheme.value, found.value, found.key)

    return rows


def _identifier_table(kind: str) -> Table:
    """The identifiers of one kind's records: a link table with a foreign key to it."""
    return Table(
        f"{kind}_identifiers",
        f"Derived: one row per identifier of a {kind} in another dataset (Wikidata, ISO "
        "3166-1 numeric, M49), the preferred one where sources disagree.",
        (
            _id(kind, kind),
            _code_column("scheme", IdentifierScheme),
            Column("value", "string", required=True, description="As the scheme writes it."),
            Column(
                "key",
                "string",
                required=True,
                description="scheme:value, a key that lookups take (wikidata:Q472311).",
            ),
        ),
        _identifier_rows(kind),
    )


def _cited(value: object, path: str) -> Iterator[tuple[str, Citation]]:
    """Every citation in a value, with its path in the value's JSON form."""
    if isinstance(value, Citation):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _cited(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(typing.cast("Any", type(value))):
            yield from _cited(getattr(value, field.name), f"{path}.{field.name}".lstrip("."))


def _citations(content: Content) -> Iterator[tuple[Cell, ...]]:
    for kind in KINDS:
        for record in content.records[kind]:
            for path, found in _cited(record, ""):
                yield (record.id, path, found.source, found.excerpt, found.start, found.end)


def _id(name: str, refers: str | None = None, required: bool = True) -> Column:
    return Column(name, "string", required=required, refers=refers and PLURALS[refers])


def _code_column(name: str, codes: type[Code], required: bool = True) -> Column:
    return Column(name, "string", required=required, codes=tuple(c.value for c in codes))


_STATUSES: Final = typing.get_args(typing.get_type_hints(RegisterEntry)["status"])
_OWNER = "The ID of the record the row belongs to."

TABLES: Final[Mapping[str, Table]] = {
    table.name: table
    for table in (
        *(_record_table(kind) for kind in KINDS),
        Table(
            "register",
            "Every ID the release publishes: active, redirected to another ID, or withdrawn.",
            (
                Column("id", "string", required=True),
                Column("since", "string", required=True),
                Column("status", "string", required=True, codes=_STATUSES),
                Column("target", "string", description="The ID a redirect leads to."),
                Column("release", "string", description="The release that redirected it."),
                Column("reason", "string"),
            ),
            _register_rows,
        ),
        Table(
            "event_participants",
            "Derived: one row per participation in an event, in the event's order.",
            (
                _id("event", "event"),
                Column("participant", "string", required=True, description="An ID."),
                Column(
                    "participant_kind",
                    "string",
                    required=True,
                    codes=("organization", "person", "country"),
                ),
                _code_column("role", Role),
                Column("on_behalf_of", "string", description="An organization or country ID."),
                Column("as_written", "string", description="The name as the source wrote it."),
                Column("group", "string", description="The group the source names it in."),
                Column(
                    "example",
                    "boolean",
                    required=True,
                    description="Whether the source names it as an example of its group.",
                ),
            ),
            _participants,
        ),
        Table(
            "person_posts",
            "Derived: one row per post a person held, in the person's order.",
            (
                _id("person", "person"),
                _id("organization", "organization", required=False),
                Column("title", "string", required=True),
                Column(
                    "attested",
                    "array",
                    required=True,
                    description=f"A JSON array of {_items_described(PartialDate)}: when "
                    "sources show the person in the post (not a term of office).",
                ),
                *(_part_column(Post, name) for name in ("start", "end", "head")),
            ),
            _posts,
        ),
        Table(
            "instrument_actions",
            "Derived: one row per state's action on an instrument (signed, ratified…).",
            (
                _id("instrument", "instrument"),
                _id("country", "country"),
                _code_column("action", StateActionKind),
                Column(
                    "date",
                    "string",
                    pattern=form(PartialDate).pattern,
                    description=form(PartialDate).cell_description,
                ),
                Column("reservation", "string"),
            ),
            _actions,
        ),
        Table(
            "names",
            "Derived: one row per other name of a record (the name itself is in its table).",
            (
                Column("record", "string", required=True, description=_OWNER),
                Column("text", "string", required=True),
                _code_column("kind", NameKind),
                Column("language", "string", description="A BCP 47 language tag."),
            ),
            _names,
        ),
        *(
            _identifier_table(kind)
            for kind, made in KINDS.items()
            if "identifiers" in attrs.fields_dict(made)
        ),
        Table(
            "citations",
            "Derived: one row per citation in a record, its parts' citations included.",
            (
                Column("record", "string", required=True, description=_OWNER),
                Column(
                    "path",
                    "string",
                    required=True,
                    description="Where the citation is in the record's JSON form, such as "
                    "citations[0] or participants[2].citations[0].",
                ),
                _id("source", "source"),
                Column("excerpt", "string", required=True),
                Column("start", "integer", description="The excerpt's offset in the text."),
                Column("end", "integer", description="The offset after the excerpt."),
            ),
            _citations,
        ),
    )
}
"""Every exported table by name: the record tables, the register, then the link tables."""

_NAMES: Final[Mapping[object, str]] = {
    **{name: name for name in TABLES},
    **{kind: PLURALS[kind] for kind in KINDS},
    **{made: PLURALS[made.KIND] for made in RECORD_TYPES},
}


def _table_named(kind: str | type[Record]) -> Table:
    name = _NAMES.get(kind) if isinstance(kind, (str, type)) else None
    if not isinstance(name, str):
        raise ValueError(
            f"kind={shown(kind)} is neither a record kind nor an exported table; expected one of "
            f"{', '.join(KINDS)}, a record class, or a table: {', '.join(TABLES)}"
        )
    return TABLES[name]


# -- pandas ------------------------------------------------------------------------------

# The pandas dtype of each Table Schema type: nullable integers, exact decimals (objects),
# and the pandas string dtype (missing values are pandas.NA) for text and JSON text.
_DTYPES: Final = {"integer": "Int64", "boolean": "bool", "number": "object"}


def to_frame(kind: str | type[Record], dataset: Dataset) -> pandas.DataFrame:
    """The records of one kind of ``dataset``, or one of its link tables, as a pandas
    DataFrame (see :func:`mena_tip.to_frame`)."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError(
            'mena_tip.to_frame needs pandas: pip install "mena-tip[pandas]"'
        ) from error
    table = _table_named(kind)
    rows = list(table.rows(Content.of(dataset)))
    return pandas.DataFrame(
        {
            column.name: pandas.Series(
                [pandas.NA if row[index] is None else row[index] for row in rows],
                dtype=_DTYPES.get(column.type, "string"),
            )
            for index, column in enumerate(table.columns)
        }
    )


# -- CSV ---------------------------------------------------------------------------------


def _write_table(root: Path, table: Table, content: Content) -> Path:
    path = root / f"{table.name}.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow([column.name for column in table.columns])
        for row in table.rows(content):
            for column, value in zip(table.columns, row, strict=True):
                if value == "":
                    raise ValueError(
                        f"{path.name}: {row[0]} has an empty string in {column.name}, which "
                        "a CSV cell cannot tell from no value"
                    )
            writer.writerow([_cell_text(value) for value in row])
    return path


def unwritable(directory: str | os.PathLike[str], error: OSError | ValueError) -> Exception:
    """The error to raise when writing into ``directory`` failed: of the same class, its
    message naming the folder (shortened as :func:`~mena_tip.errors.shown` does)."""
    where = f"cannot write to {shown(os.fspath(directory))}"
    if isinstance(error, OSError):
        return OSError(error.errno, f"{where}: {error.strerror or error}")
    return ValueError(f"{where}: {error}")  # a NUL character in the name


def folder_to_write(directory: str | os.PathLike[str]) -> Path:
    """The folder ``directory``, made if missing (its parents too).

    Raises TypeError unless it is a str or path, and OSError (or ValueError, for a name
    holding a NUL character) naming it when it cannot be made: a file of that name, a
    name too long, no permission, or the empty string (no folder name at all).
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            "directory must be a str or os.PathLike, "
            f"not {type(directory).__name__}: {shown(directory)}"
        )
    try:
        os.makedirs(directory, exist_ok=True)
    except (OSError, ValueError) as error:
        raise unwritable(directory, error) from None
    return Path(directory)


def _write(directory: str | os.PathLike[str], dataset: Dataset) -> list[Path]:
    content = Content.of(dataset)
    root = folder_to_write(directory)
    try:
        return [_write_table(root, table, content) for table in TABLES.values()]
    except OSError as error:
        raise unwritable(directory, error) from None


def write_csv(directory: str | os.PathLike[str], dataset: Dataset) -> tuple[Path, ...]:
    """Write every table of ``dataset`` as a CSV file into ``directory``; return their
    paths (see :func:`mena_tip.write_csv`)."""
    return tuple(_write(directory, dataset))


def _rows(root: Path, table: Table) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row of a table's CSV file as the JSON form of its cells, with its line."""
    name = f"{table.name}.csv"
    header = [column.name for column in table.columns]
    try:
        with (root / name).open(encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file)
            found = next(reader, [])
            if found != header:
                raise DataError(f"expected the header {','.join(header)}", file=name)
            for row in reader:
                if len(row) != len(header):
                    raise DataError(
                        f"line {reader.line_num}: expected {len(header)} cells, not {len(row)}",
                        file=name,
                    )
                cells: dict[str, Any] = {}
                for column, text in zip(table.columns, row, strict=True):
                    if text:
                        try:
                            cells[column.name] = _read_cell(text, column)
                        except (KeyError, ValueError):
                            raise DataError(
                                f"line {reader.line_num}: {column.name} {text!r} is not "
                                f"a valid {column.type}",
                                name,
                                row[0],
                            ) from None
                yield reader.line_num, cells
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"cannot read the table: {error}", file=name) from None


def _read_tables(directory: str | os.PathLike[str], data_version: str) -> Dataset:
    from ._convert import Invalid, converter, from_dict

    root = Path(directory)
    records: list[Record] = []
    for kind in KINDS:
        table = TABLES[PLURALS[kind]]
        for _, cells in _rows(root, table):
            try:
                records.append(from_dict(cells, KINDS[kind]))
            except DataError as error:
                raise DataError(error.message, f"{table.name}.csv", error.record) from None
    register: list[RegisterEntry] = []
    for line, cells in _rows(root, TABLES["register"]):
        try:
            register.append(converter.structure(cells, RegisterEntry))
        except Invalid as error:
            raise DataError(f"line {line}: {error}", "register.csv", cells.get("id")) from None
    try:
        return Dataset(records, register, data_version)
    except DataError as error:  # an integrity check, which names the record
        stem = PLURALS[record_kind(str(error.record))]
        raise DataError(error.message, f"{stem}.csv", error.record) from None


def read_csv(directory: str | os.PathLike[str]) -> Dataset:
    """The dataset whose tables :func:`write_csv` wrote into ``directory``.

    Reads the record tables and ``register.csv`` (the link tables are derived, and
    ignored); the records are equal to those written. CSV files carry no data version:
    the dataset's is ``"unversioned"`` (a Data Package keeps it, see
    :func:`read_datapackage`). Raises :class:`~mena_tip.DataError` naming the file, the
    line or record, and what is wrong, or naming ``directory`` when it is no folder (the
    empty string included); TypeError when it is no str or path.
    """
    return _read_tables(_checks.folder(directory, "directory", "folder", noun=""), "unversioned")


# -- Data Package ------------------------------------------------------------------------


def descriptor(data_version: str) -> dict[str, Any]:
    """The Data Package descriptor (``datapackage.json``) of the exported tables."""
    return {
        "profile": "tabular-data-package",
        "name": "mena-tip",
        "title": "mena-tip: counter-trafficking cooperation in the Middle East and North Africa",
        "description": (
            "Typed, versioned, citable records of counter-trafficking-in-persons and "
            "migrant-smuggling cooperation in the Middle East and North Africa: a table per "
            "record kind, the register of IDs, and link tables derived from the records. "
            "Cells of array and object columns are JSON text; empty cells are no value."
        ),
        "version": data_version,
        "homepage": "https://mena-tip.readthedocs.io/",
        "resources": [table.resource() for table in TABLES.values()],
    }


def write_datapackage(directory: str | os.PathLike[str], dataset: Dataset) -> tuple[Path, ...]:
    """Write ``dataset`` as a Frictionless Data Package into ``directory``; return the
    files' paths (see :func:`mena_tip.write_datapackage`)."""
    written = _write(directory, dataset)
    version = dataset.data_version
    path = Path(directory) / PACKAGE
    try:
        path.write_bytes(dumps(descriptor(version)))
    except OSError as error:
        raise unwritable(directory, error) from None
    return (*written, path)


def read_datapackage(path: str | os.PathLike[str]) -> Dataset:
    """The dataset of a Data Package :func:`write_datapackage` wrote.

    ``path`` is the package's folder or its ``datapackage.json``. The dataset's data
    version is the package's version; records are read, and errors raised, as by
    :func:`read_csv`.
    """
    if isinstance(path, (str, os.PathLike)) and Path(path).name == PACKAGE:
        path = Path(path).parent
    root = _checks.folder(path, "directory", "folder", noun="")
    try:
        found = json.loads((root / PACKAGE).read_bytes().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"cannot read the descriptor: {error}", file=PACKAGE) from None
    if (
        not isinstance(found, dict)
        or found.get("name") != "mena-tip"
        or not isinstance(found.get("version"), str)
    ):
        raise DataError(
            "expected the descriptor of the mena-tip package, with a version", file=PACKAGE
        )
    return _read_tables(root, found["version"])
