"""The fast path (one libyaml pass straight to plain data) against the careful path.

A plain file is read in one pass over libyaml's events; anything unusual (an anchor, a
tag, a duplicate key, deep nesting, a syntax error...) sends the file to the careful path,
which says what it is. Either way the user must see the same thing: the same data, the
same messages at the same FILE:LINE:COL, the same lines for the positions. Each test here
compares the two paths, and checks which one was taken, so that a fast path that reads
something differently, or takes a file it should leave alone, fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import FIXTURES, MINIMAL, SHIPPED
from tui.loader import locate, pipeline
from tui.loader.fast_path import Request, read_plain
from tui.loader.lines import Lines
from tui.loader.locate import Locator
from tui.loader.pipeline import load_uncached
from tui.loader.result import LoadResult
from tui.loader.yaml_guard import Builder, compose, decode

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="the fast path needs libyaml")

LOCATION = "  location: Nowhere\n"


def careful_data(text: str) -> Any:
    lines = Lines(text)
    builder = Builder(lines)
    data = builder.build(compose(lines))
    assert not builder.problems
    return data


def fast(text: str) -> Any:
    plain = read_plain(Lines(text))
    return None if plain is None else plain.data


def seen(result: LoadResult) -> tuple[Any, ...]:
    """Everything a user or the dashboard gets from a load."""
    return (
        [d.format() for d in result.diagnostics],
        result.ok,
        result.position_lines,
        sorted(result.index.located),
        sorted(result.texts),
    )


def both_paths(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What loading `path` shows, through the fast path, then forced onto the careful one."""
    quick = seen(load_uncached(path))
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "read_plain", lambda lines: None)
        slow = seen(load_uncached(path))
    return quick, slow


# Plain files, some of them written to trip a reader that takes shortcuts: each must be
# read by the fast path, to exactly the careful path's data.
PLAIN = {
    "tilde": LOCATION.replace("Nowhere", "~"),
    "null-words": "  location: null\n  other: [Null, NULL, nULL, '', \"\", 'null', ~]\n",
    "empty-value": "  location:\n",
    "yaml-1.1-scalars": "  location: no\n  x: [yes, off, 1.5, 0x1F, 1_000, 2025-08-15, .inf, =]\n",
    "quoted-merge-key": "  '<<': x\n",
    "null-keys": "  ~: x\n  null: y\n",
    "empty-key": "  ?\n  : x\n",
    "ampersand-in-text": '  location: "Tom & Jerry &x *y !z"\n  other: R&D & co\n',
    "bang-in-text": "  location: Now! here\n",
    "block-scalars": "  location: |\n    two\n    lines\n  other: >-\n    folded\n    text\n",
    "flow": "  location: {a: [b, {c: d}], e: []}\n",
    "line-separators-in-text": '  location: "now\u2028here\u0085there\rand"\n',
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_files_take_the_fast_path_to_the_same_data(name: str) -> None:
    text = MINIMAL.replace(LOCATION, PLAIN[name])
    assert fast(text) is not None
    assert fast(text) == careful_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "%YAML 1.1\n---\n" + MINIMAL,
        "---\n" + MINIMAL + "...\n",
        "# only a comment first\n" + MINIMAL.replace("\n", "\r\n"),
    ],
    ids=["directive", "document-markers", "crlf"],
)
def test_plain_documents_take_the_fast_path(text: str) -> None:
    assert fast(text) is not None
    assert fast(text) == careful_data(text)


# Anything the careful path reports while reading, or refuses, must be left to it.
UNUSUAL = {
    "anchor": "  location: &a Nowhere\n",
    "anchor-on-empty-value": "  location: &a\n",
    "anchor-on-key": "  &a location: Nowhere\n",
    "anchor-after-text-with-ampersand": '  location: "R&D"\n  other: &a x\n',
    "alias": "  location: &a Nowhere\n  other: *a\n",
    "undefined-alias": "  location: *a\n",
    "explicit-str-tag": "  location: !!str Nowhere\n",
    "explicit-null-tag": "  location: !!null\n",
    "non-specific-tag": "  location: ! Nowhere\n",
    "python-tag": "  location: !!python/object/apply:os.system [ls]\n",
    "local-tag": "  location: !here Nowhere\n",
    "duplicate-key": "  location: Nowhere\n  location: Somewhere\n",
    "merge-key": "  <<: {location: Nowhere}\n",
    "merge-value": "  location: <<\n",
    "complex-key": "  ? [a, b]\n  : Nowhere\n",
    "too-deep": "  location: " + "[" * 63 + "]" * 63 + "\n",
    "syntax-error": '  location: "Nowhere\n',
    "tab": "\tlocation: Nowhere\n",
}


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_files_are_left_to_the_careful_path(name: str) -> None:
    assert fast(MINIMAL.replace(LOCATION, UNUSUAL[name])) is None


@pytest.mark.parametrize(
    "text",
    ["", "# nothing\n", "- a\n- b\n", "just text\n", "~\n", MINIMAL + "---\na: 1\n"],
    ids=["empty", "comment", "list", "scalar", "null", "two-documents"],
)
def test_files_that_are_not_one_mapping_are_left_to_the_careful_path(text: str) -> None:
    assert fast(text) is None


def test_deepest_nesting_the_careful_path_allows_is_plain() -> None:
    # The top-level mapping, summit, then 62 lists: 64 levels, the most allowed.
    text = MINIMAL.replace(LOCATION, "  location: " + "[" * 62 + "]" * 62 + "\n")
    assert fast(text) == careful_data(text)


