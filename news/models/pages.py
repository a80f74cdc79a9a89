"""News: an index with its archives (by year, theme and tag) and feeds, and the articles under it.

An article relates to the source-language (nb) event, themes and people, like stories and partners
do; each is shown in the reader's language when it is rendered. Translating an article therefore
never waits for its event or its authors to be translated first."""

from taggit.models import Tag, TaggedItemBase

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home import content_cache, structured_data
from home.blocks import BaseStreamBlock
from home.i18n import default_locale, in_reader_language, source_of
from home.models import BasePage, CommentsMixin, HeroImageDescriptionMixin, Person, with_comment_counts
from home.pagination import Paginator, lazy_list_page
from home.routes import LocalisedRoutablePageMixin, localised_path, romanised
from home.routing import parent_on_path
from partnerships.models import Theme, ThemedPageForm
from partnerships.models.snippets import SOURCE_LOCALE
from seo.head import share_image

from .tags import tag_labels

NEWS_PER_PAGE = 10
RELATED_COUNT = 3


class NewsIndexPage(LocalisedRoutablePageMixin, BasePage):
    """The articles of one language, newest first, with archives by year, theme and tag, and the
    RSS and Atom feeds of its news (rss.xml, atom.xml)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro", help_text=_("A sentence or two above the list of news."))
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        """Live, public articles under this index, newest first; only this index's language."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .filter(locale_id=self.locale_id)
            .order_by("-date", "-first_published_at", "-pk")
        )

    def listed(self, queryset):
        """`queryset` ready for a list: what a card shows (its approved comments counted in the same
        query), without the article bodies."""
        return with_comment_counts(queryset.defer_streamfields().select_related("hero_image", "locale"))

    def archive(self) -> dict:
        """The years and the (source-language) themes that have articles here, for the archive links of
        every list: one query, kept in the content cache (emptied whenever a page or theme is saved)."""

        def build():
            years, theme_ids = set(), set()
            for year, theme_id in self.articles().order_by().values_list("date__year", "themes").distinct():
                years.add(year)
                if theme_id is not None:
                    theme_ids.add(theme_id)
            return {"years": sorted(years, reverse=True), "theme_ids": theme_ids}

        return content_cache.get_or_set(f"news-archive:{self.pk}", "", build)

    def years(self) -> list[int]:
        return self.archive()["years"]

    def themes(self) -> list[Theme]:
        """The themes that have articles here, in the reader's language, in the editors' order."""
        used = self.archive()["theme_ids"]
        labels = Theme.objects.labels(self.locale.language_code)
        return [theme for pk, theme in labels.items() if pk in used]

    def feed_url(self, kind: str) -> str:
        return self.url + f"{kind}.xml"

    def resolve_subpage(self, path):
        # The localised routes read the page's language; routing fetched the page without its locale.
        content_cache.prime_locale(self)
        return super().resolve_subpage(path)

    def get_context(self, request, *args, articles=None, archive: dict | None = None, **kwargs):
        """A page of `articles` (by default all of them, as the admin preview shows), with the links to
        the archives; the routes below pass their selection."""
        context = super().get_context(request, *args, **kwargs)
        queryset = self.articles() if articles is None else articles
        listed = lazy_list_page(
            request,
            Paginator(self.listed(queryset), NEWS_PER_PAGE),
            lambda articles: attach_themes(articles, self.locale.language_code),
        )
        # The archive links too are read only when the template draws its cached list.
        context.update(
            {
                "page_obj": listed["page_obj"],
                "articles": listed["items"],
                "archive": archive,
                "years": SimpleLazyObject(
                    lambda: [{"year": year, "url": self.subpage_url("year_view", year)} for year in self.years()]
                ),
                "theme_links": SimpleLazyObject(
                    lambda: [
                        {"theme": theme, "url": self.subpage_url("theme_view", theme.slug)} for theme in self.themes()
                    ]
                ),
            }
        )
        return context

    def render_list(self, request, queryset, archive: dict | None = None):
        return self.render(request, articles=queryset, archive=archive)

    @path("")
    def latest_view(self, request):
        return self.render_list(request, self.articles())

    @localised_path({"nb": "arkiv/<int:year>/", "uk": romanised("архів") + "<int:year>/", "en": "archive/<int:year>/"})
    def year_view(self, request, year):
        if year not in self.years():
            raise Http404
        return self.render_list(request, self.articles().filter(date__year=year), {"kind": "year", "value": year})

    @localised_path({"nb": "tema/<slug:theme>/", "uk": "tema/<slug:theme>/", "en": "theme/<slug:theme>/"})
    def theme_view(self, request, theme):
        # The theme links carry the slug of the theme in the reader's language (synchronised with the
        # source's unless a translator changed it).
        labels = Theme.objects.labels(self.locale.language_code)
        source_pk = next((pk for pk, label in labels.items() if label.slug == theme), None)
        if source_pk is None:
            raise Http404
        queryset = self.articles().filter(themes=source_pk)
        return self.render_list(request, queryset, {"kind": "theme", "value": labels[source_pk].name})

    @localised_path({"nb": "stikkord/<str:tag>/", "uk": romanised("мітка") + "<str:tag>/", "en": "tag/<str:tag>/"})
    def tag_view(self, request, tag):
        queryset = self.articles().filter(tags__slug=tag)
        tags = list(Tag.objects.filter(slug=tag, news_newspagetag_items__isnull=False).distinct()[:1])
        if not tags:
            raise Http404
        (label,) = tag_labels(tags, self.locale.language_code)
        return self.render_list(request, queryset.distinct(), {"kind": "tag", "value": label["name"]})

    @re_path(r"^rss\.xml/$")
    def rss_view(self, request):
        from ..feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @re_path(r"^atom\.xml/$")
    def atom_view(self, request):
        from ..feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


