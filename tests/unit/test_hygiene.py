"""The data layer and the check path import no Textual (harlequin's import-hygiene test).

`summit check` and `summit snapshot` must not pay for the TUI: each probe runs in a
fresh interpreter and lists the `textual` modules it ended up with.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.helpers import probe

ALWAYS = ["tui.model.schema", "tui.safe", "tui.model.diagnostics", "tui.evidence.source_text"]
ALWAYS += ["tui.loader", "tui.loader.files", "tui.loader.yaml_guard", "tui.loader.locate"]
ALWAYS += ["tui.loader.validation", "tui.loader.checks", "tui.loader.result"]
ALWAYS += ["tui.loader.pipeline", "tui.loader.git"]
ALWAYS += ["tui.commands.check", "tui.report.render", "tui.cli", "tui.report.console"]
# Written by other helpers; checked as soon as they exist.
OPTIONAL = ["tui.analysis.snapshot", "tui.analysis.diff", "tui.analysis.coverage"]
OPTIONAL += ["tui.commands.snapshot", "tui.commands.diff", "tui.commands.coverage"]
OPTIONAL += [
    "tui.commands.schema",
    "tui.report.diff_text",
    "tui.report.coverage_text",
    "tui.report.snapshot_text",
]
OPTIONAL += ["tui.report.markdown", "tui.report.json"]
OPTIONAL += [
    "tui.commands.init",
    "tui.commands.add_source",
    "tui.authoring.archive",
    "tui.authoring.yamledit",
]


def test_probe_sees_textual(tmp_path: Path) -> None:
    """The probe itself works: importing Textual is noticed."""
    assert "textual" in probe(tmp_path, ["textual"])["loaded"]


@pytest.mark.parametrize(
    "module", ALWAYS + [m for m in OPTIONAL if importlib.util.find_spec(m) is not None]
)
def test_module_imports_no_textual(tmp_path: Path, module: str) -> None:
    assert probe(tmp_path, [module])["loaded"] == []


def test_modules_together_import_no_textual(tmp_path: Path) -> None:
    present = [m for m in OPTIONAL if importlib.util.find_spec(m) is not None]
    assert probe(tmp_path, ALWAYS + present)["loaded"] == []


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "invalid"])
def test_check_command_imports_no_textual(tmp_path: Path, write_file, broken: bool) -> None:
    path: Path = write_file()
    if broken:
        path.write_text(path.read_text().replace("stance: supports", "stance: maybe"))
    result = probe(tmp_path, [], ["check", str(path)])
    assert result == {"codes": [1 if broken else 0], "loaded": []}


def test_schema_command_imports_no_textual(tmp_path: Path) -> None:
    assert probe(tmp_path, [], ["schema"]) == {"codes": [0], "loaded": []}


def test_init_command_imports_no_textual(tmp_path: Path) -> None:
    assert probe(tmp_path, [], ["init", "project"]) == {"codes": [0], "loaded": []}


# The dashboard resolves its file (tui.loader.files) before Textual's first frame: that
# path must not import pydantic (about 90 ms) nor YAML.
LIGHT = ["tui.loader", "tui.loader.files"]


@pytest.mark.parametrize("module", LIGHT)
def test_resolving_the_file_imports_no_pydantic(tmp_path: Path, module: str) -> None:
    assert probe(tmp_path, [module], roots=("pydantic", "yaml", "tui.model.schema"))["loaded"] == []
