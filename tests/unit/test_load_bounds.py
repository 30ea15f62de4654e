"""Bounded work: however many problems a file holds, at most MAX_SHOWN are listed, then
one line for the rest, and collecting stops soon after the cap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, summit_peak
from tui.loader.pipeline import MAX_SHOWN, load_uncached
from tui.model.diagnostics import summary


def test_a_million_style_broken_positions_stop_after_the_cap(
    write_file: Callable[..., Path],
) -> None:
    text = write_file().read_text()
    head = text[: text.index("positions:")]
    path = write_file(head + "positions: [" + ", ".join(["{}"] * 5000) + "]\n", dedent=False)
    result = load_uncached(path, "p.yaml")
    assert len(result.diagnostics) == MAX_SHOWN + 1
    *listed, last = result.diagnostics
    assert all(d.is_error for d in listed)
    assert last.format() == (
        f"p.yaml:{listed[-1].line}:{listed[-1].col}: error: ... and more errors, not counted: "
        f"reading stopped after the first {MAX_SHOWN}; fix these and run again"
    )
    assert [(d.line, d.col) for d in result.diagnostics] == sorted(
        (d.line, d.col) for d in result.diagnostics
    )
    assert summary(result.diagnostics, "p.yaml") == (
        f"p.yaml: invalid: more than {MAX_SHOWN} errors, 0 warnings"
    )


def test_a_few_more_than_the_cap_are_counted(write_file: Callable[..., Path]) -> None:
    extra = "".join(f"  p{i}: {{name: P{i}, short: P{i}}}\n" for i in range(250))
    text = write_file().read_text().replace("topics:\n", extra + "topics:\n")
    result = load_uncached(write_file(text, dedent=False), "p.yaml")
    assert len(result.diagnostics) == MAX_SHOWN + 1
    assert result.diagnostics[-1].message == "... and 50 more warnings"
    assert result.diagnostics[-1].severity == "warning"
    assert summary(result.diagnostics, "p.yaml") == "p.yaml: valid, 250 warnings"
    assert result.ok


def test_warnings_however_many_never_make_a_file_invalid(write_file: Callable[..., Path]) -> None:
    many = 5 * MAX_SHOWN
    extra = "".join(f"  p{i}: {{name: P{i}, short: P{i}}}\n" for i in range(many))
    text = write_file().read_text().replace("topics:\n", extra + "topics:\n")
    result = load_uncached(write_file(text, dedent=False), "p.yaml")
    assert result.ok and not result.stopped
    assert len(result.diagnostics) == MAX_SHOWN + 1
    assert result.diagnostics[-1].message == f"... and {many - MAX_SHOWN} more warnings"
    assert summary(result.diagnostics, "p.yaml") == f"p.yaml: valid, {many} warnings"


# --- memory: errors built a piece at a time (issue 20, item 1) ---------------------------

_HEAD = {
    "summit": "summit: {title: T, location: L, date: 2025-08-15, as_of: 2025-08-13}\n",
    "sources": "sources: {}\n",
    "parties": "parties: {a: {name: A, short: A}}\n",
    "topics": "topics: {t: {title: T, question: Q?}}\n",
    "people": "people: {}\n",
    "positions": "positions: []\n",
}
_EVIDENCE = (
    "positions:\n  - {party: a, topic: t, stance: supports, summary: S, evidence: [\n",
    "    {},\n",
    "  ]}\n",
)
_PLACES: dict[str, tuple[str, str, str, str]] = {
    # section replaced: (its first lines, one repeated line, its last lines)
    "sources": ("sources", "sources:\n", "  s#: {}\n", ""),
    "parties": ("parties", "parties:\n", "  p#: {}\n", ""),
    "topics": ("topics", "topics:\n", "  t#: {}\n", ""),
    "people": ("people", "people:\n", "  x#: {}\n", ""),
    "positions": ("positions", "positions:\n", "  - {}\n", ""),
    "evidence": ("positions", *_EVIDENCE),
    "unknown keys": ("summit", "summit:\n", "  k#: x\n", ""),
    "aliases": ("people", "people:\n  x:\n    name: X\n    aliases:\n", "      - ''\n", ""),
}


def _many(place: str, size: int) -> str:
    """A positions file of about `size` bytes whose `place` holds entry after broken entry."""
    section, first, line, last = _PLACES[place]
    head = "".join(text for name, text in _HEAD.items() if name != section)
    body: list[str] = []
    total = len(head) + len(first)
    while total < size:
        body.append(line.replace("#", str(len(body))))
        total += len(body[-1])
    return head + first + "".join(body) + last


@pytest.mark.parametrize("place", list(_PLACES))
def test_a_section_full_of_broken_entries_is_checked_in_bounded_memory(
    tmp_path: Path, place: str
) -> None:
    # 2 MB of broken entries: before issue 20, pydantic built all their errors before
    # the first was read (sources: 830 MB; a position's evidence, 890 MB; parties and
    # topics, 370 MB; the others over 200 MB). Now a piece at a time, stopped once the
    # report is full: about 60 MB, most of it Python and the file's data. A generous bound.
    (tmp_path / "p.yaml").write_text(_many(place, 2 * 2**20), encoding="utf-8")
    code, peak = summit_peak("check", "--no-cache", "p.yaml", cwd=tmp_path)
    assert code == 1
    assert peak < 150, f"{place}: {peak:.0f} MB"


def test_the_4_mb_file_of_empty_sources_peaks_under_250_mb(tmp_path: Path) -> None:
    # The case of issue 20: 4 MB of `  x1: {}` under sources: took 1.5 GB.
    (tmp_path / "p.yaml").write_text(_many("sources", 4 * 2**20), encoding="utf-8")
    code, peak = summit_peak("check", "--no-cache", "p.yaml", cwd=tmp_path)
    assert code == 1
    assert peak < 250, f"{peak:.0f} MB"


_BROKEN = [_many(place, 3000) for place in _PLACES] + [
    MINIMAL.replace("title: Test summit", "title: ''\n  extra: 1"),
    MINIMAL.replace("a: {name: Alpha, short: A}", "A: {name: Alpha, members: [1, '']}"),
    MINIMAL.replace("stance: supports", "stance: yes\n    extra: [1, 2]"),
    MINIMAL.replace("voice: direct", "voice: loud").replace("source: art,", "source: Art,"),
    MINIMAL.replace("people:", "people:\n  Bad: {name: '', aliases: ['', 1, {}]}"),
    MINIMAL.replace("positions:", "positions: {}\nother:"),
]


@pytest.mark.parametrize("text", _BROKEN, ids=[f"file{n}" for n in range(len(_BROKEN))])
def test_pieces_find_the_errors_of_one_whole_validation(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pydantic import ValidationError

    from tui.loader import pieces
    from tui.loader.pipeline import plain_data
    from tui.model.schema import PositionsFileModel

    read = plain_data(text.encode("utf-8"))
    assert read is not None
    data = read[0]
    try:
        PositionsFileModel.model_validate(data)
    except ValidationError as exc:
        whole = sorted((repr(e["loc"]), e["type"]) for e in exc.errors())
    monkeypatch.setattr(pieces, "BUDGET", 5)  # pieces of a few nodes: every split taken
    cut = sorted((repr(e["loc"]), e["type"]) for e in pieces.validation_errors(data))
    assert cut == whole
