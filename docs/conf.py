"""Sphinx configuration for the mena-tip documentation.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``. Pages that
must follow the code (the code lists, the command-line usage) are written into
``docs/_generated/`` from the package itself each time this file is read, so a clean
checkout builds and the pages cannot drift from the code.
"""

from __future__ import annotations

import argparse
import enum
import importlib.util
import inspect
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "_generated"

# Prefer an installed mena-tip (the wheel under test); fall back to the source tree.
if importlib.util.find_spec("mena_tip") is None:
    sys.path.insert(0, str(HERE.parent / "src"))

from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.typing import stringify_annotation

import mena_tip
from mena_tip import cli, dates, errors, names, records

sys.path.insert(0, str(HERE))
from data_pages import (
    CATALOGUE_CSS,
    FIGURES,
    catalogue,
    contested_page,
    coverage_page,
    figures_page,
    linking_page,
    network_png,
    timeline_png,
)

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# -- project -----------------------------------------------------------------------------

project = "mena-tip"
author = "The mena-tip contributors"
project_copyright = "the mena-tip contributors"
release = mena_tip.__version__
version = mena_tip.DATA_VERSION

# -- general -----------------------------------------------------------------------------

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
root_doc = "index"
language = "en"
default_role = "code"
nitpicky = True
nitpick_ignore = [
    # The standard library cannot be linked without intersphinx (no network here).
    ("py:class", "datetime.date"),
    ("py:class", "decimal.Decimal"),
    ("py:class", "os.PathLike"),
    ("py:class", "importlib.resources.abc.Traversable"),
    ("py:class", "importlib.abc.Traversable"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "typing.Any"),
    ("py:class", "typing.Literal"),
    ("py:class", "re.Pattern"),
    # Third-party types in the validators' signatures (attrs has no inventory offline).
    ("py:class", "attrs.Attribute"),
    ("py:exc", "ValueError"),
    ("py:exc", "LookupError"),
    ("py:exc", "Exception"),
    ("py:exc", "UserWarning"),
    # Type variables of generic signatures have no page of their own.
    ("py:class", "mena_tip._convert.R"),
    # The records module docstring names fields that every record class has; each class
    # documents its own.
    ("py:attr", "id"),
    ("py:attr", "claims"),
]

# -- autodoc -----------------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
# Records are attrs classes whose constructors list every field: show the fields instead.
autodoc_class_signature = "separated"

# -- HTML --------------------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"mena-tip {release}"
html_theme_options = {
    "description": "Citable records of counter-trafficking cooperation in MENA",
    "fixed_sidebar": True,
}
html_show_sourcelink = False
# The catalogue's style sheet is written with the generated pages (see generate()).
html_static_path = ["_generated/static"]
html_css_files = ["data.css"]

# -- generated pages ---------------------------------------------------------------------


def _write(name: str, content: str | bytes) -> None:
    """Write a generated file, leaving it untouched when unchanged (no needless rebuilds)."""
    path = GENERATED / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def _code_lists() -> Iterator[type[enum.Enum]]:
    """Every code list of :mod:`mena_tip.records`, in source order."""
    found = [
        value
        for value in vars(records).values()
        if isinstance(value, type)
        and issubclass(value, enum.Enum)
        and value.__module__ == records.__name__
        and list(value)
    ]
    yield from sorted(found, key=lambda code: inspect.getsourcelines(code)[1])


def _doc(value: object) -> list[str]:
    return inspect.cleandoc(getattr(value, "__doc__", None) or "").splitlines()


def _cell(text: str) -> str:
    return " ".join(text.split()) or " "


