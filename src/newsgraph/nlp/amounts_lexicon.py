"""The tables amounts are read with: currencies, scale words, measures, counted nouns, context words.

Plain data for `newsgraph.nlp.amounts`; the readers (amounts_numbers,
amounts_scanner) build their patterns from these. Calendar words and number
words come from `newsgraph.lexicon`, shared with the other stages.
"""

from __future__ import annotations

from decimal import Decimal

from newsgraph.lexicon import MONTH_ABBREVIATIONS_EN, MONTHS_EN

# ---------------------------------------------------------------- currencies

# Signs and prefixed forms, read before the number (and most of them after it too).
PREFIX_SIGNS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "Can$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD",
    "MX$": "MXN", "Mex$": "MXN", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP",
    "₴": "UAH", "₽": "RUB", "CN¥": "CNY", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR",
    "₩": "KRW", "₪": "ILS", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₫": "VND", "₸": "KZT",
    "₾": "GEL", "฿": "THB", "SFr.": "CHF", "Fr.": "CHF",
}
SUFFIX_SIGNS: dict[str, str] = {
    "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₪": "ILS", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₫": "VND", "₸": "KZT", "₾": "GEL",
    "฿": "THB", "$": "USD", "zł": "PLN", "Kč": "CZK", "Fr.": "CHF", "грн.": "UAH", "грн": "UAH",
    "руб.": "RUB", "руб": "RUB", "дол.": "USD",
}
# ISO 4217 codes likely in news; a code counts only when upper case and next to a number.
ISO_CODES = frozenset(
    "USD EUR GBP JPY CNY UAH RUB CHF INR AUD CAD HKD NZD SGD TWD SEK NOK DKK ISK PLN CZK HUF "
    "RON BGN HRK RSD TRY ILS ZAR BRL MXN ARS CLP COP PEN KRW THB IDR MYR PHP VND PKR BDT LKR "
    "NPR SAR AED QAR KWD BHD OMR JOD EGP MAD TND DZD NGN KES GHS ETB GEL AMD AZN KZT UZS BYN "
    "MDL IRR IQD SYP LBP AFN MNT XOF XAF XDR".split()
)
CODE_ALIASES = {"RMB": "CNY"}

# Currency words -> (ISO code, factor). Multi-word forms are spelled with single spaces.
CURRENCY_WORDS: dict[str, tuple[str, Decimal]] = {}


def _add_currency(code: str, *forms: str, factor: str = "1") -> None:
    for form in forms:
        CURRENCY_WORDS[form] = (code, Decimal(factor))


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
# some languages; see LONG_SCALE.
SCALES: dict[str, Decimal] = {}
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
        SCALES[_form.replace("_", " ")] = Decimal(_factor)  # "_" joins a two-word form
SCALES["mil"] = Decimal("1e3")  # Spanish/Portuguese; only read in those languages
# Where "billion"/"trillion" mean 10^12/10^18 (long scale).
LONG_SCALE_LANGUAGES = frozenset("de fr es it nl pl da sv no nb nn fi cs sk hu sl hr".split())
LONG_SCALE = {"billion": Decimal("1e12"), "billions": Decimal("1e12"),
              "trillion": Decimal("1e18"), "trillions": Decimal("1e18")}
# Single letters need a currency nearby ("$5m", "5bn euros"); "5m" alone is five metres.
MONEY_ONLY_SCALES = frozenset({"k", "m", "b"})

# --------------------------------------------------------------------- units

