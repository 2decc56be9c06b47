"""mena_tip._export: pandas frames, CSV tables and the Data Package, and reading them back."""

from __future__ import annotations

import csv
import decimal
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings

import mena_tip
import sample
from mena_tip import _api, _export
from mena_tip._api import to_frame, write_csv, write_datapackage
from mena_tip._bundle import FILES, PLURALS
from mena_tip._convert import to_dict, to_json
from mena_tip._dataset import Dataset
from mena_tip._export import TABLES, read_csv, read_datapackage
from mena_tip.cli import main
from mena_tip.errors import DataError
from mena_tip.records import (
    KINDS,
    Event,
    Funding,
    Instrument,
    Organization,
    Person,
    Record,
    citations,
    references,
)
from strategies import Parts, dataset_parts

LINK_TABLES = [
    "event_participants",
    "person_posts",
    "instrument_actions",
    "names",
    "organization_identifiers",
    "country_identifiers",
    "programme_identifiers",
    "instrument_identifiers",
    "citations",
]
JTIP = "event:jtip-launch-rabat-2024"


def table(root: Path, name: str) -> list[dict[str, str]]:
    """The rows of an exported CSV file, as dicts of the header's columns."""
    with (root / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def same(read: Dataset, written: Dataset) -> bool:
    """Whether two datasets hold equal records and register entries."""

    def by_id(items: Any) -> list[Any]:
        return sorted(items, key=lambda item: item.id)

    return by_id(read) == by_id(written) and by_id(read.register) == by_id(written.register)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data written as a Data Package (its CSV tables and datapackage.json)."""
    root = tmp_path_factory.mktemp("package")
    write_datapackage(root)
    return root


# -- the tables of the bundled data ----------------------------------------------------------


def test_files_are_the_bundle_stems_the_register_and_the_link_tables(exported: Path) -> None:
    stems = [name.removesuffix(".json") for name in FILES.values()]
    assert list(TABLES) == [*stems, "register", *LINK_TABLES]
    assert sorted(path.name for path in exported.iterdir()) == sorted(
        [f"{name}.csv" for name in TABLES] + ["datapackage.json"]
    )


def test_a_row_per_record_and_a_column_per_field(exported: Path, bundled: Dataset) -> None:
    for kind, made in KINDS.items():
        rows = table(exported, PLURALS[kind])
        assert len(rows) == bundled.counts[kind]
        assert list(rows[0]) == [field.name for field in attrs.fields(made)]
        assert [row["id"] for row in rows] == sorted(
            record.id for record in bundled if kind == record.KIND
        )
    assert len(table(exported, "register")) == len(bundled.register)


def test_files_are_utf8_csv_with_a_header_and_crlf_lines(exported: Path) -> None:
    data = (exported / "countries.csv").read_bytes()
    assert data.startswith(b"id,name,alpha2,alpha3,citations,other_names,")
    assert data.endswith(b"\r\n")
    assert "المغرب".encode() in data


def test_cells_are_the_json_forms_of_the_fields(exported: Path) -> None:
    iom = next(row for row in table(exported, "organizations") if row["id"] == "organization:iom")
    assert (iom["name"], iom["kind"], iom["acronym"]) == (
        "International Organization for Migration",
        "intergovernmental",
        "IOM",
    )
    assert iom["parent"] == ""  # no value
    assert iom["claims"] == "[]"  # an empty tuple
    record = mena_tip.organization("IOM")
    assert json.loads(iom["citations"]) == to_dict(record)["citations"]
    assert json.loads(iom["other_names"]) == to_dict(record)["other_names"]

    grant = next(
        r for r in table(exported, "fundings") if r["id"] == "funding:us-grant-iom-jtip-2024"
    )
    assert (grant["amount"], grant["currency"], grant["date"], grant["qualifier"]) == (
        "2500000",
        "USD",
        "2024-05-10?",
        "exact",
    )
    assessment = next(r for r in table(exported, "assessments") if r["id"] == "assessment:dz-2023")
    assert (assessment["report_year"], assessment["tier"]) == ("2023", "tier_3")
    assert assessment["secondary"] in ("true", "false")
    events = {row["id"]: row for row in table(exported, "events")}
    assert json.loads(events[JTIP]["place"]) == {
        "country": "country:ma",
        "city": "Rabat",
        "venue": "Embassy of the United States of America",
    }
    assert events[JTIP]["start"] == "2024-05-10"


def test_event_participants_of_the_jtip_launch(exported: Path) -> None:
    rows = [row for row in table(exported, "event_participants") if row["event"] == JTIP]
    assert [tuple(row.values())[1:5] for row in rows][:6] == [
        ("organization:cnclt", "organization", "partner", ""),
        ("organization:iom", "organization", "partner", ""),
        ("organization:unodc", "organization", "partner", ""),
        ("organization:ilo", "organization", "partner", ""),
        ("organization:us-tip-office", "organization", "funder", ""),
        ("person:puneet-talwar", "person", "chaired", "country:us"),
    ]
    event = mena_tip.event(JTIP)
    assert [(r["participant"], r["role"], r["as_written"]) for r in rows] == [
        (p.participant, p.role.value, p.as_written or "") for p in event.participants
    ]
    assert ("country:ma", "country", "participant") in [
        (r["participant"], r["participant_kind"], r["role"]) for r in rows
    ]


def test_link_tables_have_a_row_per_part(exported: Path, bundled: Dataset) -> None:
    records = list(bundled)
    events = [r for r in records if isinstance(r, Event)]
    persons = [r for r in records if isinstance(r, Person)]
    instruments = [r for r in records if isinstance(r, Instrument)]
    assert len(table(exported, "event_participants")) == sum(len(e.participants) for e in events)
    assert len(table(exported, "person_posts")) == sum(len(p.posts) for p in persons)
    assert len(table(exported, "instrument_actions")) == sum(len(i.actions) for i in instruments)
    assert len(table(exported, "names")) == sum(len(getattr(r, "other_names", ())) for r in records)
    assert len(table(exported, "citations")) == sum(len(citations(r)) for r in records)


def test_person_posts_instrument_actions_and_names(exported: Path) -> None:
    posts = [r for r in table(exported, "person_posts") if r["person"] == "person:hicham-mellati"]
    assert [(r["organization"], json.loads(r["attested"])) for r in posts] == [
        ("", ["2024-05-10"]),
        ("organization:cnclt", ["2024-05-10"]),
        ("organization:cnclt", ["--05-16?"]),
        ("organization:cnclt", ["2022-02-15"]),
    ]
    protocol = "instrument:trafficking-in-persons-protocol"
    actions = [r for r in table(exported, "instrument_actions") if r["instrument"] == protocol]
    assert len(actions) == len(mena_tip.instrument(protocol).actions)
    assert [(r["country"], r["action"], r["date"]) for r in actions] == [
        (a.country, a.action.value, str(a.date or ""))
        for a in mena_tip.instrument(protocol).actions
    ]
    names = [r for r in table(exported, "names") if r["record"] == "country:ma"]
    assert ("Maroc", "translation", "fr") in [(r["text"], r["kind"], r["language"]) for r in names]


def test_citation_paths_lead_to_the_citations(exported: Path) -> None:
    forms = {record.id: to_dict(record) for record in mena_tip.dataset()}
    for row in table(exported, "citations"):
        found: Any = forms[row["record"]]
        for step in row["path"].replace("]", "").replace("[", ".").split("."):
            found = found[int(step)] if step.isdigit() else found[step]
        assert found["source"] == row["source"]
        assert found["excerpt"] == row["excerpt"]
        assert str(found.get("start", "")) == row["start"]
        assert str(found.get("end", "")) == row["end"]
    paths = {r["path"] for r in table(exported, "citations") if r["record"] == JTIP}
    assert {"citations[0]", "participants[0].citations[0]"} <= paths


def test_read_csv_gives_the_bundled_records(exported: Path, bundled: Dataset) -> None:
    read = read_csv(exported)
    assert same(read, bundled)
    assert read.data_version == "unversioned"
    assert read.event(JTIP) == bundled.event(JTIP)


def test_foreign_keys_are_the_references_to_one_kind(bundled: Dataset) -> None:
    """Each foreign key of a record table names the one kind its field may refer to."""
    for record in bundled:
        columns = {c.name: c for c in TABLES[PLURALS[record.KIND]].columns}
        for field, _, kinds in references(record):
            column = columns.get(field)
            if column is not None and column.type == "string":
                assert (column.refers is None) == (len(kinds) > 1), (record.KIND, field)
                if column.refers:
                    assert [column.refers] == [PLURALS[kind] for kind in kinds]


# -- the Data Package --------------------------------------------------------------------------


def test_the_datapackage_is_valid_for_frictionless(exported: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])


def test_frictionless_finds_a_broken_foreign_key(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    write_datapackage(tmp_path, sample.dataset())
    path = tmp_path / "events.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",programme:", ",programme:x"), "utf-8"
    )
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {error[0] for error in report.flatten(["type"])} == {"foreign-key"}


def test_the_descriptor(exported: Path, bundled: Dataset) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert (package["name"], package["version"]) == ("mena-tip", bundled.data_version)
    assert package["profile"] == "tabular-data-package"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == list(TABLES)
    assert all(r["path"] == f"{name}.csv" for name, r in resources.items())
    organizations = resources["organizations"]["schema"]
    assert organizations["primaryKey"] == ["id"]
    assert {
        (fk["fields"][0], fk["reference"]["resource"]) for fk in organizations["foreignKeys"]
    } == {
        ("country", "countries"),
        ("parent", ""),  # a reference to the same table
        ("established_by", "instruments"),
        ("attached_to", ""),
        ("predecessor", ""),
        ("successor", ""),
    }
    fields = {field["name"]: field for field in organizations["fields"]}
    assert fields["id"]["constraints"] == {
        "required": True,
        "pattern": "organization:(?:[a-z0-9]+(?:-[a-z0-9]+)*)",
    }
    assert "intergovernmental" in fields["kind"]["constraints"]["enum"]
    assert fields["citations"]["type"] == "array"
    assert fields["citations"]["description"].startswith("A JSON array of Citation objects")
    assert fields["founded"]["type"] == "string"
    assert "constraints" not in fields["parent"]
    types = {
        field["name"]: field["type"]
        for name in ("assessments", "events", "fundings")
        for field in resources[name]["schema"]["fields"]
    }
    assert (types["report_year"], types["secondary"], types["amount"], types["place"]) == (
        "integer",
        "boolean",
        "number",
        "object",
    )
    participants = resources["event_participants"]["schema"]
    assert "primaryKey" not in participants
    assert [fk["fields"] for fk in participants["foreignKeys"]] == [["event"]]  # not participant
    assert "foreignKeys" not in resources["names"]["schema"]


def test_read_datapackage_from_its_folder_or_its_descriptor(exported: Path) -> None:
    from_folder = read_datapackage(exported)
    assert from_folder.data_version == mena_tip.DATA_VERSION
    assert same(from_folder, mena_tip.dataset())
    assert same(read_datapackage(str(exported / "datapackage.json")), from_folder)


# -- pandas ------------------------------------------------------------------------------------


def test_to_frame_has_a_row_per_record_and_a_column_per_field(bundled: Dataset) -> None:
    for kind, made in KINDS.items():
        frame = to_frame(kind)
        assert frame.shape == (bundled.counts[kind], len(attrs.fields(made)))
        assert list(frame.columns) == [field.name for field in attrs.fields(made)]
    assert to_frame(Organization).equals(to_frame("organization"))
    assert to_frame("organizations").equals(to_frame("organization"))


def test_to_frame_cells(bundled: Dataset) -> None:
    pandas = pytest.importorskip("pandas")
    fundings = to_frame(Funding).set_index("id")
    grant = fundings.loc["funding:us-grant-iom-jtip-2024"]
    assert grant["amount"] == decimal.Decimal("2500000")
    assert isinstance(grant["amount"], decimal.Decimal)
    assert (grant["date"], grant["qualifier"], grant["currency"]) == ("2024-05-10?", "exact", "USD")
    assert fundings["amount"].isna().sum() == sum(
        1 for record in bundled if isinstance(record, Funding) and record.amount is None
    )
    organizations = to_frame("organization").set_index("id")
    assert organizations.loc["organization:iom", "parent"] is pandas.NA
    record = mena_tip.organization("IOM")
    assert (
        json.loads(organizations.loc["organization:iom", "citations"])
        == to_dict(record)["citations"]
    )
    assessments = to_frame("assessment")
    assert str(assessments["report_year"].dtype) == "Int64"
    assert str(assessments["secondary"].dtype) == "bool"
    cited = to_frame("citations")
    assert str(cited["start"].dtype) == "Int64"
    assert len(cited) == sum(len(citations(r)) for r in bundled)
    participants = to_frame("event_participants", bundled)
    assert list(participants.columns) == [c.name for c in TABLES["event_participants"].columns]


def test_to_frame_of_another_dataset(sample_dataset: Dataset) -> None:
    frame = to_frame("event", sample_dataset)
    assert list(frame["id"]) == sorted(r.id for r in sample_dataset if isinstance(r, Event))


def test_to_frame_of_an_unknown_kind_or_no_dataset() -> None:
    with pytest.raises(ValueError, match=r"kind='events table' is neither a record kind"):
        to_frame("events table")
    with pytest.raises(ValueError, match=r"event_participants"):
        to_frame(Dataset)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"dataset must be a mena_tip\.Dataset"):
        to_frame("event", [])  # type: ignore[arg-type]


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "mena-tip\[pandas\]"'):
        to_frame("organization")


# -- what cannot be written, and damaged tables ------------------------------------------------


def test_an_empty_string_cannot_be_written(tmp_path: Path) -> None:
    records: list[Record] = [
        attrs.evolve(r, acronym="") if isinstance(r, Organization) and r.acronym == "IOM" else r
        for r in sample.records()
    ]
    with pytest.raises(
        ValueError, match=r"organizations.csv: organization:iom has an empty string in acronym"
    ):
        write_csv(tmp_path, Dataset(records))


@pytest.mark.parametrize("function", [write_csv, write_datapackage, read_csv, read_datapackage])
def test_a_folder_must_be_a_path(function: Any) -> None:
    with pytest.raises(TypeError, match=r"directory must be a str or os\.PathLike, not int"):
        function(7)


@pytest.mark.parametrize("function", [read_csv, read_datapackage])
def test_reading_no_folder(function: Any, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no folder at"):
        function(tmp_path / "nothing")


@pytest.fixture
def sample_tables(tmp_path: Path) -> Path:
    """The sample dataset written as a Data Package into a fresh folder."""
    write_datapackage(tmp_path, sample.dataset())
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` in a file by ``new``, keeping its CRLF line ends."""
    path = root / name
    text = path.read_bytes().decode("utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def test_sample_tables_read_back(sample_tables: Path) -> None:
    assert same(read_csv(sample_tables), sample.dataset())
    assert read_datapackage(sample_tables).data_version == sample.DATA_VERSION


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("events.csv", "id,title,", "id,name,", "file events.csv: expected the header id,title,"),
        ("events.csv", "\r\n", "\r\nevent:x\r\n", "file events.csv: line 2: expected 16 cells"),
        ("assessments.csv", ",2024,", ",MMXXIV,", "line 2: report_year 'MMXXIV' is not a valid"),
        (
            "assessments.csv",
            ",true,false,",
            ",yes,false,",
            "record assessment:eg-2024: line 2: secondary 'yes' is not a valid boolean",
        ),
        ("events.csv", '[{""source""', '[{""source', "line 2: citations .* is not a valid array"),
        (
            "organizations.csv",
            ",un_agency,",
            ",,",
            r"file organizations.csv, record organization:.*: required field missing @ \$.kind",
        ),
        ("countries.csv", ",EGY,", ",Egypt,", "file countries.csv, record country:eg: .*alpha3"),
        ("register.csv", ",active,", ",lost,", "file register.csv, record .*: line 2: "),
        (
            "organizations.csv",
            "organization:iom,",
            "organization:iom-x,",
            "file organizations.csv, record .*: .* refers to 'organization:iom'",
        ),
    ],
)
def test_damaged_tables_raise_data_error(
    sample_tables: Path, name: str, old: str, new: str, message: str
) -> None:
    edit(sample_tables, name, old, new)
    with pytest.raises(DataError, match=message):
        read_csv(sample_tables)


