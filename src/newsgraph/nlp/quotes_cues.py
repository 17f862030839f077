"""Speech and cognition cues in the dependency parse: the verb, its speaker mention and its reported clause.

A verb whose lemma is in `quotes_lexicon.SPEECH_VERBS` (said, told, stressed, warned,
...) is a cue, its subject the speaker and its clausal complement the reported
content; so are the `according to X` phrase, speech nouns (`her warning that ...`),
passives (`X is expected to win`), attitude adjectives (`is confident that ...`) and
sentence-final `..., officials said.` (the main clause parsed as the cue's complement
or the cue as a parenthetical). A subjectless cue takes its speaker from the clause
that governs it, or from a name right before it, before a comma-bounded interruption
(`Doe, exasperated, replied`) or after it (`said retired engineer Jane Doe`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.quotes_lexicon import (COGNITION_VERBS, SPEECH_VERBS, STANCE_ADJECTIVES, STANCE_VERBS, WH_WORDS,
                                          is_content_child, is_speech_verb, speech_noun_clause, stance_noun_target)
from newsgraph.nlp.quotes_marks import trim
from newsgraph.nlp.quotes_speakers import entity_covering, is_capitalised, speaker_mention
from newsgraph.nlp.parse_index import doc_text, sentence_of

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


@dataclass(slots=True)
class Cue:
    """A cue in the parse: where its words are, the speaker mention it names and the clause it reports."""

    verb: Token | None  # None for `according to`
    start: int
    end: int
    speaker: Span | None
    content: tuple[int, int] | None  # reported clause, character offsets
    used: bool = False  # a quotation took it, so its clause is not reported again on its own


def subtree_span(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Character offsets of `token`'s subtree, leaving out `exclude`'s subtree at its edge."""
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
        return subtree_span(clause)
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
    return token.is_upper and len(token) > 1 and starts_line and following in ("\u2014", "\u2013", "-", "--", "(", ",")


