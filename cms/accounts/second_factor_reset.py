"""A superuser removes another account's second factor (lost phone and recovery codes): Users →
⋯ → Reset two-factor, a confirmation, then the account enrols again at its next sign-in (or
goes without, when not required). Logged on the account as `accounts.second_factor_reset`."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from . import devices


def may_reset(user) -> bool:
    return bool(user.is_active and user.is_superuser)


@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    if not may_reset(request.user):
        raise PermissionDenied
    account = get_object_or_404(get_user_model(), pk=user_id)
    name = account.get_full_name() or account.get_username()
    if request.method == "POST":
        devices.remove_all(account)
        log(account, "accounts.second_factor_reset", user=request.user)
        messages.success(
            request, gettext("Two-factor authentication reset for %(name)s.") % {"name": name}
        )
        return redirect("wagtailusers_users:index")
    context = {
        "account_name": name,
        "page_title": gettext("Reset two-factor authentication"),
        "header_icon": "key",
    }
    return render(request, "accounts/second_factor_reset.html", context)