# Measures: canonical unit -> forms. Abbreviations are case-sensitive; words are not.
MEASURE_WORDS = {
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
    "°C": "degrees celsius|degrees centigrade|degrees c|degree celsius|degree c",
    "°F": "degrees fahrenheit|degrees f|degree fahrenheit|degree f",
    "degrees": "degrees|degree",  # a temperature or an angle the text does not scale
}
MEASURE_ABBREVIATIONS = {
    "km2": "km2|km²", "m2": "m2|m²", "m3": "m3|m³", "bcm": "bcm", "km": "km|kms",
    "mm": "mm", "cm": "cm", "m": "m", "mi": "mi", "ft": "ft", "ha": "ha", "kg": "kg",
    "lb": "lbs|lb", "kt": "kt", "Mt": "Mt", "barrels/day": "bpd|b/d", "barrels": "bbl",
    "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "kWh": "kWh", "MW": "MW", "GW": "GW",
    "kW": "kW", "TW": "TW", "km/h": "km/h|kph|kmh", "mph": "mph", "°C": "°C|ºC|° C", "°F": "°F|° F", "degrees": "°",
}
# "15 bcm of gas" is 15 billion cubic metres.
MEASURE_FACTORS = {"bcm": ("m3", Decimal("1e9")), "mi": ("miles", Decimal(1))}

# Counted nouns: canonical (plural) -> forms, longest first within the regex.
COUNT_NOUNS = {
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
SINGULAR_COUNT_FORMS = frozenset(
    "troop soldier serviceman militant mercenary officer peacekeeper person civilian refugee "
    "migrant child prisoner hostage tank drone missile shell".split()
)
# Participles that count people only right after the number ("12 dead", "30 wounded").
ADJACENT_ONLY_COUNT_FORMS = frozenset({"dead", "wounded", "injured"})
# Words allowed between a number and its counted noun ("10,000 more Ukrainian troops").
COUNT_MODIFIERS = (
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

# ------------------------------------------------------------ context words

# Words just before a number that make it approximate ("about", "more than", ...).
APPROXIMATE_BEFORE = frozenset(
    "about|around|roughly|nearly|almost|some|approximately|approx|approx.|circa|ca.|c."
    "|over|under|estimated|above|below|more than|less than|fewer than|up to|at least|at most"
    "|an estimated|close to|upwards of|just over|just under|well over|well above|just below"
    "|nigh on|plus or minus|in excess of|as many as|as much as|as few as|as little as|no more than"
    "|not more than|etwa|rund|ungefähr|knapp|fast|mehr als|über|bis zu|environ|près de"
    "|plus de|moins de|jusqu'à|aproximadamente|unos|unas|más de|casi|quasi|oltre|около"
    "|почти|более|свыше|до|близько|майже|понад|більше|~|≈|±".split("|")
)
BETWEEN_BEFORE = frozenset("between zwischen entre tra fra між между".split())
FROM_BEFORE = frozenset("from von от від".split())
RANGE_VERBS = frozenset("range ranges ranging ranged vary varies varying varied".split())
# A number after these words is a reference (Article 5, page 12, flight 370), not an amount.
REFERENCE_BEFORE = frozenset(
    "article articles art. section sec. paragraph para. clause chapter page pages p. pp. no. "
    "nos. number room flight route resolution line item rule part volume vol. table figure "
    "fig. exhibit grade level stage episode season phase tier category model version "
    "platform gate highway bus apartment appendix annex protocol amendment decree verse "
    "psalm tel. phone call dial fax ward district precinct stand seat row lot".split()
)
# A plain four-digit number after these words is a year ("in 2024", "March 2024", "Sept. 2024").
YEAR_BEFORE = frozenset(
    "in since by until till before after during from of year early late mid spring summer "
    "autumn fall winter through to and the between circa c.".split()
) | frozenset(MONTHS_EN) | frozenset(
    form for abbreviation in (*MONTH_ABBREVIATIONS_EN, "sept") for form in (abbreviation, abbreviation + ".")
)

# --------------------------------------------------------- decimal marks

# Languages that write a decimal comma (`3,8 Mrd`); for the others the text's own numbers decide.
DECIMAL_COMMA_LANGUAGES = frozenset(
    "de fr es it pt nl ru uk pl cs sk sl hr sr bs mk ro hu bg el tr sv da no nb nn fi et lv "
    "lt is az ka kk be id vi ca eu gl".split()
)
