from django.contrib import admin

from vstb.reviews.models import CriterionAnswer, DraftReview, Finding


class CriterionAnswerInline(admin.TabularInline):
    model = CriterionAnswer
    extra = 0


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0


@admin.register(DraftReview)
class DraftReviewAdmin(admin.ModelAdmin):
    list_display = ["draft_title", "unit", "draft_kind", "received_on", "status", "outcome"]
    list_filter = ["status", "draft_kind", "outcome"]
    search_fields = ["draft_title", "unit__name", "drafting_body", "drafting_agency__name"]
    raw_id_fields = ["unit", "drafting_agency", "reviewer_agency", "opinion", "created_by"]
    readonly_fields = ["status", "opinion", "version"]
    inlines = [CriterionAnswerInline, FindingInline]
