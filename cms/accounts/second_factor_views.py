"""The admin's two-factor pages: verify (after signing in), enrol (authenticator app, then the
recovery codes, shown once) and manage (new recovery codes, turning it off where allowed).

Verify and enrol have the sign-in page's look (no menu: the user is not through yet); manage is
an ordinary admin page, reached from the account menu. Every change is a Wagtail log entry on
the user (Reports → Site history)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.log_actions import log

from . import devices, two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=devices.CODE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def audit(request: HttpRequest, action: str) -> None:
    """A Wagtail log entry on the signed-in user's account (the lazy request.user unwrapped)."""
    account = get_user_model()._default_manager.get(pk=request.user.pk)
    log(account, action, user=account)


def next_url(request: HttpRequest) -> str:
    """Where to go once through: the `next` asked for if it is on this site, else the admin."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_second_factor(user):
        query = urlencode({"next": next_url(request)})
        return redirect(f"{reverse('accounts_second_factor_enrol')}?{query}")
    if user.is_verified():
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = devices.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                audit(request, "accounts.recovery_code_used")
                left = devices.remaining_recovery_codes(user)
                messages.warning(
                    request,
                    gettext(
                        "You signed in with a recovery code. Recovery codes left: %(left)d. "
                        "Make new ones under “Two-factor authentication” in your account."
                    )
                    % {"left": left},
                )
            return redirect(next_url(request))
        form.add_error(
            "code", gettext("That code is not valid. Check the time on your device, or wait.")
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": next_url(request)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.has_second_factor(user):
        return redirect("accounts_second_factor_manage")
    device = devices.pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if devices.confirm_app_device(device, form.cleaned_data["code"]):
            codes = devices.new_recovery_codes(user)
            otp_login(request, device)
            audit(request, "accounts.second_factor_enrolled")
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url(request), "login_look": True},
            )
        form.add_error("code", gettext("That code is not valid. Scan the QR code again."))
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": devices.qr_code_svg(device),
        "secret": devices.secret_for_typing(device),
        "required": two_factor.second_factor_required(user),
    }
    return render(request, "accounts/second_factor_enrol.html", context, status=status)


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    user = request.user
    enrolled = two_factor.has_second_factor(user)
    required = two_factor.second_factor_required(user)
    action = request.POST.get("action")
    if request.method == "POST" and enrolled and action == "recovery_codes":
        codes = devices.new_recovery_codes(user)
        audit(request, "accounts.recovery_codes_created")
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": reverse("accounts_second_factor_manage")},
        )
    if request.method == "POST" and enrolled and action == "remove" and not required:
        devices.remove_all(user)
        audit(request, "accounts.second_factor_removed")
        messages.success(request, gettext("Two-factor authentication is off."))
        return redirect("accounts_second_factor_manage")
    if request.method == "POST":
        return HttpResponse(gettext("This action is not available."), status=400)
    context = {
        "enrolled": enrolled,
        "required": required,
        "remaining": devices.remaining_recovery_codes(user) if enrolled else 0,
        "page_title": gettext("Two-factor authentication"),
        "header_icon": "key",
    }
    return render(request, "accounts/second_factor_manage.html", context)
