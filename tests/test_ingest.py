"""Ingestion: encodings, mojibake, page and forum chrome, bad files. Inputs are written here, in
the project's own words; the seed documents are checked where ../shared is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import IngestError
from argmap.ingest import document_from_text, load_document, load_documents
from argmap.ingest.decode import has_mojibake, repair_text

PROSE = (
    "Publishing model weights lets independent labs check safety claims themselves. "
    "Critics argue that open weights make misuse easier, but determined attackers already "
    "have access to capable closed systems."
)


def test_ingest_repairs_utf8_read_as_mac_roman():
    text = "Meta’s licence is “open” only in name — café owners can’t use it."
    garbled = text.encode("utf-8").decode("mac_roman")
    assert has_mojibake(garbled)
    fixed, _ = repair_text(garbled)
    assert fixed == text


def test_ingest_repairs_utf8_read_as_cp1252():
    text = "It’s ‘security through obscurity’ — and it fails."
    fixed, _ = repair_text(text.encode("utf-8").decode("cp1252"))
    assert fixed == text


def test_ingest_drops_lossy_mojibake_remnants():
    # a lossy decode leaves stray Greek letters where quotes and emoji were
    fixed, n = repair_text("I asked my βcrewβ which runs on the vendorβs API. Nice π€π")
    assert fixed == "I asked my crew which runs on the vendor’s API. Nice "
    assert n == 4


def test_ingest_keeps_real_non_latin_text():
    greek = "Τα ανοιχτά μοντέλα βοηθούν την έρευνα."
    assert repair_text(greek)[0] == greek


def test_ingest_strips_flattened_page_chrome():
    page = (
        "Home Topics Climate Energy Newsletter Podcasts Sign In Subscribe Jobs Events Store Tech "
        "Policy Opinion Dana Whitfield Energy The Case for Sharing Grid Models Illustration: "
        "Studio Grey Share this page Share Share this page Share " + PROSE + "\n"
        "Share this page Share Share this page Share\n"
        "Cheaper reactors are still a decade away, so the grid needs open planning tools now.\n"
        "Latest Stories Why Batteries Got Cheap Pat Moreno The Quiet Revolution in Heat Pumps "
        "Lee Chan Inside the Race for Fusion Money Sam Obi Who Owns the Weather Data Ana Ruiz "
        "What Cities Learned From Floods Kim Park Facebook X Instagram Contact Careers Press\n"
        "© 2025 Example Media Group. All rights reserved. Use of this site constitutes "
        "acceptance of our terms and our privacy notice.\n"
        "The material here may not be reproduced without the prior written permission of the "
        "publisher.\n"
    )
    doc, _ = document_from_text(page, "page.txt")
    assert doc.text.startswith("Publishing model weights")
    assert "Cheaper reactors are still a decade away" in doc.text
    for junk in (
        "Subscribe",
        "Share this page",
        "Latest Stories",
        "All rights reserved",
        "Instagram",
        "reproduced",
    ):
        assert junk not in doc.text


def test_ingest_strips_forum_chrome_but_keeps_arguments():
    thread = (
        "Is open-weight AI a good idea?\n"
        "Posted by quietfox\n"
        "Open weights let universities study models without paying per query.\n"
        "Upvote\n"
        "14 points\n"
        "🔥🔥🔥\n"
        "-----\n"
        "maria_k\n"
        "I disagree: releasing weights hands every scammer a free tool.\n"
        "Reply Share\n"
        "Show 2 more replies\n"
    )
    doc, _ = document_from_text(thread, "thread.txt")
    assert doc.text.split("\n") == [
        "Is open-weight AI a good idea?",
        "Open weights let universities study models without paying per query.",
        "I disagree: releasing weights hands every scammer a free tool.",
    ]


def test_ingest_html_loses_navigation_and_footer(tmp_path: Path):
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>Weights</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/tech'>Tech</a>"
        "</nav></header><div class='cookie-banner'>We use cookies to improve your visit.</div>"
        "<article><h1>Labs split over open weights</h1>"
        f"<p>{PROSE}</p><p>Regulators have not yet decided how open releases should be "
        "treated, and the debate is likely to continue for years.</p></article>"
        "<aside><h3>Related</h3><ul><li><a href='/a'>Chip export rules tighten</a></li>"
        "<li><a href='/b'>Ten gadgets for winter</a></li></ul></aside>"
        "<footer><p>Copyright 2026 Example News. All rights reserved.</p>"
        "<a href='/privacy'>Privacy</a></footer></body></html>",
        encoding="utf-8",
    )
    doc, _ = load_document(page)
    assert "Publishing model weights" in doc.text
    assert doc.title == "Labs split over open weights"
    for junk in ("Home", "cookies", "Chip export", "Copyright", "Privacy"):
        assert junk not in doc.text
    assert doc.media_type == "text/html"


def test_ingest_markdown_markup_is_removed(tmp_path: Path):
    md = tmp_path / "brief.md"
    md.write_text(
        "# Brief on weights\n\n**Summary.** Open weights *help* audits.\n\n"
        "- First, [audits](http://x.test) get cheaper.\n- Second, bugs surface sooner.\n",
        encoding="utf-8",
    )
    doc, _ = load_document(md)
    assert doc.title == "Brief on weights"
    assert "**" not in doc.text and "](" not in doc.text and "\n- " not in doc.text
    assert "Open weights help audits." in doc.text


def test_ingest_reads_pdf_text_layer(tmp_path: Path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, PROSE)
    path = tmp_path / "paper.pdf"
    pdf.output(str(path))
    doc, _ = load_document(path)
    assert "Critics argue that open weights make misuse easier" in " ".join(doc.text.split())


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "fake.pdf").write_bytes(b"this is not a pdf at all")
    (tmp_path / "latin1.txt").write_bytes(
        "Le café du coin affirme que les modèles ouverts aident la recherche publique. "
        "Pourtant, les coûts de calcul restent énormes.".encode("latin-1")
    )
    (tmp_path / "good.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a document kind: named
    return tmp_path


def test_ingest_bad_files_are_named_and_skipped(bad_folder: Path):
    result = load_documents([bad_folder])
    errors = {Path(p.source).name: p.reason for p in result.errors}
    assert errors == {
        "empty.txt": "empty file",
        "binary.txt": "binary file, not text",
        "empty.html": "HTML page holds no readable text",
        "fake.pdf": "not a PDF file (no %PDF header)",
        "notes.json": "1 file(s) of unsupported type '.json' skipped; argmap reads .htm, .html, "
        ".markdown, .md, .pdf, .text, .txt",
    }
    names = sorted(Path(d.source).name for d in result.documents)
    assert names == ["good.txt", "latin1.txt"]
    latin = next(d for d in result.documents if d.source.endswith("latin1.txt"))
    assert "café" in latin.text and "modèles" in latin.text
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert any("latin1.txt" in p.source and "not UTF-8" in p.reason for p in warnings)


def test_ingest_missing_path_and_unsupported_file(tmp_path: Path):
    result = load_documents([tmp_path / "nope"])
    assert result.errors[0].reason == "no such file or folder"
    odd = tmp_path / "x.docx"
    odd.write_bytes(b"PK")
    with pytest.raises(IngestError, match="unsupported file type '.docx'"):
        load_document(odd)


def test_ingest_seeds_are_clean(seeds_dir: Path):
    result = load_documents([seeds_dir])
    assert len(result.documents) == 2 and not result.errors
    for doc in result.documents:
        assert not has_mojibake(doc.text)
        assert "β" not in doc.text and "‚Ä" not in doc.text
        # no whole line of the stored text is menu or button chrome
        for line in doc.text.split("\n"):
            words = line.split()
            assert not words or len(words) > 4 or line.rstrip().endswith(("?", ".", ":", "!"))


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Library › Energy › Is nuclear power worth its cost?", True),
        ("Home | Sport | Weather | Local news from the coast", True),
        ("Articles » 2024 » Transport", True),
        ("Trains are cheaper / faster / cleaner than planes, and I think that matters.", False),
        ("Fares rose from 10 > 12 > 15 euros over three years of steady inflation.", False),
        ("Speed | cost | comfort: all three matter when a city plans a new tram line.", False),
        ("Bakery Notes · Opening hours · Contact us", True),
        # title-case runs with no sentence ending: menus, share bars, related headlines
        ("Rail Digest Home Trains Trams Buses Podcasts Events About Us Sign In", True),
        ("Share this story Copy link Email Post to Forum Bookmark for later", True),
        ("Related Why Night Trains Came Back The Hidden Cost Of Cheap Flights", True),
        # prose keeps its proper names; a sentence-case line without a full stop stays
        ("Deutsche Bahn and ÖBB run Nightjet services between Vienna, Munich and Paris.", False),
        ("Night trains replace short flights for many travellers", False),
        ("Will the European Union Fund Night Trains Again?", False),
    ],
)
def test_ingest_breadcrumb_and_menu_trails_are_chrome(line: str, chrome: bool):
    from argmap.ingest.boilerplate import is_chrome_line

    assert is_chrome_line(line) is chrome


def test_ingest_closing_furniture_goes_and_a_closing_list_stays():
    thread = (
        "Sleeper trains deserve public money. They replace short flights for many travellers.\n\n"
        "I disagree. The subsidy per passenger is far higher than for day trains.\n\n"
        "Showing all 2 replies\n"
        "Log in to reply\n"
    )
    doc, _ = document_from_text(thread, "thread.txt")
    assert doc.text.endswith("far higher than for day trains.")
    brief = (
        "Cities can cut emissions from transport quickly and cheaply. We recommend three steps:\n"
        "- Fund night trains on routes under 1,000 km\n"
        "- Tax short-haul flights\n"
        "- Publish the subsidy per passenger\n"
    )
    doc, _ = document_from_text(brief, "brief.md")
    assert doc.text.endswith("Publish the subsidy per passenger")  # content after a lead-in


def test_ingest_a_headline_names_the_document_but_is_not_its_text():
    text = (
        "COMMENT\n\n"
        "Night Trains Are Worth Every Cent of Their Subsidy\n\n"
        "Sleeper trains deserve public money. They replace short flights for many travellers, "
        "and they carry people between city centres while they sleep."
    )
    doc, _ = document_from_text(text, "comment.txt")
    assert doc.title == "Night Trains Are Worth Every Cent of Their Subsidy"
    assert doc.text.startswith("Sleeper trains deserve public money.")


RELATED_RUN = (
    "Latest Stories Why Batteries Got Cheap Pat Moreno The Quiet Revolution in Heat Pumps "
    "Lee Chan Inside the Race for Fusion Money Sam Obi Who Owns the Weather Data Ana Ruiz "
    "What Cities Learned From Floods Kim Park "
)


def test_ingest_a_sentence_behind_a_run_of_related_headlines_is_kept():
    # the run and the sentence share one line and no full stop parts them: taken whole, the
    # line looks like a list of links, yet its end is the article's own sentence
    sentence = (
        "This kind of control means that the utility may gain a lasting advantage over "
        "smaller rivals, for instance by reusing the improvements that outside engineers make "
        "to the shared planning model."
    )
    page = PROSE + "\n" + RELATED_RUN + sentence + "\nThe grid needs open tools now.\n"
    doc, _ = document_from_text(page, "page.txt")
    assert sentence in doc.text.split("\n")
    assert "Latest Stories" not in doc.text and "Ana Ruiz" not in doc.text


def test_ingest_finds_the_headline_among_flattened_chrome():
    body = (
        "Grid operators keep their planning models secret. Sharing those models would let "
        "cities check the case for new lines themselves, and the public pays for the grid."
    )
    chrome = (
        "Home Topics Climate Energy Newsletter Podcasts Sign In Subscribe Jobs Events Store Tech "
        "Policy Opinion Dana Whitfield Energy The Case for Sharing Grid Models Illustration: "
        "Studio Grey Share this page Share Share this page Share "
    )
    doc, _ = document_from_text(chrome + body, "page.txt")
    assert doc.text.startswith("Grid operators keep")
    assert doc.title == "The Case for Sharing Grid Models"
    # menu labels the body happens to use are a row of labels, not a phrased title
    menu = "Home Grid Cities Models Lines Subscribe Sign In Jobs Events Store Share Share "
    doc, _ = document_from_text(menu + body, "page.txt")
    assert doc.title == doc.text.split("\n")[0][:117] + "..."


def test_ingest_seed_magazine_is_named_by_its_headline(seeds_dir: Path):
    doc, _ = load_document(seeds_dir / "magazine-myth-of-open-source-ai.txt")
    # the headline sits among the page's menu labels and bylines on the opening line
    assert doc.title.startswith("The Myth of") and len(doc.title.split()) <= 8
    # every finished sentence that ends a line of the page survives cleaning, unless it is a
    # repeated notice or the footer's legal text: menus and related-story runs glued in front
    # of prose never take it along
    raw, _ = repair_text((seeds_dir / "magazine-myth-of-open-source-ai.txt").read_text())
    footer = raw.index("©")
    for line in raw[:footer].split("\n"):
        tail = " ".join(line.split()[-6:])
        if line.rstrip().endswith(".") and raw.count(tail) == 1:
            assert tail in doc.text


def test_a_pdf_whose_info_dictionary_is_broken_keeps_its_text(tmp_path):
    """``reader.metadata`` raises on a trailer pointing at no info dictionary; that costs the
    title, not the document (it once aborted the whole build)."""
    import re

    from argmap.ingest.readers import read_pdf

    good = (
        Path(__file__).resolve().parent.parent
        / "data"
        / "corpus"
        / "reproducibility-and-science.pdf"
    ).read_bytes()
    ref = re.search(rb"/Info \d+ 0 R", good)
    assert ref is not None
    broken = good.replace(ref.group(0), b"/Info 9999 0 R"[: len(ref.group(0))])
    text, title, _ = read_pdf(broken, "broken.pdf")
    assert title == ""
    assert text == read_pdf(good, "good.pdf")[0]
    (tmp_path / "broken.pdf").write_bytes(broken)
    (tmp_path / "note.txt").write_text("Open models help research. They can be checked.\n")
    result = load_documents([tmp_path])
    assert len(result.documents) == 2 and not result.errors


def test_a_symlink_to_a_device_is_refused_not_read_forever(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "note.txt").write_text("Open models help research. They can be checked.\n")
    with pytest.raises(IngestError, match="not a regular file"):
        load_document(tmp_path / "zero.txt")
    result = load_documents([tmp_path])
    assert len(result.documents) == 1
    assert any("zero.txt" in p.source and "regular" in p.reason for p in result.problems)


def test_a_file_over_the_size_limit_is_refused_by_name(tmp_path, monkeypatch):
    from argmap.ingest import readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("Open models help research. " * 100)
    with pytest.raises(IngestError, match="limit") as e:
        load_document(big)
    assert "big.txt" in str(e.value)
