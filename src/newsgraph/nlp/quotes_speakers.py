"""Speaker mentions and their resolution to a name, role and affiliation within one article.

- The mention is the subject's noun phrase as written, cut before an apposition or
  relative clause (`Jane Doe, the foreign minister, who ...` -> `Jane Doe`).
- `role` comes from pre-nominal titles (`Foreign Minister Jane Doe`), appositions
  (`Jane Doe, the country's foreign minister,`) and the head noun of a role mention
  (`the spokeswoman`); `affiliation` from a nationality, country or organisation in
  them (`French`, `France's`, `of the ministry`).
- `name`: a person or organisation entity in the mention; a lone surname becomes the
  full name introduced earlier; a pronoun takes the person subject of a clause it hangs
  under (`Doe said he ...`), else the previous sentence's subject, else the previous
  quote's speaker when gender and number agree, else the latest person mentioned before
  it; a role noun takes the person introduced with that role or named in an apposition
  (`One of his advisers, Jane Doe`); a statement, letter or ad speaks for whoever
  issued it (`Doe released a statement`, `an email sent by Doe`), never for its
  addressee. A mention nothing resolves (`a source`) keeps `name` null rather than
  inventing one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.parse_index import doc_text, sentence_of
from newsgraph.records import Speaker

_PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "i": None, "we": "p"}
_GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP"}
_RELATIVE_PRONOUNS = {"who", "that", "which"}
_GENDERED_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_GROUP_NOUNS = {"campaign", "camp", "team", "administration", "foundation", "office", "spokespeople", "staff"}
_NAME_LIKE_LABELS = {"FAC", "LOC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}  # tagged wrongly, still names
SOURCE_NOUNS = frozenset("""
poll polls polling survey surveys report reports study analysis letter email emails memo statement records record
data filings filing documents document tally count results figures numbers website article story editorial
post tweet video ad ads advertisement release book transcript database profile page account census estimates
projections review investigation audit complaint lawsuit suit spot spots calculations order ruling documentary
brief petition commercial mailer
""".split())
"""Things that say something on someone's behalf: named by the organisation or person behind them."""
_AFFILIATION_LABELS = {"NORP", "GPE", "ORG"}
_CUT_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj"}
_MALE_TITLES = {"mr", "mr.", "sir", "king", "husband", "father", "son", "brother", "spokesman", "chairman"}
_FEMALE_TITLES = {"ms", "ms.", "mrs", "mrs.", "queen", "wife", "mother", "daughter", "sister", "spokeswoman",
                  "chairwoman"}


TITLE_ABBREVIATIONS = {
    "sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "sec": "secretary",
    "pres": "president", "lt": "lieutenant", "atty": "attorney", "supt": "superintendent", "cmdr": "commander",
    "insp": "inspector", "prof": "professor", "amb": "ambassador", "sgt": "sergeant", "col": "colonel",
    "spokesperson": "spokesman", "spokeswoman": "spokesman", "chairwoman": "chairman", "chair": "chairman",
}


# Role and group nouns: a headline label made only of these (`Minister:`, `Police:`) names nobody.
ROLE_WORDS = frozenset("""
minister ministers president presidents senator senators governor governors mayor mayors spokesman spokeswoman
spokesperson official officials police chief leader leaders secretary director chairman chairwoman ceo judge
court ministry government aide aides adviser advisers source sources expert experts analyst analysts
lawmakers lawyers lawyer witness witnesses residents voters critics officials prime foreign defence defense
interior finance deputy former top senior general commander army military report study poll survey
""".split())


def names_a_speaker(label: str) -> bool:
    """Whether a short capitalised label (a headline's `Kasich:`) holds a word that is not a role or group noun."""
    return any(role_noun(word) not in ROLE_WORDS for word in label.split())


def role_noun(word: str) -> str:
    """A role's head noun in one spelling: `Sen.` -> `senator`, `Spokeswoman` -> `spokesman`."""
    key = word.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(key, key)


