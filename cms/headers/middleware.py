"""Headers added to every response.

`ContentSecurityPolicyMiddleware` is django-csp's middleware with one addition: under the Wagtail
admin's prefix (`/admin/`, which also serves the editor's live preview) the directives of
settings.CSP_ADMIN_DIRECTIVES replace the public ones, because the admin needs what the public
site must not allow (style attributes, blob: images). A view's own `csp_replace`/`csp_update`
decorators still win. Violations go to the `report-uri` of the settings; on HTTPS requests the
policy also names the Reporting API endpoint settings.CSP_REPORT_ENDPOINT_NAME (`report-to`), which
`PermissionsPolicyMiddleware` declares (browsers accept only secure endpoints).

`PermissionsPolicyMiddleware` adds `Permissions-Policy` (settings.PERMISSIONS_POLICY: {feature:
allow-list}, rendered as `feature=()` for an empty list) and, on HTTPS responses that carry a
policy, `Reporting-Endpoints`.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX):
            parts.replace = {**settings.CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        if settings.CSP_REPORT_ENDPOINT_NAME and request.is_secure():
            parts.update = {"report-to": settings.CSP_REPORT_ENDPOINT_NAME, **(parts.update or {})}
        return parts


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        endpoint = settings.CSP_REPORT_ENDPOINT_NAME
        if endpoint and request.is_secure() and "Content-Security-Policy" in response.headers:
            url = request.build_absolute_uri(reverse("csp_report"))
            response.headers.setdefault("Reporting-Endpoints", f'{endpoint}="{url}"')
        return response
