"""Quotations and their speakers: who said what, in a parsed article.

`find_quotes(doc, headline=...)` returns `newsgraph.records.Quote` records (DESIGN.md):
start/end/text of the content, field, kind, cue, speaker; `date` stays None (nlp.analyze
dates quotes from the article's time expressions).

How it works, in order, one module a stage:
1. `quotes_marks`: quote marks are paired on the raw text (`pair_quote_marks`): straight,
   curly, single and mixed marks, read as opening or closing from the characters around
   them; a quotation left open at a paragraph end continues when the next paragraph opens
   with a mark (multi-paragraph quotes); an opening mark inside an open quotation
   nests when the marks after it close it and then the open one (in its paragraph or
   the paragraphs the outer one continues into), otherwise the first quotation lost
   its closing mark and ends there (one missing mark never shifts the later pairs); a
   closing mark with nothing open starts its quotation at the paragraph start, or ends
   the quotation left open at the end of the paragraph before. Single marks pair
   outside double ones, apostrophes told apart; a double-mark quotation inside a
   single-mark one is part of it. An `I`, `we` or `you` inside quote marks is never
   the speaker of a cue outside them.
2. `quotes_cues`: speech and cognition cues come from the dependency parse: a verb whose
   lemma is in `quotes_lexicon.SPEECH_VERBS` (said, told, stressed, warned, ...), its
   subject the speaker, its clausal complement the reported content; the
   `according to X` phrase; sentence-final `..., officials said.` (the main clause
   is parsed as the cue's complement or the cue as a parenthetical).
3. Here: each quotation takes the nearest cue outside it in its sentences (or the
   colon-introduced sentence just before). One inside a cue's reported clause makes
   that clause a `mixed` content; one inside a clause without a cue is `partial`
   when a cue governs its sentence. Short quoted terms that nobody is said to
   say are scare quotes and are left out. A cue-less quotation that is a sentence
   of its own continues the previous speaker's run of quotes. A cue no quotation
   took reports its clause as an `indirect` quote.
4. `quotes_speakers`: speakers get a `name` (surnames to the full name introduced earlier,
   pronouns to the previous quote's speaker or the latest person, role nouns to the person
   introduced with that role), `role` and `affiliation` from pre-nominal titles,
   appositions and possessives.
5. `quotes_headline`: `Speaker: content` and `Speaker Says ...` headlines, and quotations
   in the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from newsgraph.nlp.quotes_cues import SUBJECT_DEPS, Cue, find_cues, min_content_words, subtree_span
from newsgraph.nlp.quotes_headline import headline_quotes
from newsgraph.nlp.quotes_marks import (SCARE_MAX_WORDS, WORD, QuoteSpan, normalise_double_marks, pair_quote_marks,
                                        paragraph_end, trim, word_count)
from newsgraph.nlp.quotes_speakers import SpeakerResolver, speaker_mention
from newsgraph.nlp.parse_index import doc_text, sentence_of
from newsgraph.records import Quote
from newsgraph.records import Span as TextSpan

MIXED_INSIDE_MIN_WORDS = 12  # a quotation inside reported speech, away from its edges, makes it mixed from this long
MIN_PARTIAL_WORDS = 3
UNATTRIBUTED_MIN_WORDS = 8  # a cue-less quotation this long after a colon naming its speaker is kept


@dataclass(slots=True)
class _Found:
    """A quote of the body while the article is read, with the cue and speaker mention it came from:
    the next quotation may continue the same speaker's run or the same split quotation."""

    quote: Quote
    cue: Cue | None
    mention: Span | None


_QUOTED_PERSONS = {"i", "me", "we", "us", "you"}


def _speaks_from_inside(cue: Cue, inside_quote: list[bool]) -> bool:
    """A cue whose speaker is `I`, `we` or `you` inside quote marks: the quoted words' own person (a
    parse run across a mark), never the one who says them."""
    mention = cue.speaker
    return mention is not None and len(mention) == 1 and mention[0].lower_ in _QUOTED_PERSONS \
        and inside_quote[mention[0].idx]


_ATTRIBUTION_TAIL_TOKENS = 12  # `Trump said.`, `asked Sen. Jane Doe (D-Mass.).`


