"""The speech and cognition cue lexicon: which verbs report what someone said or thought.

A bare word list would take "said" in "the said contract" or "claims" as a noun;
`is_speech_verb` checks the lemma, the part of speech and the token's role in the
parse, and some verbs count only with a clausal complement ("added that", not
"added a clause").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class CueVerb:
    needs_clause: bool = False  # a cue only when it governs a reported clause
    xcomp: bool = False  # "promised to ...", "vowed to ...": the infinitive is the content
    object_content: bool = False  # "criticized X for Y", "called X a loser": the object phrase is the content
    # prepositions whose object is what was said or wanted ("voted for X", "spoke about Y");
    # others ("spoke at a rally", "voted on March 2") only say where or when
    preps: frozenset[str] = frozenset({"for", "about", "of", "on", "against", "as", "to"})
    direct_object: bool = True  # a bare object counts ("supports Trump"); not for "spoke a little while"
    # a cue only with one of these prepositions ("sees Cruz as a uniter", not "saw the ad")
    needs_prep: frozenset[str] = frozenset()


_PLAIN = CueVerb()
_CLAUSE = CueVerb(needs_clause=True)
_PROMISE = CueVerb(xcomp=True)
_OBJECT = CueVerb(object_content=True)
_ABOUT = CueVerb(object_content=True, preps=frozenset({"about", "of"}), direct_object=False)  # spoke about X
_VOTE = CueVerb(object_content=True, preps=frozenset({"for", "against"}), direct_object=False)
_SEE_AS = CueVerb(object_content=True, preps=frozenset({"as"}), needs_prep=frozenset({"as"}))  # view X as Y
_SHOW = CueVerb(object_content=True, preps=frozenset())  # "the poll shows Clinton leading"
_ASK = CueVerb(object_content=True, preps=frozenset({"for"}), direct_object=False)  # asked whether/to/for
_FOCUS = CueVerb(object_content=True, preps=frozenset({"on"}), direct_object=False)  # focused on X
# urging someone to act: "urged Congress to act", "pressed for a vote" (a bare object is not what was urged)
_URGE = CueVerb(object_content=True, preps=frozenset({"for"}), direct_object=False)
# agreeing that, to or with: "agreed to share a currency", "agreed with Matthews about the winner"
_AGREE = CueVerb(object_content=True, preps=frozenset({"with", "on", "to"}), direct_object=False)

SPEECH_VERBS: dict[str, CueVerb] = {
    # speech
    "say": _PLAIN, "tell": _PLAIN, "state": _CLAUSE, "stress": _PLAIN, "emphasize": _PLAIN,
    "emphasise": _PLAIN, "warn": _PLAIN, "claim": _PLAIN, "argue": _PLAIN, "note": _CLAUSE,
    "explain": _PLAIN, "insist": _PLAIN, "announce": _OBJECT, "report": _CLAUSE, "write": _CLAUSE,
    "tweet": _PLAIN, "declare": _PLAIN, "suggest": _CLAUSE, "acknowledge": _PLAIN, "admit": _PLAIN,
    "deny": _CLAUSE, "recall": _CLAUSE, "assert": _PLAIN, "contend": _PLAIN, "confirm": _CLAUSE,
    "reveal": _CLAUSE, "complain": _PLAIN, "ask": _ASK, "reply": _PLAIN, "respond": _PLAIN,
    "answer": _PLAIN, "add": _CLAUSE, "continue": _CLAUSE, "maintain": _CLAUSE, "allege": _PLAIN, "testify": _PLAIN,
    "indicate": _CLAUSE, "conclude": _CLAUSE, "observe": _CLAUSE, "remark": _PLAIN, "mention": _OBJECT,
    "promise": _PROMISE, "vow": _PROMISE, "pledge": _PROMISE, "threaten": _PROMISE, "urge": _URGE,
    "encourage": _URGE, "press": _URGE, "push": _URGE, "exhort": _URGE, "appeal": _URGE,
    "predict": _PLAIN, "caution": _PLAIN, "concede": _PLAIN, "boast": _PLAIN, "joke": _PLAIN,
    "quip": _PLAIN, "shout": _PLAIN, "yell": _PLAIN, "retort": _PLAIN, "counter": _CLAUSE,
    "exclaim": _PLAIN, "reiterate": _PLAIN, "repeat": _CLAUSE, "describe": _OBJECT, "call": _OBJECT,
    "charge": _CLAUSE, "accuse": _OBJECT, "agree": _AGREE, "estimate": _CLAUSE, "forecast": _CLAUSE,
    "post": _CLAUSE, "speculate": _PLAIN, "hint": _CLAUSE, "signal": _CLAUSE,
    "chant": _PLAIN, "bark": _PLAIN, "scream": _PLAIN, "beam": _PLAIN, "interject": _PLAIN, "whisper": _PLAIN,
    "mutter": _PLAIN, "snap": _PLAIN, "gush": _PLAIN, "scoff": _PLAIN, "holler": _PLAIN, "plead": _PLAIN,
    "muse": _PLAIN, "marvel": _PLAIN, "sigh": _PLAIN, "mouth": _PLAIN, "grouse": _PLAIN, "gripe": _PLAIN,
    "assure": _PLAIN, "reassure": _PLAIN, "ponder": _CLAUSE, "opine": _PLAIN, "brag": _PLAIN, "fume": _PLAIN,
    "scold": _OBJECT, "chide": _OBJECT, "rebuke": _OBJECT, "concur": _CLAUSE,
    "learn": _CLAUSE, "show": _SHOW, "see": _SEE_AS, "view": _SEE_AS, "regard": _SEE_AS, "find": _CLAUSE, "recount": _PLAIN, "point": _CLAUSE,
    # speech acts whose object is what was said (PolNeAR annotates them as attributions)
    "criticize": _OBJECT, "praise": _OBJECT, "slam": _OBJECT, "attack": _OBJECT, "denounce": _OBJECT,
    "dismiss": _OBJECT, "thank": _OBJECT, "blast": _OBJECT, "mock": _OBJECT, "condemn": _OBJECT,
    "defend": _OBJECT, "propose": _OBJECT, "endorse": _OBJECT, "reject": _OBJECT, "blame": _OBJECT,
    "question": _OBJECT, "applaud": _OBJECT, "decry": _OBJECT, "lament": _OBJECT, "cite": _OBJECT,
    "refer": _OBJECT, "label": _OBJECT, "dub": _OBJECT,
    # stances and requests: PolNeAR attributes what someone supports, wants or asks for
    "support": _OBJECT, "back": _OBJECT, "oppose": _OBJECT, "favor": _OBJECT, "favour": _OBJECT,
    "want": _OBJECT, "prefer": _OBJECT, "demand": _OBJECT, "seek": _OBJECT, "discuss": _OBJECT,
    "talk": _ABOUT, "speak": _ABOUT, "comment": _OBJECT, "express": _OBJECT, "tout": _OBJECT,
    "vote": _VOTE, "welcome": _OBJECT, "congratulate": _OBJECT, "apologize": _OBJECT, "apologise": _OBJECT,
    "remind": _OBJECT, "echo": _OBJECT, "highlight": _OBJECT, "recommend": _OBJECT, "request": _OBJECT,
    "offer": _OBJECT, "refuse": _PROMISE, "plan": _PROMISE, "decide": _PROMISE, "intend": _PROMISE,
    # characterising and judging someone or something (VerbNet's characterize and judgment classes)
    "portray": _OBJECT, "depict": _OBJECT, "characterize": _OBJECT, "characterise": _OBJECT, "brand": _OBJECT,
    "hail": _OBJECT, "cast": _SEE_AS, "paint": _SEE_AS, "deem": _OBJECT, "criticise": _OBJECT,
    "commend": _OBJECT, "laud": _OBJECT, "fault": _OBJECT, "chastise": _OBJECT, "castigate": _OBJECT,
    "lambaste": _OBJECT, "lambast": _OBJECT, "assail": _OBJECT, "ridicule": _OBJECT, "deride": _OBJECT, "disparage": _OBJECT,
    "belittle": _OBJECT, "excoriate": _OBJECT, "champion": _OBJECT, "advocate": _OBJECT, "embrace": _OBJECT,
    "dispute": _OBJECT, "challenge": _OBJECT, "contest": _OBJECT, "celebrate": _OBJECT,
    "invite": _URGE, "implore": _URGE, "beg": _URGE, "lobby": _VOTE, "campaign": _VOTE,
    # telling, disclosing and implying (VerbNet's say, tell and reflexive-appearance classes)
    "proclaim": _PLAIN, "affirm": _CLAUSE, "disclose": _CLAUSE, "imply": _CLAUSE, "insinuate": _CLAUSE,
    "advise": _CLAUSE, "inform": _CLAUSE, "notify": _CLAUSE, "demonstrate": _CLAUSE, "prove": _CLAUSE,
    # declining to say, considering, focusing on, addressing or debating something
    "hop": _PROMISE,  # spaCy's small model lemmatises "hopes"/"hoped" to "hop"; only a clause makes it a cue
    "decline": _PROMISE, "consider": _OBJECT, "focus": _FOCUS, "remember": _CLAUSE, "address": _OBJECT,
    "debate": _OBJECT, "ignore": _OBJECT, "identify": _SEE_AS, "cheer": _OBJECT, "convince": _CLAUSE,
    # cognition (PolNeAR attributes beliefs too)
    "anticipate": _CLAUSE, "foresee": _CLAUSE, "imagine": _CLAUSE, "guess": _CLAUSE, "reckon": _CLAUSE,
    "recognize": _CLAUSE, "recognise": _CLAUSE, "realise": _CLAUSE, "wish": _CLAUSE,
    "believe": _CLAUSE, "think": _CLAUSE, "feel": _CLAUSE, "expect": _PROMISE, "hope": _PROMISE,
    "fear": _CLAUSE, "worry": _CLAUSE, "know": _CLAUSE, "doubt": _CLAUSE, "assume": _CLAUSE,
    "suspect": _CLAUSE, "understand": _CLAUSE, "realize": _CLAUSE, "wonder": _CLAUSE,
}


# Verbs that report speech only with their particle: "shot back", "fired back", "chimed in".
PARTICLE_CUES = frozenset({("shoot", "back"), ("fire", "back"), ("hit", "back"), ("snap", "back"),
                           ("chime", "in"), ("weigh", "in"), ("speak", "out"), ("lash", "out"),
                           ("pipe", "up"), ("cut", "in")})


def is_speech_verb(token: Token) -> bool:
    """Whether `token` is a speech/cognition cue in this parse (lemma, part of speech, complement)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and any((lemma, child.lower_) in PARTICLE_CUES
                                    for child in token.children if child.dep_ in ("prt", "advmod")):
        return True
    entry = SPEECH_VERBS.get(lemma)
    if entry is None or token.pos_ not in ("VERB", "AUX") and not _verb_tagged_as_noun(token):
        return False
    if token.dep_ in ("amod", "compound"):  # "the said contract"
        return False
    if entry.object_content:
        if entry.needs_prep and not any(child.dep_ in ("ccomp", "prep") and (child.dep_ == "ccomp" or child.lower_
                                                                            in entry.needs_prep)
                                        for child in token.children):
            return False
        return any(is_content_child(entry, child) for child in token.children)
    if entry.needs_clause or entry.xcomp:
        deps = {child.dep_ for child in token.children}
        return "ccomp" in deps or (entry.xcomp and "xcomp" in deps) or token.dep_ == "parataxis"
    return True


