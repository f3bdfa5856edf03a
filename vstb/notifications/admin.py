from django.contrib import admin

from vstb.notifications.models import (
    Notification,
    ReminderPreference,
    ReminderSent,
    UnitReminderSettings,
    Webhook,
    WebhookDelivery,
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "object_id", "occasion", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "enabled"]
    raw_id_fields = ["user"]


@admin.register(UnitReminderSettings)
class UnitReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["unit", "days_before"]
    raw_id_fields = ["unit"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["unit", "url", "active", "created_at"]
    list_filter = ["active"]
    raw_id_fields = ["unit", "created_by"]
    exclude = ["secret"]  # for the unit's managers, on the unit's webhooks page


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["webhook", "event", "status", "attempts", "response_code", "created_at"]
    list_filter = ["status", "event"]
    raw_id_fields = ["webhook"]
