import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_healthz_reports_every_component(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert set(body) >= {"status", "database", "search", "helpdesk", "tracking"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_lists_the_components_in_the_order_of_the_settings(client):
    body = client.get("/healthz").json()
    assert list(body) == [
        "status",
        "database",
        "search",
        "helpdesk",
        "tracking",
        "geo",
        "details",
    ]
    assert set(body["details"]["tracking"]) == {"sent", "failed", "invalid", "dropped"}


def test_healthz_is_down_with_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["database"] == "down"


def broken() -> str:
    raise RuntimeError("boom")


def test_a_failing_component_check_degrades_instead_of_crashing(client, settings):
    settings.HEALTH_CHECKS = {**settings.HEALTH_CHECKS, "search": f"{__name__}.broken"}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() | {} == response.json()
    assert response.json()["search"] == "down"
    assert response.json()["status"] == "degraded"
