"""The ``mena-tip`` command: look up and list records from a shell.

Human-readable tables by default, ``--json`` for machines. Bad input exits with status 2
and a message on standard error saying what was wrong.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ._version import DATA_VERSION, __version__
from .errors import REPR_LIMIT, DataError, shown
from .records import Organization

if TYPE_CHECKING:
    from ._dataset import Dataset
    from .records import Event

__all__ = ["main"]


def _label(dataset: Dataset, record_id: str | None) -> str:
    if record_id is None:
        return ""
    record = dataset.get(record_id)
    return (record.acronym if isinstance(record, Organization) else None) or record.name


def _place(dataset: Dataset, event: Event) -> str:
    if event.place is None:
        return ""
    return ", ".join(filter(None, [event.place.city, _label(dataset, event.place.country)]))


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _info(dataset: Dataset, args: argparse.Namespace) -> Any:
    counts = dataset.counts
    if args.json:
        return {"version": __version__, "data_version": dataset.data_version, "counts": counts}
    rows = [[kind, str(count)] for kind, count in counts.items()]
    return f"mena-tip {__version__}, data release {dataset.data_version}\n\n" + _table(
        rows, ["kind", "records"]
    )


_SPAN = (("start", "from"), ("end", "until"))


def _brief(item: Any) -> str:
    """One line for a field value or a part of a record (its citations left out)."""
    if not isinstance(item, dict):
        return str(item)
    if "scheme" in item:  # an identifier
        return f"{item['scheme']} {item['value']}"
    if "participant" in item:
        group = f"; one of “{item['group']}”" if item.get("group") else ""
        example = ", named as an example" if item.get("example") else ""
        return f"{item['participant']} ({item['role']}{group}{example})"
    if "title" in item:  # a post, or a rank (a title without organization or term)
        where = f" at {item['organization']}" if item.get("organization") else ""
        when = [f"{word} {item[field]}" for field, word in _SPAN if item.get(field)]
        when += item.get("attested", [])
        heads = ", head" if item.get("head") else ""
        return f"{item['title']}{where}{heads} ({', '.join(when)})"
    shown = {k: v for k, v in item.items() if k != "citations"}
    return json.dumps(shown, ensure_ascii=False)


def _show(dataset: Dataset, args: argparse.Namespace) -> Any:
    from ._convert import to_dict

    record = dataset.resolve(args.key, args.kind)
    if args.json:
        return to_dict(record)
    lines = [f"{record.id}  {record.name}"]
    for field, value in to_dict(record).items():
        if field in ("id", "citations", "claims") or value in ([], None):
            continue
        if field == "other_names":  # by language, in the record's order
            by_language: dict[str, list[str]] = {}
            for name in value:
                kind = f"{name['text']} ({name['kind']})"
                by_language.setdefault(name.get("language") or "no language", []).append(kind)
            for language, names in by_language.items():
                lines.append(f"  names ({language}): " + "; ".join(names))
            continue
        items = value if isinstance(value, list) else [value]
        lines.append(f"  {field}: " + "; ".join(_brief(item) for item in items))
    if isinstance(record, Organization):  # its heads, from their posts
        for person in dataset.persons(organization=record, include_subunits=False, head=True):
            titles = [p.title for p in person.posts if p.head and p.organization == record.id]
            lines.append(f"  head: {person.name}, {'; '.join(titles)} ({person.id})")
    for citation in getattr(record, "citations", ()):
        lines.append(f"  cited: {citation.source} “{citation.excerpt}”")
    return "\n".join(lines)


def _events(dataset: Dataset, args: argparse.Namespace) -> Any:
    from ._convert import to_dict

    found = dataset.events(
        country=args.country,
        organization=args.organization,
        person=args.person,
        programme=args.programme,
        kind=args.kind,
        pillar=args.pillar,
        concern=args.concern,
        since=args.since,
        until=args.until,
    )
    if args.json:
        return [to_dict(event) for event in found]
    rows = [
        [
            str(e.start or ""),
            e.kind.value,
            _place(dataset, e),
            e.title if len(e.title) <= 70 else e.title[:69] + "…",
            e.id,
        ]
        for e in found
    ]
    return _table(rows, ["start", "kind", "place", "title", "id"]) + f"\n\n{len(found)} event(s)"


def _resolve(dataset: Dataset, args: argparse.Namespace) -> Any:
    record = dataset.resolve(args.text, args.kind, country=args.country)
    if args.json:
        return {"id": record.id, "kind": record.KIND, "name": record.name}
    return f"{record.id}\t{record.name}"


def _search(dataset: Dataset, args: argparse.Namespace) -> Any:
    found = dataset.search(args.text, args.kind, args.limit)
    if args.json:
        return [{"id": m.id, "name": m.name, "score": m.score} for m in found]
    rows = [[f"{m.score:.2f}", m.id, m.name] for m in found]
    return _table(rows, ["score", "id", "name"]) if rows else "no close match"


def _read(path: str) -> str:
    try:
        if path == "-":
            return _read_stdin()
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, ValueError) as error:  # ValueError: undecodable text, a NUL in the name
        where = "standard input" if path == "-" else shown(path)
        reason = getattr(error, "strerror", None) or error
        raise ValueError(f"cannot read {where} as UTF-8 text: {reason}") from None


def _read_stdin() -> str:
    """Standard input, read as a file is: as UTF-8 whatever the locale, every newline a line
    feed, so that ``mentions FILE`` and ``mentions - < FILE`` give the same offsets."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream with no bytes beneath (one a program set)
        return sys.stdin.read()
    text = io.TextIOWrapper(stream, encoding="utf-8")
    try:
        return text.read()
    finally:
        text.detach()  # leave standard input open


