from django.contrib import admin

from vstb.org.models import Agency, Committee, Membership, Succession, Unit


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "search_name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "unit", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "unit__name"]
    autocomplete_fields = ["unit", "represents_unit"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "standing_agency"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit", "standing_agency"]
    inlines = [MembershipInline]
