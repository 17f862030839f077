"""Plain-text templates learnt across a batch, by line and by line shape, give the same records
however a source's dumps arrive: together, split over runs, shuffled, or extracted."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

import newsgraph
from newsgraph.engine import EngineOptions, run_ingest
from newsgraph.ingest.furniture import SiteTemplates, line_shape, long_line_shape
from newsgraph.ingest.textclean import clean_text
from newsgraph.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dumps" / "raw"
# Styles whose meta lines differ in every dump (names, dates, times): only their shapes recur.
STYLES = ("forum_board", "mailing_list", "wire_desk")


def test_meta_lines_that_differ_in_names_and_numbers_share_a_shape():
    assert line_shape("Posted 3 hours ago by Jane Doe") == line_shape("Posted 15 hours ago by Li Wei")
    assert line_shape("Post by Ana Lima » Tue Sep 13, 2016 9:41 am") == line_shape(
        "Post by Bo Chen » Fri Sep 02, 2016 11:05 am")
    assert line_shape("Filed Fri 16 Sep 2016, 11.57 BST") == line_shape("Filed Mon 3 Oct 2016, 9.05 CEST")


def test_title_cased_headlines_and_plain_words_have_no_shape():
    # A run of capitalised words with one literal word left would make every headline alike.
    assert line_shape("Council Approves Budget After Long Debate") is None
    assert line_shape("Subject: [Morning Brief] Vote On The Wind Farm") is None
    assert line_shape("Location: Kelvedon Reach") is None
    assert line_shape("the ferry left at dawn") is None  # nothing varies: the line's own key serves
    assert line_shape(" ".join(["Word"] + ["and"] * 20)) is None  # too long to be a meta line


def test_a_long_line_that_differs_only_in_what_it_quotes_and_names_shares_a_long_shape():
    first = "This article appears in the October 2016 print edition with the headline “A town divided.”"
    second = "This article appears in the May 2017 print edition with the headline “Counting the cost.”"
    assert long_line_shape(first) == long_line_shape(second) is not None
    assert long_line_shape("Ferry Sails Again After Storm, Says Harbour Master Ana Lima “Soon”") is None  # 2 literals
    assert long_line_shape("The ferry left at dawn.") is None  # under six literal words: its own key serves
    assert long_line_shape("The ferry left the harbour at dawn with its cargo.") != long_line_shape(
        "The pier was closed at dawn by the harbour master.")
    # Long shapes are judged by the long-line rules: on a small site, only as an edge line.
    templates = SiteTemplates()
    months = ["October", "May", "June", "March", "April", "July"]
    titles = ["A town divided", "Counting the cost", "The long argument", "Tides", "After the vote", "Salt"]
    for i, page in enumerate(_pages(6)):
        templates.observe("harbour", page + [f"This article appears in the {months[i]} 2016 print edition "
                                             f"with the headline “{titles[i]}.”"])
    note = "This article appears in the August 2019 print edition with the headline “Never seen.”"
    assert templates.is_edge_template("harbour", note) and not templates.is_template("harbour", note)
    assert not templates.is_edge_template("harbour", _pages(6)[0][2])


def _pages(n: int) -> list[list[str]]:
    authors = ["Ana Lima", "Bo Chen", "Cleo Durand", "Dev Patel", "Eli Novak", "Fay Okoro"]
    topics = ["ferry", "pier", "storm", "market", "bridge", "school"]
    return [[f"Harbour vote on the {topics[i]}",
             f"Posted {i + 2} hours ago by {authors[i]}",
             f"The {topics[i]} committee met on {['Monday', 'Friday'][i % 2]} and argued late into the night "
             "about who should pay for the repairs.",
             f"{['Dock', 'Quay', 'Mole'][i % 3]} {topics[i]} report"]
            for i in range(n)]


def test_a_meta_line_is_learnt_by_its_shape_and_cleaned_out():
    templates = SiteTemplates()
    pages = _pages(6)
    for page in pages:
        templates.observe("harbour", page)
    assert templates.is_template("harbour", "Posted 9 hours ago by Gus Ferreira")  # never seen as such
    assert not templates.is_template("harbour", pages[0][0])
    cleaned = clean_text("\n\n".join(pages[0]), templates=templates, site="harbour")
    assert "Posted 2 hours ago" not in cleaned.text
    assert "argued late into the night" in cleaned.text
    alone = clean_text("\n\n".join(pages[0]), templates=SiteTemplates(), site="harbour")
    assert "Posted 2 hours ago" in alone.text  # without the site's batch it reads as text


def _stored(db: Path, root: Path) -> list[dict]:
    prefix = str(root) + os.sep
    with open_store(db, readonly=True) as store, sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
        records = [dict(store.get_article(i).article.to_dict()) for i in ids]
    return sorted((dict(r, source=r["source"].replace(prefix, "")) for r in records), key=lambda r: r["id"])


def _ingest(paths: list[Path], db: Path, chunk_size: int = 64) -> None:
    with open_store(db) as store:
        run_ingest(paths, store, options=EngineOptions(chunk_size=chunk_size))


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> tuple[Path, list[Path], list[dict]]:
    root = tmp_path_factory.mktemp("dumps")
    for style in STYLES:
        shutil.copytree(FIXTURES / style, root / style)  # a folder per source: the folder is the site
    paths = sorted(root.rglob("*.txt"))
    db = root.parent / f"{root.name}-whole.db"
    _ingest([root], db)
    return root, paths, _stored(db, root)


def test_shape_learnt_furniture_leaves_the_stored_records(dumps):
    _, _, whole = dumps
    assert len(whole) == 18
    texts = [r["text"] for r in whole]
    assert not any("Written for the Brief by" in t or "Filed " in t or "Post by " in t for t in texts)


@pytest.mark.parametrize("seed", range(3))
def test_split_and_shuffled_runs_store_the_records_one_run_stores(dumps, tmp_path: Path, seed: int):
    root, paths, whole = dumps
    rng = random.Random(seed)
    order = paths[:]
    rng.shuffle(order)
    cut = rng.randrange(1, len(order))
    db = tmp_path / "split.db"
    _ingest(order[:cut], db, chunk_size=rng.choice([1, 4, 64]))
    _ingest(order[cut:], db, chunk_size=rng.choice([2, 5, 64]))
    assert _stored(db, root) == whole


def test_a_dump_ingested_alone_is_cleaned_again_when_its_source_arrives(tmp_path: Path):
    root = tmp_path / "dumps"
    shutil.copytree(FIXTURES / "longform_magazine", root / "longform_magazine")
    whole_db = tmp_path / "whole.db"
    _ingest([root], whole_db)
    whole = _stored(whole_db, root)
    lone = sorted(root.rglob("*.txt"))[0]
    db = tmp_path / "lone.db"
    _ingest([lone], db)
    # One dump: no line recurs yet, so the magazine's print-edition note reads as text; the batch
    # shows it on every page, worded alike but for the title it quotes (its long shape).
    footer = "print edition with the headline"
    assert footer in _stored(db, root)[0]["text"]
    _ingest([root], db)
    assert _stored(db, root) == whole
    source = str(lone.relative_to(root))
    assert footer not in next(r["text"] for r in whole if r["source"] == source)


def test_extract_gives_what_ingest_stores_in_any_order(dumps):
    root, paths, whole = dumps
    shuffled = paths[:]
    random.Random(5).shuffle(shuffled)
    prefix = str(root) + os.sep
    extracted = sorted((dict(a.to_dict(), source=a.source.replace(prefix, ""))
                        for a in newsgraph.extract(shuffled, analysis=False)), key=lambda r: r["id"])
    assert extracted == whole


DISCLAIMER = "Prices shown are delayed by at least twenty minutes and are given for information only."


def _story(i: int) -> list[str]:
    topics = ["ferry", "pier", "storm", "market", "bridge", "school"]
    return [f"The {topics[i]} committee met on Monday and argued late into the night about the repairs.",
            f"Members said the {topics[i]} had been neglected for years and that the bill kept growing."]


def test_a_long_line_on_every_page_of_a_small_site_leaves_the_edges_of_the_story_only():
    templates = SiteTemplates()
    for i in range(5):
        templates.observe("quay", _story(i) + [DISCLAIMER])
    assert not templates.is_template("quay", DISCLAIMER)  # five pages are too few to call a sentence template
    assert templates.is_edge_template("quay", DISCLAIMER)
    below = clean_text("\n\n".join(_story(0) + [DISCLAIMER]), templates=templates, site="quay")
    assert DISCLAIMER not in below.text and below.text.split("\n\n") == _story(0)
    inside = clean_text("\n\n".join([_story(0)[0], DISCLAIMER, _story(0)[1]]), templates=templates, site="quay")
    assert DISCLAIMER in inside.text  # within the story it is the story's


def test_versions_of_one_story_keep_their_shared_paragraphs():
    shared = [f"Paragraph {word} of the harbour story, which every version of it prints in the same words."
              for word in ["one", "two", "three", "four", "five"]]
    templates = SiteTemplates()
    leads = ["The harbour reopened on Monday after the storm, officials said in a statement.",
             "The harbour reopened on Monday after the storm, the port authority confirmed late.",
             "The harbour reopened on Monday after the storm, with ferries running by the evening.",
             "The harbour reopened on Monday after the storm, though the north quay stays shut."]
    for lead in leads:
        templates.observe("quay", [lead, *shared])
    cleaned = clean_text("\n\n".join([leads[0], *shared]), templates=templates, site="quay")
    assert cleaned.text.split("\n\n") == [leads[0], *shared]  # a run longer than a footer is the story
