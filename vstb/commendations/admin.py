from django.contrib import admin

from vstb.commendations.models import Award, Proposal, Round, Submission


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    fields = ["name", "kind", "award", "status", "score"]
    readonly_fields = ["status", "score"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "proposals_due"]
    list_filter = ["year"]
    search_fields = ["unit__name"]
    raw_id_fields = ["unit", "created_by"]
    inlines = [ProposalInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["round", "deciding_unit", "award", "sent", "decided"]
    list_filter = ["award", "sent", "decided"]
    raw_id_fields = ["round", "deciding_unit", "proposal_document", "decision"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["name", "award", "year", "decision"]
    list_filter = ["award", "year"]
    search_fields = ["name"]
    raw_id_fields = ["proposal", "decision", "unit", "agency", "membership"]
