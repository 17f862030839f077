"""Line patterns for page furniture in plain-text news scrapes.

Every pattern must match a whole line (the caller anchors it) and carries a
word limit, so that it can only ever take short page furniture, never a
sentence of a story: "Share" and "Share on Facebook" are furniture, "Share
prices fell on Tuesday." is not; "Photo: Jane Doe" is, "Photo exhibitions
opened in Kyiv." is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "BYLINE_AFFILIATION_WORDS",
    "FURNITURE_PATTERNS",
    "KNOWN_AGENCIES",
    "LinePattern",
    "READING_TIME_PATTERNS",
    "SHARE_CORE_WORDS",
    "SHARE_WORDS",
    "furniture_reason",
    "line_core",
]


@dataclass(frozen=True, slots=True)
class LinePattern:
    reason: str
    regex: re.Pattern[str]
    max_words: int


def _p(reason: str, pattern: str, max_words: int = 12, flags: int = re.I) -> LinePattern:
    return LinePattern(reason, re.compile(pattern, flags), max_words)


_AGENCIES = (
    r"reuters|ap|afp|epa|epa-efe|efe|getty images|getty|ap photo|afp photo|anadolu|anadolu agency|shutterstock"
    r"|alamy|bloomberg|dpa|tass|ria novosti|sputnik|ukrinform|unian|xinhua|pa|pa images|pa wire|pa media|imago"
    r"|istock|istockphoto|nurphoto|sopa images|zuma|zuma press|zuma wire|abaca|sipa|sipa usa|reuters tv"
    r"|associated press|the associated press|rex features|rex|bbc|cnn|file photo|handout"
)
_SOCIAL = r"twitter|x|facebook|instagram|telegram|youtube|tiktok|linkedin|threads|bluesky|mastodon|whatsapp|viber|google news|vk|vkontakte"

FURNITURE_PATTERNS: tuple[LinePattern, ...] = (
    _p(
        "advertisement",
        r"-*\s*(?:advertisements?|advertising|advert|ads?|anzeige|werbung|publicité|publicidad|реклама"
        r"|sponsored(?: content| post| story| links?)?|sponsored by [^.!?]{1,60}|paid (?:content|post|partnership)"
        r"|promoted(?: content| stories)?|partner content|(?:story|article|text) continues (?:below|after)(?: this)?"
        r"(?: advertisement| ad)?|continue reading(?: the)?(?: main)?(?: story| article)?(?: below| after (?:the )?"
        r"(?:ad|advertisement))?|skip (?:this )?(?:ad|advertisement)|ad feedback|report (?:this )?ad)\s*-*",
        8,
    ),
    _p(
        "social",
        rf"(?:share|post|send)(?: this)?(?: article| story| page| link)? (?:on|to|via|with) [\w .+&]{{1,30}}"
        rf"|follow (?:us|@\w+|\w+(?: \w+)?) on (?:{_SOCIAL})(?:[ ,&and]+(?:{_SOCIAL}))*[^.!?]{{0,40}}[.!]?"
        rf"|follow @\w+|(?:like|find) us on facebook|join (?:us|our \w+(?: channel)?) on (?:{_SOCIAL})[^.!?]{{0,40}}"
        rf"|(?:підписуйтесь|подписывайтесь|стежте за нами|следите за нами) (?:на|в|у) [^.!?]{{1,60}}"
        rf"|copy (?:link|url|the link)|link copied|copied!?|share this|shares?|поділитися|поделиться|teilen|partager|compartir",
        14,
    ),
    _p(
        "related link",
        r"(?:read also|also read|read more|more reading|read next|read the full (?:story|article)|related"
        r"(?: articles?| stories| news| coverage| content| reading| links?| topics?| video)?|see also|more on (?:this|that)"
        r"(?: story| topic| subject)?|more from [^.!?:]{1,50}|you (?:may|might) also (?:like|be interested in)"
        r"|recommended(?: for you| stories| articles| reading)?|most (?:read|popular|viewed|shared)|trending(?: now)?"
        r"|popular (?:now|stories)|editor'?s picks|top stories|latest (?:news|stories|articles)|more (?:news|stories)"
        r"|(?:watch|listen)(?: now| live)?|читайте (?:також|также|ще|еще|більше|больше)|(?:також|также) читайте"
        r"|дивіться також|смотрите также|по темі|по теме|на тему|читать (?:также|далее)|lesen sie (?:auch|mehr)"
        r"|mehr zum thema|à lire aussi|lire aussi|lee también|leer más)"
        r"(?:\s*[:\-–—>»|]\s*.{0,200}|\s*\.{0,3}|\s*…)",
        40,
    ),
    _p(
        "caption",
        r"(?:photo|photos|photograph|photography|photo credit|picture|pictures|pic|image|images|image credit"
        r"|image source|illustration|graphic|video|footage|credit|credits|caption|cover photo|top photo|main photo"
        r"|lead image|фото|світлина|відео|видео|foto|fotos|bild|imagen|photo d'illustration)\s*(?:by|credit|source)?"
        r"\s*[:©|]\s*[^\n]{1,200}",
        30,
    ),
    _p("caption", r"\(?(?:photo|photos|picture|pictures|image|images|video|footage)s? (?:by|courtesy(?: of)?|via|credit)\s*:?\s*[^.!?]{1,100}\)?", 12),
    _p("caption", rf"\(?(?:[^()/\n]{{1,50}}\s?/\s?)?(?:{_AGENCIES})(?:\s*(?:/|via)\s*[\w .,'’-]{{1,60}})*\)?\.?", 10),
    _p("caption", r"(?:image|media|video|photo) (?:caption|copyright|source)\b[^\n]{0,200}", 40),
    # A caption sentence with its credit after it: "The ministers in Riga. Photo: Jane Doe".
    _p("caption", r"[^\n]{1,300}[.!?]\s+(?:photo|photograph|image|picture|credit|фото|foto)s?\s*(?:by|credit)?\s*:\s*[^.!?\n]{1,80}", 60),
    _p(
        "caption",
        r"[^\n]{1,300}\((?:(?:ap|afp|epa|reuters) )?(?:photo|image|picture|credit|photo credit|image credit|фото|foto)s?"
        r"\s*(?:by|credit|:|=)\s*:?\s*[^()]{1,80}\)\.?",
        60,
    ),
    # "REUTERS/Jane Doe" ending a caption; upper case only, so "a Reuters/Ipsos poll" stays text.
    _p(
        "caption",
        r"[^\n]{1,300}\s\(?(?:REUTERS|AP Photo|AFP PHOTO|AFP|EPA|EPA-EFE)\s?/\s?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,4}\)?\.?",
        60,
        flags=0,
    ),
    _p("caption", r"[^\n]{1,300}/\s?(?:getty images|afp via getty images|[\w ]{1,30} via getty images|shutterstock|alamy|istock)\)?\.?", 60),
    _p("caption", r"(?:photo|image|slide|picture|фото)\s*\d+\s*(?:of|/|з|из)\s*\d+|\d+\s*/\s*\d+|\d+\s+of\s+\d+", 5),
    _p(
        "newsletter",
        r"(?:sign up|subscribe|register|join)(?: now| today| here| free| for free)?(?: for| to)?(?: our| the| my)?"
        r"[^.!?]{0,60}(?:newsletters?|briefings?|alerts|digest|bulletin)[^.!?]{0,100}[.!]?"
        r"|(?:get|receive) (?:our|the) [^.!?]{0,60}(?:newsletter|briefing|alerts?|digest)[^.!?]{0,80}[.!]?"
        r"|newsletters?|enter your e-?mail(?: address)?[^\n]{0,60}|your e-?mail(?: address)?|e-?mail address"
        r"|thank you for (?:signing up|subscribing)[^\n]{0,100}|invalid e-?mail[^\n]{0,40}"
        r"|by (?:signing up|subscribing|clicking|registering)[^\n]{0,250}(?:privacy|terms)[^\n]{0,120}",
        45,
    ),
    _p(
        "cookie notice",
        r"(?:we|this (?:web)?site|our (?:web)?site|we and our (?:\d+ )?partners) (?:use|uses|store|stores)"
        r"(?: and access)? cookies[^\n]{0,500}"
        r"|(?:accept|reject|allow|deny|decline)(?: all| necessary| essential| selected| and close)?(?: cookies)?"
        r"|(?:manage|customi[sz]e|change) (?:cookies|cookie settings|preferences|consent|settings|choices)"
        r"|cookie (?:settings|policy|preferences|notice|consent)|privacy (?:policy|settings|notice|preferences)"
        r"|terms (?:of (?:use|service)|and conditions)|do not sell(?: or share)? my personal information"
        r"|got it|i agree|i accept|agree|consent|ok|okay",
        90,
    ),
    _p(
        "tags",
        r"(?:tags?|tagged(?: with| in)?|topics?|keywords?|filed under|categories|category|теги|теґи|мітки|метки"
        r"|теми|темы|schlagworte|stichworte|themen|mots-clés|etiquetas)\s*[:\-–—]\s*[^\n]{1,300}",
        40,
    ),
    _p(
        "copyright",
        r"(?:copyright\s*)?(?:©|\(c\)\s*(?:\d{4}|copyright)|℗)[^\n]{0,250}|copyright\s+(?:\d{4}|by\b|of\b)[^\n]{0,200}"
        r"|[^\n]{0,150}all rights reserved\.?[^\n]{0,150}|усі права захищені[^\n]{0,150}|все права защищены[^\n]{0,150}"
        r"|this (?:material|article|story) may not be (?:published|reproduced)[^\n]{0,200}",
        45,
    ),
    _p(
        "breadcrumb",
        r"(?:home|main|start|головна|главная|startseite|accueil|inicio)(?:\s*[>›»/|→]\s*[^>›»/|→\n]{1,50})+"
        r"|[^>›→\n]{1,40}(?:\s[>›→]\s[^>›→\n]{1,40}){2,}",
        15,
    ),
    _p(
        "comments",
        r"\d[\d,. ]*[km]?\s*(?:comments?|replies|responses|reactions|shares|views|likes|коментар\w*|комментари\w*"
        r"|просмотр\w*|перегляд\w*)|(?:comments?|коментарі|комментарии|kommentare)\s*\(?\d*\)?"
        r"|(?:view|show|hide|read|load|see|add|post|leave)(?: all| the| more| your)?(?: \d+)? (?:comments?|replies)"
        r"|leave a (?:comment|reply)|join the (?:conversation|discussion|debate)|be the first to comment"
        r"|comment on this (?:story|article)|no comments(?: yet)?|comments (?:are|have been) (?:closed|disabled|turned off)\.?"
        r"|conversation|discussion",
        8,
    ),
    _p("click here", r"(?:click|tap|press) (?:here|this link|the link)\b[^\n]{0,100}", 20),
    _p(
        "site prompt",
        r"log ?in|sign ?in|sign ?up|sign ?out|log ?out|register|my account|account|profile|create (?:a |an |your )?"
        r"(?:free )?account|subscribe(?: now| today| here)?|subscribers? only|for subscribers|premium|exclusive"
        r"|already (?:a subscriber|a member|have an account|registered)\??[^\n]{0,80}"
        r"|become a (?:member|subscriber|supporter)\b[^\n]{0,80}|support (?:our|independent|quality) journalism\b[^\n]{0,150}"
        r"|(?:start|try|begin) (?:your|a) free trial[^\n]{0,60}|subscribe to (?:continue|read|unlock|get|keep)[^\n]{0,100}"
        r"|(?:this|the) (?:article|content|story) is (?:for|available to|only available to|reserved for|exclusive to)"
        r" (?:subscribers|members)[^\n]{0,80}|(?:log|sign) in to (?:continue|read|comment|keep reading)[^\n]{0,80}"
        r"|unlock (?:this|full|unlimited) [^\n]{0,60}|skip (?:to|navigation)\b[^\n]{0,40}|menu|main menu|search|close"
        r"|back to top|top|next|previous|prev|next (?:article|story|post|page)|previous (?:article|story|post|page)"
        r"|listen(?: to)?(?: this)?(?: article| story)?(?:\s*[\d:]+)?|play|pause|loading\.*|loading…"
        r"|open (?:in|the) app|download (?:the|our) app[^\n]{0,60}|get the app|more|show more|see more|view more"
        r"|read full (?:article|story)|view gallery|view (?:slideshow|photos|images|all)[^\n]{0,20}"
        r"|enlarge(?: this image)?|toggle caption|hide caption|expand|collapse|print(?: this)?(?: page| article)?"
        r"|font size|text size|a\+|a-|translate|english|українська|русский|deutsch|français|español"
        r"|gift (?:this )?article|save(?: article| for later| story| this article)?|bookmark|saved|follow|unfollow"
        r"|send us (?:a tip|your news)[^\n]{0,60}|got a (?:news )?tip\?[^\n]{0,100}|report (?:a|an) (?:error|typo|mistake)"
        r"|found (?:a|an) (?:error|typo|mistake)\??[^\n]{0,100}",
        30,
    ),
    _p(
        "timestamp",
        r"(?:(?:posted|updated|published|оновлено|обновлено|опубліковано|опубликовано)\s*:?\s*)?"
        r"(?:\d+|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?)\s+ago"
        r"|just now|yesterday|today|вчора|сьогодні|вчера|сегодня|\d+\s*(?:хв|хвилин\w*|год|годин\w*)\.?\s+тому"
        r"|\d+\s*(?:мин|минут\w*|час\w*)\.?\s+назад",
        5,
    ),
    _p(
        "link",
        r"(?:[*\-+•]\s*)?(?:!?\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)\s*[|,·•]?\s*)+"
        r"|(?:\d+\.\s*)?<?(?:https?://|www\.)\S+>?"
        r"|\[(?:img|image|inline|button|embedded|iframe|video|audio|form)[^\]\n]*\]\S*",
        40,
    ),
)

READING_TIME_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        r"(?:(?:estimated|est\.?|approx\.?|approximate|average)\s+)?(?:(?:reading|read)\s*time|time\s+to\s+read)\s*[:\-–]?\s*"
        r"(?:about\s+|approx\.?\s+|~\s*)?(\d{1,3})"
        r"\s*(?:min(?:ute)?s?\.?|m)?",
        # "About a 6-minute read", "Roughly 4 min read", "A 3-minute read".
        r"(?:(?:about|around|approx\.?|approximately|roughly|nearly|under|~)\s*)?(?:an?\s+)?(\d{1,3})\s*[- ]?\s*"
        r"(?:min(?:ute)?s?\.?|m)\s+(?:read|reading|read time|to read)",
        r"(?:read|reading)\s+in\s+(?:about\s+|approx\.?\s+|~\s*)?(\d{1,3})\s*(?:min(?:ute)?s?\.?)",
        r"(?:час\s+читання|время\s+чтения|lesezeit|lesedauer|temps\s+de\s+lecture|tiempo\s+de\s+lectura)"
        r"\s*[:\-–]?\s*(?:~\s*)?(\d{1,3})\s*(?:хв\.?|хвилин\w*|мин\.?|минут\w*|min\.?|minuten|minutes?|minutos)?",
        r"(\d{1,3})\s*(?:хв\.?|хвилин\w*)\s+(?:на\s+)?(?:читання|прочитання)",
        r"(\d{1,3})\s*(?:мин\.?|минут\w*)\s+(?:на\s+)?(?:чтения|прочтения|чтение)",
        r"(\d{1,3})\s*(?:min\.?|minuten)\s+(?:lesezeit|lesen|de lecture|de lectura)",
    )
)

# Words a line of share buttons is made of ("Share Tweet Email", "Facebook | Twitter | WhatsApp").
SHARE_WORDS = frozenset(
    """share shares tweet email e-mail mail print facebook twitter x whatsapp telegram linkedin reddit pinterest
    messenger viber flipboard pocket copy link copied save bookmark sms vk vkontakte threads bluesky mastodon
    gmail on via this article story page the url поділитися поширити поделиться teilen partager compartir
    фейсбук телеграм твіттер""".split()
)
SHARE_CORE_WORDS = frozenset(
    """share tweet email e-mail print facebook twitter whatsapp telegram linkedin reddit pinterest messenger viber
    flipboard поділитися поделиться teilen partager compartir фейсбук телеграм""".split()
)

# A byline without "By": "Jane Doe, Reuters". The part after the names must look like an agency or a desk.
KNOWN_AGENCIES = frozenset(
    {
        "reuters", "ap", "afp", "associated press", "the associated press", "bloomberg", "dpa", "xinhua",
        "tass", "interfax", "unian", "ukrinform", "cnn", "bbc", "bbc news", "efe", "ansa", "kyodo", "yonhap",
        "rfe/rl", "anadolu", "anadolu agency", "cnn wire", "pa", "pa media", "upi", "aap", "ria novosti",
    }
)
BYLINE_AFFILIATION_WORDS = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors contributor contributors
    columnist news desk special senior chief political foreign national business economics white house
    washington bureau agency press times post journal herald tribune telegraph guardian wire service
    of the for and in at""".split()
)

