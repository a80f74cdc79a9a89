"""The programme change log: when an event page is published, compare its programme with the
previously published revision and record what a visitor needs to know (new times, rooms, titles,
added and cancelled sessions).

Comparing published revisions, not saved drafts, means that a visitor is told only about what they
could actually have seen change. Each language version keeps its own log, written in its language.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import PageLogEntry

from home.dates import day_month, time_range


def previous_published_revision(page, revision):
    """The revision that was live before `revision` was published, or None on first publication."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=revision.pk)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def _key(session):
    return str(session.translation_key)


def _times(session) -> str:
    return time_range(session.start_time, session.end_time)


def _day(session) -> str:
    return day_month(session.date)


def describe_changes(old_sessions, new_sessions) -> list[str]:
    """Sentences for each change a visitor would notice, in the active language."""
    old = {_key(s): s for s in old_sessions}
    new = {_key(s): s for s in new_sessions}
    lines = []
    for key, session in sorted(new.items(), key=lambda item: (item[1].date, item[1].start_time)):
        before = old.get(key)
        if before is None:
            lines.append(
                _("New: “%(title)s”, %(day)s %(times)s")
                % {"title": session.title, "day": _day(session), "times": _times(session)}
            )
            continue
        parts = []
        if before.title != session.title:
            parts.append(_("“%(old)s” is now called “%(new)s”") % {"old": before.title, "new": session.title})
        if (before.date, before.start_time, before.end_time) != (session.date, session.start_time, session.end_time):
            parts.append(
                _("“%(title)s” now %(day)s %(times)s")
                % {"title": session.title, "day": _day(session), "times": _times(session)}
            )
        if before.room != session.room:
            if session.room:
                parts.append(_("“%(title)s”, new room: %(room)s") % {"title": session.title, "room": session.room})
            else:
                parts.append(_("“%(title)s”: no room yet") % {"title": session.title})
        lines.extend(parts)
    for key, session in sorted(old.items(), key=lambda item: (item[1].date, item[1].start_time)):
        if key not in new:
            lines.append(
                _("Cancelled: “%(title)s”, %(day)s %(times)s")
                % {"title": session.title, "day": _day(session), "times": _times(session)}
            )
    return lines


def record_programme_changes(sender, instance, revision, **kwargs):
    """page_published receiver: one ProgrammeChange per noticeable change since the last publication."""
    from .models import EventPage, ProgrammeChange

    if not isinstance(instance, EventPage) or revision is None:
        return
    previous = previous_published_revision(instance, revision)
    if previous is None:
        return  # first publication: the whole programme is new, nothing has "changed"
    before, after = previous.as_object(), revision.as_object()
    with translation.override(instance.locale.language_code):
        lines = describe_changes(before.sessions.all(), after.sessions.all())
        note = after.change_note.strip()
        if note and note != before.change_note.strip():
            lines = [note]  # the editor's own words replace the generated ones
        ProgrammeChange.objects.bulk_create(ProgrammeChange(event=instance, description=line) for line in lines)
