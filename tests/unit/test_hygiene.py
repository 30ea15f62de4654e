"""The data layer and the check path import no Textual (harlequin's import-hygiene test).

`summit check` and `summit snapshot` must not pay for the TUI: each probe runs in a
fresh interpreter and lists the `textual` modules it ended up with.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, probe

TUI = ROOT / "tui"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


APP_HEADLESS = ["tui.app", "tui.app.grid", "tui.app.passages", "tui.app.since"]
APP_HEADLESS += ["tui.app.watch", "tui.app.editor"]
"""The dashboard's modules that need no Textual: its entry point (which reads the cached
load before Textual is imported), its data, its watcher and its editor."""
HEADLESS = sorted(
    [
        _module(path)
        for path in TUI.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py") and "app" not in path.parts
    ]
    + ["tui.loader", *APP_HEADLESS]
)
"""Every module outside the dashboard, found rather than listed so that a new one is held
too; of the packages, those whose __init__ does more than describe the package."""


def test_probe_sees_textual(tmp_path: Path) -> None:
    """The probe itself works: importing Textual is noticed."""
    assert "textual" in probe(tmp_path, ["textual"])["loaded"]


def test_the_walk_finds_the_modules() -> None:
    """The list is the package's modules: some of every layer, none of Textual's screens."""
    for module in ("tui.cli", "tui.model.records", "tui.loader.files", "tui.report.render"):
        assert module in HEADLESS
    assert "tui.app.grid" in HEADLESS and "tui.app.screens.main" not in HEADLESS


@pytest.mark.parametrize("module", HEADLESS)
def test_module_imports_no_textual(tmp_path: Path, module: str) -> None:
    assert probe(tmp_path, [module])["loaded"] == []


def test_modules_together_import_no_textual(tmp_path: Path) -> None:
    assert probe(tmp_path, HEADLESS)["loaded"] == []


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
HEAVY = ("pydantic", "yaml", "tui.model.schema")


@pytest.mark.parametrize("module", LIGHT)
def test_resolving_the_file_imports_no_pydantic(tmp_path: Path, module: str) -> None:
    assert probe(tmp_path, [module], roots=HEAVY)["loaded"] == []


def test_opening_an_article_imports_no_yaml(tmp_path: Path) -> None:
    """The viewer writes evidence items to paste (tui.authoring.citing) without a YAML
    library: the dashboard's process stays free of YAML and pydantic."""
    viewer = ["tui.app.screens.viewer", "tui.authoring.citing", "tui.authoring.scalars"]
    assert probe(tmp_path, viewer, roots=HEAVY)["loaded"] == []
