"""Takes over the editorial models from the `cms` app without touching their tables.

The models keep their tables (`cms_localescope`, `cms_localereviewtask` and its groups); only
Django's state moves. Their content types are relabelled from "cms" to "editorial", so the
permissions granted on them, and the review workflow's task (which names its type by content
type), carry over unchanged.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED_MODELS = ("localescope", "localereviewtask", "translationprogress")


def relabel_content_types(old_label: str, new_label: str):
    def relabel(apps, schema_editor):
        from django.contrib.contenttypes.models import ContentType as LiveContentType

        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.using(schema_editor.connection.alias).filter(
            app_label=old_label, model__in=MOVED_MODELS
        ).update(app_label=new_label)
        LiveContentType.objects.clear_cache()  # it may hold the types under their old label

    return relabel


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cms", "0002_editorial_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TranslationProgress",
                    fields=[],
                    options={
                        "verbose_name": "translation progress",
                        "verbose_name_plural": "translation progress",
                        "proxy": True,
                        "indexes": [],
                        "constraints": [],
                    },
                    bases=("wagtailcore.locale",),
                ),
                migrations.CreateModel(
                    name="LocaleReviewTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                        (
                            "groups",
                            models.ManyToManyField(
                                help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                                to="auth.group",
                                verbose_name="groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Locale review task",
                        "verbose_name_plural": "Locale review tasks",
                        "db_table": "cms_localereviewtask",
                    },
                    bases=("wagtailcore.task",),
                ),
                migrations.CreateModel(
                    name="LocaleScope",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "language_code",
                            models.CharField(
                                choices=[
                                    ("en", "English"),
                                    ("es", "Español"),
                                    ("fr", "Français"),
                                    ("de", "Deutsch"),
                                    ("pt-br", "Português (Brasil)"),
                                    ("ja", "日本語"),
                                    ("ko", "한국어"),
                                    ("tr", "Türkçe"),
                                    ("ru", "Русский"),
                                    ("uk", "Українська"),
                                    ("ar", "العربية"),
                                    ("he", "עברית"),
                                ],
                                max_length=20,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[("translator", "Translator"), ("reviewer", "Reviewer")],
                                max_length=16,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "group",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="locale_scope",
                                to="auth.group",
                                verbose_name="group",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "locale scope",
                        "verbose_name_plural": "locale scopes",
                        "db_table": "cms_localescope",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            relabel_content_types("cms", "editorial"),
            relabel_content_types("editorial", "cms"),
        ),
    ]
