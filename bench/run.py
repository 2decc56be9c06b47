"""Benchmark mena-tip against baselines measured in the same run (see bench/README.md).

python bench/run.py           # print the table
python bench/run.py --write   # and regenerate bench/RESULTS.md from it
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import timeit
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import pycountry

BENCH = Path(__file__).resolve().parent
ENV = dict(os.environ)  # the environment of every fresh interpreter
try:
    import mena_tip
except ImportError:  # not installed: use the source tree, here and in the subprocesses
    SRC = str(BENCH.parent / "src")
    sys.path.insert(0, SRC)
    ENV["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH")) if p)
    import mena_tip

COLD = 9  # fresh interpreters per cold measurement
WARM = 7  # timeit repetitions per warm measurement
HEAVY = ("attr", "attrs", "cattr", "cattrs", "json", "mena_tip._dataset", "mena_tip._api")


class Row(NamedTuple):
    name: str
    value: str
    ratio: str = ""


Section = tuple[str, list[Row]]


def _num(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:,.0f}"


def _python(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (with the same ``sys.path`` for mena_tip)."""
    command = [sys.executable, *flags, "-c", code]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"a fresh interpreter failed:\n{code}\n{done.stderr}")
    return done


def _import_ms(module: str) -> float:
    """Cumulative ``-X importtime`` of ``import module`` in a fresh interpreter."""
    for line in _python(f"import {module}", "-X", "importtime").stderr.splitlines():
        fields = line.split("|")
        if len(fields) == 3 and fields[2].rstrip() == f" {module}":
            return int(fields[1]) / 1000
    raise LookupError(f"no importtime line for {module}")


def _median_rows(code: str, runs: int) -> list[float]:
    """Medians, field by field, of the numbers ``code`` prints in ``runs`` fresh interpreters."""
    samples = [[float(x) for x in _python(code).stdout.split()] for _ in range(runs)]
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def cold_import() -> Section:
    for module in ("mena_tip", "pycountry"):  # write the .pyc files first
        _import_ms(module)
    ours, theirs = [], []
    for _ in range(COLD):
        ours.append(_import_ms("mena_tip"))
        theirs.append(_import_ms("pycountry"))
    mena, country = statistics.median(ours), statistics.median(theirs)
    probe = "import sys; old = set(sys.modules); import mena_tip; print(*set(sys.modules) - old)"
    loaded = sorted(_python(probe).stdout.split())
    heavy = [m for m in loaded if m in HEAVY or m.split(".")[0] in HEAVY]
    own = [m for m in loaded if m.startswith("mena_tip")]
    return f"1. Cold import (-X importtime, median of {COLD} fresh interpreters)", [
        Row("import mena_tip", f"{_num(mena)} ms", f"{_num(mena / country)}x pycountry"),
        Row("import pycountry", f"{_num(country)} ms"),
        Row("modules it loaded", str(len(loaded)), ", ".join(own)),
        Row(
            "loaded no data (nor _api, dataset, attrs, cattrs, json)",
            "NO" if heavy else "yes",
            ", ".join(heavy),
        ),
    ]


FIRST_LOAD = """
import time, mena_tip, pycountry
t0 = time.perf_counter_ns()
import mena_tip._bundle, mena_tip._convert
t1 = time.perf_counter_ns()
data = mena_tip.dataset()
t2 = time.perf_counter_ns()
mena_tip.organization("IOM")
t3 = time.perf_counter_ns()
pycountry.countries.get(alpha_2="MA")
t4 = time.perf_counter_ns()
print(t3 - t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3, len(data), len(pycountry.countries))
"""


def first_load() -> Section:
    *times, records, countries = _median_rows(FIRST_LOAD, COLD)
    total, code, read, index, country = (t / 1e6 for t in times)
    return f"2. First load in a fresh interpreter (median of {COLD})", [
        Row(
            f"dataset() + organization('IOM'), {records:.0f} records",
            f"{_num(total)} ms",
            f"{_num(total / country)}x pycountry",
        ),
        Row("  of which importing the code (attrs, cattrs, records)", f"{_num(code)} ms"),
        Row("  of which reading and checking the bundle", f"{_num(read)} ms"),
        Row("  of which name index + first lookup", f"{_num(index)} ms"),
        Row(f"pycountry first countries.get(), {countries:.0f} countries", f"{_num(country)} ms"),
    ]


