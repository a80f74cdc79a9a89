"""home.dates and its template library: one way to write dates, right in each language."""

import datetime
import re
from pathlib import Path

import pytest

from django.template import Context, Template
from django.utils import translation

from home import dates

D = datetime.date
SUMMER_MORNING_UTC = datetime.datetime(2023, 8, 29, 7, 0, tzinfo=datetime.UTC)  # 09:00 in Oslo
WINTER_MORNING_UTC = datetime.datetime(2025, 1, 15, 8, 0, tzinfo=datetime.UTC)  # 09:00 in Oslo
# Ukrainian month names in the nominative: never right after a day number.
NOMINATIVE_MONTHS = "Січень Лютий Березень Квітень Травень Червень Липень Серпень Вересень Жовтень Листопад Грудень"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def in_language(code, function, *args):
    with translation.override(code):
        return function(*args)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("nb", "29. august 2023"), ("uk", "29 серпня 2023"), ("en", "29 August 2023")],
)
def test_a_date(code, expected):
    assert in_language(code, dates.long_date, D(2023, 8, 29)) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("nb", "tirsdag 29. august 2023"), ("uk", "вівторок, 29 серпня 2023"), ("en", "Tuesday 29 August 2023")],
)
def test_a_date_with_its_weekday(code, expected):
    assert in_language(code, dates.weekday_date, D(2023, 8, 29)) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("nb", "1. mars"), ("uk", "1 березня"), ("en", "1 March")],
)
def test_day_and_month(code, expected):
    assert in_language(code, dates.day_month, D(2024, 3, 1)) == expected


RANGES = {
    "one day": (D(2023, 8, 29), D(2023, 8, 29)),
    "one month": (D(2023, 8, 29), D(2023, 8, 30)),
    "two months": (D(2023, 8, 30), D(2023, 9, 2)),
    "two years": (D(2023, 12, 30), D(2024, 1, 2)),
}


@pytest.mark.parametrize(
    ("code", "shape", "expected"),
    [
        ("nb", "one day", "29. august 2023"),
        ("nb", "one month", "29.–30. august 2023"),
        ("nb", "two months", "30. august – 2. september 2023"),
        ("nb", "two years", "30. desember 2023 – 2. januar 2024"),
        ("uk", "one day", "29 серпня 2023"),
        ("uk", "one month", "29–30 серпня 2023"),
        ("uk", "two months", "30 серпня – 2 вересня 2023"),
        ("uk", "two years", "30 грудня 2023 – 2 січня 2024"),
        ("en", "one day", "29 August 2023"),
        ("en", "one month", "29–30 August 2023"),
        ("en", "two months", "30 August – 2 September 2023"),
        ("en", "two years", "30 December 2023 – 2 January 2024"),
    ],
)
def test_a_range_names_month_and_year_once(code, shape, expected):
    assert in_language(code, dates.date_range, *RANGES[shape]) == expected


@pytest.mark.parametrize(
    ("code", "moment", "expected"),
    [
        ("nb", SUMMER_MORNING_UTC, "29. august 2023 kl. 09:00"),
        ("uk", SUMMER_MORNING_UTC, "29 серпня 2023 о 09:00"),
        ("en", SUMMER_MORNING_UTC, "29 August 2023, 09:00"),
        ("en", WINTER_MORNING_UTC, "15 January 2025, 09:00"),
    ],
)
def test_a_moment_is_written_in_oslo_time(code, moment, expected):
    assert in_language(code, dates.date_time, moment) == expected


def test_a_time_of_day():
    assert dates.clock(datetime.time(9, 5)) == "09:05"


def test_a_range_of_times():
    assert dates.time_range(datetime.time(9, 0), datetime.time(10, 30)) == "09:00–10:30"


def test_the_day_of_a_moment_is_the_day_in_oslo():
    # Late evening in UTC is already the next day in Oslo.
    assert dates.iso_day(datetime.datetime(2023, 8, 29, 22, 30, tzinfo=datetime.UTC)) == "2023-08-30"


def test_empty_values_print_nothing():
    assert dates.long_date(None) == dates.weekday_date(None) == dates.date_time(None) == dates.clock(None) == ""


def render(source: str, code: str, **context) -> str:
    with translation.override(code):
        return Template("{% load dates %}" + source).render(Context(context))


def test_the_range_tag_marks_up_both_ends_for_machines():
    html = render("{% date_range start end %}", "uk", start=D(2023, 8, 29), end=D(2023, 8, 30))
    assert html == '<time datetime="2023-08-29">29</time>–<time datetime="2023-08-30">30 серпня 2023</time>'
    html = render("{% date_range start end %}", "en", start=D(2023, 8, 29), end=D(2023, 8, 29))
    assert html == '<time datetime="2023-08-29">29 August 2023</time>'


def test_the_filters_in_a_template():
    html = render(
        "{{ day|long_date }} | {{ day|weekday_date }} | {{ day|day_month }} | {{ moment|date_time }} | "
        "{{ moment|clock }} | {% plain_date_range day end %}",
        "uk",
        day=D(2023, 8, 29),
        end=D(2023, 9, 2),
        moment=WINTER_MORNING_UTC,
    )
    assert html == (
        "29 серпня 2023 | вівторок, 29 серпня 2023 | 29 серпня | 15 січня 2025 о 09:00 | 09:00 | "
        "29 серпня – 2 вересня 2023"
    )
    for name in NOMINATIVE_MONTHS.split():
        assert name not in html


def test_no_template_writes_a_human_date_with_djangos_date_filter():
    """Django's |date and |time are for machine-readable values only (`<time datetime>`, anchors);
    every date people read goes through the `dates` library."""
    machine_formats = {"'Y-m-d'", '"Y-m-d"', "'c'", '"c"', "'H:i'", '"H:i"'}
    offenders = []
    for path in TEMPLATES.rglob("*"):
        if path.suffix not in {".html", ".txt"}:
            continue
        for match in re.finditer(r"\|(date|time)(?::(\S+?))?(?=[\s}%|])", path.read_text()):
            if match.group(2) not in machine_formats:
                offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == []
