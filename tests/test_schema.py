"""The shipped JSON Schema is what `summit schema` prints, and positions.yaml points
editors at it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "positions.schema.json"
MODELINE = "# yaml-language-server: $schema=docs/positions.schema.json"


def summit_schema() -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "schema"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_shipped_schema_is_in_sync() -> None:
    shipped = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert shipped == summit_schema(), (
        "docs/positions.schema.json is stale: run `summit schema > docs/positions.schema.json`"
    )


def test_schema_describes_the_format() -> None:
    schema = summit_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"summit", "sources", "parties", "topics", "positions"}
    assert schema["additionalProperties"] is False
    position = schema["$defs"]["Position"]
    assert position["properties"]["stance"]["$ref"] == "#/$defs/Stance"
    assert schema["$defs"]["Stance"]["enum"] == ["supports", "opposes", "conditional", "unclear"]
    # An editor flags a bad id (`US:`), not only a bad value.
    for name in ("sources", "parties", "topics"):
        assert schema["properties"][name]["additionalProperties"] is False
        assert list(schema["properties"][name]["patternProperties"]) == ["^[a-z0-9][a-z0-9_-]*$"]
    # Field docstrings reach the editor's hover text.
    assert position["properties"]["summary"]["description"]


def test_positions_yaml_starts_with_the_schema_modeline() -> None:
    with open(ROOT / "positions.yaml", encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n") == MODELINE
    # The path in the modeline is relative to positions.yaml, and the file is there.
    assert (ROOT / MODELINE.split("$schema=")[1]).is_file()
