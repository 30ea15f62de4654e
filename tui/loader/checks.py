"""Cross-checks: ids, duplicates, files and quotes, on the raw data.

Run on the raw data so that they are reported even when other parts of the file fail
validation. Pure: they yield diagnostics and return the evidence index (what each source
reads, where each position and each verified quote stands); nothing else is changed.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from types import MappingProxyType
from typing import Any

from tui.evidence.attribution import (
    Basis,
    EvidenceAttribution,
    Speaker,
    basis,
    basis_findings,
    check_evidence,
)
from tui.evidence.closest import closest_passage
from tui.evidence.quotations import Article
from tui.evidence.source_text import SourceText, same_articles
from tui.evidence.speech import Speech
from tui.loader.files import ReadError, SourceReader, source_path_problem, without_bom
from tui.loader.lines import byte_position
from tui.loader.locate import Locator
from tui.loader.result import EvidenceIndex, Located
from tui.model.diagnostics import Diagnostic, did_you_mean
from tui.model.patterns import ID_PATTERN
from tui.model.placeholders import left_over
from tui.model.records import Voice
from tui.safe import quoted, visible

_ID = re.compile(ID_PATTERN)
_VOICES = tuple(Voice)
"""The voices, once: a tuple, not a set, since an invalid file's voice may be a list."""