def _per_call_us(statement: str, namespace: dict[str, object]) -> float:
    timer = timeit.Timer(statement, globals=namespace)
    timer.timeit(1)  # warm: data loaded, indexes built
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(WARM, number)) / number * 1e6


LOOKUPS = (
    'mena_tip.organization("organization:iom")',
    'mena_tip.organization("IOM")',
    'mena_tip.country("MA")',
    'mena_tip.country("Morocco")',
    'pycountry.countries.get(alpha_2="MA")',
    'pycountry.countries.lookup("Morocco")',
    'a_dict["MA"]',
)
QUERIES = ('mena_tip.events(country="Morocco")', 'mena_tip.events(organization="IOM")')


def warm() -> list[Section]:
    a_dict = {country.alpha_2: country for country in pycountry.countries}
    namespace = {"mena_tip": mena_tip, "pycountry": pycountry, "a_dict": a_dict}
    timings = {statement: _per_call_us(statement, namespace) for statement in LOOKUPS + QUERIES}
    get, plain = timings[LOOKUPS[4]], timings[LOOKUPS[6]]

    def row(statement: str) -> Row:
        us = timings[statement]
        return Row(statement, f"{_num(us)} µs", f"{_num(us / get)}x get, {_num(us / plain)}x dict")

    found = {
        QUERIES[0]: len(mena_tip.events(country="Morocco")),
        QUERIES[1]: len(mena_tip.events(organization="IOM")),
    }
    heading = f"(in-process, warm, median of {WARM} timeit repetitions)"
    return [
        (f"3. Lookup {heading}", [row(s) for s in LOOKUPS]),
        (
            f"4. Filtered query {heading}",
            [row(q)._replace(name=f"{q}: {found[q]} found") for q in QUERIES],
        ),
    ]


MEMORY = """
import tracemalloc, mena_tip, pycountry
tracemalloc.start()
import mena_tip._bundle, mena_tip._convert
code = tracemalloc.get_traced_memory()[0]
mena_tip.dataset()
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
tracemalloc.start()
pycountry.countries.get(alpha_2="MA")
print(*(size / 2**20 for size in (code, current, peak, *tracemalloc.get_traced_memory())))
"""


def memory() -> Section:
    code, current, peak, country, country_peak = _median_rows(MEMORY, 3)
    return "5. Memory of the first load (tracemalloc, fresh interpreter, median of 3)", [
        Row("dataset(): retained", f"{_num(current)} MiB", f"{_num(current / country)}x pycountry"),
        Row("  of which importing the code", f"{_num(code)} MiB"),
        Row("dataset(): peak", f"{_num(peak)} MiB", f"{_num(peak / country_peak)}x pycountry"),
        Row("pycountry first get(): retained", f"{_num(country)} MiB"),
        Row("pycountry first get(): peak", f"{_num(country_peak)} MiB"),
    ]


def environment() -> list[str]:
    return [
        f"mena-tip {mena_tip.__version__} (data {mena_tip.DATA_VERSION}), "
        f"pycountry {metadata.version('pycountry')}",
        f"{platform.python_implementation()} {platform.python_version()}, {platform.platform()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs",
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
    ]


def text(sections: list[Section]) -> str:
    rows = [row for _, section in sections for row in section]
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = environment()
    for title, section in sections:
        lines += ["", title]
        lines += [
            f"  {r.name:<{width[0]}}  {r.value:>{width[1]}}  {r.ratio}".rstrip() for r in section
        ]
    return "\n".join(lines) + "\n"


def markdown(sections: list[Section]) -> str:
    lines = [
        "<!-- Generated by `python bench/run.py --write`; do not edit by hand. -->",
        "# Benchmark results",
        "",
        *(f"- {line}" for line in environment()),
        "",
        "Ratios compare figures measured in this same run; see README.md.",
    ]
    for title, section in sections:
        lines += ["", f"## {title}", "", "| measurement | value | ratio |", "|---|--:|---|"]
        lines += [f"| {r.name.strip()} | {r.value} | {r.ratio} |" for r in section]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark mena-tip against same-run baselines.")
    parser.add_argument("--write", action="store_true", help="regenerate bench/RESULTS.md")
    args = parser.parse_args()
    sections = [cold_import(), first_load(), *warm(), memory()]
    print(text(sections), end="")
    if args.write:
        (BENCH / "RESULTS.md").write_text(markdown(sections), encoding="utf-8")
    return 1 if any(row.value.startswith("NO") for _, rows in sections for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
