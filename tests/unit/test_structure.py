"""The floor plan holds: folders that are the layers, short modules, and docs that name
every module, so that the map cannot drift from the house.

docs/architecture.md lists every module under tui/ (by its path inside tui/), the
loader's docstring lists exactly the loader's modules, and no module grows past
MAX_LINES. The layers themselves are import-linter's contracts (pyproject.toml).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT

TUI = ROOT / "tui"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MODULES = sorted(TUI.rglob("*.py"))
MAX_LINES = 450
LONGER = {"app/widgets/matrix.py": 600}
"""Modules allowed past MAX_LINES, and how far: the matrix draws its own lines."""
ROOT_MODULES = {"__init__.py", "__main__.py", "cli.py", "safe.py"}
"""All that stays at tui/'s root: everything else lives in the folder of its layer."""


def _name(path: Path) -> str:
    return path.relative_to(TUI).as_posix()


def _describes_only(path: Path) -> bool:
    """A package's __init__ that holds its docstring and nothing else."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return (
        path.name == "__init__.py"
        and len(body) == 1
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
    )


def test_the_root_holds_only_the_entry_points_and_the_safe_text_path() -> None:
    assert {p.name for p in TUI.glob("*.py")} <= ROOT_MODULES


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_stay_short(path: Path) -> None:
    limit = LONGER.get(_name(path), MAX_LINES)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= limit, f"tui/{_name(path)} has {lines} lines (at most {limit}): split it"


DOCUMENTED = [p for p in MODULES if not _describes_only(p)]


@pytest.mark.parametrize("path", DOCUMENTED, ids=_name)
def test_architecture_names_every_module(path: Path) -> None:
    """Named by its path inside tui/ (`loader/files.py`), in backticks, where the module
    table says what it is for."""
    assert f"`{_name(path)}`" in ARCHITECTURE.read_text(encoding="utf-8"), (
        f"docs/architecture.md does not name `{_name(path)}`: add it to the module table"
    )


def test_the_loader_lists_exactly_its_modules() -> None:
    docstring = ast.get_docstring(ast.parse((TUI / "loader" / "__init__.py").read_text()))
    assert docstring is not None
    listed = re.findall(r"^- (\w+):", docstring, flags=re.MULTILINE)
    modules = sorted(p.stem for p in (TUI / "loader").glob("*.py") if p.name != "__init__.py")
    assert sorted(listed) == modules
    assert len(listed) == len(set(listed))


def test_the_checks_above_see_what_they_should() -> None:
    """The walk finds modules of every layer, and the docstring-only packages are told
    apart from those with code of their own."""
    names = {_name(p) for p in MODULES}
    assert {"cli.py", "loader/files.py", "model/records.py", "app/app.py"} <= names
    assert _describes_only(TUI / "model" / "__init__.py")
    assert not _describes_only(TUI / "loader" / "__init__.py")
    assert not _describes_only(TUI / "cli.py")
