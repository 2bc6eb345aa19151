"""The answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): 429 with a translated page in
the admin's sign-in look, saying when to try again; it names neither the account nor the address."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

LOCKOUT_STATUS = 429


def cool_off_minutes() -> int:
    """Minutes a lock lasts (0: until an administrator unlocks it)."""
    cool_off = settings.AXES_COOLOFF_TIME
    if not cool_off:
        return 0
    return max(1, round(cool_off.total_seconds() / 60))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    minutes = cool_off_minutes()
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse(
            {"error": gettext("Too many failed sign-in attempts."), "retry_after_minutes": minutes},
            status=LOCKOUT_STATUS,
        )
    response = render(
        request, "accounts/locked_out.html", {"minutes": minutes}, status=LOCKOUT_STATUS
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