def code_lists_page() -> str:
    """reST for every code list: a class target, its docstring, a table of its codes."""
    comments = ModuleAnalyzer.for_module(records.__name__).find_attr_docs()
    lines = [".. py:currentmodule:: mena_tip.records", ""]
    for codes in _code_lists():
        name = codes.__name__
        lines += [name, "-" * len(name), "", f".. py:class:: {name}", ""]
        lines += [f"   {line}".rstrip() for line in _doc(codes)]
        lines += ["", "   .. list-table::", "      :header-rows: 1", "      :widths: 25 30 45", ""]
        lines += ["      * - Code", "        - Member", "        - Meaning"]
        for member in codes:
            meaning = " ".join(comments.get((name, member.name), []))
            members = getattr(member, "members", None)
            if isinstance(members, frozenset):
                meaning += f" Members: {', '.join(sorted(members))}."
            lines += [
                f"      * - ``{member.value}``",
                f"        - ``{name}.{member.name}``",
                f"        - {_cell(meaning)}",
            ]
        lines.append("")
        for attribute, value in vars(codes).items():
            if isinstance(value, property) and not attribute.startswith("_"):
                hint = inspect.signature(value.fget).return_annotation if value.fget else ""
                lines += [f"   .. py:property:: {attribute}", f"      :type: {hint}", ""]
                lines += [f"      {line}".rstrip() for line in _doc(value)]
                lines.append("")
    return "\n".join(lines)


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def cli_usage() -> dict[str, str]:
    """The ``--help`` text of the command and of each subcommand, at a fixed width."""
    saved = {key: os.environ.get(key) for key in ("COLUMNS", "PYTHON_COLORS", "NO_COLOR")}
    os.environ.update(COLUMNS="90", PYTHON_COLORS="0", NO_COLOR="1")
    try:
        parser = cli._parser()
        usage = {"mena-tip": parser.format_help()}
        usage.update(
            (f"mena-tip-{name}", sub.format_help()) for name, sub in _subcommands(parser).items()
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return usage


def cli_page() -> str:
    """reST for the usage of the command and of each subcommand, in a literal block each."""
    lines: list[str] = []
    for name, text in cli_usage().items():
        if name != "mena-tip":
            title = f"``{name.removeprefix('mena-tip-')}``"
            lines += [title, "~" * len(title), ""]
        lines += [".. code-block:: text", ""]
        lines += [f"   {line}".rstrip() for line in text.splitlines()]
        lines.append("")
    return "\n".join(lines)


def generate() -> None:
    """Write every generated file, and remove the ones no longer generated."""
    files: dict[str, str | bytes] = {
        "codelists.rst.inc": code_lists_page(),
        "cli-usage.rst.inc": cli_page(),
        "coverage.rst.inc": coverage_page(),
        "contested.rst.inc": contested_page(),
        "figures.rst.inc": figures_page(),
        "linking.rst.inc": linking_page(),
        FIGURES["timeline"]: timeline_png(),
        FIGURES["network"]: network_png(),
        "static/data.css": CATALOGUE_CSS,
    }
    files.update((f"catalogue/{page}.rst.inc", text) for page, text in catalogue().items())
    for name, content in files.items():
        _write(name, content)
    for path in sorted(GENERATED.rglob("*"), reverse=True):  # files before their folders
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.relative_to(GENERATED).as_posix() not in files:
            path.unlink()


generate()

# -- cross-references --------------------------------------------------------------------


def _home(name: str) -> str | None:
    """The module of mena_tip that defines a public name (its ``__all__`` lists it)."""
    value = getattr(mena_tip, name)
    for module_name, module in sorted(sys.modules.items()):
        if (
            module_name.startswith("mena_tip.")
            and name in getattr(module, "__all__", ())
            and getattr(module, name, None) is value
        ):
            return module_name
    return None


def _public_alias(target: str) -> Iterator[str]:
    """Other names of a documented object: ``mena_tip.X`` <-> its defining module's name."""
    prefix, _, rest = target.partition(".")
    if prefix != "mena_tip" or not rest:
        return
    head, _, tail = rest.partition(".")
    if head in mena_tip.__all__:  # mena_tip.Citation -> mena_tip.records.Citation
        home = _home(head)
        if home:
            yield f"{home}.{rest}"
    name = tail.partition(".")[0]
    if name in mena_tip.__all__ and _home(name) == f"mena_tip.{head}":
        yield f"mena_tip.{tail}"  # mena_tip.records.Citation -> mena_tip.Citation


def resolve_alias(app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Any) -> Any:
    """Resolve a reference written with a public name to where autodoc documented it.

    The API is imported as ``mena_tip.X``, but signatures name the defining module
    (``mena_tip.records.Citation``); either spelling links to the one documented entry.
    """
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    written = [node["reftarget"]]
    if node.get("py:module"):  # a relative name in a docstring: Dataset.resolve
        written.append(f"{node['py:module']}.{node['reftarget']}")
    for target in (alias for name in written for alias in _public_alias(name)):
        found = domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
        )
        if found is not None:
            return found
    return None


# Type aliases that Python expands into long unions; signatures show them by name. Longest
# first: Key contains Record.
_DATASET = mena_tip.Dataset.__module__
TYPE_ALIASES = {
    f"{_DATASET}.Key": sys.modules[_DATASET].Key,
    "mena_tip.dates.DateLike": dates.DateLike,
    "mena_tip.records.Record": records.Record,
}


def shorten_aliases(  # noqa: PLR0917 (the signature of Sphinx's event)
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """Write ``Key`` for ``str | Organization | Person | …`` in signatures, and so on."""
    for alias, value in TYPE_ALIASES.items():
        expanded = stringify_annotation(value, "smart")
        if signature:
            signature = signature.replace(expanded, f"~{alias}")
        if return_annotation:
            return_annotation = return_annotation.replace(expanded, f"~{alias}")
    return signature, return_annotation


def check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about any public name of mena_tip that the reference does not document."""
    documented = set(env.get_domain("py").objects)  # type: ignore[attr-defined]
    short = {name.rpartition(".")[2] for name in documented if name.count(".") <= 2}
    for module in (mena_tip, records, dates, names, errors):
        for name in module.__all__:
            if f"{module.__name__}.{name}" not in documented and name not in short:
                logger.warning("%s.%s is public but not documented", module.__name__, name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", resolve_alias)
    app.connect("autodoc-process-signature", shorten_aliases)
    app.connect("env-check-consistency", check_coverage)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
