"""Shared form mechanics: safe exports, the outbox, rate limit."""

import io
import threading
import zipfile

import pytest

from django.core import mail
from django.db import connections
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


@pytest.mark.django_db
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


@pytest.fixture
def file_cache(settings, tmp_path):
    """The embedded default's cache (a folder shared by the workers), whose add and incr are a read
    and a write, not one step."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }


def test_rate_limit_is_exact_under_concurrent_posts(
    transactional_db, django_db_serialized_rollback, django_db_blocker, file_cache, settings
):
    """40 posts from one address at the same moment, limit 20: exactly 20 get through (Repairs 22;
    the file cache let 22 of 20 through). Each thread has its own database connection, as separate
    workers do; run on SQLite and on PostgreSQL (DATABASE_URL)."""
    settings.FORM_RATE_LIMIT = 20
    settings.FORM_RATE_LIMIT_WINDOW = 600
    attempts = 40
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.8")
    barrier = threading.Barrier(attempts)
    results, errors = [], []

    def post():
        try:
            barrier.wait()
            results.append(form_handling.rate_limited(request, "concurrent"))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        threads = [threading.Thread(target=post) for _ in range(attempts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        try:
            assert not errors, errors
            assert len(results) == attempts
            assert results.count(False) == 20
            assert form_handling.rate_limited(request, "concurrent")
        finally:
            if hasattr(form_handling, "RateLimitHit"):
                form_handling.RateLimitHit.objects.all().delete()