def _sentences_around(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of the sentences overlapping [start, end), within its paragraph(s)."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return start, end
    sent_start = sentence_of(first[0]).start_char
    last = sentence_of(first[-1])
    sent_end = last.end_char
    text = doc_text(doc)
    if text[start:end].rstrip().endswith(("?", "!")) and last.end < len(doc) and last.end_char <= end + 2:
        # `"Why is he attacking me?" Trump said.`: the parser ends the sentence at the question
        # mark; a short attribution right after the closing mark belongs with the quotation
        tail = sentence_of(doc[last.end])
        if len(tail) <= _ATTRIBUTION_TAIL_TOKENS and "\n" not in text[end:tail.start_char]:
            sent_end = tail.end_char
    # Sentences do not run over a paragraph break.
    left_break = text.rfind("\n", sent_start, start)
    if left_break >= 0:
        sent_start = left_break + 1
    right_break = text.find("\n", end, sent_end)
    if right_break >= 0:
        sent_end = right_break
    return sent_start, sent_end


_TITLE_FUNCTION_WORDS = {"of", "and", "the", "a", "an", "in", "on", "with", "for", "to", "at", "by", "from", "or"}


def _is_title(quoted: str) -> bool:
    """Quoted words in Title Case (`Meet the Press`, `Thelma and Louise`) or without letters (a date)."""
    words = WORD.findall(quoted)
    if not any(word[0].isalpha() for word in words):
        return True
    if quoted.rstrip().endswith((".", "!", "?")):
        return False  # a sentence, not a title (a comma inside the marks is the writer's: `"Fox News Sunday,"`)
    return all(word[0].isupper() or word[0].isdigit() or word in _TITLE_FUNCTION_WORDS for word in words) \
        and words[0][0].isupper()


# Words that carry on the quoted sentence itself, not a narrator's clause (", adding", ", before ...")
_CONTINUING_WORDS = {"would", "will", "is", "are", "was", "were", "can", "could", "should", "must", "has", "have",
                     "had", "do", "does", "did", "may", "might", "we", "i", "you"}


def _unmarked_continuation(text: str, span: QuoteSpan, cue: Cue) -> tuple[int, int] | None:
    """`"Only you," she said, would ...`: the second half of a split quotation whose opening mark is
    missing, the lower-case rest of the sentence after the cue clause."""
    after_cue = text[cue.end:paragraph_end(text, cue.end)]
    between = text[span.end:cue.start]
    if "\n" in between or word_count(between) > 6 or not between.lstrip().startswith(
            ('"', "\u201d", ',"', ",\u201d")):
        return None
    match = re.match(r"[^,.;:!?\"\u201c\u201d]{0,40},\s+([a-z][^\"\u201c\u201d]*?[.!?])(?=\s|$)", after_cue)
    if match is None or word_count(match.group(1)) < 3 \
            or match.group(1).split()[0].lower() not in _CONTINUING_WORDS:
        return None
    return cue.end + match.start(1), cue.end + match.end(1)


def _introduced_by(text: str, cue: Cue, span: QuoteSpan) -> bool:
    """Whether the quotation comes right after a speech verb (at most a comma or colon between)
    and ends its sentence: then it is what was said, however short."""
    if cue.verb is None or cue.end > span.start:
        return False
    between = text[cue.end:span.start - 1].strip()
    if between not in ("", ",", ":"):
        return False
    after = text[span.end + 1:span.end + 4].lstrip("\"\u201d\u2019'")
    return not after.strip() or after.lstrip()[0] in ".!?\n" or after[0] in ".!?"


def _colon_speaker(doc: Doc, text: str, quote_start: int) -> Span | None:
    """Who a cue-less colon introduction before a quotation names: the subject of the sentence ending
    in the colon (`the headline reads:`, `Stated Stone:`), else its last person or organisation
    (`Pollsters agree - Carl Bialik:`) or proper noun. The colon may close the paragraph before."""
    lead = text[:max(quote_start - 1, 0)].rstrip()
    if not lead.endswith(":") or text.count("\n\n", len(lead), quote_start) > 1:
        return None
    colon = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    sentence = sentence_of(colon[0])
    root = sentence.root
    if root.i > colon[0].i:
        # the parser ran the sentence on into the quotation (`Doe delivered a retort: "No one is ..."`):
        # the clause the colon closes is the highest verb before it, not the quotation's own
        before = [token for token in sentence if token.i < colon[0].i and token.pos_ == "VERB"]
        root = min(before, key=_depth, default=root)
    subjects = [child for child in root.children if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON"
                and child.i < colon[0].i]
    if subjects and root.pos_ == "VERB" and root.lemma_ != "be":
        mention = speaker_mention(subjects[0])
        if len(mention) <= 8:  # a long subject is a clause, not somebody
            return mention
    named = [entity for entity in sentence.ents if entity.label_ in ("PERSON", "ORG")]
    if named:
        return named[-1]
    proper = [token for token in sentence if token.pos_ == "PROPN" and token.dep_ != "compound"]
    return speaker_mention(proper[-1]) if proper else None  # a name the tagger missed


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _clause_around(doc: Doc, span: QuoteSpan, cue: Cue) -> tuple[int, int] | None:
    """The clause a partial quotation completes, when it hangs under the cue's verb: climbing from the
    quotation's first word to the child of the cue that holds it (`he was "not quite there yet"`)."""
    if cue.verb is None:
        return None
    first = doc.char_span(span.start, span.end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    token = first.root  # spaCy makes a new Token object on each access: compare positions, not identity
    while token.head.i != token.i and token.head.i != cue.verb.i:
        token = token.head
    if token.head.i != cue.verb.i or token.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "dobj", "prep"):
        return None
    start, end = subtree_span(token)
    if start > span.start or end < span.end - 1:
        return None
    return trim(doc_text(doc), start, end)


def find_quotes(doc: Doc, *, headline: str | None = None) -> tuple[Quote, ...]:
    """Record-contract quotes of one article: the parsed body `doc`, and its headline when given."""
    original = doc_text(doc)
    text = normalise_double_marks(original)  # same offsets; the character tests below see one mark style
    cues = find_cues(doc)
    quote_spans = pair_quote_marks(text)
    inside_quote = [False] * (len(text) + 1)
    for span in quote_spans:
        for position in range(span.start, span.end):
            inside_quote[position] = True
    for cue in cues:
        if _speaks_from_inside(cue, inside_quote):
            cue.speaker = None  # the parse ran across a quote mark: the cue's speaker is not written
    results: list[_Found] = []
    resolver = SpeakerResolver(doc)
    previous: _Found | None = None

    for span in quote_spans:
        content_text = text[span.start:span.end]
        words = word_count(content_text)
        region_start, region_end = _sentences_around(doc, span.start, span.end)
        candidates = [cue for cue in cues if region_start <= cue.start < region_end
                      and not inside_quote[cue.start] and not (span.start <= cue.start < span.end)]
        before_text = text[region_start:span.start - 1]
        starts_sentence = not WORD.search(before_text) or before_text.rstrip().endswith(":")
        chosen: Cue | None = None
        if candidates:
            chosen = min(candidates, key=lambda cue: min(abs(cue.start - span.end), abs(cue.end - span.start)))
            holders = [cue for cue in candidates if cue.content and cue.content[0] <= span.start < cue.content[1]]
            if holders and not starts_sentence:
                # A quotation inside a cue's reported clause is that cue's, however near another cue is.
                chosen = min(holders, key=lambda cue: cue.content[1] - cue.content[0])
        kind = "direct"
        content = (span.start, span.end)
        if chosen is None and not before_text.strip():
            # `He said: "..."` in the sentence just before, or a cue-less continuation.
            line_start = text.rfind("\n", 0, span.start) + 1
            previous_sentence = doc.char_span(max(line_start, region_start - 1), region_start, alignment_mode="expand")
            colon_cues = [cue for cue in cues if previous_sentence is not None and len(previous_sentence)
                          and previous_sentence.start_char <= cue.start < region_start
                          and text[cue.end:region_start].rstrip().endswith(":")]
            if not colon_cues and not text[line_start:span.start - 1].strip():
                # `... the committee said in a statement:` closing the paragraph before the quotation's
                colon_at = len(text[:line_start].rstrip())
                if colon_at > 0 and text[colon_at - 1] == ":":
                    paragraph_start = text.rfind("\n", 0, colon_at - 1) + 1
                    colon_cues = [cue for cue in cues if paragraph_start <= cue.start < colon_at
                                  and not inside_quote[cue.start]
                                  and "." not in text[cue.end:colon_at].rstrip(". ")]
            if colon_cues:
                chosen = colon_cues[-1]
        if chosen is None:
            if words <= SCARE_MAX_WORDS or not starts_sentence:
                continue  # a quoted term nobody is said to say
            if previous is not None and text.count("\n\n", previous.quote.end, span.start) <= 2:
                results.append(_record(original, span.start, span.end, "direct", None, previous.mention,
                                       resolver, inherited=previous))
                previous = results[-1]
            elif words >= UNATTRIBUTED_MIN_WORDS:
                # A long quoted passage standing as its own sentence after a colon that names no
                # speech verb: `Stated Stone: "..."`, `More from Jones: "..."`, `the headline reads: "..."`.
                mention = _colon_speaker(doc, text, span.start)
                if mention is not None:
                    results.append(_record(original, span.start, span.end, "direct", None, mention, resolver))
                    previous = results[-1]
            continue
        if not starts_sentence and previous is not None and previous.cue is chosen \
                and text[previous.quote.end:span.start].rstrip(" \"\u201c\u201d").endswith((",", ":")):
            starts_sentence = True  # the second half of a quote split around its cue
        if not starts_sentence:
            # Embedded in reported speech: the whole reported clause is the content when it holds the quote.
            if chosen.content and chosen.content[0] <= span.start and span.end <= chosen.content[1] + 1:
                content = chosen.content
                kind = _embedding_kind(text, content, quote_spans)
            elif chosen.content and chosen.content[0] <= span.start < chosen.content[1] \
                    and words > SCARE_MAX_WORDS:
                # The quotation opens inside the reported clause and runs on past it.
                content = (chosen.content[0], span.end)
                kind = "mixed"
            elif _introduced_by(text, chosen, span):
                pass  # `yelled, "Stay there."`, `chanted "USA! USA!"`: the quotation is what the cue says
            elif words < MIN_PARTIAL_WORDS:
                continue  # a quoted term in passing ("called it a 'hoax'" keeps only the reported clause)
            elif _is_title(content_text):
                continue  # a programme, book or film title ("told 'Good Morning America'"), or a date
            else:
                kind = "partial"
                clause = _clause_around(doc, span, chosen)
                if clause is not None:
                    content = clause  # `told reporters he was "not quite there yet"`: the clause it completes
        chosen.used = True  # a quoted term skipped above leaves the cue its own reported clause
        found = _record(original, content[0], content[1], kind, chosen, chosen.speaker, resolver)
        last = results[-1].quote if results else None
        if last is not None and last.kind in ("mixed", "indirect") and last.start == found.quote.start \
                and last.end == found.quote.end:
            if kind == "mixed":
                results[-1].quote = replace(last, kind="mixed")
            continue  # two partial quotes in one reported clause: one content
        results.append(found)
        previous = found
        if kind == "direct" and span.end <= chosen.start:
            rest = _unmarked_continuation(text, span, chosen)
            if rest is not None:
                results.append(_record(original, rest[0], rest[1], "direct", chosen, chosen.speaker, resolver))

    for cue in cues:
        if cue.used or cue.content is None:
            continue
        start, end = cue.content
        if word_count(text[start:end]) < min_content_words(cue) or inside_quote[cue.start]:
            continue
        if any(earlier.quote.start <= start and end <= earlier.quote.end for earlier in results):
            continue
        kind = _embedding_kind(text, (start, end), quote_spans) if any(inside_quote[start:end]) else "indirect"
        results.append(_record(original, start, end, kind, cue, cue.speaker, resolver))

    quotes = [found.quote for found in results]
    if headline:
        quotes.extend(headline_quotes(headline, resolver))
    quotes.sort(key=lambda quote: (quote.field != "headline", quote.start))
    return tuple(quotes)


_EDGE_CHARACTERS = " \t\n.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def _embedding_kind(text: str, content: tuple[int, int], quote_spans: list[QuoteSpan]) -> str:
    """`mixed` for reported speech carrying a quotation at its start or end, or a long one (a sentence's
    worth) inside; `indirect` when the quoted words sit within it (`that the "cartel" is nervous`,
    `that he opposes "boots on the ground" abroad`)."""
    start, end = trim(text, *content)
    for span in quote_spans:
        if span.end <= start - 1 or span.start >= end + 1:
            continue
        reaches_edge = not text[max(span.end, start):end].strip(_EDGE_CHARACTERS) \
            or not text[start:min(span.start, end)].strip(_EDGE_CHARACTERS)
        if reaches_edge or word_count(text[span.start:span.end]) > MIXED_INSIDE_MIN_WORDS:
            return "mixed"
    return "indirect"


def _record(text: str, start: int, end: int, kind: str, cue: Cue | None, mention: Span | None,
            resolver: SpeakerResolver, inherited: _Found | None = None) -> _Found:
    """The quote of text[start:end] (trimmed), its speaker described from `mention` or, continuing a run
    of quotes, taken over from the `inherited` one."""
    start, end = trim(text, start, end)
    if inherited is not None:
        speaker = inherited.quote.speaker
    else:
        speaker = resolver.describe(mention) if mention is not None else None
        if speaker is not None:
            resolver.remember(speaker)
    cue_span = TextSpan(start=cue.start, end=cue.end, text=text[cue.start:cue.end]) if cue is not None else None
    quote = Quote(start=start, end=end, text=text[start:end], field="text", kind=kind, cue=cue_span, speaker=speaker)
    return _Found(quote, cue, mention)
