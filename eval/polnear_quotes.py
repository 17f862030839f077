"""Quotation extraction and speaker attribution scored on PolNeAR (brat standoff).

    .venv/bin/python eval/polnear_quotes.py [--split dev|train] [--offset N] [--limit N] [--verbose]

`--offset 300 --limit 300` scores train[300:600] (articles in file-name order). Slices
read so far: train[:300] and train[300:600] (earlier cue and speaker rules), train[600:720]
(the speaker-naming rules of issue 15 part 1, whose errors were read); train[720:] is
scored only, its errors never read: keep it that way, it is the check on unseen text.

Conventions (issue 3, "Measured, against the best"), so that the figures compare
with the anchors printed beside them:
- gold: the first annotator's .ann per article (file names sorted); every Content
  span, with the Source and Cue of its Attribution relation;
- spans are compared as sets of word tokens of the .txt (punctuation and quote
  marks ignored); discontinuous spans are the union of their fragments;
- predictions lying >= 90% inside one gold content are merged into one first
  (PolNeAR stores `"A," he said. "B."` as a single content);
- content matching is one-to-one, exact (equal token sets) and overlap
  (token Jaccard >= 0.5, best pairs first);
- "direct" F1: gold contents with a quote mark at the start or end of a fragment
  against predictions of kind direct/partial/mixed (overlap matching);
- speaker accuracy: among overlap-matched contents whose gold has a Source, the
  share whose predicted speaker mention shares a word token with it;
- cue F1: gold and predicted cue spans matched one-to-one when they share a token;
- named-speaker accuracy (the issue's "on named gold sources the resolved `name`
  right"): among overlap-matched contents, a gold Source is *named* when it refers to
  its speaker by a proper name: the head of the Source phrase (its last word before a
  comma, bracket, dash, or a preposition or relative word opening a post-modifier), or
  of an apposition after its first comma (not a list of examples: `, including ...`),
  is a proper-name token: capitalised, not a pronoun, determiner or role/title noun,
  never written in lower case in the article and written somewhere other than at a
  sentence start (so a capital opening a sentence is not a name: `Six in 10`,
  `Authorities`).
  Named: `Clinton`, `Sen. Ted Cruz`, `Mr. Trump`, `a top strategist, John Weaver`,
  `Secretary of State John Kerry`. Not named: `He`, `The senator`, `the Florida
  senator`, `Clinton supporters`, `the Rubio campaign`, `U.S. officials`, `a
  spokeswoman for YouTube` (the speaker is a group or an unnamed person, which the
  system rightly leaves without an invented name). The predicted speaker `name` is right when its last
  word (the surname) is a word of the gold Source, or of the name that Source
  co-refers to earlier in the article by surname match (the longest run of
  capitalised words before the Source ending in the Source's last proper-name word:
  `Clinton` -> `Hillary Rodham Clinton`). A missing name is wrong.

The article is run as `find_quotes(nlp(body), headline=title)`: the title line is
the headline and the body starts after the blank line; offsets are shifted back
onto the .txt for scoring.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import f1, shared_data_dir  # noqa: E402

if TYPE_CHECKING:
    from newsgraph.records import Quote, Speaker
    from newsgraph.records import Span as TextSpan

# (content F1 overlap, direct F1, speaker accuracy, cue F1) measured on PolNeAR dev with these conventions
ANCHORS = {
    "SFU Gender Gap Tracker rules": (0.523, 0.695, 0.831, 0.538),
    "BBC citron (retrained)": (0.498, 0.557, 0.878, 0.556),
    "textacy direct_quotations": (0.298, 0.723, 0.886, 0.339),
}
TARGETS = (0.70, 0.85, 0.90, 0.70)

_WORD = re.compile(r"\w+")
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a`"
DIRECT_KINDS = {"direct", "partial", "mixed"}
INSIDE_SHARE = 0.9
OVERLAP_JACCARD = 0.5

Span = list[tuple[int, int]]  # character fragments into the .txt


@dataclass(slots=True)
class GoldContent:
    fragments: Span
    tokens: frozenset[int]
    direct: bool
    source: frozenset[int] = frozenset()
    cue: frozenset[int] = frozenset()
    source_names: frozenset[str] = frozenset()  # lower-cased words a right speaker name may end with; empty: unnamed


@dataclass(slots=True)
class Prediction:
    tokens: frozenset[int]
    kind: str
    speaker: frozenset[int] = frozenset()
    cue: frozenset[int] = frozenset()
    speaker_name: str | None = None


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    direct_gold: int = 0
    direct_predicted: int = 0
    direct_matched: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    named_scored: int = 0
    named_right: int = 0
    cue_gold: int = 0
    cue_predicted: int = 0
    cue_matched: int = 0

    def add(self, other: "Counts") -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Scores:
    exact_f1: float
    overlap_f1: float
    direct_f1: float
    speaker_accuracy: float
    cue_f1: float
    named_speaker_accuracy: float

    @classmethod
    def of(cls, counts: Counts) -> "Scores":
        return cls(
            exact_f1=f1(counts.exact, counts.predicted, counts.gold),
            overlap_f1=f1(counts.overlap, counts.predicted, counts.gold),
            direct_f1=f1(counts.direct_matched, counts.direct_predicted, counts.direct_gold),
            speaker_accuracy=counts.speaker_right / counts.speaker_scored if counts.speaker_scored else 0.0,
            cue_f1=f1(counts.cue_matched, counts.cue_predicted, counts.cue_gold),
            named_speaker_accuracy=counts.named_right / counts.named_scored if counts.named_scored else 0.0,
        )


class TokenIndex:
    """Word tokens of one .txt, by position, so any character span maps to a set of token indices."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _WORD.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def tokens(self, fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Indices of the word tokens overlapping any fragment."""
        import bisect

        found: set[int] = set()
        for start, end in fragments:
            first = bisect.bisect_right(self.ends, start)
            for index in range(first, len(self.starts)):
                if self.starts[index] >= end:
                    break
                found.add(index)
        return frozenset(found)


