"""The outbox: mail queued by kind in the caller's transaction, sent by the worker, retried, erased."""

import io

import pytest

from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from outbox import delivery
from outbox.models import OutboundEmail

NOTE = "test.note"


@pytest.fixture
def note_kind(monkeypatch):
    """A mail kind of the tests' own, so that the outbox is tested through the one way apps queue
    mail (`queue_mail` by kind) without depending on an app's renderer."""
    from outbox import kinds as mail_kinds

    def render_note():
        return delivery.render_email(
            ["a@example.org"], "events/email/manage_link", {"registration": None, "days": []}, "nb"
        )

    monkeypatch.setitem(mail_kinds._renderers, NOTE, render_note)


@pytest.mark.django_db
def test_outbox_sends_after_commit_and_retries(django_capture_on_commit_callbacks, settings, note_kind):
    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        email = delivery.queue_mail(NOTE, {})
    email.refresh_from_db()
    assert email.status == OutboundEmail.PENDING and email.attempts == 1
    assert delivery.send_pending() == (0, 0, 0, 1)  # cron keeps the back-off: not due yet
    assert delivery.send_pending(everything=True) == (0, 1, 0, 0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.send_pending() == (0, 0, 0, 1)
    OutboundEmail.objects.update(claimed_at=timezone.now() - delivery.retry_delay(2))  # the delay passes
    assert delivery.send_pending() == (1, 0, 0, 0)
    assert delivery.send_pending() == (0, 0, 0, 0)  # never twice
    assert len(mail.outbox) == 1
    assert delivery.send_queued(email.pk) is delivery.Delivery.SKIPPED


@pytest.mark.django_db
def test_no_mail_is_queued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, note_kind):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        delivery.queue_mail(NOTE, {})
        raise RuntimeError
    assert not OutboundEmail.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_erase_outbox_removes_only_that_person():
    OutboundEmail.objects.create(to="a@example.org", subject="s", body_text="b")
    OutboundEmail.objects.create(to="b@example.org", subject="s", body_text="b")
    assert delivery.erase_outbox("A@example.org") == 1
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["b@example.org"]


# --- The outbox and its task worker --------------------------------------------------------------


def test_retry_delay_grows_and_is_capped():
    delays = [delivery.retry_delay(attempts).total_seconds() / 60 for attempts in (1, 2, 3, 7, 8, 19)]
    assert delays == [1, 2, 4, 60, 60, 60]


@pytest.mark.django_db
def test_with_the_database_backend_the_task_is_written_in_the_submissions_transaction(settings, note_kind):
    """Both or neither: a rolled-back submission leaves no task, a committed one always has one."""
    from django_tasks_db.models import DBTaskResult

    from django.db import transaction

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    with pytest.raises(RuntimeError), transaction.atomic():
        delivery.queue_mail(NOTE, {})
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError
    assert not DBTaskResult.objects.exists() and not OutboundEmail.objects.exists()
    with transaction.atomic():
        email = delivery.queue_mail(NOTE, {})
    task = DBTaskResult.objects.get()
    assert task.task_path == "outbox.delivery.send_outbound_email"
    assert task.args_kwargs == {"args": [email.pk], "kwargs": {}}  # an id only: no personal data in the queue
    # A queue of its own: never behind Wagtail's index updates, which a page import queues by the hundred.
    assert task.queue_name == "mail"
    assert not mail.outbox


class PausingBackend(locmem.EmailBackend):
    """Delivers to mail.outbox; the first message waits until the test lets it go."""

    entered = None
    release = None

    def send_messages(self, messages):
        if not PausingBackend.entered.is_set():
            PausingBackend.entered.set()
            assert PausingBackend.release.wait(30)
        return super().send_messages(messages)


def test_two_send_runs_at_once_report_what_the_other_sent_as_skipped_not_failed(
    transactional_db, django_db_serialized_rollback, settings
):
    """Run A lists both rows, then stalls on the first; run B sends the second meanwhile. A must
    report the second as skipped: it was neither sent by A nor did it fail."""
    import threading

    from django.db import connections

    settings.EMAIL_BACKEND = "tests.outbox.test_outbox.PausingBackend"
    PausingBackend.entered, PausingBackend.release = threading.Event(), threading.Event()
    for address in ("a@example.org", "b@example.org"):
        OutboundEmail.objects.create(to=address, subject="s", body_text="b")
    reports = {}

    def run_a():
        try:
            reports["a"] = delivery.send_pending()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run_a)
    thread.start()
    assert PausingBackend.entered.wait(30)
    reports["b"] = delivery.send_pending()
    PausingBackend.release.set()
    thread.join(30)
    assert reports == {"a": (1, 0, 1, 0), "b": (1, 0, 0, 0)}
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


