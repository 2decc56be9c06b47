"""Benchmark mena-tip against baselines measured in the same run (see bench/README.md).

python bench/run.py                      # print the tables (scale up to 1,000x)
python bench/run.py --write              # every size up to 3,000x, section 12 against BEFORE,
                                         # and regenerate bench/RESULTS.md
python bench/run.py --before REV         # also section 12: the cold first query against REV
python bench/run.py --only first-query   # section 12 alone (against BEFORE, or --before REV)
python bench/run.py --write --only first-query   # section 12 alone, into RESULTS.md in place
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import hashlib
import importlib.util
import io
import math
import os
import platform
import random
import re
import statistics
import string
import subprocess
import sys
import tarfile
import tempfile
import time
import timeit
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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

import scale  # noqa: E402  (after the path is set: it imports mena_tip too)
import synthetic  # noqa: E402

if TYPE_CHECKING:
    from mena_tip._linker import Linker

COLD = 9  # fresh interpreters per cold measurement
WARM = 7  # timeit repetitions per warm measurement
HEAVY = ("attr", "attrs", "cattr", "cattrs", "json", "mena_tip._dataset", "mena_tip._api")
SOURCES = BENCH.parent.parent / "shared" / "sources"  # the texts to link, when present
DOCUMENT_MB = 10.0  # the large document: the texts repeated to at least this size (UTF-8)
STEPS = 4  # linearity: 1x, 2x, 4x ... 2**(STEPS - 1)x an eighth of the document
BIG = 3  # repetitions of each timing on a large text
SYNTHETIC = 10  # synthetic names per real one in the test of flatness
SEED = 2026  # of the synthetic names and text
MENTIONS_MB_S = 5.0  # targets: printed as met or MISSED, never failing the run
RESOLVE_X_DICT = 3.0
SEARCH_MS = 1.0
IMPORT_MS = 20.0  # cold import: under this, and at most this share of pycountry's
IMPORT_X_PYCOUNTRY = 0.5
LOAD_MS = 20.0  # the first full load + name index of the bundled data
MISSPELT = ("Morroco", "Naela Gaber", "Intl Org for Migration")
EXACT = ("International Organization for Migration", "IOM")
FILLER = ("the", "of", "and", "in", "to", "for", "with", "was", "said", "meeting", "victims")


class Row(NamedTuple):
    name: str
    value: str
    ratio: str = ""  # beside it: a baseline, a ratio, a note
    target: str = ""
    mark: str = ""  # met or MISSED, when there is a target


class Section(NamedTuple):
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str]
    numbers: int = 1  # columns of figures (right-aligned) after the first


def _section(title: str, rows: list[Row]) -> Section:
    """A table of rows; the target columns only when some row has a target."""
    header = ["measurement", "value", "beside it", "target", ""]
    width = 5 if any(row.target for row in rows) else 3
    return Section(title, header[:width], [list(row)[:width] for row in rows], [])


def _mark(met: bool) -> str:
    return "met" if met else "MISSED"


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
    return _section(
        f"1. Cold import (-X importtime, median of {COLD} fresh interpreters)",
        [
            Row(
                "import mena_tip",
                f"{_num(mena)} ms",
                f"{_num(mena / country)}x pycountry",
                f"< {IMPORT_MS:g} ms and <= {IMPORT_X_PYCOUNTRY:g}x pycountry",
                _mark(mena < IMPORT_MS and mena <= IMPORT_X_PYCOUNTRY * country),
            ),
            Row("import pycountry", f"{_num(country)} ms"),
            Row("modules it loaded", str(len(loaded)), ", ".join(own)),
            Row(
                "loaded no data (nor _api, dataset, attrs, cattrs, json)",
                "NO" if heavy else "yes",
                ", ".join(heavy),
                "no data at import",
                _mark(not heavy),
            ),
        ],
    )


# The modules the first load imports (besides mena_tip itself), in the order it imports them.
FIRST_MODULES = """
import sys, mena_tip
before = set(sys.modules)
mena_tip.dataset()
mena_tip.organization("IOM")
print(*(name for name in sys.modules if name not in before))
"""
# (a) the code, (b) the first load and name index, (b) again in the same interpreter.
FIRST_LOAD = """
import importlib, time
t0 = time.perf_counter_ns()
import mena_tip
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
t1 = time.perf_counter_ns()
mena_tip.dataset()
t2 = time.perf_counter_ns()
mena_tip.organization("IOM")
t3 = time.perf_counter_ns()
mena_tip.load({folder!r}).organization("IOM")
t4 = time.perf_counter_ns()
print(t1 - t0, t3 - t1, t2 - t1, t3 - t2, t4 - t3, len(mena_tip.dataset()))
"""
# (c) the whole first query.
FIRST_QUERY = """
import time
t0 = time.perf_counter_ns()
import mena_tip
mena_tip.organization("IOM")
print(time.perf_counter_ns() - t0)
"""
PYCOUNTRY_FIRST = """
import time
t0 = time.perf_counter_ns()
import pycountry
t1 = time.perf_counter_ns()
pycountry.countries.get(alpha_2="MA")
t2 = time.perf_counter_ns()
print(t1 - t0, t2 - t1, t2 - t0, len(pycountry.countries))
"""


def first_load() -> Section:
    modules = _python(FIRST_MODULES).stdout.split()
    outside = sorted(
        {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names) - {"mena_tip"}
    )
    folder = str(synthetic._bundled())
    code = FIRST_LOAD.format(modules=modules, folder=folder)
    *times, records = _median_rows(code, COLD)
    imports, load, read, index, again = (t / 1e6 for t in times)
    (whole,) = (t / 1e6 for t in _median_rows(FIRST_QUERY, COLD))
    *theirs, countries = _median_rows(PYCOUNTRY_FIRST, COLD)
    their_import, their_get, their_whole = (t / 1e6 for t in theirs)
    return _section(
        f"2. First load, each part in fresh interpreters (median of {COLD})",
        [
            Row(
                f"(a) import mena_tip and the {len(modules)} modules its first load imports",
                f"{_num(imports)} ms",
                f"{_num(imports / their_import)}x pycountry's import; "
                f"non-stdlib: {', '.join(outside) or 'none'}",
            ),
            Row(
                f'(b) then dataset() + organization("IOM"), {records:.0f} records',
                f"{_num(load)} ms",
                f"{_num(load / their_get)}x pycountry's first get()",
                f"< {LOAD_MS:g} ms",
                _mark(load < LOAD_MS),
            ),
            Row(
                "  of which dataset(): read, check, make the records and the Dataset",
                f"{_num(read)} ms",
            ),
            Row("  of which the name index and the lookup", f"{_num(index)} ms"),
            Row(
                "(b) again in the same interpreter: load(the bundled folder) + lookup",
                f"{_num(again)} ms",
                f"so one-time work in (b): {_num(load - again)} ms",
            ),
            Row(
                '(c) the whole first query: import mena_tip; organization("IOM")',
                f"{_num(whole)} ms",
                f"{_num(whole / their_whole)}x pycountry's import + first get()",
            ),
            Row("pycountry: import pycountry", f"{_num(their_import)} ms"),
            Row(
                f"pycountry: first countries.get(), {countries:.0f} countries",
                f"{_num(their_get)} ms",
            ),
            Row("pycountry: import + first get()", f"{_num(their_whole)} ms"),
        ],
    )


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
    get, lookup, plain = (timings[LOOKUPS[i]] for i in (4, 5, 6))

    def row(statement: str) -> Row:
        us = timings[statement]
        beside = f"{_num(us / get)}x get, {_num(us / lookup)}x lookup, {_num(us / plain)}x dict"
        if not statement.startswith("mena_tip.organization") and not statement.startswith(
            "mena_tip.country"
        ):
            return Row(statement, f"{_num(us)} µs", beside)
        return Row(
            statement,
            f"{_num(us)} µs",
            beside,
            "<= get and <= lookup",
            _mark(us <= min(get, lookup)),
        )

    found = {
        QUERIES[0]: len(mena_tip.events(country="Morocco")),
        QUERIES[1]: len(mena_tip.events(organization="IOM")),
    }
    heading = f"(in-process, warm, median of {WARM} timeit repetitions)"
    return [
        _section(f"3. Lookup {heading}", [row(s) for s in LOOKUPS]),
        _section(
            f"4. Filtered query {heading}",
            [row(q)._replace(name=f"{q}: {found[q]} found") for q in QUERIES],
        ),
    ]


MEMORY = """
import importlib, tracemalloc, mena_tip, pycountry
tracemalloc.start()
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
code = tracemalloc.get_traced_memory()[0]
mena_tip.dataset()
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
tracemalloc.start()
pycountry.countries.get(alpha_2="MA")
print(*(size / 2**20 for size in (code, current, peak, *tracemalloc.get_traced_memory())))
"""


def memory() -> Section:
    modules = _python(FIRST_MODULES).stdout.split()
    code, current, peak, country, country_peak = _median_rows(MEMORY.format(modules=modules), 3)
    return _section(
        "5. Memory of the first load (tracemalloc, fresh interpreter, median of 3)",
        [
            Row(
                "dataset(): retained",
                f"{_num(current)} MiB",
                f"{_num(current / country)}x pycountry",
            ),
            Row("  of which importing the code", f"{_num(code)} MiB"),
            Row("dataset(): peak", f"{_num(peak)} MiB", f"{_num(peak / country_peak)}x pycountry"),
            Row("pycountry first get(): retained", f"{_num(country)} MiB"),
            Row("pycountry first get(): peak", f"{_num(country_peak)} MiB"),
        ],
    )


def _mb(text: str) -> float:
    return len(text.encode()) / 1e6


def _timed(func: Callable[[], int], repeat: int = BIG) -> tuple[float, int]:
    """The median seconds of ``repeat`` single calls of ``func``, and what it last returned."""
    results: list[int] = []
    times = timeit.Timer(lambda: results.append(func())).repeat(repeat, 1)
    return statistics.median(times), results[-1]


def _document(names: list[str]) -> tuple[str, str]:
    """A text to link and what it is: the source texts, or a synthetic text of our names."""
    files = sorted(SOURCES.glob("*.txt"))
    if files:
        texts = [file.read_text(encoding="utf-8") for file in files]
        return "\n\n".join(texts), f"the {len(files)} texts in ../shared/sources"
    rng = random.Random(SEED)
    parts: list[str] = []
    while sum(map(len, parts)) < 25_000:
        parts.append(" ".join(rng.choices(FILLER, k=rng.randint(8, 25))) + " " + rng.choice(names))
    return ". ".join(parts) + ".", "synthetic: names of the data among filler words"


def _synthetic(count: int, vocabulary: list[str], share: float) -> list[tuple[str, str]]:
    """``count`` random names of 2-4 words, each word but the last a word of the text with
    probability ``share`` (so the automaton follows partial matches and fails them), the
    rest random letters (so no name is found in the text)."""
    rng = random.Random(SEED)

    def word(last: bool) -> str:
        if not last and rng.random() < share:
            return rng.choice(vocabulary)
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10))).capitalize()

    names = []
    for number in range(count):
        size = rng.randint(2, 4)
        name = " ".join(word(i == size - 1) for i in range(size))
        names.append((name, f"organization:synthetic-{number}"))
    return names


def _count(regex: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in regex.finditer(text))


def _mentions(linker: Linker, text: str) -> int:
    return len(linker.mentions(text))


def _build_ms(entries: tuple[tuple[str, str], ...]) -> float:
    """Median ms to build a Linker's automaton (its first mentions() call), a fresh one each."""
    from mena_tip._linker import Linker

    timer = timeit.Timer(lambda: Linker(entries).mentions(""))
    return statistics.median(timer.repeat(BIG, 1)) * 1e3


