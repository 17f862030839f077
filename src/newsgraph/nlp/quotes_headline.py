"""Quotations in a headline: `Speaker: content`, `Speaker Says Content`, or quoted words (field and kind `headline`)."""

from __future__ import annotations

import re

from newsgraph.nlp.quotes_lexicon import WH_WORDS
from newsgraph.nlp.quotes_marks import SCARE_MAX_WORDS, pair_quote_marks, trim, word_count
from newsgraph.nlp.quotes_speakers import SpeakerResolver, names_a_speaker
from newsgraph.records import Quote, Speaker
from newsgraph.records import Span as TextSpan

_HEADLINE_SPEAKER = re.compile(r"^\s*([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})\s*:\s+(\S.*)$")
# "Trump Says He Will Win": a short capitalised speaker, a speech verb in the present, the content
_HEADLINE_CUE = re.compile(
    r"\s*([A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|of|the|and|for)){0,5})\s+"
    r"((?i:says|said|tells|warns|claims|insists|admits|predicts|thinks|believes|argues|suggests|vows|pledges|"
    r"promises|denies|calls|urges|wants|slams|blasts|praises|rips|accuses|defends|rejects|backs|endorses|"
    r"demands|asks|hopes|fears|expects|doubts))\s+(\S.*)$")
_HEADLINE_LABELS = {"analysis", "exclusive", "watch", "video", "breaking", "opinion", "update", "report", "poll",
                    "editorial", "commentary", "live", "photos", "review", "explainer", "factbox", "fact check",
                    "the latest", "latest", "update", "watch live", "recap", "transcript", "timeline"}


def headline_quotes(headline: str, resolver: SpeakerResolver | None = None) -> tuple[Quote, ...]:
    """`Speaker: content` headlines and quotations in a headline (field headline, kind headline).

    With the body's `resolver`, a headline speaker the body names (`Kasich:` and `John
    Kasich` in the text) gets that name.
    """
    match = _HEADLINE_SPEAKER.match(headline)
    if match and word_count(match.group(2)) >= 2 and match.group(1).lower() not in _HEADLINE_LABELS \
            and word_count(match.group(1)) <= 3:
        label = match.group(1)
        # the label before the colon is a name by its form; the body may give it in full
        name = (resolver.name_in_body(label) if resolver else None) or (label if names_a_speaker(label) else None)
        role = None
        holder = resolver.person_with_role(label) if resolver is not None and name is None else None
        if holder is not None:
            name, role = holder  # `Minister:` and the body's one `Foreign Minister Jane Doe`
        speaker = Speaker(start=match.start(1), end=match.end(1), text=label, name=name, role=role)
        return (_headline_quote(headline, *trim(headline, *match.span(2)), speaker=speaker),)
    # "Trump Says He Will Win", "The Latest: Clinton tells voters she's with them"
    after_label = match.start(2) if match and match.group(1).lower() in _HEADLINE_LABELS else 0
    cued = _HEADLINE_CUE.match(headline, after_label)
    if cued and cued.group(1).split()[0].lower() not in _HEADLINE_LABELS | WH_WORDS:
        start, end = trim(headline, *cued.span(3))
        end = len(headline[:end].rstrip("."))
        if word_count(headline[start:end]) >= 2:
            cue = TextSpan(start=cued.start(2), end=cued.end(2), text=cued.group(2))
            speaker = Speaker(start=cued.start(1), end=cued.end(1), text=cued.group(1),
                              name=resolver.name_in_body(cued.group(1)) if resolver else None)
            return (_headline_quote(headline, start, end, cue=cue, speaker=speaker),)
    return tuple(_headline_quote(headline, *trim(headline, span.start, span.end))
                 for span in pair_quote_marks(headline)
                 if word_count(headline[span.start:span.end]) > SCARE_MAX_WORDS)


def _headline_quote(headline: str, start: int, end: int, *, cue: TextSpan | None = None,
                    speaker: Speaker | None = None) -> Quote:
    return Quote(start=start, end=end, text=headline[start:end], field="headline", kind="headline",
                 cue=cue, speaker=speaker)
