"""System check: STAFF_2FA_REQUIRED_FOR names only known kinds of account."""

from django.conf import settings
from django.core.checks import Error, register

from .two_factor import REQUIREMENT_KINDS


@register()
def check_two_factor_settings(app_configs, **kwargs):
    unknown = set(settings.STAFF_2FA_REQUIRED_FOR) - set(REQUIREMENT_KINDS)
    if unknown:
        return [
            Error(
                f"STAFF_2FA_REQUIRED_FOR has unknown entries: {', '.join(sorted(unknown))}",
                hint=f"Use a comma-separated subset of: {', '.join(REQUIREMENT_KINDS)}.",
                id="accounts.E001",
            )
        ]
    return []