def speaker_mention(head: Token) -> Span:
    """The noun phrase of `head` as written, without appositions, relative clauses or coordination."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ not in _CUT_DEPS:
            left = min(left, child.left_edge.i)
    # A dateline or timestamp parsed into the phrase ("7:45 a.m.\n\nRepublican hopefuls") stays out.
    for index in range(head.i - 1, left - 1, -1):
        if "\n" in doc[index].text_with_ws or doc[index].is_space:
            left = index + 1
            break
    right = head.i
    for child in head.rights:
        if child.dep_ in _CUT_DEPS:
            break
        right = max(right, child.right_edge.i)
    return doc[left:right + 1]


def is_capitalised(token: Token) -> bool:
    """A word written with a capital and then lower case, inner capitals allowed (`Doe`, `McConnell`,
    `RealClearPolitics`; spaCy's is_title refuses the last two)."""
    text = token.text
    return text[:1].isupper() and any(character.islower() for character in text)


def entity_covering(doc: Doc, token: Token) -> Span | None:
    """The named entity `token` belongs to, read from its IOB tags (no scan over every entity)."""
    if not token.ent_type_:
        return None
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type)


def _mention_role(mention: Span) -> str | None:
    """The role a mention writes (`A top strategist` -> `top strategist`): its words less determiners,
    possessives and affiliations."""
    words = [t for t in mention if t.dep_ not in ("det", "poss", "case")
             and t.ent_type_ not in _AFFILIATION_LABELS and not t.is_punct and not t.is_space]
    # `The port authority of Seaville`: with its affiliation gone, a preposition or conjunction left at
    # the end governs nothing.
    while words and (words[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "PART") or words[-1].dep_ in ("prep", "cc")):
        words.pop()
    return " ".join(t.text for t in words) or None


def _within_paragraph(tokens: Iterable[Token]) -> list[Token]:
    """`tokens` up to the first line break. The parser may hang what follows a paragraph end onto a phrase
    (`[Jane Doe, BBC]` then the next item's headline), and spaCy keeps line breaks as tokens of their own."""
    kept = []
    for token in tokens:
        if token.is_space:
            break
        kept.append(token)
        if "\n" in token.whitespace_:
            break
    return kept


# Double quotation marks in any style, the two-character `''` included.
_DOUBLE_MARKS = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb", "''")


_OPENING_MARKS = ('"', "\u201c", "\u00ab", "'")
_CLOSING_MARKS = ('"', "\u201d", "\u00bb", "'")


def _inside_quotation(sentence: Span, token: Token) -> bool:
    """Whether `token` stands inside quote marks in its sentence (an odd number of marks before it)."""
    before = doc_text(sentence.doc)[sentence.start_char:token.idx]
    return sum(before.count(mark) for mark in _DOUBLE_MARKS) % 2 == 1


def _quoted_in_paragraph(token: Token) -> bool:
    """Whether `token` stands inside quote marks counted from its paragraph's start (a quotation may run
    over several sentences, so a sentence can open inside one)."""
    text = doc_text(token.doc)
    before = text[text.rfind("\n", 0, token.idx) + 1:token.idx]
    return sum(before.count(mark) for mark in _DOUBLE_MARKS) % 2 == 1


def _has_quote_mark(sentence: Span) -> bool:
    return any(mark in sentence.text for mark in _DOUBLE_MARKS)


