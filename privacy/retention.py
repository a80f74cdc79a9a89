"""Retention: how long records about people are kept, and what anonymising leaves behind."""

import datetime

from django.utils import timezone


def retention_cutoff(days: int, today: datetime.date | None = None) -> datetime.date:
    """Records about something that ended on or before this date are past their retention period."""
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


def anonymised_email(pk: int) -> str:
    """A placeholder that keeps unique constraints on (event, email) satisfied after anonymising."""
    return f"anonymised-{pk}@invalid.invalid"