def _shorten(text: str, limit: int) -> str:
    """`text`, or its start and end around an ellipsis when longer than `limit`."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "\u2026" + text[-(limit - 1 - head) :]


_MAX_PASSAGE = 400
"""Longest closest passage quoted in a message: enough to spot a typo, still one line."""


def cross_check(
    raw: dict[str, Any], locate: Locator, read_source: SourceReader
) -> Generator[Diagnostic, None, EvidenceIndex]:
    """Ids, duplicates, files and quotes, checked on the raw data so that they are
    reported even when other parts of the file fail validation; returns the evidence
    index once every problem has been yielded."""
    check = _CrossCheck(raw, locate)
    yield from _check_people(check.people, check.parties, locate)
    yield from check.read_sources(read_source)
    for index, position in enumerate(check.positions):
        yield from check.position(index, position)
    yield from check.unused()
    for loc, message in left_over(raw):  # what summit init wrote, still there
        yield locate.at(loc, message, severity="warning")
    return check.index()


def _section(raw: dict[str, Any], key: str, kind: type) -> Any:
    """`raw[key]` when it is of `kind` (validation reports it otherwise), else empty."""
    value = raw.get(key)
    return value if isinstance(value, kind) else kind()


class _CrossCheck:
    """What the cross-checks share while they walk the file once: its sections, the
    sources' texts, and the index as it is built."""

    def __init__(self, raw: dict[str, Any], locate: Locator) -> None:
        self.locate = locate
        self.parties: dict[str, Any] = _section(raw, "parties", dict)
        self.topics: dict[str, Any] = _section(raw, "topics", dict)
        self.sources: dict[str, Any] = _section(raw, "sources", dict)
        self.positions: list[Any] = _section(raw, "positions", list)
        self.people: dict[str, Any] = _section(raw, "people", dict)
        self.texts: dict[str, SourceText] = {}
        """Source id -> its archived text (sources that share a file share one)."""
        self.same_article: dict[str, str] = {}
        """Source id -> the first id of the same article (itself when it is the first)."""
        self.same_because: dict[str, str] = {}
        """Source id -> why it is the same article as an earlier id."""
        self.articles: dict[int, Speech] = {}
        """id of a text -> its quotations, sentences and who speaks in them, found once for
        all its quotes."""
        self.speakers = tuple(
            person
            for person in (_person(self.people, pid) for pid in self.people)
            if person is not None
        )
        self.seen_pairs: dict[tuple[str, str], int] = {}
        # Each reference a position makes: its key, the section it names, that section,
        # its ids in order, and the ids positions use (for the "has no positions" warnings).
        self.references: tuple[tuple[str, str, dict[str, Any], list[str], set[str]], ...] = (
            ("party", "parties", self.parties, list(self.parties), set()),
            ("topic", "topics", self.topics, list(self.topics), set()),
        )
        self.lines: list[int] = []
        self.located: dict[tuple[int, int], Located] = {}
        self.bases: list[Basis | None] = []

    def index(self) -> EvidenceIndex:
        return EvidenceIndex(
            MappingProxyType(self.texts),
            tuple(self.lines),
            MappingProxyType(self.located),
            tuple(self.bases),
        )

    # --- sources: read and index each file once ------------------------------------------

    def read_sources(self, read_source: SourceReader) -> Iterator[Diagnostic]:
        by_file: dict[str, SourceText] = {}
        for source_id, source in self.sources.items():
            if not isinstance(source, dict) or not isinstance(source.get("file"), str):
                continue
            relative = source["file"]
            if relative not in by_file:
                text = yield from self._read_source(source_id, relative, read_source)
                if text is None:
                    continue
                by_file[relative] = text
            self.texts[source_id] = by_file[relative]
        self._same_articles()

    def _same_articles(self) -> None:
        urls = {
            sid: source.get("url") if isinstance(source, dict) else None
            for sid, source in self.sources.items()
        }
        for source_id, (first, why) in same_articles(
            [
                (sid, text.normalized if (text := self.texts.get(sid)) else None, url)
                for sid, url in urls.items()
            ]
        ).items():
            self.same_article[source_id] = first
            if why:
                self.same_because[source_id] = why

    def _read_source(
        self, source_id: str, relative: str, read_source: SourceReader
    ) -> Generator[Diagnostic, None, SourceText | None]:
        """The text of one source file, or None (and why) when it cannot be read."""
        loc = ("sources", source_id, "file")
        problem = source_path_problem(relative)
        if problem is not None:
            yield self.locate.at(loc, f"source file {quoted(relative)} {problem}")
            return None
        try:
            data = without_bom(read_source(relative))
        except ReadError as exc:
            if exc.kind != "skipped":  # skipped on purpose: the caller says so once
                yield self.locate.at(loc, _unread_source(quoted(relative), exc))
            return None
        try:
            return SourceText(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line, col = byte_position(data, exc.start)
            yield self.locate.at(
                loc,
                f"source file {quoted(relative)} is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                f"at line {line} column {col}); convert it to UTF-8",
            )
            return None

    # --- positions: ids, duplicates, evidence, basis --------------------------------------

    def position(self, index: int, position: Any) -> Iterator[Diagnostic]:
        self.lines.append(self.locate.position_line(index))
        self.bases.append(None)
        if not isinstance(position, dict):
            return
        party, topic = position.get("party"), position.get("topic")
        yield from self._references(index, position)
        yield from self._duplicate(index, party, topic)
        evidence = position.get("evidence")
        if not isinstance(evidence, list):
            return
        cited: dict[str, None] = {}  # the source ids, in the order cited
        for j, item in enumerate(evidence):
            if isinstance(item, dict):
                yield from self._evidence_item(index, j, item, cited)
        if isinstance(party, str):
            yield from self._basis(index, party, topic, evidence)
        yield from self._single_source(index, party, topic, list(cited))

    def _single_source(
        self, index: int, party: object, topic: object, cited: list[str]
    ) -> Iterator[Diagnostic]:
        """A warning when every source the position cites is one article (one archived
        text, or one `url`, under one id or several) and the file has others."""
        if not cited or len(set(self.same_article.values())) < 2:
            return
        first = self.same_article.get(cited[0], cited[0])
        if any(self.same_article.get(s, s) != first for s in cited[1:]):
            return
        same = ""
        if len(cited) > 1:
            reasons = dict.fromkeys(self.same_because[s] for s in cited if s in self.same_because)
            others = ", ".join(quoted(s) for s in cited[1:])
            because = f" ({' and '.join(reasons)})" if reasons else ""
            same = (
                f"; {others} {'is' if len(cited) == 2 else 'are'} the same article{because}, "
                f"so {len(cited)} ids count as one"
            )
        yield self.locate.at(
            ("positions", index),
            f"positions[{index}] ({visible(str(party), multiline=False)} / "
            f"{visible(str(topic), multiline=False)}) rests on a single source "
            f"({quoted(cited[0])}){same}",
            severity="warning",
        )

    def _references(self, index: int, position: dict[str, Any]) -> Iterator[Diagnostic]:
        """Its party and topic are ids the file declares."""
        for key, section, declared, ids, used in self.references:
            value = position.get(key)
            if not isinstance(value, str):
                continue
            used.add(value)
            if declared and value not in declared:
                yield self.locate.at(
                    ("positions", index, key),
                    f"positions[{index}].{key}: unknown {key} {quoted(value)}"
                    f"{did_you_mean(value, ids)} ({section}: {', '.join(ids)})",
                )

    def _duplicate(self, index: int, party: object, topic: object) -> Iterator[Diagnostic]:
        """At most one position per party and topic."""
        if not isinstance(party, str) or not isinstance(topic, str):
            return
        first = self.seen_pairs.setdefault((party, topic), index)
        if first != index:
            yield self.locate.at(
                ("positions", index),
                f"positions[{index}]: a second position for party {quoted(party)} on "
                f"topic {quoted(topic)}; the first is positions[{first}] at line "
                f"{self.lines[first]}. Merge them into one",
            )

    def _evidence_item(
        self, index: int, j: int, item: dict[str, Any], cited: dict[str, None]
    ) -> Iterator[Diagnostic]:
        """Its speaker is a person of the file, its source a source, and its quote is in
        that source, attributed as the article's text allows."""
        yield from _check_speaker_id(item, (index, j), self.people, self.locate)
        source_id, quote = item.get("source"), item.get("quote")
        if not isinstance(source_id, str):
            return
        cited[source_id] = None
        if source_id not in self.sources:
            source_ids = list(self.sources)
            yield self.locate.at(
                ("positions", index, "evidence", j, "source"),
                f"positions[{index}].evidence[{j}].source: unknown source "
                f"{quoted(source_id)}{did_you_mean(source_id, source_ids)} "
                f"(sources: {', '.join(source_ids) or 'none defined'})",
            )
            return
        text = self.texts.get(source_id)
        if text is None or not isinstance(quote, str) or not quote.strip():
            return
        span = text.find(quote)
        if span is None:
            closest = _shorten(" ".join(closest_passage(text, quote).split()), _MAX_PASSAGE)
            file = visible(str(self.sources[source_id].get("file")))
            yield self.locate.at(
                ("positions", index, "evidence", j, "quote"),
                f"positions[{index}].evidence[{j}].quote: not found in source "
                f"{quoted(source_id)} ({file}); "
                + (f"closest passage: {quoted(closest)}" if closest else "the source is empty"),
            )
            return
        self.located[(index, j)] = Located(source_id, span, text)
        speech = self.articles.get(id(text))
        if speech is None:
            speech = self.articles[id(text)] = Speech(Article(text.text), self.speakers)
        yield from _check_attribution(speech, span, item, (index, j), self.people, self.locate)

    def _basis(
        self, index: int, party: str, topic: object, evidence: list[Any]
    ) -> Iterator[Diagnostic]:
        """On whose word the position rests, kept in the index; a warning when it is not
        its own party's."""
        items = _attributions(evidence, self.people, self.parties)
        if items is None:
            return
        kind = self.bases[index] = basis(party, items)
        for finding in basis_findings(kind, party, items):
            yield self.locate.at(
                ("positions", index, "evidence"),
                f"positions[{index}] ({visible(party, multiline=False)} / "
                f"{visible(str(topic), multiline=False)}): {finding.message}",
                key=True,
                severity=finding.severity,
            )

    # --- what no position uses -----------------------------------------------------------

    def unused(self) -> Iterator[Diagnostic]:
        for key, section, _, ids, used in self.references:
            for name in ids:
                if name not in used:
                    yield self.locate.at(
                        (section, name),
                        f"{key} {quoted(name)} has no positions",
                        key=True,
                        severity="warning",
                    )


