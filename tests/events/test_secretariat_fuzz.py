"""The secretariat's admin views answer any query parameters without a 500 (Repairs 22)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from django.contrib.auth.models import Group

from partnerships.factories import InterestCaseFactory, InterestFormPageFactory
from tests.roles import sign_in

from .conftest import post_data

pytestmark = pytest.mark.django_db

REGISTRATION_PARAMETERS = ["event", "day", "status", "language", "q", "p", "ordering", "export"]
CASE_PARAMETERS = ["status", "country", "language", "theme", "q", "p", "ordering", "export"]
VIEWS = {
    "/admin/registrations/": REGISTRATION_PARAMETERS,
    "/admin/registrations/results/": REGISTRATION_PARAMETERS,
    "/admin/registrations-summary/": ["format", "event"],
    "/admin/interest-cases/": CASE_PARAMETERS,
    "/admin/interest-cases/results/": CASE_PARAMETERS,
}
ODD = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e3",
    "99999999999999999999999",
    "\x00",
    "csv",
    "xlsx",
    "pdf",
    "waiting",
    "uk",
    "NO",
    "-created_at",
    "Київ",
    "{event}",
    "{day}",
    "{case}",
]
VALUES = st.one_of(st.sampled_from(ODD), st.text(max_size=40))
QUERIES = st.one_of(
    [
        st.tuples(st.just(view), st.dictionaries(st.sampled_from(names), VALUES, max_size=4))
        for view, names in VIEWS.items()
    ]
)


@pytest.fixture
def known(client, conference, django_capture_on_commit_callbacks, django_user_model):
    """A Secretariat user logged in, one registration and one case; their ids replace the
    placeholders {event}, {day} and {case} in the drawn values."""
    page = conference["nb"]["page"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, post_data(page))
    case = InterestCaseFactory(page=InterestFormPageFactory(parent=conference["nb"]["event"].get_parent().get_parent()))
    user = django_user_model.objects.create_user(username="sekretariat", password="x" * 16)
    user.groups.add(Group.objects.get(name="Secretariat"))
    sign_in(client, user)
    client.raise_request_exception = False
    return {"event": conference["nb"]["event"].pk, "day": conference["days"][0].translation_key, "case": case.pk}


def filled(value: str, known: dict) -> str:
    for name, real in known.items():
        value = value.replace("{" + name + "}", str(real))
    return value


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(query=QUERIES)
@example(query=("/admin/registrations-summary/", {"format": "csv", "event": "abc"}))
@example(query=("/admin/registrations-summary/", {"format": "xlsx", "event": ""}))
@example(query=("/admin/registrations-summary/", {"format": "csv", "event": "99999999999999999999999"}))
@example(query=("/admin/registrations/", {"event": "99999999999999999999999"}))
def test_secretariat_views_answer_any_query_without_a_server_error(client, known, query):
    view, parameters = query
    parameters = {name: filled(value, known) for name, value in parameters.items()}
    response = client.get(view, parameters, follow=True)
    assert response.status_code < 500, (view, parameters)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    template=st.sampled_from(
        [
            "/admin/registrations/inspect/{}/",
            "/admin/registrations/edit/{}/",
            "/admin/interest-cases/inspect/{}/",
            "/admin/interest-cases/edit/{}/",
            "/admin/interest-cases-export/{}/",
        ]
    ),
    value=st.one_of(st.sampled_from(ODD[1:]), st.text(min_size=1, max_size=20)),
)
def test_secretariat_object_and_export_addresses_answer_without_a_server_error(client, known, template, value):
    value = filled(value, known)
    response = client.get(template.format(quote(value, safe="")), follow=True)
    assert response.status_code < 500, (template, value)