def linking() -> list[Section]:
    from mena_tip._linker import _MENTIONED, Linker
    from mena_tip.names import tokens
    from mena_tip.records import record_kind

    linker = mena_tip.dataset().linker
    entries = linker._entries
    names = sorted(
        {n for n, i in entries if record_kind(i) in _MENTIONED}, key=lambda n: (-len(n), n)
    )
    base, origin = _document(names)
    copies = math.ceil(DOCUMENT_MB / 2 ** (STEPS - 1) / _mb(base))
    texts = [base * (copies << step) for step in range(STEPS)]
    document = texts[-1]
    build = _build_ms(entries)
    linker.mentions(base)  # the automaton built, the word caches warm

    # 6. Throughput, beside one pre-compiled regex alternation of the same names.
    started = time.perf_counter()
    pattern = "|".join(map(re.escape, names))
    regex = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    compiled = (time.perf_counter() - started) * 1e3
    _count(regex, base)
    scans = [_timed(functools.partial(_mentions, linker, text)) for text in texts]
    seconds, found = scans[-1]
    regex_seconds, regex_found = _timed(functools.partial(_count, regex, document))
    size = _mb(document)
    rate, regex_rate = size / seconds, size / regex_seconds
    throughput = [
        Row(
            f"document: {origin}",
            f"{_num(size)} MB",
            f"{_num(_mb(base) * 1e3)} kB x {copies << (STEPS - 1)}",
        ),
        Row(f"automaton of {len(names)} names: build", f"{_num(build)} ms"),
        Row(
            f"mentions(document): {found:,} found",
            f"{_num(rate)} MB/s",
            f"{_num(seconds)} s, {_num(seconds / regex_seconds)}x regex time",
            f">= {MENTIONS_MB_S:g} MB/s",
            _mark(rate >= MENTIONS_MB_S),
        ),
        Row(
            f"regex alternation, finditer: {regex_found:,} found",
            f"{_num(regex_rate)} MB/s",
            f"{_num(regex_seconds)} s, 1x regex time; {_num(regex_found / found)}x as many found",
        ),
        Row("  its re.compile", f"{_num(compiled)} ms"),
    ]

    # 7. Linearity in the size of the text.
    linear = []
    for step, (text, (took, _)) in enumerate(zip(texts, scans, strict=True)):
        growth = "" if not step else f"time {_num(took / scans[step - 1][0])}x the size before"
        linear.append(
            Row(
                f"{1 << step}x: {_num(_mb(text))} MB",
                f"{_num(took / _mb(text) * 1e3)} ms/MB",
                growth,
            )
        )

    # 8. Flatness in the number of names, on the same text.
    middle = texts[min(2, STEPS - 1)]
    words = [part for _, _, word in tokens(base) for part in word.split(" ")]
    vocabulary = sorted(set(words))
    count = SYNTHETIC * len(entries)
    flat = []
    real_seconds = 0.0
    for label, pairs in (
        ("real", entries),
        (f"+ {count:,} of random letters", entries + tuple(_synthetic(count, vocabulary, 0))),
        (
            f"+ {count:,}, 1/10 words of the text",
            entries + tuple(_synthetic(count, vocabulary, 0.1)),
        ),
    ):
        fresh = Linker(pairs)
        built = _build_ms(pairs)
        fresh.mentions(base)
        took, found = _timed(functools.partial(_mentions, fresh, middle))
        real_seconds = real_seconds or took
        known = {
            part for name, _ in pairs for _, _, word in tokens(name) for part in word.split(" ")
        }
        share = sum(word in known for word in words) / len(words)
        flat += [
            Row(f"Linker of {len(pairs):,} names ({label}): build", f"{_num(built)} ms"),
            Row(
                f"  mentions of {_num(_mb(middle))} MB: {found:,} found",
                f"{_num(took * 1e3)} ms",
                f"{_num(took / real_seconds)}x the real names; "
                f"{share:.0%} of the text's words are words of names",
            ),
        ]
    heading = f"median of {BIG}, MB = 10^6 bytes of UTF-8"
    return [
        _section(f"6. mentions() throughput on a large document ({heading})", throughput),
        _section(f"7. mentions() time per MB as the text doubles ({heading})", linear),
        _section(f"8. mentions() with 10x more names, same text ({heading})", flat),
    ]


