from django.contrib import admin

from vstb.budget.models import Allocation, Estimate, EstimateLine, EstimateReopening


class EstimateLineInline(admin.TabularInline):
    model = EstimateLine
    extra = 0
    raw_id_fields = ["section"]


class EstimateReopeningInline(admin.TabularInline):
    """The record of why an approval was undone: read, never changed here."""

    model = EstimateReopening
    extra = 0
    can_delete = False
    readonly_fields = ["reopened_at", "reopened_by", "approved_on", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Estimate)
class EstimateAdmin(admin.ModelAdmin):
    list_display = ["plan", "status", "approved_on"]
    list_filter = ["status"]
    raw_id_fields = ["plan", "approved_by"]
    readonly_fields = ["status", "approved_on", "version"]
    inlines = [EstimateLineInline, EstimateReopeningInline]


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["activity", "line"]
    raw_id_fields = ["activity", "line"]
