"""The scale benchmark: synthetic bundles at 1x to 3,000x today's records (see README.md).

Imported by run.py, which prints and writes its table. Each size is measured in a fresh
interpreter running this file with ``--child FOLDER``; it prints one JSON line per figure
as soon as it has it, so a size that runs out of memory still reports how far it got.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import functools
import gc
import itertools
import json
import math
import operator
import os
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import synthetic

SIZES = (1, 10, 100, 1_000, 3_000)  # 3,000x of 2026.12 is some 3.5 million records
QUICK = 1_000  # the largest size of an ordinary run; RESULTS.md has them all
RUNS = 3  # fresh interpreters per size up to TRACED (medians); one above (minutes each)
TRACED = 100  # tracemalloc too, up to this size (it slows a load some 5x, and its own
# bookkeeping of tens of millions of blocks would not fit in memory at 3,000x)
FLAT = 1.5  # growth allowed per step for what should not grow (lookups, fixed results)
LINEAR = 1.25  # growth per step allowed beyond the growth of records (or of results)
REPEAT = 5  # timeit repetitions per warm query, each of as many calls as take BATCH seconds
BATCH = 0.05
RSS_FROM = 100  # the smallest size whose RSS is judged: below it, RSS counts pages rather
# than bytes, and the load reuses memory the warm-up freed
SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
NAME = "International Organization for Migration"
MISSPELT = "Intl Org for Migration"
TEXT = (  # the text for mentions() when ../shared/sources is missing
    "The International Organization for Migration (IOM) and UNODC met officials of "
    "Morocco, Egypt and Lebanon in Rabat to discuss the protection of victims of "
    "trafficking in persons and the national referral mechanism."
)


class Query(NamedTuple):
    label: str  # as printed
    call: Callable[[Any, str], object]  # of the dataset and the text
    target: str  # "flat", "result" (no worse than linear in the result) or "data"


QUERIES = (
    Query(
        'organization("organization:iom")', lambda d, t: d.organization("organization:iom"), "flat"
    ),
    Query('organization("IOM")', lambda d, t: d.organization("IOM"), "flat"),
    Query(f'resolve("{NAME}")', lambda d, t: d.resolve(NAME), "flat"),
    Query('country("MA")', lambda d, t: d.country("MA"), "flat"),
    Query('country("Morocco")', lambda d, t: d.country("Morocco"), "flat"),
    Query('events(organization="IOM")', lambda d, t: d.events(organization="IOM"), "result"),
    Query('events(country="Morocco")', lambda d, t: d.events(country="Morocco"), "result"),
    Query(
        'events(country="Morocco", organization="IOM")',
        lambda d, t: d.events(country="Morocco", organization="IOM"),
        "result",
    ),
    Query('events(pillar="protection")', lambda d, t: d.events(pillar="protection"), "data"),
    Query(f'search("{MISSPELT}")', lambda d, t: d.search(MISSPELT), "data"),
    Query("mentions(text)", lambda d, t: d.mentions(t), "flat"),
)


def _text() -> str:
    files = sorted(SOURCES.glob("*.txt"))
    return "\n\n".join(f.read_text(encoding="utf-8") for f in files) if files else TEXT


def _origin() -> str:
    files = sorted(SOURCES.glob("*.txt"))
    where = f"the {len(files)} texts in ../shared/sources" if files else "a fixed sentence"
    return f"The text of mentions(text) is {where}: {len(_text().encode()) / 1e3:.3g} kB."


# -- the fresh interpreter -------------------------------------------------------------------

_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or None)


def _rss() -> float:
    """Resident memory in bytes, after a full collection and handing free heap back to
    the OS (glibc malloc_trim), so it counts what is live rather than what was freed."""
    gc.collect()
    trim = getattr(_LIBC, "malloc_trim", None)
    if trim is not None:
        trim(0)
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak() -> float:
    """The process's peak resident memory in bytes (VmHWM: unlike ru_maxrss, it does not
    start from the RSS of the parent that started this interpreter)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return float("nan")


def _emit(key: str, value: float) -> None:
    print(json.dumps({"key": key, "value": value}), flush=True)