def _mentions(dataset: Dataset, args: argparse.Namespace) -> Any:
    kinds = args.kinds.split(",") if args.kinds is not None else None
    found = dataset.mentions(_read(args.file), kinds, country=args.country)
    if args.json:
        return [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "id": m.id,
                "candidates": m.candidates,
                "how": m.how,
            }
            for m in found
        ]
    rows = [
        [str(m.start), str(m.end), m.text, m.id or "ambiguous: " + ", ".join(m.candidates), m.how]
        for m in found
    ]
    return _table(rows, ["start", "end", "text", "id", "how"]) + f"\n\n{len(found)} mention(s)"


def _coverage(dataset: Dataset, args: argparse.Namespace) -> Any:
    from ._coverage import coverage, table

    cells = coverage(dataset, args.country)
    if args.json:
        return [
            {"country": c.country, "topic": c.topic, "status": c.status, "records": c.records}
            for c in cells
        ]
    header, rows = table(dataset, cells)
    return _table(rows, header)


def _export(dataset: Dataset, args: argparse.Namespace) -> Any:
    from pathlib import Path

    from ._export import write_csv, write_datapackage
    from ._schema import write_json_schemas, write_jsonld

    directory = Path(args.directory)
    write = {
        "csv": write_csv,
        "datapackage": write_datapackage,
        "jsonld": write_jsonld,
        "json-schema": write_json_schemas,
    }[args.format]
    try:
        crowded = os.path.isdir(args.directory) and bool(os.listdir(args.directory))
    except OSError as error:  # a folder that cannot be listed
        raise ValueError(f"cannot write to {shown(args.directory)}: {error.strerror}") from None
    if crowded and not args.force:
        raise ValueError(
            f"{shown(args.directory)} is not empty: export into a new or empty folder, or "
            "give --force to replace the files of the same names there"
        )
    try:
        written = write(args.directory, dataset)
    except OSError as error:  # its message names the folder
        raise ValueError(error.strerror or str(error)) from None
    if args.json:
        return {
            "format": args.format,
            "data_version": dataset.data_version,
            "directory": str(directory),
            "files": [path.name for path in written],
        }
    return (
        f"wrote {len(written)} file(s) ({args.format}, data {dataset.data_version}) to {directory}"
    )


