"""Security headers (cms/headers): the Content-Security-Policy of the public site and of the
admin, Permissions-Policy, the CSP report endpoint, security.txt, the HTTPS redirect's /healthz
exemption and LOG_LEVEL in any case."""

import json
import logging

import pytest
from django.test import override_settings

from cms.headers import reports
from tests.cms.test_deploy import run_manage


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture(autouse=True)
def fresh_report_budget(monkeypatch):
    monkeypatch.setattr(reports, "budget", reports._MinuteBudget())


@pytest.mark.django_db
def test_public_pages_get_a_strict_policy_and_the_other_headers(client):
    response = client.get("/robots.txt")
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce asked for, none sent
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-report"]
    assert "report-to" not in policy  # plain HTTP: browsers take no Reporting API endpoint
    assert "Reporting-Endpoints" not in response.headers
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    assert "fullscreen=(self " in permissions
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_admin_policy_allows_inline_styles_but_never_inline_scripts(client):
    response = client.get("/admin/login/")
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "blob:" in policy["img-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


@pytest.mark.django_db
def test_a_nonce_asked_for_by_a_template_is_in_the_policy(rf):
    from django.http import HttpResponse
    from django.template import engines

    from cms.headers.middleware import ContentSecurityPolicyMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}"></script>')

    def view(request):
        return HttpResponse(template.render({"request": request}))

    request = rf.get("/en/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = request._csp_nonce
    assert f'nonce="{nonce}"' in response.content.decode()
    assert (
        f"'nonce-{nonce}'" in directives(response.headers["Content-Security-Policy"])["script-src"]
    )


@pytest.mark.django_db
def test_over_https_the_policy_names_the_reporting_api_endpoint(client):
    response = client.get("/robots.txt", secure=True)
    assert directives(response.headers["Content-Security-Policy"])["report-to"] == ["csp-endpoint"]
    assert response.headers["Reporting-Endpoints"] == 'csp-endpoint="https://testserver/csp-report"'


REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "https://help.example.com/en/search/?q=my+email+is+ann@example.com",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "blocked-uri": "https://evil.example/x.js?token=secret",
        "source-file": "https://help.example.com/en/search/?q=ann",
        "line-number": 12,
        "status-code": 200,
    }
}
REPORTING_API_BODY = [
    {
        "type": "csp-violation",
        "url": "https://help.example.com/admin/",
        "body": {
            "documentURL": "https://help.example.com/admin/pages/3/edit/#tab-content",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "sample": "color: red",
            "disposition": "enforce",
            "lineNumber": 3,
        },
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "logged"),
    [
        (REPORT_URI_BODY, "application/csp-report", "directive=script-src-elem"),
        (REPORTING_API_BODY, "application/reports+json", "directive=style-src-attr"),
    ],
)
def test_violation_reports_are_logged_without_query_strings(
    client, caplog, body, content_type, logged
):
    with caplog.at_level(logging.WARNING, logger="cms.headers.reports"):
        response = client.post("/csp-report", json.dumps(body), content_type=content_type)
    assert response.status_code == 204
    lines = [r.getMessage() for r in caplog.records if r.name == "cms.headers.reports"]
    assert len(lines) == 1 and logged in lines[0]
    assert (
        "?" not in lines[0]
        and "ann" not in lines[0]
        and "secret" not in lines[0]
        and "#tab" not in lines[0]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"csp-report": "x"}',
        b'{"csp-report": {"blocked-uri": []}}',
        b"\xff\xfe",
        b"[" * 50_000,
    ],
)
def test_junk_reports_are_refused_with_400(client, body):
    response = client.post("/csp-report", body, content_type="application/csp-report")
    assert response.status_code in (400, 413)
    assert response.status_code == 400 or len(body) > 16384


@pytest.mark.django_db
def test_oversized_reports_are_refused_with_413_and_get_is_405(client):
    big = json.dumps({"csp-report": {"document-uri": "x" * 20_000}})
    assert client.post("/csp-report", big, content_type="application/csp-report").status_code == 413
    assert client.get("/csp-report").status_code == 405


@pytest.mark.django_db
@override_settings(CSP_REPORT_MAX_PER_MINUTE=2)
def test_a_flood_of_reports_is_logged_only_up_to_the_budget(client, caplog):
    body = json.dumps([REPORTING_API_BODY[0]] * 30)
    with caplog.at_level(logging.WARNING, logger="cms.headers.reports"):
        for _ in range(3):
            response = client.post("/csp-report", body, content_type="application/reports+json")
            assert response.status_code == 204
    assert len([r for r in caplog.records if r.name == "cms.headers.reports"]) == 2


@pytest.mark.django_db
def test_security_txt_is_served_only_with_a_contact(client, settings):
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404
    settings.SECURITY_CONTACT = "mailto:security@example.com"
    settings.SECURITY_POLICY_URL = "https://example.com/disclosure"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@example.com"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    assert fields["Policy"] == "https://example.com/disclosure"
    assert fields["Expires"].endswith("Z")
    assert "ar" in fields["Preferred-Languages"]


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_over_plain_http_is_not_redirected_but_pages_are(client):
    assert client.get("/healthz").status_code == 200
    response = client.get("/robots.txt")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.parametrize(
    ("value", "level"), [("warning", "WARNING"), ("Error", "ERROR"), (" debug ", "DEBUG")]
)
def test_log_level_is_accepted_in_any_case(value, level):
    from cms.settings.base import log_level

    assert log_level(value) == level


def test_the_server_starts_with_a_lower_case_log_level():
    result = run_manage("check", LOG_LEVEL="warning", DATABASE_URL="", SEARCH_URL="")
    assert result.returncode == 0, result.stderr


def test_an_unknown_log_level_stops_start_up_with_a_clear_message():
    result = run_manage("check", LOG_LEVEL="loud", DATABASE_URL="", SEARCH_URL="")
    assert result.returncode != 0
    assert "LOG_LEVEL='loud' is not a log level" in result.stderr


def test_a_security_contact_that_is_not_an_address_stops_start_up():
    result = run_manage("check", SECURITY_CONTACT="call us", DATABASE_URL="", SEARCH_URL="")
    assert result.returncode != 0
    assert "SECURITY_CONTACT must be an e-mail address" in result.stderr
