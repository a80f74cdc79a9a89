"""Dates as each language writes them. Django's formats fall short here: Ukrainian needs the
genitive month after a day number ("29 серпня", Django's MONTH_DAY_FORMAT gives "29 Серпень"), and
Norwegian has no genitive form, so one format string cannot serve all three."""

import datetime

from django.utils import dateformat, timezone
from django.utils.translation import get_language

DAY_MONTH = {"nb": "j. F", "uk": "j E", "en": "j F"}
FULL_DATE = {"nb": "l j. F Y", "uk": "l, j E Y", "en": "l j F Y"}
DATE = {"nb": "j. F Y", "uk": "j E Y", "en": "j F Y"}


def _format(value, formats: dict) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # the day in Oslo, not in UTC
    return dateformat.format(value, formats.get(get_language(), formats["en"]))


def day_month(value) -> str:
    return _format(value, DAY_MONTH)


def full_date(value) -> str:
    return _format(value, FULL_DATE)


def date(value) -> str:
    return _format(value, DATE)
