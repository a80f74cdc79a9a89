"""Places per day move from the event's days to its registration form (DayCapacity), and the event's
first and last day follow from its days (no longer typed). Every capacity set on a source-language
day is moved to the source-language registration form under the same event, in the form's rows and in
each of its revisions (the admin edits the latest revision, so a form whose revisions lacked the rows
would publish them away). A capacity on an event without a registration form limits nothing and has
nowhere to go: such days are listed when the migration runs. Reversible: the rows go back to the days."""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


def source_locale(apps):
    return apps.get_model("wagtailcore", "Locale").objects.filter(language_code=settings.LANGUAGE_CODE).first()


def registration_form_of(apps, event) -> int | None:
    # Its id only: a historical form page cannot be instantiated (wagtail's form pages read a template
    # name in __init__, which historical models do not carry).
    Page = apps.get_model("wagtailcore", "Page")
    forms = Page.objects.filter(
        path__startswith=event.path,
        depth=event.depth + 1,
        locale_id=event.locale_id,
        content_type__app_label="events",
        content_type__model="registrationpage",
    )
    return forms.order_by("path").values_list("pk", flat=True).first()


def revision_rows(rows, page_pk):
    return [{"pk": row.pk, "page": page_pk, "day_key": str(row.day_key), "capacity": row.capacity} for row in rows]


def move_capacities_to_forms(apps, schema_editor):
    EventDay = apps.get_model("events", "EventDay")
    DayCapacity = apps.get_model("events", "DayCapacity")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    locale = source_locale(apps)
    if locale is None:
        return
    days = EventDay.objects.filter(locale=locale, capacity__isnull=False).order_by("page_id", "sort_order", "pk")
    by_event = {}
    for day in days:
        by_event.setdefault(day.page_id, []).append(day)
    nowhere = []
    for event_pk, event_days in by_event.items():
        event = Page.objects.get(pk=event_pk)
        form_pk = registration_form_of(apps, event)
        if form_pk is None:
            nowhere += [f"{event.title} {day.date:%Y-%m-%d}: {day.capacity}" for day in event_days]
            continue
        rows = [
            DayCapacity.objects.update_or_create(
                page_id=form_pk, day_key=day.translation_key, defaults={"capacity": day.capacity}
            )[0]
            for day in event_days
        ]
        revisions = Revision.objects.filter(
            content_type__app_label="events", content_type__model="registrationpage", object_id=str(form_pk)
        )
        for revision in revisions:
            revision.content["day_capacities"] = revision_rows(rows, form_pk)
            revision.save(update_fields=["content"])
    if nowhere:
        print("\n  Places on days of events without a registration form, which limited nothing, not kept:")
        for line in nowhere:
            print(f"    {line}")


def move_capacities_to_days(apps, schema_editor):
    EventDay = apps.get_model("events", "EventDay")
    DayCapacity = apps.get_model("events", "DayCapacity")
    locale = source_locale(apps)
    if locale is None:
        return
    for row in DayCapacity.objects.filter(page__locale=locale).only("day_key", "capacity"):
        EventDay.objects.filter(translation_key=row.day_key).update(capacity=row.capacity)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0009_hero_image_description'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='DayCapacity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day_key', models.UUIDField(help_text='translation_key of the EventDay', verbose_name='day')),
                ('capacity', models.PositiveIntegerField(verbose_name='places')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='day_capacities', to='events.registrationpage')),
            ],
            options={
                'verbose_name': 'places on a day',
                'verbose_name_plural': 'places per day',
                'constraints': [models.UniqueConstraint(fields=('page', 'day_key'), name='one_capacity_per_day_and_form')],
            },
        ),
        migrations.RunPython(move_capacities_to_forms, move_capacities_to_days),
        migrations.RemoveField(
            model_name='eventday',
            name='capacity',
        ),
        migrations.AlterField(
            model_name='eventpage',
            name='end_date',
            field=models.DateField(editable=False, verbose_name='last day'),
        ),
        migrations.AlterField(
            model_name='eventpage',
            name='start_date',
            field=models.DateField(editable=False, verbose_name='first day'),
        ),
        migrations.AlterField(
            model_name='registrationpage',
            name='closes_at',
            field=models.DateTimeField(blank=True, help_text="Empty: open until the event's first day begins.", null=True, verbose_name='closes'),
        ),
    ]
