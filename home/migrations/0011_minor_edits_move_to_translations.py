from django.db import migrations


class Migration(migrations.Migration):
    """MinorEdit now belongs to the translations app, which keeps its table (home_minoredit): only the
    migration state forgets it here; translations' 0001_initial takes it up, and its 0002 moves the
    content type, so that the permissions given to groups stay theirs."""

    dependencies = [
        ("home", "0010_phone_with_country_code"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="MinorEdit")]),
    ]
