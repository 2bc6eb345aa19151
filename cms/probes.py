"""Probes for load balancers and orchestrators, answered before any other middleware:

- `GET /healthz/live`: liveness, `{"status": "ok"}`, touches nothing (not even the database);
- `GET /healthz/ready` and `GET /healthz`: readiness, the full report of `cms.health.healthz`
  (503 only when the database is down).

`ProbeMiddleware` comes first in MIDDLEWARE, so a probe is answered whatever its Host header
(a load balancer asks `127.0.0.1` or the node's address, which ALLOWED_HOSTS rightly refuses for
everything else) and over plain HTTP (no SECURE_SSL_REDIRECT), without a logged error.
"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cms.health import healthz


@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


PROBES = {"/healthz": healthz, "/healthz/ready": healthz, "/healthz/live": live}


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in {"GET", "HEAD"}:
            return probe(request)
        return self.get_response(request)
