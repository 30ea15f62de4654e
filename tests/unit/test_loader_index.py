"""The evidence index: callers ask the load result, the cross-checks change nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from tests.helpers import MINIMAL
from tui.loader.checks import cross_check
from tui.loader.files import folder_reader
from tui.loader.lines import Lines
from tui.loader.locate import Locator
from tui.loader.pipeline import load_uncached
from tui.loader.result import EvidenceIndex, Located
from tui.loader.yaml_guard import Builder, compose, decode

UNFOUND = MINIMAL.replace("We will not give up an inch.", "We will give up everything.")


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_result_answers_where_each_quote_stands(write_file: Callable[..., Path]) -> None:
    path = write_file(UNFOUND)
    result = load_uncached(path)
    found = result.evidence(0, 0)
    assert isinstance(found, Located)
    assert found.source == "art"
    assert found.text is result.text_of("art")
    start, end = found.span
    assert found.text.text[start:end].startswith("Talks could resume")
    assert result.span(0, 0) == found.span
    assert result.verified(0, 0)
    # The quote of positions[1] is not in the article: known to be missing, not an error.
    assert result.evidence(1, 0) is None
    assert result.span(1, 0) is None
    assert not result.verified(1, 0)
    assert result.line_of(0) == line_of(UNFOUND, "  - party: a")
    assert result.line_of(1) == line_of(UNFOUND, "  - party: b")


def test_result_answers_for_what_was_never_checked(write_file: Callable[..., Path]) -> None:
    result = load_uncached(write_file())
    assert result.evidence(7, 0) is None
    assert result.evidence(0, 7) is None
    assert not result.verified(0, 7)
    assert result.line_of(7) == 1
    assert result.line_of(-1) == 1
    assert result.text_of("no-such-source") is None


def test_a_refused_file_has_an_empty_index(tmp_path: Path) -> None:
    result = load_uncached(tmp_path / "missing.yaml")
    assert result.index == EvidenceIndex()
    assert result.evidence(0, 0) is None
    assert result.line_of(0) == 1
    assert dict(result.texts) == {}


def test_cross_checks_return_the_index_and_change_nothing(
    write_file: Callable[..., Path],
) -> None:
    path = write_file(UNFOUND)
    lines = Lines(decode(path.read_bytes()))
    root = compose(lines)
    raw = Builder(lines).build(root)
    before = copy.deepcopy(raw)
    checks = cross_check(raw, Locator(root, "positions.yaml", lines), folder_reader(path.parent))
    messages: list[str] = []
    try:
        while True:
            messages.append(next(checks).message)
    except StopIteration as stop:
        index = stop.value
    assert raw == before
    assert any("positions[1].evidence[0].quote: not found" in m for m in messages)
    assert isinstance(index, EvidenceIndex)
    assert set(index.located) == {(0, 0)}
    assert index.lines == (
        line_of(UNFOUND, "  - party: a"),
        line_of(UNFOUND, "  - party: b"),
    )
    assert list(index.texts) == ["art"]
