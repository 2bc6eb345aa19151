"""The help desk's part of `/healthz`: `check()` is the status of `forms.delivery.delivery_health`
("disabled" without HELPDESK_URL, "degraded" when tickets failed or wait too long, or when the
worker's heartbeat is stale, else "ok"); `details()` its figures."""

from forms.delivery import delivery_health


def check() -> str:
    return delivery_health()["status"]


def details() -> dict:
    figures = delivery_health()
    figures.pop("status")
    return figures
