"""Settings → Locked-out sign-ins: axes' failure records, newest first, each with its failure
count, whether it locks its account or address now, and an Unlock button.

For superusers and anyone whose group has axes' "delete access attempt" permission (offered in
the group editor). Unlocking deletes the record, so its failures stop counting for its account and
its address; the unlock is a Wagtail log entry on the account when the account exists."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

UNLOCK_PERMISSION = "axes.delete_accessattempt"
LISTED_AT_MOST = 200


def may_unlock(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(UNLOCK_PERMISSION))


def _counting(attempts):
    """Attempts whose failures still count (younger than the cool-off, if there is one)."""
    cool_off = settings.AXES_COOLOFF_TIME
    if isinstance(cool_off, timedelta):
        return attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def _failures(**lookup) -> int:
    total = _counting(AccessAttempt.objects.filter(**lookup)).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def lockout_rows() -> list[dict]:
    limit = settings.AXES_FAILURE_LIMIT
    rows = []
    for attempt in _counting(AccessAttempt.objects.order_by("-attempt_time"))[:LISTED_AT_MOST]:
        rows.append(
            {
                "attempt": attempt,
                "account_locked": bool(attempt.username)
                and _failures(username=attempt.username) >= limit,
                "address_locked": bool(attempt.ip_address)
                and _failures(ip_address=attempt.ip_address) >= limit,
            }
        )
    return rows


def index(request: HttpRequest) -> HttpResponse:
    if not may_unlock(request.user):
        raise PermissionDenied
    context = {
        "rows": lockout_rows(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "page_title": gettext("Locked-out sign-ins"),
        "header_icon": "lock",
    }
    return render(request, "accounts/lockouts.html", context)


@require_POST
def unlock(request: HttpRequest, attempt_id: int) -> HttpResponse:
    if not may_unlock(request.user):
        raise PermissionDenied
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:  # unlocked meanwhile (by the cool-off, or another administrator)
        messages.info(request, gettext("That sign-in was already unlocked."))
        return redirect("accounts_lockouts")
    account = get_user_model().objects.filter(username=attempt.username).first()
    attempt.delete()
    if account is not None:
        log(account, "accounts.login_unlocked", user=request.user)
    messages.success(request, gettext("Unlocked. The next sign-in starts a fresh count."))
    return redirect("accounts_lockouts")