@pytest.mark.django_db
def test_mail_of_an_unknown_kind_stays_pending_with_a_clear_error(caplog):
    """A kind nothing renders (renamed, or its app removed) is never dropped: the row waits, says
    why, the log names no person, and the system check lists the kind."""
    from django.core import checks

    email = OutboundEmail.objects.create(
        to="", subject="", body_text="", kind="registration.renamed", arguments={"pk": 1, "name": "Olena"}
    )
    assert delivery.send_queued(email.pk) is delivery.Delivery.FAILED
    email.refresh_from_db()
    assert email.status == OutboundEmail.PENDING
    assert email.last_error.startswith("UnknownMailKind: unknown mail kind 'registration.renamed'")
    assert not mail.outbox
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert f"outbox={email.pk}" in logged and "registration.renamed" in logged and "Olena" not in logged

    warnings = [
        m for m in checks.run_checks(databases=["default"], tags=[checks.Tags.database]) if m.id == "outbox.W001"
    ]
    assert len(warnings) == 1 and "'registration.renamed'" in warnings[0].msg
    OutboundEmail.objects.filter(pk=email.pk).update(status=OutboundEmail.SENT)
    assert not [
        m for m in checks.run_checks(databases=["default"], tags=[checks.Tags.database]) if m.id == "outbox.W001"
    ]


@pytest.mark.django_db
def test_queueing_an_unregistered_kind_fails_where_it_is_written():
    from outbox.kinds import UnknownMailKind

    with pytest.raises(UnknownMailKind):
        delivery.queue_mail("registration.no_such_kind", {"pk": 1})
    assert not OutboundEmail.objects.exists()


def test_every_mail_kind_queued_in_the_code_is_registered():
    """Every `queue_mail(KIND, …)` in the apps names a kind some app registers."""
    import ast
    import importlib
    from pathlib import Path

    from django.apps import apps

    from outbox.kinds import registered_kinds

    root = Path(__file__).resolve().parents[2]
    modules = [
        path
        for config in apps.get_app_configs()
        # The project's apps: the libraries in a virtualenv inside the checkout are not ours to read.
        if root in Path(config.path).parents and "site-packages" not in Path(config.path).parts
        for path in Path(config.path).rglob("*.py")
        if "migrations" not in path.parts
    ]
    # A function that hands its own `kind` on to queue_mail (outbox.staff.queue_staff_mail) queues
    # mail too: its callers name the kind.
    queueing = {"queue_mail"}
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and "kind" in [argument.arg for argument in node.args.args]:
                calls = [call for call in ast.walk(node) if isinstance(call, ast.Call) and call.args]
                if any(
                    getattr(call.func, "attr", getattr(call.func, "id", "")) == "queue_mail"
                    and isinstance(call.args[0], ast.Name)
                    and call.args[0].id == "kind"
                    for call in calls
                ):
                    queueing.add(node.name)
    used = {}
    for path in modules:
        module_name = ".".join(path.relative_to(root).with_suffix("").parts)
        tree = ast.parse(path.read_text())
        wrappers = {node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name in queueing}
        forwarded = {id(call) for wrapper in wrappers for call in ast.walk(wrapper) if isinstance(call, ast.Call)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in forwarded:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in queueing:
                continue
            argument = node.args[0] if node.args else next(k.value for k in node.keywords if k.arg == "kind")
            if isinstance(argument, ast.Constant):
                kind = argument.value
            else:
                assert isinstance(argument, ast.Name), f"{path}:{node.lineno}: name the kind by a constant"
                kind = getattr(importlib.import_module(module_name), argument.id)
            used[kind] = f"{path.relative_to(root)}:{node.lineno}"
    assert len(used) >= 4  # registration: registrant and secretariat; interest: confirmation and secretariat
    assert {kind: where for kind, where in used.items() if kind not in registered_kinds()} == {}


def test_the_migration_turns_renderer_paths_into_kinds(transactional_db, django_db_serialized_rollback):
    """Mail queued before the upgrade names its renderer's dotted path; after it, a kind."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("home", "0003_form_outbox_and_rejections")]
    executor = MigrationExecutor(connection)
    # Back to every app's latest migration afterwards, so that later tests find every table.
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old_email = executor.loader.project_state(before).apps.get_model("home", "OutboundEmail")
        for renderer in (
            "events.registration.render_registration_mail",
            "events.registration.render_secretariat_mail",
            "partnerships.interest.render_confirmation",
            "partnerships.interest.render_secretariat",
            "somewhere.removed.render",
        ):
            old_email.objects.create(to="", subject="", body_text="", renderer=renderer, renderer_arguments={"pk": 7})
        old_email.objects.create(to="a@example.org", subject="s", body_text="already rendered")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    assert list(OutboundEmail.objects.values_list("kind", "arguments")) == [
        ("registration.registrant", {"pk": 7}),
        ("registration.secretariat", {"pk": 7}),
        ("interest.confirmation", {"pk": 7}),
        ("interest.secretariat", {"pk": 7}),
        ("somewhere.removed.render", {"pk": 7}),  # kept, so that it waits and is reported
        ("", {}),
    ]


@pytest.mark.django_db
def test_send_pending_mail_prints_each_outcome():
    from django.core.management import call_command

    OutboundEmail.objects.create(to="a@example.org", subject="s", body_text="b")
    output = io.StringIO()
    call_command("send_pending_mail", stdout=output)
    assert output.getvalue().strip() == "sent 1, failed 0, skipped 0, waiting 0"
