"""E-mails leave from a background job, not from the request that caused them: a report
requested from every commune of a province is thousands of messages, and a slow mail server
must not hold a page (issue 14, item 1)."""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# A mail server that refuses or does not answer is tried again after 1, 2, 4, 8 and 16
# minutes, then the job gives up (the notifications in the app remain).
ATTEMPTS = 6


@task()
def send_emails(messages: list[dict], attempt: int = 1) -> int:
    """Send `messages` ({"subject", "body", "from_email", "to"}) through one connection; how
    many the server accepted."""
    emails = [EmailMessage(**message) for message in messages]
    try:
        return get_connection().send_messages(emails) or 0
    except OSError as error:  # smtplib's errors, refused connections and timeouts alike
        if attempt >= ATTEMPTS:
            logger.error("E-mail job gave up after %s attempts: %s", attempt, error)
            raise
        delay = timedelta(minutes=2 ** (attempt - 1))
        logger.warning("E-mail job attempt %s failed (%s); again in %s", attempt, error, delay)
        send_emails.using(run_after=timezone.now() + delay).enqueue(messages, attempt + 1)
        return 0
