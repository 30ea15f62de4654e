"""The evidence index: callers ask the load result, the cross-checks change nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tests.helpers import MINIMAL
from tui.evidence.attribution import Basis
from tui.loader import load_path
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


OTHERS = MINIMAL.replace(
    "minister: {name: The minister, party: b}", "minister: {name: The minister}"
)
"""positions[1] (party b) then rests on a speaker of no party: others' account."""


def test_the_basis_of_each_position_is_decided_once_by_the_checks(
    write_file: Callable[..., Path],
) -> None:
    result = load_uncached(write_file(OTHERS))
    assert [result.basis(i) for i in range(3)] == [Basis.OWN, Basis.OTHERS, None]
    assert any("rests only on what The minister says" in d.message for d in result.warnings)
    # A cached load carries the same bases.
    assert load_path(write_file(OTHERS)).index.bases == result.index.bases
    assert load_path(write_file(OTHERS)).index.bases == result.index.bases  # the hit


def test_every_report_reads_the_basis_from_the_load(write_file: Callable[..., Path]) -> None:
    """The dashboard's grid and detail pane and the three snapshot formats show the basis
    the load holds: none of them decides it again (given another, they show that one)."""
    from tui.analysis.snapshot import build
    from tui.app.grid import Grid
    from tui.report.json import snapshot_json
    from tui.report.markdown import snapshot_markdown
    from tui.report.render import position_detail
    from tui.report.snapshot_text import snapshot_text

    result = load_uncached(write_file())
    assert result.index.bases == (Basis.OWN, Basis.OWN)
    result.index = replace(result.index, bases=(Basis.REPORTER, Basis.OTHERS))
    assert result.records is not None
    snap = build(result, [], [])
    assert json.loads(snapshot_json(snap))["positions"][0]["basis"] == "reporter"
    assert "*! reporter's account*" in snapshot_markdown(snap)
    assert "! others' account" in snapshot_text(snap, 100, color=False)
    assert Grid.build(result).basis(1) is Basis.OTHERS
    assert "! reporter's account" in position_detail(result.records, result, 0).plain
