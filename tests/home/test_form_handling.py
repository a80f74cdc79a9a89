"""Shared form mechanics: safe exports, the outbox, rate limit."""

import io
import zipfile

import pytest

from django.core import mail
from django.test import RequestFactory

from home import form_handling
from home.form_handling import OutboundEmail

HOSTILE = ['=HYPERLINK("http://x","y")', "+47 912 34 567", "-2+3", "@SUM(1,1)", "\tx", "\rx", "plain", "Київ"]


def test_csv_export_neutralises_formulas():
    response = form_handling.csv_response("x", ["a"], [[value] for value in HOSTILE])
    lines = response.content.decode("utf-8-sig").splitlines()
    cells = [line.strip('"') for line in lines[1:]]
    for value in HOSTILE[:4]:
        assert f"'{value}".replace('"', '""') in "\n".join(lines)
    assert "plain" in cells and "Київ" in cells
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_xlsx_export_has_no_formula_cells():
    response = form_handling.xlsx_response("x", ["a"], [[value] for value in HOSTILE] + [["nul\x00byte"]])
    sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    from openpyxl import load_workbook

    values = [row[0] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert values[1] == HOSTILE[0]
    assert values[-1] == "nulbyte"


@pytest.mark.django_db
def test_outbox_sends_after_commit_and_retries(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        email = form_handling.queue_email(
            ["a@example.org"], "events/email/manage_link", {"registration": None, "days": []}, "nb"
        )
    email.refresh_from_db()
    assert email.status == OutboundEmail.PENDING and email.attempts == 1
    assert form_handling.send_pending() == (0, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert form_handling.send_pending() == (1, 0)
    assert form_handling.send_pending() == (0, 0)  # never twice
    assert len(mail.outbox) == 1
    assert not form_handling.send_queued(email.pk)


@pytest.mark.django_db
def test_no_mail_is_queued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        form_handling.queue_email(["a@example.org"], "events/email/manage_link", {"days": []}, "nb")
        raise RuntimeError
    assert not OutboundEmail.objects.exists()
    assert not mail.outbox


def test_rate_limit_keys_hash_the_address(settings):
    settings.FORM_RATE_LIMIT = 2
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
    assert "192.0.2.7" not in form_handling.client_key(request)
    assert [form_handling.rate_limited(request, "t") for _ in range(3)] == [False, False, True]
    settings.FORM_RATE_LIMIT = 0
    assert not form_handling.rate_limited(request, "t")


@pytest.mark.django_db
def test_erase_outbox_removes_only_that_person():
    OutboundEmail.objects.create(to="a@example.org", subject="s", body_text="b")
    OutboundEmail.objects.create(to="b@example.org", subject="s", body_text="b")
    assert form_handling.erase_outbox("A@example.org") == 1
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["b@example.org"]