class _Collections:
    """Seconds the cyclic garbage collector spends, by gc.callbacks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


def _child(folder: Path, traced: bool) -> None:
    import mena_tip

    text = _text()
    # One-time code costs first (imports, code generated on first use), on the bundled
    # data, which is then dropped: what follows is what grows with the data.
    warm = mena_tip.load(synthetic._bundled())
    for query in QUERIES:
        query.call(warm, text)
    del warm
    if traced:
        import tracemalloc

        tracemalloc.start()
        data = mena_tip.load(folder)
        _emit("traced", tracemalloc.get_traced_memory()[0])
        return
    base = _rss()
    collector = _Collections()
    started = time.perf_counter()
    data = mena_tip.load(folder)
    _emit("load", time.perf_counter() - started)
    _emit("load_gc", collector.seconds)
    _emit("records", len(data))
    _emit("memory", _rss() - base)
    _emit("peak", _peak())
    for key, first in (
        ("names", lambda: data.resolve(NAME)),
        ("linker", lambda: data.mentions(text)),
        ("search", lambda: data.search(MISSPELT)),
    ):
        started = time.perf_counter()
        first()
        _emit(key, time.perf_counter() - started)
    _emit("indexed", _rss() - base)
    for number, query in enumerate(QUERIES):
        result = query.call(data, text)
        if isinstance(result, tuple):
            _emit(f"found{number}", len(result))
        timer = timeit.Timer(functools.partial(query.call, data, text))
        calls = 1
        while timer.timeit(calls) < BATCH:
            calls *= 4
        _emit(f"query{number}", statistics.median(timer.repeat(REPEAT, calls)) / calls)


# -- the table ---------------------------------------------------------------------------------


def _measure(
    folder: Path, env: dict[str, str], traced: bool = False
) -> tuple[dict[str, float], str]:
    """The figures of a fresh interpreter, and why it stopped early ("" if it did not)."""
    command = [sys.executable, __file__, "--child", str(folder)]
    if traced:
        command.append("--traced")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    values = {}
    for line in done.stdout.splitlines():
        item = json.loads(line)
        values[item["key"]] = float(item["value"])
    if done.returncode < 0:
        return values, f"killed by signal {-done.returncode} (out of memory?)"
    if done.returncode:
        return values, done.stderr.strip().splitlines()[-1]
    return values, ""


def _time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{_num(seconds / scale)} {unit}"
    return f"{_num(seconds * 1e9)} ns"


def _num(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:,.0f}"


def _mib(size: float) -> str:
    return f"{_num(size / 2**20)} MiB"


class Line(NamedTuple):
    label: str
    values: list[float | None]  # by size
    show: Callable[[float], str]
    target: str = ""  # a key of TARGETS, or "" for none
    found: list[float | None] | None = None  # result sizes, for target "result"
    since: int = 1  # the smallest size of the steps judged


def _each(
    op: Callable[[float, float], float], a: list[float | None], b: list[float | None]
) -> list[float | None]:
    return [None if x is None or y is None else op(x, y) for x, y in zip(a, b, strict=True)]


def _growths(values: list[float | None]) -> list[float | None]:
    out: list[float | None] = [None]
    for before, after in itertools.pairwise(values):
        out.append(after / before if before and after is not None else None)
    return out


def _judge(line: Line, records: list[float | None], sizes: list[int]) -> str:
    """met, or MISSED with the steps that grew too fast."""
    if not line.target:
        return ""
    basis = line.found if line.target == "result" else records
    allowed = FLAT if line.target in ("flat", "result") else LINEAR
    steps = zip(
        itertools.pairwise(sizes),
        _growths(line.values)[1:],
        _growths(basis or records)[1:],
        strict=True,
    )
    missed = []
    for (before, after), growth, scale in steps:
        if growth is None or scale is None or before < line.since:
            continue
        limit = allowed * (1.0 if line.target == "flat" else scale)
        if growth > limit:
            missed.append(f"{before:,}x->{after:,}x: x{_num(growth)} > x{_num(limit)}")
    return f"MISSED at {', '.join(missed)}" if missed else "met"


TARGETS = {"linear": "linear", "flat": "flat", "result": "linear in results", "data": "linear"}
SLACK = (
    f"Each cell after the first shows its growth from the size before (xN). Targets, met "
    f"when every step judged meets them: linear, growth at most {LINEAR:g} times the growth "
    f"of records; flat, at most x{FLAT:g}; linear in results, at most {FLAT:g} times the "
    f"growth of the number found. RSS is judged from {RSS_FROM:,}x up (below, it counts "
    "pages and memory the warm-up freed, not bytes: tracemalloc is the figure there)."
)


def _size(
    size: int, cache: Path, env: dict[str, str], notes: list[str]
) -> tuple[dict[str, float], bool]:
    """The figures of one size (medians of its runs) with the times to make and measure
    it, and whether a fresh interpreter stopped early."""
    started = time.perf_counter()
    print(f"scale {size:,}x: generating ...", end=" ", file=sys.stderr, flush=True)
    folder, generated = synthetic.cached(size, cache)
    made = time.perf_counter() - started if generated else float("nan")
    if size == SIZES[1]:
        problems = synthetic.check(folder)
        notes.append(
            f"The {size}x bundle read by `_bundle.read` and rewritten by `_bundle.write` "
            + ("gives the same bytes (canonical)." if not problems else f"differs: {problems}")
        )
    runs = RUNS if size <= TRACED else 1
    print(f"{_made(made)}; measuring {runs}x ...", end=" ", file=sys.stderr, flush=True)
    started = time.perf_counter()
    samples: list[dict[str, float]] = []
    stopped = ""
    for _ in range(runs):
        values, stopped = _measure(folder, env)
        samples.append(values)
        if stopped:
            notes.append(f"At {size:,}x the fresh interpreter stopped: {stopped}.")
            break
        if size <= TRACED:
            samples[-1].update(_measure(folder, env, traced=True)[0])
    keys = sorted({key for sample in samples for key in sample})
    values = {key: statistics.median(s[key] for s in samples if key in s) for key in keys}
    values["made"], values["wall"] = made, time.perf_counter() - started
    print(_time(values["wall"]), stopped, file=sys.stderr, flush=True)
    return values, bool(stopped)


def _made(seconds: float) -> str:
    return "cached" if math.isnan(seconds) else _time(seconds)


def run(
    largest: int, cache: Path, env: dict[str, str]
) -> tuple[list[str], list[list[str]], list[str]]:
    """Measure every size up to ``largest``: the table's header, rows and notes."""
    notes = [SLACK, _origin()]
    measured: list[dict[str, float]] = []
    sizes = []
    for size in (size for size in SIZES if size <= largest):
        values, stopped = _size(size, cache, env, notes)
        measured.append(values)
        sizes.append(size)
        if stopped:
            break
    return _table(sizes, measured, notes)


