"""schema.org NewsArticle data for a news page (https://schema.org/NewsArticle), as search engines
read it."""

from home.sites import absolute_url, public_base_url

PUBLISHER = {"@type": "Organization", "name": "Support to the people of Ukraine (s2pU)"}


def news_article_json_ld(page, request, event=None) -> dict:
    url = absolute_url(page.get_url(request=request))
    published = page.first_published_at
    modified = page.last_published_at or published
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "datePublished": (published.isoformat() if published else page.date.isoformat()),
        "dateModified": (modified.isoformat() if modified else page.date.isoformat()),
        "inLanguage": page.locale.language_code,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": {**PUBLISHER, "url": public_base_url() + "/"},
        "author": [
            {"@type": "Person", "name": person.name, **({"jobTitle": person.title} if person.title else {})}
            for person in page.author_list
        ]
        or [{**PUBLISHER, "url": public_base_url() + "/"}],
    }
    if page.hero_image_id:
        data["image"] = [absolute_url(page.hero_image.get_rendition("fill-1200x630").url)]
    if event is not None:
        event_data = {
            "@type": "Event",
            "name": event.title,
            "startDate": event.start_date.isoformat(),
            "endDate": event.end_date.isoformat(),
            "url": absolute_url(event.get_url(request=request)),
        }
        data["about"] = event_data
    return data
