"""No input causes a 500, and what is stored equals what was sent, less the control characters a
form cleans from typed text (home.forms.single_line, multi_line) (F4)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Registration
from home.forms import multi_line, single_line

from .conftest import post_data

SPECIAL = st.sampled_from(
    [
        "Київ",
        "Ærlig Øystein på Ås",
        "🇺🇦🙂",
        "x" * 10_000,
        "a\x00b",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "+47 912",
        "@SUM(1)",
        "",
    ]
)
TEXT = st.one_of(SPECIAL, st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))


@pytest.mark.django_db
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    name=TEXT,
    organisation=TEXT,
    comment=TEXT,
    email_local=st.one_of(SPECIAL, st.from_regex(r"[a-z0-9]{1,20}", fullmatch=True)),
)
def test_any_post_is_stored_as_sent_or_refused_with_a_message(
    client, conference, settings, name, organisation, comment, email_local
):
    settings.FORM_RATE_LIMIT = 0
    page = conference["uk"]["page"]
    email = f"{email_local}@example.org"
    if "\x00" not in email:  # PostgreSQL cannot even compare text with NUL
        Registration.objects.filter(email=email.strip().lower()).delete()
    response = client.post(
        page.url, post_data(page, name=name, email=email, organisasjon=organisation, kommentar=comment)
    )
    assert response.status_code < 500
    if response.status_code == 303:
        stored = Registration.objects.get(email=email.strip().lower())
        assert stored.name == single_line(name)
        assert stored.answers["organisasjon"] == single_line(organisation)
        assert stored.answers["kommentar"] == multi_line(comment)
        stored.delete()
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="errorlist' in html
        if any("\x00" in value for value in (name, organisation, comment, email)):
            assert "Символи Null не дозволені" in html
        assert "<script>alert(1)</script>" not in html
