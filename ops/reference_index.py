"""Wagtail's reference index, kept up to date by the task worker without leaving failed tasks.

Wagtail queues an index update for every saved row of a child model (an event's organisers, linked
to the page by a ParentalKey); the task looks the row up by id when it runs and indexes its parent.
wagtail-localize replaces such rows whenever it writes a translation (copied with the page, then
copied again from the source), so the rows named by the queued updates were gone and the tasks
failed: loading the demo left six, and every translation or sync of an event three more. The
parent's own save queues the update that counts; an update queued for a child row that is deleted
before it ran is dropped with the row.
"""

from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from django.apps import apps
from django.db.models.signals import post_delete

from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task


def drop_queued_update(sender, instance, **kwargs):
    if sender not in ReferenceIndex.tracked_models or ReferenceIndex.is_indexed(sender):
        return  # not a child row Wagtail queues updates for
    if not isinstance(update_reference_index_task.get_backend(), DatabaseBackend):
        return  # other backends run the task at once, or keep no queue this can see
    arguments = [sender._meta.app_label, sender._meta.model_name, str(instance.pk)]
    DBTaskResult.objects.ready().filter(
        task_path=update_reference_index_task.module_path, args_kwargs={"args": arguments, "kwargs": {}}
    ).delete()


def connect() -> None:
    """Watch the deletes of every model linked to a parent by a ParentalKey (Wagtail decides later,
    as it registers models, which of them it tracks)."""
    for model in apps.get_models():
        if any(isinstance(field, ParentalKey) for field in model._meta.get_fields()):
            post_delete.connect(
                drop_queued_update, sender=model, dispatch_uid=f"drop-queued-update:{model._meta.label}"
            )
