"""Where the admin's e-mail goes (workflow notifications, password resets).

With a mail server (`EMAIL_HOST`), Django's SMTP backend sends it. Without one, which is how
`make run` starts, `NoMailServerBackend` drops each message with one warning line instead of the
connection-refused traceback Wagtail would log for every workflow submission. The line says how
many messages were dropped, never to whom or about what.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class NoMailServerBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        if email_messages:
            logger.warning(
                "No mail server configured (EMAIL_HOST): %d e-mail(s) not sent.",
                len(email_messages),
            )
        return 0
