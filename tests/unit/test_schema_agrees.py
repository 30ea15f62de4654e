"""The JSON Schema an editor checks against and `summit check` agree on the file's shape.

Every broken file in tests/fixtures/broken is read the way the loader reads it (every
scalar stays the text written: `no` is the text 'no', `2025-08-15` the text '2025-08-15',
an unquoted empty value is null), then validated with a real JSON Schema validator. On
every structural case the schema rejects the file exactly when the model does (and at the
same places), and exactly when `summit check` reports an error. What a schema cannot
express (ids that must exist, one position per pair, quotes, source files) and what the
loader refuses before there is any data to validate (YAML syntax, anchors, duplicate keys,
...) is listed below, file by file, with the reason; the test checks that each listed file
really is what its entry says.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from tests.helpers import FIXTURES, ROOT
from tui.loader.pipeline import load_bytes, load_uncached
from tui.loader.pipeline import plain_data as loader_data
from tui.model.schema import PositionsFileModel

DATA = FIXTURES / "broken"
FILES = sorted(DATA.glob("*.yaml"))
SCHEMA = json.loads((ROOT / "docs" / "positions.schema.json").read_text(encoding="utf-8"))


def _as_javascript_means_it(node: Any) -> Any:
    """The schema with each regex's final `$` written `\\Z`.

    A schema's regexes are JavaScript's (ECMA-262), where `$` is the end of the text;
    jsonschema runs them in Python's `re`, where `$` also matches before a final line
    break, so `^[a-z0-9]+$` would accept the id "us\\n" that the model and every editor
    refuse. Every other construct in the schema's patterns means the same in both
    (test_schema.py keeps \\s, \\d, \\w and \\b out of them)."""

    def translate(pattern: str) -> str:
        assert "$" not in pattern[:-1], pattern
        return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern

    if isinstance(node, list):
        return [_as_javascript_means_it(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "pattern" and isinstance(value, str):
            out[key] = translate(value)
        elif key == "patternProperties":
            out[key] = {translate(k): _as_javascript_means_it(v) for k, v in value.items()}
        else:
            out[key] = _as_javascript_means_it(value)
    return out


# Formats asserted too: `format: date` is what rejects 2025-02-30, as `summit check` does.
VALIDATOR = Draft202012Validator(
    _as_javascript_means_it(SCHEMA), format_checker=Draft202012Validator.FORMAT_CHECKER
)

NOT_READ = {
    "anchors-aliases.yaml": "anchors and aliases are refused before the data is built",
    "billion-laughs.yaml": "an alias bomb is refused before anything is expanded",
    "comment-only.yaml": "no data at all: nothing for a schema to validate",
    "empty.yaml": "no data at all: nothing for a schema to validate",
    "multiple-documents.yaml": "a second YAML document: a schema sees one document",
    "not-utf8.yaml": "not UTF-8: refused before YAML is parsed",
    "raw-control-char.yaml": "a raw control character is not YAML",
    "too-deep.yaml": "nesting beyond the cap is refused while scanning",
    "yaml-syntax.yaml": "not YAML: nothing to validate",
    "control-after-multibyte.yaml": "a raw control character is not YAML",
    "stray-closing-bracket.yaml": "not YAML: nothing to validate",
    "syntax-other.yaml": "not YAML: nothing to validate",
    "tab-indent.yaml": "tab indentation is not YAML",
    "unclosed-bracket-at-end.yaml": "not YAML: nothing to validate",
    "unclosed-flow-mapping-at-end.yaml": "not YAML: nothing to validate",
    "unclosed-quote.yaml": "not YAML: nothing to validate",
}
"""Files the loader stops reading before any data exists."""

YAML_LEVEL = {
    "duplicate-keys.yaml": "a duplicate key exists only in the YAML text; the data (and JSON) "
    "holds one key",
    "merge-key.yaml": "a merge key (<<) is YAML syntax the loader refuses; the data holds no trace",
    "python-tag.yaml": "a YAML tag is syntax, not data; the loader refuses it and reads the "
    "value untagged",
    "top-level-list-with-problems.yaml": "a duplicate key exists only in the YAML text",
}
"""Files whose data is well defined, but which the loader refuses for how the YAML is
written; the schema sees only the data, and must still agree with the model on it."""

BEYOND_SCHEMA = {
    "duplicate-position.yaml": "one position per (party, topic) pair: a uniqueness rule "
    "across list items on two fields, which JSON Schema cannot state",
    "empty-source.yaml": "a quote cannot be found in an empty source file",
    "missing-source-file.yaml": "a source file must exist on disk",
    "quote-not-found.yaml": "a quote must be found in its source's archived text",
    "source-is-folder.yaml": "a source file must be a readable file, not a folder",
    "source-not-utf8.yaml": "a source file's bytes must be UTF-8",
    "unknown-ids.yaml": "a position's party/topic and an evidence's source must be ids "
    "defined elsewhere in the file: a cross-reference",
    "unknown-person.yaml": "a speaker must be the id of a person under `people`: a cross-reference",
    "person-unknown-party.yaml": "a person's party must be a party of the file: a cross-reference",
    "direct-outside-quotes.yaml": "a direct quote must lie in quotation marks in the "
    "archived text, which the schema never sees",
    "direct-narration-only.yaml": "a direct quote must hold quoted words in the archived "
    "text, which the schema never sees",
    "direct-narration-sentence.yaml": "every sentence of a direct quote must hold quoted "
    "words in the archived text, which the schema never sees",
}
"""Files whose shape is right, and whose errors no JSON Schema can express."""


def plain_data(path: Path) -> tuple[Any, list[Any]] | None:
    """The data exactly as the loader builds it, and the builder's problems; None when
    the loader refuses the file before there is data.

    The loader's own steps, not `yaml.safe_load`: that would turn `no` into False and
    `2025-08-15` into a date, which the loader never does."""
    return loader_data(path.read_bytes())


def _built(data: bytes) -> Any:
    loaded = loader_data(data)
    assert loaded is not None
    return loaded[0]


def schema_errors(data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.validator}" for e in VALIDATOR.iter_errors(data)
    ]


def model_accepts(data: Any) -> bool:
    return not model_error_locs(data)


def model_error_locs(data: Any) -> list[tuple[Any, ...]]:
    try:
        PositionsFileModel.model_validate(data)
    except ValidationError as exc:
        return [tuple(error["loc"]) for error in exc.errors()]
    return []


def assert_same_places(data: Any) -> None:
    """Each model error has a schema error on its path, and each schema error a model error
    below it: JSON Schema reports an unknown or missing key, or a bad id, at the mapping
    that holds it, the model at the key itself."""
    model = model_error_locs(data)
    schema = [tuple(error.absolute_path) for error in VALIDATOR.iter_errors(data)]
    for loc in model:
        assert any(loc[: len(path)] == path for path in schema), (loc, schema)
    for path in schema:
        assert any(loc[: len(path)] == path for loc in model), (path, model)


def test_the_shipped_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_tables_name_real_files_once() -> None:
    names = {p.name for p in FILES}
    tables = [NOT_READ, YAML_LEVEL, BEYOND_SCHEMA]
    for table in tables:
        assert set(table) <= names, set(table) - names
        assert all(reason.strip() for reason in table.values())
    assert sum(len(t) for t in tables) == len(set().union(*tables))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema_and_check_agree(path: Path) -> None:
    built = plain_data(path)
    if path.name in NOT_READ:
        assert built is None, f"{path.name} is read after all: take it out of NOT_READ"
        assert not load_uncached(path).ok
        return
    assert built is not None, f"{path.name} is refused before validation: list it in NOT_READ"
    data, problems = built
    errors = schema_errors(data)
    # The model and the schema draw the same line, on every file that has data, and in
    # the same places.
    assert bool(errors) == (not model_accepts(data)), errors
    assert_same_places(data)
    result = load_uncached(path, path.name)
    if path.name in YAML_LEVEL:
        assert problems, f"{path.name}: the builder found nothing; take it out of YAML_LEVEL"
        assert not result.ok
    elif path.name in BEYOND_SCHEMA:
        assert not problems
        assert errors == [], f"{path.name} has a structural error too: {errors}"
        assert not result.ok, f"{path.name} passes `summit check`"
    else:
        assert not problems, f"{path.name}: a YAML-level problem; list it in YAML_LEVEL"
        # A structural case: the schema rejects it exactly when `summit check` does.
        got = [d.format() for d in result.errors]
        assert bool(errors) == (not result.ok), (errors, got)


def test_the_corpus_covers_every_structural_kind() -> None:
    """Each kind of structural error has a file the schema rejects with that keyword."""
    keywords: set[str] = set()
    for path in FILES:
        built = plain_data(path)
        if built is not None and path.name not in BEYOND_SCHEMA:
            for error in VALIDATOR.iter_errors(built[0]):
                keywords |= {e.validator for e in [error, *(error.context or [])]}
    assert {"additionalProperties", "required", "type", "pattern", "enum"} <= keywords
    assert {"minItems", "minProperties", "format"} <= keywords
    # The rules across two keys: a speaker with voice: article, inferred without a note.
    assert "not" in keywords


def test_shipped_positions_yaml_passes_the_schema() -> None:
    built = plain_data(ROOT / "positions.yaml")
    assert built is not None
    data, problems = built
    assert problems == []
    assert schema_errors(data) == []
    assert load_uncached(ROOT / "positions.yaml").ok


MINIMAL = textwrap.dedent(
    """\
    summit: {title: T, location: L, date: 2025-08-15, as_of: 2025-08-13, date_basis: stated,
      as_of_basis: stated}
    sources:
      art:
        outlet: O
        title: A
        published: 2025-08-13
        published_basis: stated
        file: a.txt
        url: URL
    parties:
      a:
        name: Alpha
        short: A
        members:
          - MEMBER
    topics:
      t: {title: Ceasefire, question: Now?}
    positions:
      - party: a
        topic: t
        stance: supports
        summary: SUMMARY
        evidence:
          - source: art
            quote: "We will not give up an inch."
            voice: direct
            speaker: x
    people:
      x:
        name: SPEAKER
        party: a
    """
)
FIELDS = {
    "SUMMARY": ("positions[0].summary", "write some text"),
    "SPEAKER": ("people.x.name", "write some text"),
    "URL": ("sources.art.url", "write some text or remove the key"),
    "MEMBER": ("parties.a.members[0]", "write some text or remove the item"),
}
BLANKS = {
    "empty": '""',
    "spaces": '"   "',
    "tab": '"\\t"',
    "nbsp": '"\\_"',
    "line break": '"\\n"',
    "nel": '"\\N"',
    "zero-width no-break space": '"\\uFEFF"',
    "ideographic space": '"\\u3000"',
    "empty block scalar": "|\n",
    "kept block scalar": "|+\n\n",
}


def _with(placeholder: str, value: str) -> bytes:
    text = MINIMAL
    for name in FIELDS:
        text = text.replace(name, value if name == placeholder else "x")
    return text.encode()


def _load(data: bytes) -> Any:
    return load_bytes(data, "p.yaml", lambda _: b"\xe2\x80\x9cWe will not give up an inch.")


def test_the_template_is_valid() -> None:
    data = _with("SUMMARY", "fine")
    assert _load(data).ok
    built = _built(data)
    assert schema_errors(built) == []


@pytest.mark.parametrize("placeholder", FIELDS)
@pytest.mark.parametrize("blank", BLANKS.values(), ids=list(BLANKS))
def test_blank_text_is_refused_by_both(placeholder: str, blank: str) -> None:
    data = _with(placeholder, blank)
    where, fix = FIELDS[placeholder]
    result = _load(data)
    messages = [d.message for d in result.errors]
    assert messages == [f"{where} is blank; {fix}"]
    built = _built(data)
    assert schema_errors(built), f"the schema accepts a blank {where}"
    assert_same_places(built)


@pytest.mark.parametrize(
    "text", ['"a"', '" a "', '"\\u200B"', '"\\t.\\t"'], ids=["a", "padded", "zwsp", "dot"]
)
def test_text_with_a_visible_character_is_accepted_by_both(text: str) -> None:
    """A zero-width space is not whitespace to Python or JavaScript: both accept it."""
    data = _with("SUMMARY", text)
    assert _load(data).ok
    assert schema_errors(_built(data)) == []


@pytest.mark.parametrize(
    ("placeholder", "value", "message"),
    [
        ("PARTY", '"a\\n"', "parties.a\\n: id 'a\\n' must start with"),
        ("DATE", '"2025-08-13\\n"', "sources.art.published: '2025-08-13\\n' is not a valid date"),
        ("DATE", "2025-02-30", "sources.art.published: '2025-02-30' is not a valid date"),
        ("DATE", "1755216000", "sources.art.published: '1755216000' is not a valid date"),
        ("STANCE", "yes", "positions[0].stance: 'yes' is not a stance"),
    ],
    ids=["id-with-final-line-break", "date-with-final-line-break", "feb-30", "timestamp", "yes"],
)
def test_edge_values_are_refused_by_both(placeholder: str, value: str, message: str) -> None:
    """Where Python and JavaScript regexes differ (a final line break), the model and the
    schema side with JavaScript: the id and the date are refused."""
    text = _with("SUMMARY", "fine").decode()
    text = {
        "PARTY": lambda t: t.replace("  a:\n", f"  {value}:\n", 1),
        "DATE": lambda t: t.replace("published: 2025-08-13", f"published: {value}"),
        "STANCE": lambda t: t.replace("stance: supports", f"stance: {value}"),
    }[placeholder](text)
    result = _load(text.encode())
    assert any(d.message.startswith(message) for d in result.errors), [
        d.message for d in result.errors
    ]
    built = _built(text.encode())
    assert schema_errors(built)
    assert_same_places(built)
