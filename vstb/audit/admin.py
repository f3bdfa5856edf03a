from django.contrib import admin

from vstb.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the trail is never changed or deleted through the admin either."""

    list_display = ["at", "actor", "actor_name", "address", "action", "object_repr", "event"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "event"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
