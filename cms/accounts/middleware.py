"""Keeps staff without a verified second factor out of the admin.

After django-otp's OTPMiddleware (which gives `request.user.is_verified()`). For an admin user
on an admin URL: a confirmed device not yet verified this session → the verification page; no
device while `two_factor.second_factor_required` → the enrolment page. Signing in and out, the
admin's JavaScript catalogue and icons, and the two pages themselves stay reachable.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from . import two_factor

ALWAYS_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_second_factor_verify",
}
ALLOWED_WITHOUT_DEVICE = {"accounts_second_factor_enrol"}


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        redirect_to = self.required_step(request)
        if redirect_to:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(redirect_to)}?{query}")
        return self.get_response(request)

    def required_step(self, request: HttpRequest) -> str | None:
        """The URL name the user must visit first, None when the request may go on."""
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not two_factor.is_admin_user(user) or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in ALWAYS_ALLOWED:
            return None
        if two_factor.has_second_factor(user):
            return "accounts_second_factor_verify"
        if url_name in ALLOWED_WITHOUT_DEVICE:
            return None
        if two_factor.second_factor_required(user):
            return "accounts_second_factor_enrol"
        return None
