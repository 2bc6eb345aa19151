"""Limits on contact-form posts, counted with geo.limits (django-ratelimit, the real client
address behind trusted proxies, a cache every process shares):

- accepted submissions: FORMS_RATE_LIMIT_IP per client address and FORMS_RATE_LIMIT_SESSION
  per session (a browser that keeps its cookie, on an address many people share);
- posts refused as invalid (errors, the honeypot): FORMS_RATE_LIMIT_INVALID per client address,
  counted apart, so one visitor's mistakes never use up the submissions of the next visitor
  behind the same address.

`blocked(request)` runs first and counts nothing; `accept(request)` counts one submission right
before it is saved (an atomic increment in the shared cache, so across processes exactly the
limit passes); `refused(request)` counts one invalid post. Each returns the seconds to wait (0:
go on).
"""

from __future__ import annotations

from django.conf import settings

from geo import limits

SUBMITTED = "forms-submitted"
SUBMITTED_IN_SESSION = "forms-submitted-session"
INVALID = "forms-invalid"


def _session(group: str, request) -> str:
    return request.session.session_key or ""


def blocked(request) -> int:
    waits = [
        limits.exhausted(request, INVALID, settings.FORMS_RATE_LIMIT_INVALID),
        limits.exhausted(request, SUBMITTED, settings.FORMS_RATE_LIMIT_IP),
    ]
    if request.session.session_key:
        waits.append(
            limits.exhausted(
                request, SUBMITTED_IN_SESSION, settings.FORMS_RATE_LIMIT_SESSION, key=_session
            )
        )
    return max(waits)


def accept(request) -> int:
    wait = limits.hit(request, SUBMITTED, settings.FORMS_RATE_LIMIT_IP)
    if request.session.session_key:
        wait = max(
            wait,
            limits.hit(
                request, SUBMITTED_IN_SESSION, settings.FORMS_RATE_LIMIT_SESSION, key=_session
            ),
        )
    return wait


def refused(request) -> int:
    return limits.hit(request, INVALID, settings.FORMS_RATE_LIMIT_INVALID)
