"""Uploads move to the private storage: files already under MEDIA_ROOT/form-uploads/ are copied
there under random names and removed from the public folder."""

from django.core.files.storage import default_storage
from django.db import migrations, models

import forms.attachments


def move_uploads_out_of_media(apps, schema_editor):
    SubmissionFile = apps.get_model("forms", "SubmissionFile")
    private = forms.attachments.private_storage()
    for stored in SubmissionFile.objects.filter(file__startswith="form-uploads/").iterator():
        old_name = stored.file.name
        if not default_storage.exists(old_name):
            continue
        with default_storage.open(old_name, "rb") as content:
            new_name = private.save(forms.attachments.upload_name(stored, old_name), content)
        SubmissionFile.objects.filter(pk=stored.pk).update(file=new_name)
        default_storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0003_worker_heartbeat_and_lease_holder"),
    ]

    operations = [
        migrations.AlterField(
            model_name="submissionfile",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=forms.attachments.private_storage,
                upload_to=forms.attachments.upload_name,
            ),
        ),
        migrations.RunPython(move_uploads_out_of_media, migrations.RunPython.noop),
    ]
