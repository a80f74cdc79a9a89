"""Empty public forms are drawn once per description of their fields (home.forms.CachedRendering): the
same HTML as drawn afresh, described alike on every request (else each request would keep a copy),
and drawn afresh when sent back with what the person typed."""

import re

import pytest

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from events.models import RegistrationPage
from home.forms import CachedRendering
from news.comments import PageCommentForm
from partnerships.forms import PartnerFilterForm, StoryFilterForm
from partnerships.models import InterestFormPage, StoryPage

pytestmark = pytest.mark.django_db


def page_forms(demo_site):
    """(language, a fresh empty form) for each public form of the demo, in each language."""
    forms = []
    for language, pages in demo_site.items():
        for page in pages.values():
            if isinstance(page, InterestFormPage | RegistrationPage) and page.live:
                forms.append((language, lambda page=page: page.get_form(page=page, user=AnonymousUser())))
            if isinstance(page, StoryPage):
                forms.append((language, lambda page=page: PageCommentForm(page)))
        forms.append((language, lambda: PartnerFilterForm(regions=["Agder"])))
        forms.append((language, lambda: StoryFilterForm(regions=["Agder"])))
    return forms


def drawn_afresh(form) -> str:
    return super(CachedRendering, form).render()


def tags(html: str) -> str:
    """The HTML without the white space between tags, which the two drawings place differently."""
    return re.sub(r">\s+<", "><", html.strip())


def test_every_public_form_is_described_alike_on_each_request(demo_site):
    kinds = set()
    for language, make in page_forms(demo_site):
        with translation.override(language):
            first, second = make(), make()
            kinds.add(type(first).__name__)
            assert first._description() is not None, type(first).__name__
            assert first._description() == second._description(), type(first).__name__
    assert {"PageCommentForm", "PartnerFilterForm", "StoryFilterForm"} <= kinds
    assert any("Registration" in kind for kind in kinds) and any("Interest" in kind for kind in kinds), kinds


def test_a_kept_form_is_the_form_drawn_afresh(demo_site):
    kinds = set()
    for language, make in page_forms(demo_site):
        with translation.override(language):
            str(make())  # drawn and kept
            form = make()
            kinds.add(type(form).__name__)
            assert tags(str(form)) == tags(drawn_afresh(form)), type(form).__name__
    assert {"PageCommentForm", "PartnerFilterForm", "StoryFilterForm"} <= kinds
    assert any("Registration" in kind for kind in kinds) and any("Interest" in kind for kind in kinds), kinds


def test_forms_described_differently_are_drawn_apart(demo_site):
    with translation.override("nb"):
        first = PartnerFilterForm(regions=["Agder"])
        other = PartnerFilterForm(regions=["Agder", "Viken"])
        assert "Viken" not in str(first)
        assert "Viken" in str(other)
    with translation.override("uk"):
        assert str(PartnerFilterForm(regions=["Agder"])) != str(first)


def test_the_comment_forms_signed_timestamp_is_fresh_on_every_drawing(demo_site, monkeypatch):
    story = next(page for page in demo_site["nb"].values() if isinstance(page, StoryPage))
    str(PageCommentForm(story))
    monkeypatch.setattr("time.time", lambda: 2_000_000_000)
    drawn = str(PageCommentForm(story))
    assert re.search(r'name="timestamp" value="2000000000"', drawn)
    assert 'name="comment"' in drawn


def test_a_form_sent_back_shows_what_was_typed(demo_site):
    story = next(page for page in demo_site["nb"].values() if isinstance(page, StoryPage))
    str(PageCommentForm(story))
    sent_back = PageCommentForm(story, data={"name": "Olena", "email": "not an address", "comment": "Hei"})
    sent_back.is_valid()
    drawn = str(sent_back)
    assert 'value="Olena"' in drawn
    assert "error-summary" in drawn
