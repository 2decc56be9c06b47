"""Benchmark mena-tip against baselines measured in the same run (see bench/README.md).

python bench/run.py           # print the table
python bench/run.py --write   # and regenerate bench/RESULTS.md from it
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import importlib.util
import math
import os
import platform
import random
import re
import statistics
import string
import subprocess
import sys
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
MISSPELT = ("Morroco", "Naela Gaber", "Intl Org for Migration")
EXACT = ("International Organization for Migration", "IOM")
FILLER = ("the", "of", "and", "in", "to", "for", "with", "was", "said", "meeting", "victims")


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


def _target(met: bool, what: str) -> str:
    return f"target {what}: {'met' if met else 'MISSED'}"


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
            f"{_num(seconds)} s, {_num(seconds / regex_seconds)}x regex time; "
            + _target(rate >= MENTIONS_MB_S, f">= {MENTIONS_MB_S:g} MB/s"),
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
        (f"6. mentions() throughput on a large document ({heading})", throughput),
        (f"7. mentions() time per MB as the text doubles ({heading})", linear),
        (f"8. mentions() with 10x more names, same text ({heading})", flat),
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
            ratio = f"{_num(us / plain)}x dict"
            if name.startswith("mena_tip"):
                ratio += "; " + _target(
                    us <= RESOLVE_X_DICT * plain, f"<= {RESOLVE_X_DICT:g}x dict"
                )
            rows.append(Row(name, f"{_num(us)} µs", ratio))
    return f"9. resolve() of an exact name (in-process, warm, median of {WARM})", rows


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
                        f"{best}; {_num(ms / theirs)}x pycountry; "
                        + _target(ms < SEARCH_MS, f"< {SEARCH_MS:g} ms"),
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
    return f"10. search() of a misspelt name (in-process, warm, median of {WARM})", rows


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
    sections = [cold_import(), first_load(), *warm(), memory(), *linking()]
    sections += [resolving(), searching()]
    print(text(sections), end="")
    if args.write:
        (BENCH / "RESULTS.md").write_text(markdown(sections), encoding="utf-8")
    return 1 if any(row.value.startswith("NO") for _, rows in sections for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
