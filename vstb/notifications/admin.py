from django.contrib import admin

from vstb.notifications.models import (
    Notification,
    ReminderPreference,
    ReminderSent,
    UnitReminderSettings,
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