class SpeakerResolver:
    """Resolves speaker mentions of one article, remembering who spoke and who was introduced."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        self.last_speakers: list[Speaker] = []
        # (token index, role head noun, affiliation, full name) of every person introduced with a role
        self.roles: list[tuple[int, str, str | None, str]] = []
        for person in self.people:
            role, affiliation = self._titles(person)
            if role:
                self.roles.append((person.start, role_noun(role.split()[-1]), affiliation, self._full_name(person)))
        self.genders = self._learn_genders()
        self.person_names = {person.text for person in self.people} | {self._full_name(p) for p in self.people}
        self._lower_words: set[str] | None = None  # built on first use by _looks_like_name
        self._mid_sentence: set[str] = set()

    def _learn_genders(self) -> dict[str, str]:
        """Surname -> 'm'/'f' from titles (Mr., Ms.) and from the pronoun that follows a lone person.

        A sentence naming one person, followed by a sentence whose first personal
        pronoun is `she`/`her`, votes female for that surname (and `he`/`his` male);
        a title before the name counts three votes. Sentences with quote marks do not vote.
        """
        votes: dict[str, Counter] = {}
        for person in self.people:
            previous = self.doc[person.start - 1].lower_ if person.start else ""
            gender = "m" if previous in _MALE_TITLES else "f" if previous in _FEMALE_TITLES else None
            if gender:
                votes.setdefault(person[-1].text, Counter())[gender] += 3
        sentences = list(self.doc.sents)
        # The people of each sentence, by one sweep (Span.ents scans every entity of the document).
        in_sentence: list[set[str]] = []
        people, index = self.people, 0
        for sentence in sentences:
            while index < len(people) and people[index].start < sentence.start:
                index += 1
            names, scan = set(), index
            while scan < len(people) and people[scan].start < sentence.end:
                if people[scan].end <= sentence.end:
                    names.add(people[scan][-1].text)
                scan += 1
            in_sentence.append(names)
        for n, (sentence, following) in enumerate(zip(sentences, sentences[1:])):
            surnames = set(in_sentence[n])
            if len(surnames) != 1 or _has_quote_mark(sentence) or _has_quote_mark(following):
                continue  # in a run of quotes the next pronoun is as likely the other speaker
            pronoun = next((t.lower_ for t in following if t.lower_ in _GENDERED_PRONOUNS), None)
            if pronoun is not None:
                votes.setdefault(surnames.pop(), Counter())[_GENDERED_PRONOUNS[pronoun]] += 1
        return {surname: counter.most_common(1)[0][0] for surname, counter in votes.items()
                if len(counter) == 1 or counter.most_common(2)[0][1] > counter.most_common(2)[1][1]}

    def _titles(self, person: Span) -> tuple[str | None, str | None]:
        """(role, affiliation) written around a person entity: titles before it, an apposition after it."""
        doc = self.doc
        role_tokens: list[Token] = []
        affiliation = None
        index = person.start - 1
        while index >= 0 and doc[index].dep_ in ("compound", "amod", "poss", "case") \
                and doc[index].head.i >= person.start - 1 and doc[index].head.i < person.end:
            role_tokens.insert(0, doc[index])
            index -= 1
        # Titles like "Foreign Minister" are often their own compound chain ahead of the name.
        while index >= 0 and doc[index].head.i in {t.i for t in role_tokens} and doc[index].dep_ in ("compound", "amod", "poss", "case"):
            role_tokens.insert(0, doc[index])
            index -= 1
        for token in role_tokens:
            if token.ent_type_ in _AFFILIATION_LABELS:
                affiliation = affiliation or entity_covering(doc, token).text
        role_words = [t.text for t in role_tokens if t.ent_type_ not in _AFFILIATION_LABELS and t.dep_ != "case"
                      and not t.is_space]
        role = " ".join(role_words) or None
        head = person.root
        for child in head.rights:
            if child.dep_ == "appos" and child.ent_type_ not in ("PERSON",):
                words = [t for t in _within_paragraph(child.subtree) if t.dep_ not in ("det", "punct")
                         and not t.is_punct]
                appos_affiliation = [t for t in words if t.ent_type_ in _AFFILIATION_LABELS]
                if appos_affiliation and affiliation is None:
                    affiliation = entity_covering(doc, appos_affiliation[0]).text
                role = role or " ".join(t.text for t in words if t.ent_type_ not in _AFFILIATION_LABELS
                                        and t.dep_ not in ("case", "prep", "poss")) or None
                break
        return role, affiliation

    def describe(self, mention: Span) -> Speaker:
        """The speaker of a mention: as written plus name, role and affiliation where the text allows."""
        name, role, affiliation = self._resolve(mention)
        return Speaker(start=mention.start_char, end=mention.end_char, text=mention.text,
                       name=name, role=role, affiliation=affiliation)

    def _resolve(self, mention: Span) -> tuple[str | None, str | None, str | None]:
        """(name, role, affiliation) of a speaker mention; None for what the text does not say."""
        head = mention.root
        lower = head.lower_
        if lower in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head is not head.head:
            # "Jane Doe, who said ...": the mention stays "who", the name is the relative clause's noun.
            return self._resolve(speaker_mention(head.head.head))
        entity = entity_covering(self.doc, head)
        surname_of = self._person_with_surname(head, entity)
        if surname_of is not None:
            # "Sanders" tagged as an organisation, or as a common noun: the person introduced as "Bernie Sanders".
            return (surname_of, *self._known_titles(surname_of))
        if entity is not None and entity.label_ in _NAMED:
            if entity.label_ != "PERSON":
                return entity.text, None, None
            name = self._full_name(entity)
            role, affiliation = self._titles(entity)
            earlier = self._known(name) if role is None else None
            if earlier is not None:
                role, affiliation = earlier.role, earlier.affiliation
            return name, role, affiliation
        if head.pos_ == "PROPN" and self._full_name_of(head.text) is not None:
            name = self._full_name_of(head.text)
            return (name, *self._known_titles(name))
        if head.pos_ == "PRON" and lower in _GROUP_PRONOUNS:
            return self._group_antecedent(head, plural=lower not in ("it", "its")), None, None
        if head.pos_ == "PRON" and lower in _PERSONAL:
            return self._antecedent(head, _PERSONAL[lower])
        if head.pos_ in ("NOUN", "PROPN", "NUM") and self._apposed_person(head) is not None:
            # "A top strategist, John Weaver, said": the apposition names the role noun.
            return self._full_name(self._apposed_person(head)), _mention_role(mention), None
        if head.pos_ == "NOUN" and lower in _GROUP_NOUNS and self._owner(mention) is not None:
            # "the Clinton campaign", "Trump's team": the organisation is named by its owner.
            return f"{self._owner(mention)} {head.text}", None, None
        if head.pos_ not in ("NOUN", "PROPN"):
            return None, None, None
        affiliated = [t for t in mention if t.ent_type_ in _AFFILIATION_LABELS and t.i != head.i]
        role = _mention_role(mention)
        affiliation = entity_covering(self.doc, affiliated[0]).text if affiliated else None
        definite = any(t.lower_ in ("the", "this") or t.dep_ == "poss" for t in mention)
        name = self._introduced_with_role(head, affiliation) if definite else None
        if name is None and self._looks_like_name(head):
            name = self._proper_phrase(head)  # a name spaCy did not tag: "Kasich", "NY Post"
        elif name is None and lower in SOURCE_NOUNS:
            name = self._issuer(mention)
        return name, role, affiliation

    def _person_with_surname(self, head: Token, entity: Span | None) -> str | None:
        """The full name of the person whose surname a lone capitalised head is, when the tagger did not
        make it a person (a common noun, or a one-word organisation or place): the latest such person
        introduced before it, else the first after it."""
        if entity is not None and (entity.label_ == "PERSON" or len(entity) > 1):
            return None
        if not is_capitalised(head) or head.pos_ not in ("PROPN", "NOUN") or any(
                child.dep_ in ("compound", "amod") and is_capitalised(child) for child in head.lefts):
            return None
        found = None
        for person in self.people:
            if len(person) > 1 and person[-1].text == head.text:
                if person.start > head.i and found is not None:
                    break
                found = person.text
        return found

    def _looks_like_name(self, head: Token) -> bool:
        """A capitalised word the article never writes in lower case, and writes capitalised somewhere other
        than at a sentence start (`Milbank`, `HuffPo`; not `Authorities` or `Projections` opening a sentence)."""
        if not (is_capitalised(head) or head.is_upper and len(head) > 1) or head.pos_ not in ("PROPN", "NOUN"):
            return False
        if self._lower_words is None:
            self._lower_words = {token.lower_ for token in self.doc if token.is_lower}
            self._mid_sentence = {token.text for token in self.doc
                                  if not token.is_sent_start and token.i and not self.doc[token.i - 1].is_punct
                                  and (is_capitalised(token) or token.is_upper)}
        return head.lower_ not in self._lower_words and (head.pos_ == "PROPN" or head.text in self._mid_sentence)

    def _introduced_with_role(self, head: Token, affiliation: str | None) -> str | None:
        """The person last introduced before `head` with its role (`the senator` -> `Sen. Jane Doe`).

        When the mention names an affiliation (`the Florida senator`), only a person
        introduced with that affiliation counts.
        """
        noun = role_noun(head.text)
        found = None
        for position, role, role_affiliation, name in self.roles:
            if position >= head.i:
                break
            if role == noun and (affiliation is None or role_affiliation == affiliation):
                found = name
        return found

    def name_in_body(self, text: str) -> str | None:
        """The full name the article body gives a name written elsewhere (a headline's `Kasich`); a
        headline label running on into capitalised words (`Donald Trump Finally`) is read without them."""
        words = text.split()
        found = self._name_in_body(text)
        for length in range(len(words) - 1, 0, -1):
            if found is not None:
                break
            found = self._name_in_body(" ".join(words[:length]), people_only=True)
        return found

    def person_with_role(self, label: str) -> tuple[str, str] | None:
        """(name, role) of the one person the body introduces with the role a label names (a headline's
        `Minister:` for `Foreign Minister Jane Doe`); None when nobody or several people hold it."""
        words = label.split()
        if not words:
            return None
        noun = role_noun(words[-1])
        holders = {name for _, held, _, name in self.roles if held == noun}
        if len(holders) != 1:
            return None
        name = holders.pop()
        return name, self._role_of(name) or label

    def _role_of(self, name: str) -> str | None:
        """The role written around the first mention of the person called `name` that has one."""
        for person in self.people:
            if self._full_name(person) == name:
                role, _ = self._titles(person)
                if role:
                    return role
        return None

    def _name_in_body(self, text: str, people_only: bool = False) -> str | None:
        words = text.split()
        if not words:
            return None
        for person in self.people:
            if person[-1].text == words[-1]:
                return self._full_name_of(words[-1]) or person.text
        if people_only:
            return None
        for entity in self.doc.ents:
            if entity.text == text and entity.label_ in _NAMED:
                return entity.text
        return None

    def _proper_phrase(self, head: Token) -> str | None:
        """The run of proper nouns ending at `head` (`NY Daily News`), unless it is a date, time or number."""
        entity = entity_covering(self.doc, head)
        if entity is not None and entity.label_ not in _NAMED and entity.label_ not in _NAME_LIKE_LABELS:
            return None
        start = head.i
        while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].head.i <= head.i \
                and "\n" not in self.doc[start - 1].text_with_ws:
            start -= 1
        return self.doc[start:head.i + 1].text

    def _issuer(self, mention: Span, depth: int = 0) -> str | None:
        """Who stands behind a poll, report, letter or ad: an organisation or person the mention names
        as its owner or author (`the Gallup poll`, `a memo by the agency`; not `a letter to X`), else the
        `by` agent of the participle describing it (`an email sent out by X`), else the subject of the
        verb that issued it (`X released a statement`, `X is running a TV spot`)."""
        head = mention.root
        for token in mention:
            if token.i != head.i and token.ent_type_ in ("ORG", "PERSON") and token.ent_iob_ == "B" \
                    and not self._addressed(token, head):
                return self._entity_name(entity_covering(self.doc, token))
        for child in head.rights:
            if child.dep_ != "acl":
                continue
            for by in child.children:
                if by.dep_ in ("agent", "prep") and by.lower_ == "by":
                    agent = next((t for t in by.children if t.dep_ == "pobj"), None)
                    if agent is not None and depth < 2:
                        return self._resolve_name(speaker_mention(agent), depth + 1)
        verb = head.head
        if head.dep_ == "pobj" and verb.lower_ in ("in", "with", "through", "via"):
            verb = verb.head  # "said in a statement", "with cable spots": the verb governing the preposition
        elif head.dep_ != "dobj":
            return None
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is None or verb.pos_ not in ("VERB", "AUX") or depth >= 2:
            return None
        return self._resolve_name(speaker_mention(subject), depth + 1)

    def _addressed(self, token: Token, head: Token) -> bool:
        """Whether `token` is reached from `head` through a preposition naming an addressee or topic
        (`a letter to X`, `a report on X`, `an ad against X`) rather than an author."""
        while token.i != head.i and token.head.i != token.i:
            if token.dep_ == "prep" and token.lower_ not in ("by", "from", "of"):
                return True
            token = token.head
        return False

    def _entity_name(self, entity: Span) -> str:
        return self._full_name(entity) if entity.label_ == "PERSON" else entity.text

    def _resolve_name(self, mention: Span, depth: int) -> str | None:
        """The name a mention resolves to (nested issuers limited to `depth`)."""
        head = mention.root
        if head.lower_ in SOURCE_NOUNS:
            return self._issuer(mention, depth)
        if head.pos_ == "PRON" and head.lower_ in _RELATIVE_PRONOUNS:
            return None
        return self._resolve(mention)[0]

    def _group_antecedent(self, pronoun: Token, plural: bool) -> str | None:
        """`its`/`their` speaking for an organisation: the previous speaker when it is one, else the
        latest organisation (or, for `they`, group such as `Democrats`) named in this or the previous sentence."""
        labels = {"ORG", "NORP"} if plural else {"ORG"}
        if self.last_speakers and self.last_speakers[-1].name in self.group_names(labels):
            return self.last_speakers[-1].name
        sentence = sentence_of(pronoun)
        window_start = sentence.start
        if sentence.start > 0:
            window_start = sentence_of(self.doc[sentence.start - 1]).start
        found = None
        for entity in self.doc.ents:
            if entity.start >= pronoun.i:
                break
            if entity.start >= window_start and entity.label_ in labels:
                found = entity.text
        return found

    def group_names(self, labels: set[str]) -> set[str]:
        return {entity.text for entity in self.doc.ents if entity.label_ in labels}

    def _apposed_person(self, head: Token) -> Span | None:
        """The person an apposition names for a role phrase (`A top strategist, John Weaver`), also when
        the parser hung it on the phrase's prepositional object (`One of his advisers, Jane Doe`, `The
        author of the book, Jane Doe`); an organisation only when apposed to the head itself (`The
        newspaper Haaretz`)."""
        for token in head.subtree:
            if token.dep_ != "appos" or token.i <= head.i:
                continue
            node = token.head
            while node.i != head.i and node.dep_ in ("prep", "pobj"):
                node = node.head
            if node.i != head.i:
                continue
            entity = entity_covering(self.doc, token)
            if entity is not None and (entity.label_ == "PERSON" or entity.label_ == "ORG" and token.head.i == head.i):
                return entity
        return None

    def _owner(self, mention: Span) -> str | None:
        """The person or organisation a group noun belongs to (`the Clinton campaign`, `Trump's team`)."""
        for token in mention:
            if token.i != mention.root.i and token.ent_type_ in ("PERSON", "ORG"):
                entity = entity_covering(self.doc, token)
                return self._full_name(entity) if entity.label_ == "PERSON" else entity.text
        return None

    def remember(self, speaker: Speaker) -> None:
        """Keep a named speaker: a later pronoun may refer back to them, a later mention take their role."""
        if speaker.name:
            self.last_speakers.append(speaker)

    def _known(self, name: str) -> Speaker | None:
        """The latest speaker of that name who was given a role."""
        for speaker in reversed(self.last_speakers):
            if speaker.name == name and speaker.role:
                return speaker
        return None

    def _known_titles(self, name: str) -> tuple[str | None, str | None]:
        """(role, affiliation) the latest speaker of that name with a role had; (None, None) for none."""
        earlier = self._known(name)
        return (earlier.role, earlier.affiliation) if earlier is not None else (None, None)

    def _full_name(self, entity: Span) -> str:
        """A surname alone becomes the longest earlier person entity ending with it."""
        if len(entity) > 1:
            return entity.text
        surname = entity.text
        for person in self.people:
            if person.start >= entity.start:
                break
            if len(person) > 1 and person[-1].text == surname:
                return person.text
        return surname

    def _full_name_of(self, surname: str) -> str | None:
        """The person introduced earlier whose name ends with `surname` (spaCy missed it as an entity)."""
        for person in self.people:
            if len(person) > 1 and person[-1].text == surname:
                return person.text
        return None

    def _previous_subject(self, pronoun: Token, gender: str | None) -> str | None:
        """The person who is the main-clause subject of the sentence before the pronoun's, outside any
        quotation in it, when the gender agrees: `Doe toured the port. Later he said ...` -> Doe,
        `"...," Doe said. He added ...` -> Doe."""
        sentence = sentence_of(pronoun)
        if sentence.start == 0:
            return None
        previous = sentence_of(self.doc[sentence.start - 1])
        if _has_quote_mark(sentence[:pronoun.i - sentence.start]) and (
                _has_quote_mark(previous) or not self._opens_with_quotation(sentence, pronoun)):
            # In a run of quotations the pronoun is the previous speaker's; a quotation that follows
            # a sentence of narration about its subject (`Doe visited X. "...," he said.`) is not a run.
            return None
        subject = next((child for child in previous.root.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or _inside_quotation(previous, subject):
            return None
        entity = entity_covering(self.doc, subject)
        if entity is not None and entity.label_ == "PERSON":
            name = self._full_name(entity)
        else:
            name = self._person_with_surname(subject, entity)
        if name is None:
            return None
        guessed = self._gender(name)
        return name if guessed is None or guessed == gender else None

    def _governing_subject(self, pronoun: Token, gender: str | None) -> str | None:
        """The person who is the subject of a clause the pronoun's clause hangs under, written before it
        and outside quotation marks: `Doe told reporters he would ...`, `Doe listed countries he said ...`."""
        sentence = sentence_of(pronoun)
        for ancestor in pronoun.ancestors:
            subject = next((child for child in ancestor.children if child.dep_ == "nsubj"
                            and child.i < pronoun.i and child.i not in (t.i for t in pronoun.ancestors)
                            and not (child.left_edge.i <= pronoun.i <= child.right_edge.i)), None)
            if subject is None or subject.pos_ == "PRON" or _inside_quotation(sentence, subject):
                continue
            entity = entity_covering(self.doc, subject)
            if entity is not None and entity.label_ == "PERSON":
                name = self._full_name(entity)
            else:
                name = self._person_with_surname(subject, entity)
            if name is not None:
                guessed = self._gender(name)
                return name if guessed is None or guessed == gender else None
            return None  # the nearest governing subject is someone else (`the reporter`): no guess here
        return self._earlier_subject_in_sentence(pronoun, sentence, gender)

    def _earlier_subject_in_sentence(self, pronoun: Token, sentence: Span, gender: str | None) -> str | None:
        """`Doe scolded him: "...," she said`: the nearest person, outside quotation marks, who is the subject
        of a clause written before the pronoun inside the pronoun's own clause (the parser hangs the
        introducing clause under `said`), when the gender agrees."""
        for token in reversed(sentence[:pronoun.i - sentence.start]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON" or _quoted_in_paragraph(token):
                continue
            if not pronoun.head.is_ancestor(token):
                continue
            entity = entity_covering(self.doc, token)
            if entity is not None and entity.label_ == "PERSON":
                name = self._full_name(entity)
            else:
                name = self._person_with_surname(token, entity)
            if name is None:
                continue
            guessed = self._gender(name)
            return name if guessed is None or guessed == gender else None
        return None

    @staticmethod
    def _opens_with_quotation(sentence: Span, pronoun: Token) -> bool:
        """`"...," he said`: the words before the pronoun are one quotation opening the sentence."""
        before = doc_text(sentence.doc)[sentence.start_char:pronoun.idx].strip()
        return len(before) > 2 and before[0] in _OPENING_MARKS and before.rstrip(",.!?—- ")[-1:] in _CLOSING_MARKS \
            and sum(before.count(mark) for mark in _DOUBLE_MARKS) == 2

    def _gender(self, name: str) -> str | None:
        return self.genders.get(name.split()[-1]) if name.split() else None

    def _antecedent(self, pronoun: Token, gender: str | None) -> tuple[str | None, str | None, str | None]:
        if gender == "p" or (gender is None and pronoun.lower_ != "i"):
            return None, None, None
        if pronoun.lower_ == "i" and not self.last_speakers:
            return None, None, None
        subject = None
        if pronoun.lower_ != "i":
            subject = self._governing_subject(pronoun, gender) or self._previous_subject(pronoun, gender)
        if subject is not None:
            return (subject, *self._known_titles(subject))
        for record in reversed(self.last_speakers[-3:]):
            guessed = self._gender(record.name)
            if gender is not None and record.name not in self.person_names:
                continue  # `he`/`she` is a person, never an organisation that spoke before
            if guessed is None or gender is None or guessed == gender:
                return record.name, record.role, record.affiliation
        for person in reversed(self.people):
            if person.end <= pronoun.i:
                name = self._full_name(person)
                guessed = self._gender(name)
                if guessed is None or guessed == gender:
                    return (name, *self._titles(person))
        return None, None, None
