"""Word tables shared by the stages: month and weekday names, number words, regex alternation.

Dateline and HTML-date parsing (ingest), text cleaning (ingest), temporal
expressions and amounts (nlp) all read calendars and numbers in words; they
take them from here so that a spelling added once is known everywhere.
Plain data and one helper; nothing here imports another newsgraph module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "MONTHS_EN",
    "MONTH_ABBREVIATIONS_EN",
    "MONTH_SPELLINGS",
    "MONTH_NAMES_BY_LANGUAGE",
    "NUMBER_TEENS",
    "NUMBER_TENS",
    "NUMBER_UNITS",
    "NUMBER_WORD_VALUES",
    "WEEKDAYS_EN",
    "WEEKDAY_SPELLINGS",
    "alternation",
]

MONTHS_EN = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
# The usual English abbreviations, month number = index + 1 ("sept" is the odd one out).
MONTH_ABBREVIATIONS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month names by language, full forms (genitive where the language declines them), in month order.
MONTH_NAMES_BY_LANGUAGE = {
    "en": MONTHS_EN,
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
           "листопада", "грудня"),
}


def _spellings(table: str) -> dict[str, int]:
    # One line per item: every spelling of it, separated by spaces; numbered from 1.
    return {spelling: number for number, line in enumerate(table.strip().splitlines(), start=1)
            for spelling in line.split()}


# Every spelling of each month that datelines use (name, abbreviation, other languages,
# nominative and genitive), lower case -> month number.
MONTH_SPELLINGS = _spellings("""
january jan jänner januar janvier enero січня січень января январь
february feb febr februar février fevrier febrero лютого лютий февраля февраль
march mar märz mars marzo березня березень марта март
april apr avril abril квітня квітень апреля апрель
may mai mayo травня травень мая май
june jun juni juin junio червня червень июня июнь
july jul juli juillet julio липня липень июля июль
august aug août aout agosto серпня серпень августа август
september sep sept septembre septiembre вересня вересень сентября сентябрь
october oct oktober octobre octubre жовтня жовтень октября октябрь
november nov novembre noviembre листопада листопад ноября ноябрь
december dec dez dezember décembre decembre diciembre грудня грудень декабря декабрь
""")

# Every spelling of each weekday, lower case -> 1 (Monday) .. 7 (Sunday).
WEEKDAY_SPELLINGS = _spellings("""
monday mon montag lundi lunes понеділок понедельник пн
tuesday tue tues dienstag mardi martes вівторок вторник вт
wednesday wed mittwoch mercredi miércoles середа среда ср
thursday thu thur thurs donnerstag jeudi jueves четвер четверг чт
friday fri freitag vendredi viernes пʼятниця п'ятниця пятница пт
saturday sat samstag samedi sábado субота суббота сб
sunday sun sonntag dimanche domingo неділя воскресенье нд вс
""")

NUMBER_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NUMBER_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen")
NUMBER_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORD_VALUES = {
    **{word: value for value, word in enumerate(NUMBER_UNITS, start=1)},
    **{word: value for value, word in enumerate(NUMBER_TEENS, start=10)},
    **{word: value for value, word in zip(range(20, 100, 10), NUMBER_TENS)},
}


def alternation(words: Iterable[str], *, flexible_space: bool = False, capitalised: bool = False) -> str:
    """A regex alternation of `words`, escaped, longest first (so "sept" is tried before "sep").

    With `flexible_space`, a space inside a word matches any run of whitespace.
    With `capitalised`, only the capitalised and upper-case spelling of each word ("May",
    "MAY", never the modal "may"), held case-sensitive even inside a case-insensitive
    pattern: the alternation comes back as one group, (?-i:...).
    """
    if capitalised:
        words = [spelling for word in words for spelling in (word.capitalize(), word.upper())]
    forms = sorted(dict.fromkeys(words), key=len, reverse=True)
    escaped = (re.escape(form) for form in forms)
    if flexible_space:
        escaped = (form.replace("\\ ", r"\s+") for form in escaped)
    joined = "|".join(escaped)
    return f"(?-i:{joined})" if capitalised else joined
