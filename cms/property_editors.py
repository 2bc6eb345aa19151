"""Editors per property: a group whose page permissions sit on one site's root page and on every
translation of it (each locale's home of that site, siblings under the tree's root), so its
members edit that property's pages in every language and nothing of another property.

Wagtail checks page permissions down the tree from where they are granted; a group with
permissions on the tree's root (the `Editors` group of decision 0007) edits every property.
A locale added later gets its home by wagtail-localize's synchronisation: run
`grant_site_editors` again (idempotent) so the group covers it too.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Site

EDITOR_PERMISSIONS = ("add", "change", "publish", "lock")


@transaction.atomic
def grant_site_editors(site: Site, group_name: str, permission_types=EDITOR_PERMISSIONS) -> Group:
    """The group `group_name` (created when missing) with admin access and `permission_types`
    on every translation of `site`'s root page."""
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for home in site.root_page.get_translations(inclusive=True):
        for permission_type in permission_types:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
                ),
            )
    return group
