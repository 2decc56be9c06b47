"""The README quotes the benchmark's results: every quoted line is in bench/RESULTS.md."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README, RESULTS = ROOT / "README.md", ROOT / "bench" / "RESULTS.md"
START = "<!-- quoted from bench/RESULTS.md"
END = "<!-- end of the quote -->"


@pytest.fixture(scope="module")
def readme() -> str:
    if not (README.is_file() and RESULTS.is_file()):
        pytest.skip("a checkout's README.md and bench/RESULTS.md (not in the wheel)")
    return README.read_text(encoding="utf-8")


def test_the_quoted_results_are_the_benchmarks_own(readme: str) -> None:
    results = set(RESULTS.read_text(encoding="utf-8").splitlines())
    quote = readme[readme.index(START) : readme.index(END)].splitlines()[1:]
    rows = [line for line in quote if line.startswith("| ")]
    assert len(rows) >= 10
    missing = [line for line in rows if line not in results and "measurement" not in line]
    assert missing == []


def test_the_machine_is_the_one_the_results_were_taken_on(readme: str) -> None:
    machine = RESULTS.read_text(encoding="utf-8").splitlines()[3]
    assert "CPython" in machine
    assert f"taken on this machine: {machine}" in readme
