"""`summit add-source` on saved pages nobody here wrote (tests/fixtures/pages, from
trafilatura's test corpus): the outlet only as the page states it, the title without a
suffix that repeats the site's name or date, a web address refused, a preview followed by
--append, and the same article never archived twice.

Issue 21, items 2, 3 and 7. No network: the pages are files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

import tui.authoring.yamledit
from tests.helpers import cli, saved_page
from tui.authoring.page_metadata import site_name, stated_site_names, strip_site_suffix
from tui.authoring.yamledit import EditError
from tui.loader.pipeline import load_uncached

DW = "dw.com.colonial.html"
POLITICO = "politico.com.retirement.html"
TOI = "timesofisrael.com.washington.html"
DW_ID = "berlin-confronts-germany-s-colonial-past-with-new-initiative"


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "talks"
    assert cli(["init", str(folder)], capsys)[0] == 0
    return folder


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    return folder


def add(
    project: Path, capsys: pytest.CaptureFixture[str], page: Path | str, *more: str
) -> tuple[int, str, str]:
    return cli(["add-source", str(page), "--project", str(project), *more], capsys)


def stanza_of(out: str) -> dict[str, str]:
    """The printed stanza's fields (not its comments), as YAML reads them (as text)."""
    [fields] = yaml.load(out, Loader=yaml.BaseLoader).values()
    return dict(fields)


# --- item 7: the outlet and the title as the page states them -----------------------------


