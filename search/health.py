"""Search's part of `/healthz`: `check()` answers "ok", or "degraded" while Elasticsearch fails
and the database answers instead."""

from search import api


def check() -> str:
    return api.health()