def attach_themes(articles: list["NewsPage"], language: str) -> None:
    """Each article's themes in `language` as `theme_labels`, in two queries for any number."""
    labels = Theme.objects.labels(language)
    by_page: dict[int, list] = {article.pk: [] for article in articles}
    rows = NewsPage.themes.through.objects.filter(newspage__in=list(by_page)).order_by("theme__sort_order")
    for page_id, theme_id in rows.values_list("newspage_id", "theme_id"):
        if theme_id in labels:
            by_page[page_id].append(labels[theme_id])
    for article in articles:
        article.theme_labels = by_page[article.pk]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(CommentsMixin, HeroImageDescriptionMixin, BasePage):
    base_form_class = ThemedPageForm  # its themes named in the article's language
    date = models.DateField(
        _("publication date"),
        help_text=_(
            "The date readers see. To publish the article later, choose “Set schedule” in the status side panel."
        ),
    )
    lead = models.TextField(
        _("lead"),
        help_text=_("One or two sentences under the title. Also the description in search results and feeds."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the article and when it is shared. Optional."),
    )
    hero_caption = models.CharField(
        _("image caption"), max_length=250, blank=True, help_text=_("What the image shows, and who took it.")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="news_articles",
        limit_choices_to=SOURCE_LOCALE,
        help_text=_("Articles with the same themes are suggested under each other."),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Words readers can follow, separated by commas."),
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_articles",
        help_text=_(
            "The event this article is about, in the source language. The event page lists the article, and "
            "the article links the event and its registration."
        ),
    )

    description_fields = ("lead",)
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        InlinePanel("authors", label=_("Authors"), help_text=_("In the order of the byline.")),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt"), FieldPanel("hero_caption")], heading=_("Image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("themes", widget=forms.CheckboxSelectMultiple), FieldPanel("tags"), FieldPanel("event")],
            heading=_("Themes, tags and event"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    # The event and the date are the same in every language; translators translate the text only.
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("date", overridable=False),
        SynchronizedField("event", overridable=False),
    ]
    settings_panels = BasePage.settings_panels + CommentsMixin.comment_panels
    api_fields = [
        APIField("date"),
        APIField("lead"),
        APIField("hero_image"),
        APIField("hero_image_alt"),
        APIField("hero_caption"),
        APIField("body"),
        APIField("themes"),
        APIField("tags"),
        APIField("event"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @cached_property
    def author_list(self) -> list[Person]:
        """The authors in byline order, each in the reader's language where translated."""
        people = [link.person for link in self.authors.select_related("person__locale").order_by("sort_order", "pk")]
        by_key = in_reader_language(Person, people)
        return [by_key.get(person.translation_key, person) for person in people]

    @cached_property
    def _event_versions(self) -> tuple:
        """(the linked event in this article's language, its source-language version), either None
        when missing: in one query, where asking each version by itself took three."""
        from events.models import EventPage

        if self.event_id is None:
            return None, None
        linked_key = EventPage.objects.filter(pk=self.event_id).values("translation_key")
        versions = [
            content_cache.prime_locale(event) for event in EventPage.objects.filter(translation_key__in=linked_key)
        ]
        by_locale = {event.locale_id: event for event in versions}
        linked = next((event for event in versions if event.pk == self.event_id), None)
        return by_locale.get(self.locale_id), by_locale.get(default_locale().pk, linked)

    def event_in_language(self):
        """The linked event in this article's language if live, else the live source event, else None."""
        for event in self._event_versions:
            if event is not None and event.live:
                return event
        return None

    def open_registration(self, event):
        """The event's registration page in the article's language (else the source's) while open."""
        from events.models import RegistrationPage

        if event is None:
            return None
        source = self._event_versions[1]
        if source is None or source.translation_key != event.translation_key:
            source = source_of(content_cache.prime_locale(event))
        parents = list(dict.fromkeys([event, source]))
        under = Q()
        for parent in parents:
            under |= Q(path__startswith=parent.path, depth=parent.depth + 1)
        first_child: dict[str, RegistrationPage] = {}
        for registration in RegistrationPage.objects.live().filter(under).order_by("path"):
            first_child.setdefault(
                registration.path[: -RegistrationPage.steplen], content_cache.prime_locale(registration)
            )
        source_registration = first_child.get(source.path)
        for parent in parents:
            registration = first_child.get(parent.path)
            if registration is not None:
                if (
                    source_registration is not None
                    and source_registration.translation_key == registration.translation_key
                ):
                    registration.source_page = source_registration  # its opening times, without asking again
                registration.source_event = source  # its dates, which close it by default
                return registration if registration.is_open() else None
        return None

    def related_articles(self, limit: int = RELATED_COUNT, themes=None) -> list["NewsPage"]:
        """Other articles in this language: those sharing a theme first (the most shared first), then the
        newest; two queries whatever the number of articles (one when the caller has the themes)."""
        theme_ids = [theme.pk for theme in (self.themes.all() if themes is None else themes)]
        candidates = (
            NewsPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .defer_streamfields()
        )
        if theme_ids:
            shared = Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
            candidates = candidates.annotate(shared=shared).order_by("-shared", "-date", "-pk")
        else:
            candidates = candidates.order_by("-date", "-pk")
        return list(candidates[:limit])

    def share_image(self):
        return self.hero_image

    def structured_data(self, request=None, context=None) -> list[dict]:
        """Google's NewsArticle: the authors by name (else the site), the event it is about."""
        context = context or {}
        event = context["event"] if "event" in context else self.event_in_language()
        authors = [
            {"@type": "Person", "name": person.name, **({"jobTitle": person.title} if person.title else {})}
            for person in self.author_list
        ]
        extra = {"description": self.lead}
        if authors:
            extra["author"] = authors
        if event is not None:
            extra["about"] = {
                "@type": "Event",
                "name": event.title,
                "startDate": event.start_date.isoformat(),
                "endDate": event.end_date.isoformat(),
                "url": structured_data.page_url(event, request),
            }
        article = structured_data.article(
            self, request, date_published=self.date, image_url=share_image(self)["url"], schema_type="NewsArticle"
        )
        return [article | extra]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        themes = SimpleLazyObject(lambda: list(self.themes.all()))

        def labelled_themes():
            labels = Theme.objects.labels(language)
            return [labels[t.pk] for t in themes if t.pk in labels]

        # Read only when the template draws its cached fragments (templatetags/fragment_cache.py), not on every request.
        context["themes"] = SimpleLazyObject(labelled_themes)
        context["related"] = SimpleLazyObject(lambda: self.related_articles(themes=themes))
        # In the reader's language (a tag's translated name), each linking the tag's list here.
        context["tags"] = SimpleLazyObject(lambda: tag_labels(self.tags.all(), language))
        event = self.event_in_language()
        context["event"] = event
        context["registration_page"] = self.open_registration(event)
        parent = parent_on_path(request, self)
        # The theme and tag links are the index's localised routes, which read its language.
        context["index"] = content_cache.prime_locale(parent) if isinstance(parent, NewsIndexPage) else None
        return context


class NewsPageAuthor(Orderable):
    """An author of the article in byline order. The person is shown in the reader's language, so the
    link itself needs no translation."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