def test_the_outlet_is_the_site_name_the_page_states(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    code, out, err = add(project, capsys, saved_page(POLITICO, downloads))
    assert code == 0, err
    assert stanza_of(out)["outlet"] == "POLITICO"
    assert "No outlet" not in err


def test_a_page_naming_no_site_gets_a_commented_outlet_not_a_guess(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    """The Times of Israel's page states only a Twitter handle, `timesofisrael`: trafilatura
    makes "Timesofisrael" of it; the stanza leaves the outlet to the curator."""
    code, out, err = add(project, capsys, saved_page(TOI, downloads), "--append")
    assert code == 0, err
    assert "Timesofisrael" not in out + err
    text = (project / "positions.yaml").read_text(encoding="utf-8")
    assert "Timesofisrael" not in text
    assert '    # outlet: "..."   <- not stated: the outlet as the article names it\n' in text
    assert "No outlet: the web page names none" in err
    # Until the curator writes it, `summit check` says the outlet is missing.
    result = load_uncached(project / "positions.yaml")
    assert any("outlet" in d.message for d in result.errors)


def test_a_title_loses_a_suffix_repeating_the_site_name_and_the_date(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    """DW's title is "… | DW | 19.01.2020"; the page states the site (DW.COM) and the day."""
    code, out, err = add(project, capsys, saved_page(DW, downloads))
    assert code == 0, err
    fields = stanza_of(out)
    assert fields["title"] == "Berlin confronts Germany's colonial past with new initiative"
    assert fields["outlet"] == "DW.COM"
    assert fields["published"] == "2020-01-19"
    assert out.splitlines()[0] == f"  {DW_ID}:"


def test_only_parts_repeating_the_site_or_the_date_are_stripped() -> None:
    day = date(2020, 1, 19)
    names = ["DW.COM", "Deutsche Welle (www.dw.com)"]
    assert strip_site_suffix("Berlin renames streets | DW | 19.01.2020", names, day) == (
        "Berlin renames streets"
    )
    # Another day: the date is not the page's, so neither it nor what precedes it goes.
    assert strip_site_suffix("Uncork it | DW | 10.06.2013", names, day) == (
        "Uncork it | DW | 10.06.2013"
    )
    assert strip_site_suffix("Berlin renames streets — Deutsche Welle", names, None) == (
        "Berlin renames streets"
    )
    assert strip_site_suffix("Talks - January 19, 2020", [], day) == "Talks"
    letters = "Letters: Coddling criminals | Undermining road | Tax dollars"
    assert strip_site_suffix(letters, ["The Mercury News"], day) == letters
    # A title that is nothing but the site's name stays as it is.
    assert strip_site_suffix("DW", names, day) == "DW"


def test_stated_site_names_come_from_meta_tags_and_json_ld_only() -> None:
    metas = [
        ("", "twitter:site", "@timesofisrael"),
        ("", "copyright", "© 2020 Someone, all rights reserved"),
        ("article:publisher", "", "https://www.facebook.com/Reuters"),
        ("article:publisher", "", "120680396518"),
        ("og:site_name", "", "U.S."),
        ("", "application-name", "The  Guardian"),
    ]
    json_ld = [
        '{"@graph": [{"@type": "NewsArticle", "publisher": {"name": "Reuters"}},'
        ' {"@type": ["WebSite"], "name": "Example"}]}',
        "{not json",
    ]
    assert stated_site_names(metas, json_ld) == ["U.S.", "The Guardian", "Reuters", "Example"]
    assert stated_site_names([("", "twitter:site", "timesofisrael")], []) == []


def test_the_extractor_s_choice_is_kept_only_when_stated_and_as_spelt() -> None:
    assert site_name("Reuters", ["U.S.", "Reuters"]) == "Reuters"
    assert site_name("The Guardian", ["the Guardian"]) == "the Guardian"
    assert site_name("Timesofisrael", []) is None
    assert site_name("Futurezoneat", ["futurezone.at"]) == "futurezone.at"
    assert site_name(None, ["DW.COM"]) == "DW.COM"


@pytest.mark.parametrize(
    "address",
    ["https://www.dw.com/en/a-52060881", "http://example.org/x.html", "www.politico.com/news"],
)
def test_a_web_address_is_refused_with_save_the_page_first(
    project: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    before = (project / "positions.yaml").read_bytes()
    code, out, err = add(project, capsys, address, "--append")
    assert code == 1 and out == ""
    assert err.startswith(f"{address}:1:1: error: is a web address: summit never fetches pages.")
    assert "Save the page first" in err
    assert (project / "positions.yaml").read_bytes() == before
    assert list((project / "seeds").iterdir()) == []


# --- item 2: a preview, then --append ------------------------------------------------------


def test_preview_then_append_adds_the_stanza_and_keeps_the_archive(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    page = saved_page(DW, downloads)
    code, preview, err = add(project, capsys, page)
    assert code == 0, err
    archive = project / "seeds" / f"{DW_ID}.txt"
    archived = archive.read_bytes()
    before = archive.stat()
    assert "run the same command with --append" in err
    code, out, err = add(project, capsys, page, "--append")
    assert code == 0, err
    assert out == ""
    assert "already archived, with the same text" in err
    assert f"added source '{DW_ID}'" in err
    assert sorted(p.name for p in (project / "seeds").iterdir()) == [f"{DW_ID}.txt"]
    assert archive.read_bytes() == archived and archive.stat().st_mtime_ns == before.st_mtime_ns
    text = (project / "positions.yaml").read_text(encoding="utf-8")
    assert "\n".join(preview.splitlines()) in text  # the stanza the preview printed
    result = load_uncached(project / "positions.yaml")
    assert result.records is not None and list(result.records.sources) == [DW_ID]


def test_a_failed_append_keeps_an_archive_it_did_not_write(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    downloads: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = saved_page(DW, downloads)
    assert add(project, capsys, page)[0] == 0

    def fails(block: object, entry: object) -> None:
        raise EditError("the file changed while the source was being added")

    monkeypatch.setattr(tui.authoring.yamledit, "append_source", fails)
    code, _, err = add(project, capsys, page, "--append")
    assert code == 1 and "the file changed" in err
    assert (project / "seeds" / f"{DW_ID}.txt").is_file()


def test_an_archive_holding_another_text_is_still_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    archive = project / "seeds" / f"{DW_ID}.txt"
    archive.write_bytes(b"another article\n")
    code, _, err = add(project, capsys, saved_page(DW, downloads), "--append")
    assert code == 1
    assert err.startswith(f"{archive}:1:1: error: already exists and holds another text")
    assert archive.read_bytes() == b"another article\n"


# --- item 3: the same article twice ---------------------------------------------------------


def source_line(project: Path, source_id: str) -> int:
    lines = (project / "positions.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index(f"  {source_id}:") + 1


def test_the_same_page_again_under_another_id_is_refused_naming_the_source(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    page = saved_page(DW, downloads)
    assert add(project, capsys, page, "--append")[0] == 0
    before = (project / "positions.yaml").read_bytes()
    code, out, err = add(project, capsys, page, "--append", "--id", "colonial")
    assert code == 1 and out == ""
    positions = project / "positions.yaml"
    assert err.startswith(
        f"{positions}:{source_line(project, DW_ID)}:3: error: this article is already "
        f"source '{DW_ID}' (the same archived text; archived as 'seeds/{DW_ID}.txt')"
    )
    assert "--allow-duplicate" in err
    assert positions.read_bytes() == before
    assert sorted(p.name for p in (project / "seeds").iterdir()) == [f"{DW_ID}.txt"]


def test_the_same_page_again_under_its_own_id_names_the_source_too(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    page = saved_page(POLITICO, downloads)
    assert add(project, capsys, page, "--append")[0] == 0
    code, _, err = add(project, capsys, page, "--append")
    assert code == 1
    assert "this article is already source 'mark-meadows-accused-of-timing" in err


def test_the_same_address_is_refused_even_when_the_text_differs(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    page = saved_page(DW, downloads)
    assert add(project, capsys, page, "--append")[0] == 0
    # The same page saved again later: one paragraph more, the same canonical address.
    later = downloads / "dw-later.html"
    sentence = b"which sees the issue as more relevant than ever."
    later.write_bytes(page.read_bytes().replace(sentence, sentence + b" Update: more."))
    code, _, err = add(project, capsys, later, "--append", "--id", "colonial-update")
    assert code == 1
    assert f"this article is already source '{DW_ID}' (the same url;" in err
    assert sorted(p.name for p in (project / "seeds").iterdir()) == [f"{DW_ID}.txt"]


def test_an_archive_no_source_names_yet_is_named_with_the_command_to_add_it(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    page = saved_page(DW, downloads)
    assert add(project, capsys, page)[0] == 0  # a preview: archived, not appended
    code, _, err = add(project, capsys, page, "--append", "--id", "colonial")
    assert code == 1
    archive = project / "seeds" / f"{DW_ID}.txt"
    assert err.startswith(
        f"{archive}:1:1: error: this article is already archived as 'seeds/{DW_ID}.txt', "
        "which no source names yet; add it with `summit add-source "
    )
    assert f"--id {DW_ID} --append`" in err
    assert not (project / "seeds" / "colonial.txt").exists()


def test_allow_duplicate_adds_it_again_sharing_one_archive(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    page = saved_page(DW, downloads)
    assert add(project, capsys, page, "--append")[0] == 0
    code, _, err = add(project, capsys, page, "--append", "--id", "colonial", "--allow-duplicate")
    assert code == 0, err
    assert sorted(p.name for p in (project / "seeds").iterdir()) == [f"{DW_ID}.txt"]
    result = load_uncached(project / "positions.yaml")
    assert result.records is not None
    files = {key: source.file for key, source in result.records.sources.items()}
    assert files == {DW_ID: f"seeds/{DW_ID}.txt", "colonial": f"seeds/{DW_ID}.txt"}


def test_two_different_pages_are_both_added(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path
) -> None:
    assert add(project, capsys, saved_page(DW, downloads), "--append")[0] == 0
    code, _, err = add(project, capsys, saved_page(POLITICO, downloads), "--append")
    assert code == 0, err
    assert len(list((project / "seeds").iterdir())) == 2


def test_an_archive_outside_the_project_is_never_read(
    project: Path, capsys: pytest.CaptureFixture[str], downloads: Path, tmp_path: Path
) -> None:
    """A source whose file climbs out of the project is not compared (nor read)."""
    page = saved_page(DW, downloads)
    assert add(project, capsys, page)[0] == 0
    outside = tmp_path / "outside.txt"
    outside.write_bytes((project / "seeds" / f"{DW_ID}.txt").read_bytes())
    positions = project / "positions.yaml"
    text = positions.read_text(encoding="utf-8").replace(
        "sources: {}",
        "sources:\n  far:\n    outlet: O\n    title: T\n    published: 2020-01-01\n"
        "    published_basis: stated\n    file: ../outside.txt",
        1,
    )
    positions.write_text(text, encoding="utf-8")
    code, _, err = add(project, capsys, page, "--append")
    assert code == 0, err  # the preview's archive in seeds/, not the copy outside
