"""Trip wires for where the loader leans on PyYAML's insides (docs/architecture.md, "Where
we lean on internals"): each test fails when the dependency changes under us.

The other places have theirs beside their own tests: the footer (tests/app/test_footer.py),
Rich's fold (tests/unit/test_fold.py), the key re-posting (tests/app/test_app.py,
test_keys_typed_in_one_burst_after_slash_go_to_the_search), the schema generator
(tests/unit/test_schema.py, test_shipped_schema_is_in_sync).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import FIXTURES, SHIPPED
from tui.loader.yaml_guard import MAX_DEPTH, PureLoader

TEXTS = sorted([*FIXTURES.rglob("*.yaml"), SHIPPED])


def _tokens(text: str, loader: type) -> list[tuple[str, object, int, int]] | None:
    """What the scanner makes of `text`; None when it refuses it."""
    try:
        return [
            (
                type(token).__name__,
                getattr(token, "value", None),
                token.start_mark.index,
                token.end_mark.index,
            )
            for token in yaml.scan(text, Loader=loader)
        ]
    except yaml.YAMLError:
        return None


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_the_copied_scanner_reads_what_pyyaml_reads(path: Path) -> None:
    """`PureLoader.scan_plain` is PyYAML 6's own, but for '?' in flow collections: on every
    file, with each '?' made a '.' (the one place they differ), the copy gives the very
    tokens PyYAML's own scanner gives, or refuses it alike. A PyYAML that scans plain text
    otherwise (or renames what the copy calls) fails here."""
    text = path.read_text(encoding="utf-8-sig", errors="replace").replace("?", ".")
    assert _tokens(text, PureLoader) == _tokens(text, yaml.SafeLoader)


def test_the_copied_scanner_reads_a_question_mark_in_flow_text_as_libyaml_does() -> None:
    text = "topics: {a: {title: T, question: Why?}}\n"
    read = {"topics": {"a": {"title": "T", "question": "Why?"}}}
    assert _tokens(text, yaml.SafeLoader) != _tokens(text, PureLoader)  # what the copy is for
    assert yaml.load(text, Loader=PureLoader) == read
    if yaml.__with_libyaml__:
        assert yaml.load(text, Loader=yaml.CSafeLoader) == read


def test_the_libyaml_nesting_limit_is_raised_at_import() -> None:
    """libyaml (0.2.6 on) has a nesting limit of its own, read ahead of our scan: the guard
    raises it when imported, through functions private to PyYAML's binding. If they are
    renamed while the limit stays, the deep-nesting tests of test_broken_files.py fail too
    (libyaml's words instead of ours); this one says why."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML is installed without libyaml")
    from yaml import _yaml

    get = getattr(_yaml, "_get_max_nest_level", None)
    if get is None:
        pytest.skip("this libyaml binding has no nesting limit to raise")
    assert get() >= MAX_DEPTH + 4096
