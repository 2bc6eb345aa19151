"""Security headers of every response: the Content-Security-Policy (django-csp, with a policy for
the Wagtail admin), Permissions-Policy and Reporting-Endpoints, the CSP violation report endpoint
and /.well-known/security.txt. docs/security.md and docs/decisions/0012 say why."""