def _fragment_is_direct(text: str, start: int, end: int) -> bool:
    piece = text[start:end].strip()
    if not piece:
        return False
    # A closing mark may sit before the final punctuation ('..." .') or after it ('...."').
    return piece[0] in QUOTE_MARKS or piece[-1] in QUOTE_MARKS or piece.rstrip(".,;:!?)")[-1:] in QUOTE_MARKS


# Capitalised words that do not make a Source named: pronouns, determiners, titles and role nouns.
NOT_NAMES = frozenset("""
i he she it we they you me him her us them his its our their my your this that these those the a an some
many most several all both each one another other such who which what mr mrs ms dr sir madam miss
president vice senator sen rep representative gov governor secretary minister mayor chairman chairwoman
chair spokesman spokeswoman spokesperson speaker leader candidate nominee director official officials
aide aides adviser advisers advisor source sources analyst analysts judge justice attorney general
former frontrunner front runner campaign committee house senate congress state states department
republican republicans democrat democrats democratic gop lawmakers voters supporters critics experts
people poll polls survey report reports study statement foreign defense interior finance prime deputy
press chief executive national security supreme court federal white
""".split())
_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.-]*")


def proper_name_words(text: str, article: str = "") -> list[str]:
    """Capitalised words of `text` that are proper-name tokens: not pronouns, determiners or roles,
    and never written in lower case in `article`."""
    lower_words = {word for word in _WORD.findall(article) if word.islower()}
    words = []
    for match in _CAPITALISED.finditer(text):
        word = match.group().rstrip(".").replace("\u2019", "'")
        word = word[:-2] if word.lower().endswith("'s") else word
        if word and word.lower() not in NOT_NAMES and word.lower() not in lower_words:
            words.append(word)
    return words


def coreferent_name(text: str, before: int, surname: str) -> str:
    """The longest run of capitalised words in text[:before] ending with `surname` ('' when none)."""
    best = ""
    for match in re.finditer(r"(?:[A-Z][\w'\u2019.-]*\s+){0,3}" + re.escape(surname) + r"\b", text[:before]):
        if len(match.group()) > len(best):
            best = match.group()
    return best


# Where the head phrase of a Source ends: a comma, bracket or dash, or a word opening a post-modifier
# ("of" only before a lower-case word: `Secretary of State John Kerry` runs on, `dozens of them` stops).
_POST_MODIFIER = re.compile(
    r",|\(|\s[\u2014\u2013-]+\s|\s(?:for|at|in|from|with|by|who|which|that|on|to|and|&|like|including)\s"
)


