"""Outbox rows name a registered mail kind (home.mail) instead of the dotted path of a renderer, so
that renaming a function can no longer strand queued mail. Queued rows are converted; a path that
is not known here is kept as the kind, so that the row stays pending with a clear error and
`manage.py check --database default` lists it instead of it vanishing."""

from django.db import migrations, models

KINDS = {
    "events.registration.render_registration_mail": "registration.registrant",
    "events.registration.render_secretariat_mail": "registration.secretariat",
    "partnerships.interest.render_confirmation": "interest.confirmation",
    "partnerships.interest.render_secretariat": "interest.secretariat",
}


def renderers_to_kinds(apps, schema_editor):
    OutboundEmail = apps.get_model("home", "OutboundEmail")
    for renderer in OutboundEmail.objects.exclude(renderer="").values_list("renderer", flat=True).distinct():
        OutboundEmail.objects.filter(renderer=renderer).update(kind=KINDS.get(renderer, renderer)[:100])


def kinds_to_renderers(apps, schema_editor):
    OutboundEmail = apps.get_model("home", "OutboundEmail")
    for renderer, kind in KINDS.items():
        OutboundEmail.objects.filter(kind=kind).update(renderer=renderer)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_form_outbox_and_rejections"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundemail",
            name="kind",
            field=models.CharField(
                blank=True,
                help_text="Which kind of mail this is; it is rendered when it is sent.",
                max_length=100,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(renderers_to_kinds, kinds_to_renderers),
        migrations.RemoveField(model_name="outboundemail", name="renderer"),
        migrations.RenameField(model_name="outboundemail", old_name="renderer_arguments", new_name="arguments"),
        migrations.AlterField(
            model_name="outboundemail",
            name="arguments",
            field=models.JSONField(blank=True, default=dict, verbose_name="arguments"),
        ),
    ]
