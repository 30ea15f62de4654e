"""`summit diff`: the structured diff, its three formats, and the git:REV form."""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.cells import cell_len

from tests.helpers import ARTICLE, MINIMAL, environment, probe, summit
from tui.analysis.diff import (
    EvidenceChange,
    FieldChange,
    WordOp,
    compare,
    word_diff,
)
from tui.evidence.source_text import SourceText
from tui.model.records import PositionsFile as Records
from tui.model.records import Stance, from_plain
from tui.model.schema import PositionsFileModel
from tui.report.diff_text import changed_cells
from tui.report.diff_text import diff_text as render_text
from tui.report.markdown import diff_markdown as render_markdown

# The C loader, as the project uses: the pure-Python one rejects `first?}` in MINIMAL.
BASE: dict[str, Any] = yaml.load(MINIMAL, Loader=yaml.CSafeLoader)


GIT = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
"""A fixed author and no user or system configuration, for git and `summit diff git:REV`
(on top of `environment()`, which leaves out git's own variables)."""


def summit_diff(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return summit("diff", *args, cwd=cwd, env=GIT)


def doc(edit: Callable[[dict[str, Any]], None] | None = None) -> Records:
    """The minimal file, validated, as records, after `edit` changed its plain data."""
    data = copy.deepcopy(BASE)
    if edit is not None:
        edit(data)
    return from_plain(PositionsFileModel.model_validate(data).model_dump(mode="json"))


# --- compare: every kind of change -----------------------------------------------------


def test_identical_files_have_no_changes() -> None:
    diff = compare(doc(), doc())
    assert not diff.changed
    assert changed_cells(diff) == {}


def test_summit_metadata_changes() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["summit"]["location"] = "Anchorage"
        d["summit"]["as_of"] = "2025-08-14"

    diff = compare(doc(), doc(edit))
    assert diff.summit == [
        FieldChange("location", "Nowhere", "Anchorage"),
        FieldChange("as_of", "2025-08-13", "2025-08-14"),
    ]
    assert diff.changed and diff.positions == []


def test_a_summit_dates_basis_and_note_are_changes_of_their_own() -> None:
    """A day that was stated and is now inferred (issue 19) is a change, with its note."""

    def edit(d: dict[str, Any]) -> None:
        d["summit"]["date_basis"] = "inferred"
        d["summit"]["note"] = "The articles say only 'on Friday'."

    diff = compare(doc(), doc(edit))
    assert diff.summit == [
        FieldChange("date_basis", "stated", "inferred"),
        FieldChange("note", None, "The articles say only 'on Friday'."),
    ]
    text = render_text(diff, "old.yaml", "new.yaml", 100)
    assert "  date_basis: 'stated' -> 'inferred'\n" in text
    assert "changed: 2 summit fields" in text


def test_stance_change() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["positions"][1]["stance"] = "conditional"

    diff = compare(doc(), doc(edit))
    [change] = diff.positions
    assert (change.party, change.topic, change.status) == ("b", "ceasefire", "changed")
    assert change.stance_changed
    assert change.old is not None and change.old.stance is Stance.OPPOSES
    assert change.new is not None and change.new.stance is Stance.CONDITIONAL
    assert change.summary == () and change.evidence == ()
    assert changed_cells(diff) == {("b", "ceasefire"): ["stance: opposes -> conditional"]}


def test_summary_word_diff() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["positions"][0]["summary"] = "Alpha now wants a ceasefire before talks."

    diff = compare(doc(), doc(edit))
    [change] = diff.positions
    assert not change.stance_changed
    assert change.summary == (
        WordOp("equal", "Alpha"),
        WordOp("insert", "now"),
        WordOp("equal", "wants a ceasefire"),
        WordOp("delete", "first."),
        WordOp("insert", "before talks."),
    )
    assert changed_cells(diff)[("a", "ceasefire")] == [
        "summary: Alpha {+now+} wants a ceasefire [-first.-]{+before talks.+}"
    ]


def test_word_diff_ignores_reflowed_whitespace() -> None:
    assert all(op.op == "equal" for op in word_diff("a  b\nc", "a b c"))


def _sides(ops: tuple[WordOp, ...]) -> tuple[list[str], list[str]]:
    """The old and the new words a word diff holds."""
    old = [w for op in ops if op.op != "insert" for w in op.text.split()]
    new = [w for op in ops if op.op != "delete" for w in op.text.split()]
    return old, new


def _long_summary(words: int, changed: int, seed: int = 1) -> tuple[list[str], list[str]]:
    """A summary of `words` words from a vocabulary of 20 (prose repeats its words, which
    is what made difflib slow), and a copy with `changed` words replaced."""
    rng = random.Random(seed)
    old = [f"w{rng.randrange(20)}" for _ in range(words)]
    new = list(old)
    for at in rng.sample(range(words), changed):
        new[at] = f"changed{at}"
    return old, new


def test_word_diff_of_long_summaries_marks_only_what_changed() -> None:
    old, new = _long_summary(20_000, 50)
    ops = word_diff(" ".join(old), " ".join(new))
    assert _sides(ops) == (old, new)
    marked = [op for op in ops if op.op != "equal"]
    assert sum(len(op.text.split()) for op in marked) == 100  # 50 out, 50 in
    assert {w for op in marked if op.op == "insert" for w in op.text.split()} == {
        w for w in new if w.startswith("changed")
    }


def test_word_diff_grows_with_the_text_not_its_cube() -> None:
    # A growth-class bound (issue 20, item 2), not a time: difflib took 144 s on two
    # 20,000-word summaries with 50 words changed (about the cube of the words). Now
    # 10 times the words take well under 30 times as long, whatever the machine.
    def best(words: int) -> float:
        old, new = (" ".join(side) for side in _long_summary(words, 50))
        times = []
        for _ in range(3):
            start = time.perf_counter()
            word_diff(old, new)
            times.append(time.perf_counter() - start)
        return min(times)

    assert best(20_000) < 30 * best(2_000)


@pytest.mark.parametrize(
    "old, new",
    [
        ("the cat " * 5000, "the dog " * 5000),  # nothing found once: said changed, whole
        (" ".join(["a b c d e f g h"] * 4000), " ".join(["a b c d e f g h"] * 3999)),
        ("one two three", "three two one"),
        ("", "new words"),
        ("old words", ""),
    ],
)
def test_word_diff_always_holds_both_texts(old: str, new: str) -> None:
    assert _sides(word_diff(old, new)) == (old.split(), new.split())


def test_evidence_added_removed_and_speaker_changed() -> None:
    def edit(d: dict[str, Any]) -> None:
        a, b = d["positions"]
        a["evidence"].append(
            {"source": "art", "quote": "A second paragraph about sanctions", "voice": "article"}
        )
        d["people"]["fm"] = {"name": "The foreign minister", "party": "b"}
        b["evidence"][0]["speaker"] = "fm"
        b["evidence"].append(
            {
                "source": "art",
                "quote": "officials said",
                "voice": "reported",
                "speaker": "officials",
            }
        )
        del a["evidence"][0]

    diff = compare(doc(), doc(edit))
    a, b = diff.positions
    assert a.evidence == (
        EvidenceChange(
            "added",
            "art",
            "A second paragraph about sanctions",
            attribution_new="the article's account",
        ),
        EvidenceChange(
            "removed",
            "art",
            "Talks could resume - but only after a ceasefire ... officials said.",
            speaker_old="officials",
            attribution_old="reported: officials, unnamed officials",
        ),
    )
    assert b.evidence == (
        EvidenceChange(
            "changed",
            "art",
            "We will not give up an inch.",
            "minister",
            "fm",
            "The minister",
            "The foreign minister",
        ),
        EvidenceChange(
            "added",
            "art",
            "officials said",
            speaker_new="officials",
            attribution_new="reported: officials, unnamed officials",
        ),
    )
    # The diff names people as the reader knows them, not by their ids.
    assert changed_cells(diff)[("b", "ceasefire")] == [
        "~ evidence from art: “We will not give up an inch.”: 'The minister' -> "
        "'The foreign minister'",
        "+ evidence from art: “officials said” — reported: officials, unnamed officials",
    ]


def test_voice_and_a_speaker_renamed_under_people_are_attribution_changes() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["positions"][1]["evidence"][0]["voice"] = "reported"
        d["people"]["officials"]["role"] = "senior officials"

    diff = compare(doc(), doc(edit))
    cells = changed_cells(diff)
    assert cells[("b", "ceasefire")] == [
        "~ evidence from art: “We will not give up an inch.”: 'The minister' -> "
        "'reported: The minister'"
    ]
    assert cells[("a", "ceasefire")] == [
        "~ evidence from art: “Talks could resume - but only after a ceasefire ... officials "
        "said.”: 'reported: officials, unnamed officials' -> 'reported: officials, senior "
        "officials'"
    ]
    md = render_markdown(diff, "old.yaml", "new.yaml")
    assert "Attribution (art): “We will not give up an inch.”: The minister → reported: The" in md


def test_positions_added_and_removed() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["topics"]["sanctions"] = {"title": "Sanctions", "question": "More sanctions?"}
        d["positions"].append(
            {
                "party": "a",
                "topic": "sanctions",
                "stance": "unclear",
                "summary": "Alpha has not said.",
                "evidence": [
                    {"source": "art", "quote": "sanctions and tariffs", "voice": "article"}
                ],
            }
        )
        del d["positions"][1]

    diff = compare(doc(), doc(edit))
    assert [(t.status, t.id) for t in diff.topics] == [("added", "sanctions")]
    assert [(c.party, c.topic, c.status) for c in diff.positions] == [
        ("b", "ceasefire", "removed"),
        ("a", "sanctions", "added"),
    ]
    cells = changed_cells(diff)
    assert cells[("b", "ceasefire")] == [
        "removed (was opposes)",
        "summary was: Beta will not give up territory.",
    ]
    assert cells[("a", "sanctions")] == [
        "added: unclear",
        "summary: Alpha has not said.",
        "+ evidence from art: “sanctions and tariffs” — the article's account",
    ]


def test_parties_added_removed_and_changed() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["parties"]["b"]["name"] = "Beta Republic"
        d["parties"]["b"]["leaders"] = ["B. One"]
        d["parties"]["c"] = {"name": "Gamma", "short": "C"}
        d["parties"]["a"] = {"name": "Alphaland", "short": "AL"}  # unlike before: a change

    diff = compare(doc(), doc(edit))
    by_id = {p.id: p for p in diff.parties}
    assert by_id["c"].status == "added"
    assert by_id["b"].status == "changed"
    assert by_id["b"].fields == (
        FieldChange("name", "Beta", "Beta Republic"),
        FieldChange("leaders", None, "B. One"),
    )
    assert by_id["a"].fields == (
        FieldChange("name", "Alpha", "Alphaland"),
        FieldChange("short", "A", "AL"),
    )

    def remove(d: dict[str, Any]) -> None:
        del d["parties"]["b"]
        del d["positions"][1]

    diff = compare(doc(), doc(remove))
    assert [(p.status, p.id, p.name) for p in diff.parties] == [("removed", "b", "Beta")]
    assert [(c.party, c.status) for c in diff.positions] == [("b", "removed")]


def test_renamed_party_id_carries_its_positions() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["parties"] = {"alpha": d["parties"]["a"], "b": d["parties"]["b"]}
        d["positions"][0]["party"] = "alpha"

    diff = compare(doc(), doc(edit))
    [party] = diff.parties
    assert (party.status, party.old_id, party.id, party.fields) == ("renamed", "a", "alpha", ())
    assert diff.positions == []  # same position, new id: nothing else changed
    assert diff.order == []


def test_rename_with_changed_content_is_found_by_its_key_field() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["topics"] = {
            "cf": {"title": "Ceasefire now", "question": "Should a ceasefire come first?"}
        }
        for p in d["positions"]:
            p["topic"] = "cf"
        d["positions"][0]["stance"] = "conditional"

    diff = compare(doc(), doc(edit))
    [topic] = diff.topics
    assert (topic.status, topic.old_id, topic.id) == ("renamed", "ceasefire", "cf")
    assert topic.fields == (FieldChange("title", "Ceasefire", "Ceasefire now"),)
    [change] = diff.positions
    assert (change.party, change.topic, change.stance_changed) == ("a", "cf", True)


def test_ambiguous_rename_is_an_addition_and_a_removal() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["sources"]["x"] = dict(d["sources"]["art"])
        d["sources"]["y"] = dict(d["sources"]["art"], title="Other")
        del d["sources"]["art"]
        for p in d["positions"]:
            p["evidence"][0]["source"] = "x"

    diff = compare(doc(), doc(edit))
    # x has the same content as art: a rename; y is new.
    assert {(s.status, s.id) for s in diff.sources} == {("renamed", "x"), ("added", "y")}
    assert diff.positions == []


def test_sources_added_removed_changed_and_text_changed() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["sources"]["art"]["url"] = "https://example.org/a"
        d["sources"]["new"] = {
            "outlet": "New",
            "title": "New article",
            "published": "2025-08-14",
            "published_basis": "stated",
            "file": "new.txt",
        }

    old_texts = {"art": SourceText(ARTICLE)}
    new_texts = {"art": SourceText(ARTICLE + "One more line.\n"), "new": SourceText("x")}
    diff = compare(doc(), doc(edit), old_texts, new_texts)
    art, new = diff.sources
    assert (art.status, art.id) == ("changed", "art")
    assert art.fields == (
        FieldChange("url", None, "https://example.org/a"),
        FieldChange("text", f"{len(ARTICLE)} characters", f"{len(ARTICLE) + 15} characters"),
    )
    assert (new.status, new.id, new.name) == ("added", "new", "New article")

    def remove(d: dict[str, Any]) -> None:
        d["sources"]["extra"] = dict(d["sources"]["art"], file="other.txt", title="Extra")

    diff = compare(doc(remove), doc())
    assert [(s.status, s.id) for s in diff.sources] == [("removed", "extra")]


def test_order_changes_of_parties_and_topics() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["parties"] = {"b": d["parties"]["b"], "a": d["parties"]["a"]}

    diff = compare(doc(), doc(edit))
    [order] = diff.order
    assert (order.kind, order.old, order.new) == ("parties", ("a", "b"), ("b", "a"))
    # Adding a party at the front is an addition, not a reordering.
    diff = compare(
        doc(), doc(lambda d: d.update(parties={"z": {"name": "Z", "short": "Z"}, **d["parties"]}))
    )
    assert diff.order == [] and [p.status for p in diff.parties] == ["added"]


def test_positions_are_grouped_by_topic_then_party_in_the_new_order() -> None:
    def two_topics(d: dict[str, Any]) -> None:
        d["topics"]["t2"] = {"title": "Second", "question": "Second?"}
        for party in ("a", "b"):
            d["positions"].append(
                {
                    "party": party,
                    "topic": "t2",
                    "stance": "supports",
                    "summary": "Yes.",
                    "evidence": [
                        {"source": "art", "quote": "A second paragraph", "voice": "article"}
                    ],
                }
            )

    def change_all(d: dict[str, Any]) -> None:
        two_topics(d)
        d["parties"] = {"b": d["parties"]["b"], "a": d["parties"]["a"]}
        d["positions"].reverse()
        for p in d["positions"]:
            p["stance"] = "unclear"

    diff = compare(doc(two_topics), doc(change_all))
    assert [(c.topic, c.party) for c in diff.positions] == [
        ("ceasefire", "b"),
        ("ceasefire", "a"),
        ("t2", "b"),
        ("t2", "a"),
    ]


# --- output ----------------------------------------------------------------------------


def _sample() -> tuple[PositionsFileModel, PositionsFileModel]:
    def edit(d: dict[str, Any]) -> None:
        d["summit"]["as_of"] = "2025-08-14"
        d["parties"]["c"] = {"name": "Gamma", "short": "C"}
        d["positions"][1]["stance"] = "conditional"
        d["positions"][1]["summary"] = "Beta will not give up land."

    return doc(), doc(edit)


def test_text_output() -> None:
    old, new = _sample()
    text = render_text(compare(old, new), "old.yaml", "new.yaml", 100)
    assert text == (
        "--- old.yaml\n"
        "+++ new.yaml\n"
        "\n"
        "Summit\n"
        "  as_of: '2025-08-13' -> '2025-08-14'\n"
        "\n"
        "Parties\n"
        "  + c: Gamma\n"
        "\n"
        "Ceasefire (ceasefire)\n"
        "  b / ceasefire: opposes -> conditional\n"
        "    summary: Beta will not give up [-territory.-]{+land.+}\n"
        "\n"
        "changed: 1 summit field, 1 party, 1 position\n"
    )


def test_text_output_holds_its_width_cutting_only_what_is_wider() -> None:
    """Every line holds the width (it used to let a long word overflow); only a word
    wider than a line is cut, and nothing is lost."""
    long_word = "x" * 40

    def edit(d: dict[str, Any]) -> None:
        d["positions"][0]["summary"] = f"Alpha wants {long_word} and a ceasefire first, " * 3

    diff = compare(doc(), doc(edit))
    text = render_text(diff, "old.yaml", "new.yaml", 30)
    wide = render_text(diff, "old.yaml", "new.yaml", 10_000)
    for line in text.splitlines():
        assert cell_len(line) <= 30, line
    assert "".join(text.split()) == "".join(wide.split())
    cut = {word for word in text.split() if word not in wide.split()}
    assert cut and all(set(word) <= set("x{+-]") for word in cut)  # pieces of long_word


HOSTILE = "[bold]x[/bold] \x1b[31mred\u202e [@click=app.quit]q[/] | <b>h</b> *e* \nnext"


def _hostile() -> tuple[PositionsFileModel, PositionsFileModel]:
    def edit(d: dict[str, Any]) -> None:
        d["positions"][0]["summary"] = HOSTILE
        d["parties"]["a"]["name"] = HOSTILE

    return doc(), doc(edit)


def test_hostile_text_is_literal_and_escaped() -> None:
    text = render_text(compare(*_hostile()), "old.yaml", "new.yaml", 200)
    assert "\x1b" not in text and "\u202e" not in text
    assert "[bold]x[/bold] \\e[31mred\\u202e [@click=app.quit]q[/] | <b>h</b> *e* next" in text


def test_hostile_markdown_is_escaped() -> None:
    md = render_markdown(compare(*_hostile()), "old.yaml", "new.yaml")
    assert "\x1b" not in md and "\u202e" not in md
    escaped = (
        r"\[bold\]x\[/bold\] \\e\[31mred\\u202e \[@click=app.quit\]q\[/\] \| \<b\>h\</b\> \*e\*"
    )
    assert escaped in md
    # Every line of a list item stays one line: the newline in the data is gone.
    assert not any(line.startswith("next") for line in md.splitlines())


def test_markdown_output() -> None:
    md = render_markdown(compare(*_sample()), "old.yaml", "new.yaml")
    assert "| as\\_of | 2025-08-13 | 2025-08-14 |" in md
    assert "- **Added** c: Gamma" in md
    assert "### Ceasefire (ceasefire)" in md
    assert "- **b / ceasefire**: opposes → conditional" in md
    assert "  - Summary: Beta will not give up ~~territory.~~ **land.**" in md
    assert render_markdown(compare(doc(), doc()), "a", "b").endswith("No changes.\n")


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def pair(write_file: Callable[..., Path]) -> tuple[Path, Path]:
    old = write_file(MINIMAL, name="old.yaml")
    new = write_file(MINIMAL.replace("stance: opposes", "stance: conditional"), name="new.yaml")
    return old, new


def test_cli_exit_codes(pair: tuple[Path, Path]) -> None:
    old, new = pair
    same = summit_diff(str(old), str(old))
    assert (same.returncode, same.stderr) == (0, "")
    assert same.stdout.endswith("no changes\n")
    changed = summit_diff(str(old), str(new))
    assert changed.returncode == 1, changed.stderr
    assert "  b / ceasefire: opposes -> conditional\n" in changed.stdout


def test_cli_json(pair: tuple[Path, Path]) -> None:
    proc = summit_diff(*map(str, pair), "--format", "json")
    assert proc.returncode == 1
    assert proc.stdout.isascii()
    data = json.loads(proc.stdout)
    assert data["changed"] is True
    assert set(data) == {
        "old",
        "new",
        "changed",
        "summit",
        "parties",
        "topics",
        "sources",
        "order",
        "positions",
    }
    [position] = data["positions"]
    assert position["party"] == "b" and position["status"] == "changed"
    assert position["stance"] == {"old": "opposes", "new": "conditional"}
    assert position["new"]["evidence"][0]["speaker"] == "minister"
    assert position["new"]["evidence"][0]["voice"] == "direct"


def test_cli_markdown(pair: tuple[Path, Path]) -> None:
    proc = summit_diff(*map(str, pair), "--format", "markdown")
    assert proc.returncode == 1
    assert "- **b / ceasefire**: opposes → conditional" in proc.stdout


def test_cli_invalid_side_gives_loader_messages_and_exit_2(
    write_file: Callable[..., Path],
) -> None:
    good = write_file(MINIMAL, name="good.yaml")
    bad = write_file(MINIMAL.replace("stance: opposes", "stance: opposed"), name="bad.yaml")
    proc = summit_diff(str(good), str(bad))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert f"{bad}:" in proc.stderr and "did you mean 'opposes'" in proc.stderr
    missing = summit_diff(str(good), str(good.parent / "missing.yaml"))
    assert missing.returncode == 2 and "missing.yaml:1:1: error: file not found" in missing.stderr


def test_cli_closed_pipe_is_not_an_error(pair: tuple[Path, Path]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "diff", *map(str, pair)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(GIT),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    proc.wait()
    assert b"Traceback" not in proc.stderr.read()
    proc.stderr.close()


# --- git:REV ---------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment(GIT))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    """A git repository with two commits: the minimal file, then b's stance changed."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "positions.yaml").write_text(MINIMAL, encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "one")
    changed = MINIMAL.replace("stance: opposes", "stance: conditional")
    (root / "positions.yaml").write_text(changed, encoding="utf-8")
    _git(root, "commit", "-q", "-am", "two")
    yield root


def test_git_previous_commit_against_the_working_file(repo: Path) -> None:
    proc = summit_diff("git:HEAD~1", "positions.yaml", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("--- git:HEAD~1:positions.yaml\n+++ positions.yaml\n")
    assert "  b / ceasefire: opposes -> conditional\n" in proc.stdout
    same = summit_diff("git:HEAD", "positions.yaml", cwd=repo)
    assert same.returncode == 0, same.stderr


def test_git_sources_come_from_the_revision(repo: Path) -> None:
    (repo / "article.txt").unlink()  # gone from the working tree, still in both commits
    proc = summit_diff("git:HEAD~1", "git:HEAD", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "opposes -> conditional" in proc.stdout


def test_git_file_named_from_a_subfolder_and_explicit_path(repo: Path) -> None:
    sub = repo / "sub"
    sub.mkdir()
    proc = summit_diff("git:HEAD~1", "../positions.yaml", cwd=sub)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("--- git:HEAD~1:positions.yaml\n")
    explicit = summit_diff("git:HEAD~1:positions.yaml", "git:HEAD:positions.yaml", cwd=sub)
    assert explicit.returncode == 1, explicit.stderr


def test_git_invalid_file_at_revision_gives_loader_messages(repo: Path) -> None:
    (repo / "positions.yaml").write_text("summit: [\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "broken")
    proc = summit_diff("git:HEAD", "git:HEAD~1", cwd=repo)
    assert proc.returncode == 2
    assert "git:HEAD:positions.yaml:" in proc.stderr and "error:" in proc.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("git:HEAD~9", "positions.yaml"), "unknown revision 'HEAD~9'"),
        (("git:HEAD~1:nope.yaml", "positions.yaml"), "nope.yaml does not exist at revision"),
        (("git:--output=x", "positions.yaml"), "expected git:REV such as git:HEAD~1"),
        (("git:", "positions.yaml"), "expected git:REV"),
    ],
)
def test_git_errors_are_one_line_and_exit_2(
    repo: Path, args: tuple[str, str], message: str
) -> None:
    proc = summit_diff(*args, cwd=repo)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert message in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not (repo / "x").exists()


def test_git_outside_a_repository(tmp_path: Path, write_file: Callable[..., Path]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    env_probe = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        cwd=outside,
        capture_output=True,
        env=environment(GIT),
    )
    if env_probe.returncode == 0:
        pytest.skip("the temporary folder is itself inside a git repository")
    path = write_file()
    proc = summit_diff("git:HEAD", str(path), cwd=outside)
    assert proc.returncode == 2
    assert "in a git repository" in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.parametrize("where", ["rev", "source"])
def test_git_arguments_too_long_for_a_command_line_are_one_line(repo: Path, where: str) -> None:
    # Issue 20, item 8: a 131,065-character git:REV raised OSError (E2BIG) from git; so
    # did a source path as long, which the file itself can hold.
    long = "a" * 131_065
    if where == "rev":
        proc = summit_diff(f"git:{long}", "positions.yaml", cwd=repo)
        assert proc.stderr == (
            f"summit diff: git:{'a' * 75}…: the revision is 131,065 characters long; "
            "a revision name has at most 1,000\n"
        )
        assert proc.returncode == 2
    else:
        (repo / "positions.yaml").write_text(MINIMAL.replace("file: article.txt", f"file: {long}"))
        _git(repo, "commit", "-q", "-am", "a long file name")
        proc = summit_diff("git:HEAD", "git:HEAD~1", cwd=repo)
        # A side whose article is missing is compared as written (issue 21), the name cut.
        assert "git:HEAD:positions.yaml: 1 source file not found ('aaa" in proc.stderr
        assert len(proc.stderr) < 1_000
        assert proc.returncode == 1  # the sources differ
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a repository away"
)
def test_a_repository_git_refuses_is_not_called_missing(repo: Path) -> None:
    # Issue 20, item 8: a repository owned by another user ("dubious ownership", refused
    # by git since 2.35.2) was reported as "not in a git repository".
    for folder, _, files in os.walk(repo):
        for name in [".", *files]:
            os.chown(os.path.join(folder, name), 65534, 65534)
    proc = summit_diff("git:HEAD", "positions.yaml", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        "summit diff: git:HEAD: git refuses to read the repository here ("
    )
    assert "not in a git repository" not in proc.stderr and proc.stderr.count("\n") == 1


def test_no_textual_on_the_diff_path(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    old, new = map(str, pair)
    runs = (["diff", "--format", fmt, old, new] for fmt in ("text", "markdown", "json"))
    assert probe(tmp_path, [], *runs) == {"codes": [1, 1, 1], "loaded": []}
