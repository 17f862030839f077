"""Word tables the line classifier reads (`linekind`): plain data, no patterns for any one site.

These are closed classes of the language pages use to talk to their readers,
not phrases of particular sites: the verbs of a call to action, the nouns a
page uses for itself, the words of a newsroom's name.
"""

from __future__ import annotations

__all__ = [
    "ACTION_VERBS",
    "NEWSROOM_WORDS",
    "READER_WORDS",
    "ROLE_LABELS",
    "ROLE_NOUNS",
    "SITE_NOUNS",
    "SITE_WORDS",
]

# Verbs a page opens a button, prompt or link with: "Read more", "Watch:", "Sign up", "Tap to keep reading".
ACTION_VERBS = frozenset(
    """read watch listen follow subscribe sign log register download get join share like tap click continue keep
    explore support view open show see discover try learn find add leave comment save contact send email e-mail
    visit check install play swipe scroll enter start claim shop buy donate upgrade unlock jump skip go print
    tweet copy load tell give become stay don't never bookmark allow accept reject manage hide expand close
    browse sponsor advertise catch""".split()
)

# Nouns a page uses for itself, its parts and its services.
SITE_NOUNS = frozenset(
    """article articles story stories post posts page pages site website websites newsletter newsletters app apps
    newsroom journalism coverage edition inbox feed feeds podcast podcasts video videos audio player subscription
    subscriptions subscriber subscribers account accounts comment comments team briefing briefings alerts alert
    notifications browser device cookies cookie partners ads advertising advertisement content updates reader
    readers email e-mail homepage section sections tip tips newsletter's app's""".split()
)

# The reader addressed: outside quotation marks, a news report rarely says "you".
READER_WORDS = frozenset("you your yours you're you'll you've you'd yourself".split())

# The site speaking for itself.
SITE_WORDS = frozenset("we our us we're we've we'll ours".split())

# Labels a byline starts with: "Reporters: A, B", "Author: A".
ROLE_LABELS = frozenset(
    """author authors reporter reporters writer writers correspondent correspondents contributor contributors
    journalist journalists columnist columnists words text story""".split()
)

# Last words of a newsroom, desk, network or company named after the authors: "A and B, Channel Nine Newsroom".
NEWSROOM_WORDS = frozenset(
    """writer writers reporter reporters correspondent correspondents editor editors contributor contributors
    columnist press news times post journal herald tribune telegraph guardian agency wire wires bureau service
    services staff desk newsroom media network networks channel daily weekly gazette magazine group online radio
    tv television broadcasting company llc inc ltd digital studio studios publishing chronicle courier express
    mirror standard observer review record dispatch report today sun star globe examiner bulletin""".split()
)

# Head nouns of a job title printed after an author's name: "Jane Roe, Town Clerk", "Jane Roe, Head of
# Communications". Words that are also common surnames (Host, Head, Lead, Chief, Fellow) are left out.
ROLE_NOUNS = frozenset(
    """clerk secretary officer manager director chair chairman chairwoman chairperson president producer
    presenter anchor analyst critic photographer founder co-founder lecturer researcher intern commentator
    blogger publisher spokesperson spokesman spokeswoman councillor councilor coordinator assistant associate
    strategist economist historian scientist consultant adviser advisor curator librarian treasurer
    illustrator designer professor editor-in-chief""".split()
)
