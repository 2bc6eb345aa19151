"""`GET /tracking-plan/<major>/plan.json`: the tracking plan, read-only, for every property that
sends events. The newest plan of that major version: the current one, or the last released one
of an older major (a consumer pinned to `/1/` keeps working after `2.0.0`). Unknown major: 404."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import plan_release


@require_GET
@cache_control(max_age=300, public=True)
def plan_document(request: HttpRequest, major: int) -> JsonResponse:
    current = plan_release.document()
    if plan_release.major(current["version"]) == major:
        return JsonResponse(current, json_dumps_params={"ensure_ascii": False})
    same_major = [
        version
        for version in plan_release.released_versions()
        if plan_release.major(version) == major
    ]
    if not same_major:
        return JsonResponse({"error": f"no tracking plan with major version {major}"}, status=404)
    document = plan_release.released(same_major[-1])
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
