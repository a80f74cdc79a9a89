"""Dates and times as each language writes them, for every page, mail and form of the site.

Django's format strings fall short in two ways. Ukrainian puts the month in the genitive after a
day number ("29 серпня", where "F" gives the nominative "Серпень"; Django's "E" has the genitive),
while Norwegian's "E" is a capitalised "August", so no single format string serves all three. And
Django has no date ranges. Babel's CLDR intervals do ranges, but write Ukrainian dates with "р."
and English ones the American way, so the few patterns are kept here instead.

Ranges name the month and year once: "29–30 August 2023", "30 August – 2 September 2023",
"30 December 2023 – 2 January 2024".
"""

import datetime

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import get_language

# Per language: a day alone (the first half of a range within one month), day and month, a whole
# date, how a weekday precedes a date, and how a time of day follows one.
PATTERNS = {
    "nb": {
        "day": "j.",
        "day_month": "j. F",
        "date": "j. F Y",
        "weekday": "{weekday} {date}",
        "date_time": "{date} kl. {time}",
    },
    "uk": {
        "day": "j",
        "day_month": "j E",
        "date": "j E Y",
        "weekday": "{weekday}, {date}",
        "date_time": "{date} о {time}",
    },
    "en": {
        "day": "j",
        "day_month": "j F",
        "date": "j F Y",
        "weekday": "{weekday} {date}",
        "date_time": "{date}, {time}",
    },
}
# Norwegian and Ukrainian write weekdays in lower case; Django's Ukrainian catalogue capitalises them.
LOWER_CASE_WEEKDAYS = {"nb", "uk"}
TIME = "H:i"
NUMBER_DASH = "–"  # between two numbers, unspaced: 29–30
WORD_DASH = " – "  # between two groups of words, spaced: 30 August – 2 September


def _language() -> str:
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in PATTERNS else "en"


def _patterns() -> dict:
    return PATTERNS[_language()]


def _local(value):
    """A day or time as seen in Oslo: an aware datetime from the database is in UTC."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value):
    value = _local(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def iso_day(value) -> str:
    """2023-08-29: the day in Oslo, for `<time datetime>`."""
    return _day(value).isoformat() if value else ""


def _format(value, pattern: str) -> str:
    return dateformat.format(_local(value), pattern)


def day_month(value) -> str:
    """29. august · 29 серпня · 29 August"""
    return _format(value, _patterns()["day_month"]) if value else ""


def long_date(value) -> str:
    """29. august 2023 · 29 серпня 2023 · 29 August 2023"""
    return _format(value, _patterns()["date"]) if value else ""


def weekday_date(value) -> str:
    """tirsdag 29. august 2023 · вівторок, 29 серпня 2023 · Tuesday 29 August 2023"""
    if not value:
        return ""
    weekday = _format(value, "l")
    if _language() in LOWER_CASE_WEEKDAYS:
        weekday = weekday.lower()
    return _patterns()["weekday"].format(weekday=weekday, date=long_date(value))


def clock(value) -> str:
    """09:00, from a time or a datetime."""
    if not value:
        return ""
    return dateformat.time_format(_local(value), TIME)


def time_range(start, end) -> str:
    """09:00–10:30"""
    return f"{clock(start)}{NUMBER_DASH}{clock(end)}"


def date_time(value) -> str:
    """29. august 2023 kl. 09:00 · 29 серпня 2023 о 09:00 · 29 August 2023, 09:00"""
    if not value:
        return ""
    return _patterns()["date_time"].format(date=long_date(value), time=clock(value))


def date_range_parts(start, end) -> tuple[str, str, str]:
    """(start text, dash, end text). The end always carries the month and year; the start only
    what differs from the end. One day gives ("", "", date)."""
    start, end = _day(start), _day(end)
    if not end or end == start:
        return "", "", long_date(start)
    if not start:
        return "", "", long_date(end)
    patterns = _patterns()
    if (start.year, start.month) == (end.year, end.month):
        return _format(start, patterns["day"]), NUMBER_DASH, long_date(end)
    if start.year == end.year:
        return day_month(start), WORD_DASH, long_date(end)
    return long_date(start), WORD_DASH, long_date(end)


def date_range(start, end) -> str:
    """29.–30. august 2023 · 29–30 серпня 2023 · 29–30 August 2023 (and across months and years)."""
    return "".join(date_range_parts(start, end))