def resolving() -> Section:
    data = mena_tip.dataset()
    a_dict = dict(data.linker._entries)  # every name as written -> a record ID

    def lookup(key: str) -> str:
        return a_dict[key]

    namespace = {
        "mena_tip": mena_tip,
        "data": data,
        "names": data.names,
        "a_dict": a_dict,
        "lookup": lookup,
    }
    rows = []
    for key in EXACT:
        found = mena_tip.resolve(key).id
        statements = {
            f'mena_tip.resolve("{key}") -> {found}': f"mena_tip.resolve({key!r})",
            "  data.resolve(key), without the module-level wrapper": f"data.resolve({key!r})",
            "  data.names.ids(key), the name index alone": f"names.ids({key!r})",
            "  a_dict[key]": f"a_dict[{key!r}]",
            "  lookup(key), a function returning a_dict[key]": f"lookup({key!r})",
        }
        if key != EXACT[0]:  # the breakdown once is enough (and keeps the run short)
            del statements["  data.resolve(key), without the module-level wrapper"]
            del statements["  lookup(key), a function returning a_dict[key]"]
        timings = {name: _per_call_us(code, namespace) for name, code in statements.items()}
        plain = timings["  a_dict[key]"]
        for name, us in timings.items():
            row = Row(name, f"{_num(us)} µs", f"{_num(us / plain)}x dict")
            if name.startswith("mena_tip"):
                row = row._replace(
                    target=f"<= {RESOLVE_X_DICT:g}x dict", mark=_mark(us <= RESOLVE_X_DICT * plain)
                )
            rows.append(row)
    return _section(f"9. resolve() of an exact name (in-process, warm, median of {WARM})", rows)


