"""The programme change log as an Atom feed, one per event and language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from home.sites import absolute_url


class ProgrammeChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, event):
        self.request = request
        return event

    def __call__(self, request, *args, **kwargs):
        # The feed's words are in the event's language, whatever the visitor's interface language.
        with override(kwargs["event"].locale.language_code):
            return super().__call__(request, *args, **kwargs)

    def title(self, event):
        return _("Programme changes: %(event)s") % {"event": event.title}

    def subtitle(self, event):
        return _("Changes to the programme after it was published.")

    def link(self, event):
        return absolute_url(event.programme_url(self.request))

    def feed_url(self, event):
        return absolute_url(event.changes_url(self.request))

    def feed_guid(self, event):
        return f"urn:s2pu:event:{event.translation_key}:{event.locale.language_code}:changes"

    def items(self, event):
        return event.programme_changes.all()[:50]

    def item_title(self, change):
        return change.description

    def item_description(self, change):
        return change.description

    def item_link(self, change):
        return absolute_url(f"{change.event.programme_url(self.request)}#change-{change.pk}")

    def item_guid(self, change):
        return f"urn:s2pu:programme-change:{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at
