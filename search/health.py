"""Search's part of `/healthz`: `check()` answers "ok", or "degraded" while Elasticsearch fails
(no node answers, the cluster is red, the breaker is not closed) and the database answers
instead; `details()` gives the cluster's status (green, yellow, red), its nodes and the
breaker's state."""

from search import api


def check() -> str:
    return api.health()


def details() -> dict:
    return api.health_details()
