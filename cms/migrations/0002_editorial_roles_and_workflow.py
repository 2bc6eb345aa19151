"""Creates the editorial groups, their permissions and the "Help content review" workflow.

The workflow is assigned to the root page, so it covers every locale's tree, including homes
that `seed_demo` or an editor adds later. Everything here is editable afterwards in the admin
(Settings → Groups, Settings → Workflows). Re-running is harmless: everything is get_or_create.
"""

from django.conf import settings
from django.db import migrations

SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt-br": "Portuguese (Brazil)",
    "ja": "Japanese",
    "ko": "Korean",
    "tr": "Turkish",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "he": "Hebrew",
}
ROOT_PAGE_PERMISSIONS = {
    "Editors": ("add", "change", "lock"),
    "Reviewers": ("add", "change", "publish", "lock", "unlock"),
}
LOCALE_PAGE_PERMISSIONS = {
    "translator": ("add", "change"),
    "reviewer": ("add", "change", "publish", "lock", "unlock"),
}
PAGE_PERMISSION_NAMES = {
    "add": "Can add page",
    "change": "Can change page",
    "publish": "Publish any page",
    "lock": "Lock/unlock pages you've locked",
    "unlock": "Unlock any page",
}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _page_permission(apps, permission_type):
    return _permission(
        apps,
        "wagtailcore",
        "page",
        f"{permission_type}_page",
        PAGE_PERMISSION_NAMES[permission_type],
    )


def _grant_page(apps, group, page, permission_types):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission_type in permission_types:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(apps, permission_type)
        )


def create_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    LocaleReviewTask = apps.get_model("cms", "LocaleReviewTask")
    LocaleScope = apps.get_model("cms", "LocaleScope")

    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    submit_translation = _permission(
        apps, "wagtail_localize", "translation", "submit_translation", "Can submit translations"
    )
    guide_permissions = [
        _permission(
            apps, "snippets", "editorguide", f"{action}_editorguide", f"Can {action} editor guide"
        )
        for action in ("add", "change", "view")
    ]
    image_permissions = [
        _permission(apps, "wagtailimages", "image", codename, name)
        for codename, name in (("add_image", "Can add image"), ("choose_image", "Can choose image"))
    ]
    document_permissions = [
        _permission(apps, "wagtaildocs", "document", codename, name)
        for codename, name in (
            ("add_document", "Can add document"),
            ("choose_document", "Can choose document"),
        )
    ]

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    # Editors and Reviewers work in every locale: their page permissions sit on the root.
    everywhere = {}
    for name, page_permissions in ROOT_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        everywhere[name] = group
        group.permissions.add(access_admin, submit_translation, *guide_permissions)
        if root is not None:
            _grant_page(apps, group, root, page_permissions)
        if root_collection is not None:
            for permission in image_permissions + document_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    # Per-locale groups: their page permissions go on their locale's tree (a child of the root).
    reviewer_groups = [everywhere["Reviewers"]]
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        language = LANGUAGE_NAMES.get(code, code)
        roles = [("reviewer", f"Reviewers – {language}")]
        if code != SOURCE_LANGUAGE:
            roles.append(("translator", f"Translators – {language}"))
        for role, name in roles:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(access_admin)
            if role == "reviewer":
                group.permissions.add(*guide_permissions)
                reviewer_groups.append(group)
            else:
                # Translators translate the editor guide in their language (hooks keep them
                # to their locale's guides).
                group.permissions.add(*guide_permissions[1:])
            if root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=image_permissions[1]
                )
            LocaleScope.objects.get_or_create(
                group=group, defaults={"language_code": code, "role": role}
            )
            for home in Page.objects.filter(depth=2, locale__language_code=code):
                _grant_page(apps, group, home, LOCALE_PAGE_PERMISSIONS[role])

    # The review workflow: one per-locale review step, assigned to the whole tree.
    task_type, _ = ContentType.objects.get_or_create(app_label="cms", model="localereviewtask")
    task = LocaleReviewTask.objects.filter(
        name="Review by a reviewer of the page's language"
    ).first()
    if task is None:
        task = LocaleReviewTask.objects.create(
            name="Review by a reviewer of the page's language",
            content_type=task_type,
            active=True,
        )
    task.groups.add(*reviewer_groups)
    workflow, _ = Workflow.objects.get_or_create(
        name="Help content review", defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("snippets", "0001_editor_guide"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