def _verb_tagged_as_noun(token: Token) -> bool:
    """`Doe claims that ...`, `Doe charges that ...`: a speech verb the tagger read as a plural noun,
    told apart by its own subject and its that-clause."""
    if token.pos_ != "NOUN":
        return False
    children = list(token.children)
    return any(child.dep_ == "nsubj" for child in children) and any(
        child.dep_ == "ccomp" and any(mark.dep_ == "mark" and mark.lower_ == "that" for mark in child.children)
        for child in children)


def is_content_child(entry: CueVerb, child: Token) -> bool:
    """Whether `child` of an object-content cue verb holds what was said, wanted or backed."""
    if child.dep_ in ("ccomp", "xcomp"):
        return True
    if child.dep_ in ("dobj", "oprd", "dative"):
        return entry.direct_object
    if child.dep_ == "prep":
        # `agreed on Tuesday to ...`: a time is when it was said, not what.
        return child.lower_ in entry.preps and not any(
            object_.dep_ == "pobj" and object_.ent_type_ in ("DATE", "TIME") for object_ in child.children)
    return False


SPEECH_NOUNS = frozenset({
    "statement", "remark", "comment", "claim", "warning", "advice", "message", "view", "belief", "argument",
    "assertion", "suggestion", "promise", "pledge", "vow", "demand", "call", "announcement", "insistence",
    "allegation", "accusation", "charge", "admission", "assurance", "prediction", "hope", "fear", "concern",
    "threat", "proposal", "contention", "opinion", "position", "complaint", "denial", "acknowledgment",
})
"""Nouns that introduce what someone said or holds: `his claim that ...`, `a pledge to ...`."""


