"""Reading the demo content: the source language's data files, and each translation laid over them.

`data/nb/*.yaml` hold the whole demo in the source language: what each object is, where it goes and
every value it has. `data/uk/*.yaml` and `data/en/*.yaml` hold only the translated text, keyed like
the source, so that a translation never repeats (and never contradicts) a date, a capacity or a link.
"""

import datetime
import functools
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"
SECTIONS = ("site", "events", "partnerships", "news")
SOURCE = settings.LANGUAGE_CODE
OSLO = ZoneInfo("Europe/Oslo")

# Dates that move with the day the demo is loaded, so that the next conference is always ahead and its
# registration always open: "today", then steps of whole days ("+56d", "-1d") or to the next weekday
# (">tue": that day, or the first Tuesday after it), then an optional time ("08:00").
# "today+56d>tue+1d" is the Wednesday after the first Tuesday eight weeks ahead.
_RELATIVE = re.compile(
    r"^today(?P<steps>(?:[+-]\d+d|>(?:mon|tue|wed|thu|fri|sat|sun))*)(?: (?P<hour>\d\d):(?P<minute>\d\d))?$"
)
_STEP = re.compile(r"([+-]\d+)d|>(mon|tue|wed|thu|fri|sat|sun)")
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@functools.cache
def read(language: str, section: str) -> dict:
    path = DATA_DIR / language / f"{section}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def source(section: str) -> dict:
    return read(SOURCE, section)


def translation(language: str, section: str) -> dict:
    return read(language, section)


def resolve_date(value, today: datetime.date):
    """A date or datetime from the data files, made absolute (and aware, in Oslo time)."""
    if isinstance(value, str) and (match := _RELATIVE.match(value)):
        day = today
        for days, weekday in _STEP.findall(match["steps"]):
            if days:
                day += datetime.timedelta(days=int(days))
            else:
                day += datetime.timedelta(days=(_WEEKDAYS.index(weekday) - day.weekday()) % 7)
        if match["hour"] is None:
            return day
        return datetime.datetime.combine(day, datetime.time(int(match["hour"]), int(match["minute"])), tzinfo=OSLO)
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=OSLO)
    return value


def overlay(base, translated):
    """`base` with every value that `translated` gives put in its place: dicts by key, lists by
    position. What the translation leaves out (levels, page keys, dates) stays as in the source."""
    if translated is None:
        return base
    if isinstance(base, dict) and isinstance(translated, dict):
        return {key: overlay(value, translated.get(key)) for key, value in base.items()} | {
            key: value for key, value in translated.items() if key not in base
        }
    if isinstance(base, list) and isinstance(translated, list):
        if len(base) != len(translated):
            raise ValueError(
                f"translation has {len(translated)} items where the source has {len(base)}: {translated!r}"
            )
        return [overlay(b, t) for b, t in zip(base, translated, strict=True)]
    return translated
