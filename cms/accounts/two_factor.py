"""Who must sign in with a second factor.

With STAFF_2FA_REQUIRED on, an admin user needs a confirmed device when STAFF_2FA_REQUIRED_FOR
covers them: "publish" (may publish pages somewhere: superusers and groups with the page publish
permission), "users" (may add, change or delete user accounts), "all" (every admin user). Anyone
else may enrol; whoever has a confirmed device must use it, required or not.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django_otp import user_has_device
from wagtail.models import GroupPagePermission

REQUIREMENT_KINDS = ("publish", "users", "all")
USER_MANAGEMENT_PERMISSIONS = ("auth.add_user", "auth.change_user", "auth.delete_user")


def is_admin_user(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def can_publish(user: AbstractBaseUser) -> bool:
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists()


def can_manage_users(user: AbstractBaseUser) -> bool:
    return any(user.has_perm(permission) for permission in USER_MANAGEMENT_PERMISSIONS)


def second_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not settings.STAFF_2FA_REQUIRED or not is_admin_user(user):
        return False
    kinds = set(settings.STAFF_2FA_REQUIRED_FOR)
    return (
        "all" in kinds
        or ("publish" in kinds and can_publish(user))
        or ("users" in kinds and can_manage_users(user))
    )


def has_second_factor(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)