def _diff(dataset: Dataset, args: argparse.Namespace) -> Any:
    from ._api import load
    from ._diff import diff

    found = diff(load(args.old), dataset if args.new is None else load(args.new))
    if args.json:
        return found.to_json()
    return found.to_markdown() if args.markdown else str(found)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, except that a usage error quoting a long bad value (argparse
    quotes it whole) is cut as mena-tip's messages are (see :mod:`mena_tip.errors`)."""

    def error(self, message: str) -> NoReturn:
        if len(message) > 2 * REPR_LIMIT:
            message = message[: 2 * REPR_LIMIT] + "…"
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mena-tip",
        description="Query the mena-tip records of counter-trafficking cooperation in MENA.",
    )
    parser.add_argument(
        "--version", action="version", version=f"mena-tip {__version__} (data {DATA_VERSION})"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[..., Any] | None, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--json", action="store_true", help="print JSON instead of text")
        sub.add_argument(
            "--data", metavar="DIR", help="query the bundle in DIR instead of the installed one"
        )
        sub.set_defaults(run=run)
        return sub

    command("info", _info, "show the package and data versions and the record counts")
    show = command("show", _show, "show one record by ID, name or acronym")
    show.add_argument("key")
    show.add_argument("--kind", help="the kind of record (organization, person, country, …)")
    events = command("events", _events, "list events, by date, filtered by the options")
    for option in ("country", "organization", "person", "programme"):
        events.add_argument(
            f"--{option}", metavar="KEY", help=f"only events with this {option} (ID or name)"
        )
    events.add_argument("--kind", help="only events of this kind (roundtable, workshop, …)")
    events.add_argument("--pillar", help="only events that addressed this pillar")
    events.add_argument("--concern", help="only events about trafficking or smuggling")
    events.add_argument(
        "--since", metavar="DATE", help="only events certainly starting on or after DATE"
    )
    events.add_argument(
        "--until", metavar="DATE", help="only events certainly ending on or before DATE"
    )
    resolve = command("resolve", _resolve, "print the ID of the record a name denotes")
    resolve.add_argument("text")
    resolve.add_argument("--kind", help="the kind of record to look for")
    resolve.add_argument("--country", help="only records of this country (ID, code or name)")
    search = command("search", _search, "list the records whose names are closest to a text")
    search.add_argument("text")
    search.add_argument("--kind", help="the kind of record to look for")
    search.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    mentions = command(
        "mentions", _mentions, "list every mention of a known record in a text, with offsets"
    )
    mentions.add_argument("file", help="a UTF-8 text file, or - for standard input")
    mentions.add_argument(
        "--kinds", help="only records of these kinds, comma-separated (default: all but sources)"
    )
    mentions.add_argument(
        "--country", help="the country the text is about: generic names are read as its first"
    )
    coverage = command(
        "coverage", _coverage, "show, per country and topic, what the data knows (or not)"
    )
    coverage.add_argument("country", nargs="?", help="one country (default: every MENA country)")
    export = command(
        "export",
        _export,
        "write the data as CSV tables, a Frictionless Data Package, JSON-LD or JSON Schemas",
    )
    export.add_argument("directory", metavar="DIR", help="the folder to write (made if missing)")
    export.add_argument(
        "--format",
        choices=["csv", "datapackage", "jsonld", "json-schema"],
        default="datapackage",
        help="csv: a table per record kind and link tables; datapackage (the default): the "
        "same tables and datapackage.json describing them; jsonld: one JSON-LD document "
        "(schema.org); json-schema: the JSON Schema of each record kind",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even if it is not empty, replacing files of the same names",
    )
    changes = command(
        "diff", _diff, "list the records added, removed and changed from one release to another"
    )
    changes.add_argument("old", metavar="OLD", help="the bundle folder of the older release")
    changes.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="the bundle folder of the newer release (default: the installed data, or --data)",
    )
    changes.add_argument(
        "--markdown",
        action="store_true",
        help="print a Markdown list for a changelog: IDs added and removed, fields changed",
    )
    # verify needs no dataset: main() runs it itself.
    verify = command("verify", None, "check a bundle's files against its manifest")
    verify.add_argument("path", nargs="?", help="the bundle folder (default: the installed data)")
    verify.add_argument(
        "--texts",
        metavar="DIR",
        help="also check every citation by offsets against the source texts in DIR "
        "(found by the SHA-256 their source records give)",
    )
    return parser


def _printable(text: str, stream: Any) -> str:
    """``text`` with what ``stream`` cannot encode as backslash escapes: the undecodable
    bytes of a file name (lone surrogates), or any non-ASCII on an ASCII terminal."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 damaged data, 2 bad input)."""
    from . import _api
    from .errors import AmbiguousIdentifier, UnknownIdentifier

    args = _parser().parse_args(argv)
    try:
        if args.command == "verify":
            path = args.path if args.path is not None else args.data
            problems = _api.verify(path, texts=args.texts)
            status = 1 if problems else 0
            output: Any = "\n".join(problems) or "the bundle matches its manifest"
            if args.json:
                output = {"ok": not problems, "problems": list(problems)}
        else:
            data = _api.dataset() if args.data is None else _api.load(args.data)
            output = args.run(data, args)
            status = 0
    except (UnknownIdentifier, AmbiguousIdentifier, ValueError, TypeError) as error:
        damaged = isinstance(error, DataError)
        message = f"mena-tip: {'damaged data: ' if damaged else ''}{error}"
        print(_printable(message, sys.stderr), file=sys.stderr)
        return 1 if damaged else 2
    text = json.dumps(output, ensure_ascii=False, indent=2) if args.json else str(output)
    try:
        print(_printable(text, sys.stdout))
        sys.stdout.flush()
    except BrokenPipeError:  # `mena-tip events | head`: the reader left; that is no error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status
