"""Every page type and every previewable snippet previews in the admin, in every preview mode, as the
editor sees it: the form data comes from the real edit view, the preview is then rendered."""

import pytest

from django.urls import reverse

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, PreviewableMixin
from wagtail.test.utils.form_data import querydict_from_html

from tests.home.test_pages import project_page_models, project_snippet_models
from tests.page_tree import build_page_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_page_tree()


def stream_form_data(block, state, prefix: str, data: dict) -> None:
    """What the admin's block editor posts for `state` (the block's get_form_state): the edit view
    draws stream fields with JavaScript, so its HTML holds no inputs for them."""
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for position, child in enumerate(state):
            child_block = (
                block.child_blocks[child["type"]] if isinstance(block, blocks.StreamBlock) else block.child_block
            )
            if isinstance(block, blocks.StreamBlock):
                data[f"{prefix}-{position}-type"] = child["type"]
            data[f"{prefix}-{position}-deleted"] = ""
            data[f"{prefix}-{position}-order"] = str(position)
            data[f"{prefix}-{position}-id"] = child.get("id") or ""
            stream_form_data(child_block, child["value"], f"{prefix}-{position}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            stream_form_data(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(state, dict):  # a chooser: the chosen object's summary
        data[prefix] = str(state["id"])
    elif state not in (None, False):
        data[prefix] = "on" if state is True else str(state)


def editor_form_data(client, obj, edit_url):
    html = client.get(edit_url).content.decode()
    for form_id in ("page-edit-form", "w-editor-form"):
        try:
            data = querydict_from_html(html, form_id=form_id)
            break
        except ValueError:
            continue
    else:
        raise AssertionError(f"no edit form found at {edit_url}")
    data = data.copy()
    for field in type(obj)._meta.get_fields():
        if isinstance(field, StreamField):
            flat: dict = {}
            stream_form_data(
                field.stream_block, field.stream_block.get_form_state(getattr(obj, field.name)), field.name, flat
            )
            for key, value in flat.items():
                data[key] = value
    return data


def assert_previews(client, obj, edit_url, preview_url):
    data = editor_form_data(client, obj, edit_url)
    for mode, _label in obj.preview_modes:
        posted = client.post(f"{preview_url}?mode={mode}", data=data)
        assert posted.status_code == 200, (type(obj).__name__, mode)
        assert posted.json() == {"is_valid": True, "is_available": True}, (type(obj).__name__, mode, posted.json())
        # The test client re-raises template errors (syntax, missing template) instead of returning a 500.
        shown = client.get(preview_url, {"mode": mode})
        assert shown.status_code == 200, (type(obj).__name__, mode)
        assert b"<main" in shown.content, (type(obj).__name__, mode)


def test_the_tree_has_every_page_type_and_previewable_snippet(tree):
    assert set(tree["pages"]) == set(project_page_models())
    previewable = {model for model in project_snippet_models() if issubclass(model, PreviewableMixin)}
    assert set(tree["snippets"]) == previewable


def test_every_page_type_previews_in_every_mode(admin_client, tree):
    assert set(tree["pages"]) == set(project_page_models())
    for page in tree["pages"].values():
        assert isinstance(page, Page)
        assert_previews(
            admin_client,
            page,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        )


def test_every_previewable_snippet_previews_in_every_mode(admin_client, tree):
    assert tree["snippets"], "no previewable snippet to check"
    for model, obj in tree["snippets"].items():
        viewset = model.snippet_viewset
        assert_previews(
            admin_client,
            obj,
            reverse(viewset.get_url_name("edit"), args=[obj.pk]),
            reverse(viewset.get_url_name("preview_on_edit"), args=[obj.pk]),
        )


def test_a_partnership_previews_as_the_card_readers_see_and_a_programme_change_as_its_line(admin_client, tree):
    from events.models import ProgrammeChange
    from partnerships.models import Partnership

    partnership = tree["snippets"][Partnership]
    viewset = Partnership.snippet_viewset
    data = editor_form_data(admin_client, partnership, reverse(viewset.get_url_name("edit"), args=[partnership.pk]))
    preview_url = reverse(viewset.get_url_name("preview_on_edit"), args=[partnership.pk])
    admin_client.post(preview_url, data=data)
    card = admin_client.get(preview_url).content.decode()
    assert "partnership-card" in card
    assert partnership.norwegian_partner.title in card and partnership.ukrainian_partner.title in card

    change = tree["snippets"][ProgrammeChange]
    viewset = ProgrammeChange.snippet_viewset
    data = editor_form_data(admin_client, change, reverse(viewset.get_url_name("edit"), args=[change.pk]))
    data["description"] = "Åpningen flyttet til Sal A"
    preview_url = reverse(viewset.get_url_name("preview_on_edit"), args=[change.pk])
    admin_client.post(preview_url, data=data)
    assert "Åpningen flyttet til Sal A" in admin_client.get(preview_url).content.decode()
