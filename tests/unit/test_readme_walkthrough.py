"""The README's walk-through of adding an article works as written: init, add-source,
the example position pasted in, and `summit check` finds no error."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import FIXTURES, ROOT
from tui.cli import main
from tui.loader.pipeline import load_uncached

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGE = FIXTURES / "curate" / "article.html"


def example() -> str:
    """The indented YAML block after the walk-through, unindented by four spaces."""
    start = README.index("where what you add in the editor replaces")
    block = re.search(r"\n\n((?:    .*\n)+)", README[start:])
    assert block is not None
    return "".join(line[4:] + "\n" for line in block.group(1).splitlines())


def test_the_walkthrough_gives_a_valid_project(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    assert main(["init", str(folder)]) == 0
    assert main(["add-source", str(PAGE), "--append", "--project", str(folder)]) == 0
    path = folder / "positions.yaml"
    text = path.read_text(encoding="utf-8")
    assert "people: {}\n" in text and "positions: []\n" in text
    text = text.replace("people: {}\n", "").replace("positions: []\n", example())
    path.write_text(text, encoding="utf-8")
    result = load_uncached(path)
    assert result.errors == [], [d.format() for d in result.errors]
    assert result.records is not None and len(result.records.positions) == 1
    assert result.verified(0, 0)
