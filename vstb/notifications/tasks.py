"""E-mails leave from a background job, not from the request that caused them: a report
requested from every commune of a province is thousands of messages, and a slow mail server
must not hold a page (issue 14, item 1). Webhooks likewise (issue 18): a unit's system that
does not answer must not hold the page that accepted a report."""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task

from vstb.notifications import webhooks
from vstb.notifications.models import WebhookDelivery

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


@task()
def deliver_webhook(delivery_id: int, attempt: int = 1) -> str:
    """Call a webhook with one delivery (vstb/notifications/webhooks.py); on failure, again
    after 1, 2, 4, 8, 16 and 32 minutes, then the delivery is marked failed. What happened."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    # Deleted with its webhook, done, or a job run twice (a worker killed mid-job).
    if delivery is None or not delivery.awaits(attempt):
        return "skipped"
    if not delivery.webhook.active:
        delivery.record_attempt(None, "The webhook was turned off.")
        return "failed"
    try:
        code, error = webhooks.post(delivery)
    except webhooks.RefusedAddress as refused:  # trying again would not change the address
        delivery.record_attempt(None, f"Refused: {refused}")
        logger.warning("Webhook delivery %s refused: %s", delivery_id, refused)
        return "failed"
    if not error:
        delivery.record_attempt(code)
        return "delivered"
    if attempt >= webhooks.ATTEMPTS:
        delivery.record_attempt(code, error)
        logger.warning("Webhook delivery %s gave up after %s attempts", delivery_id, attempt)
        return "failed"
    retry_at = timezone.now() + timedelta(minutes=2 ** (attempt - 1))
    delivery.record_attempt(code, error, retry_at=retry_at)
    deliver_webhook.using(run_after=retry_at).enqueue(delivery_id, attempt + 1)
    return "retrying"