def _subject_of(verb: Token) -> Span | None:
    """The subject (or passive agent) of `verb`; of several, the nearest that is not a dateline."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS and not _is_dateline(child)]
    if subjects:
        return speaker_mention(min(subjects, key=lambda child: abs(child.i - verb.i)))
    for child in verb.children:
        if child.dep_ == "agent":  # "was told by X"
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return speaker_mention(grandchild)
    return None


def speaker_of(verb: Token) -> Span | None:
    """The subject of a speech verb; a subjectless one takes it from the clause that governs it.

    `X said ..., adding ...` and `X was reluctant to say ...` (the governing clause's
    subject), `criticized Y for opposing ...` (the object: Y opposed), `groups
    supporting her` (the noun a participle modifies).
    """
    current = verb
    for _ in range(4):
        subject = _subject_of(current)
        if subject is not None and current.dep_ == "relcl" and subject.root.lower_ in ("that", "which"):
            # "X released a video that accuses Y": the message's issuer speaks, as with "a video accusing"
            return _issuer_of(current.head) or subject
        if subject is not None:
            return subject
        if current is verb and verb.dep_ in ("conj", "dep") and _name_just_before(verb) is not None:
            # `"...," Chief Jane Doe said` parsed as a conjunct of the quoted clause: the name right
            # before the verb speaks, not the quotation's own subject
            return _name_just_before(verb)
        head = current.head
        if head.i == current.i:
            break
        if current.dep_ in ("conj", "advcl", "xcomp", "acomp") or current.dep_ == "parataxis" and head.tag_ == "VBG" \
                and head.i < current.i:
            # `Doe, noting X, said` parsed with the participle as the root and the verb beside it
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
            return _issuer_of(head) or speaker_mention(head)
        if current.dep_ == "acl" and head.pos_ == "PROPN" and (current.tag_ in _FINITE_TAGS or (
                current.tag_ == "VBN" and current.lemma_ != "ask" and current.i > 0
                and current.doc[current.i - 1].text == ",")):
            # "Donald Trump, who is running, tweeted ...": a finite verb misparsed as a modifier of the name
            return speaker_mention(head)
        break
    return _name_just_before(verb) or _name_before_parenthetical(verb) or _name_just_after(verb) \
        or _controlling_subject(verb) or _subject_before_relative_clause(verb)


# Messages a party puts out in its own voice: "X issued a statement saying ..." is X speaking.
_ISSUED_NOUNS = frozenset("""
letter letters email emails memo statement statements post tweet tweets video ad ads advertisement release spot
spots commercial commercials mailer website editorial petition documentary
""".split())


def _issuer_of(message: Token) -> Span | None:
    """Who put out a statement, letter or ad that a participle describes (`X issued a statement
    saying`, `X is running a TV spot attacking`, `an email sent by X warning`): PolNeAR's source is
    the issuer, not the message."""
    if message.lower_ not in _ISSUED_NOUNS:
        return None
    for child in message.children:
        if child.dep_ == "acl":
            by = next((grand for grand in child.children if grand.dep_ in ("agent", "prep") and grand.lower_ == "by"),
                      None)
            agent = next((grand for grand in by.children if grand.dep_ == "pobj"), None) if by is not None else None
            if agent is not None:
                return speaker_mention(agent)
    verb = message.head
    if message.dep_ == "pobj" and verb.lower_ in _MEANS_PREPOSITIONS:
        verb = verb.head  # "said in a statement", "with cable spots"
    elif message.dep_ != "dobj":
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((child for child in verb.children if child.dep_ == "nsubj" and not _is_dateline(child)), None)
    return speaker_mention(subject) if subject is not None else None


def _subject_before_relative_clause(verb: Token) -> Span | None:
    """`A White House official who spoke anonymously said ...`, `One attendee, who like others spoke
    on condition of anonymity, said ...`: a finite speech verb the parser left without a subject after a
    noun carrying a relative clause. The phrase ending right before the verb is followed up its heads
    to the verb; a relative clause on that path, or on the subject of a clause on it, names the speaker."""
    if verb.tag_ not in _FINITE_TAGS:
        return None
    doc, sentence = verb.doc, sentence_of(verb)
    index = verb.i - 1
    while index > sentence.start and (doc[index].dep_ in _BETWEEN_NAME_AND_VERB or doc[index].text == ","):
        index -= 1
    token = doc[index]
    for _ in range(CONTROL_MAX_STEPS):
        if token.i == verb.i or token.head.i == token.i:
            return None
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i < verb.i:
            return speaker_mention(token.head)
        subject = next((child for child in token.children if child.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") \
                and any(child.dep_ == "relcl" for child in subject.children):
            return speaker_mention(subject)
        token = token.head
    return None


_NON_FINITE_TAGS = {"VBG", "VB", "VBN"}
CONTROL_MAX_STEPS = 8


def _controlling_subject(verb: Token) -> Span | None:
    """`Doe has been the most aggressive in denouncing X`, `Doe was back to implying that X`: a gerund
    or infinitive with no subject of its own is said by the subject of the nearest clause above it in
    its sentence, when that subject is written before it."""
    if verb.tag_ not in _NON_FINITE_TAGS or any(child.dep_ in ("aux", "auxpass") and child.tag_ != "TO"
                                                 for child in verb.children):
        return None
    current = verb
    for _ in range(CONTROL_MAX_STEPS):
        if current.head.i == current.i:
            return None
        current = current.head
        subjects = [child for child in current.children if child.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            if subject.i > verb.i or _is_dateline(subject):
                return None
            return speaker_mention(subject)
    return None


_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
_BETWEEN_NAME_AND_VERB = {"aux", "advmod", "neg", "auxpass"}


def _name_just_before(verb: Token) -> Span | None:
    """A finite speech verb the parser left without a subject (`CLEVELAND (UPI) — Jane Doe told ...`
    read with the dateline as subject): the person or organisation named right before it."""
    if verb.tag_ not in _FINITE_TAGS:
        return None
    index = verb.i - 1
    while index >= sentence_of(verb).start and verb.doc[index].dep_ in _BETWEEN_NAME_AND_VERB:
        index -= 1
    if index < sentence_of(verb).start:
        return None
    token = verb.doc[index]
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return entity_covering(verb.doc, token)
    if token.pos_ == "PROPN" and is_capitalised(token) and not token.ent_type_:
        # a name the tagger missed, parsed into the verb's phrase ("Trump barked" as a compound)
        return _proper_name_run(token, step=-1)
    return None


PARENTHETICAL_MAX_TOKENS = 30


def _name_before_parenthetical(verb: Token) -> Span | None:
    """`Clinton, exasperated, responded`, `..., Jane Doe, the undersecretary, wrote`: a finite speech
    verb whose subject the parser hung on the comma-bounded interruption between them. The name
    ending right before the interruption's opening comma speaks, when it opens its sentence or
    follows a comma itself."""
    if verb.tag_ not in _FINITE_TAGS:
        return None
    doc, sentence = verb.doc, sentence_of(verb)
    index = verb.i - 1
    while index > sentence.start and doc[index].dep_ in _BETWEEN_NAME_AND_VERB:
        index -= 1
    if doc[index].text != ",":
        return None
    opening = index - 1
    while opening > sentence.start and doc[opening].text != "," and not doc[opening].is_quote \
            and index - opening <= PARENTHETICAL_MAX_TOKENS:
        opening -= 1
    if opening <= sentence.start or doc[opening].text != "," or opening == index - 1:
        return None
    last = doc[opening - 1]
    if last.ent_type_ in ("PERSON", "ORG"):
        name = entity_covering(doc, last)
    elif last.pos_ == "PROPN" and is_capitalised(last):
        name = _proper_name_run(last, step=-1)
    else:
        return None
    if name is None or name.end != opening:
        return None
    phrase = speaker_mention(last)  # with its titles (`President Jane Doe`)
    if phrase.end == opening and phrase.start < name.start:
        name = phrase
    if name.start > sentence.start and doc[name.start - 1].text not in (",", "-", "--", "\u2014", "\u2013") \
            and not _is_dateline(doc[name.start - 1]):
        return None
    return name


def _proper_name_run(token: Token, step: int) -> Span:
    """The run of capitalised proper nouns from `token` leftwards (step -1) or rightwards (step 1), in its sentence."""
    doc, sentence = token.doc, sentence_of(token)
    start = end = token.i
    while step < 0 and start > sentence.start and doc[start - 1].pos_ == "PROPN" and is_capitalised(doc[start - 1]):
        start -= 1
    while step > 0 and end + 1 < sentence.end and doc[end + 1].pos_ == "PROPN" and is_capitalised(doc[end + 1]):
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
    titled = _titled_name_after(verb)
    if titled is not None:
        return titled
    if first.pos_ == "PROPN" and is_capitalised(first):
        return _proper_name_run(first, step=1)
    if any(doc[index].is_quote for index in range(max(verb.i - 2, 0), verb.i)):
        # `"...," added one of the crew`: right after a quotation the inverted subject is parsed as an object
        inverted = next((child for child in verb.rights if child.dep_ in ("dobj", "attr")
                         and child.i - verb.i <= 4 and child.pos_ in ("NOUN", "PROPN", "NUM")), None)
        if inverted is not None:
            return speaker_mention(inverted)
    return None


_TITLE_WORD_POS = {"ADJ", "NOUN", "VERB", "PROPN"}


def _titled_name_after(verb: Token) -> Span | None:
    """`"...," said retired neurosurgeon Jane Doe`: a person named after a few lower-case title words
    that modify the name (the role and the name as one mention)."""
    doc = verb.doc
    index = verb.i + 1
    while index < min(verb.i + 5, len(doc)) and not doc[index].ent_type_ and doc[index].is_lower \
            and doc[index].pos_ in _TITLE_WORD_POS and doc[index].dep_ in ("amod", "compound", "nmod"):
        index += 1
    if index == verb.i + 1 or index >= len(doc) or doc[index].ent_type_ != "PERSON" or doc[index].ent_iob_ != "B":
        return None
    return doc[verb.i + 1:entity_covering(doc, doc[index]).end]


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


def find_cues(doc: Doc) -> list[Cue]:
    """Speech cues of the parse with their speaker and reported clause (when there is one)."""
    cues: list[Cue] = []
    text = doc_text(doc)
    for token in doc:
        if token.lower_ == "according" and any(child.lower_ == "to" for child in token.children):
            to = next(child for child in token.children if child.lower_ == "to")
            source = next((child for child in to.children if child.dep_ == "pobj"), None)
            if source is None:
                continue
            sentence = sentence_of(token)
            head = token.head if token.head.i != token.i else None
            phrase_start, phrase_end = token.idx, subtree_span(token)[1]
            content = None
            if head is not None:
                before = trim(text, sentence.start_char, phrase_start)
                after = trim(text, phrase_end, sentence.end_char)
                content = after if after[1] - after[0] > before[1] - before[0] else before
                content = (content[0], len(text[:content[1]].rstrip(".")))
            cues.append(Cue(None, token.idx, to.idx + len(to), speaker_mention(source), content))
            continue
        noun_clause = speech_noun_clause(token) or stance_noun_target(token)
        if noun_clause is not None:
            # "her warning that ...": the possessor or the `by`/`from` phrase is the speaker.
            owner = next((child for child in token.children if child.dep_ in ("poss", "nsubj")), None)
            if owner is None:
                owner = next((grandchild for child in token.children if child.dep_ == "prep"
                              and child.lower_ in ("by", "from") for grandchild in child.children
                              if grandchild.dep_ == "pobj"), None)
            speaker = speaker_mention(owner) if owner is not None else None
            if speaker is None and token.dep_ in ("dobj", "attr") and token.head.pos_ in ("VERB", "AUX"):
                speaker = speaker_of(token.head)  # "the ministry issued a warning that ..."
            if speaker is None and token.dep_ == "pobj" and token.head.lower_ in _MEANS_PREPOSITIONS \
                    and token.head.head.pos_ in ("VERB", "AUX"):
                speaker = speaker_of(token.head.head)  # "said in a statement that ...", "with the argument that"
            if noun_clause.dep_ in ("pobj", "pcomp"):  # "criticism of the plan": the object, not a clause
                if speaker is None:
                    continue  # whose criticism or support the sentence does not say: not an attribution
                content = trim(text, *subtree_span(noun_clause))
            else:
                content = trim(text, *_clause_span(noun_clause, token))
            cues.append(Cue(token, token.idx, token.idx + len(token), speaker, content))
            continue
        passive = _passive_content(token)
        if passive is not None:
            # "Clinton is expected to win", "the plan was rejected by the council": what is said,
            # expected or rejected is the passive subject; the `by` agent, if any, holds it.
            agent = next((grand for child in token.children if child.dep_ == "agent"
                          for grand in child.children if grand.dep_ == "pobj"), None)
            cues.append(Cue(token, token.idx, token.idx + len(token),
                            speaker_mention(agent) if agent is not None else None, trim(text, *passive)))
            continue
        stance = _stance_adjective_content(token)
        if stance is not None:
            # "the mayor is confident that ...", "voters were critical of the plan": an attitude the
            # subject holds, its clause or object the content.
            cues.append(Cue(token, token.idx, token.idx + len(token), speaker_of(token.head),
                            trim(text, *subtree_span(stance))))
            continue
        if not is_speech_verb(token):
            continue
        speaker = speaker_of(token)
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
                content = trim(text, first.left_edge.idx, parts[-1].right_edge.idx + len(parts[-1].right_edge))
        if clause is not None:
            if clause.left_edge.lower_ in WH_WORDS and token.lemma_ in COGNITION_VERBS:
                continue  # "knows how tempting it is": an embedded question, not a reported belief
            content = trim(text, *_clause_span(clause, token))
        elif token.dep_ == "parataxis" and (token.head.i < token.i or token.head.pos_ in ("VERB", "AUX")):
            # "The plan failed, officials said." and "The plan, officials said, failed." parsed with
            # the cue as a parenthetical: the clause around it is the content.
            content = trim(text, *subtree_span(token.head, exclude=token))
            content = (content[0], len(text[:content[1]].rstrip(".")))  # the sentence's full stop is not said
        cues.append(Cue(token, token.idx, token.idx + len(token), speaker, content))
    for cue in cues:
        if cue.content is not None:
            cue.content = _without_trailing_aside(doc, text, cue.content)
    return cues


_ASIDE_DEPS = {"relcl", "appos"}
_ASIDE_OPENERS = {",", "\u2014", "\u2013", "--", "-", "("}


def _without_trailing_aside(doc: Doc, text: str, content: tuple[int, int]) -> tuple[int, int]:
    """The reported content without an aside closing it (`... pneumonia, which forced her to
    leave early`): a non-restrictive relative clause set off by a comma or dash comments on
    the content's last words in the writer's voice; PolNeAR ends the content before it."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or len(span) < 4:
        return content
    last = span[-1]
    while last.i > span.start and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    for token in span:
        if token.dep_ not in _ASIDE_DEPS or token.right_edge.i < last.i or token.left_edge.i <= span.start + 2:
            continue
        before = doc[token.left_edge.i - 1]
        if before.text in _ASIDE_OPENERS and span.start <= token.head.i < token.left_edge.i:
            return trim(text, content[0], before.idx)
    return content


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
    start, end = subtree_span(subject)
    complement = next((child for child in children if child.dep_ in ("xcomp", "ccomp")), None)
    if complement is not None:
        end = max(end, subtree_span(complement)[1])
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


def min_content_words(cue: Cue) -> int:
    """Reported clauses need three words; what a stance verb targets may be one name (`endorsed Cruz`)."""
    if cue.verb is not None and cue.verb.lemma_.lower() in STANCE_VERBS:
        return 1
    return 3

