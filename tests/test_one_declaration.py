"""A field is declared once, in records.py: every form of the data carries it from there.

The test copies the installed package, adds a field to one record class in the copy's
records.py, as a contributor would, and checks in a fresh interpreter that the JSON form,
the JSON Schema, the CSV tables and the Data Package carry it, with no other change.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import mena_tip

FIELD = "    motto: str | None = attrs.field(default=None, validator=NoneOr(Matches(MOTTO)))\n"
PATTERN = 'MOTTO: Final = re.compile(r"[A-Z][a-z ]+")\n'

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import attrs
    import mena_tip
    from mena_tip import records

    out = Path(sys.argv[1])
    data = mena_tip.dataset()
    iom = attrs.evolve(data.organization("IOM"), motto="Migration for all")
    records_ = [iom if record.id == iom.id else record for record in data]
    changed = mena_tip.Dataset(records_, data.register, data.data_version)
    shape = mena_tip.to_dict(iom)
    result = {
        "json": shape.get("motto"),
        "round_trip": mena_tip.from_dict(shape) == iom,
        "bad": None,
        "schema": mena_tip.json_schema("organization")["properties"].get("motto"),
    }
    try:
        mena_tip.from_dict({**shape, "motto": "lowercase"})
    except mena_tip.DataError as error:
        result["bad"] = str(error)
    mena_tip.write_datapackage(out, changed)
    header = (out / "organizations.csv").read_text(encoding="utf-8").splitlines()[0]
    result["csv_header"] = header.split(",")
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    table = next(r for r in descriptor["resources"] if r["name"] == "organizations")
    result["package_field"] = next(
        (f for f in table["schema"]["fields"] if f["name"] == "motto"), None
    )
    back = mena_tip.read_datapackage(out)
    result["package_round_trip"] = back.organization("IOM") == iom
    print(json.dumps(result))
    """
)


def test_a_new_field_reaches_every_form_from_its_declaration(tmp_path: Path) -> None:
    copy = tmp_path / "site" / "mena_tip"
    shutil.copytree(
        Path(mena_tip.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    source = (copy / "records.py").read_text(encoding="utf-8")
    head, _, rest = source.partition("class Organization:")
    end = rest.index("\n\n\n")
    assert "claims:" in rest[:end]
    source = head + "class Organization:" + rest[:end] + "\n" + FIELD.rstrip("\n") + rest[end:]
    source = source.replace("# -- validators ---", PATTERN + "\n\n# -- validators ---", 1)
    (copy / "records.py").write_text(source, encoding="utf-8")
    found = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "package")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(copy.parent), "PATH": ""},
        check=False,
    )
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert result["json"] == "Migration for all"
    assert result["round_trip"] is True
    assert "motto='lowercase' does not match [A-Z][a-z ]+" in result["bad"]
    assert result["schema"] == {"type": "string", "pattern": r"^(?:[A-Z][a-z ]+)$(?!\n)"}
    assert "motto" in result["csv_header"]
    assert result["package_field"] == {
        "name": "motto",
        "type": "string",
        "constraints": {"pattern": "[A-Z][a-z ]+"},
    }
    assert result["package_round_trip"] is True
