"""Admin wiring: the two-factor pages (account menu), Settings → Locked-out sign-ins, the
unlock permission in the group editor, and the log actions of both."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import lockouts_admin, second_factor_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "two-factor/verify/",
            second_factor_views.verify,
            name="accounts_second_factor_verify",
        ),
        path(
            "two-factor/enrol/",
            second_factor_views.enrol,
            name="accounts_second_factor_enrol",
        ),
        path("two-factor/", second_factor_views.manage, name="accounts_second_factor_manage"),
        path("locked-out-sign-ins/", lockouts_admin.index, name="accounts_lockouts"),
        path(
            "locked-out-sign-ins/<int:attempt_id>/unlock/",
            lockouts_admin.unlock,
            name="accounts_lockouts_unlock",
        ),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("accounts_second_factor_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Sign in with a code from an authenticator app as well as your password."),
    }


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return lockouts_admin.may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        _("Locked-out sign-ins"),
        reverse("accounts_lockouts"),
        name="locked-out-sign-ins",
        icon_name="lock",
        order=910,
    )


@hooks.register("register_permissions")
def register_unlock_permission():
    app_label, codename = lockouts_admin.UNLOCK_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        "accounts.second_factor_enrolled",
        _("Set up two-factor authentication"),
        _("Two-factor authentication set up"),
    )
    actions.register_action(
        "accounts.second_factor_removed",
        _("Turn off two-factor authentication"),
        _("Two-factor authentication turned off"),
    )
    actions.register_action(
        "accounts.recovery_codes_created",
        _("Make new recovery codes"),
        _("New recovery codes made"),
    )
    actions.register_action(
        "accounts.recovery_code_used", _("Use a recovery code"), _("Recovery code used")
    )
    actions.register_action("accounts.login_unlocked", _("Unlock sign-in"), _("Sign-in unlocked"))
