"""Axes' database handler (AXES_HANDLER), except for what a successful sign-in clears.

Axes' own handler, with AXES_RESET_ON_SUCCESS, deletes every failure matching any lockout
parameter — the account's *and the address's*. Then anyone with one valid account could guess
another account's password four times, sign in as themselves, and start again. Here a
successful sign-in clears only the failures recorded against the account that signed in.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class AccountResetDatabaseHandler(AxesDatabaseHandler):
    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        deleted, _by_model = AccessAttempt.objects.filter(username=username).delete()
        return deleted
