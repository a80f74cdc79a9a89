"""docs/ops.md says what the manage page really sends."""

import re
from pathlib import Path

import pytest

from events.models import ManageToken

from .conftest import post_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_ops_doc_states_the_referrer_policy_of_the_manage_page(client, conference):
    from events.models import Registration

    page = conference["nb"]["page"]
    client.post(page.url, post_data(page))
    registration = Registration.objects.get()
    response = client.get(page.url + page.reverse_subpage("manage", args=[ManageToken.issue(registration)]))
    documented = re.search(r"`Referrer-Policy: ([\w-]+)`", (ROOT / "docs" / "ops.md").read_text()).group(1)
    assert response["Referrer-Policy"] == documented
