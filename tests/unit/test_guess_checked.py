"""The viewer's `y` never proposes a block that `summit check` refuses or flags (issue 19).

Every sentence, every pair and every run of three adjacent sentences of both shipped
articles goes through the guess (`tui.authoring.citing.evidence_for`, what `y` copies);
each block is pasted, as its text, into one position of a copy of the project, and the
copy is loaded: no evidence item may draw an error or a warning. The one flag a block may
draw is the one the curation rulebook accepts and the block announces: the speaker warning
on a speaker found only by context, whose block carries the comment "Attributed by
context, not proximity"; which passages those are is pinned below, so the set cannot grow
unseen.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
import yaml

from tests.helpers import ROOT
from tui.authoring.citing import cited_span, evidence_for, guess
from tui.evidence.quotations import Article
from tui.loader.pipeline import load_uncached
from tui.loader.result import LoadResult
from tui.model.records import PositionsFile

RUNS = (1, 2, 3)
"""Passages of one, two and three adjacent sentences."""
BY_CONTEXT = {
    # Merz's quotation: his name is three sentences back ("He said that ..." before it
    # takes up "Merz called for ..."); the rulebook's worked example, warned of as such.
    ("guardian-report", '"President Trump knows this position, he shares it'),
}
"""(source, first words) of the passages whose speaker is found only by context."""


@dataclass(frozen=True)
class Pasted:
    source: str
    passage: str
    block: str
    by_context: bool


@dataclass(frozen=True)
class Checked:
    index: int
    """positions[index] holds every pasted block, in order."""
    pasted: list[Pasted]
    result: LoadResult


def _passages(article: Article) -> list[tuple[int, int]]:
    spans = article.sentences
    return [
        (spans[k][0], spans[k + run - 1][1]) for run in RUNS for k in range(len(spans) - run + 1)
    ]


def _free_pair(doc: dict[str, object]) -> tuple[str, str]:
    used = {(p["party"], p["topic"]) for p in doc["positions"]}  # type: ignore[index,union-attr]
    for party in doc["parties"]:  # type: ignore[union-attr]
        for topic in doc["topics"]:  # type: ignore[union-attr]
            if (party, topic) not in used:
                return party, topic
    raise AssertionError("every pair of the shipped file has a position")


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    text = (ROOT / "positions.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    assert list(raw)[-1] == "positions", "the blocks are pasted at the end of the file"
    first = load_uncached(ROOT / "positions.yaml")
    doc = first.records
    assert isinstance(doc, PositionsFile)
    pasted: list[Pasted] = []
    for source_id, source in doc.sources.items():
        article = Article((ROOT / source.file).read_text(encoding="utf-8"))
        for start, end in _passages(article):
            low, high = cited_span(article, start, end)
            found = guess(article, low, high, doc.people)
            block = evidence_for(source_id, article, start, end, doc.people)
            pasted.append(Pasted(source_id, article.text[low:high], block, found.by_context))
    party, topic = _free_pair(raw)
    lines = [
        f"  - party: {party}",
        f"    topic: {topic}",
        "    stance: unclear",
        "    summary: Every passage the viewer's y can copy, pasted as it copies it.",
        "    evidence:",
    ]
    for item in pasted:
        lines += ["      " + line for line in item.block.splitlines()]
    (project / "positions.yaml").write_text(
        text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    return Checked(len(raw["positions"]), pasted, load_uncached(project / "positions.yaml"))


def test_every_passage_is_pasted(checked: Checked) -> None:
    doc = checked.result.records
    assert doc is not None, [d.format() for d in checked.result.diagnostics]
    assert len(doc.positions[checked.index].evidence) == len(checked.pasted) > 150


def test_every_pasted_quote_is_found_in_its_article(checked: Checked) -> None:
    for j, item in enumerate(checked.pasted):
        assert checked.result.verified(checked.index, j), item.passage


def test_no_guess_draws_an_error_or_a_warning(checked: Checked) -> None:
    flagged = []
    for diagnostic in checked.result.diagnostics:
        message = diagnostic.message
        prefix = f"positions[{checked.index}].evidence["
        if not message.startswith(prefix):
            continue
        j = int(message[len(prefix) :].split("]", 1)[0])
        item = checked.pasted[j]
        accepted = (
            item.by_context
            and diagnostic.severity == "warning"
            and message.startswith(f"{prefix}{j}].speaker: the speaker ")
            and "is not named in the quote's sentence" in message
        )
        if not accepted:
            flagged.append(f"{item.block}\n  -> {diagnostic.format()}")
    assert not flagged, "\n\n".join(flagged)


def test_a_speaker_by_context_is_said_in_the_block_and_only_where_pinned(checked: Checked) -> None:
    found = set()
    for item in checked.pasted:
        comment = item.block.startswith("# Attributed by context, not proximity: ")
        assert comment == item.by_context, item.block
        if item.by_context:
            words = next(
                w for s, w in BY_CONTEXT if s == item.source and item.passage.startswith(w)
            )
            found.add((item.source, words))
    assert found == BY_CONTEXT
