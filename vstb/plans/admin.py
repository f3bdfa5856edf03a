from django.contrib import admin

from vstb.plans.models import NumberRegister, Plan, Reference, Section, Task


class ReferenceInline(admin.TabularInline):
    model = Reference
    fk_name = "plan"
    extra = 0
    raw_id_fields = ["linked_plan"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "unit", "year", "status", "issued_on"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["subject", "unit__name", "symbol"]
    raw_id_fields = ["unit", "parent_plan", "created_by"]
    readonly_fields = ["status", "number", "register_year", "version"]
    inlines = [ReferenceInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "kind", "order"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "lead", "due", "status"]
    list_filter = ["status"]
    raw_id_fields = ["plan", "section", "lead", "parent_task"]
    filter_horizontal = ["support", "units"]


@admin.register(NumberRegister)
class NumberRegisterAdmin(admin.ModelAdmin):
    list_display = ["unit", "issuer_body", "year", "last_number"]
    raw_id_fields = ["unit"]