@contextlib.contextmanager
def _without(*modules: str) -> Iterator[None]:
    """Make ``import`` of these modules fail (ImportError) inside the block."""
    saved = {module: sys.modules.get(module) for module in modules}
    for module in modules:
        sys.modules[module] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for module, was in saved.items():
            if was is None:
                del sys.modules[module]
            else:
                sys.modules[module] = was


def _fuzzy(query: str) -> list[object]:
    """pycountry's fuzzy search, with its LookupError (nothing found) as no result."""
    try:
        return list(pycountry.countries.search_fuzzy(query))
    except LookupError:
        return []


def searching() -> Section:
    namespace = {"mena_tip": mena_tip, "fuzzy": _fuzzy}
    theirs = _per_call_us(f"fuzzy({MISSPELT[0]!r})", namespace) / 1e3
    countries = _fuzzy(MISSPELT[0])
    morocco = any(getattr(c, "alpha_2", None) == "MA" for c in countries)
    rows = []
    results = {}
    rapidfuzz = ("rapidfuzz", "rapidfuzz.fuzz", "rapidfuzz.process")
    fast = "rapidfuzz" if importlib.util.find_spec("rapidfuzz") else "no rapidfuzz installed"
    for label, blocked in ((fast, ()), ("pure Python", rapidfuzz)):
        with _without(*blocked):
            for query in MISSPELT:
                ms = _per_call_us(f"mena_tip.search({query!r})", namespace) / 1e3
                results[label, query] = matches = mena_tip.search(query)
                best = f"{matches[0].name} {matches[0].score:g}" if matches else "nothing"
                rows.append(
                    Row(
                        f'mena_tip.search("{query}"), {label}',
                        f"{_num(ms)} ms",
                        f"{best}; {_num(ms / theirs)}x pycountry",
                        f"< {SEARCH_MS:g} ms",
                        _mark(ms < SEARCH_MS),
                    )
                )
    same = all(results[fast, q] == results["pure Python", q] for q in MISSPELT)
    rows += [
        Row(
            f'pycountry.countries.search_fuzzy("{MISSPELT[0]}")',
            f"{_num(theirs)} ms",
            f"found Morocco: {'yes' if morocco else 'no'}"
            + ("" if countries else " (LookupError: nothing found)"),
        ),
        Row("both implementations rank the same matches", "yes" if same else "differ"),
    ]
    return _section(f"10. search() of a misspelt name (in-process, warm, median of {WARM})", rows)