def speech_noun_clause(token: Token) -> Token | None:
    """The reported clause of a speech noun (`the claim that X`, `her pledge to Y`), if it has one."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_NOUNS:
        return None
    for child in token.rights:
        if child.dep_ in ("acl", "ccomp", "relcl"):
            first = child.left_edge
            if first.lower_ == "that" and first.dep_ == "mark":
                return child
            if child.dep_ == "acl" and any(t.dep_ == "aux" and t.lower_ == "to" for t in child.children):
                return child
    return None


STANCE_VERBS = frozenset({"support", "back", "oppose", "endorse", "prefer", "favor", "favour", "praise", "criticize",
                          "attack", "blame", "thank", "congratulate", "defend", "reject", "condemn", "denounce",
                          "criticise", "commend", "laud", "hail", "champion", "advocate", "embrace", "fault",
                          "chastise", "castigate", "lambaste", "lambast", "assail", "ridicule", "deride", "disparage",
                          "belittle", "excoriate", "celebrate", "challenge", "dispute"})
"""Verbs whose target alone, even one name, is the attributed content (`most voters supported Sanders`)."""

WH_WORDS = frozenset({"what", "how", "why", "who", "whom", "whose", "which", "where", "when", "whether", "if"})
"""Words opening an embedded question (`knows how ...`) rather than a reported belief; no headline speaker starts with one."""

COGNITION_VERBS = frozenset({"believe", "think", "feel", "expect", "hope", "fear", "worry", "know", "doubt",
                             "assume", "suspect", "understand", "realize", "wonder", "learn", "find", "show"})

STANCE_ADJECTIVES = frozenset("""
confident sure certain convinced aware afraid worried concerned hopeful optimistic pessimistic skeptical sceptical
critical supportive opposed eager happy glad proud unhappy angry upset furious adamant determined willing
unwilling reluctant keen doubtful fearful wary suspicious dismissive disappointed frustrated pleased satisfied
dissatisfied comfortable uncomfortable enthusiastic insistent resigned ready
""".split())
"""Attitude adjectives after `be`/`seem`/`remain` whose clause or object is attributed to the subject."""

STANCE_NOUNS: dict[str, frozenset[str]] = {
    noun: frozenset(preps.split()) for nouns, preps in (
        ("criticism criticisms condemnation praise", "of for"),
        ("support backing endorsement opposition objection objections resistance", "for of to"),
        ("concern concerns worry worries fear fears doubt doubts complaint complaints", "about over"),
        ("call calls demand demands request requests appeal appeals plea", "for"),
        ("attack attacks", "on against"),
        ("warning warnings", "about of against"),
    ) for noun in nouns.split()
}
"""Nouns of stance whose prepositional object is what someone criticises, supports, fears or asks for."""


def stance_noun_target(token: Token) -> Token | None:
    """The object a stance noun is about (`criticism of the plan`, `calls for a ceasefire`), if it has one."""
    preps = STANCE_NOUNS.get(token.lower_)
    if preps is None or token.pos_ != "NOUN":
        return None
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            return next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
    return None
