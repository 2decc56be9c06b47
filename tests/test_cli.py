"""mena_tip.cli: the mena-tip command, its output, and its exit statuses."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import mena_tip
import sample
from mena_tip import _api
from mena_tip._convert import to_dict
from mena_tip.cli import main
from mena_tip.errors import IdentifierRedirected
from mena_tip.records import Topic

PACKAGE_PARENT = str(Path(mena_tip.__file__).resolve().parents[1])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


# -- info ---------------------------------------------------------------------------------


def test_info_of_the_installed_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "info")
    assert (status, err) == (0, "")
    dataset = mena_tip.dataset()
    assert out.startswith(
        f"mena-tip {mena_tip.__version__}, data release {dataset.data_version}\n\n"
    )
    lines = out.splitlines()
    assert lines[2].split() == ["kind", "records"]
    assert set(lines[3]) <= {"-", " "}
    assert [line.split() for line in lines[4:]] == [
        [kind, str(count)] for kind, count in dataset.counts.items()
    ]
    assert run_json(capsys, "info") == {
        "version": mena_tip.__version__,
        "data_version": dataset.data_version,
        "counts": dataset.counts,
    }


def test_info_of_another_bundle(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    shown = run_json(capsys, "info", "--data", str(sample_bundle))
    assert shown["data_version"] == sample.DATA_VERSION
    assert shown["counts"] == sample.dataset().counts


# -- show ---------------------------------------------------------------------------------


def test_show_an_organization(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    status, out, err = run(capsys, "show", "OIM", "--data", str(sample_bundle))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "organization:iom  International Organization for Migration",
        "  name: International Organization for Migration",
        "  kind: intergovernmental",
        "  acronym: IOM",
        "  names (fr): OIM (acronym)",
        "  cited: source:alpha “International Organization for Migration”",
    ]


def test_show_an_organization_with_its_head(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path
) -> None:
    status, out, _ = run(capsys, "show", "organization:us-tip-office", "--data", str(sample_bundle))
    assert status == 0
    assert "  head: Sample Bravo, Director (person:sample-bravo)" in out.splitlines()
    status, out, _ = run(capsys, "show", "person:sample-bravo", "--data", str(sample_bundle))
    assert (
        "  posts: Director at organization:us-tip-office, head (from 2023, 2024-05-10)"
        in out.splitlines()
    )


def test_show_a_person_with_posts(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    status, out, _ = run(
        capsys, "show", "sample alfa", "--kind", "person", "--data", str(sample_bundle)
    )
    assert status == 0
    assert "  names (en): Sample Alfa (transliteration)" in out.splitlines()
    assert (
        "  posts: Protection Officer at organization:iom-cairo-unit (2024-03); Consultant ()"
        in out.splitlines()
    )


def test_show_an_event_with_its_parts(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path
) -> None:
    status, out, _ = run(capsys, "show", "JTIP launch", "--data", str(sample_bundle))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "event:jtip-launch-rabat  Launch of the JTIP programme"
    assert "  start: 2024-05-10" in lines
    place = {"country": "country:ma", "city": "Rabat", "venue": "Embassy of the United States"}
    assert f"  place: {json.dumps(place)}" in lines
    assert any(
        line.startswith("  participants: organization:us-tip-office (funder); ") for line in lines
    )
    assert '  related: {"relation": "follows", "target": "event:cairo-workshop-2024"}' in lines
    assert "  pillars: protection; partnership" in lines


def test_show_as_json_is_the_record(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path
) -> None:
    shown = run_json(capsys, "show", "country:ma", "--data", str(sample_bundle))
    assert shown == to_dict(sample.dataset().get("country:ma"))


def test_show_of_a_redirected_id_warns(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path
) -> None:
    with pytest.warns(IdentifierRedirected):
        status, out, _ = run(capsys, "show", "organization:iom-mena", "--data", str(sample_bundle))
    assert status == 0
    assert out.startswith("organization:iom  ")


def test_show_of_installed_records(capsys: pytest.CaptureFixture[str]) -> None:
    for record in mena_tip.dataset():
        status, out, err = run(capsys, "show", record.id)
        assert (status, err) == (0, "")
        assert out.startswith(f"{record.id}  ")
        assert run_json(capsys, "show", record.id) == to_dict(record)


# -- events -------------------------------------------------------------------------------


def test_events_table(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    status, out, err = run(capsys, "events", "--data", str(sample_bundle))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["start", "kind", "place", "title", "id"]
    assert lines[-1] == "6 event(s)"
    cairo = next(line for line in lines if "event:cairo-workshop-2024" in line)
    assert "2024-03-05" in cairo
    assert "Cairo, Egypt" in cairo
    assert sample.LONG_TITLE[:69] + "…" in cairo
    assert sample.LONG_TITLE not in out
    rabat = next(line for line in lines if "event:rabat-roundtable" in line)
    assert "Rabat  " in rabat
    undated = next(line for line in lines if "event:undated-training" in line)
    assert undated.startswith("      ")
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], [e.id for e in sample.dataset().events()]),
        (["--country", "Egypt"], ["event:cairo-workshop-2024"]),
        (["--organization", "IOM"], ["event:cairo-workshop-2024", "event:jtip-launch-rabat"]),
        (["--person", "Sample Bravo"], ["event:jtip-launch-rabat"]),
        (["--programme", "RDPP"], ["event:cairo-workshop-2024"]),
        (["--kind", "launch"], ["event:jtip-launch-rabat"]),
        (["--pillar", "prevention"], ["event:rabat-roundtable"]),
        (["--concern", "smuggling"], ["event:cairo-workshop-2024"]),
        (["--since", "2024-03", "--until", "2024-03-31"], ["event:cairo-workshop-2024"]),
    ],
)
def test_events_filters_as_json(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path, options: list[str], expected: list[str]
) -> None:
    shown = run_json(capsys, "events", "--data", str(sample_bundle), *options)
    assert [event["id"] for event in shown] == expected
    assert shown == [to_dict(sample.dataset().get(i)) for i in expected]


def test_events_of_the_installed_data(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(capsys, "events")
    assert [event["id"] for event in shown] == [e.id for e in mena_tip.events()]


# -- resolve ------------------------------------------------------------------------------


def test_resolve(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    data = ["--data", str(sample_bundle)]
    status, out, err = run(capsys, "resolve", "u.n.o.d.c", *data)
    assert (status, out, err) == (
        0,
        "organization:unodc\tUnited Nations Office on Drugs and Crime\n",
        "",
    )
    assert run_json(capsys, "resolve", "MA", *data) == {
        "id": "country:ma",
        "kind": "country",
        "name": "Morocco",
    }
    assert run_json(capsys, "resolve", "IOM", "--kind", "organization", *data)["id"] == (
        "organization:iom"
    )


# -- verify -------------------------------------------------------------------------------


def test_coverage_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "coverage")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["country", *(topic.value for topic in Topic)]
    assert set(lines[1]) <= {"-", " "}
    libya = next(line for line in lines if line.startswith("Libya (LY)"))
    assert libya.split()[2:5] == ["none", "known", "none"]
    assert len(lines) == 2 + len(mena_tip.countries(grouping="mena"))


def test_coverage_of_one_country_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    cells = run_json(capsys, "coverage", "Yemen")
    assert [cell["topic"] for cell in cells] == [t.value for t in Topic]
    law = cells[0]
    assert law == {
        "country": "country:ye",
        "topic": "trafficking_law",
        "status": "contested",
        "records": ["instrument:yemen-law-2018-trafficking"],
    }
    status, out, err = run(capsys, "coverage", "Atlantis")
    assert (status, out) == (2, "")
    assert "Atlantis" in err


def test_resolve_narrowed_by_country(capsys: pytest.CaptureFixture[str]) -> None:
    found = run_json(capsys, "resolve", "NCCHT", "--country", "QA")
    assert found["id"] == "organization:qatar-national-committee-combat-human-trafficking"
    status, out, err = run(capsys, "resolve", "NCCHT")
    assert (status, out) == (2, "")
    assert "may mean any of" in err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "Morroco", "--limit", "2")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["score", "id", "name"]
    assert lines[2].split() == ["85.71", "country:ma", "Morocco"]
    assert len(lines) <= 4
    assert run_json(capsys, "search", "Naela Gaber", "--kind", "person", "--limit", "1") == [
        {"id": "person:naela-gabr", "name": "Naela Gabr", "score": 95.24}
    ]
    assert run(capsys, "search", "qqqqqqqq")[1] == "no close match\n"
    assert run(capsys, "search", "IOM", "--limit", "0")[0] == 2


def test_mentions_of_a_file_and_of_standard_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The IOM and the NCCHT met in Morocco."
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "mentions", str(path))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["start", "end", "text", "id", "how"]
    assert lines[2].split() == ["4", "7", "IOM", "organization:iom", "alias"]
    assert lines[3].split()[:4] == ["16", "21", "NCCHT", "ambiguous:"]
    assert lines[3].split()[-1] == "ambiguous"
    assert lines[-1] == "3 mention(s)"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    found = run_json(capsys, "mentions", "-", "--kinds", "country,person")
    assert found == [
        {
            "start": 29,
            "end": 36,
            "text": "Morocco",
            "id": "country:ma",
            "candidates": ["country:ma"],
            "how": "name",
        }
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status, out, _ = run(capsys, "mentions", "-", "--country", "Qatar")
    nccht = out.splitlines()[3].split()
    assert nccht[:3] == ["16", "21", "NCCHT"]
    assert nccht[-2:] == [
        "organization:qatar-national-committee-combat-human-trafficking",
        "context",
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status, out, err = run(capsys, "mentions", "-", "--country", "Atlantis")
    assert (status, out) == (2, "")
    assert "Atlantis" in err


def test_mentions_of_an_unreadable_file_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "mentions", str(tmp_path / "missing.txt"))
    assert (status, out) == (2, "")
    assert "missing.txt" in err
    binary = tmp_path / "binary.bin"
    binary.write_bytes(b"\xff\xfe\x00")
    assert run(capsys, "mentions", str(binary))[0] == 2
    assert run(capsys, "mentions", str(binary), "--kinds", "planet")[0] == 2


def test_verify_the_installed_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "verify") == (0, "the bundle matches its manifest\n", "")
    assert run_json(capsys, "verify") == {"ok": True, "problems": []}


def test_verify_a_damaged_bundle(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    (sample_bundle / "events.json").write_bytes(b"[]\n")
    (sample_bundle / "extra.json").write_bytes(b"[]\n")
    for argv in (["verify", str(sample_bundle)], ["verify", "--data", str(sample_bundle)]):
        status, out, _ = run(capsys, *argv)
        assert status == 1
        assert out.splitlines()[0] == "file extra.json: not listed in the manifest"
        assert out.splitlines()[1].startswith("file events.json: SHA-256")
    status, out, _ = run(capsys, "verify", str(sample_bundle), "--json")
    assert status == 1
    shown = json.loads(out)
    assert shown["ok"] is False
    assert len(shown["problems"]) == 2


def test_verify_an_intact_bundle(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    assert run(capsys, "verify", str(sample_bundle)) == (0, "the bundle matches its manifest\n", "")


def test_verify_checks_citations_against_the_texts(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path, tmp_path: Path
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    assert run(capsys, "verify", str(sample_bundle), "--texts", str(texts))[:2] == (
        1,
        "file sources.json, record source:alpha: cited by offsets, but no text has its "
        f"SHA-256 {hashlib.sha256(sample.TEXT.encode()).hexdigest()}\n",
    )
    (texts / "alpha.txt").write_text(sample.TEXT, encoding="utf-8")
    assert run(capsys, "verify", str(sample_bundle), "--texts", str(texts)) == (
        0,
        "the bundle matches its manifest\n",
        "",
    )
    status, _, err = run(capsys, "verify", "--texts", str(tmp_path / "none"))
    assert status == 1
    assert "no folder of source texts at" in err


def test_verify_the_installed_citations_against_the_source_texts(
    capsys: pytest.CaptureFixture[str], shared: Path
) -> None:
    assert run(capsys, "verify", "--texts", str(shared / "sources"))[0] == 0


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "Nowhere"], "mena-tip: no record matches 'Nowhere'"),
        (["show", "Morroco", "--kind", "country"], "did you mean 'country:ma'?"),
        (["show", "IOM", "--kind", "widget"], "kind='widget' is not a record kind"),
        (
            ["show", "National Committee"],
            "may mean any of organization:cnclt, organization:nccpim-tip",
        ),
        (["show", "event:duplicate-launch"], "was withdrawn in data release 2026.11"),
        (["resolve", "Atlantis"], "no record matches 'Atlantis'"),
        (["events", "--since", "yesterday"], "not a date: 'yesterday'"),
        (["events", "--until=--05-16"], "until='--05-16' has no year"),
        (["events", "--kind", "webinar"], "kind='webinar' is not a valid EventKind"),
        (["events", "--pillar", "peace"], "is not a valid Pillar"),
        (["events", "--country", "organization:iom"], "no country matches 'organization:iom'"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], sample_bundle: Path, argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv, "--data", str(sample_bundle))
    assert status == 2
    assert out == ""
    assert err.startswith("mena-tip: ")
    assert message in err
    assert err.count("\n") == 1


def test_bad_input_against_the_installed_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "show", "no such thing anywhere")
    assert (status, out) == (2, "")
    assert err.startswith("mena-tip: no record matches")


def test_damaged_bundle_exits_1(capsys: pytest.CaptureFixture[str], sample_bundle: Path) -> None:
    (sample_bundle / "events.json").write_bytes(b"[]\n")
    for command in (["info"], ["events"], ["show", "IOM"], ["resolve", "IOM"]):
        status, out, err = run(capsys, *command, "--data", str(sample_bundle))
        assert (status, out) == (1, "")
        assert err.startswith("mena-tip: damaged data: file events.json: SHA-256")


def test_missing_bundle_folder_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "info", "--data", str(tmp_path / "nowhere"))
    assert status == 1
    assert "no bundle folder at" in err


@pytest.mark.parametrize("argv", [[], ["unknown"], ["show"], ["events", "--colour", "red"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: mena-tip" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == (
        f"mena-tip {mena_tip.__version__} (data {mena_tip.DATA_VERSION})\n"
    )


def test_main_reads_sys_argv(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["mena-tip", "info", "--json"])
    assert main() == 0
    assert json.loads(capsys.readouterr().out)["version"] == mena_tip.__version__


class _ClosedPipe(io.StringIO):
    """Standard output whose reader has gone (``mena-tip events | head``)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError

    def fileno(self) -> int:
        return self._fd


def test_a_closed_pipe_is_no_error(
    monkeypatch: pytest.MonkeyPatch, sample_bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    read_end, write_end = os.pipe()
    try:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(write_end))
        assert main(["events", "--data", str(sample_bundle)]) == 0
    finally:
        os.close(read_end)
        os.close(write_end)
    assert capsys.readouterr().err == ""


def test_the_dataset_is_not_loaded_for_verify(
    capsys: pytest.CaptureFixture[str], fresh_default: None
) -> None:
    loads = _api.loads
    assert run(capsys, "verify")[0] == 0
    assert _api.loads == loads
    assert _api._default is None


def test_python_m_mena_tip(sample_bundle: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_PARENT, env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "mena_tip", "info"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"mena-tip {mena_tip.__version__}, data release ")
    result = subprocess.run(
        [sys.executable, "-m", "mena_tip", "show", "Nowhere", "--data", str(sample_bundle)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "mena-tip: no record matches 'Nowhere'\n"