# 12. The cold first query of the code under test beside that of a baseline revision.
BEFORE = "73b141f"  # --write's baseline: the last commit before the converter used cattrs again
ROUNDS = 4 * COLD  # rounds of fresh interpreters, one of each side per round
# The import alone and the whole first query, in one fresh interpreter (timed as in 2 (c)).
FIRST_QUERY_PARTS = """
import time
t0 = time.perf_counter_ns()
import mena_tip
t1 = time.perf_counter_ns()
mena_tip.organization("IOM")
t2 = time.perf_counter_ns()
print(t1 - t0, t2 - t0)
"""
WHERE = 'import mena_tip; mena_tip.organization("IOM"); print(mena_tip.__file__)'
# mena-tip's requirements (its extras left out), as installed.
REQUIRES = """
import re
from importlib import metadata
needs = [re.match(r"[A-Za-z0-9._-]+", r)[0] for r in metadata.requires("mena-tip") or ()
         if "extra ==" not in r]
print(", ".join(f"{name} {metadata.version(name)}" for name in needs) or "nothing")
"""


class Unbuilt(Exception):
    """A side of section 12 could not be built, installed or run (the message says why)."""


class Side(NamedTuple):
    label: str
    python: str  # an interpreter whose ``import mena_tip`` is this side's code
    requires: str  # mena-tip's requirements as installed beside it


def _tool(*command: str | Path, what: str) -> str:
    """The output of a command of the build (git, pip, venv), or Unbuilt naming ``what``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    try:
        done = subprocess.run(
            [str(part) for part in command], env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise Unbuilt(f"{what}: {error}") from error
    if done.returncode:
        raise Unbuilt(f"{what} failed (exit {done.returncode}): {_reason(done.stderr)}")
    return done.stdout.strip()


def _reason(errors: str) -> str:
    """The line of a tool's errors that says why: the last exception or ERROR line, else the
    last line that is not pip's decoration (pip also warns of every index it skips)."""
    lines = [line.strip() for line in errors.splitlines() if "is ignored" not in line]
    said = [line for line in lines if re.match(r"(\w+(Error|Exception)|ERROR|fatal): ", line)]
    other = [line for line in lines if line and not line.startswith(("hint:", "note:", "╰", "×"))]
    return (said or other or [""])[-1][:300]


def _constraints(path: Path) -> Path:
    """A pip constraints file of this environment's versions (mena-tip itself left out)."""
    pins: dict[str, str] = {}
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"] or "").lower()
        if name and name != "mena-tip":
            pins.setdefault(name, f"{name}=={dist.version}")  # the first on sys.path
    path.write_text("".join(f"{pin}\n" for pin in sorted(pins.values())), encoding="utf-8")
    return path


def _install(source: Path, folder: Path, label: str) -> Side:
    """A wheel of ``source`` installed with its dependencies (this environment's versions when
    they fit it) into a new venv in ``folder``, its bytecode compiled."""
    wheels, venv = folder / "wheel", folder / "venv"
    pip = (sys.executable, "-m", "pip")
    _tool(*pip, "wheel", "-q", "--no-deps", "-w", wheels, source, what=f"pip wheel of {label}")
    (wheel,) = wheels.glob("*.whl")
    _tool(sys.executable, "-m", "venv", "--without-pip", venv, what="python -m venv")
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = (*pip, "--python", python, "install", "-q")
    try:
        _tool(*install, "-c", _constraints(folder / "constraints.txt"), wheel, what="pip install")
    except Unbuilt:  # this environment's versions do not fit this side's requirements
        _tool(*install, wheel, what=f"pip install of {label}")
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = _tool(python, "-I", "-c", purelib, what="sysconfig")
    _tool(python, "-I", "-m", "compileall", "-q", site, what="compileall")
    return Side(label, str(python), _tool(python, "-I", "-c", REQUIRES, what="metadata"))


