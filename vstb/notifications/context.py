"""The unread count for the badge in the top bar (settings.TEMPLATES context_processors)."""

from django.utils.functional import SimpleLazyObject

from vstb.notifications.models import Notification


def unread(request) -> dict:
    """`unread_notifications`: counted only if a template shows it (one indexed COUNT)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(user=user).unread().count()
        )
    }