def test_tables_that_cannot_be_read(sample_tables: Path) -> None:
    path = sample_tables / "persons.csv"
    header = path.read_bytes().splitlines()[0]
    path.unlink()
    with pytest.raises(DataError, match=r"file persons\.csv: cannot read the table: .*No such"):
        read_csv(sample_tables)
    path.write_bytes(header + b"\r\nperson:\xff\r\n")
    with pytest.raises(DataError, match=r"file persons\.csv: cannot read the table: .*utf-8"):
        read_csv(sample_tables)
    path.write_bytes(header + b"\r\n" + b"x" * 2000 + b"\r\n")
    limit = csv.field_size_limit(1000)  # a global setting: frictionless raises it
    try:
        with pytest.raises(DataError, match=r"persons\.csv: cannot read the table: field larger"):
            read_csv(sample_tables)
    finally:
        csv.field_size_limit(limit)
    path.write_bytes(b"")
    with pytest.raises(DataError, match=r"file persons\.csv: expected the header id,name,"):
        read_csv(sample_tables)


def test_a_byte_order_mark_is_ignored(sample_tables: Path) -> None:
    path = sample_tables / "persons.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as spreadsheets save UTF-8
    assert same(read_csv(sample_tables), sample.dataset())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the descriptor: .*No such file"),
        (b"{", "cannot read the descriptor: Expecting"),
        (b"[]", "expected the descriptor of the mena-tip package"),
        (b'{"name": "other", "version": "1"}', "expected the descriptor of the mena-tip package"),
        (b'{"name": "mena-tip", "version": 2026}', "expected the descriptor of the mena-tip"),
    ],
)
def test_damaged_descriptors(sample_tables: Path, content: bytes | None, message: str) -> None:
    path = sample_tables / "datapackage.json"
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    with pytest.raises(DataError, match=f"file datapackage.json: {message}"):
        read_datapackage(sample_tables)


