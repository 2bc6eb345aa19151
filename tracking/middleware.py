"""Stores the anonymous id and session id cookies once an event was sent with consent, and
keeps the request in progress for the receivers of editorial signals (`editor_requests`)."""

from django.conf import settings

from . import editor_requests, privacy


class TrackingCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = editor_requests.serving(request)
        try:
            response = self.get_response(request)
        finally:
            editor_requests.done(token)
        if getattr(request, "_tracking_used", False) and privacy.may_track(request):
            domain = getattr(settings, "TRACKING_COOKIE_DOMAIN", "") or None
            secure = request.is_secure()
            if request.COOKIES.get(privacy.ANONYMOUS_ID_COOKIE) != privacy.anonymous_id(request):
                response.set_cookie(
                    privacy.ANONYMOUS_ID_COOKIE,
                    privacy.anonymous_id(request),
                    max_age=privacy.ANONYMOUS_ID_MAX_AGE,
                    domain=domain,
                    secure=secure,
                    httponly=True,
                    samesite="Lax",
                )
            if request.COOKIES.get(privacy.SESSION_COOKIE) != privacy.session_id(request):
                response.set_cookie(
                    privacy.SESSION_COOKIE,
                    privacy.session_id(request),
                    domain=domain,
                    secure=secure,
                    httponly=True,
                    samesite="Lax",
                )
        return response
