"""The request a page was published in, when there is one.

Wagtail's `page_published` signal names the page and its revision, not the request: a publish
may come from the editor's form, a workflow approval, wagtail-localize, or `publish_scheduled`
(no request at all). `TrackingCookiesMiddleware` keeps the request in progress here so the
receiver can honour the editor's browser opt-out (DNT, GPC) and name who published.
"""

import contextvars

from django.http import HttpRequest

_current: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "tracking_request", default=None
)


def current() -> HttpRequest | None:
    return _current.get()


def serving(request: HttpRequest) -> contextvars.Token:
    return _current.set(request)


def done(token: contextvars.Token) -> None:
    _current.reset(token)
