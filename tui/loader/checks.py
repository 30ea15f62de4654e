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

from tui.evidence.attribution import EvidenceAttribution, Speaker, check_basis, check_evidence
from tui.evidence.closest import closest_passage
from tui.evidence.quotations import Article
from tui.evidence.source_text import SourceText
from tui.loader.files import ReadError, SourceReader, source_path_problem, without_bom
from tui.loader.lines import byte_position
from tui.loader.locate import Locator
from tui.loader.result import EvidenceIndex, Located
from tui.model.diagnostics import Diagnostic, did_you_mean
from tui.model.patterns import ID_PATTERN
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
    parties = raw.get("parties") if isinstance(raw.get("parties"), dict) else {}
    topics = raw.get("topics") if isinstance(raw.get("topics"), dict) else {}
    sources = raw.get("sources") if isinstance(raw.get("sources"), dict) else {}
    positions = raw.get("positions") if isinstance(raw.get("positions"), list) else []
    people = raw.get("people") if isinstance(raw.get("people"), dict) else {}
    yield from _check_people(people, parties, locate)

    # Sources: read and index each file once.
    texts: dict[str, SourceText] = {}
    by_file: dict[str, SourceText] = {}
    for source_id, source in sources.items():
        if not isinstance(source, dict) or not isinstance(source.get("file"), str):
            continue
        relative = source["file"]
        if relative in by_file:
            texts[source_id] = by_file[relative]
            continue
        loc = ("sources", source_id, "file")
        problem = source_path_problem(relative)
        if problem is not None:
            yield locate.at(loc, f"source file {quoted(relative)} {problem}")
            continue
        try:
            data = read_source(relative)
        except ReadError as exc:
            yield locate.at(loc, _unread_source(quoted(relative), exc))
            continue
        data = without_bom(data)
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = byte_position(data, exc.start)
            yield locate.at(
                loc,
                f"source file {quoted(relative)} is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                f"at line {line} column {col}); convert it to UTF-8",
            )
            continue
        text = SourceText(decoded)
        texts[source_id] = by_file[relative] = text

    articles: dict[int, Article] = {}
    seen_pairs: dict[tuple[str, str], int] = {}
    # Each reference a position makes: its key, the section it names, that section,
    # its ids in order, and the ids positions use (for the "has no positions" warnings).
    references: tuple[tuple[str, str, dict[str, Any], list[str], set[str]], ...] = (
        ("party", "parties", parties, list(parties), set()),
        ("topic", "topics", topics, list(topics), set()),
    )
    source_ids = list(sources)
    lines: list[int] = []
    located: dict[tuple[int, int], Located] = {}
    for index, position in enumerate(positions):
        lines.append(locate.position_line(index))
        if not isinstance(position, dict):
            continue
        party, topic = position.get("party"), position.get("topic")
        for key, section, declared, ids, used in references:
            value = position.get(key)
            if not isinstance(value, str):
                continue
            used.add(value)
            if declared and value not in declared:
                yield locate.at(
                    ("positions", index, key),
                    f"positions[{index}].{key}: unknown {key} {quoted(value)}"
                    f"{did_you_mean(value, ids)} ({section}: {', '.join(ids)})",
                )
        if isinstance(party, str) and isinstance(topic, str):
            pair = (party, topic)
            if pair in seen_pairs:
                first = seen_pairs[pair]
                yield locate.at(
                    ("positions", index),
                    f"positions[{index}]: a second position for party {quoted(party)} on "
                    f"topic {quoted(topic)}; the first is positions[{first}] at line "
                    f"{lines[first]}. Merge them into one",
                )
            else:
                seen_pairs[pair] = index
        evidence = position.get("evidence")
        if not isinstance(evidence, list):
            continue
        cited: set[str] = set()
        for j, item in enumerate(evidence):
            if not isinstance(item, dict):
                continue
            yield from _check_speaker_id(item, (index, j), people, locate)
            source_id, quote = item.get("source"), item.get("quote")
            if not isinstance(source_id, str):
                continue
            cited.add(source_id)
            if source_id not in sources:
                yield locate.at(
                    ("positions", index, "evidence", j, "source"),
                    f"positions[{index}].evidence[{j}].source: unknown source "
                    f"{quoted(source_id)}{did_you_mean(source_id, source_ids)} "
                    f"(sources: {', '.join(source_ids) or 'none defined'})",
                )
                continue
            text = texts.get(source_id)
            if text is None or not isinstance(quote, str) or not quote.strip():
                continue
            span = text.find(quote)
            if span is not None:
                located[(index, j)] = Located(source_id, span, text)
                article = articles.get(id(text))
                if article is None:
                    article = articles[id(text)] = Article(text.text)
                yield from _check_attribution(article, span, item, (index, j), people, locate)
            else:
                closest = _shorten(" ".join(closest_passage(text, quote).split()), _MAX_PASSAGE)
                yield locate.at(
                    ("positions", index, "evidence", j, "quote"),
                    f"positions[{index}].evidence[{j}].quote: not found in source "
                    f"{quoted(source_id)} ({visible(str(sources[source_id].get('file')))}); "
                    + (f"closest passage: {quoted(closest)}" if closest else "the source is empty"),
                )
        if isinstance(party, str):
            yield from _check_basis(party, topic, evidence, index, people, parties, locate)
        if len(cited) == 1 and len(sources) > 1:
            yield locate.at(
                ("positions", index),
                f"positions[{index}] ({visible(str(party), multiline=False)} / "
                f"{visible(str(topic), multiline=False)}) rests on a single source "
                f"({quoted(next(iter(cited)))})",
                severity="warning",
            )

    for key, section, _, ids, used in references:
        for name in ids:
            if name not in used:
                yield locate.at(
                    (section, name),
                    f"{key} {quoted(name)} has no positions",
                    key=True,
                    severity="warning",
                )
    return EvidenceIndex(MappingProxyType(texts), tuple(lines), MappingProxyType(located))


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
    article: Article,
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
    findings = check_evidence(article, *span, str(voice), _person(people, item.get("speaker")))
    for finding in findings:
        yield locate.at(
            ("positions", index, "evidence", j, finding.part),
            f"positions[{index}].evidence[{j}].{finding.part}: {finding.message}",
            severity=finding.severity,
        )


