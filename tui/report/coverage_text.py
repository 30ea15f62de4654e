"""`summit coverage` as text: per source, how much the quotes cite, and each sentence
they do not, numbered; every line wrapped to the width (`wrap_indented`)."""

from __future__ import annotations

from tui.analysis.coverage import SourceCoverage, percent
from tui.report.wrapping import one_line, wrap_indented


def coverage_text(coverages: list[SourceCoverage], width: int) -> str:
    lines: list[str] = []
    for source in coverages:
        cov = source.coverage
        if lines:
            lines.append("")
        head = f"{one_line(source.id)}: {one_line(source.outlet)}, “{one_line(source.title)}”"
        lines += wrap_indented(head, width, "", "    ")
        lines += wrap_indented(f"({one_line(source.file)})", width, "  ", "    ")
        stats = (
            f"sentences cited: {cov.cited_sentences} of {cov.sentences} "
            f"({cov.sentence_percent:.1f}%)",
            f"characters cited: {cov.cited_chars} of {cov.chars} ({cov.char_percent:.1f}%)",
            "every sentence is cited"
            if not cov.uncited
            else f"not cited ({len(cov.uncited)}), by sentence number:",
        )
        for line in stats:
            lines += wrap_indented(line, width, "  ", "    ")
        number_width = len(str(cov.uncited[-1].index)) if cov.uncited else 0
        for sentence in cov.uncited:
            label = f"    {sentence.index:>{number_width}}  "
            lines += wrap_indented(one_line(sentence.text), width, label, " " * len(label))
    if not coverages:
        lines += wrap_indented("no sources", width, "", "")
    else:
        # Sources sharing an archived file are counted once.
        files = {c.file: c.coverage for c in coverages}.values()
        total = sum(c.sentences for c in files)
        cited = sum(c.cited_sentences for c in files)
        chars = sum(c.chars for c in files)
        cited_chars = sum(c.cited_chars for c in files)
        lines.append("")
        lines += wrap_indented(
            f"All sources: {cited} of {total} sentences cited ({percent(cited, total):.1f}%), "
            f"{percent(cited_chars, chars):.1f}% of characters",
            width,
            "",
            "  ",
        )
    return "\n".join(lines) + "\n"