def _baseline(rev: str, folder: Path) -> Side:
    """The code of commit ``rev`` (``git archive``), installed in a venv of its own."""
    commit = _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if not commit:
        raise Unbuilt(f"{rev} is not a commit of this repository (not a clone, or a shallow one?)")
    command = ["git", "-C", str(BENCH.parent), "archive", "--format=tar", commit]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode:
        raise Unbuilt(f"git archive {rev} failed: {_reason(done.stderr.decode(errors='replace'))}")
    source = folder / "source"
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(source, filter="data")
        else:  # Python before 3.10.12 and 3.11.4 (and the archive is our own)
            archive.extractall(source)
    return _install(source, folder, _git("rev-parse", "--short", commit) or rev)


def _under_test(folder: Path) -> Side:
    """The code the other sections measure: when it is this source tree, built and installed
    like the baseline (uncommitted changes included); else as installed here."""
    if _from_this_tree():
        return _install(BENCH.parent, folder, f"this code{_commit()}")
    installed = _tool(sys.executable, "-I", "-c", REQUIRES, what="metadata")
    return Side(f"the installed mena-tip {mena_tip.__version__}", sys.executable, installed)


def _fresh(python: str, code: str, label: str) -> str:
    """What ``code`` prints in a fresh ``python -I`` (isolated: no PYTHON* variables, so
    bytecode is written and read as installed), or Unbuilt."""
    done = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True, check=False)
    if done.returncode:
        raise Unbuilt(f"{label}: a fresh interpreter failed: {_reason(done.stderr)}")
    return done.stdout.strip()


def _rounds(before: Side, after: Side) -> dict[str, list[list[float]]]:
    """The ms that each side and pycountry print, in ROUNDS rounds (every other one reversed)."""
    for side in (before, after):  # once first: any bytecode missing written, files cached
        where = Path(_fresh(side.python, WHERE, side.label))
        home = Path(side.python).parent.parent
        if side.python != sys.executable and not where.resolve().is_relative_to(home.resolve()):
            raise Unbuilt(f"{side.label}: mena_tip was imported from {where}, not its venv")
    _fresh(sys.executable, PYCOUNTRY_FIRST, "pycountry")
    runs = [
        ("before", before.python, FIRST_QUERY_PARTS),
        ("after", after.python, FIRST_QUERY_PARTS),
        ("pycountry", sys.executable, PYCOUNTRY_FIRST),
    ]
    samples: dict[str, list[list[float]]] = {name: [] for name, _, _ in runs}
    for number in range(ROUNDS):
        for name, python, code in runs if number % 2 == 0 else runs[::-1]:
            printed = _fresh(python, code, name).split()
            samples[name].append([float(x) / 1e6 for x in printed])
    return samples


