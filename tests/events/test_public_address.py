"""Absolute URLs (mail links, the sitemap, redirects) come from PUBLIC_BASE_URL, not from whatever the
Wagtail Site record happened to say."""

import pytest
from pytest_django.asserts import assertContains

from django.core.management import call_command

from wagtail.models import Site

from events.mail import manage_url, render_secretariat_mail
from events.models import Registration
from home.sites import absolute_url, site_address, sync_default_site

from .conftest import post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_on_8000(settings):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    sync_default_site()


def test_the_site_record_follows_the_setting_after_migrate(settings):
    settings.PUBLIC_BASE_URL = "https://s2pu.example.org"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("s2pu.example.org", 443, "https://s2pu.example.org")


@pytest.mark.parametrize(
    ("url", "address"),
    [("http://127.0.0.1:8000", ("127.0.0.1", 8000)), ("https://s2pu.example.org/", ("s2pu.example.org", 443))],
)
def test_address_of_the_setting(settings, url, address):
    settings.PUBLIC_BASE_URL = url
    assert site_address() == address
    assert absolute_url("/nb/") == url.rstrip("/") + "/nb/"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"


def test_mail_links_lead_to_the_address_visitors_use(
    client, conference, served_on_8000, django_capture_on_commit_callbacks
):
    page = conference["uk"]["page"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, post_data(page))
    registration = Registration.objects.get()
    assert manage_url(registration).startswith("http://127.0.0.1:8000/uk/")
    secretariat_mail = render_secretariat_mail(registration.pk, "new")
    assert "http://127.0.0.1:8000/admin/" in secretariat_mail["body_text"]


def test_the_sitemap_lists_the_address_visitors_use(client, homes, served_on_8000):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000{homes['uk'].url}</loc>" in xml
    assert "localhost" not in xml and "testserver" not in xml


def test_canonical_link_uses_the_public_address(client, spring_conference, served_on_8000):
    event = spring_conference["uk"]
    response = client.get(event.url)
    assertContains(response, f'<link rel="canonical" href="http://127.0.0.1:8000{event.url}">', html=True)


def test_programme_change_feed_uses_the_public_address(client, spring_conference, served_on_8000):
    event = spring_conference["uk"]
    feed = client.get(event.changes_url()).content.decode()
    assert f"http://127.0.0.1:8000{event.url}" in feed and "testserver" not in feed


def test_calendar_file_uses_the_public_address(client, spring_conference, served_on_8000):
    event = spring_conference["uk"]
    calendar = client.get(event.calendar_url()).content.decode().replace("\r\n ", "")  # unfold long lines
    assert f"http://127.0.0.1:8000{event.url}" in calendar
