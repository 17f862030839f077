"""Quotation extraction and speaker attribution on hand-written sentences, one per form."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.quotes_marks import pair_quote_marks
from newsgraph.records import Quote, Span, Speaker, from_dict, to_dict


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quotes_of(nlp, text: str, headline: str | None = None) -> tuple[Quote, ...]:
    return find_quotes(nlp(text), headline=headline)


def contents(text: str) -> list[str]:
    return [text[span.start:span.end] for span in pair_quote_marks(text)]


# ---------------------------------------------------------------- quote-mark pairing (no parse)

def test_mixed_straight_and_curly_marks_pair():
    assert contents('He said "we are ready\u201d and left.') == ["we are ready"]


def test_two_apostrophe_and_backtick_marks_are_double_quotes():
    # Some wires (and the Penn Treebank) write double marks as two characters.
    text = "''We will rebuild the bridge,'' she said. He called it ``a fine plan.''"
    assert contents(text) == ["We will rebuild the bridge,", "a fine plan."]


def test_nested_quote_stays_one_quotation():
    text = '"When you mention "red lines," you tie your own hands," she said.'
    assert contents(text) == ['When you mention "red lines," you tie your own hands,']


def test_unbalanced_mark_does_not_shift_later_pairs():
    text = ('"We will not wait, he said.\n\n'
            'Later the mayor added: "Ferries are coming back." Then "the port is open," she said.')
    found = contents(text)
    assert "Ferries are coming back." in found
    assert "the port is open," in found
    assert found[0].startswith("We will not wait")


def test_multi_paragraph_quotation_is_one_span():
    text = ('"The first part runs on.\n\n'
            '"And the second part ends here," the director said.')
    found = contents(text)
    assert len(found) == 1
    assert found[0].startswith("The first part") and found[0].endswith("ends here,")


# ---------------------------------------------------------------- direct quotations with speakers

def test_quote_before_cue_with_named_speaker_and_title(nlp):
    text = '"We have waited long enough for this crossing," said harbour director Ilse Brandt.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "direct"
    assert quote.text.startswith("We have waited long enough")
    assert quote.cue.text == "said"
    assert "Ilse Brandt" in quote.speaker.text
    assert quote.speaker.name == "Ilse Brandt"


def test_split_quote_around_cue_has_one_speaker(nlp):
    text = '"We did not ask for troops," she said, "we are asking for ammunition now."'
    found = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(found) == 2
    assert all(q.speaker and q.speaker.text == "she" for q in found)


def test_two_apostrophe_marks_give_a_direct_quote_with_speaker(nlp):
    text = "''The ferry will run again in May,'' the harbour director, Ilse Brandt, said on Tuesday."
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "direct"
    assert quote.text == "The ferry will run again in May"
    assert quote.speaker.name == "Ilse Brandt"


def test_split_quote_whose_second_half_lost_its_opening_mark(nlp):
    text = '"Only you," she said, would turn a ferry timetable into a love letter to the harbour.'
    found = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [q.text for q in found] == ["Only you", "would turn a ferry timetable into a love letter to the harbour."]
    assert all(q.speaker.text == "she" for q in found)


def test_narrator_clause_after_the_cue_is_not_quoted(nlp):
    for text in ('"We are ready," she said on Monday, before the ferry left the harbour.',
                 '"We are ready," she said, and the ferry left the harbour.'):
        assert [q.text for q in quotes_of(nlp, text) if q.kind == "direct"] == ["We are ready"]


def test_second_sentence_quote_continues_the_speaker(nlp):
    text = ('Jane Doe chairs the port board.\n\n'
            '"Ferries are back," Doe said. "Families on both sides asked for it every winter."')
    found = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(found) == 2
    assert found[1].text.startswith("Families on both sides")
    assert found[1].speaker.name == "Jane Doe"  # the surname resolved to the full name


def test_colon_introduction(nlp):
    text = 'The minister said: "We need ammunition, not troops, and we need it this month."'
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quote.text.startswith("We need ammunition")
    assert quote.speaker.text == "The minister"
    assert quote.cue.text == "said"


def test_colon_closing_the_previous_paragraph_introduces_the_quotation(nlp):
    text = ('In a statement on Monday, the harbour board said about the new timetable:\n\n'
            '"The ferry will run every hour from May. Families on both islands asked for this for years."')
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quote.text.startswith("The ferry will run every hour")
    assert quote.cue.text == "said"
    assert quote.speaker.text == "the harbour board"


def test_pronoun_resolves_to_the_previous_speaker(nlp):
    text = ('Foreign Minister Jane Doe spoke in Vilnius.\n\n'
            '"The alliance cannot afford to wait any longer," Doe said.\n\n'
            '"We are asking for ammunition now," she added.')
    last = quotes_of(nlp, text)[-1]
    assert last.speaker.text == "she"
    assert last.speaker.name == "Jane Doe"


# ---------------------------------------------------------------- partial, mixed and indirect

def test_partial_quote_in_reported_speech(nlp):
    text = 'The president reiterated the need to "make Europe the master of its destiny" on Tuesday.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind in ("partial", "mixed")
    assert "make Europe the master of its destiny" in quote.text
    assert quote.speaker.text == "The president"


def test_reported_clause_ending_in_a_quotation_is_mixed(nlp):
    text = 'The mayor said that the new ferry line would "change everything for the harbour".'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "mixed"
    assert quote.text.startswith("that the new ferry line")
    assert quote.speaker.text == "The mayor"


def test_indirect_speech_with_that_clause(nlp):
    text = 'Foreign Minister Jane Doe stressed that the alliance cannot afford to wait.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text == "that the alliance cannot afford to wait"
    assert quote.cue.text == "stressed"
    assert quote.speaker.name == "Jane Doe"
    assert quote.speaker.role == "Foreign Minister"


def test_sentence_final_attribution_without_marks(nlp):
    text = 'The ferry line will reopen in the spring, officials said.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text == "The ferry line will reopen in the spring"
    assert quote.speaker.text == "officials"
    assert quote.speaker.name is None  # nobody to name: no invented name


def test_according_to(nlp):
    text = 'According to the port authority, the docking fees will double next year.'
    (quote,) = quotes_of(nlp, text)
    assert quote.cue.text == "According to"
    assert quote.speaker.text == "the port authority"
    assert quote.text == "the docking fees will double next year"


def test_less_common_speech_verbs_are_cues(nlp):
    (quote,) = quotes_of(nlp, 'The mayor assured residents that the pier would reopen in May.')
    assert quote.cue.text == "assured"
    assert quote.text == "that the pier would reopen in May"


def test_relative_clause_on_the_object_is_not_reported_speech(nlp):
    found = quotes_of(nlp, 'The mayor told the residents that live near the pier about the plan.')
    assert not any(q.text.startswith("that live") for q in found)


# ---------------------------------------------------------------- what is not a quotation

def test_scare_quotes_are_not_quotations(nlp):
    text = 'The so-called "peace dividend" never reached the harbour towns.'
    assert quotes_of(nlp, text) == ()


def test_record_contract_fields(nlp):
    text = '"Ferries are back for good this time," the director said.'
    (quote,) = quotes_of(nlp, text)
    assert isinstance(quote, Quote) and isinstance(quote.cue, Span) and isinstance(quote.speaker, Speaker)
    # the record's own fields only: nothing of the extractor's working state leaks into the output
    assert set(to_dict(quote)) == {"start", "end", "text", "field", "kind", "cue", "speaker", "date"}
    assert set(to_dict(quote.speaker)) == {"start", "end", "text", "name", "role", "affiliation"}
    assert from_dict(Quote, to_dict(quote)) == quote
    assert text[quote.start:quote.end] == quote.text
    assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
    assert text[quote.cue.start:quote.cue.end] == quote.cue.text == "said"
    assert quote.field == "text" and quote.date is None


def test_quoted_programme_title_is_not_a_partial_quotation(nlp):
    text = 'The mayor said on "Harbour Morning Live" that the pier would reopen in May.'
    found = quotes_of(nlp, text)
    assert not any(q.kind == "partial" for q in found)


def test_skipped_quoted_term_leaves_the_cue_its_reported_clause(nlp):
    text = 'Speaking on "Harbour Morning Live" on Tuesday, the mayor said the pier would reopen in May.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text == "the pier would reopen in May"
    assert quote.speaker.text == "the mayor"


def test_quotation_running_past_its_reported_clause_joins_it(nlp):
    text = 'The mayor described the pier as "a ruin. Nobody has repaired it in twenty years and nobody will" before leaving.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "mixed"
    assert quote.text.startswith("the pier as") and quote.text.endswith("nobody will")


def test_quotation_goes_to_the_cue_whose_clause_holds_it(nlp):
    text = 'She praised the harbour crews for what she called "months of work in terrible weather" on Monday.'
    holders = [q.cue.text for q in quotes_of(nlp, text) if q.text.startswith('"months of work')]
    assert holders == ["called"]


# ---------------------------------------------------------------- headlines

def test_speaker_colon_headline(nlp):
    headline = "Minister: we need ammunition, not troops"
    found = [q for q in quotes_of(nlp, "The ferry runs again.", headline=headline) if q.field == "headline"]
    assert len(found) == 1
    assert found[0].kind == "headline"
    assert found[0].text == "we need ammunition, not troops"
    assert found[0].speaker.text == "Minister"
    assert found[0].speaker.name is None  # a role names nobody


def test_speaker_colon_headline_names_an_outlet_the_body_does_not(nlp):
    found = [q for q in quotes_of(nlp, "The ferry runs again.", headline="Harbour Gazette: the ferry is late again")
             if q.field == "headline"]
    assert found[0].speaker.name == "Harbour Gazette"


def test_label_headline_is_not_a_speaker(nlp):
    found = quotes_of(nlp, "The ferry runs again.", headline="Analysis: the harbour after the deal")
    assert [q for q in found if q.field == "headline"] == []


def test_speaker_says_headline(nlp):
    body = 'Harbour master Tom Berg spoke to reporters on Monday.'
    found = [q for q in quotes_of(nlp, body, headline="Berg Says Pier Will Reopen By May.") if q.field == "headline"]
    assert len(found) == 1
    assert found[0].text == "Pier Will Reopen By May"
    assert found[0].cue.text == "Says"
    assert found[0].speaker.text == "Berg" and found[0].speaker.name == "Tom Berg"


def test_headline_label_then_speaker_verb(nlp):
    found = quotes_of(nlp, "The ferry runs.", headline="The Latest: Mayor Doe tells voters the pier is safe")
    (quote,) = [q for q in found if q.field == "headline"]
    assert quote.speaker.text == "Mayor Doe"
    assert quote.text == "voters the pier is safe"


def test_question_headline_is_not_an_attribution(nlp):
    found = quotes_of(nlp, "The ferry runs.", headline="What Berg Says About The Pier")
    assert [q for q in found if q.field == "headline"] == []


# ---------------------------------------------------------------- broad attributions (stances, requests)

def test_two_reported_clauses_with_two_cues_are_two_contents(nlp):
    text = 'The mayor said that the ferry would run daily but did not suggest it would be free.'
    found = {q.cue.text: q.text for q in quotes_of(nlp, text)}
    assert found["said"] == "that the ferry would run daily"
    assert found["suggest"] == "it would be free"


def test_stance_verbs_report_their_object(nlp):
    text = 'Most harbour workers support the new ferry contract.'
    (quote,) = quotes_of(nlp, text)
    assert quote.cue.text == "support"
    assert quote.text == "the new ferry contract"
    assert quote.speaker.text == "Most harbour workers"


def test_speaking_somewhere_is_not_an_attribution(nlp):
    assert quotes_of(nlp, 'The mayor spoke at the harbour festival on Sunday.') == ()
    (quote,) = quotes_of(nlp, 'The mayor voted for the ferry contract.')
    assert quote.text == "the ferry contract"


def test_stance_verb_target_may_be_a_single_name(nlp):
    (quote,) = quotes_of(nlp, 'Most harbour workers endorsed Doe.')
    assert quote.cue.text == "endorsed"
    assert quote.text == "Doe"


def test_reported_clause_keeps_a_second_that_clause(nlp):
    text = 'The mayor said that the pier would reopen but that she would not support higher fares.'
    (quote,) = [q for q in quotes_of(nlp, text) if q.cue.text == "said"]
    assert quote.text.endswith("would not support higher fares")


def test_poll_shows_its_object(nlp):
    text = 'A new harbour poll shows the mayor leading her rival by ten points.'
    (quote,) = quotes_of(nlp, text)
    assert quote.cue.text == "shows"
    assert quote.text.startswith("the mayor leading")
    assert quote.speaker.text == "A new harbour poll"


def test_seeing_someone_as_something_is_a_view_but_seeing_is_not(nlp):
    (quote,) = quotes_of(nlp, 'Many voters see the mayor as a reformer.')
    assert quote.cue.text == "see"
    assert quote.text == "the mayor as a reformer"
    assert quotes_of(nlp, 'Many voters saw the new ferry on Sunday.') == ()


# ---------------------------------------------------------------- single marks, apostrophes, missing marks

def test_single_quote_marks_pair_and_apostrophes_do_not():
    assert contents("She said \u2018we won\u2019t go back\u2019 and left.") == ["we won\u2019t go back"]
    assert contents("It's the dogs' bowls from the '90s, he said.") == []
    text = "The 'peace plan' failed, 'it was never going to work,' she said."
    assert contents(text) == ["peace plan", "it was never going to work,"]


def test_single_marks_inside_double_quotes_stay_nested():
    text = '"They keep saying \'trust us\' and nothing changes," the mayor said.'
    assert contents(text) == ["They keep saying 'trust us' and nothing changes,"]


def test_closing_mark_without_opening_runs_from_paragraph_start():
    text = 'Intro line.\n\nWe will rebuild the pier before winter,\u201d the mayor said.'
    assert contents(text) == ["We will rebuild the pier before winter,"]


# ---------------------------------------------------------------- quotations inside quotations

def _direct(nlp, text):
    return [q for q in quotes_of(nlp, text) if q.kind == "direct"]


@pytest.mark.parametrize("outer_open, outer_close, inner_open, inner_close", [
    ('"', '"', '"', '"'),                        # straight inside straight
    ("\u201c", "\u201d", '"', '"'),              # straight inside curly
    ('"', '"', "\u201c", "\u201d"),              # curly inside straight
    ('"', '"', "'", "'"),                        # single inside double
    ("\u201c", "\u201d", "\u2018", "\u2019"),      # curly single inside curly double
])
def test_long_statement_keeps_a_nested_quotation_whole(nlp, outer_open, outer_close, inner_open, inner_close):
    text = (f"{outer_open}The harbour board keeps repeating the words {inner_open}temporary closure.{inner_close} "
            f"That phrase has lasted six winters. And we, the ferry crews, will not accept it,{outer_close} "
            "the union leader Pia Holm stressed.")
    (quote,) = _direct(nlp, text)
    assert quote.text.startswith("The harbour board keeps repeating")
    assert quote.text.endswith("will not accept it")
    assert quote.speaker.name == "Pia Holm"


def test_several_nested_quotations_in_one_statement(nlp):
    text = ('"They promise "a new pier" and "more boats." Nobody here believes a word of it," '
            'the mayor, Tomas Berg, said.')
    (quote,) = _direct(nlp, text)
    assert quote.text.startswith("They promise") and quote.text.endswith("believes a word of it")
    assert quote.speaker.name == "Tomas Berg"


def test_statement_over_two_paragraphs_with_a_nested_quotation(nlp):
    text = ('Captain Anna Berg met reporters on the quay.\n\n'
            '"You keep writing "a minor delay." The boats have not sailed for a month.\n\n'
            '"And we, of course, will keep them in port until the engines are fixed," she said.')
    (quote,) = _direct(nlp, text)
    assert quote.text.startswith("You keep writing") and "The boats have not sailed" in quote.text
    assert quote.text.endswith("until the engines are fixed")
    assert quote.speaker.text == "she" and quote.speaker.name == "Anna Berg"


def test_statement_whose_second_paragraph_lost_its_reopening_mark(nlp):
    text = ('Captain Anna Berg met reporters on the quay.\n\n'
            '"You keep writing "a minor delay." The boats have not sailed for a month.\n\n'
            'And we will keep them in port until the engines are fixed," she said.')
    (quote,) = _direct(nlp, text)
    assert quote.text.startswith("You keep writing") and quote.text.endswith("until the engines are fixed")
    assert quote.speaker.name == "Anna Berg"


def test_apostrophes_inside_single_marks_do_not_end_the_quotation():
    text = "'We won't sail. The crews' union isn't ready and the owners' offer is an insult,' she said."
    assert contents(text) == ["We won't sail. The crews' union isn't ready and the owners' offer is an insult,"]


def test_double_marks_inside_single_marks_are_part_of_the_quotation():
    text = "'They call it \"a pause\". It is a closure and we will say so,' the captain said."
    assert contents(text) == ["They call it \"a pause\". It is a closure and we will say so,"]


def test_single_mark_quotation_over_two_paragraphs():
    text = "'The pier is unsafe.\n\n'We asked for repairs twice,' the captain said."
    (span,) = pair_quote_marks(text)
    assert text[span.start:span.end].startswith("The pier is unsafe.")
    assert text[span.start:span.end].endswith("We asked for repairs twice,")


def test_missing_closing_mark_is_still_not_taken_for_nesting():
    # The first quotation lost its closing mark; the next one is a new quotation, not a nested one.
    text = '"We will not wait, he said. Then "the port is open," she said.'
    assert contents(text) == ["We will not wait, he said. Then", "the port is open,"]


@pytest.mark.parametrize("text", [
    '"And we, of course," the minister said, "will not step back."',
    '"I told them twice," he said. "You warned me and I listened."',
    'Minister Eva Lund spoke on Friday. "And you know the words "red line." We stressed them twice," she said.',
])
def test_first_and_second_person_inside_a_quotation_never_speak_it(nlp, text):
    found = quotes_of(nlp, text)
    assert found
    for quote in found:
        assert quote.speaker is not None
        assert quote.speaker.text.lower() not in ("i", "we", "you", "me", "us")


def test_a_parse_running_across_the_mark_does_not_make_the_quoted_we_its_speaker(nlp):
    # Built by hand: the parser hung the quoted "We" on "said" as its subject.
    words = ['"', "We", "cannot", "pay", "anyone", ",", '"', "as", "the", "director", "said", "."]
    doc = Doc(nlp.vocab, words=words,
              spaces=[False, True, True, True, False, False, True, True, True, True, False, False],
              heads=[3, 10, 3, 10, 3, 3, 3, 10, 9, 10, 10, 10],
              deps=["punct", "nsubj", "aux", "ccomp", "dobj", "punct", "punct", "mark", "det", "npadvmod", "ROOT",
                    "punct"],
              pos=["PUNCT", "PRON", "AUX", "VERB", "PRON", "PUNCT", "PUNCT", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
              tags=["``", "PRP", "MD", "VB", "NN", ",", "''", "IN", "DT", "NN", "VBD", "."],
              lemmas=['"', "we", "can", "pay", "anyone", ",", '"', "as", "the", "director", "say", "."],
              sent_starts=[True] + [False] * 11)
    (quote,) = find_quotes(doc)
    assert quote.text == "We cannot pay anyone" and quote.cue.text == "said"
    assert quote.speaker is None or quote.speaker.text != "We"


# ---------------------------------------------------------------- speakers: alternation, relatives, appositions

def _names(nlp, text):
    return [(q.speaker.text, q.speaker.name) for q in quotes_of(nlp, text) if q.speaker]


def test_two_speakers_alternating_pronouns_follow_gender(nlp):
    text = ('Mayor Jane Doe met harbour master Tom Berg on Monday.\n\n'
            '"The pier must be rebuilt this year," Ms. Doe said.\n\n'
            '"There is no money for it in the budget," Mr. Berg said.\n\n'
            '"Then we will find some before the winter," she replied.\n\n'
            '"We will see what the council says," he said.')
    assert _names(nlp, text)[-2:] == [("she", "Jane Doe"), ("he", "Tom Berg")]


def test_gender_learnt_from_the_pronoun_after_a_lone_name(nlp):
    text = ('Jane Doe runs the ferry board. She took the post in March.\n\n'
            'Tom Berg is the harbour master. He has held the job for a decade.\n\n'
            '"The pier must be rebuilt this year," Doe said.\n\n'
            '"There is no money for it in the budget," Berg said.\n\n'
            '"Then we will find some before the winter," she said.')
    assert _names(nlp, text)[-1] == ("she", "Jane Doe")


def test_relative_clause_speaker_is_named_by_its_noun(nlp):
    text = 'The ferry board met on Monday with Jane Doe, who said the pier must be rebuilt this year.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.text == "who"
    assert quote.speaker.name == "Jane Doe"


def test_apposition_names_a_role_mention(nlp):
    text = 'A senior harbour official, Tom Berg, said the pier would reopen in May.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.name == "Tom Berg"
    assert "official" in quote.speaker.role


def test_speech_noun_introduces_its_content(nlp):
    text = 'The ministry repeated its warning that the ferry fees would double next year.'
    found = [q for q in quotes_of(nlp, text) if q.cue.text == "warning"]
    assert len(found) == 1
    assert found[0].text == "that the ferry fees would double next year"
    assert found[0].speaker.text == "its"


# ---------------------------------------------------------------- subjectless cues take the governing clause's speaker

def _speaker_of_cue(nlp, text: str, cue: str) -> str | None:
    found = [q for q in quotes_of(nlp, text) if q.cue and q.cue.text == cue]
    assert found, f"no quote with cue {cue!r} in {[q['cue'] for q in quotes_of(nlp, text)]}"
    return found[0].speaker.text if found[0].speaker else None


def test_participle_cue_takes_the_subject_of_its_clause(nlp):
    text = 'The mayor closed the old pier on Monday, saying that the ferry would dock elsewhere.'
    assert _speaker_of_cue(nlp, text, "saying") == "The mayor"


def test_for_participle_cue_takes_the_object_of_the_governing_verb(nlp):
    text = 'Voters punished the mayor for opposing the new ferry contract.'
    assert _speaker_of_cue(nlp, text, "opposing") == "the mayor"


def test_participle_modifying_a_noun_takes_that_noun(nlp):
    text = 'Harbour workers supporting the ferry contract marched through the town.'
    assert _speaker_of_cue(nlp, text, "supporting") == "Harbour workers"


def test_speech_noun_in_a_statement_takes_the_verb_subject(nlp):
    text = 'The ferry company said in a statement that the fares would double next spring.'
    speakers = {q.speaker.text for q in quotes_of(nlp, text) if q.speaker}
    assert speakers == {"The ferry company"}


def test_dateline_is_not_the_speaker(nlp):
    text = 'HALIFAX \u2014 Harbour master Tom Berg said that the pier would reopen in May.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.name == "Tom Berg"


def test_it_resolves_to_the_organisation_just_named(nlp):
    text = 'The board of Acme Shipping Corp. met on Monday. In a statement, it said that fares would rise in May.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.text == "it"
    assert quote.speaker.name == "Acme Shipping Corp."


def test_they_resolves_to_the_group_just_named(nlp):
    text = 'Republicans in the county met on Monday. They said that the pier must be rebuilt.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.name == "Republicans"


def test_they_with_no_group_nearby_stays_unnamed(nlp):
    text = 'Tom Berg met the harbour workers on Monday. They said that the pier must be rebuilt.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.text == "They" and quote.speaker.name is None


def test_name_right_before_a_subjectless_verb_is_its_speaker(nlp):
    # The parse as the parser sometimes gives it for a dateline: the name hung on the dateline
    # as an apposition, the verb without a subject. Built by hand so the rule is what is tested.
    from spacy.tokens import Doc

    from newsgraph.nlp.quotes_cues import speaker_of

    words = ["HALIFAX", "\u2014", "Tom", "Berg", "said", "the", "pier", "would", "reopen", "."]
    doc = Doc(nlp.vocab, words=words, heads=[4, 0, 3, 0, 4, 6, 8, 8, 4, 4],
              deps=["dep", "punct", "compound", "appos", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
              tags=["NNP", ":", "NNP", "NNP", "VBD", "DT", "NN", "MD", "VB", "."],
              pos=["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
              ents=["B-GPE", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"])
    speaker = speaker_of(doc[4])
    assert speaker is not None and speaker.text == "Tom Berg"
    assert speaker_of(doc[8]).text == "the pier"  # a verb with its own subject keeps it


# ---------------------------------------------------------------- naming: roles, headlines, polls and reports

def test_role_description_names_the_person_introduced_with_that_title(nlp):
    text = ('Maine Sen. Jane Doe and Ohio Sen. Tom Berg toured the harbour on Monday.\n\n'
            'The Maine senator said that the pier must be rebuilt this year.')
    (quote,) = [q for q in quotes_of(nlp, text) if q.cue and q.cue.text == "said"]
    assert quote.speaker.text == "The Maine senator"
    assert quote.speaker.name == "Jane Doe"  # the affiliation picks between the two senators


def test_credit_line_apposition_stops_at_the_paragraph_end(nlp):
    # A bracketed credit whose apposition is only an organisation, the next item's headline after it:
    # the parser hangs the line break (a whitespace token) and the next paragraph onto the apposition.
    # That once made the role a bare line break and the speaker resolver fail on it.
    from newsgraph.nlp.quotes_speakers import SpeakerResolver

    text = ('The ferry service will resume in May. [Ilse Brandt, BBC]\n\n'
            'TWO FERRIES STAY IN PORT "We will sail again on Friday," Brandt said.')
    doc = nlp(text)
    person = next(ent for ent in doc.ents if ent.text == "Ilse Brandt")
    assert SpeakerResolver(doc)._titles(person) == (None, "BBC")
    (quote,) = find_quotes(doc)
    assert quote.text == "We will sail again on Friday"
    assert quote.speaker.name == "Ilse Brandt"


def test_headline_speaker_takes_the_full_name_from_the_body(nlp):
    body = 'Harbour master Tom Berg spoke on Monday about the ferry contract.'
    (quote,) = [q for q in quotes_of(nlp, body, headline="Berg: the pier will be rebuilt") if q.field == "headline"]
    assert quote.speaker.name == "Tom Berg"


def test_latest_is_a_headline_label_not_a_speaker(nlp):
    found = quotes_of(nlp, "The ferry runs again.", headline="The Latest: ferry service resumes in the harbour")
    assert [q for q in found if q.field == "headline"] == []


def test_poll_speaker_is_named_by_the_organisation_behind_it(nlp):
    text = 'A new survey by the Harbour Institute found that most residents want the ferry back.'
    (quote,) = [q for q in quotes_of(nlp, text) if q.cue.text == "found"]
    assert quote.speaker.name == "the Harbour Institute"


def test_scare_quoted_term_inside_reported_speech_leaves_it_indirect(nlp):
    text = 'The mayor warned that the "harbour cartel" would fight the new ferry contract.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text.startswith("that the")


def test_long_quotation_inside_reported_speech_makes_it_mixed(nlp):
    text = ('The mayor said that the ferry "will run every single day of the year, whatever the weather '
            'and whatever it costs the town" from May onwards.')
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "mixed"


def test_phrase_quoted_inside_reported_speech_away_from_its_edges_keeps_it_indirect(nlp):
    # PolNeAR's "direct" contents have a quote mark at an edge; a quoted phrase within is reported speech
    text = 'The mayor said that the ferry "will run every single day of the year" from May onwards.'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"


def test_short_quotation_right_after_its_cue_is_kept(nlp):
    text = 'As the ferry left, a man on the pier yelled, "Come back!"'
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "direct"
    assert quote.text.startswith("Come back")
    assert quote.speaker.text == "a man on the pier"


def test_short_quoted_term_in_passing_is_still_left_out(nlp):
    text = 'The mayor said the so-called "ferry tax" was never collected.'
    assert all("ferry tax" != q.text for q in quotes_of(nlp, text))


# ---------------------------------------------------------------- PolNeAR dev floors (real data)

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
# Just under the figures measured with `.venv/bin/python eval/polnear_quotes.py --split dev`
# (content .677, direct .787, speaker .907, cue .719, named speaker .822): a regression fails.
# The targets (content .70, direct .85, speaker .90, cue .70, named .90); cue F1 just under its figure;
# named speaker at issue 15's .92 (measured .922, 593 of 643).
DEV_FLOORS = {"overlap_f1": 0.70, "direct_f1": 0.85, "speaker_accuracy": 0.90, "cue_f1": 0.73,
              "named_speaker_accuracy": 0.92}


@pytest.mark.slow
@pytest.mark.skipif(not (POLNEAR_DEV / "attributions").is_dir(),
                    reason="needs ../shared/data/polnear/dev (PolNeAR attribution gold), absent here")
def test_polnear_dev_scores_stay_above_floors():
    spec = importlib.util.spec_from_file_location(
        "polnear_quotes", Path(__file__).resolve().parents[1] / "eval" / "polnear_quotes.py")
    scorer = importlib.util.module_from_spec(spec)
    sys.modules["polnear_quotes"] = scorer  # dataclasses look their module up there
    spec.loader.exec_module(scorer)
    scores = scorer.Scores.of(scorer.evaluate(POLNEAR_DEV))
    below = {name: round(getattr(scores, name), 3) for name, floor in DEV_FLOORS.items()
             if getattr(scores, name) < floor}
    assert not below, f"PolNeAR dev figures under their floors {DEV_FLOORS}: {below}"


# ---------------------------------------------------------------- names the tagger missed

def test_surname_the_tagger_did_not_make_a_person_takes_the_full_name(nlp):
    text = ("Harbour director Ilse Brandt opened the pier on Monday. "
            "Later, Brandt said that the ferry would return in May.")
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.text == "Brandt"
    assert quote.speaker.name == "Ilse Brandt"


def test_untagged_surname_repeated_mid_sentence_resolves(nlp):
    text = ("Columnist Dana Milbank wrote about the harbour. Milbank said the port was in trouble. "
            "Milbank added that the ferry was late.")
    found = quotes_of(nlp, text)
    assert [q.speaker.name for q in found] == ["Dana Milbank", "Dana Milbank"]


def test_capitalised_common_noun_opening_a_sentence_gets_no_invented_name(nlp):
    (quote,) = quotes_of(nlp, "Authorities said the bridge would close for a week.")
    assert quote.speaker.text == "Authorities"
    assert quote.speaker.name is None


def test_pronoun_takes_the_previous_sentence_subject(nlp):
    # the latest person named is Paul Green, but the sentence is about Tom Bright
    text = "Senator Tom Bright toured the port with Governor Paul Green on Monday.\n\nHe said the ferry would return."
    found = quotes_of(nlp, text)
    assert found[-1].speaker.text == "He"
    assert found[-1].speaker.name == "Tom Bright"


def test_colon_introduction_without_a_speech_verb_names_the_speaker(nlp):
    text = ("Harbour analyst Ilse Brandt has followed the port for years. More from Ilse Brandt:\n\n"
            "\u201cThe ferry has carried more passengers this year than in any year before it.\u201d")
    found = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(found) == 1
    assert found[0].speaker.name == "Ilse Brandt"


def test_long_quotation_nobody_is_named_for_is_left_out(nlp):
    text = ("The port reopened on Monday.\n\n"
            "\u201cThe ferry has carried more passengers this year than in any year before it.\u201d")
    assert [q for q in quotes_of(nlp, text) if q.kind == "direct"] == []


@pytest.mark.parametrize("sentence, cue, content_start", [
    ("The mayor lambasted the council's plan to close the ferry.", "lambasted", "the council's plan"),
    ("The harbour union portrayed the new timetable as a threat to jobs.", "portrayed", "the new timetable"),
    ("The port authority disclosed that two ferries had failed inspections.", "disclosed", "that two ferries"),
    ("Residents anticipate that the bridge will close again in winter.", "anticipate", "that the bridge"),
    ("The harbour master hopes to reopen the pier by May.", "hopes", "to reopen the pier"),
    ("The ministry declined to say when the ferry would return.", "declined", "to say when"),
    ("The council will focus on repairing the old pier this year.", "focus", "repairing the old pier"),
])
def test_characterising_disclosing_hoping_and_declining_verbs_are_cues(nlp, sentence, cue, content_start):
    found = [q for q in quotes_of(nlp, sentence) if q.cue and q.cue.text == cue]
    assert found, f"no quote with cue {cue!r}"
    assert found[0].text.startswith(content_start)


def test_partial_quotation_takes_the_clause_it_completes_under_the_cue():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsgraph.nlp.quotes import _clause_around
    from newsgraph.nlp.quotes_cues import Cue
    from newsgraph.nlp.quotes_marks import QuoteSpan

    words = ["He", "told", "reporters", "he", "was", '"', "not", "quite", "ready", '"', "yet", "."]
    spaces = [True, True, True, True, True, False, True, True, False, True, False, False]
    heads = [1, 1, 1, 4, 1, 8, 8, 8, 4, 8, 4, 1]
    deps = ["nsubj", "ROOT", "dative", "nsubj", "ccomp", "punct", "neg", "advmod", "acomp", "punct", "advmod",
            "punct"]
    doc = Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps)
    start = doc.text.index("not")
    span = QuoteSpan(start, doc.text.index('" yet'))
    cue = Cue(doc[1], doc[1].idx, doc[1].idx + 4, None, None)
    clause = _clause_around(doc, span, cue)
    assert doc.text[clause[0]:clause[1]] == 'he was "not quite ready" yet'


def test_attitude_adjective_attributes_its_clause_to_the_subject(nlp):
    found = quotes_of(nlp, "The harbour master is confident that the ferry will return in May.")
    assert len(found) == 1
    assert found[0].text == "that the ferry will return in May"
    assert found[0].cue.text == "confident"
    assert found[0].speaker.text == "The harbour master"


def test_passive_cue_content_is_its_subject_and_the_agent_speaks(nlp):
    found = quotes_of(nlp, "The new ferry timetable was rejected by the island council on Tuesday.")
    assert len(found) == 1
    assert found[0].text.startswith("The new ferry timetable")
    assert found[0].speaker.text == "the island council"
    expected = quotes_of(nlp, "The ferry is expected to return in May.")
    assert expected and expected[0].speaker is None and "to return in May" in expected[0].text


def test_stance_noun_object_is_content_when_its_holder_is_named(nlp):
    found = quotes_of(nlp, "The fishermen's union renewed its criticism of the new harbour fees.")
    assert any(q.text == "the new harbour fees" and q.cue.text == "criticism" for q in found)
    assert quotes_of(nlp, "There was criticism of the new harbour fees.") == ()  # nobody holds it


def test_cue_in_the_middle_of_the_sentence_reports_the_clause_around_it(nlp):
    found = quotes_of(nlp, "The new ferry, the mayor said, was even more popular than the old one.")
    assert len(found) == 1
    assert found[0].text.startswith("The new ferry") and found[0].text.endswith("the old one")
    assert found[0].cue.text == "said" and found[0].speaker.text == "the mayor"


def test_headline_speaker_running_into_capitalised_words_takes_the_body_name(nlp):
    body = "Harbour master Tom Berg spoke to reporters on Monday."
    (quote,) = [q for q in quotes_of(nlp, body, headline="Tom Berg Finally Says Pier Will Reopen")
                if q.field == "headline"]
    assert quote.speaker.name == "Tom Berg"


def test_inverted_attribution_the_parser_left_subjectless_names_the_speaker(nlp):
    text = "''I am more skilled with my hands than with my brain,'' said Robin Maynard, half joking."
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.text == "Robin Maynard"


def test_speech_verb_misparsed_as_a_modifier_of_the_name_keeps_the_name_as_speaker(nlp):
    (quote,) = quotes_of(nlp, "Ilse Brandt, who runs the harbour, tweeted on Friday that the ferry would return in May.")
    assert quote.speaker.text == "Ilse Brandt"


def test_urging_someone_to_act_attributes_the_act(nlp):
    found = quotes_of(nlp, "The mayor urged the council to keep the night ferry running.")
    assert any(q.cue.text == "urged" and q.text.startswith("to keep the night ferry") for q in found)
    assert quotes_of(nlp, "The crew pushed the boat into the water.") == ()  # a bare object is not urged


def test_particle_verbs_report_speech_only_with_their_particle(nlp):
    text = ("\u201cLook at all these people here,\u201d Paradis said.\n\n"
            "\u201cThey are all here for the free ferry rides,\u201d Bennett shot back with a laugh.")
    found = quotes_of(nlp, text)
    assert [q.speaker.text for q in found] == ["Paradis", "Bennett"]
    assert quotes_of(nlp, "The hunter shot the deer at dawn.") == ()


def test_inverted_subject_parsed_as_an_object_after_a_quotation_speaks(nlp):
    (quote,) = quotes_of(nlp, "\u201cWe are ready,\u201d added one of the crew members.")
    assert quote.speaker.text == "one of the crew members"


# ---------------------------------------------------------------- named speakers the parse leaves out of place

def test_name_before_a_comma_interruption_speaks_when_the_parser_hung_it_there(nlp):
    text = ("Harbour director Ilse Brandt took questions. Brandt, exasperated, famously responded: "
            "\u201cWhat difference does a ferry make?\u201d")
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker.text == "Brandt"
    assert quote.speaker.name == "Ilse Brandt"


def test_a_name_and_its_apposition_after_a_hyphenated_dateline_speak(nlp):
    # The parser makes the dateline the subject and the name its apposition.
    text = "WARSAW (Wire) - Anna Nowak, Poland's defence minister, said her country needed ammunition rather than troops."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "her country needed ammunition rather than troops"
    assert quote.speaker is not None and quote.speaker.name == "Anna Nowak"


def test_inverted_speaker_with_title_words_before_the_name(nlp):
    (quote,) = quotes_of(nlp, "\u201cWe will rebuild the pier,\u201d said retired engineer Tom Berg, asked about the storm.")
    assert quote.speaker.text == "retired engineer Tom Berg"
    assert quote.speaker.name == "Tom Berg"


def test_possessive_pronoun_holder_resolves_to_the_person(nlp):
    (quote,) = quotes_of(nlp, "Mayor Tom Berg renewed his call for a second bridge on Monday.")
    assert quote.speaker.text == "his"
    assert quote.speaker.name == "Tom Berg"


def test_statement_or_letter_speaks_for_whoever_issued_it_not_for_its_addressee(nlp):
    # a participle on the message ("a statement saying") is the issuer's speaking: the issuer is the mention
    (statement,) = quotes_of(nlp, "Senator Ilse Brandt issued a statement saying that the harbour must stay open.")
    assert statement.speaker.text == "Senator Ilse Brandt"
    assert statement.speaker.name == "Ilse Brandt"
    (email,) = quotes_of(nlp, "An email sent out by Mayor Tom Berg on Monday warned that the pier would close.")
    assert email.speaker.name == "Tom Berg"
    (spot,) = quotes_of(nlp, "The Harbour Fund is running a TV spot attacking Tom Berg for closing the pier.")
    assert spot.speaker.text == "The Harbour Fund"
    (letter,) = quotes_of(nlp, "Mayor Tom Berg wrote a letter to Governor Paul Green asking the state to pay for the pier.")
    assert letter.speaker.name == "Tom Berg"
    (video,) = quotes_of(nlp, "Senator Ilse Brandt released a video that accuses the council of lying about the ferry.")
    assert video.speaker.text == "Senator Ilse Brandt"
    assert video.speaker.name == "Ilse Brandt"


def test_apposition_hung_on_the_role_phrase_object_names_the_speaker(nlp):
    (quote,) = quotes_of(nlp, "One of her advisers, Paul Green, told reporters that she would not resign.")
    assert quote.speaker.text == "One of her advisers"
    assert quote.speaker.name == "Paul Green"


def test_pronoun_under_a_clause_takes_that_clause_subject(nlp):
    text = ("Anna Weiss said the port was closing.\n\n"
            "At a meeting on Monday, Tom Berg named three harbours he said had lost their ferries.")
    found = quotes_of(nlp, text)
    assert found[-1].speaker.text == "he"
    assert found[-1].speaker.name == "Tom Berg"


def test_subject_of_a_gerund_or_infinitive_without_its_own_speaks(nlp):
    (quote,) = quotes_of(nlp, "At the same time, Tom Berg has been the most aggressive in the council in "
                              "denouncing the harbour board.")
    assert quote.speaker.name == "Tom Berg"


def test_dateline_with_double_hyphen_is_never_the_speaker(nlp):
    (quote,) = quotes_of(nlp, "RIGA -- Mayor Ilse Brandt, opening the new ferry terminal on Saturday, said it "
                              "would serve the whole coast.")
    assert quote.speaker.text == "Mayor Ilse Brandt"
    assert quote.speaker.name == "Ilse Brandt"


def test_speech_verb_tagged_as_a_noun_keeps_its_subject_as_speaker(nlp):
    (quote,) = quotes_of(nlp, "But Trump claims that he should be the exception.")
    assert quote.speaker.text == "Trump"


def test_names_with_inner_capitals_are_capitalised_words(nlp):
    from newsgraph.nlp.quotes_speakers import is_capitalised

    doc = nlp("McConnell and RealClearPolitics met NASA and the ferry crew.")
    assert [is_capitalised(token) for token in doc[:6]] == [True, False, True, False, False, False]


def test_pronoun_after_a_colon_introduction_takes_the_introducing_subject(nlp):
    text = ("\u201cThe ferry will run all winter,\u201d said harbour director Paul Gorski.\n\n"
            "Senator Anna Weiss scolded him: \u201cYour figures are wrong and the whole port knows it,\u201d she said.")
    found = quotes_of(nlp, text)
    assert found[-1].speaker.text == "she"
    assert found[-1].speaker.name == "Anna Weiss"


def test_noun_carrying_a_relative_clause_before_a_subjectless_speech_verb_speaks(nlp):
    text = ("One attendee, who like others spoke on the condition of anonymity to discuss the private meeting, "
            "said the message was that \"this is not going to be over in February.\"")
    found = [q for q in quotes_of(nlp, text) if "message" in q.text]
    assert found and found[0].speaker.text == "One attendee"


def test_speech_verb_parsed_as_a_conjunct_of_the_quotation_takes_the_name_before_it(nlp):
    # The parse spaCy gives `"We will ...," Tulsa police Chief Anna Weiss said Monday.` in some contexts,
    # written out: `said` a conjunct of the quoted verb, whose subject is the quotation's own `We`.
    from newsgraph.nlp.quotes_cues import find_cues

    words = ["\u201c", "We", "will", "achieve", "justice", ",", "\u201d", "Tulsa", "police", "Chief", "Anna", "Weiss",
             "said", "Monday", "."]
    doc = Doc(nlp.vocab, words=words,
              spaces=[False, True, True, True, False, False, True, True, True, True, True, True, True, False, False],
              heads=[3, 3, 3, 3, 3, 3, 3, 3, 9, 7, 11, 9, 3, 12, 3],
              deps=["punct", "nsubj", "aux", "ROOT", "dobj", "punct", "punct", "dep", "compound", "dobj", "compound",
                    "appos", "conj", "npadvmod", "punct"],
              pos=["PUNCT", "PRON", "AUX", "VERB", "NOUN", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "PROPN",
                   "VERB", "PROPN", "PUNCT"],
              tags=["``", "PRP", "MD", "VB", "NN", ",", "''", "VB", "NN", "NNP", "NNP", "NNP", "VBD", "NNP", "."],
              lemmas=[word.lower() if word != "said" else "say" for word in words],
              ents=["O"] * 7 + ["B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O", "B-DATE", "O"])
    (said,) = [cue for cue in find_cues(doc) if cue.verb is not None and cue.verb.text == "said"]
    assert said.speaker.text == "Anna Weiss"


# ---------------------------------------------------------------- the design brief's specimen, whole analysis

PRESS_CONFERENCE = (
    "Foreign Minister Maria Lindqvist stressed that the coalition cannot afford to delay.\n\n"
    "\"We did not ask for soldiers, we are asking for shells now,\" she said at a press conference "
    "in Riga on Friday.\n\n"
    "\"And you keep using the words \"red lines.\" That is worth weighing in this dispute. "
    "And we, of course, will not step back,\" she stressed.\n\n"
    "The minister recalled that since March 3, 2022, her country has provided support worth about "
    "EUR2.4 billion, and signed a defence agreement on January 22 of this year."
)


def test_press_conference_gives_every_statement_to_the_minister_with_its_amounts_and_dates():
    from newsgraph.nlp.analyze import Analyzer
    from newsgraph.records import Article

    article = Article(id="press", source="test", text=PRESS_CONFERENCE, language="en",
                      headline="Minister: we need shells, not soldiers", published="2024-10-12T09:30:00")
    result = Analyzer().analyze(article)
    assert result.analysis_errors == ()
    quotes = result.quotes
    assert len(quotes) == 5
    assert all(q.speaker is not None and q.speaker.name == "Maria Lindqvist" for q in quotes)
    assert [q.kind for q in quotes] == ["headline", "indirect", "direct", "direct", "indirect"]
    nested = quotes[3]
    assert nested.text.startswith("And you keep using the words \"red lines.\"")
    assert nested.text.endswith("will not step back") and nested.speaker.text == "she"
    assert quotes[2].date == "2024-10-11"  # "on Friday", the day before publication
    assert quotes[4].text.startswith("that since March 3, 2022")
    assert [(a.value, a.unit, a.approximate) for a in result.amounts] == [(2.4e9, "EUR", True)]
    assert {"2024-10-11", "2022-03-03", "2024-01-22"} <= {d.value for d in result.dates}


# ---------------------------------------------------------------- content boundaries (issue 15 part 1)

@pytest.mark.parametrize(("text", "content"), [
    # a non-restrictive relative clause or apposition closing the reported clause is the writer's aside
    ("The mayor said she expects the bridge to reopen by spring, which would end a two-year detour.",
     "she expects the bridge to reopen by spring"),
    ("The report said the plant cut its emissions by half, a figure the regulator disputes.",
     "the plant cut its emissions by half"),
    # a restrictive relative clause is part of what was said
    ("The mayor said the contractors who missed the deadline would be fined.",
     "the contractors who missed the deadline would be fined"),
])
def test_a_trailing_aside_is_not_reported_content(nlp, text, content):
    found = [q.text for q in quotes_of(nlp, text) if q.kind == "indirect"]
    assert found == [content]


def test_a_quoted_title_followed_by_its_comma_is_not_a_quotation(nlp):
    # American style puts the comma inside the marks: "Face the Nation," is still a title
    text = ('On Sunday\u2019s broadcast of \u201cFace the Nation,\u201d the governor said the state '
            'would appeal the ruling.')
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["the state would appeal the ruling"]


def test_a_time_after_a_cue_verbs_preposition_is_not_what_was_said(nlp):
    # `agree` takes what is agreed on; `on Tuesday` is when, so the content is what follows it.
    found = quotes_of(nlp, "The port authority of Seaville agreed on Tuesday to restart the ferry line to Northport.")
    assert [quote.text for quote in found] == ["to restart the ferry line to Northport"]
    assert (found[0].speaker.role, found[0].speaker.affiliation) == ("port authority", "Seaville")


def test_agreeing_on_a_thing_keeps_it_as_content(nlp):
    found = quotes_of(nlp, "The two ministers agreed on a common budget for the river clean-up.")
    assert [quote.text for quote in found] == ["a common budget for the river clean-up"]


def test_colon_introduction_run_into_the_quotation_names_the_subject_before_the_colon(nlp):
    # the parser runs the sentence on into the quotation; its subject ("No one") is not the speaker
    text = ('Anna Weiss said the plan was reckless.\n\n'
            'Tom Berg delivered a snappy retort: "No one is tearing this up. We are going to go forward."')
    retort = quotes_of(nlp, text)[-1]
    assert retort.text.startswith("No one")
    assert retort.speaker is not None and retort.speaker.text == "Tom Berg"


def test_question_then_short_attribution_sentence_is_attributed(nlp):
    # the parser ends the sentence at the question mark; "Tom Berg said." still attributes it
    text = ('Anna Weiss spoke first.\n\n'
            '"Why is she attacking me?" Tom Berg said. "She has to win three towns before she gets to me."')
    question = quotes_of(nlp, text)[0]
    assert question.text.startswith("Why is she attacking me")
    assert question.speaker is not None and question.speaker.text == "Tom Berg"
    assert question.cue is not None and question.cue.text == "said"


def test_continued_after_a_quotation_is_its_cue(nlp):
    # `"...," she continued` attributes the quotation like `said`; continuing to do something does not
    found = quotes_of(nlp, 'Jane Doe spoke for an hour. "The port will reopen in May," she continued. '
                           '"Nobody will lose a job."')
    assert [quote.text for quote in found] == ["The port will reopen in May", "Nobody will lose a job."]
    assert found[0].cue is not None and found[0].cue.text == "continued"
    assert all(quote.speaker is not None and quote.speaker.name == "Jane Doe" for quote in found)
    assert quotes_of(nlp, "The strike continued for a week, and the talks continued on Monday.") == ()
