"""The help desk's part of `/healthz`: `check()` answers "disabled" without HELPDESK_URL,
"degraded" when tickets failed or wait too long in the outbox, else "ok"."""

from forms import outbox


def check() -> str:
    return outbox.health()
