"""Shared fixtures. Tests never read the developer's own positions.yaml: every
test names its file explicitly, and the shipped file is copied before use."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# In CI, property tests run a fixed set of examples (the same every run, a few seconds);
# locally, Hypothesis's default profile explores new ones each time.
settings.register_profile("ci", derandomize=True, max_examples=100, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "positions.yaml"
SEEDS = ROOT / "seeds"

ARTICLE = (
    "The minister said: \u201cWe will not give up an inch.\u201d\n"
    "Talks could resume \u2014 but only after a ceasefire \u2026 officials said.\n"
    "A second paragraph about sanctions and tariffs.\n"
)

MINIMAL = """\
summit:
  title: Test summit
  location: Nowhere
  date: 2025-08-15
  as_of: 2025-08-13
sources:
  art:
    outlet: Test Outlet
    title: A test article
    published: 2025-08-13
    file: article.txt
    published_basis: stated
parties:
  a: {name: Alpha, short: A}
  b: {name: Beta, short: B}
topics:
  ceasefire: {title: Ceasefire, question: Should a ceasefire come first?}
positions:
  - party: a
    topic: ceasefire
    stance: supports
    summary: Alpha wants a ceasefire first.
    evidence:
      - source: art
        quote: "Talks could resume - but only after a ceasefire ... officials said."
        voice: reported
        speaker: officials
  - party: b
    topic: ceasefire
    stance: opposes
    summary: Beta will not give up territory.
    evidence:
      - {source: art, quote: "We will not give up an inch.", voice: direct, speaker: minister}
people:
  officials: {name: officials, role: unnamed officials, party: a}
  minister: {name: The minister, party: b}
"""


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a positions file (and its article) into a temporary folder."""

    def write(
        text: str = MINIMAL,
        name: str = "positions.yaml",
        article: str | None = ARTICLE,
        dedent: bool = True,
    ) -> Path:
        if article is not None:
            (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A private copy of the shipped positions.yaml and its seeds."""
    shutil.copy(SHIPPED, tmp_path / "positions.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "positions.yaml"
