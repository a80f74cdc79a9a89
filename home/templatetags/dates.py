"""Template access to home.dates: every date a page or mail prints goes through these, never through
Django's |date with a hand-written format (which gives "29. Серпень 2023" in Ukrainian).
Machine-readable values (`<time datetime="…">`) still use |date:"Y-m-d"."""

from django import template
from django.utils.html import format_html

from home import dates

register = template.Library()

register.filter("day_month", dates.day_month)
register.filter("long_date", dates.long_date)
register.filter("weekday_date", dates.weekday_date)
register.filter("date_time", dates.date_time)
register.filter("clock", dates.clock)


@register.simple_tag
def date_range(start, end):
    """The range as `<time>` elements, each with its machine-readable date: one when start and end
    are the same day, else two around the dash ("<time>29</time>–<time>30 August 2023</time>")."""
    first, dash, last = dates.date_range_parts(start, end)
    if not first:
        return format_html('<time datetime="{}">{}</time>', dates.iso_day(end or start), last)
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        dates.iso_day(start),
        first,
        dash,
        dates.iso_day(end),
        last,
    )


@register.simple_tag
def plain_date_range(start, end):
    """The range as text, for mails and attributes."""
    return dates.date_range(start, end)