def _check_basis(
    party: str,
    topic: object,
    evidence: list[Any],
    index: int,
    people: dict[str, Any],
    parties: dict[str, Any],
    locate: Locator,
) -> Iterator[Diagnostic]:
    """A warning when the position does not rest on its own party's word.

    Said only when the basis is known: an evidence item with no valid voice, a speaker
    missing or not a person under `people`, or a person of an unknown party is an error
    reported elsewhere, and a basis drawn from it would be a guess."""
    items = []
    for item in evidence:
        if not isinstance(item, dict) or item.get("voice") not in _VOICES:
            return  # reported by validation; the basis is not known
        speaker = item.get("speaker") if isinstance(item.get("speaker"), str) else None
        person = people.get(speaker) if speaker is not None else None
        if speaker is not None and not isinstance(person, dict):
            return  # an unknown person, or free text: reported with the speaker
        if speaker is None and item["voice"] != Voice.ARTICLE:
            return  # direct or reported words with no speaker: reported by validation
        person = person if isinstance(person, dict) else {}
        if isinstance(person.get("party"), str) and parties and person["party"] not in parties:
            return  # an unknown party: reported under `people`
        items.append(
            EvidenceAttribution(
                str(item["voice"]),
                speaker,
                person.get("party") if isinstance(person.get("party"), str) else None,
                person.get("name") if isinstance(person.get("name"), str) else None,
            )
        )
    for finding in check_basis(party, items):
        yield locate.at(
            ("positions", index, "evidence"),
            f"positions[{index}] ({visible(party, multiline=False)} / "
            f"{visible(str(topic), multiline=False)}): {finding.message}",
            key=True,
            severity=finding.severity,
        )
