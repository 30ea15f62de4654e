"""tui.authoring.citable: the one way a passage is made ready to cite, for the viewer's
`y` and `c` and for `summit evidence` and `summit cite` (issue 21, item 5)."""

from __future__ import annotations

import pytest

from tests.helpers import APP_DATA
from tui.authoring.citable import NotCitable, citable, find
from tui.authoring.citing import evidence_for
from tui.evidence.quotations import Article
from tui.loader.pipeline import load_uncached
from tui.loader.result import LoadResult


@pytest.fixture(scope="module")
def result() -> LoadResult:
    loaded = load_uncached(APP_DATA / "positions.yaml")
    assert loaded.ok
    return loaded


def test_the_block_is_what_citing_writes_for_every_run_of_sentences(result: LoadResult) -> None:
    doc = result.records
    assert doc is not None
    for source_id in doc.sources:
        text = result.text_of(source_id)
        assert text is not None
        article = Article(text.text)
        spans = article.sentences
        for i in range(len(spans)):
            for j in range(i, min(i + 3, len(spans))):
                start, end = spans[i][0], spans[j][1]
                expected = evidence_for(source_id, article, start, end, doc.people)
                assert citable(article, doc, source_id, start, end).evidence_block() == expected


def test_find_forgives_typography_and_names_what_is_wrong(result: LoadResult) -> None:
    found = find(result, "harbour", "freeze a line that history will not accept")
    assert found.text == "freeze a line that history will not accept"
    with pytest.raises(NotCitable) as missing:
        find(result, "harbour", "freeze the line")
    assert not missing.value.usage
    assert missing.value.message.startswith("'freeze the line' is not in source 'harbour'")
    with pytest.raises(NotCitable) as unknown:
        find(result, "harbor", "x")
    assert unknown.value.usage and "did you mean 'harbour'?" in unknown.value.message
    with pytest.raises(NotCitable) as empty:
        find(result, "harbour", "   ")
    assert empty.value.usage
