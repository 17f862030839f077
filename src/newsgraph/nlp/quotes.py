"""Quotations and their speakers: who said what, in a parsed article.

`find_quotes(doc, headline=...)` returns record-contract quote dicts (DESIGN.md):
start/end/text of the content, field, kind, cue, speaker, date.

How it works, in order:
1. Quote marks are paired on the raw text (`pair_quote_marks`): straight, curly, single and
   mixed marks, read as opening or closing from the characters around them; a
   quotation left open at a paragraph end continues when the next paragraph opens
   with a mark (multi-paragraph quotes); an opening mark inside an open quotation
   nests when two closing marks follow, otherwise the first quotation lost its
   closing mark and ends there (one missing mark never shifts the later pairs); a
   closing mark with nothing open starts its quotation at the paragraph start. Single
   marks pair outside double ones, within a paragraph, apostrophes told apart.
2. Speech and cognition cues come from the dependency parse: a verb whose lemma is
   in `quotes_lexicon.SPEECH_VERBS` (said, told, stressed, warned, ...), its
   subject the speaker, its clausal complement the reported content; the
   `according to X` phrase; sentence-final `..., officials said.` (the main clause
   is parsed as the cue's complement or the cue as a parenthetical).
3. Each quotation takes the nearest cue outside it in its sentences (or the
   colon-introduced sentence just before). One inside a cue's reported clause makes
   that clause a `mixed` content; one inside a clause without a cue is `partial`
   when a cue governs its sentence. Short quoted terms that nobody is said to
   say are scare quotes and are left out. A cue-less quotation that is a sentence
   of its own continues the previous speaker's run of quotes.
4. Speakers get a `name` (surnames to the full name introduced earlier, pronouns
   to the previous quote's speaker or the latest person, role nouns to the person
   introduced with that role), `role` and `affiliation` from pre-nominal titles,
   appositions and possessives (`quotes_speakers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.quotes_lexicon import (COGNITION_VERBS, SPEECH_VERBS, STANCE_ADJECTIVES, STANCE_VERBS,
                                          is_content_child,
                                          is_speech_verb, speech_noun_clause, stance_noun_target)
from newsgraph.nlp.quotes_speakers import SpeakerResolver, entity_covering, names_a_speaker, speaker_mention

OPENING_MARKS = "\u201c\u00ab\u201e"
CLOSING_MARKS = "\u201d\u00bb"
STRAIGHT_MARK = '"'
_OPEN_CONTEXT = set("([{\u2014\u2013-/:")
_CLOSE_CONTEXT = set(".,;:!?)]}\u2014\u2013-'\u2019")
_WORD = re.compile(r"\w+")
SCARE_MAX_WORDS = 4  # a quoted term of up to this many words with no cue is a scare quote
MIXED_INSIDE_MIN_WORDS = 12  # a quotation inside reported speech, away from its edges, makes it mixed from this long
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_HEADLINE_SPEAKER = re.compile(r"^\s*([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})\s*:\s+(\S.*)$")
# "Trump Says He Will Win": a short capitalised speaker, a speech verb in the present, the content
_HEADLINE_CUE = re.compile(
    r"\s*([A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|of|the|and|for)){0,5})\s+"
    r"((?i:says|said|tells|warns|claims|insists|admits|predicts|thinks|believes|argues|suggests|vows|pledges|"
    r"promises|denies|calls|urges|wants|slams|blasts|praises|rips|accuses|defends|rejects|backs|endorses|"
    r"demands|asks|hopes|fears|expects|doubts))\s+(\S.*)$")
_WH_WORDS = {"what", "how", "why", "who", "whom", "whose", "which", "where", "when", "whether", "if"}
_HEADLINE_LABELS = {"analysis", "exclusive", "watch", "video", "breaking", "opinion", "update", "report", "poll",
                    "editorial", "commentary", "live", "photos", "review", "explainer", "factbox", "fact check",
                    "the latest", "latest", "update", "watch live", "recap", "transcript", "timeline"}
MIN_PARTIAL_WORDS = 3
UNATTRIBUTED_MIN_WORDS = 8  # a cue-less quotation this long after a colon naming its speaker is kept
ORPHAN_MIN_WORDS = 4  # a closing mark with nothing open starts a quotation this long at least


@dataclass(slots=True)
class QuoteSpan:
    """A paired quotation: content between the marks, [start, end) in the text."""

    start: int
    end: int
    closed: bool = True


@dataclass(slots=True)
class Cue:
    verb: Token | None  # None for `according to`
    start: int
    end: int
    speaker: Span | None
    content: tuple[int, int] | None  # reported clause, character offsets
    used: bool = False
    extra: dict = field(default_factory=dict)


def _role(text: str, index: int, paragraph_start: bool) -> str:
    """'open', 'close' or 'either' for the quote mark at text[index]."""
    mark = text[index]
    before = text[index - 1] if index > 0 else "\n"
    after = text[index + 1] if index + 1 < len(text) else "\n"
    opens = paragraph_start or before.isspace() or before in _OPEN_CONTEXT or before in OPENING_MARKS
    closes = after.isspace() or after in _CLOSE_CONTEXT or after in CLOSING_MARKS or after == STRAIGHT_MARK
    if mark in OPENING_MARKS:
        return "close" if closes and not opens else "open"
    if mark in CLOSING_MARKS:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _paragraph_end(text: str, position: int) -> int:
    found = text.find("\n", position)
    return len(text) if found < 0 else found


_SINGLE_OPEN = "\u2018'"
_SINGLE_CLOSE = "\u2019'"


def _single_opens(text: str, index: int) -> bool:
    """A single mark that opens a quotation: after a space or bracket, before a letter (not '90s, 'em, 'til)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1:index + 4]
    if not (before.isspace() or before in _OPEN_CONTEXT or before in OPENING_MARKS or before == STRAIGHT_MARK):
        return False
    if not after or not (after[0].isalpha() or after[0] in "\u2026."):
        return False  # '90s, ' alone
    return not re.match(r"(?:em|til|tis|twas|cause|n)\b", after, re.IGNORECASE)


def _single_closes(text: str, index: int) -> bool:
    """A single mark that closes a quotation: after a word or punctuation, before a space or punctuation."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isspace():
        return False
    return after.isspace() or after in _CLOSE_CONTEXT or after in CLOSING_MARKS or after == STRAIGHT_MARK


def pair_single_quotes(text: str, outside: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotations in single marks (British style) outside the double-mark ones, one paragraph at most.

    Apostrophes look the same: a mark with letters on both sides (it's), one before digits
    ('90s) or one that nothing closes in its paragraph (dogs' bowls) is not a quotation mark.
    A single quotation is only taken when its closing mark is found in the same paragraph.
    """
    covered = [False] * (len(text) + 1)
    for span in outside:
        for position in range(max(span.start - 1, 0), min(span.end + 1, len(text))):
            covered[position] = True
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for index, char in enumerate(text):
        if char == "\n":
            open_at = None
            continue
        if covered[index] or char not in _SINGLE_OPEN and char not in _SINGLE_CLOSE:
            continue
        if open_at is None:
            if char in _SINGLE_OPEN and _single_opens(text, index):
                open_at = index + 1
            continue
        if char in _SINGLE_CLOSE and _single_closes(text, index) and index > open_at:
            # "the dogs' bowl": an s-final word and a lowercase word after is a plural possessive
            if text[index - 1] == "s" and re.match(r" [a-z]", text[index + 1:index + 3]) \
                    and "\n" not in text[index:index + 200] and _later_single_close(text, index + 1):
                continue
            spans.append(QuoteSpan(open_at, index))
            open_at = None
    return [span for span in spans if text[span.start:span.end].strip()]


def _later_single_close(text: str, start: int) -> bool:
    """Whether a closing single mark follows in the paragraph from `start`."""
    end = _paragraph_end(text, start)
    return any(text[i] in _SINGLE_CLOSE and _single_closes(text, i) for i in range(start, end))


_TWO_CHARACTER_MARK = re.compile(r"''|``")


def normalise_double_marks(text: str) -> str:
    """`text` with each two-character double mark (`''`, `` `` ``, as some wires and the Penn Treebank write
    them) turned into a straight `"` plus a space, same length, so offsets stay valid. The space goes on
    the outer side of the mark (` "Word`, `word," `), where it reads as opening or closing."""
    if "''" not in text and "``" not in text:
        return text

    def replace(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else "\n"
        opening = before.isspace() or before in _OPEN_CONTEXT or match.group() == "``"
        return ' "' if opening else '" '

    return _TWO_CHARACTER_MARK.sub(replace, text)


def pair_quote_marks(text: str) -> list[QuoteSpan]:
    """Quotations in `text` (double marks of any style, then single marks outside them), without the marks."""
    text = normalise_double_marks(text)
    doubles = pair_double_quote_marks(text)
    return sorted(doubles + pair_single_quotes(text, doubles), key=lambda span: span.start)


def pair_double_quote_marks(text: str) -> list[QuoteSpan]:
    """Quotations in `text` in double marks of any style, content offsets without the marks."""
    marks: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if char in OPENING_MARKS or char in CLOSING_MARKS or char == STRAIGHT_MARK:
            line_start = text.rfind("\n", 0, index) + 1
            marks.append((index, _role(text, index, not text[line_start:index].strip())))
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    checked_from = 0  # paragraph breaks before this are already accounted for
    nested = 0
    last_closed = 0  # just after the last closing mark

    def close_unbalanced(at: int) -> None:
        end = _paragraph_end(text, at)
        spans.append(QuoteSpan(open_at, end, closed=False))

    for number, (position, role) in enumerate(marks):
        if open_at is not None and "\n" in text[checked_from:position]:
            line_start = text.rfind("\n", 0, position) + 1
            reopens_paragraph = not text[line_start:position].strip() and role in ("open", "either")
            # Continuation only from the paragraph just before (one blank line or one newline apart).
            gap_paragraphs = len([part for part in re.split(r"\n\s*\n|\n", text[checked_from:line_start]) if part.strip()])
            if reopens_paragraph and nested == 0 and gap_paragraphs <= 1:
                checked_from = position
                continue  # multi-paragraph quotation: the reopening mark is not a new one
            close_unbalanced(open_at)
            open_at, nested = None, 0
        if open_at is None:
            if role in ("open", "either"):
                open_at = checked_from = position + 1
            elif position > last_closed:
                # A closing mark with nothing open: the opening mark is missing, so the
                # quotation runs from the paragraph start (or the last quotation in it).
                start = max(text.rfind("\n", 0, position) + 1, last_closed)
                if _word_count(text[start:position]) >= ORPHAN_MIN_WORDS:
                    spans.append(QuoteSpan(start, position, closed=False))
            continue
        if role in ("close", "either"):
            if nested:
                nested -= 1
            else:
                spans.append(QuoteSpan(open_at, position))
                open_at = None
                last_closed = position + 1
            continue
        # An opening mark inside an open quotation: nested when two closing marks follow
        # in the same paragraph, else the open quotation lost its closing mark.
        following = [r for p, r in marks[number + 1:number + 3] if "\n" not in text[position:p]]
        if len(following) == 2 and all(r in ("close", "either") for r in following):
            nested += 1
        else:
            spans.append(QuoteSpan(open_at, len(text[:position].rstrip()), closed=False))
            open_at = checked_from = position + 1
    if open_at is not None:
        close_unbalanced(open_at)
    return [span for span in spans if text[span.start:span.end].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace and punctuation (quote marks kept inside)."""
    while start < end and (text[start].isspace() or text[start] in ",;:.-\u2014\u2013"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-\u2014\u2013"):
        end -= 1
    return start, end


def _subtree_span(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if exclude is None or not (exclude.left_edge.i <= t.i <= exclude.right_edge.i)]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


_SIBLING_CLAUSE_DEPS = {"conj", "advcl", "parataxis"}
_MEANS_PREPOSITIONS = {"in", "with", "through", "via"}  # "said in a statement that": the verb's subject speaks
_JOINERS = {"cc", "punct", "mark", "preconj"}


def _own_cue_clause(token: Token, cue: Token) -> bool:
    """A sibling clause that reports something of its own (`..., adding Y`, `but did not suggest Y`).

    A second that-clause (`said that X but that he would not support Y`) is still the
    first cue's content even when its verb is a cue verb.
    """
    if any(child.dep_ == "mark" and child.lower_ == "that" for child in token.children):
        return False
    return any(t.i != cue.i and is_speech_verb(t) for t in token.subtree)


def _clause_span(clause: Token, cue: Token) -> tuple[int, int]:
    """A reported clause's extent, cut before a coordinated or adverbial clause carrying its own cue.

    `said that he would offer a prayer but did not suggest it would be Trump` reports two
    things with two cues; `said X, adding Y` too. Each cue keeps its own content.
    """
    cut: set[int] = set()
    for token in clause.subtree:
        if token.i in cut or token.i == clause.i or token.dep_ not in _SIBLING_CLAUSE_DEPS:
            continue
        if _own_cue_clause(token, cue):
            cut.update(t.i for t in token.subtree)
    if not cut:
        return _subtree_span(clause)
    kept = [t for t in clause.subtree if t.i not in cut]
    # The contiguous run of kept tokens around the clause head; joiners at its edges go.
    run = [t for t in kept if t.i == clause.i]
    position = kept.index(run[0])
    low = high = position
    while low > 0 and kept[low - 1].i == kept[low].i - 1:
        low -= 1
    while high + 1 < len(kept) and kept[high + 1].i == kept[high].i + 1:
        high += 1
    tokens = kept[low:high + 1]
    while len(tokens) > 1 and tokens[-1].dep_ in _JOINERS and tokens[-1].i != clause.i:
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _is_dateline(token: Token) -> bool:
    """A timestamp or dateline parsed as a subject (`WASHINGTON (AP) — ...`, `9:18 p.m.`): never a speaker."""
    if token.ent_type_ in ("TIME", "DATE"):
        return True
    starts_line = token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws
    following = token.doc[token.i + 1].text if token.i + 1 < len(token.doc) else ""
    return token.is_upper and len(token) > 1 and starts_line and following in ("\u2014", "\u2013", "-", "(", ",")


def _subject_of(verb: Token) -> Span | None:
    """The subject (or passive agent) of `verb`; of several, the nearest that is not a dateline."""
    subjects = [child for child in verb.children if child.dep_ in _SUBJECTS and not _is_dateline(child)]
    if subjects:
        return speaker_mention(min(subjects, key=lambda child: abs(child.i - verb.i)))
    for child in verb.children:
        if child.dep_ == "agent":  # "was told by X"
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return speaker_mention(grandchild)
    return None


def _speaker_of(verb: Token) -> Span | None:
    """The subject of a speech verb; a subjectless one takes it from the clause that governs it.

    `X said ..., adding ...` and `X was reluctant to say ...` (the governing clause's
    subject), `criticized Y for opposing ...` (the object: Y opposed), `groups
    supporting her` (the noun a participle modifies).
    """
    current = verb
    for _ in range(4):
        subject = _subject_of(current)
        if subject is not None:
            return subject
        head = current.head
        if head.i == current.i:
            break
        if current.dep_ in ("conj", "advcl", "xcomp", "acomp"):
            current = head
            continue
        if current.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            governor = head.head
            if head.lower_ == "for":
                target = next((child for child in governor.children if child.dep_ == "dobj"), None)
                if target is not None:
                    return speaker_mention(target)
            current = governor
            continue
        if current.dep_ == "acl" and current.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            return speaker_mention(head)
        if current.dep_ == "acl" and head.pos_ == "PROPN" and (current.tag_ in _FINITE_TAGS or (
                current.tag_ == "VBN" and current.lemma_ != "ask" and current.i > 0
                and current.doc[current.i - 1].text == ",")):
            # "Donald Trump, who is running, tweeted ...": a finite verb misparsed as a modifier of the name
            return speaker_mention(head)
        break
    return _name_just_before(verb) or _name_just_after(verb)


_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
_BETWEEN_NAME_AND_VERB = {"aux", "advmod", "neg", "auxpass"}


def _name_just_before(verb: Token) -> Span | None:
    """A finite speech verb the parser left without a subject (`CLEVELAND (UPI) — Jane Doe told ...`
    read with the dateline as subject): the person or organisation named right before it."""
    if verb.tag_ not in _FINITE_TAGS:
        return None
    index = verb.i - 1
    while index >= verb.sent.start and verb.doc[index].dep_ in _BETWEEN_NAME_AND_VERB:
        index -= 1
    if index < verb.sent.start:
        return None
    token = verb.doc[index]
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return entity_covering(verb.doc, token)
    if token.pos_ == "PROPN" and token.is_title and not token.ent_type_:
        # a name the tagger missed, parsed into the verb's phrase ("Trump barked" as a compound)
        return _proper_name_run(token, step=-1)
    return None


def _proper_name_run(token: Token, step: int) -> Span:
    """The run of capitalised proper nouns from `token` leftwards (step -1) or rightwards (step 1), in its sentence."""
    doc, sentence = token.doc, token.sent
    start = end = token.i
    while step < 0 and start > sentence.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    while step > 0 and end + 1 < sentence.end and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
        end += 1
    return doc[start:end + 1]


def _name_just_after(verb: Token) -> Span | None:
    """`"...," said Jane Doe, half joking`: an inverted attribution the parser gave no subject, the
    name right after the verb when the verb follows a quotation's closing mark or a comma."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or not (doc[verb.i - 1].is_punct or doc[verb.i - 1].is_quote):
        return None
    first = doc[verb.i + 1]
    if first.ent_type_ in ("PERSON", "ORG") and first.ent_iob_ == "B":
        return entity_covering(doc, first)
    if first.pos_ == "PROPN" and first.is_title:
        return _proper_name_run(first, step=1)
    if any(doc[index].is_quote for index in range(max(verb.i - 2, 0), verb.i)):
        # `"...," added one of the crew`: right after a quotation the inverted subject is parsed as an object
        inverted = next((child for child in verb.rights if child.dep_ in ("dobj", "attr")
                         and child.i - verb.i <= 4 and child.pos_ in ("NOUN", "PROPN", "NUM")), None)
        if inverted is not None:
            return speaker_mention(inverted)
    return None


def _misattached_that_clause(verb: Token) -> Token | None:
    """`told delegates (at the convention) that X` parsed with the that-clause on the object or its
    preposition's object: a clause opened by the conjunction `that` (dep mark, not a relative
    pronoun) is the verb's reported content."""
    objects = [child for child in verb.children if child.dep_ in ("dobj", "dative")]
    objects += [grandchild for child in verb.children if child.dep_ == "prep"
                for grandchild in child.children if grandchild.dep_ == "pobj"]
    for noun in objects:
        for clause in noun.children:
            if clause.dep_ in ("acl", "relcl") and clause.i > noun.i:
                first = clause.left_edge
                if first.lower_ == "that" and first.dep_ == "mark":
                    return clause
    return None


def _find_cues(doc: Doc) -> list[Cue]:
    """Speech cues of the parse with their speaker and reported clause (when there is one)."""
    cues: list[Cue] = []
    text = doc.text
    for token in doc:
        if token.lower_ == "according" and any(child.lower_ == "to" for child in token.children):
            to = next(child for child in token.children if child.lower_ == "to")
            source = next((child for child in to.children if child.dep_ == "pobj"), None)
            if source is None:
                continue
            sentence = token.sent
            head = token.head if token.head.i != token.i else None
            phrase_start, phrase_end = token.idx, _subtree_span(token)[1]
            content = None
            if head is not None:
                before = _trim(text, sentence.start_char, phrase_start)
                after = _trim(text, phrase_end, sentence.end_char)
                content = after if after[1] - after[0] > before[1] - before[0] else before
                content = (content[0], len(text[:content[1]].rstrip(".")))
            cues.append(Cue(None, token.idx, to.idx + len(to), speaker_mention(source), content))
            continue
        noun_clause = speech_noun_clause(token) or stance_noun_target(token)
        if noun_clause is not None:
            # "her warning that ...": the possessor or the `by`/`from` phrase is the speaker.
            owner = next((child for child in token.children if child.dep_ == "poss"), None)
            if owner is None:
                owner = next((grandchild for child in token.children if child.dep_ == "prep"
                              and child.lower_ in ("by", "from") for grandchild in child.children
                              if grandchild.dep_ == "pobj"), None)
            speaker = speaker_mention(owner) if owner is not None else None
            if speaker is None and token.dep_ in ("dobj", "attr") and token.head.pos_ in ("VERB", "AUX"):
                speaker = _speaker_of(token.head)  # "the ministry issued a warning that ..."
            if speaker is None and token.dep_ == "pobj" and token.head.lower_ in _MEANS_PREPOSITIONS \
                    and token.head.head.pos_ in ("VERB", "AUX"):
                speaker = _speaker_of(token.head.head)  # "said in a statement that ...", "with the argument that"
            if noun_clause.dep_ in ("pobj", "pcomp"):  # "criticism of the plan": the object, not a clause
                if speaker is None:
                    continue  # whose criticism or support the sentence does not say: not an attribution
                content = _trim(text, *_subtree_span(noun_clause))
            else:
                content = _trim(text, *_clause_span(noun_clause, token))
            cues.append(Cue(token, token.idx, token.idx + len(token), speaker, content))
            continue
        passive = _passive_content(token)
        if passive is not None:
            # "Clinton is expected to win", "the plan was rejected by the council": what is said,
            # expected or rejected is the passive subject; the `by` agent, if any, holds it.
            agent = next((grand for child in token.children if child.dep_ == "agent"
                          for grand in child.children if grand.dep_ == "pobj"), None)
            cues.append(Cue(token, token.idx, token.idx + len(token),
                            speaker_mention(agent) if agent is not None else None, _trim(text, *passive)))
            continue
        stance = _stance_adjective_content(token)
        if stance is not None:
            # "the mayor is confident that ...", "voters were critical of the plan": an attitude the
            # subject holds, its clause or object the content.
            cues.append(Cue(token, token.idx, token.idx + len(token), _speaker_of(token.head),
                            _trim(text, *_subtree_span(stance))))
            continue
        if not is_speech_verb(token):
            continue
        speaker = _speaker_of(token)
        content = None
        clause = next((child for child in token.children if child.dep_ in ("ccomp",)), None)
        if clause is None:
            clause = _misattached_that_clause(token)
        if clause is None and token.lemma_ in SPEECH_VERBS and SPEECH_VERBS[token.lemma_].xcomp:
            clause = next((child for child in token.children if child.dep_ == "xcomp"), None)
        entry = SPEECH_VERBS.get(token.lemma_.lower())
        if clause is None and entry is not None and entry.object_content:
            parts = [child for child in token.rights if is_content_child(entry, child)]
            if parts:
                first = parts[0]
                if first.dep_ == "prep":  # "apologized for the columns": what it is about, not the preposition
                    first = next((child for child in first.children if child.dep_ in ("pobj", "pcomp")), first)
                content = _trim(text, first.left_edge.idx, parts[-1].right_edge.idx + len(parts[-1].right_edge))
        if clause is not None:
            if clause.left_edge.lower_ in _WH_WORDS and token.lemma_ in COGNITION_VERBS:
                continue  # "knows how tempting it is": an embedded question, not a reported belief
            content = _trim(text, *_clause_span(clause, token))
        elif token.dep_ == "parataxis" and (token.head.i < token.i or token.head.pos_ in ("VERB", "AUX")):
            # "The plan failed, officials said." and "The plan, officials said, failed." parsed with
            # the cue as a parenthetical: the clause around it is the content.
            content = _trim(text, *_subtree_span(token.head, exclude=token))
            content = (content[0], len(text[:content[1]].rstrip(".")))  # the sentence's full stop is not said
        cues.append(Cue(token, token.idx, token.idx + len(token), speaker, content))
    return cues


def _passive_content(token: Token) -> tuple[int, int] | None:
    """The content of a speech, cognition or stance verb in the passive (`X is expected to win`,
    `the plan was rejected`): the passive subject, with the infinitive or clause that follows it."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH_VERBS:
        return None
    children = list(token.children)
    if not any(child.dep_ == "auxpass" for child in children):
        return None
    subject = next((child for child in children if child.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ in ("it", "this", "that", "which", "who"):
        return None  # "it is said that ..." keeps its clause through the ordinary route
    start, end = _subtree_span(subject)
    complement = next((child for child in children if child.dep_ in ("xcomp", "ccomp")), None)
    if complement is not None:
        end = max(end, _subtree_span(complement)[1])
    return start, end


def _stance_adjective_content(token: Token) -> Token | None:
    """What a predicative attitude adjective is about (`is confident that X`, `was critical of Y`,
    `are eager to Z`): its clause, infinitive or `of/about/with` object."""
    if token.pos_ != "ADJ" or token.dep_ != "acomp" or token.lemma_.lower() not in STANCE_ADJECTIVES:
        return None
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "about", "with", "toward", "towards", "on"):
            target = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                return target
    return None


def _min_content_words(cue: Cue) -> int:
    """Reported clauses need three words; what a stance verb targets may be one name (`endorsed Cruz`)."""
    if cue.verb is not None and cue.verb.lemma_.lower() in STANCE_VERBS:
        return 1
    return 3


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _sentences_around(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of the sentences overlapping [start, end), within its paragraph(s)."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return start, end
    sent_start = first[0].sent.start_char
    sent_end = first[-1].sent.end_char
    text = doc.text
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
    words = _WORD.findall(quoted)
    if not any(word[0].isalpha() for word in words):
        return True
    if quoted.rstrip().endswith((".", "!", "?", ",")):
        return False  # a sentence, not a title
    return all(word[0].isupper() or word[0].isdigit() or word in _TITLE_FUNCTION_WORDS for word in words) \
        and words[0][0].isupper()


# Words that carry on the quoted sentence itself, not a narrator's clause (", adding", ", before ...")
_CONTINUING_WORDS = {"would", "will", "is", "are", "was", "were", "can", "could", "should", "must", "has", "have",
                     "had", "do", "does", "did", "may", "might", "we", "i", "you"}


def _unmarked_continuation(text: str, span: QuoteSpan, cue: Cue) -> tuple[int, int] | None:
    """`"Only you," she said, would ...`: the second half of a split quotation whose opening mark is
    missing, the lower-case rest of the sentence after the cue clause."""
    after_cue = text[cue.end:_paragraph_end(text, cue.end)]
    between = text[span.end:cue.start]
    if "\n" in between or _word_count(between) > 6 or not between.lstrip().startswith(
            ('"', "\u201d", ',"', ",\u201d")):
        return None
    match = re.match(r"[^,.;:!?\"\u201c\u201d]{0,40},\s+([a-z][^\"\u201c\u201d]*?[.!?])(?=\s|$)", after_cue)
    if match is None or _word_count(match.group(1)) < 3 \
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
    sentence = colon[0].sent
    root = sentence.root
    subjects = [child for child in root.children if child.dep_ in _SUBJECTS and child.pos_ != "PRON"]
    if subjects and root.pos_ == "VERB" and root.lemma_ != "be":
        mention = speaker_mention(subjects[0])
        if len(mention) <= 8:  # a long subject is a clause, not somebody
            return mention
    named = [entity for entity in sentence.ents if entity.label_ in ("PERSON", "ORG")]
    if named:
        return named[-1]
    proper = [token for token in sentence if token.pos_ == "PROPN" and token.dep_ != "compound"]
    return speaker_mention(proper[-1]) if proper else None  # a name the tagger missed


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
    start, end = _subtree_span(token)
    if start > span.start or end < span.end - 1:
        return None
    return _trim(doc.text, start, end)


def _is_speaker_context(between: str) -> bool:
    """Text between a quotation and its cue is only the cue clause (`, he said, `)."""
    return _word_count(between) <= 12


def find_quotes(doc: Doc, *, headline: str | None = None) -> list[dict]:
    """Record-contract quotes of one article: the parsed body `doc`, and its headline when given."""
    original = doc.text
    text = normalise_double_marks(original)  # same offsets; the character tests below see one mark style
    cues = _find_cues(doc)
    quote_spans = pair_quote_marks(text)
    inside_quote = [False] * (len(text) + 1)
    for span in quote_spans:
        for position in range(span.start, span.end):
            inside_quote[position] = True
    results: list[dict] = []
    resolver = SpeakerResolver(doc)
    previous: dict | None = None

    for span in quote_spans:
        content_text = text[span.start:span.end]
        words = _word_count(content_text)
        region_start, region_end = _sentences_around(doc, span.start, span.end)
        candidates = [cue for cue in cues if region_start <= cue.start < region_end
                      and not inside_quote[cue.start] and not (span.start <= cue.start < span.end)]
        before_text = text[region_start:span.start - 1]
        starts_sentence = not _WORD.search(before_text) or before_text.rstrip().endswith(":")
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
            if previous is not None and text.count("\n\n", previous["end"], span.start) <= 2:
                results.append(_record(original, span.start, span.end, "direct", None, previous.get("_speaker_span"),
                                       resolver, inherited=previous))
                previous = results[-1]
            elif words >= UNATTRIBUTED_MIN_WORDS:
                # A long quoted passage standing as its own sentence after a colon that names no
                # speech verb: `Stated Stone: "..."`, `More from Jones: "..."`, `the headline reads: "..."`.
                speaker = _colon_speaker(doc, text, span.start)
                if speaker is not None:
                    results.append(_record(original, span.start, span.end, "direct", None, speaker, resolver))
                    previous = results[-1]
            continue
        if not starts_sentence and previous is not None and previous.get("_cue") is chosen \
                and text[previous["end"]:span.start].rstrip(" \"\u201c\u201d").endswith((",", ":")):
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
        record = _record(original, content[0], content[1], kind, chosen, chosen.speaker, resolver)
        if results and results[-1]["kind"] in ("mixed", "indirect") and results[-1]["start"] == record["start"] \
                and results[-1]["end"] == record["end"]:
            if kind == "mixed":
                results[-1]["kind"] = "mixed"
            continue  # two partial quotes in one reported clause: one content
        results.append(record)
        previous = record
        if kind == "direct" and span.end <= chosen.start:
            rest = _unmarked_continuation(text, span, chosen)
            if rest is not None:
                results.append(_record(original, rest[0], rest[1], "direct", chosen, chosen.speaker, resolver))

    for cue in cues:
        if cue.used or cue.content is None:
            continue
        start, end = cue.content
        if _word_count(text[start:end]) < _min_content_words(cue) or inside_quote[cue.start]:
            continue
        if any(r["start"] <= start and end <= r["end"] for r in results if r["field"] == "text"):
            continue
        kind = _embedding_kind(text, (start, end), quote_spans) if any(inside_quote[start:end]) else "indirect"
        results.append(_record(original, start, end, kind, cue, cue.speaker, resolver))

    if headline:
        results.extend(headline_quotes(headline, resolver))
    results.sort(key=lambda r: (r["field"] != "headline", r["start"]))
    for record in results:
        record.pop("_speaker_span", None)
        record.pop("_cue", None)
    return results


_EDGE_CHARACTERS = " \t\n.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def _embedding_kind(text: str, content: tuple[int, int], quote_spans: list[QuoteSpan]) -> str:
    """`mixed` for reported speech carrying a quotation at its start or end, or a long one (a sentence's
    worth) inside; `indirect` when the quoted words sit within it (`that the "cartel" is nervous`,
    `that he opposes "boots on the ground" abroad`)."""
    start, end = _trim(text, *content)
    for span in quote_spans:
        if span.end <= start - 1 or span.start >= end + 1:
            continue
        reaches_edge = not text[max(span.end, start):end].strip(_EDGE_CHARACTERS) \
            or not text[start:min(span.start, end)].strip(_EDGE_CHARACTERS)
        if reaches_edge or _word_count(text[span.start:span.end]) > MIXED_INSIDE_MIN_WORDS:
            return "mixed"
    return "indirect"


def _record(text: str, start: int, end: int, kind: str, cue: Cue | None, speaker: Span | None,
            resolver: "SpeakerResolver", inherited: dict | None = None) -> dict:
    start, end = _trim(text, start, end)
    if inherited is not None:
        speaker_record = dict(inherited["speaker"]) if inherited.get("speaker") else None
    else:
        speaker_record = resolver.describe(speaker) if speaker is not None else None
        if speaker is not None and speaker_record is not None:
            resolver.remember(speaker_record)
    cue_record = None
    if cue is not None:
        cue_record = {"start": cue.start, "end": cue.end, "text": text[cue.start:cue.end]}
    return {
        "start": start, "end": end, "text": text[start:end], "field": "text", "kind": kind,
        "cue": cue_record, "speaker": speaker_record, "date": None, "_speaker_span": speaker, "_cue": cue,
    }


def headline_quotes(headline: str, resolver: SpeakerResolver | None = None) -> list[dict]:
    """`Speaker: content` headlines and quotations in a headline (field headline, kind headline).

    With the body's `resolver`, a headline speaker the body names (`Kasich:` and `John
    Kasich` in the text) gets that name.
    """
    results = []
    match = _HEADLINE_SPEAKER.match(headline)
    if match and _word_count(match.group(2)) >= 2 and match.group(1).lower() not in _HEADLINE_LABELS \
            and _word_count(match.group(1)) <= 3:
        speaker_start, speaker_end = match.span(1)
        start, end = _trim(headline, *match.span(2))
        results.append({
            "start": start, "end": end, "text": headline[start:end], "field": "headline", "kind": "headline",
            "cue": None, "date": None,
            "speaker": {"start": speaker_start, "end": speaker_end, "text": match.group(1),
                        # the label before the colon is a name by its form; the body may give it in full
                        "name": (resolver.name_in_body(match.group(1)) if resolver else None)
                        or (match.group(1) if names_a_speaker(match.group(1)) else None),
                        "role": None, "affiliation": None},
        })
        return results
    # "Trump Says He Will Win", "The Latest: Clinton tells voters she's with them"
    after_label = match.start(2) if match and match.group(1).lower() in _HEADLINE_LABELS else 0
    cued = _HEADLINE_CUE.match(headline, after_label)
    if cued and cued.group(1).split()[0].lower() not in _HEADLINE_LABELS | _WH_WORDS:
        start, end = _trim(headline, *cued.span(3))
        end = len(headline[:end].rstrip("."))
        if _word_count(headline[start:end]) >= 2:
            results.append({
                "start": start, "end": end, "text": headline[start:end], "field": "headline", "kind": "headline",
                "cue": {"start": cued.start(2), "end": cued.end(2), "text": cued.group(2)}, "date": None,
                "speaker": {"start": cued.start(1), "end": cued.end(1), "text": cued.group(1),
                            "name": resolver.name_in_body(cued.group(1)) if resolver else None,
                            "role": None, "affiliation": None},
            })
            return results
    for span in pair_quote_marks(headline):
        if _word_count(headline[span.start:span.end]) > SCARE_MAX_WORDS:
            start, end = _trim(headline, span.start, span.end)
            results.append({"start": start, "end": end, "text": headline[start:end], "field": "headline",
                            "kind": "headline", "cue": None, "speaker": None, "date": None})
    return results
