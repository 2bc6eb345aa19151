"""The client address axes counts failures against (AXES_CLIENT_IP_CALLABLE).

The same resolution as geo: REMOTE_ADDR, or behind GEO_TRUSTED_PROXIES proxies the address the
outermost trusted proxy saw; X-Forwarded-For entries further left are the client's to forge and
are ignored, so a forged header cannot escape a lockout.
"""

from django.http import HttpRequest

from geo.resolve import client_ip


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as text, None when REMOTE_ADDR is not an address."""
    address = client_ip(request)
    return str(address) if address is not None else None
