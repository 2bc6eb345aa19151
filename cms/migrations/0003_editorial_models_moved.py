"""The editorial models now belong to the `editorial` app (its 0001 takes them over with their
tables); `cms` forgets them without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_editorial_roles_and_workflow"),
        ("editorial", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="TranslationProgress"),
                migrations.DeleteModel(name="LocaleReviewTask"),
                migrations.DeleteModel(name="LocaleScope"),
            ],
            database_operations=[],
        ),
    ]
