"""Stores the anonymous id and session id cookies once an event was sent with consent, keeps
the request in progress for the receivers of editorial signals (`editor_requests`), and takes
a hand-over from another property (`cross_property.accept`) before anything else."""

from . import cross_property, editor_requests, privacy


class TrackingCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        handed_over = cross_property.accept(request)
        if handed_over is not None:
            return handed_over
        token = editor_requests.serving(request)
        try:
            response = self.get_response(request)
        finally:
            editor_requests.done(token)
        if getattr(request, "_tracking_used", False) and privacy.may_track(request):
            domain = privacy.cookie_domain()
            secure = request.is_secure()
            if request.COOKIES.get(privacy.ANONYMOUS_ID_COOKIE) != privacy.anonymous_id(request):
                privacy.store_anonymous_id(response, privacy.anonymous_id(request), secure)
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