def _table(
    sizes: list[int], measured: list[dict[str, float]], notes: list[str]
) -> tuple[list[str], list[list[str]], list[str]]:
    def get(key: str) -> list[float | None]:
        return [values.get(key) for values in measured]

    records = get("records")

    def per_record(key: str) -> list[float | None]:
        return _each(operator.truediv, get(key), records)

    def minus(key: str, part: str) -> list[float | None]:
        return _each(operator.sub, get(key), get(part))

    lines = [
        Line("records", records, lambda n: f"{n:,.0f}"),
        Line("load(folder)", get("load"), _time, "linear"),
        Line("  of which cyclic GC", get("load_gc"), _time),
        Line("  the rest (load less GC)", minus("load", "load_gc"), _time, "linear"),
        Line(f"memory after load: tracemalloc (to {TRACED:,}x)", get("traced"), _mib, "linear"),
        Line("  per record", per_record("traced"), lambda b: f"{b:,.0f} B"),
        Line("memory after load: RSS growth", get("memory"), _mib, "linear", since=RSS_FROM),
        Line("  per record", per_record("memory"), lambda b: f"{b:,.0f} B"),
        Line("peak RSS of the process", get("peak"), _mib),
        Line(f'name index: first resolve("{NAME[:13]}…")', get("names"), _time, "linear"),
        Line("linker: first mentions(text)", get("linker"), _time, "linear"),
        Line(f'search table: first search("{MISSPELT}")', get("search"), _time, "linear"),
        Line(
            "memory with the three indexes: RSS growth",
            get("indexed"),
            _mib,
            "linear",
            since=RSS_FROM,
        ),
        Line("  per record", per_record("indexed"), lambda b: f"{b:,.0f} B"),
    ]
    for number, query in enumerate(QUERIES):
        found = get(f"found{number}")
        has_found = any(n is not None for n in found)
        lines.append(Line(query.label, get(f"query{number}"), _time, query.target, found))
        if has_found:
            lines.append(Line("  found", found, lambda n: f"{n:,.0f}"))
    header = ["at size", *(f"{size:,}x" for size in sizes), "target", ""]
    rows = []
    for line in lines:
        if all(v is None for v in line.values):
            continue
        cells = [line.label]
        steps = zip(sizes, line.values, _growths(line.values), strict=True)
        for size, value, growth in steps:
            cell = "" if value is None else line.show(value)
            if growth is not None and line.target and size > line.since:
                cell += f" x{_num(growth)}"
            cells.append(cell)
        cells += [TARGETS.get(line.target, ""), _judge(line, records, sizes)]
        rows.append(cells)
    rows.append(["generating the bundle", *(_made(v["made"]) for v in measured), "", ""])
    rows.append(
        ["measuring it (fresh interpreters)", *(_time(v["wall"]) for v in measured), "", ""]
    )
    return header, rows, notes


def main() -> None:
    parser = argparse.ArgumentParser(description="one size of the scale benchmark")
    parser.add_argument("--child", type=Path, required=True, help="the bundle's folder")
    parser.add_argument("--traced", action="store_true", help="tracemalloc of the load only")
    args = parser.parse_args()
    _child(args.child, args.traced)


if __name__ == "__main__":
    main()