# Every character str.isspace() (and so the regex class \s) knows; none lies above U+3000.
_WHITESPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
_BULLETS = _WHITESPACE + "*•·»›>-–—#■▪▶►→|+~"
_TRAILING_SEPARATORS = _WHITESPACE + ":|»›>•·-–—"


def line_core(line: str) -> str:
    """The line without leading bullets and arrows or trailing separators, for matching."""
    # str.strip with these sets does what ^[...]+ and [...]+$ substitutions did, without a regex scan per call.
    return line.lstrip(_BULLETS).rstrip(_TRAILING_SEPARATORS).strip()


def furniture_reason(line: str) -> str | None:
    """Why this whole line is page furniture, or None when it may be text."""
    stripped = line.strip()
    if not stripped:
        return None
    core = line_core(stripped) or stripped
    if len(core) > 700:
        return None
    words = len(core.split())
    for pattern in FURNITURE_PATTERNS:
        if words <= pattern.max_words and (pattern.regex.fullmatch(core) or pattern.regex.fullmatch(stripped)):
            return pattern.reason
    tokens = [t.strip(":.!") for t in re.split(r"[\s|/•·,]+", core.casefold())]
    tokens = [t for t in tokens if t]
    if tokens and len(tokens) <= 12 and all(t in SHARE_WORDS for t in tokens) and any(t in SHARE_CORE_WORDS for t in tokens):
        return "social"
    return None