# -- the command line --------------------------------------------------------------------------


def test_cli_export_a_datapackage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "new" / "package"
    assert main(["export", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == f"wrote 21 file(s) (datapackage, data {mena_tip.DATA_VERSION}) to {folder}\n"
    assert same(read_datapackage(folder), mena_tip.dataset())


def test_cli_export_csv_of_another_bundle_as_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_bundle: Path
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()  # an empty folder is fine
    argv = ["export", "--format", "csv", "--data", str(sample_bundle), str(folder), "--json"]
    assert main(argv) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out) == {
        "format": "csv",
        "data_version": sample.DATA_VERSION,
        "directory": str(folder),
        "files": [f"{name}.csv" for name in TABLES],
    }
    assert not (folder / "datapackage.json").exists()
    assert same(read_csv(folder), sample.dataset())


def test_cli_export_refuses_a_folder_that_is_not_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["export", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"mena-tip: {str(tmp_path)!r} is not empty:")
    assert "--force" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert main(["export", str(tmp_path), "--force", "--format", "csv"]) == 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "events.csv").exists()


def test_cli_export_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert main(["export", str(tmp_path / "file" / "sub")]) == 2
    assert capsys.readouterr().err.startswith("mena-tip: cannot write to ")
    with pytest.raises(SystemExit) as exited:
        main(["export", "--format", "xlsx", str(tmp_path / "out")])
    assert exited.value.code == 2
    assert "invalid choice: 'xlsx'" in capsys.readouterr().err


