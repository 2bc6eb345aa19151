from django.db import migrations


class Migration(migrations.Migration):
    """Joins the editor guide and the regions-and-themes histories (built side by side)."""

    dependencies = [
        ("snippets", "0001_editor_guide"),
        ("snippets", "0001_initial"),
    ]

    operations = []
