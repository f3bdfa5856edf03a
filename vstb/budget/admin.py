from django.contrib import admin

from vstb.budget.models import Allocation, Estimate, EstimateLine


class EstimateLineInline(admin.TabularInline):
    model = EstimateLine
    extra = 0
    raw_id_fields = ["section"]


@admin.register(Estimate)
class EstimateAdmin(admin.ModelAdmin):
    list_display = ["plan", "status", "approved_on"]
    list_filter = ["status"]
    raw_id_fields = ["plan", "approved_by"]
    readonly_fields = ["status", "approved_on", "version"]
    inlines = [EstimateLineInline]


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["activity", "line"]
    raw_id_fields = ["activity", "line"]