def _unread_source(shown: str, exc: ReadError) -> str:
    """Why a source was not read, in the words for a source."""
    if exc.kind == "missing":
        return (
            f"source file {shown} not found; the path is relative to the folder of this YAML file"
        )
    if exc.kind == "outside":
        return (
            f"source file {shown} {exc.reason}; sources must be inside it, so copy the "
            "article there"
        )
    if exc.kind == "not regular":
        return f"cannot read source file {shown}: not a regular file (a pipe, a socket or a device)"
    if exc.kind == "unreadable":
        return f"cannot read source file {shown}: {exc.detail}"
    return f"source file {shown} {exc.reason}"


# --- attribution (tui.evidence.attribution) -------------------------------------------------------


def _check_people(
    people: dict[str, Any], parties: dict[str, Any], locate: Locator
) -> Iterator[Diagnostic]:
    """Each person's party is a party of the file."""
    party_ids = list(parties)
    for person_id, person in people.items():
        if not isinstance(person, dict):
            continue
        party = person.get("party")
        if isinstance(party, str) and parties and party not in parties:
            yield locate.at(
                ("people", person_id, "party"),
                f"people.{visible(str(person_id), multiline=False)}.party: unknown party "
                f"{quoted(party)}{did_you_mean(party, party_ids)} (parties: "
                f"{', '.join(party_ids)}; leave `party` out for someone of no party here)",
            )