def _head_word(phrase: str) -> str:
    """The last word of a noun phrase's head part (`a spokeswoman for YouTube` -> `spokeswoman`).
    `of` opens a post-modifier unless capitalised words stand on both sides of it (`Secretary of State`)."""
    words = re.findall(r"[\w'\u2019.-]+", _POST_MODIFIER.split(phrase, maxsplit=1)[0])
    for number, word in enumerate(words[1:-1], start=1):
        if word == "of" and not (words[number - 1][:1].isupper() and words[number + 1][:1].isupper()):
            words = words[:number]
            break
    return words[-1] if words else ""


_EXAMPLES = re.compile(r"\s*(?:including|like|such as|along with|among them|especially)\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"\u201c\u201d']\s+|\n\s*)$")


def _written_mid_sentence(word: str, article: str) -> bool:
    """Whether `article` writes `word` somewhere other than at a sentence start (a capitalised word that
    only ever opens sentences, `Authorities`, `Projections`, is no evidence of a name)."""
    for match in re.finditer(r"\b" + re.escape(word) + r"\b", article):
        if not _SENTENCE_START.search(article[max(0, match.start() - 3):match.start()]):
            return True
    return False


def is_named_source(source_text: str, article: str = "") -> bool:
    """Whether a Source refers to its speaker by a proper name (its head, or an apposition's head, is one).
    An apposition listing examples (`candidates, including Jane Doe`) does not name the speaker."""
    parts = [source_text]
    if "," in source_text:
        apposition = source_text.split(",", 2)[1]
        if not _EXAMPLES.match(apposition):
            parts.append(apposition)
    for part in parts:
        head = _head_word(part)
        if proper_name_words(head, article) and (not article or _written_mid_sentence(head, article)):
            return True
    return False


def _source_names(text: str, fragments: Span) -> frozenset[str]:
    source_text = " ".join(text[start:end] for start, end in fragments)
    names = proper_name_words(source_text, text)
    if not names or not is_named_source(source_text, text):
        return frozenset()
    words = {word.lower() for word in _WORD.findall(source_text)}
    words |= {word.lower() for word in _WORD.findall(coreferent_name(text, fragments[0][0], names[-1]))}
    return frozenset(words)


def named_speaker_right(source_names: frozenset[str], predicted_name: str | None) -> bool:
    """The predicted name's last word is a word of the gold Source or of the name it co-refers to."""
    if not predicted_name:
        return False
    words = _WORD.findall(predicted_name.replace("\u2019", "'"))
    surname = next((word for word in reversed(words) if word.lower() not in ("s", "jr", "sr", "ii", "iii")), "")
    return surname.lower() in source_names


def parse_ann(ann: str, text: str, index: TokenIndex) -> list[GoldContent]:
    """Gold contents of one brat file, each with the Source and Cue of its relation."""
    spans: dict[str, tuple[str, Span]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            fragments: Span = []
            for piece in offsets.split(";"):
                bounds = piece.split()
                if len(bounds) == 2:
                    fragments.append((int(bounds[0]), int(bounds[1])))
            spans[parts[0]] = (label, fragments)
        elif parts[0].startswith("E"):
            roles: dict[str, str] = {}
            for argument in parts[1].split():
                role, _, target = argument.partition(":")
                roles[role] = target
            relations.append(roles)
    contents: dict[str, GoldContent] = {}
    for name, (label, fragments) in spans.items():
        if label == "Content" and fragments:
            contents[name] = GoldContent(
                fragments=fragments,
                tokens=index.tokens(fragments),
                direct=any(_fragment_is_direct(text, start, end) for start, end in fragments),
            )
    for roles in relations:
        content = contents.get(roles.get("Content", ""))
        if content is None:
            continue
        if "Source" in roles and roles["Source"] in spans:
            content.source = content.source | index.tokens(spans[roles["Source"]][1])
            content.source_names = content.source_names | _source_names(text, spans[roles["Source"]][1])
        if "Cue" in roles and roles["Cue"] in spans:
            content.cue = content.cue | index.tokens(spans[roles["Cue"]][1])
    return [content for content in contents.values() if content.tokens]


def merge_inside(predictions: list[Prediction], gold: list[GoldContent]) -> list[Prediction]:
    """Predictions lying >= 90% inside one gold content become one prediction."""
    groups: dict[int, list[Prediction]] = {}
    merged: list[Prediction] = []
    for prediction in predictions:
        home = None
        if prediction.tokens:
            for number, content in enumerate(gold):
                if len(prediction.tokens & content.tokens) >= INSIDE_SHARE * len(prediction.tokens):
                    home = number
                    break
        if home is None:
            merged.append(prediction)
        else:
            groups.setdefault(home, []).append(prediction)
    for members in groups.values():
        if len(members) == 1:
            merged.append(members[0])
            continue
        kinds = [member.kind for member in members]
        merged.append(Prediction(
            tokens=frozenset().union(*(member.tokens for member in members)),
            kind=next((kind for kind in kinds if kind in DIRECT_KINDS), kinds[0]),
            speaker=frozenset().union(*(member.speaker for member in members)),
            cue=frozenset().union(*(member.cue for member in members)),
            speaker_name=next((member.speaker_name for member in members if member.speaker_name), None),
        ))
    return merged


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match_overlap(gold: list[frozenset[int]], predicted: list[frozenset[int]],
                  threshold: float = OVERLAP_JACCARD) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs with Jaccard >= threshold, best pairs first."""
    candidates = []
    for g, gold_tokens in enumerate(gold):
        for p, predicted_tokens in enumerate(predicted):
            if gold_tokens & predicted_tokens:
                score = _jaccard(gold_tokens, predicted_tokens)
                if score >= threshold:
                    candidates.append((score, g, p))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def _match_shared_token(gold: list[frozenset[int]], predicted: list[frozenset[int]]) -> int:
    """One-to-one matches between spans sharing at least one token (greedy, most shared first)."""
    return len(match_overlap(gold, predicted, threshold=1e-9))


def score_document(gold: list[GoldContent], predictions: list[Prediction]) -> Counts:
    predictions = merge_inside([p for p in predictions if p.tokens], gold)
    counts = Counts(gold=len(gold), predicted=len(predictions))
    gold_sets = [content.tokens for content in gold]
    predicted_sets = [prediction.tokens for prediction in predictions]
    counts.exact = len(match_overlap(gold_sets, predicted_sets, threshold=1.0))
    pairs = match_overlap(gold_sets, predicted_sets)
    counts.overlap = len(pairs)
    for g, p in pairs:
        if gold[g].source:
            counts.speaker_scored += 1
            counts.speaker_right += bool(gold[g].source & predictions[p].speaker)
        if gold[g].source_names:
            counts.named_scored += 1
            counts.named_right += named_speaker_right(gold[g].source_names, predictions[p].speaker_name)
    direct_gold = [content.tokens for content in gold if content.direct]
    direct_predicted = [prediction.tokens for prediction in predictions if prediction.kind in DIRECT_KINDS]
    counts.direct_gold, counts.direct_predicted = len(direct_gold), len(direct_predicted)
    counts.direct_matched = len(match_overlap(direct_gold, direct_predicted))
    gold_cues = sorted({content.cue for content in gold if content.cue}, key=sorted)
    predicted_cues = sorted({prediction.cue for prediction in predictions if prediction.cue}, key=sorted)
    counts.cue_gold, counts.cue_predicted = len(gold_cues), len(predicted_cues)
    counts.cue_matched = _match_shared_token(gold_cues, predicted_cues)
    return counts


def first_annotations(split_dir: Path) -> dict[str, Path]:
    """Article name -> its first annotator's .ann (file names sorted)."""
    chosen: dict[str, Path] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, path)
    return chosen


def split_title(text: str) -> tuple[str, int]:
    """(title line, offset where the body starts) of a PolNeAR .txt."""
    newline = text.find("\n")
    if newline < 0:
        return text, len(text)
    body_start = newline
    while body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    return text[:newline], body_start


def predictions_for(text: str, quotes: Sequence[Quote], body_start: int, index: TokenIndex) -> list[Prediction]:
    """Record-contract quotes (offsets into body or headline) as token-set predictions on the .txt."""
    predictions = []
    for quote in quotes:
        shift = 0 if quote.field == "headline" else body_start

        def tokens_of(span: TextSpan | Speaker | None) -> frozenset[int]:
            if span is None:
                return frozenset()
            return index.tokens([(span.start + shift, span.end + shift)])

        predictions.append(Prediction(
            tokens=index.tokens([(quote.start + shift, quote.end + shift)]),
            kind=quote.kind,
            speaker=tokens_of(quote.speaker),
            cue=tokens_of(quote.cue),
            speaker_name=quote.speaker.name if quote.speaker is not None else None,
        ))
    return predictions


def article_names(split_dir: Path, offset: int = 0, limit: int | None = None) -> list[str]:
    """The split's article names in file-name order, `limit` of them from `offset`."""
    names = sorted(first_annotations(split_dir))[offset:]
    return names[:limit] if limit else names


def evaluate(split_dir: Path, limit: int | None = None, verbose: bool = False, offset: int = 0) -> Counts:
    from newsgraph.nlp.model import load_nlp
    from newsgraph.nlp.quotes import find_quotes

    nlp = load_nlp()
    total = Counts()
    annotations = first_annotations(split_dir)
    names = article_names(split_dir, offset, limit)
    texts = [(split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    titles_and_starts = [split_title(text) for text in texts]
    bodies = (text[start:] for text, (_, start) in zip(texts, titles_and_starts))
    for name, text, (title, body_start), doc in zip(names, texts, titles_and_starts, nlp.pipe(bodies, batch_size=16)):
        index = TokenIndex(text)
        gold = parse_ann(annotations[name].read_text(encoding="utf-8"), text, index)
        quotes = find_quotes(doc, headline=title)
        counts = score_document(gold, predictions_for(text, quotes, body_start, index))
        total.add(counts)
        if verbose:
            scores = Scores.of(counts)
            print(f"{name}: gold {counts.gold} predicted {counts.predicted} overlap F1 {scores.overlap_f1:.3f} "
                  f"direct F1 {scores.direct_f1:.3f} speaker {counts.speaker_right}/{counts.speaker_scored}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles (file-name order)")
    parser.add_argument("--limit", type=int, default=None, help="score only N articles (from --offset)")
    parser.add_argument("--verbose", action="store_true", help="one line per article")
    parser.add_argument("--data", type=Path, default=None, help="the polnear folder (default ../shared/data/polnear)")
    args = parser.parse_args(argv)
    split_dir = (args.data or shared_data_dir() / "polnear") / args.split
    if not (split_dir / "attributions").is_dir():
        print(f"PolNeAR {args.split} split not found at {split_dir}", file=sys.stderr)
        return 2
    counts = evaluate(split_dir, limit=args.limit, verbose=args.verbose, offset=args.offset)
    scores = Scores.of(counts)
    part = f"[{args.offset}:{args.offset + args.limit if args.limit else ''}]" if args.offset or args.limit else ""
    print(f"PolNeAR {args.split}{part}: {counts.gold} gold contents, {counts.predicted} predictions (after merging)")
    print(f"content F1 exact {scores.exact_f1:.3f}  overlap {scores.overlap_f1:.3f}")
    header = f"{'system':34} {'content F1':>10} {'direct F1':>10} {'speaker acc':>11} {'cue F1':>7}"
    print(header)
    print(f"{'newsgraph':34} {scores.overlap_f1:>10.3f} {scores.direct_f1:>10.3f} "
          f"{scores.speaker_accuracy:>11.3f} {scores.cue_f1:>7.3f}")
    for system, (content, direct, speaker, cue) in ANCHORS.items():
        print(f"{system + ' (dev)':34} {content:>10.3f} {direct:>10.3f} {speaker:>11.3f} {cue:>7.3f}")
    content, direct, speaker, cue = TARGETS
    print(f"{'target (dev)':34} {content:>10.3f} {direct:>10.3f} {speaker:>11.3f} {cue:>7.3f}")
    print(f"named-speaker accuracy {scores.named_speaker_accuracy:.3f} "
          f"({counts.named_right}/{counts.named_scored} matched contents with a named gold Source; target 0.90)")
    print(f"(speaker scored on {counts.speaker_scored} matched contents with a gold Source; "
          f"direct: {counts.direct_gold} gold, {counts.direct_predicted} predicted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
