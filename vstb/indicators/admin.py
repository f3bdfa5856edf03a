from django.contrib import admin

from vstb.indicators.models import (
    DataElement,
    DataValueChange,
    ExchangeCode,
    Indicator,
    LeadershipPosition,
    Target,
)


@admin.register(DataElement)
class DataElementAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "measure", "by_sex", "by_area", "additive"]
    search_fields = ["code", "name_vi", "name_en"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_vi",
        "measure",
        "direction",
        "objective",
        "target_number",
        "to_confirm",
    ]
    list_filter = ["to_confirm", "objective"]
    search_fields = ["code", "name_vi", "name_en"]
    inlines = [TargetInline]


@admin.register(DataValueChange)
class DataValueChangeAdmin(admin.ModelAdmin):
    """The history is read, never edited."""

    list_display = [
        "changed_at",
        "unit",
        "element",
        "year",
        "sex",
        "old_value",
        "new_value",
        "changed_by",
    ]
    list_select_related = ["unit", "element", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LeadershipPosition)
class LeadershipPositionAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "unit", "rank", "holder_sex", "start", "end"]
    list_select_related = ["agency", "unit"]


@admin.register(ExchangeCode)
class ExchangeCodeAdmin(admin.ModelAdmin):
    """Partner systems' codes for VSTB's elements, breakdowns and units (data exchange)."""

    list_display = ["kind", "key", "dhis2_id", "adx_code", "sdmx_code"]
    list_filter = ["kind"]
    search_fields = ["key", "dhis2_id", "adx_code", "sdmx_code"]
