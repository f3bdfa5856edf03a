from django.contrib import admin

from vstb.leaders.models import Candidate


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    # Personal data: Django's model permissions decide which staff open it (no one by default).
    list_display = ["full_name", "unit", "planned_title", "term_start", "term_end", "status"]
    list_filter = ["status", "planned_rank", "key_position"]
    search_fields = ["full_name", "unit__name"]
    raw_id_fields = ["unit", "current_agency", "planned_agency", "position", "created_by"]
    readonly_fields = ["status", "appointed_on", "removed_on", "position", "version"]
    filter_horizontal = ["trainings"]
