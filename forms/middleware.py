"""Refuses request bodies over FORMS_MAX_BODY_BYTES with a clear 413 page, before Django (or the
CSRF check) reads them."""

from django.conf import settings
from django.template.response import TemplateResponse


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        admin = request.path_info.startswith("/admin/")
        if request.method == "POST" and not admin and length > settings.FORMS_MAX_BODY_BYTES:
            response = TemplateResponse(
                request,
                "forms/too_large.html",
                {"limit_mb": settings.FORMS_MAX_BODY_BYTES // (1024 * 1024)},
                status=413,
            )
            response["Connection"] = "close"
            return response.render()
        return self.get_response(request)
