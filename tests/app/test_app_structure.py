"""The dashboard's modules depend one way: screens and widgets never import the app.

They ask it for things by message (`MainScreen.EditRequested`), so any of them can
be mounted in another app (tests/app/screen_host.py does). Imports under
`if TYPE_CHECKING:` only name types for annotations and are allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

APP = ROOT / "tui" / "app"
MODULES = sorted(APP.rglob("*.py"))
MAX_LINES = 450
LONGER = {"widgets/matrix.py"}
"""Modules allowed past MAX_LINES: the matrix draws its own lines, and says why."""


def _name(path: Path) -> str:
    return path.relative_to(APP).as_posix()


def _runtime_imports(path: Path) -> list[str]:
    """Modules `path` imports when it runs (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ["tui", "app", *path.relative_to(APP).parent.parts]
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.append(base)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_the_scan_sees_imports_of_the_app() -> None:
    """The check itself works: a run-time import is noticed, an annotation-only one is not."""
    sample = APP / "screens" / "main.py"
    assert "tui.app.widgets.matrix.Matrix" in _runtime_imports(sample)
    assert "tui.app.grid" not in _runtime_imports(sample)  # under TYPE_CHECKING


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_only_the_entry_point_imports_the_app(path: Path) -> None:
    if _name(path) in {"__init__.py", "app.py"}:
        return
    assert "tui.app.app" not in _runtime_imports(path)
