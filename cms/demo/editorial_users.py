"""Demo editorial setup for local development: locale trees equipped, the review workflow on the
whole tree, and the demo users of `content/users.json`, one per role.

The users get no usable password here; `manage.py ensure_demo_admin` sets and prints them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.users.models import UserProfile

from cms.editorial import roles

from .content_files import read


def load_users() -> list[dict]:
    return read("users.json")


def ensure_workflow_on_root() -> None:
    """The review workflow covers the whole tree (the migration assigned it to the root);
    re-assert it only if nothing is assigned there, so an admin's later choice stands."""
    root = Page.get_first_root_node()
    workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME).first()
    if root and workflow and not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=workflow)


def ensure_demo_users() -> list[str]:
    created = []
    for spec in load_users():
        user, was_created = get_user_model().objects.get_or_create(
            username=spec["username"],
            defaults={
                "email": spec["email"],
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
            },
        )
        if was_created:
            user.set_unusable_password()
            user.save()
            created.append(user.username)
        user.groups.add(Group.objects.get(name=spec["group"]))
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = spec["admin_language"]
            profile.save(update_fields=["preferred_language"])
    return created


def seed(log=print) -> None:
    granted = roles.grant_all_locale_trees()
    ensure_workflow_on_root()
    created = ensure_demo_users()
    log(
        f"Editorial roles: {granted} locale permissions granted, "
        f"{len(created)} demo users created (passwords: manage.py ensure_demo_admin)."
    )
