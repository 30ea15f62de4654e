"""Synthetic positions files in the real format, at any size.

Each file has `parties` parties and `topics` topics, a position for every pair,
two quotes per position, and one archived article per 20 quotes. Every quote
really stands in its article, typography and all (the article uses curly
quotes and em dashes, the YAML straight ones), so `summit check` passes and
does the full work of verifying. Lengths follow the shipped file: summaries
of about 150 characters, quotes of 100 to 200.

Deterministic for a given seed, so two runs measure the same bytes.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

QUOTES_PER_SOURCE = 20
EVIDENCE_PER_POSITION = 2
STANCES = ("supports", "opposes", "conditional", "unclear")

_WORDS = (
    "ceasefire talks sanctions territory security guarantees negotiations troops border "
    "agreement summit leaders minister president envoy delegation framework peace war "
    "front line region withdrawal recognition sovereignty alliance partners energy grain "
    "exports tariffs pressure dialogue meeting proposal condition demand offer deal "
    "exchange prisoners humanitarian corridor monitoring mission observers referendum "
    "elections constitution neutrality membership treaty assurances reconstruction funds "
    "assets frozen reserves compensation accountability tribunal weapons supplies "
    "deliveries air defence missiles drones shelling infrastructure ports shipping "
    "corridor inspection verification timetable phase stage first second final "
    "immediate lasting durable just fair realistic possible necessary unacceptable "
    "clear firm strong serious direct bilateral trilateral regional European western "
    "eastern southern northern the a an of to in on for with without before after "
    "and or but not only also still must will would could should can may"
).split()
_CAPS = ("We", "They", "Our", "This", "Any", "No", "The", "Everyone", "Nobody", "There")
_OUTLETS = ("The Daily Record", "World Wire", "The Evening Post", "Global Courier", "Newsline")


@dataclass(frozen=True)
class Sizes:
    """How big a generated file is."""

    parties: int
    topics: int

    @property
    def positions(self) -> int:
        return self.parties * self.topics

    @property
    def quotes(self) -> int:
        return self.positions * EVIDENCE_PER_POSITION

    @property
    def sources(self) -> int:
        return -(-self.quotes // QUOTES_PER_SOURCE)


class _Text:
    """Random but readable-ish sentences of a given length, fast."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._pool: list[str] = []

    def _word(self) -> str:
        if not self._pool:
            self._pool = self.rng.choices(_WORDS, k=4096)
        return self._pool.pop()

    def words(self, length: int) -> str:
        """Words up to about `length` characters (no colons, commas or hashes: plain YAML)."""
        out = [self.rng.choice(_CAPS)]
        size = len(out[0])
        while size < length:
            word = self._word()
            out.append(word)
            size += len(word) + 1
        return " ".join(out)

    def quote(self) -> tuple[str, str]:
        """A quote as the YAML writes it and as the article prints it."""
        length = self.rng.randint(100, 200)
        body = self.words(length - 30)
        cut = body.rfind(" ", 0, len(body) // 2)
        # An apostrophe and a dash, so that the typography folding really works.
        plain = f"{body[:cut]} - it's {body[cut + 1 :]}."
        typographic = plain.replace(" - ", " \u2014 ").replace("'", "\u2019")
        return plain, typographic


def generate(folder: Path, topics: int, parties: int = 10, seed: int = 0) -> Path:
    """Write positions.yaml and its articles (under sources/) into `folder`; return the file."""
    rng = random.Random(seed)
    text = _Text(rng)
    sizes = Sizes(parties, topics)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)

    party_ids = [f"p{i + 1:02d}" for i in range(parties)]
    topic_ids = [f"t{i + 1:05d}" for i in range(topics)]
    speakers = [f"Leader {i + 1}" for i in range(parties)]

    # Quote g (0 <= g < quotes) is evidence g // positions of position g % positions, and
    # stands in source g // 20: the two quotes of a position come from different articles.
    n_positions = sizes.positions
    yaml_quotes: list[str] = []
    articles: list[list[str]] = [[] for _ in range(sizes.sources)]
    for g in range(sizes.quotes):
        plain, typographic = text.quote()
        yaml_quotes.append(plain)
        speaker = speakers[(g % n_positions) // topics]
        lead = text.words(rng.randint(60, 160))
        tail = text.words(rng.randint(40, 120))
        articles[g // QUOTES_PER_SOURCE].append(
            f"{lead}. {speaker} said on Wednesday: \u201c{typographic}\u201d {tail}."
        )

    source_ids = [f"s{i + 1:05d}" for i in range(sizes.sources)]
    for source_id, paragraphs in zip(source_ids, articles, strict=True):
        body = "\n".join(paragraphs) + "\n"
        (folder / "sources" / f"{source_id}.txt").write_text(body, encoding="utf-8")

    out: list[str] = [
        "# Generated by benchmarks/generate.py: synthetic data for the speed benchmark.",
        "summit:",
        "  title: Synthetic summit",
        "  location: Benchmark City",
        "  date: 2025-08-15",
        "  date_basis: stated",
        "  as_of: 2025-08-13",
        "  as_of_basis: stated",
        "sources:",
    ]
    for i, source_id in enumerate(source_ids):
        out += [
            f"  {source_id}:",
            f"    outlet: {_OUTLETS[i % len(_OUTLETS)]}",
            f"    title: {text.words(50)}",
            "    published: 2025-08-13",
            "    published_basis: stated",
            f"    file: sources/{source_id}.txt",
            f"    url: https://example.org/news/{source_id}",
        ]
    out.append("parties:")
    for i, party_id in enumerate(party_ids):
        out.append(
            f"  {party_id}: {{name: Party {i + 1} Republic, short: P{i + 1}, "
            f"leaders: [{speakers[i]}]}}"
        )
    out.append("topics:")
    for i, topic_id in enumerate(topic_ids):
        out.append(
            f"  {topic_id}: {{title: Topic {i + 1}, question: Should {text.words(40).lower()}?}}"
        )
    out.append("positions:")
    for p in range(n_positions):
        party, topic = divmod(p, topics)
        out += [
            f"  - party: {party_ids[party]}",
            f"    topic: {topic_ids[topic]}",
            f"    stance: {STANCES[p % len(STANCES)]}",
            f"    summary: {text.words(rng.randint(120, 180))}.",
            "    evidence:",
        ]
        for e in range(EVIDENCE_PER_POSITION):
            g = e * n_positions + p
            out += [
                f"      - source: {source_ids[g // QUOTES_PER_SOURCE]}",
                f'        quote: "{yaml_quotes[g]}"',
                "        voice: direct",
                f"        speaker: leader-{party + 1}",
            ]
    out.append("people:")
    for i, party_id in enumerate(party_ids):
        out.append(f"  leader-{i + 1}: {{name: {speakers[i]}, role: leader, party: {party_id}}}")
    path = folder / "positions.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write positions.yaml and sources/")
    parser.add_argument("--topics", type=int, default=10)
    parser.add_argument("--parties", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    path = generate(args.folder, args.topics, args.parties, args.seed)
    sizes = Sizes(args.parties, args.topics)
    print(f"{path}: {sizes.positions} positions, {sizes.quotes} quotes, {sizes.sources} sources")


if __name__ == "__main__":
    main()
