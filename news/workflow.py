"""The "Moderation" workflow: news and stories, in every language, go live when a moderator approves.

An editor or a translator writes and submits for moderation; the Moderators group (news/migrations/0003)
approves, which publishes, or asks for changes. It is assigned to each language's news index and
partnerships index (which holds the stories), so every page below them goes through it, translations
included. Wagtail's own default workflow on the root ("Moderators approval") still covers the rest.

Set up after every migrate (a real site's existing sections) and whenever such an index is created (a
fresh site, the demo, a new translation), idempotently: a section an administrator has since given
another workflow keeps it.
"""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from .comments import MODERATORS_GROUP

WORKFLOW_NAME = "Moderation"
TASK_NAME = "Moderators approve"


def moderated_section_models() -> tuple:
    from partnerships.models import PartnershipsIndexPage

    from .models import NewsIndexPage

    return (NewsIndexPage, PartnershipsIndexPage)


def moderation_workflow() -> Workflow | None:
    """The workflow, made on first use; None while the Moderators group does not exist."""
    moderators = Group.objects.filter(name=MODERATORS_GROUP).first()
    if moderators is None:
        return None
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_moderation_workflow(pages=None) -> None:
    """Give `pages` (by default every news and partnerships index) the workflow, unless one of them
    already has a workflow of its own."""
    workflow = moderation_workflow()
    if workflow is None:
        return
    if pages is None:
        pages = Page.objects.type(*moderated_section_models())
    for page in pages:
        WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})


def assign_after_migrate(sender, **kwargs) -> None:
    assign_moderation_workflow()


def assign_to_new_section(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        assign_moderation_workflow([instance])