# -- properties --------------------------------------------------------------------------------


def writable(parts: Parts) -> bool:
    """Whether CSV can hold the parts' texts: before 3.11, Python's csv has no NUL."""
    return sys.version_info >= (3, 11) or not any("\x00" in to_json(r) for r in parts.records)


@given(dataset_parts())
def test_csv_round_trip(parts: Parts) -> None:
    assume(writable(parts))
    dataset = parts.dataset()
    with tempfile.TemporaryDirectory() as folder:
        write_csv(folder, dataset)
        read = read_csv(folder)
    assert same(read, dataset)


@given(dataset_parts())
def test_datapackage_round_trip(parts: Parts) -> None:
    assume(writable(parts))
    dataset = parts.dataset()
    with tempfile.TemporaryDirectory() as folder:
        write_datapackage(folder, dataset)
        read = read_datapackage(Path(folder) / "datapackage.json")
    assert same(read, dataset)
    assert read.data_version == parts.data_version


@settings(max_examples=max(5, settings().max_examples // 4))  # frictionless is slow
@given(dataset_parts())
def test_generated_datapackages_are_valid_for_frictionless(parts: Parts) -> None:
    """Every generated package meets its own Table Schemas: types, codes, patterns, keys."""
    frictionless = pytest.importorskip("frictionless")
    assume(writable(parts))
    with tempfile.TemporaryDirectory() as folder:
        write_datapackage(folder, parts.dataset())
        report = frictionless.validate(str(Path(folder) / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])


@given(dataset_parts())
def test_to_frame_has_a_row_per_record(parts: Parts) -> None:
    dataset = parts.dataset()
    for kind in KINDS:
        frame = to_frame(kind, dataset)
        assert list(frame["id"]) == sorted(r.id for r in dataset if kind == r.KIND)
    assert len(to_frame("citations", dataset)) == sum(len(citations(r)) for r in dataset)


def test_the_module_is_lazy_and_public() -> None:
    for name in _export.__all__:
        # The writers and to_frame take a dataset; the public ones default it (in _api).
        public = getattr(mena_tip, name)
        assert public is getattr(_export, name) or public is getattr(_api, name)
        assert name in mena_tip.__all__
