"""Exports of what visitors sent, which no spreadsheet will run as formulas, in one language (the
exporting user's) and one time zone (the admin's, Europe/Oslo unless the user chose another), which
the header of every time column names."""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_HELP_TEXT = _(
    "Exports cannot carry spreadsheet formulas: in CSV, a value that starts with = + - @ or a tab "
    "gets a leading apostrophe (so a phone number +47 … shows as '+47 …); in XLSX every value is "
    "written as text."
)
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value) -> str:
    """The value as CSV text that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def zoned_heading(label) -> str:
    """A time column's heading, naming the zone its times are in: "Registered (Europe/Oslo)"."""
    return f"{label} ({timezone.get_current_timezone_name()})"


def export_time(value: datetime.datetime | None) -> str:
    """A stored time in the admin's zone, as spreadsheets read it: "2027-01-15 23:51"."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def xlsx_text(value: str) -> str:
    """Text without the control characters an XLSX cell cannot hold."""
    return _XLSX_ILLEGAL.sub("", value)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    # A byte-order mark so that Excel reads UTF-8 (Cyrillic, æøå) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row_number, row in enumerate([header, *rows], start=1):
        for column, value in enumerate(row, start=1):
            text = _XLSX_ILLEGAL.sub("", "" if value is None else str(value))
            cell = sheet.cell(row=row_number, column=column, value=text)
            cell.data_type = "s"  # never "f": a value starting with = stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
