"""The editorial models belong to the `editorial` app and keep the tables they had in `cms`.

Their content types moved with them (same rows, relabelled), so the permissions granted on them
and the review workflow's task, which names its type by content type, still resolve.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, migrations
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Workflow

from cms.editorial import roles
from cms.editorial.models import LocaleReviewTask, LocaleScope, TranslationProgress

from .editorial import make_user

pytestmark = pytest.mark.django_db

MOVED_MODELS = (LocaleScope, LocaleReviewTask, TranslationProgress)
TABLES = {"cms_localescope", "cms_localereviewtask", "cms_localereviewtask_groups"}


def editorial_content_types() -> dict[str, int]:
    return dict(ContentType.objects.filter(app_label="editorial").values_list("model", "id"))


def review_task():
    return Workflow.objects.get(name=roles.WORKFLOW_NAME).tasks.get().specific


def test_the_moved_models_keep_their_tables():
    assert TABLES <= set(connection.introspection.table_names())
    assert LocaleScope._meta.db_table == "cms_localescope"
    assert LocaleReviewTask._meta.db_table == "cms_localereviewtask"
    assert LocaleScope.objects.filter(role="translator", language_code="ar").exists()


def test_the_content_types_of_the_moved_models_are_under_editorial():
    for model in MOVED_MODELS:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        assert (content_type.app_label, content_type.model_class()) == ("editorial", model)
    assert not ContentType.objects.filter(app_label="cms").exists()


def test_the_review_workflow_task_is_a_locale_review_task():
    task = review_task()
    assert isinstance(task, LocaleReviewTask)
    assert task.groups.filter(name=roles.reviewer_group_name("ar")).exists()


def test_the_move_relabels_the_same_content_types_both_ways():
    relabel = next(
        operation
        for operation in importlib.import_module(
            "cms.editorial.migrations.0001_initial"
        ).Migration.operations
        if isinstance(operation, migrations.RunPython)
    )
    schema_editor = SimpleNamespace(connection=connection)
    Group.objects.get(name=roles.EDITORS).permissions.add(
        Permission.objects.get(content_type__app_label="editorial", codename="view_localescope")
    )
    moved = editorial_content_types()
    assert set(moved) == {"localescope", "localereviewtask", "translationprogress"}

    relabel.reverse_code(apps, schema_editor)
    assert dict(ContentType.objects.filter(app_label="cms").values_list("model", "id")) == moved
    assert editorial_content_types() == {}

    relabel.code(apps, schema_editor)
    assert editorial_content_types() == moved
    assert make_user(roles.EDITORS).has_perm("editorial.view_localescope")
    assert isinstance(review_task(), LocaleReviewTask)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite cannot run a migration inside the test's transaction",
)
def test_editorial_migrates_back_to_zero_and_forward_keeping_its_rows():
    scopes = set(LocaleScope.objects.values_list("id", "group_id", "language_code", "role"))
    moved = editorial_content_types()
    executor = MigrationExecutor(connection)

    executor.migrate([("editorial", None)])
    assert dict(ContentType.objects.filter(app_label="cms").values_list("model", "id")) == moved
    assert TABLES <= set(connection.introspection.table_names())

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert editorial_content_types() == moved
    assert set(LocaleScope.objects.values_list("id", "group_id", "language_code", "role")) == scopes
    assert isinstance(review_task(), LocaleReviewTask)