def test_the_fast_path_never_runs_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.loader.yaml_guard as guard

    monkeypatch.setattr(guard, "Loader", guard.PureLoader)
    assert fast(MINIMAL) is None


def _variants() -> dict[str, str]:
    cases = {f"plain-{name}": MINIMAL.replace(LOCATION, text) for name, text in PLAIN.items()}
    cases.update({f"unusual-{n}": MINIMAL.replace(LOCATION, t) for n, t in UNUSUAL.items()})
    cases["unknown-party"] = MINIMAL.replace("  - party: b\n", "  - party: c\n")
    cases["not-found-quote"] = MINIMAL.replace("give up an inch", "give up a mile")
    cases["invalid-stance"] = MINIMAL.replace("stance: opposes", "stance: maybe")
    cases["line-separators-before-positions"] = MINIMAL.replace(
        LOCATION, '  location: "a\u2028b\u0085c\rd"\n'
    )
    cases["crlf-with-problems"] = cases["invalid-stance"].replace("\n", "\r\n")
    return cases


VARIANTS = _variants()


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_message_and_line_is_the_careful_paths(
    name: str, write_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file(VARIANTS[name], dedent=False)
    quick, slow = both_paths(path, monkeypatch)
    assert quick == slow


FIXTURE_FILES = sorted(FIXTURES.rglob("*.yaml"))


@pytest.mark.parametrize("path", [SHIPPED, *FIXTURE_FILES], ids=lambda p: p.name)
def test_fixtures_load_the_same_by_either_path(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick, slow = both_paths(path, monkeypatch)
    assert quick == slow


def test_the_shipped_file_and_valid_yaml_with_bad_data_take_the_fast_path() -> None:
    for path in (SHIPPED, FIXTURES / "broken" / "missing-key.yaml"):
        plain = read_plain(Lines(decode(path.read_bytes())))
        assert plain is not None, path
        assert plain.data == careful_data(decode(path.read_bytes()))


def no_tree(*args: object) -> None:
    raise AssertionError("a node tree was built")


def test_a_file_with_nothing_to_report_builds_no_node_tree(
    write_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "compose", no_tree)
    monkeypatch.setattr(locate, "plain_tree", no_tree)
    monkeypatch.setattr(locate, "plain_starts", no_tree)
    result = load_uncached(write_file(MINIMAL))
    assert result.ok and not result.diagnostics
    starts = [i + 1 for i, line in enumerate(MINIMAL.splitlines()) if line.startswith("  - ")]
    assert result.position_lines == tuple(starts)


def test_what_later_stages_report_is_placed_in_one_pass_without_a_tree(
    write_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    passes: list[int] = []
    starts = locate.plain_starts

    def counted(text: str, requests: list[Request]) -> list[int]:
        passes.append(len(requests))
        return starts(text, requests)

    monkeypatch.setattr(pipeline, "compose", no_tree)
    monkeypatch.setattr(locate, "plain_tree", no_tree)
    monkeypatch.setattr(locate, "plain_starts", counted)
    text = MINIMAL.replace("stance: opposes", "stance: maybe").replace(
        "  - party: b\n", "  - party: c\n"
    )
    path = write_file(text)
    result = load_uncached(path)
    assert [d.format().removeprefix(f"{path}:") for d in result.diagnostics] == [
        "17:3: warning: party 'b' has no positions",
        "30:12: error: positions[1].party: unknown party 'c' (parties: a, b)",
        "32:13: error: positions[1].stance: 'maybe' is not a stance "
        "(allowed: supports | opposes | conditional | unclear)",
        "34:5: warning: positions[1] (c / ceasefire): this position rests only on what "
        "The minister (b) says: none of its evidence gives a speaker of its own party ('c')",
    ]
    assert passes == [4]


# Locations as pydantic and the cross-checks give them, and some no stage gives (a key
# missing on the way, an index out of range, a step into text): each placed as the tree
# walk of the careful path places it.
LOCATIONS = [
    (),
    ("summit",),
    ("summit", "location"),
    ("summit", "nothing", "deeper"),
    ("summit", "title", "deeper"),
    ("summit", 0),
    ("parties", "a"),
    ("positions",),
    ("positions", 0),
    ("positions", 1, "evidence"),
    ("positions", 1, "evidence", 0, "quote"),
    ("positions", 1, "evidence", 5),
    ("positions", -1),
    ("positions", "x"),
    ("positions", 0, "summary"),
    ("people", "minister", "party"),
    ("nowhere",),
]


@pytest.mark.parametrize(
    "text",
    [
        MINIMAL,
        MINIMAL.replace("    summary: Alpha wants a ceasefire first.\n", "    summary:\n"),
        MINIMAL.replace("    summary: Alpha wants a ceasefire first.\n", "    summary: ~\n"),
        MINIMAL.replace("    summary: Alpha wants a ceasefire first.\n", "    summary: ''\n"),
        MINIMAL.replace(LOCATION, '  location: "a\u2028b\u0085c\rd"\n').replace("\n", "\r\n"),
    ],
    ids=["minimal", "empty-value", "tilde", "quoted-empty", "separators-crlf"],
)
def test_places_without_a_tree_are_the_tree_walks(text: str) -> None:
    lines = Lines(text)
    tree = Locator(compose(lines), "f", lines)
    requests = [(loc, key) for loc in LOCATIONS for key in (False, True)]
    without = Locator(None, "f", lines).place(requests)
    assert without == [lines.mark(tree.node(loc, key=key).start_mark) for loc, key in requests]
