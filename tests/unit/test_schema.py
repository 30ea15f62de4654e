"""The shipped JSON Schema is what `summit schema` prints, and positions.yaml points
editors at it."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache

import pytest
from pydantic import ValidationError

from tests.helpers import ROOT, summit
from tui.model.patterns import NOT_BLANK_PATTERN
from tui.model.schema import SummitModel, TopicModel

SCHEMA = ROOT / "docs" / "positions.schema.json"
MODELINE = "# yaml-language-server: $schema=docs/positions.schema.json"


@cache
def summit_schema() -> dict:
    """What `summit schema` prints (run once; the tests only read it)."""
    proc = summit("schema", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_shipped_schema_is_in_sync() -> None:
    shipped = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert shipped == summit_schema(), (
        "docs/positions.schema.json is stale: run `summit schema > docs/positions.schema.json`"
    )


def test_schema_describes_the_format() -> None:
    schema = summit_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"summit", "sources", "parties", "topics", "positions"}
    assert schema["additionalProperties"] is False
    position = schema["$defs"]["Position"]
    assert position["properties"]["stance"]["$ref"] == "#/$defs/Stance"
    assert schema["$defs"]["Stance"]["enum"] == ["supports", "opposes", "conditional", "unclear"]
    # An editor flags a bad id (`US:`), not only a bad value.
    for name in ("sources", "parties", "topics"):
        assert schema["properties"][name]["additionalProperties"] is False
        assert list(schema["properties"][name]["patternProperties"]) == ["^[a-z0-9][a-z0-9_-]*$"]
    # Field docstrings reach the editor's hover text.
    assert position["properties"]["summary"]["description"]


def test_positions_yaml_starts_with_the_schema_modeline() -> None:
    with open(ROOT / "positions.yaml", encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n") == MODELINE
    # The path in the modeline is relative to positions.yaml, and the file is there.
    assert (ROOT / MODELINE.split("$schema=")[1]).is_file()


def _walk(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_optional_fields_have_no_null_default() -> None:
    """An editor completes a field to its default; `url: null` is noise, leaving it out
    means the same."""
    schema = summit_schema()
    assert not [n for n in _walk(schema) if "default" in n and n["default"] is None]
    speaker = schema["$defs"]["Evidence"]["properties"]["speaker"]
    assert {"type": "null"} in speaker["anyOf"]
    assert "speaker" not in schema["$defs"]["Evidence"]["required"]


def test_every_text_field_must_not_be_blank() -> None:
    schema = summit_schema()
    defs = schema["$defs"]
    for name in ("title", "location"):
        assert defs["Summit"]["properties"][name]["pattern"] == NOT_BLANK_PATTERN
    assert defs["Position"]["properties"]["summary"]["pattern"] == NOT_BLANK_PATTERN
    assert defs["Party"]["properties"]["members"]["anyOf"][0]["items"] == {
        "pattern": NOT_BLANK_PATTERN,
        "type": "string",
    }
    assert defs["Source"]["properties"]["url"]["anyOf"][0]["pattern"] == NOT_BLANK_PATTERN
    assert defs["Summit"]["properties"]["date"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert defs["Summit"]["properties"]["date"]["format"] == "date"


def test_patterns_mean_the_same_in_every_regex_engine() -> None:
    r"""Editors run the schema's regexes in JavaScript, jsonschema in Python's `re`: their
    \s, \d, \w and \b differ, so the schema spells its character classes out."""
    patterns = [n["pattern"] for n in _walk(summit_schema()) if isinstance(n.get("pattern"), str)]
    patterns += [p for n in _walk(summit_schema()) for p in n.get("patternProperties", {})]
    assert patterns
    for pattern in patterns:
        assert not re.search(r"\\[sSdDwWbB]", pattern), pattern


# ECMA-262 WhiteSpace and LineTerminator: what JavaScript's \s matches.
_ECMA_SPACE = {0x09, 0x0B, 0x0C, 0xFEFF, 0x0A, 0x0D, 0x2028, 0x2029}


def test_blank_is_python_and_javascript_whitespace_alike() -> None:
    """Blank means: only characters that Python's str.isspace or JavaScript's \\s calls
    whitespace; the model and the schema's pattern agree on every code point."""
    ecma = _ECMA_SPACE | {
        c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"
    }
    python = {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    pattern = re.compile(NOT_BLANK_PATTERN)
    blank = {c for c in range(sys.maxunicode + 1) if not pattern.search(chr(c))}
    assert blank == ecma | python
    # The model applies the same rule as the schema, to the character and to runs of them.
    for code in sorted(blank):
        with pytest.raises(ValidationError) as caught:
            TopicModel.model_validate({"title": chr(code) * 3, "question": "q?"})
        assert [e["type"] for e in caught.value.errors()] == ["blank"], hex(code)
    for text in ("\u200b", "x", " \u00a0x\t"):
        assert TopicModel.model_validate({"title": text, "question": "q?"}).title == text


def test_model_errors_carry_the_projects_own_types_and_words() -> None:
    """tui.loader.validation translates errors by type: the project's words, not pydantic's."""
    with pytest.raises(ValidationError) as caught:
        TopicModel.model_validate({"title": "\u00a0", "question": "q?"})
    [error] = caught.value.errors()
    assert (error["type"], error["msg"]) == ("blank", "must not be blank")
    summit = {
        "title": "T",
        "location": "L",
        "date": "1755216000",
        "date_basis": "stated",
        "as_of": "2025-08-13",
        "as_of_basis": "stated",
    }
    with pytest.raises(ValidationError) as caught:
        SummitModel.model_validate(summit)
    [error] = caught.value.errors()
    assert (error["type"], error["msg"]) == ("iso_date", "expected a date written YYYY-MM-DD")
