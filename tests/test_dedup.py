"""Body normalisation and exact hashes (newsgraph.ingest.dedup); MinHash signatures, LSH bands,
content keys and cluster choice (newsgraph.resolve.near_duplicates)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsgraph.ingest import dedup
from newsgraph.resolve import near_duplicates as nd

# A fictional wire story, long enough for word 5-shingles to mean something.
STORY = (
    "The harbour board of Seaville voted on Thursday to rebuild the old grain pier, "
    "ending a dispute with the fishing cooperative that had lasted for almost four years. "
    "Board chair Ilse Marten said the work would begin in the autumn and take two seasons. "
    "The cooperative had argued that the pier blocked the channel used by smaller boats, "
    "and its members staged a slow sail past the board offices last spring. "
    "Under the agreement the new pier will be shorter and a second channel will be dredged "
    "along the northern breakwater. The town council is expected to approve the dredging "
    "budget at its next meeting, according to two councillors who asked not to be named. "
    "Local traders welcomed the decision and said the summer market would return to the quay."
)

# The same story as a syndicated copy: one sentence reworded, a credit line added.
STORY_EDITED = STORY.replace(
    "Local traders welcomed the decision and said the summer market would return to the quay.",
    "Local traders welcomed the vote, saying the summer market could come back to the quay.",
) + " Reporting by the Coastal Wire desk."

UNRELATED = (
    "Mountain villages in the eastern valley lost power for most of Sunday after a storm "
    "brought down lines near the reservoir. Engineers from the regional grid company worked "
    "through the night, and the last homes were reconnected early on Monday. The mayor of "
    "Altdorf asked residents to check on elderly neighbours and opened the school gym as a "
    "warm shelter. Forecasters expect more snow later in the week, with strong winds over the pass."
)


def true_jaccard(first: str, second: str) -> float:
    a, b = set(nd.shingles(first)), set(nd.shingles(second))
    return len(a & b) / len(a | b)


class TestNormaliseBody:
    def test_typographic_variants_normalise_to_the_same_text(self):
        plain = 'He said: "We\'re ready -- now." (Update)'
        fancy = "HE  said\u00a0: \u201cWe\u2019re ready \u2014 now.\u201d\n(Up\u00addate)"
        assert dedup.normalise_body(plain) == dedup.normalise_body(fancy)
        assert dedup.normalise_body(plain) == "he said we re ready now update"

    def test_full_width_and_compatibility_forms_fold(self):
        assert dedup.normalise_body("\uff2e\uff25\uff37\uff33 \u2460") == "news 1"

    def test_currency_symbols_are_kept(self):
        assert dedup.normalise_body("$3m") != dedup.normalise_body("3m")

    def test_zero_width_space_is_removed_and_whitespace_collapsed(self):
        assert dedup.normalise_body("  pier\u200b board \t\n\n vote  ") == "pier board vote"


class TestBodyHash:
    def test_equal_for_copies_that_differ_only_in_typography(self):
        assert dedup.body_hash("It\u2019s \u201cdone\u201d.") == dedup.body_hash("it's \"done\"")

    def test_differs_when_a_word_changes(self):
        assert dedup.body_hash(STORY) != dedup.body_hash(STORY.replace("Thursday", "Friday"))

    def test_is_sha256_hex(self):
        assert re.fullmatch(r"[0-9a-f]{64}", dedup.body_hash(STORY))


class TestMinHash:
    def test_signature_is_deterministic_uint32_of_requested_size(self):
        first = nd.minhash_signature(STORY)
        second = nd.minhash_signature(STORY)
        assert first.dtype == np.uint32 and first.shape == (128,)
        assert np.array_equal(first, second)
        assert nd.minhash_signature(STORY, num_perm=64).shape == (64,)

    def test_signature_is_the_same_in_another_process(self):
        # Stored signatures are compared with signatures made by later runs.
        code = (
            "from newsgraph.resolve.near_duplicates import minhash_signature; import sys; "
            "print(','.join(map(str, minhash_signature(sys.stdin.read()).tolist())))"
        )
        output = subprocess.run(
            [sys.executable, "-c", code], input=STORY, capture_output=True, text=True, check=True
        ).stdout
        assert [int(v) for v in output.strip().split(",")] == nd.minhash_signature(STORY).tolist()

    def test_near_duplicate_is_above_threshold_and_unrelated_far_below(self):
        base = nd.minhash_signature(STORY)
        assert nd.jaccard_estimate(base, nd.minhash_signature(STORY_EDITED)) >= nd.NEAR_DUPLICATE_THRESHOLD
        assert nd.jaccard_estimate(base, nd.minhash_signature(UNRELATED)) < 0.2

    def test_estimate_tracks_the_true_jaccard_similarity(self):
        half = STORY[: len(STORY) // 2]
        for other in (STORY_EDITED, half, UNRELATED):
            estimate = nd.jaccard_estimate(nd.minhash_signature(STORY), nd.minhash_signature(other))
            assert abs(estimate - true_jaccard(STORY, other)) < 0.12

    def test_short_texts_fall_back_to_shorter_shingles(self):
        assert nd.shingles("Pier vote passes") == ["pier vote passes"]
        signature = nd.minhash_signature("Pier vote passes")
        assert nd.jaccard_estimate(signature, nd.minhash_signature("pier VOTE passes!")) == 1.0
        assert nd.jaccard_estimate(signature, nd.minhash_signature("Bridge vote fails")) < 0.5

    def test_empty_text_matches_nothing(self):
        empty = nd.minhash_signature(" \n ")
        assert nd.jaccard_estimate(empty, empty) == 0.0
        assert nd.lsh_bands(empty) == []

    def test_rejects_mismatched_signatures(self):
        with pytest.raises(ValueError, match="128 and 64"):
            nd.jaccard_estimate(nd.minhash_signature(STORY), nd.minhash_signature(STORY, num_perm=64))

    def test_signature_bytes_round_trip(self):
        signature = nd.minhash_signature(STORY)
        data = nd.signature_to_bytes(signature)
        assert len(data) == 512
        assert np.array_equal(nd.signature_from_bytes(data), signature)
        with pytest.raises(ValueError):
            nd.signature_from_bytes(b"abc")


class TestLshBands:
    def test_one_key_per_band_with_its_number(self):
        keys = nd.lsh_bands(nd.minhash_signature(STORY))
        assert len(keys) == nd.DEFAULT_BANDS
        assert all(re.fullmatch(r"b\d\d:[0-9a-f]{16}", key) for key in keys)
        assert [key[:3] for key in keys] == [f"b{n:02d}" for n in range(nd.DEFAULT_BANDS)]

    def test_near_duplicates_share_a_band_and_unrelated_texts_do_not(self):
        base = set(nd.lsh_bands(nd.minhash_signature(STORY)))
        assert base & set(nd.lsh_bands(nd.minhash_signature(STORY_EDITED)))
        assert not base & set(nd.lsh_bands(nd.minhash_signature(UNRELATED)))

    def test_equal_rows_in_different_bands_give_different_keys(self):
        keys = nd.lsh_bands(np.full(128, 7, dtype=np.uint32))
        assert len(set(keys)) == nd.DEFAULT_BANDS

    def test_band_count_must_divide_the_signature(self):
        with pytest.raises(ValueError, match="equal bands"):
            nd.lsh_bands(nd.minhash_signature(STORY), bands=7)

    def test_s_curve_fits_the_threshold(self):
        # Pairs at the threshold are almost always looked at; clearly different pairs rarely.
        assert nd.candidate_probability(nd.NEAR_DUPLICATE_THRESHOLD) > 0.9
        assert nd.candidate_probability(0.9) > 0.999
        assert nd.candidate_probability(0.2) < 0.1


class TestContentKeys:
    def test_keys_are_the_body_hash_signature_and_bands(self):
        keys = nd.content_keys(STORY)
        signature = nd.minhash_signature(STORY)
        assert keys.has_body is True
        assert keys.body_hash == dedup.body_hash(STORY)
        assert keys.signature == nd.signature_to_bytes(signature)
        assert keys.bands == tuple(nd.lsh_bands(signature))
        assert nd.body_identity(STORY) == (keys.body_hash, True)

    def test_typographic_copies_get_the_same_keys(self):
        copy = STORY.replace("'", "\u2019").replace(". ", ".\n").upper()
        assert nd.content_keys(copy) == nd.content_keys(STORY)
        assert nd.content_keys(STORY_EDITED).body_hash != nd.content_keys(STORY).body_hash

    @pytest.mark.parametrize("text", ["", "  \n ", "\u2014 \u2026 ! \u200b"])
    def test_a_body_without_words_has_no_keys_to_match(self, text: str):
        keys = nd.content_keys(text)
        assert (keys.has_body, keys.signature, keys.bands) == (False, None, ())
        assert keys.body_hash == dedup.body_hash(text)
        assert nd.body_identity(text) == (keys.body_hash, False)

    def test_settings_are_passed_on(self):
        keys = nd.content_keys(STORY, num_perm=64, bands=16)
        assert len(keys.signature) == 64 * 4 and len(keys.bands) == 16
        assert keys.bands == tuple(nd.lsh_bands(nd.minhash_signature(STORY, num_perm=64), bands=16))


def stored(text: str, *, num_perm: int = nd.DEFAULT_NUM_PERM) -> bytes:
    return nd.signature_to_bytes(nd.minhash_signature(text, num_perm=num_perm))


class TestBestCluster:
    def test_the_cluster_of_a_candidate_above_the_threshold(self):
        candidates = [("unrelated", stored(UNRELATED)), ("story", stored(STORY))]
        assert nd.best_cluster(nd.minhash_signature(STORY_EDITED), candidates) == "story"

    def test_the_most_similar_candidate_wins_in_any_order(self):
        signature = nd.minhash_signature(STORY)
        candidates = [("edited", stored(STORY_EDITED)), ("copy", stored(STORY.upper()))]
        assert nd.best_cluster(signature, candidates) == "copy"
        assert nd.best_cluster(signature, list(reversed(candidates))) == "copy"

    def test_none_when_no_candidate_is_similar_enough(self):
        signature = nd.minhash_signature(STORY)
        assert nd.best_cluster(signature, [("unrelated", stored(UNRELATED))]) is None
        assert nd.best_cluster(signature, []) is None
        assert nd.best_cluster(nd.minhash_signature(""), [("empty", stored(""))]) is None

    def test_the_threshold_is_inclusive_and_can_be_given(self):
        signature = nd.minhash_signature(STORY)
        edited = [("edited", stored(STORY_EDITED))]
        similarity = nd.jaccard_estimate(signature, nd.minhash_signature(STORY_EDITED))
        assert nd.best_cluster(signature, edited, threshold=similarity) == "edited"
        assert nd.best_cluster(signature, edited, threshold=similarity + 0.01) is None
        assert nd.best_cluster(signature, [("copy", stored(STORY))], threshold=1.0) == "copy"

    def test_a_signature_made_with_other_settings_is_skipped(self):
        signature = nd.minhash_signature(STORY)
        candidates = [("other-size", stored(STORY, num_perm=64)), ("edited", stored(STORY_EDITED))]
        assert nd.best_cluster(signature, candidates) == "edited"
        assert nd.best_cluster(signature, candidates[:1]) is None


NAEB = Path(__file__).resolve().parents[2] / "shared" / "data" / "naeb" / "news_articles.json"


@pytest.mark.slow
@pytest.mark.skipif(not NAEB.exists(), reason="needs ../shared/data/naeb (the real-news benchmark), absent here")
def test_real_news_copies_cluster_and_distinct_articles_do_not(tmp_path):
    """On 421 real articles: none clustered with another; edited copies join their original.

    A copy drops one sentence, changes a word and gains a credit line. Copies whose
    estimated similarity is still at or above the threshold must be found by the
    banded lookup (LSH recall); those below it are rightly left alone.
    """
    import json

    from newsgraph.records import Article
    from newsgraph.store import ArticleEntry, WriteBatch, open_store

    records = [r for r in json.loads(NAEB.read_text(encoding="utf-8")) if r["text"].strip()]
    rng = random.Random(1)
    originals = [Article(id=f"o{r['id']}", source=f"naeb/{r['id']}", text=r["text"], language="en") for r in records]
    copies = []
    for original in originals:
        sentences = re.split(r"(?<=[.!?])\s+", original.text)
        if len(sentences) < 6:
            continue
        changed = rng.randrange(len(sentences))
        sentences[changed] = sentences[changed].replace(" the ", " a ", 1)
        del sentences[rng.randrange(len(sentences))]
        text = " ".join(sentences) + " Distributed by Example Wire."
        copies.append((original, Article(id="c" + original.id, source="copy/" + original.id, text=text, language="en")))

    with open_store(tmp_path / "naeb.db") as store:
        first = store.write_batch(WriteBatch(articles=[ArticleEntry(original) for original in originals]))
        assert first.near_duplicates == 0 and first.new == len(originals)
        store.write_batch(WriteBatch(articles=[ArticleEntry(copy) for _, copy in copies]))
        expected = clustered = 0
        for original, copy in copies:
            similar = nd.jaccard_estimate(nd.minhash_signature(original.text), nd.minhash_signature(copy.text))
            if similar >= nd.NEAR_DUPLICATE_THRESHOLD:
                expected += 1
                clustered += store.get_article(copy.id).cluster_id == original.id
    assert expected >= 0.8 * len(copies)
    assert clustered / expected >= 0.97
