"""News and stories go live through the "Moderation" workflow (news/workflow.py): an editor or a
translator submits, a moderator approves, and only then can readers see the page."""

import pytest

from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.workflow import WORKFLOW_NAME, assign_moderation_workflow
from partnerships.factories import PartnershipsIndexPageFactory
from tests.roles import user_in
from translations.permissions import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def translate_into(page, code):
    """wagtail-localize's draft translation of `page` into `code`, as its submit view makes it."""
    locale = page.locale.__class__.objects.get(language_code=code)
    TranslationCreator(None, [locale]).create_translations(page)
    return page.get_translation(locale).specific


@pytest.fixture
def sections(homes):
    """The news index and the partnerships index (the stories) in nb, uk and en."""
    news = NewsIndexPageFactory(parent=homes["nb"], title="Nyheter", slug="nyheter")
    stories = PartnershipsIndexPageFactory(parent=homes["nb"], title="Samarbeid", slug="samarbeid")
    result = {"nb": [news, stories]}
    for code in ("uk", "en"):
        result[code] = [translate_into(news, code), translate_into(stories, code)]
        for page in result[code]:
            page.save_revision().publish()
    return result


@pytest.fixture
def article(sections):
    return NewsPageFactory(parent=sections["nb"][0], title="Årsmøtet er i mars", slug="arsmote", live=False)


def test_news_and_stories_have_the_moderation_workflow_in_every_language(sections):
    assert {code: len(pages) for code, pages in sections.items()} == {"nb": 2, "uk": 2, "en": 2}
    for code, pages in sections.items():
        for page in pages:
            workflow = page.get_workflow()
            assert workflow.name == WORKFLOW_NAME, (code, page)
            (task,) = [task.specific for task in workflow.tasks]
            assert isinstance(task, GroupApprovalTask)
            assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_setting_it_up_again_changes_nothing_and_keeps_a_workflow_an_administrator_chose(sections):
    own = Workflow.objects.create(name="Sekretariatet godkjenner")
    WorkflowPage.objects.filter(page=sections["en"][1]).update(workflow=own)

    assign_moderation_workflow()
    assign_moderation_workflow()

    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert sections["en"][1].get_workflow() == own
    assert WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).count() == 5


def test_an_article_deeper_in_the_section_goes_through_it(article):
    assert article.get_workflow().name == WORKFLOW_NAME


def approve(moderator, page):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return client_for(moderator).post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )


def edit_form(article, **changes):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "date": article.date.isoformat(),
            "lead": article.lead,
            "authors": inline_formset([]),
            "hero_image": "",
            "hero_caption": "",
            "body": streamfield([]),
            "tags": "",
            "event": "",
            "comments": inline_formset([]),
            **changes,
        }
    )


def test_an_editor_submits_an_article_and_a_moderator_approves_it(roles, article):
    response = client_for(roles["editor"]).post(
        f"/admin/pages/{article.pk}/edit/", edit_form(article, lead="Styret inviterer.", **{"action-submit": "on"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert not article.live
    assert Client().get(f"/nb/nyheter/{article.slug}/").status_code == 404

    response = approve(roles["moderator"], article)

    article.refresh_from_db()
    assert response.status_code in (200, 302)
    assert article.live
    assert not article.workflow_in_progress
    assert "Styret inviterer." in Client().get(article.url).content.decode()


def test_an_editor_cannot_approve(roles, article):
    article.save_revision()
    article.get_workflow().start(article, roles["editor"])
    approve(roles["editor"], article)
    article.refresh_from_db()
    assert not article.live


@pytest.fixture
def live_article(article):
    article.save_revision().publish()
    return Page.objects.get(pk=article.pk).specific


def write_title_in(translation_page, text):
    source = TranslationSource.objects.get(object_id=translation_page.translation_key, locale__language_code="nb")
    segment = source.stringsegment_set.get(context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation_page.locale,
        context=segment.context,
        defaults={"data": text},
    )


def test_a_translators_translation_goes_through_moderation_before_a_moderator_publishes_it(roles, live_article):
    translator = user_in("oksana", TRANSLATOR_GROUPS["uk"])
    uk_page = translate_into(live_article, "uk")
    write_title_in(uk_page, "Річні збори відбудуться в березні")

    response = client_for(translator).post(f"/admin/pages/{uk_page.pk}/edit/", {"action": "submit-for-moderation"})

    uk_page.refresh_from_db()
    assert response.status_code == 302
    assert uk_page.workflow_in_progress
    assert not uk_page.live
    assert uk_page.get_latest_revision_as_object().title == "Річні збори відбудуться в березні"

    approve(roles["moderator"], uk_page)

    uk_page.refresh_from_db()
    assert uk_page.live
    assert "Річні збори відбудуться в березні" in Client().get(uk_page.url).content.decode()


def test_a_submitted_change_to_a_live_translation_stays_unseen_until_approved(roles, live_article):
    translator = user_in("oksana", TRANSLATOR_GROUPS["uk"])
    uk_page = translate_into(live_article, "uk")
    uk_page.save_revision().publish()
    address = Page.objects.get(pk=uk_page.pk).url
    write_title_in(uk_page, "Змінена назва")

    client_for(translator).post(f"/admin/pages/{uk_page.pk}/edit/", {"action": "submit-for-moderation"})

    assert "Змінена назва" not in Client().get(address).content.decode()
    approve(roles["moderator"], uk_page)
    assert "Змінена назва" in Client().get(Page.objects.get(pk=uk_page.pk).url).content.decode()


def test_the_translation_editor_offers_a_translator_the_submission(roles, live_article):
    translator = user_in("oksana", TRANSLATOR_GROUPS["uk"])
    uk_page = translate_into(live_article, "uk")
    page = client_for(translator).get(f"/admin/pages/{uk_page.pk}/edit/").content.decode()
    assert 'value="submit-for-moderation"' in page


def test_a_translator_cannot_submit_another_languages_translation(live_article):
    translator = user_in("oksana", TRANSLATOR_GROUPS["uk"])
    en_page = translate_into(live_article, "en")
    client_for(translator).post(f"/admin/pages/{en_page.pk}/edit/", {"action": "submit-for-moderation"})
    en_page.refresh_from_db()
    assert not en_page.workflow_in_progress
    assert Translation.objects.filter(target_locale=en_page.locale).exists()


def test_the_moderators_group_is_the_one_that_approves(sections):
    (task,) = [task.specific for task in sections["nb"][0].get_workflow().tasks]
    assert list(task.groups.all()) == [Group.objects.get(name="Moderators")]