def first_query(rev: str) -> Section:
    """12. ``import mena_tip; organization("IOM")`` (and the import alone) in fresh interpreters
    of the code under test and of ``rev``, each installed from a wheel, and pycountry's."""
    short = _git("rev-parse", "--short", f"{rev}^{{commit}}") or rev
    title = (
        f"12. Cold first query: this code against {short} "
        f"(fresh interpreters, alternating, median of {ROUNDS} rounds)"
    )
    with tempfile.TemporaryDirectory(prefix="mena-tip-first-query-") as temp:
        try:
            before = _baseline(rev, Path(temp) / "before")
            after = _under_test(Path(temp) / "after")
            samples = _rounds(before, after)
        except Unbuilt as error:
            why = str(error).replace("|", "/")  # a cell of RESULTS.md's table
            return _section(title, [Row(f"before ({rev}) and after", "not measured", why)])

    def spread(name: str, column: int) -> tuple[float, str]:
        """The median ms, and its middle half as text."""
        values = [sample[column] for sample in samples[name]]
        low, median, high = statistics.quantiles(values, n=4)
        return median, f"middle half {_num(low)}-{_num(high)} ms"

    def ratio(name: str, column: int, other: str, column_other: int) -> float:
        """The median of the rounds' ratios (a slow moment of the machine slows a whole round)."""
        pairs = zip(samples[name], samples[other], strict=True)
        return statistics.median(a[column] / b[column_other] for a, b in pairs)

    their_import, their_whole = (
        statistics.median(s[c] for s in samples["pycountry"]) for c in (0, 2)
    )
    rows = []
    for column, what, theirs, beside in (
        (1, 'import mena_tip; organization("IOM")', 2, "pycountry's import + first get()"),
        (0, "import mena_tip alone", 0, "pycountry's import"),
    ):
        (old, old_spread), (new, new_spread) = spread("before", column), spread("after", column)
        rows += [
            Row(
                f"before ({before.label}): {what}",
                f"{_num(old)} ms",
                f"{_num(ratio('before', column, 'pycountry', theirs))}x {beside}; {old_spread}",
            ),
            Row(
                f"after ({after.label}): {what}",
                f"{_num(new)} ms",
                f"{_num(ratio('after', column, 'pycountry', theirs))}x {beside}; {new_spread}",
            ),
            Row(
                "  after / before",
                f"{ratio('after', column, 'before', column):.3f}x",
                f"ratio of the medians {new / old:.3f}x ({new - old:+.3g} ms)",
            ),
        ]
    rows += [
        Row('pycountry: import pycountry; countries.get(alpha_2="MA")', f"{_num(their_whole)} ms"),
        Row("pycountry: import pycountry alone", f"{_num(their_import)} ms"),
    ]
    section = _section(title, rows)
    built = after.python != sys.executable  # else the mena_tip installed here
    section.notes.append(
        ("Each side is a wheel" if built else "Before is a wheel")
        + " (`pip wheel`) installed with its dependencies into a temporary venv of its own, "
        f"bytecode compiled: before, `git archive` of {short}, beside {before.requires}; after, "
        + ("the source tree as it is" if built else "mena_tip as installed in this environment")
        + f", beside {after.requires}. Each of the {ROUNDS} rounds runs one fresh `python -I` "
        "of before, after and pycountry (this environment's), every other round in reverse "
        "order, each timed inside the interpreter as in 2 (c). Ratios are medians of the "
        "rounds' ratios: a slow moment of the machine slows a whole round, not one side."
    )
    return section


def _first_line(path: str, prefix: str) -> str:
    """The value on the first line of a file that starts with ``prefix`` ("" if none)."""
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(prefix):
                    return line[len(prefix) :].strip().lstrip(":").strip().strip('"')
    except OSError:
        pass
    return ""


def _version(package: str) -> str:
    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"no {package}"


