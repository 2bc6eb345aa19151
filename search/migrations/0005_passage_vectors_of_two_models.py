"""The passages' vectors are now two models' side by side (search.embeddings, decision 0016
round 10): the previous model's vectors cannot be compared with the new ones' and are dropped.
`manage.py embed_passages` (or `update_index`) embeds every passage again; until then the
results page ranks by words alone."""

from django.db import migrations


def drop_vectors(apps, schema_editor):
    apps.get_model("search", "PassageVector").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_answer_feedback")]

    operations = [migrations.RunPython(drop_vectors, migrations.RunPython.noop)]
