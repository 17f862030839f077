"""Money and quantities in article text: `find_amounts`.

Pure Python and regular expressions, no model: one scan over the text finds
where a number (digits, a currency sign or code glued to digits, or English
number words) could start, and small anchored patterns read what follows it.

What an amount is made of, in order:

    [marker] [currency prefix] NUMBER [scale] [+ | -plus | -odd] [unit]

- currency prefix: a sign (`$ € £ ₴ ₽ ¥ ₹ ...`, `US$ A$ C$ HK$ ...`), an ISO
  4217 code (`EUR 3.8`, glued `EUR3.8`) or `Rs`.
- NUMBER: digits with thousands separators and a decimal mark, or number
  words (`two`, `twenty-five`, `a` before a scale word, `two and a half`).
- scale: `thousand million billion trillion`, `k m mn bn tn`, `crore lakh`,
  and the European forms (`Mio.`, `Mrd.`, `Md`, `млн`, ...). German/French
  `Billion(en)`/`billion(s)` are 10^12 in those languages (long scale).
- unit: a currency sign, code or word after the number (`450 million
  hryvnias`, `3,8 Mrd. €`), else a measure (`km`, `tonnes`, `MW`) or a
  counted noun (`troops`, `people`, `shells`), after at most two modifiers
  (`10,000 Ukrainian soldiers`, `1 million 155mm artillery shells`).

A number with no unit is not an amount, so bare years, dates, times and page
numbers never come out; on top of that numbers glued to letters (`F-16`,
`COVID-19`), ordinals, percentages, reference numbers (`Article 5`) and years
after `in`/`since`/... are rejected even when a counted noun follows.

Decimal commas: in a text that writes numbers the European way (language
other than English, or `3,8 Mrd` / `1.234,56` style evidence in the text
itself) `1.200` is twelve hundred and `3,8` is three point eight; in English
`1,200` is twelve hundred. A comma or dot followed by other than three digits
is a decimal mark either way, and two different marks settle it.

Ranges (`$2-3 billion`, `between $2 and $3 billion`, `2 to 3 million euros`)
give `value` (lower end) and `value_max`; the lower end takes the upper end's
scale and unit when it has none. `from X to Y` is a change, not a range: two
amounts. The span is the amount itself: approximation markers (`about`,
`more than`, `up to`, `~` ...) set `approximate` but stay outside it, while a
range's `between` is part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from newsgraph.lexicon import (
    MONTH_ABBREVIATIONS_EN, MONTHS_EN, NUMBER_TEENS, NUMBER_TENS, NUMBER_UNITS, NUMBER_WORD_VALUES,
    alternation,
)
from newsgraph.records import Amount, AmountKind

__all__ = ["find_amounts", "uses_decimal_comma"]

# ---------------------------------------------------------------- currencies

# Signs and prefixed forms, read before the number (and most of them after it too).
_PREFIX_SIGNS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "Can$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD",
    "MX$": "MXN", "Mex$": "MXN", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP",
    "₴": "UAH", "₽": "RUB", "CN¥": "CNY", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR",
    "₩": "KRW", "₪": "ILS", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₫": "VND", "₸": "KZT",
    "₾": "GEL", "฿": "THB", "SFr.": "CHF", "Fr.": "CHF",
}
_SUFFIX_SIGNS: dict[str, str] = {
    "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₪": "ILS", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₫": "VND", "₸": "KZT", "₾": "GEL",
    "฿": "THB", "$": "USD", "zł": "PLN", "Kč": "CZK", "Fr.": "CHF", "грн.": "UAH", "грн": "UAH",
    "руб.": "RUB", "руб": "RUB", "дол.": "USD",
}
# ISO 4217 codes likely in news; a code counts only when upper case and next to a number.
_ISO_CODES = frozenset(
    "USD EUR GBP JPY CNY UAH RUB CHF INR AUD CAD HKD NZD SGD TWD SEK NOK DKK ISK PLN CZK HUF "
    "RON BGN HRK RSD TRY ILS ZAR BRL MXN ARS CLP COP PEN KRW THB IDR MYR PHP VND PKR BDT LKR "
    "NPR SAR AED QAR KWD BHD OMR JOD EGP MAD TND DZD NGN KES GHS ETB GEL AMD AZN KZT UZS BYN "
    "MDL IRR IQD SYP LBP AFN MNT XOF XAF XDR".split()
)
_CODE_ALIASES = {"RMB": "CNY"}

# Currency words -> (ISO code, factor). Multi-word forms are spelled with single spaces.
_CURRENCY_WORDS: dict[str, tuple[str, Decimal]] = {}


def _add_currency(code: str, *forms: str, factor: str = "1") -> None:
    for form in forms:
        _CURRENCY_WORDS[form] = (code, Decimal(factor))


def _with_adjectives(code: str, adjectives: str, nouns: str) -> None:
    for adjective in adjectives.split("|"):
        for noun in nouns.split("|"):
            _add_currency(code, f"{adjective} {noun}")


_add_currency("EUR", "euro", "euros", "eur", "евро", "євро")
_add_currency("USD", "dollar", "dollars", "долларов", "доллара", "доларів", "долара")
_with_adjectives("USD", "us|u.s.|american|united states", "dollar|dollars")
_with_adjectives("AUD", "australian", "dollar|dollars")
_with_adjectives("CAD", "canadian", "dollar|dollars")
_with_adjectives("HKD", "hong kong", "dollar|dollars")
_with_adjectives("NZD", "new zealand", "dollar|dollars")
_with_adjectives("SGD", "singapore|singaporean", "dollar|dollars")
_with_adjectives("TWD", "taiwan|taiwanese|new taiwan", "dollar|dollars")
_add_currency("GBP", "pound", "pounds", "pound sterling", "pounds sterling", "sterling")
_with_adjectives("GBP", "british", "pound|pounds")
_with_adjectives("EGP", "egyptian", "pound|pounds")
_with_adjectives("LBP", "lebanese", "pound|pounds")
_with_adjectives("SYP", "syrian", "pound|pounds")
_add_currency("UAH", "hryvnia", "hryvnias", "hryvnya", "hryvnyas", "hryvni", "hryvnias",
              "гривень", "гривні", "гривня", "гривен", "гривны")
_with_adjectives("UAH", "ukrainian", "hryvnia|hryvnias|hryvnya|hryvnyas")
_add_currency("RUB", "rouble", "roubles", "ruble", "rubles", "рублей", "рубля", "рубль",
              "рублів")
_with_adjectives("RUB", "russian", "rouble|roubles|ruble|rubles")
_with_adjectives("BYN", "belarusian|belarussian", "rouble|roubles|ruble|rubles")
_add_currency("CNY", "yuan", "renminbi", "chinese yuan")
_add_currency("JPY", "yen", "japanese yen")
_add_currency("CHF", "franc", "francs", "swiss franc", "swiss francs")
_add_currency("XOF", "cfa franc", "cfa francs")
_add_currency("INR", "rupee", "rupees", "indian rupee", "indian rupees")
_with_adjectives("PKR", "pakistani|pakistan", "rupee|rupees")
_with_adjectives("LKR", "sri lankan", "rupee|rupees")
_with_adjectives("NPR", "nepalese|nepali", "rupee|rupees")
_add_currency("TRY", "lira", "liras", "lire", "turkish lira", "turkish liras")
_add_currency("PLN", "zloty", "zlotys", "zlotych", "polish zloty", "polish zlotys")
_add_currency("ILS", "shekel", "shekels", "new shekels", "israeli shekels", "sheqel", "sheqels")
_add_currency("ZAR", "rand", "south african rand")
_add_currency("BRL", "reais", "brazilian real", "brazilian reais")
_with_adjectives("MXN", "mexican", "peso|pesos")
_with_adjectives("ARS", "argentine|argentinian", "peso|pesos")
_with_adjectives("CLP", "chilean", "peso|pesos")
_with_adjectives("COP", "colombian", "peso|pesos")
_with_adjectives("PHP", "philippine", "peso|pesos")
_add_currency("SEK", "kronor", "swedish krona", "swedish kronor")
_with_adjectives("NOK", "norwegian", "krone|kroner")
_with_adjectives("DKK", "danish", "krone|kroner")
_add_currency("CZK", "koruna", "korunas", "czech koruna", "czech korunas", "czech crowns")
_add_currency("HUF", "forint", "forints", "hungarian forint", "hungarian forints")
_add_currency("RON", "lei", "romanian lei", "romanian leu")
_add_currency("BGN", "leva", "bulgarian lev", "bulgarian leva")
_add_currency("GEL", "lari", "georgian lari")
_add_currency("KZT", "tenge", "kazakh tenge")
_add_currency("AMD", "drams", "armenian dram", "armenian drams")
_add_currency("AZN", "manat", "manats", "azerbaijani manat")
_add_currency("SAR", "riyal", "riyals", "saudi riyal", "saudi riyals")
_with_adjectives("QAR", "qatari", "riyal|riyals")
_with_adjectives("IRR", "iranian", "rial|rials")
_add_currency("AED", "dirham", "dirhams", "uae dirham", "uae dirhams", "emirati dirhams")
_with_adjectives("MAD", "moroccan", "dirham|dirhams")
_with_adjectives("JOD", "jordanian", "dinar|dinars")
_with_adjectives("IQD", "iraqi", "dinar|dinars")
_with_adjectives("KWD", "kuwaiti", "dinar|dinars")
_with_adjectives("RSD", "serbian", "dinar|dinars")
_add_currency("NGN", "naira", "nigerian naira")
_with_adjectives("KES", "kenyan", "shilling|shillings")
_add_currency("KRW", "won", "south korean won", "korean won")
_add_currency("MYR", "ringgit")
_add_currency("IDR", "rupiah")
_add_currency("THB", "baht")
# Sub-units: a hundredth of the main unit.
_add_currency("USD", "cent", "cents", factor="0.01")
_add_currency("EUR", "euro cent", "euro cents", "eurocents", factor="0.01")
_add_currency("GBP", "pence", "penny", factor="0.01")

# ------------------------------------------------------------------- scales

# Lower-cased scale word -> factor. "billion" and "trillion" are long-scale in
# some languages; see _LONG_SCALE.
_SCALES: dict[str, Decimal] = {}
for _factor, _forms in (
    ("1e3", "thousand thousands k tsd tsd. tausend mille тыс тыс. тысяч тис тис. тисяч"),
    ("1e5", "lakh lakhs lac lacs"),
    ("1e6", "million millions m mn mln mln. mio mio. millionen mill. millones millón millon "
            "milioni milione miljoen miljoenen milionów miliony млн млн. миллионов миллиона "
            "мільйонів мільйона"),
    ("1e7", "crore crores cr"),
    ("1e9", "billion billions b bn bln bln. mrd mrd. milliarde milliarden md mds milliard "
            "milliards mil_millones miliardi miliardo miljard miljarden mld mld. miliardów "
            "млрд млрд. миллиардов миллиарда мільярдів мільярда"),
    ("1e12", "trillion trillions tn trn tr trln billionen bio bio. billones billón трлн трлн."),
    ("12", "dozen"),
):
    for _form in _forms.split():
        _SCALES[_form.replace("_", " ")] = Decimal(_factor)  # "_" joins a two-word form
_SCALES["mil"] = Decimal("1e3")  # Spanish/Portuguese; only read in those languages
# Where "billion"/"trillion" mean 10^12/10^18 (long scale).
_LONG_SCALE_LANGUAGES = frozenset("de fr es it nl pl da sv no nb nn fi cs sk hu sl hr".split())
_LONG_SCALE = {"billion": Decimal("1e12"), "billions": Decimal("1e12"),
               "trillion": Decimal("1e18"), "trillions": Decimal("1e18")}
# Single letters need a currency nearby ("$5m", "5bn euros"); "5m" alone is five metres.
_MONEY_ONLY_SCALES = frozenset({"k", "m", "b"})

# --------------------------------------------------------------------- units

# Measures: canonical unit -> forms. Abbreviations are case-sensitive; words are not.
_MEASURE_WORDS = {
    "km2": "square kilometres|square kilometers|square kilometre|square kilometer|sq km|sq. km",
    "m2": "square metres|square meters|square metre|square meter|sq m|sq. m",
    "m3": "cubic metres|cubic meters|cubic metre|cubic meter",
    "nautical miles": "nautical miles|nautical mile",
    "square miles": "square miles|square mile|sq mi",
    "km": "kilometres|kilometers|kilometre|kilometer",
    "m": "metres|meters|metre|meter",
    "cm": "centimetres|centimeters|centimetre|centimeter",
    "mm": "millimetres|millimeters|millimetre|millimeter",
    "miles": "miles|mile",
    "ft": "feet|foot",
    "ha": "hectares|hectare",
    "acres": "acres|acre",
    "tonnes": "metric tons|metric tonnes|metric ton|tonnes|tonne",
    "tons": "tons|ton",
    "kt": "kilotons|kilotonnes|kiloton|kilotonne",
    "Mt": "megatons|megatonnes|megaton|megatonne",
    "kg": "kilograms|kilogrammes|kilogram|kilogramme|kilos",
    "litres": "litres|liters|litre|liter",
    "gallons": "gallons|gallon",
    "barrels/day": "barrels per day|barrels a day|barrels of oil per day|barrels of oil a day",
    "barrels": "barrels|barrel",
    "MWh": "megawatt hours|megawatt-hours|megawatt hour|megawatt-hour",
    "GWh": "gigawatt hours|gigawatt-hours|gigawatt hour|gigawatt-hour",
    "TWh": "terawatt hours|terawatt-hours|terawatt hour|terawatt-hour",
    "kWh": "kilowatt hours|kilowatt-hours|kilowatt hour|kilowatt-hour",
    "MW": "megawatts|megawatt",
    "GW": "gigawatts|gigawatt",
    "kW": "kilowatts|kilowatt",
    "km/h": "kilometres per hour|kilometers per hour|kilometres an hour|kilometers an hour",
    "mph": "miles per hour|miles an hour",
    "knots": "knots",
    "°C": "degrees celsius|degrees centigrade",
    "°F": "degrees fahrenheit",
}
_MEASURE_ABBREVIATIONS = {
    "km2": "km2|km²", "m2": "m2|m²", "m3": "m3|m³", "bcm": "bcm", "km": "km|kms",
    "mm": "mm", "cm": "cm", "m": "m", "mi": "mi", "ft": "ft", "ha": "ha", "kg": "kg",
    "lb": "lbs|lb", "kt": "kt", "Mt": "Mt", "barrels/day": "bpd|b/d", "barrels": "bbl",
    "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "kWh": "kWh", "MW": "MW", "GW": "GW",
    "kW": "kW", "TW": "TW", "km/h": "km/h|kph|kmh", "mph": "mph", "°C": "°C|ºC", "°F": "°F",
}
# "15 bcm of gas" is 15 billion cubic metres.
_MEASURE_FACTORS = {"bcm": ("m3", Decimal("1e9")), "mi": ("miles", Decimal(1))}

# Counted nouns: canonical (plural) -> forms, longest first within the regex.
_COUNT_NOUNS = {
    "troops": "troops|troop",
    "soldiers": "soldiers|soldier|servicemen|serviceman|servicemembers|service members|"
                "service personnel",
    "personnel": "personnel",
    "fighters": "fighters",
    "militants": "militants|militant",
    "mercenaries": "mercenaries|mercenary",
    "conscripts": "conscripts|reservists|recruits",
    "officers": "police officers|policemen|officers|officer",
    "peacekeepers": "peacekeepers|peacekeeper",
    "people": "people|persons|person",
    "civilians": "civilians|civilian",
    "refugees": "refugees|refugee|asylum seekers|asylum-seekers",
    "migrants": "migrants|migrant",
    "residents": "residents|inhabitants",
    "citizens": "citizens",
    "children": "children|child|kids",
    "women": "women",
    "men": "men",
    "prisoners": "prisoners of war|prisoners|prisoner|POWs|detainees|captives",
    "hostages": "hostages|hostage",
    "casualties": "casualties",
    "deaths": "deaths|dead|fatalities",
    "wounded": "wounded|injured",
    "victims": "victims",
    "protesters": "protesters|protestors|demonstrators",
    "workers": "workers|employees|staff",
    "jobs": "jobs",
    "voters": "voters",
    "votes": "votes",
    "seats": "seats",
    "members": "members",
    "lawmakers": "lawmakers|MPs|deputies|senators",
    "journalists": "journalists",
    "doctors": "doctors|nurses|medics",
    "patients": "patients",
    "students": "students",
    "visitors": "visitors|tourists",
    "passengers": "passengers",
    "households": "households|families",
    "homes": "homes|houses|apartments|flats",
    "buildings": "buildings",
    "schools": "schools",
    "hospitals": "hospitals",
    "villages": "villages|settlements|towns",
    "tanks": "tanks|tank",
    "vehicles": "armoured vehicles|armored vehicles|vehicles|APCs|IFVs",
    "howitzers": "howitzers",
    "artillery pieces": "artillery pieces|guns",
    "launchers": "rocket launchers|launchers",
    "aircraft": "aircraft|airplanes|planes|warplanes",
    "jets": "fighter jets|jets",
    "helicopters": "helicopters",
    "drones": "drones|drone|UAVs",
    "missiles": "missiles|missile",
    "rockets": "rockets",
    "shells": "artillery shells|shells|shell",
    "rounds": "rounds of ammunition|rounds",
    "bombs": "bombs",
    "mines": "landmines|mines",
    "rifles": "rifles|weapons",
    "ships": "warships|ships|vessels|boats",
    "submarines": "submarines",
    "trucks": "trucks|lorries",
    "cars": "cars",
    "containers": "containers",
    "flights": "flights",
    "doses": "doses|vaccines",
    "cases": "cases|infections",
    "animals": "animals|cattle|sheep",
}
# Singular forms count only one ("one soldier"); "5,000 troop deployment" is an adjective.
_SINGULAR_COUNT_FORMS = frozenset(
    "troop soldier serviceman militant mercenary officer peacekeeper person civilian refugee "
    "migrant child prisoner hostage tank drone missile shell".split()
)
# Participles that count people only right after the number ("12 dead", "30 wounded").
_ADJACENT_ONLY = frozenset({"dead", "wounded", "injured"})
# Words allowed between a number and its counted noun ("10,000 more Ukrainian troops").
_MODIFIERS = (
    "more|additional|extra|new|foreign|military|armed|active|armou?red|artillery|heavy|"
    "combat|battle|cruise|ballistic|anti-aircraft|anti-tank|long-range|short-range|"
    "medium-range|air|naval|civilian|internally|displaced|enemy|elite|special|unmanned|"
    "attack|suicide|kamikaze|modern|used|reserve|contract|regular|local|international|"
    "young|innocent|unarmed|injured|wounded|missing|dead|killed|killed|fleeing|registered|"
    "main|surface-to-air|air-defen[cs]e|self-propelled|precision-guided|"
    "\\d+(?:\\.\\d+)?[\\s-]?mm|\\d+-millimet(?:er|re)|"
    # A capitalised word ("Ukrainian", "Abrams"); case-sensitive inside the case-blind pattern.
    "(?-i:(?!(?:The|This|That|These|Those|In|On|At|Of|And|But|For|It|He|She|We|They|I)\\b)"
    "[A-Z][\\w’'.-]*)"
)

# ------------------------------------------------------------------- regexes

_SP = "[ \u00a0\u202f]"


def _alternation(forms: list[str]) -> str:
    # A space inside a form matches any whitespace ("hong  kong dollars" across a line break).
    return alternation(forms, flexible_space=True)


# In counting order, not longest first: teens are tried before units, tens before both.
_UNITS_WORD = "|".join(NUMBER_UNITS)
_TEENS_WORD = "|".join(NUMBER_TEENS)
_TENS_WORD = "|".join(NUMBER_TENS)
_SMALL_WORD = f"(?:(?:{_TENS_WORD})(?:[\\s-](?:{_UNITS_WORD}))?|{_TEENS_WORD}|{_UNITS_WORD})"
_BIG_WORD = "(?:hundred|thousand|million|billion|trillion|dozen)"
_WORD_NUMBER_RE = re.compile(
    rf"""(?ix)
    (?: (?:a|one|three)[\s-]+quarters?[\s-]+of[\s-]+an? (?=[\s-]+{_BIG_WORD}\b)
      | (?:{_SMALL_WORD}|an?)[\s-]+hundred (?:[\s-]+(?:and[\s-]+)?{_SMALL_WORD})?
      | {_SMALL_WORD} (?:\s+and\s+a\s+half(?=[\s-]+{_BIG_WORD}\b))?
      | (?:an?|half(?:[\s-]+an?)?) (?=[\s-]+{_BIG_WORD}\b)
    )\b"""
)

_PREFIX_RE = re.compile(
    "(?P<sign>" + _alternation(list(_PREFIX_SIGNS)) + r")" + f"{_SP}?(?=\\d)"
    "|(?<![A-Za-z])(?P<code>" + "|".join(sorted(_ISO_CODES | set(_CODE_ALIASES))) + ")"
    f"{_SP}?(?=\\d)"
)
# Digits with optional grouping; the parser decides what each mark means.
_DIGITS_RE = re.compile(r"\d+(?:[.,'’\u00a0\u202f]\d+)*")
_DOT_THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}\.\d{3}")
# European texts also group with plain spaces ("3 800 000 euros").
_DIGITS_SPACED_RE = re.compile(r"\d{1,3}(?: \d{3})+(?!\d)(?:,\d+)?")

_SCALE_RE = re.compile(
    r"(?P<sep>" + _SP + r"?-?" + _SP + r"?)(?P<scale>" + _alternation(list(_SCALES)) + r")"
    r"(?![\w])",
    re.IGNORECASE,
)
_APPROX_SUFFIX_RE = re.compile(r"\+(?!\d)|-plus\b|-odd\b|\s+odd\b(?=\s)", re.IGNORECASE)
_PERCENT_RE = re.compile(
    _SP + r"?(?:%|‰|percent\b|per\s+cent\b|pct\b|pc\b|percentage\s+points?\b|basis\s+points?\b"
    r"|bps\b|Prozent\b|pour\s+cent\b|por\s+ciento\b|per\s+cento\b|процент|відсот)",
    re.IGNORECASE,
)
_SUFFIX_SIGN_RE = re.compile(
    f"{_SP}?(?:-{_SP}?)?(?P<sign>" + _alternation(list(_SUFFIX_SIGNS)) + r")(?![A-Za-z\d])"
    f"|{_SP}?(?P<code>" + "|".join(sorted(_ISO_CODES | set(_CODE_ALIASES))) + r")\b"
)
_CURRENCY_WORD_RE = re.compile(
    r"(?:\s+|-|(?<=['’]))(?P<word>" + _alternation(list(_CURRENCY_WORDS)) + r")(?![\w])",
    re.IGNORECASE,
)
_SCALE_LINK_RE = re.compile(r"\s+(?:de|d['’](?=\w))", re.IGNORECASE)
_MEASURE_WORD_LOOKUP = {form: unit for unit, forms in _MEASURE_WORDS.items()
                        for form in forms.split("|")}
_MEASURE_WORD_RE = re.compile(
    r"(?:\s+|-)(?P<unit>" + _alternation(list(_MEASURE_WORD_LOOKUP)) + r")(?![\w])",
    re.IGNORECASE,
)
_MEASURE_ABBREVIATION_LOOKUP = {form: unit for unit, forms in _MEASURE_ABBREVIATIONS.items()
                                for form in forms.split("|")}
_MEASURE_ABBREVIATION_RE = re.compile(
    f"(?:{_SP}|-)?(?P<unit>" + _alternation(list(_MEASURE_ABBREVIATION_LOOKUP)) + r")(?![\w²³/])"
)
_COUNT_LOOKUP = {form.lower(): unit for unit, forms in _COUNT_NOUNS.items()
                 for form in forms.split("|")}
_COUNT_RE = re.compile(
    rf"(?:\s+(?:{_MODIFIERS})){{0,2}}\s+(?P<unit>"
    + _alternation([form for forms in _COUNT_NOUNS.values() for form in forms.split("|")])
    + r")(?![\w-])",
    re.IGNORECASE,
)
# The start of anything that could be an amount.
_START_RE = re.compile(
    r"(?<![\w.,:/\-'’#+№])(?:"
    + _PREFIX_RE.pattern.replace("(?P<sign>", "(?:").replace("(?P<code>", "(?:")
    + r"|\d"
    + rf"|(?i:\b(?:{_UNITS_WORD}|{_TEENS_WORD}|{_TENS_WORD})\b"
    + rf"|\b(?:an?|half)(?=[\s-]+(?:an?[\s-]+)?{_BIG_WORD}\b)"
    + rf"|\ba(?=[\s-]+quarter[\s-]+of[\s-]+an?[\s-]+{_BIG_WORD}\b))"
    + ")"
)
_RANGE_SEP_RE = re.compile(r"\s*(?P<sep>[-–—]|to\b|and\b|or\b)\s*", re.IGNORECASE)

# Words just before a number that make it approximate ("about", "more than", ...).
_APPROX_BEFORE = frozenset(
    "about|around|roughly|nearly|almost|some|approximately|approx|approx.|circa|ca.|c."
    "|over|under|estimated|above|below|more than|less than|fewer than|up to|at least|at most"
    "|an estimated|close to|upwards of|just over|just under|well over|well above|just below"
    "|nigh on|in excess of|as many as|as much as|as few as|as little as|no more than"
    "|not more than|etwa|rund|ungefähr|knapp|fast|mehr als|über|bis zu|environ|près de"
    "|plus de|moins de|jusqu'à|aproximadamente|unos|unas|más de|casi|quasi|oltre|около"
    "|почти|более|свыше|до|близько|майже|понад|більше|~|≈|±".split("|")
)
_BETWEEN_BEFORE = frozenset("between zwischen entre tra fra між между".split())
_FROM_BEFORE = frozenset("from von от від".split())
_RANGE_VERBS = frozenset("range ranges ranging ranged vary varies varying varied".split())
# A number after these words is a reference (Article 5, page 12, flight 370), not an amount.
_REFERENCE_BEFORE = frozenset(
    "article articles art. section sec. paragraph para. clause chapter page pages p. pp. no. "
    "nos. number room flight route resolution line item rule part volume vol. table figure "
    "fig. exhibit grade level stage episode season phase tier category model version "
    "platform gate highway bus apartment appendix annex protocol amendment decree verse "
    "psalm tel. phone call dial fax ward district precinct stand seat row lot".split()
)
# A plain four-digit number after these words is a year ("in 2024", "March 2024", "Sept. 2024").
_YEAR_BEFORE = frozenset(
    "in since by until till before after during from of year early late mid spring summer "
    "autumn fall winter through to and the between circa c.".split()
) | frozenset(MONTHS_EN) | frozenset(
    form for abbreviation in (*MONTH_ABBREVIATIONS_EN, "sept") for form in (abbreviation, abbreviation + ".")
    if form != "may."  # "May." ends a sentence: the sentence-end rule already reads it
)
_APPROX_AFTER_RE = re.compile(r"\s+or\s+(?:so|more)\b", re.IGNORECASE)
# Tokens of the words before a number: words (with a trailing dot), signs, sentence ends.
_TOKEN_BEFORE_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?\.?|[~≈±]|[.!?](?=\s)|\n")
# After the number: a time, a date, a score or a longer code continues it.
_CONTINUES_RE = re.compile(r"[:/]\d|[.,]\d|-\d{3,}|\d|(?:st|nd|rd|th)\b", re.IGNORECASE)

# Evidence for the way a text writes numbers.
_EUROPEAN_EVIDENCE_RE = re.compile(
    r"\b\d{1,3}(?:\.\d{3})+,\d+\b|\b\d{1,3}(?:\.\d{3}){2,}(?![\d,])"
    r"|\b\d+,\d{1,2}\s?(?:Mrd|Mio|Md|Mds|mld|mln|Tsd|Bio|Milliard|Million|€|EUR|Euro|млн|млрд)"
)
_ENGLISH_EVIDENCE_RE = re.compile(
    r"\b\d{1,3}(?:,\d{3})+\.\d+\b|\b\d{1,3}(?:,\d{3}){2,}(?![\d.])"
    r"|\b\d+\.\d{1,2}\s?(?:billion|million|trillion|bn|mn|m\b|tn)"
)
_DECIMAL_COMMA_LANGUAGES = frozenset(
    "de fr es it pt nl ru uk pl cs sk sl hr sr bs mk ro hu bg el tr sv da no nb nn fi et lv "
    "lt is az ka kk be id vi ca eu gl".split()
)
_DECIMAL_POINT_LANGUAGES = frozenset("en zh ja ko he hi th ms tl ga mt".split())


def uses_decimal_comma(text: str, language: str = "en") -> bool:
    """Whether `text` writes decimals with a comma (`3,8 Mrd`) rather than a point.

    Languages that write a decimal comma say yes; for English, languages that
    write a point, and unknown ones the text's own numbers decide, and a tie
    (or no evidence) keeps the decimal point.
    """
    code = (language or "").lower().replace("_", "-").split("-")[0]
    if code in _DECIMAL_COMMA_LANGUAGES:
        return True
    european = len(_EUROPEAN_EVIDENCE_RE.findall(text))
    if not european:
        return False
    return european > len(_ENGLISH_EVIDENCE_RE.findall(text))


# ------------------------------------------------------------------- parsing


def _parse_digits(raw: str, decimal_comma: bool) -> Decimal | None:
    """The value of a digit string with grouping/decimal marks, or None if malformed."""
    digits = raw.replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace("’", "")
    if " " in digits:  # only the European spaced form reaches here
        digits = digits.replace(" ", "")
        decimal_comma = True
    has_comma, has_dot = "," in digits, "." in digits
    if has_comma and has_dot:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        integer, _, fraction = digits.rpartition(decimal_mark)
        if group_mark in fraction or decimal_mark in integer:
            return None
        groups = integer.split(group_mark)
    elif has_comma or has_dot:
        mark = "," if has_comma else "."
        parts = digits.split(mark)
        if len(parts) > 2:
            groups, fraction = parts, ""
        else:
            integer, fraction = parts
            grouping_reading = len(fraction) == 3 and 1 <= len(integer) <= 3 and integer != "0"
            reads_as_group = (mark == ".") == decimal_comma
            if grouping_reading and reads_as_group:
                groups, fraction = parts, ""
            else:
                groups = [integer]
    else:
        groups, fraction = [digits], ""
    if len(groups) > 1:
        # Western groups of three, or Indian lakh grouping (1,00,00,000).
        tail_ok = all(len(g) == 3 for g in groups[1:]) or (
            len(groups[-1]) == 3 and all(len(g) == 2 for g in groups[1:-1])
        )
        if not tail_ok or not 1 <= len(groups[0]) <= 3:
            return None
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None


def _parse_words(words: str) -> Decimal:
    tokens = re.split(r"[\s-]+", words.lower())
    if "quarter" in tokens or "quarters" in tokens:  # "a quarter of a", "three quarters of a"
        return Decimal("0.75") if tokens[0] == "three" else Decimal("0.25")
    total = Decimal(0)
    for index, token in enumerate(tokens):
        if token in ("a", "an"):
            # "a hundred", "a million", or the "a" of "two and a half"
            if index == 0:
                total += 1
        elif token == "half":
            total += Decimal("0.5")
        elif token == "hundred":
            total = (total or Decimal(1)) * 100
        elif token in NUMBER_WORD_VALUES:
            total += NUMBER_WORD_VALUES[token]
    return total


@dataclass(slots=True)
class _Number:
    """A number with its currency prefix and scale, before any unit."""

    start: int
    end: int
    number_end: int       # end of the digits/words, before the scale
    value: Decimal        # number x scale
    number: Decimal       # the bare number
    scale: Decimal | None
    scale_word: str | None
    currency: str | None  # from a prefix sign or code
    approximate: bool     # "5,000+", "40-odd"
    plain_digits: bool    # digits only, no separators: could be a year
    regrouped: Decimal | None = None  # "5.000" read with the dot grouping thousands


@dataclass(slots=True)
class _Unit:
    end: int
    unit: str
    kind: AmountKind
    factor: Decimal = Decimal(1)


class _Scanner:
    def __init__(self, text: str, language: str, decimal_comma: bool) -> None:
        self.text = text
        self.language = (language or "").lower().split("-")[0]
        self.decimal_comma = decimal_comma
        self._before_cache: dict[int, list[tuple[str, int]]] = {}
        self._sterling_text: bool | None = None

    # A number at `pos`, with currency prefix and scale.
    def number(self, pos: int, money_context: bool = False) -> _Number | None:
        text = self.text
        currency = None
        prefix = _PREFIX_RE.match(text, pos)
        cursor = pos
        if prefix:
            if prefix.group("sign"):
                currency = _PREFIX_SIGNS[prefix.group("sign")]
                if currency == "JPY" and self.language == "zh":
                    currency = "CNY"
            else:
                code = prefix.group("code")
                currency = _CODE_ALIASES.get(code, code)
            cursor = prefix.end()
        plain_digits = False
        spaced = _DIGITS_SPACED_RE.match(text, cursor) if self.decimal_comma else None
        digits = spaced or _DIGITS_RE.match(text, cursor)
        if digits:
            number = _parse_digits(digits.group(), self.decimal_comma)
            if number is None:
                return None
            plain_digits = digits.group().isdigit()
            cursor = digits.end()
            if _CONTINUES_RE.match(text, cursor):
                return None
        elif currency is None:
            words = _WORD_NUMBER_RE.match(text, cursor)
            if not words:
                return None
            number = _parse_words(words.group())
            cursor = words.end()
        else:
            return None
        number_end = cursor
        value, scale, scale_word = number, None, None
        money = money_context or currency is not None
        approximate = False
        for _ in range(2):  # "1.5 lakh crore"
            found = _SCALE_RE.match(text, cursor)
            if not found:
                break
            word = found.group("scale")
            factor = self._scale_factor(word)
            if factor is None:
                break
            lowered = word.lower()
            if lowered in _MONEY_ONLY_SCALES:
                if found.group("sep") or not (money or lowered == "m" or lowered == "k"):
                    break  # "5 m" is metres; "5b" needs a currency
            elif lowered == "dozen" and (digits or scale is not None):
                break
            scale = factor if scale is None else scale * factor
            scale_word = word if scale_word is None else scale_word + " " + word
            value *= factor
            cursor = found.end()
        regrouped = None
        if scale is None and digits and not self.decimal_comma \
                and _DOT_THOUSANDS_RE.fullmatch(digits.group()):
            regrouped = _parse_digits(digits.group(), True)
        approx_suffix = _APPROX_SUFFIX_RE.match(text, cursor)
        if approx_suffix:
            approximate = True
            cursor = approx_suffix.end()
        return _Number(pos, cursor, number_end, value, number, scale, scale_word, currency,
                       approximate, plain_digits, regrouped)

    def _scale_factor(self, word: str) -> Decimal | None:
        lowered = " ".join(word.lower().split())
        if lowered == "mil" and self.language not in ("es", "pt", "ca", "gl"):
            return None
        if lowered in _LONG_SCALE and self.language in _LONG_SCALE_LANGUAGES:
            return _LONG_SCALE[lowered]
        return _SCALES.get(lowered)

    def unit(self, number: _Number) -> _Unit | None:
        """The unit after a number: a currency, a measure or a counted noun."""
        found = self._unit(number)
        if found is not None and number.regrouped is not None and found.unit in _COUNT_NOUNS:
            # "5.000 soldiers" in an English text: nobody counts five soldiers as 5.000, so
            # the dot groups thousands ("$3.499 a gallon" and "1.250 million" keep the point).
            number.number = number.value = number.regrouped
        return found

    def _unit(self, number: _Number) -> _Unit | None:
        text, cursor = self.text, number.end
        if _PERCENT_RE.match(text, cursor):
            return None
        sign = _SUFFIX_SIGN_RE.match(text, cursor)
        if sign and number.currency is None:
            if sign.group("sign"):
                return _Unit(sign.end(), _SUFFIX_SIGNS[sign.group("sign")], "money")
            code = sign.group("code")
            return _Unit(sign.end(), _CODE_ALIASES.get(code, code), "money")
        word = _CURRENCY_WORD_RE.match(text, cursor)
        if word is None and number.scale is not None:
            # "3 milliards d'euros", "5 millones de dólares"
            linked = _SCALE_LINK_RE.match(text, cursor)
            if linked:
                word = _CURRENCY_WORD_RE.match(text, linked.end())
        if word and number.currency is None:
            name = re.sub(r"\s+", " ", word.group("word").lower())
            if name in ("pound", "pounds") and self._pounds_are_weight(word):
                return _Unit(word.end(), "lb", "quantity")
            # "3 won" with no scale is more often a stray verb than Korean money.
            if not (name == "won" and number.scale is None):
                code, factor = _CURRENCY_WORDS[name]
                return _Unit(word.end(), code, "money", factor)
        if number.currency is not None:
            return _Unit(cursor, number.currency, "money")
        # Quantities.
        if number.scale_word and number.scale_word.lower() in ("m", "k"):
            counted = _COUNT_RE.match(text, cursor)
            if counted:
                return self._counted(counted, number)
            if number.scale_word.lower() == "k":
                return None
            # "5m" with no currency and nothing counted: five metres.
            abbreviation = _MEASURE_ABBREVIATION_RE.match(text, number.number_end)
            if abbreviation:
                number.value, number.scale, number.scale_word = number.number, None, None
                number.end = number.number_end
                return self._measure(abbreviation, _MEASURE_ABBREVIATION_LOOKUP)
            return None
        abbreviation = _MEASURE_ABBREVIATION_RE.match(text, cursor)
        if abbreviation:
            return self._measure(abbreviation, _MEASURE_ABBREVIATION_LOOKUP)
        measure = _MEASURE_WORD_RE.match(text, cursor)
        if measure:
            return self._measure(measure, _MEASURE_WORD_LOOKUP)
        counted = _COUNT_RE.match(text, cursor)
        if counted:
            return self._counted(counted, number)
        return None

    def _pounds_are_weight(self, word: re.Match[str]) -> bool:
        """Bare "pounds" is weight when hyphened ("a 160-pound wrestler"), followed by "of"
        ("500 pounds of explosives"), or in a text that prices in dollars and never in
        sterling; otherwise it is money (GBP)."""
        if self.text[word.start()] == "-" or re.match(r"\s+of\b", self.text[word.end():]):
            return True
        if self._sterling_text is None:
            self._sterling_text = "£" in self.text or "GBP" in self.text \
                or "sterling" in self.text.lower() or "$" not in self.text
        return not self._sterling_text

    def _measure(self, found: re.Match[str], lookup: dict[str, str]) -> _Unit:
        form = found.group("unit")
        unit = lookup.get(form) or lookup[re.sub(r"\s+", " ", form.lower())]
        end = found.end()
        if unit in _MEASURE_FACTORS:
            unit, factor = _MEASURE_FACTORS[unit]
            return _Unit(end, unit, "quantity", factor)
        return _Unit(end, unit, "quantity")

    def _counted(self, found: re.Match[str], number: _Number) -> _Unit | None:
        form = re.sub(r"\s+", " ", found.group("unit").lower())
        if form in _SINGULAR_COUNT_FORMS and number.value != 1:
            return None  # "33 civilian fire injuries": a singular after a count is an adjective
        if form in _ADJACENT_ONLY and self.text[found.start():found.start("unit")].strip():
            return None  # "29 New Yorkers wounded": the count is of New Yorkers
        return _Unit(found.end(), _COUNT_LOOKUP[form], "quantity")

    def words_before(self, start: int) -> list[tuple[str, int]]:
        """Up to three lower-cased words right before `start`, nearest first, with offsets.

        Only whitespace may separate them: "about, 5" has no word right before 5.
        """
        cached = self._before_cache.get(start)
        if cached is not None:
            return cached
        window_start = max(0, start - 40)
        tokens = list(_TOKEN_BEFORE_RE.finditer(self.text, window_start, start))
        words: list[tuple[str, int]] = []
        gap_end = start
        for token in reversed(tokens):
            if self.text[token.end():gap_end].strip() or len(words) == 3:
                break
            words.append((token.group().lower(), token.start()))
            gap_end = token.start()
        self._before_cache[start] = words
        return words

    def _phrase_before(self, start: int, phrases: frozenset[str]) -> int | None:
        """Where a phrase of `phrases` ends right before `start` begins, or None."""
        words = self.words_before(start)
        for count in (3, 2, 1):
            if len(words) >= count:
                phrase = " ".join(word for word, _ in reversed(words[:count]))
                if phrase in phrases:
                    return words[count - 1][1]
        return None

    def is_reference_or_year(self, number: _Number) -> bool:
        """A reference number (Article 5) or a year (in 2024) rather than an amount."""
        if number.currency is not None:
            return False
        words = self.words_before(number.start)
        previous = words[0][0] if words else ""
        if previous in _REFERENCE_BEFORE:
            return True
        if number.plain_digits and number.scale is None and 1000 <= number.number <= 2100:
            # After a temporal word, or opening a sentence or line ("2024 saw ...").
            line_start = self.text.rfind("\n", 0, number.start) + 1
            return (previous in _YEAR_BEFORE or previous.endswith((".", "!", "?", "\n"))
                    or not self.text[line_start:number.start].strip())
        return False

    def approximate_before(self, start: int) -> bool:
        return self._phrase_before(start, _APPROX_BEFORE) is not None

    def between_before(self, start: int) -> int | None:
        return self._phrase_before(start, _BETWEEN_BEFORE)

    def change_from_before(self, start: int) -> bool:
        """A "from" before the number that opens a change ("rose from 2 to 3"), not a range
        ("ranging from 2 to 3")."""
        words = self.words_before(start)
        if not words:
            return False
        if words[0][0] == "by":  # "rose by 2,000 to 12,000 troops"
            return True
        if words[0][0] not in _FROM_BEFORE:
            return False
        return len(words) < 2 or words[1][0] not in _RANGE_VERBS


def _record(text: str, start: int, end: int, value: Decimal, value_max: Decimal | None,
            unit: str, kind: AmountKind, approximate: bool) -> Amount:
    return Amount(
        start=start,
        end=end,
        text=text[start:end],
        value=float(value),
        unit=unit,
        approximate=approximate,
        value_max=float(value_max) if value_max is not None else None,
        kind=kind,
    )


def find_amounts(text: str, *, language: str = "en",
                 decimal_comma: bool | None = None) -> tuple[Amount, ...]:
    """Money amounts and quantities in `text`, in text order, as `Amount` records.

    Offsets are Python str offsets, half-open; `value` is a range's lower end
    and `value_max` its upper end (else None); `unit` is an ISO 4217 code for
    money, else a unit name such as "troops" or "km". `decimal_comma` None
    decides from `language` and the text itself (`uses_decimal_comma`).
    """
    if not text:
        return ()
    if decimal_comma is None:
        decimal_comma = uses_decimal_comma(text, language)
    scanner = _Scanner(text, language, decimal_comma)
    found: list[Amount] = []
    pos = 0
    while True:
        start_match = _START_RE.search(text, pos)
        if not start_match:
            break
        start = start_match.start()
        lower = scanner.number(start)
        if lower is None or scanner.is_reference_or_year(lower):
            pos = max(start_match.end(), lower.end if lower else 0, start + 1)
            continue
        if _PERCENT_RE.match(text, lower.end):
            pos = lower.end
            continue
        records, pos = _read_amount(scanner, lower)
        found.extend(records)
        pos = max(pos, start + 1)
    return tuple(found)


def _read_amount(scanner: _Scanner, lower: _Number) -> tuple[list[Amount], int]:
    """The amount (or range, or pair of amounts) that starts with `lower`."""
    text = scanner.text
    lower_unit = scanner.unit(lower)
    after_lower = lower_unit.end if lower_unit else lower.end
    between_start = scanner.between_before(lower.start)
    separator = _RANGE_SEP_RE.match(text, after_lower)
    # "from 2 to 3 million" is a change (two amounts); "from 5,000-7,000" is still a range.
    from_change = bool(separator) and separator.group("sep").lower() == "to" \
        and scanner.change_from_before(lower.start)
    if separator and _range_separator_allowed(separator.group("sep"), between_start is not None):
        money_context = lower.currency is not None or (
            lower_unit is not None and lower_unit.kind == "money")
        upper = scanner.number(separator.end(), money_context=money_context)
        if upper is not None and not scanner.is_reference_or_year(upper) \
                and not _PERCENT_RE.match(text, upper.end):
            if upper.currency is None and lower.currency is not None:
                upper.currency = lower.currency
            upper_unit = scanner.unit(upper)
            result = _combine(scanner, lower, lower_unit, upper, upper_unit,
                              between_start, from_change)
            if result is not None:
                return result
    if lower_unit is None:
        return [], lower.end
    approximate = lower.approximate or scanner.approximate_before(lower.start) \
        or bool(_APPROX_AFTER_RE.match(text, lower_unit.end))
    return [_record(text, lower.start, lower_unit.end, lower.value * lower_unit.factor, None,
                    lower_unit.unit, lower_unit.kind, approximate)], lower_unit.end


def _range_separator_allowed(separator: str, after_between: bool) -> bool:
    separator = separator.lower()
    if separator == "and":
        return after_between
    return True


def _combine(scanner: _Scanner, lower: _Number, lower_unit: _Unit | None, upper: _Number,
             upper_unit: _Unit | None, between_start: int | None,
             is_change: bool) -> tuple[list[Amount], int] | None:
    """A range (or a from-to change) of two numbers, or None when they do not make one."""
    text = scanner.text
    unit = upper_unit or lower_unit
    if unit is None:
        return None
    if lower_unit and upper_unit and (lower_unit.unit, lower_unit.kind, lower_unit.factor) != (
            upper_unit.unit, upper_unit.kind, upper_unit.factor):
        return None  # "1,000 troops or 50 tanks"; "rose 12 cents to $3.10"
    lower_value = lower.value
    if lower.scale is None and upper.scale is not None and lower.number <= upper.number:
        lower_value = lower.number * upper.scale  # "$2-3 billion"
    if lower_unit is None:
        lower_factor = unit.factor
    else:
        lower_factor = lower_unit.factor
    lower_value *= lower_factor
    upper_value = upper.value * unit.factor
    approximate_lower = lower.approximate or scanner.approximate_before(lower.start)
    if is_change:
        lower_end = lower_unit.end if lower_unit else lower.end
        return [
            _record(text, lower.start, lower_end, lower_value, None, unit.unit, unit.kind,
                    approximate_lower),
            _record(text, upper.start, unit.end, upper_value, None, unit.unit, unit.kind,
                    upper.approximate or scanner.approximate_before(upper.start)
                    or bool(_APPROX_AFTER_RE.match(text, unit.end))),
        ], unit.end
    if lower_value > upper_value:
        return None  # "3-2" is a score or a change, not a range
    start = lower.start
    if between_start is not None:
        start = between_start
        approximate_lower = approximate_lower or scanner.approximate_before(start)
    approximate = approximate_lower or upper.approximate or bool(
        _APPROX_AFTER_RE.match(text, unit.end))
    return [_record(text, start, unit.end, lower_value, upper_value, unit.unit, unit.kind,
                    approximate)], unit.end