def environment() -> str:
    """One line: the machine, the system, Python, the libraries and the date."""
    cpu = _first_line("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"
    memory = _first_line("/proc/meminfo", "MemTotal:").split()
    ram = f"{int(memory[0]) / 2**20:.0f} GiB RAM" if memory else "unknown RAM"
    system = _first_line("/etc/os-release", "PRETTY_NAME=") or platform.system()
    libraries = ", ".join(_version(p) for p in ("pycountry", "attrs", "rapidfuzz"))
    return (
        f"{cpu} ({os.cpu_count()} CPUs, {platform.machine()}), {ram}, "
        f"{system} (Linux {platform.release()}), "
        f"{platform.python_implementation()} {platform.python_version()}; "
        f"mena-tip {mena_tip.__version__} (data {mena_tip.DATA_VERSION}{_commit()}), "
        f"{libraries}; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    )


def _git(*args: str) -> str:
    """What a git command prints in the repository of this script ("" if it fails)."""
    command = ["git", "-C", str(BENCH.parent), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:  # no git
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _from_this_tree() -> bool:
    """Whether the mena_tip measured is the source tree beside this script (its src/, not a
    copy installed in a venv inside the tree)."""
    source = BENCH.parent / "src"
    return bool(mena_tip.__file__) and Path(mena_tip.__file__ or "").is_relative_to(source)


def _commit() -> str:
    """The commit of the source tree measured, and whether src/ differed from it."""
    commit = _git("rev-parse", "--short", "HEAD")
    if not commit or not _from_this_tree():
        return ""
    dirty = _git("status", "--porcelain", "--", "src")
    return f", commit {commit}" + (" with uncommitted changes in src/" if dirty else "")


def _targets(sections: list[Section]) -> str:
    """One line: how many targets were met, and which were missed."""
    marks = [
        (row[0].strip(), row[-1])
        for section in sections
        if section.header[-1] == ""
        for row in section.rows
        if row[-1]
    ]
    missed = [
        name + mark.removeprefix("MISSED").replace(" at ", " (at ", 1) + ")" * (" at " in mark)
        for name, mark in marks
        if mark != "met"
    ]
    line = f"Targets met: {len(marks) - len(missed)} of {len(marks)}."
    return line + (f" MISSED: {'; '.join(missed)}." if missed else "")


def text(sections: list[Section], machine: str, footer: str) -> str:
    lines = [machine]
    for section in sections:
        rows = [section.header, *section.rows]
        width = [max(len(row[i]) for row in rows) for i in range(len(section.header))]
        lines += ["", section.title]
        for row in rows:
            cells = [
                cell.rjust(size) if 0 < i <= section.numbers else cell.ljust(size)
                for i, (cell, size) in enumerate(zip(row, width, strict=True))
            ]
            lines.append("  " + "  ".join(cells).rstrip())
        lines += [f"  {note}" for note in section.notes]
    lines += ["", _targets(sections), *([footer] if footer else [])]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A cell of a Markdown table: an indented row (a part of the one above) marked ↳."""
    return f"↳ {text.strip()}" if text.startswith("  ") else text.strip()


def markdown(sections: list[Section], machine: str, footer: str) -> str:
    lines = [
        f"<!-- Generated by `{COMMAND}`; do not edit by hand. -->",
        "# Benchmark results",
        "",
        machine + ".",
        "",
        "Ratios compare figures measured in this same run; see README.md. " + _targets(sections),
        *(["", f"**{footer}**"] if footer else []),
    ]
    for section in sections:
        rest = len(section.header) - 1 - section.numbers
        lines += ["", f"## {section.title}", ""]
        lines.append("| " + " | ".join(section.header) + " |")
        lines.append("|---|" + "--:|" * section.numbers + "---|" * rest)
        lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in section.rows]
        lines += [line for note in section.notes for line in ("", note)]
    return "\n".join(lines) + "\n"


def _replace_section(path: Path, section: Section, machine: str, footer: str) -> None:
    """Regenerate one section of RESULTS.md in place (``--write --only``): the other
    sections keep the run, machine and commit their header names; this one names its own."""
    old = path.read_text(encoding="utf-8")
    number = section.title.split(".", 1)[0]
    new = markdown([section], machine, footer).split("\n## ", 1)[1]
    note = (
        f"Section {number} alone, by `python bench/run.py --write --only first-query` on {machine}."
    )
    body = f"## {new.rstrip()}\n\n{note}\n"
    head, found, rest = old.partition(f"\n## {number}. ")
    if found:
        following = rest.find("\n## ")
        tail = "" if following < 0 else rest[following:]
        text = head.rstrip("\n") + "\n\n" + body + tail
    else:
        text = old.rstrip("\n") + "\n\n" + body
    path.write_text(text, encoding="utf-8")


COMMAND = "python bench/run.py --write"
CHANGED = (
    "The code or data of mena_tip changed during this run: its figures mix two versions. "
    "Run it again."
)


def _code() -> str:
    """A fingerprint of the code and data measured: every file of the mena_tip package."""
    package = Path(mena_tip.__file__ or "").parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark mena-tip against same-run baselines.")
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"measure every size up to {scale.SIZES[-1]:,}x and regenerate bench/RESULTS.md",
    )
    parser.add_argument(
        "--scale-max",
        type=int,
        choices=(0, *scale.SIZES),
        help=f"the largest synthetic size (0: none; default {scale.QUICK}, "
        f"or {scale.SIZES[-1]} with --write)",
    )
    parser.add_argument(
        "--scale-cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mena-tip-synthetic",
        help="where synthetic bundles are kept between runs (default: %(default)s)",
    )
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also compare the cold first query with that of this git revision, each built and "
        f"installed in a temporary venv (section 12; default with --write and --only: {BEFORE})",
    )
    parser.add_argument(
        "--only",
        choices=("first-query",),
        help="measure only this section (12: the cold first query against --before)",
    )
    args = parser.parse_args()
    largest = args.scale_max
    if largest is None:
        largest = scale.SIZES[-1] if args.write else scale.QUICK
    elif args.write and largest != scale.SIZES[-1]:
        parser.error("--write measures every size: RESULTS.md has them all")
    if args.write and args.before not in (None, BEFORE):
        parser.error(f"--write compares with BEFORE = {BEFORE!r} in bench/run.py: change it there")
    before = args.before or (BEFORE if args.write or args.only else None)
    machine, code = environment(), _code()  # the code measured: as the run starts
    sections = []
    if not args.only:
        sections += [cold_import(), first_load(), *warm(), memory(), *linking()]
        sections += [resolving(), searching()]
    if largest and not args.only:
        header, rows, notes = scale.run(largest, args.scale_cache, ENV)
        title = "11. Scale: today's records copied N times (see README.md; fresh interpreters)"
        sections.append(Section(title, header, rows, notes, len(header) - 3))
    if before:
        sections.append(first_query(before))
    footer = "" if _code() == code else CHANGED
    print(text(sections, machine, footer), end="")
    if args.write and args.only:
        _replace_section(BENCH / "RESULTS.md", sections[-1], machine, footer)
    elif args.write:
        (BENCH / "RESULTS.md").write_text(markdown(sections, machine, footer), encoding="utf-8")
    return 1 if any(row[1] == "NO" for section in sections for row in section.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
