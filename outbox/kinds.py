"""The kinds of mail that the outbox can render, and who renders each.

An outbox row names a mail *kind* ("registration.registrant"), never a Python path: a renamed or
moved function must not silently strand mail that is already queued. Each app registers its
renderers in its `AppConfig.ready()`:

    register_mail_kind("registration.registrant", render_registration_mail)

A renderer takes the row's `arguments` as keyword arguments and returns the fields of one mail
(`outbox.delivery.render_email(...)`), or None when there is nothing to send any more (the person
was erased meanwhile). A row whose kind no renderer claims stays pending with a clear `last_error`,
and `manage.py check --database default` (also run by `migrate`) lists such rows.
"""

from collections.abc import Callable

from django.core import checks
from django.db import DatabaseError

Renderer = Callable[..., dict | None]

_renderers: dict[str, Renderer] = {}


class UnknownMailKind(LookupError):
    def __init__(self, kind: str):
        super().__init__(
            f"unknown mail kind {kind!r}: no renderer is registered for it (outbox.kinds.register_mail_kind)"
        )
        self.kind = kind


def register_mail_kind(kind: str, renderer: Renderer) -> None:
    """Make `renderer` the one that renders mail of `kind`. Registering the same pair twice is
    harmless (ready() may run more than once in tests); two renderers for one kind is a mistake."""
    current = _renderers.get(kind)
    if current is not None and current is not renderer:
        raise ValueError(f"mail kind {kind!r} is already rendered by {current.__module__}.{current.__qualname__}")
    _renderers[kind] = renderer


def renderer_for(kind: str) -> Renderer:
    try:
        return _renderers[kind]
    except KeyError:
        raise UnknownMailKind(kind) from None


def registered_kinds() -> frozenset[str]:
    return frozenset(_renderers)


@checks.register(checks.Tags.database)
def check_pending_mail_kinds(app_configs=None, databases=None, **kwargs):
    """Queued mail that nothing can render: a kind was renamed or its app removed."""
    from .models import OutboundEmail

    messages = []
    for alias in databases or ():
        try:
            kinds = set(
                OutboundEmail.objects.using(alias)
                .exclude(status=OutboundEmail.SENT)
                .exclude(kind="")
                .values_list("kind", flat=True)
                .distinct()
            )
        except DatabaseError:  # not migrated yet: nothing can be queued either
            continue
        for kind in sorted(kinds - registered_kinds()):
            messages.append(
                checks.Warning(
                    f"Outgoing mail of kind {kind!r} is waiting, but no renderer is registered for that kind.",
                    hint="Register it with outbox.kinds.register_mail_kind() in the app's AppConfig.ready(), "
                    "or convert the rows to a kind that exists (OutboundEmail.kind).",
                    obj=f"database {alias!r}",
                    id="outbox.W001",
                )
            )
    return messages
