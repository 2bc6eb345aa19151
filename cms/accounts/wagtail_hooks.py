"""Admin wiring: the two-factor pages (account menu), the superusers' "Reset two-factor
authentication" in the user listing, Settings → Locked-out sign-ins, the unlock permission in the
group editor, and the log actions of all of them."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import lockouts_admin, second_factor_reset, second_factor_views, two_factor


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
        path(
            "two-factor/reset/<int:user_id>/",
            second_factor_reset.reset,
            name="accounts_second_factor_reset",
        ),
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


@hooks.register("register_user_listing_buttons")
def register_reset_button(user, request_user):
    if second_factor_reset.may_reset(request_user) and two_factor.has_second_factor(user):
        yield Button(
            _("Reset two-factor authentication"),
            reverse("accounts_second_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


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
        "accounts.second_factor_reset",
        _("Reset two-factor authentication"),
        _("Two-factor authentication reset"),
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
