"""The pages of docs/data/ that list what the bundled data holds, as reStructuredText.

Kept apart from conf.py so that they need no Sphinx: the tests import this module to check
that the documentation prints the data's own coverage table.
"""

from __future__ import annotations

from typing import Any

import mena_tip
from mena_tip import records
from mena_tip._coverage import table


def _cell(text: str) -> str:
    return " ".join(text.split()) or " "


def _list_table(header: list[str], rows: list[list[str]], widths: str = "") -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1"]
    lines += [f"   :widths: {widths}"] if widths else []
    lines.append("")
    for row in [header, *rows]:
        lines += [f"   * - {_cell(row[0])}", *(f"     - {_cell(cell)}" for cell in row[1:])]
    return [*lines, ""]


def coverage_page() -> str:
    """reST for the coverage table of the bundled data (the table ``mena-tip coverage`` prints)."""
    data = mena_tip.dataset()
    header, rows = table(data, data.coverage())
    topics = [f"``{name}``" for name in header[1:]]
    return "\n".join(_list_table([header[0], *topics], rows))


def _claim_line(claim: records.Claim) -> str:
    sources = ", ".join(f"``{c.source}``" for c in claim.citations)
    mark = "**preferred**" if claim.preferred else "not preferred"
    reason = f" {claim.reason}" if claim.reason else ""
    return f"``{claim.value}`` ({mark}; {sources}).{reason}"


def _absences(country: records.Country, cell: Any) -> str:
    said = [f"``{record_id}``" for record_id in cell.records]
    denied = [
        f"``{c.source}``" for a in country.absences if a.topic == cell.topic for c in a.citations
    ]
    return f"stated by {', '.join(said)}; denied by {', '.join(denied)}."


def contested_page() -> str:
    """reST listing every claim in the bundled data, by record, and every contested topic."""
    data = mena_tip.dataset()
    lines = ["Topics sources disagree on", "~~~~~~~~~~~~~~~~~~~~~~~~~~", ""]
    for cell in data.coverage():
        if cell.status == "contested":
            country = data.country(cell.country)
            lines.append(f"- {country.name}, ``{cell.topic}``: " + _absences(country, cell))
    lines += ["", "Tiers resting on a news summary or an inference", "~" * 47, ""]
    for assessment in data.assessments():
        flags = [flag for flag in ("secondary", "inferred") if getattr(assessment, flag)]
        if flags:
            name = data.country(assessment.country).name
            lines.append(
                f"- {name} {assessment.report_year}: ``{assessment.tier}`` ({', '.join(flags)}; "
                + ", ".join(
                    f"``{source}``"
                    for source in dict.fromkeys(c.source for c in assessment.citations)
                )
                + ")"
            )
    lines.append("")
    for record in data:
        found = records.claims(record)
        if not found:
            continue
        title = f"{record.name} (``{record.id}``)"
        lines += [title, "~" * len(title), ""]
        fields = dict.fromkeys(path for path, _ in found)
        for path in fields:
            lines += [f"``{path}``", ""]
            lines += [f"- {_claim_line(claim)}" for where, claim in found if where == path]
            lines.append("")
    return "\n".join(lines)
