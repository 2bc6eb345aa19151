"""`GET /.well-known/security.txt` (RFC 9116): how to report a vulnerability.

Served when settings.SECURITY_CONTACT is set (a `mailto:` or `https:` URI; the settings turn a
bare e-mail address into `mailto:` and refuse anything else at startup); 404 otherwise.
`Expires` is required by the RFC and must be less than a year ahead: it is
settings.SECURITY_TXT_EXPIRES_DAYS after the day of the request, so the file never goes stale
while the contact setting stays true. `Policy` is added when settings.SECURITY_POLICY_URL is set.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request):
    if not settings.SECURITY_CONTACT:
        raise Http404("no security contact configured")
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    expires = today + datetime.timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: " + ", ".join(code for code, _name in settings.LANGUAGES),
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