def _check_speaker_id(
    item: dict[str, Any], at: tuple[int, int], people: dict[str, Any], locate: Locator
) -> Iterator[Diagnostic]:
    """A speaker names a person under `people`."""
    speaker = item.get("speaker")
    if not isinstance(speaker, str) or not _ID.fullmatch(speaker) or speaker in people:
        return
    index, j = at
    known = list(people)
    declare = (
        f"declare them under `people:` (e.g. `{speaker}: {{name: ..., role: ..., party: ...}}`)"
    )
    yield locate.at(
        ("positions", index, "evidence", j, "speaker"),
        f"positions[{index}].evidence[{j}].speaker: unknown person {quoted(speaker)}"
        f"{did_you_mean(speaker, known)} (people: {', '.join(known) or 'none declared'}); "
        + declare,
    )


def _person(people: dict[str, Any], speaker: object) -> Speaker | None:
    if not isinstance(speaker, str):
        return None
    data = people.get(speaker)
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    aliases = data.get("aliases")
    aliases = tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else ()
    return Speaker(speaker, data["name"], aliases)


def _check_attribution(
    speech: Speech,
    span: tuple[int, int],
    item: dict[str, Any],
    at: tuple[int, int],
    people: dict[str, Any],
    locate: Locator,
) -> Iterator[Diagnostic]:
    """Voice and speaker against the article's text around the quote."""
    voice = item.get("voice")
    if voice not in (Voice.DIRECT, Voice.REPORTED, Voice.ARTICLE):
        return
    index, j = at
    person = _person(people, item.get("speaker"))
    findings = check_evidence(speech.article, *span, str(voice), person, speech)
    for finding in findings:
        yield locate.at(
            ("positions", index, "evidence", j, finding.part),
            f"positions[{index}].evidence[{j}].{finding.part}: {finding.message}",
            severity=finding.severity,
        )


def _attributions(
    evidence: list[Any], people: dict[str, Any], parties: dict[str, Any]
) -> list[EvidenceAttribution] | None:
    """Each evidence item's voice, speaker and the speaker's party and name, for the
    basis of a position; None when the basis is not known: an evidence item with no valid
    voice, a speaker missing or not a person under `people`, or a person of an unknown
    party is an error reported elsewhere, and a basis drawn from it would be a guess."""
    items = []
    for item in evidence:
        if not isinstance(item, dict) or item.get("voice") not in _VOICES:
            return None  # reported by validation; the basis is not known
        speaker = item.get("speaker") if isinstance(item.get("speaker"), str) else None
        person = people.get(speaker) if speaker is not None else None
        if speaker is not None and not isinstance(person, dict):
            return None  # an unknown person, or free text: reported with the speaker
        if speaker is None and item["voice"] != Voice.ARTICLE:
            return None  # direct or reported words with no speaker: reported by validation
        person = person if isinstance(person, dict) else {}
        if isinstance(person.get("party"), str) and parties and person["party"] not in parties:
            return None  # an unknown party: reported under `people`
        items.append(
            EvidenceAttribution(
                str(item["voice"]),
                speaker,
                person.get("party") if isinstance(person.get("party"), str) else None,
                person.get("name") if isinstance(person.get("name"), str) else None,
            )
        )
    return items
